/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-transport.c: signed HTTP requests with the retry rules money needs
 *
 * One configured SoupSession carries every request. A request is either
 * safe (reads, and writes that are idempotent by a client-chosen id) or
 * not (placing an order). Safe requests are sent again after a network
 * failure, a 5xx or an unreadable answer, with exponential backoff and
 * jitter, and after a 429/418 once the server's Retry-After has passed.
 * An unsafe request is sent exactly once: if no usable answer comes back,
 * the outcome is unknown and the caller must ask the server what happened.
 *
 * A request refused for its timestamp (-1021, or the contract's
 * timestamp_outside_recv_window) was not executed, whatever the method,
 * so the clock offset is resynchronised and the request signed and sent
 * once more.
 */

#define G_LOG_DOMAIN "kopir-transport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-backoff.h"
#include "kopir-exchange-error.h"
#include "kopir-json-private.h"
#include "kopir-signature.h"
#include "kopir-transport.h"

#define DEFAULT_RECV_WINDOW_MS 5000
#define DEFAULT_MAX_ATTEMPTS 4
#define BACKOFF_BASE_MS 250
#define BACKOFF_CAP_MS 8000
/* A safe request waits for a Retry-After up to this long by itself;
 * beyond it the customer is told when to come back. */
#define MAX_AUTO_WAIT_SECONDS 10
#define TIME_PATH "/api/v3/time"

struct _KopirTransport
{
  GObject           parent_instance;

  SoupSession      *session;
  char             *base_url;
  KopirCredentials *credentials;
  guint             recv_window;
  guint             max_attempts;
  gint64            clock_offset;
  guint             used_weight;
};

G_DEFINE_FINAL_TYPE (KopirTransport, kopir_transport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CLOCK_OFFSET,
  PROP_USED_WEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char              *method;
  char              *path;
  GStrv              params;
  GBytes            *body;
  char              *content_type;
  char              *bearer;
  KopirRequestFlags  flags;
  guint              attempt;
  gboolean           resynced;
} RequestData;

static void send_attempt (GTask *task);

void
kopir_response_free (KopirResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->root, json_node_unref);
  g_free (response);
}

static void
request_data_free (RequestData *data)
{
  g_free (data->method);
  g_free (data->path);
  g_strfreev (data->params);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->content_type);
  g_clear_pointer (&data->bearer, g_free);
  g_free (data);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/**
 * kopir_http_session_new:
 *
 * The one session Kopir's clients share: a user agent naming Kopir, and
 * timeouts so a silent server becomes an error instead of a hang. TLS
 * certificates are checked against the system's trust store; there is no
 * way to accept a certificate that fails.
 *
 * Returns: (transfer full): a new #SoupSession
 */
SoupSession *
kopir_http_session_new (void)
{
  return g_object_new (SOUP_TYPE_SESSION,
                       "user-agent", "Kopir/" PACKAGE_VERSION " ",
                       "timeout", 20,
                       "idle-timeout", 60,
                       "max-conns-per-host", 6,
                       NULL);
}

static void
kopir_transport_finalize (GObject *object)
{
  KopirTransport *self = (KopirTransport *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->credentials, kopir_credentials_free);

  G_OBJECT_CLASS (kopir_transport_parent_class)->finalize (object);
}

