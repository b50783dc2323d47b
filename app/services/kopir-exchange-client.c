/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-exchange-client.c: the Binance Spot dialect, asynchronously
 *
 * Every endpoint Kopir needs, on the shared transport: market data,
 * orders, the account and its trades. Answers are parsed into objects with
 * each node type checked, error answers mapped to %KOPIR_EXCHANGE_ERROR.
 * Orders are checked against the market's filters before they leave, so
 * the customer hears "below the minimum of 5 000 ₸" from Kopir rather than
 * a filter failure from the exchange. Placing an order is never retried:
 * an unknown outcome is the caller's to resolve by the client order id.
 */

#define G_LOG_DOMAIN "kopir-exchange-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kopir-exchange-client.h"
#include "kopir-json-private.h"

struct _KopirExchangeClient
{
  GObject         parent_instance;

  KopirTransport *transport;
  GHashTable     *filters;
  GHashTable     *statuses;       /* symbol -> "TRADING", "BREAK", ... */
  guint           weight_limit;
  gboolean        time_synced;
};

G_DEFINE_FINAL_TYPE (KopirExchangeClient, kopir_exchange_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_USED_WEIGHT,
  PROP_WEIGHT_LIMIT,
  PROP_CLOCK_OFFSET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef gpointer (*ParseFunc) (KopirExchangeClient  *self,
                               JsonNode             *root,
                               GError              **error);

typedef struct
{
  char              *method;
  char              *path;
  GStrv              params;
  KopirRequestFlags  flags;
  ParseFunc          parse;
  GDestroyNotify     free_result;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->method);
  g_free (data->path);
  g_strfreev (data->params);
  g_free (data);
}

/* Turns an error answer into a %KOPIR_EXCHANGE_ERROR. */
static GError *
error_from_response (const KopirResponse *response,
                     gboolean             may_have_executed)
{
  const char *message = NULL;
  int code = 0;

  kopir_response_get_binance_error (response, &code, &message);
  g_debug ("Exchange error: HTTP %u, code %d, %s", response->status, code,
           message != NULL ? message : "(no message)");

  return kopir_exchange_error_from_response (response->status, code, message,
                                             kopir_response_get_retry_after (response),
                                             may_have_executed, NULL);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KopirTransport *transport = KOPIR_TRANSPORT (object);
  g_autoptr(GTask) task = user_data;
  KopirExchangeClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(KopirResponse) response = NULL;
  gboolean may_have_executed = !(data->flags & KOPIR_REQUEST_SAFE);
  GError *error = NULL;
  gpointer parsed;

  response = kopir_transport_request_finish (transport, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_task_return_error (task, error_from_response (response, may_have_executed));
      return;
    }

  parsed = data->parse (self, response->root, &error);
  if (parsed == NULL)
    {
      /* An order the exchange answered for but in a form we cannot read
       * may well exist: that is an unknown outcome, not a failure. */
      if (may_have_executed)
        {
          g_clear_error (&error);
          error = kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME, 0,
                                            "unreadable answer", response->status, 0, NULL);
        }
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, parsed, data->free_result);
}

static void
send_call (GTask *task)
{
  KopirExchangeClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  kopir_transport_request_async (self->transport, data->method, data->path,
                                 (const char * const *) data->params, NULL, NULL, NULL,
                                 data->flags, cancellable, call_cb, task);
}

static void
call_sync_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirExchangeClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!kopir_transport_sync_time_finish (KOPIR_TRANSPORT (object), result, &error))
    {
      /* A signed request may still pass with the local clock; if not,
       * its -1021 will resynchronise. */
      g_debug ("Clock synchronisation failed: %s", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      self->time_synced = TRUE;
    }

  send_call (g_steal_pointer (&task));
}

static void
call (KopirExchangeClient  *self,
      const char           *method,
      const char           *path,
      const char * const   *params,
      KopirRequestFlags     flags,
      ParseFunc             parse,
      GDestroyNotify        free_result,
      gpointer              source_tag,
      GCancellable         *cancellable,
      GAsyncReadyCallback   callback,
      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (CallData, 1);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->params = g_strdupv ((char **) params);
  data->flags = flags;
  data->parse = parse;
  data->free_result = free_result;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  /* The first signed request of a session learns the server's clock. */
  if ((flags & KOPIR_REQUEST_SIGNED) && !self->time_synced)
    kopir_transport_sync_time_async (self->transport, cancellable, call_sync_cb,
                                     g_steal_pointer (&task));
  else
    send_call (g_steal_pointer (&task));
}

static gpointer
finish_pointer (KopirExchangeClient  *self,
                GAsyncResult         *result,
                gpointer              source_tag,
                GError              **error)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
parse_empty (KopirExchangeClient  *self,
             JsonNode             *root,
             GError              **error)
{
  return GINT_TO_POINTER (TRUE);
}

static GError *
invalid_response (const char *what)
{
  return kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE, 0, what, 0, 0, NULL);
}

