/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-document"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n.h>

#include "kopir-currency.h"
#include "kopir-document-format.h"
#include "kopir-money-format.h"
#include "kopir-payment-details.h"
#include "kopir-receipt-document.h"

/* Fees of one asset, summed over the fills. */
typedef struct
{
  char         asset[16];
  KopirDecimal amount;
} Fee;

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
invalid_data (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA, message);
  return FALSE;
}

static const char *
state_name (KopirCatalog    *catalog,
            KopirOrderState  state)
{
  switch (state)
    {
    case KOPIR_ORDER_STATE_INTENT:
      return kopir_catalog_pgettext (catalog, "order status", "Not sent yet");
    case KOPIR_ORDER_STATE_SENT:
      return kopir_catalog_pgettext (catalog, "order status", "Sent, waiting for the exchange");
    case KOPIR_ORDER_STATE_UNKNOWN:
      return kopir_catalog_pgettext (catalog, "order status", "Being checked with the exchange");
    case KOPIR_ORDER_STATE_NEW:
      return kopir_catalog_pgettext (catalog, "order status", "Open, not filled yet");
    case KOPIR_ORDER_STATE_PARTIALLY_FILLED:
      return kopir_catalog_pgettext (catalog, "order status", "Partly filled");
    case KOPIR_ORDER_STATE_FILLED:
      return kopir_catalog_pgettext (catalog, "order status", "Filled");
    case KOPIR_ORDER_STATE_CANCELED:
      return kopir_catalog_pgettext (catalog, "order status", "Cancelled");
    case KOPIR_ORDER_STATE_REJECTED:
      return kopir_catalog_pgettext (catalog, "order status", "Rejected by the exchange");
    case KOPIR_ORDER_STATE_EXPIRED:
      return kopir_catalog_pgettext (catalog, "order status", "Expired");
    default:
      return "—";
    }
}

static char *
format_time_us (KopirCatalog *catalog,
                gint64        time_us)
{
  g_autoptr(GDateTime) time = NULL;

  if (time_us <= 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  return time != NULL ? kopir_document_format_date_time (catalog, time) : NULL;
}

/* Sums the fills' fees per asset; FALSE if a sum overflows. */
static gboolean
sum_fees (const KopirReceipt *data,
          GArray             *fees)
{
  for (guint i = 0; i < data->n_fills; i++)
    {
      const KopirLedgerFill *fill = &data->fills[i];
      Fee *fee = NULL;

      for (guint j = 0; j < fees->len && fee == NULL; j++)
        if (strcmp (g_array_index (fees, Fee, j).asset, fill->commission_asset) == 0)
          fee = &g_array_index (fees, Fee, j);

      if (fee == NULL)
        {
          Fee new_fee = { { 0 }, { 0, 0 } };

          g_strlcpy (new_fee.asset, fill->commission_asset, sizeof new_fee.asset);
          g_array_append_val (fees, new_fee);
          fee = &g_array_index (fees, Fee, fees->len - 1);
        }
      if (!kopir_decimal_add (&fee->amount, &fill->commission, &fee->amount))
        return FALSE;
    }
  return TRUE;
}

static const KopirDecimal *
fee_in (GArray     *fees,
        const char *asset)
{
  for (guint i = 0; i < fees->len; i++)
    if (g_ascii_strcasecmp (g_array_index (fees, Fee, i).asset, asset) == 0)
      return &g_array_index (fees, Fee, i).amount;
  return NULL;
}

static void
add_state_notice (KopirDocument          *doc,
                  KopirCatalog           *catalog,
                  const KopirLedgerOrder *order)
{
  KopirDocumentNotice kind = KOPIR_DOCUMENT_NOTICE_INFO;
  const char *title = NULL;
  const char *text = NULL;

  switch (order->state)
    {
    case KOPIR_ORDER_STATE_INTENT:
    case KOPIR_ORDER_STATE_SENT:
    case KOPIR_ORDER_STATE_UNKNOWN:
      kind = KOPIR_DOCUMENT_NOTICE_WARNING;
      title = kopir_catalog_gettext (catalog, "Not confirmed yet");
      text = kopir_catalog_gettext (catalog, "The exchange has not yet confirmed the outcome of "
                                             "this order. Kopir is asking the exchange about it "
                                             "and will never send it a second time. This receipt "
                                             "does not prove a purchase: print a new one once the "
                                             "status is final.");
      break;

    case KOPIR_ORDER_STATE_NEW:
    case KOPIR_ORDER_STATE_PARTIALLY_FILLED:
      title = kopir_catalog_gettext (catalog, "The order is still open");
      text = kopir_catalog_gettext (catalog, "The order waits on the exchange for its price. The "
                                             "quantity and amounts may still change until it is "
                                             "filled or cancelled.");
      break;

    case KOPIR_ORDER_STATE_CANCELED:
    case KOPIR_ORDER_STATE_EXPIRED:
      title = order->state == KOPIR_ORDER_STATE_CANCELED
        ? kopir_catalog_gettext (catalog, "The order was cancelled")
        : kopir_catalog_gettext (catalog, "The order expired");
      text = kopir_catalog_gettext (catalog, "Only the part of the order filled before then was "
                                             "carried out; the rest stays in your account at the "
                                             "exchange.");
      break;

    case KOPIR_ORDER_STATE_REJECTED:
      kind = KOPIR_DOCUMENT_NOTICE_WARNING;
      title = kopir_catalog_gettext (catalog, "The exchange rejected the order");
      text = kopir_catalog_gettext (catalog, "Nothing was traded and no money was taken for this "
                                             "order.");
      break;

    case KOPIR_ORDER_STATE_FILLED:
    default:
      break;
    }

  if (text != NULL)
    kopir_document_add_notice (doc, kind, title, text);
}

/* Printed at a branch: who served the customer, and both signatures. */
static void
add_branch (KopirDocument      *doc,
            KopirCatalog       *catalog,
            const KopirReceipt *data)
{
  if (is_blank (data->branch_id))
    return;

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Served at a branch"));
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Branch"), data->branch_id,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Staff ID"), data->staff_id,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_signature (doc, kopir_catalog_gettext (catalog, "Customer"),
                                data->customer_name);
  kopir_document_add_signature (doc, kopir_catalog_gettext (catalog, "Bank staff member"),
                                data->staff_name);
}

