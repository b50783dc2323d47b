/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-quote"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-currency.h"
#include "kopir-money-format.h"
#include "kopir-quote.h"

struct _KopirOrderBook
{
  GArray *asks;   /* KopirBookLevel, lowest price first */
  GArray *bids;   /* KopirBookLevel, highest price first */
};

G_DEFINE_QUARK (kopir-quote-error-quark, kopir_quote_error)

/**
 * kopir_order_book_new:
 *
 * Returns: (transfer full): an empty order book
 */
KopirOrderBook *
kopir_order_book_new (void)
{
  KopirOrderBook *book = g_new0 (KopirOrderBook, 1);

  book->asks = g_array_new (FALSE, FALSE, sizeof (KopirBookLevel));
  book->bids = g_array_new (FALSE, FALSE, sizeof (KopirBookLevel));
  return book;
}

void
kopir_order_book_free (KopirOrderBook *book)
{
  if (book == NULL)
    return;

  g_array_unref (book->asks);
  g_array_unref (book->bids);
  g_free (book);
}

void
kopir_order_book_clear (KopirOrderBook *book)
{
  g_return_if_fail (book != NULL);

  g_array_set_size (book->asks, 0);
  g_array_set_size (book->bids, 0);
}

static GArray *
side_array (const KopirOrderBook *book,
            KopirBookSide         side)
{
  return side == KOPIR_BOOK_SIDE_ASKS ? book->asks : book->bids;
}

/**
 * kopir_order_book_add:
 * @book: a book
 * @side: asks or bids
 * @price: a positive price
 * @quantity: a positive quantity
 *
 * Adds a level in price order; a level at the same price grows.
 *
 * Returns: %FALSE if price or quantity is not positive or on overflow
 */
