/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirExchangeAddresses is the Preferences group where a person, or
 * their bank's IT, enters the addresses of an exchange that Kopir does not
 * ship: the trading address, the price stream and the account opening
 * address. It shows while the active profile is one whose addresses may
 * be changed. Each address is checked as it is typed, with the reason
 * beside it; nothing is saved until all are acceptable, and what was typed
 * stays in the rows whatever happens. When an administrator locked the
 * exchange profile, the addresses are locked with it.
 */

#define G_LOG_DOMAIN "kopir-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-accessible.h"
#include "kopir-exchange-addresses.h"
#include "kopir-profile-address.h"

#define N_ADDRESSES 3

struct _KopirExchangeAddresses
{
  AdwPreferencesGroup   parent_instance;

  KopirContext         *context;
  KopirProfileManager  *profiles;
  GSettings            *settings;
  KopirExchangeProfile *profile;
  GCancellable         *cancellable;

  gboolean              filling;
  gboolean              edited;
  gboolean              saving;

  /* Template widgets, by KopirAddressKind */
  AdwEntryRow          *rows[N_ADDRESSES];
  GtkWidget            *message_rows[N_ADDRESSES];
  GtkLabel             *messages[N_ADDRESSES];
  GtkButton            *save_button;
};

G_DEFINE_FINAL_TYPE (KopirExchangeAddresses, kopir_exchange_addresses, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_toast (KopirExchangeAddresses *self,
           const char             *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (title));
}

static char *
get_address (KopirExchangeAddresses *self,
             KopirAddressKind        kind)
{
  return kopir_profile_address_clean (gtk_editable_get_text (GTK_EDITABLE (self->rows[kind])));
}

/* Marks a field wrong, or right again, for a screen reader: its state
 * and, as its description, the reason. An entry row is one object on the
 * accessibility bus in GTK 4.8, but it hands the focus to the text inside,
 * so both carry it. */
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

/* The reason beside the row, for the eye (a label in the list, under the
 * row) and for a screen reader. */
static void
show_message (KopirExchangeAddresses *self,
              KopirAddressKind        kind,
              const char             *message)
{
  GtkWidget *row = GTK_WIDGET (self->rows[kind]);

  gtk_label_set_label (self->messages[kind], message != NULL ? message : "");
  gtk_widget_set_visible (self->message_rows[kind], message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  mark_invalid (row, message);
  mark_invalid (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))), message);
}

/* Checks every row; an empty trading address has no message beside it
 * (the person has not typed anything wrong), the button says it is
 * missing instead. */
static gboolean
check_rows (KopirExchangeAddresses *self,
            gboolean               *trading_missing)
{
  gboolean valid = TRUE;

  *trading_missing = FALSE;

  for (guint kind = 0; kind < N_ADDRESSES; kind++)
    {
      g_autofree char *address = get_address (self, kind);
      g_autoptr(GError) error = NULL;

      if (kind == KOPIR_ADDRESS_TRADING && address == NULL)
        {
          *trading_missing = TRUE;
          valid = FALSE;
          show_message (self, kind, NULL);
          continue;
        }

      if (!kopir_profile_address_check (kind, address, &error))
        {
          valid = FALSE;
          show_message (self, kind, error->message);
        }
      else
        {
          show_message (self, kind, NULL);
        }
    }

  return valid;
}

static void
update_state (KopirExchangeAddresses *self)
{
  gboolean trading_missing;
  gboolean valid = check_rows (self, &trading_missing);

  if (self->saving)
    gtk_button_set_label (self->save_button, _("Saving…"));
  else if (trading_missing)
    gtk_button_set_label (self->save_button, _("Enter the Trading Address"));
  else if (!valid)
    gtk_button_set_label (self->save_button, _("Correct the Marked Address"));
  else
    gtk_button_set_label (self->save_button, _("Save Addresses"));
  kopir_accessible_name_button (self->save_button);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "addresses.save",
                                 valid && self->edited && !self->saving);
}