/**
 * kopir_receipt_document_new:
 * @language: the customer's language: "en", "kk" or "ru"
 * @data: what to show
 * @error: a #KOPIR_DOCUMENT_ERROR or #KOPIR_PAYMENT_ERROR, in the
 *   language of the screen
 *
 * Returns: (transfer full) (nullable): the receipt, or %NULL if @data
 *   lacks what a receipt must show
 */
KopirDocument *
kopir_receipt_document_new (const char          *language,
                            const KopirReceipt  *data,
                            GError             **error)
{
  g_autoptr(KopirDocument) doc = NULL;
  g_autoptr(GArray) fees = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *pair = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *placed = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *total = NULL;
  const KopirLedgerOrder *order;
  const char *base, *quote;
  gboolean buy, executed;
  KopirDecimal total_amount;
  KopirCatalog *catalog;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  order = data->order;
  if (order == NULL || is_blank (order->base_asset) || is_blank (order->quote_asset) ||
      is_blank (order->client_order_id))
    {
      invalid_data (error, _("The order's details are incomplete. Open the order from the history "
                             "and print its receipt again."));
      return NULL;
    }
  if (!kopir_payment_validate_customer_id (data->customer_id, error))
    return NULL;
  if (is_blank (data->customer_name))
    {
      invalid_data (error, _("The customer's name is missing. Open the account page and try "
                             "again."));
      return NULL;
    }
  if (data->n_fills > 0 && data->fills == NULL)
    {
      invalid_data (error, _("The order's trades could not be read. Refresh the order and try "
                             "again."));
      return NULL;
    }

  fees = g_array_new (FALSE, FALSE, sizeof (Fee));
  if (!sum_fees (data, fees))
    {
      invalid_data (error, _("The order's fees are too large to add up. Check the order on the "
                             "exchange."));
      return NULL;
    }

  language = kopir_money_language_from_locale (language);
  doc = kopir_document_new (language);
  catalog = kopir_document_get_catalog (doc);
  base = order->base_asset;
  quote = order->quote_asset;
  buy = order->side == KOPIR_ORDER_SIDE_BUY;
  executed = kopir_decimal_is_positive (&order->executed_qty);
  pair = g_strdup_printf ("%s/%s", base, quote);

  if (data->issued == NULL)
    now = g_date_time_new_now_utc ();

  /* The total: for a purchase what was paid, fees in tenge included; for
   * a sale what was received, fees in tenge taken off. */
  total_amount = order->cumulative_quote;
  {
    const KopirDecimal *quote_fee = fee_in (fees, quote);

    if (quote_fee != NULL &&
        !(buy ? kopir_decimal_add (&total_amount, quote_fee, &total_amount)
              : kopir_decimal_sub (&total_amount, quote_fee, &total_amount)))
      {
        invalid_data (error, _("The order's fees are too large to add up. Check the order on the "
                               "exchange."));
        return NULL;
      }
  }
  total = kopir_money_format (&total_amount, quote, language, KOPIR_MONEY_FORMAT_DEFAULT);

  kopir_document_set_title (doc, buy ? kopir_catalog_gettext (catalog, "Purchase receipt")
                                     : kopir_catalog_gettext (catalog, "Sale receipt"));
  if (executed)
    {
      g_autofree char *quantity = kopir_money_format (&order->executed_qty, base, language,
                                                      KOPIR_MONEY_FORMAT_DEFAULT);

      /* Translators: the subtitle of a receipt: %1$s is a quantity of a
       * digital asset ("0.00123400 BTC"), %2$s an amount ("₸50,000.00"). */
      subtitle = buy ? g_strdup_printf (kopir_catalog_gettext (catalog, "You bought %1$s for %2$s"),
                                        quantity, total)
                     : g_strdup_printf (kopir_catalog_gettext (catalog, "You sold %1$s for %2$s"),
                                        quantity, total);
    }
  else
    /* Translators: the subtitle of a receipt of an order with nothing
     * filled; %s is its status ("Cancelled"). */
    subtitle = g_strdup_printf (kopir_catalog_gettext (catalog, "Order status: %s"),
                                state_name (catalog, order->state));
  kopir_document_set_subtitle (doc, subtitle);
  kopir_document_set_issuer (doc, !is_blank (data->exchange_name) ? data->exchange_name : "Kopir");
  kopir_document_set_issued (doc, data->issued != NULL ? data->issued : now);
  kopir_document_set_sandbox (doc, data->sandbox);
  /* Translators: the small print at the foot of a receipt; %s is Kopir's
   * version. */
  footer = g_strdup_printf (kopir_catalog_gettext (catalog, "Printed by Kopir %s. Quantities, "
                                                            "prices and fees are as the exchange "
                                                            "reported them; times are Kazakhstan "
                                                            "time."),
                            PACKAGE_VERSION);
  kopir_document_set_footer (doc, footer);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Customer"));
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Customer"), data->customer_name,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Customer ID"), data->customer_id,
                          KOPIR_DOCUMENT_ROW_COPYABLE);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Order"));
  if (order->exchange_order_id > 0)
    order_id = g_strdup_printf ("%" G_GINT64_FORMAT, order->exchange_order_id);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Order ID"),
                          order_id != NULL ? order_id
                                           : kopir_catalog_gettext (catalog, "Not assigned yet"),
                          order_id != NULL ? KOPIR_DOCUMENT_ROW_COPYABLE
                                           : KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Client order ID"),
                               order->client_order_id,
                               kopir_catalog_gettext (catalog, "Kopir's reference for the order; "
                                                               "the exchange knows the order by it "
                                                               "too"),
                               KOPIR_DOCUMENT_ROW_COPYABLE);
  placed = format_time_us (catalog, order->created_at_us);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Placed"), placed,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  if (order->updated_at_us > order->created_at_us)
    {
      updated = format_time_us (catalog, order->updated_at_us);
      kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Last updated"), updated,
                              KOPIR_DOCUMENT_ROW_DEFAULT);
    }
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Pair"), pair,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Side"),
                          buy ? kopir_catalog_pgettext (catalog, "order side", "Buy")
                              : kopir_catalog_pgettext (catalog, "order side", "Sell"),
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Order type"),
                          order->type == KOPIR_ORDER_TYPE_LIMIT
                            ? kopir_catalog_pgettext (catalog, "order type", "Limit")
                            : kopir_catalog_pgettext (catalog, "order type", "Market"),
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  if (order->has_price)
    {
      g_autofree char *price = kopir_money_format (&order->price, quote, language,
                                                   KOPIR_MONEY_FORMAT_KEEP_SCALE);

      kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Limit price"), price,
                              KOPIR_DOCUMENT_ROW_DEFAULT);
    }
  if (order->has_quote_amount)
    {
      g_autofree char *amount = kopir_money_format (&order->quote_amount, quote, language,
                                                    KOPIR_MONEY_FORMAT_DEFAULT);

      kopir_document_add_row (doc, buy ? kopir_catalog_gettext (catalog, "Amount to spend")
                                       : kopir_catalog_gettext (catalog, "Amount to receive"),
                              amount, KOPIR_DOCUMENT_ROW_DEFAULT);
    }
  if (order->has_quantity)
    {
      g_autofree char *quantity = kopir_money_format (&order->quantity, base, language,
                                                      KOPIR_MONEY_FORMAT_DEFAULT);

      kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Quantity ordered"), quantity,
                              KOPIR_DOCUMENT_ROW_DEFAULT);
    }
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Status"),
                          state_name (catalog, order->state), KOPIR_DOCUMENT_ROW_EMPHASIS);
  if (order->state == KOPIR_ORDER_STATE_REJECTED && !is_blank (order->reason))
    kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Reason given by the exchange"),
                            order->reason, KOPIR_DOCUMENT_ROW_DEFAULT);

  add_state_notice (doc, catalog, order);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Execution"));

  /* Until the exchange answers, nothing is known to be filled or paid:
   * say so rather than print zeros. */
  if (!executed && (order->state == KOPIR_ORDER_STATE_INTENT ||
                    order->state == KOPIR_ORDER_STATE_SENT ||
                    order->state == KOPIR_ORDER_STATE_UNKNOWN))
    {
      kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Quantity filled"),
                              kopir_catalog_gettext (catalog, "Not known yet"),
                              KOPIR_DOCUMENT_ROW_DEFAULT);
      kopir_document_add_row (doc, buy ? kopir_catalog_gettext (catalog, "Total paid")
                                       : kopir_catalog_gettext (catalog, "Total received"),
                              kopir_catalog_gettext (catalog, "Not known yet"),
                              KOPIR_DOCUMENT_ROW_EMPHASIS);
      add_branch (doc, catalog, data);
      return g_steal_pointer (&doc);
    }

  filled = kopir_money_format (&order->executed_qty, base, language, KOPIR_MONEY_FORMAT_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Quantity filled"), filled,
                          KOPIR_DOCUMENT_ROW_DEFAULT);

  if (executed)
    {
      KopirDecimal average;
      guint scale = kopir_currency_get_scale (quote);

      /* Never shown better than it was: up for a purchase, down for a
       * sale. */
      if (kopir_decimal_div (&order->cumulative_quote, &order->executed_qty, MAX (scale, 2),
                             buy ? KOPIR_ROUNDING_UP : KOPIR_ROUNDING_DOWN, &average))
        {
          g_autofree char *price = kopir_money_format (&average, quote, language,
                                                       KOPIR_MONEY_FORMAT_DEFAULT);
          g_autofree char *text = NULL;

          /* Translators: an average price: %1$s is an amount of tenge
           * ("₸40,650,406.51"), %2$s a digital asset ("BTC"). */
          text = g_strdup_printf (kopir_catalog_gettext (catalog, "%1$s per %2$s"), price, base);
          kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Average price"), text,
                                  KOPIR_DOCUMENT_ROW_DEFAULT);
        }
    }

  if (fees->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < fees->len; i++)
        {
          const Fee *fee = &g_array_index (fees, Fee, i);
          g_autofree char *amount = kopir_money_format (&fee->amount, fee->asset, language,
                                                        KOPIR_MONEY_FORMAT_DEFAULT);

          if (i > 0)
            g_string_append (text, " + ");
          g_string_append (text, amount);
        }
      kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Fee"), text->str,
                              KOPIR_DOCUMENT_ROW_DEFAULT);
    }
  else if (executed)
    kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Fee"),
                            kopir_catalog_gettext (catalog, "Not reported by the exchange"),
                            KOPIR_DOCUMENT_ROW_DEFAULT);

  /* The exchange takes a purchase's fee from the asset bought. */
  if (buy && executed && fee_in (fees, base) != NULL)
    {
      KopirDecimal credited;

      if (kopir_decimal_sub (&order->executed_qty, fee_in (fees, base), &credited))
        {
          g_autofree char *amount = kopir_money_format (&credited, base, language,
                                                        KOPIR_MONEY_FORMAT_DEFAULT);

          kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Credited to your account"),
                                  amount, KOPIR_DOCUMENT_ROW_DEFAULT);
        }
    }

  kopir_document_add_row (doc, buy ? kopir_catalog_gettext (catalog, "Total paid")
                                   : kopir_catalog_gettext (catalog, "Total received"),
                          total, KOPIR_DOCUMENT_ROW_EMPHASIS);

  add_branch (doc, catalog, data);

  return g_steal_pointer (&doc);
}
