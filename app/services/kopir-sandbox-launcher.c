/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-sandbox-launcher.c: starts and stops the local practice exchange
 *
 * With no exchange configured Kopir runs kopir-sandbox on a loopback port
 * chosen by the system. Its state lives under the user's data folder, so
 * practice accounts survive a restart. The sandbox writes its port to a
 * file once it listens; a file monitor on a private folder tells us when,
 * and a bounded timeout and the child's exit end the wait otherwise.
 */

#define G_LOG_DOMAIN "kopir-sandbox-launcher"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kopir-sandbox-launcher.h"

#define START_TIMEOUT_SECONDS 30

struct _KopirSandboxLauncher
{
  GObject       parent_instance;

  char         *state_dir;
  char         *port_file;
  char         *base_url;
  char         *stream_url;
  gint64        seed;
  GSubprocess  *subprocess;
  GCancellable *cancellable;

  /* The last sandbox asked to stop, until it has exited: a new one must
   * not open the same state folder while the old one still writes it. */
  GSubprocess  *stopping;

  /* While starting: the caller's task, and what may end the wait. */
  GTask        *start_task;
  GFileMonitor *monitor;
  guint         timeout_id;
};

G_DEFINE_FINAL_TYPE (KopirSandboxLauncher, kopir_sandbox_launcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-sandbox-launcher-error-quark, kopir_sandbox_launcher_error)

enum {
  PROP_0,
  PROP_STATE_DIR,
  PROP_BASE_URL,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
find_executable (void)
{
  const char *env = g_getenv ("KOPIR_SANDBOX");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (BINDIR, "kopir-sandbox", NULL);
}

/* Ends the sandbox if Kopir dies without a chance to stop it. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static guint16
read_port (const char *path)
{
  g_autofree char *contents = NULL;
  guint64 port = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;

  /* Only a complete line counts: the file is renamed into place whole,
   * but a partial write must never be trusted. */
  if (!g_str_has_suffix (contents, "\n"))
    return 0;
  g_strchomp (contents);

  if (!g_ascii_string_to_unsigned (contents, 10, 1, G_MAXUINT16, &port, NULL))
    return 0;

  return (guint16) port;
}

/* Ends the wait, successfully when @error is %NULL. */
static void
complete_start (KopirSandboxLauncher *self,
                GError               *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_listening (KopirSandboxLauncher *self,
               guint16               port)
{
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_free (self->stream_url);
  self->stream_url = g_strdup_printf ("ws://127.0.0.1:%u/ws", port);
  g_debug ("Sandbox listening on %s", self->base_url);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  complete_start (self, NULL);
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  KopirSandboxLauncher *self = user_data;
  guint16 port;

  if (self->start_task == NULL)
    return;

  port = read_port (self->port_file);
  if (port != 0)
    set_listening (self, port);
}

static gboolean
on_start_timeout (gpointer user_data)
{
  KopirSandboxLauncher *self = user_data;

  self->timeout_id = 0;
  kopir_sandbox_launcher_stop (self);
  complete_start (self, g_error_new_literal (KOPIR_SANDBOX_LAUNCHER_ERROR,
                                             KOPIR_SANDBOX_LAUNCHER_ERROR_TIMED_OUT,
                                             _("The practice exchange did not start in time. "
                                               "Close Kopir and open it again.")));

  return G_SOURCE_REMOVE;
}

/* Holds only a weak reference, so a sandbox that runs for hours does not
 * keep its launcher alive: dropping the launcher stops the sandbox. */
static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GSubprocess *subprocess = G_SUBPROCESS (object);
  GWeakRef *weak = user_data;
  g_autoptr(KopirSandboxLauncher) self = g_weak_ref_get (weak);

  g_subprocess_wait_finish (subprocess, result, NULL);
  g_weak_ref_clear (weak);
  g_free (weak);

  if (self == NULL || self->subprocess != subprocess)
    return;

  g_debug ("The sandbox exited");
  g_clear_object (&self->subprocess);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->stream_url, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  complete_start (self, g_error_new (KOPIR_SANDBOX_LAUNCHER_ERROR,
                                     KOPIR_SANDBOX_LAUNCHER_ERROR_FAILED,
                                     _("The practice exchange stopped as it started. "
                                       "Close Kopir and open it again; if it keeps failing, "
                                       "remove the folder %s."),
                                     self->state_dir));
}

static void
kopir_sandbox_launcher_dispose (GObject *object)
{
  KopirSandboxLauncher *self = (KopirSandboxLauncher *)object;

  kopir_sandbox_launcher_stop (self);
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (kopir_sandbox_launcher_parent_class)->dispose (object);
}

static void
kopir_sandbox_launcher_finalize (GObject *object)
{
  KopirSandboxLauncher *self = (KopirSandboxLauncher *)object;

  g_clear_pointer (&self->port_file, g_free);
  g_clear_object (&self->stopping);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->state_dir, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->stream_url, g_free);

  G_OBJECT_CLASS (kopir_sandbox_launcher_parent_class)->finalize (object);
}

