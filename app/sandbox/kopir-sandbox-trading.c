/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-trading.c: the Binance Spot REST v3 dialect.
 *
 * Public market data, signed orders and account queries, with the real
 * error codes and messages, request weights, a matching engine that fills
 * market orders through the synthetic book and resting limit orders when
 * the price crosses, a 0.1% fee taken from what the customer receives, and
 * the pilot's monthly purchase limit.
 */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>

#include "kopir-pilot-limit.h"
#include "kopir-sandbox-server-private.h"

#define OUT_SCALE 8
#define MAX_FILLS 64

static const char decimal_range[] = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";

typedef struct
{
  gint64                    id;
  gint64                    customer_id;
  const KopirSandboxSymbol *symbol;
  char                      client_order_id[40];
  gboolean                  buy;
  char                      type[16];
  char                      tif[8];
  KopirDecimal              price;
  KopirDecimal              orig_qty;
  KopirDecimal              orig_quote_qty;
  KopirDecimal              executed_qty;
  KopirDecimal              cumm_quote;
  char                      status[24];
  char                      locked_asset[8];
  KopirDecimal              locked;
  gint64                    time;
  gint64                    update_time;
  gint64                    working_time;
} Order;

typedef struct
{
  KopirDecimal price;
  KopirDecimal qty;
  KopirDecimal commission;
  const char  *commission_asset;
  gint64       trade_id;
  guint        level;
  gboolean     from_book;
} Fill;

typedef enum
{
  RESP_ACK,
  RESP_RESULT,
  RESP_FULL,
} RespType;

static const KopirDecimal zero = { 0, 0 };
static const KopirDecimal fee_rate = { 1, 3 };       /* 0.001 */

/* Parameters. */

static const char *
param (Request    *req,
       const char *name)
{
  const char *value = kopir_sandbox_params_get (req->params, name);

  return (value != NULL && value[0] != '\0') ? value : NULL;
}

static gboolean
require_param (Request     *req,
               const char  *name,
               const char **out)
{
  *out = param (req, name);
  if (*out == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("Mandatory parameter '%s' was not sent, was empty/null, or malformed.", name);

      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1102, msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
not_required (Request    *req,
              const char *name)
{
  if (kopir_sandbox_params_has (req->params, name))
    {
      g_autofree char *msg = g_strdup_printf ("Parameter '%s' sent when not required.", name);

      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1106, msg);
      return FALSE;
    }
  return TRUE;
}

/* Refuses parameters the endpoint does not read, as the exchange does. */
static gboolean
only_params (Request            *req,
             const char * const *allowed)
{
  guint n = kopir_sandbox_params_count (req->params);
  guint read = 0;

  for (guint i = 0; i < n; i++)
    if (g_strv_contains (allowed, kopir_sandbox_params_name_at (req->params, i)) ||
        strcmp (kopir_sandbox_params_name_at (req->params, i), "signature") == 0 ||
        strcmp (kopir_sandbox_params_name_at (req->params, i), "timestamp") == 0 ||
        strcmp (kopir_sandbox_params_name_at (req->params, i), "recvWindow") == 0)
      read++;

  if (read != n)
    {
      g_autofree char *msg = g_strdup_printf ("Not all sent parameters were read; read '%u' parameter(s) but was sent '%u'.",
                                              read, n);

      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1104, msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decimal_param (Request      *req,
               const char   *name,
               KopirDecimal *out)
{
  const char *text = param (req, name);
  const char *dot;

  if (!kopir_sandbox_is_decimal_string (text))
    {
      g_autofree char *msg = g_strdup_printf ("Illegal characters found in parameter '%s'; legal range is '%s'.",
                                              name, decimal_range);

      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1100, msg);
      return FALSE;
    }
  dot = strchr (text, '.');
  if ((dot != NULL && strlen (dot + 1) > OUT_SCALE && strspn (dot + 1 + OUT_SCALE, "0") != strlen (dot + 1 + OUT_SCALE)) ||
      !kopir_decimal_parse (text, out, NULL))
    {
      g_autofree char *msg = g_strdup_printf ("Parameter '%s' has too much precision.", name);

      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1111, msg);
      return FALSE;
    }
  kopir_decimal_normalize (out, out);
  return TRUE;
}

static gboolean
int_param (Request    *req,
           const char *name,
           gint64      min,
           gint64      max,
           gint64      fallback,
           gint64     *out)
{
  const char *text = param (req, name);

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!kopir_sandbox_parse_int64 (text, min, max, out))
    {
      g_autofree char *msg = g_strdup_printf ("Illegal characters found in parameter '%s'; legal range is '^[0-9]{1,20}$'.", name);

      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1100, msg);
      return FALSE;
    }
  return TRUE;
}

static const KopirSandboxSymbol *
symbol_param (KopirSandboxServer *self,
              Request            *req,
              gboolean            required)
{
  const char *name = param (req, "symbol");
  const KopirSandboxSymbol *symbol;

  if (name == NULL)
    {
      if (required)
        require_param (req, "symbol", &name);
      return NULL;
    }
  symbol = kopir_sandbox_market_lookup (self->market, name);
  if (symbol == NULL)
    respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1121, "Invalid symbol.");

  return symbol;
}

/* `symbols=["BTCKZT","ETHKZT"]`: the list form of several endpoints.
 * Returns NULL (answered) on a malformed or unknown list. */
static GPtrArray *
symbols_param (KopirSandboxServer *self,
               Request            *req)
{
  const char *text = param (req, "symbols");
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  JsonNode *root;
  JsonArray *array;

  parser = json_parser_new_immutable ();
  if (strlen (text) > 4096 || !json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1100,
                             "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const KopirSandboxSymbol *symbol = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        symbol = kopir_sandbox_market_lookup (self->market, json_node_get_string (node));
      if (symbol == NULL)
        {
          respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1121, "Invalid symbol.");
          return NULL;
        }
      g_ptr_array_add (out, (gpointer) symbol);
    }

  return g_steal_pointer (&out);
}

/* Which pairs a market-data request is about: one, a list, or all. */
static GPtrArray *
selected_symbols (KopirSandboxServer *self,
                  Request            *req,
                  gboolean           *single)
{
  g_autoptr(GPtrArray) out = NULL;

  *single = FALSE;
  if (param (req, "symbol") != NULL && param (req, "symbols") != NULL)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1128, "Combination of optional parameters invalid.");
      return NULL;
    }
  if (param (req, "symbol") != NULL)
    {
      const KopirSandboxSymbol *symbol = symbol_param (self, req, TRUE);

      if (symbol == NULL)
        return NULL;
      out = g_ptr_array_new ();
      g_ptr_array_add (out, (gpointer) symbol);
      *single = TRUE;
      return g_steal_pointer (&out);
    }
  if (param (req, "symbols") != NULL)
    return symbols_param (self, req);

  out = g_ptr_array_new ();
  for (guint i = 0; i < kopir_sandbox_market_n_symbols (self->market); i++)
    g_ptr_array_add (out, (gpointer) kopir_sandbox_market_symbol_at (self->market, i));
  return g_steal_pointer (&out);
}

/* Orders in the store. */

static void
order_from_row (KopirSandboxServer *self,
                sqlite3_stmt       *stmt,
                Order              *order)
{
  memset (order, 0, sizeof *order);
  order->id = sqlite3_column_int64 (stmt, 0);
  order->customer_id = sqlite3_column_int64 (stmt, 1);
  order->symbol = kopir_sandbox_market_lookup (self->market, kopir_sandbox_column_text (stmt, 2));
  g_strlcpy (order->client_order_id, kopir_sandbox_column_text (stmt, 3), sizeof order->client_order_id);
  order->buy = strcmp (kopir_sandbox_column_text (stmt, 4), "BUY") == 0;
  g_strlcpy (order->type, kopir_sandbox_column_text (stmt, 5), sizeof order->type);
  g_strlcpy (order->tif, kopir_sandbox_column_text (stmt, 6), sizeof order->tif);
  order->price = kopir_sandbox_column_decimal (stmt, 7);
  order->orig_qty = kopir_sandbox_column_decimal (stmt, 8);
  order->orig_quote_qty = kopir_sandbox_column_decimal (stmt, 9);
  order->executed_qty = kopir_sandbox_column_decimal (stmt, 10);
  order->cumm_quote = kopir_sandbox_column_decimal (stmt, 11);
  g_strlcpy (order->status, kopir_sandbox_column_text (stmt, 12), sizeof order->status);
  g_strlcpy (order->locked_asset, kopir_sandbox_column_text (stmt, 13), sizeof order->locked_asset);
  order->locked = kopir_sandbox_column_decimal (stmt, 14);
  order->time = sqlite3_column_int64 (stmt, 15);
  order->update_time = sqlite3_column_int64 (stmt, 16);
  order->working_time = sqlite3_column_int64 (stmt, 17);
  g_assert (order->symbol != NULL);
}

#define ORDER_COLUMNS "id, customer_id, symbol, client_order_id, side, type, tif, price, orig_qty, " \
                      "orig_quote_qty, executed_qty, cumm_quote, status, locked_asset, locked_amount, " \
                      "time, update_time, working_time"

