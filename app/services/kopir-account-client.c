/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-account-client.c: opening an account, the bank link and the pilot
 * limit, over Kopir's own contract
 *
 * The contract is data/kopir-api.yaml. Applicant calls carry the
 * applicant's bearer token, which this client keeps in the secret store
 * and fetches from there itself; bank and pilot calls are signed with the
 * API key like trading. When credentials are issued they go straight to
 * the secret store, the applicant token is removed, and only the customer
 * id comes back to the caller: no page ever holds the API secret.
 */

#define G_LOG_DOMAIN "kopir-account-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "kopir-account-client.h"
#include "kopir-exchange-error.h"
#include "kopir-json-private.h"
#include "kopir-transport.h"

struct _KopirAccountClient
{
  GObject           parent_instance;

  KopirTransport   *transport;
  KopirSecretStore *secrets;
  char             *profile_id;
  GHashTable       *tokens;
  char             *language;
  gboolean          sandbox;
};

G_DEFINE_FINAL_TYPE (KopirAccountClient, kopir_account_client, G_TYPE_OBJECT)

enum {
  CREDENTIALS_ISSUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  AUTH_NONE,
  AUTH_APPLICANT,
  AUTH_SIGNED,
} Auth;

typedef gpointer (*ParseFunc) (JsonNode  *root,
                               GError   **error);

typedef struct
{
  char           *method;
  char           *path;
  GStrv           params;
  GBytes         *body;
  char           *content_type;
  Auth            auth;
  char           *applicant_id;
  gboolean        safe;
  ParseFunc       parse;
  GDestroyNotify  free_result;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->method);
  g_free (data->path);
  g_strfreev (data->params);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->content_type);
  g_free (data->applicant_id);
  g_free (data);
}

void
kopir_deposit_instructions_free (KopirDepositInstructions *instructions)
{
  if (instructions == NULL)
    return;

  g_free (instructions->beneficiary_name);
  g_free (instructions->beneficiary_bin);
  g_free (instructions->iban);
  g_free (instructions->bic);
  g_free (instructions->bank_name);
  g_free (instructions->kbe);
  g_free (instructions->knp);
  g_free (instructions->knp_alternative);
  g_free (instructions->kod);
  g_free (instructions->purpose);
  g_free (instructions->customer_id);
  g_free (instructions);
}

static GError *
invalid_response (const char *what)
{
  return kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE, 0, what, 0, 0, NULL);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(KopirResponse) response = NULL;
  GError *error = NULL;
  gpointer parsed;

  response = kopir_transport_request_finish (KOPIR_TRANSPORT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (response->status >= 500)
    {
      g_task_return_error (task, kopir_exchange_error_from_response (response->status, 0, NULL,
                                                                     kopir_response_get_retry_after (response),
                                                                     FALSE, NULL));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_task_return_error (task, kopir_account_error_from_problem (response->status,
                                                                   response->root));
      return;
    }

  if (data->parse == NULL)
    {
      g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
      return;
    }

  parsed = data->parse (response->root, &error);
  if (parsed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, parsed, data->free_result);
}

static void
send_call (GTask      *task,
           const char *token)
{
  KopirAccountClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  KopirRequestFlags flags = KOPIR_REQUEST_NONE;

  if (data->auth == AUTH_SIGNED)
    flags |= KOPIR_REQUEST_SIGNED;
  if (data->safe)
    flags |= KOPIR_REQUEST_SAFE;

  kopir_transport_request_async (self->transport, data->method, data->path,
                                 (const char * const *) data->params, data->body,
                                 data->content_type, token, flags, cancellable, call_cb, task);
}

static void
token_lookup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAccountClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *token;

  token = kopir_secret_store_lookup_finish (KOPIR_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (token == NULL)
    {
      g_task_return_new_error (task, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_UNAUTHORIZED,
                               _("Kopir no longer has the key of this application. "
                                 "Start a new application."));
      return;
    }

  g_hash_table_replace (self->tokens, g_strdup (data->applicant_id), g_strdup (token));
  send_call (g_steal_pointer (&task), token);
  secret_password_free (token);
}

static void
call (KopirAccountClient  *self,
      const char          *method,
      const char          *path,
      const char * const  *params,
      GBytes              *body,
      const char          *content_type,
      Auth                 auth,
      const char          *applicant_id,
      gboolean             safe,
      ParseFunc            parse,
      GDestroyNotify       free_result,
      gpointer             source_tag,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);
  const char *token;

  g_task_set_source_tag (task, source_tag);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->params = g_strdupv ((char **) params);
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  data->content_type = g_strdup (content_type);
  data->auth = auth;
  data->applicant_id = g_strdup (applicant_id);
  data->safe = safe;
  data->parse = parse;
  data->free_result = free_result;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (kopir_transport_get_base_url (self->transport) == NULL)
    {
      g_task_return_new_error (task, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_NOT_OFFERED, "%s",
                               _("This exchange does not open accounts through Kopir. "
                                 "Choose another exchange in Preferences."));
      return;
    }

  if (auth != AUTH_APPLICANT)
    {
      send_call (g_steal_pointer (&task), NULL);
      return;
    }

  token = g_hash_table_lookup (self->tokens, applicant_id);
  if (token != NULL)
    {
      send_call (g_steal_pointer (&task), token);
      return;
    }

  kopir_secret_store_lookup_async (self->secrets, KOPIR_SECRET_KIND_APPLICANT_TOKEN,
                                   self->profile_id, applicant_id, cancellable,
                                   token_lookup_cb, g_steal_pointer (&task));
}

