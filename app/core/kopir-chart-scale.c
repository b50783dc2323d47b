/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-chart-scale.c: from a price series to drawing coordinates */

#define G_LOG_DOMAIN "kopir-chart-scale"

#include "config.h"

#include "kopir-chart-scale.h"

#define MINUTE_MS G_GINT64_CONSTANT (60000)
#define HOUR_MS   (60 * MINUTE_MS)
#define DAY_MS    (24 * HOUR_MS)

/* Room above the highest and below the lowest price, in percent of the
 * range, so the line never touches the edges of the plot. */
#define PAD_PERCENT 8

static const gint64 powers_of_ten[] = {
  G_GINT64_CONSTANT (1),
  G_GINT64_CONSTANT (10),
  G_GINT64_CONSTANT (100),
  G_GINT64_CONSTANT (1000),
  G_GINT64_CONSTANT (10000),
  G_GINT64_CONSTANT (100000),
  G_GINT64_CONSTANT (1000000),
  G_GINT64_CONSTANT (10000000),
  G_GINT64_CONSTANT (100000000),
  G_GINT64_CONSTANT (1000000000),
  G_GINT64_CONSTANT (10000000000),
  G_GINT64_CONSTANT (100000000000),
  G_GINT64_CONSTANT (1000000000000),
  G_GINT64_CONSTANT (10000000000000),
  G_GINT64_CONSTANT (100000000000000),
  G_GINT64_CONSTANT (1000000000000000),
  G_GINT64_CONSTANT (10000000000000000),
  G_GINT64_CONSTANT (100000000000000000),
  G_GINT64_CONSTANT (1000000000000000000),
};

/* The power of ten of the leading digit of a positive decimal:
 * 0.0042 -> -3, 7 -> 0, 12500 -> 4. */
static int
decimal_exponent (const KopirDecimal *value)
{
  gint64 coef = ABS (value->coef);
  int digits = 0;

  while (coef > 0)
    {
      coef /= 10;
      digits++;
    }

  return digits - 1 - (int) value->scale;
}

