/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-prices.c: a thousand prices a second, under Xvfb.
 *
 *   bench-prices [SECONDS]
 *
 * The Buy page's live parts in a window: the four market rows and the
 * price chart with a day of points, fed the way the price stream feeds
 * them (KopirMarket's setters), at 1 000 updates a second spread over the
 * four markets. The chart follows the chosen market on the frame clock, as
 * the page does.
 *
 * Measured twice, first with nothing fed (a spinner keeps frames coming,
 * so the baseline is the cost of drawing alone), then fed:
 *   - main-loop stalls: a 1 ms heartbeat records how long the loop could
 *     not run it; the longest is the worst stall;
 *   - frame intervals, from the frame clock, after each paint;
 *   - the time spent handling updates, and how often the rows' labels
 *     were actually rewritten (once a frame at most, however many prices).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

#include "kopir-market-row.h"
#include "kopir-price-chart.h"

#define RATE 1000

typedef struct
{
  GPtrArray   *markets;
  KopirMarket *chosen;
  KopirPriceChart *chart;
  GtkLabel    *price_label;
  GPtrArray   *rows;
  gint64       prices[4];
  GRand       *rand;

  gboolean     feeding;
  gint64       feed_start;
  guint64      fed;
  gint64       feed_us;
  gint64       feed_max_us;

  gint64       last_beat;
  gint64       last_beat_cpu;
  GArray      *stalls;     /* gint64 µs between heartbeats */
  GArray      *cpu_stalls; /* gint64 µs of this thread's CPU time between them */
  gint64       last_frame;
  GArray      *frames;     /* gint64 µs between paints */
  gint64       paint_start;
  gint64       paint_start_cpu;
  GArray      *paints;     /* gint64 µs from before-paint to after-paint */
  GArray      *paints_cpu; /* the same in this thread's CPU time */
  guint        tick_id;
  guint        header_updates;
} Bench;

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  KopirDecimal price = kopir_market_get_price (bench->chosen);
  g_autofree char *text = kopir_decimal_dup_string (&price);

  /* What the Buy page does once a frame: the chart and the big price. */
  bench->tick_id = 0;
  kopir_price_chart_set_live_price (bench->chart, &price, g_get_real_time () / 1000);
  gtk_label_set_label (bench->price_label, text);
  bench->header_updates++;

  return G_SOURCE_REMOVE;
}

static void
on_chosen_notify (Bench *bench)
{
  if (bench->tick_id == 0)
    bench->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (bench->chart), on_tick, bench, NULL);
}

/* Applies every update due since feeding began: 1 000 a second, however
 * late the timeout runs. */
static gboolean
feed (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 start = g_get_monotonic_time ();
  guint64 due;

  if (!bench->feeding)
    return G_SOURCE_CONTINUE;

  due = (guint64) ((start - bench->feed_start) * RATE / G_USEC_PER_SEC);
  while (bench->fed < due)
    {
      guint i = bench->fed % bench->markets->len;
      KopirMarket *market = g_ptr_array_index (bench->markets, i);
      KopirDecimal price, bid, ask;

      bench->prices[i] += g_rand_int_range (bench->rand, -5000, 5001);
      price = KOPIR_DECIMAL_INIT (bench->prices[i], 2);
      bid = KOPIR_DECIMAL_INIT (bench->prices[i] - 100, 2);
      ask = KOPIR_DECIMAL_INIT (bench->prices[i] + 100, 2);
      kopir_market_set_book (market, &bid, &ask);
      kopir_market_set_price (market, &price);
      bench->fed++;
    }

  {
    gint64 spent = g_get_monotonic_time () - start;

    bench->feed_us += spent;
    bench->feed_max_us = MAX (bench->feed_max_us, spent);
  }

  return G_SOURCE_CONTINUE;
}

/* The CPU time this thread has used: on a busy machine the wall-clock
 * stalls include time the scheduler gave to other programs. */
static gint64
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
heartbeat (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (bench->last_beat != 0)
    {
      gint64 gap = now - bench->last_beat;
      gint64 cpu_gap = cpu - bench->last_beat_cpu;

      g_array_append_val (bench->stalls, gap);
      g_array_append_val (bench->cpu_stalls, cpu_gap);
    }
  bench->last_beat = now;
  bench->last_beat_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->paint_start = g_get_monotonic_time ();
  bench->paint_start_cpu = thread_cpu_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->paint_start != 0)
    {
      gint64 wall = now - bench->paint_start;
      gint64 cpu = thread_cpu_time () - bench->paint_start_cpu;

      g_array_append_val (bench->paints, wall);
      g_array_append_val (bench->paints_cpu, cpu);
    }

  if (bench->last_frame != 0)
    {
      gint64 gap = now - bench->last_frame;

      g_array_append_val (bench->frames, gap);
    }
  bench->last_frame = now;
}

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;

  qsort (values->data, values->len, sizeof (gint64), compare_gint64);
  return g_array_index (values, gint64, MIN (values->len - 1, (guint) (p * values->len)));
}

static guint
row_updates (Bench *bench)
{
  guint n = 0;

  for (guint i = 0; i < bench->rows->len; i++)
    n += kopir_market_row_get_n_updates (g_ptr_array_index (bench->rows, i));

  return n;
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return 0;
  return g_ascii_strtod (text, NULL);
}

