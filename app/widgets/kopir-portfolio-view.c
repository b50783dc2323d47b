/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirPortfolioView shows what the customer holds: tenge available, and
 * each crypto-asset with its value in tenge at the live price, what was
 * paid for it (from the ledger's fills) and the gain or loss since. It
 * reads balances and purchases when asked (kopir_portfolio_view_refresh)
 * and revalues on the frame clock as prices move. */

#define G_LOG_DOMAIN "kopir-portfolio-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-currency.h"
#include "kopir-holding.h"
#include "kopir-market-row.h"
#include "kopir-portfolio.h"
#include "kopir-portfolio-view.h"
#include "kopir-ui-format.h"

static const char * const crypto_assets[] = { "BTC", "ETH", "USDT", "SOL", NULL };

typedef struct
{
  char      *asset;
  GtkWidget *row;
  GtkLabel  *value;
  GtkLabel  *change;
} AssetRow;

struct _KopirPortfolioView
{
  AdwBin               parent_instance;

  KopirContext        *context;
  KopirPortfolio      *portfolio;
  GCancellable        *cancellable;
  GArray              *rows;        /* AssetRow */
  guint                tick_id;
  gboolean             loading;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  GtkLabel            *status_label;
  GtkButton           *refresh_button;
};

G_DEFINE_FINAL_TYPE (KopirPortfolioView, kopir_portfolio_view, ADW_TYPE_BIN)

static void
asset_row_clear (AssetRow *row)
{
  g_clear_pointer (&row->asset, g_free);
}

static KopirMarket *
market_for (KopirPortfolioView *self,
            const char         *asset)
{
  g_autofree char *symbol = g_strconcat (asset, KOPIR_CURRENCY_KZT, NULL);

  return kopir_price_stream_lookup (kopir_context_get_price_stream (self->context), symbol);
}

static void
set_status (KopirPortfolioView *self,
            const char         *text)
{
  if (text != NULL)
    gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

/* Values at the prices of this frame. */
static void
revalue (KopirPortfolioView *self)
{
  KopirDecimal total = KOPIR_DECIMAL_INIT (0, 0);
  gboolean have_total = FALSE;

  if (self->portfolio == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      AssetRow *row = &g_array_index (self->rows, AssetRow, i);
      const KopirPortfolioEntry *entry = kopir_portfolio_lookup (self->portfolio, row->asset);
      KopirDecimal quantity, price = KOPIR_DECIMAL_INIT (0, 0);
      KopirHolding holding;
      KopirMarket *market;
      g_autofree char *value = NULL;
      g_autofree char *change = NULL;
      g_autofree char *change_words = NULL;

      if (entry == NULL || !kopir_decimal_add (&entry->free, &entry->locked, &quantity))
        continue;

      if (g_strcmp0 (row->asset, KOPIR_CURRENCY_KZT) == 0)
        {
          value = kopir_ui_format_money (&quantity, KOPIR_CURRENCY_KZT);
          gtk_label_set_label (row->value, value);
          kopir_decimal_add (&total, &quantity, &total);
          have_total = TRUE;
          continue;
        }

      market = market_for (self, row->asset);
      if (market != NULL)
        price = kopir_market_get_price (market);

      if (!kopir_holding_compute (&quantity, kopir_decimal_is_positive (&price) ? &price : NULL,
                                  &entry->bought, &entry->paid,
                                  kopir_currency_get_scale (KOPIR_CURRENCY_KZT), &holding))
        continue;

      if (holding.has_value)
        {
          value = kopir_ui_format_money (&holding.value, KOPIR_CURRENCY_KZT);
          kopir_decimal_add (&total, &holding.value, &total);
        }
      gtk_label_set_label (row->value, value != NULL ? value : "…");

      gtk_widget_remove_css_class (GTK_WIDGET (row->change), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (row->change), "error");
      if (holding.has_change)
        {
          change = kopir_format_change (&holding.change_percent, FALSE);
          if (kopir_decimal_is_negative (&holding.change_percent))
            gtk_widget_add_css_class (GTK_WIDGET (row->change), "error");
          else if (kopir_decimal_is_positive (&holding.change_percent))
            gtk_widget_add_css_class (GTK_WIDGET (row->change), "success");
        }
      gtk_label_set_label (row->change, change != NULL ? change : "");
      gtk_widget_set_visible (GTK_WIDGET (row->change), change != NULL);

      {
        g_autofree char *held = kopir_ui_format_money (&quantity, row->asset);
        g_autofree char *subtitle = NULL;

        if (holding.has_cost)
          {
            g_autofree char *cost = kopir_ui_format_money (&holding.cost, KOPIR_CURRENCY_KZT);

            /* Translators: under an asset in the portfolio: the quantity
             * held and what was paid for it ("0.00105000 BTC · paid
             * ₸50,000.00"). */
            subtitle = g_strdup_printf (_("%s · paid %s"), held, cost);
          }
        else
          subtitle = g_strdup (held);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
      }
    }

  if (have_total)
    {
      g_autofree char *text = kopir_ui_format_money (&total, KOPIR_CURRENCY_KZT);
      g_autofree char *description = NULL;

      /* Translators: %s is the value of everything the customer holds. */
      description = g_strdup_printf (_("Worth %s in total at today’s prices"), text);
      adw_preferences_group_set_description (self->group, description);
    }
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  KopirPortfolioView *self = KOPIR_PORTFOLIO_VIEW (widget);

  self->tick_id = 0;
  revalue (self);

  return G_SOURCE_REMOVE;
}

static void
on_price_changed (KopirPortfolioView *self)
{
  if (self->tick_id == 0 && self->portfolio != NULL)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

static void
clear_rows (KopirPortfolioView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_array_index (self->rows, AssetRow, i).row);
  g_array_set_size (self->rows, 0);
}

static void
add_row (KopirPortfolioView *self,
         const char         *asset,
         const char         *title)
{
  AssetRow row = { 0, };
  GtkWidget *badge, *box;
  g_autofree char *badge_class = g_ascii_strdown (asset, -1);

  row.asset = g_strdup (asset);
  row.row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row.row), title);

  badge = gtk_label_new (kopir_asset_badge_symbol (asset));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (badge, 32, 32);
  gtk_widget_add_css_class (badge, "kopir-asset-badge");
  gtk_widget_add_css_class (badge, "small");
  gtk_widget_add_css_class (badge, badge_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row.row), badge);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  row.value = GTK_LABEL (gtk_label_new ("…"));
  gtk_label_set_xalign (row.value, 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (row.value), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (row.value), "heading");
  row.change = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row.change, 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (row.change), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row.change), "numeric");
  gtk_widget_set_visible (GTK_WIDGET (row.change), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row.value));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row.change));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row.row), box);

  gtk_list_box_append (self->list, row.row);
  g_array_append_val (self->rows, row);
}

