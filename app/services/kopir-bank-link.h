/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-bank-link.h: a tenge bank account linked to the exchange account */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_BANK_LINK (kopir_bank_link_get_type ())

G_DECLARE_FINAL_TYPE (KopirBankLink, kopir_bank_link, KOPIR, BANK_LINK, GObject)

KopirBankLink *kopir_bank_link_new_from_json   (JsonObject     *object,
                                                GError        **error);
const char    *kopir_bank_link_get_id          (KopirBankLink  *self);
const char    *kopir_bank_link_get_iban        (KopirBankLink  *self);
const char    *kopir_bank_link_get_bank_name   (KopirBankLink  *self);
const char    *kopir_bank_link_get_bic         (KopirBankLink  *self);
const char    *kopir_bank_link_get_holder_name (KopirBankLink  *self);

G_END_DECLS
