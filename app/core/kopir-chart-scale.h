/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-chart-scale.h: from a price series to drawing coordinates.
 *
 * A price chart shows decimals (the exchange's prices) on a screen.  The
 * scale is worked out on the decimals themselves: the lowest and highest
 * price, a little room above and below, and grid lines at "nice" prices
 * (1, 2, 2.5 or 5 times a power of ten) that are exact decimals, so the
 * labels beside them are the prices they claim to be.  Only the final
 * position on the screen, a fraction between 0 and 1, is a double: it is
 * a coordinate, not an amount.
 *
 * Time runs along the other axis, with grid lines at round local times
 * (every 5 minutes, 3 hours, a day...), and the point nearest to a pointer
 * or a keyboard read-out is found by time.  The smooth line through the
 * points uses monotone cubic tangents (Fritsch and Carlson), which never
 * overshoot: the curve stays between neighbouring prices, so it never
 * shows a high or a low that did not happen.
 */
#pragma once

#include <glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

#define KOPIR_CHART_MAX_TICKS 12

/**
 * KopirChartPoint:
 * @time_ms: when, milliseconds since the epoch
 * @price: the price then
 */
typedef struct
{
  gint64       time_ms;
  KopirDecimal price;
} KopirChartPoint;

/**
 * KopirChartScale:
 * @low: the lowest price of the series
 * @high: the highest price of the series
 * @bottom: the price at the bottom of the plot
 * @top: the price at the top of the plot
 * @step: the distance between price grid lines
 * @n_ticks: how many price grid lines there are
 * @ticks: the prices of the grid lines, from the bottom up; each a
 *   multiple of @step between @bottom and @top
 * @start_ms: the time at the left edge
 * @end_ms: the time at the right edge
 */
typedef struct
{
  KopirDecimal low;
  KopirDecimal high;
  KopirDecimal bottom;
  KopirDecimal top;
  KopirDecimal step;
  guint        n_ticks;
  KopirDecimal ticks[KOPIR_CHART_MAX_TICKS];
  gint64       start_ms;
  gint64       end_ms;
} KopirChartScale;

gboolean kopir_chart_scale_compute     (const KopirChartPoint *points,
                                        guint                  n_points,
                                        guint                  max_ticks,
                                        KopirChartScale       *scale);
double   kopir_chart_scale_y           (const KopirChartScale *scale,
                                        const KopirDecimal    *price);
double   kopir_chart_scale_x           (const KopirChartScale *scale,
                                        gint64                 time_ms);
guint    kopir_chart_nearest_point     (const KopirChartPoint *points,
                                        guint                  n_points,
                                        const KopirChartScale *scale,
                                        double                 x);
guint    kopir_chart_time_ticks        (gint64                 start_ms,
                                        gint64                 end_ms,
                                        gint64                 utc_offset_ms,
                                        guint                  max_ticks,
                                        gint64                *ticks,
                                        gint64                *step_ms);
void     kopir_chart_monotone_tangents (const double          *x,
                                        const double          *y,
                                        guint                  n,
                                        double                *tangents);

G_END_DECLS
