/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-exchange.c: the exchange client against a real kopir-sandbox */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include "kopir-exchange-client.h"
#include "kopir-ledger.h"
#include "kopir-test-util.h"

typedef struct
{
  KopirTestSandbox    *sandbox;
  SoupSession         *session;
  KopirExchangeClient *client;
  char                *customer_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KopirCredentials) credentials = NULL;

  fixture->sandbox = kopir_test_sandbox_new ();
  fixture->session = kopir_http_session_new ();
  fixture->client = kopir_exchange_client_new (fixture->session);
  kopir_exchange_client_set_base_url (fixture->client, kopir_test_sandbox_get_url (fixture->sandbox));
  credentials = kopir_test_sandbox_new_customer (fixture->sandbox, "1000000.00", &fixture->customer_id);
  kopir_exchange_client_set_credentials (fixture->client, credentials);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sandbox, kopir_test_sandbox_free);
  g_clear_pointer (&fixture->customer_id, g_free);
}

static KopirAccount *
get_account (Fixture  *fixture,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kopir_exchange_client_get_account_async (fixture->client, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);

  return kopir_exchange_client_get_account_finish (fixture->client, result, error);
}

static KopirOrder *
place (Fixture    *fixture,
       const char *spend,
       const char *client_order_id,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  KopirOrderRequest request = { "BTCKZT", "BUY", "MARKET", };

  g_assert_true (kopir_decimal_parse (spend, &request.quote_order_qty, NULL));
  request.client_order_id = client_order_id;

  kopir_exchange_client_place_order_async (fixture->client, &request, NULL,
                                           kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);

  return kopir_exchange_client_place_order_finish (fixture->client, result, error);
}