static gpointer
finish_pointer (KopirAccountClient  *self,
                GAsyncResult        *result,
                gpointer             source_tag,
                GError             **error)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GBytes *
json_body (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);

  return g_bytes_new_take (text, len);
}

static char *
applicant_path (const char *applicant_id,
                const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (applicant_id, NULL, FALSE);

  return g_strdup_printf ("/onboarding/v1/applicants/%s%s", escaped, suffix != NULL ? suffix : "");
}

/* Parsers */

static gpointer
parse_node (JsonNode  *root,
            GError   **error)
{
  if (kopir_json_get_object (root) == NULL)
    {
      g_propagate_error (error, invalid_response ("not an object"));
      return NULL;
    }

  return json_node_ref (root);
}

static gpointer
parse_applicant (JsonNode  *root,
                 GError   **error)
{
  return kopir_applicant_new_from_json (kopir_json_get_object (root), error);
}

static gpointer
parse_bank_link (JsonNode  *root,
                 GError   **error)
{
  return kopir_bank_link_new_from_json (kopir_json_get_object (root), error);
}

static gpointer
parse_bank_links (JsonNode  *root,
                  GError   **error)
{
  JsonObject *object = kopir_json_get_object (root);
  g_autoptr(GListStore) store = g_list_store_new (KOPIR_TYPE_BANK_LINK);
  JsonArray *links = NULL;

  if (object != NULL && json_object_has_member (object, "links"))
    links = kopir_json_get_array (json_object_get_member (object, "links"));
  if (links == NULL)
    {
      g_propagate_error (error, invalid_response ("no links"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      g_autoptr(KopirBankLink) link = NULL;

      link = kopir_bank_link_new_from_json (kopir_json_get_object (json_array_get_element (links, i)),
                                            error);
      if (link == NULL)
        return NULL;
      g_list_store_append (store, link);
    }

  return g_steal_pointer (&store);
}

static gpointer
parse_deposits (JsonNode  *root,
                GError   **error)
{
  JsonObject *object = kopir_json_get_object (root);
  g_autoptr(GListStore) store = g_list_store_new (KOPIR_TYPE_DEPOSIT);
  JsonArray *deposits = NULL;

  if (object != NULL && json_object_has_member (object, "deposits"))
    deposits = kopir_json_get_array (json_object_get_member (object, "deposits"));
  if (deposits == NULL)
    {
      g_propagate_error (error, invalid_response ("no deposits"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (deposits); i++)
    {
      g_autoptr(KopirDeposit) deposit = NULL;

      deposit = kopir_deposit_new_from_json (kopir_json_get_object (json_array_get_element (deposits, i)),
                                             error);
      if (deposit == NULL)
        return NULL;
      g_list_store_append (store, deposit);
    }

  return g_steal_pointer (&store);
}

static gpointer
parse_deposit (JsonNode  *root,
               GError   **error)
{
  return kopir_deposit_new_from_json (kopir_json_get_object (root), error);
}

static gpointer
parse_withdrawal (JsonNode  *root,
                  GError   **error)
{
  return kopir_withdrawal_new_from_json (kopir_json_get_object (root), error);
}

static gpointer
parse_withdrawals (JsonNode  *root,
                   GError   **error)
{
  JsonObject *object = kopir_json_get_object (root);
  g_autoptr(GListStore) store = g_list_store_new (KOPIR_TYPE_WITHDRAWAL);
  JsonArray *withdrawals = NULL;

  if (object != NULL && json_object_has_member (object, "withdrawals"))
    withdrawals = kopir_json_get_array (json_object_get_member (object, "withdrawals"));
  if (withdrawals == NULL)
    {
      g_propagate_error (error, invalid_response ("no withdrawals"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (withdrawals); i++)
    {
      g_autoptr(KopirWithdrawal) withdrawal = NULL;

      withdrawal = kopir_withdrawal_new_from_json (kopir_json_get_object (json_array_get_element (withdrawals, i)),
                                                   error);
      if (withdrawal == NULL)
        return NULL;
      g_list_store_append (store, withdrawal);
    }

  return g_steal_pointer (&store);
}

static gpointer
parse_account_holder (JsonNode  *root,
                      GError   **error)
{
  return kopir_account_holder_new_from_json (kopir_json_get_object (root), error);
}

static gpointer
parse_pilot_limits (JsonNode  *root,
                    GError   **error)
{
  JsonObject *object = kopir_json_get_object (root);
  g_autofree KopirPilotLimits *limits = g_new0 (KopirPilotLimits, 1);
  const char *period = kopir_json_object_string (object, "period");

  if (period == NULL ||
      !kopir_json_object_bool (object, "limited", &limits->limited) ||
      !kopir_json_object_decimal (object, "limit_usd", &limits->limit_usd) ||
      !kopir_json_object_decimal (object, "used_usd", &limits->used_usd) ||
      !kopir_json_object_decimal (object, "remaining_usd", &limits->remaining_usd) ||
      !kopir_json_object_decimal (object, "remaining_kzt", &limits->remaining_kzt) ||
      !kopir_json_object_decimal (object, "usdt_kzt", &limits->usdt_kzt) ||
      !kopir_json_object_int (object, "resets_at", &limits->resets_at))
    {
      g_propagate_error (error, invalid_response ("not pilot limits"));
      return NULL;
    }

  g_strlcpy (limits->period, period, sizeof limits->period);

  return g_steal_pointer (&limits);
}

static gpointer
parse_deposit_instructions (JsonNode  *root,
                            GError   **error)
{
  JsonObject *object = kopir_json_get_object (root);
  g_autoptr(KopirDepositInstructions) instructions = g_new0 (KopirDepositInstructions, 1);
  struct { const char *member; char **field; } fields[] = {
    { "beneficiary_name", &instructions->beneficiary_name },
    { "beneficiary_bin", &instructions->beneficiary_bin },
    { "iban", &instructions->iban },
    { "bic", &instructions->bic },
    { "bank_name", &instructions->bank_name },
    { "kbe", &instructions->kbe },
    { "knp", &instructions->knp },
    { "knp_alternative", &instructions->knp_alternative },
    { "kod", &instructions->kod },
    { "purpose", &instructions->purpose },
    { "customer_id", &instructions->customer_id },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = kopir_json_object_string (object, fields[i].member);

      if (value == NULL)
        {
          g_propagate_error (error, invalid_response ("incomplete deposit instructions"));
          return NULL;
        }
      *fields[i].field = g_strdup (value);
    }

  return g_steal_pointer (&instructions);
}

/* GObject */

static void
kopir_account_client_finalize (GObject *object)
{
  KopirAccountClient *self = (KopirAccountClient *)object;

  g_clear_object (&self->transport);
  g_clear_object (&self->secrets);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (kopir_account_client_parent_class)->finalize (object);
}

static void
kopir_account_client_class_init (KopirAccountClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_account_client_finalize;

  /**
   * KopirAccountClient::credentials-issued:
   * @self: the client
   * @customer_id: the new customer's id
   *
   * Emitted once the API key and secret of a new account are in the
   * secret store (under the profile id and @customer_id).
   */
  signals[CREDENTIALS_ISSUED] =
    g_signal_new ("credentials-issued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kopir_account_client_init (KopirAccountClient *self)
{
  self->profile_id = g_strdup ("sandbox");
  /* Tokens are freed, not wiped: GLib strings offer no better here, and
   * they live only for the session. */
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * kopir_account_client_new:
 * @session: the shared #SoupSession
 * @secrets: the secret store for tokens and credentials
 *
 * Returns: (transfer full): a new client with no address yet
 */
KopirAccountClient *
kopir_account_client_new (SoupSession      *session,
                          KopirSecretStore *secrets)
{
  KopirAccountClient *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (KOPIR_IS_SECRET_STORE (secrets), NULL);

  self = g_object_new (KOPIR_TYPE_ACCOUNT_CLIENT, NULL);
  self->transport = kopir_transport_new (session, NULL);
  self->secrets = g_object_ref (secrets);

  return self;
}

/**
 * kopir_account_client_set_base_url:
 * @self: a #KopirAccountClient
 * @base_url: (nullable): the profile's onboarding address, or %NULL where
 *   the exchange offers none
 */
void
kopir_account_client_set_base_url (KopirAccountClient *self,
                                   const char         *base_url)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  kopir_transport_set_base_url (self->transport, base_url);
}

const char *
kopir_account_client_get_base_url (KopirAccountClient *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self), NULL);

  return kopir_transport_get_base_url (self->transport);
}

/**
 * kopir_account_client_set_profile_id:
 * @self: a #KopirAccountClient
 * @profile_id: the exchange profile, under which secrets are stored
 */
void
kopir_account_client_set_profile_id (KopirAccountClient *self,
                                     const char         *profile_id)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (profile_id != NULL);

  g_free (self->profile_id);
  self->profile_id = g_strdup (profile_id);
  g_hash_table_remove_all (self->tokens);
}

void
kopir_account_client_set_credentials (KopirAccountClient     *self,
                                      const KopirCredentials *credentials)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  kopir_transport_set_credentials (self->transport, credentials);
}

/* Onboarding */

typedef struct
{
  KopirApplicant   *applicant;
  char             *customer_id;
  KopirCredentials *credentials;
  char             *applicant_id;
} ChainData;

static void
chain_data_free (ChainData *data)
{
  g_clear_object (&data->applicant);
  g_free (data->customer_id);
  g_clear_pointer (&data->credentials, kopir_credentials_free);
  g_free (data->applicant_id);
  g_free (data);
}

static void
create_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChainData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!kopir_secret_store_store_finish (KOPIR_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&data->applicant), g_object_unref);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KopirAccountClient *self = KOPIR_ACCOUNT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  ChainData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *token;

  root = g_task_propagate_pointer (G_TASK (result), &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  token = kopir_json_object_string (kopir_json_get_object (root), "token");
  data->applicant = kopir_applicant_new_from_json (kopir_json_get_object (root), &error);
  if (data->applicant == NULL || token == NULL)
    {
      g_clear_error (&error);
      g_task_return_error (task, invalid_response ("no applicant token"));
      return;
    }

  g_hash_table_replace (self->tokens, g_strdup (kopir_applicant_get_id (data->applicant)),
                        g_strdup (token));
  kopir_secret_store_store_async (self->secrets, KOPIR_SECRET_KIND_APPLICANT_TOKEN,
                                  self->profile_id, kopir_applicant_get_id (data->applicant),
                                  token, g_task_get_cancellable (task), create_stored_cb,
                                  g_object_ref (task));
}

/**
 * kopir_account_client_create_applicant_async:
 * @self: a #KopirAccountClient
 * @locale: (nullable): "kk", "ru" or "en", for the exchange's messages
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Starts an application. Its token goes to the secret store; later calls
 * name the application by its id only.
 */
void
kopir_account_client_create_applicant_async (KopirAccountClient  *self,
                                             const char          *locale,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_account_client_create_applicant_async);
  g_task_set_task_data (task, g_new0 (ChainData, 1), (GDestroyNotify) chain_data_free);

  json_builder_begin_object (builder);
  if (locale != NULL)
    {
      json_builder_set_member_name (builder, "locale");
      json_builder_add_string_value (builder, locale);
    }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  body = json_body (node);

  call (self, "POST", "/onboarding/v1/applicants", NULL, body, "application/json",
        AUTH_NONE, NULL, FALSE, parse_node, (GDestroyNotify) json_node_unref,
        create_cb, cancellable, create_cb, g_steal_pointer (&task));
}

/**
 * kopir_account_client_create_applicant_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new application, in "draft"
 */
KopirApplicant *
kopir_account_client_create_applicant_finish (KopirAccountClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_create_applicant_async, error);
}

void
kopir_account_client_get_applicant_async (KopirAccountClient  *self,
                                          const char          *applicant_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (applicant_id != NULL);

  path = applicant_path (applicant_id, NULL);
  call (self, "GET", path, NULL, NULL, NULL, AUTH_APPLICANT, applicant_id, TRUE,
        parse_applicant, g_object_unref, kopir_account_client_get_applicant_async,
        cancellable, callback, user_data);
}

/**
 * kopir_account_client_get_applicant_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the application's status and review
 */
KopirApplicant *
kopir_account_client_get_applicant_finish (KopirAccountClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_get_applicant_async, error);
}

