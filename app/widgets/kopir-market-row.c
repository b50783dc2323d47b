/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirMarketRow shows one market in the list of markets: the asset, its
 * price in tenge and its change over 24 hours, coloured and signed in
 * words and symbols alike (▲ +1,23 %), so the colour is never the only
 * sign. While one of the customer's orders in this market is being
 * checked it says so.
 *
 * Prices may arrive a thousand times a second. The row only notes that
 * its market changed, and updates its labels once, on the next frame.
 */

#define G_LOG_DOMAIN "kopir-market-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kopir-currency.h"
#include "kopir-market-row.h"
#include "kopir-money-format.h"

struct _KopirMarketRow
{
  GtkListBoxRow  parent_instance;

  KopirMarket   *market;
  char          *asset;
  guint          tick_id;
  guint          n_updates;
  gboolean       checking;
  char          *accessible_label;

  /* Template widgets */
  GtkLabel      *badge;
  GtkLabel      *name_label;
  GtkLabel      *code_label;
  GtkLabel      *price_label;
  GtkLabel      *change_label;
  GtkSpinner    *checking_spinner;
};

G_DEFINE_FINAL_TYPE (KopirMarketRow, kopir_market_row, GTK_TYPE_LIST_BOX_ROW)

/**
 * kopir_asset_badge_symbol:
 * @asset: an asset code
 *
 * Returns: the sign people know the asset by, for its badge
 */
const char *
kopir_asset_badge_symbol (const char *asset)
{
  /* Not "₿": the fonts of Debian 12 (Cantarell, DejaVu) do not have it. */
  if (g_strcmp0 (asset, "BTC") == 0)
    return "B";
  if (g_strcmp0 (asset, "ETH") == 0)
    return "Ξ";
  if (g_strcmp0 (asset, "USDT") == 0)
    return "₮";
  if (g_strcmp0 (asset, "SOL") == 0)
    return "◎";
  if (g_strcmp0 (asset, "KZT") == 0)
    return "₸";

  return "•";
}

/**
 * kopir_format_change:
 * @percent: a change in percent
 * @for_screen_reader: say it in words ("up 1.23 %") rather than signs
 *
 * Returns: (transfer full): "▲ +1.23 %", "▼ −0.40 %" or "0.00 %" with the
 *   decimal mark of the user interface's language
 */
char *
kopir_format_change (const KopirDecimal *percent,
                     gboolean            for_screen_reader)
{
  KopirDecimal magnitude, rounded;
  g_autofree char *number = NULL;
  g_autofree char *with_unit = NULL;
  int sign;

  kopir_decimal_abs (percent, &magnitude);
  if (!kopir_decimal_rescale (&magnitude, 2, KOPIR_ROUNDING_HALF_EVEN, &rounded))
    rounded = magnitude;
  sign = kopir_decimal_is_zero (&rounded) ? 0 : kopir_decimal_is_negative (percent) ? -1 : 1;

  /* The money format writes the number with the language's decimal mark;
   * a percentage has no currency of its own. */
  number = kopir_money_format (&rounded, "USD", kopir_money_ui_language (),
                               KOPIR_MONEY_FORMAT_NO_SYMBOL);
  /* Translators: a percentage; %s is the number. Kazakh and Russian
   * write a no-break space before the sign. */
  with_unit = g_strdup_printf (C_("percent", "%s %%"), number);

  if (for_screen_reader)
    {
      if (sign > 0)
        /* Translators: a price change over 24 hours, for screen readers. */
        return g_strdup_printf (_("up %s in 24 hours"), with_unit);
      if (sign < 0)
        return g_strdup_printf (_("down %s in 24 hours"), with_unit);
      return g_strdup_printf (_("unchanged in 24 hours"));
    }

  if (sign > 0)
    return g_strdup_printf ("▲ +%s", with_unit);
  if (sign < 0)
    return g_strdup_printf ("▼ −%s", with_unit);
  return g_strdup (with_unit);
}

static void
update_labels (KopirMarketRow *self)
{
  KopirDecimal price = kopir_market_get_price (self->market);
  KopirDecimal change = kopir_market_get_change_percent (self->market);
  g_autofree char *price_text = NULL;
  g_autofree char *change_text = NULL;
  g_autofree char *change_words = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *change_widget = GTK_WIDGET (self->change_label);

  self->n_updates++;

  if (kopir_decimal_is_positive (&price))
    price_text = kopir_money_format (&price, KOPIR_CURRENCY_KZT, kopir_money_ui_language (),
                                     KOPIR_MONEY_FORMAT_DEFAULT);
  else
    /* Translators: shown instead of a price until the first one arrives. */
    price_text = g_strdup (C_("price", "…"));
  gtk_label_set_label (self->price_label, price_text);

  if (self->checking)
    {
      change_text = g_strdup (_("Checking your order…"));
      change_words = g_strdup (change_text);
      gtk_widget_remove_css_class (change_widget, "success");
      gtk_widget_remove_css_class (change_widget, "error");
    }
  else
    {
      change_text = kopir_format_change (&change, FALSE);
      change_words = kopir_format_change (&change, TRUE);
      gtk_widget_remove_css_class (change_widget, "success");
      gtk_widget_remove_css_class (change_widget, "error");
      if (kopir_decimal_is_negative (&change))
        gtk_widget_add_css_class (change_widget, "error");
      else if (kopir_decimal_is_positive (&change))
        gtk_widget_add_css_class (change_widget, "success");
    }
  gtk_label_set_label (self->change_label, change_text);

  /* Translators: a market as a screen reader says it: the asset's name,
   * its price and its change ("Bitcoin, ₸47,500,000.00, up 1.23 % in 24
   * hours"). */
  accessible = g_strdup_printf (_("%s, %s, %s"), gtk_label_get_label (self->name_label), price_text,
                                change_words);
  /* Every change is an event for screen readers: only real ones. */
  if (g_strcmp0 (accessible, self->accessible_label) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_free (self->accessible_label);
      self->accessible_label = g_steal_pointer (&accessible);
    }
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  KopirMarketRow *self = KOPIR_MARKET_ROW (widget);

  self->tick_id = 0;
  update_labels (self);

  return G_SOURCE_REMOVE;
}

