/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-account.h: the customer's exchange account (/api/v3/account) */

#pragma once

#include <json-glib/json-glib.h>

#include "kopir-balance.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_ACCOUNT (kopir_account_get_type ())

G_DECLARE_FINAL_TYPE (KopirAccount, kopir_account, KOPIR, ACCOUNT, GObject)

KopirAccount  *kopir_account_new_from_json    (JsonObject    *object,
                                               GError       **error);
gboolean       kopir_account_get_can_trade    (KopirAccount  *self);
const char * const *kopir_account_get_permissions (KopirAccount *self);
GListModel    *kopir_account_get_balances     (KopirAccount  *self);
KopirBalance  *kopir_account_lookup_balance   (KopirAccount  *self,
                                               const char    *asset);
gint64         kopir_account_get_update_time  (KopirAccount  *self);
gboolean       kopir_account_get_taker_rate   (KopirAccount  *self,
                                               KopirDecimal  *rate);

G_END_DECLS
