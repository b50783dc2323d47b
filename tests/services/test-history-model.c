/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The History page's list: as long as the history at once, rows read
 * when asked for, memory bounded, filters, orders, details and CSV. */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "kopir-history-csv.h"
#include "kopir-history-model.h"
#include "kopir-test-history.h"
#include "kopir-test-util.h"

#define N_ROWS 3000

typedef struct
{
  char              *dir;
  char              *path;
  KopirHistoryModel *model;
  guint              changes;
  guint              last_removed;
  guint              last_added;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->changes++;
  f->last_removed = removed;
  f->last_added = added;
}

static gboolean
counted (gpointer data)
{
  return !kopir_history_model_get_counting (KOPIR_HISTORY_MODEL (data));
}

static gboolean
item_loaded (gpointer data)
{
  return kopir_history_item_get_loaded (KOPIR_HISTORY_ITEM (data));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kopir-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ledger.sqlite", NULL);
  kopir_test_fill_history (f->path, N_ROWS);

  f->model = kopir_history_model_new (f->path);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  kopir_test_wait_for (counted, f->model);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *command = NULL;

  g_clear_object (&f->model);
  /* Let the worker's last callbacks run before the folder goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  command = g_strdup_printf ("rm -rf '%s'", f->dir);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->dir);
  g_free (f->path);
}

static KopirHistoryItem *
get_loaded (Fixture *f,
            guint    position)
{
  KopirHistoryItem *item = g_list_model_get_item (G_LIST_MODEL (f->model), position);

  g_assert_nonnull (item);
  kopir_test_wait_for (item_loaded, item);
  return item;
}

static void
test_length_and_pages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KopirHistoryItem) first = NULL;
  g_autoptr(KopirHistoryItem) last = NULL;
  g_autoptr(KopirHistoryItem) again = NULL;
  const KopirLedgerEntry *entry;

  /* As long as the history before a single row is read. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_ROWS);
  g_assert_cmpuint (f->last_added, ==, N_ROWS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->model)) == KOPIR_TYPE_HISTORY_ITEM);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->model), N_ROWS));

  /* Newest first: row N - 1 is an order, row 0 a deposit. */
  first = get_loaded (f, 0);
  entry = kopir_history_item_get_entry (first);
  g_assert_cmpint (entry->time_us, ==, KOPIR_TEST_HISTORY_START_US + (gint64) (N_ROWS - 1) * 60 * G_USEC_PER_SEC);
  g_assert_nonnull (entry->order);
  g_assert_cmpstr (entry->order->client_order_id, ==, "hist-002999");
  g_assert_cmpstr (kopir_history_entry_get_kind_label (entry), ==, "Purchase");
  g_assert_cmpstr (kopir_history_entry_get_status_label (entry), ==, "Filled");

  last = get_loaded (f, N_ROWS - 1);
  entry = kopir_history_item_get_entry (last);
  g_assert_null (entry->order);
  g_assert_cmpstr (entry->transfer->external_id, ==, "dep_0");
  g_assert_cmpstr (kopir_history_entry_get_kind_label (entry), ==, "Deposit");

  /* While held, an item is the same object. */
  again = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  g_assert_true (again == first);
}

static void
test_bounded_memory (Fixture       *f,
                     gconstpointer  data)
{
  /* Scroll through everything, one screen held at a time, as a list
   * does: what the model keeps stays small. */
  for (guint screen = 0; screen < N_ROWS; screen += 40)
    {
      g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = screen; i < MIN (screen + 40, N_ROWS); i++)
        g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (f->model), i));
      kopir_test_wait_for (item_loaded, held->pdata[held->len - 1]);
      for (guint i = 0; i < held->len; i++)
        kopir_test_wait_for (item_loaded, held->pdata[i]);

      g_assert_cmpuint (kopir_history_model_get_n_items_alive (f->model), ==, held->len);
      g_assert_cmpuint (kopir_history_model_get_n_pages_cached (f->model), <=, 16);
    }

  g_assert_cmpuint (kopir_history_model_get_n_items_alive (f->model), ==, 0);
  g_assert_cmpuint (kopir_history_model_get_n_pages_cached (f->model), <=, 16);

  /* An item let go and asked for again comes back with the same entry. */
  {
    g_autoptr(KopirHistoryItem) item = get_loaded (f, 1234);
    const KopirLedgerEntry *entry = kopir_history_item_get_entry (item);

    g_assert_cmpint (entry->time_us, ==,
                     KOPIR_TEST_HISTORY_START_US + (gint64) (N_ROWS - 1 - 1234) * 60 * G_USEC_PER_SEC);
  }
}

