/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The three printed documents in English, Kazakh and Russian, written to
 * PDF and read back as a person (or a bank's scanner) would: the text that
 * poppler extracts, the page count, and a rendered page that is not blank.
 * The process's own language is Russian (LANGUAGE=ru) throughout, to show
 * that a document follows the customer's language, not the screen's.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "kopir-application-summary-document.h"
#include "kopir-deposit-instructions-document.h"
#include "kopir-iban.h"
#include "kopir-payment-details.h"
#include "kopir-receipt-document.h"
#include "kopir-documents-test-util.h"

#define NBSP  "\u00a0"
#define NNBSP "\u202f"

static char *output_dir;
static gboolean keep_output;
static KopirBankDirectory *directory;

static GDateTime *
fixed_time (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (5 * 3600);

  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

static gint64
fixed_time_us (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GDateTime) time = fixed_time (year, month, day, hour, minute, second);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static KopirDecimal
dec (const char *text)
{
  KopirDecimal value;
  g_autoptr(GError) error = NULL;

  kopir_decimal_parse (text, &value, &error);
  g_assert_no_error (error);
  return value;
}

/* Writes @doc as NAME.pdf, checks what every PDF needs, and returns its
 * text. */
static char *
write_and_read (KopirDocument *doc,
                const char    *name,
                guint          expected_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = g_strconcat (name, ".pdf", NULL);
  g_autofree char *path = g_build_filename (output_dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_pages = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
  g_autofree char *text = NULL;

  g_assert_true (kopir_document_write_pdf (doc, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (kopir_test_pdf_pages (path), ==, n_pages);
  if (expected_pages > 0)
    g_assert_cmpuint (n_pages, ==, expected_pages);

  for (guint page = 1; page <= n_pages; page++)
    {
      cairo_surface_t *image = kopir_test_pdf_render (path, page, output_dir);

      /* A4 at 50 dpi is 414×585; text, rules and boxes cover a few
       * per cent of a page, a blank page none. */
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 414);
      g_assert_cmpuint (kopir_test_ink_per_mille (image), >, 20);
      cairo_surface_destroy (image);
    }

  text = kopir_test_pdf_text (path, 0);
  g_test_message ("%s:\n%s", name, text);
  if (!keep_output)
    g_unlink (path);
  return g_steal_pointer (&text);
}

/* pdftotext writes the no-break spaces of amounts as plain spaces, and
 * ends lines where the layout wrapped them; compare with every run of
 * white space as one space.  The document's own text keeps its no-break
 * spaces (checked through kopir_document_to_text()). */
static char *
plain_spaces (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);
  GString *collapsed = g_string_new (NULL);

  g_string_replace (out, NBSP, " ", 0);
  g_string_replace (out, NNBSP, " ", 0);
  for (const char *p = out->str; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space)
        g_string_append_c (collapsed, *p);
      else if (collapsed->len > 0 && collapsed->str[collapsed->len - 1] != ' ')
        g_string_append_c (collapsed, ' ');
    }
  return g_string_free (collapsed, FALSE);
}

static void
assert_has (const char *text,
            const char *needle)
{
  g_autofree char *plain_text = plain_spaces (text);
  g_autofree char *plain = plain_spaces (needle);

  if (strstr (plain_text, plain) == NULL)
    g_error ("“%s” is missing from the document's text", needle);
}

/* The exact text, no-break spaces included, as the document holds it. */
static void
assert_document_has (KopirDocument *doc,
                     const char    *needle)
{
  g_autofree char *text = kopir_document_to_text (doc);

  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the document", needle);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  g_autofree char *plain_text = plain_spaces (text);
  g_autofree char *plain = plain_spaces (needle);

  if (strstr (plain_text, plain) != NULL)
    g_error ("“%s” should not be in the document's text", needle);
}

/* Deposit instructions {{{ */

static KopirPilotLimit
fixture_limit (void)
{
  KopirPilotLimit limit = { 0 };

  limit.limited = TRUE;
  limit.limit_usd = dec ("1000.00");
  limit.spent_usd = dec ("360.00");
  limit.remaining_usd = dec ("640.00");
  limit.remaining_kzt = dec ("326400.00");
  limit.period_start_us = fixed_time_us (2026, 11, 1, 0, 0, 0);
  limit.period_end_us = fixed_time_us (2026, 12, 1, 0, 0, 0);
  return limit;
}

static KopirDepositInstructions
fixture_deposit (const KopirPilotLimit *limit,
                 GDateTime             *issued)
{
  KopirDepositInstructions data = { 0 };

  data.exchange_name = "Astana Digital Assets Exchange Ltd.";
  data.exchange_bin = "190440005557";
  data.exchange_iban = "kz07 856k zt50 0123 4567";
  data.customer_id = "1234567";
  data.customer_name = "Сәрсенова Әлия Нұрланқызы";
  data.customer_iin = "920314401231";
  data.customer_resident = TRUE;
  data.limit = limit;
  data.issued = issued;
  return data;
}

/* What a document must say in one language: @expected in its own text
 * and on paper, @on_page (page numbers, signature captions) on paper. */
typedef struct
{
  const char *language;
  const char *expected[16];
  const char *on_page[4];
} Expectations;

static void
check_expectations (const Expectations *expectations,
                    KopirDocument      *doc,
                    const char         *pdf_text)
{
  for (guint j = 0; expectations->expected[j] != NULL; j++)
    {
      assert_has (pdf_text, expectations->expected[j]);
      assert_document_has (doc, expectations->expected[j]);
    }
  for (guint j = 0; expectations->on_page[j] != NULL; j++)
    assert_has (pdf_text, expectations->on_page[j]);
}

static void
test_deposit_instructions (void)
{
  static const Expectations cases[] = {
    { "en", { "Instructions for adding tenge", "Beneficiary code (KBe)", "Payment purpose code (KNP)",
              "Sender code (KOd)", "Purchase of digital assets, customer ID 1234567",
              "Resident individual", "Bank CenterCredit", "$640.00", "₸326,400.00", "25 November 2026",
              "1 December 2026", NULL }, { "Page 1 of ", NULL } },
    { "kk", { "Шотты теңгемен толықтыру деректемелері", "Бенефициар коды (КБе)",
              "Төлем мақсатының коды (КНП)", "Жіберуші коды (КОд)",
              "Цифрлық активтерді сатып алу, клиент ID 1234567", "«Банк ЦентрКредит» АҚ",
              "640,00" NBSP "$", "326" NNBSP "400,00" NBSP "₸", "2026" NBSP "жылғы 25" NBSP "қараша",
              "2026" NBSP "жылғы 1" NBSP "желтоқсан", NULL }, { "1-бет, барлығы ", NULL } },
    { "ru", { "Реквизиты для пополнения счёта в тенге", "Код бенефициара (КБе)",
              "Код назначения платежа (КНП)", "Код отправителя (КОд)",
              "Покупка цифровых активов, ID клиента 1234567", "АО «Банк ЦентрКредит»",
              "Физическое лицо — резидент", "640,00" NBSP "$", "326" NNBSP "400,00" NBSP "₸",
              "25" NBSP "ноября 2026" NBSP "г.", "1" NBSP "декабря 2026" NBSP "г.", NULL }, { "Страница 1 из ", NULL } },
  };
  KopirPilotLimit limit = fixture_limit ();
  g_autoptr(GDateTime) issued = fixed_time (2026, 11, 25, 14, 5, 9);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KopirDepositInstructions data = fixture_deposit (&limit, issued);
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirDocument) doc = NULL;
      g_autofree char *name = g_strdup_printf ("deposit-instructions-%s", cases[i].language);
      g_autofree char *text = NULL;

      doc = kopir_deposit_instructions_document_new (cases[i].language, &data, directory, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kopir_document_get_language (doc), ==, cases[i].language);
      text = write_and_read (doc, name, 0);

      /* What the customer types into the bank's app, in every language. */
      assert_has (text, "1234567");
      assert_has (text, "KZ07 856K ZT50 0123 4567");
      assert_has (text, "190440005557");
      assert_has (text, "KCJBKZKX");
      assert_has (text, "Сәрсенова Әлия Нұрланқызы");
      assert_has (text, "********1231");
      assert_lacks (text, "920314401231");
      assert_has (text, "371");
      assert_has (text, "15");
      assert_has (text, "19");
      check_expectations (&cases[i], doc, text);
      /* Not a sandbox: no marking. */
      assert_lacks (text, "SANDBOX");
      assert_lacks (text, "ЖАТТЫҒУ");
      assert_lacks (text, "ПЕСОЧНИЦА");
    }
}

