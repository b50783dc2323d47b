/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-price-stream.c: live prices that keep coming, whatever the network
 *
 * One combined WebSocket (`/stream?streams=btckzt@bookTicker/...`) carries
 * the best bid and ask and the one-minute candle of every watched market.
 * When the socket cannot connect or drops, the stream reconnects by itself
 * with exponential backoff and jitter, and meanwhile polls /ticker/24hr so
 * prices keep moving. Each #KopirMarket notifies its own changes; the UI
 * coalesces them to its frame clock.
 */

#define G_LOG_DOMAIN "kopir-price-stream"

#include "config.h"

#include <string.h>

#include "kopir-backoff.h"
#include "kopir-json-private.h"
#include "kopir-price-stream.h"

#define RECONNECT_BASE_MS 500
#define RECONNECT_CAP_MS 60000
#define DEFAULT_POLL_INTERVAL_MS 5000
#define KEEPALIVE_SECONDS 20

struct _KopirPriceStream
{
  GObject                  parent_instance;

  SoupSession             *session;
  KopirExchangeClient     *client;
  char                    *stream_url;
  GListStore              *markets;
  KopirPriceStreamMode     mode;
  gboolean                 running;

  SoupWebsocketConnection *connection;
  GCancellable            *cancellable;
  guint                    attempt;
  guint                    reconnect_id;
  guint                    poll_id;
  guint                    poll_interval;
};

G_DEFINE_FINAL_TYPE (KopirPriceStream, kopir_price_stream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODE,
  PROP_MARKETS,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void connect_socket (KopirPriceStream *self);

static void
set_mode (KopirPriceStream     *self,
          KopirPriceStreamMode  mode)
{
  if (self->mode == mode)
    return;

  g_debug ("Price stream mode %d", mode);
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
close_socket (KopirPriceStream *self)
{
  if (self->connection == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->connection, self);
  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&self->connection);
}

KopirMarket *
kopir_price_stream_lookup (KopirPriceStream *self,
                           const char       *symbol)
{
  guint n;

  g_return_val_if_fail (KOPIR_IS_PRICE_STREAM (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->markets));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirMarket) market = g_list_model_get_item (G_LIST_MODEL (self->markets), i);

      if (g_ascii_strcasecmp (kopir_market_get_symbol (market), symbol) == 0)
        return market;
    }

  return NULL;
}

static void
emit_updated (KopirPriceStream *self,
              KopirMarket      *market)
{
  g_signal_emit (self, signals[UPDATED], 0, market);
}

/* Polling */

static void
poll_ticker_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KopirPriceStream) self = user_data;
  g_autoptr(KopirMarket) fresh = NULL;
  g_autoptr(GError) error = NULL;
  KopirMarket *market;
  KopirDecimal price, bid, ask, change, high, low;

  fresh = kopir_exchange_client_get_ticker_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (fresh == NULL)
    {
      g_debug ("Polling prices: %s", error->message);
      return;
    }

  /* A late answer after the socket came back is still a valid price. */
  market = kopir_price_stream_lookup (self, kopir_market_get_symbol (fresh));
  if (market == NULL)
    return;

  price = kopir_market_get_price (fresh);
  bid = kopir_market_get_bid (fresh);
  ask = kopir_market_get_ask (fresh);
  change = kopir_market_get_change_percent (fresh);
  high = kopir_market_get_high (fresh);
  low = kopir_market_get_low (fresh);
  kopir_market_set_price (market, &price);
  kopir_market_set_book (market, &bid, &ask);
  kopir_market_set_day_stats (market, &change, &high, &low);
  emit_updated (self, market);
}

static void
poll_now (KopirPriceStream *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->markets));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirMarket) market = g_list_model_get_item (G_LIST_MODEL (self->markets), i);

      kopir_exchange_client_get_ticker_async (self->client, kopir_market_get_symbol (market),
                                              self->cancellable, poll_ticker_cb,
                                              g_object_ref (self));
    }
}

static gboolean
on_poll (gpointer user_data)
{
  poll_now (KOPIR_PRICE_STREAM (user_data));

  return G_SOURCE_CONTINUE;
}

static void
start_polling (KopirPriceStream *self)
{
  set_mode (self, KOPIR_PRICE_STREAM_POLLING);

  if (self->poll_id == 0)
    {
      poll_now (self);
      self->poll_id = g_timeout_add (self->poll_interval, on_poll, self);
    }
}

static void
stop_polling (KopirPriceStream *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
}

/* The WebSocket */