static void
kopir_sandbox_launcher_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KopirSandboxLauncher *self = KOPIR_SANDBOX_LAUNCHER (object);

  switch (prop_id)
    {
    case PROP_STATE_DIR:
      g_value_set_string (value, self->state_dir);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, kopir_sandbox_launcher_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_sandbox_launcher_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KopirSandboxLauncher *self = KOPIR_SANDBOX_LAUNCHER (object);

  switch (prop_id)
    {
    case PROP_STATE_DIR:
      self->state_dir = g_value_dup_string (value);
      if (self->state_dir == NULL)
        self->state_dir = g_build_filename (g_get_user_data_dir (), "kopir", "sandbox", NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_sandbox_launcher_class_init (KopirSandboxLauncherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_sandbox_launcher_dispose;
  object_class->finalize = kopir_sandbox_launcher_finalize;
  object_class->get_property = kopir_sandbox_launcher_get_property;
  object_class->set_property = kopir_sandbox_launcher_set_property;

  properties[PROP_STATE_DIR] =
    g_param_spec_string ("state-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_sandbox_launcher_init (KopirSandboxLauncher *self)
{
  self->seed = -1;
  self->cancellable = g_cancellable_new ();
}

/**
 * kopir_sandbox_launcher_new:
 * @state_dir: (nullable): where the sandbox keeps its accounts; by default
 *   $XDG_DATA_HOME/kopir/sandbox
 *
 * Returns: (transfer full): a new #KopirSandboxLauncher
 */
KopirSandboxLauncher *
kopir_sandbox_launcher_new (const char *state_dir)
{
  return g_object_new (KOPIR_TYPE_SANDBOX_LAUNCHER, "state-dir", state_dir, NULL);
}

const char *
kopir_sandbox_launcher_get_state_dir (KopirSandboxLauncher *self)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self), NULL);

  return self->state_dir;
}

/**
 * kopir_sandbox_launcher_get_base_url:
 * @self: a #KopirSandboxLauncher
 *
 * Returns: (nullable): `http://127.0.0.1:PORT` while the sandbox listens
 */
const char *
kopir_sandbox_launcher_get_base_url (KopirSandboxLauncher *self)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self), NULL);

  return self->base_url;
}

/**
 * kopir_sandbox_launcher_get_stream_url:
 * @self: a #KopirSandboxLauncher
 *
 * Returns: (nullable): the WebSocket stream base while the sandbox listens
 */
const char *
kopir_sandbox_launcher_get_stream_url (KopirSandboxLauncher *self)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self), NULL);

  return self->stream_url;
}

gboolean
kopir_sandbox_launcher_get_running (KopirSandboxLauncher *self)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self), FALSE);

  return self->subprocess != NULL && self->base_url != NULL;
}

/**
 * kopir_sandbox_launcher_set_seed:
 * @self: a #KopirSandboxLauncher
 * @seed: the price generator's seed, or -1 for the sandbox's default
 *
 * Tests use a fixed seed so prices repeat from run to run.
 */
void
kopir_sandbox_launcher_set_seed (KopirSandboxLauncher *self,
                                 gint64                seed)
{
  g_return_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self));

  self->seed = seed;
}

static void spawn (KopirSandboxLauncher *self,
                   GTask                *task_in);

static void
previous_exited_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KopirSandboxLauncher) self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);
  GError *error = NULL;

  if (task == NULL)
    return;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  spawn (self, g_steal_pointer (&task));
}

/**
 * kopir_sandbox_launcher_start_async:
 * @self: a #KopirSandboxLauncher
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the sandbox listens, or failed to
 * @user_data: data for @callback
 *
 * Starts kopir-sandbox (the KOPIR_SANDBOX environment variable, or the
 * installed one) on a loopback port chosen by the system.
 */
void
kopir_sandbox_launcher_start_async (KopirSandboxLauncher *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_sandbox_launcher_start_async);

  if (self->subprocess != NULL || self->start_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The practice exchange is already running."));
      return;
    }

  /* A sandbox stopped a moment ago (the person switched profiles back and
   * forth) may still be saving its state: start once it has exited. */
  if (self->stopping != NULL)
    {
      g_autoptr(GSubprocess) stopping = g_steal_pointer (&self->stopping);

      self->start_task = g_steal_pointer (&task);
      g_subprocess_wait_async (stopping, cancellable, previous_exited_cb, g_object_ref (self));
      return;
    }

  spawn (self, g_steal_pointer (&task));
}