static void
kopir_transport_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KopirTransport *self = KOPIR_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CLOCK_OFFSET:
      g_value_set_int64 (value, self->clock_offset);
      break;
    case PROP_USED_WEIGHT:
      g_value_set_uint (value, self->used_weight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_transport_class_init (KopirTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_transport_finalize;
  object_class->get_property = kopir_transport_get_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Milliseconds to add to the local clock to get the server's. */
  properties[PROP_CLOCK_OFFSET] =
    g_param_spec_int64 ("clock-offset", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The request weight used in the current minute (X-MBX-USED-WEIGHT-1M). */
  properties[PROP_USED_WEIGHT] =
    g_param_spec_uint ("used-weight", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_transport_init (KopirTransport *self)
{
  self->recv_window = DEFAULT_RECV_WINDOW_MS;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
}

KopirTransport *
kopir_transport_new (SoupSession *session,
                     const char  *base_url)
{
  KopirTransport *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (KOPIR_TYPE_TRANSPORT, NULL);
  self->session = g_object_ref (session);
  kopir_transport_set_base_url (self, base_url);

  return self;
}

const char *
kopir_transport_get_base_url (KopirTransport *self)
{
  g_return_val_if_fail (KOPIR_IS_TRANSPORT (self), NULL);

  return self->base_url;
}

void
kopir_transport_set_base_url (KopirTransport *self,
                              const char     *base_url)
{
  g_return_if_fail (KOPIR_IS_TRANSPORT (self));

  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  /* Another server, another clock. */
  self->clock_offset = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

void
kopir_transport_set_credentials (KopirTransport         *self,
                                 const KopirCredentials *credentials)
{
  g_return_if_fail (KOPIR_IS_TRANSPORT (self));

  g_clear_pointer (&self->credentials, kopir_credentials_free);
  if (credentials != NULL)
    self->credentials = kopir_credentials_copy (credentials);
}

gboolean
kopir_transport_has_credentials (KopirTransport *self)
{
  g_return_val_if_fail (KOPIR_IS_TRANSPORT (self), FALSE);

  return self->credentials != NULL;
}

void
kopir_transport_set_recv_window (KopirTransport *self,
                                 guint           recv_window_ms)
{
  g_return_if_fail (KOPIR_IS_TRANSPORT (self));

  /* The dialect allows at most 60 seconds. */
  self->recv_window = CLAMP (recv_window_ms, 1, 60000);
}

guint
kopir_transport_get_recv_window (KopirTransport *self)
{
  g_return_val_if_fail (KOPIR_IS_TRANSPORT (self), DEFAULT_RECV_WINDOW_MS);

  return self->recv_window;
}

gint64
kopir_transport_get_clock_offset (KopirTransport *self)
{
  g_return_val_if_fail (KOPIR_IS_TRANSPORT (self), 0);

  return self->clock_offset;
}

void
kopir_transport_set_clock_offset (KopirTransport *self,
                                  gint64          offset_ms)
{
  g_return_if_fail (KOPIR_IS_TRANSPORT (self));

  if (self->clock_offset == offset_ms)
    return;

  self->clock_offset = offset_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_OFFSET]);
}

/**
 * kopir_transport_get_server_time:
 * @self: a #KopirTransport
 *
 * Returns: the server's time now, in milliseconds since the epoch, as
 *   estimated from the last clock synchronisation
 */
gint64
kopir_transport_get_server_time (KopirTransport *self)
{
  g_return_val_if_fail (KOPIR_IS_TRANSPORT (self), 0);

  return now_ms () + self->clock_offset;
}

guint
kopir_transport_get_used_weight (KopirTransport *self)
{
  g_return_val_if_fail (KOPIR_IS_TRANSPORT (self), 0);

  return self->used_weight;
}

void
kopir_transport_set_max_attempts (KopirTransport *self,
                                  guint           max_attempts)
{
  g_return_if_fail (KOPIR_IS_TRANSPORT (self));

  self->max_attempts = MAX (max_attempts, 1);
}

static void
append_param (GString    *query,
              const char *key,
              const char *value)
{
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_uri_escaped (query, key, NULL, FALSE);
  g_string_append_c (query, '=');
  g_string_append_uri_escaped (query, value, NULL, FALSE);
}

/* Builds the URL of one attempt; a signed request is signed afresh each
 * time, since its timestamp changes. */
static char *
build_url (KopirTransport *self,
           RequestData    *data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) url = g_string_new (self->base_url);

  for (guint i = 0; data->params != NULL && data->params[i] != NULL && data->params[i + 1] != NULL; i += 2)
    append_param (query, data->params[i], data->params[i + 1]);

  if (data->flags & KOPIR_REQUEST_SIGNED)
    {
      g_autofree char *signature = NULL;
      g_autofree char *body = NULL;

      g_string_append_printf (query, "%stimestamp=%" G_GINT64_FORMAT "&recvWindow=%u",
                              query->len > 0 ? "&" : "",
                              kopir_transport_get_server_time (self), self->recv_window);

      if (data->body != NULL)
        {
          gsize len;
          const char *bytes = g_bytes_get_data (data->body, &len);

          body = g_strndup (bytes, len);
        }

      signature = kopir_signature_sign (kopir_credentials_get_api_secret (self->credentials),
                                        query->str, body != NULL ? body : "");
      g_string_append_printf (query, "&signature=%s", signature);
    }

  g_string_append (url, data->path);
  if (query->len > 0)
    {
      g_string_append_c (url, '?');
      g_string_append_len (url, query->str, query->len);
    }

  return g_string_free (g_steal_pointer (&url), FALSE);
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!kopir_backoff_wait_finish (result, &error))
    g_task_return_error (task, error);
  else
    send_attempt (g_steal_pointer (&task));
}

/* Waits, then sends again; a cancellation ends the wait at once. Takes
 * the caller's reference on @task. */
static void
retry_later (GTask *task,
             guint  delay_ms)
{
  RequestData *data = g_task_get_task_data (task);

  g_debug ("%s %s: attempt %u failed, again in %u ms",
           data->method, data->path, data->attempt, delay_ms);

  kopir_backoff_wait_async (delay_ms, g_task_get_cancellable (task), wait_cb, task);
}

static guint
backoff_delay (RequestData *data)
{
  return kopir_backoff_delay_ms (data->attempt - 1, BACKOFF_BASE_MS, BACKOFF_CAP_MS,
                                 g_random_int ());
}

static gboolean
error_means_not_sent (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         error->domain == G_RESOLVER_ERROR ||
         error->domain == G_TLS_ERROR;
}

static void
update_used_weight (KopirTransport     *self,
                    SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "X-MBX-USED-WEIGHT-1M");
  guint64 weight;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &weight, NULL))
    return;

  if (self->used_weight != weight)
    {
      self->used_weight = (guint) weight;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USED_WEIGHT]);
    }
}