static void
order_save (KopirSandboxServer *self,
            const Order        *order)
{
  sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store,
                                                    "INSERT OR REPLACE INTO orders (" ORDER_COLUMNS ") "
                                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_int64 (stmt, 1, order->id);
  sqlite3_bind_int64 (stmt, 2, order->customer_id);
  sqlite3_bind_text (stmt, 3, order->symbol->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, order->client_order_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, order->buy ? "BUY" : "SELL", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, order->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, order->tif, -1, SQLITE_STATIC);
  kopir_sandbox_bind_decimal (stmt, 8, &order->price);
  kopir_sandbox_bind_decimal (stmt, 9, &order->orig_qty);
  kopir_sandbox_bind_decimal (stmt, 10, &order->orig_quote_qty);
  kopir_sandbox_bind_decimal (stmt, 11, &order->executed_qty);
  kopir_sandbox_bind_decimal (stmt, 12, &order->cumm_quote);
  sqlite3_bind_text (stmt, 13, order->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, order->locked_asset, -1, SQLITE_STATIC);
  kopir_sandbox_bind_decimal (stmt, 15, &order->locked);
  sqlite3_bind_int64 (stmt, 16, order->time);
  sqlite3_bind_int64 (stmt, 17, order->update_time);
  sqlite3_bind_int64 (stmt, 18, order->working_time);
  kopir_sandbox_store_step_done (self->store, stmt);
}

static gboolean
order_is_open (const Order *order)
{
  return strcmp (order->status, "NEW") == 0 || strcmp (order->status, "PARTIALLY_FILLED") == 0;
}

/* Finds the customer's order by orderId or, failing that, by client order
 * id (the most recent with that id). */
static gboolean
order_find (KopirSandboxServer       *self,
            gint64                    customer_id,
            const KopirSandboxSymbol *symbol,
            gint64                    order_id,
            const char               *client_order_id,
            Order                    *order)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if (order_id > 0)
    {
      stmt = kopir_sandbox_store_prepare (self->store,
                                          "SELECT " ORDER_COLUMNS " FROM orders WHERE id = ? AND customer_id = ? AND symbol = ?");
      sqlite3_bind_int64 (stmt, 1, order_id);
    }
  else
    {
      stmt = kopir_sandbox_store_prepare (self->store,
                                          "SELECT " ORDER_COLUMNS " FROM orders WHERE client_order_id = ? AND customer_id = ? "
                                          "AND symbol = ? ORDER BY id DESC LIMIT 1");
      sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 2, customer_id);
  sqlite3_bind_text (stmt, 3, symbol->name, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      order_from_row (self, stmt, order);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

/* Output. */

static void
write_order_common (KopirSandboxJson *w,
                    const Order      *order)
{
  kopir_sandbox_json_kv_decimal (w, "price", &order->price, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "origQty", &order->orig_qty, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "executedQty", &order->executed_qty, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "origQuoteOrderQty", &order->orig_quote_qty, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "cummulativeQuoteQty", &order->cumm_quote, OUT_SCALE);
  kopir_sandbox_json_kv_string (w, "status", order->status);
  kopir_sandbox_json_kv_string (w, "timeInForce", order->tif);
  kopir_sandbox_json_kv_string (w, "type", order->type);
  kopir_sandbox_json_kv_string (w, "side", order->buy ? "BUY" : "SELL");
}

/* The shape of GET /api/v3/order and of the lists of orders. */
static void
write_order (KopirSandboxJson *w,
             const Order      *order)
{
  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "symbol", order->symbol->name);
  kopir_sandbox_json_kv_int (w, "orderId", order->id);
  kopir_sandbox_json_kv_int (w, "orderListId", -1);
  kopir_sandbox_json_kv_string (w, "clientOrderId", order->client_order_id);
  write_order_common (w, order);
  kopir_sandbox_json_kv_decimal (w, "stopPrice", &zero, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "icebergQty", &zero, OUT_SCALE);
  kopir_sandbox_json_kv_int (w, "time", order->time);
  kopir_sandbox_json_kv_int (w, "updateTime", order->update_time);
  kopir_sandbox_json_kv_bool (w, "isWorking", TRUE);
  kopir_sandbox_json_kv_int (w, "workingTime", order->working_time);
  kopir_sandbox_json_kv_string (w, "selfTradePreventionMode", "NONE");
  kopir_sandbox_json_end_object (w);
}

static void
write_new_order (KopirSandboxJson *w,
                 const Order      *order,
                 RespType          resp,
                 const Fill       *fills,
                 guint             n_fills)
{
  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "symbol", order->symbol->name);
  kopir_sandbox_json_kv_int (w, "orderId", order->id);
  kopir_sandbox_json_kv_int (w, "orderListId", -1);
  kopir_sandbox_json_kv_string (w, "clientOrderId", order->client_order_id);
  kopir_sandbox_json_kv_int (w, "transactTime", order->update_time);
  if (resp != RESP_ACK)
    {
      write_order_common (w, order);
      kopir_sandbox_json_kv_int (w, "workingTime", order->working_time);
      kopir_sandbox_json_kv_string (w, "selfTradePreventionMode", "NONE");
    }
  if (resp == RESP_FULL)
    {
      kopir_sandbox_json_key (w, "fills");
      kopir_sandbox_json_begin_array (w);
      for (guint i = 0; i < n_fills; i++)
        {
          kopir_sandbox_json_begin_object (w);
          kopir_sandbox_json_kv_decimal (w, "price", &fills[i].price, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (w, "qty", &fills[i].qty, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (w, "commission", &fills[i].commission, OUT_SCALE);
          kopir_sandbox_json_kv_string (w, "commissionAsset", fills[i].commission_asset);
          kopir_sandbox_json_kv_int (w, "tradeId", fills[i].trade_id);
          kopir_sandbox_json_end_object (w);
        }
      kopir_sandbox_json_end_array (w);
    }
  kopir_sandbox_json_end_object (w);
}

/* The pilot limit, by core's rules: purchases of this calendar month in
 * Kazakhstan, valued in US dollars at the USDT/KZT price of each fill, plus
 * the tenge still locked by open buy orders, valued at today's price. */

void
pilot_period (gint64  now,
              char   *month,
              gint64 *resets_at)
{
  g_autoptr(GTimeZone) tz = kopir_pilot_get_timezone ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, tz);
  gint64 start_us, end_us;

  g_snprintf (month, 8, "%04d-%02d", g_date_time_get_year (local), g_date_time_get_month (local));
  kopir_pilot_month_bounds (now * 1000, &start_us, &end_us);
  if (resets_at != NULL)
    *resets_at = end_us / 1000;
}

gboolean
pilot_is_limited (KopirSandboxServer *self,
                  gint64              customer_id)
{
  sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store, "SELECT knowledge_test FROM customers WHERE id = ?");
  KopirPilotCustomer customer = { TRUE, FALSE, FALSE };

  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    customer.knowledge_test_passed = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return kopir_pilot_customer_is_limited (&customer);
}

/**
 * pilot_compute:
 * @reserved_usd: (out) (optional): what open buy orders hold
 *
 * Returns: whether @limit was computed
 */
gboolean
pilot_compute (KopirSandboxServer *self,
               gint64              customer_id,
               KopirPilotLimit    *limit,
               KopirDecimal       *reserved_usd)
{
  g_autoptr(GArray) activities = g_array_new (FALSE, TRUE, sizeof (KopirPilotActivity));
  KopirPilotCustomer customer = { TRUE, FALSE, !pilot_is_limited (self, customer_id) };
  KopirDecimal locked_kzt = zero, rate, reserved = zero;
  gint64 now = server_now (self);
  gint64 start_us, end_us;
  sqlite3_stmt *stmt;

  kopir_pilot_month_bounds (now * 1000, &start_us, &end_us);
  usdt_rate (self, &rate);

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT usd_value, time FROM trades WHERE customer_id = ? AND is_buyer = 1 "
                                      "AND time >= ? AND time < ?");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, start_us / 1000);
  sqlite3_bind_int64 (stmt, 3, end_us / 1000);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KopirPilotActivity a = { KOPIR_PILOT_ACTIVITY_PURCHASE, sqlite3_column_int64 (stmt, 1) * 1000,
                               kopir_sandbox_column_decimal (stmt, 0) };

      g_array_append_val (activities, a);
    }
  sqlite3_reset (stmt);

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT locked_amount FROM orders WHERE customer_id = ? AND side = 'BUY' "
                                      "AND status IN ('NEW', 'PARTIALLY_FILLED')");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KopirDecimal v = kopir_sandbox_column_decimal (stmt, 0);

      kopir_decimal_add (&locked_kzt, &v, &locked_kzt);
    }
  sqlite3_reset (stmt);

  if (kopir_decimal_is_positive (&locked_kzt) && kopir_pilot_kzt_to_usd (&locked_kzt, &rate, &reserved))
    {
      KopirPilotActivity a = { KOPIR_PILOT_ACTIVITY_PURCHASE, now * 1000, reserved };

      g_array_append_val (activities, a);
    }
  if (reserved_usd != NULL)
    *reserved_usd = reserved;

  return kopir_pilot_limit_compute (&customer, (const KopirPilotActivity *) (gpointer) activities->data,
                                    activities->len, now * 1000, &rate, limit, NULL);
}

static gboolean
pilot_allows (KopirSandboxServer *self,
              gint64              customer_id,
              const KopirDecimal *kzt)
{
  KopirPilotLimit limit;
  KopirDecimal rate, usd;

  if (!pilot_is_limited (self, customer_id))
    return TRUE;

  usdt_rate (self, &rate);
  if (!pilot_compute (self, customer_id, &limit, NULL) ||
      !kopir_pilot_kzt_to_usd (kzt, &rate, &usd))
    return FALSE;

  return kopir_pilot_limit_check_purchase (&limit, &usd, NULL);
}

/* Matching. */

static gboolean
fill_quote (const Fill   *fill,
            KopirDecimal *quote)
{
  return kopir_decimal_mul (&fill->price, &fill->qty, OUT_SCALE, KOPIR_ROUNDING_HALF_EVEN, quote);
}

/**
 * plan_fills:
 * @qty_limit: (nullable): the most base asset to trade
 * @quote_limit: (nullable): the most quote to spend (buy) or receive (sell)
 * @price_limit: (nullable): the worst price accepted
 *
 * Walks the synthetic book from the best level without changing it.
 *
 * Returns: the number of fills
 */
