/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include "kopir-iin.h"
#include "kopir-signature.h"
#include "kopir-sandbox-server-private.h"

G_DEFINE_FINAL_TYPE (KopirSandboxServer, kopir_sandbox_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-sandbox-server-error-quark, kopir_sandbox_server_error)

#define ASSETS_N 5
static const char * const assets[ASSETS_N] = { "KZT", "BTC", "ETH", "USDT", "SOL" };

gint64
server_now (KopirSandboxServer *self)
{
  return g_get_real_time () / 1000 + self->clock_skew_ms;
}

/* Response helpers. */

void
add_header (Request    *req,
            const char *name,
            const char *value)
{
  g_ptr_array_add (req->headers, g_strdup (name));
  g_ptr_array_add (req->headers, g_strdup (value));
}

void
respond_json (Request *req,
              guint    status,
              GString *body)
{
  req->status = status;
  req->content_type = "application/json;charset=UTF-8";
  g_string_truncate (req->response, 0);
  g_string_append_len (req->response, body->str, body->len);
}

void
respond_no_content (Request *req)
{
  req->status = SOUP_STATUS_NO_CONTENT;
  req->content_type = NULL;
  g_string_truncate (req->response, 0);
}

void
respond_binance_error (Request    *req,
                       guint       status,
                       int         code,
                       const char *msg)
{
  KopirSandboxJson w;

  g_string_truncate (req->response, 0);
  kopir_sandbox_json_init (&w, req->response);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_int (&w, "code", code);
  kopir_sandbox_json_kv_string (&w, "msg", msg);
  kopir_sandbox_json_end_object (&w);
  req->status = status;
  req->content_type = "application/json;charset=UTF-8";
}

/**
 * add_problem_member:
 * @json_value: the member's value, already JSON
 *
 * An extension member of the problem document the request will answer.
 */
void
add_problem_member (Request    *req,
                    const char *name,
                    const char *json_value)
{
  g_ptr_array_add (req->problem_extras, g_strdup (name));
  g_ptr_array_add (req->problem_extras, g_strdup (json_value));
}

static void
field_error_free (gpointer data)
{
  FieldError *fe = data;

  g_free (fe->field);
  g_free (fe->code);
  g_free (fe->message);
  g_free (fe);
}

void
add_field_error (Request    *req,
                 const char *field,
                 const char *code,
                 const char *message)
{
  FieldError *fe = g_new0 (FieldError, 1);

  fe->field = g_strdup (field);
  fe->code = g_strdup (code);
  fe->message = g_strdup (message);
  g_ptr_array_add (req->field_errors, fe);
}

static void
problem_type (char       *buf,
              gsize       len,
              const char *code)
{
  g_snprintf (buf, len, "urn:kopir:problem:%s", code);
  for (char *p = buf; *p; p++)
    if (*p == '_')
      *p = '-';
}

/**
 * respond_problem:
 *
 * An RFC 9457 problem document; the request's field errors, if any, go
 * into its `errors` member.
 */
void
respond_problem (Request    *req,
                 guint       status,
                 const char *code,
                 const char *title,
                 const char *detail)
{
  KopirSandboxJson w;
  char type[128];

  problem_type (type, sizeof type, code);
  g_string_truncate (req->response, 0);
  kopir_sandbox_json_init (&w, req->response);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "type", type);
  kopir_sandbox_json_kv_string (&w, "title", title);
  kopir_sandbox_json_kv_int (&w, "status", status);
  kopir_sandbox_json_kv_string (&w, "code", code);
  if (detail != NULL)
    kopir_sandbox_json_kv_string (&w, "detail", detail);
  kopir_sandbox_json_kv_string (&w, "instance", req->path);
  if (req->field_errors->len > 0)
    {
      kopir_sandbox_json_key (&w, "errors");
      kopir_sandbox_json_begin_array (&w);
      for (guint i = 0; i < req->field_errors->len; i++)
        {
          FieldError *fe = g_ptr_array_index (req->field_errors, i);

          kopir_sandbox_json_begin_object (&w);
          kopir_sandbox_json_kv_string (&w, "field", fe->field);
          kopir_sandbox_json_kv_string (&w, "code", fe->code);
          kopir_sandbox_json_kv_string (&w, "message", fe->message);
          kopir_sandbox_json_end_object (&w);
        }
      kopir_sandbox_json_end_array (&w);
    }
  if (status == SOUP_STATUS_BAD_REQUEST && strcmp (code, "timestamp_outside_recv_window") == 0)
    kopir_sandbox_json_kv_int (&w, "server_time", req->now);
  for (guint i = 0; i + 1 < req->problem_extras->len; i += 2)
    {
      kopir_sandbox_json_key (&w, g_ptr_array_index (req->problem_extras, i));
      kopir_sandbox_json_raw (&w, g_ptr_array_index (req->problem_extras, i + 1));
    }
  kopir_sandbox_json_end_object (&w);
  req->status = status;
  req->content_type = "application/problem+json";
}

gboolean
respond_if_field_errors (Request *req)
{
  if (req->field_errors->len == 0)
    return FALSE;

  respond_problem (req, 422, "validation_failed", "Some fields are not valid",
                   "See errors for each field.");
  return TRUE;
}

void
respond_method_not_allowed (Request *req)
{
  if (req->is_api)
    respond_binance_error (req, SOUP_STATUS_METHOD_NOT_ALLOWED, -1000,
                           "An unknown error occurred while processing the request.");
  else
    respond_problem (req, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                     "Method not allowed", NULL);
}

/**
 * route_match:
 * @req: the request
 * @pattern: a path whose `*` segments match any one non-empty segment
 *
 * Fills @req's path arguments with what the stars matched.  Segments must
 * match exactly, so `..` and encoded tricks never reach another route.
 */
