/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-symbol-filters.h: the trading rules of one market (symbol).
 *
 * The exchange publishes them in /api/v3/exchangeInfo as filters:
 * PRICE_FILTER (minPrice, maxPrice, tickSize), LOT_SIZE and MARKET_LOT_SIZE
 * (minQty, maxQty, stepSize) and NOTIONAL or the older MIN_NOTIONAL (the
 * order's value in the quote asset: minNotional, maxNotional and whether
 * they apply to market orders).  As on the exchange, a zero bound or step
 * means "no rule".  Market orders must satisfy LOT_SIZE and also
 * MARKET_LOT_SIZE.
 *
 * Each check tells which filter refuses an order, by its error code, and
 * why, in a translated message with the limit written as money in the
 * user interface's language ("below the minimum of 5 000 ₸").
 */
#pragma once

#include <glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

/**
 * KopirSymbolFilters:
 * @symbol: e.g. "BTCKZT"
 * @base_asset: e.g. "BTC"
 * @quote_asset: e.g. "KZT"
 *
 * Zero-initialise, then fill in what the exchange publishes.
 */
typedef struct
{
  char         symbol[32];
  char         base_asset[16];
  char         quote_asset[16];

  KopirDecimal min_price;
  KopirDecimal max_price;
  KopirDecimal tick_size;

  KopirDecimal min_qty;
  KopirDecimal max_qty;
  KopirDecimal step_size;

  KopirDecimal market_min_qty;
  KopirDecimal market_max_qty;
  KopirDecimal market_step_size;

  KopirDecimal min_notional;
  KopirDecimal max_notional;
  gboolean     apply_min_to_market;
  gboolean     apply_max_to_market;
} KopirSymbolFilters;

/**
 * KopirFilterError:
 * @KOPIR_FILTER_ERROR_PRICE_TOO_LOW: PRICE_FILTER minPrice
 * @KOPIR_FILTER_ERROR_PRICE_TOO_HIGH: PRICE_FILTER maxPrice
 * @KOPIR_FILTER_ERROR_PRICE_TICK: PRICE_FILTER tickSize
 * @KOPIR_FILTER_ERROR_QUANTITY_TOO_LOW: LOT_SIZE minQty
 * @KOPIR_FILTER_ERROR_QUANTITY_TOO_HIGH: LOT_SIZE maxQty
 * @KOPIR_FILTER_ERROR_QUANTITY_STEP: LOT_SIZE stepSize
 * @KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_LOW: MARKET_LOT_SIZE minQty
 * @KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_HIGH: MARKET_LOT_SIZE maxQty
 * @KOPIR_FILTER_ERROR_MARKET_QUANTITY_STEP: MARKET_LOT_SIZE stepSize
 * @KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW: NOTIONAL (MIN_NOTIONAL) minNotional
 * @KOPIR_FILTER_ERROR_NOTIONAL_TOO_HIGH: NOTIONAL maxNotional
 */
typedef enum
{
  KOPIR_FILTER_ERROR_PRICE_TOO_LOW,
  KOPIR_FILTER_ERROR_PRICE_TOO_HIGH,
  KOPIR_FILTER_ERROR_PRICE_TICK,
  KOPIR_FILTER_ERROR_QUANTITY_TOO_LOW,
  KOPIR_FILTER_ERROR_QUANTITY_TOO_HIGH,
  KOPIR_FILTER_ERROR_QUANTITY_STEP,
  KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_LOW,
  KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_HIGH,
  KOPIR_FILTER_ERROR_MARKET_QUANTITY_STEP,
  KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW,
  KOPIR_FILTER_ERROR_NOTIONAL_TOO_HIGH,
} KopirFilterError;

#define KOPIR_FILTER_ERROR (kopir_filter_error_quark ())

GQuark      kopir_filter_error_quark                (void);
const char *kopir_filter_error_get_filter_name      (KopirFilterError          code);

gboolean    kopir_symbol_filters_check_price        (const KopirSymbolFilters *filters,
                                                     const KopirDecimal       *price,
                                                     GError                  **error);
gboolean    kopir_symbol_filters_check_quantity     (const KopirSymbolFilters *filters,
                                                     const KopirDecimal       *quantity,
                                                     gboolean                  market,
                                                     GError                  **error);
gboolean    kopir_symbol_filters_check_notional     (const KopirSymbolFilters *filters,
                                                     const KopirDecimal       *notional,
                                                     gboolean                  market,
                                                     GError                  **error);
gboolean    kopir_symbol_filters_check_order        (const KopirSymbolFilters *filters,
                                                     const KopirDecimal       *price,
                                                     const KopirDecimal       *quantity,
                                                     gboolean                  market,
                                                     GError                  **error);
void        kopir_symbol_filters_get_step           (const KopirSymbolFilters *filters,
                                                     gboolean                  market,
                                                     KopirDecimal             *step);
gboolean    kopir_symbol_filters_round_quantity     (const KopirSymbolFilters *filters,
                                                     const KopirDecimal       *quantity,
                                                     gboolean                  market,
                                                     KopirRounding             rounding,
                                                     KopirDecimal             *out);
gboolean    kopir_symbol_filters_round_price        (const KopirSymbolFilters *filters,
                                                     const KopirDecimal       *price,
                                                     KopirRounding             rounding,
                                                     KopirDecimal             *out);

G_END_DECLS