/**
 * kopir_account_client_update_applicant_async:
 * @self: a #KopirAccountClient
 * @applicant_id: the application
 * @personal_data: the PersonalData object of the contract
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Replaces the personal data. A %KOPIR_ACCOUNT_ERROR_INVALID error names
 * each wrong field: kopir_account_error_get_field_errors().
 */
void
kopir_account_client_update_applicant_async (KopirAccountClient  *self,
                                             const char          *applicant_id,
                                             JsonObject          *personal_data,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (applicant_id != NULL);
  g_return_if_fail (personal_data != NULL);

  node = json_node_init_object (json_node_alloc (), personal_data);
  body = json_body (node);
  path = applicant_path (applicant_id, NULL);

  /* Replacing data with the same data is harmless: safe to repeat. */
  call (self, "PUT", path, NULL, body, "application/json", AUTH_APPLICANT, applicant_id, TRUE,
        parse_applicant, g_object_unref, kopir_account_client_update_applicant_async,
        cancellable, callback, user_data);
}

KopirApplicant *
kopir_account_client_update_applicant_finish (KopirAccountClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_update_applicant_async, error);
}

/**
 * kopir_account_client_upload_document_async:
 * @self: a #KopirAccountClient
 * @applicant_id: the application
 * @kind: "id_card_front", "id_card_back", "passport", "selfie", ...
 * @image: the JPEG or PNG image
 * @content_type: "image/jpeg" or "image/png"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Uploads a document image; uploading again replaces it.
 */