static gboolean
on_reconnect (gpointer user_data)
{
  KopirPriceStream *self = user_data;

  self->reconnect_id = 0;
  connect_socket (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (KopirPriceStream *self)
{
  guint delay;

  if (!self->running || self->reconnect_id != 0)
    return;

  delay = kopir_backoff_delay_ms (self->attempt++, RECONNECT_BASE_MS, RECONNECT_CAP_MS,
                                  g_random_int ());
  g_debug ("Price stream reconnects in %u ms", delay);
  self->reconnect_id = g_timeout_add (delay, on_reconnect, self);

  /* Prices keep coming in the meantime. */
  start_polling (self);
}

static void
handle_book_ticker (KopirPriceStream *self,
                    JsonObject       *data)
{
  KopirMarket *market = kopir_price_stream_lookup (self, kopir_json_object_string (data, "s"));
  KopirDecimal bid, ask;

  if (market == NULL ||
      !kopir_json_object_decimal (data, "b", &bid) ||
      !kopir_json_object_decimal (data, "a", &ask))
    return;

  kopir_market_set_book (market, &bid, &ask);
  emit_updated (self, market);
}

static void
handle_kline (KopirPriceStream *self,
              JsonObject       *data)
{
  KopirMarket *market = kopir_price_stream_lookup (self, kopir_json_object_string (data, "s"));
  JsonNode *node = json_object_get_member (data, "k");
  JsonObject *kline = kopir_json_get_object (node);
  KopirDecimal close;

  if (market == NULL || !kopir_json_object_decimal (kline, "c", &close))
    return;

  kopir_market_set_price (market, &close);
  emit_updated (self, market);
}

static void
on_message (SoupWebsocketConnection *connection,
            gint                     type,
            GBytes                  *message,
            gpointer                 user_data)
{
  KopirPriceStream *self = user_data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *data;
  const char *stream;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;

  root = kopir_json_parse (message, NULL);
  object = kopir_json_get_object (root);
  stream = kopir_json_object_string (object, "stream");
  data = object != NULL ? kopir_json_get_object (json_object_get_member (object, "data")) : NULL;

  if (stream == NULL || data == NULL)
    return;

  if (g_str_has_suffix (stream, "@bookTicker"))
    handle_book_ticker (self, data);
  else if (g_str_has_suffix (stream, "@kline_1m"))
    handle_kline (self, data);
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  KopirPriceStream *self = user_data;

  g_debug ("Price stream closed (%u)", soup_websocket_connection_get_close_code (connection));
  close_socket (self);
  schedule_reconnect (self);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KopirPriceStream) self = user_data;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (connection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Price stream cannot connect: %s", error->message);
      schedule_reconnect (self);
      return;
    }

  if (!self->running)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      return;
    }

  self->connection = g_steal_pointer (&connection);
  self->attempt = 0;
  soup_websocket_connection_set_keepalive_interval (self->connection, KEEPALIVE_SECONDS);
  g_signal_connect (self->connection, "message", G_CALLBACK (on_message), self);
  g_signal_connect (self->connection, "closed", G_CALLBACK (on_closed), self);

  stop_polling (self);
  set_mode (self, KOPIR_PRICE_STREAM_STREAMING);
}

static char *
build_stream_url (KopirPriceStream *self)
{
  g_autoptr(GString) url = g_string_new (self->stream_url);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->markets));

  /* Profiles name the raw stream base (".../ws"); combined streams live
   * beside it at ".../stream". */
  if (g_str_has_suffix (url->str, "/ws"))
    g_string_truncate (url, url->len - strlen ("/ws"));
  g_string_append (url, "/stream?streams=");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirMarket) market = g_list_model_get_item (G_LIST_MODEL (self->markets), i);
      g_autofree char *symbol = g_ascii_strdown (kopir_market_get_symbol (market), -1);

      g_string_append_printf (url, "%s%s@bookTicker/%s@kline_1m", i > 0 ? "/" : "",
                              symbol, symbol);
    }

  return g_string_free (g_steal_pointer (&url), FALSE);
}

static void
connect_socket (KopirPriceStream *self)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;

  if (!self->running || g_list_model_get_n_items (G_LIST_MODEL (self->markets)) == 0)
    return;

  if (self->stream_url == NULL)
    {
      /* No stream offered: polling is all there is. */
      start_polling (self);
      return;
    }

  url = build_stream_url (self);
  message = soup_message_new ("GET", url);
  if (message == NULL)
    {
      start_polling (self);
      return;
    }

  if (self->mode != KOPIR_PRICE_STREAM_POLLING)
    set_mode (self, KOPIR_PRICE_STREAM_CONNECTING);

  soup_session_websocket_connect_async (self->session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->cancellable, connect_cb, g_object_ref (self));
}

static void
kopir_price_stream_dispose (GObject *object)
{
  KopirPriceStream *self = (KopirPriceStream *)object;

  kopir_price_stream_stop (self);

  G_OBJECT_CLASS (kopir_price_stream_parent_class)->dispose (object);
}

static void
kopir_price_stream_finalize (GObject *object)
{
  KopirPriceStream *self = (KopirPriceStream *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->client);
  g_clear_object (&self->markets);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stream_url, g_free);

  G_OBJECT_CLASS (kopir_price_stream_parent_class)->finalize (object);
}

