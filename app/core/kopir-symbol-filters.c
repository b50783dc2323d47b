/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-filters"

#include "config.h"

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-currency.h"
#include "kopir-money-format.h"
#include "kopir-symbol-filters.h"

G_DEFINE_QUARK (kopir-filter-error-quark, kopir_filter_error)

/**
 * kopir_filter_error_get_filter_name:
 * @code: a #KopirFilterError
 *
 * Returns: the exchange's name of the filter, e.g. "LOT_SIZE", for
 *   diagnostics and logs
 */
const char *
kopir_filter_error_get_filter_name (KopirFilterError code)
{
  switch (code)
    {
    case KOPIR_FILTER_ERROR_PRICE_TOO_LOW:
    case KOPIR_FILTER_ERROR_PRICE_TOO_HIGH:
    case KOPIR_FILTER_ERROR_PRICE_TICK:
      return "PRICE_FILTER";
    case KOPIR_FILTER_ERROR_QUANTITY_TOO_LOW:
    case KOPIR_FILTER_ERROR_QUANTITY_TOO_HIGH:
    case KOPIR_FILTER_ERROR_QUANTITY_STEP:
      return "LOT_SIZE";
    case KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_LOW:
    case KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_HIGH:
    case KOPIR_FILTER_ERROR_MARKET_QUANTITY_STEP:
      return "MARKET_LOT_SIZE";
    case KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW:
    case KOPIR_FILTER_ERROR_NOTIONAL_TOO_HIGH:
      return "NOTIONAL";
    default:
      return "UNKNOWN";
    }
}

/* Writes a limit for a message, in the language of the screen. */
static char *
format_limit (const KopirDecimal *value,
              const char         *asset)
{
  return kopir_money_format (value, asset[0] != '\0' ? asset : NULL, kopir_money_ui_language (),
                             KOPIR_MONEY_FORMAT_KEEP_SCALE | KOPIR_MONEY_FORMAT_TRIM_ZEROS);
}

/* A macro rather than a function so the translated format stays a literal
 * the compiler can check against its argument. */
#define REJECT(error, code, format, limit, asset)                              \
  G_STMT_START {                                                               \
    if ((error) != NULL)                                                       \
      {                                                                        \
        g_autofree char *text_ = format_limit ((limit), (asset));              \
        g_set_error ((error), KOPIR_FILTER_ERROR, (code), (format), text_);    \
      }                                                                        \
    return FALSE;                                                              \
  } G_STMT_END

/**
 * kopir_symbol_filters_check_price:
 * @filters: the market's rules
 * @price: a limit price
 * @error: a #KOPIR_FILTER_ERROR from PRICE_FILTER
 *
 * Returns: %TRUE if PRICE_FILTER accepts @price
 */
gboolean
kopir_symbol_filters_check_price (const KopirSymbolFilters *filters,
                                  const KopirDecimal       *price,
                                  GError                  **error)
{
  g_return_val_if_fail (filters != NULL && price != NULL, FALSE);

  if (!kopir_decimal_is_zero (&filters->min_price) &&
      kopir_decimal_compare (price, &filters->min_price) < 0)
    REJECT (error, KOPIR_FILTER_ERROR_PRICE_TOO_LOW,
                   _("The price is below the minimum of %s for this market."),
                   &filters->min_price, filters->quote_asset);
  if (!kopir_decimal_is_zero (&filters->max_price) &&
      kopir_decimal_compare (price, &filters->max_price) > 0)
    REJECT (error, KOPIR_FILTER_ERROR_PRICE_TOO_HIGH,
                   _("The price is above the maximum of %s for this market."),
                   &filters->max_price, filters->quote_asset);
  if (kopir_decimal_is_positive (&filters->tick_size) &&
      !kopir_decimal_is_multiple_of (price, &filters->tick_size))
    REJECT (error, KOPIR_FILTER_ERROR_PRICE_TICK,
                   _("The price must be a multiple of %s."),
                   &filters->tick_size, filters->quote_asset);

  return TRUE;
}

static gboolean
check_lot (const KopirDecimal       *quantity,
           const KopirDecimal       *min_qty,
           const KopirDecimal       *max_qty,
           const KopirDecimal       *step,
           KopirFilterError          first_code,
           const KopirSymbolFilters *filters,
           GError                  **error)
{
  if (!kopir_decimal_is_zero (min_qty) && kopir_decimal_compare (quantity, min_qty) < 0)
    REJECT (error, first_code,
                   _("The quantity is below the minimum of %s for this market."),
                   min_qty, filters->base_asset);
  if (!kopir_decimal_is_zero (max_qty) && kopir_decimal_compare (quantity, max_qty) > 0)
    REJECT (error, first_code + 1,
                   _("The quantity is above the maximum of %s for this market."),
                   max_qty, filters->base_asset);
  if (kopir_decimal_is_positive (step) && !kopir_decimal_is_multiple_of (quantity, step))
    REJECT (error, first_code + 2,
                   _("The quantity must be a multiple of %s."),
                   step, filters->base_asset);
  return TRUE;
}

/**
 * kopir_symbol_filters_check_quantity:
 * @filters: the market's rules
 * @quantity: the quantity of the base asset
 * @market: whether the order is a market order (MARKET_LOT_SIZE applies)
 * @error: a #KOPIR_FILTER_ERROR from LOT_SIZE or MARKET_LOT_SIZE
 *
 * Returns: %TRUE if the lot size filters accept @quantity
 */
