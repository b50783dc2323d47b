/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirOrderDetails shows one entry of the history in full. For an
 * order: what was asked, what was filled at what average price, the fee,
 * every fill, the ids the exchange and Kopir know it by, the states it
 * went through and when; and its receipt, saved as a PDF or printed, in
 * the language the "document-language" setting names (the customer's
 * own, by default). For a deposit or a withdrawal: its amount, state and
 * reference.
 */

#define G_LOG_DOMAIN "kopir-order-details"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-currency.h"
#include "kopir-customer.h"
#include "kopir-history-item.h"
#include "kopir-money-format.h"
#include "kopir-order-details.h"
#include "kopir-receipt-document.h"
#include "kopir-ui-format.h"

typedef enum
{
  RECEIPT_SAVE,
  RECEIPT_PRINT,
} ReceiptAction;

struct _KopirOrderDetails
{
  AdwWindow            parent_instance;

  KopirContext        *context;
  KopirHistoryModel   *model;
  KopirLedgerEntry    *entry;
  KopirHistoryDetails *details;
  KopirDocument       *receipt;
  GCancellable        *cancellable;
  ReceiptAction        pending;
  gboolean             busy;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkLabel            *heading;
  GtkLabel            *status_label;
  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *fills_group;
  AdwPreferencesGroup *ids_group;
  AdwPreferencesGroup *events_group;
  GtkWidget           *receipt_box;
};

G_DEFINE_FINAL_TYPE (KopirOrderDetails, kopir_order_details, ADW_TYPE_WINDOW)

static KopirLedgerEntry *
entry_copy (const KopirLedgerEntry *entry)
{
  KopirLedgerEntry *copy = g_new0 (KopirLedgerEntry, 1);

  copy->id = entry->id;
  copy->kind = entry->kind;
  copy->time_us = entry->time_us;
  copy->asset = g_strdup (entry->asset);
  if (entry->order != NULL)
    copy->order = kopir_ledger_order_copy (entry->order);
  if (entry->transfer != NULL)
    {
      copy->transfer = g_memdup2 (entry->transfer, sizeof *entry->transfer);
      copy->transfer->external_id = g_strdup (entry->transfer->external_id);
      copy->transfer->asset = g_strdup (entry->transfer->asset);
      copy->transfer->reference = g_strdup (entry->transfer->reference);
    }

  return copy;
}

