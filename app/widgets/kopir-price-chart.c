/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirPriceChart draws a market's price over time: a smooth line in the
 * accent colour over a soft gradient, price grid lines labelled as money
 * on the right, round times below, a dashed line at the first price of
 * the range, and a pulse at the latest price. Pointing at the chart, or
 * moving along it with the arrow keys, shows a crosshair and a label with
 * the price and time there ("readout").
 *
 * The scale (kopir-chart-scale.h) is worked out on the decimals; only the
 * final positions are doubles. Live prices replace the last point; the
 * widget only asks for a redraw, which GTK makes once per frame however
 * many prices arrive.
 *
 * For screen readers the chart is an image named by its title whose
 * description sums it up (lowest, highest and latest price of the range)
 * and, while the read-out is on, says the price and time there.
 */

#define G_LOG_DOMAIN "kopir-price-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kopir-money-format.h"
#include "kopir-price-chart.h"

#define MAX_PRICE_TICKS 5
#define MAX_TIME_TICKS  6
#define PAD_TOP         16.0
#define PAD_LEFT        6.0
#define LABEL_GAP       10.0
#define LINE_WIDTH      2.25

struct _KopirPriceChart
{
  GtkWidget        parent_instance;

  GArray          *points;        /* KopirChartPoint, oldest first */
  gint64           interval_ms;
  KopirChartScale  scale;
  gboolean         has_scale;
  gboolean         scale_dirty;

  char            *currency;
  char            *title;
  char            *summary;
  gint64           summary_time;
  int              readout;       /* point index, or -1 */
  double           pointer_x;
  gboolean         pointer_inside;

  /* Cached for hit tests: the plot's area in widget coordinates. */
  graphene_rect_t  plot;
};

