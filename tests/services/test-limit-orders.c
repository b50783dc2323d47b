/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-limit-orders.c: buying a quantity, limit orders followed to their
 * fill, cancelled, refused by the filters and found again after a
 * restart, against a real kopir-sandbox. */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <glib/gstdio.h>

#include "kopir-purchase-manager.h"
#include "kopir-test-util.h"

typedef struct
{
  KopirTestSandbox     *sandbox;
  SoupSession          *session;
  KopirExchangeClient  *client;
  KopirCredentials     *credentials;
  char                 *dir;
  char                 *ledger_path;
  KopirLedger          *ledger;
  KopirPurchaseManager *manager;
} Fixture;

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;

  g_assert_true (kopir_decimal_parse (s, &d, NULL));
  return d;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KopirCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  f->sandbox = kopir_test_sandbox_new ();
  f->session = kopir_http_session_new ();
  f->client = kopir_exchange_client_new (f->session);
  kopir_exchange_client_set_base_url (f->client, kopir_test_sandbox_get_url (f->sandbox));
  credentials = kopir_test_sandbox_new_customer (f->sandbox, "400000.00", NULL);
  kopir_exchange_client_set_credentials (f->client, credentials);
  f->credentials = kopir_credentials_copy (credentials);

  f->dir = g_dir_make_tmp ("kopir-limit-XXXXXX", &error);
  g_assert_no_error (error);
  f->ledger_path = g_build_filename (f->dir, "ledger.sqlite", NULL);
  f->ledger = kopir_ledger_open (f->ledger_path, &error);
  g_assert_no_error (error);

  f->manager = kopir_purchase_manager_new (f->client, f->ledger);
  kopir_purchase_manager_set_settle_time (f->manager, 1500);
  kopir_purchase_manager_set_follow_interval (f->manager, 100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  if (f->manager != NULL)
    g_object_run_dispose (G_OBJECT (f->manager));
  g_clear_object (&f->manager);
  g_clear_object (&f->ledger);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  g_clear_pointer (&f->sandbox, kopir_test_sandbox_free);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->dir);
  g_free (f->ledger_path);
  g_clear_pointer (&f->credentials, kopir_credentials_free);
}

static KopirPurchase *
place (Fixture                    *f,
       const KopirPurchaseRequest *request,
       GError                    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kopir_purchase_manager_place_async (f->manager, request, NULL, kopir_test_async_cb, &result);
  return kopir_purchase_manager_place_finish (f->manager, kopir_test_wait_result (&result), error);
}

/* The sandbox's best ask for a market, from its book ticker. */
static KopirDecimal
best_ask (Fixture    *f,
          const char *symbol)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KopirMarket) market = NULL;
  g_autoptr(GError) error = NULL;

  kopir_exchange_client_get_book_ticker_async (f->client, symbol, NULL, kopir_test_async_cb, &result);
  market = kopir_exchange_client_get_book_ticker_finish (f->client, kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return kopir_market_get_ask (market);
}

static void
move_price (Fixture    *f,
            const char *symbol,
            const char *price)
{
  g_autofree char *path = g_strdup_printf ("/sandbox/v1/market/%s", symbol);
  g_autofree char *body = g_strdup_printf ("{\"price\": \"%s\"}", price);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = kopir_test_sandbox_request (f->sandbox, "POST", path, body, &status);
  g_assert_cmpuint (status, ==, 200);
}

static gboolean
is_completed (gpointer data)
{
  return kopir_purchase_get_state (KOPIR_PURCHASE (data)) == KOPIR_PURCHASE_STATE_COMPLETED;
}

static guint
count_orders (Fixture *f)
{
  KopirLedgerQuery query = { .kinds = KOPIR_LEDGER_KIND_ORDER };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (kopir_ledger_count_history (f->ledger, &query, &n, &error));
  return n;
}