static void
test_deposit_instructions_bad_data (void)
{
  KopirPilotLimit limit = fixture_limit ();
  KopirDepositInstructions data = fixture_deposit (&limit, NULL);
  g_autoptr(GError) error = NULL;
  KopirDocument *doc;

  data.exchange_iban = "KZ08856KZT5001234567";
  doc = kopir_deposit_instructions_document_new ("kk", &data, directory, &error);
  g_assert_null (doc);
  g_assert_error (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS);
  g_clear_error (&error);

  data = fixture_deposit (&limit, NULL);
  data.customer_id = "123456";
  doc = kopir_deposit_instructions_document_new ("ru", &data, directory, &error);
  g_assert_null (doc);
  g_assert_error (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_CUSTOMER_ID);
  g_clear_error (&error);

  data = fixture_deposit (&limit, NULL);
  data.customer_name = "  ";
  doc = kopir_deposit_instructions_document_new ("en", &data, directory, &error);
  g_assert_null (doc);
  g_assert_error (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA);
}

/* A customer who passed the knowledge test, a non-resident, KNP 590, on
 * the sandbox: the limit section says so, КОд is 29, and every page is
 * marked. */
static void
test_deposit_instructions_sandbox (void)
{
  KopirPilotLimit limit = fixture_limit ();
  KopirDepositInstructions data = fixture_deposit (&limit, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirDocument) doc = NULL;
  g_autofree char *text = NULL;

  limit.limited = FALSE;
  data.customer_resident = FALSE;
  data.knp = "590";
  data.sandbox = TRUE;
  doc = kopir_deposit_instructions_document_new ("kk", &data, directory, &error);
  g_assert_no_error (error);
  text = write_and_read (doc, "deposit-instructions-kk-sandbox", 0);

  assert_has (text, "ЖАТТЫҒУ БИРЖАСЫ — НАҚТЫ АҚША ЖОҚ");
  assert_has (text, "Жеке тұлға — бейрезидент");
  assert_has (text, "29");
  assert_has (text, "590");
  assert_has (text, "Басқа төлемдер");
  assert_has (text, "Қолданылмайды");
  g_assert_cmpuint (kopir_test_count (text, "ЖАТТЫҒУ БИРЖАСЫ — НАҚТЫ АҚША ЖОҚ"), ==,
                    kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT));
}

