/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirApiCredentials is the Preferences group for the API key and secret
 * of an exchange where Kopir does not open the account itself (the test
 * network, or an exchange an institution configures), and for forgetting
 * them.
 *
 * The secret never enters a widget. GTK 4.8 exposes the text of every
 * entry over the accessibility bus, a password entry included, where any
 * program of the session may read it. So the secret is pasted: the "Paste
 * API Secret" button reads the clipboard, checks what it read and hands it
 * straight to the context, which stores it in the keyring; Kopir's copy is
 * wiped at once and the clipboard is emptied once the keyring has it. The
 * key, which the exchange shows in the clear and which signs nothing by
 * itself, is typed in an ordinary row and cleared once stored. Afterwards
 * the group only says that the credentials are in the keyring and offers
 * to forget them.
 */

#define G_LOG_DOMAIN "kopir-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-accessible.h"
#include "kopir-api-credentials.h"
#include "kopir-credential-input.h"

struct _KopirApiCredentials
{
  AdwPreferencesGroup   parent_instance;

  KopirContext         *context;
  KopirProfileManager  *profiles;
  KopirExchangeProfile *profile;
  GCancellable         *cancellable;

  gboolean              busy;

  /* Template widgets */
  AdwEntryRow          *key_row;
  GtkWidget            *key_message_row;
  GtkLabel             *key_message;
  AdwActionRow         *secret_row;
  GtkWidget            *secret_message_row;
  GtkLabel             *secret_message;
  GtkSpinner           *spinner;
  GtkButton            *paste_button;
  AdwActionRow         *stored_row;
  GtkButton            *forget_button;
};

G_DEFINE_FINAL_TYPE (KopirApiCredentials, kopir_api_credentials, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_toast (KopirApiCredentials *self,
           const char          *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (title));
}

/* Marks a control wrong, or right again, for a screen reader: its state
 * and, as its description, the reason. */
static void
mark_invalid (GtkWidget  *widget,
              const char *message)
{
  if (message != NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The reason in the list, under the row it concerns. */
static void
show_message (GtkWidget  *message_row,
              GtkLabel   *label,
              const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (message_row, message != NULL);
}

/* An entry row is one object on the accessibility bus in GTK 4.8, but it
 * hands the focus to the text inside: both say what is wrong. */
static void
show_key_message (KopirApiCredentials *self,
                  const char          *message)
{
  GtkWidget *row = GTK_WIDGET (self->key_row);

  show_message (self->key_message_row, self->key_message, message);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  mark_invalid (row, message);
  mark_invalid (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))), message);
}

static void
show_secret_message (KopirApiCredentials *self,
                     const char          *message)
{
  show_message (self->secret_message_row, self->secret_message, message);
  mark_invalid (GTK_WIDGET (self->paste_button), message);
}

/* The key as typed, if it can be one; an empty row is not an error yet,
 * the row under it says the key comes first. */
static char *
get_key (KopirApiCredentials *self,
         gboolean             show_errors)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autoptr(GError) error = NULL;
  char *key;

  key = kopir_credential_input_clean_key (text, &error);
  if (show_errors)
    {
      if (key == NULL && !g_error_matches (error, KOPIR_CREDENTIAL_INPUT_ERROR,
                                           KOPIR_CREDENTIAL_INPUT_ERROR_EMPTY))
        show_key_message (self, error->message);
      else
        show_key_message (self, NULL);
    }

  return key;
}

static void
update_state (KopirApiCredentials *self)
{
  g_autofree char *key = NULL;
  gboolean stored;

  if (self->context == NULL)
    return;

  key = get_key (self, TRUE);
  stored = kopir_context_get_has_credentials (self->context);

  gtk_widget_set_visible (GTK_WIDGET (self->key_row), !stored);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), !stored);
  gtk_widget_set_visible (GTK_WIDGET (self->stored_row), stored);
  if (stored)
    {
      show_key_message (self, NULL);
      show_secret_message (self, NULL);
    }

  /* Not insensitive: the key row may have the focus, which GTK 4.8 does
   * not take back cleanly from a text made insensitive. */
  gtk_editable_set_editable (GTK_EDITABLE (self->key_row), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credentials.paste-secret",
                                 key != NULL && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credentials.forget", !self->busy);

  adw_action_row_set_subtitle (self->secret_row,
                               key == NULL
                               ? _("Enter the API key first.")
                               : _("Copy the secret on the exchange’s page, then paste it "
                                   "here. Kopir does not show it."));
}

