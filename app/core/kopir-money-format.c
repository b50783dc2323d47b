/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-money"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-currency.h"
#include "kopir-money-format.h"

#define NBSP  "\u00a0"
#define NNBSP "\u202f"

G_DEFINE_QUARK (kopir-money-error-quark, kopir_money_error)

/**
 * kopir_money_language_from_locale:
 * @locale: (nullable): a language code or locale name ("ru", "kk_KZ.UTF-8")
 *
 * Returns: "kk", "ru" or, for anything else, "en"
 */
const char *
kopir_money_language_from_locale (const char *locale)
{
  if (locale == NULL)
    return "en";

  if (g_ascii_strncasecmp (locale, "kk", 2) == 0 && strchr ("_.@-", locale[2] ? locale[2] : '_'))
    return "kk";
  if (g_ascii_strncasecmp (locale, "ru", 2) == 0 && strchr ("_.@-", locale[2] ? locale[2] : '_'))
    return "ru";

  return "en";
}

/**
 * kopir_money_ui_language:
 *
 * The language the user interface is shown in, for amounts inside
 * translated messages.
 *
 * Returns: "kk", "ru" or "en"
 */
const char *
kopir_money_ui_language (void)
{
  const char * const *names = g_get_language_names ();

  return kopir_money_language_from_locale (names != NULL ? names[0] : NULL);
}

static gboolean
is_comma_language (const char *language)
{
  const char *lang = kopir_money_language_from_locale (language);

  return strcmp (lang, "en") != 0;
}

/**
 * kopir_money_format:
 * @amount: the amount
 * @currency: (nullable): its asset code, or %NULL for a plain number
 * @language: the language whose conventions to follow
 * @flags: #KopirMoneyFormatFlags
 *
 * Writes an amount for people, rounded half-even to the currency's scale
 * unless %KOPIR_MONEY_FORMAT_KEEP_SCALE is given.
 *
 * Returns: (transfer full): the text
 */
char *
kopir_money_format (const KopirDecimal    *amount,
                    const char            *currency,
                    const char            *language,
                    KopirMoneyFormatFlags  flags)
{
  const KopirCurrency *info;
  KopirDecimal value;
  char digits[KOPIR_DECIMAL_STRING_MAX];
  const char *p;
  const char *point;
  gboolean comma;
  gboolean negative;
  gsize int_len;
  guint scale;
  GString *out;

  g_return_val_if_fail (amount != NULL, NULL);

  info = kopir_currency_lookup (currency);
  comma = is_comma_language (language);

  scale = currency != NULL ? kopir_currency_get_scale (currency) : amount->scale;
  if ((flags & KOPIR_MONEY_FORMAT_KEEP_SCALE) != 0 && amount->scale > scale)
    scale = amount->scale;
  if (!kopir_decimal_rescale (amount, scale, KOPIR_ROUNDING_HALF_EVEN, &value))
    value = *amount;
  if ((flags & KOPIR_MONEY_FORMAT_TRIM_ZEROS) != 0)
    kopir_decimal_normalize (&value, &value);

  kopir_decimal_to_string (&value, digits, sizeof digits);
  negative = digits[0] == '-';
  p = negative ? digits + 1 : digits;
  point = strchr (p, '.');
  int_len = point != NULL ? (gsize) (point - p) : strlen (p);

  out = g_string_sized_new (48);
  if (negative)
    g_string_append_c (out, '-');

  /* English puts a currency sign before the number. */
  if (!comma && info != NULL && info->symbol != NULL &&
      (flags & KOPIR_MONEY_FORMAT_NO_SYMBOL) == 0)
    g_string_append (out, info->symbol);

  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0 && (flags & KOPIR_MONEY_FORMAT_NO_GROUPING) == 0)
        g_string_append (out, comma ? NNBSP : ",");
      g_string_append_c (out, p[i]);
    }

  if (point != NULL)
    {
      g_string_append_c (out, comma ? ',' : '.');
      g_string_append (out, point + 1);
    }

  if (currency != NULL && (flags & KOPIR_MONEY_FORMAT_NO_SYMBOL) == 0)
    {
      if (info != NULL && info->symbol != NULL)
        {
          if (comma)
            g_string_append_printf (out, NBSP "%s", info->symbol);
        }
      else
        {
          g_autofree char *code = g_ascii_strup (currency, -1);
          g_string_append_printf (out, NBSP "%s", code);
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00a0 || c == 0x202f || c == 0x2009;
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      if (!is_space (c))
        break;
      p = g_utf8_next_char (p);
    }
  return p;
}

