/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirBuyPage is the “Buy” page of the main window: the markets with
 * their live prices, the chosen market's chart over a range, buying at
 * the market price or at a chosen price, the open orders with a way to
 * cancel them, and the portfolio.
 *
 * Wide, the markets and the portfolio stand beside the chosen market;
 * narrow, the markets come first and a market opens over them (an
 * AdwLeaflet), with a way back.
 *
 * Prices arrive as often as the exchange sends them; every label and the
 * chart follow on the frame clock, once a frame at most. While one of
 * the customer's orders in a market is being checked (its answer was
 * lost), that market says so and offers no second purchase.
 */

#define G_LOG_DOMAIN "kopir-buy-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kopir-buy-dialog.h"
#include "kopir-buy-page.h"
#include "kopir-currency.h"
#include "kopir-market-row.h"
#include "kopir-portfolio-view.h"
#include "kopir-price-chart.h"
#include "kopir-ui-format.h"

#define DAY_STATS_INTERVAL_S 30
#define KLINES_INTERVAL_S 60

typedef struct
{
  const char *interval;
  guint       limit;
  gint64      interval_ms;
} Range;

/* Each range with a candle length that gives it about a hundred points. */
static const Range ranges[] = {
  { "1m", 60, 60 * 1000 },
  { "15m", 96, 15 * 60 * 1000 },
  { "1h", 168, 60 * 60 * 1000 },
  { "6h", 120, 6 * 60 * 60 * 1000 },
};

struct _KopirBuyPage
{
  AdwBin                parent_instance;

  KopirContext         *context;
  KopirPurchaseManager *manager;
  GCancellable         *cancellable;
  GCancellable         *klines_cancellable;
  KopirMarket          *market;
  char                 *asset;
  guint                 range;
  guint                 tick_id;
  guint                 day_stats_id;
  guint                 klines_id;
  GtkCustomFilter      *open_filter;
  GtkFilterListModel   *open_orders;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *markets_list;
  KopirPortfolioView   *portfolio_view;
  GtkButton            *back_button;
  GtkLabel             *badge;
  GtkLabel             *market_title;
  GtkLabel             *market_subtitle;
  GtkLabel             *price_label;
  GtkLabel             *change_label;
  GtkToggleButton      *range_hour;
  GtkToggleButton      *range_day;
  GtkToggleButton      *range_week;
  GtkToggleButton      *range_month;
  GtkStack             *chart_stack;
  GtkSpinner           *chart_spinner;
  KopirPriceChart      *chart;
  GtkWidget            *checking_box;
  GtkSpinner           *checking_spinner;
  GtkLabel             *checking_label;
  GtkButton            *buy_button;
  GtkButton            *limit_button;
  GtkLabel             *account_notice;
  AdwPreferencesGroup  *open_orders_group;
  GtkListBox           *open_orders_list;
};

