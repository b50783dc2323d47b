/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kopir-ledger.h"
#include "kopir-test-util.h"

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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = kopir_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "sub", "ledger.db", NULL);
  f->ledger = kopir_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->ledger);
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

static KopirLedgerOrder *
make_order (const char *client_id,
            const char *base,
            const char *spend)
{
  KopirLedgerOrder *o = kopir_ledger_order_new ();

  o->client_order_id = client_id != NULL ? g_strdup (client_id) : kopir_ledger_new_client_order_id ();
  o->base_asset = g_strdup (base);
  o->quote_asset = g_strdup ("KZT");
  o->symbol = g_strconcat (base, "KZT", NULL);
  o->side = KOPIR_ORDER_SIDE_BUY;
  o->type = KOPIR_ORDER_TYPE_MARKET;
  o->has_quote_amount = TRUE;
  o->quote_amount = dec (spend);
  return o;
}

static void
test_states (void)
{
  g_assert_cmpstr (kopir_order_state_to_string (KOPIR_ORDER_STATE_PARTIALLY_FILLED), ==, "partially_filled");
  for (int s = KOPIR_ORDER_STATE_INTENT; s <= KOPIR_ORDER_STATE_EXPIRED; s++)
    {
      KopirOrderState back;

      g_assert_true (kopir_order_state_from_string (kopir_order_state_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (kopir_order_state_get_label (s));
      /* Nothing goes back to intent, and final states stay final. */
      g_assert_true (kopir_order_state_can_change (s, s));
      if (s != KOPIR_ORDER_STATE_INTENT)
        g_assert_false (kopir_order_state_can_change (s, KOPIR_ORDER_STATE_INTENT));
      if (kopir_order_state_is_final (s))
        for (int t = KOPIR_ORDER_STATE_INTENT; t <= KOPIR_ORDER_STATE_EXPIRED; t++)
          g_assert_true (kopir_order_state_can_change (s, t) == (s == t));
    }
  g_assert_false (kopir_order_state_from_string ("NEW", &(KopirOrderState) { 0 }));
  g_assert_true (kopir_order_state_can_change (KOPIR_ORDER_STATE_UNKNOWN, KOPIR_ORDER_STATE_FILLED));
  g_assert_false (kopir_order_state_can_change (KOPIR_ORDER_STATE_NEW, KOPIR_ORDER_STATE_UNKNOWN));
  g_assert_false (kopir_order_state_can_change (KOPIR_ORDER_STATE_PARTIALLY_FILLED, KOPIR_ORDER_STATE_NEW));

  {
    g_autofree char *a = kopir_ledger_new_client_order_id ();
    g_autofree char *b = kopir_ledger_new_client_order_id ();
    g_assert_cmpstr (a, !=, b);
    g_assert_cmpuint (strlen (a), <=, 36);
    for (const char *p = a; *p; p++)
      g_assert_true (g_ascii_isalnum (*p));
  }
}

static void
test_order_life (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KopirLedgerOrder) o = make_order ("order-1", "BTC", "50000.00");
  g_autoptr(KopirLedgerOrder) dup = make_order ("order-1", "ETH", "1.00");
  g_autoptr(KopirLedgerOrder) got = NULL;
  g_autoptr(GPtrArray) unresolved = NULL;
  g_autoptr(GArray) states = NULL;
  g_autoptr(GArray) fills = NULL;
  g_autoptr(GError) error = NULL;
  KopirDecimal qty = dec ("0.00166"), spent = dec ("49806.60");
  KopirLedgerFill fill = { 7001, { 3000000000, 2 }, { 100000, 8 }, { 100, 8 }, "BTC", 1000 };
  gboolean added;

  g_assert_cmpint (kopir_ledger_get_schema_version (f->ledger), ==, KOPIR_LEDGER_SCHEMA_VERSION);
  g_assert_true (kopir_ledger_add_order_intent (f->ledger, o, &error));
  g_assert_no_error (error);
  g_assert_cmpint (o->id, >, 0);
  g_assert_cmpint (o->state, ==, KOPIR_ORDER_STATE_INTENT);
  g_assert_cmpint (o->created_at_us, >, 0);

  g_assert_false (kopir_ledger_add_order_intent (f->ledger, dup, &error));
  g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);

  unresolved = kopir_ledger_list_unresolved_orders (f->ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unresolved->len, ==, 1);
  g_clear_pointer (&unresolved, g_ptr_array_unref);

  g_assert_true (kopir_ledger_set_order_state (f->ledger, "order-1", KOPIR_ORDER_STATE_SENT, 0, NULL, NULL,
                                               NULL, &error));
  g_assert_true (kopir_ledger_set_order_state (f->ledger, "order-1", KOPIR_ORDER_STATE_UNKNOWN, 0, NULL, NULL,
                                               "timeout", &error));
  g_assert_true (kopir_ledger_set_order_state (f->ledger, "order-1", KOPIR_ORDER_STATE_FILLED, 123456789,
                                               &qty, &spent, NULL, &error));
  g_assert_no_error (error);

  /* Final is final. */
  g_assert_false (kopir_ledger_set_order_state (f->ledger, "order-1", KOPIR_ORDER_STATE_CANCELED, 0, NULL,
                                                NULL, NULL, &error));
  g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_assert_false (kopir_ledger_set_order_state (f->ledger, "nope", KOPIR_ORDER_STATE_SENT, 0, NULL, NULL,
                                                NULL, &error));
  g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  got = kopir_ledger_lookup_order (f->ledger, "order-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->state, ==, KOPIR_ORDER_STATE_FILLED);
  g_assert_cmpint (got->exchange_order_id, ==, 123456789);
  g_assert_cmpstr (got->symbol, ==, "BTCKZT");
  g_assert_true (got->has_quote_amount);
  g_assert_false (got->has_quantity);
  g_assert_true (kopir_decimal_equal (&got->quote_amount, &o->quote_amount));
  g_assert_true (kopir_decimal_equal (&got->executed_qty, &qty));
  g_assert_true (kopir_decimal_equal (&got->cumulative_quote, &spent));
  g_assert_cmpstr (got->reason, ==, "timeout");
  g_assert_cmpint (got->updated_at_us, >=, got->created_at_us);

  states = kopir_ledger_list_order_states (f->ledger, "order-1", &error);
  g_assert_cmpuint (states->len, ==, 4);
  g_assert_cmpint (g_array_index (states, KopirOrderState, 0), ==, KOPIR_ORDER_STATE_INTENT);
  g_assert_cmpint (g_array_index (states, KopirOrderState, 2), ==, KOPIR_ORDER_STATE_UNKNOWN);
  g_assert_cmpint (g_array_index (states, KopirOrderState, 3), ==, KOPIR_ORDER_STATE_FILLED);

  unresolved = kopir_ledger_list_unresolved_orders (f->ledger, &error);
  g_assert_cmpuint (unresolved->len, ==, 0);

  /* The same fill twice is kept once. */
  g_assert_true (kopir_ledger_add_fill (f->ledger, "order-1", &fill, &added, &error));
  g_assert_true (added);
  g_assert_true (kopir_ledger_add_fill (f->ledger, "order-1", &fill, &added, &error));
  g_assert_false (added);
  fill.trade_id++;
  g_assert_true (kopir_ledger_add_fill (f->ledger, "order-1", &fill, &added, &error));
  g_assert_no_error (error);
  fills = kopir_ledger_list_fills (f->ledger, "order-1", &error);
  g_assert_cmpuint (fills->len, ==, 2);
  g_assert_cmpstr (g_array_index (fills, KopirLedgerFill, 0).commission_asset, ==, "BTC");
  g_assert_cmpint (g_array_index (fills, KopirLedgerFill, 1).trade_id, ==, 7002);
  g_assert_false (kopir_ledger_add_fill (f->ledger, "nope", &fill, NULL, &error));
  g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Incomplete orders are refused before anything is written. */
  {
    g_autoptr(KopirLedgerOrder) bad = make_order ("bad id with spaces", "BTC", "1");
    g_assert_false (kopir_ledger_add_order_intent (f->ledger, bad, &error));
    g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID);
    g_clear_error (&error);
    g_free (bad->client_order_id);
    bad->client_order_id = g_strdup ("ok");
    bad->type = KOPIR_ORDER_TYPE_LIMIT;
    g_assert_false (kopir_ledger_add_order_intent (f->ledger, bad, &error));
    g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Everything survives closing and opening again. */
  g_clear_object (&f->ledger);
  f->ledger = kopir_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&got, kopir_ledger_order_free);
  got = kopir_ledger_lookup_order (f->ledger, "order-1", &error);
  g_assert_cmpint (got->state, ==, KOPIR_ORDER_STATE_FILLED);
  g_assert_true (kopir_ledger_check_integrity (f->ledger, &error));
  g_assert_no_error (error);
}