static void
on_key_changed (KopirApiCredentials *self)
{
  update_state (self);
}

static void
on_key_activated (KopirApiCredentials *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "credentials.paste-secret", NULL);
}

static void
on_active_profile_changed (KopirApiCredentials *self)
{
  KopirExchangeProfile *active = kopir_profile_manager_get_active (self->profiles);
  gboolean sandbox = active == NULL || kopir_exchange_profile_is_sandbox (active);

  /* The practice exchange hands out its keys when an account is opened
   * in Kopir; there is nothing to paste. */
  gtk_widget_set_visible (GTK_WIDGET (self), !sandbox);

  if (active != NULL && kopir_exchange_profile_has_onboarding (active))
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Kopir receives a key by itself when your account "
                                             "is opened. Enter one here only if the exchange "
                                             "gave you one."));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Create a key with trading allowed at the "
                                             "exchange. Kopir keeps the key and its secret in "
                                             "the keyring."));

  /* A key typed for one exchange is not meant for another. */
  if (g_set_object (&self->profile, active))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
      show_secret_message (self, NULL);
    }
  update_state (self);
}

static void
set_credentials_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KopirApiCredentials) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_context_set_api_credentials_finish (KOPIR_CONTEXT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->busy = FALSE;
      show_secret_message (self, error->message);
      update_state (self);
      return;
    }

  self->busy = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");

  /* The secret is in the keyring now; it need not stay on the clipboard
   * where every program of the session can read it. */
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL);

  update_state (self);
  add_toast (self, _("API key stored; clipboard emptied"));
  gtk_widget_grab_focus (GTK_WIDGET (self->stored_row));
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KopirApiCredentials) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  char *pasted;
  char *secret;

  pasted = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  if (pasted == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Reading the clipboard: %s", error != NULL ? error->message : "no text");
      self->busy = FALSE;
      show_secret_message (self, _("The clipboard holds no text. Copy the API secret on the "
                                   "exchange’s page, then press Paste API Secret again."));
      update_state (self);
      return;
    }

  key = get_key (self, TRUE);
  secret = kopir_credential_input_clean_secret (pasted, key, &error);
  kopir_credential_input_wipe (pasted);

  if (key == NULL || secret == NULL)
    {
      self->busy = FALSE;
      if (secret == NULL)
        show_secret_message (self, error->message);
      kopir_credential_input_wipe (secret);
      update_state (self);
      return;
    }

  show_secret_message (self, NULL);
  kopir_context_set_api_credentials_async (self->context, key, secret, self->cancellable,
                                           set_credentials_cb, g_object_ref (self));
  /* The context keeps its own copy until the keyring has it. */
  kopir_credential_input_wipe (secret);
}