G_DEFINE_FINAL_TYPE (KopirBuyPage, kopir_buy_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_buttons (KopirBuyPage *self);

static char *
asset_of (const char *symbol)
{
  return g_str_has_suffix (symbol, KOPIR_CURRENCY_KZT)
         ? g_strndup (symbol, strlen (symbol) - strlen (KOPIR_CURRENCY_KZT))
         : g_strdup (symbol);
}

static void
toast (KopirBuyPage *self,
       const char   *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Purchases in a market that are on their way or being checked. */
static KopirPurchase *
busy_purchase (KopirBuyPage *self,
               const char   *symbol)
{
  GListModel *purchases;
  guint n;

  if (self->manager == NULL || symbol == NULL)
    return NULL;

  purchases = kopir_purchase_manager_get_purchases (self->manager);
  n = g_list_model_get_n_items (purchases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);
      KopirPurchaseState state = kopir_purchase_get_state (purchase);

      if (g_strcmp0 (kopir_purchase_get_symbol (purchase), symbol) == 0 &&
          (state == KOPIR_PURCHASE_STATE_SENDING || state == KOPIR_PURCHASE_STATE_CHECKING))
        return purchase;
    }

  return NULL;
}

/* The header of the chosen market */

static void
update_header (KopirBuyPage *self)
{
  int readout = kopir_price_chart_get_readout (self->chart);
  g_autofree char *price = NULL;
  g_autofree char *change = NULL;
  GtkWidget *change_widget = GTK_WIDGET (self->change_label);

  if (self->market == NULL)
    return;

  gtk_widget_remove_css_class (change_widget, "success");
  gtk_widget_remove_css_class (change_widget, "error");

  if (readout >= 0)
    {
      const KopirChartPoint *point = kopir_price_chart_get_point (self->chart, (guint) readout);
      const KopirChartPoint *first = kopir_price_chart_get_point (self->chart, 0);
      const KopirChartPoint *last = kopir_price_chart_get_point (self->chart,
                                                                 kopir_price_chart_get_n_points (self->chart) - 1);
      g_autofree char *time = NULL;

      price = kopir_ui_format_money (&point->price, KOPIR_CURRENCY_KZT);
      time = kopir_price_chart_format_time (point->time_ms, last->time_ms - first->time_ms);
      /* Translators: under the price at the chart's read-out: when it was. */
      change = g_strdup_printf (_("at %s"), time);
      gtk_widget_add_css_class (change_widget, "dim-label");
    }
  else
    {
      KopirDecimal value = kopir_market_get_price (self->market);
      KopirDecimal percent = kopir_market_get_change_percent (self->market);
      g_autofree char *sign = kopir_format_change (&percent, FALSE);

      gtk_widget_remove_css_class (change_widget, "dim-label");
      price = kopir_decimal_is_positive (&value) ? kopir_ui_format_money (&value, KOPIR_CURRENCY_KZT)
                                                 : g_strdup (C_("price", "…"));
      /* Translators: the change of a price over 24 hours ("▲ +1.23 % in
       * 24 hours"). */
      change = g_strdup_printf (_("%s in 24 hours"), sign);
      if (kopir_decimal_is_negative (&percent))
        gtk_widget_add_css_class (change_widget, "error");
      else if (kopir_decimal_is_positive (&percent))
        gtk_widget_add_css_class (change_widget, "success");
    }

  gtk_label_set_label (self->price_label, price);
  gtk_label_set_label (self->change_label, change);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (widget);

  self->tick_id = 0;

  if (self->market != NULL)
    {
      KopirDecimal price = kopir_market_get_price (self->market);

      kopir_price_chart_set_live_price (self->chart, &price, g_get_real_time () / 1000);
      update_header (self);
    }

  return G_SOURCE_REMOVE;
}

static void
on_market_notify (KopirBuyPage *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

static void
on_readout_changed (KopirBuyPage *self)
{
  update_header (self);
}

/* The chart */

static void
klines_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirBuyPage) self = user_data;
  g_autoptr(GArray) klines = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;

  klines = kopir_exchange_client_get_klines_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->chart_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->chart_stack, "chart");

  if (klines == NULL)
    {
      g_debug ("Price history: %s", error->message);
      kopir_price_chart_clear (self->chart);
      return;
    }

  points = g_array_sized_new (FALSE, FALSE, sizeof (KopirChartPoint), klines->len + 1);
  for (guint i = 0; i < klines->len; i++)
    {
      const KopirKline *kline = &g_array_index (klines, KopirKline, i);
      KopirChartPoint point = { kline->open_time, kline->close };

      g_array_append_val (points, point);
    }

  kopir_price_chart_set_points (self->chart, (const KopirChartPoint *) (gpointer) points->data, points->len,
                                ranges[self->range].interval_ms);
  on_market_notify (self);
}