static void
test_transfers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KopirLedgerTransfer) t = kopir_ledger_transfer_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  KopirLedgerQuery q = { 0 };
  KopirLedgerEntry *e;
  gint64 first_id;

  t->kind = KOPIR_TRANSFER_DEPOSIT;
  t->external_id = g_strdup ("dep-1");
  t->asset = g_strdup ("KZT");
  t->amount = dec ("100000.00");
  t->state = KOPIR_TRANSFER_STATE_PENDING;
  t->reference = g_strdup ("KZ75********0001");
  g_assert_true (kopir_ledger_record_transfer (f->ledger, t, NULL, &error));
  g_assert_no_error (error);
  first_id = t->id;

  t->state = KOPIR_TRANSFER_STATE_COMPLETED;
  g_clear_pointer (&t->reference, g_free);
  g_assert_true (kopir_ledger_record_transfer (f->ledger, t, NULL, &error));
  g_assert_cmpint (t->id, ==, first_id);

  t->kind = KOPIR_TRANSFER_WITHDRAWAL;
  g_assert_true (kopir_ledger_record_transfer (f->ledger, t, NULL, &error));
  g_assert_cmpint (t->id, !=, first_id);

  page = kopir_ledger_query_history (f->ledger, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  e = g_ptr_array_index (page, 1);
  g_assert_cmpint (e->kind, ==, KOPIR_LEDGER_KIND_DEPOSIT);
  g_assert_nonnull (e->transfer);
  g_assert_null (e->order);
  g_assert_cmpint (e->transfer->state, ==, KOPIR_TRANSFER_STATE_COMPLETED);
  g_assert_cmpstr (e->transfer->reference, ==, "KZ75********0001");
  g_clear_pointer (&page, g_ptr_array_unref);

  q.kinds = KOPIR_LEDGER_KIND_WITHDRAWAL;
  page = kopir_ledger_query_history (f->ledger, &q, &error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpint (((KopirLedgerEntry *) g_ptr_array_index (page, 0))->transfer->kind, ==,
                   KOPIR_TRANSFER_WITHDRAWAL);

  t->amount = dec ("0");
  g_assert_false (kopir_ledger_record_transfer (f->ledger, t, NULL, &error));
  g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID);
}

