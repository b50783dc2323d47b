/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-order.c: an order as the exchange reports it
 *
 * Built from the answers of POST/GET/DELETE /api/v3/order, /openOrders and
 * /allOrders. Quantities and amounts are decimals read from the
 * exchange's strings; a member of the wrong type makes the whole answer
 * unreadable rather than half-read.
 */

#define G_LOG_DOMAIN "kopir-order"

#include "config.h"


#include "kopir-exchange-error.h"
#include "kopir-json-private.h"
#include "kopir-order.h"

struct _KopirOrder
{
  GObject           parent_instance;

  char             *symbol;
  gint64            order_id;
  char             *client_order_id;
  char             *side;
  char             *type;
  char             *status_string;
  KopirOrderStatus  status;
  KopirDecimal      price;
  KopirDecimal      orig_qty;
  KopirDecimal      executed_qty;
  KopirDecimal      cummulative_quote_qty;
  gint64            time;
  gint64            update_time;
  GArray           *fills;
};

G_DEFINE_FINAL_TYPE (KopirOrder, kopir_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_CLIENT_ORDER_ID,
  PROP_STATUS,
  PROP_EXECUTED_QTY,
  PROP_CUMMULATIVE_QUOTE_QTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const status_names[] = {
  [KOPIR_ORDER_STATUS_NEW] = "NEW",
  [KOPIR_ORDER_STATUS_PARTIALLY_FILLED] = "PARTIALLY_FILLED",
  [KOPIR_ORDER_STATUS_FILLED] = "FILLED",
  [KOPIR_ORDER_STATUS_CANCELED] = "CANCELED",
  [KOPIR_ORDER_STATUS_PENDING_CANCEL] = "PENDING_CANCEL",
  [KOPIR_ORDER_STATUS_REJECTED] = "REJECTED",
  [KOPIR_ORDER_STATUS_EXPIRED] = "EXPIRED",
};

KopirOrderStatus
kopir_order_status_from_string (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (status_names[i], status) == 0)
        return i;
    }

  /* A newer server's expiry flavours are still expiries. */
  if (status != NULL && g_str_has_prefix (status, "EXPIRED"))
    return KOPIR_ORDER_STATUS_EXPIRED;

  return KOPIR_ORDER_STATUS_UNKNOWN;
}

static void
kopir_order_finalize (GObject *object)
{
  KopirOrder *self = (KopirOrder *)object;

  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->client_order_id, g_free);
  g_clear_pointer (&self->side, g_free);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->status_string, g_free);
  g_clear_pointer (&self->fills, g_array_unref);

  G_OBJECT_CLASS (kopir_order_parent_class)->finalize (object);
}