static guint
plan_fills (KopirSandboxServer       *self,
            const KopirSandboxSymbol *symbol,
            gboolean                  buy,
            const KopirDecimal       *qty_limit,
            const KopirDecimal       *quote_limit,
            const KopirDecimal       *price_limit,
            Fill                     *fills,
            KopirDecimal             *total_qty,
            KopirDecimal             *total_quote)
{
  KopirSandboxSide side = buy ? KOPIR_SANDBOX_SIDE_ASK : KOPIR_SANDBOX_SIDE_BID;
  guint n = 0;

  *total_qty = zero;
  *total_quote = zero;

  for (guint level = 0; level < KOPIR_SANDBOX_MARKET_LEVELS && n < MAX_FILLS; level++)
    {
      KopirDecimal price, available, take, quote;

      if (!kopir_sandbox_market_level (self->market, symbol, side, level, &price, &available))
        break;
      if (price_limit != NULL &&
          (buy ? kopir_decimal_compare (&price, price_limit) > 0 : kopir_decimal_compare (&price, price_limit) < 0))
        break;
      if (!kopir_decimal_is_positive (&available))
        continue;

      take = available;
      if (qty_limit != NULL)
        {
          KopirDecimal left;

          kopir_decimal_sub (qty_limit, total_qty, &left);
          take = *kopir_decimal_min (&take, &left);
        }
      if (quote_limit != NULL)
        {
          KopirDecimal left, affordable, stepped;

          kopir_decimal_sub (quote_limit, total_quote, &left);
          if (!kopir_decimal_div (&left, &price, OUT_SCALE, KOPIR_ROUNDING_DOWN, &affordable))
            break;
          kopir_decimal_floor_to_step (&affordable, &symbol->step_size, &stepped);
          take = *kopir_decimal_min (&take, &stepped);
        }
      if (!kopir_decimal_is_positive (&take))
        break;

      fills[n].price = price;
      fills[n].qty = take;
      fills[n].level = level;
      fills[n].from_book = TRUE;
      if (!fill_quote (&fills[n], &quote))
        break;
      kopir_decimal_add (total_qty, &take, total_qty);
      kopir_decimal_add (total_quote, &quote, total_quote);
      n++;

      if (qty_limit != NULL && kopir_decimal_compare (total_qty, qty_limit) >= 0)
        break;
    }

  return n;
}

/**
 * apply_fill:
 *
 * Settles one fill of @order: balances, the order's figures, a trade row,
 * the market's bar.  For a limit order, tenge or the asset come out of what
 * the order locked; for a market order, out of the free balance.  The fee is
 * 0.1% of what the customer receives.
 */
static void
apply_fill (KopirSandboxServer *self,
            Order              *order,
            Fill               *fill,
            gboolean            is_maker,
            gint64              now)
{
  const KopirSandboxSymbol *symbol = order->symbol;
  KopirDecimal quote, commission, received, neg, rate, usd = zero;
  sqlite3_stmt *stmt;
  gboolean from_locked = kopir_decimal_is_positive (&order->locked);
  char month[8];

  fill_quote (fill, &quote);

  if (order->buy)
    {
      kopir_decimal_mul (&fill->qty, &fee_rate, OUT_SCALE, KOPIR_ROUNDING_HALF_UP, &commission);
      kopir_decimal_sub (&fill->qty, &commission, &received);
      fill->commission_asset = symbol->base;

      if (from_locked)
        {
          /* The order locked its limit price; it pays the fill price and
           * the difference goes back to the free balance. */
          KopirDecimal reserved, refund, neg_reserved;

          kopir_decimal_mul (&order->price, &fill->qty, OUT_SCALE, KOPIR_ROUNDING_HALF_EVEN, &reserved);
          reserved = *kopir_decimal_min (&reserved, &order->locked);
          kopir_decimal_sub (&reserved, &quote, &refund);
          kopir_decimal_negate (&reserved, &neg_reserved);
          kopir_sandbox_store_adjust_balance (self->store, order->customer_id, symbol->quote, &refund, &neg_reserved);
          kopir_decimal_sub (&order->locked, &reserved, &order->locked);
        }
      else
        {
          kopir_decimal_negate (&quote, &neg);
          if (!kopir_sandbox_store_adjust_balance (self->store, order->customer_id, symbol->quote, &neg, NULL))
            g_error ("Balance check missed an overdraft");
        }
      kopir_sandbox_store_adjust_balance (self->store, order->customer_id, symbol->base, &received, NULL);

      usdt_rate (self, &rate);
      if (!kopir_pilot_kzt_to_usd (&quote, &rate, &usd))
        usd = zero;
    }
  else
    {
      kopir_decimal_mul (&quote, &fee_rate, OUT_SCALE, KOPIR_ROUNDING_HALF_UP, &commission);
      kopir_decimal_sub (&quote, &commission, &received);
      fill->commission_asset = symbol->quote;

      kopir_decimal_negate (&fill->qty, &neg);
      if (from_locked)
        {
          kopir_sandbox_store_adjust_balance (self->store, order->customer_id, symbol->base, NULL, &neg);
          kopir_decimal_sub (&order->locked, &fill->qty, &order->locked);
        }
      else if (!kopir_sandbox_store_adjust_balance (self->store, order->customer_id, symbol->base, &neg, NULL))
        {
          g_error ("Balance check missed an overdraft");
        }
      kopir_sandbox_store_adjust_balance (self->store, order->customer_id, symbol->quote, &received, NULL);
    }
  fill->commission = commission;

  kopir_decimal_add (&order->executed_qty, &fill->qty, &order->executed_qty);
  kopir_decimal_add (&order->cumm_quote, &quote, &order->cumm_quote);
  order->update_time = now;

  fill->trade_id = kopir_sandbox_store_next_id (self->store, "trade", 1);
  pilot_period (now, month, NULL);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "INSERT INTO trades (id, order_id, customer_id, symbol, price, qty, quote_qty, "
                                      "commission, commission_asset, time, is_buyer, is_maker, usd_value, month) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, fill->trade_id);
  sqlite3_bind_int64 (stmt, 2, order->id);
  sqlite3_bind_int64 (stmt, 3, order->customer_id);
  sqlite3_bind_text (stmt, 4, symbol->name, -1, SQLITE_STATIC);
  kopir_sandbox_bind_decimal (stmt, 5, &fill->price);
  kopir_sandbox_bind_decimal (stmt, 6, &fill->qty);
  kopir_sandbox_bind_decimal (stmt, 7, &quote);
  kopir_sandbox_bind_decimal (stmt, 8, &commission);
  sqlite3_bind_text (stmt, 9, fill->commission_asset, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, now);
  sqlite3_bind_int (stmt, 11, order->buy ? 1 : 0);
  sqlite3_bind_int (stmt, 12, is_maker ? 1 : 0);
  kopir_sandbox_bind_decimal (stmt, 13, &usd);
  sqlite3_bind_text (stmt, 14, month, -1, SQLITE_STATIC);
  kopir_sandbox_store_step_done (self->store, stmt);

  if (fill->from_book)
    kopir_sandbox_market_consume (self->market, symbol,
                                  order->buy ? KOPIR_SANDBOX_SIDE_ASK : KOPIR_SANDBOX_SIDE_BID,
                                  fill->level, &fill->qty);
  kopir_sandbox_market_record_trade (self->market, symbol, fill->trade_id, &fill->price, &fill->qty, order->buy);
}

/* Gives back what an order that stops working still locks. */
static void
release_locked (KopirSandboxServer *self,
                Order              *order)
{
  KopirDecimal neg;

  if (!kopir_decimal_is_positive (&order->locked))
    return;

  kopir_decimal_negate (&order->locked, &neg);
  kopir_sandbox_store_adjust_balance (self->store, order->customer_id, order->locked_asset, &order->locked, &neg);
  order->locked = zero;
}

static const char *
status_after_fills (const Order *order)
{
  if (kopir_decimal_is_zero (&order->executed_qty))
    return "NEW";
  if (kopir_decimal_compare (&order->executed_qty, &order->orig_qty) >= 0)
    return "FILLED";
  return "PARTIALLY_FILLED";
}

/**
 * trading_on_tick:
 *
 * After the prices moved, resting limit orders whose price the market
 * crossed are filled in full at their own price, as makers.
 */
void
trading_on_tick (KopirSandboxServer *self)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Order));
  sqlite3_stmt *stmt;
  gint64 now = server_now (self);

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT " ORDER_COLUMNS " FROM orders WHERE status IN ('NEW', 'PARTIALLY_FILLED')");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Order order;

      order_from_row (self, stmt, &order);
      g_array_append_val (open, order);
    }
  sqlite3_reset (stmt);

  if (open->len == 0)
    return;

  kopir_sandbox_store_begin (self->store);
  for (guint i = 0; i < open->len; i++)
    {
      Order *order = &g_array_index (open, Order, i);
      KopirDecimal best_price, best_qty;
      Fill fill = { { 0, }, };
      gboolean crossed;

      kopir_sandbox_market_best (self->market, order->symbol,
                                 order->buy ? KOPIR_SANDBOX_SIDE_ASK : KOPIR_SANDBOX_SIDE_BID,
                                 &best_price, &best_qty);
      crossed = order->buy ? kopir_decimal_compare (&best_price, &order->price) <= 0
                           : kopir_decimal_compare (&best_price, &order->price) >= 0;
      if (!crossed)
        continue;

      fill.price = order->price;
      kopir_decimal_sub (&order->orig_qty, &order->executed_qty, &fill.qty);
      fill.from_book = FALSE;
      apply_fill (self, order, &fill, TRUE, now);
      g_strlcpy (order->status, status_after_fills (order), sizeof order->status);
      if (strcmp (order->status, "FILLED") == 0)
        release_locked (self, order);
      order_save (self, order);
    }
  kopir_sandbox_store_commit (self->store);
}

