/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirLinkAccountDialog links a tenge bank account to the exchange
 * account. The IBAN field groups by four as the person types and says
 * what is wrong as soon as it can be known (core's kopir-iban-input
 * rules); once the bank code is typed it names the bank, in the language
 * of the screen, with its BIC. The holder is not typed: it is the name and
 * IIN the exchange verified, shown read-only with the rule that explains
 * why, so nobody learns it from a refusal. Field errors the exchange sends
 * back appear beside their field, and nothing typed is lost.
 */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-bank-util.h"
#include "kopir-iban-input.h"
#include "kopir-iin.h"
#include "kopir-link-account-dialog.h"
#include "kopir-money-format.h"

struct _KopirLinkAccountDialog
{
  AdwWindow           parent_instance;

  KopirContext       *context;
  KopirAccountHolder *holder;
  KopirBankDirectory *directory;
  GCancellable       *cancellable;

  /* What the field showed after the last regrouping, and where the
   * cursor was before a deletion, to tell Backspace from Delete. */
  char               *shown;
  int                 cursor_before_delete;
  gboolean            deleting;
  gboolean            formatting;
  guint               regroup_source;
  gboolean            finished;
  gboolean            busy;
  KopirIbanInputState state;
  KopirIbanInfo       info;

  /* Template widgets */
  GtkButton          *link_button;
  GtkSpinner         *spinner;
  GtkWidget          *general_error_box;
  GtkLabel           *general_error;
  AdwEntryRow        *iban_row;
  AdwActionRow       *bank_row;
  GtkLabel           *iban_message;
  GtkLabel           *iban_hint;
  AdwActionRow       *holder_name_row;
  AdwActionRow       *holder_iin_row;
  GtkLabel           *holder_message;
};

G_DEFINE_FINAL_TYPE (KopirLinkAccountDialog, kopir_link_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_HOLDER,
  PROP_DIRECTORY,
  N_PROPS
};

enum {
  LINKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_general_error (KopirLinkAccountDialog *self,
                    const char             *message)
{
  gtk_label_set_label (self->general_error, message != NULL ? message : "");
  gtk_widget_set_visible (self->general_error_box, message != NULL);
}

static void
update_button (KopirLinkAccountDialog *self)
{
  const char *label;

  switch (self->state)
    {
    case KOPIR_IBAN_INPUT_EMPTY:
      label = _("Enter the IBAN");
      break;
    case KOPIR_IBAN_INPUT_INCOMPLETE:
      label = _("IBAN Incomplete");
      break;
    case KOPIR_IBAN_INPUT_INVALID:
      label = _("Correct the IBAN");
      break;
    case KOPIR_IBAN_INPUT_VALID:
    default:
      label = _("Link Account");
      break;
    }

  kopir_bank_set_button_label (self->link_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_button),
                            self->state == KOPIR_IBAN_INPUT_VALID && !self->busy);
}

/* Checks the IBAN as it stands and shows the outcome: the bank once it is
 * known, how many characters are missing, or what is wrong. */
static void
validate (KopirLinkAccountDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->iban_row));
  g_autofree char *hint = NULL;

  self->state = kopir_iban_input_check (text, self->directory, self->finished, &self->info, &error);

  if (self->info.bank != NULL)
    {
      g_autofree char *subtitle = NULL;

      /* Translators: the bank of an IBAN: %1$s is its name, %2$s its BIC. */
      subtitle = g_strdup_printf (_("%1$s · BIC %2$s"),
                                  kopir_bank_get_name (self->info.bank, kopir_money_ui_language ()),
                                  self->info.bank->bic);
      adw_action_row_set_subtitle (self->bank_row, subtitle);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->bank_row), self->info.bank != NULL);

  kopir_bank_show_field_error (GTK_WIDGET (self->iban_row), self->iban_message,
                               error != NULL ? error->message : NULL);

  if (self->state == KOPIR_IBAN_INPUT_INCOMPLETE)
    {
      guint n = kopir_iban_input_count (text);

      /* Translators: under the IBAN field while it is typed. */
      hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of 20 characters", "%u of 20 characters", n),
                              n);
    }
  gtk_label_set_label (self->iban_hint, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->iban_hint), hint != NULL);

  update_button (self);
}

