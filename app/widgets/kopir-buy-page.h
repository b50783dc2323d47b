/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_BUY_PAGE (kopir_buy_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirBuyPage, kopir_buy_page, KOPIR, BUY_PAGE, AdwBin)

GtkWidget *kopir_buy_page_new (void);

G_END_DECLS