/**
 * kopir_response_get_binance_error:
 * @response: an answer
 * @code: (out) (optional): the `code` member
 * @message: (out) (optional) (transfer none): the `msg` member
 *
 * Returns: %TRUE if the body is a Binance-style error object
 */
gboolean
kopir_response_get_binance_error (const KopirResponse  *response,
                                  int                  *code,
                                  const char          **message)
{
  JsonObject *object = kopir_json_get_object (response->root);
  gint64 value;

  if (object == NULL || !kopir_json_object_int (object, "code", &value))
    return FALSE;

  if (code != NULL)
    *code = (int) CLAMP (value, G_MININT, G_MAXINT);
  if (message != NULL)
    *message = kopir_json_object_string (object, "msg");

  return TRUE;
}

guint
kopir_response_get_retry_after (const KopirResponse *response)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint seconds = 0;

  kopir_backoff_parse_retry_after (soup_message_headers_get_one (response->headers, "Retry-After"),
                                   now, &seconds);

  return seconds;
}

static gboolean
is_clock_rejection (const KopirResponse *response,
                    gint64              *server_time)
{
  JsonObject *object = kopir_json_get_object (response->root);
  const char *problem_code;
  int code;

  *server_time = 0;

  if (kopir_response_get_binance_error (response, &code, NULL) && code == -1021)
    return TRUE;

  problem_code = kopir_json_object_string (object, "code");
  if (g_strcmp0 (problem_code, "timestamp_outside_recv_window") == 0)
    {
      kopir_json_object_int (object, "server_time", server_time);
      return TRUE;
    }

  return FALSE;
}

