/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-secret-store.c: exchange credentials, applicant tokens and staff
 * sessions in the system keyring
 *
 * Secrets live in the Secret Service only (GNOME Keyring, KWallet), under
 * the schema io.github.kopir.Kopir.Secret with the attributes `kind`,
 * `profile` (the exchange profile id) and `account` (a customer id, an
 * applicant id or a staff login). Nothing here writes a secret anywhere
 * else or logs one.
 */

#define G_LOG_DOMAIN "kopir-secret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "kopir-secret-store.h"

struct _KopirSecretStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (KopirSecretStore, kopir_secret_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-secret-store-error-quark, kopir_secret_store_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.kopir.Kopir.Secret", SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "NULL", 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

const char *
kopir_secret_kind_to_string (KopirSecretKind kind)
{
  switch (kind)
    {
    case KOPIR_SECRET_KIND_API_KEY:
      return "api-key";
    case KOPIR_SECRET_KIND_API_SECRET:
      return "api-secret";
    case KOPIR_SECRET_KIND_APPLICANT_TOKEN:
      return "applicant-token";
    case KOPIR_SECRET_KIND_STAFF_SESSION:
      return "staff-session";
    case KOPIR_SECRET_KIND_APPLICANT_DATA:
      return "applicant-data";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The label is what a person sees in a keyring manager such as Seahorse. */
static char *
make_label (KopirSecretKind  kind,
            const char      *profile)
{
  switch (kind)
    {
    case KOPIR_SECRET_KIND_API_KEY:
      return g_strdup_printf (_("Kopir exchange API key (%s)"), profile);
    case KOPIR_SECRET_KIND_API_SECRET:
      return g_strdup_printf (_("Kopir exchange API secret (%s)"), profile);
    case KOPIR_SECRET_KIND_APPLICANT_TOKEN:
      return g_strdup_printf (_("Kopir account application (%s)"), profile);
    case KOPIR_SECRET_KIND_STAFF_SESSION:
      return g_strdup_printf (_("Kopir staff session (%s)"), profile);
    case KOPIR_SECRET_KIND_APPLICANT_DATA:
      return g_strdup_printf (_("Kopir account application answers (%s)"), profile);
    default:
      g_return_val_if_reached (NULL);
    }
}

static GHashTable *
make_attributes (KopirSecretKind  kind,
                 const char      *profile,
                 const char      *account)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "kind",
                       g_strdup (kopir_secret_kind_to_string (kind)));
  g_hash_table_insert (attributes, (gpointer) "profile", g_strdup (profile));
  if (account != NULL)
    g_hash_table_insert (attributes, (gpointer) "account", g_strdup (account));

  return attributes;
}

/* Turns a libsecret or D-Bus failure into something a person can act on;
 * the original text goes to the debug log only. */
static GError *
map_error (GError *error)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  g_debug ("Secret Service: %s", error->message);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (KOPIR_SECRET_STORE_ERROR, KOPIR_SECRET_STORE_ERROR_LOCKED,
                                _("The keyring is locked. Unlock it when asked, then try again."));

  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR)
    return g_error_new_literal (KOPIR_SECRET_STORE_ERROR, KOPIR_SECRET_STORE_ERROR_UNAVAILABLE,
                                _("Kopir cannot reach the keyring where it keeps your keys. "
                                  "Sign in to your desktop session again or ask your "
                                  "administrator to start GNOME Keyring."));

  return g_error_new_literal (KOPIR_SECRET_STORE_ERROR, KOPIR_SECRET_STORE_ERROR_FAILED,
                              _("The keyring refused to save or read a key. Try again; "
                                "if it keeps failing, ask your administrator."));
}

static void
kopir_secret_store_class_init (KopirSecretStoreClass *klass)
{
}

static void
kopir_secret_store_init (KopirSecretStore *self)
{
}

