/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-diagnostics-report.c: the "test connection" result as text
 *
 * The person at a bank's IT desk copies the result of a connection test
 * into a support ticket or a chat with the exchange. The text says which
 * exchange and address were tested and when, then one line per check with
 * a status word that stays in English whatever the language (so the
 * exchange's support can read it), and the check's own translated words.
 * All of it goes through kopir_redact(): a key or an account number that
 * an error message happened to carry does not leave in a ticket.
 */

#define G_LOG_DOMAIN "kopir-diagnostics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-diagnostics-report.h"
#include "kopir-redact.h"

static void
count (GListModel *checks,
       guint      *n_failed,
       guint      *n_warnings)
{
  guint n = g_list_model_get_n_items (checks);

  *n_failed = *n_warnings = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirDiagnosticCheck) check = g_list_model_get_item (checks, i);

      switch (kopir_diagnostic_check_get_status (check))
        {
        case KOPIR_CHECK_STATUS_FAILED:
          (*n_failed)++;
          break;
        case KOPIR_CHECK_STATUS_WARNING:
          (*n_warnings)++;
          break;
        case KOPIR_CHECK_STATUS_OK:
        case KOPIR_CHECK_STATUS_SKIPPED:
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * kopir_diagnostics_report_outcome:
 * @checks: a list of #KopirDiagnosticCheck
 *
 * Returns: failed if any check failed, else warning if any needs
 *   attention, else ok
 */
KopirDiagnosticsOutcome
kopir_diagnostics_report_outcome (GListModel *checks)
{
  guint n_failed, n_warnings;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), KOPIR_DIAGNOSTICS_OUTCOME_FAILED);

  count (checks, &n_failed, &n_warnings);
  if (n_failed > 0)
    return KOPIR_DIAGNOSTICS_OUTCOME_FAILED;
  if (n_warnings > 0)
    return KOPIR_DIAGNOSTICS_OUTCOME_WARNING;

  return KOPIR_DIAGNOSTICS_OUTCOME_OK;
}

/**
 * kopir_diagnostics_report_summary:
 * @checks: a list of #KopirDiagnosticCheck
 *
 * Returns: (transfer full): one translated sentence on the whole result
 */
char *
kopir_diagnostics_report_summary (GListModel *checks)
{
  guint n_failed, n_warnings;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), NULL);

  count (checks, &n_failed, &n_warnings);

  if (n_failed > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u check failed. Follow the advice given with it.",
                                         "%u checks failed. Follow the advice given with them.",
                                         n_failed),
                            n_failed);

  if (n_warnings > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The connection works; %u check needs attention.",
                                         "The connection works; %u checks need attention.",
                                         n_warnings),
                            n_warnings);

  return g_strdup (_("The connection works."));
}

static const char *
status_word (KopirCheckStatus status)
{
  /* Not translated: read by the exchange's support, in any language. */
  switch (status)
    {
    case KOPIR_CHECK_STATUS_OK:
      return "OK";
    case KOPIR_CHECK_STATUS_WARNING:
      return "WARNING";
    case KOPIR_CHECK_STATUS_FAILED:
      return "FAILED";
    case KOPIR_CHECK_STATUS_SKIPPED:
      return "SKIPPED";
    default:
      g_assert_not_reached ();
    }
}

/**
 * kopir_diagnostics_report_format:
 * @checks: a list of #KopirDiagnosticCheck
 * @profile_id: (nullable): the exchange profile's id
 * @profile_name: (nullable): its name, as shown
 * @address: (nullable): the trading address tested
 * @when: (nullable): when the test ran; now if %NULL
 *
 * Returns: (transfer full): the report, with personal data and secrets
 *   masked
 */
char *
kopir_diagnostics_report_format (GListModel *checks,
                                 const char *profile_id,
                                 const char *profile_name,
                                 const char *address,
                                 GDateTime  *when)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *time = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), NULL);

  if (when == NULL)
    when = now = g_date_time_new_now_local ();

  /* ISO 8601 with the offset: unambiguous for a reader anywhere. */
  time = g_date_time_format (when, "%Y-%m-%d %H:%M:%S %z");
  summary = kopir_diagnostics_report_summary (checks);

  /* Translators: the first line of a copied connection test report. */
  g_string_append_printf (text, _("Kopir %s connection test"), PACKAGE_VERSION);
  g_string_append_c (text, '\n');
  /* Translators: "Exchange: Other exchange (custom)" in a copied report. */
  g_string_append_printf (text, _("Exchange: %s (%s)"),
                          profile_name != NULL ? profile_name : "-",
                          profile_id != NULL ? profile_id : "-");
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Address: %s"), address != NULL ? address : "-");
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Tested: %s"), time);
  g_string_append (text, "\n\n");

  n = g_list_model_get_n_items (checks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirDiagnosticCheck) check = g_list_model_get_item (checks, i);

      g_string_append_printf (text, "[%s] %s (%s): %s\n",
                              status_word (kopir_diagnostic_check_get_status (check)),
                              kopir_diagnostic_check_get_title (check),
                              kopir_diagnostic_check_get_id (check),
                              kopir_diagnostic_check_get_detail (check));
    }

  g_string_append_c (text, '\n');
  g_string_append (text, summary);
  g_string_append_c (text, '\n');

  return kopir_redact (text->str);
}