static void
kopir_price_stream_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KopirPriceStream *self = KOPIR_PRICE_STREAM (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;
    case PROP_MARKETS:
      g_value_set_object (value, self->markets);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_price_stream_class_init (KopirPriceStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_price_stream_dispose;
  object_class->finalize = kopir_price_stream_finalize;
  object_class->get_property = kopir_price_stream_get_property;

  /* A KopirPriceStreamMode. */
  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      KOPIR_PRICE_STREAM_STOPPED, KOPIR_PRICE_STREAM_POLLING,
                      KOPIR_PRICE_STREAM_STOPPED,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MARKETS] =
    g_param_spec_object ("markets", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirPriceStream::updated:
   * @self: the stream
   * @market: the market that changed
   *
   * Emitted after any price of @market changed.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KOPIR_TYPE_MARKET);
}

static void
kopir_price_stream_init (KopirPriceStream *self)
{
  self->markets = g_list_store_new (KOPIR_TYPE_MARKET);
  self->poll_interval = DEFAULT_POLL_INTERVAL_MS;
}

/**
 * kopir_price_stream_new:
 * @session: the shared #SoupSession
 * @client: the exchange client, for polling
 *
 * Returns: (transfer full): a new, stopped #KopirPriceStream
 */
KopirPriceStream *
kopir_price_stream_new (SoupSession         *session,
                        KopirExchangeClient *client)
{
  KopirPriceStream *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (client), NULL);

  self = g_object_new (KOPIR_TYPE_PRICE_STREAM, NULL);
  self->session = g_object_ref (session);
  self->client = g_object_ref (client);

  return self;
}

/**
 * kopir_price_stream_set_stream_url:
 * @self: a #KopirPriceStream
 * @stream_url: (nullable): the profile's stream address; %NULL to poll
 *
 * Changing the address while running reconnects.
 */
void
kopir_price_stream_set_stream_url (KopirPriceStream *self,
                                   const char       *stream_url)
{
  gboolean running;

  g_return_if_fail (KOPIR_IS_PRICE_STREAM (self));

  if (g_strcmp0 (self->stream_url, stream_url) == 0)
    return;

  running = self->running;
  kopir_price_stream_stop (self);
  g_free (self->stream_url);
  self->stream_url = g_strdup (stream_url);
  if (running)
    kopir_price_stream_start (self);
}

/**
 * kopir_price_stream_get_markets:
 * @self: a #KopirPriceStream
 *
 * Returns: (transfer none): a list model of the watched #KopirMarket
 */
GListModel *
kopir_price_stream_get_markets (KopirPriceStream *self)
{
  g_return_val_if_fail (KOPIR_IS_PRICE_STREAM (self), NULL);

  return G_LIST_MODEL (self->markets);
}

/**
 * kopir_price_stream_watch:
 * @self: a #KopirPriceStream
 * @symbol: a market such as "BTCKZT"
 *
 * Adds a market to the stream (reconnecting with the new list).
 *
 * Returns: (transfer none): the market's live object
 */
KopirMarket *
kopir_price_stream_watch (KopirPriceStream *self,
                          const char       *symbol)
{
  g_autoptr(KopirMarket) market = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (KOPIR_IS_PRICE_STREAM (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  if (kopir_price_stream_lookup (self, symbol) != NULL)
    return kopir_price_stream_lookup (self, symbol);

  upper = g_ascii_strup (symbol, -1);
  market = kopir_market_new (upper);
  g_list_store_append (self->markets, market);

  if (self->running)
    {
      close_socket (self);
      g_clear_handle_id (&self->reconnect_id, g_source_remove);
      connect_socket (self);
    }

  return market;
}

/**
 * kopir_price_stream_start:
 * @self: a #KopirPriceStream
 *
 * Starts streaming (or polling) the watched markets.
 */
void
kopir_price_stream_start (KopirPriceStream *self)
{
  g_return_if_fail (KOPIR_IS_PRICE_STREAM (self));

  if (self->running)
    return;

  self->running = TRUE;
  self->attempt = 0;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  connect_socket (self);
}

void
kopir_price_stream_stop (KopirPriceStream *self)
{
  g_return_if_fail (KOPIR_IS_PRICE_STREAM (self));

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  stop_polling (self);
  close_socket (self);
  set_mode (self, KOPIR_PRICE_STREAM_STOPPED);
}

KopirPriceStreamMode
kopir_price_stream_get_mode (KopirPriceStream *self)
{
  g_return_val_if_fail (KOPIR_IS_PRICE_STREAM (self), KOPIR_PRICE_STREAM_STOPPED);

  return self->mode;
}

/**
 * kopir_price_stream_set_poll_interval:
 * @self: a #KopirPriceStream
 * @milliseconds: how often to poll while the WebSocket is down
 */
void
kopir_price_stream_set_poll_interval (KopirPriceStream *self,
                                      guint             milliseconds)
{
  g_return_if_fail (KOPIR_IS_PRICE_STREAM (self));

  self->poll_interval = MAX (milliseconds, 100);
}
