/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirWindow is the main window: the header bar with the page switcher and
 * the primary menu, the banner that says when no real money is involved,
 * and the pages. It keeps its size, maximized state and page in the
 * settings so the next start looks like the last one.
 */

#define G_LOG_DOMAIN "kopir-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-account-page.h"
#include "kopir-bank-page.h"
#include "kopir-buy-page.h"
#include "kopir-history-page.h"
#include "kopir-window.h"

struct _KopirWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwViewStack         *stack;
  GtkRevealer          *sandbox_banner;
  GtkLabel             *sandbox_banner_label;
};

G_DEFINE_FINAL_TYPE (KopirWindow, kopir_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACTIVE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const page_names[] = { "account", "bank", "buy", "history" };

static gboolean
is_page_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
update_sandbox_banner (KopirWindow *self)
{
  g_autofree char *profile = g_settings_get_string (self->settings, "exchange-profile");
  const char *text = NULL;

  /* Whenever no real money is at stake the window must say so, on every
   * page, so that nobody mistakes a practice purchase for a real one. */
  if (g_strcmp0 (profile, "sandbox") == 0)
    text = _("Practice exchange: Kopir uses a local sandbox on this computer. "
             "No real money is involved.");
  else if (g_strcmp0 (profile, "binance-testnet") == 0)
    text = _("Test network: Kopir is connected to the Binance Spot Test Network. "
             "Its funds are not real money.");

  if (text != NULL)
    gtk_label_set_label (self->sandbox_banner_label, text);

  gtk_revealer_set_reveal_child (self->sandbox_banner, text != NULL);
}

static void
on_exchange_profile_changed (GSettings   *settings,
                             const char  *key,
                             KopirWindow *self)
{
  update_sandbox_banner (self);
}

static void
on_stack_visible_child_name_changed (KopirWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PAGE]);
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  KopirWindow *self = KOPIR_WINDOW (user_data);

  kopir_window_set_active_page (self, g_variant_get_string (parameter, NULL));
}

static const GActionEntry win_entries[] = {
  { "show-page", show_page_activated, "s" },
};

static void
save_window_state (KopirWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* The size of a maximized window says nothing about the size the person
   * chose, so keep the one from before. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

static void
restore_window_state (KopirWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
kopir_window_close_request (GtkWindow *window)
{
  save_window_state (KOPIR_WINDOW (window));

  return GTK_WINDOW_CLASS (kopir_window_parent_class)->close_request (window);
}

static void
kopir_window_constructed (GObject *object)
{
  KopirWindow *self = KOPIR_WINDOW (object);

  G_OBJECT_CLASS (kopir_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  restore_window_state (self);

  g_settings_bind (self->settings, "active-page",
                   self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::exchange-profile",
                           G_CALLBACK (on_exchange_profile_changed), self, 0);
  update_sandbox_banner (self);
}

static void
kopir_window_finalize (GObject *object)
{
  KopirWindow *self = KOPIR_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kopir_window_parent_class)->finalize (object);
}

static void
kopir_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KopirWindow *self = KOPIR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_ACTIVE_PAGE:
      g_value_set_string (value, kopir_window_get_active_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KopirWindow *self = KOPIR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_ACTIVE_PAGE:
      kopir_window_set_active_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_window_class_init (KopirWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kopir_window_constructed;
  object_class->finalize = kopir_window_finalize;
  object_class->get_property = kopir_window_get_property;
  object_class->set_property = kopir_window_set_property;

  window_class->close_request = kopir_window_close_request;

  /**
   * KopirWindow:settings:
   *
   * The application settings the window restores its state from.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * KopirWindow:active-page:
   *
   * The name of the page shown: "account", "bank", "buy" or "history".
   */
  properties[PROP_ACTIVE_PAGE] =
    g_param_spec_string ("active-page", NULL, NULL,
                         "account",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KOPIR_TYPE_ACCOUNT_PAGE);
  g_type_ensure (KOPIR_TYPE_BANK_PAGE);
  g_type_ensure (KOPIR_TYPE_BUY_PAGE);
  g_type_ensure (KOPIR_TYPE_HISTORY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, sandbox_banner);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, sandbox_banner_label);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_name_changed);
}

static void
kopir_window_init (KopirWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   win_entries, G_N_ELEMENTS (win_entries),
                                   self);
}

KopirWindow *
kopir_window_new (KopirApplication *application,
                  GSettings        *settings)
{
  g_return_val_if_fail (KOPIR_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (KOPIR_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

/**
 * kopir_window_get_active_page:
 * @self: a #KopirWindow
 *
 * Returns: the name of the page shown
 */
const char *
kopir_window_get_active_page (KopirWindow *self)
{
  g_return_val_if_fail (KOPIR_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * kopir_window_set_active_page:
 * @self: a #KopirWindow
 * @page: "account", "bank", "buy" or "history"
 *
 * Shows @page. Unknown names are ignored with a warning.
 */
void
kopir_window_set_active_page (KopirWindow *self,
                              const char  *page)
{
  g_return_if_fail (KOPIR_IS_WINDOW (self));

  if (!is_page_name (page))
    {
      g_warning ("No page named “%s”", page ? page : "(null)");
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, page);
}
