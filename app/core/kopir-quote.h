/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-quote.h: an order book and what a market buy would get from it.
 *
 * A quote answers "I spend X tenge" (like a market order with
 * quoteOrderQty) or "I get Y of the crypto-asset" (a market order with
 * quantity) from the asks of the book: the quantity, the average and worst
 * price, the fee, the total paid, the price impact and whether a filter of
 * the market would refuse the order, with its reason.
 *
 * Where a choice exists it favours the customer and is shown, never
 * hidden: the quantity is rounded down to the step size (so no more is
 * spent than asked), the fee is rounded down, and average prices are
 * rounded up (so the customer is never promised a better price than they
 * get).  As on the exchange, the fee is taken from the asset received, so
 * "spend X" pays at most X in total.
 */
#pragma once

#include <glib.h>

#include "kopir-decimal.h"
#include "kopir-symbol-filters.h"

G_BEGIN_DECLS

typedef enum
{
  KOPIR_BOOK_SIDE_ASKS,
  KOPIR_BOOK_SIDE_BIDS,
} KopirBookSide;

typedef struct
{
  KopirDecimal price;
  KopirDecimal quantity;
} KopirBookLevel;

typedef struct _KopirOrderBook KopirOrderBook;

/**
 * KopirQuoteMode:
 * @KOPIR_QUOTE_SPEND: the amount is what to spend, in the quote asset
 * @KOPIR_QUOTE_RECEIVE: the amount is the quantity to buy, in the base asset
 */
typedef enum
{
  KOPIR_QUOTE_SPEND,
  KOPIR_QUOTE_RECEIVE,
} KopirQuoteMode;

/**
 * KopirQuoteError:
 * @KOPIR_QUOTE_ERROR_INVALID_AMOUNT: the amount or fee rate is not positive
 * @KOPIR_QUOTE_ERROR_EMPTY_BOOK: nobody is selling right now
 * @KOPIR_QUOTE_ERROR_INSUFFICIENT_LIQUIDITY: the book cannot fill the order
 * @KOPIR_QUOTE_ERROR_TOO_SMALL: the amount buys less than one step
 * @KOPIR_QUOTE_ERROR_TOO_LARGE: the numbers do not fit
 */
typedef enum
{
  KOPIR_QUOTE_ERROR_INVALID_AMOUNT,
  KOPIR_QUOTE_ERROR_EMPTY_BOOK,
  KOPIR_QUOTE_ERROR_INSUFFICIENT_LIQUIDITY,
  KOPIR_QUOTE_ERROR_TOO_SMALL,
  KOPIR_QUOTE_ERROR_TOO_LARGE,
} KopirQuoteError;

#define KOPIR_QUOTE_ERROR (kopir_quote_error_quark ())

/**
 * KopirQuote:
 * @mode: what @requested means
 * @requested: the amount asked for
 * @quantity: base asset bought, a multiple of the step size
 * @fee: the fee in the base asset, taken from @quantity
 * @fee_in_quote: the fee's worth in the quote asset, at @average_price
 * @received: what the customer gets: @quantity - @fee
 * @notional: the total paid in the quote asset, exact
 * @unspent: for %KOPIR_QUOTE_SPEND, @requested - @notional
 * @average_price: @notional / @quantity, rounded up to the quote scale
 *   plus two digits
 * @best_price: the lowest ask
 * @worst_price: the highest ask the order reaches
 * @price_impact_percent: how much worse the average is than the best
 *   price, in percent, rounded up to 2 decimals
 * @levels_used: how many ask levels the order takes from
 * @rounded: the requested quantity was rounded down to the step size
 * @rejection: (nullable): why the exchange would refuse this order: a
 *   #KOPIR_FILTER_ERROR or #KOPIR_QUOTE_ERROR; %NULL if it would accept it
 */
typedef struct
{
  KopirQuoteMode mode;
  KopirDecimal   requested;
  KopirDecimal   quantity;
  KopirDecimal   fee;
  KopirDecimal   fee_in_quote;
  KopirDecimal   received;
  KopirDecimal   notional;
  KopirDecimal   unspent;
  KopirDecimal   average_price;
  KopirDecimal   best_price;
  KopirDecimal   worst_price;
  KopirDecimal   price_impact_percent;
  guint          levels_used;
  gboolean       rounded;
  GError        *rejection;
} KopirQuote;

GQuark                kopir_quote_error_quark        (void);

KopirOrderBook       *kopir_order_book_new           (void);
void                  kopir_order_book_free          (KopirOrderBook           *book);
void                  kopir_order_book_clear         (KopirOrderBook           *book);
gboolean              kopir_order_book_add           (KopirOrderBook           *book,
                                                      KopirBookSide             side,
                                                      const KopirDecimal       *price,
                                                      const KopirDecimal       *quantity);
gboolean              kopir_order_book_add_strings   (KopirOrderBook           *book,
                                                      KopirBookSide             side,
                                                      const char               *price,
                                                      const char               *quantity,
                                                      GError                  **error);
guint                 kopir_order_book_get_n_levels  (const KopirOrderBook     *book,
                                                      KopirBookSide             side);
const KopirBookLevel *kopir_order_book_get_level     (const KopirOrderBook     *book,
                                                      KopirBookSide             side,
                                                      guint                     position);

gboolean              kopir_quote_market_buy         (const KopirOrderBook     *book,
                                                      const KopirSymbolFilters *filters,
                                                      KopirQuoteMode            mode,
                                                      const KopirDecimal       *amount,
                                                      const KopirDecimal       *fee_rate,
                                                      KopirQuote               *quote,
                                                      GError                  **error);
void                  kopir_quote_clear              (KopirQuote               *quote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirOrderBook, kopir_order_book_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KopirQuote, kopir_quote_clear)

G_END_DECLS
