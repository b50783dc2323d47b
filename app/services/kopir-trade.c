/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-trade.c: one fill of one of the customer's orders (/myTrades) */

#define G_LOG_DOMAIN "kopir-trade"

#include "config.h"

#include "kopir-exchange-error.h"
#include "kopir-json-private.h"
#include "kopir-trade.h"

struct _KopirTrade
{
  GObject       parent_instance;

  char         *symbol;
  gint64        id;
  gint64        order_id;
  KopirDecimal  price;
  KopirDecimal  qty;
  KopirDecimal  quote_qty;
  KopirDecimal  commission;
  char         *commission_asset;
  gint64        time;
  gboolean      is_buyer;
};

G_DEFINE_FINAL_TYPE (KopirTrade, kopir_trade, G_TYPE_OBJECT)

static void
kopir_trade_finalize (GObject *object)
{
  KopirTrade *self = (KopirTrade *)object;

  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->commission_asset, g_free);

  G_OBJECT_CLASS (kopir_trade_parent_class)->finalize (object);
}

static void
kopir_trade_class_init (KopirTradeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kopir_trade_finalize;
}

static void
kopir_trade_init (KopirTrade *self)
{
}

KopirTrade *
kopir_trade_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(KopirTrade) self = g_object_new (KOPIR_TYPE_TRADE, NULL);
  const char *symbol = kopir_json_object_string (object, "symbol");
  const char *asset = kopir_json_object_string (object, "commissionAsset");

  if (symbol == NULL || asset == NULL ||
      !kopir_json_object_int (object, "id", &self->id) ||
      !kopir_json_object_int (object, "orderId", &self->order_id) ||
      !kopir_json_object_decimal (object, "price", &self->price) ||
      !kopir_json_object_decimal (object, "qty", &self->qty) ||
      !kopir_json_object_decimal (object, "quoteQty", &self->quote_qty) ||
      !kopir_json_object_decimal (object, "commission", &self->commission) ||
      !kopir_json_object_int (object, "time", &self->time))
    {
      g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                          0, "not a trade", 0, 0, NULL));
      return NULL;
    }

  self->symbol = g_strdup (symbol);
  self->commission_asset = g_strdup (asset);
  kopir_json_object_bool (object, "isBuyer", &self->is_buyer);

  return g_steal_pointer (&self);
}

const char *
kopir_trade_get_symbol (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), NULL);
  return self->symbol;
}

gint64
kopir_trade_get_id (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), 0);
  return self->id;
}

gint64
kopir_trade_get_order_id (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), 0);
  return self->order_id;
}

KopirDecimal
kopir_trade_get_price (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), kopir_decimal_from_int (0));
  return self->price;
}

KopirDecimal
kopir_trade_get_qty (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), kopir_decimal_from_int (0));
  return self->qty;
}

KopirDecimal
kopir_trade_get_quote_qty (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), kopir_decimal_from_int (0));
  return self->quote_qty;
}

KopirDecimal
kopir_trade_get_commission (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), kopir_decimal_from_int (0));
  return self->commission;
}

const char *
kopir_trade_get_commission_asset (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), NULL);
  return self->commission_asset;
}

gint64
kopir_trade_get_time (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), 0);
  return self->time;
}

gboolean
kopir_trade_get_is_buyer (KopirTrade *self)
{
  g_return_val_if_fail (KOPIR_IS_TRADE (self), FALSE);
  return self->is_buyer;
}
