/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-account-holder.h: the name and IIN the exchange verified, which a
 * linked bank account must carry */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_ACCOUNT_HOLDER (kopir_account_holder_get_type ())

G_DECLARE_FINAL_TYPE (KopirAccountHolder, kopir_account_holder, KOPIR, ACCOUNT_HOLDER, GObject)

KopirAccountHolder *kopir_account_holder_new_from_json (JsonObject          *object,
                                                        GError             **error);
const char         *kopir_account_holder_get_customer_id (KopirAccountHolder *self);
const char         *kopir_account_holder_get_name        (KopirAccountHolder *self);
const char         *kopir_account_holder_get_iin         (KopirAccountHolder *self);
gboolean            kopir_account_holder_get_resident    (KopirAccountHolder *self);

G_END_DECLS
