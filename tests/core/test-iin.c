/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-iin.h"
#include "kopir-test-util.h"

static KopirIinError
expected_code (const char *note)
{
  static const struct { const char *word; KopirIinError code; } map[] = {
    { "both passes", KOPIR_IIN_ERROR_NEVER_ISSUED },
    { "wrong check digit", KOPIR_IIN_ERROR_WRONG_CHECK_DIGIT },
    { "century/sex", KOPIR_IIN_ERROR_INVALID_CENTURY },
    { "month", KOPIR_IIN_ERROR_INVALID_DATE },
    { "11 digits", KOPIR_IIN_ERROR_TOO_SHORT },
    { "13 digits", KOPIR_IIN_ERROR_TOO_LONG },
    { "letter", KOPIR_IIN_ERROR_INVALID_CHARACTERS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strstr (note, map[i].word) != NULL)
      return map[i].code;

  g_error ("no expected error for vector note \"%s\"", note);
}

/* Every vector of iin-vectors.tsv, with the reason for each invalid one. */
static void
test_vectors (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "iin-vectors.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_valid = 0, n_invalid = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      KopirIinInfo info;
      g_autoptr(GError) err = NULL;
      gboolean ok;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (f), ==, 3);

      g_test_message ("IIN %s: %s", f[0], f[2]);
      ok = kopir_iin_validate (f[0], &info, &err);

      if (g_str_equal (f[1], "yes"))
        {
          const char *born = strstr (f[2], "born ");

          g_assert_no_error (err);
          g_assert_true (ok);
          g_assert_cmpstr (info.iin, ==, f[0]);
          if (born != NULL)
            {
              char buf[16];

              g_snprintf (buf, sizeof buf, "%04u-%02u-%02u", g_date_get_year (&info.birth_date),
                          g_date_get_month (&info.birth_date), g_date_get_day (&info.birth_date));
              g_assert_true (strncmp (buf, born + 5, 4) == 0);
              if (born[9] == '-')
                g_assert_true (strncmp (buf, born + 5, 10) == 0);
            }
          if (strstr (f[2], "female") != NULL)
            g_assert_cmpint (info.sex, ==, KOPIR_SEX_FEMALE);
          else if (strstr (f[2], "male") != NULL)
            g_assert_cmpint (info.sex, ==, KOPIR_SEX_MALE);
          n_valid++;
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (err, KOPIR_IIN_ERROR, (int) expected_code (f[2]));
          n_invalid++;
        }
    }

  g_assert_cmpuint (n_valid, ==, 8);
  g_assert_cmpuint (n_invalid, ==, 10);
}

