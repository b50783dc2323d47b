/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirPreferencesWindow shows the settings a person or the branch's IT may
 * change: the exchange profile (from the profiles installed, including any
 * an administrator ships), the addresses and API key of an exchange Kopir
 * does not ship, a connection test, the language of printed documents and
 * when Kopir locks itself. Every row follows its key, so a key locked down
 * by an administrator shows as insensitive and says who set it.
 */

#define G_LOG_DOMAIN "kopir-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-api-credentials.h"
#include "kopir-diagnostics-view.h"
#include "kopir-exchange-addresses.h"
#include "kopir-preferences-window.h"

struct _KopirPreferencesWindow
{
  AdwPreferencesWindow    parent_instance;

  KopirContext           *context;
  GSettings              *settings;

  /* Template widgets */
  AdwPreferencesGroup    *exchange_group;
  AdwComboRow            *exchange_profile_row;
  KopirExchangeAddresses *exchange_addresses;
  KopirApiCredentials    *api_credentials;
  AdwComboRow            *document_language_row;
  AdwActionRow           *idle_lock_row;
  GtkAdjustment          *idle_lock_adjustment;
};

G_DEFINE_FINAL_TYPE (KopirPreferencesWindow, kopir_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the DocumentLanguage enumeration in the schema, which is
 * the order of the combo row's items in the template. */
static const char * const document_language_ids[] = { "customer", "en", "kk", "ru", NULL };

static gboolean
get_index_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char * const *ids = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_strcmp0 (ids[i], id) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
set_index_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  const char * const *ids = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) ids))
    return NULL;

  return g_variant_new_string (ids[index]);
}

/* The row shows the profile manager's list; selecting one makes it the
 * active profile, which the manager keeps in the "exchange-profile" key. */
static void
select_active_profile (KopirPreferencesWindow *self)
{
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  const char *active_id = kopir_profile_manager_get_active_id (profiles);
  GListModel *model = G_LIST_MODEL (profiles);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KopirExchangeProfile) profile = g_list_model_get_item (model, i);

      if (g_strcmp0 (kopir_exchange_profile_get_id (profile), active_id) == 0)
        {
          adw_combo_row_set_selected (self->exchange_profile_row, i);
          return;
        }
    }
}

static void
on_exchange_profile_selected (KopirPreferencesWindow *self)
{
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  KopirExchangeProfile *profile = adw_combo_row_get_selected_item (self->exchange_profile_row);

  if (profile != NULL &&
      g_strcmp0 (kopir_exchange_profile_get_id (profile),
                 kopir_profile_manager_get_active_id (profiles)) != 0)
    kopir_profile_manager_set_active_id (profiles, kopir_exchange_profile_get_id (profile));
}

/* A row whose key an administrator locked cannot be changed, and says
 * why; otherwise it shows its usual subtitle. */
static void
show_lockdown (KopirPreferencesWindow *self,
               AdwActionRow           *row,
               const char             *key,
               const char             *subtitle)
{
  gboolean writable = g_settings_is_writable (self->settings, key);
  GtkWidget *control = adw_action_row_get_activatable_widget (row);

  /* The control too: GTK 4.8 tells assistive technologies a widget's own
   * sensitivity, not its parent's. */
  gtk_widget_set_sensitive (GTK_WIDGET (row), writable);
  if (control != NULL)
    gtk_widget_set_sensitive (control, writable);
  adw_action_row_set_subtitle (row, writable ? subtitle : _("Set by your administrator"));
}

static void
update_lockdown (KopirPreferencesWindow *self)
{
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  KopirExchangeProfile *active = kopir_profile_manager_get_active (profiles);

  /* What the chosen exchange is, under the group's title: the row itself
   * stays short enough to show the exchange's name at any width. */
  adw_preferences_group_set_description (self->exchange_group,
                                         active != NULL
                                         ? kopir_exchange_profile_get_description (active)
                                         : NULL);
  show_lockdown (self, ADW_ACTION_ROW (self->exchange_profile_row), "exchange-profile", NULL);
  show_lockdown (self, ADW_ACTION_ROW (self->document_language_row), "document-language",
                 _("Forms and receipts"));
  show_lockdown (self, self->idle_lock_row, "idle-lock-minutes",
                 _("Minutes without input before Kopir hides personal data"));
}

static void
on_test_connection_activated (KopirPreferencesWindow *self)
{
  GtkWidget *view = kopir_diagnostics_view_new (self->context);

  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), view);
  kopir_diagnostics_view_run (KOPIR_DIAGNOSTICS_VIEW (view));
}

static void
bind_settings (KopirPreferencesWindow *self)
{
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  g_autoptr(GtkExpression) name = NULL;

  name = gtk_property_expression_new (KOPIR_TYPE_EXCHANGE_PROFILE, NULL, "name");
  adw_combo_row_set_expression (self->exchange_profile_row, name);
  adw_combo_row_set_model (self->exchange_profile_row, G_LIST_MODEL (profiles));
  select_active_profile (self);
  g_signal_connect_object (self->exchange_profile_row, "notify::selected",
                           G_CALLBACK (on_exchange_profile_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (profiles, "notify::active-id",
                           G_CALLBACK (select_active_profile), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (profiles, "notify::active",
                           G_CALLBACK (update_lockdown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "writable-changed",
                           G_CALLBACK (update_lockdown), self, G_CONNECT_SWAPPED);
  update_lockdown (self);

  kopir_exchange_addresses_set_context (self->exchange_addresses, self->context);
  kopir_api_credentials_set_context (self->api_credentials, self->context);

  g_settings_bind_with_mapping (self->settings, "document-language",
                                self->document_language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                get_index_mapping, set_index_mapping,
                                (gpointer) document_language_ids, NULL);
  g_settings_bind (self->settings, "idle-lock-minutes",
                   self->idle_lock_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
kopir_preferences_window_constructed (GObject *object)
{
  KopirPreferencesWindow *self = KOPIR_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (kopir_preferences_window_parent_class)->constructed (object);

  g_assert (KOPIR_IS_CONTEXT (self->context));

  self->settings = g_object_ref (kopir_context_get_settings (self->context));

  bind_settings (self);
}

static void
kopir_preferences_window_finalize (GObject *object)
{
  KopirPreferencesWindow *self = KOPIR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_preferences_window_parent_class)->finalize (object);
}

static void
kopir_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KopirPreferencesWindow *self = KOPIR_PREFERENCES_WINDOW (object);

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
kopir_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KopirPreferencesWindow *self = KOPIR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_preferences_window_class_init (KopirPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kopir_preferences_window_constructed;
  object_class->finalize = kopir_preferences_window_finalize;
  object_class->get_property = kopir_preferences_window_get_property;
  object_class->set_property = kopir_preferences_window_set_property;

  /**
   * KopirPreferencesWindow:context:
   *
   * The services whose settings and exchange profiles the rows show.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KOPIR_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, exchange_group);
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, exchange_profile_row);
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, exchange_addresses);
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, api_credentials);
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, document_language_row);
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, idle_lock_row);
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, idle_lock_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_test_connection_activated);
}

static void
kopir_preferences_window_init (KopirPreferencesWindow *self)
{
  g_type_ensure (KOPIR_TYPE_EXCHANGE_ADDRESSES);
  g_type_ensure (KOPIR_TYPE_API_CREDENTIALS);

  gtk_widget_init_template (GTK_WIDGET (self));
}

KopirPreferencesWindow *
kopir_preferences_window_new (KopirContext *context)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);

  return g_object_new (KOPIR_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       NULL);
}
