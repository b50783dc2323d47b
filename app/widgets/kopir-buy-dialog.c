/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirBuyDialog buys one crypto-asset with tenge, honestly:
 *
 * - The customer enters what to spend, or what to get, or a quantity and
 *   the price they are willing to pay (a limit order).
 * - A quote from the exchange's order book (refreshed every few seconds)
 *   says what they get, the average price, the fee, the total and how
 *   much worse than the best price the order goes (price impact); beside
 *   it the tenge available and what is left of the pilot's monthly
 *   limit.
 * - Every check the exchange would make is made first, with a specific
 *   message beside the amount: not a number, zero, too many decimals,
 *   below the market's minimum, over the balance, over the monthly
 *   limit, the market closed. Nothing is sent for an amount that is
 *   refused, and nothing typed is lost.
 * - A confirmation repeats the essentials; then the dialog shows the
 *   order on its way, "checking your order" if the answer was lost (the
 *   purchase manager asks the exchange, and never sends twice), and the
 *   result: what was bought, at what average price, for what fee; or
 *   why nothing was.
 *
 * The dialog asks the services for everything: the book and the account
 * from the exchange client, the limit from the account client, and the
 * purchase from the purchase manager.
 */

#define G_LOG_DOMAIN "kopir-buy-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kopir-assisted-shell.h"
#include "kopir-buy-dialog.h"
#include "kopir-catalog.h"
#include "kopir-currency.h"
#include "kopir-history-model.h"
#include "kopir-money-format.h"
#include "kopir-quote.h"
#include "kopir-ui-format.h"

#define QUOTE_REFRESH_MS 3000
#define INFO_REFRESH_MS 15000
#define BOOK_DEPTH 100

/* Binance's standard spot fee, used only until the account says. */
#define DEFAULT_FEE_RATE KOPIR_DECIMAL_INIT (1, 3)

typedef enum
{
  ORDER_MARKET,
  ORDER_LIMIT,
} OrderType;

struct _KopirBuyDialog
{
  AdwWindow             parent_instance;

  KopirContext         *context;
  KopirPurchaseManager *manager;
  char                 *symbol;
  char                 *base;
  GCancellable         *cancellable;
  guint                 quote_timer;
  guint                 info_timer;

  KopirOrderBook       *book;
  gboolean              book_loaded;
  KopirDecimal          fee_rate;
  gboolean              has_balance;
  KopirDecimal          balance;
  KopirPilotLimits     *limits;

  /* What the form says now, when it is valid. */
  gboolean              valid;
  KopirPurchaseRequest  request;
  KopirDecimal          total;
  KopirDecimal          receive;
  KopirDecimal          average;
  KopirDecimal          fee;
  gboolean              has_average;

  KopirPurchase        *purchase;
  GtkLabel             *fee_label;
  int                   shown_state;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwComboRow          *type_row;
  AdwPreferencesGroup  *amount_group;
  GtkWidget            *mode_box;
  GtkToggleButton      *spend_toggle;
  GtkToggleButton      *receive_toggle;
  AdwEntryRow          *price_row;
  AdwEntryRow          *amount_row;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *quote_group;
  AdwActionRow         *impact_row;
  AdwActionRow         *average_row;
  GtkLabel             *receive_value;
  GtkLabel             *average_value;
  GtkLabel             *fee_value;
  GtkLabel             *total_value;
  GtkLabel             *impact_value;
  GtkLabel             *balance_value;
  GtkLabel             *limit_value;
  GtkButton            *review_button;
  AdwStatusPage        *progress_page;
  GtkSpinner           *progress_spinner;
  AdwStatusPage        *result_page;
  GtkListBox           *result_list;
  GtkButton            *back_button;
  GtkButton            *done_button;
};

G_DEFINE_FINAL_TYPE (KopirBuyDialog, kopir_buy_dialog, ADW_TYPE_WINDOW)

static void update_form (KopirBuyDialog *self);

static OrderType
order_type (KopirBuyDialog *self)
{
  return adw_combo_row_get_selected (self->type_row) == 1 ? ORDER_LIMIT : ORDER_MARKET;
}

static gboolean
spending (KopirBuyDialog *self)
{
  return order_type (self) == ORDER_MARKET && gtk_toggle_button_get_active (self->spend_toggle);
}

static const char *
asset_name (KopirBuyDialog *self)
{
  return kopir_ui_asset_name (self->base);
}

/* Whether an earlier order in this market is still on its way or being
 * checked: then no second one may go. */
static gboolean
market_busy (KopirBuyDialog *self)
{
  GListModel *purchases;
  guint n;

  if (self->manager == NULL)
    return FALSE;

  purchases = kopir_purchase_manager_get_purchases (self->manager);
  n = g_list_model_get_n_items (purchases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);
      KopirPurchaseState state = kopir_purchase_get_state (purchase);

      if (purchase != self->purchase &&
          g_strcmp0 (kopir_purchase_get_symbol (purchase), self->symbol) == 0 &&
          (state == KOPIR_PURCHASE_STATE_SENDING || state == KOPIR_PURCHASE_STATE_CHECKING))
        return TRUE;
    }

  return FALSE;
}

/* Showing the form */

static void
set_value (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "—");
}