static const char *
skip_spaces_back (const char *start,
                  const char *end)
{
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return end;
}

static gboolean
has_prefix_ci (const char *p,
               const char *end,
               const char *word)
{
  gsize n = strlen (word);
  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, word, n) == 0;
}

static gboolean
has_suffix_ci (const char *start,
               const char *end,
               const char *word)
{
  gsize n = strlen (word);
  return (gsize) (end - start) >= n && g_ascii_strncasecmp (end - n, word, n) == 0;
}

/* Removes the currency's own sign or code at either end, and reports a
 * different currency's sign so "$100" is not taken for tenge. */
static gboolean
strip_currency (const char  **start,
                const char  **end,
                const char   *currency,
                GError      **error)
{
  static const char *others[] = { "\u20b8", "$", "\u20bd", "\u20ac", "KZT", "USD", "RUB", "EUR",
                                  "BTC", "ETH", "USDT", "SOL", "\u0442\u0433" };
  const KopirCurrency *info = kopir_currency_lookup (currency);
  const char *mine[3] = { NULL, NULL, NULL };

  if (currency != NULL)
    {
      mine[0] = currency;
      if (info != NULL && info->symbol != NULL)
        mine[1] = info->symbol;
      /* "тг" is how tenge is abbreviated in everyday Russian and Kazakh. */
      if (info != NULL && strcmp (info->code, "KZT") == 0)
        mine[2] = "\u0442\u0433";
    }

  for (guint i = 0; i < G_N_ELEMENTS (mine); i++)
    {
      if (mine[i] == NULL)
        continue;
      if (has_prefix_ci (*start, *end, mine[i]))
        {
          *start = skip_spaces (*start + strlen (mine[i]), *end);
          return TRUE;
        }
      if (has_suffix_ci (*start, *end, mine[i]))
        {
          *end = skip_spaces_back (*start, *end - strlen (mine[i]));
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      if (has_prefix_ci (*start, *end, others[i]) || has_suffix_ci (*start, *end, others[i]))
        {
          if (currency != NULL)
            g_set_error (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_WRONG_CURRENCY,
                         _("Enter the amount in %s."), info != NULL ? kopir_currency_get_name (info) : currency);
          else
            g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_WRONG_CURRENCY,
                                 _("Enter the number without a currency."));
          return FALSE;
        }
    }

  return TRUE;
}

static void
set_grouping_error (GError **error)
{
  g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_GROUPING,
                       _("Group the digits by three, like 1 234 567, or leave out the spaces."));
}

/**
 * kopir_money_parse:
 * @text: what the person typed
 * @currency: (nullable): the asset code, which sets how many decimals are
 *   allowed; %NULL for a plain number of up to 18 decimals
 * @language: the language the person typed in, for the one ambiguous case:
 *   in English "1,234" means 1234, elsewhere 1.234
 * @out: (out): the amount, at the currency's scale
 * @error: a #KOPIR_MONEY_ERROR
 *
 * Accepts "1 234 567,50", "1234567.50", "1,234,567.50", "1.234.567,50",
 * "50 000 ₸", "₸50,000", "0,001 BTC".  Refuses negative amounts, digits
 * grouped other than by three, several decimal marks and more decimals than
 * the currency has.
 *
 * Returns: %TRUE on success; on failure @out is unchanged
 */