void
kopir_account_client_upload_document_async (KopirAccountClient  *self,
                                            const char          *applicant_id,
                                            const char          *kind,
                                            GBytes              *image,
                                            const char          *content_type,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (applicant_id != NULL && kind != NULL && image != NULL);

  escaped = g_uri_escape_string (kind, NULL, FALSE);
  suffix = g_strdup_printf ("/documents/%s", escaped);
  path = applicant_path (applicant_id, suffix);

  call (self, "PUT", path, NULL, image, content_type, AUTH_APPLICANT, applicant_id, TRUE,
        NULL, NULL, kopir_account_client_upload_document_async, cancellable, callback, user_data);
}

gboolean
kopir_account_client_upload_document_finish (KopirAccountClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_upload_document_async, error) != NULL;
}

void
kopir_account_client_get_questionnaire_async (KopirAccountClient  *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  call (self, "GET", "/onboarding/v1/appropriateness/questions", NULL, NULL, NULL, AUTH_NONE,
        NULL, TRUE, parse_node, (GDestroyNotify) json_node_unref,
        kopir_account_client_get_questionnaire_async, cancellable, callback, user_data);
}

/**
 * kopir_account_client_get_questionnaire_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the Questionnaire object of the contract:
 *   `version`, `pass_score` and `questions` with stable ids, for which
 *   the UI shows its own translated texts
 */
JsonNode *
kopir_account_client_get_questionnaire_finish (KopirAccountClient  *self,
                                               GAsyncResult        *result,
                                               GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_get_questionnaire_async, error);
}

