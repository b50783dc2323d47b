/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-purchase-faults.c: purchases under every fault the sandbox injects
 *
 * Each case arms a fault on the order endpoint for a batch of purchases,
 * sends them all at once, waits until every one is resolved, and checks
 * the ledger against the exchange: same orders, same amounts and fills,
 * balances that follow, and no client order id at the exchange twice.
 * KOPIR_FAULT_ITERATIONS sets the batch size (20 by default); the soak
 * run in tests/services/README.md uses more.
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include "kopir-purchase-manager.h"
#include "kopir-test-reconcile.h"
#include "kopir-test-util.h"

#define INITIAL_KZT "100000000.00"

typedef enum
{
  EXPECT_FILLED,
  EXPECT_NOT_PLACED,
} Expectation;

/* How the outcome becomes known. */
typedef enum
{
  KNOWN_AT_ONCE,
  KNOWN_AFTER_CHECKING,
  REFUSED_AT_ONCE,
} Path;

typedef struct
{
  const char  *name;
  const char  *faults[3];
  Expectation  expect;
  Path         path;
} FaultCase;

typedef struct
{
  KopirTestSandbox     *sandbox;
  SoupSession          *session;
  KopirExchangeClient  *client;
  KopirLedger          *ledger;
  KopirPurchaseManager *manager;
  guint                 n_pending;
  guint                 n_refused;
  guint                 n_checking_seen;
} Fixture;

static guint
iterations (void)
{
  const char *env = g_getenv ("KOPIR_FAULT_ITERATIONS");
  guint64 n = 20;

  if (env != NULL)
    g_ascii_string_to_unsigned (env, 10, 1, 1000, &n, NULL);

  return (guint) n;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KopirCredentials) credentials = NULL;
  g_autofree char *ledger_path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->sandbox = kopir_test_sandbox_new ();
  fixture->session = kopir_http_session_new ();
  /* A short timeout, so a delayed answer is a lost one within the test. */
  g_object_set (fixture->session, "timeout", 1, NULL);
  fixture->client = kopir_exchange_client_new (fixture->session);
  kopir_exchange_client_set_base_url (fixture->client, kopir_test_sandbox_get_url (fixture->sandbox));
  credentials = kopir_test_sandbox_new_customer (fixture->sandbox, INITIAL_KZT, NULL);
  kopir_exchange_client_set_credentials (fixture->client, credentials);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  ledger_path = g_build_filename (g_get_user_data_dir (), "ledger.sqlite", NULL);
  fixture->ledger = kopir_ledger_open (ledger_path, &error);
  g_assert_no_error (error);

  fixture->manager = kopir_purchase_manager_new (fixture->client, fixture->ledger);
  /* Nothing is ever held in flight on loopback; see the manager. */
  kopir_purchase_manager_set_settle_time (fixture->manager, 1500);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->ledger);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sandbox, kopir_test_sandbox_free);
}

static void
on_state_notify (KopirPurchase *purchase,
                 GParamSpec    *pspec,
                 Fixture       *fixture)
{
  if (kopir_purchase_get_state (purchase) == KOPIR_PURCHASE_STATE_CHECKING)
    fixture->n_checking_seen++;
}

static void
buy_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GError) error = NULL;

  purchase = kopir_purchase_manager_buy_finish (KOPIR_PURCHASE_MANAGER (object), result, &error);
  if (purchase == NULL)
    {
      /* A definite refusal: a translated message, and nothing bought. */
      g_assert_true (error->domain == KOPIR_EXCHANGE_ERROR);
      g_assert_false (kopir_exchange_error_is_unknown_outcome (error));
      g_assert_cmpstr (error->message, !=, "");
      fixture->n_refused++;
    }
  else
    {
      if (kopir_purchase_get_state (purchase) == KOPIR_PURCHASE_STATE_CHECKING)
        fixture->n_checking_seen++;
      g_signal_connect (purchase, "notify::state", G_CALLBACK (on_state_notify), fixture);
    }

  fixture->n_pending--;
}