static void
fill_from_profile (KopirExchangeAddresses *self)
{
  const char *urls[N_ADDRESSES] = { NULL, NULL, NULL };

  if (self->profile != NULL)
    {
      urls[KOPIR_ADDRESS_TRADING] = kopir_exchange_profile_get_trading_url (self->profile);
      urls[KOPIR_ADDRESS_STREAM] = kopir_exchange_profile_get_stream_url (self->profile);
      urls[KOPIR_ADDRESS_ONBOARDING] = kopir_exchange_profile_get_onboarding_url (self->profile);
    }

  self->filling = TRUE;
  for (guint kind = 0; kind < N_ADDRESSES; kind++)
    gtk_editable_set_text (GTK_EDITABLE (self->rows[kind]), urls[kind] != NULL ? urls[kind] : "");
  self->filling = FALSE;
  self->edited = FALSE;

  update_state (self);
}

static void
on_row_changed (KopirExchangeAddresses *self)
{
  if (self->filling)
    return;

  self->edited = TRUE;
  update_state (self);
}

static void
on_row_activated (KopirExchangeAddresses *self)
{
  /* Enter saves when there is something acceptable to save. */
  gtk_widget_activate_action (GTK_WIDGET (self), "addresses.save", NULL);
}

static void
on_active_profile_changed (KopirExchangeAddresses *self)
{
  KopirExchangeProfile *active = kopir_profile_manager_get_active (self->profiles);
  gboolean editable = active != NULL && kopir_exchange_profile_get_editable (active);

  gtk_widget_set_visible (GTK_WIDGET (self), editable);

  /* What was typed for this profile stays while its addresses are only
   * being saved; a different profile brings its own. */
  if (!editable)
    active = NULL;

  if (active != self->profile || !self->edited)
    {
      g_set_object (&self->profile, active);
      fill_from_profile (self);
    }
}

static void
on_writable_changed (KopirExchangeAddresses *self)
{
  gboolean writable = self->settings == NULL ||
                      g_settings_is_writable (self->settings, "exchange-profile");

  for (guint kind = 0; kind < N_ADDRESSES; kind++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->rows[kind]), writable);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), writable);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         writable
                                         ? _("As given by the exchange or your bank. An address "
                                             "outside this computer must start with https:// "
                                             "or wss://.")
                                         : _("Set by your administrator"));
}

static void
configure_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KopirExchangeAddresses) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_profile_manager_configure_finish (KOPIR_PROFILE_MANAGER (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The rows keep what was typed, so it can be saved again. */
      self->saving = FALSE;
      update_state (self);
      add_toast (self, error->message);
      return;
    }

  self->saving = FALSE;
  self->edited = FALSE;
  /* Show the addresses as they were kept (without a trailing slash). */
  fill_from_profile (self);
  add_toast (self, _("Exchange addresses saved"));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KopirExchangeAddresses *self = KOPIR_EXCHANGE_ADDRESSES (widget);
  g_autofree char *urls[N_ADDRESSES] = { NULL, NULL, NULL };
  gboolean trading_missing;

  if (self->profile == NULL || self->saving || !check_rows (self, &trading_missing))
    return;

  for (guint kind = 0; kind < N_ADDRESSES; kind++)
    urls[kind] = get_address (self, kind);

  self->saving = TRUE;
  update_state (self);

  kopir_profile_manager_configure_async (self->profiles,
                                         kopir_exchange_profile_get_id (self->profile),
                                         urls[KOPIR_ADDRESS_TRADING],
                                         urls[KOPIR_ADDRESS_STREAM],
                                         urls[KOPIR_ADDRESS_ONBOARDING],
                                         self->cancellable, configure_cb, g_object_ref (self));

  for (guint kind = 0; kind < N_ADDRESSES; kind++)
    g_clear_pointer (&urls[kind], g_free);
}

static void
kopir_exchange_addresses_dispose (GObject *object)
{
  KopirExchangeAddresses *self = KOPIR_EXCHANGE_ADDRESSES (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KOPIR_TYPE_EXCHANGE_ADDRESSES);
  g_clear_object (&self->profile);
  g_clear_object (&self->profiles);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_exchange_addresses_parent_class)->dispose (object);
}