static void
load_klines (KopirBuyPage *self,
             gboolean      show_spinner)
{
  if (self->market == NULL || self->context == NULL)
    return;

  g_debug ("Loading the price history of %s (%s)", kopir_market_get_symbol (self->market),
           ranges[self->range].interval);
  g_cancellable_cancel (self->klines_cancellable);
  g_clear_object (&self->klines_cancellable);
  self->klines_cancellable = g_cancellable_new ();

  if (show_spinner)
    {
      gtk_stack_set_visible_child_name (self->chart_stack, "loading");
      gtk_spinner_set_spinning (self->chart_spinner, TRUE);
    }

  kopir_exchange_client_get_klines_async (kopir_context_get_exchange_client (self->context),
                                          kopir_market_get_symbol (self->market),
                                          ranges[self->range].interval, ranges[self->range].limit,
                                          self->klines_cancellable, klines_cb, g_object_ref (self));
}

static gboolean
on_klines_timer (gpointer user_data)
{
  load_klines (KOPIR_BUY_PAGE (user_data), FALSE);

  return G_SOURCE_CONTINUE;
}

static void
update_chart_title (KopirBuyPage *self)
{
  static const char *range_names[] = {
    N_("past hour"), N_("past day"), N_("past week"), N_("past month"),
  };
  g_autofree char *title = NULL;

  if (self->asset == NULL)
    return;

  /* Translators: the accessible name of the price chart; %1$s is an
   * asset's name, %2$s the range ("past day"). */
  title = g_strdup_printf (_("%1$s price, %2$s"), kopir_ui_asset_name (self->asset), _(range_names[self->range]));
  kopir_price_chart_set_title (self->chart, title);
}

static void
on_range_toggled (KopirBuyPage    *self,
                  GtkToggleButton *button)
{
  GtkToggleButton *buttons[] = { self->range_hour, self->range_day, self->range_week, self->range_month };

  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (buttons[i] == button)
      self->range = i;

  update_chart_title (self);
  load_klines (self, TRUE);
}

/* Day statistics: the stream carries prices, the 24-hour change comes
 * from the ticker. */

static void
ticker_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirBuyPage) self = user_data;
  g_autoptr(KopirMarket) fresh = NULL;
  g_autoptr(GError) error = NULL;
  KopirMarket *market;
  KopirDecimal change, high, low, price;

  fresh = kopir_exchange_client_get_ticker_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (fresh == NULL || self->context == NULL)
    return;

  market = kopir_price_stream_lookup (kopir_context_get_price_stream (self->context),
                                      kopir_market_get_symbol (fresh));
  if (market == NULL)
    return;

  change = kopir_market_get_change_percent (fresh);
  high = kopir_market_get_high (fresh);
  low = kopir_market_get_low (fresh);
  kopir_market_set_day_stats (market, &change, &high, &low);

  /* Until the stream's first price, the ticker's. */
  price = kopir_market_get_price (market);
  if (!kopir_decimal_is_positive (&price))
    {
      price = kopir_market_get_price (fresh);
      kopir_market_set_price (market, &price);
    }
}

static gboolean
on_day_stats_timer (gpointer user_data)
{
  KopirBuyPage *self = user_data;
  GListModel *markets;

  if (self->context == NULL || kopir_exchange_client_get_base_url (kopir_context_get_exchange_client (self->context)) == NULL)
    return G_SOURCE_CONTINUE;

  markets = kopir_price_stream_get_markets (kopir_context_get_price_stream (self->context));
  for (guint i = 0; i < g_list_model_get_n_items (markets); i++)
    {
      g_autoptr(KopirMarket) market = g_list_model_get_item (markets, i);

      kopir_exchange_client_get_ticker_async (kopir_context_get_exchange_client (self->context),
                                              kopir_market_get_symbol (market), self->cancellable,
                                              ticker_cb, g_object_ref (self));
    }

  return G_SOURCE_CONTINUE;
}

/* Choosing a market */