G_DEFINE_FINAL_TYPE (KopirPriceChart, kopir_price_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CURRENCY,
  PROP_TITLE,
  PROP_READOUT,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static char *
format_price (KopirPriceChart    *self,
              const KopirDecimal *price)
{
  return kopir_money_format (price, self->currency, kopir_money_ui_language (),
                             KOPIR_MONEY_FORMAT_TRIM_ZEROS);
}

/**
 * kopir_price_chart_format_time:
 * @time_ms: a time, ms since the epoch
 * @span_ms: the time the chart spans, to choose how much to say
 *
 * Returns: (transfer full): the time in the local time zone, as short as
 *   the range allows: "14:05" within a day, "Tue 14:05" within a week,
 *   "12 Mar" beyond
 */
char *
kopir_price_chart_format_time (gint64 time_ms,
                               gint64 span_ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (time_ms / 1000);

  if (time == NULL)
    return g_strdup ("");

  if (span_ms <= 26 * 3600 * 1000LL)
    /* Translators: a time of day on a price chart's axis, in
     * g_date_time_format() notation. */
    return g_date_time_format (time, C_("chart time", "%H:%M"));
  if (span_ms <= 8 * 24 * 3600 * 1000LL)
    /* Translators: a weekday and a time on a price chart's axis, in
     * g_date_time_format() notation. */
    return g_date_time_format (time, C_("chart time", "%a %H:%M"));

  /* Translators: a day and a month on a price chart's axis, in
   * g_date_time_format() notation. */
  return g_date_time_format (time, C_("chart time", "%e %b"));
}

static void
update_summary (KopirPriceChart *self)
{
  g_autofree char *summary = NULL;

  if (self->points->len == 0 || !self->has_scale)
    summary = g_strdup (_("No prices to show yet."));
  else
    {
      const KopirChartPoint *last = &g_array_index (self->points, KopirChartPoint, self->points->len - 1);
      g_autofree char *low = format_price (self, &self->scale.low);
      g_autofree char *high = format_price (self, &self->scale.high);
      g_autofree char *latest = format_price (self, &last->price);

      /* Translators: what a price chart shows, for screen readers: the
       * lowest, highest and latest price of the range shown. */
      summary = g_strdup_printf (_("Lowest %s, highest %s, latest %s."), low, high, latest);
    }

  if (self->readout >= 0 && (guint) self->readout < self->points->len)
    {
      const KopirChartPoint *point = &g_array_index (self->points, KopirChartPoint, self->readout);
      g_autofree char *price = format_price (self, &point->price);
      g_autofree char *time = kopir_price_chart_format_time (point->time_ms,
                                                             self->scale.end_ms - self->scale.start_ms);
      g_autofree char *with_readout = NULL;

      /* Translators: the chart's summary, then the price at the point
       * the read-out is on and its time. */
      with_readout = g_strdup_printf (_("%s At %s: %s."), summary, time, price);
      g_free (summary);
      summary = g_steal_pointer (&with_readout);
    }

  if (g_strcmp0 (summary, self->summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_steal_pointer (&summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
ensure_scale (KopirPriceChart *self)
{
  gint64 now;

  if (!self->scale_dirty)
    return;

  self->scale_dirty = FALSE;
  self->has_scale = kopir_chart_scale_compute ((const KopirChartPoint *) (gpointer) self->points->data,
                                               self->points->len, MAX_PRICE_TICKS, &self->scale);

  /* Live prices move the summary many times a second; screen readers
   * need it no more than once a second. */
  now = g_get_monotonic_time ();
  if (self->summary_time == 0 || now - self->summary_time >= G_USEC_PER_SEC)
    {
      self->summary_time = now;
      update_summary (self);
    }
}

/* Colours */

static void
get_accent (KopirPriceChart *self,
            GdkRGBA         *accent)
{
  /* The CSS gives the chart the accent colour as its foreground colour
   * (see style.css), so it follows the theme and high contrast. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), accent);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
set_ink (cairo_t *cr,
         double   alpha)
{
  double v = is_dark () ? 1.0 : 0.0;

  cairo_set_source_rgba (cr, v, v, v, alpha);
}

/* Drawing */

static PangoLayout *
make_label (KopirPriceChart *self,
            const char      *text,
            gboolean         small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  return layout;
}

static double
point_x (KopirPriceChart       *self,
         const KopirChartPoint *point)
{
  return self->plot.origin.x + kopir_chart_scale_x (&self->scale, point->time_ms) * self->plot.size.width;
}

static double
price_y (KopirPriceChart    *self,
         const KopirDecimal *price)
{
  return self->plot.origin.y + (1.0 - kopir_chart_scale_y (&self->scale, price)) * self->plot.size.height;
}

static void
trace_line (KopirPriceChart *self,
            cairo_t         *cr,
            const double    *x,
            const double    *y,
            const double    *m,
            guint            n)
{
  cairo_move_to (cr, x[0], y[0]);
  for (guint k = 0; k + 1 < n; k++)
    {
      double h = (x[k + 1] - x[k]) / 3.0;

      cairo_curve_to (cr, x[k] + h, y[k] + m[k] * h, x[k + 1] - h, y[k + 1] - m[k + 1] * h,
                      x[k + 1], y[k + 1]);
    }
}

static void
draw_empty (KopirPriceChart *self,
            cairo_t         *cr,
            int              width,
            int              height)
{
  g_autoptr(PangoLayout) layout = make_label (self, _("No prices to show yet."), FALSE);
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  set_ink (cr, 0.45);
  cairo_move_to (cr, (width - tw) / 2.0, (height - th) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_chart (KopirPriceChart *self,
            cairo_t         *cr,
            int              width,
            int              height)
{
  const KopirChartScale *s = &self->scale;
  guint n = self->points->len;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *m = NULL;
  g_autofree char *tick_labels[KOPIR_CHART_MAX_TICKS] = { NULL, };
  gint64 time_ticks[MAX_TIME_TICKS];
  int label_width = 0, label_height = 0;
  double bottom_labels;
  GdkRGBA accent;
  gboolean dark = is_dark ();
  cairo_pattern_t *fill;
  const KopirChartPoint *first;
  double last_x, last_y;

  get_accent (self, &accent);

  /* Price labels on the right: the plot ends where the widest begins. */
  for (guint i = 0; i < s->n_ticks; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int tw, th;

      tick_labels[i] = format_price (self, &s->ticks[i]);
      layout = make_label (self, tick_labels[i], TRUE);
      pango_layout_get_pixel_size (layout, &tw, &th);
      label_width = MAX (label_width, tw);
      label_height = MAX (label_height, th);
    }
  if (label_height == 0)
    {
      g_autoptr(PangoLayout) layout = make_label (self, "0", TRUE);

      pango_layout_get_pixel_size (layout, NULL, &label_height);
    }

  bottom_labels = label_height + 8.0;
  graphene_rect_init (&self->plot, PAD_LEFT, PAD_TOP,
                      MAX (1.0, width - PAD_LEFT - label_width - LABEL_GAP - 4.0),
                      MAX (1.0, height - PAD_TOP - bottom_labels - 4.0));

  /* Grid lines and their prices. */
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < s->n_ticks; i++)
    {
      g_autoptr(PangoLayout) layout = make_label (self, tick_labels[i], TRUE);
      double ty = floor (price_y (self, &s->ticks[i])) + 0.5;
      int tw, th;

      set_ink (cr, dark ? 0.10 : 0.08);
      cairo_move_to (cr, self->plot.origin.x, ty);
      cairo_line_to (cr, self->plot.origin.x + self->plot.size.width, ty);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &tw, &th);
      set_ink (cr, 0.55);
      cairo_move_to (cr, width - tw - 4.0, ty - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* Times below, skipping any that would overlap the previous. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    gint64 offset_ms = g_date_time_get_utc_offset (now) / 1000;
    double right_of_previous = -G_MAXDOUBLE;
    guint n_time_ticks;

    n_time_ticks = kopir_chart_time_ticks (s->start_ms, s->end_ms, offset_ms, MAX_TIME_TICKS,
                                           time_ticks, NULL);
    for (guint i = 0; i < n_time_ticks; i++)
      {
        KopirChartPoint at = { time_ticks[i], KOPIR_DECIMAL_INIT (0, 0) };
        g_autofree char *text = kopir_price_chart_format_time (time_ticks[i], s->end_ms - s->start_ms);
        g_autoptr(PangoLayout) layout = make_label (self, text, TRUE);
        double tx = point_x (self, &at);
        int tw, th;

        pango_layout_get_pixel_size (layout, &tw, &th);
        tx = CLAMP (tx - tw / 2.0, 0.0, self->plot.origin.x + self->plot.size.width - tw);
        if (tx < right_of_previous + 12.0)
          continue;
        right_of_previous = tx + tw;

        set_ink (cr, dark ? 0.07 : 0.06);
        cairo_move_to (cr, floor (point_x (self, &at)) + 0.5, self->plot.origin.y);
        cairo_line_to (cr, floor (point_x (self, &at)) + 0.5, self->plot.origin.y + self->plot.size.height);
        cairo_stroke (cr);

        set_ink (cr, 0.55);
        cairo_move_to (cr, tx, self->plot.origin.y + self->plot.size.height + 6.0);
        pango_cairo_show_layout (cr, layout);
      }
  }

  /* The series, as points on the screen with monotone slopes. */
  x = g_new (double, n);
  y = g_new (double, n);
  m = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      const KopirChartPoint *point = &g_array_index (self->points, KopirChartPoint, i);

      x[i] = point_x (self, point);
      y[i] = price_y (self, &point->price);
    }
  kopir_chart_monotone_tangents (x, y, n, m);

  first = &g_array_index (self->points, KopirChartPoint, 0);
  last_x = x[n - 1];
  last_y = y[n - 1];

  /* The first price of the range, dashed: above it the range gained. */
  {
    double dashes[] = { 3.0, 4.0 };
    double fy = floor (price_y (self, &first->price)) + 0.5;

    cairo_save (cr);
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    set_ink (cr, dark ? 0.28 : 0.22);
    cairo_move_to (cr, self->plot.origin.x, fy);
    cairo_line_to (cr, self->plot.origin.x + self->plot.size.width, fy);
    cairo_stroke (cr);
    cairo_restore (cr);
  }

  /* The soft fill under the line, fading to nothing at the bottom. */
  if (n > 1)
    {
      double bottom = self->plot.origin.y + self->plot.size.height;

      trace_line (self, cr, x, y, m, n);
      cairo_line_to (cr, x[n - 1], bottom);
      cairo_line_to (cr, x[0], bottom);
      cairo_close_path (cr);
      fill = cairo_pattern_create_linear (0, self->plot.origin.y, 0, bottom);
      cairo_pattern_add_color_stop_rgba (fill, 0.0, accent.red, accent.green, accent.blue, dark ? 0.38 : 0.28);
      cairo_pattern_add_color_stop_rgba (fill, 0.65, accent.red, accent.green, accent.blue, dark ? 0.10 : 0.07);
      cairo_pattern_add_color_stop_rgba (fill, 1.0, accent.red, accent.green, accent.blue, 0.0);
      cairo_set_source (cr, fill);
      cairo_fill (cr);
      cairo_pattern_destroy (fill);

      trace_line (self, cr, x, y, m, n);
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_stroke (cr);
    }

  /* The latest price: a dot with a halo. */
  cairo_arc (cr, last_x, last_y, 7.0, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.22);
  cairo_fill (cr);
  cairo_arc (cr, last_x, last_y, 3.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_fill (cr);

  /* The read-out: a crosshair, a ring on the point, a label above. */
  if (self->readout >= 0 && (guint) self->readout < n)
    {
      const KopirChartPoint *point = &g_array_index (self->points, KopirChartPoint, self->readout);
      double px = x[self->readout], py = y[self->readout];
      g_autofree char *price = format_price (self, &point->price);
      g_autofree char *time = kopir_price_chart_format_time (point->time_ms, s->end_ms - s->start_ms);
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", price, time);
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      double dashes[] = { 2.0, 3.0 };
      int tw, th;
      double bx, by, bw, bh, r = 8.0;

      cairo_save (cr);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      set_ink (cr, 0.40);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, floor (px) + 0.5, self->plot.origin.y);
      cairo_line_to (cr, floor (px) + 0.5, self->plot.origin.y + self->plot.size.height);
      cairo_move_to (cr, self->plot.origin.x, floor (py) + 0.5);
      cairo_line_to (cr, self->plot.origin.x + self->plot.size.width, floor (py) + 0.5);
      cairo_stroke (cr);
      cairo_restore (cr);

      cairo_arc (cr, px, py, 6.0, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, dark ? 0.14 : 1.0, dark ? 0.14 : 1.0, dark ? 0.14 : 1.0);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2.5);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_stroke (cr);

      pango_layout_set_markup (layout, markup, -1);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &tw, &th);
      bw = tw + 20.0;
      bh = th + 12.0;
      bx = CLAMP (px - bw / 2.0, 2.0, width - bw - 2.0);
      by = py - bh - 14.0;
      if (by < 2.0)
        by = py + 14.0;

      /* A card: a faint shadow, the window's colour, rounded. */
      for (int shadow = 0; shadow < 2; shadow++)
        {
          double grow = shadow == 0 ? 1.5 : 0.0;

          cairo_new_sub_path (cr);
          cairo_arc (cr, bx + bw - r, by + r, r + grow, -G_PI / 2, 0);
          cairo_arc (cr, bx + bw - r, by + bh - r, r + grow, 0, G_PI / 2);
          cairo_arc (cr, bx + r, by + bh - r, r + grow, G_PI / 2, G_PI);
          cairo_arc (cr, bx + r, by + r, r + grow, G_PI, 3 * G_PI / 2);
          cairo_close_path (cr);
          if (shadow == 0)
            cairo_set_source_rgba (cr, 0, 0, 0, dark ? 0.45 : 0.12);
          else if (dark)
            cairo_set_source_rgb (cr, 0.22, 0.22, 0.22);
          else
            cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
          cairo_fill (cr);
        }

      set_ink (cr, 0.92);
      cairo_move_to (cr, bx + 10.0, by + 6.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

static void
kopir_price_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  KopirPriceChart *self = KOPIR_PRICE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  ensure_scale (self);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->points->len == 0 || !self->has_scale)
    draw_empty (self, cr, width, height);
  else
    draw_chart (self, cr, width, height);
  cairo_destroy (cr);
}

static void
kopir_price_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 560;
    }
  else
    {
      *minimum = 160;
      *natural = 240;
    }
}

/* Input */

static void
set_readout_from_x (KopirPriceChart *self,
                    double           x)
{
  double fraction;

  if (self->points->len == 0 || !self->has_scale || self->plot.size.width <= 0)
    return;

  fraction = (x - self->plot.origin.x) / self->plot.size.width;
  kopir_price_chart_set_readout (self, (int) kopir_chart_nearest_point ((const KopirChartPoint *) (gpointer) self->points->data,
                                                                        self->points->len, &self->scale,
                                                                        fraction));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           KopirPriceChart          *self)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  set_readout_from_x (self, x);
}

static void
on_leave (GtkEventControllerMotion *controller,
          KopirPriceChart          *self)
{
  self->pointer_inside = FALSE;
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    kopir_price_chart_set_readout (self, -1);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KopirPriceChart       *self)
{
  int n = (int) self->points->len;
  int step = (state & GDK_CONTROL_MASK) ? MAX (1, n / 10) : 1;
  int current = self->readout;

  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      kopir_price_chart_set_readout (self, current < 0 ? n - 1 : MAX (0, current - step));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      kopir_price_chart_set_readout (self, current < 0 ? n - 1 : MIN (n - 1, current + step));
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      kopir_price_chart_set_readout (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      kopir_price_chart_set_readout (self, n - 1);
      return TRUE;
    case GDK_KEY_Escape:
      if (current < 0)
        return FALSE;
      kopir_price_chart_set_readout (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                KopirPriceChart         *self)
{
  if (!self->pointer_inside)
    kopir_price_chart_set_readout (self, -1);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            KopirPriceChart *self)
{
  /* A click puts the keyboard here too, for the arrow keys. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_readout_from_x (self, x);
}

static void
on_dark_changed (KopirPriceChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
kopir_price_chart_dispose (GObject *object)
{
  KopirPriceChart *self = KOPIR_PRICE_CHART (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (kopir_price_chart_parent_class)->dispose (object);
}

static void
kopir_price_chart_finalize (GObject *object)
{
  KopirPriceChart *self = KOPIR_PRICE_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (kopir_price_chart_parent_class)->finalize (object);
}

static void
kopir_price_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KopirPriceChart *self = KOPIR_PRICE_CHART (object);

  switch (prop_id)
    {
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_READOUT:
      g_value_set_int (value, self->readout);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_price_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KopirPriceChart *self = KOPIR_PRICE_CHART (object);

  switch (prop_id)
    {
    case PROP_CURRENCY:
      kopir_price_chart_set_currency (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      kopir_price_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_READOUT:
      kopir_price_chart_set_readout (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_price_chart_class_init (KopirPriceChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_price_chart_dispose;
  object_class->finalize = kopir_price_chart_finalize;
  object_class->get_property = kopir_price_chart_get_property;
  object_class->set_property = kopir_price_chart_set_property;

  widget_class->snapshot = kopir_price_chart_snapshot;
  widget_class->measure = kopir_price_chart_measure;

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, "KZT",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* What the chart shows, e.g. "Bitcoin price, past day": its accessible
   * name. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The point the read-out is on, or -1. */
  properties[PROP_READOUT] =
    g_param_spec_int ("readout", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Lowest, highest and latest price in words (the accessible
   * description). */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "pricechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kopir_price_chart_init (KopirPriceChart *self)
{
  GtkEventController *controller;

  self->points = g_array_new (FALSE, FALSE, sizeof (KopirChartPoint));
  self->currency = g_strdup ("KZT");
  self->readout = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);

  update_summary (self);
}

GtkWidget *
kopir_price_chart_new (void)
{
  return g_object_new (KOPIR_TYPE_PRICE_CHART, NULL);
}

/**
 * kopir_price_chart_set_points:
 * @self: a #KopirPriceChart
 * @points: (array length=n_points): prices, oldest first
 * @n_points: how many
 * @interval_ms: the time one point stands for (a candle's length), so
 *   that a live price knows whether it starts a new point
 *
 * Shows a new series; the read-out is cleared.
 */
void
kopir_price_chart_set_points (KopirPriceChart       *self,
                              const KopirChartPoint *points,
                              guint                  n_points,
                              gint64                 interval_ms)
{
  g_return_if_fail (KOPIR_IS_PRICE_CHART (self));
  g_return_if_fail (points != NULL || n_points == 0);

  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, points, n_points);
  self->interval_ms = MAX (interval_ms, 1);
  self->scale_dirty = TRUE;
  self->summary_time = 0;
  kopir_price_chart_set_readout (self, -1);
  ensure_scale (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kopir_price_chart_clear (KopirPriceChart *self)
{
  g_return_if_fail (KOPIR_IS_PRICE_CHART (self));

  kopir_price_chart_set_points (self, NULL, 0, 1);
}

/**
 * kopir_price_chart_set_live_price:
 * @self: a #KopirPriceChart
 * @price: the latest price
 * @time_ms: when
 *
 * Moves the last point to @price, or adds a point once its interval has
 * passed (and drops the oldest, so the range keeps its length). Cheap:
 * call it for every price; the chart redraws once per frame.
 */
void
kopir_price_chart_set_live_price (KopirPriceChart    *self,
                                  const KopirDecimal *price,
                                  gint64              time_ms)
{
  KopirChartPoint *last;

  g_return_if_fail (KOPIR_IS_PRICE_CHART (self));
  g_return_if_fail (price != NULL);

  if (self->points->len == 0 || !kopir_decimal_is_positive (price))
    return;

  last = &g_array_index (self->points, KopirChartPoint, self->points->len - 1);
  if (time_ms >= last->time_ms + self->interval_ms)
    {
      KopirChartPoint point = { last->time_ms + self->interval_ms * ((time_ms - last->time_ms) / self->interval_ms),
                                *price };

      g_array_append_val (self->points, point);
      if (self->points->len > 2)
        {
          g_array_remove_index (self->points, 0);
          if (self->readout > 0)
            self->readout--;
        }
    }
  else if (kopir_decimal_equal (&last->price, price))
    return;
  else
    last->price = *price;

  self->scale_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
kopir_price_chart_get_n_points (KopirPriceChart *self)
{
  g_return_val_if_fail (KOPIR_IS_PRICE_CHART (self), 0);

  return self->points->len;
}

/**
 * kopir_price_chart_get_point:
 * @self: a #KopirPriceChart
 * @index: a point
 *
 * Returns: (nullable): the point, or %NULL past the end
 */
const KopirChartPoint *
kopir_price_chart_get_point (KopirPriceChart *self,
                             guint            index)
{
  g_return_val_if_fail (KOPIR_IS_PRICE_CHART (self), NULL);

  if (index >= self->points->len)
    return NULL;

  return &g_array_index (self->points, KopirChartPoint, index);
}

int
kopir_price_chart_get_readout (KopirPriceChart *self)
{
  g_return_val_if_fail (KOPIR_IS_PRICE_CHART (self), -1);

  return self->readout;
}

/**
 * kopir_price_chart_set_readout:
 * @self: a #KopirPriceChart
 * @index: the point to show the price of, or -1 for none
 */
void
kopir_price_chart_set_readout (KopirPriceChart *self,
                               int              index)
{
  g_return_if_fail (KOPIR_IS_PRICE_CHART (self));

  if (index >= (int) self->points->len)
    index = (int) self->points->len - 1;
  if (index < -1)
    index = -1;
  if (self->readout == index)
    return;

  self->readout = index;
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
}

const char *
kopir_price_chart_get_currency (KopirPriceChart *self)
{
  g_return_val_if_fail (KOPIR_IS_PRICE_CHART (self), NULL);

  return self->currency;
}

/**
 * kopir_price_chart_set_currency:
 * @self: a #KopirPriceChart
 * @currency: the prices' currency, for their labels ("KZT")
 */
void
kopir_price_chart_set_currency (KopirPriceChart *self,
                                const char      *currency)
{
  g_return_if_fail (KOPIR_IS_PRICE_CHART (self));

  if (currency == NULL)
    currency = "KZT";
  if (g_strcmp0 (self->currency, currency) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (currency);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

const char *
kopir_price_chart_get_title (KopirPriceChart *self)
{
  g_return_val_if_fail (KOPIR_IS_PRICE_CHART (self), NULL);

  return self->title;
}

void
kopir_price_chart_set_title (KopirPriceChart *self,
                             const char      *title)
{
  g_return_if_fail (KOPIR_IS_PRICE_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * kopir_price_chart_get_summary:
 * @self: a #KopirPriceChart
 *
 * Returns: the lowest, highest and latest price in words, and the
 *   read-out's, as screen readers hear it
 */
const char *
kopir_price_chart_get_summary (KopirPriceChart *self)
{
  g_return_val_if_fail (KOPIR_IS_PRICE_CHART (self), NULL);

  ensure_scale (self);
  return self->summary;
}