static gboolean
all_resolved (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_pending == 0 &&
         kopir_purchase_manager_get_n_checking (fixture->manager) == 0 &&
         kopir_purchase_manager_get_n_in_flight (fixture->manager) == 0;
}

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const FaultCase *fault = data;
  guint n = iterations ();
  KopirTestTally tally = { 0, };
  KopirDecimal spend;
  GListModel *purchases;

  for (guint i = 0; i < G_N_ELEMENTS (fault->faults) && fault->faults[i] != NULL; i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", n);
      g_auto(GStrv) parts = g_strsplit (fault->faults[i], "@COUNT@", -1);
      g_autofree char *body = g_strjoinv (count, parts);

      kopir_test_sandbox_arm_fault (fixture->sandbox, body);
    }

  g_assert_true (kopir_decimal_parse ("3000", &spend, NULL));
  fixture->n_pending = n;
  for (guint i = 0; i < n; i++)
    kopir_purchase_manager_buy_async (fixture->manager, "BTCKZT", &spend, NULL, buy_cb, fixture);

  kopir_test_wait_for (all_resolved, fixture);
  kopir_test_sandbox_clear_faults (fixture->sandbox);

  kopir_test_assert_ledger_matches_exchange (fixture->ledger, fixture->client, "BTCKZT",
                                             INITIAL_KZT, &tally);
  g_assert_cmpuint (tally.n_filled + tally.n_not_placed, ==, n);

  if (fault->expect == EXPECT_FILLED)
    g_assert_cmpuint (tally.n_filled, ==, n);
  else
    g_assert_cmpuint (tally.n_not_placed, ==, n);

  /* Refused at once, checked and then known, or known at once. */
  g_assert_cmpuint (fixture->n_refused, ==, fault->path == REFUSED_AT_ONCE ? n : 0);
  if (fault->path == KNOWN_AFTER_CHECKING)
    g_assert_cmpuint (fixture->n_checking_seen, >=, n);
  else
    g_assert_cmpuint (fixture->n_checking_seen, ==, 0);

  /* What the customer sees agrees with the ledger. */
  purchases = kopir_purchase_manager_get_purchases (fixture->manager);
  g_assert_cmpuint (g_list_model_get_n_items (purchases), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);

      g_assert_true (kopir_purchase_is_resolved (purchase));
      g_assert_cmpint (kopir_purchase_get_state (purchase), ==,
                       fault->expect == EXPECT_FILLED ? KOPIR_PURCHASE_STATE_COMPLETED
                                                      : KOPIR_PURCHASE_STATE_FAILED);
      if (fault->expect == EXPECT_NOT_PLACED)
        g_assert_nonnull (kopir_purchase_get_message (purchase));
    }
}

#define POST_ORDER "\"path\": \"/api/v3/order\", \"method\": \"POST\", \"count\": @COUNT@"

static const FaultCase cases[] = {
  { "delay", { "{\"kind\": \"delay\", \"delay_ms\": 2500, " POST_ORDER "}" }, EXPECT_FILLED, KNOWN_AFTER_CHECKING },
  { "drop-after-accept", { "{\"kind\": \"drop_after_accept\", " POST_ORDER "}" }, EXPECT_FILLED, KNOWN_AFTER_CHECKING },
  { "http-500-executed", { "{\"kind\": \"http_500\", \"execute\": true, " POST_ORDER "}" }, EXPECT_FILLED, KNOWN_AFTER_CHECKING },
  { "http-500-not-executed", { "{\"kind\": \"http_500\", " POST_ORDER "}" }, EXPECT_NOT_PLACED, KNOWN_AFTER_CHECKING },
  { "http-503-executed", { "{\"kind\": \"http_503\", \"execute\": true, " POST_ORDER "}" }, EXPECT_FILLED, KNOWN_AFTER_CHECKING },
  { "http-503-not-executed", { "{\"kind\": \"http_503\", " POST_ORDER "}" }, EXPECT_NOT_PLACED, KNOWN_AFTER_CHECKING },
  { "malformed-json", { "{\"kind\": \"malformed_json\", " POST_ORDER "}" }, EXPECT_FILLED, KNOWN_AFTER_CHECKING },
  { "rate-limit-burst", { "{\"kind\": \"rate_limit_burst\", \"retry_after_s\": 30, " POST_ORDER "}" },
    EXPECT_NOT_PLACED, REFUSED_AT_ONCE },
  /* The count does not apply to a skew. */
  { "clock-skew", { "{\"kind\": \"clock_skew\", \"skew_ms\": 30000, \"count\": @COUNT@}" }, EXPECT_FILLED, KNOWN_AT_ONCE },
  /* Lost answers, and the questions about them fail too for a while. */
  { "drop-then-query-faults",
    { "{\"kind\": \"drop_after_accept\", " POST_ORDER "}",
      "{\"kind\": \"http_503\", \"path\": \"/api/v3/order\", \"method\": \"GET\", \"count\": @COUNT@}",
      "{\"kind\": \"malformed_json\", \"path\": \"/api/v3/order\", \"method\": \"GET\", \"count\": @COUNT@}" },
    EXPECT_FILLED, KNOWN_AFTER_CHECKING },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/purchase-faults/%s", cases[i].name);

      g_test_add (path, Fixture, &cases[i], fixture_set_up, test_fault, fixture_tear_down);
    }

  return g_test_run ();
}
