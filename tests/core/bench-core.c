/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-core: the figures that matter for the core layer.
 *
 *  - decimal strings parsed and written per second, on one core
 *    (aim: 10 million);
 *  - p50/p99 time to commit one order intent durably (WAL,
 *    synchronous=FULL) in a temporary folder;
 *  - time of a history page (50 rows, newest first, filtered by asset) in a
 *    ledger of 100 000 orders (aim: under 5 ms).
 *
 * Run with `meson test -C _build --benchmark --suite core -v`.  All
 * figures are integers (microseconds, nanoseconds, counts): no floating
 * point, as everywhere in core.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kopir-decimal.h"
#include "kopir-ledger.h"
#include "kopir-test-util.h"

#define N_STRINGS 4096
#define N_ROUNDS  10000000
#define N_COMMITS 300
#define N_ORDERS  100000
#define N_QUERIES 400

static int
cmp_gint64 (const void *a,
            const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  char s[KOPIR_DECIMAL_STRING_MAX];
} DecimalString;

static void
bench_decimal (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (kopir_test_seed ());
  DecimalString *strings = g_new (DecimalString, N_STRINGS);
  char out[KOPIR_DECIMAL_STRING_MAX];
  gsize total_len = 0;
  gint64 start, elapsed;

  /* Strings shaped like the exchange's: prices, quantities, balances. */
  for (guint i = 0; i < N_STRINGS; i++)
    {
      KopirDecimal d = KOPIR_DECIMAL_INIT ((gint64) g_rand_int_range (rand, 0, G_MAXINT32) *
                                           g_rand_int_range (rand, 1, 1000),
                                           g_rand_boolean (rand) ? 8 : 2);
      kopir_decimal_to_string (&d, strings[i].s, sizeof strings[i].s);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ROUNDS; i++)
    {
      KopirDecimal d;
      const char *s = strings[i % N_STRINGS].s;

      if (G_UNLIKELY (!kopir_decimal_parse (s, &d, NULL)))
        g_error ("%s did not parse", s);
      total_len += kopir_decimal_to_string (&d, out, sizeof out);
    }
  elapsed = MAX (g_get_monotonic_time () - start, 1);

  printf ("decimal: %d parse+write pairs in %" G_GINT64_FORMAT " ms: %" G_GINT64_FORMAT
          " per second (aim 10000000), %" G_GINT64_FORMAT " ns each\n",
          N_ROUNDS, elapsed / 1000, (gint64) N_ROUNDS * G_USEC_PER_SEC / elapsed,
          elapsed * 1000 / N_ROUNDS);
  g_assert_cmpuint (total_len, >, 0);
  g_free (strings);
}

static KopirLedgerOrder *
make_order (guint i)
{
  KopirLedgerOrder *o = kopir_ledger_order_new ();

  o->client_order_id = kopir_ledger_new_client_order_id ();
  o->symbol = g_strdup ("BTCKZT");
  o->base_asset = g_strdup ("BTC");
  o->quote_asset = g_strdup ("KZT");
  o->side = KOPIR_ORDER_SIDE_BUY;
  o->type = KOPIR_ORDER_TYPE_MARKET;
  o->has_quote_amount = TRUE;
  o->quote_amount = KOPIR_DECIMAL_INIT (5000000 + i, 2);
  return o;
}

static void
bench_commit (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "commit.db", NULL);
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  gint64 times[N_COMMITS];

  ledger = kopir_ledger_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_COMMITS; i++)
    {
      g_autoptr(KopirLedgerOrder) o = make_order (i);
      gint64 start = g_get_monotonic_time ();

      if (!kopir_ledger_add_order_intent (ledger, o, &error))
        g_error ("%s", error->message);
      times[i] = g_get_monotonic_time () - start;
    }
  qsort (times, N_COMMITS, sizeof times[0], cmp_gint64);

  printf ("ledger: durable intent commit (WAL, synchronous=FULL, in %s): p50 %" G_GINT64_FORMAT
          " us, p99 %" G_GINT64_FORMAT " us, max %" G_GINT64_FORMAT " us over %d commits\n",
          dir, times[N_COMMITS / 2], times[N_COMMITS * 99 / 100], times[N_COMMITS - 1], N_COMMITS);
}

/* Fills a ledger with 100 000 orders in one transaction, through SQL of
 * the ledger's own schema: 100 000 durable commits one by one would
 * measure the disk, not the query. */