/**
 * kopir_account_client_answer_questionnaire_async:
 * @self: a #KopirAccountClient
 * @applicant_id: the application
 * @version: the questionnaire's version
 * @answers: (array zero-terminated=1): question id, option id, ..., %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends the answers of the knowledge test.
 */
void
kopir_account_client_answer_questionnaire_async (KopirAccountClient  *self,
                                                 const char          *applicant_id,
                                                 const char          *version,
                                                 const char * const  *answers,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (applicant_id != NULL && version != NULL && answers != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, version);
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_array (builder);
  for (guint i = 0; answers[i] != NULL && answers[i + 1] != NULL; i += 2)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, answers[i]);
      json_builder_set_member_name (builder, "option");
      json_builder_add_string_value (builder, answers[i + 1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  body = json_body (node);
  path = applicant_path (applicant_id, "/appropriateness");

  call (self, "POST", path, NULL, body, "application/json", AUTH_APPLICANT, applicant_id, TRUE,
        parse_node, (GDestroyNotify) json_node_unref,
        kopir_account_client_answer_questionnaire_async, cancellable, callback, user_data);
}

gboolean
kopir_account_client_answer_questionnaire_finish (KopirAccountClient  *self,
                                                  GAsyncResult        *result,
                                                  gboolean            *passed,
                                                  GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  gboolean value = FALSE;

  root = finish_pointer (self, result, kopir_account_client_answer_questionnaire_async, error);
  if (root == NULL)
    return FALSE;

  if (!kopir_json_object_bool (kopir_json_get_object (root), "passed", &value))
    {
      g_propagate_error (error, invalid_response ("no result"));
      return FALSE;
    }

  if (passed != NULL)
    *passed = value;

  return TRUE;
}

void
kopir_account_client_submit_async (KopirAccountClient  *self,
                                   const char          *applicant_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (applicant_id != NULL);

  path = applicant_path (applicant_id, "/submit");
  call (self, "POST", path, NULL, NULL, NULL, AUTH_APPLICANT, applicant_id, FALSE,
        parse_applicant, g_object_unref, kopir_account_client_submit_async,
        cancellable, callback, user_data);
}

/**
 * kopir_account_client_submit_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError; %KOPIR_ACCOUNT_ERROR_INVALID
 *   names what is missing by field
 *
 * Returns: (transfer full): the application, now "pending"
 */
KopirApplicant *
kopir_account_client_submit_finish (KopirAccountClient  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_submit_async, error);
}

static void
credentials_token_cleared_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAccountClient *self = g_task_get_source_object (task);
  ChainData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The token is revoked by the exchange already; failing to remove it
   * from the keyring leaves a dead key, not an open door. */
  if (!kopir_secret_store_clear_finish (KOPIR_SECRET_STORE (object), result, &error))
    g_debug ("Removing the applicant token: %s", error->message);
  g_hash_table_remove (self->tokens, data->applicant_id);

  kopir_transport_set_credentials (self->transport, data->credentials);
  g_signal_emit (self, signals[CREDENTIALS_ISSUED], 0, data->customer_id);
  g_task_return_pointer (task, g_steal_pointer (&data->customer_id), g_free);
}

static void
credentials_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAccountClient *self = g_task_get_source_object (task);
  ChainData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!kopir_secret_store_store_credentials_finish (KOPIR_SECRET_STORE (object), result, &error))
    {
      /* The secret is shown once only; this is the one failure that
       * loses it. Say so plainly. */
      g_task_return_error (task, error);
      return;
    }

  kopir_secret_store_clear_async (self->secrets, KOPIR_SECRET_KIND_APPLICANT_TOKEN,
                                  self->profile_id, data->applicant_id,
                                  NULL, credentials_token_cleared_cb, g_object_ref (task));
}

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  KopirAccountClient *self = KOPIR_ACCOUNT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  ChainData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object_json;
  const char *customer_id;
  const char *api_key;
  const char *api_secret;
  GError *error = NULL;

  root = g_task_propagate_pointer (G_TASK (result), &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  object_json = kopir_json_get_object (root);
  customer_id = kopir_json_object_string (object_json, "customer_id");
  api_key = kopir_json_object_string (object_json, "api_key");
  api_secret = kopir_json_object_string (object_json, "api_secret");
  if (customer_id == NULL || api_key == NULL || api_secret == NULL)
    {
      g_task_return_error (task, invalid_response ("incomplete credentials"));
      return;
    }

  data->customer_id = g_strdup (customer_id);
  data->credentials = kopir_credentials_new (api_key, api_secret);

  /* Not cancellable: the secret is never shown again. */
  kopir_secret_store_store_credentials_async (self->secrets, self->profile_id, customer_id,
                                              data->credentials, NULL, credentials_stored_cb,
                                              g_object_ref (task));
}

/**
 * kopir_account_client_issue_credentials_async:
 * @self: a #KopirAccountClient
 * @applicant_id: an approved application
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks for the account's API key and secret (once only), stores them in
 * the secret store under the profile and the customer id, removes the
 * applicant token and signs this client's bank and pilot calls with them.
 */
