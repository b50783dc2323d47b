/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-iban.h"
#include "kopir-iin.h"
#include "kopir-payment-details.h"

static KopirBankDirectory *
load_directory (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "kz-banks.tsv", NULL);
  KopirBankDirectory *dir = kopir_bank_directory_new_from_file (path, NULL);

  g_assert_nonnull (dir);
  return dir;
}

static char *
make_bin (void)
{
  char bin[13] = "19044000555";

  bin[11] = (char) ('0' + kopir_iin_compute_check_digit (bin));
  return g_strdup (bin);
}

static void
test_codes (void)
{
  static const char *good_ids[] = { "1234567", "0000001", "9999999" };
  static const char *bad_ids[] = { "", "123456", "12345678", "123456a", "0000000", " 1234567", "１234567" };
  static const char *good_codes[] = { "15", "19", "29", "11" };
  static const char *bad_codes[] = { "", "1", "10", "30", "1a", "159" };

  for (guint i = 0; i < G_N_ELEMENTS (good_ids); i++)
    g_assert_true (kopir_payment_validate_customer_id (good_ids[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (kopir_payment_validate_customer_id (bad_ids[i], &error));
      g_assert_error (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_CUSTOMER_ID);
    }
  g_assert_false (kopir_payment_validate_customer_id (NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (good_codes); i++)
    g_assert_true (kopir_payment_validate_code (good_codes[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_codes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (kopir_payment_validate_code (bad_codes[i], &error));
      g_assert_error (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_CODE);
    }

  g_assert_true (kopir_payment_validate_code (KOPIR_PAYMENT_KBE_EXCHANGE, NULL));
  g_assert_cmpstr (kopir_payment_sender_code (TRUE), ==, "19");
  g_assert_cmpstr (kopir_payment_sender_code (FALSE), ==, "29");

  {
    g_autofree char *bin = make_bin ();
    g_assert_true (kopir_payment_validate_bin (bin, NULL));
    g_assert_false (kopir_payment_validate_bin ("990101300122", NULL));
    bin[11] = bin[11] == '9' ? '0' : (char) (bin[11] + 1);
    g_assert_false (kopir_payment_validate_bin (bin, NULL));
  }
}

static void
test_purpose (void)
{
  g_autofree char *en = kopir_payment_purpose_text ("1234567", "371", "en");
  g_autofree char *kk = kopir_payment_purpose_text ("1234567", "371", "kk_KZ.UTF-8");
  g_autofree char *ru = kopir_payment_purpose_text ("1234567", "371", "ru");
  g_autofree char *ru590 = kopir_payment_purpose_text ("1234567", "590", "ru");

  g_assert_cmpstr (en, ==, "Purchase of digital assets, customer ID 1234567");
  g_assert_cmpstr (kk, ==, "Цифрлық активтерді сатып алу, клиент ID 1234567");
  g_assert_cmpstr (ru, ==, "Покупка цифровых активов, ID клиента 1234567");
  g_assert_nonnull (strstr (ru590, "1234567"));
  g_assert_cmpstr (ru590, !=, ru);
  g_assert_null (kopir_payment_purpose_text ("123456", "371", "en"));
  g_assert_null (kopir_payment_purpose_text ("1234567", "372", "en"));
  g_assert_cmpstr (kopir_payment_describe_knp ("371", "ru"), ==, "Покупка цифровых активов");
  g_assert_null (kopir_payment_describe_knp ("999", "ru"));
}

static void
test_details (void)
{
  g_autoptr(KopirBankDirectory) dir = load_directory ();
  g_autofree char *bin = make_bin ();
  g_autoptr(KopirPaymentDetails) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  d = kopir_payment_details_new ("  Kopir Exchange Ltd. ", bin, "kz75 8560 0000 0000 0001", dir,
                                 "7654321", "371", TRUE, "ru", &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->beneficiary_name, ==, "Kopir Exchange Ltd.");
  g_assert_cmpstr (d->iban, ==, "KZ758560000000000001");
  g_assert_cmpstr (d->bic, ==, "KCJBKZKX");
  g_assert_cmpstr (d->bank_name, ==, "АО «Банк ЦентрКредит»");
  g_assert_cmpstr (d->kbe, ==, "15");
  g_assert_cmpstr (d->kod, ==, "19");
  g_assert_cmpstr (d->knp, ==, "371");
  g_assert_cmpstr (d->purpose, ==, "Покупка цифровых активов, ID клиента 7654321");

  text = kopir_payment_details_to_text (d);
  g_assert_nonnull (strstr (text, "KZ75 8560 0000 0000 0001"));
  g_assert_nonnull (strstr (text, "Код бенефициара (КБе): 15\n"));
  g_assert_nonnull (strstr (text, "Код отправителя (КОд): 19\n"));
  g_assert_nonnull (strstr (text, "КНП): 371 — Покупка цифровых активов\n"));
  g_assert_nonnull (strstr (text, "Назначение платежа: Покупка цифровых активов, ID клиента 7654321\n"));
  g_clear_pointer (&d, kopir_payment_details_free);
  g_clear_pointer (&text, g_free);

  d = kopir_payment_details_new ("Kopir", bin, "KZ758560000000000001", dir, "7654321", "590", FALSE,
                                 "kk", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->kod, ==, "29");
  g_assert_cmpstr (d->bank_name, ==, "«Банк ЦентрКредит» АҚ");
  text = kopir_payment_details_to_text (d);
  g_assert_nonnull (strstr (text, "Бенефициар коды (КБе): 15\n"));
  g_clear_pointer (&d, kopir_payment_details_free);

  /* Each bad part is reported with its own reason. */
  g_assert_null (kopir_payment_details_new (" ", bin, "KZ758560000000000001", dir, "7654321", "371",
                                            TRUE, "en", &error));
  g_assert_error (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_BENEFICIARY);
  g_clear_error (&error);
  g_assert_null (kopir_payment_details_new ("Kopir", "990101300122", "KZ758560000000000001", dir,
                                            "7654321", "371", TRUE, "en", &error));
  g_assert_error (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_BIN);
  g_clear_error (&error);
  g_assert_null (kopir_payment_details_new ("Kopir", bin, "KZ758560000000000002", dir, "7654321",
                                            "371", TRUE, "en", &error));
  g_assert_error (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS);
  g_clear_error (&error);
  g_assert_null (kopir_payment_details_new ("Kopir", bin, "KZ758560000000000001", dir, "765432",
                                            "371", TRUE, "en", &error));
  g_assert_error (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_CUSTOMER_ID);
  g_clear_error (&error);
  g_assert_null (kopir_payment_details_new ("Kopir", bin, "KZ758560000000000001", dir, "7654321",
                                            "311", TRUE, "en", &error));
  g_assert_error (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_KNP);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payment/codes", test_codes);
  g_test_add_func ("/payment/purpose", test_purpose);
  g_test_add_func ("/payment/details", test_details);

  return g_test_run ();
}