gboolean
route_match (Request    *req,
             const char *pattern)
{
  const char *p = pattern;
  const char *s = req->path;
  guint n_args = 0;
  char *args[MAX_PATH_ARGS] = { NULL, };

  while (*p != '\0' && *s != '\0')
    {
      if (*p == '*')
        {
          const char *end = strchr (s, '/');
          gsize len = end ? (gsize) (end - s) : strlen (s);

          if (len == 0 || len > 64 || n_args >= MAX_PATH_ARGS)
            goto fail;
          args[n_args++] = g_strndup (s, len);
          s += len;
          p++;
          continue;
        }
      if (*p != *s)
        goto fail;
      p++;
      s++;
    }

  if (*p != '\0' || *s != '\0')
    goto fail;

  for (guint i = 0; i < MAX_PATH_ARGS; i++)
    {
      g_free (req->path_args[i]);
      req->path_args[i] = args[i];
    }
  return TRUE;

fail:
  for (guint i = 0; i < n_args; i++)
    g_free (args[i]);
  return FALSE;
}

/* Credentials and tokens come from the kernel's random source. */
char *
random_token (guint n_bytes)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  g_autofree guchar *raw = g_malloc (n_bytes);
  char *out = g_malloc (n_bytes + 1);
  gsize got = 0;

  while (got < n_bytes)
    {
      ssize_t r = getrandom (raw + got, n_bytes - got, 0);

      if (r <= 0)
        g_error ("No random numbers available");
      got += (gsize) r;
    }

  /* 62 symbols: a byte's value modulo 62 is biased by under 2%, which is
   * irrelevant for sandbox credentials of 64 characters. */
  for (guint i = 0; i < n_bytes; i++)
    out[i] = alphabet[raw[i] % 62];
  out[n_bytes] = '\0';

  return out;
}


static void
auth_error (Request    *req,
            guint       status,
            int         binance_code,
            const char *binance_msg,
            const char *problem_code,
            const char *problem_title)
{
  if (req->is_api)
    respond_binance_error (req, status, binance_code, binance_msg);
  else
    respond_problem (req, status, problem_code, problem_title, binance_msg);
}

/**
 * check_signed:
 * @self: the server
 * @req: a request to a signed endpoint
 *
 * Checks the API key, `timestamp`/`recvWindow` and the HMAC signature as
 * the exchange documents them, and sets @req's customer.  On failure the
 * error response is set.
 *
 * Returns: whether the request may go on
 */
gboolean
check_signed (KopirSandboxServer *self,
              Request            *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *api_key = soup_message_headers_get_one (headers, "X-MBX-APIKEY");
  const char *ts_text = kopir_sandbox_params_get (req->params, "timestamp");
  const char *rw_text = kopir_sandbox_params_get (req->params, "recvWindow");
  g_autofree char *payload = NULL;
  g_autofree char *signature = NULL;
  sqlite3_stmt *stmt;
  gint64 timestamp, recv_window = 5000;
  g_autofree char *secret = NULL;
  gint64 customer_id = 0;

  if (api_key == NULL || strlen (api_key) != 64)
    {
      auth_error (req, SOUP_STATUS_UNAUTHORIZED, -2014, "API-key format invalid.",
                  "invalid_api_key", "The API key is not valid");
      return FALSE;
    }
  for (const char *p = api_key; *p; p++)
    if (!g_ascii_isalnum (*p))
      {
        auth_error (req, SOUP_STATUS_UNAUTHORIZED, -2014, "API-key format invalid.",
                    "invalid_api_key", "The API key is not valid");
        return FALSE;
      }

  stmt = kopir_sandbox_store_prepare (self->store, "SELECT id, api_secret FROM customers WHERE api_key = ?");
  sqlite3_bind_text (stmt, 1, api_key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      customer_id = sqlite3_column_int64 (stmt, 0);
      secret = g_strdup (kopir_sandbox_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (customer_id == 0)
    {
      auth_error (req, SOUP_STATUS_UNAUTHORIZED, -2015,
                  "Invalid API-key, IP, or permissions for action.",
                  "invalid_api_key", "The API key is not valid");
      return FALSE;
    }

  if (!kopir_sandbox_parse_int64 (ts_text, 0, G_MAXINT64 / 2, &timestamp))
    {
      auth_error (req, SOUP_STATUS_BAD_REQUEST, -1102,
                  "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
                  "missing_parameter", "The timestamp is missing or malformed");
      return FALSE;
    }

  if (rw_text != NULL)
    {
      if (!kopir_sandbox_parse_int64 (rw_text, G_MININT64 / 2, G_MAXINT64 / 2, &recv_window))
        {
          auth_error (req, SOUP_STATUS_BAD_REQUEST, -1100,
                      "Illegal characters found in parameter 'recvWindow'; legal range is '^[0-9]{1,20}$'.",
                      "missing_parameter", "The receive window is malformed");
          return FALSE;
        }
      if (recv_window > 60000 || recv_window < 0)
        {
          auth_error (req, SOUP_STATUS_BAD_REQUEST, -1131, "recvWindow must be less than 60000",
                      "missing_parameter", "The receive window is out of range");
          return FALSE;
        }
    }

  if (timestamp >= req->now + 1000)
    {
      auth_error (req, SOUP_STATUS_BAD_REQUEST, -1021,
                  "Timestamp for this request was 1000ms ahead of the server's time.",
                  "timestamp_outside_recv_window", "The request's timestamp is ahead of the server's time");
      return FALSE;
    }
  if (req->now - timestamp > recv_window)
    {
      auth_error (req, SOUP_STATUS_BAD_REQUEST, -1021,
                  "Timestamp for this request is outside of the recvWindow.",
                  "timestamp_outside_recv_window", "The request's timestamp is outside the receive window");
      return FALSE;
    }

  payload = kopir_sandbox_signed_payload (req->query, req->query_len,
                                          req->body, req->body_len, &signature);
  if (signature == NULL || signature[0] == '\0')
    {
      auth_error (req, SOUP_STATUS_BAD_REQUEST, -1102,
                  "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
                  "missing_parameter", "The signature is missing");
      return FALSE;
    }

  /* A NUL byte would hide the rest of the payload from the check. */
  if (memchr (req->body, '\0', req->body_len) != NULL ||
      !kopir_signature_verify (secret, payload, NULL, signature))
    {
      auth_error (req, SOUP_STATUS_BAD_REQUEST, -1022, "Signature for this request is not valid.",
                  "invalid_signature", "The request's signature is not valid");
      if (!req->is_api)
        req->status = SOUP_STATUS_UNAUTHORIZED;
      return FALSE;
    }

  req->customer_id = customer_id;
  return TRUE;
}

/**
 * charge_weight:
 *
 * Counts @weight against this minute's limit, as the exchange does per IP
 * address.  Past the limit the answer is 429 with Retry-After; a client that
 * keeps going is banned for a while with 418, for two minutes, then twice as
 * long each time.
 *
 * Returns: %FALSE when the request is refused (and answered)
 */
gboolean
charge_weight (KopirSandboxServer *self,
               Request            *req,
               guint               weight)
{
  gint64 minute = req->now / 60000;
  char buf[32];

  if (self->banned_until > req->now)
    {
      g_autofree char *msg = g_strdup_printf ("Way too much request weight used; IP banned until %" G_GINT64_FORMAT ". "
                                              "Please use WebSocket Streams for live updates to avoid bans.",
                                              self->banned_until);

      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (self->banned_until - req->now + 999) / 1000);
      add_header (req, "Retry-After", buf);
      if (req->is_api)
        respond_binance_error (req, 418, -1003, msg);
      else
        respond_problem (req, 418, "banned", "Too many requests; banned for a while", msg);
      return FALSE;
    }

  if (minute != self->weight_minute)
    {
      self->weight_minute = minute;
      self->weight_used = 0;
      self->rejected_in_minute = 0;
    }

  self->weight_used += weight;
  g_snprintf (buf, sizeof buf, "%u", self->weight_used);
  add_header (req, "X-MBX-USED-WEIGHT-1M", buf);

  if (self->weight_limit > 0 && self->weight_used > self->weight_limit)
    {
      g_autofree char *msg = g_strdup_printf ("Too much request weight used; current limit is %u request weight per 1 MINUTE. "
                                              "Please use WebSocket Streams for live updates to avoid polling the API.",
                                              self->weight_limit);

      if (++self->rejected_in_minute > 10)
        {
          self->bans++;
          self->banned_until = req->now + (gint64) 120000 * (1 << MIN (self->bans - 1, 6));
          self->rejected_in_minute = 0;
          return charge_weight (self, req, 0);
        }
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, 60 - (req->now / 1000) % 60);
      add_header (req, "Retry-After", buf);
      if (req->is_api)
        respond_binance_error (req, 429, -1003, msg);
      else
        respond_problem (req, 429, "rate_limited", "Too many requests", msg);
      return FALSE;
    }

  return TRUE;
}

