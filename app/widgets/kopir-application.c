/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirApplication owns what lives as long as the process: the settings,
 * the application-wide actions and their keyboard shortcuts. Windows are
 * created on activation and handed what they need.
 */

#define G_LOG_DOMAIN "kopir-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-application.h"
#include "kopir-preferences-window.h"
#include "kopir-window.h"

struct _KopirApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (KopirApplication, kopir_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[2];
} accelerators[] = {
  { "app.quit",                    { "<Control>q", NULL } },
  { "app.preferences",             { "<Control>comma", NULL } },
  { "window.close",                { "<Control>w", NULL } },
  { "win.show-page('account')",    { "<Alt>1", NULL } },
  { "win.show-page('bank')",       { "<Alt>2", NULL } },
  { "win.show-page('buy')",        { "<Alt>3", NULL } },
  { "win.show-page('history')",    { "<Alt>4", NULL } },
};

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window rather than quitting outright lets every window
   * save its state, exactly as when the person closes it by hand. The
   * application exits when the last one is gone. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  KopirApplication *self = KOPIR_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  KopirPreferencesWindow *preferences;

  preferences = kopir_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  KopirApplication *self = KOPIR_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Kopir"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Kopir developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Open an account at an exchange of the Astana "
                                      "International Financial Centre, link your tenge bank "
                                      "account and buy crypto-assets."),
                        "website", "https://github.com/kopir/kopir",
                        "issue-url", "https://github.com/kopir/kopir/issues",
                        "copyright", _("© 2026 The Kopir developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: Replace this with your names, one name per line. */
                        "translator-credits", _("translator-credits"),
                        "release-notes-version", PACKAGE_VERSION,
                        "release-notes", _("<p>The first release: the application window with "
                                           "its pages, preferences, keyboard shortcuts and "
                                           "translations into Kazakh and Russian.</p>"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static void
kopir_application_activate (GApplication *app)
{
  KopirApplication *self = KOPIR_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (kopir_window_new (self, self->settings));

  gtk_window_present (window);
}

static void
kopir_application_startup (GApplication *app)
{
  KopirApplication *self = KOPIR_APPLICATION (app);

  G_APPLICATION_CLASS (kopir_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries, G_N_ELEMENTS (app_entries),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accelerators[i].action,
                                           accelerators[i].accels);
}

static void
kopir_application_dispose (GObject *object)
{
  KopirApplication *self = KOPIR_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kopir_application_parent_class)->dispose (object);
}

static void
kopir_application_class_init (KopirApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kopir_application_dispose;

  app_class->activate = kopir_application_activate;
  app_class->startup = kopir_application_startup;
}

static void
kopir_application_init (KopirApplication *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
}

KopirApplication *
kopir_application_new (void)
{
  return g_object_new (KOPIR_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/kopir/Kopir",
                       NULL);
}

/**
 * kopir_application_get_settings:
 * @self: a #KopirApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
kopir_application_get_settings (KopirApplication *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICATION (self), NULL);

  return self->settings;
}