static void
test_market_quantity (Fixture       *f,
                      gconstpointer  data)
{
  KopirPurchaseRequest request = {
    .symbol = "BTCKZT", .type = KOPIR_ORDER_TYPE_MARKET, .quantity = dec ("0.00200000"),
  };
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GError) error = NULL;
  const KopirLedgerOrder *order;

  purchase = place (f, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (purchase), ==, KOPIR_PURCHASE_STATE_COMPLETED);
  order = kopir_purchase_get_order (purchase);
  g_assert_false (order->has_quote_amount);
  g_assert_true (order->has_quantity);
  g_assert_cmpint (kopir_decimal_compare (&order->executed_qty, &request.quantity), ==, 0);
  g_assert_true (kopir_decimal_is_positive (&order->cumulative_quote));
}

static void
test_limit_fills_when_price_moves (Fixture       *f,
                                   gconstpointer  data)
{
  KopirDecimal ask = best_ask (f, "BTCKZT");
  KopirDecimal limit, below;
  KopirPurchaseRequest request = { .symbol = "BTCKZT", .type = KOPIR_ORDER_TYPE_LIMIT };
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GArray) fills = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *below_text = NULL;
  const KopirLedgerOrder *order;

  /* 5 % under the market: it waits. */
  g_assert_true (kopir_decimal_mul (&ask, &KOPIR_DECIMAL_INIT (95, 2), 0, KOPIR_ROUNDING_DOWN, &limit));
  g_assert_true (kopir_decimal_rescale (&limit, 2, KOPIR_ROUNDING_DOWN, &limit));
  request.price = limit;
  request.quantity = dec ("0.00100000");

  purchase = place (f, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (purchase), ==, KOPIR_PURCHASE_STATE_OPEN);
  g_assert_cmpint (kopir_purchase_get_order (purchase)->state, ==, KOPIR_ORDER_STATE_NEW);
  g_assert_cmpuint (g_list_model_get_n_items (kopir_purchase_manager_get_purchases (f->manager)), ==, 1);

  /* The market falls 10 %: the order crosses and is filled at its price,
   * and the manager, following it, finds out. */
  g_assert_true (kopir_decimal_mul (&ask, &KOPIR_DECIMAL_INIT (90, 2), 0, KOPIR_ROUNDING_DOWN, &below));
  g_assert_true (kopir_decimal_rescale (&below, 2, KOPIR_ROUNDING_DOWN, &below));
  below_text = kopir_decimal_dup_string (&below);
  move_price (f, "BTCKZT", below_text);
  kopir_test_wait_for (is_completed, purchase);

  order = kopir_purchase_get_order (purchase);
  g_assert_cmpint (order->state, ==, KOPIR_ORDER_STATE_FILLED);
  g_assert_cmpint (kopir_decimal_compare (&order->executed_qty, &request.quantity), ==, 0);
  fills = kopir_ledger_list_fills (f->ledger, order->client_order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fills->len, >=, 1);
  /* A limit order never pays more than its price. */
  for (guint i = 0; i < fills->len; i++)
    g_assert_cmpint (kopir_decimal_compare (&g_array_index (fills, KopirLedgerFill, i).price, &limit), <=, 0);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  KopirDecimal ask = best_ask (f, "ETHKZT");
  KopirPurchaseRequest request = { .symbol = "ETHKZT", .type = KOPIR_ORDER_TYPE_LIMIT };
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kopir_decimal_mul (&ask, &KOPIR_DECIMAL_INIT (80, 2), 0, KOPIR_ROUNDING_DOWN, &request.price));
  g_assert_true (kopir_decimal_rescale (&request.price, 2, KOPIR_ROUNDING_DOWN, &request.price));
  request.quantity = dec ("0.01000000");

  purchase = place (f, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (purchase), ==, KOPIR_PURCHASE_STATE_OPEN);

  kopir_purchase_manager_cancel_async (f->manager, purchase, NULL, kopir_test_async_cb, &result);
  g_assert_true (kopir_purchase_manager_cancel_finish (f->manager, kopir_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (purchase), ==, KOPIR_PURCHASE_STATE_FAILED);
  g_assert_cmpint (kopir_purchase_get_order (purchase)->state, ==, KOPIR_ORDER_STATE_CANCELED);

  /* The ledger agrees, and a second cancel is refused without asking. */
  {
    g_autoptr(KopirLedgerOrder) order =
      kopir_ledger_lookup_order (f->ledger, kopir_purchase_get_client_order_id (purchase), &error);

    g_assert_no_error (error);
    g_assert_cmpint (order->state, ==, KOPIR_ORDER_STATE_CANCELED);
  }
  g_clear_object (&result);
  kopir_purchase_manager_cancel_async (f->manager, purchase, NULL, kopir_test_async_cb, &result);
  g_assert_false (kopir_purchase_manager_cancel_finish (f->manager, kopir_test_wait_result (&result), &error));
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_REJECTED);
}