static void
toast (KopirOrderDetails *self,
       const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

static void
add_money_row (AdwPreferencesGroup *group,
               const char          *title,
               const KopirDecimal  *amount,
               const char          *currency)
{
  g_autofree char *text = kopir_ui_format_money (amount, currency);

  add_row (group, title, text, NULL);
}

static void
set_status (KopirOrderDetails *self,
            const char        *text,
            const char        *style)
{
  gtk_label_set_label (self->status_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
}

static void
show_order (KopirOrderDetails *self)
{
  const KopirLedgerOrder *order = self->details->order;
  const char *base = order->base_asset, *quote = order->quote_asset;
  g_autofree char *heading = NULL;
  g_autofree char *placed = kopir_ui_format_time (order->created_at_us);
  g_autofree char *fees = kopir_ui_format_fees (self->details->fills);
  KopirDecimal average;
  const char *style = NULL;

  if (kopir_decimal_is_positive (&order->executed_qty))
    {
      g_autofree char *quantity = kopir_ui_format_money (&order->executed_qty, base);

      /* Translators: the heading of an order's details; %s is a quantity
       * ("0.00107000 BTC"). */
      heading = g_strdup_printf (order->side == KOPIR_ORDER_SIDE_SELL ? _("Sale of %s") : _("Purchase of %s"),
                                 quantity);
    }
  else
    /* Translators: the heading of an order with nothing filled; %s is an
     * asset's name. */
    heading = g_strdup_printf (_("Order for %s"), kopir_ui_asset_name (base));
  gtk_label_set_label (self->heading, heading);

  switch (order->state)
    {
    case KOPIR_ORDER_STATE_FILLED:
      style = "success";
      break;
    case KOPIR_ORDER_STATE_REJECTED:
    case KOPIR_ORDER_STATE_CANCELED:
    case KOPIR_ORDER_STATE_EXPIRED:
      style = kopir_decimal_is_positive (&order->executed_qty) ? "warning" : "error";
      break;
    case KOPIR_ORDER_STATE_INTENT:
    case KOPIR_ORDER_STATE_SENT:
    case KOPIR_ORDER_STATE_UNKNOWN:
    case KOPIR_ORDER_STATE_NEW:
    case KOPIR_ORDER_STATE_PARTIALLY_FILLED:
    default:
      break;
    }
  set_status (self, kopir_order_state_get_label (order->state), style);

  add_row (self->summary_group, _("Placed"), placed, NULL);
  add_row (self->summary_group, _("Order Type"),
           order->type == KOPIR_ORDER_TYPE_LIMIT ? C_("order type", "Limit") : C_("order type", "Market"),
           NULL);
  if (order->has_quote_amount)
    add_money_row (self->summary_group, _("Amount to Spend"), &order->quote_amount, quote);
  if (order->has_quantity)
    add_money_row (self->summary_group, _("Quantity Ordered"), &order->quantity, base);
  if (order->has_price)
    {
      g_autofree char *price = kopir_ui_format_price (&order->price, quote);

      add_row (self->summary_group, _("Highest Price"), price, NULL);
    }
  add_money_row (self->summary_group, _("Filled"), &order->executed_qty, base);
  if (kopir_ledger_order_get_average_price (order, &average))
    {
      g_autofree char *price = kopir_ui_format_price (&average, quote);

      add_row (self->summary_group, _("Average Price"), price, NULL);
    }
  add_money_row (self->summary_group, order->side == KOPIR_ORDER_SIDE_SELL ? _("Total Received") : _("Total Paid"),
                 &order->cumulative_quote, quote);
  add_row (self->summary_group, _("Fee"), fees, NULL);
  if (order->reason != NULL && *order->reason != '\0')
    add_row (self->summary_group, _("Reason Given"), "", order->reason);

  gtk_widget_set_visible (GTK_WIDGET (self->fills_group), self->details->fills->len > 0);
  for (guint i = 0; i < self->details->fills->len; i++)
    {
      const KopirLedgerFill *fill = &g_array_index (self->details->fills, KopirLedgerFill, i);
      g_autofree char *quantity = kopir_ui_format_money (&fill->quantity, base);
      g_autofree char *price = kopir_ui_format_price (&fill->price, quote);
      g_autofree char *fee = kopir_ui_format_money (&fill->commission, fill->commission_asset);
      g_autofree char *time = kopir_ui_format_time (fill->time_us);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *trade = g_strdup_printf ("%" G_GINT64_FORMAT, fill->trade_id);

      /* Translators: one fill of an order: %1$s a quantity, %2$s a price. */
      title = g_strdup_printf (_("%1$s at %2$s"), quantity, price);
      /* Translators: under a fill: when, its fee and the exchange's trade
       * number. */
      subtitle = g_strdup_printf (_("%1$s · fee %2$s · trade %3$s"), time, fee, trade);
      add_row (self->fills_group, title, "", subtitle);
    }

  add_row (self->ids_group, _("Client Order ID"), order->client_order_id, _("Kopir’s reference, known to the exchange too"));
  if (order->exchange_order_id > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order->exchange_order_id);

      add_row (self->ids_group, _("Exchange Order ID"), id, NULL);
    }
  else
    add_row (self->ids_group, _("Exchange Order ID"), _("Not assigned yet"), NULL);

  for (guint i = 0; i < self->details->events->len; i++)
    {
      const KopirLedgerOrderEvent *event = &g_array_index (self->details->events, KopirLedgerOrderEvent, i);
      g_autofree char *time = kopir_ui_format_time (event->time_us);

      add_row (self->events_group, kopir_order_state_get_label (event->state), time, event->detail);
    }

  gtk_widget_set_visible (self->receipt_box, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "details");
}

static void
show_transfer (KopirOrderDetails *self)
{
  const KopirLedgerTransfer *transfer = self->entry->transfer;
  g_autofree char *amount = kopir_ui_format_money (&transfer->amount, transfer->asset);
  g_autofree char *heading = NULL;
  g_autofree char *created = kopir_ui_format_time (transfer->created_at_us);
  g_autofree char *updated = kopir_ui_format_time (transfer->updated_at_us);
  const char *style = NULL;

  /* Translators: the heading of a deposit's or withdrawal's details: its
   * kind ("Deposit") and amount. */
  heading = g_strdup_printf (_("%1$s of %2$s"), kopir_history_entry_get_kind_label (self->entry), amount);
  gtk_label_set_label (self->heading, heading);

  switch (transfer->state)
    {
    case KOPIR_TRANSFER_STATE_COMPLETED:
      style = "success";
      break;
    case KOPIR_TRANSFER_STATE_FAILED:
    case KOPIR_TRANSFER_STATE_RETURNED:
      style = "error";
      break;
    case KOPIR_TRANSFER_STATE_PENDING:
    default:
      break;
    }
  set_status (self, kopir_transfer_state_get_label (transfer->state), style);

  add_row (self->summary_group, _("Recorded"), created, NULL);
  if (transfer->updated_at_us > transfer->created_at_us)
    add_row (self->summary_group, _("Last Updated"), updated, NULL);
  add_row (self->summary_group, _("Amount"), amount, NULL);
  if (transfer->reference != NULL)
    add_row (self->summary_group, _("Reference"), transfer->reference, NULL);
  add_row (self->ids_group, _("Exchange ID"), transfer->external_id, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->fills_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->events_group), FALSE);
  gtk_widget_set_visible (self->receipt_box, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "details");
}