/* POST /api/v3/order and /api/v3/order/test. */

static void
new_order (KopirSandboxServer *self,
           Request            *req,
           gboolean            test)
{
  static const char * const allowed[] = {
    "symbol", "side", "type", "timeInForce", "quantity", "quoteOrderQty", "price",
    "newClientOrderId", "strategyId", "strategyType", "newOrderRespType",
    "selfTradePreventionMode", "computeCommissionRates", NULL
  };
  const KopirSandboxSymbol *symbol;
  const char *side_text, *type, *tif = NULL, *client_id, *resp_text;
  gboolean buy, market, maker_only;
  gboolean has_qty, has_quote;
  KopirDecimal qty = zero, quote_qty = zero, price = zero, check;
  RespType resp = RESP_FULL;
  Fill fills[MAX_FILLS];
  guint n_fills = 0;
  KopirDecimal planned_qty, planned_quote, need, free_amount;
  Order order;
  g_autoptr(GString) out = NULL;
  KopirSandboxJson w;
  g_autofree char *generated_id = NULL;

  if (!check_signed (self, req) || !only_params (req, allowed))
    return;

  if ((symbol = symbol_param (self, req, TRUE)) == NULL ||
      !require_param (req, "side", &side_text) ||
      !require_param (req, "type", &type))
    return;

  if (strcmp (side_text, "BUY") == 0)
    buy = TRUE;
  else if (strcmp (side_text, "SELL") == 0)
    buy = FALSE;
  else
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1117, "Invalid side.");
      return;
    }

  market = strcmp (type, "MARKET") == 0;
  maker_only = strcmp (type, "LIMIT_MAKER") == 0;
  if (!market && !maker_only && strcmp (type, "LIMIT") != 0)
    {
      if (g_strv_contains ((const char * const[]) { "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT",
                                                     "TAKE_PROFIT_LIMIT", NULL }, type))
        respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1013, "Stop loss orders are not supported for this symbol.");
      else
        respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1116, "Invalid orderType.");
      return;
    }

  if ((resp_text = param (req, "newOrderRespType")) != NULL)
    {
      if (strcmp (resp_text, "ACK") == 0)
        resp = RESP_ACK;
      else if (strcmp (resp_text, "RESULT") == 0)
        resp = RESP_RESULT;
      else if (strcmp (resp_text, "FULL") == 0)
        resp = RESP_FULL;
      else
        {
          respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1130, "Invalid data sent for a parameter.");
          return;
        }
    }

  client_id = param (req, "newClientOrderId");
  if (client_id != NULL)
    {
      gboolean ok = strlen (client_id) <= 36;

      for (const char *p = client_id; ok && *p; p++)
        ok = g_ascii_isalnum (*p) || *p == '-' || *p == '_';
      if (!ok)
        {
          respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1100,
                                 "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.");
          return;
        }
    }

  has_qty = param (req, "quantity") != NULL;
  has_quote = param (req, "quoteOrderQty") != NULL;

  if (market)
    {
      if (!not_required (req, "timeInForce") || !not_required (req, "price"))
        return;
      if (!has_qty && !has_quote)
        {
          respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1102,
                                 "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
          return;
        }
      if (has_qty && has_quote)
        {
          respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1106, "Parameter 'quoteOrderQty' sent when not required.");
          return;
        }
    }
  else
    {
      if (!not_required (req, "quoteOrderQty"))
        return;
      if (maker_only)
        {
          if (!not_required (req, "timeInForce"))
            return;
        }
      else if (!require_param (req, "timeInForce", &tif))
        {
          return;
        }
      if (tif != NULL && strcmp (tif, "GTC") != 0 && strcmp (tif, "IOC") != 0 && strcmp (tif, "FOK") != 0)
        {
          respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1115, "Invalid timeInForce.");
          return;
        }
      if (!require_param (req, "quantity", &(const char *) { NULL }) ||
          !require_param (req, "price", &(const char *) { NULL }))
        return;
    }

  if (has_qty && !decimal_param (req, "quantity", &qty))
    return;
  if (has_quote && !decimal_param (req, "quoteOrderQty", &quote_qty))
    return;
  if (!market && !decimal_param (req, "price", &price))
    return;

  /* A closed market takes no orders, as Binance answers then. */
  if (strcmp (server_market_status (self, symbol), "TRADING") != 0)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -2010, "Market is closed.");
      return;
    }

  /* The symbol's filters, in the order the exchange applies them. */
  if (!market &&
      (kopir_decimal_compare (&price, &symbol->min_price) < 0 ||
       kopir_decimal_compare (&price, &symbol->max_price) > 0 ||
       !kopir_decimal_is_multiple_of (&price, &symbol->tick_size)))
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1013, "Filter failure: PRICE_FILTER");
      return;
    }
  if (has_qty)
    {
      const KopirDecimal *max_qty = market ? &symbol->market_max_qty : &symbol->max_qty;

      if (kopir_decimal_compare (&qty, &symbol->min_qty) < 0 ||
          kopir_decimal_compare (&qty, max_qty) > 0 ||
          !kopir_decimal_is_multiple_of (&qty, &symbol->step_size))
        {
          respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1013,
                                 market ? "Filter failure: MARKET_LOT_SIZE" : "Filter failure: LOT_SIZE");
          return;
        }
    }

  /* Notional: the limit price, the quote amount, or for a market order by
   * quantity the average price of the last five minutes. */
  if (!market)
    kopir_decimal_mul (&price, &qty, OUT_SCALE, KOPIR_ROUNDING_HALF_EVEN, &check);
  else if (has_quote)
    check = quote_qty;
  else
    {
      KopirDecimal mid;

      kopir_sandbox_market_mid (self->market, symbol, &mid);
      kopir_decimal_mul (&mid, &qty, OUT_SCALE, KOPIR_ROUNDING_HALF_EVEN, &check);
    }
  if (kopir_decimal_compare (&check, &symbol->min_notional) < 0 ||
      kopir_decimal_compare (&check, &symbol->max_notional) > 0)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1013, "Filter failure: NOTIONAL");
      return;
    }

  if (test)
    {
      out = g_string_new ("{}");
      respond_json (req, SOUP_STATUS_OK, out);
      return;
    }

  if (!charge_order (self, req))
    return;

  /* A client order id must be unique among the customer's open orders. */
  if (client_id != NULL)
    {
      sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store,
                                                        "SELECT 1 FROM orders WHERE customer_id = ? AND symbol = ? AND "
                                                        "client_order_id = ? AND status IN ('NEW', 'PARTIALLY_FILLED')");
      gboolean duplicate;

      sqlite3_bind_int64 (stmt, 1, req->customer_id);
      sqlite3_bind_text (stmt, 2, symbol->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, client_id, -1, SQLITE_STATIC);
      duplicate = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (duplicate)
        {
          respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -2010, "Duplicate order sent.");
          return;
        }
    }
  else
    {
      generated_id = random_token (22);
      client_id = generated_id;
    }

  /* Plan against the book, then check funds and the pilot limit, then
   * settle: nothing changes unless the whole order is acceptable. */
  if (market)
    n_fills = plan_fills (self, symbol, buy, has_qty ? &qty : NULL, has_quote ? &quote_qty : NULL,
                          NULL, fills, &planned_qty, &planned_quote);
  else
    n_fills = plan_fills (self, symbol, buy, &qty, NULL, &price, fills, &planned_qty, &planned_quote);

  if (maker_only && n_fills > 0)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -2010, "Order would immediately match and take.");
      return;
    }
  if (!market && tif != NULL && strcmp (tif, "FOK") == 0 && kopir_decimal_compare (&planned_qty, &qty) < 0)
    n_fills = 0;

  if (buy)
    {
      if (market)
        need = has_quote ? quote_qty : planned_quote;
      else
        kopir_decimal_mul (&price, &qty, OUT_SCALE, KOPIR_ROUNDING_HALF_EVEN, &need);
      kopir_sandbox_store_get_balance (self->store, req->customer_id, symbol->quote, &free_amount, NULL);
    }
  else
    {
      need = has_qty ? qty : planned_qty;
      kopir_sandbox_store_get_balance (self->store, req->customer_id, symbol->base, &free_amount, NULL);
    }

  if (kopir_decimal_compare (&need, &free_amount) > 0)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -2010, "Account has insufficient balance for requested action.");
      return;
    }
  if (buy && !pilot_allows (self, req->customer_id, &need))
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -2010, "Monthly pilot purchase limit exceeded.");
      return;
    }

  memset (&order, 0, sizeof order);
  kopir_sandbox_store_begin (self->store);
  order.id = kopir_sandbox_store_next_id (self->store, "order", 1);
  order.customer_id = req->customer_id;
  order.symbol = symbol;
  g_strlcpy (order.client_order_id, client_id, sizeof order.client_order_id);
  order.buy = buy;
  g_strlcpy (order.type, type, sizeof order.type);
  g_strlcpy (order.tif, market ? "GTC" : (tif ? tif : "GTC"), sizeof order.tif);
  order.price = price;
  order.orig_qty = has_qty ? qty : zero;
  order.orig_quote_qty = has_quote ? quote_qty : zero;
  order.executed_qty = zero;
  order.cumm_quote = zero;
  order.time = order.update_time = order.working_time = req->now;
  order.locked = zero;

  if (!market)
    {
      KopirDecimal neg;

      /* A limit order locks what it may spend until it is done. */
      g_strlcpy (order.locked_asset, buy ? symbol->quote : symbol->base, sizeof order.locked_asset);
      order.locked = need;
      kopir_decimal_negate (&need, &neg);
      kopir_sandbox_store_adjust_balance (self->store, req->customer_id, order.locked_asset, &neg, &need);
    }

  for (guint i = 0; i < n_fills; i++)
    apply_fill (self, &order, &fills[i], FALSE, req->now);

  if (market)
    {
      /* A market order by quote amount fills what whole steps allow. */
      if (has_quote)
        order.orig_qty = order.executed_qty;
      /* What the book could not fill expires, as on the exchange. */
      g_strlcpy (order.status,
                 n_fills > 0 && kopir_decimal_compare (&order.executed_qty, &order.orig_qty) >= 0 ? "FILLED" : "EXPIRED",
                 sizeof order.status);
    }
  else
    {
      g_strlcpy (order.status, status_after_fills (&order), sizeof order.status);
      if (strcmp (order.status, "FILLED") != 0 && strcmp (order.tif, "GTC") != 0)
        g_strlcpy (order.status, "EXPIRED", sizeof order.status);
      if (strcmp (order.status, "FILLED") == 0 || strcmp (order.status, "EXPIRED") == 0)
        release_locked (self, &order);
    }

  order_save (self, &order);
  kopir_sandbox_store_commit (self->store);

  out = g_string_sized_new (512);
  kopir_sandbox_json_init (&w, out);
  write_new_order (&w, &order, resp, fills, n_fills);
  respond_json (req, SOUP_STATUS_OK, out);
}