static void
test_filters_refuse_before_writing (Fixture       *f,
                                    gconstpointer  data)
{
  KopirPurchaseRequest request = { .symbol = "BTCKZT", .type = KOPIR_ORDER_TYPE_LIMIT };
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GError) error = NULL;

  /* Below the minimum order value of 2 500 tenge. */
  request.price = dec ("40000000.00");
  request.quantity = dec ("0.00001000");
  purchase = place (f, &request, &error);
  g_assert_null (purchase);
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM);
  g_clear_error (&error);

  /* A quantity finer than the step. */
  request.quantity = dec ("0.000123456");
  purchase = place (f, &request, &error);
  g_assert_null (purchase);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing at all. */
  request.type = KOPIR_ORDER_TYPE_MARKET;
  request.has_spend = TRUE;
  request.spend = dec ("0");
  purchase = place (f, &request, &error);
  g_assert_null (purchase);
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM);

  /* None of them was written down, so none was sent. */
  g_assert_cmpuint (count_orders (f), ==, 0);
}

static gboolean
has_one_open (gpointer data)
{
  GListModel *purchases = kopir_purchase_manager_get_purchases (KOPIR_PURCHASE_MANAGER (data));
  g_autoptr(KopirPurchase) purchase = NULL;

  if (g_list_model_get_n_items (purchases) != 1)
    return FALSE;
  purchase = g_list_model_get_item (purchases, 0);
  return kopir_purchase_get_state (purchase) == KOPIR_PURCHASE_STATE_OPEN;
}