gboolean
kopir_order_book_add (KopirOrderBook     *book,
                      KopirBookSide       side,
                      const KopirDecimal *price,
                      const KopirDecimal *quantity)
{
  GArray *levels;
  guint lo = 0, hi;

  g_return_val_if_fail (book != NULL && price != NULL && quantity != NULL, FALSE);

  if (!kopir_decimal_is_positive (price) || !kopir_decimal_is_positive (quantity))
    return FALSE;

  levels = side_array (book, side);
  hi = levels->len;

  /* Binary search for the first level at or past @price in book order. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = kopir_decimal_compare (&g_array_index (levels, KopirBookLevel, mid).price, price);

      if (side == KOPIR_BOOK_SIDE_BIDS)
        cmp = -cmp;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < levels->len &&
      kopir_decimal_equal (&g_array_index (levels, KopirBookLevel, lo).price, price))
    {
      KopirBookLevel *level = &g_array_index (levels, KopirBookLevel, lo);
      return kopir_decimal_add (&level->quantity, quantity, &level->quantity);
    }
  else
    {
      KopirBookLevel level = { *price, *quantity };
      g_array_insert_val (levels, lo, level);
      return TRUE;
    }
}

/**
 * kopir_order_book_add_strings:
 * @book: a book
 * @side: asks or bids
 * @price: the price as the exchange writes it
 * @quantity: the quantity as the exchange writes it
 * @error: a #KOPIR_DECIMAL_ERROR or #KOPIR_QUOTE_ERROR
 *
 * Returns: %TRUE if the level was added
 */
gboolean
kopir_order_book_add_strings (KopirOrderBook  *book,
                              KopirBookSide    side,
                              const char      *price,
                              const char      *quantity,
                              GError         **error)
{
  KopirDecimal p, q;

  g_return_val_if_fail (book != NULL && price != NULL && quantity != NULL, FALSE);

  if (!kopir_decimal_parse (price, &p, error) || !kopir_decimal_parse (quantity, &q, error))
    return FALSE;

  if (!kopir_order_book_add (book, side, &p, &q))
    {
      g_set_error_literal (error, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_INVALID_AMOUNT,
                           _("The order book has a level without a positive price and quantity."));
      return FALSE;
    }

  return TRUE;
}

guint
kopir_order_book_get_n_levels (const KopirOrderBook *book,
                               KopirBookSide         side)
{
  g_return_val_if_fail (book != NULL, 0);

  return side_array (book, side)->len;
}

/**
 * kopir_order_book_get_level:
 * @position: 0 for the best price
 *
 * Returns: (nullable): the level, or %NULL past the end
 */
const KopirBookLevel *
kopir_order_book_get_level (const KopirOrderBook *book,
                            KopirBookSide         side,
                            guint                 position)
{
  GArray *levels;

  g_return_val_if_fail (book != NULL, NULL);

  levels = side_array (book, side);
  if (position >= levels->len)
    return NULL;

  return &g_array_index (levels, KopirBookLevel, position);
}

/* price × quantity, exact where the scale allows and otherwise rounded up:
 * a cost is never underestimated. */
static gboolean
cost (const KopirDecimal *price,
      const KopirDecimal *quantity,
      KopirDecimal       *out)
{
  guint scale = MIN (price->scale + quantity->scale, KOPIR_DECIMAL_MAX_SCALE);

  /* Exact, or else rounded up at eight decimals, far below a tiyn: the
   * exchange writes every number with eight decimals, and a price in the
   * millions times a quantity, at sixteen, would not fit. */
  return kopir_decimal_mul (price, quantity, scale, KOPIR_ROUNDING_UP, out) ||
         (scale > 8 && kopir_decimal_mul (price, quantity, 8, KOPIR_ROUNDING_UP, out));
}

typedef struct
{
  KopirDecimal quantity;
  KopirDecimal notional;
  KopirDecimal worst;
  guint        levels;
  gboolean     exhausted;
} Fill;

/* Takes @quantity from the asks, lowest price first. */
static gboolean
fill_quantity (const KopirOrderBook *book,
               const KopirDecimal   *quantity,
               Fill                 *fill)
{
  KopirDecimal left = *quantity;

  fill->quantity = KOPIR_DECIMAL_INIT (0, 0);
  fill->notional = KOPIR_DECIMAL_INIT (0, 0);
  fill->levels = 0;

  for (guint i = 0; i < book->asks->len && kopir_decimal_is_positive (&left); i++)
    {
      const KopirBookLevel *level = &g_array_index (book->asks, KopirBookLevel, i);
      const KopirDecimal *take = kopir_decimal_min (&level->quantity, &left);
      KopirDecimal c;

      if (!cost (&level->price, take, &c) ||
          !kopir_decimal_add (&fill->notional, &c, &fill->notional) ||
          !kopir_decimal_add (&fill->quantity, take, &fill->quantity) ||
          !kopir_decimal_sub (&left, take, &left))
        return FALSE;
      fill->worst = level->price;
      fill->levels++;
    }

  fill->exhausted = kopir_decimal_is_positive (&left);
  return TRUE;
}

/* Finds how much a budget buys, lowest price first, in whole steps. */
static gboolean
fill_budget (const KopirOrderBook *book,
             const KopirDecimal   *budget,
             const KopirDecimal   *step,
             Fill                 *fill)
{
  KopirDecimal remaining = *budget;
  gboolean stopped = FALSE;

  fill->quantity = KOPIR_DECIMAL_INIT (0, 0);
  fill->notional = KOPIR_DECIMAL_INIT (0, 0);
  fill->levels = 0;

  for (guint i = 0; i < book->asks->len; i++)
    {
      const KopirBookLevel *level = &g_array_index (book->asks, KopirBookLevel, i);
      KopirDecimal c, part;

      /* A level whose cost does not even fit is surely beyond the budget. */
      if (cost (&level->price, &level->quantity, &c) && kopir_decimal_compare (&c, &remaining) <= 0)
        {
          if (!kopir_decimal_add (&fill->quantity, &level->quantity, &fill->quantity) ||
              !kopir_decimal_add (&fill->notional, &c, &fill->notional) ||
              !kopir_decimal_sub (&remaining, &c, &remaining))
            return FALSE;
          fill->worst = level->price;
          fill->levels++;
          continue;
        }

      if (!kopir_decimal_div (&remaining, &level->price, step->scale, KOPIR_ROUNDING_DOWN, &part) ||
          !kopir_decimal_floor_to_step (&part, step, &part))
        return FALSE;
      if (kopir_decimal_is_positive (&part))
        {
          if (!cost (&level->price, &part, &c) ||
              !kopir_decimal_add (&fill->quantity, &part, &fill->quantity) ||
              !kopir_decimal_add (&fill->notional, &c, &fill->notional))
            return FALSE;
          fill->worst = level->price;
          fill->levels++;
        }
      stopped = TRUE;
      break;
    }

  fill->exhausted = !stopped && kopir_decimal_is_positive (&remaining);
  return TRUE;
}

static void
set_rejection (KopirQuote *quote,
               GError     *error)
{
  if (quote->rejection == NULL)
    quote->rejection = error;
  else
    g_error_free (error);
}

/**
 * kopir_quote_market_buy:
 * @book: the order book; only its asks are used
 * @filters: (nullable): the market's filters, to round to the step size
 *   and say what the exchange would refuse
 * @mode: whether @amount is what to spend or what to buy
 * @amount: a positive amount: of the quote asset for %KOPIR_QUOTE_SPEND,
 *   of the base asset for %KOPIR_QUOTE_RECEIVE
 * @fee_rate: the taker fee as a fraction, 0 <= rate < 1 (0.001 is 0.1 %)
 * @quote: (out caller-allocates): the quote; clear it with
 *   kopir_quote_clear()
 * @error: a #KOPIR_QUOTE_ERROR when no quote can be made at all
 *
 * An order the exchange would refuse still gets a quote, with the reason
 * in @quote->rejection.
 *
 * Returns: %TRUE if @quote was filled in
 */
gboolean
kopir_quote_market_buy (const KopirOrderBook     *book,
                        const KopirSymbolFilters *filters,
                        KopirQuoteMode            mode,
                        const KopirDecimal       *amount,
                        const KopirDecimal       *fee_rate,
                        KopirQuote               *quote,
                        GError                  **error)
{
  static const KopirSymbolFilters no_filters;
  const KopirDecimal one = KOPIR_DECIMAL_INIT (1, 0);
  const KopirDecimal hundred = KOPIR_DECIMAL_INIT (100, 0);
  const KopirBookLevel *best;
  KopirDecimal step, diff;
  guint base_scale, quote_scale;
  Fill fill = { { 0, 0 }, { 0, 0 }, { 0, 0 }, 0, FALSE };

  g_return_val_if_fail (book != NULL && amount != NULL && fee_rate != NULL && quote != NULL, FALSE);

  memset (quote, 0, sizeof *quote);
  if (filters == NULL)
    filters = &no_filters;

  if (!kopir_decimal_is_positive (amount) || kopir_decimal_is_negative (fee_rate) ||
      kopir_decimal_compare (fee_rate, &one) >= 0)
    {
      g_set_error_literal (error, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_INVALID_AMOUNT,
                           _("Enter an amount greater than zero."));
      return FALSE;
    }

  best = kopir_order_book_get_level (book, KOPIR_BOOK_SIDE_ASKS, 0);
  if (best == NULL)
    {
      g_set_error_literal (error, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_EMPTY_BOOK,
                           _("Nobody is selling on this market right now. Try again later."));
      return FALSE;
    }

  kopir_symbol_filters_get_step (filters, TRUE, &step);
  base_scale = MAX (step.scale, kopir_currency_get_scale (filters->base_asset[0] ? filters->base_asset : NULL));
  quote_scale = kopir_currency_get_scale (filters->quote_asset[0] ? filters->quote_asset : NULL);

  quote->mode = mode;
  quote->requested = *amount;
  quote->best_price = best->price;

  if (mode == KOPIR_QUOTE_SPEND)
    {
      KopirDecimal floored;

      if (!fill_budget (book, amount, &step, &fill) ||
          !kopir_decimal_floor_to_step (&fill.quantity, &step, &floored))
        goto too_large;
      /* Whole levels may hold quantities off the step; then buy the
       * rounded-down quantity instead, and as many more whole steps as
       * what that saves can pay for (a step or two at most). */
      if (!kopir_decimal_equal (&floored, &fill.quantity))
        {
          gboolean exhausted = fill.exhausted;

          if (!fill_quantity (book, &floored, &fill))
            goto too_large;
          for (guint i = 0; i < 16; i++)
            {
              KopirDecimal next;
              Fill more;

              if (!kopir_decimal_add (&floored, &step, &next) ||
                  !fill_quantity (book, &next, &more) ||
                  more.exhausted || kopir_decimal_compare (&more.notional, amount) > 0)
                break;
              floored = next;
              fill = more;
            }
          fill.exhausted = exhausted;
        }
      if (!kopir_decimal_sub (amount, &fill.notional, &quote->unspent))
        goto too_large;
    }
  else
    {
      KopirDecimal wanted;

      if (!kopir_decimal_floor_to_step (amount, &step, &wanted))
        goto too_large;
      quote->rounded = !kopir_decimal_equal (&wanted, amount);
      if (!fill_quantity (book, &wanted, &fill))
        goto too_large;
    }

  quote->quantity = fill.quantity;
  quote->notional = fill.notional;
  quote->levels_used = fill.levels;
  quote->worst_price = fill.levels > 0 ? fill.worst : best->price;

  if (!kopir_decimal_is_positive (&fill.quantity))
    {
      /* Prefer the market's own minimum when it explains the refusal. */
      if (mode == KOPIR_QUOTE_SPEND &&
          !kopir_symbol_filters_check_notional (filters, amount, TRUE, &quote->rejection))
        return TRUE;
      if (!kopir_symbol_filters_check_quantity (filters, &fill.quantity, TRUE, &quote->rejection))
        return TRUE;
      g_set_error_literal (&quote->rejection, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_TOO_SMALL,
                           _("The amount is too small to buy anything. Enter a larger amount."));
      return TRUE;
    }

  if (!kopir_decimal_mul (&fill.quantity, fee_rate, base_scale, KOPIR_ROUNDING_DOWN, &quote->fee) ||
      !kopir_decimal_sub (&fill.quantity, &quote->fee, &quote->received) ||
      !kopir_decimal_div (&fill.notional, &fill.quantity, MIN (best->price.scale + 2, KOPIR_DECIMAL_MAX_SCALE),
                          KOPIR_ROUNDING_UP, &quote->average_price) ||
      !kopir_decimal_mul (&quote->fee, &quote->average_price, quote_scale, KOPIR_ROUNDING_DOWN,
                          &quote->fee_in_quote) ||
      !kopir_decimal_sub (&quote->average_price, &best->price, &diff) ||
      !kopir_decimal_mul_exact (&diff, &hundred, &diff) ||
      !kopir_decimal_div (&diff, &best->price, 2, KOPIR_ROUNDING_UP, &quote->price_impact_percent))
    goto too_large;

  if (fill.exhausted)
    {
      GError *e = g_error_new_literal (KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_INSUFFICIENT_LIQUIDITY,
                                       _("Not enough is offered on this market for this amount right now. "
                                         "Enter a smaller amount."));
      set_rejection (quote, e);
    }
  else
    {
      GError *e = NULL;

      if (!kopir_symbol_filters_check_quantity (filters, &fill.quantity, TRUE, &e) ||
          !kopir_symbol_filters_check_notional (filters, &fill.notional, TRUE, &e))
        set_rejection (quote, e);
    }

  return TRUE;

too_large:
  kopir_quote_clear (quote);
  g_set_error_literal (error, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_TOO_LARGE,
                       _("The amount is too large."));
  return FALSE;
}

/**
 * kopir_quote_clear:
 * @quote: a quote
 *
 * Frees what the quote holds (its rejection) and zeroes it.
 */
void
kopir_quote_clear (KopirQuote *quote)
{
  g_return_if_fail (quote != NULL);

  g_clear_error (&quote->rejection);
  memset (quote, 0, sizeof *quote);
}