static void
test_filter_and_sort (Fixture       *f,
                      gconstpointer  data)
{
  KopirHistoryFilter filter = { .kinds = KOPIR_LEDGER_KIND_DEPOSIT };
  g_autoptr(KopirHistoryItem) item = NULL;
  guint deposits = N_ROWS / 10;
  guint changes;

  g_assert_false (kopir_history_model_get_filtered (f->model));
  changes = f->changes;
  kopir_history_model_set_filter (f->model, &filter);
  g_assert_true (kopir_history_model_get_filtered (f->model));
  kopir_test_wait_for (counted, f->model);
  /* One change, all at once. */
  g_assert_cmpuint (f->changes, ==, changes + 1);
  g_assert_cmpuint (f->last_removed, ==, N_ROWS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, deposits);

  item = get_loaded (f, deposits - 1);
  g_assert_cmpstr (kopir_history_item_get_entry (item)->transfer->external_id, ==, "dep_0");
  g_clear_object (&item);

  /* Oldest first. */
  kopir_history_model_set_sort (f->model, KOPIR_LEDGER_SORT_TIME, TRUE);
  kopir_test_wait_for (counted, f->model);
  item = get_loaded (f, 0);
  g_assert_cmpstr (kopir_history_item_get_entry (item)->transfer->external_id, ==, "dep_0");
  g_clear_object (&item);

  /* An asset and a search. */
  filter = (KopirHistoryFilter) { .asset = "SOL", .text = "HIST-0000" };
  kopir_history_model_set_filter (f->model, &filter);
  kopir_test_wait_for (counted, f->model);
  /* hist-000003, 000007 (SOL is i % 4 == 3 among 0..99 not multiples of
   * 10 or 25: 3, 7, 11, ... 99 = 25, less 75 = 24. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 24);
  item = get_loaded (f, 0);
  g_assert_cmpstr (kopir_history_item_get_entry (item)->order->client_order_id, ==, "hist-000003");
  g_clear_object (&item);

  /* Nothing found is an empty list, not an error. */
  filter = (KopirHistoryFilter) { .text = "nothing like this" };
  kopir_history_model_set_filter (f->model, &filter);
  kopir_test_wait_for (counted, f->model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  g_assert_null (kopir_history_model_get_error (f->model));

  kopir_history_model_set_filter (f->model, NULL);
  g_assert_false (kopir_history_model_get_filtered (f->model));
  kopir_test_wait_for (counted, f->model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_ROWS);
}

static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(KopirLedgerOrder) order = kopir_ledger_order_new ();
  g_autoptr(KopirHistoryItem) item = NULL;
  g_autoptr(GError) error = NULL;

  /* Another connection records a purchase, as the purchase manager does. */
  ledger = kopir_ledger_open (f->path, &error);
  g_assert_no_error (error);
  order->client_order_id = g_strdup ("new-one");
  order->symbol = g_strdup ("ETHKZT");
  order->base_asset = g_strdup ("ETH");
  order->quote_asset = g_strdup ("KZT");
  order->has_quote_amount = TRUE;
  order->quote_amount = KOPIR_DECIMAL_INIT (1000000, 2);
  g_assert_true (kopir_ledger_add_order_intent (ledger, order, &error));

  kopir_history_model_reload (f->model);
  kopir_test_wait_for (counted, f->model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_ROWS + 1);
  item = get_loaded (f, 0);
  g_assert_cmpstr (kopir_history_item_get_entry (item)->order->client_order_id, ==, "new-one");
  g_assert_cmpstr (kopir_history_entry_get_status_label (kopir_history_item_get_entry (item)), ==, "Preparing");
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KopirHistoryDetails) details = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const KopirLedgerFill *fill;

  kopir_history_model_load_details_async (f->model, "hist-000001", NULL, kopir_test_async_cb, &result);
  details = kopir_history_model_load_details_finish (f->model, kopir_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (details->order->base_asset, ==, "ETH");
  g_assert_cmpint (details->order->exchange_order_id, ==, 500001);
  g_assert_cmpuint (details->fills->len, ==, 1);
  fill = &g_array_index (details->fills, KopirLedgerFill, 0);
  g_assert_cmpint (fill->trade_id, ==, 900001);
  g_assert_cmpstr (fill->commission_asset, ==, "ETH");
  g_assert_cmpuint (details->events->len, ==, 3);
  g_assert_cmpint (g_array_index (details->events, KopirLedgerOrderEvent, 2).state, ==,
                   KOPIR_ORDER_STATE_FILLED);

  g_clear_object (&result);
  kopir_history_model_load_details_async (f->model, "no-such-order", NULL, kopir_test_async_cb, &result);
  g_assert_null (kopir_history_model_load_details_finish (f->model, kopir_test_wait_result (&result), &error));
  g_assert_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_NOT_FOUND);
}