static void
on_transport_notify (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  KopirExchangeClient *self = user_data;

  if (g_strcmp0 (pspec->name, "used-weight") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USED_WEIGHT]);
  else if (g_strcmp0 (pspec->name, "clock-offset") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_OFFSET]);
  else if (g_strcmp0 (pspec->name, "base-url") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

static void
kopir_exchange_client_dispose (GObject *object)
{
  KopirExchangeClient *self = (KopirExchangeClient *)object;

  if (self->transport != NULL)
    g_signal_handlers_disconnect_by_data (self->transport, self);
  g_clear_object (&self->transport);

  G_OBJECT_CLASS (kopir_exchange_client_parent_class)->dispose (object);
}

static void
kopir_exchange_client_finalize (GObject *object)
{
  KopirExchangeClient *self = (KopirExchangeClient *)object;

  g_clear_pointer (&self->filters, g_hash_table_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);

  G_OBJECT_CLASS (kopir_exchange_client_parent_class)->finalize (object);
}

static void
kopir_exchange_client_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KopirExchangeClient *self = KOPIR_EXCHANGE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, kopir_exchange_client_get_base_url (self));
      break;
    case PROP_USED_WEIGHT:
      g_value_set_uint (value, kopir_exchange_client_get_used_weight (self));
      break;
    case PROP_WEIGHT_LIMIT:
      g_value_set_uint (value, self->weight_limit);
      break;
    case PROP_CLOCK_OFFSET:
      g_value_set_int64 (value, kopir_exchange_client_get_clock_offset (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_exchange_client_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KopirExchangeClient *self = KOPIR_EXCHANGE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      kopir_exchange_client_set_base_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_exchange_client_class_init (KopirExchangeClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_exchange_client_dispose;
  object_class->finalize = kopir_exchange_client_finalize;
  object_class->get_property = kopir_exchange_client_get_property;
  object_class->set_property = kopir_exchange_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USED_WEIGHT] =
    g_param_spec_uint ("used-weight", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WEIGHT_LIMIT] =
    g_param_spec_uint ("weight-limit", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLOCK_OFFSET] =
    g_param_spec_int64 ("clock-offset", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_exchange_client_init (KopirExchangeClient *self)
{
  self->filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * kopir_exchange_client_new:
 * @session: the application's shared #SoupSession
 *
 * Returns: (transfer full): a new client with no address yet
 */
KopirExchangeClient *
kopir_exchange_client_new (SoupSession *session)
{
  KopirExchangeClient *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (KOPIR_TYPE_EXCHANGE_CLIENT, NULL);
  self->transport = kopir_transport_new (session, NULL);
  g_signal_connect (self->transport, "notify", G_CALLBACK (on_transport_notify), self);

  return self;
}

/**
 * kopir_exchange_client_get_transport:
 * @self: a #KopirExchangeClient
 *
 * Returns: (transfer none): the transport, for diagnostics
 */
KopirTransport *
kopir_exchange_client_get_transport (KopirExchangeClient *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), NULL);

  return self->transport;
}

const char *
kopir_exchange_client_get_base_url (KopirExchangeClient *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), NULL);

  return kopir_transport_get_base_url (self->transport);
}

/**
 * kopir_exchange_client_set_base_url:
 * @self: a #KopirExchangeClient
 * @base_url: (nullable): the trading address of the active profile,
 *   already validated by #KopirExchangeProfile
 */
void
kopir_exchange_client_set_base_url (KopirExchangeClient *self,
                                    const char          *base_url)
{
  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));

  if (g_strcmp0 (base_url, kopir_transport_get_base_url (self->transport)) == 0)
    return;

  /* Another exchange: its markets and clock are its own. */
  g_hash_table_remove_all (self->filters);
  self->time_synced = FALSE;
  kopir_transport_set_base_url (self->transport, base_url);
}

void
kopir_exchange_client_set_credentials (KopirExchangeClient    *self,
                                       const KopirCredentials *credentials)
{
  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));

  kopir_transport_set_credentials (self->transport, credentials);
}

gboolean
kopir_exchange_client_has_credentials (KopirExchangeClient *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), FALSE);

  return kopir_transport_has_credentials (self->transport);
}

guint
kopir_exchange_client_get_used_weight (KopirExchangeClient *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), 0);

  return kopir_transport_get_used_weight (self->transport);
}

/**
 * kopir_exchange_client_get_weight_limit:
 * @self: a #KopirExchangeClient
 *
 * Returns: the request weight allowed per minute, from the exchange
 *   information, or 0 before it was loaded
 */
guint
kopir_exchange_client_get_weight_limit (KopirExchangeClient *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), 0);

  return self->weight_limit;
}

gint64
kopir_exchange_client_get_clock_offset (KopirExchangeClient *self)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), 0);

  return kopir_transport_get_clock_offset (self->transport);
}

/**
 * kopir_exchange_client_lookup_filters:
 * @self: a #KopirExchangeClient
 * @symbol: a market
 *
 * Returns: (nullable): the market's rules, once the exchange information
 *   was loaded
 */
