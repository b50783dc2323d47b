/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "kopir-chart-scale.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_PRICE_CHART (kopir_price_chart_get_type ())

G_DECLARE_FINAL_TYPE (KopirPriceChart, kopir_price_chart, KOPIR, PRICE_CHART, GtkWidget)

GtkWidget             *kopir_price_chart_new             (void);
void                   kopir_price_chart_set_points      (KopirPriceChart       *self,
                                                          const KopirChartPoint *points,
                                                          guint                  n_points,
                                                          gint64                 interval_ms);
void                   kopir_price_chart_clear           (KopirPriceChart       *self);
void                   kopir_price_chart_set_live_price  (KopirPriceChart       *self,
                                                          const KopirDecimal    *price,
                                                          gint64                 time_ms);
guint                  kopir_price_chart_get_n_points    (KopirPriceChart       *self);
const KopirChartPoint *kopir_price_chart_get_point       (KopirPriceChart       *self,
                                                          guint                  index);
int                    kopir_price_chart_get_readout     (KopirPriceChart       *self);
void                   kopir_price_chart_set_readout     (KopirPriceChart       *self,
                                                          int                    index);
const char            *kopir_price_chart_get_currency    (KopirPriceChart       *self);
void                   kopir_price_chart_set_currency    (KopirPriceChart       *self,
                                                          const char            *currency);
const char            *kopir_price_chart_get_title       (KopirPriceChart       *self);
void                   kopir_price_chart_set_title       (KopirPriceChart       *self,
                                                          const char            *title);
const char            *kopir_price_chart_get_summary     (KopirPriceChart       *self);

char                  *kopir_price_chart_format_time     (gint64                 time_ms,
                                                          gint64                 span_ms);

G_END_DECLS