static void
test_csv_field (void)
{
  g_autofree char *plain = kopir_history_csv_field ("0.00100000");
  g_autofree char *comma = kopir_history_csv_field ("KZ** 1, 2");
  g_autofree char *quote = kopir_history_csv_field ("say \"hi\"");
  g_autofree char *formula = kopir_history_csv_field ("=HYPERLINK(\"x\")");
  g_autofree char *empty = kopir_history_csv_field (NULL);
  g_autofree char *line = kopir_history_csv_field ("a\nb");

  g_assert_cmpstr (plain, ==, "0.00100000");
  g_assert_cmpstr (comma, ==, "\"KZ** 1, 2\"");
  g_assert_cmpstr (quote, ==, "\"say \"\"hi\"\"\"");
  g_assert_cmpstr (formula, ==, "\"'=HYPERLINK(\"\"x\"\")\"");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (line, ==, "\"a\nb\"");
}

static void
test_csv_export (Fixture       *f,
                 gconstpointer  data)
{
  KopirHistoryFilter filter = { .kinds = KOPIR_LEDGER_KIND_ORDER | KOPIR_LEDGER_KIND_DEPOSIT };
  g_autofree char *path = g_build_filename (f->dir, "history.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  guint n_rows = 0, expected = 0;
  GStatBuf st;

  for (guint i = 0; i < N_ROWS; i++)
    if (i % 10 == 0 || i % 25 != 0)
      expected++;

  kopir_history_model_set_filter (f->model, &filter);
  kopir_test_wait_for (counted, f->model);
  kopir_history_model_export_csv_async (f->model, file, NULL, kopir_test_async_cb, &result);
  g_assert_true (kopir_history_model_export_csv_finish (f->model, kopir_test_wait_result (&result),
                                                        &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, expected);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  /* A header, the rows, and nothing after the last line end. */
  g_assert_cmpuint (g_strv_length (lines), ==, expected + 2);
  g_assert_cmpstr (lines[expected + 1], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "Date,Type,Asset,Status,Order type,Quantity,Average price,Total,"));

  /* The newest row: purchase 2999 of SOL (2999 % 4 == 3), in UTC here. */
  fields = g_strsplit (lines[1], ",", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 16);
  g_assert_cmpstr (fields[0], ==, "2026-01-03T01:59:00+00:00");
  g_assert_cmpstr (fields[1], ==, "Purchase");
  g_assert_cmpstr (fields[2], ==, "SOL");
  g_assert_cmpstr (fields[3], ==, "Filled");
  g_assert_cmpstr (fields[4], ==, "Market");
  g_assert_cmpstr (fields[5], ==, "0.40000000");
  g_assert_cmpstr (fields[6], ==, "75000.0000");
  g_assert_cmpstr (fields[7], ==, "30000.00");
  g_assert_cmpstr (fields[8], ==, "KZT");
  g_assert_cmpstr (fields[9], ==, "0.00040000");
  g_assert_cmpstr (fields[10], ==, "SOL");
  g_assert_cmpstr (fields[13], ==, "hist-002999");
  g_assert_cmpstr (fields[14], ==, "502999");

  /* The oldest: the first deposit, with its masked account as is. */
  g_clear_pointer (&fields, g_strfreev);
  fields = g_strsplit (lines[expected], ",", -1);
  g_assert_cmpstr (fields[1], ==, "Deposit");
  g_assert_cmpstr (fields[5], ==, "50000.00");
  g_assert_cmpstr (fields[14], ==, "dep_0");
  g_assert_cmpstr (fields[15], ==, "KZ** **** **** 1234");

  /* Private to the user. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history-model/length-and-pages", Fixture, NULL, fixture_setup, test_length_and_pages,
              fixture_teardown);
  g_test_add ("/history-model/bounded-memory", Fixture, NULL, fixture_setup, test_bounded_memory,
              fixture_teardown);
  g_test_add ("/history-model/filter-and-sort", Fixture, NULL, fixture_setup, test_filter_and_sort,
              fixture_teardown);
  g_test_add ("/history-model/reload", Fixture, NULL, fixture_setup, test_reload, fixture_teardown);
  g_test_add ("/history-model/details", Fixture, NULL, fixture_setup, test_details, fixture_teardown);
  g_test_add_func ("/history-model/csv-field", test_csv_field);
  g_test_add ("/history-model/csv-export", Fixture, NULL, fixture_setup, test_csv_export,
              fixture_teardown);

  return g_test_run ();
}
