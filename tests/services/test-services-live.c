/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-services-live.c: the launcher, the price stream, the diagnostics
 * and the context against a real kopir-sandbox */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include "kopir-context.h"
#include "kopir-test-util.h"

static gboolean
launcher_running (gpointer data)
{
  return kopir_sandbox_launcher_get_running (data);
}

static gboolean
launcher_stopped (gpointer data)
{
  return !kopir_sandbox_launcher_get_running (data);
}

static char *
start_and_create_customer (const char *state_dir)
{
  g_autoptr(KopirSandboxLauncher) launcher = kopir_sandbox_launcher_new (state_dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;

  kopir_sandbox_launcher_start_async (launcher, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_sandbox_launcher_start_finish (launcher, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (kopir_sandbox_launcher_get_base_url (launcher), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (kopir_sandbox_launcher_get_stream_url (launcher), "/ws"));

  url = g_strconcat (kopir_sandbox_launcher_get_base_url (launcher), "/sandbox/v1/state", NULL);
  message = soup_message_new ("GET", url);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  g_clear_object (&result);
  kopir_sandbox_launcher_stop_async (launcher, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_sandbox_launcher_stop_finish (launcher, result, &error));
  g_assert_false (kopir_sandbox_launcher_get_running (launcher));

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_launcher (void)
{
  g_autofree char *state_dir = g_build_filename (g_get_user_data_dir (), "kopir", "sandbox", NULL);
  g_autoptr(KopirSandboxLauncher) launcher = kopir_sandbox_launcher_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* By default under the user's data folder, so practice accounts
   * survive a restart. */
  g_assert_cmpstr (kopir_sandbox_launcher_get_state_dir (launcher), ==, state_dir);
  g_assert_false (kopir_sandbox_launcher_get_running (launcher));
  g_assert_null (kopir_sandbox_launcher_get_base_url (launcher));

  first = start_and_create_customer (state_dir);
  second = start_and_create_customer (state_dir);
  g_assert_true (g_file_test (state_dir, G_FILE_TEST_IS_DIR));
  g_assert_nonnull (strstr (second, "\"persistent\":true"));
}

static void
test_launcher_missing_program (void)
{
  g_autoptr(KopirSandboxLauncher) launcher = kopir_sandbox_launcher_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("KOPIR_SANDBOX"));

  g_setenv ("KOPIR_SANDBOX", "/nonexistent/kopir-sandbox", TRUE);
  kopir_sandbox_launcher_start_async (launcher, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_sandbox_launcher_start_finish (launcher, result, &error));
  g_assert_error (error, KOPIR_SANDBOX_LAUNCHER_ERROR, KOPIR_SANDBOX_LAUNCHER_ERROR_NOT_FOUND);
  g_setenv ("KOPIR_SANDBOX", saved, TRUE);
}

typedef struct
{
  KopirPriceStream *stream;
  KopirMarket      *market;
  guint             updates;
  guint             target;
} StreamWatch;

static void
on_updated (KopirPriceStream *stream,
            KopirMarket      *market,
            StreamWatch      *watch)
{
  if (market == watch->market)
    watch->updates++;
}

static gboolean
enough_updates (gpointer data)
{
  StreamWatch *watch = data;

  return watch->updates >= watch->target;
}

static gboolean
is_polling (gpointer data)
{
  return kopir_price_stream_get_mode (data) == KOPIR_PRICE_STREAM_POLLING;
}

static gboolean
is_streaming (gpointer data)
{
  return kopir_price_stream_get_mode (data) == KOPIR_PRICE_STREAM_STREAMING;
}

static void
test_price_stream (void)
{
  g_autoptr(KopirTestSandbox) sandbox = kopir_test_sandbox_new ();
  g_autoptr(SoupSession) session = kopir_http_session_new ();
  g_autoptr(KopirExchangeClient) client = kopir_exchange_client_new (session);
  g_autoptr(KopirPriceStream) stream = kopir_price_stream_new (session, client);
  g_autofree char *stream_url = NULL;
  StreamWatch watch = { stream, NULL, 0, 3 };
  KopirDecimal bid, ask;

  kopir_exchange_client_set_base_url (client, kopir_test_sandbox_get_url (sandbox));
  watch.market = kopir_price_stream_watch (stream, "btckzt");
  g_assert_cmpstr (kopir_market_get_symbol (watch.market), ==, "BTCKZT");
  kopir_price_stream_watch (stream, "ETHKZT");
  g_assert_cmpuint (g_list_model_get_n_items (kopir_price_stream_get_markets (stream)), ==, 2);
  g_signal_connect (stream, "updated", G_CALLBACK (on_updated), &watch);

  /* Live over the WebSocket. */
  kopir_price_stream_set_stream_url (stream, kopir_sandbox_launcher_get_stream_url (sandbox->launcher));
  kopir_price_stream_start (stream);
  kopir_test_wait_for (is_streaming, stream);
  kopir_test_wait_for (enough_updates, &watch);
  bid = kopir_market_get_bid (watch.market);
  ask = kopir_market_get_ask (watch.market);
  g_assert_true (kopir_decimal_is_positive (&bid));
  g_assert_cmpint (kopir_decimal_compare (&bid, &ask), <=, 0);
  kopir_price_stream_stop (stream);
  g_assert_cmpint (kopir_price_stream_get_mode (stream), ==, KOPIR_PRICE_STREAM_STOPPED);

  /* A stream that cannot connect: prices keep coming by polling. */
  kopir_price_stream_set_poll_interval (stream, 200);
  kopir_price_stream_set_stream_url (stream, "ws://127.0.0.1:1/ws");
  watch.updates = 0;
  kopir_price_stream_start (stream);
  kopir_test_wait_for (is_polling, stream);
  kopir_test_wait_for (enough_updates, &watch);
  g_assert_true (kopir_decimal_is_positive ((KopirDecimal[]) { kopir_market_get_price (watch.market) }));
  kopir_price_stream_stop (stream);
}

static void
test_diagnostics (void)
{
  g_autoptr(KopirTestSandbox) sandbox = kopir_test_sandbox_new ();
  g_autoptr(SoupSession) session = kopir_http_session_new ();
  g_autoptr(KopirExchangeClient) client = kopir_exchange_client_new (session);
  g_autoptr(KopirDiagnostics) diagnostics = kopir_diagnostics_new (client);
  g_autoptr(KopirCredentials) credentials = kopir_test_sandbox_new_customer (sandbox, "1000.00", NULL);
  g_autoptr(KopirCredentials) wrong = kopir_credentials_new ("WrongKeyWrongKeyWrongKey0000000000000000", "x");
  const char *ids[] = { "reachable", "tls", "clock", "key", "rate-limit" };
  const KopirCheckStatus good[] = { KOPIR_CHECK_STATUS_OK, KOPIR_CHECK_STATUS_OK, KOPIR_CHECK_STATUS_OK,
                                    KOPIR_CHECK_STATUS_OK, KOPIR_CHECK_STATUS_OK };

  kopir_exchange_client_set_base_url (client, kopir_test_sandbox_get_url (sandbox));
  kopir_exchange_client_set_credentials (client, credentials);

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) checks = NULL;
      g_autoptr(GError) error = NULL;

      if (round == 1)
        kopir_test_sandbox_arm_fault (sandbox, "{\"kind\": \"clock_skew\", \"skew_ms\": 5000}");
      else if (round == 2)
        {
          kopir_test_sandbox_clear_faults (sandbox);
          kopir_exchange_client_set_credentials (client, wrong);
        }
      else if (round == 3)
        kopir_exchange_client_set_base_url (client, "http://127.0.0.1:1");

      kopir_diagnostics_run_async (diagnostics, NULL, kopir_test_async_cb, &result);
      result = kopir_test_wait_result (&result);
      checks = kopir_diagnostics_run_finish (diagnostics, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (checks), ==, G_N_ELEMENTS (ids));

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autoptr(KopirDiagnosticCheck) check = g_list_model_get_item (checks, i);
          KopirCheckStatus expected = good[i];

          g_assert_cmpstr (kopir_diagnostic_check_get_id (check), ==, ids[i]);
          g_assert_cmpstr (kopir_diagnostic_check_get_detail (check), !=, "");

          if (round == 1 && i == 2)
            expected = KOPIR_CHECK_STATUS_WARNING;
          else if (round == 2 && i == 3)
            expected = KOPIR_CHECK_STATUS_FAILED;
          else if (round == 3)
            expected = i == 0 ? KOPIR_CHECK_STATUS_FAILED : KOPIR_CHECK_STATUS_SKIPPED;

          g_assert_cmpint (kopir_diagnostic_check_get_status (check), ==, expected);

          /* Nothing listens there: the failure names the address to check. */
          if (round == 3 && i == 0)
            g_assert_nonnull (strstr (kopir_diagnostic_check_get_detail (check), "http://127.0.0.1:1."));
        }
    }
}