static void
details_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KopirOrderDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  self->details = kopir_history_model_load_details_finish (KOPIR_HISTORY_MODEL (object), result, &error);
  if (self->details == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_order (self);
}

/* The receipt */

static const char *
document_language (KopirOrderDetails *self)
{
  GSettings *settings = kopir_context_get_settings (self->context);
  g_autofree char *setting = settings != NULL ? g_settings_get_string (settings, "document-language")
                                              : g_strdup ("customer");

  /* Kopir keeps no language for the customer apart from the one they
   * use it in: at home, the customer is the person at the screen. */
  if (g_strcmp0 (setting, "en") == 0)
    return "en";
  if (g_strcmp0 (setting, "kk") == 0)
    return "kk";
  if (g_strcmp0 (setting, "ru") == 0)
    return "ru";

  return kopir_money_ui_language ();
}

static void
set_busy (KopirOrderDetails *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.save-pdf", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.print", !busy);
}

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KopirOrderDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!kopir_document_write_pdf_finish (KOPIR_DOCUMENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("Receipt saved"));
}

static void
on_save_response (GtkNativeDialog   *chooser,
                  int                response,
                  KopirOrderDetails *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  kopir_document_write_pdf_async (self->receipt, file, self->cancellable, pdf_written_cb, g_object_ref (self));
}

static void
save_receipt (KopirOrderDetails *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save Receipt"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the suggested file name of a receipt; %s is the order's
   * client id. Keep .pdf. */
  name = g_strdup_printf (_("Receipt %s.pdf"), self->details->order->client_order_id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                KopirOrderDetails *self)
{
  gtk_print_operation_set_n_pages (operation,
                                   (int) kopir_document_get_n_pages (self->receipt,
                                                                     gtk_print_context_get_width (context),
                                                                     gtk_print_context_get_height (context)));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              KopirOrderDetails *self)
{
  kopir_document_draw_page (self->receipt, gtk_print_context_get_cairo_context (context), (guint) page,
                            gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               KopirOrderDetails       *self)
{
  set_busy (self, FALSE);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      toast (self, error != NULL ? error->message : _("The receipt could not be printed."));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    toast (self, _("Receipt sent to the printer"));
}

static void
print_receipt (KopirOrderDetails *self)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;

  /* The document is laid out in points, at any page size. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the print job's name; %s is the order's client id. */
  job = g_strdup_printf (_("Receipt %s"), self->details->order->client_order_id);
  gtk_print_operation_set_job_name (operation, job);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), self);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      set_busy (self, FALSE);
      toast (self, error->message);
    }
}

