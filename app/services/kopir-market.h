/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-market.h: the live prices of one market, for binding */

#pragma once

#include <glib-object.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_MARKET (kopir_market_get_type ())

G_DECLARE_FINAL_TYPE (KopirMarket, kopir_market, KOPIR, MARKET, GObject)

KopirMarket  *kopir_market_new                (const char         *symbol);
const char   *kopir_market_get_symbol         (KopirMarket        *self);
KopirDecimal  kopir_market_get_price          (KopirMarket        *self);
KopirDecimal  kopir_market_get_bid            (KopirMarket        *self);
KopirDecimal  kopir_market_get_ask            (KopirMarket        *self);
KopirDecimal  kopir_market_get_change_percent (KopirMarket        *self);
KopirDecimal  kopir_market_get_high           (KopirMarket        *self);
KopirDecimal  kopir_market_get_low            (KopirMarket        *self);
gint64        kopir_market_get_updated_at     (KopirMarket        *self);
void          kopir_market_set_price          (KopirMarket        *self,
                                               const KopirDecimal *price);
void          kopir_market_set_book           (KopirMarket        *self,
                                               const KopirDecimal *bid,
                                               const KopirDecimal *ask);
void          kopir_market_set_day_stats      (KopirMarket        *self,
                                               const KopirDecimal *change_percent,
                                               const KopirDecimal *high,
                                               const KopirDecimal *low);

G_END_DECLS