static void
show_market (KopirBuyPage *self,
             KopirMarket  *market)
{
  g_autofree char *badge_class = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *buy_label = NULL;

  if (self->market == market)
    return;

  if (self->market != NULL)
    {
      g_autofree char *old_class = g_ascii_strdown (self->asset, -1);

      gtk_widget_remove_css_class (GTK_WIDGET (self->badge), old_class);
      g_signal_handlers_disconnect_by_data (self->market, self);
    }
  g_set_object (&self->market, market);
  g_clear_pointer (&self->asset, g_free);
  if (market == NULL)
    return;

  self->asset = asset_of (kopir_market_get_symbol (market));
  badge_class = g_ascii_strdown (self->asset, -1);
  gtk_label_set_label (self->badge, kopir_asset_badge_symbol (self->asset));
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), badge_class);
  gtk_label_set_label (self->market_title, kopir_ui_asset_name (self->asset));
  /* Translators: under the market's name: its pair ("BTC in tenge"). */
  subtitle = g_strdup_printf (_("%s in tenge"), self->asset);
  gtk_label_set_label (self->market_subtitle, subtitle);
  /* Translators: the main button of the Buy page; %s is an asset's code. */
  buy_label = g_strdup_printf (_("_Buy %s…"), self->asset);
  gtk_button_set_label (self->buy_button, buy_label);

  g_signal_connect_swapped (market, "notify", G_CALLBACK (on_market_notify), self);
  kopir_price_chart_clear (self->chart);
  update_chart_title (self);
  update_header (self);
  update_buttons (self);
  load_klines (self, TRUE);
}

static void
on_market_selected (KopirBuyPage  *self,
                    GtkListBoxRow *row)
{
  if (row != NULL)
    show_market (self, kopir_market_row_get_market (KOPIR_MARKET_ROW (row)));
}

static void
on_market_activated (KopirBuyPage  *self,
                     GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->markets_list, row);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_folded_changed (KopirBuyPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), adw_leaflet_get_folded (self->leaflet));
}

static GtkWidget *
create_market_row (gpointer item,
                   gpointer user_data)
{
  return kopir_market_row_new (KOPIR_MARKET (item));
}

/* Buttons and the checking note */

static void
update_checking (KopirBuyPage *self)
{
  GtkListBoxRow *row;
  KopirPurchase *busy;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->markets_list, i)) != NULL; i++)
    {
      KopirMarket *market = kopir_market_row_get_market (KOPIR_MARKET_ROW (row));
      KopirPurchase *purchase = busy_purchase (self, kopir_market_get_symbol (market));

      kopir_market_row_set_checking (KOPIR_MARKET_ROW (row),
                                     purchase != NULL &&
                                     kopir_purchase_get_state (purchase) == KOPIR_PURCHASE_STATE_CHECKING);
    }

  busy = self->market != NULL ? busy_purchase (self, kopir_market_get_symbol (self->market)) : NULL;
  if (busy != NULL && kopir_purchase_get_state (busy) == KOPIR_PURCHASE_STATE_CHECKING)
    gtk_label_set_label (self->checking_label,
                         kopir_purchase_get_message (busy) != NULL
                         ? kopir_purchase_get_message (busy)
                         : _("Checking your order with the exchange. Nothing will be bought twice."));
  else if (busy != NULL)
    gtk_label_set_label (self->checking_label, _("Your order is on its way to the exchange."));
  gtk_widget_set_visible (self->checking_box, busy != NULL);
  gtk_spinner_set_spinning (self->checking_spinner, busy != NULL);
}

