/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-quote.h"
#include "kopir-symbol-filters.h"
#include "kopir-test-util.h"

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;

  g_assert_true (kopir_decimal_parse (s, &d, NULL));
  return d;
}

#define assert_dec_eq(d, s) G_STMT_START {                                   \
    KopirDecimal expected_ = dec (s);                                        \
    g_autofree char *got_ = kopir_decimal_dup_string (&(d));                  \
    if (!kopir_decimal_equal (&(d), &expected_))                              \
      g_error ("%s: got %s, expected %s", #d, got_, s);                      \
  } G_STMT_END

static void
btckzt_filters (KopirSymbolFilters *f)
{
  memset (f, 0, sizeof *f);
  g_strlcpy (f->symbol, "BTCKZT", sizeof f->symbol);
  g_strlcpy (f->base_asset, "BTC", sizeof f->base_asset);
  g_strlcpy (f->quote_asset, "KZT", sizeof f->quote_asset);
  f->min_price = dec ("0.01");
  f->max_price = dec ("1000000000.00");
  f->tick_size = dec ("0.01");
  f->min_qty = dec ("0.00001000");
  f->max_qty = dec ("9000.00000000");
  f->step_size = dec ("0.00001000");
  f->market_min_qty = dec ("0.00000000");
  f->market_max_qty = dec ("100.00000000");
  f->market_step_size = dec ("0.00000000");
  f->min_notional = dec ("5000.00");
  f->max_notional = dec ("0.00");
  f->apply_min_to_market = TRUE;
}

static KopirOrderBook *
btckzt_book (void)
{
  KopirOrderBook *book = kopir_order_book_new ();

  /* Added out of order, as levels may arrive; one price twice. */
  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_ASKS, "30050000.00", "0.01000000", NULL));
  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_ASKS, "30000000.00", "0.00100000", NULL));
  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_ASKS, "30010000.00", "0.00150000", NULL));
  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_ASKS, "30010000.00", "0.00050000", NULL));
  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_BIDS, "29990000.00", "0.5", NULL));
  g_assert_true (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_BIDS, "29995000.00", "0.5", NULL));
  return book;
}

