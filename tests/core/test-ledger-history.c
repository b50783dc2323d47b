/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The history as the History page reads it: counts, orders, deep pages,
 * an order's events and what purchases came to. */
#include "config.h"

#include <sqlite3.h>

#include <glib.h>

#include "kopir-ledger.h"
#include "kopir-test-util.h"

#define N_ROWS 2000

static const char *assets[] = { "BTC", "ETH", "USDT", "SOL" };

typedef struct
{
  char        *dir;
  char        *path;
  KopirLedger *ledger;
} Fixture;

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;

  g_assert_true (kopir_decimal_parse (s, &d, NULL));
  return d;
}

/* N_ROWS entries a minute apart: every tenth a deposit of tenge, every
 * twenty-fifth a withdrawal, the rest orders of the four assets in turn. */
static void
bulk_fill (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *order = NULL, *transfer = NULL, *activity = NULL;
  gint64 t0 = G_GINT64_CONSTANT (1767225600000000);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO orders (client_order_id, symbol, base_asset, quote_asset, "
                                           "side, type, quote_amount, state, created_at, updated_at) "
                                           "VALUES (?1, ?2, ?3, 'KZT', 'BUY', 'MARKET', '1000.00', 'filled', ?4, ?4)",
                                       -1, &order, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO transfers (kind, external_id, asset, amount, state, "
                                           "created_at, updated_at) VALUES (?1, ?2, 'KZT', '5000.00', "
                                           "'completed', ?3, ?3)", -1, &transfer, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO activity (kind, asset, at, order_id, transfer_id, search) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &activity, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < N_ROWS; i++)
    {
      gint64 at = t0 + (gint64) i * 60 * G_USEC_PER_SEC;
      g_autofree char *id = g_strdup_printf ("row%05u", i);
      int kind;
      const char *asset;

      if (i % 10 == 0 || i % 25 == 0)
        {
          kind = i % 10 == 0 ? KOPIR_LEDGER_KIND_DEPOSIT : KOPIR_LEDGER_KIND_WITHDRAWAL;
          asset = "KZT";
          sqlite3_bind_text (transfer, 1, kind == KOPIR_LEDGER_KIND_DEPOSIT ? "deposit" : "withdrawal", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (transfer, 2, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (transfer, 3, at);
          g_assert_cmpint (sqlite3_step (transfer), ==, SQLITE_DONE);
          sqlite3_reset (transfer);
          sqlite3_bind_null (activity, 4);
          sqlite3_bind_int64 (activity, 5, sqlite3_last_insert_rowid (db));
        }
      else
        {
          g_autofree char *symbol = NULL;

          kind = KOPIR_LEDGER_KIND_ORDER;
          asset = assets[i % 4];
          symbol = g_strconcat (asset, "KZT", NULL);
          sqlite3_bind_text (order, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (order, 2, symbol, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (order, 3, asset, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (order, 4, at);
          g_assert_cmpint (sqlite3_step (order), ==, SQLITE_DONE);
          sqlite3_reset (order);
          sqlite3_bind_int64 (activity, 4, sqlite3_last_insert_rowid (db));
          sqlite3_bind_null (activity, 5);
        }

      sqlite3_bind_int (activity, 1, kind);
      sqlite3_bind_text (activity, 2, asset, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (activity, 3, at);
      sqlite3_bind_text (activity, 6, id, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (activity), ==, SQLITE_DONE);
      sqlite3_reset (activity);
    }

  sqlite3_finalize (order);
  sqlite3_finalize (transfer);
  sqlite3_finalize (activity);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = kopir_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->ledger = kopir_ledger_open (f->path, &error);
  g_assert_no_error (error);

  if (GPOINTER_TO_INT (data))
    bulk_fill (f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->ledger);
  kopir_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static guint
count (Fixture          *f,
       KopirLedgerQuery *q)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (kopir_ledger_count_history (f->ledger, q, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* Every entry, page by page with offsets. */
static GPtrArray *
read_all (Fixture          *f,
          KopirLedgerQuery *q)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_entry_free);

  q->limit = 137;
  for (q->offset = 0;; q->offset += q->limit)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = kopir_ledger_query_history (f->ledger, q, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, g_steal_pointer (&page->pdata[i]));
      if (page->len < q->limit)
        break;
    }

  return all;
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  KopirLedgerQuery q = { 0, };
  guint deposits = 0, withdrawals = 0, orders = 0, btc = 0;

  for (guint i = 0; i < N_ROWS; i++)
    {
      if (i % 10 == 0)
        deposits++;
      else if (i % 25 == 0)
        withdrawals++;
      else
        {
          orders++;
          btc += i % 4 == 0;
        }
    }

  g_assert_cmpuint (count (f, &q), ==, N_ROWS);
  q.kinds = KOPIR_LEDGER_KIND_DEPOSIT;
  g_assert_cmpuint (count (f, &q), ==, deposits);
  q.kinds = KOPIR_LEDGER_KIND_DEPOSIT | KOPIR_LEDGER_KIND_WITHDRAWAL;
  g_assert_cmpuint (count (f, &q), ==, deposits + withdrawals);
  q.kinds = KOPIR_LEDGER_KIND_ORDER;
  g_assert_cmpuint (count (f, &q), ==, orders);
  q.asset = "BTC";
  g_assert_cmpuint (count (f, &q), ==, btc);

  /* The first hour: 60 entries a minute apart. */
  q = (KopirLedgerQuery) { 0, };
  q.from_us = G_GINT64_CONSTANT (1767225600000000);
  q.to_us = q.from_us + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  g_assert_cmpuint (count (f, &q), ==, 60);

  /* Text: "row0012" matches row00120 to row00129. */
  q = (KopirLedgerQuery) { 0, };
  q.text = "ROW0012";
  g_assert_cmpuint (count (f, &q), ==, 10);
  q.text = "no such thing";
  g_assert_cmpuint (count (f, &q), ==, 0);
  /* LIKE's wildcards are taken literally. */
  q.text = "%";
  g_assert_cmpuint (count (f, &q), ==, 0);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  KopirLedgerQuery q = { 0, };
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GPtrArray) oldest = NULL;
  g_autoptr(GPtrArray) by_kind = NULL;
  g_autoptr(GPtrArray) by_asset = NULL;

  newest = read_all (f, &q);
  g_assert_cmpuint (newest->len, ==, N_ROWS);
  for (guint i = 1; i < newest->len; i++)
    g_assert_cmpint (((KopirLedgerEntry *) newest->pdata[i - 1])->time_us, >,
                     ((KopirLedgerEntry *) newest->pdata[i])->time_us);

  q = (KopirLedgerQuery) { .ascending = TRUE };
  oldest = read_all (f, &q);
  g_assert_cmpuint (oldest->len, ==, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    g_assert_cmpint (((KopirLedgerEntry *) oldest->pdata[i])->id, ==,
                     ((KopirLedgerEntry *) newest->pdata[N_ROWS - 1 - i])->id);

  /* Kinds together, in kind order, each oldest first. */
  q = (KopirLedgerQuery) { .sort = KOPIR_LEDGER_SORT_KIND, .ascending = TRUE };
  by_kind = read_all (f, &q);
  g_assert_cmpuint (by_kind->len, ==, N_ROWS);
  for (guint i = 1; i < by_kind->len; i++)
    {
      KopirLedgerEntry *a = by_kind->pdata[i - 1], *b = by_kind->pdata[i];

      g_assert_cmpint (a->kind, <=, b->kind);
      if (a->kind == b->kind)
        g_assert_cmpint (a->time_us, <, b->time_us);
    }
  g_assert_cmpint (((KopirLedgerEntry *) by_kind->pdata[0])->kind, ==, KOPIR_LEDGER_KIND_ORDER);

  /* Assets Z to A, each newest first, with a filter. */
  q = (KopirLedgerQuery) { .sort = KOPIR_LEDGER_SORT_ASSET, .kinds = KOPIR_LEDGER_KIND_ORDER };
  by_asset = read_all (f, &q);
  g_assert_cmpuint (by_asset->len, ==, count (f, &q));
  for (guint i = 1; i < by_asset->len; i++)
    {
      KopirLedgerEntry *a = by_asset->pdata[i - 1], *b = by_asset->pdata[i];

      g_assert_cmpint (a->kind, ==, KOPIR_LEDGER_KIND_ORDER);
      g_assert_cmpint (g_strcmp0 (a->asset, b->asset), >=, 0);
      if (g_strcmp0 (a->asset, b->asset) == 0)
        g_assert_cmpint (a->time_us, >, b->time_us);
    }
  g_assert_cmpstr (((KopirLedgerEntry *) by_asset->pdata[0])->asset, ==, "USDT");
}

static void
test_deep_page (Fixture       *f,
                gconstpointer  data)
{
  KopirLedgerQuery q = { .limit = 10, .offset = N_ROWS - 5 };
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  KopirLedgerEntry *last;

  page = kopir_ledger_query_history (f->ledger, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 5);
  last = page->pdata[4];
  /* The oldest entry is row 0, a deposit. */
  g_assert_cmpint (last->kind, ==, KOPIR_LEDGER_KIND_DEPOSIT);
  g_assert_nonnull (last->transfer);
  g_assert_cmpstr (last->transfer->external_id, ==, "row00000");
  g_assert_cmpint (((KopirLedgerEntry *) page->pdata[3])->kind, ==, KOPIR_LEDGER_KIND_ORDER);
  g_assert_cmpstr (((KopirLedgerEntry *) page->pdata[3])->order->client_order_id, ==, "row00001");

  q.offset = N_ROWS;
  g_clear_pointer (&page, g_ptr_array_unref);
  page = kopir_ledger_query_history (f->ledger, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);
}

static void
test_events_and_bought (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KopirLedgerOrder) order = kopir_ledger_order_new ();
  g_autoptr(GArray) events = NULL;
  g_autoptr(GError) error = NULL;
  KopirLedgerFill fills[2] = {
    { 11, dec ("30000000.00"), dec ("0.00100000"), dec ("0.00000100"), "BTC", 0 },
    { 12, dec ("30100000.00"), dec ("0.00050000"), dec ("0.00000050"), "BTC", 0 },
  };
  KopirDecimal executed = dec ("0.00150000"), quote = dec ("45050.00");
  KopirDecimal bought, paid;
  g_autofree char *bought_text = NULL;
  g_autofree char *paid_text = NULL;
  gboolean added;

  order->client_order_id = g_strdup ("events-1");
  order->symbol = g_strdup ("BTCKZT");
  order->base_asset = g_strdup ("BTC");
  order->quote_asset = g_strdup ("KZT");
  order->has_quote_amount = TRUE;
  order->quote_amount = dec ("45100.00");
  g_assert_true (kopir_ledger_add_order_intent (f->ledger, order, &error));
  g_assert_true (kopir_ledger_set_order_state (f->ledger, "events-1", KOPIR_ORDER_STATE_SENT, 0,
                                               NULL, NULL, NULL, &error));
  g_assert_true (kopir_ledger_add_fill (f->ledger, "events-1", &fills[0], &added, &error));
  g_assert_true (kopir_ledger_add_fill (f->ledger, "events-1", &fills[1], &added, &error));
  g_assert_true (kopir_ledger_set_order_state (f->ledger, "events-1", KOPIR_ORDER_STATE_FILLED, 77,
                                               &executed, &quote, NULL, &error));
  g_assert_no_error (error);

  events = kopir_ledger_list_order_events (f->ledger, "events-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpint (g_array_index (events, KopirLedgerOrderEvent, 0).state, ==, KOPIR_ORDER_STATE_INTENT);
  g_assert_cmpint (g_array_index (events, KopirLedgerOrderEvent, 1).state, ==, KOPIR_ORDER_STATE_SENT);
  g_assert_cmpint (g_array_index (events, KopirLedgerOrderEvent, 2).state, ==, KOPIR_ORDER_STATE_FILLED);
  for (guint i = 1; i < events->len; i++)
    g_assert_cmpint (g_array_index (events, KopirLedgerOrderEvent, i - 1).time_us, <=,
                     g_array_index (events, KopirLedgerOrderEvent, i).time_us);

  /* 0.0015 BTC less 0.0000015 BTC of fees, for 30 000 + 15 050 tenge. */
  g_assert_true (kopir_ledger_sum_bought (f->ledger, "BTC", "KZT", &bought, &paid, &error));
  g_assert_no_error (error);
  bought_text = kopir_decimal_dup_string (&bought);
  paid_text = kopir_decimal_dup_string (&paid);
  g_test_message ("bought %s for %s", bought_text, paid_text);
  g_assert_cmpint (kopir_decimal_compare (&bought, &KOPIR_DECIMAL_INIT (149850, 8)), ==, 0);
  g_assert_cmpint (kopir_decimal_compare (&paid, &KOPIR_DECIMAL_INIT (4505000, 2)), ==, 0);

  g_assert_true (kopir_ledger_sum_bought (f->ledger, "ETH", "KZT", &bought, &paid, &error));
  g_assert_true (kopir_decimal_is_zero (&bought));
  g_assert_true (kopir_decimal_is_zero (&paid));

  g_clear_pointer (&events, g_array_unref);
  events = kopir_ledger_list_order_events (f->ledger, "no-such-order", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ledger-history/count", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_count, fixture_teardown);
  g_test_add ("/ledger-history/sort", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_sort, fixture_teardown);
  g_test_add ("/ledger-history/deep-page", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_deep_page, fixture_teardown);
  g_test_add ("/ledger-history/events-and-bought", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_events_and_bought, fixture_teardown);

  return g_test_run ();
}