static gboolean
context_is_ready (gpointer data)
{
  return kopir_context_get_ready (data);
}

static gboolean
context_urls_applied (gpointer data)
{
  KopirContext *context = data;

  return g_strcmp0 (kopir_exchange_client_get_base_url (kopir_context_get_exchange_client (context)),
                    "https://testnet.binance.vision") == 0;
}

static gboolean
ledger_switched (gpointer data)
{
  gpointer *pair = data;

  return kopir_context_get_purchase_manager (pair[0]) != NULL &&
         kopir_context_get_purchase_manager (pair[0]) != pair[1];
}

static gboolean
context_is_sandbox_ready (gpointer data)
{
  KopirContext *context = data;

  return g_strcmp0 (kopir_exchange_client_get_base_url (kopir_context_get_exchange_client (context)),
                    kopir_sandbox_launcher_get_base_url (kopir_context_get_sandbox_launcher (context))) == 0 &&
         kopir_sandbox_launcher_get_base_url (kopir_context_get_sandbox_launcher (context)) != NULL;
}

static void
test_context (void)
{
  g_autofree char *state_dir = g_dir_make_tmp ("kopir-context-sandbox-XXXXXX", NULL);
  g_autoptr(KopirContext) context = g_object_new (KOPIR_TYPE_CONTEXT, "sandbox-state-dir", state_dir, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirSandboxLauncher *launcher = kopir_context_get_sandbox_launcher (context);
  KopirProfileManager *profiles = kopir_context_get_profile_manager (context);
  g_autoptr(KopirPurchaseManager) sandbox_manager = NULL;
  g_autofree char *sandbox_ledger = g_build_filename (g_get_user_data_dir (), "kopir", "ledgers",
                                                      "sandbox.sqlite", NULL);
  g_autofree char *testnet_ledger = g_build_filename (g_get_user_data_dir (), "kopir", "ledgers",
                                                      "binance-testnet.sqlite", NULL);

  g_assert_null (kopir_context_get_purchase_manager (context));
  kopir_context_start_async (context, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_context_start_finish (context, result, &error));
  g_assert_no_error (error);
  kopir_test_wait_for (context_is_ready, context);

  /* The sandbox by default, running, with the clients pointed at it. */
  g_assert_true (kopir_context_get_is_sandbox (context));
  g_assert_true (kopir_sandbox_launcher_get_running (launcher));
  g_assert_cmpstr (kopir_exchange_client_get_base_url (kopir_context_get_exchange_client (context)), ==,
                   kopir_sandbox_launcher_get_base_url (launcher));
  g_assert_cmpstr (kopir_account_client_get_base_url (kopir_context_get_account_client (context)), ==,
                   kopir_sandbox_launcher_get_base_url (launcher));
  g_assert_nonnull (kopir_context_get_purchase_manager (context));
  g_assert_nonnull (kopir_context_get_ledger (context));
  g_assert_cmpuint (g_list_model_get_n_items (kopir_price_stream_get_markets (kopir_context_get_price_stream (context))), ==, 4);

  sandbox_manager = g_object_ref (kopir_context_get_purchase_manager (context));

  /* Switching to the testnet stops the practice exchange; trading goes to
   * the testnet, nothing offers account opening there, and its orders go
   * to a ledger of its own. */
  kopir_profile_manager_set_active_id (profiles, "binance-testnet");
  kopir_test_wait_for (launcher_stopped, launcher);
  kopir_test_wait_for (context_urls_applied, context);
  g_assert_false (kopir_context_get_is_sandbox (context));
  g_assert_null (kopir_account_client_get_base_url (kopir_context_get_account_client (context)));
  kopir_test_wait_for (ledger_switched, (gpointer[]) { context, sandbox_manager });
  g_assert_true (g_file_test (testnet_ledger, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (sandbox_ledger, G_FILE_TEST_EXISTS));

  /* And back at once: a new practice exchange, the practice ledger. */
  kopir_profile_manager_set_active_id (profiles, "sandbox");
  kopir_test_wait_for (launcher_running, launcher);
  kopir_test_wait_for (context_is_sandbox_ready, context);
  g_assert_true (kopir_context_get_is_sandbox (context));
  g_assert_cmpstr (kopir_exchange_client_get_base_url (kopir_context_get_exchange_client (context)), ==,
                   kopir_sandbox_launcher_get_base_url (launcher));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/live/launcher", test_launcher);
  g_test_add_func ("/live/launcher-missing-program", test_launcher_missing_program);
  g_test_add_func ("/live/price-stream", test_price_stream);
  g_test_add_func ("/live/diagnostics", test_diagnostics);
  g_test_add_func ("/live/context", test_context);

  return g_test_run ();
}