static void
test_filters (void)
{
  KopirSymbolFilters f;
  KopirDecimal d, step;
  g_autoptr(GError) error = NULL;

  btckzt_filters (&f);

  d = dec ("30000000.01");
  g_assert_true (kopir_symbol_filters_check_price (&f, &d, NULL));
  d = dec ("30000000.005");
  g_assert_false (kopir_symbol_filters_check_price (&f, &d, &error));
  g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_PRICE_TICK);
  g_assert_cmpstr (error->message, ==, "The price must be a multiple of ₸0.01.");
  g_assert_cmpstr (kopir_filter_error_get_filter_name (error->code), ==, "PRICE_FILTER");
  g_clear_error (&error);
  d = dec ("0.001");
  g_assert_false (kopir_symbol_filters_check_price (&f, &d, &error));
  g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_PRICE_TOO_LOW);
  g_clear_error (&error);
  d = dec ("2000000000");
  g_assert_false (kopir_symbol_filters_check_price (&f, &d, &error));
  g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_PRICE_TOO_HIGH);
  g_clear_error (&error);

  d = dec ("0.00001");
  g_assert_true (kopir_symbol_filters_check_quantity (&f, &d, TRUE, NULL));
  d = dec ("0.000001");
  g_assert_false (kopir_symbol_filters_check_quantity (&f, &d, FALSE, &error));
  g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_QUANTITY_TOO_LOW);
  g_assert_cmpstr (error->message, ==, "The quantity is below the minimum of 0.00001\u00a0BTC for this market.");
  g_assert_cmpstr (kopir_filter_error_get_filter_name (error->code), ==, "LOT_SIZE");
  g_clear_error (&error);
  d = dec ("0.000015");
  g_assert_false (kopir_symbol_filters_check_quantity (&f, &d, FALSE, &error));
  g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_QUANTITY_STEP);
  g_clear_error (&error);
  /* 200 BTC passes LOT_SIZE but not MARKET_LOT_SIZE. */
  d = dec ("200");
  g_assert_true (kopir_symbol_filters_check_quantity (&f, &d, FALSE, NULL));
  g_assert_false (kopir_symbol_filters_check_quantity (&f, &d, TRUE, &error));
  g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_HIGH);
  g_assert_cmpstr (kopir_filter_error_get_filter_name (error->code), ==, "MARKET_LOT_SIZE");
  g_clear_error (&error);

  d = dec ("4999.99");
  g_assert_false (kopir_symbol_filters_check_notional (&f, &d, TRUE, &error));
  g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW);
  g_assert_cmpstr (error->message, ==, "The amount is below the minimum of ₸5,000 for this market.");
  g_clear_error (&error);
  f.apply_min_to_market = FALSE;
  g_assert_true (kopir_symbol_filters_check_notional (&f, &d, TRUE, NULL));
  g_assert_false (kopir_symbol_filters_check_notional (&f, &d, FALSE, NULL));
  f.max_notional = dec ("1000000");
  f.apply_max_to_market = TRUE;
  d = dec ("1000000.01");
  g_assert_false (kopir_symbol_filters_check_notional (&f, &d, TRUE, &error));
  g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_NOTIONAL_TOO_HIGH);
  g_clear_error (&error);

  /* A whole limit order: the notional is checked too. */
  {
    KopirDecimal price = dec ("30000000.00"), qty = dec ("0.0001");
    g_assert_false (kopir_symbol_filters_check_order (&f, &price, &qty, FALSE, &error));
    g_assert_error (error, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW);
    g_clear_error (&error);
    qty = dec ("0.001");
    g_assert_true (kopir_symbol_filters_check_order (&f, &price, &qty, FALSE, &error));
    g_assert_no_error (error);
  }

  /* Steps and rounding. */
  kopir_symbol_filters_get_step (&f, TRUE, &step);
  assert_dec_eq (step, "0.00001");
  f.market_step_size = dec ("0.0001");
  kopir_symbol_filters_get_step (&f, TRUE, &step);
  assert_dec_eq (step, "0.0001");
  kopir_symbol_filters_get_step (&f, FALSE, &step);
  assert_dec_eq (step, "0.00001");
  d = dec ("0.123456");
  g_assert_true (kopir_symbol_filters_round_quantity (&f, &d, FALSE, KOPIR_ROUNDING_FLOOR, &d));
  assert_dec_eq (d, "0.12345");
  d = dec ("100.005");
  g_assert_true (kopir_symbol_filters_round_price (&f, &d, KOPIR_ROUNDING_FLOOR, &d));
  assert_dec_eq (d, "100.00");

  /* No rules at all: everything goes, the step is the asset's unit. */
  {
    KopirSymbolFilters none = { 0 };
    g_strlcpy (none.base_asset, "ETH", sizeof none.base_asset);
    d = dec ("123.456789012");
    g_assert_true (kopir_symbol_filters_check_order (&none, &d, &d, FALSE, NULL));
    kopir_symbol_filters_get_step (&none, TRUE, &step);
    assert_dec_eq (step, "0.00000001");
  }
}

static void
test_book (void)
{
  g_autoptr(KopirOrderBook) book = btckzt_book ();
  const KopirBookLevel *l;

  g_assert_cmpuint (kopir_order_book_get_n_levels (book, KOPIR_BOOK_SIDE_ASKS), ==, 3);
  l = kopir_order_book_get_level (book, KOPIR_BOOK_SIDE_ASKS, 0);
  assert_dec_eq (l->price, "30000000");
  l = kopir_order_book_get_level (book, KOPIR_BOOK_SIDE_ASKS, 1);
  assert_dec_eq (l->price, "30010000");
  assert_dec_eq (l->quantity, "0.002");
  g_assert_null (kopir_order_book_get_level (book, KOPIR_BOOK_SIDE_ASKS, 3));
  l = kopir_order_book_get_level (book, KOPIR_BOOK_SIDE_BIDS, 0);
  assert_dec_eq (l->price, "29995000");

  {
    g_autoptr(GError) error = NULL;
    g_assert_false (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_ASKS, "1e3", "1", &error));
    g_assert_error (error, KOPIR_DECIMAL_ERROR, KOPIR_DECIMAL_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (kopir_order_book_add_strings (book, KOPIR_BOOK_SIDE_ASKS, "0", "1", &error));
    g_assert_error (error, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_INVALID_AMOUNT);
  }

  kopir_order_book_clear (book);
  g_assert_cmpuint (kopir_order_book_get_n_levels (book, KOPIR_BOOK_SIDE_ASKS), ==, 0);
}

