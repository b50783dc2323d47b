/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-exchange-profile.c: where an exchange is and what it offers
 *
 * A profile names the trading (Binance Spot dialect) address, the
 * WebSocket stream address and, where the exchange offers it, the address
 * of Kopir's onboarding, bank and pilot contract. Profiles ship as keyfiles
 * in data/profiles/; every address must be encrypted (https, wss) unless it
 * is a loopback address, which only the local sandbox uses. There is no way
 * to relax the certificate checks.
 */

#define G_LOG_DOMAIN "kopir-profile"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kopir-exchange-profile.h"

#define GROUP "Exchange Profile"

struct _KopirExchangeProfile
{
  GObject           parent_instance;

  char             *id;
  char             *name;
  char             *description;
  KopirProfileKind  kind;
  gboolean          editable;
  char             *trading_url;
  char             *stream_url;
  char             *onboarding_url;
};

G_DEFINE_FINAL_TYPE (KopirExchangeProfile, kopir_exchange_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-profile-error-quark, kopir_profile_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_KIND,
  PROP_IS_SANDBOX,
  PROP_EDITABLE,
  PROP_TRADING_URL,
  PROP_STREAM_URL,
  PROP_ONBOARDING_URL,
  PROP_HAS_ONBOARDING,
  PROP_CONFIGURED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  /* Only literal addresses: a name such as "localhost" could resolve to
   * anything a hostile resolver likes. */
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Letters, digits, dots and hyphens: what DNS names are made of (an
 * internationalized name arrives here in its xn-- form). */
static gboolean
is_host_name (const char *host)
{
  for (const char *p = host; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
        return FALSE;
    }

  return TRUE;
}

/**
 * kopir_exchange_profile_is_loopback_url:
 * @url: an address
 *
 * Returns: %TRUE if @url points at this computer by a literal loopback
 *   address (127.0.0.0/8 or ::1)
 */
gboolean
kopir_exchange_profile_is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && host_is_loopback (g_uri_get_host (uri));
}

/**
 * kopir_exchange_profile_validate_url:
 * @url: an address a person typed or a profile file holds
 * @error: return location for a #GError
 *
 * Accepts https:// and wss:// addresses, and http:// and ws:// ones only
 * for loopback addresses. Refuses user names or passwords, queries and
 * fragments, which have no place in a base address.
 *
 * Returns: %TRUE if Kopir may connect to @url
 */
gboolean
kopir_exchange_profile_validate_url (const char  *url,
                                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("Enter the exchange’s address, such as https://api.example.kz."));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("This is not a web address. Enter an address such as "
                             "https://api.example.kz."));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "wss") != 0 &&
      g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "ws") != 0)
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("The address must start with https://."));
      return FALSE;
    }

  if (host == NULL || *host == '\0')
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("The address has no server name. Enter an address such as "
                             "https://api.example.kz."));
      return FALSE;
    }

  if (!g_hostname_is_ip_address (host) && !is_host_name (host))
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("The server name in the address has characters that do not "
                             "belong there. Check it for spaces or typing errors."));
      return FALSE;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("Remove the user name and password from the address; "
                             "Kopir keeps keys in the keyring."));
      return FALSE;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_URL,
                           _("Remove everything after “?” or “#” from the address."));
      return FALSE;
    }

  if ((g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "ws") == 0) &&
      !host_is_loopback (host))
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INSECURE_URL,
                           _("Kopir connects to an exchange only over an encrypted "
                             "connection. Use the address that starts with https://."));
      return FALSE;
    }

  return TRUE;
}

/* Base addresses are joined with paths that start with '/'. */
static char *
normalize_url (const char *url)
{
  gsize len;

  if (url == NULL || *url == '\0')
    return NULL;

  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    len--;

  return g_strndup (url, len);
}

static void
kopir_exchange_profile_finalize (GObject *object)
{
  KopirExchangeProfile *self = (KopirExchangeProfile *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->trading_url, g_free);
  g_clear_pointer (&self->stream_url, g_free);
  g_clear_pointer (&self->onboarding_url, g_free);

  G_OBJECT_CLASS (kopir_exchange_profile_parent_class)->finalize (object);
}