/* A withdrawal sent from this computer stays pending until the exchange
 * confirms it, with the account it went to; a transfer first seen in the
 * exchange's list keeps the time it was made. */
static void
test_pending_transfers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KopirLedgerTransfer) sent = kopir_ledger_transfer_new ();
  g_autoptr(KopirLedgerTransfer) old = kopir_ledger_transfer_new ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  KopirLedgerQuery q = { 0 };
  KopirLedgerTransfer *t;
  gint64 made = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC;

  sent->kind = KOPIR_TRANSFER_WITHDRAWAL;
  sent->external_id = g_strdup ("wd-intent-1");
  sent->asset = g_strdup ("KZT");
  sent->amount = dec ("10000.00");
  sent->state = KOPIR_TRANSFER_STATE_PENDING;
  sent->link_id = g_strdup ("lnk_7");
  g_assert_true (kopir_ledger_record_transfer (f->ledger, sent, NULL, &error));
  g_assert_no_error (error);

  old->kind = KOPIR_TRANSFER_DEPOSIT;
  old->external_id = g_strdup ("dep_1");
  old->asset = g_strdup ("KZT");
  old->amount = dec ("500000.00");
  old->state = KOPIR_TRANSFER_STATE_PENDING;
  old->created_at_us = made;
  g_assert_true (kopir_ledger_record_transfer (f->ledger, old, NULL, &error));
  g_assert_cmpint (old->created_at_us, ==, made);

  pending = kopir_ledger_list_pending_transfers (f->ledger, KOPIR_TRANSFER_WITHDRAWAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  t = g_ptr_array_index (pending, 0);
  g_assert_cmpstr (t->external_id, ==, "wd-intent-1");
  g_assert_cmpstr (t->link_id, ==, "lnk_7");
  g_assert_true (kopir_decimal_equal (&t->amount, &sent->amount));
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* Sent again: recording it again marks when. */
  {
    gboolean changed = FALSE;
    gint64 first_sent = sent->updated_at_us;

    g_assert_true (kopir_ledger_record_transfer (f->ledger, sent, &changed, &error));
    g_assert_true (changed);
    g_assert_cmpint (sent->updated_at_us, >, first_sent);
  }

  /* Confirmed: no longer pending, and the account is kept. */
  sent->state = KOPIR_TRANSFER_STATE_COMPLETED;
  g_clear_pointer (&sent->link_id, g_free);
  g_assert_true (kopir_ledger_record_transfer (f->ledger, sent, NULL, &error));
  pending = kopir_ledger_list_pending_transfers (f->ledger, KOPIR_TRANSFER_WITHDRAWAL, &error);
  g_assert_cmpuint (pending->len, ==, 0);

  /* The same list read again writes nothing. */
  {
    gboolean changed = TRUE;
    gint64 confirmed = sent->updated_at_us;

    g_assert_true (kopir_ledger_record_transfer (f->ledger, sent, &changed, &error));
    g_assert_false (changed);
    g_assert_cmpint (sent->updated_at_us, ==, confirmed);
  }

  /* The old deposit comes last in the history, at its own time. */
  page = kopir_ledger_query_history (f->ledger, &q, &error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (((KopirLedgerEntry *) g_ptr_array_index (page, 0))->kind, ==, KOPIR_LEDGER_KIND_WITHDRAWAL);
  g_assert_cmpstr (((KopirLedgerEntry *) g_ptr_array_index (page, 0))->transfer->link_id, ==, "lnk_7");
  g_assert_cmpint (((KopirLedgerEntry *) g_ptr_array_index (page, 1))->time_us, ==, made);
}

/* A ledger written before transfers knew their bank account opens, keeps
 * what it holds and gains the column. */
static void
test_migrate_transfers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KopirLedgerTransfer) t = kopir_ledger_transfer_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  KopirLedgerQuery q = { 0 };
  sqlite3 *db = NULL;

  t->kind = KOPIR_TRANSFER_DEPOSIT;
  t->external_id = g_strdup ("dep_9");
  t->asset = g_strdup ("KZT");
  t->amount = dec ("250.00");
  t->state = KOPIR_TRANSFER_STATE_COMPLETED;
  g_assert_true (kopir_ledger_record_transfer (f->ledger, t, NULL, &error));
  g_clear_object (&f->ledger);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX transfers_pending; ALTER TABLE transfers DROP COLUMN link_id; "
                                     "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->ledger = kopir_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_ledger_get_schema_version (f->ledger), ==, KOPIR_LEDGER_SCHEMA_VERSION);
  page = kopir_ledger_query_history (f->ledger, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (((KopirLedgerEntry *) g_ptr_array_index (page, 0))->transfer->external_id, ==, "dep_9");
  g_assert_null (((KopirLedgerEntry *) g_ptr_array_index (page, 0))->transfer->link_id);
}