static void
test_spend (void)
{
  g_autoptr(KopirOrderBook) book = btckzt_book ();
  KopirSymbolFilters f;
  g_auto(KopirQuote) q = { 0 };
  KopirDecimal amount = dec ("50000.00"), fee = dec ("0.001");
  g_autoptr(GError) error = NULL;

  btckzt_filters (&f);
  g_assert_true (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_SPEND, &amount, &fee, &q, &error));
  g_assert_no_error (error);
  g_assert_no_error (q.rejection);

  /* 0.001 at 30 000 000 and 0.00066 (whole steps of 0.00001) at 30 010 000. */
  assert_dec_eq (q.quantity, "0.00166");
  assert_dec_eq (q.notional, "49806.60");
  assert_dec_eq (q.unspent, "193.40");
  assert_dec_eq (q.fee, "0.00000166");
  assert_dec_eq (q.received, "0.00165834");
  assert_dec_eq (q.average_price, "30003975.9037");
  assert_dec_eq (q.fee_in_quote, "49.80");
  assert_dec_eq (q.best_price, "30000000");
  assert_dec_eq (q.worst_price, "30010000");
  assert_dec_eq (q.price_impact_percent, "0.02");
  g_assert_cmpuint (q.levels_used, ==, 2);
  g_assert_cmpint (kopir_decimal_compare (&q.notional, &amount), <=, 0);

  /* Below the market's minimum: a quote, and the reason. */
  kopir_quote_clear (&q);
  amount = dec ("4000");
  g_assert_true (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_SPEND, &amount, &fee, &q, NULL));
  g_assert_error (q.rejection, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW);
  g_assert_nonnull (strstr (q.rejection->message, "₸5,000"));

  /* Too little for one step: the minimum notional explains it. */
  kopir_quote_clear (&q);
  amount = dec ("100");
  g_assert_true (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_SPEND, &amount, &fee, &q, NULL));
  g_assert_true (kopir_decimal_is_zero (&q.quantity));
  g_assert_error (q.rejection, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW);

  /* Without filters, the quote says it is too small. */
  kopir_quote_clear (&q);
  g_assert_true (kopir_quote_market_buy (book, NULL, KOPIR_QUOTE_SPEND, &amount, &fee, &q, NULL));
  g_assert_true (kopir_decimal_is_positive (&q.quantity));
  g_assert_no_error (q.rejection);
  kopir_quote_clear (&q);
  amount = dec ("0.01");
  g_assert_true (kopir_quote_market_buy (book, NULL, KOPIR_QUOTE_SPEND, &amount, &fee, &q, NULL));
  g_assert_error (q.rejection, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_TOO_SMALL);

  /* More than the whole book offers. */
  kopir_quote_clear (&q);
  amount = dec ("10000000");
  g_assert_true (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_SPEND, &amount, &fee, &q, NULL));
  g_assert_error (q.rejection, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_INSUFFICIENT_LIQUIDITY);
  assert_dec_eq (q.quantity, "0.013");
  g_assert_cmpuint (q.levels_used, ==, 3);

  /* Bad input. */
  kopir_quote_clear (&q);
  amount = dec ("0");
  g_assert_false (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_SPEND, &amount, &fee, &q, &error));
  g_assert_error (error, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);
  amount = dec ("100");
  fee = dec ("1");
  g_assert_false (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_SPEND, &amount, &fee, &q, &error));
  g_assert_error (error, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);
  fee = dec ("0.001");
  kopir_order_book_clear (book);
  g_assert_false (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_SPEND, &amount, &fee, &q, &error));
  g_assert_error (error, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_EMPTY_BOOK);
}