static void
test_open_orders_after_restart (Fixture       *f,
                                gconstpointer  data)
{
  KopirDecimal ask = best_ask (f, "SOLKZT");
  KopirPurchaseRequest request = { .symbol = "SOLKZT", .type = KOPIR_ORDER_TYPE_LIMIT };
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint loaded = 0;

  g_assert_true (kopir_decimal_mul (&ask, &KOPIR_DECIMAL_INIT (70, 2), 0, KOPIR_ROUNDING_DOWN, &request.price));
  g_assert_true (kopir_decimal_rescale (&request.price, 2, KOPIR_ROUNDING_DOWN, &request.price));
  request.quantity = dec ("0.10000000");
  purchase = place (f, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (purchase), ==, KOPIR_PURCHASE_STATE_OPEN);

  /* A new session: a new manager on the same ledger knows nothing until
   * it loads the open orders. */
  g_object_run_dispose (G_OBJECT (f->manager));
  g_clear_object (&f->manager);
  f->manager = kopir_purchase_manager_new (f->client, f->ledger);
  kopir_purchase_manager_set_follow_interval (f->manager, 100);
  g_assert_cmpuint (g_list_model_get_n_items (kopir_purchase_manager_get_purchases (f->manager)), ==, 0);

  kopir_purchase_manager_load_open_async (f->manager, NULL, kopir_test_async_cb, &result);
  g_assert_true (kopir_purchase_manager_load_open_finish (f->manager, kopir_test_wait_result (&result),
                                                          &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (loaded, ==, 1);
  kopir_test_wait_for (has_one_open, f->manager);

  /* Loading again adds nothing twice. */
  g_clear_object (&result);
  kopir_purchase_manager_load_open_async (f->manager, NULL, kopir_test_async_cb, &result);
  g_assert_true (kopir_purchase_manager_load_open_finish (f->manager, kopir_test_wait_result (&result),
                                                          &loaded, &error));
  g_assert_cmpuint (loaded, ==, 0);
}

/* Another computer, or a branch desk whose ledger went with the last
 * visit: an order open at the exchange that this ledger never saw is
 * listed, written down and can be cancelled. */
static void
test_open_orders_placed_elsewhere (Fixture       *f,
                                   gconstpointer  data)
{
  KopirDecimal ask = best_ask (f, "BTCKZT");
  KopirPurchaseRequest request = { .symbol = "BTCKZT", .type = KOPIR_ORDER_TYPE_LIMIT };
  g_autoptr(KopirPurchase) placed = NULL;
  g_autoptr(KopirPurchase) adopted = NULL;
  g_autoptr(KopirExchangeClient) client = NULL;
  g_autoptr(KopirPurchaseManager) manager = NULL;
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(KopirLedgerOrder) written = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "elsewhere.sqlite", NULL);
  guint loaded = 0;

  g_assert_true (kopir_decimal_mul (&ask, &KOPIR_DECIMAL_INIT (75, 2), 0, KOPIR_ROUNDING_DOWN, &request.price));
  g_assert_true (kopir_decimal_rescale (&request.price, 2, KOPIR_ROUNDING_DOWN, &request.price));
  request.quantity = dec ("0.00100000");
  placed = place (f, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (placed), ==, KOPIR_PURCHASE_STATE_OPEN);

  /* A client of its own, which has not read the markets yet, and an empty
   * ledger. */
  client = kopir_exchange_client_new (f->session);
  kopir_exchange_client_set_base_url (client, kopir_test_sandbox_get_url (f->sandbox));
  kopir_exchange_client_set_credentials (client, f->credentials);
  ledger = kopir_ledger_open (path, &error);
  g_assert_no_error (error);
  manager = kopir_purchase_manager_new (client, ledger);
  kopir_purchase_manager_set_follow_interval (manager, 100);

  kopir_purchase_manager_load_open_async (manager, NULL, kopir_test_async_cb, &result);
  g_assert_true (kopir_purchase_manager_load_open_finish (manager, kopir_test_wait_result (&result),
                                                          &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (loaded, ==, 1);
  kopir_test_wait_for (has_one_open, manager);

  adopted = g_list_model_get_item (kopir_purchase_manager_get_purchases (manager), 0);
  g_assert_cmpstr (kopir_purchase_get_client_order_id (adopted), ==, kopir_purchase_get_client_order_id (placed));
  written = kopir_ledger_lookup_order (ledger, kopir_purchase_get_client_order_id (placed), &error);
  g_assert_no_error (error);
  g_assert_cmpint (written->state, ==, KOPIR_ORDER_STATE_NEW);
  g_assert_cmpstr (written->base_asset, ==, "BTC");
  g_assert_true (kopir_decimal_equal (&written->price, &request.price));
  g_assert_true (kopir_decimal_equal (&written->quantity, &request.quantity));

  /* Loading again adds nothing twice. */
  g_clear_object (&result);
  kopir_purchase_manager_load_open_async (manager, NULL, kopir_test_async_cb, &result);
  g_assert_true (kopir_purchase_manager_load_open_finish (manager, kopir_test_wait_result (&result),
                                                          &loaded, &error));
  g_assert_cmpuint (loaded, ==, 0);

  /* And it is cancelled from here. */
  g_clear_object (&result);
  kopir_purchase_manager_cancel_async (manager, adopted, NULL, kopir_test_async_cb, &result);
  g_assert_true (kopir_purchase_manager_cancel_finish (manager, kopir_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_order (adopted)->state, ==, KOPIR_ORDER_STATE_CANCELED);

  g_object_run_dispose (G_OBJECT (manager));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/limit-orders/market-quantity", Fixture, NULL, fixture_set_up, test_market_quantity,
              fixture_tear_down);
  g_test_add ("/limit-orders/fills-when-price-moves", Fixture, NULL, fixture_set_up,
              test_limit_fills_when_price_moves, fixture_tear_down);
  g_test_add ("/limit-orders/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/limit-orders/filters", Fixture, NULL, fixture_set_up, test_filters_refuse_before_writing,
              fixture_tear_down);
  g_test_add ("/limit-orders/open-after-restart", Fixture, NULL, fixture_set_up,
              test_open_orders_after_restart, fixture_tear_down);
  g_test_add ("/limit-orders/open-placed-elsewhere", Fixture, NULL, fixture_set_up,
              test_open_orders_placed_elsewhere, fixture_tear_down);

  return g_test_run ();
}