void
kopir_account_client_issue_credentials_async (KopirAccountClient  *self,
                                              const char          *applicant_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  ChainData *data;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (applicant_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_account_client_issue_credentials_async);
  data = g_new0 (ChainData, 1);
  data->applicant_id = g_strdup (applicant_id);
  g_task_set_task_data (task, data, (GDestroyNotify) chain_data_free);

  path = applicant_path (applicant_id, "/credentials");
  call (self, "POST", path, NULL, NULL, NULL, AUTH_APPLICANT, applicant_id, FALSE,
        parse_node, (GDestroyNotify) json_node_unref, credentials_cb,
        NULL, credentials_cb, g_steal_pointer (&task));
}

/**
 * kopir_account_client_issue_credentials_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the customer id; the key and secret are in the
 *   secret store only
 */
char *
kopir_account_client_issue_credentials_finish (KopirAccountClient  *self,
                                               GAsyncResult        *result,
                                               GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_issue_credentials_async, error);
}

/* Practice accounts (sandbox only) */

static void
practice_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAccountClient *self = g_task_get_source_object (task);
  ChainData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!kopir_secret_store_store_credentials_finish (KOPIR_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  kopir_transport_set_credentials (self->transport, data->credentials);
  g_signal_emit (self, signals[CREDENTIALS_ISSUED], 0, data->customer_id);
  g_task_return_pointer (task, g_steal_pointer (&data->customer_id), g_free);
}

static void
practice_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KopirAccountClient *self = KOPIR_ACCOUNT_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  ChainData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object_json;
  const char *customer_id;
  const char *api_key;
  const char *api_secret;
  GError *error = NULL;

  root = g_task_propagate_pointer (G_TASK (result), &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  object_json = kopir_json_get_object (root);
  customer_id = kopir_json_object_string (object_json, "customer_id");
  api_key = kopir_json_object_string (object_json, "api_key");
  api_secret = kopir_json_object_string (object_json, "api_secret");
  if (customer_id == NULL || api_key == NULL || api_secret == NULL)
    {
      g_task_return_error (task, invalid_response ("incomplete practice account"));
      return;
    }

  data->customer_id = g_strdup (customer_id);
  data->credentials = kopir_credentials_new (api_key, api_secret);

  /* Not cancellable, as for a real account: the secret is not shown again. */
  kopir_secret_store_store_credentials_async (self->secrets, self->profile_id, customer_id,
                                              data->credentials, NULL, practice_stored_cb,
                                              g_object_ref (task));
}

/**
 * kopir_account_client_create_practice_account_async:
 * @self: a #KopirAccountClient
 * @kzt: (nullable): the practice tenge to start with, a decimal string
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks the practice exchange (kopir-sandbox only: the endpoint exists
 * nowhere else) for an approved, funded account at once, for
 * demonstrations. Its key and secret go straight to the secret store, as
 * for an account opened by application, and this client signs with them.
 */
void
kopir_account_client_create_practice_account_async (KopirAccountClient  *self,
                                                    const char          *kzt,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_account_client_create_practice_account_async);
  g_task_set_task_data (task, g_new0 (ChainData, 1), (GDestroyNotify) chain_data_free);

  json_builder_begin_object (builder);
  if (kzt != NULL)
    {
      json_builder_set_member_name (builder, "kzt");
      json_builder_add_string_value (builder, kzt);
    }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  body = json_body (node);

  call (self, "POST", "/sandbox/v1/accounts", NULL, body, "application/json", AUTH_NONE, NULL,
        FALSE, parse_node, (GDestroyNotify) json_node_unref, practice_cb,
        cancellable, practice_cb, g_steal_pointer (&task));
}

/**
 * kopir_account_client_create_practice_account_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the practice customer's id; the key and
 *   secret are in the secret store only
 */
char *
kopir_account_client_create_practice_account_finish (KopirAccountClient  *self,
                                                     GAsyncResult        *result,
                                                     GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_create_practice_account_async, error);
}

/* Bank and pilot: signed like trading */

void
kopir_account_client_list_bank_links_async (KopirAccountClient  *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  call (self, "GET", "/bank/v1/links", NULL, NULL, NULL, AUTH_SIGNED, NULL, TRUE,
        parse_bank_links, g_object_unref, kopir_account_client_list_bank_links_async,
        cancellable, callback, user_data);
}

/**
 * kopir_account_client_list_bank_links_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a list model of #KopirBankLink
 */
GListModel *
kopir_account_client_list_bank_links_finish (KopirAccountClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_list_bank_links_async, error);
}

/**
 * kopir_account_client_link_bank_account_async:
 * @self: a #KopirAccountClient
 * @iban: the IBAN (spaces and lower case accepted)
 * @holder_name: the holder's name, which must be the customer's
 * @holder_iin: the holder's IIN, which must be the customer's
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Links a tenge account. Field errors name "iban", "holder_name" and
 * "holder_iin".
 */
void
kopir_account_client_link_bank_account_async (KopirAccountClient  *self,
                                              const char          *iban,
                                              const char          *holder_name,
                                              const char          *holder_iin,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (iban != NULL && holder_name != NULL && holder_iin != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "iban");
  json_builder_add_string_value (builder, iban);
  json_builder_set_member_name (builder, "holder_name");
  json_builder_add_string_value (builder, holder_name);
  json_builder_set_member_name (builder, "holder_iin");
  json_builder_add_string_value (builder, holder_iin);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  body = json_body (node);

  /* A repeat answers "link_exists": harmless, so safe to retry. */
  call (self, "POST", "/bank/v1/links", NULL, body, "application/json", AUTH_SIGNED, NULL, TRUE,
        parse_bank_link, g_object_unref, kopir_account_client_link_bank_account_async,
        cancellable, callback, user_data);
}