static void
clear_quote (KopirBuyDialog *self)
{
  set_value (self->receive_value, NULL);
  set_value (self->average_value, NULL);
  set_value (self->fee_value, NULL);
  set_value (self->total_value, NULL);
  set_value (self->impact_value, NULL);
}

/* Shows why the amount is refused beside it, and tells screen readers. */
static void
show_error (KopirBuyDialog *self,
            GtkWidget      *field,
            const char     *message)
{
  GtkWidget *fields[] = { GTK_WIDGET (self->amount_row), GTK_WIDGET (self->price_row) };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gboolean invalid = message != NULL && fields[i] == field;
      /* The row and the text inside it, which has the focus and is what
       * a screen reader speaks. */
      GtkAccessible *targets[] = {
        GTK_ACCESSIBLE (fields[i]),
        GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (fields[i]))),
      };

      if (invalid)
        gtk_widget_add_css_class (fields[i], "error");
      else
        gtk_widget_remove_css_class (fields[i], "error");

      for (guint j = 0; j < G_N_ELEMENTS (targets); j++)
        {
          if (targets[j] == NULL)
            continue;
          if (invalid)
            {
              gtk_accessible_update_property (targets[j], GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
              gtk_accessible_update_state (targets[j], GTK_ACCESSIBLE_STATE_INVALID,
                                           GTK_ACCESSIBLE_INVALID_TRUE, -1);
            }
          else
            {
              gtk_accessible_reset_property (targets[j], GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
              gtk_accessible_reset_state (targets[j], GTK_ACCESSIBLE_STATE_INVALID);
            }
        }
    }

  if (message != NULL)
    gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_review (KopirBuyDialog *self,
            const char     *label,
            gboolean        sensitive)
{
  gtk_button_set_label (self->review_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->review_button), sensitive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "buy.review", sensitive);
}

static void
update_labels (KopirBuyDialog *self)
{
  g_autofree char *title = NULL;
  g_autofree char *get_label = NULL;
  OrderType type = order_type (self);

  /* Translators: the title of the purchase dialog; %s is an asset's name
   * ("Bitcoin"). */
  title = g_strdup_printf (_("Buy %s"), asset_name (self));
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  gtk_button_set_label (GTK_BUTTON (self->spend_toggle), _("Spend ₸"));
  /* Translators: a toggle to enter the quantity to buy; %s is an asset's
   * code ("BTC"). */
  get_label = g_strdup_printf (_("Get %s"), self->base);
  gtk_button_set_label (GTK_BUTTON (self->receive_toggle), get_label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->receive_toggle), _("Enter how much to buy"));

  gtk_widget_set_visible (self->mode_box, type == ORDER_MARKET);
  gtk_widget_set_visible (GTK_WIDGET (self->price_row), type == ORDER_LIMIT);
  gtk_widget_set_visible (GTK_WIDGET (self->impact_row), type == ORDER_MARKET);

  if (spending (self))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), _("Tenge to Spend"));
  else
    {
      g_autofree char *quantity_title = NULL;

      /* Translators: the title of the field for the quantity to buy; %s
       * is an asset's code ("BTC"). */
      quantity_title = g_strdup_printf (_("%s to Get"), self->base);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), quantity_title);
    }

  {
    g_autofree char *price_title = NULL;

    /* Translators: the title of the limit price field; %s is an asset's
     * code ("BTC"). */
    price_title = g_strdup_printf (_("Highest Price per %s, ₸"), self->base);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->price_row), price_title);
  }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->average_row),
                                 type == ORDER_LIMIT ? _("Price") : _("Average Price"));
  adw_preferences_group_set_description (self->quote_group,
                                         type == ORDER_LIMIT
                                         ? _("The order waits at the exchange until someone sells at "
                                             "your price or less. You can cancel it until then.")
                                         : _("From the exchange’s order book, refreshed every few "
                                             "seconds. The final price may differ slightly."));
}

/* Reads an amount; on failure shows why beside the field. */
static gboolean
read_amount (KopirBuyDialog *self,
             AdwEntryRow    *row,
             const char     *currency,
             KopirDecimal   *value,
             gboolean       *empty)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  *empty = stripped[0] == '\0';
  if (*empty)
    return FALSE;

  if (!kopir_money_parse (text, currency, kopir_money_ui_language (), value, &error))
    {
      show_error (self, GTK_WIDGET (row), error->message);
      return FALSE;
    }

  if (!kopir_decimal_is_positive (value))
    {
      show_error (self, GTK_WIDGET (row), _("Enter an amount greater than zero."));
      return FALSE;
    }

  return TRUE;
}

static void
show_limits (KopirBuyDialog *self)
{
  if (self->has_balance)
    {
      g_autofree char *balance = kopir_ui_format_money (&self->balance, KOPIR_CURRENCY_KZT);

      set_value (self->balance_value, balance);
    }
  else
    set_value (self->balance_value, NULL);

  if (self->limits == NULL)
    set_value (self->limit_value, NULL);
  else if (!self->limits->limited)
    set_value (self->limit_value, _("No limit: you passed the knowledge test"));
  else
    {
      g_autofree char *kzt = kopir_ui_format_money (&self->limits->remaining_kzt, KOPIR_CURRENCY_KZT);
      g_autofree char *usd = kopir_ui_format_money (&self->limits->remaining_usd, KOPIR_CURRENCY_USD);
      g_autofree char *text = NULL;

      /* Translators: what is left of the monthly pilot limit, in tenge
       * and in dollars ("₸512,000.00 (USD 1,000.00)"). */
      text = g_strdup_printf (_("%s (%s)"), kzt, usd);
      set_value (self->limit_value, text);
    }
}