/**
 * charge_order:
 *
 * The exchange's ORDERS limit: new orders per 10 seconds and account.
 *
 * Returns: %FALSE when the order is refused (and answered)
 */
gboolean
charge_order (KopirSandboxServer *self,
              Request            *req)
{
  OrderCount *count = g_hash_table_lookup (self->order_counts, &req->customer_id);
  gint64 window = req->now / 10000;
  char buf[32];

  if (count == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = req->customer_id;
      count = g_new0 (OrderCount, 1);
      g_hash_table_insert (self->order_counts, key, count);
    }
  if (count->window != window)
    {
      count->window = window;
      count->count = 0;
    }
  count->count++;
  g_snprintf (buf, sizeof buf, "%u", count->count);
  add_header (req, "X-MBX-ORDER-COUNT-10S", buf);

  if (self->order_limit > 0 && count->count > self->order_limit)
    {
      g_autofree char *msg = g_strdup_printf ("Too many new orders; current limit is %u orders per 10 SECOND.",
                                              self->order_limit);

      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, 10 - (req->now / 1000) % 10);
      add_header (req, "Retry-After", buf);
      respond_binance_error (req, 429, -1015, msg);
      return FALSE;
    }

  return TRUE;
}

/* JSON body helpers for Kopir's own contract. */

/**
 * read_json_body:
 * @req: the request
 * @allowed: (array zero-terminated=1): the members the endpoint reads
 *
 * Returns: (transfer full) (nullable): the body's object, or %NULL with the
 *   error response set (malformed JSON, wrong content type, unknown members)
 */
JsonObject *
read_json_body (Request            *req,
                const char * const *allowed)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObjectIter iter;
  const char *name;

  if (req->body_len > 0 && (content_type == NULL || g_ascii_strcasecmp (content_type, "application/json") != 0))
    {
      respond_problem (req, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                       "The body must be application/json", NULL);
      return NULL;
    }

  object = kopir_sandbox_parse_json_object (req->body, req->body_len, &error);
  if (object == NULL)
    {
      if (g_error_matches (error, KOPIR_SANDBOX_PARAMS_ERROR, KOPIR_SANDBOX_PARAMS_ERROR_TOO_LARGE))
        respond_problem (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                         "The request body is too large", error->message);
      else
        respond_problem (req, SOUP_STATUS_BAD_REQUEST, "malformed_request",
                         "The request body cannot be read", error->message);
      return NULL;
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    if (allowed == NULL || !g_strv_contains (allowed, name))
      add_field_error (req, name, "unknown_field", "This field is not part of the request.");

  if (respond_if_field_errors (req))
    return NULL;

  return g_steal_pointer (&object);
}

static char *
field_path (const char *prefix,
            const char *name)
{
  return prefix ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
}

/**
 * json_string_member:
 *
 * Returns: (nullable): the member's string, trimmed of nothing, or %NULL
 *   (with a field error when it is required, not a string, or too long)
 */
const char *
json_string_member (Request    *req,
                    JsonObject *object,
                    const char *prefix,
                    const char *name,
                    gboolean    required,
                    gsize       max_chars)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = field_path (prefix, name);
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        add_field_error (req, path, "required", "This field is required.");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      add_field_error (req, path, "invalid_type", "This field must be a string.");
      return NULL;
    }
  value = json_node_get_string (node);
  if (required && value[0] == '\0')
    {
      add_field_error (req, path, "required", "This field is required.");
      return NULL;
    }
  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    {
      add_field_error (req, path, "too_long", "This field is too long.");
      return NULL;
    }

  return value;
}

