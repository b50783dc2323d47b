/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "kopir-chart-scale.h"
#include "kopir-test-util.h"

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;

  g_assert_true (kopir_decimal_parse (s, &d, NULL));
  return d;
}

static char *
str (const KopirDecimal *d)
{
  return kopir_decimal_dup_string (d);
}

/* Whatever the prices, grid lines are multiples of the step inside the
 * plot, the step is a nice number, and the data lies strictly inside. */
static void
check_scale (const KopirChartPoint *points,
             guint                  n,
             guint                  max_ticks)
{
  KopirChartScale s;
  KopirDecimal step;
  gint64 coef;

  g_assert_true (kopir_chart_scale_compute (points, n, max_ticks, &s));
  g_assert_cmpint (kopir_decimal_compare (&s.bottom, &s.low), <=, 0);
  g_assert_cmpint (kopir_decimal_compare (&s.top, &s.high), >, 0);
  g_assert_cmpuint (s.n_ticks, >=, 1);
  g_assert_cmpuint (s.n_ticks, <=, max_ticks + 1);

  /* 1, 2, 2.5 or 5 times a power of ten. */
  kopir_decimal_normalize (&s.step, &step);
  coef = step.coef;
  while (coef % 10 == 0 && coef >= 100)
    coef /= 10;
  g_assert_true (coef == 1 || coef == 2 || coef == 25 || coef == 5 || coef == 10 || coef == 20 ||
                 coef == 50);

  for (guint i = 0; i < s.n_ticks; i++)
    {
      g_autofree char *t = str (&s.ticks[i]);

      g_assert_true (kopir_decimal_is_multiple_of (&s.ticks[i], &s.step));
      g_assert_cmpint (kopir_decimal_compare (&s.ticks[i], &s.bottom), >=, 0);
      g_assert_cmpint (kopir_decimal_compare (&s.ticks[i], &s.top), <=, 0);
      if (i > 0)
        g_assert_cmpint (kopir_decimal_compare (&s.ticks[i - 1], &s.ticks[i]), <, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      double y = kopir_chart_scale_y (&s, &points[i].price);
      double x = kopir_chart_scale_x (&s, points[i].time_ms);

      g_assert_cmpfloat (y, >=, 0.0);
      g_assert_cmpfloat (y, <, 1.0);
      g_assert_cmpfloat (x, >=, 0.0);
      g_assert_cmpfloat (x, <=, 1.0);
    }
}

static void
test_bitcoin_day (void)
{
  /* Tenge prices of bitcoin: tens of millions, two decimals. */
  const char *prices[] = { "45012345.67", "45100000.00", "44950000.50", "45230000.00", "45180000.10" };
  KopirChartPoint points[G_N_ELEMENTS (prices)];
  KopirChartScale s;
  g_autofree char *step = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    points[i] = (KopirChartPoint) { 1700000000000 + i * 900000, dec (prices[i]) };

  check_scale (points, G_N_ELEMENTS (points), 5);
  g_assert_true (kopir_chart_scale_compute (points, G_N_ELEMENTS (points), 5, &s));
  step = str (&s.step);
  low = str (&s.low);
  high = str (&s.high);
  g_assert_cmpstr (low, ==, "44950000.5");
  g_assert_cmpstr (high, ==, "45230000");
  /* A range of 279 999.50 plus 8 % either side, in about five steps. */
  g_assert_cmpstr (step, ==, "100000");

  /* The lowest point sits low, the highest high, in proportion. */
  g_assert_cmpfloat (kopir_chart_scale_y (&s, &points[2].price), <, 0.15);
  g_assert_cmpfloat (kopir_chart_scale_y (&s, &points[3].price), >, 0.85);
  g_assert_cmpfloat (kopir_chart_scale_x (&s, points[0].time_ms), ==, 0.0);
  g_assert_cmpfloat (kopir_chart_scale_x (&s, points[4].time_ms), ==, 1.0);
}

static void
test_exchange_scale (void)
{
  /* As the exchange writes them: eight decimals, mostly zeros. */
  const char *prices[] = { "46662177.00000000", "46701234.00000000", "46590000.00000000",
                           "46800001.00000000" };
  KopirChartPoint points[G_N_ELEMENTS (prices)];

  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    points[i] = (KopirChartPoint) { 1700000000000 + i * 900000, dec (prices[i]) };

  check_scale (points, G_N_ELEMENTS (points), 5);
}

static void
test_small_prices (void)
{
  /* A coin worth fractions of a tenge. */
  const char *prices[] = { "0.000123", "0.000125", "0.0001215", "0.000130" };
  KopirChartPoint points[G_N_ELEMENTS (prices)];
  KopirChartScale s;

  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    points[i] = (KopirChartPoint) { 1700000000000 + i * 60000, dec (prices[i]) };

  check_scale (points, G_N_ELEMENTS (points), 4);
  g_assert_true (kopir_chart_scale_compute (points, G_N_ELEMENTS (points), 4, &s));
  {
    KopirDecimal small = dec ("0.00001");

    g_assert_cmpint (kopir_decimal_compare (&s.step, &small), <, 0);
  }
}

static void
test_flat_and_single (void)
{
  KopirChartPoint flat[3] = {
    { 1000, KOPIR_DECIMAL_INIT (50000, 2) },
    { 2000, KOPIR_DECIMAL_INIT (50000, 2) },
    { 3000, KOPIR_DECIMAL_INIT (50000, 2) },
  };
  KopirChartPoint one = { 5000, KOPIR_DECIMAL_INIT (52311, 2) };
  KopirChartPoint zero = { 5000, KOPIR_DECIMAL_INIT (0, 0) };
  KopirChartScale s;

  check_scale (flat, 3, 5);
  g_assert_true (kopir_chart_scale_compute (flat, 3, 5, &s));
  /* A flat line lies in the middle. */
  g_assert_cmpfloat (ABS (kopir_chart_scale_y (&s, &flat[0].price) - 0.5), <, 0.01);

  check_scale (&one, 1, 5);
  g_assert_true (kopir_chart_scale_compute (&one, 1, 5, &s));
  g_assert_cmpfloat (kopir_chart_scale_x (&s, one.time_ms), ==, 0.5);

  check_scale (&zero, 1, 3);

  g_assert_false (kopir_chart_scale_compute (NULL, 0, 5, &s));
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = kopir_test_rand_new ();

  for (guint round = 0; round < 2000; round++)
    {
      guint n = g_rand_int_range (rand, 1, 120);
      guint scale = g_rand_int_range (rand, 0, 9);
      /* Up to tens of millions of tenge at eight decimals. */
      gint64 base = (gint64) g_rand_int_range (rand, 1, 1000000000) * (scale == 8 ? 10000000 : 1);
      g_autofree KopirChartPoint *points = g_new0 (KopirChartPoint, n);

      for (guint i = 0; i < n; i++)
        {
          /* Up to a tenth of the price either way. */
          gint64 jitter = base / 10000 * g_rand_int_range (rand, 0, 1000) + g_rand_int_range (rand, 0, 2);

          points[i].time_ms = 1700000000000 + (gint64) i * 60000;
          points[i].price = KOPIR_DECIMAL_INIT (base + jitter, scale);
        }
      check_scale (points, n, g_rand_int_range (rand, 2, KOPIR_CHART_MAX_TICKS + 1));
    }
}

static void
test_nearest (void)
{
  KopirChartPoint points[4] = {
    { 0, KOPIR_DECIMAL_INIT (1, 0) },
    { 100, KOPIR_DECIMAL_INIT (2, 0) },
    { 300, KOPIR_DECIMAL_INIT (3, 0) },
    { 1000, KOPIR_DECIMAL_INIT (4, 0) },
  };
  KopirChartScale s;

  g_assert_true (kopir_chart_scale_compute (points, 4, 5, &s));
  g_assert_cmpuint (kopir_chart_nearest_point (points, 4, &s, -1.0), ==, 0);
  g_assert_cmpuint (kopir_chart_nearest_point (points, 4, &s, 0.04), ==, 0);
  g_assert_cmpuint (kopir_chart_nearest_point (points, 4, &s, 0.06), ==, 1);
  g_assert_cmpuint (kopir_chart_nearest_point (points, 4, &s, 0.21), ==, 2);
  g_assert_cmpuint (kopir_chart_nearest_point (points, 4, &s, 0.64), ==, 2);
  g_assert_cmpuint (kopir_chart_nearest_point (points, 4, &s, 0.66), ==, 3);
  g_assert_cmpuint (kopir_chart_nearest_point (points, 4, &s, 2.0), ==, 3);
}

static void
test_time_ticks (void)
{
  gint64 ticks[8];
  gint64 step;
  guint n;
  /* 2026-03-10 06:37 UTC, 11:37 in Almaty (UTC+5). */
  const gint64 start = G_GINT64_CONSTANT (1773124620000);
  const gint64 offset = 5 * 3600000;

  /* An hour: grid lines every 10 or 15 minutes, on the quarter. */
  n = kopir_chart_time_ticks (start, start + 3600000, offset, 6, ticks, &step);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpint (step, ==, 15 * 60000);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint ((ticks[i] + offset) % step, ==, 0);
      g_assert_cmpint (ticks[i], >=, start);
      g_assert_cmpint (ticks[i], <=, start + 3600000);
    }

  /* Three days: lines at local midnight, not at 05:00. */
  n = kopir_chart_time_ticks (start, start + 3 * 86400000, offset, 5, ticks, &step);
  g_assert_cmpint (step, ==, 86400000);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint ((ticks[i] + offset) % 86400000, ==, 0);

  /* Weeks start on Monday: 2026-03-16. */
  n = kopir_chart_time_ticks (start, start + 60 * 86400000LL, offset, 9, ticks, &step);
  g_assert_cmpint (step, ==, 7 * 86400000LL);
  g_assert_cmpint (ticks[0], ==, G_GINT64_CONSTANT (1773601200000));

  g_assert_cmpuint (kopir_chart_time_ticks (start, start, offset, 5, ticks, NULL), ==, 0);
}