static void
spawn (KopirSandboxLauncher *self,
       GTask                *task_in)
{
  g_autoptr(GTask) task = task_in;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GFile) state_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *executable = NULL;
  g_autofree char *seed = NULL;
  GWeakRef *weak;
  guint16 port;

  executable = find_executable ();
  if (!g_file_test (executable, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_task_return_new_error (task, KOPIR_SANDBOX_LAUNCHER_ERROR,
                               KOPIR_SANDBOX_LAUNCHER_ERROR_NOT_FOUND,
                               _("The practice exchange is not installed. Install the "
                                 "kopir-sandbox program, or choose another exchange in "
                                 "Preferences."));
      return;
    }

  if (g_mkdir_with_parents (self->state_dir, 0700) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               _("The practice exchange cannot keep its data in %s: %s"),
                               self->state_dir, g_strerror (errsv));
      return;
    }

  /* The port file lives beside the state it serves, so whoever needs the
   * practice exchange of this user (a developer, a test driving Kopir)
   * finds it there; a stale one from an earlier run goes first. */
  if (self->port_file == NULL)
    self->port_file = g_build_filename (self->state_dir, "port", NULL);
  g_unlink (self->port_file);

  /* Watch before starting, so the port file cannot appear unnoticed. */
  state_dir = g_file_new_for_path (self->state_dir);
  self->monitor = g_file_monitor_directory (state_dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self);

  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, executable);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  g_ptr_array_add (argv, (char *) "--port-file");
  g_ptr_array_add (argv, self->port_file);
  g_ptr_array_add (argv, (char *) "--state-dir");
  g_ptr_array_add (argv, self->state_dir);
  if (self->seed >= 0)
    {
      seed = g_strdup_printf ("%" G_GINT64_FORMAT, self->seed);
      g_ptr_array_add (argv, (char *) "--seed");
      g_ptr_array_add (argv, seed);
    }
  g_ptr_array_add (argv, NULL);

  /* Its one line on standard output ("listening on ...") says what the
   * port file says; keeping it off Kopir's own output keeps that clean
   * (a test's TAP stream, for one). Its warnings still go to stderr. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* The exchange's own debug output (it sees personal data and keys, as
   * an exchange must) is not mixed into Kopir's log. */
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  self->subprocess = g_subprocess_launcher_spawnv (launcher,
                                                   (const char * const *) argv->pdata,
                                                   &error);
  self->start_task = g_steal_pointer (&task);

  if (self->subprocess == NULL)
    {
      g_debug ("Starting %s: %s", executable, error->message);
      complete_start (self, g_error_new (KOPIR_SANDBOX_LAUNCHER_ERROR,
                                         KOPIR_SANDBOX_LAUNCHER_ERROR_FAILED,
                                         _("The practice exchange could not start: %s"),
                                         error->message));
      return;
    }

  self->timeout_id = g_timeout_add_seconds (START_TIMEOUT_SECONDS, on_start_timeout, self);

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  g_subprocess_wait_async (self->subprocess, self->cancellable, wait_cb, weak);

  /* In case the file appeared before the monitor was watching. */
  port = read_port (self->port_file);
  if (port != 0)
    set_listening (self, port);
}

gboolean
kopir_sandbox_launcher_start_finish (KopirSandboxLauncher  *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Forgets the running sandbox and asks it to stop; returns it, so a
 * caller may wait for its exit. */
static GSubprocess *
stop_subprocess (KopirSandboxLauncher *self)
{
  GSubprocess *subprocess = g_steal_pointer (&self->subprocess);

  if (subprocess == NULL)
    return NULL;

  g_debug ("Stopping the sandbox");
  g_subprocess_send_signal (subprocess, SIGTERM);
  g_set_object (&self->stopping, subprocess);
  if (self->port_file != NULL)
    g_unlink (self->port_file);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->stream_url, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  return subprocess;
}

/**
 * kopir_sandbox_launcher_stop:
 * @self: a #KopirSandboxLauncher
 *
 * Asks the sandbox to stop; it saves its state on the way out. The
 * launcher forgets it at once (its exit is still collected), so a new one
 * may be started straight away, for instance when the customer switches
 * back to the sandbox profile.
 */
void
kopir_sandbox_launcher_stop (KopirSandboxLauncher *self)
{
  g_autoptr(GSubprocess) subprocess = NULL;

  g_return_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self));

  subprocess = stop_subprocess (self);
}

static void
stop_wait_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kopir_sandbox_launcher_stop_async:
 * @self: a #KopirSandboxLauncher
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the sandbox has exited
 * @user_data: data for @callback
 *
 * Like kopir_sandbox_launcher_stop(), and tells when the process has
 * exited and let go of its state folder.
 */
void
kopir_sandbox_launcher_stop_async (KopirSandboxLauncher *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;

  g_return_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_sandbox_launcher_stop_async);

  subprocess = stop_subprocess (self);
  if (subprocess == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_subprocess_wait_async (subprocess, cancellable, stop_wait_cb, g_steal_pointer (&task));
}

gboolean
kopir_sandbox_launcher_stop_finish (KopirSandboxLauncher  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_LAUNCHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
