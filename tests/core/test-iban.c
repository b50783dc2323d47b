/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-bank-directory.h"
#include "kopir-iban.h"
#include "kopir-test-util.h"

static KopirBankDirectory *
load_directory (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "kz-banks.tsv", NULL);
  g_autoptr(GError) error = NULL;
  KopirBankDirectory *dir = kopir_bank_directory_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

static void
test_directory (void)
{
  g_autoptr(KopirBankDirectory) dir = load_directory ();
  const KopirBank *bank;

  g_assert_cmpstr (kopir_bank_directory_get_version (dir), ==, "2026.1");
  g_assert_cmpstr (kopir_bank_directory_get_date (dir), ==, "2026-11-25");
  g_assert_cmpuint (kopir_bank_directory_get_n_banks (dir), ==, 23);

  bank = kopir_bank_directory_lookup (dir, "856");
  g_assert_nonnull (bank);
  g_assert_cmpstr (bank->bic, ==, "KCJBKZKX");
  g_assert_cmpstr (kopir_bank_get_name (bank, "en"), ==, "Bank CenterCredit");
  g_assert_cmpstr (kopir_bank_get_name (bank, "ru_RU.UTF-8"), ==, "АО «Банк ЦентрКредит»");
  g_assert_cmpstr (kopir_bank_get_name (bank, "kk"), ==, "«Банк ЦентрКредит» АҚ");
  g_assert_null (kopir_bank_directory_lookup (dir, "826"));
  g_assert_null (kopir_bank_directory_lookup (dir, NULL));
  g_assert_true (kopir_bank_directory_lookup_bic (dir, "HSBKKZKX") == kopir_bank_directory_lookup (dir, "601"));
  g_assert_null (kopir_bank_directory_get_bank (dir, 23));

  /* Every bank has its three names, and the Kazakh one is not a copy of the
   * Russian one unless the bank registers a Latin name. */
  for (guint i = 0; i < kopir_bank_directory_get_n_banks (dir); i++)
    {
      bank = kopir_bank_directory_get_bank (dir, i);
      g_assert_cmpuint (strlen (bank->code), ==, 3);
      g_assert_true (strlen (bank->bic) == 8 || strlen (bank->bic) == 11);
      g_assert_cmpstr (bank->name_kk, !=, bank->name_ru);
      g_assert_true (strstr (bank->name_kk, "АҚ") != NULL || g_str_has_suffix (bank->name_kk, "РММ"));
    }

  /* Loading from bytes, as from a GResource; the reference table must be
   * in the shipped directory with the same BICs. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "kz-banks.tsv", NULL);
    g_autofree char *contents = NULL;
    gsize len;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(KopirBankDirectory) again = NULL;

    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    bytes = g_bytes_new (contents, len);
    again = kopir_bank_directory_new_from_bytes (bytes, NULL);
    g_assert_nonnull (again);
    g_assert_cmpstr (kopir_bank_directory_lookup (again, "722")->name_en, ==, "Kaspi Bank");
  }
}

/* Every bank of the reference table is in the shipped directory with the
 * same BIC and names. */
static void
test_directory_reference (void)
{
  g_autoptr(KopirBankDirectory) dir = load_directory ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "kz-banks-reference.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      const KopirBank *bank;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 4);
      g_assert_cmpuint (g_strv_length (f), ==, 4);
      bank = kopir_bank_directory_lookup (dir, f[0]);
      g_assert_nonnull (bank);
      g_assert_cmpstr (bank->bic, ==, f[1]);
      g_assert_cmpstr (bank->name_en, ==, f[2]);
      g_assert_cmpstr (bank->name_ru, ==, f[3]);
      g_assert_true (kopir_bank_directory_lookup_bic (dir, f[1]) == bank);
      n++;
    }
  g_assert_cmpuint (n, ==, kopir_bank_directory_get_n_banks (dir));
}