KopirSecretStore *
kopir_secret_store_new (void)
{
  return g_object_new (KOPIR_TYPE_SECRET_STORE, NULL);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, map_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kopir_secret_store_store_async:
 * @self: a #KopirSecretStore
 * @kind: what @secret is
 * @profile: the exchange profile id
 * @account: (nullable): the account it belongs to
 * @secret: the secret, copied into the keyring
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @secret in the default keyring, replacing any secret with the
 * same kind, profile and account.
 */
void
kopir_secret_store_store_async (KopirSecretStore    *self,
                                KopirSecretKind      kind,
                                const char          *profile,
                                const char          *account,
                                const char          *secret,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (KOPIR_IS_SECRET_STORE (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_secret_store_store_async);

  attributes = make_attributes (kind, profile, account);
  label = make_label (kind, profile);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, secret, cancellable, store_cb, g_steal_pointer (&task));
}

gboolean
kopir_secret_store_store_finish (KopirSecretStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, map_error (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

/**
 * kopir_secret_store_lookup_async:
 * @self: a #KopirSecretStore
 * @kind: what to look up
 * @profile: the exchange profile id
 * @account: (nullable): the account it belongs to, or %NULL for any
 *   account of @kind and @profile
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Looks up a secret. Finding none is not an error.
 */
void
kopir_secret_store_lookup_async (KopirSecretStore    *self,
                                 KopirSecretKind      kind,
                                 const char          *profile,
                                 const char          *account,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (KOPIR_IS_SECRET_STORE (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_secret_store_lookup_async);

  attributes = make_attributes (kind, profile, account);
  secret_password_lookupv (get_schema (), attributes, cancellable,
                           lookup_cb, g_steal_pointer (&task));
}

/**
 * kopir_secret_store_lookup_finish:
 * @self: a #KopirSecretStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the secret, to be freed with
 *   secret_password_free() (which wipes it), or %NULL if there is none or
 *   on error
 */
char *
kopir_secret_store_lookup_finish (KopirSecretStore  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove: fine. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, map_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kopir_secret_store_clear_async:
 * @self: a #KopirSecretStore
 * @kind: what to remove
 * @profile: the exchange profile id
 * @account: (nullable): the account, or %NULL for every account of @kind
 *   and @profile
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes secrets; removing nothing is not an error.
 */
void
kopir_secret_store_clear_async (KopirSecretStore    *self,
                                KopirSecretKind      kind,
                                const char          *profile,
                                const char          *account,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (KOPIR_IS_SECRET_STORE (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_secret_store_clear_async);

  attributes = make_attributes (kind, profile, account);
  secret_password_clearv (get_schema (), attributes, cancellable,
                          clear_cb, g_steal_pointer (&task));
}

gboolean
kopir_secret_store_clear_finish (KopirSecretStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Credentials: two items, the key and the secret, so that a keyring
 * manager shows each for what it is. */

typedef struct
{
  char             *profile;
  char             *account;
  KopirCredentials *credentials;
  char             *api_key;
} CredentialsData;

static void
credentials_data_free (CredentialsData *data)
{
  g_free (data->profile);
  g_free (data->account);
  g_clear_pointer (&data->credentials, kopir_credentials_free);
  g_clear_pointer (&data->api_key, secret_password_free);
  g_free (data);
}

static CredentialsData *
credentials_data_new (const char *profile,
                      const char *account)
{
  CredentialsData *data = g_new0 (CredentialsData, 1);

  data->profile = g_strdup (profile);
  data->account = g_strdup (account);

  return data;
}

static void
store_credentials_secret_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  KopirSecretStore *self = KOPIR_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!kopir_secret_store_store_finish (self, result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
store_credentials_key_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  KopirSecretStore *self = KOPIR_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  CredentialsData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!kopir_secret_store_store_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  kopir_secret_store_store_async (self, KOPIR_SECRET_KIND_API_SECRET,
                                  data->profile, data->account,
                                  kopir_credentials_get_api_secret (data->credentials),
                                  cancellable,
                                  store_credentials_secret_cb,
                                  g_steal_pointer (&task));
}

static void
store_credentials_cleared_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  KopirSecretStore *self = KOPIR_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  CredentialsData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!kopir_secret_store_clear_credentials_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  kopir_secret_store_store_async (self, KOPIR_SECRET_KIND_API_KEY, data->profile, data->account,
                                  kopir_credentials_get_api_key (data->credentials),
                                  cancellable, store_credentials_key_cb,
                                  g_steal_pointer (&task));
}

/**
 * kopir_secret_store_store_credentials_async:
 * @self: a #KopirSecretStore
 * @profile: the exchange profile id
 * @account: (nullable): the customer id, if known
 * @credentials: the API key and secret
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores an exchange account's credentials, replacing any the profile
 * had: one account per profile, so a lookup by profile alone is never
 * ambiguous between two accounts' keys and secrets.
 */
void
kopir_secret_store_store_credentials_async (KopirSecretStore       *self,
                                            const char             *profile,
                                            const char             *account,
                                            const KopirCredentials *credentials,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  CredentialsData *data;

  g_return_if_fail (KOPIR_IS_SECRET_STORE (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (credentials != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_secret_store_store_credentials_async);
  data = credentials_data_new (profile, account);
  data->credentials = kopir_credentials_copy (credentials);
  g_task_set_task_data (task, data, (GDestroyNotify) credentials_data_free);

  kopir_secret_store_clear_credentials_async (self, profile, NULL, cancellable,
                                              store_credentials_cleared_cb,
                                              g_steal_pointer (&task));
}

gboolean
kopir_secret_store_store_credentials_finish (KopirSecretStore  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_credentials_secret_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  KopirSecretStore *self = KOPIR_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  CredentialsData *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret;

  secret = kopir_secret_store_lookup_finish (self, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (secret == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task, kopir_credentials_new (data->api_key, secret),
                         (GDestroyNotify) kopir_credentials_free);
  secret_password_free (secret);
}

static void
lookup_credentials_key_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  KopirSecretStore *self = KOPIR_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  CredentialsData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  data->api_key = kopir_secret_store_lookup_finish (self, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->api_key == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  kopir_secret_store_lookup_async (self, KOPIR_SECRET_KIND_API_SECRET,
                                   data->profile, data->account,
                                   cancellable,
                                   lookup_credentials_secret_cb,
                                   g_steal_pointer (&task));
}

void
kopir_secret_store_lookup_credentials_async (KopirSecretStore    *self,
                                             const char          *profile,
                                             const char          *account,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_SECRET_STORE (self));
  g_return_if_fail (profile != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_secret_store_lookup_credentials_async);
  g_task_set_task_data (task, credentials_data_new (profile, account),
                        (GDestroyNotify) credentials_data_free);

  kopir_secret_store_lookup_async (self, KOPIR_SECRET_KIND_API_KEY, profile, account,
                                   cancellable, lookup_credentials_key_cb,
                                   g_steal_pointer (&task));
}

/**
 * kopir_secret_store_lookup_credentials_finish:
 * @self: a #KopirSecretStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the credentials, or %NULL if none
 *   are stored (without an error) or on error
 */
KopirCredentials *
kopir_secret_store_lookup_credentials_finish (KopirSecretStore  *self,
                                              GAsyncResult      *result,
                                              GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_credentials_secret_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  KopirSecretStore *self = KOPIR_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!kopir_secret_store_clear_finish (self, result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_credentials_key_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  KopirSecretStore *self = KOPIR_SECRET_STORE (object);
  g_autoptr(GTask) task = user_data;
  CredentialsData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!kopir_secret_store_clear_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  kopir_secret_store_clear_async (self, KOPIR_SECRET_KIND_API_SECRET,
                                  data->profile, data->account,
                                  cancellable,
                                  clear_credentials_secret_cb,
                                  g_steal_pointer (&task));
}

void
kopir_secret_store_clear_credentials_async (KopirSecretStore    *self,
                                            const char          *profile,
                                            const char          *account,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_SECRET_STORE (self));
  g_return_if_fail (profile != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_secret_store_clear_credentials_async);
  g_task_set_task_data (task, credentials_data_new (profile, account),
                        (GDestroyNotify) credentials_data_free);

  kopir_secret_store_clear_async (self, KOPIR_SECRET_KIND_API_KEY, profile, account,
                                  cancellable, clear_credentials_key_cb,
                                  g_steal_pointer (&task));
}

gboolean
kopir_secret_store_clear_credentials_finish (KopirSecretStore  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
