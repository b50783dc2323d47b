/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-buy-services.c: what the Buy page and receipts read, against a
 * real kopir-sandbox: the fee rate, the portfolio beside the ledger, the
 * pilot limit as the exchange enforces it, a market that closes, and the
 * customer a receipt names. */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include "kopir-customer.h"
#include "kopir-portfolio.h"
#include "kopir-purchase-manager.h"
#include "kopir-test-util.h"

#define IBAN "KZ456010000000000001"

typedef struct
{
  KopirTestSandbox    *sandbox;
  SoupSession         *session;
  KopirExchangeClient *client;
  KopirAccountClient  *accounts;
  KopirSecretStore    *secrets;
  char                *customer_id;
  char                *full_name;
  char                *iin;
  char                *dir;
  char                *ledger_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KopirCredentials) credentials = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  guint status = 0;

  f->sandbox = kopir_test_sandbox_new ();
  f->session = kopir_http_session_new ();
  f->client = kopir_exchange_client_new (f->session);
  kopir_exchange_client_set_base_url (f->client, kopir_test_sandbox_get_url (f->sandbox));

  root = kopir_test_sandbox_request (f->sandbox, "POST", "/sandbox/v1/accounts", "{\"kzt\": \"300000.00\"}",
                                     &status);
  g_assert_cmpuint (status, ==, 201);
  object = json_node_get_object (root);
  f->customer_id = g_strdup (json_object_get_string_member (object, "customer_id"));
  f->full_name = g_strdup (json_object_get_string_member (object, "full_name"));
  f->iin = g_strdup (json_object_get_string_member (object, "iin"));
  credentials = kopir_credentials_new (json_object_get_string_member (object, "api_key"),
                                       json_object_get_string_member (object, "api_secret"));
  kopir_exchange_client_set_credentials (f->client, credentials);

  f->secrets = kopir_secret_store_new ();
  f->accounts = kopir_account_client_new (f->session, f->secrets);
  kopir_account_client_set_base_url (f->accounts, kopir_test_sandbox_get_url (f->sandbox));
  kopir_account_client_set_credentials (f->accounts, credentials);

  f->dir = g_dir_make_tmp ("kopir-buy-XXXXXX", &error);
  g_assert_no_error (error);
  f->ledger_path = g_build_filename (f->dir, "ledger.sqlite", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->accounts);
  g_clear_object (&f->secrets);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  g_clear_pointer (&f->sandbox, kopir_test_sandbox_free);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->dir);
  g_free (f->ledger_path);
  g_free (f->customer_id);
  g_free (f->full_name);
  g_free (f->iin);
}

