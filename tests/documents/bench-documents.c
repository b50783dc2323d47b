/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Figures for the documents layer: loading a catalogue, laying out and
 * writing each document as a PDF, and paginating a long document.  Run
 * with `meson test -C _build --benchmark --suite documents -v`.
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "kopir-application-summary-document.h"
#include "kopir-deposit-instructions-document.h"
#include "kopir-receipt-document.h"
#include "kopir-documents-test-util.h"

#define ROUNDS 30

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("%-52s p50 %7.2f ms   p90 %7.2f ms   (%u runs)\n", what,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, samples->len * 9 / 10), samples->len);
}

static KopirDecimal
dec (const char *text)
{
  KopirDecimal value;

  g_assert_true (kopir_decimal_parse (text, &value, NULL));
  return value;
}

static KopirDocument *
make_deposit (const char         *language,
              KopirBankDirectory *directory)
{
  KopirPilotLimit limit = { TRUE, dec ("1000.00"), dec ("360.00"), dec ("640.00"), dec ("326400.00"),
                            1793473200000000, 1796065200000000 };
  KopirDepositInstructions data = { "Astana Digital Assets Exchange Ltd.", "190440005557",
                                    "KZ07856KZT5001234567", NULL, "1234567",
                                    "Сәрсенова Әлия Нұрланқызы", "920314401231", TRUE, &limit, NULL,
                                    FALSE };

  return kopir_deposit_instructions_document_new (language, &data, directory, NULL);
}

static KopirDocument *
make_receipt (const char *language)
{
  static KopirLedgerFill fills[] = {
    { 1, { 4065000000, 2 }, { 123000, 8 }, { 123, 8 }, "BTC", 0 },
  };
  KopirLedgerOrder order = { 0 };
  KopirReceipt data = { 0 };

  order.client_order_id = (char *) "kopir-5f2c9a1e-0001";
  order.symbol = (char *) "BTCKZT";
  order.base_asset = (char *) "BTC";
  order.quote_asset = (char *) "KZT";
  order.has_quote_amount = TRUE;
  order.quote_amount = dec ("50000.00");
  order.state = KOPIR_ORDER_STATE_FILLED;
  order.exchange_order_id = 884213;
  order.executed_qty = dec ("0.00123000");
  order.cumulative_quote = dec ("49999.50");
  order.created_at_us = 1795601565000000;
  data.exchange_name = "Astana Digital Assets Exchange Ltd.";
  data.customer_id = "1234567";
  data.customer_name = "Сәрсенова Әлия Нұрланқызы";
  data.order = &order;
  data.fills = fills;
  data.n_fills = G_N_ELEMENTS (fills);
  data.branch_id = "Алматы, № 12";
  data.staff_id = "S-0042";
  data.staff_name = "Иванова Марина";
  return kopir_receipt_document_new (language, &data, NULL);
}

static KopirDocument *
make_application (const char *language)
{
  static const char *tax[] = { "KZ", NULL };
  g_autoptr(GDateTime) accepted = g_date_time_new_now_utc ();
  KopirConsent consents[] = {
    { KOPIR_CONSENT_TERMS, NULL, "2026-03", accepted },
    { KOPIR_CONSENT_RISK_WARNINGS, NULL, "2026-03", accepted },
    { KOPIR_CONSENT_PERSONAL_DATA, NULL, "2026-01", accepted },
  };
  KopirApplicationSummary data;

  memset (&data, 0, sizeof data);
  data.exchange_name = "Astana Digital Assets Exchange Ltd.";
  data.last_name = "Сәрсенова";
  data.first_name = "Әлия";
  data.patronymic = "Нұрланқызы";
  g_date_set_dmy (&data.date_of_birth, 14, G_DATE_MARCH, 1992);
  data.iin = "920314401231";
  data.citizenship = "KZ";
  data.resident = TRUE;
  data.address_country = "KZ";
  data.address_city = "Алматы";
  data.address_street = "Абай даңғылы, 10, 5-пәтер";
  data.phone = "+7 701 234 56 78";
  data.email = "aliya@example.kz";
  data.document_number = "041234567";
  g_date_set_dmy (&data.document_issue_date, 10, G_DATE_JUNE, 2021);
  g_date_set_dmy (&data.document_expiry_date, 9, G_DATE_JUNE, 2031);
  data.occupation = "Бухгалтер";
  data.tax_residency = tax;
  data.knowledge_test_taken = TRUE;
  data.knowledge_test_score = 9;
  data.knowledge_test_max_score = 10;
  data.knowledge_test_pass_score = 8;
  data.knowledge_test_passed = TRUE;
  data.consents = consents;
  data.n_consents = G_N_ELEMENTS (consents);
  data.staff_name = "Иванова Марина";
  return kopir_application_summary_document_new (language, &data, NULL);
}

int
main (int argc, char **argv)
{
  g_autofree char *locale_dir = kopir_test_mkdtemp ();
  g_autofree char *work_dir = kopir_test_mkdtemp ();
  g_autofree char *path = g_build_filename (work_dir, "bench.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *banks = g_build_filename (kopir_test_getenv ("KOPIR_SOURCE_DIR"), "data", "kz-banks.tsv",
                                             NULL);
  g_autoptr(KopirBankDirectory) directory = kopir_bank_directory_new_from_file (banks, NULL);
  static const char *kinds[] = { "deposit instructions", "receipt", "application summary" };

  kopir_test_install_catalogs (locale_dir);
  g_assert_nonnull (directory);

  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < ROUNDS; i++)
      {
        g_autofree char *source = g_build_filename (locale_dir, "kk", "LC_MESSAGES", "kopir.mo", NULL);
        gint64 start = g_get_monotonic_time ();
        g_autoptr(KopirCatalog) catalog = kopir_catalog_new_from_file ("kk", source, NULL);
        double ms = (double) (g_get_monotonic_time () - start) / 1000.0;

        g_assert_nonnull (catalog);
        g_array_append_val (samples, ms);
      }
    report ("load the Kazakh catalogue", samples);
  }

  for (guint kind = 0; kind < G_N_ELEMENTS (kinds); kind++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *what = g_strdup_printf ("build and write the %s (kk, PDF)", kinds[kind]);

      for (guint i = 0; i < ROUNDS; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(KopirDocument) doc = kind == 0 ? make_deposit ("kk", directory)
                                                   : kind == 1 ? make_receipt ("kk")
                                                               : make_application ("kk");
          double ms;

          g_assert_nonnull (doc);
          g_assert_true (kopir_document_write_pdf (doc, file, NULL, NULL));
          ms = (double) (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (samples, ms);
        }
      report (what, samples);
    }

  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(KopirDocument) doc = kopir_document_new ("ru");
    guint n_pages = 0;

    for (guint r = 0; r < 600; r++)
      {
        g_autofree char *label = g_strdup_printf ("Строка %u", r);

        if (r % 40 == 0)
          kopir_document_add_section (doc, "Раздел");
        kopir_document_add_row (doc, label, "значение", 0);
      }
    for (guint i = 0; i < ROUNDS; i++)
      {
        gint64 start = g_get_monotonic_time ();
        double ms;

        /* A new size each time, so nothing comes from the cache. */
        n_pages = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT + i);
        ms = (double) (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (samples, ms);
      }
    {
      g_autofree char *what = g_strdup_printf ("paginate 600 rows into %u A4 pages (ru)", n_pages);

      report (what, samples);
    }
  }

  g_unlink (path);
  kopir_test_rmdir (locale_dir);
  kopir_test_rmdir (work_dir);
  return 0;
}