static void
run_phase (Bench      *bench,
           const char *name,
           gboolean    feeding,
           double      seconds)
{
  gint64 end;
  guint rows_before = row_updates (bench), header_before = bench->header_updates;

  g_array_set_size (bench->stalls, 0);
  g_array_set_size (bench->cpu_stalls, 0);
  g_array_set_size (bench->frames, 0);
  g_array_set_size (bench->paints, 0);
  g_array_set_size (bench->paints_cpu, 0);
  bench->paint_start = 0;
  bench->last_beat = 0;
  bench->last_frame = 0;
  bench->feed_us = 0;
  bench->feed_max_us = 0;
  bench->feeding = feeding;
  bench->feed_start = g_get_monotonic_time ();
  bench->fed = 0;

  end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  bench->feeding = FALSE;

  printf ("prices, %s: %.0f updates a second, load average %.2f\n", name, bench->fed / seconds, load_average ());
  printf ("  main loop   longest stall %5.1f ms, 99th percentile %4.1f ms; longest of it spent in this thread %5.1f ms\n",
          percentile (bench->stalls, 1.0) / 1000.0, percentile (bench->stalls, 0.99) / 1000.0,
          percentile (bench->cpu_stalls, 1.0) / 1000.0);
  printf ("  frames      %u, interval median %4.1f ms, 99th percentile %4.1f ms, longest %5.1f ms\n",
          bench->frames->len, percentile (bench->frames, 0.5) / 1000.0,
          percentile (bench->frames, 0.99) / 1000.0, percentile (bench->frames, 1.0) / 1000.0);
  printf ("  each frame  updating, laying out and painting: median %4.1f ms, longest %5.1f ms; "
          "in this thread's CPU time median %4.1f ms, longest %5.1f ms\n",
          percentile (bench->paints, 0.5) / 1000.0, percentile (bench->paints, 1.0) / 1000.0,
          percentile (bench->paints_cpu, 0.5) / 1000.0, percentile (bench->paints_cpu, 1.0) / 1000.0);
  printf ("  updates     handled in %.2f %% of the time, longest batch %.2f ms; "
          "row labels rewritten %u times, chart and price %u times\n",
          100.0 * bench->feed_us / (seconds * G_USEC_PER_SEC), bench->feed_max_us / 1000.0,
          row_updates (bench) - rows_before, bench->header_updates - header_before);
}

int
main (int   argc,
      char *argv[])
{
  static const char *symbols[] = { "BTCKZT", "ETHKZT", "USDTKZT", "SOLKZT" };
  static const gint64 starts[] = { 4665000000, 168900000, 50600, 9010000 };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (KopirChartPoint));
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 5.0;
  GtkWidget *window, *box, *list, *side, *spinner;
  Bench bench = { 0, };
  gint64 now_ms = g_get_real_time () / 1000;

  gtk_init ();
  adw_init ();
  gtk_css_provider_load_from_resource (css, "/io/github/kopir/Kopir/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  bench.rand = g_rand_new_with_seed (20261125);
  bench.markets = g_ptr_array_new_with_free_func (g_object_unref);
  bench.rows = g_ptr_array_new ();
  bench.stalls = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.cpu_stalls = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.paints_cpu = g_array_new (FALSE, FALSE, sizeof (gint64));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_size_request (list, 320, -1);
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      KopirMarket *market = kopir_market_new (symbols[i]);
      KopirDecimal price = KOPIR_DECIMAL_INIT (starts[i], 2);
      GtkWidget *row;

      bench.prices[i] = starts[i];
      kopir_market_set_price (market, &price);
      g_ptr_array_add (bench.markets, market);
      row = kopir_market_row_new (market);
      g_ptr_array_add (bench.rows, row);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  bench.chosen = g_ptr_array_index (bench.markets, 0);

  /* A day of quarter-hour points. */
  for (guint i = 0; i < 96; i++)
    {
      KopirChartPoint point = { now_ms - (96 - i) * 900000, KOPIR_DECIMAL_INIT (starts[0] + g_rand_int_range (bench.rand, -3000000, 3000000), 2) };

      g_array_append_val (points, point);
    }
  bench.chart = KOPIR_PRICE_CHART (kopir_price_chart_new ());
  kopir_price_chart_set_points (bench.chart, (const KopirChartPoint *) (gpointer) points->data, points->len,
                                900000);
  gtk_widget_set_size_request (GTK_WIDGET (bench.chart), 560, 300);

  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  bench.price_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (bench.price_label), "title-1");
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (bench.price_label));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (bench.chart));
  gtk_box_append (GTK_BOX (side), spinner);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), side);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  g_signal_connect_swapped (bench.chosen, "notify", G_CALLBACK (on_chosen_notify), &bench);
  while (gtk_widget_get_frame_clock (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint", G_CALLBACK (on_before_paint), &bench);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), &bench);

  g_timeout_add (1, heartbeat, &bench);
  g_timeout_add (1, feed, &bench);

  /* Let the window settle, then measure. */
  run_phase (&bench, "warming up", FALSE, 1.0);
  run_phase (&bench, "nothing fed (baseline)", FALSE, seconds);
  run_phase (&bench, "fed", TRUE, seconds);

  gtk_window_destroy (GTK_WINDOW (window));
  g_ptr_array_unref (bench.rows);
  g_ptr_array_unref (bench.markets);
  g_array_unref (bench.stalls);
  g_array_unref (bench.cpu_stalls);
  g_array_unref (bench.frames);
  g_array_unref (bench.paints);
  g_array_unref (bench.paints_cpu);
  g_rand_free (bench.rand);

  return 0;
}