static void
resync_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KopirTransport *self = KOPIR_TRANSPORT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_transport_sync_time_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_CLOCK, -1021,
                                                             error->message, 0, 0, NULL));
      return;
    }

  send_attempt (g_steal_pointer (&task));
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  KopirTransport *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (session, result);
  g_autoptr(KopirResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gboolean safe = (data->flags & KOPIR_REQUEST_SAFE) != 0;
  gboolean attempts_left = data->attempt < self->max_attempts;
  gint64 server_time;

  body = soup_session_send_and_read_finish (session, result, &error);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      g_debug ("%s %s: %s", data->method, data->path, error->message);

      if (error->domain == G_TLS_ERROR)
        {
          g_task_return_error (task, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_TLS, 0,
                                                               error->message, 0, 0, NULL));
          return;
        }

      if (safe && attempts_left)
        {
          retry_later (g_steal_pointer (&task), backoff_delay (data));
          return;
        }

      g_task_return_error (task,
                           kopir_exchange_error_new (safe || error_means_not_sent (error)
                                                     ? KOPIR_EXCHANGE_ERROR_UNREACHABLE
                                                     : KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME,
                                                     0, error->message, 0, 0, NULL));
      return;
    }

  response = g_new0 (KopirResponse, 1);
  response->status = soup_message_get_status (message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  response->body = g_steal_pointer (&body);
  if (g_bytes_get_size (response->body) > 0)
    response->root = kopir_json_parse (response->body, NULL);

  update_used_weight (self, response->headers);

  if (SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      /* Every successful answer of both dialects is JSON, except 204. */
      if (response->root == NULL && response->status != SOUP_STATUS_NO_CONTENT)
        {
          g_debug ("%s %s: unreadable answer", data->method, data->path);

          if (safe && attempts_left)
            {
              retry_later (g_steal_pointer (&task), backoff_delay (data));
              return;
            }

          g_task_return_error (task,
                               kopir_exchange_error_new (safe
                                                         ? KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE
                                                         : KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME,
                                                         0, "unparsable body",
                                                         response->status, 0, NULL));
          return;
        }

      g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) kopir_response_free);
      return;
    }

  if ((data->flags & KOPIR_REQUEST_SIGNED) && !data->resynced &&
      is_clock_rejection (response, &server_time))
    {
      data->resynced = TRUE;
      g_debug ("%s %s: timestamp refused, resynchronising the clock", data->method, data->path);

      if (server_time > 0)
        {
          kopir_transport_set_clock_offset (self, server_time - now_ms ());
          send_attempt (g_steal_pointer (&task));
        }
      else
        {
          kopir_transport_sync_time_async (self, g_task_get_cancellable (task), resync_cb,
                                           g_object_ref (task));
        }
      return;
    }

  if (safe && attempts_left && response->status >= 500)
    {
      retry_later (g_steal_pointer (&task),
                   MAX (backoff_delay (data), kopir_response_get_retry_after (response) * 1000));
      return;
    }

  if (safe && attempts_left && (response->status == 429 || response->status == 418))
    {
      guint retry_after = kopir_response_get_retry_after (response);

      if (retry_after <= MAX_AUTO_WAIT_SECONDS)
        {
          retry_later (g_steal_pointer (&task), MAX (retry_after * 1000, backoff_delay (data)));
          return;
        }
    }

  /* An error answer: the caller knows its dialect and maps it. */
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) kopir_response_free);
}

static void
send_attempt (GTask *task)
{
  KopirTransport *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;

  data->attempt++;

  url = build_url (self, data);
  message = soup_message_new (data->method, url);
  if (message == NULL)
    {
      g_task_return_error (task, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_NOT_CONFIGURED,
                                                           0, "invalid URL", 0, 0, NULL));
      g_object_unref (task);
      return;
    }

  if (data->flags & (KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_API_KEY))
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-MBX-APIKEY",
                                  kopir_credentials_get_api_key (self->credentials));

  if (data->bearer != NULL)
    {
      g_autofree char *authorization = g_strdup_printf ("Bearer %s", data->bearer);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    authorization);
    }

  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json, application/problem+json");

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (message, data->content_type, data->body);

  /* libsoup sends a request again by itself after a kept-alive connection
   * closed only when the request is idempotent; an order never is. */
  if (data->flags & KOPIR_REQUEST_SAFE)
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, task);
}

