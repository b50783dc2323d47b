/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-purchase-crash.c: a client killed with SIGKILL amid purchases
 *
 * Each round starts purchase-child with a few purchases at once (some
 * rounds with the exchange slow or dropping answers), reads its output
 * until an intent is on disk, and kills it there. A fresh process then
 * reconciles the ledger. At the end the ledger must match the exchange
 * exactly and hold every intent the killed processes announced.
 * KOPIR_CRASH_ROUNDS sets the number of rounds (20 by default).
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "kopir-test-reconcile.h"
#include "kopir-test-util.h"

#define INITIAL_KZT "100000000.00"

typedef struct
{
  GDataInputStream *stdout_stream;
  char             *line;
  gboolean          done;
} LineReader;

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineReader *reader = user_data;

  reader->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object),
                                                            result, NULL, NULL);
  reader->done = TRUE;
}

static gboolean
reader_done (gpointer data)
{
  return ((LineReader *) data)->done;
}

/* The next line of the child's output, or NULL at its end. */
static char *
read_line (LineReader *reader)
{
  reader->done = FALSE;
  reader->line = NULL;
  g_data_input_stream_read_line_async (reader->stdout_stream, G_PRIORITY_DEFAULT, NULL,
                                       read_line_cb, reader);
  kopir_test_wait_for (reader_done, reader);

  return g_steal_pointer (&reader->line);
}

static GSubprocess *
spawn_child (const char  *url,
             const char  *ledger_path,
             const char  *mode,
             const char  *count,
             KopirCredentials *credentials)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "services", "purchase-child", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *subprocess;

  g_subprocess_launcher_setenv (launcher, "KOPIR_TEST_API_KEY",
                                kopir_credentials_get_api_key (credentials), TRUE);
  g_subprocess_launcher_setenv (launcher, "KOPIR_TEST_API_SECRET",
                                kopir_credentials_get_api_secret (credentials), TRUE);

  subprocess = g_subprocess_launcher_spawn (launcher, &error, child, "--url", url,
                                            "--ledger", ledger_path, mode, count, NULL);
  g_assert_no_error (error);

  return subprocess;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *exited = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
wait_exit (GSubprocess *subprocess)
{
  gboolean exited = FALSE;

  g_subprocess_wait_async (subprocess, NULL, wait_cb, &exited);
  kopir_test_wait_for (is_true, &exited);
}

static void
test_crash (void)
{
  g_autoptr(KopirTestSandbox) sandbox = kopir_test_sandbox_new ();
  g_autoptr(KopirCredentials) credentials = kopir_test_sandbox_new_customer (sandbox, INITIAL_KZT, NULL);
  g_autoptr(SoupSession) session = kopir_http_session_new ();
  g_autoptr(KopirExchangeClient) client = kopir_exchange_client_new (session);
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(GPtrArray) announced = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ledger_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *rounds_env = g_getenv ("KOPIR_CRASH_ROUNDS");
  guint64 rounds = 20;
  KopirTestTally tally = { 0, };
  const char *url = kopir_test_sandbox_get_url (sandbox);

  if (rounds_env != NULL)
    g_ascii_string_to_unsigned (rounds_env, 10, 1, 10000, &rounds, NULL);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  ledger_path = g_build_filename (g_get_user_data_dir (), "ledger.sqlite", NULL);

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) buyer = NULL;
      g_autoptr(GSubprocess) reconciler = NULL;
      g_autoptr(GDataInputStream) stream = NULL;
      LineReader reader = { NULL, };
      guint kill_after = 1 + round % 3;
      guint intents = 0;
      gboolean reconciled = FALSE;
      char *line;

      /* Some rounds with answers slow or lost, so the kill also lands
       * while orders wait at the exchange or are being checked. */
      if (round % 4 == 1)
        kopir_test_sandbox_arm_fault (sandbox, "{\"kind\": \"delay\", \"delay_ms\": 400,"
                                      " \"path\": \"/api/v3/order\", \"method\": \"POST\", \"count\": 3}");
      else if (round % 4 == 2)
        kopir_test_sandbox_arm_fault (sandbox, "{\"kind\": \"drop_after_accept\","
                                      " \"path\": \"/api/v3/order\", \"method\": \"POST\", \"count\": 3}");

      buyer = spawn_child (url, ledger_path, "--buy", "3", credentials);
      stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (buyer));
      reader.stdout_stream = stream;

      while ((line = read_line (&reader)) != NULL)
        {
          g_autofree char *owned = line;

          if (g_str_has_prefix (owned, "intent "))
            {
              g_ptr_array_add (announced, g_strdup (owned + strlen ("intent ")));
              if (++intents == kill_after)
                break;
            }
        }

      g_subprocess_force_exit (buyer);
      wait_exit (buyer);
      kopir_test_sandbox_clear_faults (sandbox);

      reconciler = spawn_child (url, ledger_path, "--reconcile", NULL, credentials);
      g_clear_object (&stream);
      stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (reconciler));
      reader.stdout_stream = stream;
      while ((line = read_line (&reader)) != NULL)
        {
          reconciled |= g_str_has_prefix (line, "reconciled ");
          g_free (line);
        }
      wait_exit (reconciler);
      g_assert_true (g_subprocess_get_if_exited (reconciler));
      g_assert_cmpint (g_subprocess_get_exit_status (reconciler), ==, 0);
      g_assert_true (reconciled);
    }

  ledger = kopir_ledger_open (ledger_path, &error);
  g_assert_no_error (error);

  /* Every intent a killed process announced is in the ledger, resolved. */
  for (guint i = 0; i < announced->len; i++)
    {
      g_autoptr(KopirLedgerOrder) order = kopir_ledger_lookup_order (ledger, g_ptr_array_index (announced, i),
                                                                     &error);

      g_assert_no_error (error);
      g_assert_nonnull (order);
      g_assert_false (kopir_order_state_is_unresolved (order->state));
    }

  kopir_exchange_client_set_base_url (client, url);
  kopir_exchange_client_set_credentials (client, credentials);
  kopir_test_assert_ledger_matches_exchange (ledger, client, "BTCKZT", INITIAL_KZT, &tally);
  g_assert_cmpuint (tally.n_filled + tally.n_not_placed, >=, announced->len);
  g_test_message ("%u rounds: %u intents announced before the kill, %u filled, %u not placed",
                  (guint) rounds, announced->len, tally.n_filled, tally.n_not_placed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/purchase-crash/sigkill", test_crash);

  return g_test_run ();
}