static void
update_buttons (KopirBuyPage *self)
{
  gboolean can_buy = self->context != NULL && kopir_context_get_has_credentials (self->context) &&
                     self->manager != NULL;
  gboolean busy = self->market != NULL && busy_purchase (self, kopir_market_get_symbol (self->market)) != NULL;

  gboolean enabled = can_buy && !busy && self->market != NULL;


  gtk_widget_action_set_enabled (GTK_WIDGET (self), "buy-page.buy", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "buy-page.buy-limit", enabled);
  /* A disabled action greys its button out, but GTK 4.8 only tells
   * screen readers when the button's own sensitivity changes. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->buy_button), enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_button), enabled);
  gtk_widget_set_visible (GTK_WIDGET (self->account_notice), !can_buy);

  update_checking (self);
}

/* Open orders */

static gboolean
is_open (gpointer item,
         gpointer user_data)
{
  return kopir_purchase_get_state (KOPIR_PURCHASE (item)) == KOPIR_PURCHASE_STATE_OPEN;
}

static void
describe_open_order (GtkWidget     *row,
                     KopirPurchase *purchase)
{
  const KopirLedgerOrder *order = kopir_purchase_get_order (purchase);
  g_autofree char *quantity = kopir_ui_format_money (&order->quantity, order->base_asset);
  g_autofree char *price = kopir_ui_format_price (&order->price, order->quote_asset);
  g_autofree char *filled = kopir_ui_format_money (&order->executed_qty, order->base_asset);
  g_autofree char *placed = kopir_ui_format_time (order->created_at_us);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: an open order: %1$s a quantity ("0.00100000 BTC"), %2$s
   * the highest price per unit. */
  title = g_strdup_printf (_("%1$s at %2$s or less"), quantity, price);
  /* Translators: under an open order: when it was placed and how much is
   * filled. */
  subtitle = g_strdup_printf (_("Placed %1$s · filled %2$s"), placed, filled);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
on_open_order_notify (GtkWidget     *row,
                      GParamSpec    *pspec,
                      KopirPurchase *purchase)
{
  describe_open_order (row, purchase);
}

static GtkWidget *
create_open_order_row (gpointer item,
                       gpointer user_data)
{
  KopirPurchase *purchase = KOPIR_PURCHASE (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *cancel;
  g_autofree char *cancel_name = NULL;

  describe_open_order (row, purchase);
  g_signal_connect_object (purchase, "notify::executed-qty", G_CALLBACK (on_open_order_notify), row,
                           G_CONNECT_SWAPPED);

  cancel = gtk_button_new_with_mnemonic (_("_Cancel Order"));
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "buy-page.cancel-order");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (cancel), "s", kopir_purchase_get_client_order_id (purchase));
  /* Translators: the accessible name of an open order's Cancel button;
   * %s is the order as its row says it. */
  cancel_name = g_strdup_printf (_("Cancel the order for %s"),
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL, cancel_name, -1);
  gtk_widget_add_css_class (cancel, "destructive-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), cancel);

  return row;
}

static void
on_open_orders_changed (KopirBuyPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->open_orders_group),
                          g_list_model_get_n_items (G_LIST_MODEL (self->open_orders)) > 0);
}

/* Following the purchase manager */

