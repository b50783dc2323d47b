/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirWithdrawDialog sends tenge back to one of the linked accounts.
 *
 * The amount is read as typed (a comma or a point for the decimals) and
 * checked before anything is sent: a minus sign, zero, more decimals than
 * tenge has, more than the free balance each get their own message beside
 * the field. A confirmation names the account and the amount. Each
 * confirmed withdrawal gets one client withdrawal id, chosen when it is
 * confirmed and kept until the exchange answers: if the answer is lost,
 * "Try Again" sends the very same withdrawal, which the exchange pays
 * once. Only a refusal, which is certain, lets the form be changed again.
 *
 * The withdrawal is written to the ledger before it is sent, so one whose
 * outcome is still open when the dialog closes (or Kopir stops) comes
 * back the next time the dialog opens, ready to be sent again unchanged.
 */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-bank-util.h"
#include "kopir-iban-input.h"
#include "kopir-transfer-journal.h"
#include "kopir-withdraw-dialog.h"

struct _KopirWithdrawDialog
{
  AdwWindow           parent_instance;

  KopirContext       *context;
  GListModel         *links;
  KopirAccountHolder *holder;
  KopirBankDirectory *directory;
  KopirTransferJournal *journal;
  KopirDecimal        available;
  GCancellable       *cancellable;

  gboolean            amount_valid;
  KopirDecimal        amount;
  gboolean            busy;

  /* The confirmed withdrawal whose outcome is not known yet. */
  char               *pending_id;
  char               *pending_link_id;
  char               *pending_iban;
  KopirDecimal        pending_amount;
  gboolean            pending_sent;

  /* Template widgets */
  GtkButton          *withdraw_button;
  GtkSpinner         *spinner;
  GtkWidget          *general_error_box;
  GtkLabel           *general_error;
  AdwPreferencesGroup *accounts_group;
  GPtrArray          *choices;
  GtkLabel           *available_label;
  AdwEntryRow        *amount_row;
  GtkLabel           *amount_message;
  GtkLabel           *account_message;
  GtkLabel           *receive_label;
};

G_DEFINE_FINAL_TYPE (KopirWithdrawDialog, kopir_withdraw_dialog, ADW_TYPE_WINDOW)

enum {
  WITHDRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_general_error (KopirWithdrawDialog *self,
                    const char          *message)
{
  gtk_label_set_label (self->general_error, message != NULL ? message : "");
  gtk_widget_set_visible (self->general_error_box, message != NULL);
}

static void
update_button (KopirWithdrawDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  const char *label;
  gboolean sensitive = !self->busy;

  if (self->pending_id != NULL)
    label = _("Try Again");
  else if (g_list_model_get_n_items (self->links) == 0)
    {
      label = _("Link an Account First");
      sensitive = FALSE;
    }
  else if (*text == '\0')
    {
      label = _("Enter an Amount");
      sensitive = FALSE;
    }
  else if (!self->amount_valid)
    {
      label = _("Correct the Amount");
      sensitive = FALSE;
    }
  else
    label = _("Withdraw…");

  kopir_bank_set_button_label (self->withdraw_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->withdraw_button), sensitive);
}

static void
on_amount_changed (KopirWithdrawDialog *self)
{
  const char *text;
  g_autofree char *message = NULL;
  g_autofree char *receive = NULL;

  /* The field reports nothing once the dialog is being torn down. */
  if (self->amount_row == NULL)
    return;

  /* A withdrawal in doubt keeps its amount, whatever the balance now. */
  if (self->pending_id != NULL)
    {
      kopir_bank_show_field_error (GTK_WIDGET (self->amount_row), self->amount_message, NULL);
      receive = kopir_bank_format_kzt (&self->pending_amount);
      gtk_label_set_label (self->receive_label, receive);
      update_button (self);
      return;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));

  self->amount_valid = kopir_bank_parse_amount (text, &self->available, &self->amount, &message);
  kopir_bank_show_field_error (GTK_WIDGET (self->amount_row), self->amount_message, message);

  /* No fee: the bank gets what leaves the exchange. */
  receive = self->amount_valid ? kopir_bank_format_kzt (&self->amount) : g_strdup ("—");
  gtk_label_set_label (self->receive_label, receive);

  show_general_error (self, NULL);
  update_button (self);
}