static void
kopir_order_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KopirOrder *self = KOPIR_ORDER (object);

  switch (prop_id)
    {
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case PROP_CLIENT_ORDER_ID:
      g_value_set_string (value, self->client_order_id);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status_string);
      break;
    case PROP_EXECUTED_QTY:
      g_value_take_string (value, kopir_decimal_dup_string (&self->executed_qty));
      break;
    case PROP_CUMMULATIVE_QUOTE_QTY:
      g_value_take_string (value, kopir_decimal_dup_string (&self->cummulative_quote_qty));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_order_class_init (KopirOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_order_finalize;
  object_class->get_property = kopir_order_get_property;

  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLIENT_ORDER_ID] =
    g_param_spec_string ("client-order-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXECUTED_QTY] =
    g_param_spec_string ("executed-qty", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUMMULATIVE_QUOTE_QTY] =
    g_param_spec_string ("cummulative-quote-qty", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_order_init (KopirOrder *self)
{
  self->fills = g_array_new (FALSE, TRUE, sizeof (KopirFill));
}

static gboolean
parse_fills (KopirOrder *self,
             JsonArray  *fills)
{
  for (guint i = 0; i < json_array_get_length (fills); i++)
    {
      JsonObject *object = kopir_json_get_object (json_array_get_element (fills, i));
      KopirFill fill = { { 0, }, };
      const char *asset;

      if (object == NULL ||
          !kopir_json_object_decimal (object, "price", &fill.price) ||
          !kopir_json_object_decimal (object, "qty", &fill.qty) ||
          !kopir_json_object_decimal (object, "commission", &fill.commission) ||
          (asset = kopir_json_object_string (object, "commissionAsset")) == NULL)
        return FALSE;

      g_strlcpy (fill.commission_asset, asset, sizeof fill.commission_asset);
      kopir_json_object_int (object, "tradeId", &fill.trade_id);
      g_array_append_val (self->fills, fill);
    }

  return TRUE;
}

/**
 * kopir_order_new_from_json:
 * @object: an order object from the exchange
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the order, or %NULL if @object is not one
 */
KopirOrder *
kopir_order_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(KopirOrder) self = g_object_new (KOPIR_TYPE_ORDER, NULL);
  JsonNode *fills;
  const char *symbol;
  const char *client_order_id;
  const char *status;

  symbol = kopir_json_object_string (object, "symbol");
  client_order_id = kopir_json_object_string (object, "clientOrderId");
  status = kopir_json_object_string (object, "status");

  if (symbol == NULL || client_order_id == NULL || status == NULL ||
      !kopir_json_object_int (object, "orderId", &self->order_id) ||
      !kopir_json_object_decimal (object, "executedQty", &self->executed_qty) ||
      !kopir_json_object_decimal (object, "cummulativeQuoteQty", &self->cummulative_quote_qty))
    {
      g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                          0, "not an order", 0, 0, NULL));
      return NULL;
    }

  self->symbol = g_strdup (symbol);
  self->client_order_id = g_strdup (client_order_id);
  self->status_string = g_strdup (status);
  self->status = kopir_order_status_from_string (status);
  self->side = g_strdup (kopir_json_object_string (object, "side"));
  self->type = g_strdup (kopir_json_object_string (object, "type"));
  kopir_json_object_decimal (object, "price", &self->price);
  kopir_json_object_decimal (object, "origQty", &self->orig_qty);
  if (!kopir_json_object_int (object, "time", &self->time))
    kopir_json_object_int (object, "transactTime", &self->time);
  if (!kopir_json_object_int (object, "updateTime", &self->update_time))
    self->update_time = self->time;

  fills = json_object_get_member (object, "fills");
  if (fills != NULL && (!JSON_NODE_HOLDS_ARRAY (fills) ||
                        !parse_fills (self, json_node_get_array (fills))))
    {
      g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                          0, "unreadable fills", 0, 0, NULL));
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
kopir_order_get_symbol (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), NULL);
  return self->symbol;
}

gint64
kopir_order_get_order_id (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), 0);
  return self->order_id;
}

const char *
kopir_order_get_client_order_id (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), NULL);
  return self->client_order_id;
}

const char *
kopir_order_get_side (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), NULL);
  return self->side;
}

const char *
kopir_order_get_order_type (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), NULL);
  return self->type;
}

KopirOrderStatus
kopir_order_get_status (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), KOPIR_ORDER_STATUS_UNKNOWN);
  return self->status;
}

const char *
kopir_order_get_status_string (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), NULL);
  return self->status_string;
}

/**
 * kopir_order_is_final:
 * @self: a #KopirOrder
 *
 * Returns: %TRUE if nothing about the order can change any more
 */
gboolean
kopir_order_is_final (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), FALSE);

  switch (self->status)
    {
    case KOPIR_ORDER_STATUS_FILLED:
    case KOPIR_ORDER_STATUS_CANCELED:
    case KOPIR_ORDER_STATUS_REJECTED:
    case KOPIR_ORDER_STATUS_EXPIRED:
      return TRUE;
    case KOPIR_ORDER_STATUS_NEW:
    case KOPIR_ORDER_STATUS_PARTIALLY_FILLED:
    case KOPIR_ORDER_STATUS_PENDING_CANCEL:
    case KOPIR_ORDER_STATUS_UNKNOWN:
    default:
      return FALSE;
    }
}

KopirDecimal
kopir_order_get_price (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), kopir_decimal_from_int (0));
  return self->price;
}

KopirDecimal
kopir_order_get_orig_qty (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), kopir_decimal_from_int (0));
  return self->orig_qty;
}

KopirDecimal
kopir_order_get_executed_qty (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), kopir_decimal_from_int (0));
  return self->executed_qty;
}

KopirDecimal
kopir_order_get_cummulative_quote_qty (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), kopir_decimal_from_int (0));
  return self->cummulative_quote_qty;
}

gint64
kopir_order_get_time (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), 0);
  return self->time;
}

gint64
kopir_order_get_update_time (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), 0);
  return self->update_time;
}

guint
kopir_order_get_n_fills (KopirOrder *self)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), 0);
  return self->fills->len;
}

const KopirFill *
kopir_order_get_fill (KopirOrder *self,
                      guint       position)
{
  g_return_val_if_fail (KOPIR_IS_ORDER (self), NULL);
  g_return_val_if_fail (position < self->fills->len, NULL);

  return &g_array_index (self->fills, KopirFill, position);
}