static void
test_directory_invalid (void)
{
  static const char *bad[] = {
    "",
    "code\tbic\tname_en\tname_kk\tname_ru\n601\tHSBKKZKX\tH\tH\tH\n",
    "# kopir-bank-directory\tversion=1\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-13-01\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\ncode\tbic\tname_en\tname_kk\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\ncode\tbic\tname_en\tname_kk\tname_ru\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\ncode\tbic\tname_en\tname_kk\tname_ru\n60\tHSBKKZKX\tH\tH\tH\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\ncode\tbic\tname_en\tname_kk\tname_ru\n601\tHSBK\tH\tH\tH\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\ncode\tbic\tname_en\tname_kk\tname_ru\n601\tHSBKKZKX\tH\t\tH\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\ncode\tbic\tname_en\tname_kk\tname_ru\n601\tHSBKKZKX\tH\tH\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\ncode\tbic\tname_en\tname_kk\tname_ru\n"
      "601\tHSBKKZKX\tH\tH\tH\n601\tHSBKKZKY\tH\tH\tH\n",
    "# kopir-bank-directory\tversion=1\tdate=2026-01-01\ncode\tbic\tname_en\tname_kk\tname_ru\n\xff\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirBankDirectory) dir = kopir_bank_directory_new_from_bytes (bytes, &error);

      g_test_message ("bad directory %u", i);
      g_assert_null (dir);
      g_assert_error (error, KOPIR_BANK_DIRECTORY_ERROR, KOPIR_BANK_DIRECTORY_ERROR_INVALID);
    }

  /* Columns in another order and CRLF line ends are fine. */
  {
    const char *ok = "# kopir-bank-directory version=7 date=2026-01-01\r\n"
                     "bic\tcode\tname_ru\tname_kk\tname_en\r\n"
                     "HSBKKZKX\t601\tРу\tҚа\tEn\r\n";
    g_autoptr(GBytes) bytes = g_bytes_new_static (ok, strlen (ok));
    g_autoptr(KopirBankDirectory) dir = kopir_bank_directory_new_from_bytes (bytes, NULL);

    g_assert_nonnull (dir);
    g_assert_cmpstr (kopir_bank_directory_get_version (dir), ==, "7");
    g_assert_cmpstr (kopir_bank_get_name (kopir_bank_directory_lookup (dir, "601"), "kk"), ==, "Қа");
  }

  {
    g_autoptr(GError) error = NULL;
    g_assert_null (kopir_bank_directory_new_from_file ("/nonexistent/kz-banks.tsv", &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

static KopirIbanError
expected_code (const char *note)
{
  if (strstr (note, "check digits") != NULL)
    return KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS;
  if (strstr (note, "19 characters") != NULL)
    return KOPIR_IBAN_ERROR_TOO_SHORT;
  if (strstr (note, "21 characters") != NULL)
    return KOPIR_IBAN_ERROR_TOO_LONG;
  if (strstr (note, "not Kazakhstan") != NULL)
    return KOPIR_IBAN_ERROR_NOT_KAZAKH;
  g_error ("no expected error for \"%s\"", note);
}

/* Every vector of iban-vectors.tsv. */
static void
test_vectors (void)
{
  g_autoptr(KopirBankDirectory) dir = load_directory ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "iban-vectors.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      KopirIbanInfo info;
      g_autoptr(GError) error = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 4);
      g_assert_cmpuint (g_strv_length (f), ==, 4);
      g_test_message ("IBAN %s: %s", f[0], f[3]);
      n++;

      if (g_str_equal (f[1], "yes"))
        {
          g_autofree char *formatted = NULL;

          g_assert_true (kopir_iban_validate (f[0], dir, &info, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (info.bank_code, ==, f[2]);
          g_assert_nonnull (info.bank);
          g_assert_cmpstr (info.bank->code, ==, f[2]);
          g_assert_cmpuint (strlen (info.iban), ==, 20);
          formatted = kopir_iban_format (f[0]);
          g_assert_cmpuint (strlen (formatted), ==, 24);
          g_assert_true (g_ascii_strcasecmp (formatted, f[0]) == 0 || strchr (f[0], ' ') == NULL);
        }
      else
        {
          g_assert_false (kopir_iban_validate (f[0], dir, &info, &error));
          g_assert_error (error, KOPIR_IBAN_ERROR, (int) expected_code (f[3]));
        }
    }
  g_assert_cmpuint (n, ==, 13);

  /* The German IBAN is valid as an IBAN, just not Kazakh. */
  g_assert_true (kopir_iban_check_mod97 ("DE89370400440532013000"));
}

static void
test_details (void)
{
  g_autoptr(KopirBankDirectory) dir = load_directory ();
  g_autoptr(GError) error = NULL;
  KopirIbanInfo info;
  g_autofree char *s = NULL;
  char check[3];
  static const struct { const char *text; KopirIbanError code; } bad[] = {
    { "", KOPIR_IBAN_ERROR_EMPTY },
    { "   ", KOPIR_IBAN_ERROR_EMPTY },
    { "КZ86125KZT5004100100", KOPIR_IBAN_ERROR_INVALID_CHARACTERS },
    { "KZ86125KZT50041001.0", KOPIR_IBAN_ERROR_INVALID_CHARACTERS },
    { "86125KZT5004100100", KOPIR_IBAN_ERROR_NOT_KAZAKH },
    { "K", KOPIR_IBAN_ERROR_NOT_KAZAKH },
    { "KZ", KOPIR_IBAN_ERROR_TOO_SHORT },
    { "KZ8X125KZT5004100100", KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS },
    { "KZ68125KZT5004100010", KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS },
  };

  g_assert_true (kopir_iban_validate ("kz86-125k-zt50-0410-0100", dir, &info, NULL));
  g_assert_cmpstr (info.iban, ==, "KZ86125KZT5004100100");
  g_assert_cmpstr (kopir_bank_get_name (info.bank, "en"), ==, "National Bank of Kazakhstan");
  g_assert_true (kopir_iban_validate ("KZ86\u00a0125K\u202fZT50 0410\t0100", NULL, &info, NULL));
  g_assert_null (info.bank);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) err = NULL;

      g_test_message ("rejecting %s", bad[i].text);
      g_assert_false (kopir_iban_validate (bad[i].text, dir, NULL, &err));
      g_assert_error (err, KOPIR_IBAN_ERROR, (int) bad[i].code);
    }
  g_assert_false (kopir_iban_validate (NULL, dir, NULL, &error));
  g_assert_error (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_EMPTY);
  g_clear_error (&error);

  /* A valid IBAN of a bank code not in the directory. */
  g_assert_true (kopir_iban_compute_check_digits ("KZ", "8260000000000001", check));
  s = g_strconcat ("KZ", check, "8260000000000001", NULL);
  g_assert_true (kopir_iban_validate (s, NULL, NULL, NULL));
  g_assert_false (kopir_iban_validate (s, dir, NULL, &error));
  g_assert_error (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_UNKNOWN_BANK);
  g_assert_nonnull (strstr (error->message, "826"));
  g_clear_error (&error);
  g_free (s);

  /* The registry example's check digits. */
  g_assert_true (kopir_iban_compute_check_digits ("KZ", "125KZT5004100100", check));
  g_assert_cmpstr (check, ==, "86");
  g_assert_false (kopir_iban_compute_check_digits ("kz", "125", check));
  g_assert_false (kopir_iban_compute_check_digits ("KZ", "12 5", check));

  s = kopir_iban_format ("kz86125kzt5004100100");
  g_assert_cmpstr (s, ==, "KZ86 125K ZT50 0410 0100");
  g_free (s);
  s = kopir_iban_mask ("KZ86 125K ZT50 0410 0100");
  g_assert_cmpstr (s, ==, "KZ86********0100");
  g_free (s);
  s = kopir_iban_mask ("KZ86");
  g_assert_cmpstr (s, ==, "****");
}

/* Random IBANs with computed check digits validate and name their bank;
 * one changed digit or two swapped digits are always caught. */
static void
test_random (void)
{
  static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  g_autoptr(KopirBankDirectory) dir = load_directory ();
  g_autoptr(GRand) rand = kopir_test_rand_new ();
  guint n_banks = kopir_bank_directory_get_n_banks (dir);

  for (guint i = 0; i < 20000; i++)
    {
      const KopirBank *bank = kopir_bank_directory_get_bank (dir, g_rand_int_range (rand, 0, n_banks));
      char bban[17];
      char check[3];
      char iban[21];
      KopirIbanInfo info;
      g_autoptr(GError) error = NULL;
      guint pos;
      char orig;

      memcpy (bban, bank->code, 3);
      for (guint j = 3; j < 16; j++)
        bban[j] = alphabet[g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 10 : 36)];
      bban[16] = '\0';
      g_assert_true (kopir_iban_compute_check_digits ("KZ", bban, check));
      g_snprintf (iban, sizeof iban, "KZ%s%s", check, bban);

      if (!kopir_iban_validate (iban, dir, &info, &error))
        g_error ("%s rejected: %s (seed %u)", iban, error->message, kopir_test_seed ());
      g_assert_true (info.bank == bank);

      /* Lower case with groups of four reads the same. */
      {
        g_autofree char *printed = kopir_iban_format (iban);
        g_autofree char *lower = g_ascii_strdown (printed, -1);
        g_assert_true (kopir_iban_validate (lower, dir, &info, NULL));
        g_assert_cmpstr (info.iban, ==, iban);
      }

      /* MOD 97-10 guarantees to catch a changed digit and two swapped
       * adjacent digits; a letter counts as two digits, so it does not
       * guarantee that for letters. */
      pos = g_rand_int_range (rand, 2, 20);
      orig = iban[pos];
      if (g_ascii_isdigit (orig))
        {
          do
            iban[pos] = alphabet[g_rand_int_range (rand, 0, 10)];
          while (iban[pos] == orig);
          if (kopir_iban_check_mod97 (iban))
            g_error ("a changed digit in %s went unnoticed (seed %u)", iban, kopir_test_seed ());
          iban[pos] = orig;
        }

      pos = g_rand_int_range (rand, 2, 19);
      if (iban[pos] != iban[pos + 1] && g_ascii_isdigit (iban[pos]) && g_ascii_isdigit (iban[pos + 1]))
        {
          char t = iban[pos];
          iban[pos] = iban[pos + 1];
          iban[pos + 1] = t;
          if (kopir_iban_check_mod97 (iban))
            g_error ("swapped characters in %s went unnoticed (seed %u)", iban, kopir_test_seed ());
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bank-directory/load", test_directory);
  g_test_add_func ("/bank-directory/reference", test_directory_reference);
  g_test_add_func ("/bank-directory/invalid", test_directory_invalid);
  g_test_add_func ("/iban/vectors", test_vectors);
  g_test_add_func ("/iban/details", test_details);
  g_test_add_func ("/iban/random", test_random);

  return g_test_run ();
}