static KopirBankLink *
selected_link (KopirWithdrawDialog *self)
{
  int position = kopir_bank_get_choice (self->choices);

  if (position < 0 || (guint) position >= g_list_model_get_n_items (self->links))
    return NULL;

  return g_list_model_get_item (self->links, position);
}

static void
set_busy (KopirWithdrawDialog *self,
          gboolean             busy)
{
  gboolean editable = !busy && self->pending_id == NULL;

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* While a withdrawal's outcome is open, its account and amount stay. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->accounts_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_row), editable);
  update_button (self);
}

static void
withdraw_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KopirWithdrawDialog) self = user_data;
  g_autoptr(KopirWithdrawal) withdrawal = NULL;
  g_autoptr(GError) error = NULL;
  const char *amount_error, *link_error;

  withdrawal = kopir_account_client_withdraw_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (withdrawal != NULL)
    {
      g_autoptr(GListStore) paid = g_list_store_new (KOPIR_TYPE_WITHDRAWAL);

      /* The ledger's copy is settled even if the dialog is gone by then. */
      g_list_store_append (paid, withdrawal);
      kopir_transfer_journal_sync_async (self->journal, NULL, G_LIST_MODEL (paid), FALSE, NULL, NULL, NULL);
      g_clear_pointer (&self->pending_id, g_free);
      set_busy (self, FALSE);
      g_signal_emit (self, signals[WITHDRAWN], 0, withdrawal);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (error->domain != KOPIR_ACCOUNT_ERROR)
    {
      /* No answer, or none that could be read: it may have been paid.
       * Only the same id may go again. */
      g_debug ("Withdrawal %s: outcome unknown: %s", self->pending_id, error->message);
      set_busy (self, FALSE);
      show_general_error (self, _("No answer came from the exchange, so Kopir cannot tell yet "
                                  "whether the withdrawal was made. Try again: the same withdrawal "
                                  "is sent, and the exchange pays it only once."));
      return;
    }

  /* Refused: certain, so the form may change and a new confirmation
   * makes a new withdrawal. */
  kopir_transfer_journal_refuse_withdrawal_async (self->journal, self->pending_id, &self->pending_amount,
                                                  NULL, NULL, NULL);
  g_clear_pointer (&self->pending_id, g_free);
  set_busy (self, FALSE);

  amount_error = kopir_account_error_get_field_error (error, "amount");
  link_error = kopir_account_error_get_field_error (error, "link_id");
  if (amount_error != NULL)
    {
      kopir_bank_show_field_error (GTK_WIDGET (self->amount_row), self->amount_message, amount_error);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
    }
  if (link_error != NULL)
    kopir_bank_show_field_error (GTK_WIDGET (self->accounts_group), self->account_message, link_error);
  if (amount_error == NULL && link_error == NULL)
    show_general_error (self, error->message);
}

static void
begun_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KopirWithdrawDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_transfer_journal_begin_withdrawal_finish (KOPIR_TRANSFER_JOURNAL (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Not written down, so not sent. One never sent may change. */
      g_debug ("Withdrawal %s not recorded: %s", self->pending_id, error->message);
      if (!self->pending_sent)
        g_clear_pointer (&self->pending_id, g_free);
      set_busy (self, FALSE);
      show_general_error (self, _("Kopir could not write the withdrawal down on this computer, so it "
                                  "was not sent. Try again, or restart Kopir."));
      return;
    }

  self->pending_sent = TRUE;
  kopir_account_client_withdraw_async (kopir_context_get_account_client (self->context),
                                       self->pending_link_id, &self->pending_amount,
                                       self->pending_id, self->cancellable,
                                       withdraw_cb, g_object_ref (self));
}

/* The withdrawal goes on disk first, each time it is sent. */
static void
send_pending (KopirWithdrawDialog *self)
{
  g_assert (self->pending_id != NULL);

  if (self->journal == NULL)
    {
      show_general_error (self, _("Kopir could not write the withdrawal down on this computer, so it "
                                  "was not sent. Try again, or restart Kopir."));
      return;
    }

  show_general_error (self, NULL);
  set_busy (self, TRUE);
  kopir_transfer_journal_begin_withdrawal_async (self->journal, self->pending_id, self->pending_link_id,
                                                 self->pending_iban, &self->pending_amount,
                                                 self->cancellable, begun_cb, g_object_ref (self));
}

