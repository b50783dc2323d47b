/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-diagnostic-check.h: one line of the "test connection" report */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KopirCheckStatus:
 * @KOPIR_CHECK_STATUS_OK: fine
 * @KOPIR_CHECK_STATUS_WARNING: works, but needs attention
 * @KOPIR_CHECK_STATUS_FAILED: does not work
 * @KOPIR_CHECK_STATUS_SKIPPED: could not be checked (an earlier check
 *   failed, or nothing to check)
 */
typedef enum
{
  KOPIR_CHECK_STATUS_OK,
  KOPIR_CHECK_STATUS_WARNING,
  KOPIR_CHECK_STATUS_FAILED,
  KOPIR_CHECK_STATUS_SKIPPED,
} KopirCheckStatus;

#define KOPIR_TYPE_DIAGNOSTIC_CHECK (kopir_diagnostic_check_get_type ())

G_DECLARE_FINAL_TYPE (KopirDiagnosticCheck, kopir_diagnostic_check, KOPIR, DIAGNOSTIC_CHECK, GObject)

KopirDiagnosticCheck *kopir_diagnostic_check_new        (const char           *id,
                                                         const char           *title,
                                                         KopirCheckStatus      status,
                                                         const char           *detail);
const char           *kopir_diagnostic_check_get_id     (KopirDiagnosticCheck *self);
const char           *kopir_diagnostic_check_get_title  (KopirDiagnosticCheck *self);
KopirCheckStatus      kopir_diagnostic_check_get_status (KopirDiagnosticCheck *self);
const char           *kopir_diagnostic_check_get_detail (KopirDiagnosticCheck *self);

G_END_DECLS