gboolean
kopir_money_parse (const char    *text,
                   const char    *currency,
                   const char    *language,
                   KopirDecimal  *out,
                   GError       **error)
{
  const char *start, *end, *p;
  GString *digits;
  guint max_scale;
  guint n_comma = 0, n_point = 0;
  gunichar decimal_mark = 0;
  gunichar last_mark = 0;
  gboolean seen_decimal = FALSE;
  gboolean seen_group = FALSE;
  guint group_len = 0;
  guint first_group_len = 0;
  guint n_groups = 0;
  guint n_int = 0, n_frac = 0;
  KopirDecimal value;
  gboolean ok;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_INVALID,
                           _("Enter the amount using digits, spaces and one decimal mark."));
      return FALSE;
    }

  max_scale = currency != NULL ? kopir_currency_get_scale (currency) : KOPIR_DECIMAL_MAX_SCALE;

  end = text + strlen (text);
  start = skip_spaces (text, end);
  end = skip_spaces_back (start, end);

  if (!strip_currency (&start, &end, currency, error))
    return FALSE;

  if (start == end)
    {
      g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_EMPTY,
                           _("Enter an amount."));
      return FALSE;
    }

  if (*start == '-' || g_utf8_get_char (start) == 0x2212)
    {
      g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_NEGATIVE,
                           _("Enter the amount without a minus sign."));
      return FALSE;
    }

  /* First pass: which characters are there, to tell the decimal mark from
   * a grouping mark. */
  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',')
        n_comma++;
      else if (c == '.')
        n_point++;
      else if (!g_ascii_isdigit (c) && !is_space (c))
        {
          g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_INVALID,
                               _("Enter the amount using digits, spaces and one decimal mark."));
          return FALSE;
        }
      if (c == ',' || c == '.')
        last_mark = c;
    }

  if (n_comma > 0 && n_point > 0)
    {
      /* Both: the last one marks decimals and must appear once; the other
       * groups digits ("1,234.50", "1.234,50"). */
      if ((last_mark == ',' ? n_comma : n_point) > 1)
        {
          g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_AMBIGUOUS,
                               _("Use only one decimal mark, a comma or a point."));
          return FALSE;
        }
      decimal_mark = last_mark;
    }
  else if (n_comma + n_point == 1)
    {
      const char *mark = strchr (start, last_mark);
      gsize after = 0;

      for (p = mark + 1; p < end && g_ascii_isdigit (*p); p++)
        after++;

      /* In English a lone comma before three digits groups thousands:
       * "1,234" is one thousand two hundred and thirty-four. */
      if (last_mark == ',' && !is_comma_language (language) && after == 3 && p == end &&
          !(mark - start == 1 && *start == '0'))
        decimal_mark = 0;
      else
        decimal_mark = last_mark;
    }
  /* Otherwise the same mark several times ("1.234.567") only groups. */

  digits = g_string_sized_new (end - start);

  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c))
        {
          g_string_append_c (digits, (char) c);
          if (seen_decimal)
            n_frac++;
          else
            {
              n_int++;
              group_len++;
            }
          continue;
        }

      if (decimal_mark != 0 && c == decimal_mark)
        {
          if (n_int == 0 && !seen_group)
            g_string_append_c (digits, '0');
          g_string_append_c (digits, '.');
          seen_decimal = TRUE;
          continue;
        }

      /* A grouping space or mark: in the integer part only, and between
       * groups of three. */
      if (seen_decimal || group_len == 0)
        {
          g_string_free (digits, TRUE);
          if (seen_decimal)
            g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_GROUPING,
                                 _("Write the decimals without spaces."));
          else
            set_grouping_error (error);
          return FALSE;
        }

      if (n_groups == 0)
        first_group_len = group_len;
      else if (group_len != 3)
        {
          g_string_free (digits, TRUE);
          set_grouping_error (error);
          return FALSE;
        }
      n_groups++;
      seen_group = TRUE;
      group_len = 0;
    }

  if (seen_group && (first_group_len > 3 || group_len != 3))
    {
      g_string_free (digits, TRUE);
      set_grouping_error (error);
      return FALSE;
    }

  if (n_int + n_frac == 0)
    {
      g_string_free (digits, TRUE);
      g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_EMPTY,
                           _("Enter an amount."));
      return FALSE;
    }

  if (n_frac > max_scale)
    {
      g_string_free (digits, TRUE);
      if (max_scale == 0)
        g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_TOO_PRECISE,
                             _("Enter a whole number, without decimals."));
      else
        g_set_error (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_TOO_PRECISE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Use at most %u digit after the decimal mark.",
                                  "Use at most %u digits after the decimal mark.",
                                  max_scale),
                     max_scale);
      return FALSE;
    }

  ok = kopir_decimal_parse_len (digits->str, digits->len, &value, NULL);
  g_string_free (digits, TRUE);

  if (!ok || (currency != NULL &&
              !kopir_decimal_rescale (&value, max_scale, KOPIR_ROUNDING_DOWN, &value)))
    {
      g_set_error_literal (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_TOO_LARGE,
                           _("The amount is too large."));
      return FALSE;
    }

  *out = value;
  return TRUE;
}