static void
customer_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KopirOrderDetails) self = user_data;
  g_autoptr(KopirCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  KopirExchangeProfile *profile;
  KopirReceipt data = { NULL, };

  customer = kopir_customer_load_finish (result, &error);
  if (customer == NULL)
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  if (customer->full_name == NULL)
    {
      set_busy (self, FALSE);
      toast (self, _("A receipt names you as your linked bank account does. Link your bank account on "
                     "the Bank page, then try again."));
      return;
    }

  profile = kopir_profile_manager_get_active (kopir_context_get_profile_manager (self->context));
  data.exchange_name = profile != NULL ? kopir_exchange_profile_get_name (profile) : NULL;
  data.customer_id = customer->customer_id;
  data.customer_name = customer->full_name;
  data.order = self->details->order;
  data.fills = (const KopirLedgerFill *) (gpointer) self->details->fills->data;
  data.n_fills = self->details->fills->len;
  data.sandbox = kopir_context_get_is_sandbox (self->context);

  g_clear_object (&self->receipt);
  self->receipt = kopir_receipt_document_new (document_language (self), &data, &error);
  if (self->receipt == NULL)
    {
      set_busy (self, FALSE);
      toast (self, error->message);
      return;
    }

  if (self->pending == RECEIPT_SAVE)
    save_receipt (self);
  else
    print_receipt (self);
}

static void
make_receipt (KopirOrderDetails *self,
              ReceiptAction      action)
{
  if (self->busy || self->details == NULL)
    return;

  if (!kopir_context_get_has_credentials (self->context))
    {
      toast (self, _("Open an account first: a receipt names the customer."));
      return;
    }

  set_busy (self, TRUE);
  self->pending = action;
  kopir_customer_load_async (kopir_context_get_account_client (self->context), self->cancellable,
                             customer_cb, g_object_ref (self));
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  make_receipt (KOPIR_ORDER_DETAILS (widget), RECEIPT_SAVE);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  make_receipt (KOPIR_ORDER_DETAILS (widget), RECEIPT_PRINT);
}

/* GObject */

static void
kopir_order_details_dispose (GObject *object)
{
  KopirOrderDetails *self = KOPIR_ORDER_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_ORDER_DETAILS);

  G_OBJECT_CLASS (kopir_order_details_parent_class)->dispose (object);
}

static void
kopir_order_details_finalize (GObject *object)
{
  KopirOrderDetails *self = KOPIR_ORDER_DETAILS (object);

  g_clear_object (&self->context);
  g_clear_object (&self->model);
  g_clear_object (&self->receipt);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entry, kopir_ledger_entry_free);
  g_clear_pointer (&self->details, kopir_history_details_free);

  G_OBJECT_CLASS (kopir_order_details_parent_class)->finalize (object);
}

static void
kopir_order_details_class_init (KopirOrderDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_order_details_dispose;
  object_class->finalize = kopir_order_details_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-order-details.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, window_title);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, error_page);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, heading);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, status_label);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, summary_group);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, fills_group);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, ids_group);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, events_group);
  gtk_widget_class_bind_template_child (widget_class, KopirOrderDetails, receipt_box);

  gtk_widget_class_install_action (widget_class, "details.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_install_action (widget_class, "details.print", NULL, print_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kopir_order_details_init (KopirOrderDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * kopir_order_details_new:
 * @context: the services
 * @model: the history the entry is from, to read the order's details
 * @entry: the entry to show
 *
 * Returns: (transfer full): a new window; present it over the main one
 */
KopirOrderDetails *
kopir_order_details_new (KopirContext           *context,
                         KopirHistoryModel      *model,
                         const KopirLedgerEntry *entry)
{
  KopirOrderDetails *self;

  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (model), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_ORDER_DETAILS, NULL);
  self->context = g_object_ref (context);
  self->model = g_object_ref (model);
  self->entry = entry_copy (entry);

  if (entry->order != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Order Details"));
      gtk_window_set_title (GTK_WINDOW (self), _("Order Details"));
      gtk_stack_set_visible_child_name (self->stack, "loading");
      kopir_history_model_load_details_async (model, entry->order->client_order_id, self->cancellable,
                                              details_cb, g_object_ref (self));
    }
  else
    {
      adw_window_title_set_title (self->window_title, kopir_history_entry_get_kind_label (entry));
      gtk_window_set_title (GTK_WINDOW (self), kopir_history_entry_get_kind_label (entry));
      show_transfer (self);
    }

  return self;
}