static void
show_portfolio (KopirPortfolioView *self)
{
  guint n_crypto = 0;

  clear_rows (self);

  for (guint i = 0; i < self->portfolio->entries->len; i++)
    {
      const KopirPortfolioEntry *entry = &g_array_index (self->portfolio->entries, KopirPortfolioEntry, i);
      gboolean kzt = g_strcmp0 (entry->asset, KOPIR_CURRENCY_KZT) == 0;

      /* Tenge always; an asset once it is held or was bought. */
      if (!kzt && kopir_decimal_is_zero (&entry->free) && kopir_decimal_is_zero (&entry->locked) &&
          kopir_decimal_is_zero (&entry->bought))
        continue;

      /* The currency's full name breaks mid-word in a narrow column in
       * some languages; everyone here knows the tenge by its short name. */
      add_row (self, entry->asset, kzt ? C_("portfolio row", "Tenge") : kopir_ui_asset_name (entry->asset));
      if (!kzt)
        n_crypto++;
      else
        {
          AssetRow *row = &g_array_index (self->rows, AssetRow, self->rows->len - 1);

          if (kopir_decimal_is_positive (&entry->locked))
            {
              g_autofree char *locked = kopir_ui_format_money (&entry->locked, KOPIR_CURRENCY_KZT);
              g_autofree char *subtitle = NULL;

              /* Translators: under the tenge balance: how much waits in
               * open orders. */
              subtitle = g_strdup_printf (_("%s reserved for open orders"), locked);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
            }
          else
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), _("Available for purchases"));
        }
    }

  set_status (self, n_crypto == 0 ? _("You hold no crypto-assets yet. What you buy shows here, with "
                                       "what you paid and what it is worth now.")
                                   : NULL);
  revalue (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirPortfolioView) self = user_data;
  g_autoptr(GError) error = NULL;
  KopirPortfolio *portfolio;

  portfolio = kopir_portfolio_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.refresh", TRUE);

  if (portfolio == NULL)
    {
      /* The balances shown before stay; say why they may be stale. */
      set_status (self, error->message);
      return;
    }

  g_clear_pointer (&self->portfolio, kopir_portfolio_free);
  self->portfolio = portfolio;
  show_portfolio (self);
}