const KopirSymbolFilters *
kopir_exchange_client_lookup_filters (KopirExchangeClient *self,
                                      const char          *symbol)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), NULL);

  return g_hash_table_lookup (self->filters, symbol);
}

/**
 * kopir_exchange_client_is_trading:
 * @self: a #KopirExchangeClient
 * @symbol: a market
 *
 * Whether the market takes orders, as the exchange information last
 * loaded says ("TRADING"; "BREAK", "HALT" and the like mean closed). A
 * market the exchange did not describe counts as open: the exchange
 * itself refuses what it must.
 *
 * Returns: %FALSE if the exchange said the market is closed
 */
gboolean
kopir_exchange_client_is_trading (KopirExchangeClient *self,
                                  const char          *symbol)
{
  const char *status;

  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);

  status = g_hash_table_lookup (self->statuses, symbol);

  return status == NULL || g_str_equal (status, "TRADING");
}

/* Time */

static void
sync_time_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirExchangeClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!kopir_transport_sync_time_finish (KOPIR_TRANSPORT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  self->time_synced = TRUE;
  g_task_return_boolean (task, TRUE);
}

void
kopir_exchange_client_sync_time_async (KopirExchangeClient *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_exchange_client_sync_time_async);
  kopir_transport_sync_time_async (self->transport, cancellable, sync_time_cb,
                                   g_steal_pointer (&task));
}

gboolean
kopir_exchange_client_sync_time_finish (KopirExchangeClient  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Exchange information */

static void
parse_filter (KopirSymbolFilters *filters,
              JsonObject         *filter)
{
  const char *type = kopir_json_object_string (filter, "filterType");

  if (g_strcmp0 (type, "PRICE_FILTER") == 0)
    {
      kopir_json_object_decimal (filter, "minPrice", &filters->min_price);
      kopir_json_object_decimal (filter, "maxPrice", &filters->max_price);
      kopir_json_object_decimal (filter, "tickSize", &filters->tick_size);
    }
  else if (g_strcmp0 (type, "LOT_SIZE") == 0)
    {
      kopir_json_object_decimal (filter, "minQty", &filters->min_qty);
      kopir_json_object_decimal (filter, "maxQty", &filters->max_qty);
      kopir_json_object_decimal (filter, "stepSize", &filters->step_size);
    }
  else if (g_strcmp0 (type, "MARKET_LOT_SIZE") == 0)
    {
      kopir_json_object_decimal (filter, "minQty", &filters->market_min_qty);
      kopir_json_object_decimal (filter, "maxQty", &filters->market_max_qty);
      kopir_json_object_decimal (filter, "stepSize", &filters->market_step_size);
    }
  else if (g_strcmp0 (type, "NOTIONAL") == 0)
    {
      kopir_json_object_decimal (filter, "minNotional", &filters->min_notional);
      kopir_json_object_decimal (filter, "maxNotional", &filters->max_notional);
      kopir_json_object_bool (filter, "applyMinToMarket", &filters->apply_min_to_market);
      kopir_json_object_bool (filter, "applyMaxToMarket", &filters->apply_max_to_market);
    }
  else if (g_strcmp0 (type, "MIN_NOTIONAL") == 0)
    {
      kopir_json_object_decimal (filter, "minNotional", &filters->min_notional);
      kopir_json_object_bool (filter, "applyToMarket", &filters->apply_min_to_market);
    }
}

static gpointer
parse_exchange_info (KopirExchangeClient  *self,
                     JsonNode             *root,
                     GError              **error)
{
  JsonObject *object = kopir_json_get_object (root);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  JsonArray *symbols = NULL;
  JsonNode *node;

  if (object != NULL && (node = json_object_get_member (object, "symbols")) != NULL)
    symbols = kopir_json_get_array (node);
  if (symbols == NULL)
    {
      g_propagate_error (error, invalid_response ("no symbols"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (symbols); i++)
    {
      JsonObject *symbol = kopir_json_get_object (json_array_get_element (symbols, i));
      const char *name = kopir_json_object_string (symbol, "symbol");
      const char *base = kopir_json_object_string (symbol, "baseAsset");
      const char *quote = kopir_json_object_string (symbol, "quoteAsset");
      KopirSymbolFilters *filters;
      JsonArray *array = NULL;

      if (name == NULL || base == NULL || quote == NULL)
        continue;

      if (kopir_json_object_string (symbol, "status") != NULL)
        g_hash_table_replace (self->statuses, g_strdup (name),
                              g_strdup (kopir_json_object_string (symbol, "status")));

      filters = g_new0 (KopirSymbolFilters, 1);
      g_strlcpy (filters->symbol, name, sizeof filters->symbol);
      g_strlcpy (filters->base_asset, base, sizeof filters->base_asset);
      g_strlcpy (filters->quote_asset, quote, sizeof filters->quote_asset);

      if ((node = json_object_get_member (symbol, "filters")) != NULL)
        array = kopir_json_get_array (node);
      for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
        {
          JsonObject *filter = kopir_json_get_object (json_array_get_element (array, j));

          if (filter != NULL)
            parse_filter (filters, filter);
        }

      g_ptr_array_add (result, filters);

      /* The table keeps its own copy, keyed by the copy's symbol. */
      filters = g_memdup2 (filters, sizeof *filters);
      g_hash_table_replace (self->filters, filters->symbol, filters);
    }

  if ((node = json_object_get_member (object, "rateLimits")) != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *limits = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (limits); i++)
        {
          JsonObject *limit = kopir_json_get_object (json_array_get_element (limits, i));
          gint64 value;

          if (g_strcmp0 (kopir_json_object_string (limit, "rateLimitType"), "REQUEST_WEIGHT") == 0 &&
              g_strcmp0 (kopir_json_object_string (limit, "interval"), "MINUTE") == 0 &&
              kopir_json_object_int (limit, "limit", &value) && value > 0 && value <= G_MAXUINT)
            {
              self->weight_limit = (guint) value;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHT_LIMIT]);
            }
        }
    }

  return g_steal_pointer (&result);
}