static void
test_market_data (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) info = NULL;
  g_autoptr(KopirMarket) ticker = NULL;
  g_autoptr(KopirOrderBook) book = NULL;
  g_autoptr(GArray) klines = NULL;
  g_autoptr(GError) error = NULL;
  const KopirSymbolFilters *filters;
  KopirDecimal price, bid, ask, min_notional;

  kopir_exchange_client_get_exchange_info_async (fixture->client, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  info = kopir_exchange_client_get_exchange_info_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->len, >=, 4);
  g_clear_object (&result);

  /* The tenge markets of the pilot, with their rules. */
  filters = kopir_exchange_client_lookup_filters (fixture->client, "BTCKZT");
  g_assert_nonnull (filters);
  g_assert_cmpstr (filters->base_asset, ==, "BTC");
  g_assert_cmpstr (filters->quote_asset, ==, "KZT");
  g_assert_true (kopir_decimal_parse ("2500", &min_notional, NULL));
  g_assert_cmpint (kopir_decimal_compare (&filters->min_notional, &min_notional), ==, 0);
  g_assert_true (kopir_decimal_is_positive (&filters->step_size));
  for (const char * const *s = (const char * const[]) { "ETHKZT", "USDTKZT", "SOLKZT", NULL }; *s; s++)
    g_assert_nonnull (kopir_exchange_client_lookup_filters (fixture->client, *s));
  g_assert_cmpuint (kopir_exchange_client_get_weight_limit (fixture->client), >, 0);

  kopir_exchange_client_get_ticker_async (fixture->client, "BTCKZT", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  ticker = kopir_exchange_client_get_ticker_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  price = kopir_market_get_price (ticker);
  bid = kopir_market_get_bid (ticker);
  ask = kopir_market_get_ask (ticker);
  g_assert_true (kopir_decimal_is_positive (&price));
  g_assert_cmpint (kopir_decimal_compare (&bid, &ask), <=, 0);
  g_clear_object (&result);

  kopir_exchange_client_get_depth_async (fixture->client, "BTCKZT", 20, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  book = kopir_exchange_client_get_depth_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kopir_order_book_get_n_levels (book, KOPIR_BOOK_SIDE_ASKS), >, 0);
  g_assert_cmpuint (kopir_order_book_get_n_levels (book, KOPIR_BOOK_SIDE_BIDS), >, 0);
  g_clear_object (&result);

  kopir_exchange_client_get_klines_async (fixture->client, "BTCKZT", "1m", 10, NULL,
                                          kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  klines = kopir_exchange_client_get_klines_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (klines->len, ==, 10);
  g_assert_cmpint (g_array_index (klines, KopirKline, 0).open_time, <,
                   g_array_index (klines, KopirKline, 9).open_time);
  g_clear_object (&result);

  /* The weight header is tracked. */
  g_assert_cmpuint (kopir_exchange_client_get_used_weight (fixture->client), >, 0);

  /* A market that does not exist. */
  kopir_exchange_client_get_ticker_async (fixture->client, "DOGEKZT", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_null (kopir_exchange_client_get_ticker_finish (fixture->client, result, &error));
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL);
}

static void
test_order_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KopirOrder) order = NULL;
  g_autoptr(KopirOrder) queried = NULL;
  g_autoptr(KopirAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) trades = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_order_id = kopir_ledger_new_client_order_id ();
  KopirDecimal spent, expected, executed, traded = { 0, };
  KopirBalance *kzt;
  KopirDecimal free_kzt;

  order = place (fixture, "50000", client_order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_order_get_status (order), ==, KOPIR_ORDER_STATUS_FILLED);
  g_assert_cmpstr (kopir_order_get_client_order_id (order), ==, client_order_id);
  spent = kopir_order_get_cummulative_quote_qty (order);
  g_assert_true (kopir_decimal_parse ("50000", &expected, NULL));
  /* Never more than asked. */
  g_assert_cmpint (kopir_decimal_compare (&spent, &expected), <=, 0);
  g_assert_cmpuint (kopir_order_get_n_fills (order), >, 0);

  kopir_exchange_client_query_order_async (fixture->client, "BTCKZT", client_order_id, NULL,
                                           kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  queried = kopir_exchange_client_query_order_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_order_get_order_id (queried), ==, kopir_order_get_order_id (order));
  executed = kopir_order_get_executed_qty (queried);
  g_clear_object (&result);

  kopir_exchange_client_get_order_trades_async (fixture->client, "BTCKZT",
                                                kopir_order_get_order_id (order), NULL,
                                                kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  trades = kopir_exchange_client_get_order_trades_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < trades->len; i++)
    {
      KopirDecimal qty = kopir_trade_get_qty (g_ptr_array_index (trades, i));

      g_assert_true (kopir_decimal_add (&traded, &qty, &traded));
    }
  g_assert_cmpint (kopir_decimal_compare (&traded, &executed), ==, 0);

  account = get_account (fixture, &error);
  g_assert_no_error (error);
  g_assert_true (kopir_account_get_can_trade (account));
  kzt = kopir_account_lookup_balance (account, "KZT");
  g_assert_nonnull (kzt);
  free_kzt = kopir_balance_get_free (kzt);
  g_assert_true (kopir_decimal_parse ("1000000", &expected, NULL));
  g_assert_true (kopir_decimal_sub (&expected, &spent, &expected));
  g_assert_cmpint (kopir_decimal_compare (&free_kzt, &expected), ==, 0);
}

