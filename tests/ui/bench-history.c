/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-history.c: the History page with a long history, under Xvfb.
 *
 *   bench-history ROWS [STOPS]
 *
 * Writes ROWS entries into a ledger, then times how long the real History
 * page takes from being made to showing its first rows filled in (counted,
 * read and drawn), reads the resident memory, scrolls through the whole
 * list a screen at a time (waiting at each stop until the rows there are
 * read and drawn), and reads the memory again. Prints one line of figures.
 * tests/ui/bench-history.sh runs it for a thousand and for a hundred
 * thousand rows and compares.
 *
 * The page gets a context on the "custom" exchange profile with no
 * address: it opens its ledger and nothing else, so no network and no
 * keyring are involved.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>

#include <sqlite3.h>

#include <adwaita.h>

#include "kopir-history-page.h"
#include "kopir-test-history.h"

static gint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
context_ready (gpointer data)
{
  return kopir_context_get_ready (KOPIR_CONTEXT (data));
}

static void
iterate_until (gboolean (*condition) (gpointer data),
               gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("A condition did not come true within two minutes");
      g_main_context_iteration (NULL, TRUE);
    }
}

typedef struct
{
  KopirHistoryPage *page;
  GtkWidget        *window;
  guint             painted;
} Bench;

/* The rows a person sees at the top of the list are read, and a frame
 * was drawn since. */
static gboolean
visible_rows_shown (gpointer data)
{
  Bench *bench = data;
  KopirHistoryModel *model = kopir_history_page_get_model (bench->page);
  GtkWidget *view = find_descendant (GTK_WIDGET (bench->page), GTK_TYPE_COLUMN_VIEW);
  GtkAdjustment *adjustment;
  guint first, n;

  if (model == NULL || kopir_history_model_get_counting (model) ||
      g_list_model_get_n_items (G_LIST_MODEL (model)) == 0 || view == NULL)
    return FALSE;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (find_descendant (view, GTK_TYPE_LIST_VIEW)));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  first = (guint) (gtk_adjustment_get_value (adjustment) / MAX (1.0, gtk_adjustment_get_upper (adjustment)) * n);

  for (guint i = first; i < MIN (first + 10, n); i++)
    {
      g_autoptr(KopirHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (!kopir_history_item_get_loaded (item))
        return FALSE;
    }

  return bench->painted > 0;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  bench->painted++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ledger = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(KopirContext) context = NULL;
  Bench bench = { 0, };
  GtkWidget *view, *list;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  guint rows, max_stops, stops = 0;
  double step;
  gint64 open_us[5];
  gint64 t0, first_page_us, rss_before, rss_open, rss_peak, rss_end, scroll_us;
  size_t heap_before, heap_open, heap_end;

  rows = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  max_stops = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 240;

  dir = g_dir_make_tmp ("kopir-bench-history-XXXXXX", &error);
  g_assert_no_error (error);
  ledger = g_build_filename (dir, "custom.sqlite", NULL);
  kopir_test_fill_history (ledger, rows);

  gtk_init ();
  adw_init ();

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "exchange-profile", "custom");
  context = g_object_new (KOPIR_TYPE_CONTEXT, "settings", settings, "ledger-dir", dir, NULL);
  kopir_context_start_async (context, NULL, NULL, NULL);
  iterate_until (context_ready, context);

  /* The window is up and drawn first: what is timed is what showing the
   * History page in a running Kopir costs. */
  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 960, 680);
  gtk_window_set_child (GTK_WINDOW (bench.window), gtk_label_new ("Kopir"));
  gtk_window_present (GTK_WINDOW (bench.window));
  while (gtk_widget_get_frame_clock (bench.window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (bench.window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);
  while (bench.painted == 0)
    g_main_context_iteration (NULL, TRUE);

  heap_before = mallinfo2 ().uordblks;
  rss_before = rss_kib ();

  /* Opened five times, each time a new page: the median is the figure. */
  for (guint round = 0; round < G_N_ELEMENTS (open_us); round++)
    {
      if (bench.page != NULL)
        {
          gtk_window_set_child (GTK_WINDOW (bench.window), gtk_label_new ("Kopir"));
          bench.painted = 0;
          while (bench.painted == 0)
            g_main_context_iteration (NULL, TRUE);
        }

      t0 = g_get_monotonic_time ();
      bench.painted = 0;
      bench.page = KOPIR_HISTORY_PAGE (kopir_history_page_new (context));
      gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.page));
      iterate_until (visible_rows_shown, &bench);
      open_us[round] = g_get_monotonic_time () - t0;
    }
  qsort (open_us, G_N_ELEMENTS (open_us), sizeof open_us[0], compare_gint64);
  first_page_us = open_us[G_N_ELEMENTS (open_us) / 2];
  rss_open = rss_kib ();
  heap_open = mallinfo2 ().uordblks;
  rss_peak = rss_open;

  /* Through the whole list, a screen at a time: each stop waits for its
   * rows to be read and drawn. */
  view = find_descendant (GTK_WIDGET (bench.page), GTK_TYPE_COLUMN_VIEW);
  list = find_descendant (view, GTK_TYPE_LIST_VIEW);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  t0 = g_get_monotonic_time ();
  /* At most max_stops stops, evenly spread, a screen apart at least. */
  step = MAX (gtk_adjustment_get_page_size (adjustment),
              gtk_adjustment_get_upper (adjustment) / max_stops);
  for (double value = 0; value < gtk_adjustment_get_upper (adjustment); value += step)
    {
      gtk_adjustment_set_value (adjustment, MIN (value, gtk_adjustment_get_upper (adjustment) -
                                                         gtk_adjustment_get_page_size (adjustment)));
      bench.painted = 0;
      iterate_until (visible_rows_shown, &bench);
      rss_peak = MAX (rss_peak, rss_kib ());
      stops++;
    }
  scroll_us = g_get_monotonic_time () - t0;
  rss_end = rss_kib ();
  heap_end = mallinfo2 ().uordblks;

  /* The heap in use (glibc's count of allocated bytes) is what the page
   * holds; resident memory also counts what allocators keep for reuse. */
  printf ("history %6u rows: first page shown in %5.1f ms (median of 5, %.1f to %.1f) | heap held by the page: %4.1f MiB open, "
          "%4.1f MiB after scrolling through (%u stops, %.1f s) | SQLite %.1f MiB | RSS %.1f MiB "
          "before, %.1f open, %.1f at most, %.1f after | %u pages of rows kept, %u rows alive\n",
          rows, first_page_us / 1000.0, open_us[0] / 1000.0, open_us[4] / 1000.0, (double) (heap_open - heap_before) / 1048576.0,
          (double) (heap_end - heap_before) / 1048576.0, stops, scroll_us / 1e6,
          sqlite3_memory_used () / 1048576.0, rss_before / 1024.0, rss_open / 1024.0,
          rss_peak / 1024.0, rss_end / 1024.0,
          kopir_history_model_get_n_pages_cached (kopir_history_page_get_model (bench.page)),
          kopir_history_model_get_n_items_alive (kopir_history_page_get_model (bench.page)));

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_object_run_dispose (G_OBJECT (context));
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (command) != 0)
      g_warning ("Could not remove %s", dir);
  }

  return 0;
}
