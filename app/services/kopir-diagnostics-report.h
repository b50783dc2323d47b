/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-diagnostics-report.h: the "test connection" result as text */

#pragma once

#include <gio/gio.h>

#include "kopir-diagnostic-check.h"

G_BEGIN_DECLS

/**
 * KopirDiagnosticsOutcome:
 * @KOPIR_DIAGNOSTICS_OUTCOME_OK: every check that ran passed
 * @KOPIR_DIAGNOSTICS_OUTCOME_WARNING: it works, but a check needs attention
 * @KOPIR_DIAGNOSTICS_OUTCOME_FAILED: at least one check failed
 *
 * The overall result of a list of checks.
 */
typedef enum
{
  KOPIR_DIAGNOSTICS_OUTCOME_OK,
  KOPIR_DIAGNOSTICS_OUTCOME_WARNING,
  KOPIR_DIAGNOSTICS_OUTCOME_FAILED,
} KopirDiagnosticsOutcome;

KopirDiagnosticsOutcome  kopir_diagnostics_report_outcome (GListModel  *checks);
char                    *kopir_diagnostics_report_summary (GListModel  *checks);
char                    *kopir_diagnostics_report_format  (GListModel  *checks,
                                                           const char  *profile_id,
                                                           const char  *profile_name,
                                                           const char  *address,
                                                           GDateTime   *when);

G_END_DECLS
