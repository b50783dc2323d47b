/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-bank-util.h: how the bank page and its dialogs write amounts,
 * times, accounts and field errors */

#pragma once

#include <adwaita.h>

#include "kopir-bank-directory.h"
#include "kopir-bank-link.h"
#include "kopir-decimal.h"

G_BEGIN_DECLS

char       *kopir_bank_format_kzt         (const KopirDecimal  *amount);
char       *kopir_bank_format_time        (gint64              unix_ms);
const char *kopir_bank_name_for_iban      (const char          *iban,
                                           KopirBankDirectory  *directory,
                                           const char          *fallback);
char       *kopir_bank_describe_link      (KopirBankLink       *link,
                                           KopirBankDirectory  *directory);
gboolean    kopir_bank_parse_amount       (const char          *text,
                                           const KopirDecimal  *maximum,
                                           KopirDecimal        *out,
                                           char               **message);
GtkCheckButton *kopir_bank_add_choice     (AdwPreferencesGroup *group,
                                           GtkCheckButton      *first,
                                           gboolean             only,
                                           const char          *title,
                                           const char          *subtitle);
int         kopir_bank_get_choice         (GPtrArray           *choices);
void        kopir_bank_set_button_label   (GtkButton           *button,
                                           const char          *label);
void        kopir_bank_show_field_error   (GtkWidget           *field,
                                           GtkLabel            *label,
                                           const char          *message);

G_END_DECLS