static void
kopir_exchange_profile_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KopirExchangeProfile *self = KOPIR_EXCHANGE_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_IS_SANDBOX:
      g_value_set_boolean (value, kopir_exchange_profile_is_sandbox (self));
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    case PROP_TRADING_URL:
      g_value_set_string (value, self->trading_url);
      break;
    case PROP_STREAM_URL:
      g_value_set_string (value, self->stream_url);
      break;
    case PROP_ONBOARDING_URL:
      g_value_set_string (value, self->onboarding_url);
      break;
    case PROP_HAS_ONBOARDING:
      g_value_set_boolean (value, kopir_exchange_profile_has_onboarding (self));
      break;
    case PROP_CONFIGURED:
      g_value_set_boolean (value, kopir_exchange_profile_is_configured (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_exchange_profile_class_init (KopirExchangeProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_exchange_profile_finalize;
  object_class->get_property = kopir_exchange_profile_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A KopirProfileKind value. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      KOPIR_PROFILE_KIND_SANDBOX, KOPIR_PROFILE_KIND_CUSTOM,
                      KOPIR_PROFILE_KIND_CUSTOM,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_SANDBOX] =
    g_param_spec_boolean ("is-sandbox", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TRADING_URL] =
    g_param_spec_string ("trading-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STREAM_URL] =
    g_param_spec_string ("stream-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ONBOARDING_URL] =
    g_param_spec_string ("onboarding-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_ONBOARDING] =
    g_param_spec_boolean ("has-onboarding", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONFIGURED] =
    g_param_spec_boolean ("configured", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_exchange_profile_init (KopirExchangeProfile *self)
{
}

static KopirProfileKind
parse_kind (const char *kind)
{
  if (g_strcmp0 (kind, "sandbox") == 0)
    return KOPIR_PROFILE_KIND_SANDBOX;
  if (g_strcmp0 (kind, "testnet") == 0)
    return KOPIR_PROFILE_KIND_TESTNET;
  return KOPIR_PROFILE_KIND_CUSTOM;
}

/**
 * kopir_exchange_profile_new_from_keyfile:
 * @keyfile: a keyfile with an `[Exchange Profile]` group
 * @fallback_id: (nullable): the id when the file names none (its base name)
 * @error: return location for a #GError
 *
 * Reads a profile. `Name` and `Comment` may be localized (`Name[kk]=`).
 * A profile whose addresses fail kopir_exchange_profile_validate_url() is
 * refused as a whole.
 *
 * Returns: (transfer full): a new profile, or %NULL on error
 */
KopirExchangeProfile *
kopir_exchange_profile_new_from_keyfile (GKeyFile    *keyfile,
                                         const char  *fallback_id,
                                         GError     **error)
{
  g_autoptr(KopirExchangeProfile) self = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *trading = NULL;
  g_autofree char *stream = NULL;
  g_autofree char *onboarding = NULL;

  g_return_val_if_fail (keyfile != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_EXCHANGE_PROFILE, NULL);
  self->id = g_key_file_get_string (keyfile, GROUP, "Id", NULL);
  if (self->id == NULL)
    self->id = g_strdup (fallback_id);
  self->name = g_key_file_get_locale_string (keyfile, GROUP, "Name", NULL, NULL);
  self->description = g_key_file_get_locale_string (keyfile, GROUP, "Comment", NULL, NULL);
  kind = g_key_file_get_string (keyfile, GROUP, "Kind", NULL);
  self->kind = parse_kind (kind);
  self->editable = g_key_file_get_boolean (keyfile, GROUP, "Editable", NULL);

  if (self->id == NULL || self->name == NULL)
    {
      g_set_error_literal (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INVALID_FILE,
                           _("An exchange profile file lacks its id or name. "
                             "Ask your administrator to correct it."));
      return NULL;
    }

  trading = g_key_file_get_string (keyfile, GROUP, "TradingUrl", NULL);
  stream = g_key_file_get_string (keyfile, GROUP, "StreamUrl", NULL);
  onboarding = g_key_file_get_string (keyfile, GROUP, "OnboardingUrl", NULL);

  if (!kopir_exchange_profile_set_urls (self, trading, stream, onboarding, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
kopir_exchange_profile_get_id (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), NULL);

  return self->id;
}

const char *
kopir_exchange_profile_get_name (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), NULL);

  return self->name;
}

const char *
kopir_exchange_profile_get_description (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), NULL);

  return self->description;
}

KopirProfileKind
kopir_exchange_profile_get_kind (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), KOPIR_PROFILE_KIND_CUSTOM);

  return self->kind;
}

/**
 * kopir_exchange_profile_is_sandbox:
 * @self: a #KopirExchangeProfile
 *
 * Returns: %TRUE for the local sandbox, where no real money moves; the UI
 *   says so everywhere while this is the active profile
 */
gboolean
kopir_exchange_profile_is_sandbox (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), FALSE);

  return self->kind == KOPIR_PROFILE_KIND_SANDBOX;
}

gboolean
kopir_exchange_profile_get_editable (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), FALSE);

  return self->editable;
}

const char *
kopir_exchange_profile_get_trading_url (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), NULL);

  return self->trading_url;
}

const char *
kopir_exchange_profile_get_stream_url (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), NULL);

  return self->stream_url;
}

const char *
kopir_exchange_profile_get_onboarding_url (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), NULL);

  return self->onboarding_url;
}

gboolean
kopir_exchange_profile_has_onboarding (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), FALSE);

  /* The sandbox serves onboarding on its trading address. */
  return self->kind == KOPIR_PROFILE_KIND_SANDBOX || self->onboarding_url != NULL;
}

/**
 * kopir_exchange_profile_is_configured:
 * @self: a #KopirExchangeProfile
 *
 * Returns: %TRUE once the profile has a trading address. The sandbox gets
 *   its address when it has started, a custom profile when configured.
 */
gboolean
kopir_exchange_profile_is_configured (KopirExchangeProfile *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), FALSE);

  return self->trading_url != NULL;
}

/**
 * kopir_exchange_profile_set_urls:
 * @self: a #KopirExchangeProfile
 * @trading_url: (nullable): the Binance Spot dialect base address
 * @stream_url: (nullable): the WebSocket stream base address
 * @onboarding_url: (nullable): the onboarding, bank and pilot base address
 * @error: return location for a #GError
 *
 * Sets the addresses after validating all of them; on error nothing
 * changes. Empty strings count as unset.
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_exchange_profile_set_urls (KopirExchangeProfile  *self,
                                 const char            *trading_url,
                                 const char            *stream_url,
                                 const char            *onboarding_url,
                                 GError               **error)
{
  const char *urls[] = { trading_url, stream_url, onboarding_url };

  g_return_val_if_fail (KOPIR_IS_EXCHANGE_PROFILE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      if (urls[i] != NULL && *urls[i] != '\0' &&
          !kopir_exchange_profile_validate_url (urls[i], error))
        return FALSE;
    }

  g_free (self->trading_url);
  self->trading_url = normalize_url (trading_url);
  g_free (self->stream_url);
  self->stream_url = normalize_url (stream_url);
  g_free (self->onboarding_url);
  self->onboarding_url = normalize_url (onboarding_url);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRADING_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONBOARDING_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ONBOARDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIGURED]);

  return TRUE;
}