/* }}} */

/* Receipts {{{ */

static KopirLedgerFill fills[] = {
  { 88001, { 4065000000, 2 }, { 100000, 8 }, { 100, 8 }, "BTC", 0 },
  { 88002, { 4065000000, 2 }, { 23000, 8 }, { 23, 8 }, "BTC", 0 },
};

static KopirLedgerOrder
fixture_order (KopirOrderState state)
{
  KopirLedgerOrder order = { 0 };

  order.client_order_id = (char *) "kopir-5f2c9a1e-0001";
  order.symbol = (char *) "BTCKZT";
  order.base_asset = (char *) "BTC";
  order.quote_asset = (char *) "KZT";
  order.side = KOPIR_ORDER_SIDE_BUY;
  order.type = KOPIR_ORDER_TYPE_MARKET;
  order.has_quote_amount = TRUE;
  order.quote_amount = dec ("50000.00");
  order.state = state;
  order.exchange_order_id = 884213;
  order.executed_qty = dec ("0.00123000");
  order.cumulative_quote = dec ("49999.50");
  order.created_at_us = fixed_time_us (2026, 11, 25, 14, 12, 45);
  order.updated_at_us = fixed_time_us (2026, 11, 25, 14, 12, 46);
  return order;
}

static KopirReceipt
fixture_receipt (const KopirLedgerOrder *order,
                 GDateTime              *issued)
{
  KopirReceipt data = { 0 };

  data.exchange_name = "Astana Digital Assets Exchange Ltd.";
  data.customer_id = "1234567";
  data.customer_name = "Сәрсенова Әлия Нұрланқызы";
  data.order = order;
  data.fills = fills;
  data.n_fills = G_N_ELEMENTS (fills);
  data.issued = issued;
  return data;
}

