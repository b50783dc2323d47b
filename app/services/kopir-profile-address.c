/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-profile-address.c: checks an exchange address as it is typed
 *
 * kopir_exchange_profile_validate_url() decides whether Kopir may connect
 * to an address at all (encrypted unless on this computer). A form needs
 * a little more: which addresses may be left empty, that a price stream
 * is a WebSocket address and the others are web addresses, and a message
 * that fits what the person most likely did (typed "localhost").
 */

#define G_LOG_DOMAIN "kopir-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-exchange-profile.h"
#include "kopir-profile-address.h"

/**
 * kopir_profile_address_clean:
 * @text: (nullable): an address as typed or pasted
 *
 * Returns: (transfer full) (nullable): @text without the blanks around
 *   it, or %NULL if nothing is left
 */
char *
kopir_profile_address_clean (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;

  return g_steal_pointer (&copy);
}

static gboolean
scheme_is (const char *scheme,
           const char *plain,
           const char *secure)
{
  return g_ascii_strcasecmp (scheme, plain) == 0 || g_ascii_strcasecmp (scheme, secure) == 0;
}

/**
 * kopir_profile_address_check:
 * @kind: which address @text is meant to be
 * @text: (nullable): the address, as kopir_profile_address_clean() left it
 * @error: return location for a %KOPIR_PROFILE_ERROR
 *
 * Returns: %TRUE if @text may be saved as the @kind address (an empty
 *   optional address may)
 */
gboolean
kopir_profile_address_check (KopirAddressKind   kind,
                             const char        *text,
                             GError           **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL || *text == '\0')
    {
      if (kind != KOPIR_ADDRESS_TRADING)
        return TRUE;

      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_NOT_CONFIGURED,
                           _("Enter the exchange’s trading address, such as "
                             "https://api.example.kz."));
      return FALSE;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  /* "localhost" may resolve to anything; the exchange on this computer
   * is reached by its literal loopback address. */
  if (scheme != NULL && host != NULL && g_ascii_strcasecmp (host, "localhost") == 0 &&
      (scheme_is (scheme, "http", "ws")))
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INSECURE_URL,
                           _("For an exchange on this computer write 127.0.0.1 instead of "
                             "localhost; any other exchange needs an address that starts "
                             "with https://."));
      return FALSE;
    }

  if (!kopir_exchange_profile_validate_url (text, error))
    return FALSE;

  if (kind == KOPIR_ADDRESS_STREAM && !scheme_is (scheme, "ws", "wss"))
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("A price stream address starts with wss://, such as "
                             "wss://stream.example.kz/ws."));
      return FALSE;
    }

  if (kind != KOPIR_ADDRESS_STREAM && !scheme_is (scheme, "http", "https"))
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("This is a price stream address. Enter the web address, which "
                             "starts with https://."));
      return FALSE;
    }

  return TRUE;
}
