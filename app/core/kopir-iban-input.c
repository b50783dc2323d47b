/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-iban"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-iban-input.h"

/* Whitespace and hyphens only separate; everything else, also a Cyrillic
 * letter typed by mistake, is a character of the IBAN to report. */
static gboolean
is_separator (gunichar c)
{
  return c == ' ' || c == '\t' || c == '-' || c == 0x00a0 || c == 0x202f || c == 0x2009;
}

/* The characters that count, upper-cased, as an array of code points;
 * *before is how many of them precede @cursor. */
static GArray *
significant (const char *text,
             int         cursor,
             guint      *before)
{
  GArray *chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  int position = 0;

  *before = 0;
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p), position++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (is_separator (c))
        continue;
      if (c < 0x80)
        c = (gunichar) g_ascii_toupper ((char) c);
      g_array_append_val (chars, c);
      if (position < cursor)
        (*before)++;
    }

  return chars;
}

static gboolean
same_chars (GArray *a,
            GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gunichar)) == 0;
}

/**
 * kopir_iban_input_regroup:
 * @previous: (nullable): the text as it was last shown, grouped
 * @previous_cursor: the cursor in @previous before the edit
 * @text: the text after the person's edit
 * @cursor: the cursor in @text after the edit
 * @new_cursor: (out): where the cursor goes in the result
 *
 * Writes @text in groups of four upper-case characters and keeps the
 * cursor after the same character.  When an edit removed only a group's
 * space (Backspace after it, Delete before it), the space would come back
 * at once and the key would seem to do nothing, so the character beyond
 * the space goes instead.
 *
 * Returns: (transfer full): the grouped text
 */
char *
kopir_iban_input_regroup (const char *previous,
                          int         previous_cursor,
                          const char *text,
                          int         cursor,
                          int        *new_cursor)
{
  g_autoptr(GArray) chars = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint before = 0;
  int position = 0;

  g_return_val_if_fail (new_cursor != NULL, NULL);

  chars = significant (text, cursor, &before);

  if (previous != NULL && g_utf8_strlen (text, -1) < g_utf8_strlen (previous, -1))
    {
      g_autoptr(GArray) old_chars = NULL;
      guint old_before = 0;

      old_chars = significant (previous, previous_cursor, &old_before);
      if (same_chars (chars, old_chars))
        {
          if (cursor < previous_cursor && before > 0)
            {
              g_array_remove_index (chars, before - 1);
              before--;
            }
          else if (cursor >= previous_cursor && before < chars->len)
            {
              g_array_remove_index (chars, before);
            }
        }
    }

  *new_cursor = 0;
  for (guint i = 0; i < chars->len; i++)
    {
      if (i > 0 && i % 4 == 0)
        {
          g_string_append_c (out, ' ');
          position++;
        }
      g_string_append_unichar (out, g_array_index (chars, gunichar, i));
      position++;
      if (i + 1 == before)
        *new_cursor = position;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * kopir_iban_input_count:
 * @text: an IBAN as typed
 *
 * Returns: how many characters of an IBAN @text has, separators aside
 */
guint
kopir_iban_input_count (const char *text)
{
  g_autoptr(GArray) chars = NULL;
  guint before;

  chars = significant (text, 0, &before);

  return chars->len;
}

static gboolean
error_is (const GError *error,
          int           code)
{
  return g_error_matches (error, KOPIR_IBAN_ERROR, code);
}

/**
 * kopir_iban_input_check:
 * @text: the IBAN as typed so far
 * @directory: (nullable): the bank directory, to name the bank and
 *   refuse unknown bank codes
 * @finished: %TRUE when the person is done (they asked to go on, or left
 *   the field): then a short or empty IBAN is an error too
 * @info: (out) (optional): the IBAN and its bank, as far as known; the
 *   bank is set as soon as the bank code is typed
 * @error: a #KOPIR_IBAN_ERROR for %KOPIR_IBAN_INPUT_INVALID
 *
 * Returns: how things stand
 */
KopirIbanInputState
kopir_iban_input_check (const char          *text,
                        KopirBankDirectory  *directory,
                        gboolean             finished,
                        KopirIbanInfo       *info,
                        GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *iban = kopir_iban_normalize (text);
  gsize len = strlen (iban);
  KopirIbanInfo found;
  const KopirBank *bank = NULL;

  g_return_val_if_fail (directory == NULL || KOPIR_IS_BANK_DIRECTORY (directory),
                        KOPIR_IBAN_INPUT_INVALID);

  if (info != NULL)
    memset (info, 0, sizeof *info);

  if (kopir_iban_validate (text, directory, &found, &local_error))
    {
      if (info != NULL)
        *info = found;
      return KOPIR_IBAN_INPUT_VALID;
    }

  if (error_is (local_error, KOPIR_IBAN_ERROR_EMPTY) && !finished)
    return KOPIR_IBAN_INPUT_EMPTY;

  /* "K" alone is the start of "KZ", not a foreign IBAN. */
  if (error_is (local_error, KOPIR_IBAN_ERROR_NOT_KAZAKH) && !finished && len == 1 && iban[0] == 'K')
    return KOPIR_IBAN_INPUT_INCOMPLETE;

  if (error_is (local_error, KOPIR_IBAN_ERROR_TOO_SHORT) && len >= 7)
    {
      char code[4];

      memcpy (code, iban + 4, 3);
      code[3] = '\0';
      if (!g_ascii_isdigit (code[0]) || !g_ascii_isdigit (code[1]) || !g_ascii_isdigit (code[2]) ||
          (directory != NULL && (bank = kopir_bank_directory_lookup (directory, code)) == NULL))
        {
          g_set_error (error, KOPIR_IBAN_ERROR, KOPIR_IBAN_ERROR_UNKNOWN_BANK,
                       _("The bank code %s in this IBAN is not a bank in Kazakhstan's directory. "
                         "Check the IBAN with your bank."),
                       code);
          return KOPIR_IBAN_INPUT_INVALID;
        }

      if (info != NULL)
        {
          memcpy (info->bank_code, code, sizeof code);
          info->bank = bank;
        }
    }

  if (error_is (local_error, KOPIR_IBAN_ERROR_TOO_SHORT) && !finished)
    {
      if (info != NULL)
        g_strlcpy (info->iban, iban, sizeof info->iban);
      return KOPIR_IBAN_INPUT_INCOMPLETE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));

  return KOPIR_IBAN_INPUT_INVALID;
}

/**
 * kopir_iban_format_masked:
 * @text: an IBAN
 *
 * For lists on screen, where someone may look over the shoulder: the
 * country, check digits, bank code and last four characters stay, the
 * rest is hidden, in groups of four: "KZ88 601• •••• •••• 5678".
 *
 * Returns: (transfer full): the masked IBAN
 */
char *
kopir_iban_format_masked (const char *text)
{
  g_autofree char *iban = kopir_iban_normalize (text);
  gsize len = strlen (iban);
  g_autoptr(GString) out = g_string_new (NULL);

  if (len < 12)
    return g_strdup ("••••");

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      if (i < 7 || i >= len - 4)
        g_string_append_c (out, iban[i]);
      else
        g_string_append (out, "•");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
