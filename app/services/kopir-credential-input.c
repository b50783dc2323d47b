/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-credential-input.c: checks an API key typed and a secret pasted
 *
 * A custom exchange or the test network hands out an API key and secret
 * on a web page; a person types or pastes the key and pastes the secret
 * from the clipboard. What arrives may carry the spaces and line break of
 * a copied table cell, or be the wrong thing altogether (the key twice, a
 * whole paragraph). These functions trim what copying adds, refuse what
 * cannot be a key or secret with a message that says what to do, and never
 * put the text itself into a message or a log.
 */

#define G_LOG_DOMAIN "kopir-credentials"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kopir-credential-input.h"

/* Exchanges issue keys and secrets of 64 characters (Binance) or a few
 * dozen (most others); far shorter text is a wrong copy, far longer text
 * is more than one thing. */
#define MIN_LENGTH 16
#define MAX_LENGTH 256

G_DEFINE_QUARK (kopir-credential-input-error-quark, kopir_credential_input_error)

typedef enum
{
  PART_KEY,
  PART_SECRET,
} Part;

/* Printable ASCII without the space: what keys and secrets are made of. */
static gboolean
is_key_char (char c)
{
  return c > ' ' && c <= '~';
}

static char *
clean (const char  *text,
       Part         part,
       GError     **error)
{
  const char *start, *end;
  gsize len;

  if (text == NULL)
    text = "";

  /* Copying from a web page adds spaces, tabs and line breaks around. */
  start = text;
  while (*start != '\0' && g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  len = (gsize) (end - start);

  if (len == 0)
    {
      g_set_error_literal (error, KOPIR_CREDENTIAL_INPUT_ERROR, KOPIR_CREDENTIAL_INPUT_ERROR_EMPTY,
                           part == PART_KEY
                           ? _("Enter the API key the exchange gave you.")
                           : _("The clipboard holds no API secret. Copy the secret on the "
                               "exchange’s page, then paste it here."));
      return NULL;
    }

  for (const char *p = start; p < end; p++)
    {
      if (!is_key_char (*p))
        {
          g_set_error_literal (error, KOPIR_CREDENTIAL_INPUT_ERROR,
                               KOPIR_CREDENTIAL_INPUT_ERROR_MALFORMED,
                               part == PART_KEY
                               ? _("An API key has no spaces or line breaks inside. Copy the "
                                   "key alone from the exchange’s page.")
                               : _("The clipboard holds more than an API secret: it has "
                                   "spaces or line breaks inside. Copy the secret alone, then "
                                   "paste it again."));
          return NULL;
        }
    }

  if (len < MIN_LENGTH)
    {
      g_set_error_literal (error, KOPIR_CREDENTIAL_INPUT_ERROR,
                           KOPIR_CREDENTIAL_INPUT_ERROR_TOO_SHORT,
                           part == PART_KEY
                           ? _("This is too short for an API key. Copy the whole key from "
                               "the exchange’s page.")
                           : _("The clipboard holds too little for an API secret. Copy the "
                               "whole secret, then paste it again."));
      return NULL;
    }

  if (len > MAX_LENGTH)
    {
      g_set_error_literal (error, KOPIR_CREDENTIAL_INPUT_ERROR,
                           KOPIR_CREDENTIAL_INPUT_ERROR_TOO_LONG,
                           part == PART_KEY
                           ? _("This is too long for an API key. Copy the key alone from "
                               "the exchange’s page.")
                           : _("The clipboard holds more than an API secret. Copy the secret "
                               "alone, then paste it again."));
      return NULL;
    }

  return g_strndup (start, len);
}

/**
 * kopir_credential_input_clean_key:
 * @text: (nullable): an API key as typed or pasted
 * @error: return location for a %KOPIR_CREDENTIAL_INPUT_ERROR
 *
 * Returns: (transfer full) (nullable): the key without the blanks around
 *   it, or %NULL with @error set
 */
char *
kopir_credential_input_clean_key (const char  *text,
                                  GError     **error)
{
  return clean (text, PART_KEY, error);
}

/**
 * kopir_credential_input_clean_secret:
 * @text: (nullable): an API secret as pasted
 * @api_key: (nullable): the key it belongs to, cleaned, if known
 * @error: return location for a %KOPIR_CREDENTIAL_INPUT_ERROR
 *
 * Also refuses the API key pasted a second time in place of the secret.
 * Free the result with kopir_credential_input_wipe().
 *
 * Returns: (transfer full) (nullable): the secret without the blanks
 *   around it, or %NULL with @error set
 */
char *
kopir_credential_input_clean_secret (const char  *text,
                                     const char  *api_key,
                                     GError     **error)
{
  char *secret = clean (text, PART_SECRET, error);

  if (secret != NULL && api_key != NULL && strcmp (secret, api_key) == 0)
    {
      kopir_credential_input_wipe (secret);
      g_set_error_literal (error, KOPIR_CREDENTIAL_INPUT_ERROR,
                           KOPIR_CREDENTIAL_INPUT_ERROR_SAME_AS_KEY,
                           _("The clipboard holds the API key, not its secret. Copy the "
                             "secret, then paste it again."));
      return NULL;
    }

  return secret;
}

/**
 * kopir_credential_input_wipe:
 * @text: (nullable) (transfer full): a secret
 *
 * Overwrites @text with zeros and frees it, so the secret does not stay in
 * freed memory that a crash report could carry.
 */
void
kopir_credential_input_wipe (char *text)
{
  if (text == NULL)
    return;

  /* Through a volatile pointer, so the compiler keeps the writes to
   * memory about to be freed. */
  for (volatile char *p = text; *p != '\0'; p++)
    *p = '\0';
  g_free (text);
}