/* History pages: filters, order, and cursor paging that visits every entry
 * exactly once. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  static const char *assets[] = { "BTC", "ETH", "USDT", "SOL" };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  KopirLedgerQuery q = { 0 };
  gint64 middle = 0;
  guint n_btc = 0;
  KopirDecimal total;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("h-%03u", i);
      g_autoptr(KopirLedgerOrder) o = make_order (id, assets[i % 4], "1000.00");

      g_assert_true (kopir_ledger_add_order_intent (f->ledger, o, &error));
      g_assert_no_error (error);
      if (i == 150)
        middle = o->created_at_us;
      if (i % 4 == 0)
        n_btc++;
      if (i % 3 == 0)
        g_assert_true (kopir_ledger_set_order_state (f->ledger, id, KOPIR_ORDER_STATE_REJECTED, 0, NULL,
                                                     NULL, "no", &error));
    }

  /* Cursor paging over BTC, newest first. */
  q.asset = "BTC";
  q.limit = 7;
  for (;;)
    {
      g_autoptr(GPtrArray) page = kopir_ledger_query_history (f->ledger, &q, &error);
      KopirLedgerEntry *last;

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      g_assert_cmpuint (page->len, <=, 7);
      for (guint i = 0; i < page->len; i++)
        {
          KopirLedgerEntry *e = g_ptr_array_index (page, i);

          g_assert_cmpstr (e->asset, ==, "BTC");
          g_assert_cmpstr (e->order->base_asset, ==, "BTC");
          g_assert_true (g_hash_table_add (seen, g_strdup (e->order->client_order_id)));
          if (i > 0)
            {
              KopirLedgerEntry *prev = g_ptr_array_index (page, i - 1);
              g_assert_true (prev->time_us > e->time_us || (prev->time_us == e->time_us && prev->id > e->id));
            }
        }
      last = g_ptr_array_index (page, page->len - 1);
      q.has_cursor = TRUE;
      q.cursor_time_us = last->time_us;
      q.cursor_id = last->id;
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n_btc);

  /* Offset paging, a date range, text search and kinds. */
  {
    KopirLedgerQuery q2 = { 0 };
    g_autoptr(GPtrArray) page = NULL;

    q2.limit = 10;
    q2.offset = 295;
    page = kopir_ledger_query_history (f->ledger, &q2, &error);
    g_assert_cmpuint (page->len, ==, 5);
    g_assert_cmpstr (((KopirLedgerEntry *) g_ptr_array_index (page, 4))->order->client_order_id, ==, "h-000");
    g_clear_pointer (&page, g_ptr_array_unref);

    memset (&q2, 0, sizeof q2);
    q2.from_us = middle;
    q2.limit = 500;
    page = kopir_ledger_query_history (f->ledger, &q2, &error);
    g_assert_cmpuint (page->len, >=, 150);
    for (guint i = 0; i < page->len; i++)
      g_assert_cmpint (((KopirLedgerEntry *) g_ptr_array_index (page, i))->time_us, >=, middle);
    g_clear_pointer (&page, g_ptr_array_unref);

    q2.from_us = 0;
    q2.to_us = middle;
    page = kopir_ledger_query_history (f->ledger, &q2, &error);
    for (guint i = 0; i < page->len; i++)
      g_assert_cmpint (((KopirLedgerEntry *) g_ptr_array_index (page, i))->time_us, <, middle);
    g_clear_pointer (&page, g_ptr_array_unref);

    memset (&q2, 0, sizeof q2);
    q2.text = "H-12";   /* h-120 … h-129, in any case */
    page = kopir_ledger_query_history (f->ledger, &q2, &error);
    g_assert_cmpuint (page->len, ==, 10);
    g_clear_pointer (&page, g_ptr_array_unref);
    q2.text = "%";
    page = kopir_ledger_query_history (f->ledger, &q2, &error);
    g_assert_cmpuint (page->len, ==, 0);
    g_clear_pointer (&page, g_ptr_array_unref);

    memset (&q2, 0, sizeof q2);
    q2.kinds = KOPIR_LEDGER_KIND_DEPOSIT;
    page = kopir_ledger_query_history (f->ledger, &q2, &error);
    g_assert_cmpuint (page->len, ==, 0);
  }

  /* Exchange order ids become searchable once known. */
  {
    KopirLedgerQuery q3 = { 0 };
    g_autoptr(GPtrArray) page = NULL;

    g_assert_true (kopir_ledger_set_order_state (f->ledger, "h-001", KOPIR_ORDER_STATE_NEW, 987654321, NULL,
                                                 NULL, NULL, &error));
    q3.text = "987654321";
    page = kopir_ledger_query_history (f->ledger, &q3, &error);
    g_assert_cmpuint (page->len, ==, 1);
  }

  /* Unresolved orders for reconciliation: every one not rejected and not
   * acknowledged. */
  {
    g_autoptr(GPtrArray) unresolved = kopir_ledger_list_unresolved_orders (f->ledger, &error);
    g_assert_cmpuint (unresolved->len, ==, 300 - 100 - 1);
  }

  /* 300 orders of 1 000 ₸, 100 of them rejected with nothing spent; the
   * 200 others are unresolved or open and count in full or as executed. */
  g_assert_true (kopir_ledger_sum_purchases (f->ledger, "KZT", 0, G_MAXINT64, &total, &error));
  g_assert_true (kopir_decimal_equal (&total, &(KopirDecimal) { 199000, 0 }));
}