static void
bulk_fill (const char *path)
{
  static const char *assets[] = { "BTC", "ETH", "USDT", "SOL" };
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *order = NULL, *event = NULL, *activity = NULL;
  gint64 t0 = G_GINT64_CONSTANT (1735689600000000);

  ledger = kopir_ledger_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&ledger);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO orders (client_order_id, symbol, base_asset, quote_asset, "
                                           "side, type, quote_amount, state, exchange_order_id, executed_qty, "
                                           "cumulative_quote, created_at, updated_at) VALUES (?1, ?2, ?3, 'KZT', "
                                           "'BUY', 'MARKET', '50000.00', 'filled', ?4, '0.00166', '49806.60', "
                                           "?5, ?5)", -1, &order, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO order_events (order_id, state, at) VALUES (?1, 'filled', ?2)",
                                       -1, &event, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO activity (kind, asset, at, order_id, search) "
                                           "VALUES (1, ?1, ?2, ?3, ?4)", -1, &activity, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < N_ORDERS; i++)
    {
      g_autofree char *id = g_strdup_printf ("k%08u", i);
      g_autofree char *symbol = g_strconcat (assets[i % 4], "KZT", NULL);
      g_autofree char *text = g_strdup_printf ("%s %s %u", id, symbol, 1000000 + i);
      g_autofree char *search = g_ascii_strdown (text, -1);
      gint64 at = t0 + (gint64) i * 60 * G_USEC_PER_SEC;
      gint64 rowid;

      sqlite3_bind_text (order, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 2, symbol, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 3, assets[i % 4], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (order, 4, 1000000 + i);
      sqlite3_bind_int64 (order, 5, at);
      g_assert_cmpint (sqlite3_step (order), ==, SQLITE_DONE);
      sqlite3_reset (order);
      rowid = sqlite3_last_insert_rowid (db);

      sqlite3_bind_int64 (event, 1, rowid);
      sqlite3_bind_int64 (event, 2, at);
      g_assert_cmpint (sqlite3_step (event), ==, SQLITE_DONE);
      sqlite3_reset (event);

      sqlite3_bind_text (activity, 1, assets[i % 4], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (activity, 2, at);
      sqlite3_bind_int64 (activity, 3, rowid);
      sqlite3_bind_text (activity, 4, search, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (activity), ==, SQLITE_DONE);
      sqlite3_reset (activity);
    }

  sqlite3_finalize (order);
  sqlite3_finalize (event);
  sqlite3_finalize (activity);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT; ANALYZE;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
bench_history (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first[N_QUERIES], deep[N_QUERIES], text[N_QUERIES / 10];
  gint64 fill_start = g_get_monotonic_time ();

  bulk_fill (path);
  printf ("ledger: %d orders written in %" G_GINT64_FORMAT " ms (one transaction)\n", N_ORDERS,
          (g_get_monotonic_time () - fill_start) / 1000);

  ledger = kopir_ledger_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_QUERIES; i++)
    {
      KopirLedgerQuery q = { 0 };
      g_autoptr(GPtrArray) page = NULL;
      gint64 start;

      /* The first page of BTC orders, newest first. */
      q.asset = "BTC";
      q.limit = 50;
      start = g_get_monotonic_time ();
      page = kopir_ledger_query_history (ledger, &q, &error);
      first[i] = g_get_monotonic_time () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, 50);
      g_clear_pointer (&page, g_ptr_array_unref);

      /* A page deep in the history, by cursor. */
      q.has_cursor = TRUE;
      q.cursor_time_us = G_GINT64_CONSTANT (1735689600000000) + (gint64) (N_ORDERS - 1 - i * 200) * 60 * G_USEC_PER_SEC;
      q.cursor_id = G_MAXINT64;
      start = g_get_monotonic_time ();
      page = kopir_ledger_query_history (ledger, &q, &error);
      deep[i] = g_get_monotonic_time () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, 50);
    }
  for (guint i = 0; i < N_QUERIES / 10; i++)
    {
      KopirLedgerQuery q = { 0 };
      g_autoptr(GPtrArray) page = NULL;
      gint64 start;

      q.asset = "ETH";
      q.text = "k0009";
      q.limit = 50;
      start = g_get_monotonic_time ();
      page = kopir_ledger_query_history (ledger, &q, &error);
      text[i] = g_get_monotonic_time () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, >, 0);
    }
  qsort (first, N_QUERIES, sizeof first[0], cmp_gint64);
  qsort (deep, N_QUERIES, sizeof deep[0], cmp_gint64);
  qsort (text, N_QUERIES / 10, sizeof text[0], cmp_gint64);

  printf ("ledger: history page (50 rows, newest first, asset filter) at %d orders: "
          "first page p50 %" G_GINT64_FORMAT " us, p99 %" G_GINT64_FORMAT " us (aim < 5000 us)\n",
          N_ORDERS, first[N_QUERIES / 2], first[N_QUERIES * 99 / 100]);
  printf ("ledger: history page by cursor deep in the history: p50 %" G_GINT64_FORMAT
          " us, p99 %" G_GINT64_FORMAT " us\n", deep[N_QUERIES / 2], deep[N_QUERIES * 99 / 100]);
  printf ("ledger: history page with asset and text search: p50 %" G_GINT64_FORMAT " us, max %"
          G_GINT64_FORMAT " us\n", text[N_QUERIES / 20], text[N_QUERIES / 10 - 1]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = kopir_test_mkdtemp ();

  bench_decimal ();
  bench_commit (dir);
  bench_history (dir);

  kopir_test_rmdir (dir);
  return 0;
}
