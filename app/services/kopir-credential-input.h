/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-credential-input.h: checks an API key typed and a secret pasted */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KopirCredentialInputError:
 * @KOPIR_CREDENTIAL_INPUT_ERROR_EMPTY: nothing was given
 * @KOPIR_CREDENTIAL_INPUT_ERROR_MALFORMED: spaces, line breaks or other
 *   characters that no key or secret contains
 * @KOPIR_CREDENTIAL_INPUT_ERROR_TOO_SHORT: too short to be a key or secret
 * @KOPIR_CREDENTIAL_INPUT_ERROR_TOO_LONG: longer than any key or secret
 * @KOPIR_CREDENTIAL_INPUT_ERROR_SAME_AS_KEY: the secret given is the API
 *   key itself
 *
 * What is wrong with an API key or secret a person entered. The messages
 * never quote what was entered.
 */
typedef enum
{
  KOPIR_CREDENTIAL_INPUT_ERROR_EMPTY,
  KOPIR_CREDENTIAL_INPUT_ERROR_MALFORMED,
  KOPIR_CREDENTIAL_INPUT_ERROR_TOO_SHORT,
  KOPIR_CREDENTIAL_INPUT_ERROR_TOO_LONG,
  KOPIR_CREDENTIAL_INPUT_ERROR_SAME_AS_KEY,
} KopirCredentialInputError;

#define KOPIR_CREDENTIAL_INPUT_ERROR (kopir_credential_input_error_quark ())

GQuark  kopir_credential_input_error_quark  (void);

char   *kopir_credential_input_clean_key    (const char  *text,
                                             GError     **error);
char   *kopir_credential_input_clean_secret (const char  *text,
                                             const char  *api_key,
                                             GError     **error);
void    kopir_credential_input_wipe         (char        *text);

G_END_DECLS
