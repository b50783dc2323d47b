/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-iin"

#include "config.h"

#include <string.h>
#include <time.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-iin.h"

G_DEFINE_QUARK (kopir-iin-error-quark, kopir_iin_error)

/* Copies the digits of @text, leaving out the spaces people type to group
 * them.  Returns the number of characters kept, which may exceed @size; a
 * non-digit sets @bad. */
static gsize
collect_digits (const char *text,
                char       *buf,
                gsize       size,
                gboolean   *bad)
{
  gsize n = 0;

  *bad = FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      /* U+00A0 and U+202F, pasted from formatted documents. */
      if ((guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0)
        {
          p++;
          continue;
        }
      if ((guchar) p[0] == 0xe2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xaf)
        {
          p += 2;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        *bad = TRUE;
      if (n < size)
        buf[n] = *p;
      n++;
    }

  return n;
}

/**
 * kopir_iin_compute_check_digit:
 * @digits: at least the first 11 digits of an IIN or BIN
 *
 * Returns: the check digit 0..9, or -1 if the number can never be issued
 */
int
kopir_iin_compute_check_digit (const char *digits)
{
  static const int second[11] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 };
  int sum = 0;

  g_return_val_if_fail (digits != NULL, -1);

  for (int i = 0; i < 11; i++)
    {
      g_return_val_if_fail (g_ascii_isdigit (digits[i]), -1);
      sum += (digits[i] - '0') * (i + 1);
    }
  if (sum % 11 != 10)
    return sum % 11;

  sum = 0;
  for (int i = 0; i < 11; i++)
    sum += (digits[i] - '0') * second[i];
  if (sum % 11 != 10)
    return sum % 11;

  return -1;
}

static gboolean
check_shape (const char *text,
             char        digits[KOPIR_IIN_LENGTH + 1],
             GError    **error)
{
  gboolean bad;
  gsize n;

  if (text == NULL || (n = collect_digits (text, digits, KOPIR_IIN_LENGTH, &bad)) == 0)
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_EMPTY,
                           _("Enter the 12-digit IIN from the identity document."));
      return FALSE;
    }
  if (bad)
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_INVALID_CHARACTERS,
                           _("An IIN has digits only. Check for letters such as O in place of 0."));
      return FALSE;
    }
  if (n < KOPIR_IIN_LENGTH)
    {
      g_set_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_TOO_SHORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "An IIN has 12 digits; %u digit is missing.",
                                "An IIN has 12 digits; %u digits are missing.",
                                (guint) (KOPIR_IIN_LENGTH - n)),
                   (guint) (KOPIR_IIN_LENGTH - n));
      return FALSE;
    }
  if (n > KOPIR_IIN_LENGTH)
    {
      g_set_error (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "An IIN has 12 digits; there is %u digit too many.",
                                "An IIN has 12 digits; there are %u digits too many.",
                                (guint) (n - KOPIR_IIN_LENGTH)),
                   (guint) (n - KOPIR_IIN_LENGTH));
      return FALSE;
    }

  digits[KOPIR_IIN_LENGTH] = '\0';
  return TRUE;
}

/**
 * kopir_iin_is_bin:
 * @text: twelve digits, spaces allowed
 *
 * Returns: %TRUE if @text has the shape of a business identification
 *   number (fifth digit 4, 5 or 6)
 */
gboolean
kopir_iin_is_bin (const char *text)
{
  char digits[KOPIR_IIN_LENGTH + 1];

  if (!check_shape (text, digits, NULL))
    return FALSE;

  return digits[4] >= '4' && digits[4] <= '6';
}

/**
 * kopir_iin_validate:
 * @text: what the person typed; spaces are ignored
 * @info: (out) (optional): the number, date of birth and sex
 * @error: a #KOPIR_IIN_ERROR with a reason the person can act on
 *
 * Returns: %TRUE if @text is a valid IIN of a person
 */
gboolean
kopir_iin_validate (const char   *text,
                    KopirIinInfo *info,
                    GError      **error)
{
  char d[KOPIR_IIN_LENGTH + 1];
  int year, month, day, century;
  int check;
  GDate birth;
  GDate today;

  if (!check_shape (text, d, error))
    return FALSE;

  if (d[4] >= '4' && d[4] <= '6')
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_BIN,
                           _("This is a business identification number (BIN) of an organisation. "
                             "Enter the personal IIN of the account holder."));
      return FALSE;
    }

  century = d[6] - '0';
  if (century < 1 || century > 6)
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_INVALID_CENTURY,
                           _("The seventh digit of an IIN is 1 to 6. Check the number."));
      return FALSE;
    }

  year = 1800 + 100 * ((century - 1) / 2) + (d[0] - '0') * 10 + (d[1] - '0');
  month = (d[2] - '0') * 10 + (d[3] - '0');
  day = (d[4] - '0') * 10 + (d[5] - '0');

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_INVALID_DATE,
                           _("The first six digits of an IIN are the date of birth (YYMMDD), "
                             "and these are not a date. Check the number."));
      return FALSE;
    }
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (g_date_compare (&birth, &today) > 0)
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_INVALID_DATE,
                           _("The date of birth in this IIN is in the future. Check the number."));
      return FALSE;
    }

  check = kopir_iin_compute_check_digit (d);
  if (check < 0)
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_NEVER_ISSUED,
                           _("No IIN is ever issued with these digits. Check the number."));
      return FALSE;
    }
  if (check != d[11] - '0')
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_WRONG_CHECK_DIGIT,
                           _("The last digit of the IIN does not match the others. "
                             "Check the number for a mistyped digit."));
      return FALSE;
    }

  if (info != NULL)
    {
      memcpy (info->iin, d, sizeof d);
      info->birth_date = birth;
      info->sex = century % 2 == 1 ? KOPIR_SEX_MALE : KOPIR_SEX_FEMALE;
    }

  return TRUE;
}

/**
 * kopir_iin_check_birth_date:
 * @text: an IIN
 * @birth_date: the date of birth the person entered
 * @error: a #KOPIR_IIN_ERROR
 *
 * Returns: %TRUE if @text is valid and carries @birth_date
 */
gboolean
kopir_iin_check_birth_date (const char   *text,
                            const GDate  *birth_date,
                            GError      **error)
{
  KopirIinInfo info;

  g_return_val_if_fail (birth_date != NULL && g_date_valid (birth_date), FALSE);

  if (!kopir_iin_validate (text, &info, error))
    return FALSE;

  if (g_date_compare (&info.birth_date, birth_date) != 0)
    {
      g_set_error_literal (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_BIRTH_DATE_MISMATCH,
                           _("The date of birth does not match the IIN. "
                             "Check both against the identity document."));
      return FALSE;
    }

  return TRUE;
}

/**
 * kopir_iin_mask:
 * @text: an IIN, valid or not
 *
 * Hides all but the last four digits, for logs and the audit trail, where
 * the whole number (which also gives away the date of birth) must not
 * appear.
 *
 * Returns: (transfer full): "********0122", or "****" if @text is not
 *   twelve digits
 */
char *
kopir_iin_mask (const char *text)
{
  char d[KOPIR_IIN_LENGTH + 1];

  if (!check_shape (text, d, NULL))
    return g_strdup ("****");

  return g_strdup_printf ("********%s", d + 8);
}