KopirBankLink *
kopir_account_client_link_bank_account_finish (KopirAccountClient  *self,
                                               GAsyncResult        *result,
                                               GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_link_bank_account_async, error);
}

void
kopir_account_client_unlink_bank_account_async (KopirAccountClient  *self,
                                                const char          *link_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (link_id != NULL);

  escaped = g_uri_escape_string (link_id, NULL, FALSE);
  path = g_strdup_printf ("/bank/v1/links/%s", escaped);
  call (self, "DELETE", path, NULL, NULL, NULL, AUTH_SIGNED, NULL, TRUE, NULL, NULL,
        kopir_account_client_unlink_bank_account_async, cancellable, callback, user_data);
}

gboolean
kopir_account_client_unlink_bank_account_finish (KopirAccountClient  *self,
                                                 GAsyncResult        *result,
                                                 GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_unlink_bank_account_async, error) != NULL;
}

void
kopir_account_client_get_deposit_instructions_async (KopirAccountClient  *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data)
{
  const char *params[] = { "lang", NULL, NULL };

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  /* The purpose text comes in the customer's language when asked. */
  params[1] = self->language;
  call (self, "GET", "/bank/v1/deposit-instructions",
        self->language != NULL ? params : NULL, NULL, NULL, AUTH_SIGNED, NULL, TRUE,
        parse_deposit_instructions, (GDestroyNotify) kopir_deposit_instructions_free,
        kopir_account_client_get_deposit_instructions_async, cancellable, callback, user_data);
}

/**
 * kopir_account_client_get_deposit_instructions_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what to enter in the bank's app; core's
 *   kopir_payment_details_new() builds the printed form from it
 */
KopirDepositInstructions *
kopir_account_client_get_deposit_instructions_finish (KopirAccountClient  *self,
                                                      GAsyncResult        *result,
                                                      GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_get_deposit_instructions_async, error);
}

void
kopir_account_client_list_deposits_async (KopirAccountClient  *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  call (self, "GET", "/bank/v1/deposits", NULL, NULL, NULL, AUTH_SIGNED, NULL, TRUE,
        parse_deposits, g_object_unref, kopir_account_client_list_deposits_async,
        cancellable, callback, user_data);
}

/**
 * kopir_account_client_list_deposits_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a list model of #KopirDeposit, newest first
 */
GListModel *
kopir_account_client_list_deposits_finish (KopirAccountClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_list_deposits_async, error);
}

/**
 * kopir_account_client_withdraw_async:
 * @self: a #KopirAccountClient
 * @link_id: the linked account to pay to
 * @amount: tenge, at most 2 decimals
 * @client_withdrawal_id: an id chosen by the caller and kept (e.g. in the
 *   ledger) before calling: a repeat with the same id pays once
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends tenge back to a linked account. The id makes the request safe to
 * repeat, so it is retried like a read.
 */
void
kopir_account_client_withdraw_async (KopirAccountClient  *self,
                                     const char          *link_id,
                                     const KopirDecimal  *amount,
                                     const char          *client_withdrawal_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *amount_str = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (link_id != NULL && amount != NULL && client_withdrawal_id != NULL);

  amount_str = kopir_decimal_dup_string_fixed (amount, 2, KOPIR_ROUNDING_DOWN);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "link_id");
  json_builder_add_string_value (builder, link_id);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_string_value (builder, amount_str);
  json_builder_set_member_name (builder, "client_withdrawal_id");
  json_builder_add_string_value (builder, client_withdrawal_id);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  body = json_body (node);

  call (self, "POST", "/bank/v1/withdrawals", NULL, body, "application/json", AUTH_SIGNED, NULL,
        TRUE, parse_withdrawal, g_object_unref, kopir_account_client_withdraw_async, cancellable,
        callback, user_data);
}

/**
 * kopir_account_client_withdraw_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * A %KOPIR_ACCOUNT_ERROR means the exchange refused the withdrawal (field
 * errors name "amount" and "link_id"); a %KOPIR_EXCHANGE_ERROR that no
 * answer came, so whether it was paid is not known: repeat it with the
 * same client withdrawal id, never with a new one.
 *
 * Returns: (transfer full) (nullable): the withdrawal, also when the
 *   exchange had it already from an earlier attempt
 */
KopirWithdrawal *
kopir_account_client_withdraw_finish (KopirAccountClient  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_withdraw_async, error);
}

void
kopir_account_client_get_pilot_limits_async (KopirAccountClient  *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  call (self, "GET", "/pilot/v1/limits", NULL, NULL, NULL, AUTH_SIGNED, NULL, TRUE,
        parse_pilot_limits, g_free, kopir_account_client_get_pilot_limits_async,
        cancellable, callback, user_data);
}

/**
 * kopir_account_client_get_pilot_limits_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): this month's figures; free with g_free()
 */