static void
test_monotone (void)
{
  double x[] = { 0, 10, 20, 30, 40, 50, 60 };
  double y[] = { 10, 10, 30, 31, 5, 5, 50 };
  double m[G_N_ELEMENTS (x)];

  kopir_chart_monotone_tangents (x, y, G_N_ELEMENTS (x), m);

  /* Sample each Bézier segment: it never leaves the band between its two
   * end points. */
  for (guint k = 0; k + 1 < G_N_ELEMENTS (x); k++)
    {
      double h = x[k + 1] - x[k];
      double p0 = y[k], p1 = y[k] + m[k] * h / 3, p2 = y[k + 1] - m[k + 1] * h / 3, p3 = y[k + 1];
      double lo = MIN (y[k], y[k + 1]) - 1e-9, hi = MAX (y[k], y[k + 1]) + 1e-9;

      for (int i = 0; i <= 50; i++)
        {
          double t = i / 50.0, u = 1 - t;
          double v = u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;

          g_assert_cmpfloat (v, >=, lo);
          g_assert_cmpfloat (v, <=, hi);
        }
    }

  /* Flat steps and extremes have level tangents. */
  g_assert_cmpfloat (m[1], ==, 0.0);
  g_assert_cmpfloat (m[3], ==, 0.0);
  g_assert_cmpfloat (m[5], ==, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-scale/bitcoin-day", test_bitcoin_day);
  g_test_add_func ("/chart-scale/exchange-scale", test_exchange_scale);
  g_test_add_func ("/chart-scale/small-prices", test_small_prices);
  g_test_add_func ("/chart-scale/flat-and-single", test_flat_and_single);
  g_test_add_func ("/chart-scale/random", test_random);
  g_test_add_func ("/chart-scale/nearest", test_nearest);
  g_test_add_func ("/chart-scale/time-ticks", test_time_ticks);
  g_test_add_func ("/chart-scale/monotone", test_monotone);

  return g_test_run ();
}
