/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-sandbox-launcher.h: starts and stops the local practice exchange */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * KopirSandboxLauncherError:
 * @KOPIR_SANDBOX_LAUNCHER_ERROR_NOT_FOUND: kopir-sandbox is not installed
 * @KOPIR_SANDBOX_LAUNCHER_ERROR_FAILED: it exited before listening
 * @KOPIR_SANDBOX_LAUNCHER_ERROR_TIMED_OUT: it did not listen in time
 */
typedef enum
{
  KOPIR_SANDBOX_LAUNCHER_ERROR_NOT_FOUND,
  KOPIR_SANDBOX_LAUNCHER_ERROR_FAILED,
  KOPIR_SANDBOX_LAUNCHER_ERROR_TIMED_OUT,
} KopirSandboxLauncherError;

#define KOPIR_SANDBOX_LAUNCHER_ERROR (kopir_sandbox_launcher_error_quark ())
#define KOPIR_TYPE_SANDBOX_LAUNCHER (kopir_sandbox_launcher_get_type ())

G_DECLARE_FINAL_TYPE (KopirSandboxLauncher, kopir_sandbox_launcher, KOPIR, SANDBOX_LAUNCHER, GObject)

GQuark                kopir_sandbox_launcher_error_quark   (void);

KopirSandboxLauncher *kopir_sandbox_launcher_new           (const char           *state_dir);
const char           *kopir_sandbox_launcher_get_state_dir (KopirSandboxLauncher *self);
const char           *kopir_sandbox_launcher_get_base_url  (KopirSandboxLauncher *self);
const char           *kopir_sandbox_launcher_get_stream_url (KopirSandboxLauncher *self);
gboolean              kopir_sandbox_launcher_get_running   (KopirSandboxLauncher *self);
void                  kopir_sandbox_launcher_set_seed      (KopirSandboxLauncher *self,
                                                            gint64                seed);
void                  kopir_sandbox_launcher_start_async   (KopirSandboxLauncher *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean              kopir_sandbox_launcher_start_finish  (KopirSandboxLauncher *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                  kopir_sandbox_launcher_stop          (KopirSandboxLauncher *self);
void                  kopir_sandbox_launcher_stop_async    (KopirSandboxLauncher *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean              kopir_sandbox_launcher_stop_finish   (KopirSandboxLauncher *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