static void
test_receipt (void)
{
  static const Expectations cases[] = {
    { "en", { "Purchase receipt", "You bought 0.00123000" NBSP "BTC for ₸49,999.50", "Client order ID",
              "₸40,650,000.00 per BTC", "0.00000123" NBSP "BTC", "0.00122877" NBSP "BTC", "Total paid",
              "Filled", "BTC/KZT", "Market", "25 November 2026, 14:12:45 (UTC+05:00)", NULL },
      { "Page 1 of 1", NULL } },
    { "kk", { "Сатып алу туралы түбіртек", "Өтінімнің клиенттік нөмірі",
              "49" NNBSP "999,50" NBSP "₸", "1 BTC үшін 40" NNBSP "650" NNBSP "000,00" NBSP "₸",
              "0,00000123" NBSP "BTC", "0,00122877" NBSP "BTC", "Барлығы төленді", "Орындалды",
              "Нарықтық", "2026" NBSP "жылғы 25" NBSP "қараша, 14:12:45 (UTC+05:00)", NULL }, { "1-бет, барлығы 1", NULL } },
    { "ru", { "Квитанция о покупке", "Клиентский номер заявки", "Вы купили 0,00123000" NBSP "BTC за 49"
              NNBSP "999,50" NBSP "₸", "40" NNBSP "650" NNBSP "000,00" NBSP "₸ за 1 BTC",
              "0,00000123" NBSP "BTC", "0,00122877" NBSP "BTC", "Итого оплачено", "Исполнена",
              "Рыночная", "25" NBSP "ноября 2026" NBSP "г., 14:12:45 (UTC+05:00)", NULL }, { "Страница 1 из 1", NULL } },
  };
  KopirLedgerOrder order = fixture_order (KOPIR_ORDER_STATE_FILLED);
  g_autoptr(GDateTime) issued = fixed_time (2026, 11, 25, 14, 20, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KopirReceipt data = fixture_receipt (&order, issued);
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirDocument) doc = NULL;
      g_autofree char *name = g_strdup_printf ("receipt-%s", cases[i].language);
      g_autofree char *text = NULL;

      doc = kopir_receipt_document_new (cases[i].language, &data, &error);
      g_assert_no_error (error);
      text = write_and_read (doc, name, 1);

      assert_has (text, "1234567");
      assert_has (text, "884213");
      assert_has (text, "kopir-5f2c9a1e-0001");
      check_expectations (&cases[i], doc, text);
    }
}

/* An order whose outcome is unknown says so and claims no purchase; a
 * cancelled one explains what was kept. */