/* The history queries are answered from the indexes, in index order: no
 * full scan, no sort of the whole table.  This is what keeps a page fast
 * at 100 000 orders. */
static void
test_query_plans (Fixture       *f,
                  gconstpointer  data)
{
  static const char *queries[] = {
    "SELECT a.id FROM activity a WHERE a.asset = 'BTC' ORDER BY a.at DESC, a.id DESC LIMIT 50",
    "SELECT a.id FROM activity a WHERE a.asset = 'BTC' AND (a.at, a.id) < (5, 5) ORDER BY a.at DESC, a.id DESC LIMIT 50",
    "SELECT a.id FROM activity a ORDER BY a.at DESC, a.id DESC LIMIT 50",
    "SELECT a.id FROM activity a WHERE a.kind = 2 ORDER BY a.at DESC, a.id DESC LIMIT 50",
    "SELECT a.id FROM activity a WHERE +a.kind IN (1, 2, -1) ORDER BY a.at DESC, a.id DESC LIMIT 50",
    "SELECT id FROM orders o WHERE o.state IN ('intent', 'sent', 'unknown') ORDER BY o.created_at, o.id",
  };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", queries[i], NULL);
      g_autoptr(GString) plan = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
      sqlite3_finalize (stmt);

      g_test_message ("%s\n%s", queries[i], plan->str);
      g_assert_nonnull (strstr (plan->str, " INDEX "));
      g_assert_null (strstr (plan->str, "SCAN a\n"));
      g_assert_null (strstr (plan->str, "TEMP B-TREE"));
    }
  sqlite3_close (db);
}

