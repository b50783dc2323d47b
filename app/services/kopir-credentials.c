/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-credentials.c: an exchange API key and secret held in memory
 *
 * The pair comes from the secret store and goes to the exchange client,
 * which signs with it. Its memory is wiped when it is freed so a secret
 * does not linger in freed heap pages that a crash dump could show.
 */

#define G_LOG_DOMAIN "kopir-credentials"

#include "config.h"

#include <string.h>

#include "kopir-credentials.h"

struct _KopirCredentials
{
  char *api_key;
  char *api_secret;
};

G_DEFINE_BOXED_TYPE (KopirCredentials, kopir_credentials,
                     kopir_credentials_copy, kopir_credentials_free)

static void
wipe_string (char *str)
{
  if (str != NULL)
    {
      volatile char *p = str;

      while (*p)
        *p++ = 0;
    }
  g_free (str);
}

KopirCredentials *
kopir_credentials_new (const char *api_key,
                       const char *api_secret)
{
  KopirCredentials *self;

  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (api_secret != NULL, NULL);

  self = g_new0 (KopirCredentials, 1);
  self->api_key = g_strdup (api_key);
  self->api_secret = g_strdup (api_secret);

  return self;
}

KopirCredentials *
kopir_credentials_copy (const KopirCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kopir_credentials_new (self->api_key, self->api_secret);
}

void
kopir_credentials_free (KopirCredentials *self)
{
  if (self == NULL)
    return;

  wipe_string (self->api_key);
  wipe_string (self->api_secret);
  g_free (self);
}

const char *
kopir_credentials_get_api_key (const KopirCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->api_key;
}

const char *
kopir_credentials_get_api_secret (const KopirCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->api_secret;
}