static void
on_market_notify (KopirMarketRow *self)
{
  /* Once per frame, however many prices came. */
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

static void
kopir_market_row_dispose (GObject *object)
{
  KopirMarketRow *self = KOPIR_MARKET_ROW (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->market != NULL)
    g_signal_handlers_disconnect_by_data (self->market, self);
  g_clear_object (&self->market);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_MARKET_ROW);

  G_OBJECT_CLASS (kopir_market_row_parent_class)->dispose (object);
}

static void
kopir_market_row_finalize (GObject *object)
{
  KopirMarketRow *self = KOPIR_MARKET_ROW (object);

  g_clear_pointer (&self->asset, g_free);
  g_clear_pointer (&self->accessible_label, g_free);

  G_OBJECT_CLASS (kopir_market_row_parent_class)->finalize (object);
}

static void
kopir_market_row_class_init (KopirMarketRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_market_row_dispose;
  object_class->finalize = kopir_market_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-market-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirMarketRow, badge);
  gtk_widget_class_bind_template_child (widget_class, KopirMarketRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, KopirMarketRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, KopirMarketRow, price_label);
  gtk_widget_class_bind_template_child (widget_class, KopirMarketRow, change_label);
  gtk_widget_class_bind_template_child (widget_class, KopirMarketRow, checking_spinner);
}

static void
kopir_market_row_init (KopirMarketRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kopir_market_row_new:
 * @market: a market quoted in tenge ("BTCKZT")
 *
 * Returns: (transfer floating): a row following @market's prices
 */
GtkWidget *
kopir_market_row_new (KopirMarket *market)
{
  KopirMarketRow *self;
  const char *symbol;
  const KopirCurrency *currency;
  g_autofree char *badge_class = NULL;

  g_return_val_if_fail (KOPIR_IS_MARKET (market), NULL);

  self = g_object_new (KOPIR_TYPE_MARKET_ROW, NULL);
  self->market = g_object_ref (market);

  symbol = kopir_market_get_symbol (market);
  self->asset = g_str_has_suffix (symbol, "KZT") ? g_strndup (symbol, strlen (symbol) - 3) : g_strdup (symbol);
  currency = kopir_currency_lookup (self->asset);

  gtk_label_set_label (self->badge, kopir_asset_badge_symbol (self->asset));
  badge_class = g_ascii_strdown (self->asset, -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), badge_class);
  gtk_label_set_label (self->name_label, currency != NULL ? kopir_currency_get_name (currency) : self->asset);
  gtk_label_set_label (self->code_label, self->asset);

  g_signal_connect_swapped (market, "notify", G_CALLBACK (on_market_notify), self);
  update_labels (self);

  return GTK_WIDGET (self);
}

KopirMarket *
kopir_market_row_get_market (KopirMarketRow *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET_ROW (self), NULL);

  return self->market;
}

/**
 * kopir_market_row_get_asset:
 * @self: a #KopirMarketRow
 *
 * Returns: the asset bought in this market ("BTC")
 */
const char *
kopir_market_row_get_asset (KopirMarketRow *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET_ROW (self), NULL);

  return self->asset;
}

/**
 * kopir_market_row_set_checking:
 * @self: a #KopirMarketRow
 * @checking: whether an order in this market is being checked
 */
void
kopir_market_row_set_checking (KopirMarketRow *self,
                               gboolean        checking)
{
  g_return_if_fail (KOPIR_IS_MARKET_ROW (self));

  if (self->checking == !!checking)
    return;

  self->checking = !!checking;
  gtk_widget_set_visible (GTK_WIDGET (self->checking_spinner), self->checking);
  gtk_spinner_set_spinning (self->checking_spinner, self->checking);
  update_labels (self);
}

/**
 * kopir_market_row_get_n_updates:
 * @self: a #KopirMarketRow
 *
 * Returns: how many times the labels were updated; the benchmark checks
 *   that it is once per frame at most
 */
guint
kopir_market_row_get_n_updates (KopirMarketRow *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET_ROW (self), 0);

  return self->n_updates;
}