gboolean
json_bool_member (Request    *req,
                  JsonObject *object,
                  const char *prefix,
                  const char *name,
                  gboolean    required,
                  gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = field_path (prefix, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        add_field_error (req, path, "required", "This field is required.");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      add_field_error (req, path, "invalid_type", "This field must be true or false.");
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
json_int_member (Request    *req,
                 JsonObject *object,
                 const char *name,
                 gint64      min,
                 gint64      max,
                 gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      add_field_error (req, name, "invalid_type", "This field must be an integer.");
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      add_field_error (req, name, "invalid_value", "This number is out of range.");
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/**
 * parse_kzt_amount:
 *
 * A positive tenge amount with at most 2 decimal places and 15 digits
 * before the point.
 */
gboolean
parse_kzt_amount (Request      *req,
                  const char   *field,
                  const char   *text,
                  KopirDecimal *out)
{
  const char *dot;
  KopirDecimal value;

  if (text == NULL)
    return FALSE;
  dot = strchr (text, '.');
  if (!kopir_sandbox_is_decimal_string (text) || (dot == NULL && strlen (text) > 15) ||
      (dot != NULL && dot - text > 15) || !kopir_decimal_parse (text, &value, NULL))
    {
      add_field_error (req, field, "amount_format", "Write the amount as digits with a dot, like 150000.00.");
      return FALSE;
    }
  if (dot != NULL && strlen (dot + 1) > 2)
    {
      add_field_error (req, field, "amount_precision", "Tenge amounts have at most 2 decimal places.");
      return FALSE;
    }
  if (!kopir_decimal_is_positive (&value))
    {
      add_field_error (req, field, "amount_too_small", "The amount must be more than zero.");
      return FALSE;
    }
  /* Balances are kept at 8 decimal places in 64 bits; no single amount
   * comes near that. */
  if (kopir_decimal_compare (&value, &KOPIR_DECIMAL_INIT (1000000000000, 2)) > 0)
    {
      add_field_error (req, field, "amount_too_large", "The amount is more than 10,000,000,000.00 tenge.");
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/**
 * customer_create:
 *
 * Opens an account with empty balances of every listed asset and fresh API
 * credentials.
 *
 * Returns: the 7-digit customer id
 */
gint64
customer_create (KopirSandboxServer  *self,
                 const char          *first_name,
                 const char          *last_name,
                 const char          *patronymic,
                 const char          *latin_name,
                 const char          *iin,
                 const char          *phone,
                 gboolean             knowledge_test,
                 const char          *applicant_id,
                 char               **api_key,
                 char               **api_secret)
{
  sqlite3_stmt *stmt;
  gint64 id = kopir_sandbox_store_next_id (self->store, "customer", 1000001);
  g_autofree char *key = random_token (64);
  g_autofree char *secret = random_token (64);
  KopirDecimal zero = { 0, 0 };

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "INSERT INTO customers (id, api_key, api_secret, first_name, last_name, "
                                      "patronymic, latin_name, iin, phone, knowledge_test, applicant_id, created_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, secret, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, first_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, last_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, patronymic, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, latin_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, iin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, phone, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, knowledge_test ? 1 : 0);
  sqlite3_bind_text (stmt, 11, applicant_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, server_now (self));
  kopir_sandbox_store_step_done (self->store, stmt);

  for (guint i = 0; i < ASSETS_N; i++)
    kopir_sandbox_store_set_balance (self->store, id, assets[i], &zero, &zero);

  if (api_key)
    *api_key = g_steal_pointer (&key);
  if (api_secret)
    *api_secret = g_steal_pointer (&secret);

  return id;
}

/**
 * usdt_rate:
 *
 * The USDT/KZT mid price, by which purchases are valued in US dollars for
 * the pilot limit.
 */
void
usdt_rate (KopirSandboxServer *self,
           KopirDecimal       *out)
{
  kopir_sandbox_market_mid (self->market, kopir_sandbox_market_lookup (self->market, "USDTKZT"), out);
}

/* The sandbox-only endpoints. */

static gboolean
is_credential (const char *text)
{
  gsize n = 0;

  for (; text[n] != '\0'; n++)
    if (!g_ascii_isalnum (text[n]))
      return FALSE;
  return n == 64;
}

static void
sandbox_create_account (KopirSandboxServer *self,
                        Request            *req)
{
  static const char * const allowed[] = { "kzt", "knowledge_test_passed", "api_key", "api_secret", NULL };
  static const char * const first_names[] = { "Айгерім", "Нұрлан", "Дана", "Ерлан", "Әсел", "Тимур" };
  static const char * const last_names[] = { "Сейтқалиева", "Жұмабаев", "Омарова", "Қасымов", "Бекова", "Ахметов" };
  static const char * const patronymics[] = { "Нұрланқызы", "Серікұлы", "Маратқызы", "Ғаниұлы", "Әліқызы", "Бекұлы" };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *full_name = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  KopirSandboxJson w;
  KopirDecimal kzt = { 0, 0 };
  gboolean knowledge = FALSE;
  const char *given_key, *given_secret;
  char iin[13], phone[16];
  gint64 id, serial;
  guint pick;
  gboolean female;

  if (body == NULL)
    return;

  if (json_object_has_member (body, "kzt"))
    parse_kzt_amount (req, "kzt", json_string_member (req, body, NULL, "kzt", TRUE, 20), &kzt);
  json_bool_member (req, body, NULL, "knowledge_test_passed", FALSE, &knowledge);
  /* Fixed credentials, for reproducible demos and the signing vectors. */
  given_key = json_string_member (req, body, NULL, "api_key", FALSE, 64);
  given_secret = json_string_member (req, body, NULL, "api_secret", FALSE, 64);
  if (given_key != NULL && !is_credential (given_key))
    add_field_error (req, "api_key", "invalid_format", "64 letters and digits.");
  if (given_secret != NULL && !is_credential (given_secret))
    add_field_error (req, "api_secret", "invalid_format", "64 letters and digits.");
  if ((given_key == NULL) != (given_secret == NULL))
    add_field_error (req, given_key ? "api_secret" : "api_key", "required", "Give both the key and the secret.");
  if (respond_if_field_errors (req))
    return;
  if (given_key != NULL)
    {
      sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store, "SELECT 1 FROM customers WHERE api_key = ?");
      gboolean taken;

      sqlite3_bind_text (stmt, 1, given_key, -1, SQLITE_STATIC);
      taken = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (taken)
        {
          respond_problem (req, SOUP_STATUS_CONFLICT, "api_key_exists", "This API key is already in use", NULL);
          return;
        }
    }

  /* Synthetic but valid personal data: born 1990-05-15, an IIN with a
   * correct check digit that is unique per customer. */
  kopir_sandbox_store_begin (self->store);
  /* Serials whose check digit cannot exist are skipped for good, so no two
   * quick customers share an IIN. */
  for (;;)
    {
      char digits[12];

      serial = kopir_sandbox_store_next_id (self->store, "quick-iin", 1);
      pick = (guint) (serial % G_N_ELEMENTS (first_names));
      female = pick % 2 == 0;
      g_snprintf (digits, sizeof digits, "900515%c%04d", female ? '4' : '3', (int) (serial % 10000));
      if (kopir_iin_compute_check_digit (digits) >= 0)
        {
          g_snprintf (iin, sizeof iin, "%s%d", digits, kopir_iin_compute_check_digit (digits));
          break;
        }
    }
  g_snprintf (phone, sizeof phone, "+7701%07d", (int) (serial % 10000000));

  id = customer_create (self, first_names[pick], last_names[pick], patronymics[pick], NULL,
                        iin, phone, knowledge, NULL, &key, &secret);
  if (kopir_decimal_is_positive (&kzt))
    {
      KopirDecimal zero = { 0, 0 };

      kopir_sandbox_store_set_balance (self->store, id, "KZT", &kzt, &zero);
    }
  if (given_key != NULL)
    {
      sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store,
                                                        "UPDATE customers SET api_key = ?, api_secret = ? WHERE id = ?");

      sqlite3_bind_text (stmt, 1, given_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, given_secret, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, id);
      kopir_sandbox_store_step_done (self->store, stmt);
      g_free (key);
      g_free (secret);
      key = g_strdup (given_key);
      secret = g_strdup (given_secret);
    }
  kopir_sandbox_store_commit (self->store);

  full_name = g_strdup_printf ("%s %s %s", last_names[pick], first_names[pick], patronymics[pick]);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  {
    char cid[16];

    g_snprintf (cid, sizeof cid, "%" G_GINT64_FORMAT, id);
    kopir_sandbox_json_kv_string (&w, "customer_id", cid);
  }
  kopir_sandbox_json_kv_string (&w, "api_key", key);
  kopir_sandbox_json_kv_string (&w, "api_secret", secret);
  kopir_sandbox_json_kv_string (&w, "full_name", full_name);
  kopir_sandbox_json_kv_string (&w, "iin", iin);
  kopir_sandbox_json_kv_string (&w, "phone", phone);
  kopir_sandbox_json_kv_bool (&w, "knowledge_test_passed", knowledge);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_CREATED, out);
}

/**
 * server_market_status:
 * @self: the server
 * @symbol: a market
 *
 * The market's status as exchangeInfo says it: "TRADING", or "BREAK" or
 * "HALT" once closed through the sandbox's market endpoint.
 *
 * Returns: a static string
 */
const char *
server_market_status (KopirSandboxServer       *self,
                      const KopirSandboxSymbol *symbol)
{
  const char *status = g_hash_table_lookup (self->closed_markets, symbol->name);

  return status != NULL ? status : "TRADING";
}

static void
sandbox_set_price (KopirSandboxServer *self,
                   Request            *req)
{
  static const char * const allowed[] = { "price", "status", NULL };
  static const char * const statuses[] = { "TRADING", "BREAK", "HALT", NULL };
  const KopirSandboxSymbol *symbol = kopir_sandbox_market_lookup (self->market, req->path_args[0]);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *text, *status;
  const char *new_status = NULL;
  KopirDecimal price, bid, bid_qty, ask, ask_qty;
  KopirSandboxJson w;

  if (symbol == NULL)
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such symbol", NULL);
      return;
    }
  if ((body = read_json_body (req, allowed)) == NULL)
    return;
  /* A status alone opens or closes the market; otherwise a price is due. */
  status = json_string_member (req, body, NULL, "status", FALSE, 16);
  if (status != NULL)
    {
      for (guint i = 0; statuses[i] != NULL && new_status == NULL; i++)
        if (strcmp (status, statuses[i]) == 0)
          new_status = statuses[i];
      if (new_status == NULL)
        add_field_error (req, "status", "invalid_value", "One of TRADING, BREAK or HALT.");
    }
  text = json_string_member (req, body, NULL, "price", status == NULL, 32);
  if (text != NULL &&
      (!kopir_sandbox_is_decimal_string (text) || !kopir_decimal_parse (text, &price, NULL) ||
       !kopir_sandbox_market_set_mid (self->market, symbol, &price)))
    add_field_error (req, "price", "invalid_value", "A positive price, a multiple of the tick size.");
  if (respond_if_field_errors (req))
    return;

  if (new_status != NULL && strcmp (new_status, "TRADING") == 0)
    g_hash_table_remove (self->closed_markets, symbol->name);
  else if (new_status != NULL)
    g_hash_table_insert (self->closed_markets, (gpointer) symbol->name, (gpointer) new_status);

  kopir_sandbox_market_best (self->market, symbol, KOPIR_SANDBOX_SIDE_BID, &bid, &bid_qty);
  kopir_sandbox_market_best (self->market, symbol, KOPIR_SANDBOX_SIDE_ASK, &ask, &ask_qty);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "symbol", symbol->name);
  kopir_sandbox_json_kv_string (&w, "status", server_market_status (self, symbol));
  if (text != NULL)
    kopir_sandbox_json_kv_decimal (&w, "price", &price, 8);
  kopir_sandbox_json_kv_decimal (&w, "bid", &bid, 8);
  kopir_sandbox_json_kv_decimal (&w, "ask", &ask, 8);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
sandbox_state (KopirSandboxServer *self,
               Request            *req)
{
  g_autoptr(GString) out = g_string_new (NULL);
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_int (&w, "seed", (gint64) self->seed);
  kopir_sandbox_json_kv_int (&w, "server_time", req->now);
  kopir_sandbox_json_kv_int (&w, "customers", kopir_sandbox_store_count (self->store, "customers"));
  kopir_sandbox_json_kv_int (&w, "applicants", kopir_sandbox_store_count (self->store, "applicants"));
  kopir_sandbox_json_kv_int (&w, "orders", kopir_sandbox_store_count (self->store, "orders"));
  kopir_sandbox_json_kv_int (&w, "trades", kopir_sandbox_store_count (self->store, "trades"));
  kopir_sandbox_json_kv_bool (&w, "persistent", kopir_sandbox_store_is_persistent (self->store));
  kopir_sandbox_json_kv_int (&w, "review_delay_seconds", self->review_delay_s);
  kopir_sandbox_json_kv_int (&w, "weight_limit", self->weight_limit);
  kopir_sandbox_json_kv_int (&w, "order_limit", self->order_limit);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
sandbox_dispatch (KopirSandboxServer *self,
                  Request            *req)
{
  const char *m = req->method;

  if (route_match (req, "/sandbox/v1/accounts"))
    {
      if (strcmp (m, "POST") == 0)
        sandbox_create_account (self, req);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/sandbox/v1/bank-transfers"))
    {
      if (strcmp (m, "POST") == 0)
        bank_incoming_transfer (self, req);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/sandbox/v1/faults"))
    {
      if (strcmp (m, "POST") == 0)
        faults_arm (self, req);
      else if (strcmp (m, "GET") == 0)
        faults_list (self, req);
      else if (strcmp (m, "DELETE") == 0)
        faults_clear (self, req, NULL);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/sandbox/v1/faults/*"))
    {
      if (strcmp (m, "DELETE") == 0)
        faults_clear (self, req, req->path_args[0]);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/sandbox/v1/review/*/complete"))
    {
      if (strcmp (m, "POST") == 0)
        onboarding_complete_review (self, req);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/sandbox/v1/inbox"))
    {
      if (strcmp (m, "GET") == 0)
        staff_inbox (self, req);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/sandbox/v1/market/*"))
    {
      if (strcmp (m, "POST") == 0)
        sandbox_set_price (self, req);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/sandbox/v1/state"))
    {
      if (strcmp (m, "GET") == 0)
        sandbox_state (self, req);
      else
        respond_method_not_allowed (req);
    }
  else
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint", NULL);
    }
}

/* The request's life. */

static void
request_clear (Request *req)
{
  for (guint i = 0; i < MAX_PATH_ARGS; i++)
    g_clear_pointer (&req->path_args[i], g_free);
  g_clear_pointer (&req->params, kopir_sandbox_params_free);
  g_clear_pointer (&req->body_bytes, g_bytes_unref);
  g_clear_pointer (&req->headers, g_ptr_array_unref);
  g_clear_pointer (&req->field_errors, g_ptr_array_unref);
  g_clear_pointer (&req->problem_extras, g_ptr_array_unref);
  if (req->response)
    g_string_free (g_steal_pointer (&req->response), TRUE);
}

static void
apply_response (Request *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  gsize len = req->response->len;

  for (guint i = 0; i + 1 < req->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (req->headers, i),
                                  g_ptr_array_index (req->headers, i + 1));
  soup_message_headers_replace (headers, "Cache-Control", "no-store");

  soup_server_message_set_status (req->msg, req->status ? req->status : SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  if (req->content_type != NULL)
    soup_server_message_set_response (req->msg, req->content_type, SOUP_MEMORY_TAKE,
                                      g_string_free (g_steal_pointer (&req->response), FALSE), len);
}

static gboolean
unpause_cb (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
fault_error_response (Request   *req,
                      FaultKind  kind)
{
  g_ptr_array_set_size (req->headers, 0);
  if (req->is_api)
    {
      if (kind == FAULT_HTTP_503)
        respond_binance_error (req, SOUP_STATUS_SERVICE_UNAVAILABLE, -1001,
                               "Internal error; unable to process your request. Please try again.");
      else
        respond_binance_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, -1000,
                               "An unknown error occurred while processing the request.");
    }
  else
    {
      g_ptr_array_set_size (req->field_errors, 0);
      g_ptr_array_set_size (req->problem_extras, 0);
      if (kind == FAULT_HTTP_503)
        respond_problem (req, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                         "The service is unavailable", "Try again later.");
      else
        respond_problem (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal_error",
                         "An internal error occurred", "The outcome of the request is unknown.");
    }
}

static gboolean
read_params (Request *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GError) error = NULL;

  req->params = kopir_sandbox_params_new ();
  if (req->query != NULL &&
      !kopir_sandbox_params_parse (req->params, req->query, req->query_len, FALSE, &error))
    goto bad;

  /* The trading dialect also takes its parameters in a form body. */
  if (req->is_api && req->body_len > 0 &&
      (content_type == NULL || g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0) &&
      !kopir_sandbox_params_parse (req->params, req->body, req->body_len, TRUE, &error))
    goto bad;

  return TRUE;

bad:
  if (req->is_api)
    {
      if (g_error_matches (error, KOPIR_SANDBOX_PARAMS_ERROR, KOPIR_SANDBOX_PARAMS_ERROR_MALFORMED))
        respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1100, error->message);
      else
        respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1101, error->message);
    }
  else
    {
      respond_problem (req, SOUP_STATUS_BAD_REQUEST, "malformed_request",
                       "The query string cannot be read", error->message);
    }
  return FALSE;
}

static void
server_callback (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  KopirSandboxServer *self = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  Request req = { NULL, };
  gboolean have_fault;
  Fault fault = { 0, };

  /* Answered early (oversized body): nothing more to do. */
  if (soup_server_message_get_status (msg) != 0)
    return;

  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.path = path;
  req.query = g_uri_get_query (uri);
  req.query_len = req.query ? strlen (req.query) : 0;
  req.body_bytes = soup_message_body_flatten (body);
  req.body = g_bytes_get_data (req.body_bytes, &req.body_len);
  if (req.body == NULL)
    req.body = "";
  req.now = server_now (self);
  req.is_api = g_str_has_prefix (path, "/api/");
  req.response = g_string_new (NULL);
  req.headers = g_ptr_array_new_with_free_func (g_free);
  req.field_errors = g_ptr_array_new_with_free_func (field_error_free);
  req.problem_extras = g_ptr_array_new_with_free_func (g_free);

  kopir_sandbox_market_advance_to (self->market, req.now);

  if (!read_params (&req))
    goto done;

  if (g_str_has_prefix (path, "/sandbox/"))
    {
      sandbox_dispatch (self, &req);
      goto done;
    }

  have_fault = faults_take (self, req.method, path, &fault);
  if (have_fault && fault.kind == FAULT_RATE_LIMIT_BURST)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, fault.retry_after_s);
      add_header (&req, "Retry-After", buf);
      if (req.is_api)
        respond_binance_error (&req, 429, -1003,
                               "Too many requests; current limit is exceeded. Please use WebSocket Streams "
                               "for live updates to avoid polling the API.");
      else
        respond_problem (&req, 429, "rate_limited", "Too many requests", NULL);
      goto done;
    }
  if (have_fault && (fault.kind == FAULT_HTTP_500 || fault.kind == FAULT_HTTP_503) && !fault.execute)
    {
      fault_error_response (&req, fault.kind);
      goto done;
    }

  if (!trading_dispatch (self, &req) &&
      !onboarding_dispatch (self, &req) &&
      !bank_dispatch (self, &req) &&
      !staff_dispatch (self, &req))
    {
      if (req.is_api)
        respond_binance_error (&req, SOUP_STATUS_NOT_FOUND, -1000, "Not found.");
      else
        respond_problem (&req, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint", NULL);
    }

  if (have_fault)
    {
      switch (fault.kind)
        {
        case FAULT_HTTP_500:
        case FAULT_HTTP_503:
          fault_error_response (&req, fault.kind);
          break;

        case FAULT_MALFORMED_JSON:
          /* Cut the answer in the middle of a value: unparsable. */
          g_string_truncate (req.response, req.response->len / 2);
          g_string_append (req.response, "\"\xe2\x80");
          req.content_type = "application/json;charset=UTF-8";
          break;

        case FAULT_DROP_AFTER_ACCEPT:
          {
            GIOStream *stream = soup_server_message_steal_connection (msg);

            /* The request was carried out; the answer is lost. */
            if (stream != NULL)
              {
                g_io_stream_close (stream, NULL, NULL);
                g_object_unref (stream);
              }
            request_clear (&req);
            return;
          }

        case FAULT_DELAY:
          apply_response (&req);
          soup_server_message_pause (msg);
          g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) fault.delay_ms, unpause_cb,
                              g_object_ref (msg), g_object_unref);
          request_clear (&req);
          return;

        case FAULT_RATE_LIMIT_BURST:
        case FAULT_CLOCK_SKEW:
        case N_FAULT_KINDS:
        default:
          break;
        }
    }

done:
  apply_response (&req);
  request_clear (&req);
}

/* Oversized bodies are refused as soon as the headers say so, before the
 * server reads (and buffers) them. */
static void
on_got_headers (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = uri ? g_uri_get_path (uri) : "";
  goffset length = soup_message_headers_get_content_length (headers);
  gboolean image = strstr (path, "/documents/") != NULL;
  goffset limit = image ? MAX_IMAGE_BYTES : KOPIR_SANDBOX_PARAMS_MAX_BODY;
  g_autoptr(GString) out = NULL;
  KopirSandboxJson w;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH || length <= limit)
    return;

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  if (g_str_has_prefix (path, "/api/"))
    {
      kopir_sandbox_json_kv_int (&w, "code", -1000);
      kopir_sandbox_json_kv_string (&w, "msg", "Request body too large.");
    }
  else
    {
      kopir_sandbox_json_kv_string (&w, "type", image ? "urn:kopir:problem:image-too-large" : "urn:kopir:problem:payload-too-large");
      kopir_sandbox_json_kv_string (&w, "title", "The request body is too large");
      kopir_sandbox_json_kv_int (&w, "status", 413);
      kopir_sandbox_json_kv_string (&w, "code", image ? "image_too_large" : "payload_too_large");
      kopir_sandbox_json_kv_string (&w, "detail", image ? "Images may be at most 10 MiB." : "Bodies may be at most 64 KiB.");
    }
  kopir_sandbox_json_end_object (&w);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
  soup_server_message_set_response (msg,
                                    g_str_has_prefix (path, "/api/") ? "application/json;charset=UTF-8" : "application/problem+json",
                                    SOUP_MEMORY_COPY, out->str, out->len);
}

/* libsoup 3.2 keeps the socket of an idle keep-alive connection open after
 * the client has closed it (fixed in later releases), so a client that
 * opens a connection per request would exhaust the sandbox's file
 * descriptors.  Between requests the sandbox therefore watches each
 * connection itself and closes it when the client has gone. */
#define IDLE_WATCH_KEY "kopir-sandbox-idle-watch"

static gboolean
on_idle_socket_ready (GSocket      *socket,
                      GIOCondition  condition,
                      gpointer      user_data)
{
  char byte;
  gssize n;

  if (g_socket_is_closed (socket))
    goto done;

  n = g_socket_receive_message (socket, NULL, &(GInputVector) { &byte, 1 }, 1, NULL, NULL,
                                &(int) { G_SOCKET_MSG_PEEK }, NULL, NULL);
  /* End of stream or an error: the client is gone. */
  if (n <= 0 || (condition & (G_IO_HUP | G_IO_ERR)) != 0)
    g_socket_close (socket, NULL);

done:
  /* A next request is libsoup's to read; the watch is set again when it
   * is answered. */
  g_object_set_data (G_OBJECT (socket), IDLE_WATCH_KEY, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_request_finished (SoupServer        *soup,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  GSource *source;

  if (socket == NULL || g_socket_is_closed (socket) ||
      g_object_get_data (G_OBJECT (socket), IDLE_WATCH_KEY) != NULL)
    return;

  source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (on_idle_socket_ready), NULL, NULL);
  g_source_attach (source, NULL);
  /* The socket owns the watch: it goes away with the socket. */
  g_object_set_data_full (G_OBJECT (socket), IDLE_WATCH_KEY, source, (GDestroyNotify) g_source_destroy);
  g_source_unref (source);
}

static void
on_request_started (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  /* The connection is busy again. */
  if (socket != NULL)
    g_object_set_data (G_OBJECT (socket), IDLE_WATCH_KEY, NULL);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), user_data);
}

static gboolean
tick_cb (gpointer user_data)
{
  KopirSandboxServer *self = user_data;

  kopir_sandbox_market_advance_to (self->market, server_now (self));
  return G_SOURCE_CONTINUE;
}

static void
on_market_tick (KopirSandboxMarket *market,
                KopirSandboxServer *self)
{
  trading_on_tick (self);
  streams_on_tick (self);
}

static void
kopir_sandbox_server_dispose (GObject *object)
{
  KopirSandboxServer *self = (KopirSandboxServer *)object;

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->ws_clients, g_ptr_array_unref);
  if (self->market != NULL)
    g_signal_handlers_disconnect_by_data (self->market, self);
  g_clear_object (&self->market);
  g_clear_object (&self->store);
  g_clear_object (&self->banks);

  G_OBJECT_CLASS (kopir_sandbox_server_parent_class)->dispose (object);
}

