/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quotes from an order book as the exchange writes it: every price and
 * quantity with eight decimals, prices in the tens of millions. */
#include "config.h"

#include <glib.h>

#include "kopir-quote.h"

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;

  g_assert_true (kopir_decimal_parse (s, &d, NULL));
  return d;
}

static void
test_bitcoin_book (void)
{
  g_autoptr(KopirOrderBook) book = kopir_order_book_new ();
  KopirSymbolFilters filters = { 0, };
  g_auto(KopirQuote) spend = { 0, };
  g_auto(KopirQuote) receive = { 0, };
  KopirDecimal amount = dec ("50000.00"), quantity = dec ("0.00300000"), rate = dec ("0.00100000");
  g_autoptr(GError) error = NULL;
  g_autofree char *received = NULL;
  g_autofree char *notional = NULL;

  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_ASKS, "46654766.00000000",
                                               "0.02150000", &error));
  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_ASKS, "46655766.00000000",
                                               "0.03100000", &error));
  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_BIDS, "46653766.00000000",
                                               "0.02000000", &error));
  filters.step_size = dec ("0.00001000");
  filters.market_step_size = dec ("0.00001000");
  filters.min_notional = dec ("2500.00000000");
  filters.apply_min_to_market = TRUE;

  /* 50 000 tenge buys 0.00107 BTC at the lowest ask. */
  g_assert_true (kopir_quote_market_buy (book, &filters, KOPIR_QUOTE_SPEND, &amount, &rate, &spend, &error));
  g_assert_no_error (error);
  g_assert_null (spend.rejection);
  g_assert_cmpint (kopir_decimal_compare (&spend.quantity, &KOPIR_DECIMAL_INIT (107, 5)), ==, 0);
  notional = kopir_decimal_dup_string (&spend.notional);
  g_assert_cmpint (kopir_decimal_compare (&spend.notional, &KOPIR_DECIMAL_INIT (4992059962, 5)), ==, 0);
  g_assert_cmpuint (spend.levels_used, ==, 1);

  /* 0.003 BTC, all from the first level. */
  g_assert_true (kopir_quote_market_buy (book, &filters, KOPIR_QUOTE_RECEIVE, &quantity, &rate, &receive, &error));
  g_assert_no_error (error);
  g_assert_null (receive.rejection);
  received = kopir_decimal_dup_string (&receive.received);
  g_assert_cmpuint (receive.levels_used, ==, 1);
  g_assert_cmpint (kopir_decimal_compare (&receive.quantity, &quantity), ==, 0);

  /* 2 000 000 tenge walks into the second level: the average lies
   * between the two prices and the impact is above zero. */
  {
    g_auto(KopirQuote) deep = { 0, };
    KopirDecimal big = dec ("2000000.00");
    KopirDecimal low = dec ("46654766"), high = dec ("46655766");

    g_assert_true (kopir_quote_market_buy (book, &filters, KOPIR_QUOTE_SPEND, &big, &rate, &deep, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (deep.levels_used, ==, 2);
    g_assert_cmpint (kopir_decimal_compare (&deep.average_price, &low), >, 0);
    g_assert_cmpint (kopir_decimal_compare (&deep.average_price, &high), <, 0);
    g_assert_true (kopir_decimal_is_positive (&deep.price_impact_percent));
    g_assert_cmpint (kopir_decimal_compare (&deep.notional, &big), <=, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quote-exchange/bitcoin-book", test_bitcoin_book);

  return g_test_run ();
}