/**
 * kopir_portfolio_view_refresh:
 * @self: a #KopirPortfolioView
 *
 * Reads the balances and what was paid again, after a purchase.
 */
void
kopir_portfolio_view_refresh (KopirPortfolioView *self)
{
  KopirLedger *ledger;

  g_return_if_fail (KOPIR_IS_PORTFOLIO_VIEW (self));

  if (self->context == NULL)
    return;

  ledger = kopir_context_get_ledger (self->context);
  if (!kopir_context_get_has_credentials (self->context) || ledger == NULL)
    {
      clear_rows (self);
      g_clear_pointer (&self->portfolio, kopir_portfolio_free);
      adw_preferences_group_set_description (self->group, NULL);
      set_status (self, _("Open an account on the Account page to buy crypto-assets. Prices are "
                          "shown meanwhile."));
      return;
    }

  if (self->loading)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.refresh", FALSE);

  kopir_portfolio_load_async (kopir_context_get_exchange_client (self->context), kopir_ledger_get_path (ledger),
                              crypto_assets, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  kopir_portfolio_view_refresh (KOPIR_PORTFOLIO_VIEW (widget));
}

static void
kopir_portfolio_view_dispose (GObject *object)
{
  KopirPortfolioView *self = KOPIR_PORTFOLIO_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->context != NULL)
    {
      GListModel *markets = kopir_price_stream_get_markets (kopir_context_get_price_stream (self->context));

      for (guint i = 0; i < g_list_model_get_n_items (markets); i++)
        {
          g_autoptr(KopirMarket) market = g_list_model_get_item (markets, i);

          g_signal_handlers_disconnect_by_data (market, self);
        }
    }

  /* The template's top widget is the bin's child: the bin lets go of it
   * first, so it is not let go of twice. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_PORTFOLIO_VIEW);

  G_OBJECT_CLASS (kopir_portfolio_view_parent_class)->dispose (object);
}

static void
kopir_portfolio_view_finalize (GObject *object)
{
  KopirPortfolioView *self = KOPIR_PORTFOLIO_VIEW (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->portfolio, kopir_portfolio_free);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (kopir_portfolio_view_parent_class)->finalize (object);
}

static void
kopir_portfolio_view_class_init (KopirPortfolioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_portfolio_view_dispose;
  object_class->finalize = kopir_portfolio_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-portfolio-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirPortfolioView, group);
  gtk_widget_class_bind_template_child (widget_class, KopirPortfolioView, list);
  gtk_widget_class_bind_template_child (widget_class, KopirPortfolioView, status_label);
  gtk_widget_class_bind_template_child (widget_class, KopirPortfolioView, refresh_button);

  gtk_widget_class_install_action (widget_class, "portfolio.refresh", NULL, refresh_activated);
}

static void
kopir_portfolio_view_init (KopirPortfolioView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_array_new (FALSE, TRUE, sizeof (AssetRow));
  g_array_set_clear_func (self->rows, (GDestroyNotify) asset_row_clear);
  self->cancellable = g_cancellable_new ();
}

/**
 * kopir_portfolio_view_set_context:
 * @self: a #KopirPortfolioView
 * @context: the services
 *
 * Sets the services, once, and follows the markets' prices.
 */
void
kopir_portfolio_view_set_context (KopirPortfolioView *self,
                                  KopirContext       *context)
{
  GListModel *markets;

  g_return_if_fail (KOPIR_IS_PORTFOLIO_VIEW (self));
  g_return_if_fail (KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);

  markets = kopir_price_stream_get_markets (kopir_context_get_price_stream (context));
  for (guint i = 0; i < g_list_model_get_n_items (markets); i++)
    {
      g_autoptr(KopirMarket) market = g_list_model_get_item (markets, i);

      g_signal_connect_swapped (market, "notify::price", G_CALLBACK (on_price_changed), self);
    }

  kopir_portfolio_view_refresh (self);
}
