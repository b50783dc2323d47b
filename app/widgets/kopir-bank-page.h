/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_BANK_PAGE (kopir_bank_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirBankPage, kopir_bank_page, KOPIR, BANK_PAGE, AdwBin)

GtkWidget *kopir_bank_page_new (void);

G_END_DECLS