/**
 * kopir_exchange_client_get_exchange_info_async:
 * @self: a #KopirExchangeClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Loads the markets and their filters; kopir_exchange_client_lookup_filters()
 * answers from them afterwards.
 */
void
kopir_exchange_client_get_exchange_info_async (KopirExchangeClient *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));

  call (self, "GET", "/api/v3/exchangeInfo", NULL, KOPIR_REQUEST_SAFE,
        parse_exchange_info, (GDestroyNotify) g_ptr_array_unref,
        kopir_exchange_client_get_exchange_info_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_exchange_info_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type KopirSymbolFilters): the
 *   markets
 */
GPtrArray *
kopir_exchange_client_get_exchange_info_finish (KopirExchangeClient  *self,
                                                GAsyncResult         *result,
                                                GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_exchange_info_async, error);
}

/* Market data */

static gpointer
parse_ticker (KopirExchangeClient  *self,
              JsonNode             *root,
              GError              **error)
{
  JsonObject *object = kopir_json_get_object (root);
  const char *symbol = kopir_json_object_string (object, "symbol");
  KopirDecimal last, bid, ask, change, high, low;
  g_autoptr(KopirMarket) market = NULL;

  if (symbol == NULL || !kopir_json_object_decimal (object, "lastPrice", &last))
    {
      g_propagate_error (error, invalid_response ("not a ticker"));
      return NULL;
    }

  market = kopir_market_new (symbol);
  kopir_market_set_price (market, &last);
  if (kopir_json_object_decimal (object, "bidPrice", &bid) &&
      kopir_json_object_decimal (object, "askPrice", &ask))
    kopir_market_set_book (market, &bid, &ask);
  if (kopir_json_object_decimal (object, "priceChangePercent", &change) &&
      kopir_json_object_decimal (object, "highPrice", &high) &&
      kopir_json_object_decimal (object, "lowPrice", &low))
    kopir_market_set_day_stats (market, &change, &high, &low);

  return g_steal_pointer (&market);
}

/**
 * kopir_exchange_client_get_ticker_async:
 * @self: a #KopirExchangeClient
 * @symbol: a market
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * The last price, best bid and ask and the day's change (/ticker/24hr).
 */