/* Checks what the exchange would check on the total, in the order a
 * person would want to hear it. */
static const char *
check_total (KopirBuyDialog *self,
             char          **message)
{
  if (self->has_balance && kopir_decimal_compare (&self->total, &self->balance) > 0)
    {
      g_autofree char *balance = kopir_ui_format_money (&self->balance, KOPIR_CURRENCY_KZT);

      /* Translators: %s is the customer's tenge balance. */
      *message = g_strdup_printf (_("That is more than the %s you have available. Add tenge on the "
                                    "Bank page, or enter less."), balance);
      return *message;
    }

  if (self->limits != NULL && self->limits->limited &&
      kopir_decimal_compare (&self->total, &self->limits->remaining_kzt) > 0)
    {
      g_autofree char *left = kopir_ui_format_money (&self->limits->remaining_kzt, KOPIR_CURRENCY_KZT);
      g_autofree char *limit = kopir_ui_format_money (&self->limits->limit_usd, KOPIR_CURRENCY_USD);

      /* Translators: %1$s is what is left of the monthly limit in tenge,
       * %2$s the limit in dollars ("USD 1,000.00"). */
      *message = g_strdup_printf (_("That is more than the %1$s left of your monthly pilot limit "
                                    "of %2$s. Enter less, or buy more next month."), left, limit);
      return *message;
    }

  return NULL;
}

