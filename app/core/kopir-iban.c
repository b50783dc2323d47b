/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-iban"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-iban.h"

G_DEFINE_QUARK (kopir-iban-error-quark, kopir_iban_error)

/**
 * kopir_iban_normalize:
 * @text: an IBAN as typed or pasted
 *
 * Drops spaces (also U+00A0 and U+202F), tabs and hyphens and upper-cases
 * Latin letters.  Other characters are kept for the validator to report.
 *
 * Returns: (transfer full): the electronic form
 */
char *
kopir_iban_normalize (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (KOPIR_IBAN_MAX_LENGTH);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '-' || *p == '\n' || *p == '\r')
        continue;
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
      g_string_append_c (out, g_ascii_toupper (*p));
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_upper_alnum (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s) && !(*s >= 'A' && *s <= 'Z'))
      return FALSE;
  return TRUE;
}

static guint
mod97_feed (guint       r,
            const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (s[i]))
        r = (r * 10 + (guint) (s[i] - '0')) % 97;
      else
        r = (r * 100 + (guint) (s[i] - 'A' + 10)) % 97;
    }
  return r;
}

static guint
mod97 (const char *iban,
       gsize       len)
{
  /* The first four characters move to the end; letters count as 10..35. */
  return mod97_feed (mod97_feed (0, iban + 4, len - 4), iban, 4);
}

/**
 * kopir_iban_check_mod97:
 * @iban: a normalised IBAN of any country
 *
 * Returns: %TRUE if @iban has the right shape and its check digits hold
 */
gboolean
kopir_iban_check_mod97 (const char *iban)
{
  gsize len;

  g_return_val_if_fail (iban != NULL, FALSE);

  len = strlen (iban);
  if (len < 5 || len > KOPIR_IBAN_MAX_LENGTH || !is_upper_alnum (iban) ||
      !g_ascii_isalpha (iban[0]) || !g_ascii_isalpha (iban[1]) ||
      !g_ascii_isdigit (iban[2]) || !g_ascii_isdigit (iban[3]))
    return FALSE;

  return mod97 (iban, len) == 1;
}

/**
 * kopir_iban_compute_check_digits:
 * @country: two upper-case letters, e.g. "KZ"
 * @bban: the upper-case account part after the check digits
 * @check: (out): the two check digits and a nul
 *
 * Returns: %FALSE if the parts are not upper-case letters and digits
 */
gboolean
kopir_iban_compute_check_digits (const char *country,
                                 const char *bban,
                                 char        check[3])
{
  g_autofree char *iban = NULL;
  guint r;

  g_return_val_if_fail (country != NULL && bban != NULL && check != NULL, FALSE);

  if (strlen (country) != 2 || !g_ascii_isupper (country[0]) || !g_ascii_isupper (country[1]) ||
      bban[0] == '\0' || strlen (bban) + 4 > KOPIR_IBAN_MAX_LENGTH || !is_upper_alnum (bban))
    return FALSE;

  iban = g_strconcat (country, "00", bban, NULL);
  r = 98 - mod97 (iban, strlen (iban));
  check[0] = (char) ('0' + r / 10);
  check[1] = (char) ('0' + r % 10);
  check[2] = '\0';
  return TRUE;
}

/**
 * kopir_iban_validate:
 * @text: an IBAN as typed; spaces, hyphens and lower case are fine
 * @directory: (nullable): the bank directory, to name the bank and refuse
 *   unknown bank codes
 * @info: (out) (optional): the normalised IBAN and its bank
 * @error: a #KOPIR_IBAN_ERROR
 *
 * Returns: %TRUE if @text is a valid Kazakh IBAN (of a known bank, when
 *   @directory is given)
 */