static void
on_purchase_state (KopirBuyPage  *self,
                   GParamSpec    *pspec,
                   KopirPurchase *purchase)
{
  KopirPurchaseState state = kopir_purchase_get_state (purchase);

  gtk_filter_changed (GTK_FILTER (self->open_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_buttons (self);

  /* Something was bought, or money was set aside or freed. */
  if (state == KOPIR_PURCHASE_STATE_COMPLETED || state == KOPIR_PURCHASE_STATE_OPEN ||
      state == KOPIR_PURCHASE_STATE_FAILED)
    kopir_portfolio_view_refresh (self->portfolio_view);
}

static void
watch_purchase (KopirBuyPage  *self,
                KopirPurchase *purchase)
{
  g_signal_connect_object (purchase, "notify::state", G_CALLBACK (on_purchase_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (purchase, "notify::message", G_CALLBACK (update_checking), self,
                           G_CONNECT_SWAPPED);
}

static void
on_purchases_changed (GListModel   *purchases,
                      guint         position,
                      guint         removed,
                      guint         added,
                      KopirBuyPage *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);

      watch_purchase (self, purchase);
    }

  update_buttons (self);
}

static void
load_open_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kopir_purchase_manager_load_open_finish (KOPIR_PURCHASE_MANAGER (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Loading open orders: %s", error->message);
}

static void
on_purchase_manager_changed (KopirBuyPage *self)
{
  KopirPurchaseManager *manager = kopir_context_get_purchase_manager (self->context);
  GListModel *purchases;

  if (self->manager == manager)
    return;

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (kopir_purchase_manager_get_purchases (self->manager), self);
  g_set_object (&self->manager, manager);

  if (manager == NULL)
    {
      gtk_filter_list_model_set_model (self->open_orders, NULL);
      update_buttons (self);
      return;
    }

  purchases = kopir_purchase_manager_get_purchases (manager);
  for (guint i = 0; i < g_list_model_get_n_items (purchases); i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);

      watch_purchase (self, purchase);
    }
  g_signal_connect_object (purchases, "items-changed", G_CALLBACK (on_purchases_changed), self, 0);
  gtk_filter_list_model_set_model (self->open_orders, purchases);

  /* Limit orders of an earlier session, followed from now on. */
  if (kopir_context_get_has_credentials (self->context))
    kopir_purchase_manager_load_open_async (manager, self->cancellable, load_open_cb, NULL);

  update_buttons (self);
  kopir_portfolio_view_refresh (self->portfolio_view);
}

static void
on_context_ready (KopirBuyPage *self)
{
  on_day_stats_timer (self);
  load_klines (self, TRUE);
}

static void
on_credentials_changed (KopirBuyPage *self)
{
  update_buttons (self);
  kopir_portfolio_view_refresh (self->portfolio_view);
  if (self->manager != NULL && kopir_context_get_has_credentials (self->context))
    kopir_purchase_manager_load_open_async (self->manager, self->cancellable, load_open_cb, NULL);
}

/* Actions */

static void
open_dialog (KopirBuyPage *self,
             gboolean      limit)
{
  KopirBuyDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->market == NULL)
    return;

  dialog = kopir_buy_dialog_new (self->context, kopir_market_get_symbol (self->market), limit);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  /* Closing the main window (Ctrl+Q) closes this too. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
buy_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_dialog (KOPIR_BUY_PAGE (widget), FALSE);
}

static void
buy_limit_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_dialog (KOPIR_BUY_PAGE (widget), TRUE);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "markets");
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirBuyPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_purchase_manager_cancel_finish (KOPIR_PURCHASE_MANAGER (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("Order cancelled"));
}

static void
cancel_order_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (widget);
  const char *client_order_id = g_variant_get_string (parameter, NULL);
  GListModel *purchases;

  if (self->manager == NULL)
    return;

  purchases = kopir_purchase_manager_get_purchases (self->manager);
  for (guint i = 0; i < g_list_model_get_n_items (purchases); i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);

      if (g_strcmp0 (kopir_purchase_get_client_order_id (purchase), client_order_id) == 0)
        {
          kopir_purchase_manager_cancel_async (self->manager, purchase, self->cancellable, cancel_cb,
                                               g_object_ref (self));
          return;
        }
    }
}

/* GObject */

static void
kopir_buy_page_dispose (GObject *object)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->klines_cancellable);
  g_clear_handle_id (&self->day_stats_id, g_source_remove);
  g_clear_handle_id (&self->klines_id, g_source_remove);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->market != NULL)
    g_signal_handlers_disconnect_by_data (self->market, self);
  g_clear_object (&self->market);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (kopir_purchase_manager_get_purchases (self->manager), self);
  g_clear_object (&self->manager);
  g_clear_object (&self->open_orders);

  /* The template's top widget is the bin's child: the bin lets go of it
   * first, so it is not let go of twice. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_BUY_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_buy_page_parent_class)->dispose (object);
}

static void
kopir_buy_page_finalize (GObject *object)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->klines_cancellable);
  g_clear_pointer (&self->asset, g_free);

  G_OBJECT_CLASS (kopir_buy_page_parent_class)->finalize (object);
}

static void
kopir_buy_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_buy_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kopir_buy_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_buy_page_class_init (KopirBuyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_buy_page_dispose;
  object_class->finalize = kopir_buy_page_finalize;
  object_class->get_property = kopir_buy_page_get_property;
  object_class->set_property = kopir_buy_page_set_property;

  /**
   * KopirBuyPage:context:
   *
   * The services the page works with. The window sets it once, after
   * building its template.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KOPIR_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KOPIR_TYPE_PRICE_CHART);
  g_type_ensure (KOPIR_TYPE_PORTFOLIO_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-buy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, markets_list);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, portfolio_view);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, badge);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, market_title);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, market_subtitle);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, price_label);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, change_label);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, range_hour);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, range_day);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, range_week);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, range_month);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, chart_spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, chart);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, checking_box);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, checking_label);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, buy_button);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, limit_button);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, account_notice);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, open_orders_group);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyPage, open_orders_list);
  gtk_widget_class_bind_template_callback (widget_class, on_market_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_market_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_range_toggled);

  gtk_widget_class_install_action (widget_class, "buy-page.buy", NULL, buy_activated);
  gtk_widget_class_install_action (widget_class, "buy-page.buy-limit", NULL, buy_limit_activated);
  gtk_widget_class_install_action (widget_class, "buy-page.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "buy-page.cancel-order", "s", cancel_order_activated);
}

static void
kopir_buy_page_init (KopirBuyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->range = 1;

  self->open_filter = gtk_custom_filter_new (is_open, NULL, NULL);
  self->open_orders = gtk_filter_list_model_new (NULL, GTK_FILTER (self->open_filter));
  gtk_list_box_bind_model (self->open_orders_list, G_LIST_MODEL (self->open_orders),
                           create_open_order_row, NULL, NULL);
  g_signal_connect_swapped (self->open_orders, "items-changed", G_CALLBACK (on_open_orders_changed), self);

  g_signal_connect_swapped (self->chart, "notify::readout", G_CALLBACK (on_readout_changed), self);

  update_buttons (self);
}

GtkWidget *
kopir_buy_page_new (KopirContext *context)
{
  return g_object_new (KOPIR_TYPE_BUY_PAGE,
                       "context", context,
                       NULL);
}

/**
 * kopir_buy_page_get_context:
 * @self: a #KopirBuyPage
 *
 * Returns: (transfer none) (nullable): the page's services
 */