static void
update_form (KopirBuyDialog *self)
{
  const KopirSymbolFilters *filters;
  KopirExchangeClient *client = kopir_context_get_exchange_client (self->context);
  KopirDecimal amount = { 0, }, price = { 0, };
  gboolean amount_empty = TRUE, price_empty = TRUE;
  OrderType type = order_type (self);
  g_autofree char *message = NULL;

  self->valid = FALSE;
  update_labels (self);
  show_limits (self);
  show_error (self, NULL, NULL);

  filters = kopir_exchange_client_lookup_filters (client, self->symbol);

  if (!kopir_exchange_client_is_trading (client, self->symbol))
    {
      g_autofree char *closed = NULL;

      clear_quote (self);
      /* Translators: %s is an asset's name ("Bitcoin"). */
      closed = g_strdup_printf (_("The %s market has closed for now. Nothing was sent, and what you "
                                  "entered is kept: try again when it reopens."), asset_name (self));
      show_error (self, GTK_WIDGET (self->amount_row), closed);
      set_review (self, _("Market Closed"), FALSE);
      return;
    }

  if (type == ORDER_LIMIT)
    {
      gboolean price_ok = read_amount (self, self->price_row, KOPIR_CURRENCY_KZT, &price, &price_empty);

      if (!price_ok && !price_empty)
        {
          clear_quote (self);
          set_review (self, _("Check the Price"), FALSE);
          return;
        }
    }

  if (!read_amount (self, self->amount_row, spending (self) ? KOPIR_CURRENCY_KZT : self->base,
                    &amount, &amount_empty))
    {
      clear_quote (self);
      if (amount_empty)
        set_review (self, _("Enter an Amount"), FALSE);
      else
        set_review (self, _("Check the Amount"), FALSE);
      return;
    }

  if (type == ORDER_LIMIT && price_empty)
    {
      clear_quote (self);
      set_review (self, _("Enter a Price"), FALSE);
      return;
    }

  if (filters == NULL || (type == ORDER_MARKET && !self->book_loaded))
    {
      clear_quote (self);
      set_review (self, _("Waiting for Prices…"), FALSE);
      return;
    }

  self->request = (KopirPurchaseRequest) { .symbol = self->symbol };

  if (type == ORDER_MARKET)
    {
      g_auto(KopirQuote) quote = { 0, };
      g_autoptr(GError) error = NULL;
      g_autofree char *receive = NULL;
      g_autofree char *average = NULL;
      g_autofree char *fee = NULL;
      g_autofree char *fee_quote = NULL;
      g_autofree char *fee_text = NULL;
      g_autofree char *total = NULL;
      g_autofree char *impact = NULL;

      if (!kopir_quote_market_buy (self->book, filters, spending (self) ? KOPIR_QUOTE_SPEND : KOPIR_QUOTE_RECEIVE,
                                   &amount, &self->fee_rate, &quote, &error))
        {
          clear_quote (self);
          show_error (self, GTK_WIDGET (self->amount_row), error->message);
          set_review (self, _("Check the Amount"), FALSE);
          return;
        }

      receive = kopir_ui_format_money (&quote.received, self->base);
      average = kopir_ui_format_price (&quote.average_price, KOPIR_CURRENCY_KZT);
      fee = kopir_ui_format_money (&quote.fee, self->base);
      fee_quote = kopir_ui_format_price (&quote.fee_in_quote, KOPIR_CURRENCY_KZT);
      /* Translators: a fee in the asset bought and about what it is worth
       * ("0.00000105 BTC (≈ ₸50.00)"). */
      fee_text = g_strdup_printf (_("%s (≈ %s)"), fee, fee_quote);
      total = kopir_ui_format_money (&quote.notional, KOPIR_CURRENCY_KZT);
      {
        KopirDecimal impact_value = quote.price_impact_percent;
        g_autofree char *number = kopir_money_format (&impact_value, NULL, kopir_money_ui_language (),
                                                      KOPIR_MONEY_FORMAT_NO_SYMBOL);

        impact = g_strdup_printf (C_("percent", "%s %%"), number);
      }

      set_value (self->receive_value, receive);
      set_value (self->average_value, average);
      set_value (self->fee_value, fee_text);
      set_value (self->total_value, total);
      set_value (self->impact_value, impact);

      if (quote.rejection != NULL)
        {
          show_error (self, GTK_WIDGET (self->amount_row), quote.rejection->message);
          set_review (self, _("Check the Amount"), FALSE);
          return;
        }

      self->total = quote.notional;
      self->receive = quote.received;
      self->average = quote.average_price;
      self->fee = quote.fee;
      self->has_average = TRUE;
      self->request.type = KOPIR_ORDER_TYPE_MARKET;
      self->request.has_spend = spending (self);
      if (spending (self))
        self->request.spend = amount;
      else
        self->request.quantity = quote.quantity;
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *receive = NULL;
      g_autofree char *price_text = NULL;
      g_autofree char *fee = NULL;
      g_autofree char *total = NULL;

      if (!kopir_symbol_filters_check_order (filters, &price, &amount, FALSE, &error))
        {
          clear_quote (self);
          show_error (self, error->code == KOPIR_FILTER_ERROR_PRICE_TOO_LOW ||
                            error->code == KOPIR_FILTER_ERROR_PRICE_TOO_HIGH ||
                            error->code == KOPIR_FILTER_ERROR_PRICE_TICK
                            ? GTK_WIDGET (self->price_row) : GTK_WIDGET (self->amount_row),
                      error->message);
          set_review (self, _("Check the Amount"), FALSE);
          return;
        }

      /* At most price × quantity; the fee comes out of what is bought. */
      if (!kopir_decimal_mul (&price, &amount, kopir_currency_get_scale (KOPIR_CURRENCY_KZT),
                              KOPIR_ROUNDING_UP, &self->total) ||
          !kopir_decimal_mul (&amount, &self->fee_rate, kopir_currency_get_scale (self->base),
                              KOPIR_ROUNDING_UP, &self->fee) ||
          !kopir_decimal_sub (&amount, &self->fee, &self->receive))
        {
          clear_quote (self);
          show_error (self, GTK_WIDGET (self->amount_row), _("The amount is too large."));
          set_review (self, _("Check the Amount"), FALSE);
          return;
        }

      receive = kopir_ui_format_money (&self->receive, self->base);
      price_text = kopir_ui_format_price (&price, KOPIR_CURRENCY_KZT);
      fee = kopir_ui_format_money (&self->fee, self->base);
      total = kopir_ui_format_money (&self->total, KOPIR_CURRENCY_KZT);
      set_value (self->receive_value, receive);
      set_value (self->average_value, price_text);
      set_value (self->fee_value, fee);
      set_value (self->total_value, total);

      self->average = price;
      self->has_average = TRUE;
      self->request.type = KOPIR_ORDER_TYPE_LIMIT;
      self->request.quantity = amount;
      self->request.price = price;
    }

  if (check_total (self, &message) != NULL)
    {
      show_error (self, GTK_WIDGET (self->amount_row), message);
      set_review (self, _("Check the Amount"), FALSE);
      return;
    }

  if (market_busy (self))
    {
      show_error (self, GTK_WIDGET (self->amount_row),
                  _("Your last order in this market is still being checked with the exchange. Wait "
                    "for its result before buying again, so nothing is bought twice."));
      set_review (self, _("Checking Your Order…"), FALSE);
      return;
    }

  if (!kopir_context_get_has_credentials (self->context) || self->manager == NULL)
    {
      set_review (self, _("Open an Account to Buy"), FALSE);
      return;
    }

  self->valid = TRUE;
  set_review (self, type == ORDER_LIMIT ? _("_Review Order") : _("_Review Purchase"), TRUE);
}

/* Loading what the form needs */

static void
depth_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KopirBuyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  KopirOrderBook *book;

  book = kopir_exchange_client_get_depth_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (book == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Order book: %s", error->message);
      return;
    }

  g_clear_pointer (&self->book, kopir_order_book_free);
  self->book = book;
  self->book_loaded = TRUE;
  update_form (self);
}

static void
refresh_book (KopirBuyDialog *self)
{
  kopir_exchange_client_get_depth_async (kopir_context_get_exchange_client (self->context), self->symbol,
                                         BOOK_DEPTH, self->cancellable, depth_cb, g_object_ref (self));
}