static void
test_details (void)
{
  KopirIinInfo info;
  GDate dob;
  g_autoptr(GError) error = NULL;
  g_autofree char *masked = NULL;

  /* Century digits: 1880, 1968 female, 2006 female. */
  g_assert_true (kopir_iin_validate ("800416100254", &info, NULL));
  g_assert_cmpuint (g_date_get_year (&info.birth_date), ==, 1880);
  g_assert_true (kopir_iin_validate ("680503250034", &info, NULL));
  g_assert_cmpuint (g_date_get_year (&info.birth_date), ==, 1868);
  g_assert_cmpint (info.sex, ==, KOPIR_SEX_FEMALE);
  g_assert_true (kopir_iin_validate ("061211600012", &info, NULL));
  g_assert_cmpuint (g_date_get_year (&info.birth_date), ==, 2006);
  g_assert_cmpuint (g_date_get_month (&info.birth_date), ==, 12);
  g_assert_cmpuint (g_date_get_day (&info.birth_date), ==, 11);
  g_assert_cmpint (info.sex, ==, KOPIR_SEX_FEMALE);

  /* Spaces as people type them are fine. */
  g_assert_true (kopir_iin_validate (" 990101 300122 ", &info, NULL));
  g_assert_cmpstr (info.iin, ==, "990101300122");
  g_assert_true (kopir_iin_validate ("990101\u00a0300\u202f122", NULL, NULL));

  g_assert_false (kopir_iin_validate ("", NULL, &error));
  g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (kopir_iin_validate (NULL, NULL, &error));
  g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (kopir_iin_validate ("9901013001", NULL, &error));
  g_assert_cmpstr (error->message, ==, "An IIN has 12 digits; 2 digits are missing.");
  g_clear_error (&error);

  /* 31 February, and a birth in the future (2099). */
  g_assert_false (kopir_iin_validate ("990231300122", NULL, &error));
  g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_INVALID_DATE);
  g_clear_error (&error);
  {
    char iin[13] = "99010150012";
    iin[11] = (char) ('0' + kopir_iin_compute_check_digit (iin));
    g_assert_false (kopir_iin_validate (iin, NULL, &error));
    g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_INVALID_DATE);
    g_clear_error (&error);
  }

  /* A BIN: registered April 2010, a resident legal entity (5th digit 4). */
  {
    char bin[13] = "10044000123";
    bin[11] = (char) ('0' + kopir_iin_compute_check_digit (bin));
    g_assert_true (kopir_iin_is_bin (bin));
    g_assert_false (kopir_iin_validate (bin, NULL, &error));
    g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_BIN);
    g_assert_nonnull (strstr (error->message, "BIN"));
    g_clear_error (&error);
    g_assert_false (kopir_iin_is_bin ("990101300122"));
  }

  /* Agreement with a typed date of birth. */
  g_date_clear (&dob, 1);
  g_date_set_dmy (&dob, 1, G_DATE_JANUARY, 1999);
  g_assert_true (kopir_iin_check_birth_date ("990101300122", &dob, &error));
  g_assert_no_error (error);
  g_date_set_dmy (&dob, 1, G_DATE_JANUARY, 1899);
  g_assert_false (kopir_iin_check_birth_date ("990101300122", &dob, &error));
  g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_BIRTH_DATE_MISMATCH);
  g_clear_error (&error);
  g_date_set_dmy (&dob, 10, G_DATE_JANUARY, 1999);
  g_assert_false (kopir_iin_check_birth_date ("990101300122", &dob, &error));
  g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_BIRTH_DATE_MISMATCH);
  g_clear_error (&error);

  masked = kopir_iin_mask ("990101300122");
  g_assert_cmpstr (masked, ==, "********0122");
  g_free (masked);
  masked = kopir_iin_mask ("12");
  g_assert_cmpstr (masked, ==, "****");
}

/* Random valid numbers validate and give back their date and sex. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = kopir_test_rand_new ();

  for (guint i = 0; i < 20000; i++)
    {
      int year = g_rand_int_range (rand, 1900, 2024);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, g_date_get_days_in_month (month, year) + 1);
      KopirSex sex = g_rand_boolean (rand) ? KOPIR_SEX_MALE : KOPIR_SEX_FEMALE;
      int century = (year / 100 - 18) * 2 + (sex == KOPIR_SEX_MALE ? 1 : 2);
      char iin[13];
      int check;
      KopirIinInfo info;
      g_autoptr(GError) error = NULL;

      g_snprintf (iin, sizeof iin, "%02d%02d%02d%d%04d0", year % 100, month, day, century,
                  g_rand_int_range (rand, 0, 10000));
      check = kopir_iin_compute_check_digit (iin);
      if (check < 0)
        {
          if (kopir_iin_validate (iin, NULL, &error))
            g_error ("%s can never be issued but passed (seed %u)", iin, kopir_test_seed ());
          g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_NEVER_ISSUED);
          continue;
        }
      iin[11] = (char) ('0' + check);
      if (!kopir_iin_validate (iin, &info, &error))
        g_error ("%s rejected: %s (seed %u)", iin, error->message, kopir_test_seed ());
      g_assert_cmpint (g_date_get_year (&info.birth_date), ==, year);
      g_assert_cmpint (g_date_get_month (&info.birth_date), ==, month);
      g_assert_cmpint (g_date_get_day (&info.birth_date), ==, day);
      g_assert_cmpint (info.sex, ==, sex);

      /* Any other last digit is wrong. */
      iin[11] = (char) ('0' + (check + 1 + g_rand_int_range (rand, 0, 9)) % 10);
      g_assert_false (kopir_iin_validate (iin, NULL, &error));
      g_assert_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_WRONG_CHECK_DIGIT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iin/vectors", test_vectors);
  g_test_add_func ("/iin/details", test_details);
  g_test_add_func ("/iin/random", test_random);

  return g_test_run ();
}