void
kopir_exchange_client_get_ticker_async (KopirExchangeClient *self,
                                        const char          *symbol,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  const char *params[] = { "symbol", symbol, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL);

  call (self, "GET", "/api/v3/ticker/24hr", params, KOPIR_REQUEST_SAFE,
        parse_ticker, g_object_unref,
        kopir_exchange_client_get_ticker_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_ticker_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a new #KopirMarket
 */
KopirMarket *
kopir_exchange_client_get_ticker_finish (KopirExchangeClient  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_ticker_async, error);
}

static gpointer
parse_book_ticker (KopirExchangeClient  *self,
                   JsonNode             *root,
                   GError              **error)
{
  JsonObject *object = kopir_json_get_object (root);
  const char *symbol = kopir_json_object_string (object, "symbol");
  KopirDecimal bid, ask;
  KopirMarket *market;

  if (symbol == NULL ||
      !kopir_json_object_decimal (object, "bidPrice", &bid) ||
      !kopir_json_object_decimal (object, "askPrice", &ask))
    {
      g_propagate_error (error, invalid_response ("not a book ticker"));
      return NULL;
    }

  market = kopir_market_new (symbol);
  kopir_market_set_book (market, &bid, &ask);

  return market;
}

void
kopir_exchange_client_get_book_ticker_async (KopirExchangeClient *self,
                                             const char          *symbol,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  const char *params[] = { "symbol", symbol, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL);

  call (self, "GET", "/api/v3/ticker/bookTicker", params, KOPIR_REQUEST_SAFE,
        parse_book_ticker, g_object_unref,
        kopir_exchange_client_get_book_ticker_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_book_ticker_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a new #KopirMarket with the best bid and ask
 */
KopirMarket *
kopir_exchange_client_get_book_ticker_finish (KopirExchangeClient  *self,
                                              GAsyncResult         *result,
                                              GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_book_ticker_async, error);
}

static gpointer
parse_price (KopirExchangeClient  *self,
             JsonNode             *root,
             GError              **error)
{
  KopirDecimal price;

  if (!kopir_json_object_decimal (kopir_json_get_object (root), "price", &price))
    {
      g_propagate_error (error, invalid_response ("not a price"));
      return NULL;
    }

  return g_memdup2 (&price, sizeof price);
}

void
kopir_exchange_client_get_price_async (KopirExchangeClient *self,
                                       const char          *symbol,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  const char *params[] = { "symbol", symbol, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL);

  call (self, "GET", "/api/v3/ticker/price", params, KOPIR_REQUEST_SAFE,
        parse_price, g_free,
        kopir_exchange_client_get_price_async, cancellable, callback, user_data);
}

gboolean
kopir_exchange_client_get_price_finish (KopirExchangeClient  *self,
                                        GAsyncResult         *result,
                                        KopirDecimal         *price,
                                        GError              **error)
{
  g_autofree KopirDecimal *value = NULL;

  value = finish_pointer (self, result, kopir_exchange_client_get_price_async, error);
  if (value == NULL)
    return FALSE;

  if (price != NULL)
    *price = *value;

  return TRUE;
}

static gboolean
parse_levels (KopirOrderBook *book,
              KopirBookSide   side,
              JsonObject     *object,
              const char     *member)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *levels = kopir_json_get_array (node);

  if (levels == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (levels); i++)
    {
      JsonArray *level = kopir_json_get_array (json_array_get_element (levels, i));
      KopirDecimal price, qty;

      if (!kopir_json_array_decimal (level, 0, &price) ||
          !kopir_json_array_decimal (level, 1, &qty) ||
          !kopir_order_book_add (book, side, &price, &qty))
        return FALSE;
    }

  return TRUE;
}

static gpointer
parse_depth (KopirExchangeClient  *self,
             JsonNode             *root,
             GError              **error)
{
  JsonObject *object = kopir_json_get_object (root);
  g_autoptr(KopirOrderBook) book = kopir_order_book_new ();

  if (object == NULL ||
      !parse_levels (book, KOPIR_BOOK_SIDE_BIDS, object, "bids") ||
      !parse_levels (book, KOPIR_BOOK_SIDE_ASKS, object, "asks"))
    {
      g_propagate_error (error, invalid_response ("not an order book"));
      return NULL;
    }

  return g_steal_pointer (&book);
}

void
kopir_exchange_client_get_depth_async (KopirExchangeClient *self,
                                       const char          *symbol,
                                       guint                limit,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *limit_str = g_strdup_printf ("%u", limit > 0 ? limit : 100);
  const char *params[] = { "symbol", symbol, "limit", limit_str, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL);

  call (self, "GET", "/api/v3/depth", params, KOPIR_REQUEST_SAFE,
        parse_depth, (GDestroyNotify) kopir_order_book_free,
        kopir_exchange_client_get_depth_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_depth_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the order book, for kopir_quote_market_buy()
 */
KopirOrderBook *
kopir_exchange_client_get_depth_finish (KopirExchangeClient  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_depth_async, error);
}

static gpointer
parse_klines (KopirExchangeClient  *self,
              JsonNode             *root,
              GError              **error)
{
  JsonArray *rows = kopir_json_get_array (root);
  g_autoptr(GArray) klines = g_array_new (FALSE, TRUE, sizeof (KopirKline));

  if (rows == NULL)
    goto invalid;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = kopir_json_get_array (json_array_get_element (rows, i));
      KopirKline kline;

      if (!kopir_json_array_int (row, 0, &kline.open_time) ||
          !kopir_json_array_decimal (row, 1, &kline.open) ||
          !kopir_json_array_decimal (row, 2, &kline.high) ||
          !kopir_json_array_decimal (row, 3, &kline.low) ||
          !kopir_json_array_decimal (row, 4, &kline.close) ||
          !kopir_json_array_decimal (row, 5, &kline.volume) ||
          !kopir_json_array_int (row, 6, &kline.close_time))
        goto invalid;

      g_array_append_val (klines, kline);
    }

  return g_steal_pointer (&klines);

invalid:
  g_propagate_error (error, invalid_response ("not klines"));
  return NULL;
}

void
kopir_exchange_client_get_klines_async (KopirExchangeClient *self,
                                        const char          *symbol,
                                        const char          *interval,
                                        guint                limit,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *limit_str = g_strdup_printf ("%u", limit > 0 ? limit : 100);
  const char *params[] = { "symbol", symbol, "interval", interval, "limit", limit_str, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL);
  g_return_if_fail (interval != NULL);

  call (self, "GET", "/api/v3/klines", params, KOPIR_REQUEST_SAFE,
        parse_klines, (GDestroyNotify) g_array_unref,
        kopir_exchange_client_get_klines_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_klines_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type KopirKline): the candles, oldest
 *   first
 */
GArray *
kopir_exchange_client_get_klines_finish (KopirExchangeClient  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_klines_async, error);
}

/* Orders */

static gpointer
parse_order (KopirExchangeClient  *self,
             JsonNode             *root,
             GError              **error)
{
  JsonObject *object = kopir_json_get_object (root);

  if (object == NULL)
    {
      g_propagate_error (error, invalid_response ("not an order"));
      return NULL;
    }

  return kopir_order_new_from_json (object, error);
}

static gpointer
parse_orders (KopirExchangeClient  *self,
              JsonNode             *root,
              GError              **error)
{
  JsonArray *array = kopir_json_get_array (root);
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    {
      g_propagate_error (error, invalid_response ("not a list of orders"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      KopirOrder *order = parse_order (self, json_array_get_element (array, i), error);

      if (order == NULL)
        return NULL;
      g_ptr_array_add (orders, order);
    }

  return g_steal_pointer (&orders);
}

/* Checks and rounds an order against the market's rules. Rounding goes in
 * the customer's favour: a buyer's limit price down to the tick, any
 * quantity down to the step, so nothing is spent beyond what was asked. */
static gboolean
prepare_order (const KopirSymbolFilters  *filters,
               const KopirOrderRequest   *request,
               KopirDecimal              *price,
               KopirDecimal              *quantity,
               GError                   **error)
{
  gboolean market = g_strcmp0 (request->type, "MARKET") == 0;
  gboolean buy = g_strcmp0 (request->side, "BUY") == 0;
  GError *local_error = NULL;

  *price = request->price;
  *quantity = request->quantity;

  if (market && kopir_decimal_is_positive (&request->quote_order_qty))
    {
      if (!kopir_symbol_filters_check_notional (filters, &request->quote_order_qty, TRUE,
                                                &local_error))
        {
          g_propagate_error (error, kopir_exchange_error_new_from_filter (local_error));
          return FALSE;
        }
      return TRUE;
    }

  if (!kopir_symbol_filters_round_quantity (filters, &request->quantity, market,
                                            KOPIR_ROUNDING_DOWN, quantity))
    *quantity = request->quantity;

  if (!market &&
      !kopir_symbol_filters_round_price (filters, &request->price,
                                         buy ? KOPIR_ROUNDING_DOWN : KOPIR_ROUNDING_UP, price))
    *price = request->price;

  if (!kopir_symbol_filters_check_order (filters, market ? NULL : price, quantity, market,
                                         &local_error))
    {
      g_propagate_error (error, kopir_exchange_error_new_from_filter (local_error));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char              *symbol;
  char              *side;
  char              *type;
  char              *time_in_force;
  char              *client_order_id;
  KopirDecimal       quote_order_qty;
  KopirDecimal       quantity;
  KopirDecimal       price;
  gboolean           test;
} PlaceData;

static void
place_data_free (PlaceData *data)
{
  g_free (data->symbol);
  g_free (data->side);
  g_free (data->type);
  g_free (data->time_in_force);
  g_free (data->client_order_id);
  g_free (data);
}

static void
place_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KopirExchangeClient *self = KOPIR_EXCHANGE_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  KopirOrder *order;

  order = g_task_propagate_pointer (G_TASK (result), &error);
  if (order == NULL)
    g_task_return_error (task, error);
  else if (((PlaceData *) g_task_get_task_data (task))->test)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, order, g_object_unref);

  (void) self;
}

static void
place_send (GTask *task)
{
  KopirExchangeClient *self = g_task_get_source_object (task);
  PlaceData *data = g_task_get_task_data (task);
  const KopirSymbolFilters *filters = g_hash_table_lookup (self->filters, data->symbol);
  KopirOrderRequest request = {
    data->symbol, data->side, data->type, data->quote_order_qty, data->quantity,
    data->price, data->time_in_force, data->client_order_id,
  };
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  KopirDecimal price, quantity;
  GError *error = NULL;

  if (filters == NULL)
    {
      g_task_return_error (task, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL,
                                                           -1121, data->symbol, 0, 0, NULL));
      g_object_unref (task);
      return;
    }

  if (!prepare_order (filters, &request, &price, &quantity, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

#define ADD(k, v) G_STMT_START { g_ptr_array_add (params, g_strdup (k)); g_ptr_array_add (params, (v)); } G_STMT_END
  ADD ("symbol", g_strdup (data->symbol));
  ADD ("side", g_strdup (data->side));
  ADD ("type", g_strdup (data->type));
  if (g_strcmp0 (data->type, "MARKET") == 0 && kopir_decimal_is_positive (&data->quote_order_qty))
    ADD ("quoteOrderQty", kopir_decimal_dup_string (&data->quote_order_qty));
  else
    ADD ("quantity", kopir_decimal_dup_string (&quantity));
  if (g_strcmp0 (data->type, "LIMIT") == 0)
    {
      ADD ("price", kopir_decimal_dup_string (&price));
      ADD ("timeInForce", g_strdup (data->time_in_force != NULL ? data->time_in_force : "GTC"));
    }
  ADD ("newClientOrderId", g_strdup (data->client_order_id));
  if (!data->test)
    ADD ("newOrderRespType", g_strdup ("FULL"));
#undef ADD
  g_ptr_array_add (params, NULL);

  if (data->test)
    {
      /* A test order has no effect: safe to repeat. */
      call (self, "POST", "/api/v3/order/test", (const char * const *) params->pdata,
            KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_SAFE, parse_empty, NULL, place_send,
            g_task_get_cancellable (task), place_sent_cb, task);
      return;
    }

  g_debug ("Placing %s %s %s as %s", data->side, data->type, data->symbol, data->client_order_id);

  /* Not safe: sent once, whatever happens. */
  call (self, "POST", "/api/v3/order", (const char * const *) params->pdata, KOPIR_REQUEST_SIGNED,
        parse_order, g_object_unref, place_send, g_task_get_cancellable (task),
        place_sent_cb, task);
}

static void
place_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KopirExchangeClient *self = KOPIR_EXCHANGE_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) info = NULL;
  GError *error = NULL;

  info = kopir_exchange_client_get_exchange_info_finish (self, result, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  place_send (g_steal_pointer (&task));
}

/**
 * kopir_exchange_client_place_order_async:
 * @self: a #KopirExchangeClient
 * @request: the order; its client order id must already be recorded
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the exchange's answer
 * @user_data: data for @callback
 *
 * Checks the order against the market's filters (loading them first if
 * needed), then sends it once. Use #KopirPurchaseManager for purchases:
 * it records the intent first and resolves an unknown outcome.
 */
static void
place (KopirExchangeClient     *self,
       const KopirOrderRequest *request,
       gboolean                 test,
       gpointer                 source_tag,
       GCancellable            *cancellable,
       GAsyncReadyCallback      callback,
       gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  PlaceData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (PlaceData, 1);
  data->symbol = g_strdup (request->symbol);
  data->side = g_strdup (request->side);
  data->type = g_strdup (request->type);
  data->time_in_force = g_strdup (request->time_in_force);
  data->client_order_id = g_strdup (request->client_order_id);
  data->quote_order_qty = request->quote_order_qty;
  data->quantity = request->quantity;
  data->price = request->price;
  data->test = test;
  g_task_set_task_data (task, data, (GDestroyNotify) place_data_free);

  if (g_hash_table_lookup (self->filters, request->symbol) == NULL)
    kopir_exchange_client_get_exchange_info_async (self, cancellable, place_info_cb,
                                                   g_steal_pointer (&task));
  else
    place_send (g_steal_pointer (&task));
}

void
kopir_exchange_client_place_order_async (KopirExchangeClient     *self,
                                         const KopirOrderRequest *request,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (request->symbol != NULL && request->side != NULL && request->type != NULL);
  g_return_if_fail (request->client_order_id != NULL);

  place (self, request, FALSE, kopir_exchange_client_place_order_async,
         cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_place_order_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError; see
 *   kopir_exchange_error_is_unknown_outcome()
 *
 * Returns: (transfer full): the order as the exchange took it
 */
KopirOrder *
kopir_exchange_client_place_order_finish (KopirExchangeClient  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_place_order_async, error);
}

/**
 * kopir_exchange_client_test_order_async:
 * @self: a #KopirExchangeClient
 * @request: the order, as it would be placed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the exchange's verdict
 * @user_data: data for @callback
 *
 * Has the exchange check an order (POST /api/v3/order/test) without
 * placing it: the same checks and errors as placing, and no effect.
 */
void
kopir_exchange_client_test_order_async (KopirExchangeClient     *self,
                                        const KopirOrderRequest *request,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (request->symbol != NULL && request->side != NULL && request->type != NULL);
  g_return_if_fail (request->client_order_id != NULL);

  place (self, request, TRUE, kopir_exchange_client_test_order_async,
         cancellable, callback, user_data);
}

gboolean
kopir_exchange_client_test_order_finish (KopirExchangeClient  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kopir_exchange_client_test_order_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kopir_exchange_client_query_order_async:
 * @self: a #KopirExchangeClient
 * @symbol: the market
 * @client_order_id: the id Kopir gave the order
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks the exchange about an order (GET /api/v3/order by
 * origClientOrderId); %KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER if it has none.
 */
void
kopir_exchange_client_query_order_async (KopirExchangeClient *self,
                                         const char          *symbol,
                                         const char          *client_order_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  const char *params[] = { "symbol", symbol, "origClientOrderId", client_order_id, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL && client_order_id != NULL);

  call (self, "GET", "/api/v3/order", params, KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_SAFE,
        parse_order, g_object_unref,
        kopir_exchange_client_query_order_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_query_order_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the order
 */
KopirOrder *
kopir_exchange_client_query_order_finish (KopirExchangeClient  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_query_order_async, error);
}

void
kopir_exchange_client_cancel_order_async (KopirExchangeClient *self,
                                          const char          *symbol,
                                          const char          *client_order_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  const char *params[] = { "symbol", symbol, "origClientOrderId", client_order_id, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL && client_order_id != NULL);

  /* Cancelling twice cancels once; the second answer is "no such order". */
  call (self, "DELETE", "/api/v3/order", params, KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_SAFE,
        parse_order, g_object_unref,
        kopir_exchange_client_cancel_order_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_cancel_order_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the cancelled order
 */
KopirOrder *
kopir_exchange_client_cancel_order_finish (KopirExchangeClient  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_cancel_order_async, error);
}

void
kopir_exchange_client_get_open_orders_async (KopirExchangeClient *self,
                                             const char          *symbol,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  const char *params[] = { "symbol", symbol, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));

  call (self, "GET", "/api/v3/openOrders", symbol != NULL ? params : NULL,
        KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_SAFE, parse_orders,
        (GDestroyNotify) g_ptr_array_unref,
        kopir_exchange_client_get_open_orders_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_open_orders_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type KopirOrder): open orders
 */
GPtrArray *
kopir_exchange_client_get_open_orders_finish (KopirExchangeClient  *self,
                                              GAsyncResult         *result,
                                              GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_open_orders_async, error);
}

void
kopir_exchange_client_get_all_orders_async (KopirExchangeClient *self,
                                            const char          *symbol,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  const char *params[] = { "symbol", symbol, "limit", "1000", NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL);

  call (self, "GET", "/api/v3/allOrders", params, KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_SAFE,
        parse_orders, (GDestroyNotify) g_ptr_array_unref,
        kopir_exchange_client_get_all_orders_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_all_orders_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type KopirOrder): the market's
 *   orders, oldest first
 */
GPtrArray *
kopir_exchange_client_get_all_orders_finish (KopirExchangeClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_all_orders_async, error);
}

/* Account */

static gpointer
parse_account (KopirExchangeClient  *self,
               JsonNode             *root,
               GError              **error)
{
  return kopir_account_new_from_json (kopir_json_get_object (root), error);
}

void
kopir_exchange_client_get_account_async (KopirExchangeClient *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));

  call (self, "GET", "/api/v3/account", NULL, KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_SAFE,
        parse_account, g_object_unref,
        kopir_exchange_client_get_account_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_account_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the account and its balances
 */
KopirAccount *
kopir_exchange_client_get_account_finish (KopirExchangeClient  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_account_async, error);
}

static gpointer
parse_trades (KopirExchangeClient  *self,
              JsonNode             *root,
              GError              **error)
{
  JsonArray *array = kopir_json_get_array (root);
  g_autoptr(GPtrArray) trades = g_ptr_array_new_with_free_func (g_object_unref);

  if (array == NULL)
    {
      g_propagate_error (error, invalid_response ("not a list of trades"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      KopirTrade *trade = kopir_trade_new_from_json (kopir_json_get_object (json_array_get_element (array, i)),
                                                     error);

      if (trade == NULL)
        return NULL;
      g_ptr_array_add (trades, trade);
    }

  return g_steal_pointer (&trades);
}

void
kopir_exchange_client_get_my_trades_async (KopirExchangeClient *self,
                                           const char          *symbol,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  const char *params[] = { "symbol", symbol, "limit", "1000", NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL);

  call (self, "GET", "/api/v3/myTrades", params, KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_SAFE,
        parse_trades, (GDestroyNotify) g_ptr_array_unref,
        kopir_exchange_client_get_my_trades_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_my_trades_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type KopirTrade): the fills
 */
GPtrArray *
kopir_exchange_client_get_my_trades_finish (KopirExchangeClient  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_my_trades_async, error);
}

void
kopir_exchange_client_get_order_trades_async (KopirExchangeClient *self,
                                              const char          *symbol,
                                              gint64               order_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autofree char *order_id_str = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  const char *params[] = { "symbol", symbol, "orderId", order_id_str, NULL };

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (self));
  g_return_if_fail (symbol != NULL);

  call (self, "GET", "/api/v3/myTrades", params, KOPIR_REQUEST_SIGNED | KOPIR_REQUEST_SAFE,
        parse_trades, (GDestroyNotify) g_ptr_array_unref,
        kopir_exchange_client_get_order_trades_async, cancellable, callback, user_data);
}

/**
 * kopir_exchange_client_get_order_trades_finish:
 * @self: a #KopirExchangeClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type KopirTrade): the fills of
 *   one order
 */
GPtrArray *
kopir_exchange_client_get_order_trades_finish (KopirExchangeClient  *self,
                                               GAsyncResult         *result,
                                               GError              **error)
{
  return finish_pointer (self, result, kopir_exchange_client_get_order_trades_async, error);
}