static void
info_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KopirBuyDialog) self = user_data;
  g_autoptr(GPtrArray) info = NULL;
  g_autoptr(GError) error = NULL;

  info = kopir_exchange_client_get_exchange_info_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Exchange information: %s", error->message);
      return;
    }

  update_form (self);
}

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KopirBuyDialog) self = user_data;
  g_autoptr(KopirAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  KopirBalance *balance;

  account = kopir_exchange_client_get_account_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Account: %s", error->message);
      return;
    }

  balance = kopir_account_lookup_balance (account, KOPIR_CURRENCY_KZT);
  self->balance = balance != NULL ? kopir_balance_get_free (balance) : KOPIR_DECIMAL_INIT (0, 0);
  self->has_balance = TRUE;
  kopir_account_get_taker_rate (account, &self->fee_rate);
  update_form (self);
}

static void
limits_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirBuyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  KopirPilotLimits *limits;

  limits = kopir_account_client_get_pilot_limits_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (limits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Pilot limits: %s", error->message);
      return;
    }

  g_free (self->limits);
  self->limits = limits;
  update_form (self);
}

static void
refresh_account (KopirBuyDialog *self)
{
  if (!kopir_context_get_has_credentials (self->context))
    return;

  kopir_exchange_client_get_account_async (kopir_context_get_exchange_client (self->context),
                                           self->cancellable, account_cb, g_object_ref (self));
  kopir_account_client_get_pilot_limits_async (kopir_context_get_account_client (self->context),
                                               self->cancellable, limits_cb, g_object_ref (self));
}

static gboolean
on_quote_timer (gpointer user_data)
{
  KopirBuyDialog *self = user_data;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0 &&
      order_type (self) == ORDER_MARKET)
    refresh_book (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_info_timer (gpointer user_data)
{
  KopirBuyDialog *self = user_data;

  /* A market may close while the customer decides. */
  kopir_exchange_client_get_exchange_info_async (kopir_context_get_exchange_client (self->context),
                                                 self->cancellable, info_cb, g_object_ref (self));

  return G_SOURCE_CONTINUE;
}

/* The result */

static GtkLabel *
add_result_row (KopirBuyDialog *self,
                const char     *title,
                const char     *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->result_list, row);

  return GTK_LABEL (label);
}

static void
clear_result_rows (KopirBuyDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))) != NULL)
    gtk_list_box_remove (self->result_list, child);
}

static void
show_progress (KopirBuyDialog *self,
               const char     *title,
               const char     *description)
{
  adw_status_page_set_title (self->progress_page, title);
  adw_status_page_set_description (self->progress_page, description);
  gtk_spinner_set_spinning (self->progress_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
}

static void
show_failure (KopirBuyDialog *self,
              const char     *reason)
{
  gtk_spinner_set_spinning (self->progress_spinner, FALSE);
  clear_result_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->result_list), FALSE);
  adw_status_page_set_icon_name (self->result_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->result_page, _("Nothing Was Bought"));
  adw_status_page_set_description (self->result_page, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

static void
details_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KopirBuyDialog) self = user_data;
  g_autoptr(KopirHistoryDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fees = NULL;

  details = kopir_history_details_read_finish (result, &error);
  if (details == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Fills of the purchase: %s", error->message);
      return;
    }

  fees = kopir_ui_format_fees (details->fills);
  if (self->fee_label != NULL)
    gtk_label_set_label (self->fee_label, fees);
}

static void
show_outcome (KopirBuyDialog *self)
{
  const KopirLedgerOrder *order = kopir_purchase_get_order (self->purchase);
  KopirPurchaseState state = kopir_purchase_get_state (self->purchase);
  KopirLedger *ledger = kopir_context_get_ledger (self->context);

  switch (state)
    {
    case KOPIR_PURCHASE_STATE_SENDING:
      show_progress (self, _("Sending Your Order…"),
                     _("Kopir has written the order down and is sending it to the exchange."));
      return;

    case KOPIR_PURCHASE_STATE_CHECKING:
      show_progress (self, _("Checking Your Order…"), kopir_purchase_get_message (self->purchase));
      return;

    case KOPIR_PURCHASE_STATE_FAILED:
      show_failure (self, kopir_purchase_get_message (self->purchase) != NULL
                          ? kopir_purchase_get_message (self->purchase)
                          : _("The exchange did not carry out the order. Your tenge were not spent."));
      return;

    case KOPIR_PURCHASE_STATE_OPEN:
    case KOPIR_PURCHASE_STATE_COMPLETED:
    default:
      break;
    }

  /* Shown once per state: the message changing alone adds nothing. */
  if (self->shown_state == (int) state)
    return;
  self->shown_state = (int) state;

  gtk_spinner_set_spinning (self->progress_spinner, FALSE);
  clear_result_rows (self);
  self->fee_label = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->result_list), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);

  if (state == KOPIR_PURCHASE_STATE_OPEN)
    {
      g_autofree char *price = kopir_ui_format_price (&order->price, order->quote_asset);
      g_autofree char *quantity = kopir_ui_format_money (&order->quantity, order->base_asset);
      g_autofree char *filled = kopir_ui_format_money (&order->executed_qty, order->base_asset);
      g_autofree char *description = NULL;

      adw_status_page_set_icon_name (self->result_page, "alarm-symbolic");
      adw_status_page_set_title (self->result_page, _("Order Placed"));
      /* Translators: %1$s is an asset's name, %2$s a price. */
      description = g_strdup_printf (_("Your order waits at the exchange until %1$s can be bought at "
                                       "%2$s or less. You can cancel it on the Buy page."),
                                     asset_name (self), price);
      adw_status_page_set_description (self->result_page, description);
      add_result_row (self, _("Quantity"), quantity);
      add_result_row (self, _("Highest Price"), price);
      add_result_row (self, _("Filled So Far"), filled);
    }
  else
    {
      g_autofree char *quantity = kopir_ui_format_money (&order->executed_qty, order->base_asset);
      g_autofree char *paid = kopir_ui_format_money (&order->cumulative_quote, order->quote_asset);
      g_autofree char *description = NULL;
      KopirDecimal average;

      adw_status_page_set_icon_name (self->result_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->result_page,
                                 order->state == KOPIR_ORDER_STATE_FILLED ? _("Purchase Complete")
                                                                          : _("Partly Bought"));
      /* Translators: %1$s is a quantity ("0.00105000 BTC"), %2$s an amount
       * of tenge. */
      description = g_strdup_printf (_("You bought %1$s for %2$s. It is in your portfolio, and the "
                                       "receipt is in your history."), quantity, paid);
      adw_status_page_set_description (self->result_page, description);
      add_result_row (self, _("Bought"), quantity);
      if (kopir_ledger_order_get_average_price (order, &average))
        {
          g_autofree char *price = kopir_ui_format_price (&average, order->quote_asset);

          add_result_row (self, _("Average Price"), price);
        }
      add_result_row (self, _("Paid"), paid);
      self->fee_label = add_result_row (self, _("Fee"), "…");

      if (ledger != NULL)
        kopir_history_details_read_async (kopir_ledger_get_path (ledger), order->client_order_id,
                                          self->cancellable, details_cb, g_object_ref (self));
    }

  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

