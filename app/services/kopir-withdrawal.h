/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-withdrawal.h: tenge sent back from the exchange to a linked bank
 * account */

#pragma once

#include <json-glib/json-glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_WITHDRAWAL (kopir_withdrawal_get_type ())

G_DECLARE_FINAL_TYPE (KopirWithdrawal, kopir_withdrawal, KOPIR, WITHDRAWAL, GObject)

KopirWithdrawal *kopir_withdrawal_new_from_json            (JsonObject       *object,
                                                            GError          **error);
const char      *kopir_withdrawal_get_id                   (KopirWithdrawal  *self);
const char      *kopir_withdrawal_get_client_withdrawal_id (KopirWithdrawal  *self);
const char      *kopir_withdrawal_get_link_id              (KopirWithdrawal  *self);
const char      *kopir_withdrawal_get_iban                 (KopirWithdrawal  *self);
KopirDecimal     kopir_withdrawal_get_amount               (KopirWithdrawal  *self);
const char      *kopir_withdrawal_get_status               (KopirWithdrawal  *self);
gint64           kopir_withdrawal_get_created_at           (KopirWithdrawal  *self);

G_END_DECLS
