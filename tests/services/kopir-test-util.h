/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-test-util.h: helpers shared by the services tests */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kopir-credentials.h"
#include "kopir-sandbox-launcher.h"

G_BEGIN_DECLS

/* Seconds any single wait may take before the test fails. */
#define KOPIR_TEST_TIMEOUT_SECONDS 60

void          kopir_test_async_cb     (GObject       *object,
                                       GAsyncResult  *result,
                                       gpointer       user_data);
GAsyncResult *kopir_test_wait_result  (GAsyncResult **slot);
void          kopir_test_wait_for     (gboolean     (*condition) (gpointer data),
                                       gpointer       data);
char         *kopir_test_scan_tree    (const char    *path,
                                       const char   **needles);

/* A kopir-sandbox of the test's own, on a loopback port chosen by the
 * system, with its state in a temporary folder outside HOME. */
typedef struct
{
  KopirSandboxLauncher *launcher;
  char                 *state_dir;
  SoupSession          *control;
} KopirTestSandbox;

KopirTestSandbox *kopir_test_sandbox_new            (void);
void              kopir_test_sandbox_free           (KopirTestSandbox  *sandbox);
const char       *kopir_test_sandbox_get_url        (KopirTestSandbox  *sandbox);
JsonNode         *kopir_test_sandbox_request        (KopirTestSandbox  *sandbox,
                                                     const char        *method,
                                                     const char        *path,
                                                     const char        *json_body,
                                                     guint             *status);
KopirCredentials *kopir_test_sandbox_new_customer   (KopirTestSandbox  *sandbox,
                                                     const char        *kzt,
                                                     char             **customer_id);
void              kopir_test_sandbox_arm_fault      (KopirTestSandbox  *sandbox,
                                                     const char        *json_body);
void              kopir_test_sandbox_clear_faults   (KopirTestSandbox  *sandbox);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirTestSandbox, kopir_test_sandbox_free)

G_END_DECLS