static void
on_purchase_state (KopirBuyDialog *self)
{
  show_outcome (self);
}

/* At a branch desk */

static void
record_for_desk (KopirBuyDialog   *self,
                 KopirAuditAction  action,
                 const char       *outcome,
                 const char       *client_order_id)
{
  KopirAssistedShell *shell = kopir_assisted_shell_get_for_widget (GTK_WIDGET (self));
  g_autofree char *details = NULL;
  g_autofree char *total = NULL;

  if (shell == NULL)
    return;

  total = kopir_decimal_dup_string (&self->total);
  details = kopir_audit_details ("symbol", self->symbol,
                                 "type", order_type (self) == ORDER_LIMIT ? "limit" : "market",
                                 "total_kzt", total,
                                 "client_order_id", client_order_id,
                                 NULL);
  kopir_assisted_shell_record (shell, action, outcome, details);
}

static void
placed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirBuyDialog) self = user_data;
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GError) error = NULL;

  purchase = kopir_purchase_manager_place_finish (KOPIR_PURCHASE_MANAGER (object), result, &error);
  record_for_desk (self, KOPIR_AUDIT_ACTION_ORDER_PLACE, purchase != NULL ? "ok" : "refused",
                   purchase != NULL ? kopir_purchase_get_client_order_id (purchase) : NULL);
  if (purchase == NULL)
    {
      /* Refused: nothing was bought, and the form is as it was. */
      show_failure (self, error->message);
      return;
    }

  g_set_object (&self->purchase, purchase);
  g_signal_connect_object (purchase, "notify::state", G_CALLBACK (on_purchase_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (purchase, "notify::message", G_CALLBACK (on_purchase_state), self,
                           G_CONNECT_SWAPPED);
  show_outcome (self);
}

static void
send_order (KopirBuyDialog *self)
{
  KopirExchangeClient *client = kopir_context_get_exchange_client (self->context);

  /* The very last look: the market may have closed, another order may be
   * being checked. */
  update_form (self);
  if (!self->valid || !kopir_exchange_client_is_trading (client, self->symbol))
    return;

  g_clear_object (&self->purchase);
  self->shown_state = -1;
  show_progress (self, _("Sending Your Order…"),
                 _("Kopir writes the order down, then sends it to the exchange once."));
  kopir_purchase_manager_place_async (self->manager, &self->request, NULL, placed_cb, g_object_ref (self));
}

/* Confirming */

static void
customer_confirmed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(KopirBuyDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_assisted_shell_confirm_finish (KOPIR_ASSISTED_SHELL (object), result, &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      gtk_window_present (GTK_WINDOW (self));
      show_failure (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("The customer did not confirm the purchase. Nothing was sent.")
                          : error->message);
      return;
    }

  gtk_window_present (GTK_WINDOW (self));
  send_order (self);
}

/* At a branch desk only the customer can say yes: the screen goes to
 * them with what they buy, in their language, and they type the code the
 * exchange sent to their phone. */
static void
ask_customer (KopirBuyDialog     *self,
              KopirAssistedShell *shell)
{
  KopirAssistedSession *session = kopir_assisted_shell_get_session (shell);
  const char *language = kopir_assisted_session_get_customer_language (session);
  g_autoptr(KopirCatalog) catalog = NULL;
  g_autofree char *receive = NULL;
  g_autofree char *total = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *details = NULL;
  g_autofree char *total_text = NULL;

  if (language == NULL)
    language = "kk";
  catalog = kopir_catalog_get_for_language (language);
  receive = kopir_money_format (&self->receive, self->base, language, KOPIR_MONEY_FORMAT_TRIM_ZEROS);
  total = kopir_money_format (&self->total, KOPIR_CURRENCY_KZT, language, KOPIR_MONEY_FORMAT_DEFAULT);
  if (order_type (self) == ORDER_LIMIT)
    /* Translators: what the customer confirms at a branch, in their own
     * language: %1$s a quantity ("0.001 BTC"), %2$s the most it costs. */
    summary = g_strdup_printf (kopir_catalog_gettext (catalog, "An order for %1$s, for at most %2$s."),
                               receive, total);
  else
    /* Translators: what the customer confirms at a branch, in their own
     * language: %1$s about what they get ("0.001 BTC"), %2$s the total. */
    summary = g_strdup_printf (kopir_catalog_gettext (catalog, "A purchase of about %1$s for %2$s."),
                               receive, total);

  total_text = kopir_decimal_dup_string (&self->total);
  details = kopir_audit_details ("symbol", self->symbol,
                                 "type", order_type (self) == ORDER_LIMIT ? "limit" : "market",
                                 "total_kzt", total_text,
                                 NULL);

  show_progress (self, _("Waiting for the Customer…"),
                 _("The customer confirms the purchase with the code sent to their phone."));
  /* The screen behind this window is the one the customer gets. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  kopir_assisted_shell_confirm_async (shell, "purchase", summary, details, self->cancellable,
                                      customer_confirmed_cb, g_object_ref (self));
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     KopirBuyDialog   *self)
{
  KopirAssistedShell *shell;

  if (g_strcmp0 (response, "buy") != 0)
    return;

  shell = kopir_assisted_shell_get_for_widget (GTK_WIDGET (self));
  if (shell != NULL)
    ask_customer (self, shell);
  else
    send_order (self);
}

static char *
confirmation_body (KopirBuyDialog *self)
{
  g_autofree char *total = kopir_ui_format_money (&self->total, KOPIR_CURRENCY_KZT);
  g_autofree char *receive = kopir_ui_format_money (&self->receive, self->base);
  g_autofree char *fee = kopir_ui_format_money (&self->fee, self->base);
  g_autofree char *price = kopir_ui_format_price (&self->average, KOPIR_CURRENCY_KZT);
  g_autofree char *left = NULL;
  g_autofree char *limit_line = NULL;

  if (self->limits != NULL && self->limits->limited)
    {
      KopirDecimal after;

      if (!kopir_decimal_sub (&self->limits->remaining_kzt, &self->total, &after))
        after = self->limits->remaining_kzt;
      left = kopir_ui_format_money (&after, KOPIR_CURRENCY_KZT);
      /* Translators: %s is what will be left of the monthly limit. */
      limit_line = g_strdup_printf (_("Left of your monthly limit afterwards: %s."), left);
    }

  if (order_type (self) == ORDER_LIMIT)
    /* Translators: the confirmation of a limit order. %1$s a quantity
     * ("0.00105000 BTC"), %2$s a price, %3$s the most it costs, %4$s the
     * fee, %5$s the limit line or nothing. */
    return g_strdup_printf (_("The order waits until you can buy at %2$s or less.\n\n"
                              "At most: %3$s\nFee: about %4$s, taken from what you get\n"
                              "You get: about %1$s\n\n%5$s"),
                            receive, price, total, fee, limit_line != NULL ? limit_line : "");

  /* Translators: the confirmation of a purchase at the market price.
   * %1$s what is received, %2$s the average price, %3$s the total, %4$s
   * the fee, %5$s the limit line or nothing. */
  return g_strdup_printf (_("You get: about %1$s\nAverage price: about %2$s\nTotal: %3$s\n"
                            "Fee: %4$s, taken from what you get\n\n"
                            "Prices move: the exchange fills the order at the best prices it has "
                            "when the order arrives. %5$s"),
                          receive, price, total, fee, limit_line != NULL ? limit_line : "");
}