static void
test_limit_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirMarket) book = NULL;
  g_autoptr(KopirOrder) order = NULL;
  g_autoptr(KopirOrder) cancelled = NULL;
  g_autoptr(GPtrArray) open_orders = NULL;
  g_autoptr(GPtrArray) still_open = NULL;
  g_autoptr(KopirAccount) account = NULL;
  g_autofree char *client_order_id = kopir_ledger_new_client_order_id ();
  KopirOrderRequest request = { "BTCKZT", "BUY", "LIMIT", };
  KopirDecimal bid, half, price, locked;

  kopir_exchange_client_get_book_ticker_async (fixture->client, "BTCKZT", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  book = kopir_exchange_client_get_book_ticker_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Half the best bid, off the tick size: it waits in the book, at a price
   * rounded down to the tick (never more than the customer offered). */
  bid = kopir_market_get_bid (book);
  g_assert_true (kopir_decimal_div (&bid, (KopirDecimal[]) { kopir_decimal_from_int (2) }, 2,
                                    KOPIR_ROUNDING_DOWN, &half));
  g_assert_true (kopir_decimal_add (&half, (KopirDecimal[]) { KOPIR_DECIMAL_INIT (37, 2) }, &request.price));
  g_assert_true (kopir_decimal_parse ("0.001", &request.quantity, NULL));
  request.time_in_force = "GTC";
  request.client_order_id = client_order_id;

  kopir_exchange_client_place_order_async (fixture->client, &request, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  order = kopir_exchange_client_place_order_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_order_get_status (order), ==, KOPIR_ORDER_STATUS_NEW);
  g_assert_false (kopir_order_is_final (order));
  price = kopir_order_get_price (order);
  g_assert_cmpint (kopir_decimal_compare (&price, &request.price), <, 0);
  g_assert_true (kopir_decimal_is_multiple_of (&price, &kopir_exchange_client_lookup_filters (fixture->client, "BTCKZT")->tick_size));
  g_clear_object (&result);

  kopir_exchange_client_get_open_orders_async (fixture->client, "BTCKZT", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  open_orders = kopir_exchange_client_get_open_orders_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open_orders->len, ==, 1);
  g_assert_cmpstr (kopir_order_get_client_order_id (g_ptr_array_index (open_orders, 0)), ==, client_order_id);
  g_clear_object (&result);

  /* The tenge it would spend is held. */
  account = get_account (fixture, &error);
  g_assert_no_error (error);
  locked = kopir_balance_get_locked (kopir_account_lookup_balance (account, "KZT"));
  g_assert_true (kopir_decimal_is_positive (&locked));

  kopir_exchange_client_cancel_order_async (fixture->client, "BTCKZT", client_order_id, NULL,
                                            kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  cancelled = kopir_exchange_client_cancel_order_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_order_get_status (cancelled), ==, KOPIR_ORDER_STATUS_CANCELED);
  g_clear_object (&result);

  kopir_exchange_client_get_open_orders_async (fixture->client, NULL, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  still_open = kopir_exchange_client_get_open_orders_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (still_open->len, ==, 0);
  g_clear_object (&result);

  /* Cancelling again: the exchange knows no such open order. */
  kopir_exchange_client_cancel_order_async (fixture->client, "BTCKZT", client_order_id, NULL,
                                            kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_null (kopir_exchange_client_cancel_order_finish (fixture->client, result, &error));
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A test order is checked like a real one and leaves nothing behind. */
  request.type = "MARKET";
  request.quote_order_qty = kopir_decimal_from_int (100);
  kopir_exchange_client_test_order_async (fixture->client, &request, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_exchange_client_test_order_finish (fixture->client, result, &error));
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM);
  g_clear_error (&error);
  g_clear_object (&result);

  request.quote_order_qty = kopir_decimal_from_int (5000);
  kopir_exchange_client_test_order_async (fixture->client, &request, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_exchange_client_test_order_finish (fixture->client, result, &error));
  g_assert_no_error (error);
}

static void
test_errors_for_customers (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirOrder) order = NULL;
  g_autoptr(KopirAccount) account = NULL;
  g_autoptr(KopirCredentials) wrong = NULL;
  g_autofree char *id1 = kopir_ledger_new_client_order_id ();
  g_autofree char *id2 = kopir_ledger_new_client_order_id ();
  g_autofree char *id3 = kopir_ledger_new_client_order_id ();

  /* Below the market's minimum: refused by Kopir before sending, with the
   * limit in the message. */
  order = place (fixture, "100", id1, &error);
  g_assert_null (order);
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM);
  g_assert_cmpint (kopir_exchange_error_get_exchange_code (error), ==, -1013);
  g_clear_error (&error);

  /* More than the balance. */
  order = place (fixture, "5000000", id2, &error);
  g_assert_null (order);
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_INSUFFICIENT_BALANCE);
  g_assert_cmpint (kopir_exchange_error_get_exchange_code (error), ==, -2010);
  g_assert_null (strstr (error->message, "-2010"));
  g_clear_error (&error);

  /* A rate limit on an order is not waited out: the customer is told when
   * to come back. */
  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"rate_limit_burst\", \"path\": \"/api/v3/order\","
                                " \"method\": \"POST\", \"retry_after_s\": 120}");
  order = place (fixture, "5000", id3, &error);
  g_assert_null (order);
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_RATE_LIMITED);
  g_assert_cmpuint (kopir_exchange_error_get_retry_after (error), ==, 120);
  g_assert_true (g_regex_match_simple ("[0-9][0-9]:[0-9][0-9]", error->message, 0, 0));
  g_clear_error (&error);

  /* A wrong key. */
  wrong = kopir_credentials_new ("NotAKeyAtAllNotAKeyAtAllNotAKeyAtAll0123", "secret0123456789");
  kopir_exchange_client_set_credentials (fixture->client, wrong);
  account = get_account (fixture, &error);
  g_assert_null (account);
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_BAD_KEY);
}