static void
paste_secret_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KopirApiCredentials *self = KOPIR_API_CREDENTIALS (widget);
  g_autofree char *key = get_key (self, TRUE);

  if (self->busy)
    return;

  if (key == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  self->busy = TRUE;
  update_state (self);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), self->cancellable,
                                 read_text_cb, g_object_ref (self));
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirApiCredentials) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;

  if (!kopir_context_forget_api_credentials_finish (KOPIR_CONTEXT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      update_state (self);
      add_toast (self, error->message);
      return;
    }

  update_state (self);
  add_toast (self, _("API key removed from the keyring"));
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
on_forget_response (AdwMessageDialog    *dialog,
                    const char          *response,
                    KopirApiCredentials *self)
{
  if (g_strcmp0 (response, "forget") != 0 || self->context == NULL)
    return;

  self->busy = TRUE;
  update_state (self);
  kopir_context_forget_api_credentials_async (self->context, self->cancellable,
                                              forget_cb, g_object_ref (self));
}

static void
forget_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KopirApiCredentials *self = KOPIR_API_CREDENTIALS (widget);
  KopirExchangeProfile *active = kopir_profile_manager_get_active (self->profiles);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                       _("Forget the API Key?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Kopir removes the API key and secret for “%s” from the "
                                    "keyring and can no longer trade there. To trade again, "
                                    "enter them again or create a new key at the exchange."),
                                  active != NULL ? kopir_exchange_profile_get_name (active) : "");
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "forget", _("_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "forget", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  kopir_accessible_name_buttons (GTK_WIDGET (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_forget_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
kopir_api_credentials_dispose (GObject *object)
{
  KopirApiCredentials *self = KOPIR_API_CREDENTIALS (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KOPIR_TYPE_API_CREDENTIALS);
  g_clear_object (&self->profile);
  g_clear_object (&self->profiles);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_api_credentials_parent_class)->dispose (object);
}

static void
kopir_api_credentials_finalize (GObject *object)
{
  KopirApiCredentials *self = KOPIR_API_CREDENTIALS (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kopir_api_credentials_parent_class)->finalize (object);
}

static void
kopir_api_credentials_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KopirApiCredentials *self = KOPIR_API_CREDENTIALS (object);

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
kopir_api_credentials_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KopirApiCredentials *self = KOPIR_API_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kopir_api_credentials_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_api_credentials_class_init (KopirApiCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_api_credentials_dispose;
  object_class->finalize = kopir_api_credentials_finalize;
  object_class->get_property = kopir_api_credentials_get_property;
  object_class->set_property = kopir_api_credentials_set_property;

  /**
   * KopirApiCredentials:context:
   *
   * The services that store the credentials; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KOPIR_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-api-credentials.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, key_row);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, key_message_row);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, key_message);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, secret_row);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, secret_message_row);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, secret_message);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, paste_button);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, stored_row);
  gtk_widget_class_bind_template_child (widget_class, KopirApiCredentials, forget_button);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_key_activated);

  gtk_widget_class_install_action (widget_class, "credentials.paste-secret", NULL,
                                   paste_secret_activated);
  gtk_widget_class_install_action (widget_class, "credentials.forget", NULL, forget_activated);
}

static void
kopir_api_credentials_init (KopirApiCredentials *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "credentials.paste-secret", FALSE);
  kopir_accessible_name_button (self->paste_button);
  kopir_accessible_name_button (self->forget_button);
}

GtkWidget *
kopir_api_credentials_new (KopirContext *context)
{
  return g_object_new (KOPIR_TYPE_API_CREDENTIALS,
                       "context", context,
                       NULL);
}

/**
 * kopir_api_credentials_get_context:
 * @self: a #KopirApiCredentials
 *
 * Returns: (transfer none) (nullable): the group's services
 */
KopirContext *
kopir_api_credentials_get_context (KopirApiCredentials *self)
{
  g_return_val_if_fail (KOPIR_IS_API_CREDENTIALS (self), NULL);

  return self->context;
}

/**
 * kopir_api_credentials_set_context:
 * @self: a #KopirApiCredentials
 * @context: the services the group works with
 *
 * Sets the group's services, once.
 */
void
kopir_api_credentials_set_context (KopirApiCredentials *self,
                                   KopirContext        *context)
{
  g_return_if_fail (KOPIR_IS_API_CREDENTIALS (self));
  g_return_if_fail (context == NULL || KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (!g_set_object (&self->context, context) || context == NULL)
    return;

  self->profiles = g_object_ref (kopir_context_get_profile_manager (context));

  g_signal_connect_object (self->profiles, "notify::active",
                           G_CALLBACK (on_active_profile_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::has-credentials",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  on_active_profile_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
