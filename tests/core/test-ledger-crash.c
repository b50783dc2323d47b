/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kills a process writing the ledger with SIGKILL, many times, at random
 * moments, and checks after each kill that the database opens, passes
 * SQLite's integrity check, holds every order the writer reported as
 * committed, and holds no half-written order.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <sqlite3.h>

#include <gio/gio.h>

#include "kopir-ledger.h"
#include "kopir-test-util.h"

#define ROUNDS 30

static gint64
count (const char *path,
       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_kill (void)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "core", "ledger-writer", NULL);
  g_autofree char *dir = kopir_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autoptr(GPtrArray) committed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = kopir_test_rand_new ();

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *prefix = g_strdup_printf ("r%02u", round);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(KopirLedger) ledger = NULL;
      g_autoptr(GError) error = NULL;
      guint wanted = g_rand_int_range (rand, 1, 60);

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, path, prefix, NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));

      /* Wait for the writer's own word that orders are committed, then
       * kill it while it keeps writing. */
      for (guint i = 0; i < wanted; i++)
        {
          g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

          g_assert_no_error (error);
          if (line == NULL)
            g_error ("the writer stopped early in round %u", round);
          g_assert_true (g_str_has_prefix (line, "committed "));
          g_ptr_array_add (committed, g_strdup (line + strlen ("committed ")));
        }
      g_subprocess_force_exit (proc);
      g_assert_true (g_subprocess_wait (proc, NULL, &error));
      g_assert_true (g_subprocess_get_if_signaled (proc));
      g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);

      ledger = kopir_ledger_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (kopir_ledger_check_integrity (ledger, &error));
      g_assert_no_error (error);

      for (guint i = 0; i < committed->len; i++)
        {
          g_autoptr(KopirLedgerOrder) o = kopir_ledger_lookup_order (ledger, g_ptr_array_index (committed, i),
                                                                     &error);
          if (o == NULL)
            g_error ("order %s was reported committed but is lost (round %u): %s",
                     (char *) g_ptr_array_index (committed, i), round, error->message);
          g_assert_true (o->state == KOPIR_ORDER_STATE_INTENT || o->state == KOPIR_ORDER_STATE_SENT);
        }

      /* Every order is whole: its history entry and its first event are
       * there, and every event and entry belongs to an order. */
      g_assert_cmpint (count (path, "SELECT count(*) FROM orders o WHERE NOT EXISTS "
                                    "(SELECT 1 FROM activity a WHERE a.order_id = o.id)"), ==, 0);
      g_assert_cmpint (count (path, "SELECT count(*) FROM orders o WHERE NOT EXISTS "
                                    "(SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.state = 'intent')"),
                       ==, 0);
      g_assert_cmpint (count (path, "SELECT count(*) FROM order_events e WHERE NOT EXISTS "
                                    "(SELECT 1 FROM orders o WHERE o.id = e.order_id)"), ==, 0);
      g_assert_cmpint (count (path, "SELECT count(*) FROM orders o WHERE o.state = 'sent' AND "
                                    "(SELECT count(*) FROM order_events e WHERE e.order_id = o.id) != 2"), ==, 0);
    }

  g_test_message ("%u orders reported committed over %u kills, none lost", committed->len, ROUNDS);
  g_assert_cmpint (count (path, "SELECT count(*) FROM orders"), >=, committed->len);
  kopir_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ledger/crash/kill-9", test_kill);

  return g_test_run ();
}