KopirPilotLimits *
kopir_account_client_get_pilot_limits_finish (KopirAccountClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_get_pilot_limits_async, error);
}

/* The bank page */

/**
 * kopir_account_client_set_sandbox:
 * @self: a #KopirAccountClient
 * @sandbox: whether the active profile is the practice exchange
 *
 * Only the practice exchange may be asked to simulate a bank transfer.
 */
void
kopir_account_client_set_sandbox (KopirAccountClient *self,
                                  gboolean            sandbox)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  self->sandbox = !!sandbox;
}

gboolean
kopir_account_client_get_sandbox (KopirAccountClient *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self), FALSE);

  return self->sandbox;
}

/**
 * kopir_account_client_set_language:
 * @self: a #KopirAccountClient
 * @language: (nullable): "en", "kk" or "ru", or %NULL for the exchange's
 *   own choice
 *
 * The language of texts the exchange writes for the customer, such as the
 * payment purpose in the deposit instructions.
 */
void
kopir_account_client_set_language (KopirAccountClient *self,
                                   const char         *language)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  g_free (self->language);
  self->language = g_strdup (language);
}

void
kopir_account_client_get_account_holder_async (KopirAccountClient  *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  call (self, "GET", "/bank/v1/holder", NULL, NULL, NULL, AUTH_SIGNED, NULL, TRUE,
        parse_account_holder, g_object_unref, kopir_account_client_get_account_holder_async,
        cancellable, callback, user_data);
}

/**
 * kopir_account_client_get_account_holder_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the name and IIN a linked account must carry
 */
KopirAccountHolder *
kopir_account_client_get_account_holder_finish (KopirAccountClient  *self,
                                                GAsyncResult        *result,
                                                GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_get_account_holder_async, error);
}

void
kopir_account_client_list_withdrawals_async (KopirAccountClient  *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));

  call (self, "GET", "/bank/v1/withdrawals", NULL, NULL, NULL, AUTH_SIGNED, NULL, TRUE,
        parse_withdrawals, g_object_unref, kopir_account_client_list_withdrawals_async,
        cancellable, callback, user_data);
}

/**
 * kopir_account_client_list_withdrawals_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a list model of #KopirWithdrawal, newest first
 */
GListModel *
kopir_account_client_list_withdrawals_finish (KopirAccountClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_list_withdrawals_async, error);
}

/* The practice exchange runs on this computer: a simulated transfer is
 * only ever sent to loopback, whatever a profile says. */
static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) == NULL)
    return FALSE;

  host = g_uri_get_host (uri);

  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0 ||
         g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0;
}

/**
 * kopir_account_client_simulate_bank_transfer_async:
 * @self: a #KopirAccountClient
 * @sender_iban: the account the money comes from
 * @sender_name: its holder's name
 * @sender_iin: its holder's IIN
 * @amount: tenge, at most 2 decimals
 * @purpose: the payment purpose, which carries the customer id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Practice exchange only: plays the customer's bank sending tenge to the
 * exchange (POST /sandbox/v1/bank-transfers), which credits or returns
 * it. Refused with %KOPIR_ACCOUNT_ERROR_NOT_OFFERED unless the active
 * profile is the practice exchange on this computer. Never repeated
 * automatically: each request is another transfer.
 */
void
kopir_account_client_simulate_bank_transfer_async (KopirAccountClient  *self,
                                                   const char          *sender_iban,
                                                   const char          *sender_name,
                                                   const char          *sender_iin,
                                                   const KopirDecimal  *amount,
                                                   const char          *purpose,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *amount_str = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (self));
  g_return_if_fail (sender_iban != NULL && sender_name != NULL && sender_iin != NULL);
  g_return_if_fail (amount != NULL && purpose != NULL);

  if (!self->sandbox || !is_loopback_url (kopir_transport_get_base_url (self->transport)))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, kopir_account_client_simulate_bank_transfer_async);
      g_task_return_new_error (task, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_NOT_OFFERED, "%s",
                               _("Only the practice exchange can simulate a bank transfer. "
                                 "Send real tenge from your bank’s app."));
      return;
    }

  amount_str = kopir_decimal_dup_string_fixed (amount, 2, KOPIR_ROUNDING_DOWN);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sender_iban");
  json_builder_add_string_value (builder, sender_iban);
  json_builder_set_member_name (builder, "sender_name");
  json_builder_add_string_value (builder, sender_name);
  json_builder_set_member_name (builder, "sender_iin");
  json_builder_add_string_value (builder, sender_iin);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_string_value (builder, amount_str);
  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, purpose);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  body = json_body (node);

  call (self, "POST", "/sandbox/v1/bank-transfers", NULL, body, "application/json", AUTH_NONE,
        NULL, FALSE, parse_deposit, g_object_unref,
        kopir_account_client_simulate_bank_transfer_async, cancellable, callback, user_data);
}

/**
 * kopir_account_client_simulate_bank_transfer_finish:
 * @self: a #KopirAccountClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the transfer as the exchange booked it,
 *   credited or returned
 */
KopirDeposit *
kopir_account_client_simulate_bank_transfer_finish (KopirAccountClient  *self,
                                                    GAsyncResult        *result,
                                                    GError             **error)
{
  return finish_pointer (self, result, kopir_account_client_simulate_bank_transfer_async, error);
}
