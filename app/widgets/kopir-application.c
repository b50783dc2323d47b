/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirApplication owns what lives as long as the process: the settings,
 * the context with every service (started once, at start-up), the
 * application-wide actions and their keyboard shortcuts. Windows are
 * created on activation and handed the context.
 */

#define G_LOG_DOMAIN "kopir-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-application.h"
#include "kopir-assisted-shell.h"
#include "kopir-context.h"
#include "kopir-preferences-window.h"
#include "kopir-window.h"

struct _KopirApplication
{
  AdwApplication        parent_instance;

  GSettings            *settings;
  KopirContext         *context;
  GCancellable         *cancellable;

  /* Assisted mode */
  gboolean              assisted;
  KopirAssistedSession *assisted_session;
  GError               *assisted_error;
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

  preferences = kopir_preferences_window_new (self->context);
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

static void
context_started_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The context keeps the reason in its "problem" property, which the
   * windows show with a way to try again. */
  if (!kopir_context_start_finish (KOPIR_CONTEXT (object), result, &error))
    g_debug ("Connecting to the exchange: %s", error->message);
}

static void
start_context (KopirApplication *self)
{
  kopir_context_start_async (self->context, self->cancellable, context_started_cb, NULL);
}

static void
reconnect_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  start_context (KOPIR_APPLICATION (user_data));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "reconnect", reconnect_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

/* Assisted mode */

static void
assisted_started_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KopirApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The session shows what went wrong through its "problem" property. */
  if (!kopir_assisted_session_startup_finish (KOPIR_ASSISTED_SESSION (object), result, &error))
    g_warning ("Starting assisted mode: %s", error->message);

  /* Only now: what a previous run left in the keyring is gone, so the
   * exchange client cannot pick it up. */
  start_context (self);
}

static void
on_assisted_error_response (AdwMessageDialog *dialog,
                            const char       *response,
                            GApplication     *app)
{
  g_application_quit (app);
}

static void
activate_assisted (KopirApplication *self)
{
  KopirWindow *window;
  KopirAssistedShell *shell;

  if (self->assisted_error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (NULL, _("Assisted Mode Cannot Start"),
                                                  self->assisted_error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
      g_signal_connect (dialog, "response", G_CALLBACK (on_assisted_error_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  window = kopir_window_new (self, self->context);
  shell = kopir_assisted_shell_new (self->assisted_session);
  kopir_assisted_shell_attach (shell, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

static void
kopir_application_activate (GApplication *app)
{
  KopirApplication *self = KOPIR_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->assisted)
    {
      activate_assisted (self);
      return;
    }

  window = GTK_WINDOW (kopir_window_new (self, self->context));
  gtk_window_present (window);
}

static int
kopir_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  KopirApplication *self = KOPIR_APPLICATION (app);

  /* The option or the setting (which an administrator may lock). A branch
   * desk is its own process: a second "kopir --assisted" must not hand
   * over to a customer's Kopir that is running already, nor the other way
   * round. */
  self->assisted = g_variant_dict_contains (options, "assisted") ||
                   g_settings_get_boolean (self->settings, "assisted-mode");
  if (self->assisted)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
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

  /* Started before the first window shows, so the practice exchange is
   * usually listening by the time the person looks. */
  self->context = kopir_context_new (self->settings);

  if (self->assisted)
    {
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "kopir", "audit", "audit.sqlite", NULL);
      g_autoptr(KopirAuditTrail) audit = kopir_audit_trail_new (path, &self->assisted_error);

      if (audit != NULL)
        {
          self->assisted_session = kopir_assisted_session_new (self->context, audit);
          kopir_assisted_session_startup_async (self->assisted_session, self->cancellable,
                                                assisted_started_cb, g_object_ref (self));
          return;
        }
    }

  start_context (self);
}

static void
kopir_application_shutdown (GApplication *app)
{
  KopirApplication *self = KOPIR_APPLICATION (app);

  /* What staff did last is on disk before the process goes. */
  if (self->assisted_session != NULL)
    kopir_audit_trail_flush (kopir_assisted_session_get_audit_trail (self->assisted_session));

  /* Disposing the context stops the practice exchange it started. */
  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_object_run_dispose (G_OBJECT (self->context));

  G_APPLICATION_CLASS (kopir_application_parent_class)->shutdown (app);
}

static void
kopir_application_dispose (GObject *object)
{
  KopirApplication *self = KOPIR_APPLICATION (object);

  g_clear_object (&self->assisted_session);
  g_clear_error (&self->assisted_error);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
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
  app_class->handle_local_options = kopir_application_handle_local_options;
  app_class->startup = kopir_application_startup;
  app_class->shutdown = kopir_application_shutdown;
}

static void
kopir_application_init (KopirApplication *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();

  g_application_add_main_option (G_APPLICATION (self), "assisted", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Run as a bank branch desk (assisted mode): staff sign in and serve one "
                                   "customer at a time"),
                                 NULL);
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
 * kopir_application_get_context:
 * @self: a #KopirApplication
 *
 * Returns: (transfer none) (nullable): the services' context, once started up
 */
KopirContext *
kopir_application_get_context (KopirApplication *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICATION (self), NULL);

  return self->context;
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