static void
test_receipt_states (void)
{
  struct
  {
    const char      *language;
    KopirOrderState  state;
    gboolean         executed;
    const char      *expected[4];
    const char      *absent;
  } cases[] = {
    { "ru", KOPIR_ORDER_STATE_UNKNOWN, FALSE,
      { "Ещё не подтверждено", "Статус заявки: Уточняется на бирже", "Пока неизвестно", NULL },
      "0,00000000" },
    { "kk", KOPIR_ORDER_STATE_UNKNOWN, FALSE,
      { "Әлі расталмаған", "Биржада тексерілуде", NULL }, "Сатып алынғаны" },
    { "en", KOPIR_ORDER_STATE_CANCELED, TRUE,
      { "The order was cancelled", "Cancelled", "You bought", NULL }, "Not confirmed yet" },
    { "ru", KOPIR_ORDER_STATE_REJECTED, FALSE,
      { "Биржа отклонила заявку", "Filter failure: NOTIONAL", NULL }, "Итого оплачено: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KopirLedgerOrder order = fixture_order (cases[i].state);
      KopirReceipt data = fixture_receipt (&order, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirDocument) doc = NULL;
      g_autofree char *name = g_strdup_printf ("receipt-%s-state-%u", cases[i].language, i);
      g_autofree char *text = NULL;

      if (!cases[i].executed)
        {
          order.executed_qty = dec ("0");
          order.cumulative_quote = dec ("0");
          order.exchange_order_id = 0;
          data.n_fills = 0;
        }
      order.reason = (char *) "Filter failure: NOTIONAL";
      doc = kopir_receipt_document_new (cases[i].language, &data, &error);
      g_assert_no_error (error);
      text = write_and_read (doc, name, 0);
      for (guint j = 0; cases[i].expected[j] != NULL; j++)
        assert_has (text, cases[i].expected[j]);
      assert_lacks (text, cases[i].absent);
    }
}

/* Printed at a branch on the sandbox: signature lines for the customer and
 * the member of staff, and the marking on the page. */
static void
test_receipt_branch (void)
{
  KopirLedgerOrder order = fixture_order (KOPIR_ORDER_STATE_FILLED);
  KopirReceipt data = fixture_receipt (&order, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirDocument) doc = NULL;
  g_autofree char *text = NULL;

  data.branch_id = "Алматы, № 12";
  data.staff_id = "S-0042";
  data.staff_name = "Иванова Марина";
  data.sandbox = TRUE;
  doc = kopir_receipt_document_new ("kk", &data, &error);
  g_assert_no_error (error);
  text = write_and_read (doc, "receipt-kk-branch", 0);

  assert_has (text, "Бөлімшеде қызмет көрсету");
  assert_has (text, "S-0042");
  assert_has (text, "Банк қызметкері");
  assert_has (text, "Иванова Марина");
  assert_has (text, "қолы, күні");
  g_assert_cmpuint (kopir_test_count (text, "қолы, күні"), ==, 2);
  assert_has (text, "ЖАТТЫҒУ БИРЖАСЫ — НАҚТЫ АҚША ЖОҚ");
}

static void
test_receipt_bad_data (void)
{
  KopirLedgerOrder order = fixture_order (KOPIR_ORDER_STATE_FILLED);
  KopirReceipt data = fixture_receipt (&order, NULL);
  g_autoptr(GError) error = NULL;
  KopirDocument *doc;

  data.order = NULL;
  doc = kopir_receipt_document_new ("en", &data, &error);
  g_assert_null (doc);
  g_assert_error (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  data = fixture_receipt (&order, NULL);
  data.customer_id = "12345678";
  doc = kopir_receipt_document_new ("en", &data, &error);
  g_assert_null (doc);
  g_assert_error (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_CUSTOMER_ID);
  g_clear_error (&error);

  data = fixture_receipt (&order, NULL);
  data.fills = NULL;
  doc = kopir_receipt_document_new ("en", &data, &error);
  g_assert_null (doc);
  g_assert_error (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA);
}

/* }}} */

/* Application summary {{{ */

static void
fixture_application (KopirApplicationSummary *data,
                     KopirConsent            *consents,
                     GDateTime               *accepted)
{
  static const char *tax[] = { "KZ", "RU", NULL };

  memset (data, 0, sizeof *data);
  data->exchange_name = "Astana Digital Assets Exchange Ltd.";
  data->application_id = "app-7Q2K9";
  data->last_name = "Сәрсенова";
  data->first_name = "Әлия";
  data->patronymic = "Нұрланқызы";
  data->latin_name = "SARSENOVA ALIYA";
  g_date_set_dmy (&data->date_of_birth, 14, G_DATE_MARCH, 1992);
  data->iin = "920314401231";
  data->citizenship = "KZ";
  data->resident = TRUE;
  data->address_country = "KZ";
  data->address_city = "Алматы";
  data->address_street = "Абай даңғылы, 10, 5-пәтер";
  data->address_postal_code = "050000";
  data->phone = "+7 701 234 56 78";
  data->email = "aliya.sarsenova@example.kz";
  data->document_type = KOPIR_IDENTITY_DOCUMENT_ID_CARD;
  data->document_number = "041234567";
  g_date_set_dmy (&data->document_issue_date, 10, G_DATE_JUNE, 2021);
  g_date_set_dmy (&data->document_expiry_date, 9, G_DATE_JUNE, 2031);
  data->document_issuer = "ҚР ІІМ";
  data->occupation = "Бухгалтер";
  data->source_of_funds = KOPIR_SOURCE_OF_FUNDS_SALARY;
  data->pep = FALSE;
  data->tax_residency = tax;
  data->knowledge_test_taken = TRUE;
  data->knowledge_test_passed = FALSE;
  data->knowledge_test_score = 6;
  data->knowledge_test_max_score = 10;
  data->knowledge_test_pass_score = 8;
  data->knowledge_test_version = "2026-1";
  consents[0] = (KopirConsent) { KOPIR_CONSENT_TERMS, NULL, "2026-03", accepted };
  consents[1] = (KopirConsent) { KOPIR_CONSENT_RISK_WARNINGS, NULL, "2026-03", accepted };
  consents[2] = (KopirConsent) { KOPIR_CONSENT_PERSONAL_DATA, NULL, "2026-01", accepted };
  data->consents = consents;
  data->n_consents = 3;
  data->branch_id = "Алматы, № 12";
  data->staff_id = "S-0042";
  data->staff_name = "Иванова Марина";
  data->issued = accepted;
}

static void
test_application_summary (void)
{
  static const Expectations cases[] = {
    { "en", { "Application to open an account", "14 March 1992", "Kazakhstan, Russia",
              "6 correct answers out of 10", "8 correct answers are needed to pass", "$1,000.00",
              "Not passed", "Version 2026-03, accepted on 25 November 2026, 11:40:00 (UTC+05:00)",
              "Identity card of the Republic of Kazakhstan", "Salary", "Politically exposed person",
              "Customer", "Bank staff member", NULL }, { "signature, date", NULL } },
    { "kk", { "Шот ашуға арналған өтініш", "1992" NBSP "жылғы 14" NBSP "наурыз", "Қазақстан, Ресей",
              "10 сұрақтан 6 дұрыс жауап", "1" NNBSP "000,00" NBSP "$", "Тесттен өтпеді",
              "Қазақстан Республикасы азаматының жеке куәлігі", "Жалақы", "Жария лауазымды тұлға",
              "Клиент", "Банк қызметкері", NULL }, { "қолы, күні", NULL } },
    { "ru", { "Заявление на открытие счёта", "14" NBSP "марта 1992" NBSP "г.", "Казахстан, Россия",
              "6 правильных ответов из 10", "Для сдачи нужно 8 правильных ответов",
              "1" NNBSP "000,00" NBSP "$", "Не сдан", "Заработная плата", "Публичное должностное лицо",
              "Клиент", "Сотрудник банка", NULL }, { "подпись, дата", NULL } },
  };
  g_autoptr(GDateTime) accepted = fixed_time (2026, 11, 25, 11, 40, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KopirApplicationSummary data;
      KopirConsent consents[3];
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirDocument) doc = NULL;
      g_autofree char *name = g_strdup_printf ("application-summary-%s", cases[i].language);
      g_autofree char *text = NULL;

      fixture_application (&data, consents, accepted);
      doc = kopir_application_summary_document_new (cases[i].language, &data, &error);
      g_assert_no_error (error);
      text = write_and_read (doc, name, 0);

      assert_has (text, "Сәрсенова Әлия Нұрланқызы");
      assert_has (text, "SARSENOVA ALIYA");
      assert_has (text, "********1231");
      assert_lacks (text, "920314401231");
      assert_has (text, "041234567");
      assert_has (text, "aliya.sarsenova@example.kz");
      assert_has (text, "S-0042");
      check_expectations (&cases[i], doc, text);
    }
}

static void
test_application_summary_passed (void)
{
  KopirApplicationSummary data;
  KopirConsent consents[3];
  g_autoptr(GDateTime) accepted = fixed_time (2026, 11, 25, 11, 40, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirDocument) doc = NULL;
  g_autofree char *text = NULL;

  fixture_application (&data, consents, accepted);
  data.knowledge_test_passed = TRUE;
  data.knowledge_test_score = 1;
  data.knowledge_test_max_score = 1;
  data.knowledge_test_pass_score = 1;
  data.pep = TRUE;
  data.sandbox = TRUE;
  doc = kopir_application_summary_document_new ("ru", &data, &error);
  g_assert_no_error (error);
  text = write_and_read (doc, "application-summary-ru-passed", 0);

  /* Russian's singular form, chosen by the catalogue's plural rule. */
  assert_has (text, "1 правильный ответ из 1");
  assert_has (text, "Для сдачи нужен 1 правильный ответ");
  assert_has (text, "Сдан");
  assert_has (text, "Не применяется");
  assert_has (text, "ПЕСОЧНИЦА — БЕЗ РЕАЛЬНЫХ ДЕНЕГ");
}

static void
test_application_summary_bad_data (void)
{
  KopirApplicationSummary data;
  KopirConsent consents[3];
  g_autoptr(GError) error = NULL;
  KopirDocument *doc;

  fixture_application (&data, consents, NULL);
  data.last_name = NULL;
  doc = kopir_application_summary_document_new ("kk", &data, &error);
  g_assert_null (doc);
  g_assert_error (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  fixture_application (&data, consents, NULL);
  g_date_clear (&data.date_of_birth, 1);
  doc = kopir_application_summary_document_new ("kk", &data, &error);
  g_assert_null (doc);
  g_assert_error (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA);
}

/* }}} */

/* The process speaks Russian, the documents do not have to. */
static void
test_screen_language_ignored (void)
{
  KopirPilotLimit limit = fixture_limit ();
  KopirDepositInstructions data = fixture_deposit (&limit, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirDocument) kk = NULL;
  g_autoptr(KopirDocument) en = NULL;
  g_autofree char *kk_text = NULL;
  g_autofree char *en_text = NULL;

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "ru");

  kk = kopir_deposit_instructions_document_new ("kk_KZ.UTF-8", &data, directory, &error);
  g_assert_no_error (error);
  en = kopir_deposit_instructions_document_new ("en", &data, directory, &error);
  g_assert_no_error (error);
  kk_text = kopir_document_to_text (kk);
  en_text = kopir_document_to_text (en);

  assert_has (kk_text, "Бенефициар коды (КБе)");
  assert_lacks (kk_text, "Код бенефициара");
  assert_has (en_text, "Beneficiary code (KBe)");
  assert_lacks (en_text, "Код бенефициара");
}

int
main (int argc, char **argv)
{
  g_autofree char *locale_dir = NULL;
  int status;

  /* A Russian-speaking screen, whatever the test environment says. */
  g_setenv ("LANGUAGE", "ru", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  locale_dir = kopir_test_mkdtemp ();
  kopir_test_install_catalogs (locale_dir);
  if (g_getenv ("KOPIR_TEST_OUTPUT_DIR") != NULL)
    {
      output_dir = g_strdup (g_getenv ("KOPIR_TEST_OUTPUT_DIR"));
      g_mkdir_with_parents (output_dir, 0700);
      keep_output = TRUE;
    }
  else
    output_dir = kopir_test_mkdtemp ();

  {
    g_autofree char *banks = g_build_filename (kopir_test_getenv ("KOPIR_SOURCE_DIR"), "data",
                                               "kz-banks.tsv", NULL);
    g_autoptr(GError) error = NULL;

    directory = kopir_bank_directory_new_from_file (banks, &error);
    g_assert_no_error (error);
  }

  g_test_add_func ("/documents/deposit-instructions", test_deposit_instructions);
  g_test_add_func ("/documents/deposit-instructions/bad-data", test_deposit_instructions_bad_data);
  g_test_add_func ("/documents/deposit-instructions/sandbox", test_deposit_instructions_sandbox);
  g_test_add_func ("/documents/receipt", test_receipt);
  g_test_add_func ("/documents/receipt/states", test_receipt_states);
  g_test_add_func ("/documents/receipt/branch", test_receipt_branch);
  g_test_add_func ("/documents/receipt/bad-data", test_receipt_bad_data);
  g_test_add_func ("/documents/application-summary", test_application_summary);
  g_test_add_func ("/documents/application-summary/passed", test_application_summary_passed);
  g_test_add_func ("/documents/application-summary/bad-data", test_application_summary_bad_data);
  g_test_add_func ("/documents/screen-language-ignored", test_screen_language_ignored);

  status = g_test_run ();

  g_clear_object (&directory);
  kopir_test_rmdir (locale_dir);
  if (!keep_output)
    kopir_test_rmdir (output_dir);
  g_free (output_dir);
  return status;
}
