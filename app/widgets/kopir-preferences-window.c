/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirPreferencesWindow shows the settings a person or the branch's IT may
 * change: the exchange profile, the language of printed documents and when
 * Kopir locks itself. Every row is bound to its key, so a key locked down by
 * an administrator shows as insensitive.
 */

#define G_LOG_DOMAIN "kopir-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-preferences-window.h"

struct _KopirPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwComboRow          *exchange_profile_row;
  AdwComboRow          *document_language_row;
  GtkAdjustment        *idle_lock_adjustment;
};

G_DEFINE_FINAL_TYPE (KopirPreferencesWindow, kopir_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The profiles Kopir knows so far, in the order of the combo row. The
 * identifiers are the values of the "exchange-profile" key. */
static const char * const exchange_profile_ids[] = { "sandbox", "binance-testnet", NULL };
static const char * const exchange_profile_labels[] = {
  N_("Local sandbox (no real money)"),
  N_("Binance Spot Test Network (test funds)"),
};

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

static void
bind_settings (KopirPreferencesWindow *self)
{
  g_autoptr(GtkStringList) profile_labels = gtk_string_list_new (NULL);

  G_STATIC_ASSERT (G_N_ELEMENTS (exchange_profile_labels) + 1 == G_N_ELEMENTS (exchange_profile_ids));

  for (guint i = 0; i < G_N_ELEMENTS (exchange_profile_labels); i++)
    gtk_string_list_append (profile_labels, _(exchange_profile_labels[i]));
  adw_combo_row_set_model (self->exchange_profile_row, G_LIST_MODEL (profile_labels));

  g_settings_bind_with_mapping (self->settings, "exchange-profile",
                                self->exchange_profile_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                get_index_mapping, set_index_mapping,
                                (gpointer) exchange_profile_ids, NULL);
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

  g_assert (G_IS_SETTINGS (self->settings));

  bind_settings (self);
}

static void
kopir_preferences_window_finalize (GObject *object)
{
  KopirPreferencesWindow *self = KOPIR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

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
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
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
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
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
   * KopirPreferencesWindow:settings:
   *
   * The application settings the rows are bound to.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, exchange_profile_row);
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, document_language_row);
  gtk_widget_class_bind_template_child (widget_class, KopirPreferencesWindow, idle_lock_adjustment);
}

static void
kopir_preferences_window_init (KopirPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KopirPreferencesWindow *
kopir_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (KOPIR_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
