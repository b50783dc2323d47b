/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirSimulateTransferDialog exists on the practice exchange only: Kopir
 * plays the customer's bank and sends tenge to the exchange with the
 * deposit instructions' purpose, from one of the linked accounts (it is
 * credited) or, to show the rule, from someone else's (it is returned,
 * and the Bank page says why). The account client refuses it anywhere
 * but on the practice exchange on this computer.
 */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-bank-util.h"
#include "kopir-iban-input.h"
#include "kopir-simulate-transfer-dialog.h"

/* Someone else: a real-looking account of another person at a known
 * bank, never one of the customer's links. */
static const char * const other_ibans[] = {
  "KZ73722C000022222222", "KZ059650000044444444", "KZ135510000055555555",
};
#define OTHER_NAME "Жұмабаев Асан Серікұлы"
#define OTHER_IIN  "850101400011"

struct _KopirSimulateTransferDialog
{
  AdwWindow           parent_instance;

  KopirContext       *context;
  GListModel         *links;
  KopirAccountHolder *holder;
  KopirBankDirectory *directory;
  char               *purpose;
  GCancellable       *cancellable;

  gboolean            amount_valid;
  KopirDecimal        amount;
  gboolean            busy;

  /* Template widgets */
  GtkButton          *send_button;
  GtkSpinner         *spinner;
  GtkWidget          *general_error_box;
  GtkLabel           *general_error;
  AdwPreferencesGroup *senders_group;
  GPtrArray          *choices;
  AdwEntryRow        *amount_row;
  GtkLabel           *amount_message;
  GtkLabel           *sender_note;
};

G_DEFINE_FINAL_TYPE (KopirSimulateTransferDialog, kopir_simulate_transfer_dialog, ADW_TYPE_WINDOW)

enum {
  TRANSFERRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
someone_else_selected (KopirSimulateTransferDialog *self)
{
  return kopir_bank_get_choice (self->choices) >= (int) g_list_model_get_n_items (self->links);
}

static const char *
other_iban (KopirSimulateTransferDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (other_ibans); i++)
    {
      gboolean linked = FALSE;

      for (guint k = 0; k < g_list_model_get_n_items (self->links) && !linked; k++)
        {
          g_autoptr(KopirBankLink) link = g_list_model_get_item (self->links, k);

          linked = g_strcmp0 (kopir_bank_link_get_iban (link), other_ibans[i]) == 0;
        }
      if (!linked)
        return other_ibans[i];
    }

  /* At most three links, so one of the four is free. */
  return "KZ886010000012345678";
}

static void
show_general_error (KopirSimulateTransferDialog *self,
                    const char                  *message)
{
  gtk_label_set_label (self->general_error, message != NULL ? message : "");
  gtk_widget_set_visible (self->general_error_box, message != NULL);
}

static void
update_button (KopirSimulateTransferDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  const char *label = _("Send");
  gboolean sensitive = !self->busy && self->amount_valid;

  if (*text == '\0')
    label = _("Enter an Amount");
  else if (!self->amount_valid)
    label = _("Correct the Amount");

  kopir_bank_set_button_label (self->send_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), sensitive);
}

static void
on_sender_changed (KopirSimulateTransferDialog *self)
{
  const char *note;

  if (someone_else_selected (self))
    note = _("The money comes from an account of another person, which is not linked to yours. "
             "The exchange returns it: tenge is accepted only from your own linked accounts.");
  else
    note = _("The money comes from your linked account, in your name, with your customer ID in "
             "the payment purpose. The exchange credits it to your tenge balance.");

  gtk_label_set_label (self->sender_note, note);
}

static void
on_amount_changed (KopirSimulateTransferDialog *self)
{
  const char *text;
  g_autofree char *message = NULL;

  /* The field reports nothing once the dialog is being torn down. */
  if (self->amount_row == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));

  self->amount_valid = kopir_bank_parse_amount (text, NULL, &self->amount, &message);
  kopir_bank_show_field_error (GTK_WIDGET (self->amount_row), self->amount_message, message);
  show_general_error (self, NULL);
  update_button (self);
}

static void
set_busy (KopirSimulateTransferDialog *self,
          gboolean                     busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->senders_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_row), !busy);
  update_button (self);
}