static KopirPortfolio *
load_portfolio (Fixture *f)
{
  static const char * const assets[] = { "BTC", "ETH", "USDT", "SOL", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirPortfolio *portfolio;

  kopir_portfolio_load_async (f->client, f->ledger_path, assets, NULL, kopir_test_async_cb, &result);
  portfolio = kopir_portfolio_load_finish (kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return portfolio;
}

static void
test_portfolio (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KopirPortfolio) before = NULL;
  g_autoptr(KopirPortfolio) after = NULL;
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(KopirPurchaseManager) manager = NULL;
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const KopirPortfolioEntry *kzt, *btc;
  KopirDecimal spend = KOPIR_DECIMAL_INIT (5000000, 2), spent, held;

  before = load_portfolio (f);
  g_assert_cmpuint (before->entries->len, ==, 5);
  kzt = kopir_portfolio_lookup (before, "KZT");
  g_assert_cmpint (kopir_decimal_compare (&kzt->free, &KOPIR_DECIMAL_INIT (30000000, 2)), ==, 0);
  btc = kopir_portfolio_lookup (before, "BTC");
  g_assert_true (kopir_decimal_is_zero (&btc->free));
  g_assert_true (kopir_decimal_is_zero (&btc->paid));
  /* The exchange's fee: 0.1 %. */
  g_assert_true (before->has_taker_rate);
  g_assert_cmpint (kopir_decimal_compare (&before->taker_rate, &KOPIR_DECIMAL_INIT (1, 3)), ==, 0);

  /* Buy 50 000 tenge of bitcoin through the manager. */
  ledger = kopir_ledger_open (f->ledger_path, &error);
  g_assert_no_error (error);
  manager = kopir_purchase_manager_new (f->client, ledger);
  kopir_purchase_manager_buy_async (manager, "BTCKZT", &spend, NULL, kopir_test_async_cb, &result);
  purchase = kopir_purchase_manager_buy_finish (manager, kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (purchase), ==, KOPIR_PURCHASE_STATE_COMPLETED);

  after = load_portfolio (f);
  btc = kopir_portfolio_lookup (after, "BTC");
  kzt = kopir_portfolio_lookup (after, "KZT");
  /* What the ledger says was bought is what the exchange says is held,
   * and what was paid is what left the tenge balance. */
  held = btc->free;
  g_assert_true (kopir_decimal_is_positive (&held));
  g_assert_cmpint (kopir_decimal_compare (&btc->bought, &held), ==, 0);
  g_assert_true (kopir_decimal_sub (&KOPIR_DECIMAL_INIT (30000000, 2), &kzt->free, &spent));
  g_assert_cmpint (kopir_decimal_compare (&btc->paid, &spent), ==, 0);
  g_assert_cmpint (kopir_decimal_compare (&btc->paid, &spend), <=, 0);

  g_object_run_dispose (G_OBJECT (manager));
}

static guint
orders_at_exchange (Fixture *f)
{
  g_autoptr(JsonNode) state = NULL;
  guint status = 0;

  state = kopir_test_sandbox_request (f->sandbox, "GET", "/sandbox/v1/state", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return (guint) json_object_get_int_member (json_node_get_object (state), "orders");
}

/* The Buy page refuses an amount over the monthly limit before sending,
 * but the limit is shared across exchanges and may change in between: the
 * exchange's own refusal must come back as a definite, translated "over
 * the limit", with the order recorded as refused, never as one whose
 * outcome is unknown and must be asked about or sent again. */
static void
test_pilot_limit_at_exchange (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(KopirCredentials) credentials = NULL;
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(KopirPurchaseManager) manager = NULL;
  g_autoptr(KopirPurchase) refused = NULL;
  g_autoptr(KopirPurchase) bought = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) unresolved = NULL;
  g_autoptr(GError) error = NULL;
  /* USD 1,000 is about 500 000 tenge at the sandbox's rate. */
  KopirDecimal over = KOPIR_DECIMAL_INIT (60000000, 2), within = KOPIR_DECIMAL_INIT (5000000, 2);

  credentials = kopir_test_sandbox_new_customer (f->sandbox, "2000000.00", NULL);
  kopir_exchange_client_set_credentials (f->client, credentials);
  ledger = kopir_ledger_open (f->ledger_path, &error);
  g_assert_no_error (error);
  manager = kopir_purchase_manager_new (f->client, ledger);

  kopir_purchase_manager_buy_async (manager, "BTCKZT", &over, NULL, kopir_test_async_cb, &result);
  refused = kopir_purchase_manager_buy_finish (manager, kopir_test_wait_result (&result), &error);
  g_assert_null (refused);
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_LIMIT_REACHED);
  g_assert_false (kopir_exchange_error_is_unknown_outcome (error));
  g_assert_nonnull (strstr (error->message, "monthly limit"));
  g_clear_error (&error);

  /* Nothing was bought, and nothing is left to ask the exchange about. */
  g_assert_cmpuint (orders_at_exchange (f), ==, 0);
  unresolved = kopir_ledger_list_unresolved_orders (ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unresolved->len, ==, 0);

  /* Within the limit the same customer buys at once. */
  g_clear_object (&result);
  kopir_purchase_manager_buy_async (manager, "BTCKZT", &within, NULL, kopir_test_async_cb, &result);
  bought = kopir_purchase_manager_buy_finish (manager, kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (bought), ==, KOPIR_PURCHASE_STATE_COMPLETED);
  g_assert_cmpuint (orders_at_exchange (f), ==, 1);

  g_object_run_dispose (G_OBJECT (manager));
}

static void
set_market_status (Fixture    *f,
                   const char *status)
{
  g_autofree char *body = g_strdup_printf ("{\"status\": \"%s\"}", status);
  g_autoptr(JsonNode) root = NULL;
  guint code = 0;

  root = kopir_test_sandbox_request (f->sandbox, "POST", "/sandbox/v1/market/BTCKZT", body, &code);
  g_assert_cmpuint (code, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "status"), ==, status);
}

