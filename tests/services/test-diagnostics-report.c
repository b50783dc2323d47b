/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-diagnostics-report.c: the copied "test connection" report */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include "kopir-diagnostics-report.h"

static GListModel *
make_checks (KopirCheckStatus clock,
             KopirCheckStatus key,
             const char      *key_detail)
{
  GListStore *store = g_list_store_new (KOPIR_TYPE_DIAGNOSTIC_CHECK);
  struct {
    const char       *id;
    const char       *title;
    KopirCheckStatus  status;
    const char       *detail;
  } checks[] = {
    { "reachable", "Connection", KOPIR_CHECK_STATUS_OK, "The exchange answers, in 4 milliseconds." },
    { "tls", "Encryption", KOPIR_CHECK_STATUS_OK, "The exchange runs on this computer." },
    { "clock", "Clock", clock, "This computer’s clock agrees with the exchange’s." },
    { "key", "API key", key, key_detail },
    { "rate-limit", "Request allowance", KOPIR_CHECK_STATUS_SKIPPED, "Not said." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(KopirDiagnosticCheck) check =
        kopir_diagnostic_check_new (checks[i].id, checks[i].title, checks[i].status, checks[i].detail);

      g_list_store_append (store, check);
    }

  return G_LIST_MODEL (store);
}

static void
test_outcome (void)
{
  g_autoptr(GListModel) good = make_checks (KOPIR_CHECK_STATUS_OK, KOPIR_CHECK_STATUS_OK, "Fine.");
  g_autoptr(GListModel) warning = make_checks (KOPIR_CHECK_STATUS_WARNING, KOPIR_CHECK_STATUS_OK, "Fine.");
  g_autoptr(GListModel) failed = make_checks (KOPIR_CHECK_STATUS_WARNING, KOPIR_CHECK_STATUS_FAILED,
                                              "The exchange did not accept your API key.");
  g_autoptr(GListModel) empty = G_LIST_MODEL (g_list_store_new (KOPIR_TYPE_DIAGNOSTIC_CHECK));
  g_autofree char *good_summary = kopir_diagnostics_report_summary (good);
  g_autofree char *warning_summary = kopir_diagnostics_report_summary (warning);
  g_autofree char *failed_summary = kopir_diagnostics_report_summary (failed);

  /* A skipped check is not a problem by itself. */
  g_assert_cmpint (kopir_diagnostics_report_outcome (good), ==, KOPIR_DIAGNOSTICS_OUTCOME_OK);
  g_assert_cmpint (kopir_diagnostics_report_outcome (warning), ==, KOPIR_DIAGNOSTICS_OUTCOME_WARNING);
  g_assert_cmpint (kopir_diagnostics_report_outcome (failed), ==, KOPIR_DIAGNOSTICS_OUTCOME_FAILED);
  g_assert_cmpint (kopir_diagnostics_report_outcome (empty), ==, KOPIR_DIAGNOSTICS_OUTCOME_OK);

  g_assert_cmpstr (good_summary, ==, "The connection works.");
  g_assert_cmpstr (warning_summary, ==, "The connection works; 1 check needs attention.");
  g_assert_cmpstr (failed_summary, ==, "1 check failed. Follow the advice given with it.");
}

static void
test_format (void)
{
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+05:00");
  g_autofree char *report = NULL;
  g_auto(GStrv) lines = NULL;

  /* An error message that carried a key, an IIN and an IBAN. */
  checks = make_checks (KOPIR_CHECK_STATUS_OK, KOPIR_CHECK_STATUS_FAILED,
                        "Key vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A "
                        "of 900101300123 with KZ86125KZT5004100100 was refused.");
  when = g_date_time_new (zone, 2024, 5, 17, 14, 3, 9);
  report = kopir_diagnostics_report_format (checks, "custom", "Other exchange",
                                            "http://127.0.0.1:41234", when);
  lines = g_strsplit (report, "\n", -1);

  g_assert_cmpstr (lines[0], ==, "Kopir " PACKAGE_VERSION " connection test");
  g_assert_cmpstr (lines[1], ==, "Exchange: Other exchange (custom)");
  g_assert_cmpstr (lines[2], ==, "Address: http://127.0.0.1:41234");
  g_assert_cmpstr (lines[3], ==, "Tested: 2024-05-17 14:03:09 +0500");
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_cmpstr (lines[5], ==, "[OK] Connection (reachable): The exchange answers, in 4 milliseconds.");
  g_assert_cmpstr (lines[6], ==, "[OK] Encryption (tls): The exchange runs on this computer.");
  g_assert_true (g_str_has_prefix (lines[7], "[OK] Clock (clock): "));
  g_assert_true (g_str_has_prefix (lines[8], "[FAILED] API key (key): "));
  g_assert_cmpstr (lines[9], ==, "[SKIPPED] Request allowance (rate-limit): Not said.");
  g_assert_cmpstr (lines[11], ==, "1 check failed. Follow the advice given with it.");

  /* Nothing that identifies a person or opens an account leaves. */
  g_assert_null (strstr (report, "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"));
  g_assert_null (strstr (report, "900101300123"));
  g_assert_null (strstr (report, "KZ86125KZT5004100100"));
  g_assert_nonnull (strstr (lines[8], "[redacted]"));
  g_assert_nonnull (strstr (lines[8], "********0123"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnostics-report/outcome", test_outcome);
  g_test_add_func ("/diagnostics-report/format", test_format);

  return g_test_run ();
}