static void
test_open_errors (void)
{
  g_autofree char *dir = kopir_test_mkdtemp ();
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(GError) error = NULL;
  KopirLedger *ledger;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (junk, "this is not a database, just some text that is long enough"
                                      " to look like a header of a file............", -1, NULL));
  ledger = kopir_ledger_open (junk, &error);
  g_assert_null (ledger);
  g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  ledger = kopir_ledger_open (newer, &error);
  g_assert_null (ledger);
  g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_NEWER_SCHEMA);
  g_clear_error (&error);

  /* A ledger that is gone is not made again by opening it as existing. */
  {
    g_autofree char *gone = g_build_filename (dir, "gone", "ledger.db", NULL);
    g_autofree char *gone_dir = g_path_get_dirname (gone);

    ledger = kopir_ledger_open_existing (gone, &error);
    g_assert_null (ledger);
    g_assert_nonnull (error);
    g_assert_false (g_file_test (gone_dir, G_FILE_TEST_EXISTS));
  }

  kopir_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ledger/states", test_states);
  g_test_add ("/ledger/order-life", Fixture, NULL, fixture_setup, test_order_life, fixture_teardown);
  g_test_add ("/ledger/transfers", Fixture, NULL, fixture_setup, test_transfers, fixture_teardown);
  g_test_add ("/ledger/pending-transfers", Fixture, NULL, fixture_setup, test_pending_transfers,
              fixture_teardown);
  g_test_add ("/ledger/migrate-transfers", Fixture, NULL, fixture_setup, test_migrate_transfers,
              fixture_teardown);
  g_test_add ("/ledger/history", Fixture, NULL, fixture_setup, test_history, fixture_teardown);
  g_test_add ("/ledger/query-plans", Fixture, NULL, fixture_setup, test_query_plans, fixture_teardown);
  g_test_add_func ("/ledger/open-errors", test_open_errors);

  return g_test_run ();
}