/**
 * kopir_transport_request_async:
 * @self: a #KopirTransport
 * @method: "GET", "POST", "PUT" or "DELETE"
 * @path: the path under the base address, starting with '/'
 * @params: (nullable) (array zero-terminated=1): query parameters as
 *   key, value, key, value, ..., %NULL; they are percent-encoded here
 * @body: (nullable): the request body
 * @content_type: (nullable): its type
 * @bearer: (nullable): a bearer token for the Authorization header
 * @flags: how to authenticate, and whether the request may be repeated
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Sends a request. The answer, successful or not, comes back as a
 * #KopirResponse; a %KOPIR_EXCHANGE_ERROR comes back only when there is no
 * usable answer.
 */
void
kopir_transport_request_async (KopirTransport      *self,
                               const char          *method,
                               const char          *path,
                               const char * const  *params,
                               GBytes              *body,
                               const char          *content_type,
                               const char          *bearer,
                               KopirRequestFlags    flags,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RequestData *data;

  g_return_if_fail (KOPIR_IS_TRANSPORT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_transport_request_async);

  if (self->base_url == NULL)
    {
      g_task_return_error (task, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_NOT_CONFIGURED,
                                                           0, NULL, 0, 0, NULL));
      return;
    }

  if ((flags & (KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_API_KEY)) && self->credentials == NULL)
    {
      g_task_return_error (task, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_BAD_KEY,
                                                           0, "no credentials", 0, 0, NULL));
      return;
    }

  data = g_new0 (RequestData, 1);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->params = g_strdupv ((char **) params);
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  data->content_type = g_strdup (content_type);
  data->bearer = g_strdup (bearer);
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);

  send_attempt (g_steal_pointer (&task));
}

/**
 * kopir_transport_request_finish:
 * @self: a #KopirTransport
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the answer, or %NULL on error
 */
KopirResponse *
kopir_transport_request_finish (KopirTransport  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (KOPIR_IS_TRANSPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sync_time_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  KopirTransport *self = KOPIR_TRANSPORT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(KopirResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 *sent_at = g_task_get_task_data (task);
  gint64 received_at = now_ms ();
  gint64 server_time;

  response = kopir_transport_request_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status) ||
      !kopir_json_object_int (kopir_json_get_object (response->root), "serverTime", &server_time))
    {
      g_task_return_error (task, kopir_exchange_error_from_response (response->status, 0, NULL,
                                                                     0, FALSE, NULL));
      return;
    }

  /* The server read its clock about halfway through the round trip. */
  kopir_transport_set_clock_offset (self, server_time - (*sent_at + received_at) / 2);
  g_debug ("Clock offset to %s: %" G_GINT64_FORMAT " ms", self->base_url, self->clock_offset);

  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_transport_sync_time_async:
 * @self: a #KopirTransport
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Measures the offset between the local clock and the server's with
 * `GET /api/v3/time`; signed requests then carry the server's time.
 */
void
kopir_transport_sync_time_async (KopirTransport      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gint64 *sent_at;

  g_return_if_fail (KOPIR_IS_TRANSPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_transport_sync_time_async);
  sent_at = g_new (gint64, 1);
  *sent_at = now_ms ();
  g_task_set_task_data (task, sent_at, g_free);

  kopir_transport_request_async (self, "GET", TIME_PATH, NULL, NULL, NULL, NULL,
                                 KOPIR_REQUEST_SAFE, cancellable, sync_time_cb,
                                 g_steal_pointer (&task));
}

gboolean
kopir_transport_sync_time_finish (KopirTransport  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (KOPIR_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