KopirContext *
kopir_buy_page_get_context (KopirBuyPage *self)
{
  g_return_val_if_fail (KOPIR_IS_BUY_PAGE (self), NULL);

  return self->context;
}

/**
 * kopir_buy_page_set_context:
 * @self: a #KopirBuyPage
 * @context: the services the page works with
 *
 * Sets the page's services, once: a page is never moved from one context
 * to another.
 */
void
kopir_buy_page_set_context (KopirBuyPage *self,
                            KopirContext *context)
{
  GListModel *markets;
  GtkListBoxRow *first;

  g_return_if_fail (KOPIR_IS_BUY_PAGE (self));
  g_return_if_fail (context == NULL || KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (!g_set_object (&self->context, context))
    return;

  markets = kopir_price_stream_get_markets (kopir_context_get_price_stream (context));
  gtk_list_box_bind_model (self->markets_list, markets, create_market_row, NULL, NULL);
  kopir_portfolio_view_set_context (self->portfolio_view, context);

  g_signal_connect_object (context, "notify::purchase-manager", G_CALLBACK (on_purchase_manager_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::has-credentials", G_CALLBACK (on_credentials_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::ready", G_CALLBACK (on_context_ready),
                           self, G_CONNECT_SWAPPED);
  on_purchase_manager_changed (self);

  /* The first market is shown until another is chosen. */
  first = gtk_list_box_get_row_at_index (self->markets_list, 0);
  if (first != NULL)
    gtk_list_box_select_row (self->markets_list, first);

  on_day_stats_timer (self);
  self->day_stats_id = g_timeout_add_seconds (DAY_STATS_INTERVAL_S, on_day_stats_timer, self);
  self->klines_id = g_timeout_add_seconds (KLINES_INTERVAL_S, on_klines_timer, self);
  on_folded_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