/* GET and DELETE /api/v3/order. */

static gboolean
order_lookup_params (KopirSandboxServer        *self,
                     Request                   *req,
                     const KopirSandboxSymbol **symbol,
                     gint64                    *order_id,
                     const char               **client_id)
{
  if ((*symbol = symbol_param (self, req, TRUE)) == NULL)
    return FALSE;
  if (!int_param (req, "orderId", 0, G_MAXINT64, 0, order_id))
    return FALSE;
  *client_id = param (req, "origClientOrderId");
  if (*order_id == 0 && *client_id == NULL)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1102,
                             "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
      return FALSE;
    }
  return TRUE;
}

static void
query_order (KopirSandboxServer *self,
             Request            *req)
{
  static const char * const allowed[] = { "symbol", "orderId", "origClientOrderId", NULL };
  const KopirSandboxSymbol *symbol;
  const char *client_id;
  gint64 order_id;
  Order order;
  g_autoptr(GString) out = NULL;
  KopirSandboxJson w;

  if (!check_signed (self, req) || !only_params (req, allowed) ||
      !order_lookup_params (self, req, &symbol, &order_id, &client_id))
    return;

  if (!order_find (self, req->customer_id, symbol, order_id, client_id, &order))
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -2013, "Order does not exist.");
      return;
    }

  out = g_string_sized_new (512);
  kopir_sandbox_json_init (&w, out);
  write_order (&w, &order);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
write_canceled (KopirSandboxJson *w,
                const Order      *order,
                const char       *cancel_id,
                gint64            now)
{
  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "symbol", order->symbol->name);
  kopir_sandbox_json_kv_string (w, "origClientOrderId", order->client_order_id);
  kopir_sandbox_json_kv_int (w, "orderId", order->id);
  kopir_sandbox_json_kv_int (w, "orderListId", -1);
  kopir_sandbox_json_kv_string (w, "clientOrderId", cancel_id);
  kopir_sandbox_json_kv_int (w, "transactTime", now);
  write_order_common (w, order);
  kopir_sandbox_json_kv_string (w, "selfTradePreventionMode", "NONE");
  kopir_sandbox_json_end_object (w);
}

static void
cancel_order (KopirSandboxServer *self,
              Request            *req)
{
  static const char * const allowed[] = { "symbol", "orderId", "origClientOrderId", "newClientOrderId",
                                          "cancelRestrictions", NULL };
  const KopirSandboxSymbol *symbol;
  const char *client_id;
  gint64 order_id;
  Order order;
  g_autoptr(GString) out = NULL;
  g_autofree char *cancel_id = NULL;
  KopirSandboxJson w;

  if (!check_signed (self, req) || !only_params (req, allowed) ||
      !order_lookup_params (self, req, &symbol, &order_id, &client_id))
    return;

  if (!order_find (self, req->customer_id, symbol, order_id, client_id, &order) || !order_is_open (&order))
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -2011, "Unknown order sent.");
      return;
    }

  kopir_sandbox_store_begin (self->store);
  release_locked (self, &order);
  g_strlcpy (order.status, "CANCELED", sizeof order.status);
  order.update_time = req->now;
  order_save (self, &order);
  kopir_sandbox_store_commit (self->store);

  cancel_id = param (req, "newClientOrderId") ? g_strdup (param (req, "newClientOrderId")) : random_token (22);
  out = g_string_sized_new (512);
  kopir_sandbox_json_init (&w, out);
  write_canceled (&w, &order, cancel_id, req->now);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