/* mantissa × 10^exponent as a decimal, if it fits. */
static gboolean
make_decimal (gint64        mantissa,
              int           exponent,
              KopirDecimal *out)
{
  if (exponent >= 0)
    {
      if (exponent >= (int) G_N_ELEMENTS (powers_of_ten) ||
          mantissa > G_MAXINT64 / powers_of_ten[exponent])
        return FALSE;
      *out = KOPIR_DECIMAL_INIT (mantissa * powers_of_ten[exponent], 0);
      return TRUE;
    }

  if (-exponent > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;
  *out = KOPIR_DECIMAL_INIT (mantissa, (guint) -exponent);
  return TRUE;
}

/* The smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at
 * least @raw: steps people read at a glance. */
static gboolean
nice_step (const KopirDecimal *raw,
           KopirDecimal       *step)
{
  /* Mantissas in tenths, so 2.5 is whole. */
  static const gint64 tenths[] = { 10, 20, 25, 50, 100 };
  int exponent = decimal_exponent (raw);

  for (guint i = 0; i < G_N_ELEMENTS (tenths); i++)
    {
      KopirDecimal candidate;

      if (make_decimal (tenths[i], exponent - 1, &candidate) &&
          kopir_decimal_compare (&candidate, raw) >= 0)
        {
          kopir_decimal_normalize (&candidate, step);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * kopir_chart_scale_compute:
 * @points: (array length=n_points): the series, oldest first
 * @n_points: how many points there are
 * @max_ticks: at most this many price grid lines (2 to
 *   %KOPIR_CHART_MAX_TICKS)
 * @scale: (out): the scale
 *
 * Works out the plot's price and time ranges and its price grid lines.  A
 * flat series still gets a range around its price.
 *
 * Returns: %FALSE if there are no points or the prices do not fit
 */
gboolean
kopir_chart_scale_compute (const KopirChartPoint *points,
                           guint                  n_points,
                           guint                  max_ticks,
                           KopirChartScale       *scale)
{
  KopirChartScale s = { 0, };
  KopirDecimal range, pad, span, raw, tick;
  const KopirDecimal zero = KOPIR_DECIMAL_INIT (0, 0);

  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  if (n_points == 0)
    return FALSE;

  max_ticks = CLAMP (max_ticks, 2, KOPIR_CHART_MAX_TICKS);

  s.low = s.high = points[0].price;
  s.start_ms = s.end_ms = points[0].time_ms;
  for (guint i = 1; i < n_points; i++)
    {
      if (kopir_decimal_compare (&points[i].price, &s.low) < 0)
        s.low = points[i].price;
      if (kopir_decimal_compare (&points[i].price, &s.high) > 0)
        s.high = points[i].price;
      s.start_ms = MIN (s.start_ms, points[i].time_ms);
      s.end_ms = MAX (s.end_ms, points[i].time_ms);
    }

  /* The exchange writes prices with eight decimals; the trailing zeros
   * would only make the arithmetic below overflow. */
  kopir_decimal_normalize (&s.low, &s.low);
  kopir_decimal_normalize (&s.high, &s.high);

  /* One moment only: give it a minute either side, so it sits in the
   * middle. */
  if (s.start_ms == s.end_ms)
    {
      s.start_ms -= MINUTE_MS;
      s.end_ms += MINUTE_MS;
    }

  if (!kopir_decimal_sub (&s.high, &s.low, &range))
    return FALSE;

  if (kopir_decimal_is_positive (&range))
    {
      if (!kopir_decimal_mul (&range, &KOPIR_DECIMAL_INIT (PAD_PERCENT, 2),
                              MIN (range.scale + 2, KOPIR_DECIMAL_MAX_SCALE),
                              KOPIR_ROUNDING_UP, &pad))
        return FALSE;
    }
  else
    {
      KopirDecimal magnitude;

      /* A flat line: two percent of the price, or one unit of its last
       * digit for a price of zero. */
      kopir_decimal_abs (&s.high, &magnitude);
      if (kopir_decimal_is_zero (&magnitude))
        pad = KOPIR_DECIMAL_INIT (1, 0);
      else if (!kopir_decimal_mul (&magnitude, &KOPIR_DECIMAL_INIT (2, 2),
                                   MIN (magnitude.scale + 2, KOPIR_DECIMAL_MAX_SCALE),
                                   KOPIR_ROUNDING_UP, &pad))
        return FALSE;
    }
  if (kopir_decimal_is_zero (&pad))
    pad = KOPIR_DECIMAL_INIT (1, MIN (s.high.scale + 2, KOPIR_DECIMAL_MAX_SCALE));

  if (!kopir_decimal_sub (&s.low, &pad, &s.bottom) ||
      !kopir_decimal_add (&s.high, &pad, &s.top))
    return FALSE;

  /* Prices are never negative: a plot of positive prices starts at zero
   * at the lowest. */
  if (!kopir_decimal_is_negative (&s.low) && kopir_decimal_is_negative (&s.bottom))
    s.bottom = zero;

  if (!kopir_decimal_sub (&s.top, &s.bottom, &span))
    return FALSE;
  /* Two more digits than the span, if they fit; the step is rounded to
   * a nice number anyway. */
  if (!kopir_decimal_div (&span, &KOPIR_DECIMAL_INIT (max_ticks, 0),
                          MIN (span.scale + 2, KOPIR_DECIMAL_MAX_SCALE), KOPIR_ROUNDING_UP, &raw) &&
      !kopir_decimal_div (&span, &KOPIR_DECIMAL_INIT (max_ticks, 0), span.scale, KOPIR_ROUNDING_UP, &raw))
    return FALSE;
  if (kopir_decimal_is_zero (&raw))
    raw = KOPIR_DECIMAL_INIT (1, KOPIR_DECIMAL_MAX_SCALE);

  if (!nice_step (&raw, &s.step))
    return FALSE;

  if (!kopir_decimal_ceil_to_step (&s.bottom, &s.step, &tick))
    return FALSE;
  while (kopir_decimal_compare (&tick, &s.top) <= 0 && s.n_ticks < KOPIR_CHART_MAX_TICKS)
    {
      kopir_decimal_normalize (&tick, &s.ticks[s.n_ticks++]);
      if (!kopir_decimal_add (&tick, &s.step, &tick))
        break;
    }

  *scale = s;
  return TRUE;
}

/**
 * kopir_chart_scale_y:
 * @scale: the scale
 * @price: a price
 *
 * Returns: where @price lies between the bottom (0) and the top (1) of
 *   the plot; outside 0..1 for prices outside the plot
 */
double
kopir_chart_scale_y (const KopirChartScale *scale,
                     const KopirDecimal    *price)
{
  KopirDecimal above, span, fraction;

  g_return_val_if_fail (scale != NULL && price != NULL, 0.0);

  /* The fraction is exact to nine digits, far finer than a pixel; only
   * then does it become a coordinate. */
  if (!kopir_decimal_sub (price, &scale->bottom, &above) ||
      !kopir_decimal_sub (&scale->top, &scale->bottom, &span) ||
      !kopir_decimal_is_positive (&span) ||
      !kopir_decimal_div (&above, &span, 9, KOPIR_ROUNDING_HALF_EVEN, &fraction))
    return 0.5;

  return (double) fraction.coef / (double) powers_of_ten[MIN (fraction.scale, 18)];
}

/**
 * kopir_chart_scale_x:
 * @scale: the scale
 * @time_ms: a time, milliseconds since the epoch
 *
 * Returns: where @time_ms lies between the left (0) and the right (1)
 *   edge of the plot
 */
double
kopir_chart_scale_x (const KopirChartScale *scale,
                     gint64                 time_ms)
{
  g_return_val_if_fail (scale != NULL, 0.0);

  if (scale->end_ms <= scale->start_ms)
    return 0.5;

  return (double) (time_ms - scale->start_ms) / (double) (scale->end_ms - scale->start_ms);
}

/**
 * kopir_chart_nearest_point:
 * @points: (array length=n_points): the series, oldest first
 * @n_points: how many points there are (at least one)
 * @scale: its scale
 * @x: a position between the left (0) and the right (1) edge
 *
 * Returns: the index of the point nearest in time to @x
 */
guint
kopir_chart_nearest_point (const KopirChartPoint *points,
                           guint                  n_points,
                           const KopirChartScale *scale,
                           double                 x)
{
  gint64 target;
  guint lo = 0, hi;

  g_return_val_if_fail (points != NULL && n_points > 0, 0);
  g_return_val_if_fail (scale != NULL, 0);

  x = CLAMP (x, 0.0, 1.0);
  target = scale->start_ms + (gint64) (x * (double) (scale->end_ms - scale->start_ms));

  /* The first point at or after the target... */
  hi = n_points;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (points[mid].time_ms < target)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == n_points)
    return n_points - 1;
  /* ...or the one before it, if that is nearer. */
  if (lo > 0 && target - points[lo - 1].time_ms <= points[lo].time_ms - target)
    return lo - 1;
  return lo;
}

/**
 * kopir_chart_time_ticks:
 * @start_ms: the left edge
 * @end_ms: the right edge
 * @utc_offset_ms: the local time's offset from UTC, so grid lines fall on
 *   round local times (midnight, not 05:00)
 * @max_ticks: at most this many grid lines
 * @ticks: (out caller-allocates) (array length=max_ticks): the times of
 *   the grid lines, oldest first
 * @step_ms: (out) (optional): the time between them
 *
 * Chooses a round step (1, 5, 15 or 30 minutes, 1, 3, 6 or 12 hours, 1
 * or 2 days, a week) that gives at most @max_ticks grid lines.
 *
 * Returns: how many grid lines there are
 */
guint
kopir_chart_time_ticks (gint64  start_ms,
                        gint64  end_ms,
                        gint64  utc_offset_ms,
                        guint   max_ticks,
                        gint64 *ticks,
                        gint64 *step_ms)
{
  static const gint64 steps[] = {
    MINUTE_MS, 2 * MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS,
    HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS,
    DAY_MS, 2 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS, 28 * DAY_MS,
  };
  /* 5 January 1970 was a Monday: weeks start on Mondays. */
  const gint64 week_origin = 4 * DAY_MS;
  gint64 step = steps[G_N_ELEMENTS (steps) - 1];
  gint64 origin, first;
  guint n = 0;

  g_return_val_if_fail (ticks != NULL || max_ticks == 0, 0);

  if (max_ticks == 0 || end_ms <= start_ms)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if ((end_ms - start_ms) / steps[i] < (gint64) max_ticks)
      {
        step = steps[i];
        break;
      }

  origin = step >= 7 * DAY_MS ? week_origin : 0;
  /* The first multiple of the step, in local time, at or after the start. */
  first = start_ms + utc_offset_ms - origin;
  first = (first >= 0 ? (first + step - 1) / step : first / step) * step;
  first += origin - utc_offset_ms;

  for (gint64 t = first; t <= end_ms && n < max_ticks; t += step)
    ticks[n++] = t;

  if (step_ms != NULL)
    *step_ms = step;

  return n;
}

/**
 * kopir_chart_monotone_tangents:
 * @x: (array length=n): the points' horizontal positions, increasing
 * @y: (array length=n): their vertical positions
 * @n: how many points there are
 * @tangents: (out caller-allocates) (array length=n): the slope of the
 *   curve at each point
 *
 * Slopes for a cubic Hermite curve through the points that is monotone
 * between each pair (Fritsch and Butland's weighted harmonic mean, as
 * PCHIP uses): where the series rises, the curve rises; it has no bumps
 * beyond the points.  For a segment from point k to k + 1, of width h,
 * the Bézier control points are (x_k + h/3, y_k + m_k h/3) and
 * (x_k+1 - h/3, y_k+1 - m_k+1 h/3).
 */
void
kopir_chart_monotone_tangents (const double *x,
                               const double *y,
                               guint         n,
                               double       *tangents)
{
  g_return_if_fail (n == 0 || (x != NULL && y != NULL && tangents != NULL));

  if (n == 0)
    return;
  if (n == 1)
    {
      tangents[0] = 0.0;
      return;
    }

  for (guint k = 0; k < n; k++)
    {
      double h0, h1, d0, d1;

      if (k == 0 || k == n - 1)
        {
          guint a = k == 0 ? 0 : n - 2;
          double h = x[a + 1] - x[a];

          tangents[k] = h > 0 ? (y[a + 1] - y[a]) / h : 0.0;
          continue;
        }

      h0 = x[k] - x[k - 1];
      h1 = x[k + 1] - x[k];
      if (h0 <= 0 || h1 <= 0)
        {
          tangents[k] = 0.0;
          continue;
        }
      d0 = (y[k] - y[k - 1]) / h0;
      d1 = (y[k + 1] - y[k]) / h1;

      /* A peak, a trough or a flat step: a level tangent keeps the curve
       * from overshooting. */
      if (d0 * d1 <= 0)
        tangents[k] = 0.0;
      else
        tangents[k] = 3.0 * (h0 + h1) / ((2.0 * h1 + h0) / d0 + (h1 + 2.0 * h0) / d1);
    }
}
