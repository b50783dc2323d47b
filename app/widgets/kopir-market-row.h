/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "kopir-market.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_MARKET_ROW (kopir_market_row_get_type ())

G_DECLARE_FINAL_TYPE (KopirMarketRow, kopir_market_row, KOPIR, MARKET_ROW, GtkListBoxRow)

GtkWidget   *kopir_market_row_new          (KopirMarket    *market);
KopirMarket *kopir_market_row_get_market   (KopirMarketRow *self);
const char  *kopir_market_row_get_asset    (KopirMarketRow *self);
void         kopir_market_row_set_checking (KopirMarketRow *self,
                                            gboolean        checking);
guint        kopir_market_row_get_n_updates (KopirMarketRow *self);

const char  *kopir_asset_badge_symbol      (const char     *asset);
char        *kopir_format_change           (const KopirDecimal *percent,
                                            gboolean            for_screen_reader);

G_END_DECLS