cancel_open_orders (KopirSandboxServer *self,
                    Request            *req)
{
  static const char * const allowed[] = { "symbol", NULL };
  const KopirSandboxSymbol *symbol;
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Order));
  g_autoptr(GString) out = NULL;
  sqlite3_stmt *stmt;
  KopirSandboxJson w;

  if (!check_signed (self, req) || !only_params (req, allowed) ||
      (symbol = symbol_param (self, req, TRUE)) == NULL)
    return;

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT " ORDER_COLUMNS " FROM orders WHERE customer_id = ? AND symbol = ? "
                                      "AND status IN ('NEW', 'PARTIALLY_FILLED') ORDER BY id");
  sqlite3_bind_int64 (stmt, 1, req->customer_id);
  sqlite3_bind_text (stmt, 2, symbol->name, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Order order;

      order_from_row (self, stmt, &order);
      g_array_append_val (open, order);
    }
  sqlite3_reset (stmt);

  if (open->len == 0)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -2011, "Unknown order sent.");
      return;
    }

  out = g_string_sized_new (512);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_array (&w);
  kopir_sandbox_store_begin (self->store);
  for (guint i = 0; i < open->len; i++)
    {
      Order *order = &g_array_index (open, Order, i);
      g_autofree char *cancel_id = random_token (22);

      release_locked (self, order);
      g_strlcpy (order->status, "CANCELED", sizeof order->status);
      order->update_time = req->now;
      order_save (self, order);
      write_canceled (&w, order, cancel_id, req->now);
    }
  kopir_sandbox_store_commit (self->store);
  kopir_sandbox_json_end_array (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
list_orders (KopirSandboxServer *self,
             Request            *req,
             gboolean            open_only)
{
  static const char * const open_allowed[] = { "symbol", NULL };
  static const char * const all_allowed[] = { "symbol", "orderId", "startTime", "endTime", "limit", NULL };
  const KopirSandboxSymbol *symbol = NULL;
  gint64 from_id, start, end, limit;
  g_autoptr(GString) out = NULL;
  sqlite3_stmt *stmt;
  KopirSandboxJson w;

  if (!check_signed (self, req) || !only_params (req, open_only ? open_allowed : all_allowed))
    return;
  if (param (req, "symbol") != NULL || !open_only)
    if ((symbol = symbol_param (self, req, TRUE)) == NULL)
      return;
  if (!int_param (req, "orderId", 0, G_MAXINT64, 0, &from_id) ||
      !int_param (req, "startTime", 0, G_MAXINT64, 0, &start) ||
      !int_param (req, "endTime", 0, G_MAXINT64, G_MAXINT64, &end) ||
      !int_param (req, "limit", 1, G_MAXINT64, 500, &limit))
    return;
  limit = MIN (limit, 1000);

  if (open_only)
    {
      stmt = kopir_sandbox_store_prepare (self->store,
                                          "SELECT " ORDER_COLUMNS " FROM orders WHERE customer_id = ?1 "
                                          "AND (?2 IS NULL OR symbol = ?2) "
                                          "AND status IN ('NEW', 'PARTIALLY_FILLED') ORDER BY id");
      sqlite3_bind_int64 (stmt, 1, req->customer_id);
      if (symbol != NULL)
        sqlite3_bind_text (stmt, 2, symbol->name, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = kopir_sandbox_store_prepare (self->store,
                                          "SELECT * FROM (SELECT " ORDER_COLUMNS " FROM orders WHERE customer_id = ?1 "
                                          "AND symbol = ?2 AND id >= ?3 AND time >= ?4 AND time <= ?5 "
                                          "ORDER BY id DESC LIMIT ?6) ORDER BY id");
      sqlite3_bind_int64 (stmt, 1, req->customer_id);
      sqlite3_bind_text (stmt, 2, symbol->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, from_id);
      sqlite3_bind_int64 (stmt, 4, start);
      sqlite3_bind_int64 (stmt, 5, end);
      sqlite3_bind_int64 (stmt, 6, limit);
    }

  out = g_string_sized_new (1024);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_array (&w);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Order order;

      order_from_row (self, stmt, &order);
      write_order (&w, &order);
    }
  sqlite3_reset (stmt);
  kopir_sandbox_json_end_array (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
account (KopirSandboxServer *self,
         Request            *req)
{
  static const char * const allowed[] = { "omitZeroBalances", NULL };
  g_autoptr(GString) out = g_string_sized_new (1024);
  gboolean omit_zero = g_strcmp0 (param (req, "omitZeroBalances"), "true") == 0;
  sqlite3_stmt *stmt;
  KopirSandboxJson w;

  if (!check_signed (self, req) || !only_params (req, allowed))
    return;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_int (&w, "makerCommission", 10);
  kopir_sandbox_json_kv_int (&w, "takerCommission", 10);
  kopir_sandbox_json_kv_int (&w, "buyerCommission", 0);
  kopir_sandbox_json_kv_int (&w, "sellerCommission", 0);
  kopir_sandbox_json_key (&w, "commissionRates");
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_decimal (&w, "maker", &fee_rate, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (&w, "taker", &fee_rate, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (&w, "buyer", &zero, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (&w, "seller", &zero, OUT_SCALE);
  kopir_sandbox_json_end_object (&w);
  kopir_sandbox_json_kv_bool (&w, "canTrade", TRUE);
  kopir_sandbox_json_kv_bool (&w, "canWithdraw", TRUE);
  kopir_sandbox_json_kv_bool (&w, "canDeposit", TRUE);
  kopir_sandbox_json_kv_bool (&w, "brokered", FALSE);
  kopir_sandbox_json_kv_bool (&w, "requireSelfTradePrevention", FALSE);
  kopir_sandbox_json_kv_bool (&w, "preventSor", FALSE);
  kopir_sandbox_json_kv_int (&w, "updateTime", req->now);
  kopir_sandbox_json_kv_string (&w, "accountType", "SPOT");
  kopir_sandbox_json_key (&w, "balances");
  kopir_sandbox_json_begin_array (&w);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT asset, free, locked FROM balances WHERE customer_id = ? ORDER BY rowid");
  sqlite3_bind_int64 (stmt, 1, req->customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KopirDecimal f = kopir_sandbox_column_decimal (stmt, 1);
      KopirDecimal l = kopir_sandbox_column_decimal (stmt, 2);

      if (omit_zero && kopir_decimal_is_zero (&f) && kopir_decimal_is_zero (&l))
        continue;
      kopir_sandbox_json_begin_object (&w);
      kopir_sandbox_json_kv_string (&w, "asset", kopir_sandbox_column_text (stmt, 0));
      kopir_sandbox_json_kv_decimal (&w, "free", &f, OUT_SCALE);
      kopir_sandbox_json_kv_decimal (&w, "locked", &l, OUT_SCALE);
      kopir_sandbox_json_end_object (&w);
    }
  sqlite3_reset (stmt);
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_key (&w, "permissions");
  kopir_sandbox_json_begin_array (&w);
  kopir_sandbox_json_string (&w, "SPOT");
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_kv_int (&w, "uid", req->customer_id);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
my_trades (KopirSandboxServer *self,
           Request            *req)
{
  static const char * const allowed[] = { "symbol", "orderId", "startTime", "endTime", "fromId", "limit", NULL };
  const KopirSandboxSymbol *symbol;
  gint64 order_id, start, end, from_id, limit;
  g_autoptr(GString) out = NULL;
  sqlite3_stmt *stmt;
  KopirSandboxJson w;

  if (!check_signed (self, req) || !only_params (req, allowed) ||
      (symbol = symbol_param (self, req, TRUE)) == NULL)
    return;
  if (!int_param (req, "orderId", 0, G_MAXINT64, 0, &order_id) ||
      !int_param (req, "startTime", 0, G_MAXINT64, 0, &start) ||
      !int_param (req, "endTime", 0, G_MAXINT64, G_MAXINT64, &end) ||
      !int_param (req, "fromId", 0, G_MAXINT64, 0, &from_id) ||
      !int_param (req, "limit", 1, G_MAXINT64, 500, &limit))
    return;
  limit = MIN (limit, 1000);

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT * FROM (SELECT id, order_id, price, qty, quote_qty, commission, "
                                      "commission_asset, time, is_buyer, is_maker FROM trades "
                                      "WHERE customer_id = ?1 AND symbol = ?2 AND (?3 = 0 OR order_id = ?3) "
                                      "AND time >= ?4 AND time <= ?5 AND id >= ?6 "
                                      "ORDER BY id DESC LIMIT ?7) ORDER BY id");
  sqlite3_bind_int64 (stmt, 1, req->customer_id);
  sqlite3_bind_text (stmt, 2, symbol->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, order_id);
  sqlite3_bind_int64 (stmt, 4, start);
  sqlite3_bind_int64 (stmt, 5, end);
  sqlite3_bind_int64 (stmt, 6, from_id);
  sqlite3_bind_int64 (stmt, 7, limit);

  out = g_string_sized_new (1024);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_array (&w);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KopirDecimal v;

      kopir_sandbox_json_begin_object (&w);
      kopir_sandbox_json_kv_string (&w, "symbol", symbol->name);
      kopir_sandbox_json_kv_int (&w, "id", sqlite3_column_int64 (stmt, 0));
      kopir_sandbox_json_kv_int (&w, "orderId", sqlite3_column_int64 (stmt, 1));
      kopir_sandbox_json_kv_int (&w, "orderListId", -1);
      v = kopir_sandbox_column_decimal (stmt, 2);
      kopir_sandbox_json_kv_decimal (&w, "price", &v, OUT_SCALE);
      v = kopir_sandbox_column_decimal (stmt, 3);
      kopir_sandbox_json_kv_decimal (&w, "qty", &v, OUT_SCALE);
      v = kopir_sandbox_column_decimal (stmt, 4);
      kopir_sandbox_json_kv_decimal (&w, "quoteQty", &v, OUT_SCALE);
      v = kopir_sandbox_column_decimal (stmt, 5);
      kopir_sandbox_json_kv_decimal (&w, "commission", &v, OUT_SCALE);
      kopir_sandbox_json_kv_string (&w, "commissionAsset", kopir_sandbox_column_text (stmt, 6));
      kopir_sandbox_json_kv_int (&w, "time", sqlite3_column_int64 (stmt, 7));
      kopir_sandbox_json_kv_bool (&w, "isBuyer", sqlite3_column_int (stmt, 8));
      kopir_sandbox_json_kv_bool (&w, "isMaker", sqlite3_column_int (stmt, 9));
      kopir_sandbox_json_kv_bool (&w, "isBestMatch", TRUE);
      kopir_sandbox_json_end_object (&w);
    }
  sqlite3_reset (stmt);
  kopir_sandbox_json_end_array (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

/* Market data. */

static void
write_filters (KopirSandboxJson         *w,
               const KopirSandboxSymbol *symbol)
{
  kopir_sandbox_json_key (w, "filters");
  kopir_sandbox_json_begin_array (w);

  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "filterType", "PRICE_FILTER");
  kopir_sandbox_json_kv_decimal (w, "minPrice", &symbol->min_price, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "maxPrice", &symbol->max_price, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "tickSize", &symbol->tick_size, OUT_SCALE);
  kopir_sandbox_json_end_object (w);

  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "filterType", "LOT_SIZE");
  kopir_sandbox_json_kv_decimal (w, "minQty", &symbol->min_qty, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "maxQty", &symbol->max_qty, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "stepSize", &symbol->step_size, OUT_SCALE);
  kopir_sandbox_json_end_object (w);

  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "filterType", "MARKET_LOT_SIZE");
  kopir_sandbox_json_kv_decimal (w, "minQty", &symbol->min_qty, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "maxQty", &symbol->market_max_qty, OUT_SCALE);
  kopir_sandbox_json_kv_decimal (w, "stepSize", &symbol->step_size, OUT_SCALE);
  kopir_sandbox_json_end_object (w);

  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "filterType", "NOTIONAL");
  kopir_sandbox_json_kv_decimal (w, "minNotional", &symbol->min_notional, OUT_SCALE);
  kopir_sandbox_json_kv_bool (w, "applyMinToMarket", TRUE);
  kopir_sandbox_json_kv_decimal (w, "maxNotional", &symbol->max_notional, OUT_SCALE);
  kopir_sandbox_json_kv_bool (w, "applyMaxToMarket", FALSE);
  kopir_sandbox_json_kv_int (w, "avgPriceMins", 5);
  kopir_sandbox_json_end_object (w);

  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "filterType", "MAX_NUM_ORDERS");
  kopir_sandbox_json_kv_int (w, "maxNumOrders", 200);
  kopir_sandbox_json_end_object (w);

  kopir_sandbox_json_end_array (w);
}

static void
write_rate_limit (KopirSandboxJson *w,
                  const char       *type,
                  const char       *interval,
                  gint64            num,
                  gint64            limit)
{
  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "rateLimitType", type);
  kopir_sandbox_json_kv_string (w, "interval", interval);
  kopir_sandbox_json_kv_int (w, "intervalNum", num);
  kopir_sandbox_json_kv_int (w, "limit", limit);
  kopir_sandbox_json_end_object (w);
}

static void
exchange_info (KopirSandboxServer *self,
               Request            *req)
{
  g_autoptr(GPtrArray) symbols = NULL;
  g_autoptr(GString) out = g_string_sized_new (8192);
  KopirSandboxJson w;
  gboolean single;

  if (!charge_weight (self, req, 20) ||
      (symbols = selected_symbols (self, req, &single)) == NULL)
    return;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "timezone", "UTC");
  kopir_sandbox_json_kv_int (&w, "serverTime", req->now);
  kopir_sandbox_json_key (&w, "rateLimits");
  kopir_sandbox_json_begin_array (&w);
  write_rate_limit (&w, "REQUEST_WEIGHT", "MINUTE", 1, self->weight_limit ? self->weight_limit : 1000000000);
  write_rate_limit (&w, "ORDERS", "SECOND", 10, self->order_limit ? self->order_limit : 1000000000);
  write_rate_limit (&w, "ORDERS", "DAY", 1, 200000);
  write_rate_limit (&w, "RAW_REQUESTS", "MINUTE", 5, 61000);
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_key (&w, "exchangeFilters");
  kopir_sandbox_json_begin_array (&w);
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_key (&w, "symbols");
  kopir_sandbox_json_begin_array (&w);
  for (guint i = 0; i < symbols->len; i++)
    {
      const KopirSandboxSymbol *symbol = g_ptr_array_index (symbols, i);

      kopir_sandbox_json_begin_object (&w);
      kopir_sandbox_json_kv_string (&w, "symbol", symbol->name);
      kopir_sandbox_json_kv_string (&w, "status", server_market_status (self, symbol));
      kopir_sandbox_json_kv_string (&w, "baseAsset", symbol->base);
      kopir_sandbox_json_kv_int (&w, "baseAssetPrecision", 8);
      kopir_sandbox_json_kv_string (&w, "quoteAsset", symbol->quote);
      kopir_sandbox_json_kv_int (&w, "quotePrecision", 8);
      kopir_sandbox_json_kv_int (&w, "quoteAssetPrecision", 8);
      kopir_sandbox_json_kv_int (&w, "baseCommissionPrecision", 8);
      kopir_sandbox_json_kv_int (&w, "quoteCommissionPrecision", 8);
      kopir_sandbox_json_key (&w, "orderTypes");
      kopir_sandbox_json_begin_array (&w);
      kopir_sandbox_json_string (&w, "LIMIT");
      kopir_sandbox_json_string (&w, "LIMIT_MAKER");
      kopir_sandbox_json_string (&w, "MARKET");
      kopir_sandbox_json_end_array (&w);
      kopir_sandbox_json_kv_bool (&w, "icebergAllowed", FALSE);
      kopir_sandbox_json_kv_bool (&w, "ocoAllowed", FALSE);
      kopir_sandbox_json_kv_bool (&w, "otoAllowed", FALSE);
      kopir_sandbox_json_kv_bool (&w, "quoteOrderQtyMarketAllowed", TRUE);
      kopir_sandbox_json_kv_bool (&w, "allowTrailingStop", FALSE);
      kopir_sandbox_json_kv_bool (&w, "cancelReplaceAllowed", FALSE);
      kopir_sandbox_json_kv_bool (&w, "amendAllowed", FALSE);
      kopir_sandbox_json_kv_bool (&w, "isSpotTradingAllowed", TRUE);
      kopir_sandbox_json_kv_bool (&w, "isMarginTradingAllowed", FALSE);
      write_filters (&w, symbol);
      kopir_sandbox_json_key (&w, "permissions");
      kopir_sandbox_json_begin_array (&w);
      kopir_sandbox_json_end_array (&w);
      kopir_sandbox_json_key (&w, "permissionSets");
      kopir_sandbox_json_begin_array (&w);
      kopir_sandbox_json_begin_array (&w);
      kopir_sandbox_json_string (&w, "SPOT");
      kopir_sandbox_json_end_array (&w);
      kopir_sandbox_json_end_array (&w);
      kopir_sandbox_json_kv_string (&w, "defaultSelfTradePreventionMode", "NONE");
      kopir_sandbox_json_key (&w, "allowedSelfTradePreventionModes");
      kopir_sandbox_json_begin_array (&w);
      kopir_sandbox_json_string (&w, "NONE");
      kopir_sandbox_json_end_array (&w);
      kopir_sandbox_json_end_object (&w);
    }
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
depth (KopirSandboxServer *self,
       Request            *req)
{
  const KopirSandboxSymbol *symbol;
  g_autoptr(GString) out = NULL;
  KopirSandboxJson w;
  gint64 limit;
  guint weight;

  if (!int_param (req, "limit", 1, G_MAXINT64, 100, &limit))
    return;
  limit = MIN (limit, 5000);
  weight = limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
  if (!charge_weight (self, req, weight) ||
      (symbol = symbol_param (self, req, TRUE)) == NULL)
    return;

  out = g_string_sized_new (64 * (gsize) MIN (limit, KOPIR_SANDBOX_MARKET_LEVELS));
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_int (&w, "lastUpdateId", kopir_sandbox_market_update_id (self->market));
  for (guint s = 0; s < 2; s++)
    {
      KopirSandboxSide side = s == 0 ? KOPIR_SANDBOX_SIDE_BID : KOPIR_SANDBOX_SIDE_ASK;
      gint64 written = 0;

      kopir_sandbox_json_key (&w, s == 0 ? "bids" : "asks");
      kopir_sandbox_json_begin_array (&w);
      for (guint level = 0; level < KOPIR_SANDBOX_MARKET_LEVELS && written < limit; level++)
        {
          KopirDecimal price, qty;

          if (!kopir_sandbox_market_level (self->market, symbol, side, level, &price, &qty))
            break;
          if (!kopir_decimal_is_positive (&qty))
            continue;
          kopir_sandbox_json_begin_array (&w);
          kopir_sandbox_json_decimal (&w, &price, OUT_SCALE);
          kopir_sandbox_json_decimal (&w, &qty, OUT_SCALE);
          kopir_sandbox_json_end_array (&w);
          written++;
        }
      kopir_sandbox_json_end_array (&w);
    }
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static gint64
interval_ms (const char *interval)
{
  static const struct { const char *name; gint64 ms; } intervals[] = {
    { "1m", 60000 }, { "3m", 180000 }, { "5m", 300000 }, { "15m", 900000 }, { "30m", 1800000 },
    { "1h", 3600000 }, { "2h", 7200000 }, { "4h", 14400000 }, { "6h", 21600000 },
    { "8h", 28800000 }, { "12h", 43200000 }, { "1d", 86400000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (g_strcmp0 (interval, intervals[i].name) == 0)
      return intervals[i].ms;
  return 0;
}

static void
merge_bar (KopirSandboxBar       *into,
           const KopirSandboxBar *bar,
           gboolean               first)
{
  if (first)
    {
      *into = *bar;
      return;
    }
  if (kopir_decimal_compare (&bar->high, &into->high) > 0)
    into->high = bar->high;
  if (kopir_decimal_compare (&bar->low, &into->low) < 0)
    into->low = bar->low;
  into->close = bar->close;
  kopir_decimal_add (&into->volume, &bar->volume, &into->volume);
  kopir_decimal_add (&into->quote_volume, &bar->quote_volume, &into->quote_volume);
  kopir_decimal_add (&into->taker_buy_volume, &bar->taker_buy_volume, &into->taker_buy_volume);
  kopir_decimal_add (&into->taker_buy_quote_volume, &bar->taker_buy_quote_volume, &into->taker_buy_quote_volume);
  into->trades += bar->trades;
  into->last_trade_id = bar->last_trade_id;
}

static void
klines (KopirSandboxServer *self,
        Request            *req)
{
  const KopirSandboxSymbol *symbol;
  const char *interval;
  const KopirSandboxBar *bars;
  g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (KopirSandboxBar));
  g_autoptr(GString) out = NULL;
  KopirSandboxJson w;
  gint64 ms, start, end, limit;
  guint n_bars, first;

  if (!charge_weight (self, req, 2) ||
      (symbol = symbol_param (self, req, TRUE)) == NULL ||
      !require_param (req, "interval", &interval))
    return;
  if ((ms = interval_ms (interval)) == 0)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1120, "Invalid interval.");
      return;
    }
  if (!int_param (req, "startTime", 0, G_MAXINT64, 0, &start) ||
      !int_param (req, "endTime", 0, G_MAXINT64, G_MAXINT64, &end) ||
      !int_param (req, "limit", 1, G_MAXINT64, 500, &limit))
    return;
  limit = MIN (limit, 1000);

  bars = kopir_sandbox_market_bars (self->market, symbol, &n_bars);
  for (guint i = 0; i < n_bars; i++)
    {
      gint64 open_time = bars[i].open_time - bars[i].open_time % ms;
      KopirSandboxBar *last = merged->len ? &g_array_index (merged, KopirSandboxBar, merged->len - 1) : NULL;

      if (open_time + ms - 1 < start || open_time > end)
        continue;
      if (last != NULL && last->open_time == open_time)
        {
          merge_bar (last, &bars[i], FALSE);
        }
      else
        {
          KopirSandboxBar bar;

          merge_bar (&bar, &bars[i], TRUE);
          bar.open_time = open_time;
          g_array_append_val (merged, bar);
        }
    }

  /* With a start time, the first bars from it; otherwise the latest. */
  first = 0;
  if (start == 0 && merged->len > (guint) limit)
    first = merged->len - (guint) limit;

  out = g_string_sized_new (160 * (gsize) MIN ((gint64) merged->len, limit));
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_array (&w);
  for (guint i = first; i < merged->len && (gint64) (i - first) < limit; i++)
    {
      KopirSandboxBar *bar = &g_array_index (merged, KopirSandboxBar, i);

      kopir_sandbox_json_begin_array (&w);
      kopir_sandbox_json_int (&w, bar->open_time);
      kopir_sandbox_json_decimal (&w, &bar->open, OUT_SCALE);
      kopir_sandbox_json_decimal (&w, &bar->high, OUT_SCALE);
      kopir_sandbox_json_decimal (&w, &bar->low, OUT_SCALE);
      kopir_sandbox_json_decimal (&w, &bar->close, OUT_SCALE);
      kopir_sandbox_json_decimal (&w, &bar->volume, OUT_SCALE);
      kopir_sandbox_json_int (&w, bar->open_time + ms - 1);
      kopir_sandbox_json_decimal (&w, &bar->quote_volume, OUT_SCALE);
      kopir_sandbox_json_int (&w, bar->trades);
      kopir_sandbox_json_decimal (&w, &bar->taker_buy_volume, OUT_SCALE);
      kopir_sandbox_json_decimal (&w, &bar->taker_buy_quote_volume, OUT_SCALE);
      kopir_sandbox_json_string (&w, "0");
      kopir_sandbox_json_end_array (&w);
    }
  kopir_sandbox_json_end_array (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
ticker_price (KopirSandboxServer *self,
              Request            *req,
              gboolean            book)
{
  g_autoptr(GPtrArray) symbols = NULL;
  g_autoptr(GString) out = g_string_sized_new (512);
  KopirSandboxJson w;
  gboolean single;

  if (!charge_weight (self, req, param (req, "symbol") ? 2 : 4) ||
      (symbols = selected_symbols (self, req, &single)) == NULL)
    return;

  kopir_sandbox_json_init (&w, out);
  if (!single)
    kopir_sandbox_json_begin_array (&w);
  for (guint i = 0; i < symbols->len; i++)
    {
      const KopirSandboxSymbol *symbol = g_ptr_array_index (symbols, i);
      guint n_bars;
      const KopirSandboxBar *bars = kopir_sandbox_market_bars (self->market, symbol, &n_bars);

      kopir_sandbox_json_begin_object (&w);
      kopir_sandbox_json_kv_string (&w, "symbol", symbol->name);
      if (book)
        {
          KopirDecimal bid, bid_qty, ask, ask_qty;

          kopir_sandbox_market_best (self->market, symbol, KOPIR_SANDBOX_SIDE_BID, &bid, &bid_qty);
          kopir_sandbox_market_best (self->market, symbol, KOPIR_SANDBOX_SIDE_ASK, &ask, &ask_qty);
          kopir_sandbox_json_kv_decimal (&w, "bidPrice", &bid, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "bidQty", &bid_qty, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "askPrice", &ask, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "askQty", &ask_qty, OUT_SCALE);
        }
      else
        {
          kopir_sandbox_json_kv_decimal (&w, "price", &bars[n_bars - 1].close, OUT_SCALE);
        }
      kopir_sandbox_json_end_object (&w);
    }
  if (!single)
    kopir_sandbox_json_end_array (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
ticker_24hr (KopirSandboxServer *self,
             Request            *req)
{
  g_autoptr(GPtrArray) symbols = NULL;
  g_autoptr(GString) out = g_string_sized_new (2048);
  const char *type = param (req, "type");
  gboolean mini, single;
  KopirSandboxJson w;

  if (type != NULL && strcmp (type, "FULL") != 0 && strcmp (type, "MINI") != 0)
    {
      respond_binance_error (req, SOUP_STATUS_BAD_REQUEST, -1100,
                             "Illegal characters found in parameter 'type'; legal range is 'FULL, MINI'.");
      return;
    }
  mini = g_strcmp0 (type, "MINI") == 0;
  if (!charge_weight (self, req, param (req, "symbol") ? 2 : 80) ||
      (symbols = selected_symbols (self, req, &single)) == NULL)
    return;

  kopir_sandbox_json_init (&w, out);
  if (!single)
    kopir_sandbox_json_begin_array (&w);
  for (guint i = 0; i < symbols->len; i++)
    {
      const KopirSandboxSymbol *symbol = g_ptr_array_index (symbols, i);
      guint n_bars, from;
      const KopirSandboxBar *bars = kopir_sandbox_market_bars (self->market, symbol, &n_bars);
      KopirSandboxBar day;
      KopirDecimal change, percent = zero, wavg = zero, bid, bid_qty, ask, ask_qty, hundred = { 100, 0 };

      from = n_bars > 1440 ? n_bars - 1440 : 0;
      merge_bar (&day, &bars[from], TRUE);
      day.first_trade_id = bars[from].first_trade_id;
      for (guint b = from + 1; b < n_bars; b++)
        merge_bar (&day, &bars[b], FALSE);

      kopir_decimal_sub (&day.close, &day.open, &change);
      if (kopir_decimal_is_positive (&day.open))
        {
          KopirDecimal ratio;

          if (kopir_decimal_div (&change, &day.open, 8, KOPIR_ROUNDING_HALF_EVEN, &ratio))
            kopir_decimal_mul (&ratio, &hundred, 3, KOPIR_ROUNDING_HALF_EVEN, &percent);
        }
      if (kopir_decimal_is_positive (&day.volume))
        kopir_decimal_div (&day.quote_volume, &day.volume, OUT_SCALE, KOPIR_ROUNDING_HALF_EVEN, &wavg);

      kopir_sandbox_json_begin_object (&w);
      kopir_sandbox_json_kv_string (&w, "symbol", symbol->name);
      if (!mini)
        {
          kopir_sandbox_market_best (self->market, symbol, KOPIR_SANDBOX_SIDE_BID, &bid, &bid_qty);
          kopir_sandbox_market_best (self->market, symbol, KOPIR_SANDBOX_SIDE_ASK, &ask, &ask_qty);
          kopir_sandbox_json_kv_decimal (&w, "priceChange", &change, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "priceChangePercent", &percent, 3);
          kopir_sandbox_json_kv_decimal (&w, "weightedAvgPrice", &wavg, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "prevClosePrice", &day.open, OUT_SCALE);
        }
      kopir_sandbox_json_kv_decimal (&w, "lastPrice", &day.close, OUT_SCALE);
      if (!mini)
        {
          kopir_sandbox_json_kv_decimal (&w, "lastQty", &symbol->min_qty, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "bidPrice", &bid, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "bidQty", &bid_qty, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "askPrice", &ask, OUT_SCALE);
          kopir_sandbox_json_kv_decimal (&w, "askQty", &ask_qty, OUT_SCALE);
        }
      kopir_sandbox_json_kv_decimal (&w, "openPrice", &day.open, OUT_SCALE);
      kopir_sandbox_json_kv_decimal (&w, "highPrice", &day.high, OUT_SCALE);
      kopir_sandbox_json_kv_decimal (&w, "lowPrice", &day.low, OUT_SCALE);
      kopir_sandbox_json_kv_decimal (&w, "volume", &day.volume, OUT_SCALE);
      kopir_sandbox_json_kv_decimal (&w, "quoteVolume", &day.quote_volume, OUT_SCALE);
      kopir_sandbox_json_kv_int (&w, "openTime", req->now - 86400000);
      kopir_sandbox_json_kv_int (&w, "closeTime", req->now);
      kopir_sandbox_json_kv_int (&w, "firstId", day.first_trade_id);
      kopir_sandbox_json_kv_int (&w, "lastId", day.last_trade_id);
      kopir_sandbox_json_kv_int (&w, "count", day.trades);
      kopir_sandbox_json_end_object (&w);
    }
  if (!single)
    kopir_sandbox_json_end_array (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
avg_price (KopirSandboxServer *self,
           Request            *req)
{
  const KopirSandboxSymbol *symbol;
  g_autoptr(GString) out = g_string_new (NULL);
  KopirSandboxJson w;
  KopirDecimal mid;

  if (!charge_weight (self, req, 2) || (symbol = symbol_param (self, req, TRUE)) == NULL)
    return;

  kopir_sandbox_market_mid (self->market, symbol, &mid);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_int (&w, "mins", 5);
  kopir_sandbox_json_kv_decimal (&w, "price", &mid, OUT_SCALE);
  kopir_sandbox_json_kv_int (&w, "closeTime", req->now);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

/**
 * trading_dispatch:
 *
 * Returns: whether the path belongs to the trading dialect (then answered)
 */
gboolean
trading_dispatch (KopirSandboxServer *self,
                  Request            *req)
{
  const char *m = req->method;
  gboolean get = strcmp (m, "GET") == 0;
  gboolean post = strcmp (m, "POST") == 0;
  gboolean del = strcmp (m, "DELETE") == 0;

  if (!req->is_api)
    return FALSE;

  if (route_match (req, "/api/v3/ping"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (charge_weight (self, req, 1))
        {
          g_autoptr(GString) out = g_string_new ("{}");

          respond_json (req, SOUP_STATUS_OK, out);
        }
    }
  else if (route_match (req, "/api/v3/time"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (charge_weight (self, req, 1))
        {
          g_autoptr(GString) out = g_string_new (NULL);

          g_string_printf (out, "{\"serverTime\":%" G_GINT64_FORMAT "}", req->now);
          respond_json (req, SOUP_STATUS_OK, out);
        }
    }
  else if (route_match (req, "/api/v3/exchangeInfo"))
    get ? exchange_info (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/api/v3/depth"))
    get ? depth (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/api/v3/klines") || route_match (req, "/api/v3/uiKlines"))
    get ? klines (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/api/v3/avgPrice"))
    get ? avg_price (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/api/v3/ticker/price"))
    get ? ticker_price (self, req, FALSE) : respond_method_not_allowed (req);
  else if (route_match (req, "/api/v3/ticker/bookTicker"))
    get ? ticker_price (self, req, TRUE) : respond_method_not_allowed (req);
  else if (route_match (req, "/api/v3/ticker/24hr"))
    get ? ticker_24hr (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/api/v3/order"))
    {
      if (post)
        {
          if (charge_weight (self, req, 1))
            new_order (self, req, FALSE);
        }
      else if (get)
        {
          if (charge_weight (self, req, 4))
            query_order (self, req);
        }
      else if (del)
        {
          if (charge_weight (self, req, 1))
            cancel_order (self, req);
        }
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/api/v3/order/test"))
    {
      if (!post)
        respond_method_not_allowed (req);
      else if (charge_weight (self, req, 1))
        new_order (self, req, TRUE);
    }
  else if (route_match (req, "/api/v3/openOrders"))
    {
      if (get)
        {
          if (charge_weight (self, req, param (req, "symbol") ? 6 : 80))
            list_orders (self, req, TRUE);
        }
      else if (del)
        {
          if (charge_weight (self, req, 1))
            cancel_open_orders (self, req);
        }
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/api/v3/allOrders"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (charge_weight (self, req, 20))
        list_orders (self, req, FALSE);
    }
  else if (route_match (req, "/api/v3/account"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (charge_weight (self, req, 20))
        account (self, req);
    }
  else if (route_match (req, "/api/v3/myTrades"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (charge_weight (self, req, 20))
        my_trades (self, req);
    }
  else
    {
      return FALSE;
    }

  return TRUE;
}
