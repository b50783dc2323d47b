/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-test-util.h: helpers shared by the services tests */

#pragma once

#include <gio/gio.h>

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

G_END_DECLS