static void
load_exchange_info (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) info = NULL;
  g_autoptr(GError) error = NULL;

  kopir_exchange_client_get_exchange_info_async (f->client, NULL, kopir_test_async_cb, &result);
  info = kopir_exchange_client_get_exchange_info_finish (f->client, kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
}

/* A market that closes while someone decides: the exchange information
 * says so (the Buy dialog reads it again every few seconds), and an order
 * sent all the same is refused for certain, with words for it, and leaves
 * nothing to reconcile. Reopened, it takes orders again. */
static void
test_market_closed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(KopirPurchaseManager) manager = NULL;
  g_autoptr(KopirPurchase) refused = NULL;
  g_autoptr(KopirPurchase) bought = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) unresolved = NULL;
  g_autoptr(GError) error = NULL;
  KopirDecimal spend = KOPIR_DECIMAL_INIT (5000000, 2);

  load_exchange_info (f);
  g_assert_true (kopir_exchange_client_is_trading (f->client, "BTCKZT"));

  set_market_status (f, "BREAK");
  load_exchange_info (f);
  g_assert_false (kopir_exchange_client_is_trading (f->client, "BTCKZT"));
  g_assert_true (kopir_exchange_client_is_trading (f->client, "ETHKZT"));

  ledger = kopir_ledger_open (f->ledger_path, &error);
  g_assert_no_error (error);
  manager = kopir_purchase_manager_new (f->client, ledger);
  kopir_purchase_manager_buy_async (manager, "BTCKZT", &spend, NULL, kopir_test_async_cb, &result);
  refused = kopir_purchase_manager_buy_finish (manager, kopir_test_wait_result (&result), &error);
  g_assert_null (refused);
  g_assert_error (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL);
  g_assert_false (kopir_exchange_error_is_unknown_outcome (error));
  g_assert_nonnull (strstr (error->message, "does not offer this market"));
  g_clear_error (&error);
  g_assert_cmpuint (orders_at_exchange (f), ==, 0);
  unresolved = kopir_ledger_list_unresolved_orders (ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unresolved->len, ==, 0);

  set_market_status (f, "TRADING");
  load_exchange_info (f);
  g_assert_true (kopir_exchange_client_is_trading (f->client, "BTCKZT"));
  g_clear_object (&result);
  kopir_purchase_manager_buy_async (manager, "BTCKZT", &spend, NULL, kopir_test_async_cb, &result);
  bought = kopir_purchase_manager_buy_finish (manager, kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (bought), ==, KOPIR_PURCHASE_STATE_COMPLETED);
  g_assert_cmpuint (orders_at_exchange (f), ==, 1);

  g_object_run_dispose (G_OBJECT (manager));
}

static void
test_customer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(KopirCustomer) customer = NULL;
  g_autoptr(KopirBankLink) link = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Before a bank account is linked, the id is known but not the name. */
  kopir_customer_load_async (f->accounts, NULL, kopir_test_async_cb, &result);
  customer = kopir_customer_load_finish (kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->customer_id, ==, f->customer_id);
  g_assert_null (customer->full_name);
  g_clear_pointer (&customer, kopir_customer_free);

  g_clear_object (&result);
  kopir_account_client_link_bank_account_async (f->accounts, IBAN, f->full_name, f->iin, NULL,
                                                kopir_test_async_cb, &result);
  link = kopir_account_client_link_bank_account_finish (f->accounts, kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);

  g_clear_object (&result);
  kopir_customer_load_async (f->accounts, NULL, kopir_test_async_cb, &result);
  customer = kopir_customer_load_finish (kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->customer_id, ==, f->customer_id);
  g_assert_cmpstr (customer->full_name, ==, f->full_name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/buy-services/portfolio", Fixture, NULL, fixture_set_up, test_portfolio, fixture_tear_down);
  g_test_add ("/buy-services/pilot-limit-at-exchange", Fixture, NULL, fixture_set_up,
              test_pilot_limit_at_exchange, fixture_tear_down);
  g_test_add ("/buy-services/market-closed", Fixture, NULL, fixture_set_up, test_market_closed,
              fixture_tear_down);
  g_test_add ("/buy-services/customer", Fixture, NULL, fixture_set_up, test_customer, fixture_tear_down);

  return g_test_run ();
}