static void
test_receive (void)
{
  g_autoptr(KopirOrderBook) book = btckzt_book ();
  KopirSymbolFilters f;
  g_auto(KopirQuote) q = { 0 };
  KopirDecimal amount = dec ("0.0123456"), fee = dec ("0.001");

  btckzt_filters (&f);
  g_assert_true (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_RECEIVE, &amount, &fee, &q, NULL));
  g_assert_no_error (q.rejection);
  g_assert_true (q.rounded);
  assert_dec_eq (q.quantity, "0.01234");
  assert_dec_eq (q.notional, "370687.00");
  assert_dec_eq (q.average_price, "30039465.1540");
  assert_dec_eq (q.worst_price, "30050000");
  assert_dec_eq (q.price_impact_percent, "0.14");
  assert_dec_eq (q.unspent, "0");
  g_assert_cmpuint (q.levels_used, ==, 3);

  kopir_quote_clear (&q);
  amount = dec ("0.001");
  g_assert_true (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_RECEIVE, &amount, &fee, &q, NULL));
  g_assert_false (q.rounded);
  assert_dec_eq (q.notional, "30000");
  assert_dec_eq (q.price_impact_percent, "0");

  kopir_quote_clear (&q);
  amount = dec ("0.000001");
  g_assert_true (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_RECEIVE, &amount, &fee, &q, NULL));
  g_assert_error (q.rejection, KOPIR_FILTER_ERROR, KOPIR_FILTER_ERROR_QUANTITY_TOO_LOW);

  kopir_quote_clear (&q);
  amount = dec ("0.5");
  g_assert_true (kopir_quote_market_buy (book, &f, KOPIR_QUOTE_RECEIVE, &amount, &fee, &q, NULL));
  g_assert_error (q.rejection, KOPIR_QUOTE_ERROR, KOPIR_QUOTE_ERROR_INSUFFICIENT_LIQUIDITY);
}

/* Random books and budgets: a spend quote never pays more than asked,
 * buys whole steps, and one more step would not have been affordable. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = kopir_test_rand_new ();
  KopirSymbolFilters f;
  KopirDecimal fee = dec ("0.001");

  btckzt_filters (&f);
  f.min_notional = dec ("0");

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(KopirOrderBook) book = kopir_order_book_new ();
      g_auto(KopirQuote) q = { 0 };
      KopirDecimal amount, step, more, check;
      guint n = g_rand_int_range (rand, 1, 20);

      for (guint j = 0; j < n; j++)
        {
          KopirDecimal price = KOPIR_DECIMAL_INIT ((gint64) g_rand_int_range (rand, 29000000, 31000000) * 100 +
                                                   g_rand_int_range (rand, 0, 100), 2);
          KopirDecimal qty = KOPIR_DECIMAL_INIT (g_rand_int_range (rand, 1, 5000000), 8);
          g_assert_true (kopir_order_book_add (book, KOPIR_BOOK_SIDE_ASKS, &price, &qty));
        }
      amount = KOPIR_DECIMAL_INIT (g_rand_int_range (rand, 1, 100000000), 2);

      if (!kopir_quote_market_buy (book, &f, KOPIR_QUOTE_SPEND, &amount, &fee, &q, NULL))
        g_error ("no quote (seed %u)", kopir_test_seed ());
      if (kopir_decimal_compare (&q.notional, &amount) > 0)
        g_error ("quote pays more than asked (seed %u)", kopir_test_seed ());
      kopir_symbol_filters_get_step (&f, TRUE, &step);
      g_assert_true (kopir_decimal_is_multiple_of (&q.quantity, &step));
      g_assert_true (kopir_decimal_add (&q.fee, &q.received, &check));
      g_assert_true (kopir_decimal_equal (&check, &q.quantity));

      if (q.rejection == NULL)
        {
          /* One step more costs more than the budget. */
          g_auto(KopirQuote) q2 = { 0 };

          g_assert_true (kopir_decimal_add (&q.quantity, &step, &more));
          g_assert_true (kopir_quote_market_buy (book, NULL, KOPIR_QUOTE_RECEIVE, &more, &fee, &q2, NULL));
          if (q2.rejection == NULL && kopir_decimal_compare (&q2.notional, &amount) <= 0)
            g_error ("a spend quote left a whole step unbought (seed %u)", kopir_test_seed ());
          /* And the receive quote for the same quantity costs the same. */
          kopir_quote_clear (&q2);
          g_assert_true (kopir_quote_market_buy (book, NULL, KOPIR_QUOTE_RECEIVE, &q.quantity, &fee, &q2, NULL));
          g_assert_true (kopir_decimal_equal (&q2.notional, &q.notional));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filters/checks", test_filters);
  g_test_add_func ("/quote/book", test_book);
  g_test_add_func ("/quote/spend", test_spend);
  g_test_add_func ("/quote/receive", test_receive);
  g_test_add_func ("/quote/random", test_random);

  return g_test_run ();
}
