/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-deposit.h: an incoming tenge transfer, credited or returned */

#pragma once

#include <json-glib/json-glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_DEPOSIT (kopir_deposit_get_type ())

G_DECLARE_FINAL_TYPE (KopirDeposit, kopir_deposit, KOPIR, DEPOSIT, GObject)

KopirDeposit *kopir_deposit_new_from_json      (JsonObject    *object,
                                                GError       **error);
const char   *kopir_deposit_get_id             (KopirDeposit  *self);
KopirDecimal  kopir_deposit_get_amount         (KopirDeposit  *self);
gboolean      kopir_deposit_get_credited       (KopirDeposit  *self);
const char   *kopir_deposit_get_return_reason  (KopirDeposit  *self);
const char   *kopir_deposit_get_sender_iban    (KopirDeposit  *self);
gint64        kopir_deposit_get_created_at     (KopirDeposit  *self);

G_END_DECLS