static void
transfer_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KopirSimulateTransferDialog) self = user_data;
  g_autoptr(KopirDeposit) deposit = NULL;
  g_autoptr(GError) error = NULL;
  const char *amount_error;

  deposit = kopir_account_client_simulate_bank_transfer_finish (KOPIR_ACCOUNT_CLIENT (object),
                                                               result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (deposit != NULL)
    {
      g_signal_emit (self, signals[TRANSFERRED], 0, deposit);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  amount_error = kopir_account_error_get_field_error (error, "amount");
  if (amount_error != NULL)
    kopir_bank_show_field_error (GTK_WIDGET (self->amount_row), self->amount_message, amount_error);
  else
    show_general_error (self, error->message);
}

static void
on_send_clicked (KopirSimulateTransferDialog *self)
{
  const char *iban, *name, *iin;

  if (self->busy)
    return;

  on_amount_changed (self);
  if (!self->amount_valid)
    {
      if (*gtk_editable_get_text (GTK_EDITABLE (self->amount_row)) == '\0')
        kopir_bank_show_field_error (GTK_WIDGET (self->amount_row), self->amount_message, _("Enter an amount."));
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
      return;
    }

  if (someone_else_selected (self))
    {
      iban = other_iban (self);
      name = OTHER_NAME;
      iin = OTHER_IIN;
    }
  else
    {
      g_autoptr(KopirBankLink) link = g_list_model_get_item (self->links,
                                                             kopir_bank_get_choice (self->choices));

      iban = kopir_bank_link_get_iban (link);
      name = kopir_account_holder_get_name (self->holder);
      iin = kopir_account_holder_get_iin (self->holder);
      /* The link is also in the list, which outlives this call. */
    }

  set_busy (self, TRUE);
  kopir_account_client_simulate_bank_transfer_async (kopir_context_get_account_client (self->context),
                                                     iban, name, iin, &self->amount, self->purpose,
                                                     self->cancellable, transfer_cb,
                                                     g_object_ref (self));
}

static void
kopir_simulate_transfer_dialog_map (GtkWidget *widget)
{
  KopirSimulateTransferDialog *self = KOPIR_SIMULATE_TRANSFER_DIALOG (widget);

  GTK_WIDGET_CLASS (kopir_simulate_transfer_dialog_parent_class)->map (widget);

  /* The first field has the focus, ready for typing. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->amount_row))));
}

static void
kopir_simulate_transfer_dialog_dispose (GObject *object)
{
  KopirSimulateTransferDialog *self = KOPIR_SIMULATE_TRANSFER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_SIMULATE_TRANSFER_DIALOG);

  g_clear_object (&self->context);
  g_clear_object (&self->links);
  g_clear_object (&self->holder);
  g_clear_object (&self->directory);

  G_OBJECT_CLASS (kopir_simulate_transfer_dialog_parent_class)->dispose (object);
}

static void
kopir_simulate_transfer_dialog_finalize (GObject *object)
{
  KopirSimulateTransferDialog *self = KOPIR_SIMULATE_TRANSFER_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->purpose, g_free);
  g_clear_pointer (&self->choices, g_ptr_array_unref);

  G_OBJECT_CLASS (kopir_simulate_transfer_dialog_parent_class)->finalize (object);
}

static void
kopir_simulate_transfer_dialog_class_init (KopirSimulateTransferDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_simulate_transfer_dialog_dispose;
  widget_class->map = kopir_simulate_transfer_dialog_map;
  object_class->finalize = kopir_simulate_transfer_dialog_finalize;

  /**
   * KopirSimulateTransferDialog::transferred:
   * @self: the dialog
   * @deposit: the transfer as the exchange booked it
   *
   * Emitted when the practice exchange took the transfer (credited or
   * returned), just before the dialog closes.
   */
  signals[TRANSFERRED] =
    g_signal_new ("transferred", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KOPIR_TYPE_DEPOSIT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-simulate-transfer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirSimulateTransferDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, KopirSimulateTransferDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirSimulateTransferDialog, general_error_box);
  gtk_widget_class_bind_template_child (widget_class, KopirSimulateTransferDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, KopirSimulateTransferDialog, senders_group);
  gtk_widget_class_bind_template_child (widget_class, KopirSimulateTransferDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KopirSimulateTransferDialog, amount_message);
  gtk_widget_class_bind_template_child (widget_class, KopirSimulateTransferDialog, sender_note);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kopir_simulate_transfer_dialog_init (KopirSimulateTransferDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->choices = g_ptr_array_new ();
}

/**
 * kopir_simulate_transfer_dialog_new:
 * @parent: the window it belongs to
 * @context: the services
 * @links: the linked accounts (#KopirBankLink)
 * @holder: the account holder, whose name and IIN the bank sends
 * @purpose: the payment purpose from the deposit instructions
 * @directory: (nullable): the bank directory
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
KopirSimulateTransferDialog *
kopir_simulate_transfer_dialog_new (GtkWindow          *parent,
                                    KopirContext       *context,
                                    GListModel         *links,
                                    KopirAccountHolder *holder,
                                    const char         *purpose,
                                    KopirBankDirectory *directory)
{
  KopirSimulateTransferDialog *self;

  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (links), NULL);
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_HOLDER (holder), NULL);
  g_return_val_if_fail (purpose != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_SIMULATE_TRANSFER_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->links = g_object_ref (links);
  self->holder = g_object_ref (holder);
  self->directory = directory != NULL ? g_object_ref (directory) : NULL;
  self->purpose = g_strdup (purpose);

  for (guint i = 0; i <= g_list_model_get_n_items (links); i++)
    {
      g_autoptr(KopirBankLink) link = i < g_list_model_get_n_items (links)
                                      ? g_list_model_get_item (links, i) : NULL;
      g_autofree char *masked = NULL;
      const char *title, *subtitle;
      GtkCheckButton *choice;

      if (link != NULL)
        {
          const char *iban = kopir_bank_link_get_iban (link);
          const char *bank = kopir_bank_name_for_iban (iban, directory, kopir_bank_link_get_bank_name (link));

          masked = kopir_iban_format_masked (iban);
          title = bank != NULL ? bank : masked;
          subtitle = bank != NULL ? masked : NULL;
        }
      else
        {
          title = _("Someone Else’s Account");
          subtitle = _("Not yours, and not linked");
        }

      choice = kopir_bank_add_choice (self->senders_group,
                                      self->choices->len > 0 ? g_ptr_array_index (self->choices, 0) : NULL,
                                      g_list_model_get_n_items (links) == 0, title, subtitle);
      if (choice != NULL)
        {
          g_signal_connect_object (choice, "toggled", G_CALLBACK (on_sender_changed), self,
                                   G_CONNECT_SWAPPED);
          g_ptr_array_add (self->choices, choice);
        }
    }
  on_sender_changed (self);
  on_amount_changed (self);

  return self;
}