static void
kopir_exchange_addresses_finalize (GObject *object)
{
  KopirExchangeAddresses *self = KOPIR_EXCHANGE_ADDRESSES (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kopir_exchange_addresses_parent_class)->finalize (object);
}

static void
kopir_exchange_addresses_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KopirExchangeAddresses *self = KOPIR_EXCHANGE_ADDRESSES (object);

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
kopir_exchange_addresses_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KopirExchangeAddresses *self = KOPIR_EXCHANGE_ADDRESSES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kopir_exchange_addresses_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_row (GtkWidgetClass   *widget_class,
          const char       *row,
          const char       *message_row,
          const char       *message,
          KopirAddressKind  kind)
{
  gtk_widget_class_bind_template_child_full (widget_class, row, FALSE,
                                             G_STRUCT_OFFSET (KopirExchangeAddresses, rows)
                                             + kind * sizeof (gpointer));
  gtk_widget_class_bind_template_child_full (widget_class, message_row, FALSE,
                                             G_STRUCT_OFFSET (KopirExchangeAddresses, message_rows)
                                             + kind * sizeof (gpointer));
  gtk_widget_class_bind_template_child_full (widget_class, message, FALSE,
                                             G_STRUCT_OFFSET (KopirExchangeAddresses, messages)
                                             + kind * sizeof (gpointer));
}

static void
kopir_exchange_addresses_class_init (KopirExchangeAddressesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_exchange_addresses_dispose;
  object_class->finalize = kopir_exchange_addresses_finalize;
  object_class->get_property = kopir_exchange_addresses_get_property;
  object_class->set_property = kopir_exchange_addresses_set_property;

  /**
   * KopirExchangeAddresses:context:
   *
   * The services whose exchange profiles the group edits; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KOPIR_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-exchange-addresses.ui");
  bind_row (widget_class, "trading_row", "trading_message_row", "trading_message",
            KOPIR_ADDRESS_TRADING);
  bind_row (widget_class, "stream_row", "stream_message_row", "stream_message",
            KOPIR_ADDRESS_STREAM);
  bind_row (widget_class, "onboarding_row", "onboarding_message_row", "onboarding_message",
            KOPIR_ADDRESS_ONBOARDING);
  gtk_widget_class_bind_template_child (widget_class, KopirExchangeAddresses, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "addresses.save", NULL, save_activated);
}

static void
kopir_exchange_addresses_init (KopirExchangeAddresses *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "addresses.save", FALSE);
}

GtkWidget *
kopir_exchange_addresses_new (KopirContext *context)
{
  return g_object_new (KOPIR_TYPE_EXCHANGE_ADDRESSES,
                       "context", context,
                       NULL);
}

/**
 * kopir_exchange_addresses_get_context:
 * @self: a #KopirExchangeAddresses
 *
 * Returns: (transfer none) (nullable): the group's services
 */
KopirContext *
kopir_exchange_addresses_get_context (KopirExchangeAddresses *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_ADDRESSES (self), NULL);

  return self->context;
}

/**
 * kopir_exchange_addresses_set_context:
 * @self: a #KopirExchangeAddresses
 * @context: the services the group works with
 *
 * Sets the group's services, once.
 */
void
kopir_exchange_addresses_set_context (KopirExchangeAddresses *self,
                                      KopirContext           *context)
{
  g_return_if_fail (KOPIR_IS_EXCHANGE_ADDRESSES (self));
  g_return_if_fail (context == NULL || KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (!g_set_object (&self->context, context) || context == NULL)
    return;

  self->profiles = g_object_ref (kopir_context_get_profile_manager (context));
  g_set_object (&self->settings, kopir_context_get_settings (context));

  g_signal_connect_object (self->profiles, "notify::active",
                           G_CALLBACK (on_active_profile_changed), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "writable-changed::exchange-profile",
                             G_CALLBACK (on_writable_changed), self, G_CONNECT_SWAPPED);
  on_active_profile_changed (self);
  on_writable_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