static void
review_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KopirBuyDialog *self = KOPIR_BUY_DIALOG (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *total = NULL;

  update_form (self);
  if (!self->valid)
    return;

  total = kopir_ui_format_money (&self->total, KOPIR_CURRENCY_KZT);
  if (order_type (self) == ORDER_LIMIT)
    {
      g_autofree char *quantity = kopir_ui_format_money (&self->request.quantity, self->base);

      /* Translators: the question of the confirmation; %s is a quantity
       * ("0.00105000 BTC"). */
      heading = g_strdup_printf (_("Place an Order for %s?"), quantity);
    }
  else
    /* Translators: the question of the confirmation; %1$s is an asset's
     * name, %2$s an amount of tenge. */
    heading = g_strdup_printf (_("Buy %1$s for %2$s?"), asset_name (self), total);
  body = confirmation_body (self);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  /* The window's title is its question, for window lists and screen
   * readers. */
  gtk_window_set_title (GTK_WINDOW (dialog), heading);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "buy", order_type (self) == ORDER_LIMIT ? _("_Place Order") : _("_Buy"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "buy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "buy");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KopirBuyDialog *self = KOPIR_BUY_DIALOG (widget);

  g_clear_object (&self->purchase);
  gtk_stack_set_visible_child_name (self->stack, "form");
  refresh_account (self);
  update_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
}

/* Signals */

static void
on_form_changed (KopirBuyDialog *self)
{
  update_form (self);
}

static void
on_type_changed (KopirBuyDialog *self)
{
  if (order_type (self) == ORDER_LIMIT)
    gtk_toggle_button_set_active (self->receive_toggle, TRUE);
  update_form (self);
}

/* GObject */

static void
kopir_buy_dialog_dispose (GObject *object)
{
  KopirBuyDialog *self = KOPIR_BUY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->quote_timer, g_source_remove);
  g_clear_handle_id (&self->info_timer, g_source_remove);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (kopir_purchase_manager_get_purchases (self->manager), self);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_BUY_DIALOG);

  G_OBJECT_CLASS (kopir_buy_dialog_parent_class)->dispose (object);
}