static gboolean
regroup_cb (gpointer user_data)
{
  KopirLinkAccountDialog *self = user_data;
  GtkEditable *editable = GTK_EDITABLE (self->iban_row);
  const char *text = gtk_editable_get_text (editable);
  int cursor = gtk_editable_get_position (editable);
  int previous_cursor = self->deleting ? self->cursor_before_delete : cursor;
  g_autofree char *grouped = NULL;
  int new_cursor = 0;

  self->regroup_source = 0;
  self->deleting = FALSE;

  grouped = kopir_iban_input_regroup (self->shown, previous_cursor, text, cursor, &new_cursor);
  if (g_strcmp0 (grouped, text) != 0)
    {
      self->formatting = TRUE;
      gtk_editable_set_text (editable, grouped);
      gtk_editable_set_position (editable, new_cursor);
      self->formatting = FALSE;
    }

  g_free (self->shown);
  self->shown = g_steal_pointer (&grouped);

  validate (self);

  return G_SOURCE_REMOVE;
}

static void
on_iban_changed (KopirLinkAccountDialog *self)
{
  if (self->formatting || self->iban_row == NULL)
    return;

  /* A new edit: what the person is typing is not finished. */
  self->finished = FALSE;
  show_general_error (self, NULL);
  kopir_bank_show_field_error (GTK_WIDGET (self->holder_name_row), self->holder_message, NULL);

  /* The text view moves the cursor only after it reports the change, so
   * the regrouping waits until the edit is complete, before drawing. */
  if (self->regroup_source == 0)
    self->regroup_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, regroup_cb, self, NULL);
}

static void
on_iban_delete_text (GtkEditable            *editable,
                     int                     start,
                     int                     end,
                     KopirLinkAccountDialog *self)
{
  if (self->formatting || self->deleting)
    return;

  self->deleting = TRUE;
  self->cursor_before_delete = gtk_editable_get_position (editable);
}

static void
on_iban_focus_leave (KopirLinkAccountDialog *self)
{
  /* Closing the dialog takes the focus too, once the field is gone. */
  if (self->iban_row == NULL)
    return;

  /* Leaving the field means the person thinks it is complete. */
  if (self->busy || self->state == KOPIR_IBAN_INPUT_EMPTY)
    return;

  self->finished = TRUE;
  validate (self);
}

static void
set_busy (KopirLinkAccountDialog *self,
          gboolean                busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->iban_row), !busy);
  update_button (self);
}

static void
link_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KopirLinkAccountDialog) self = user_data;
  g_autoptr(KopirBankLink) link = NULL;
  g_autoptr(GError) error = NULL;
  const char *iban_error, *holder_error;

  link = kopir_account_client_link_bank_account_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (link != NULL)
    {
      g_signal_emit (self, signals[LINKED], 0, link);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* The form stays as it was; the messages go where they belong. */
  iban_error = kopir_account_error_get_field_error (error, "iban");
  holder_error = kopir_account_error_get_field_error (error, "holder_name");
  if (holder_error == NULL)
    holder_error = kopir_account_error_get_field_error (error, "holder_iin");
  if (iban_error == NULL && g_strcmp0 (kopir_account_error_get_problem_code (error), "link_exists") == 0)
    iban_error = error->message;

  if (iban_error != NULL)
    {
      kopir_bank_show_field_error (GTK_WIDGET (self->iban_row), self->iban_message,
                                   iban_error);
      gtk_widget_grab_focus (GTK_WIDGET (self->iban_row));
    }
  if (holder_error != NULL)
    kopir_bank_show_field_error (GTK_WIDGET (self->holder_name_row), self->holder_message,
                                 holder_error);
  if (iban_error == NULL && holder_error == NULL)
    show_general_error (self, error->message);
}

static void
on_link_clicked (KopirLinkAccountDialog *self)
{
  KopirAccountClient *accounts;

  if (self->busy)
    return;

  /* Asked to go on: a short IBAN is now an error to show, not to send. */
  g_clear_handle_id (&self->regroup_source, g_source_remove);
  regroup_cb (self);
  self->finished = TRUE;
  validate (self);
  if (self->state != KOPIR_IBAN_INPUT_VALID)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->iban_row));
      return;
    }

  show_general_error (self, NULL);
  set_busy (self, TRUE);

  accounts = kopir_context_get_account_client (self->context);
  kopir_account_client_link_bank_account_async (accounts, self->info.iban,
                                                kopir_account_holder_get_name (self->holder),
                                                kopir_account_holder_get_iin (self->holder),
                                                self->cancellable, link_cb, g_object_ref (self));
}