static void
on_confirm_response (AdwMessageDialog    *dialog,
                     const char          *response,
                     KopirWithdrawDialog *self)
{
  g_autoptr(KopirBankLink) link = NULL;

  if (g_strcmp0 (response, "withdraw") != 0 || self->busy || self->pending_id != NULL)
    return;

  link = selected_link (self);
  if (link == NULL || !self->amount_valid)
    return;

  /* One id per confirmed withdrawal, kept until its outcome is known. */
  self->pending_id = g_uuid_string_random ();
  self->pending_sent = FALSE;
  g_free (self->pending_link_id);
  self->pending_link_id = g_strdup (kopir_bank_link_get_id (link));
  g_free (self->pending_iban);
  self->pending_iban = g_strdup (kopir_bank_link_get_iban (link));
  self->pending_amount = self->amount;
  send_pending (self);
}

static void
on_withdraw_clicked (KopirWithdrawDialog *self)
{
  g_autoptr(KopirBankLink) link = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *account = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *confirm;

  if (self->busy)
    return;

  if (self->pending_id != NULL)
    {
      send_pending (self);
      return;
    }

  on_amount_changed (self);
  link = selected_link (self);
  if (!self->amount_valid || link == NULL)
    {
      if (!self->amount_valid && *gtk_editable_get_text (GTK_EDITABLE (self->amount_row)) == '\0')
        kopir_bank_show_field_error (GTK_WIDGET (self->amount_row), self->amount_message, _("Enter an amount."));
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
      return;
    }

  amount = kopir_bank_format_kzt (&self->amount);
  account = kopir_bank_describe_link (link, self->directory);
  /* Translators: %s is an amount of tenge, e.g. "₸10,000.00". */
  heading = g_strdup_printf (_("Withdraw %s?"), amount);
  /* Translators: %1$s is a bank account ("Halyk Bank · KZ88 601• ••••
   * •••• 5678"), %2$s the customer's name. */
  body = g_strdup_printf (_("It goes to %1$s, in the name of %2$s. It leaves your exchange account "
                            "now; banks usually credit it within one working day."),
                          account,
                          self->holder != NULL ? kopir_account_holder_get_name (self->holder) : "—");

  confirm = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (confirm,
                                    "cancel", _("_Cancel"),
                                    "withdraw", _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (confirm, "withdraw", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (confirm, "withdraw");
  adw_message_dialog_set_close_response (confirm, "cancel");
  g_signal_connect_object (confirm, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (confirm));
}

static void
kopir_withdraw_dialog_map (GtkWidget *widget)
{
  KopirWithdrawDialog *self = KOPIR_WITHDRAW_DIALOG (widget);

  GTK_WIDGET_CLASS (kopir_withdraw_dialog_parent_class)->map (widget);

  /* The first field has the focus, ready for typing. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->amount_row))));
}

static void
kopir_withdraw_dialog_dispose (GObject *object)
{
  KopirWithdrawDialog *self = KOPIR_WITHDRAW_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_WITHDRAW_DIALOG);

  g_clear_object (&self->context);
  g_clear_object (&self->links);
  g_clear_object (&self->holder);
  g_clear_object (&self->directory);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (kopir_withdraw_dialog_parent_class)->dispose (object);
}

static void
kopir_withdraw_dialog_finalize (GObject *object)
{
  KopirWithdrawDialog *self = KOPIR_WITHDRAW_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->pending_link_id, g_free);
  g_clear_pointer (&self->pending_iban, g_free);
  g_clear_pointer (&self->choices, g_ptr_array_unref);

  G_OBJECT_CLASS (kopir_withdraw_dialog_parent_class)->finalize (object);
}

static void
kopir_withdraw_dialog_class_init (KopirWithdrawDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_withdraw_dialog_dispose;
  widget_class->map = kopir_withdraw_dialog_map;
  object_class->finalize = kopir_withdraw_dialog_finalize;

  /**
   * KopirWithdrawDialog::withdrawn:
   * @self: the dialog
   * @withdrawal: what the exchange sent
   *
   * Emitted when the exchange confirmed the withdrawal, just before the
   * dialog closes.
   */
  signals[WITHDRAWN] =
    g_signal_new ("withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KOPIR_TYPE_WITHDRAWAL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-withdraw-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, general_error_box);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, available_label);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, amount_message);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, account_message);
  gtk_widget_class_bind_template_child (widget_class, KopirWithdrawDialog, receive_label);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_withdraw_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kopir_withdraw_dialog_init (KopirWithdrawDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->choices = g_ptr_array_new ();
}

static void
pending_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KopirWithdrawDialog) self = user_data;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  pending = kopir_transfer_journal_sync_finish (KOPIR_TRANSFER_JOURNAL (object), result, &error);
  if (pending == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Reading the withdrawals in doubt: %s", error->message);
      return;
    }

  /* Something was already sent from this dialog: that one comes first. */
  if (self->pending_id != NULL || self->busy)
    return;

  for (guint i = 0; i < pending->len; i++)
    {
      KopirLedgerTransfer *t = g_ptr_array_index (pending, i);

      for (guint j = 0; j < g_list_model_get_n_items (self->links); j++)
        {
          g_autoptr(KopirBankLink) link = g_list_model_get_item (self->links, j);

          if (g_strcmp0 (kopir_bank_link_get_id (link), t->link_id) != 0)
            continue;

          self->pending_id = g_strdup (t->external_id);
          self->pending_sent = TRUE;
          g_free (self->pending_link_id);
          self->pending_link_id = g_strdup (t->link_id);
          g_free (self->pending_iban);
          self->pending_iban = g_strdup (kopir_bank_link_get_iban (link));
          self->pending_amount = t->amount;
          if (j < self->choices->len)
            gtk_check_button_set_active (g_ptr_array_index (self->choices, j), TRUE);

          amount = kopir_decimal_dup_string_fixed (&t->amount, 2, KOPIR_ROUNDING_DOWN);
          gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
          g_clear_pointer (&amount, g_free);
          amount = kopir_bank_format_kzt (&t->amount);
          /* Translators: %s is an amount of tenge, e.g. "₸10,000.00". */
          message = g_strdup_printf (_("Kopir could not tell whether your earlier withdrawal of %s was "
                                       "made. Try again: the same withdrawal is sent, and the exchange "
                                       "pays it only once."), amount);
          show_general_error (self, message);
          set_busy (self, FALSE);
          on_amount_changed (self);
          gtk_widget_grab_focus (GTK_WIDGET (self->withdraw_button));
          return;
        }
    }
}

/**
 * kopir_withdraw_dialog_new:
 * @parent: the window it belongs to
 * @context: the services
 * @links: the linked accounts (#KopirBankLink)
 * @available: the free tenge balance
 * @holder: (nullable): the account holder, named in the confirmation
 * @directory: (nullable): the bank directory, for the banks' names
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
KopirWithdrawDialog *
kopir_withdraw_dialog_new (GtkWindow          *parent,
                           KopirContext       *context,
                           GListModel         *links,
                           const KopirDecimal *available,
                           KopirAccountHolder *holder,
                           KopirBankDirectory *directory)
{
  KopirWithdrawDialog *self;
  g_autofree char *available_text = NULL;

  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (links), NULL);
  g_return_val_if_fail (available != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_WITHDRAW_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->links = g_object_ref (links);
  self->holder = holder != NULL ? g_object_ref (holder) : NULL;
  self->directory = directory != NULL ? g_object_ref (directory) : NULL;
  self->available = *available;

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(KopirBankLink) link = g_list_model_get_item (links, i);
      const char *iban = kopir_bank_link_get_iban (link);
      const char *bank = kopir_bank_name_for_iban (iban, directory, kopir_bank_link_get_bank_name (link));
      g_autofree char *masked = kopir_iban_format_masked (iban);
      GtkCheckButton *choice;

      choice = kopir_bank_add_choice (self->accounts_group,
                                      self->choices->len > 0 ? g_ptr_array_index (self->choices, 0) : NULL,
                                      g_list_model_get_n_items (links) == 1,
                                      bank != NULL ? bank : masked, bank != NULL ? masked : NULL);
      if (choice != NULL)
        g_ptr_array_add (self->choices, choice);
    }

  available_text = kopir_bank_format_kzt (available);
  gtk_label_set_label (self->available_label, available_text);
  on_amount_changed (self);

  /* Without a ledger nothing can be sent: it must be written down first. */
  if (kopir_context_get_transfer_journal (context) != NULL)
    {
      self->journal = g_object_ref (kopir_context_get_transfer_journal (context));
      kopir_transfer_journal_sync_async (self->journal, NULL, NULL, FALSE, self->cancellable,
                                         pending_cb, g_object_ref (self));
    }

  return self;
}