static void
kopir_buy_dialog_finalize (GObject *object)
{
  KopirBuyDialog *self = KOPIR_BUY_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->manager);
  g_clear_object (&self->purchase);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->book, kopir_order_book_free);
  g_clear_pointer (&self->limits, g_free);
  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->base, g_free);

  G_OBJECT_CLASS (kopir_buy_dialog_parent_class)->finalize (object);
}

static void
kopir_buy_dialog_class_init (KopirBuyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_buy_dialog_dispose;
  object_class->finalize = kopir_buy_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-buy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, amount_group);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, mode_box);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, spend_toggle);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, receive_toggle);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, quote_group);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, impact_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, average_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, receive_value);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, average_value);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, fee_value);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, total_value);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, impact_value);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, balance_value);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, limit_value);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, review_button);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, result_list);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, KopirBuyDialog, done_button);

  gtk_widget_class_install_action (widget_class, "buy.review", NULL, review_activated);
  gtk_widget_class_install_action (widget_class, "buy.back", NULL, back_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kopir_buy_dialog_init (KopirBuyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->book = kopir_order_book_new ();
  self->fee_rate = DEFAULT_FEE_RATE;
  self->shown_state = -1;

  gtk_button_set_use_underline (self->review_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->review_button));

  g_signal_connect_swapped (self->amount_row, "changed", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (self->price_row, "changed", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (self->spend_toggle, "toggled", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (self->type_row, "notify::selected", G_CALLBACK (on_type_changed), self);
}

/**
 * kopir_buy_dialog_new:
 * @context: the services
 * @symbol: the market, e.g. "BTCKZT"
 * @limit: start with a limit order rather than one at the market price
 *
 * Returns: (transfer full): a new dialog; present it over the window
 */
KopirBuyDialog *
kopir_buy_dialog_new (KopirContext *context,
                      const char   *symbol,
                      gboolean      limit)
{
  KopirBuyDialog *self;
  KopirExchangeClient *client;
  KopirPriceStream *prices;
  KopirMarket *market;

  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (symbol != NULL && g_str_has_suffix (symbol, "KZT"), NULL);

  self = g_object_new (KOPIR_TYPE_BUY_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->symbol = g_strdup (symbol);
  self->base = g_strndup (symbol, strlen (symbol) - strlen (KOPIR_CURRENCY_KZT));
  client = kopir_context_get_exchange_client (context);

  if (kopir_context_get_purchase_manager (context) != NULL)
    {
      self->manager = g_object_ref (kopir_context_get_purchase_manager (context));
      g_signal_connect_object (kopir_purchase_manager_get_purchases (self->manager), "items-changed",
                               G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->manager, "notify::n-checking",
                               G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
    }

  if (limit)
    adw_combo_row_set_selected (self->type_row, 1);

  /* A limit order starts at the price of the moment, on the tick. */
  prices = kopir_context_get_price_stream (context);
  market = prices != NULL ? kopir_price_stream_lookup (prices, symbol) : NULL;
  if (market != NULL)
    {
      KopirDecimal price = kopir_market_get_price (market);
      const KopirSymbolFilters *filters = kopir_exchange_client_lookup_filters (client, symbol);
      KopirDecimal rounded;

      if (filters != NULL && kopir_symbol_filters_round_price (filters, &price, KOPIR_ROUNDING_DOWN, &rounded))
        price = rounded;

      if (kopir_decimal_is_positive (&price))
        {
          g_autofree char *text = kopir_money_format (&price, KOPIR_CURRENCY_KZT, kopir_money_ui_language (),
                                                      KOPIR_MONEY_FORMAT_NO_SYMBOL |
                                                      KOPIR_MONEY_FORMAT_NO_GROUPING |
                                                      KOPIR_MONEY_FORMAT_TRIM_ZEROS);

          gtk_editable_set_text (GTK_EDITABLE (self->price_row), text);
        }
    }

  update_form (self);
  refresh_book (self);
  refresh_account (self);
  on_info_timer (self);
  self->quote_timer = g_timeout_add (QUOTE_REFRESH_MS, on_quote_timer, self);
  self->info_timer = g_timeout_add (INFO_REFRESH_MS, on_info_timer, self);

  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));

  return self;
}

const char *
kopir_buy_dialog_get_symbol (KopirBuyDialog *self)
{
  g_return_val_if_fail (KOPIR_IS_BUY_DIALOG (self), NULL);

  return self->symbol;
}
