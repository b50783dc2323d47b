/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-streams.c: the market data WebSocket streams.
 *
 * `/ws/<stream>` sends raw payloads, `/stream?streams=a/b` wraps them as
 * `{"stream": …, "data": …}`, as the exchange does.  Streams are
 * `<symbol>@bookTicker` and `<symbol>@kline_1m` with the symbol in lower
 * case; clients may also SUBSCRIBE, UNSUBSCRIBE and LIST_SUBSCRIPTIONS.
 */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>

#include "kopir-sandbox-server-private.h"

#define MAX_STREAMS 64

typedef enum
{
  STREAM_BOOK_TICKER,
  STREAM_KLINE_1M,
} StreamKind;

typedef struct
{
  char                     *name;
  const KopirSandboxSymbol *symbol;
  StreamKind                kind;
} Stream;

typedef struct
{
  KopirSandboxServer      *server;
  SoupWebsocketConnection *connection;
  GPtrArray               *streams;   /* Stream */
  gboolean                 combined;
} StreamClient;

static void
stream_free (gpointer data)
{
  Stream *stream = data;

  g_free (stream->name);
  g_free (stream);
}

static void
stream_client_free (gpointer data)
{
  StreamClient *client = data;

  g_signal_handlers_disconnect_by_data (client->connection, client);
  if (soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_object_unref (client->connection);
  g_ptr_array_unref (client->streams);
  g_free (client);
}

static Stream *
stream_parse (KopirSandboxServer *self,
              const char         *name)
{
  const char *at = strchr (name, '@');
  g_autofree char *upper = NULL;
  const KopirSandboxSymbol *symbol;
  Stream *stream;
  StreamKind kind;

  if (at == NULL || at == name || at - name > 20)
    return NULL;
  upper = g_ascii_strup (name, at - name);
  /* Symbols are written in lower case in stream names. */
  if (strncmp (name, upper, at - name) == 0)
    return NULL;
  symbol = kopir_sandbox_market_lookup (self->market, upper);
  if (symbol == NULL)
    return NULL;

  if (strcmp (at + 1, "bookTicker") == 0)
    kind = STREAM_BOOK_TICKER;
  else if (strcmp (at + 1, "kline_1m") == 0)
    kind = STREAM_KLINE_1M;
  else
    return NULL;

  stream = g_new0 (Stream, 1);
  stream->name = g_strdup (name);
  stream->symbol = symbol;
  stream->kind = kind;
  return stream;
}

static void
write_payload (KopirSandboxServer *self,
               KopirSandboxJson   *w,
               const Stream       *stream,
               gint64              now)
{
  const KopirSandboxSymbol *symbol = stream->symbol;

  kopir_sandbox_json_begin_object (w);
  if (stream->kind == STREAM_BOOK_TICKER)
    {
      KopirDecimal bid, bid_qty, ask, ask_qty;

      kopir_sandbox_market_best (self->market, symbol, KOPIR_SANDBOX_SIDE_BID, &bid, &bid_qty);
      kopir_sandbox_market_best (self->market, symbol, KOPIR_SANDBOX_SIDE_ASK, &ask, &ask_qty);
      kopir_sandbox_json_kv_int (w, "u", kopir_sandbox_market_update_id (self->market));
      kopir_sandbox_json_kv_string (w, "s", symbol->name);
      kopir_sandbox_json_kv_decimal (w, "b", &bid, 8);
      kopir_sandbox_json_kv_decimal (w, "B", &bid_qty, 8);
      kopir_sandbox_json_kv_decimal (w, "a", &ask, 8);
      kopir_sandbox_json_kv_decimal (w, "A", &ask_qty, 8);
    }
  else
    {
      guint n_bars;
      const KopirSandboxBar *bars = kopir_sandbox_market_bars (self->market, symbol, &n_bars);
      const KopirSandboxBar *bar = &bars[n_bars - 1];

      kopir_sandbox_json_kv_string (w, "e", "kline");
      kopir_sandbox_json_kv_int (w, "E", now);
      kopir_sandbox_json_kv_string (w, "s", symbol->name);
      kopir_sandbox_json_key (w, "k");
      kopir_sandbox_json_begin_object (w);
      kopir_sandbox_json_kv_int (w, "t", bar->open_time);
      kopir_sandbox_json_kv_int (w, "T", bar->open_time + 59999);
      kopir_sandbox_json_kv_string (w, "s", symbol->name);
      kopir_sandbox_json_kv_string (w, "i", "1m");
      kopir_sandbox_json_kv_int (w, "f", bar->trades ? bar->first_trade_id : -1);
      kopir_sandbox_json_kv_int (w, "L", bar->trades ? bar->last_trade_id : -1);
      kopir_sandbox_json_kv_decimal (w, "o", &bar->open, 8);
      kopir_sandbox_json_kv_decimal (w, "c", &bar->close, 8);
      kopir_sandbox_json_kv_decimal (w, "h", &bar->high, 8);
      kopir_sandbox_json_kv_decimal (w, "l", &bar->low, 8);
      kopir_sandbox_json_kv_decimal (w, "v", &bar->volume, 8);
      kopir_sandbox_json_kv_int (w, "n", bar->trades);
      kopir_sandbox_json_kv_bool (w, "x", FALSE);
      kopir_sandbox_json_kv_decimal (w, "q", &bar->quote_volume, 8);
      kopir_sandbox_json_kv_decimal (w, "V", &bar->taker_buy_volume, 8);
      kopir_sandbox_json_kv_decimal (w, "Q", &bar->taker_buy_quote_volume, 8);
      kopir_sandbox_json_kv_string (w, "B", "0");
      kopir_sandbox_json_end_object (w);
    }
  kopir_sandbox_json_end_object (w);
}


/* A client may have started closing its side while an update was due:
 * what it can no longer receive is dropped, not sent. */
static void
send_text (StreamClient *client,
           const char   *text)
{
  if (soup_websocket_connection_get_state (client->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  soup_websocket_connection_send_text (client->connection, text);
}

static void
send_stream (StreamClient *client,
             const Stream *stream,
             gint64        now)
{
  g_autoptr(GString) out = g_string_sized_new (512);
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  if (client->combined)
    {
      kopir_sandbox_json_begin_object (&w);
      kopir_sandbox_json_kv_string (&w, "stream", stream->name);
      kopir_sandbox_json_key (&w, "data");
    }
  write_payload (client->server, &w, stream, now);
  if (client->combined)
    kopir_sandbox_json_end_object (&w);

  send_text (client, out->str);
}

void
streams_on_tick (KopirSandboxServer *self)
{
  gint64 now = server_now (self);

  if (self->ws_clients == NULL)
    return;

  for (guint i = 0; i < self->ws_clients->len; i++)
    {
      StreamClient *client = g_ptr_array_index (self->ws_clients, i);

      if (soup_websocket_connection_get_state (client->connection) != SOUP_WEBSOCKET_STATE_OPEN)
        continue;
      for (guint s = 0; s < client->streams->len; s++)
        send_stream (client, g_ptr_array_index (client->streams, s), now);
    }
}

static void
reply_result (StreamClient *client,
              JsonNode     *id,
              const char   *result_json)
{
  g_autoptr(GString) out = g_string_new ("{\"result\":");
  g_autofree char *id_text = id ? json_to_string (id, FALSE) : g_strdup ("null");

  g_string_append (out, result_json);
  g_string_append_printf (out, ",\"id\":%s}", id_text);
  send_text (client, out->str);
}

static void
reply_error (StreamClient *client,
             JsonNode     *id,
             int           code,
             const char   *msg)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *id_text = id ? json_to_string (id, FALSE) : g_strdup ("null");
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_key (&w, "error");
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_int (&w, "code", code);
  kopir_sandbox_json_kv_string (&w, "msg", msg);
  kopir_sandbox_json_end_object (&w);
  kopir_sandbox_json_key (&w, "id");
  kopir_sandbox_json_raw (&w, id_text);
  kopir_sandbox_json_end_object (&w);
  send_text (client, out->str);
}

/* The live subscription methods of the streams API. */
static void
on_message (SoupWebsocketConnection *connection,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            StreamClient            *client)
{
  gsize len;
  const char *data = g_bytes_get_data (message, &len);
  g_autoptr(JsonObject) object = NULL;
  JsonNode *id, *params;
  const char *method;

  if (type != SOUP_WEBSOCKET_DATA_TEXT ||
      (object = kopir_sandbox_parse_json_object (data, len, NULL)) == NULL)
    {
      reply_error (client, NULL, 3, "Invalid JSON: expected an object");
      return;
    }

  id = json_object_get_member (object, "id");
  method = json_object_get_string_member_with_default (object, "method", NULL);
  params = json_object_get_member (object, "params");

  if (g_strcmp0 (method, "LIST_SUBSCRIPTIONS") == 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      KopirSandboxJson w;

      kopir_sandbox_json_init (&w, list);
      kopir_sandbox_json_begin_array (&w);
      for (guint i = 0; i < client->streams->len; i++)
        kopir_sandbox_json_string (&w, ((Stream *) g_ptr_array_index (client->streams, i))->name);
      kopir_sandbox_json_end_array (&w);
      reply_result (client, id, list->str);
      return;
    }

  if ((g_strcmp0 (method, "SUBSCRIBE") != 0 && g_strcmp0 (method, "UNSUBSCRIBE") != 0) ||
      params == NULL || !JSON_NODE_HOLDS_ARRAY (params))
    {
      reply_error (client, id, 2, "Invalid request: unknown method or params");
      return;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (params)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (params), i);
      Stream *stream;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          (stream = stream_parse (client->server, json_node_get_string (node))) == NULL)
        {
          reply_error (client, id, 2, "Invalid request: invalid stream name");
          return;
        }
      for (guint s = 0; s < client->streams->len; s++)
        if (strcmp (((Stream *) g_ptr_array_index (client->streams, s))->name, stream->name) == 0)
          g_ptr_array_remove_index (client->streams, s--);
      if (strcmp (method, "SUBSCRIBE") == 0 && client->streams->len < MAX_STREAMS)
        g_ptr_array_add (client->streams, stream);
      else
        stream_free (stream);
    }
  reply_result (client, id, "null");
}