static void
test_safe_retries (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) faults = NULL;
  guint status = 0;

  /* Reads come through 5xx, unreadable answers, dropped connections and a
   * short rate limit by themselves: each answer below is a fault, and
   * only the fourth attempt is answered. */
  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"http_503\", \"path\": \"/api/v3/account\"}");
  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"malformed_json\", \"path\": \"/api/v3/account\"}");
  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"rate_limit_burst\", \"path\": \"/api/v3/account\","
                                " \"retry_after_s\": 1}");
  {
    g_autoptr(KopirAccount) account = get_account (fixture, &error);

    g_assert_no_error (error);
    g_assert_nonnull (account);
  }

  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"drop_after_accept\", \"path\": \"/api/v3/account\"}");
  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"http_500\", \"path\": \"/api/v3/account\"}");
  {
    g_autoptr(KopirAccount) account = get_account (fixture, &error);

    g_assert_no_error (error);
    g_assert_nonnull (account);
  }

  /* Four failures in a row are too many: the customer hears of it. */
  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"http_503\", \"path\": \"/api/v3/account\", \"count\": 4}");
  {
    g_autoptr(KopirAccount) account = get_account (fixture, &error);

    g_assert_null (account);
    g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_BUSY);
    g_clear_error (&error);
  }

  faults = kopir_test_sandbox_request (fixture->sandbox, "GET", "/sandbox/v1/faults", NULL, &status);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (faults),
                                                                         "faults")), ==, 0);
}

static void
test_clock_skew (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirAccount) first = NULL;
  g_autoptr(KopirAccount) second = NULL;
  g_autoptr(KopirOrder) order = NULL;
  g_autofree char *client_order_id = kopir_ledger_new_client_order_id ();
  gint64 offset;

  first = get_account (fixture, &error);
  g_assert_no_error (error);

  /* The exchange's clock jumps ahead of ours by a minute: the first
   * signed request is refused (-1021), the clock resynchronised and the
   * request sent again, and the order is placed once. */
  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"clock_skew\", \"skew_ms\": 60000}");
  order = place (fixture, "5000", client_order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_order_get_status (order), ==, KOPIR_ORDER_STATUS_FILLED);
  offset = kopir_exchange_client_get_clock_offset (fixture->client);
  g_assert_cmpint (offset, >, 50000);
  g_assert_cmpint (offset, <, 70000);

  second = get_account (fixture, &error);
  g_assert_no_error (error);
  kopir_test_sandbox_clear_faults (fixture->sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/exchange/market-data", Fixture, NULL, fixture_set_up, test_market_data, fixture_tear_down);
  g_test_add ("/exchange/order-round-trip", Fixture, NULL, fixture_set_up, test_order_round_trip, fixture_tear_down);
  g_test_add ("/exchange/limit-order", Fixture, NULL, fixture_set_up, test_limit_order, fixture_tear_down);
  g_test_add ("/exchange/errors", Fixture, NULL, fixture_set_up, test_errors_for_customers, fixture_tear_down);
  g_test_add ("/exchange/safe-retries", Fixture, NULL, fixture_set_up, test_safe_retries, fixture_tear_down);
  g_test_add ("/exchange/clock-skew", Fixture, NULL, fixture_set_up, test_clock_skew, fixture_tear_down);

  return g_test_run ();
}
