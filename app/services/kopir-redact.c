/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-redact.c: masks personal data and secrets in text meant for logs
 *
 * Log lines may carry request URLs, JSON bodies and error messages. Before
 * they leave the process, every value that identifies a person (IIN, IBAN)
 * or grants access (API keys and secrets, HMAC signatures, bearer tokens)
 * is masked. A few trailing characters stay visible where they help match a
 * log line to a support case without being of use to anyone else.
 */

#define G_LOG_DOMAIN "kopir-redact"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-redact.h"

/* Named values: "api_secret": "...", signature=..., token=... The value is
 * masked whole, whatever it looks like. */
#define NAMED_PATTERN \
  "(?i)(\"?(?:api[_-]?secret|secret|api[_-]?key|apikey|x-mbx-apikey|token|" \
  "access[_-]?token|password|passphrase|signature|session)\"?\\s*[:=]\\s*\"?)" \
  "([^\"&\\s,;}]+)"
/* Authorization: Bearer <token> */
#define BEARER_PATTERN "(?i)(bearer\\s+)([A-Za-z0-9._~+/=-]+)"
/* A Kazakh IBAN, printed compact or in groups of four, any case. */
#define IBAN_PATTERN \
  "(?i)\\bKZ[0-9]{2}(?:\\s?[0-9A-Z]){16}\\b"
/* An HMAC-SHA256 signature in hex. */
#define SIGNATURE_PATTERN "\\b[0-9a-fA-F]{64}\\b"
/* Long random-looking tokens: API keys and secrets. At least one letter
 * and one digit, so ordinary words and numbers survive. */
#define TOKEN_PATTERN \
  "\\b(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}\\b"
/* An IIN: exactly twelve digits not part of a longer number. */
#define IIN_PATTERN "(?<![0-9])[0-9]{12}(?![0-9])"

typedef struct
{
  GRegex *named;
  GRegex *bearer;
  GRegex *iban;
  GRegex *signature;
  GRegex *token;
  GRegex *iin;
} Patterns;

static GRegex *
compile (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex;

  regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &error);
  g_assert_no_error (error);

  return regex;
}

static const Patterns *
get_patterns (void)
{
  static Patterns patterns;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      patterns.named = compile (NAMED_PATTERN);
      patterns.bearer = compile (BEARER_PATTERN);
      patterns.iban = compile (IBAN_PATTERN);
      patterns.signature = compile (SIGNATURE_PATTERN);
      patterns.token = compile (TOKEN_PATTERN);
      patterns.iin = compile (IIN_PATTERN);
      g_once_init_leave (&initialized, 1);
    }

  return &patterns;
}

/* Keeps the last four characters of a value that is not a secret but
 * personal (IIN, IBAN): enough to tell two customers' lines apart. */
static void
append_masked_tail (GString    *out,
                    const char *value,
                    gsize       len,
                    gsize       keep)
{
  for (gsize i = 0; i < len; i++)
    {
      if (value[i] == ' ')
        g_string_append_c (out, ' ');
      else if (i + keep < len)
        g_string_append_c (out, '*');
      else
        g_string_append_c (out, value[i]);
    }
}

static gboolean
replace_named (const GMatchInfo *match_info,
               GString          *result,
               gpointer          user_data)
{
  g_autofree char *name = g_match_info_fetch (match_info, 1);

  g_string_append (result, name);
  g_string_append (result, "[redacted]");

  return FALSE;
}

static gboolean
replace_iban (const GMatchInfo *match_info,
              GString          *result,
              gpointer          user_data)
{
  g_autofree char *iban = g_match_info_fetch (match_info, 0);
  gsize len = strlen (iban);

  /* The country code stays: it says what kind of number was here. */
  g_string_append_len (result, iban, 2);
  append_masked_tail (result, iban + 2, len - 2, 4);

  return FALSE;
}

static gboolean
replace_iin (const GMatchInfo *match_info,
             GString          *result,
             gpointer          user_data)
{
  g_autofree char *iin = g_match_info_fetch (match_info, 0);

  append_masked_tail (result, iin, strlen (iin), 4);

  return FALSE;
}

/* Client order ids ("k" and 32 lower-case hex digits, from the ledger) are
 * not secret and are what support needs to follow an order. */
static gboolean
is_client_order_id (const char *token)
{
  if (token[0] != 'k' || strlen (token) != 33)
    return FALSE;

  for (const char *p = token + 1; *p; p++)
    {
      if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
replace_token (const GMatchInfo *match_info,
               GString          *result,
               gpointer          user_data)
{
  g_autofree char *token = g_match_info_fetch (match_info, 0);

  g_string_append (result, is_client_order_id (token) ? token : "[redacted]");

  return FALSE;
}

static char *
apply (GRegex              *regex,
       char                *text,
       GRegexEvalCallback   eval,
       const char          *replacement)
{
  g_autofree char *input = text;
  g_autoptr(GError) error = NULL;
  char *output;

  if (eval != NULL)
    output = g_regex_replace_eval (regex, input, -1, 0, 0, eval, NULL, &error);
  else
    output = g_regex_replace (regex, input, -1, 0, replacement, 0, &error);

  /* A match failure must never let the original text through. */
  if (output == NULL)
    return g_strdup ("[redacted: unreadable text]");

  return output;
}

/**
 * kopir_redact_needed:
 * @text: (nullable): text
 *
 * A quick test for text that cannot hold anything to mask: no digit and
 * no long run of letters. Most log lines pass it, and skip the regexes.
 *
 * Returns: %TRUE if kopir_redact() could change @text
 */
gboolean
kopir_redact_needed (const char *text)
{
  gsize run = 0;

  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        return TRUE;
      run = g_ascii_isalpha (*p) ? run + 1 : 0;
      if (run >= 6)
        return TRUE;
    }

  return FALSE;
}

/**
 * kopir_redact:
 * @text: (nullable): text that may hold personal data or secrets
 *
 * Masks IINs and IBANs (all but the last four characters), and replaces API
 * keys and secrets, signatures, bearer tokens and named secret values
 * (`api_secret=`, `"token":`, ...) with `[redacted]`.
 *
 * Returns: (transfer full): the masked text
 */
char *
kopir_redact (const char *text)
{
  const Patterns *p;
  char *out;

  if (text == NULL)
    return NULL;

  if (!kopir_redact_needed (text))
    return g_strdup (text);

  p = get_patterns ();

  /* Order matters: named values and bearer tokens first, as they mask
   * whatever the value is; IBANs before IINs and tokens, since an IBAN
   * holds digit runs and letters that would otherwise be half-masked. */
  out = g_strdup (text);
  out = apply (p->named, out, replace_named, NULL);
  out = apply (p->bearer, out, NULL, "\\1[redacted]");
  out = apply (p->iban, out, replace_iban, NULL);
  out = apply (p->signature, out, NULL, "[signature]");
  out = apply (p->token, out, replace_token, NULL);
  out = apply (p->iin, out, replace_iin, NULL);

  return out;
}