static void
on_closed (SoupWebsocketConnection *connection,
           StreamClient            *client)
{
  g_ptr_array_remove (client->server->ws_clients, client);
}

static void
websocket_cb (SoupServer              *soup,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  KopirSandboxServer *self = user_data;
  StreamClient *client = g_new0 (StreamClient, 1);
  g_auto(GStrv) names = NULL;

  client->server = self;
  client->connection = g_object_ref (connection);
  client->streams = g_ptr_array_new_with_free_func (stream_free);

  if (g_str_has_prefix (path, "/ws/"))
    {
      names = g_strsplit (path + 4, "/", MAX_STREAMS);
    }
  else if (strcmp (path, "/stream") == 0)
    {
      GUri *uri = soup_server_message_get_uri (msg);
      g_autoptr(GHashTable) query = NULL;
      const char *streams;

      client->combined = TRUE;
      if (g_uri_get_query (uri) != NULL)
        query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
      streams = query ? g_hash_table_lookup (query, "streams") : NULL;
      names = g_strsplit (streams ? streams : "", "/", MAX_STREAMS);
    }

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Stream *stream;

      if (names[i][0] == '\0')
        continue;
      stream = stream_parse (self, names[i]);
      if (stream == NULL)
        {
          soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "Invalid stream name");
          stream_client_free (client);
          return;
        }
      g_ptr_array_add (client->streams, stream);
    }

  g_signal_connect (connection, "message", G_CALLBACK (on_message), client);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), client);
  g_ptr_array_add (self->ws_clients, client);

  /* Send the current state at once rather than after the next step. */
  for (guint s = 0; s < client->streams->len; s++)
    send_stream (client, g_ptr_array_index (client->streams, s), server_now (self));
}

void
streams_init (KopirSandboxServer *self)
{
  self->ws_clients = g_ptr_array_new_with_free_func (stream_client_free);
  soup_server_add_websocket_handler (self->soup, "/ws", NULL, NULL, websocket_cb, self, NULL);
  soup_server_add_websocket_handler (self->soup, "/stream", NULL, NULL, websocket_cb, self, NULL);
}