gboolean
kopir_iban_validate (const char          *text,
                     KopirBankDirectory  *directory,
                     KopirIbanInfo       *info,
                     GError             **error)
{
  g_autofree char *iban = kopir_iban_normalize (text);
  const KopirBank *bank = NULL;
  char code[4];
  gsize len = strlen (iban);

  g_return_val_if_fail (directory == NULL || KOPIR_IS_BANK_DIRECTORY (directory), FALSE);

  if (len == 0)
    {
      g_set_error_literal (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_EMPTY,
                           _("Enter the IBAN of the bank account, it starts with KZ."));
      return FALSE;
    }
  if (!is_upper_alnum (iban))
    {
      g_set_error_literal (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_INVALID_CHARACTERS,
                           _("An IBAN has Latin letters and digits only. Check for Cyrillic "
                             "letters or other signs."));
      return FALSE;
    }
  if (len < 2 || iban[0] != 'K' || iban[1] != 'Z')
    {
      g_set_error_literal (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_NOT_KAZAKH,
                           _("This is not a Kazakh IBAN: it must start with KZ. Link an account "
                             "at a bank in Kazakhstan."));
      return FALSE;
    }
  if (len < KOPIR_IBAN_KZ_LENGTH)
    {
      g_set_error (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_TOO_SHORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A Kazakh IBAN has 20 characters; %u character is missing.",
                                "A Kazakh IBAN has 20 characters; %u characters are missing.",
                                (guint) (KOPIR_IBAN_KZ_LENGTH - len)),
                   (guint) (KOPIR_IBAN_KZ_LENGTH - len));
      return FALSE;
    }
  if (len > KOPIR_IBAN_KZ_LENGTH)
    {
      g_set_error (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A Kazakh IBAN has 20 characters; there is %u character too many.",
                                "A Kazakh IBAN has 20 characters; there are %u characters too many.",
                                (guint) (len - KOPIR_IBAN_KZ_LENGTH)),
                   (guint) (len - KOPIR_IBAN_KZ_LENGTH));
      return FALSE;
    }
  if (!kopir_iban_check_mod97 (iban))
    {
      g_set_error_literal (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS,
                           _("The IBAN's check digits do not match: a character is mistyped. "
                             "Copy the IBAN from the bank's app or statement."));
      return FALSE;
    }

  memcpy (code, iban + 4, 3);
  code[3] = '\0';
  if (!g_ascii_isdigit (code[0]) || !g_ascii_isdigit (code[1]) || !g_ascii_isdigit (code[2]) ||
      (directory != NULL && (bank = kopir_bank_directory_lookup (directory, code)) == NULL))
    {
      g_set_error (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_UNKNOWN_BANK,
                   _("The bank code %s in this IBAN is not a bank in Kazakhstan's directory. "
                     "Check the IBAN with your bank."),
                   code);
      return FALSE;
    }

  if (info != NULL)
    {
      memcpy (info->iban, iban, len + 1);
      memcpy (info->bank_code, code, sizeof code);
      info->bank = bank;
    }

  return TRUE;
}

/**
 * kopir_iban_format:
 * @text: an IBAN
 *
 * Returns: (transfer full): the normalised IBAN in groups of four separated
 *   by spaces, for print: "KZ86 125K ZT50 0410 0100"
 */
char *
kopir_iban_format (const char *text)
{
  g_autofree char *iban = kopir_iban_normalize (text);
  GString *out = g_string_sized_new (strlen (iban) + strlen (iban) / 4);

  for (gsize i = 0; iban[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, iban[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * kopir_iban_mask:
 * @text: an IBAN
 *
 * Keeps the country, check digits and the last four characters, for logs
 * and the audit trail.
 *
 * Returns: (transfer full): e.g. "KZ86********0100"
 */
char *
kopir_iban_mask (const char *text)
{
  g_autofree char *iban = kopir_iban_normalize (text);
  gsize len = strlen (iban);

  if (len < 12 || !is_upper_alnum (iban))
    return g_strdup ("****");

  return g_strdup_printf ("%.4s********%s", iban, iban + len - 4);
}