static void
kopir_link_account_dialog_constructed (GObject *object)
{
  KopirLinkAccountDialog *self = KOPIR_LINK_ACCOUNT_DIALOG (object);
  g_autofree char *masked = NULL;

  G_OBJECT_CLASS (kopir_link_account_dialog_parent_class)->constructed (object);

  g_assert (KOPIR_IS_CONTEXT (self->context));
  g_assert (KOPIR_IS_ACCOUNT_HOLDER (self->holder));

  masked = kopir_iin_mask (kopir_account_holder_get_iin (self->holder));
  adw_action_row_set_subtitle (self->holder_name_row, kopir_account_holder_get_name (self->holder));
  adw_action_row_set_subtitle (self->holder_iin_row, masked);

  validate (self);
}

static void
kopir_link_account_dialog_map (GtkWidget *widget)
{
  KopirLinkAccountDialog *self = KOPIR_LINK_ACCOUNT_DIALOG (widget);

  GTK_WIDGET_CLASS (kopir_link_account_dialog_parent_class)->map (widget);

  /* The first field has the focus, ready for typing. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->iban_row))));
}

static void
kopir_link_account_dialog_dispose (GObject *object)
{
  KopirLinkAccountDialog *self = KOPIR_LINK_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->regroup_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_LINK_ACCOUNT_DIALOG);

  g_clear_object (&self->context);
  g_clear_object (&self->holder);
  g_clear_object (&self->directory);

  G_OBJECT_CLASS (kopir_link_account_dialog_parent_class)->dispose (object);
}

static void
kopir_link_account_dialog_finalize (GObject *object)
{
  KopirLinkAccountDialog *self = KOPIR_LINK_ACCOUNT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (kopir_link_account_dialog_parent_class)->finalize (object);
}

static void
kopir_link_account_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  KopirLinkAccountDialog *self = KOPIR_LINK_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_HOLDER:
      g_value_set_object (value, self->holder);
      break;
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_link_account_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  KopirLinkAccountDialog *self = KOPIR_LINK_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_HOLDER:
      self->holder = g_value_dup_object (value);
      break;
    case PROP_DIRECTORY:
      self->directory = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_link_account_dialog_class_init (KopirLinkAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kopir_link_account_dialog_constructed;
  object_class->dispose = kopir_link_account_dialog_dispose;
  widget_class->map = kopir_link_account_dialog_map;
  object_class->finalize = kopir_link_account_dialog_finalize;
  object_class->get_property = kopir_link_account_dialog_get_property;
  object_class->set_property = kopir_link_account_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KOPIR_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whose account may be linked: shown, and sent with the IBAN. */
  properties[PROP_HOLDER] =
    g_param_spec_object ("holder", NULL, NULL, KOPIR_TYPE_ACCOUNT_HOLDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The bank directory; without it banks are not named as typed and the
   * exchange checks the bank code. */
  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, KOPIR_TYPE_BANK_DIRECTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirLinkAccountDialog::linked:
   * @self: the dialog
   * @link: the new link
   *
   * Emitted when the exchange linked the account, just before the dialog
   * closes.
   */
  signals[LINKED] =
    g_signal_new ("linked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KOPIR_TYPE_BANK_LINK);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-link-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, link_button);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, general_error_box);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, iban_row);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, bank_row);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, iban_message);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, iban_hint);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, holder_name_row);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, holder_iin_row);
  gtk_widget_class_bind_template_child (widget_class, KopirLinkAccountDialog, holder_message);
  gtk_widget_class_bind_template_callback (widget_class, on_iban_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_link_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kopir_link_account_dialog_init (KopirLinkAccountDialog *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->state = KOPIR_IBAN_INPUT_EMPTY;

  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->iban_row)), "delete-text",
                    G_CALLBACK (on_iban_delete_text), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_iban_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->iban_row), focus);
}

/**
 * kopir_link_account_dialog_new:
 * @parent: the window it belongs to
 * @context: the services
 * @holder: whose account may be linked
 * @directory: (nullable): the bank directory
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
KopirLinkAccountDialog *
kopir_link_account_dialog_new (GtkWindow          *parent,
                               KopirContext       *context,
                               KopirAccountHolder *holder,
                               KopirBankDirectory *directory)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_HOLDER (holder), NULL);

  return g_object_new (KOPIR_TYPE_LINK_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       "holder", holder,
                       "directory", directory,
                       NULL);
}