static void
kopir_sandbox_server_finalize (GObject *object)
{
  KopirSandboxServer *self = (KopirSandboxServer *)object;

  g_clear_pointer (&self->order_counts, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->staff_sessions, g_hash_table_unref);
  g_clear_pointer (&self->staff_failures, g_hash_table_unref);
  g_clear_pointer (&self->otps, g_hash_table_unref);
  g_clear_pointer (&self->inbox, g_ptr_array_unref);
  g_clear_pointer (&self->closed_markets, g_hash_table_unref);

  G_OBJECT_CLASS (kopir_sandbox_server_parent_class)->finalize (object);
}

static void
kopir_sandbox_server_class_init (KopirSandboxServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_sandbox_server_dispose;
  object_class->finalize = kopir_sandbox_server_finalize;
}

static void
kopir_sandbox_server_init (KopirSandboxServer *self)
{
  self->order_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->faults = g_ptr_array_new_with_free_func (fault_free);
  self->next_fault_id = 1;
  self->closed_markets = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * kopir_sandbox_server_new:
 * @options: what the command line set
 * @error: return location for a #KopirSandboxServerError
 *
 * Returns: (transfer full) (nullable): a server, not yet listening
 */
KopirSandboxServer *
kopir_sandbox_server_new (const KopirSandboxServerOptions  *options,
                          GError                          **error)
{
  g_autoptr(KopirSandboxServer) self = g_object_new (KOPIR_TYPE_SANDBOX_SERVER, NULL);
  g_autofree char *db_path = NULL;

  g_return_val_if_fail (options != NULL, NULL);

  if (options->state_dir != NULL)
    {
      if (g_mkdir_with_parents (options->state_dir, 0700) != 0)
        {
          g_set_error (error, KOPIR_SANDBOX_SERVER_ERROR, KOPIR_SANDBOX_SERVER_ERROR_STATE,
                       "Cannot create the state directory %s", options->state_dir);
          return NULL;
        }
      db_path = g_build_filename (options->state_dir, "kopir-sandbox.db", NULL);
    }

  self->store = kopir_sandbox_store_new (db_path, error);
  if (self->store == NULL)
    return NULL;

  if (options->bank_directory != NULL)
    self->banks = kopir_bank_directory_new_from_file (options->bank_directory, error);
  else
    self->banks = kopir_bank_directory_new_default (error);
  if (self->banks == NULL)
    {
      g_prefix_error (error, "Cannot load the bank directory (give --bank-directory or set KOPIR_BANK_DIRECTORY): ");
      return NULL;
    }

  self->seed = options->seed;
  self->review_delay_s = options->review_delay_s;
  self->weight_limit = options->weight_limit;
  self->order_limit = options->order_limit;
  self->market = kopir_sandbox_market_new (options->seed, server_now (self));
  g_signal_connect (self->market, "tick", G_CALLBACK (on_market_tick), self);

  self->soup = g_object_new (SOUP_TYPE_SERVER, "server-header", "kopir-sandbox/" PACKAGE_VERSION " ", NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (on_request_finished), self);
  streams_init (self);
  staff_init (self);
  soup_server_add_handler (self->soup, NULL, server_callback, self, NULL);

  self->tick_source = g_timeout_add (250, tick_cb, self);

  return g_steal_pointer (&self);
}

/**
 * kopir_sandbox_server_listen:
 * @self: a #KopirSandboxServer
 * @port: the port, or 0 for any free one
 * @error: return location for a #KopirSandboxServerError
 *
 * Listens on 127.0.0.1 only: the sandbox is never reachable from another
 * machine.
 */
gboolean
kopir_sandbox_server_listen (KopirSandboxServer  *self,
                             guint                port,
                             GError             **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) port);
  g_autoptr(GError) local_error = NULL;
  GSList *uris;

  g_return_val_if_fail (KOPIR_IS_SANDBOX_SERVER (self), FALSE);

  if (!soup_server_listen (self->soup, address, 0, &local_error))
    {
      g_set_error (error, KOPIR_SANDBOX_SERVER_ERROR, KOPIR_SANDBOX_SERVER_ERROR_LISTEN,
                   "Cannot listen on 127.0.0.1:%u: %s", port, local_error->message);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    self->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return TRUE;
}

guint
kopir_sandbox_server_get_port (KopirSandboxServer *self)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_SERVER (self), 0);

  return self->port;
}

/**
 * kopir_sandbox_server_shutdown:
 *
 * Stops listening and closes every connection; the state database is
 * closed when the server is finalized.
 */
void
kopir_sandbox_server_shutdown (KopirSandboxServer *self)
{
  g_return_if_fail (KOPIR_IS_SANDBOX_SERVER (self));

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