gboolean
kopir_symbol_filters_check_quantity (const KopirSymbolFilters *filters,
                                     const KopirDecimal       *quantity,
                                     gboolean                  market,
                                     GError                  **error)
{
  g_return_val_if_fail (filters != NULL && quantity != NULL, FALSE);

  if (!check_lot (quantity, &filters->min_qty, &filters->max_qty, &filters->step_size,
                  KOPIR_FILTER_ERROR_QUANTITY_TOO_LOW, filters, error))
    return FALSE;

  if (market &&
      !check_lot (quantity, &filters->market_min_qty, &filters->market_max_qty,
                  &filters->market_step_size, KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_LOW,
                  filters, error))
    return FALSE;

  return TRUE;
}

/**
 * kopir_symbol_filters_check_notional:
 * @filters: the market's rules
 * @notional: the order's value in the quote asset (price × quantity)
 * @market: whether the order is a market order
 * @error: a #KOPIR_FILTER_ERROR from NOTIONAL
 *
 * Returns: %TRUE if the notional filter accepts @notional
 */
gboolean
kopir_symbol_filters_check_notional (const KopirSymbolFilters *filters,
                                     const KopirDecimal       *notional,
                                     gboolean                  market,
                                     GError                  **error)
{
  g_return_val_if_fail (filters != NULL && notional != NULL, FALSE);

  if ((!market || filters->apply_min_to_market) && !kopir_decimal_is_zero (&filters->min_notional) &&
      kopir_decimal_compare (notional, &filters->min_notional) < 0)
    REJECT (error, KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW,
                   _("The amount is below the minimum of %s for this market."),
                   &filters->min_notional, filters->quote_asset);
  if ((!market || filters->apply_max_to_market) && !kopir_decimal_is_zero (&filters->max_notional) &&
      kopir_decimal_compare (notional, &filters->max_notional) > 0)
    REJECT (error, KOPIR_FILTER_ERROR_NOTIONAL_TOO_HIGH,
                   _("The amount is above the maximum of %s for this market."),
                   &filters->max_notional, filters->quote_asset);

  return TRUE;
}

/**
 * kopir_symbol_filters_check_order:
 * @filters: the market's rules
 * @price: (nullable): the limit price, or for a market order an estimate
 *   used for the notional check only; %NULL skips price and notional
 * @quantity: the quantity
 * @market: whether it is a market order
 * @error: the first filter that refuses the order
 *
 * Returns: %TRUE if every filter accepts the order
 */
gboolean
kopir_symbol_filters_check_order (const KopirSymbolFilters *filters,
                                  const KopirDecimal       *price,
                                  const KopirDecimal       *quantity,
                                  gboolean                  market,
                                  GError                  **error)
{
  KopirDecimal notional;

  g_return_val_if_fail (filters != NULL && quantity != NULL, FALSE);

  if (price != NULL && !market && !kopir_symbol_filters_check_price (filters, price, error))
    return FALSE;
  if (!kopir_symbol_filters_check_quantity (filters, quantity, market, error))
    return FALSE;
  if (price != NULL &&
      kopir_decimal_mul (price, quantity, MIN (price->scale + quantity->scale, KOPIR_DECIMAL_MAX_SCALE),
                         KOPIR_ROUNDING_DOWN, &notional) &&
      !kopir_symbol_filters_check_notional (filters, &notional, market, error))
    return FALSE;

  return TRUE;
}

/**
 * kopir_symbol_filters_get_step:
 * @filters: the market's rules
 * @market: whether for a market order
 * @step: (out): the quantity step: the coarser of the lot steps that
 *   apply, or the base asset's smallest unit when there is none
 */
void
kopir_symbol_filters_get_step (const KopirSymbolFilters *filters,
                               gboolean                  market,
                               KopirDecimal             *step)
{
  g_return_if_fail (filters != NULL && step != NULL);

  *step = filters->step_size;
  if (market && kopir_decimal_compare (&filters->market_step_size, step) > 0)
    *step = filters->market_step_size;
  if (!kopir_decimal_is_positive (step))
    *step = KOPIR_DECIMAL_INIT (1, kopir_currency_get_scale (filters->base_asset));
}

/**
 * kopir_symbol_filters_round_quantity:
 * @filters: the market's rules
 * @quantity: a quantity
 * @market: whether for a market order
 * @rounding: which way; callers choose the way that favours the customer
 * @out: (out): @quantity on the step
 *
 * Returns: %FALSE on overflow
 */
gboolean
kopir_symbol_filters_round_quantity (const KopirSymbolFilters *filters,
                                     const KopirDecimal       *quantity,
                                     gboolean                  market,
                                     KopirRounding             rounding,
                                     KopirDecimal             *out)
{
  KopirDecimal step;

  g_return_val_if_fail (filters != NULL && quantity != NULL && out != NULL, FALSE);

  kopir_symbol_filters_get_step (filters, market, &step);
  return kopir_decimal_round_to_step (quantity, &step, rounding, out);
}

/**
 * kopir_symbol_filters_round_price:
 * @filters: the market's rules
 * @price: a price
 * @rounding: which way: down for a buy limit, up for a sell limit
 * @out: (out): @price on the tick
 *
 * Returns: %FALSE on overflow
 */
gboolean
kopir_symbol_filters_round_price (const KopirSymbolFilters *filters,
                                  const KopirDecimal       *price,
                                  KopirRounding             rounding,
                                  KopirDecimal             *out)
{
  g_return_val_if_fail (filters != NULL && price != NULL && out != NULL, FALSE);

  if (!kopir_decimal_is_positive (&filters->tick_size))
    {
      *out = *price;
      return TRUE;
    }

  return kopir_decimal_round_to_step (price, &filters->tick_size, rounding, out);
}
