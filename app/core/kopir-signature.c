/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-signature"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-signature.h"

/**
 * kopir_signature_sign:
 * @secret: the API secret
 * @query: (nullable): the percent-encoded query string, without "?"
 * @body: (nullable): the request body (form-encoded parameters)
 *
 * Returns: (transfer full): the signature, 64 lower-case hex digits
 */
char *
kopir_signature_sign (const char *secret,
                      const char *query,
                      const char *body)
{
  g_autoptr(GHmac) hmac = NULL;

  g_return_val_if_fail (secret != NULL, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  if (query != NULL)
    g_hmac_update (hmac, (const guchar *) query, -1);
  if (body != NULL)
    g_hmac_update (hmac, (const guchar *) body, -1);

  return g_strdup (g_hmac_get_string (hmac));
}

/**
 * kopir_signature_equal:
 * @expected: the signature computed here
 * @given: (nullable): the signature received
 *
 * Compares two hex signatures, ignoring the case of @given, in time that
 * depends only on the length of @expected.
 *
 * Returns: %TRUE if they are equal
 */
gboolean
kopir_signature_equal (const char *expected,
                       const char *given)
{
  gsize n;
  gsize given_len;
  guint diff = 0;

  g_return_val_if_fail (expected != NULL, FALSE);

  if (given == NULL)
    return FALSE;

  n = strlen (expected);
  given_len = strlen (given);
  diff |= (guint) (n != given_len);

  /* Read every byte of @expected whatever happens, and never read past the
   * end of @given. */
  for (gsize i = 0; i < n; i++)
    {
      guchar g = i < given_len ? (guchar) given[i] : 0;

      diff |= (guint) ((guchar) expected[i] ^ (guchar) g_ascii_tolower (g));
    }

  return diff == 0;
}

/**
 * kopir_signature_verify:
 * @secret: the API secret of the key that signed
 * @query: (nullable): the query string as received, without "?" and without
 *   the signature parameter
 * @body: (nullable): the request body as received
 * @signature: (nullable): the signature the request carried
 *
 * Returns: %TRUE if @signature signs @query and @body with @secret
 */
gboolean
kopir_signature_verify (const char *secret,
                        const char *query,
                        const char *body,
                        const char *signature)
{
  g_autofree char *expected = NULL;

  g_return_val_if_fail (secret != NULL, FALSE);

  expected = kopir_signature_sign (secret, query, body);
  return kopir_signature_equal (expected, signature);
}
