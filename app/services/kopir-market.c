/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-market.c: the live prices of one market, for binding
 *
 * Updated by #KopirPriceStream (WebSocket or polling) and by ticker
 * requests. Each change notifies only the properties that changed; the
 * UI coalesces notifications to its frame clock. Prices are exposed as
 * the exchange's decimal strings so they can be formatted as money.
 */

#define G_LOG_DOMAIN "kopir-market"

#include "config.h"

#include "kopir-market.h"

struct _KopirMarket
{
  GObject       parent_instance;

  char         *symbol;
  KopirDecimal  price;
  KopirDecimal  bid;
  KopirDecimal  ask;
  KopirDecimal  change_percent;
  KopirDecimal  high;
  KopirDecimal  low;
  gint64        updated_at;
};

G_DEFINE_FINAL_TYPE (KopirMarket, kopir_market, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_PRICE,
  PROP_BID,
  PROP_ASK,
  PROP_CHANGE_PERCENT,
  PROP_HIGH,
  PROP_LOW,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_market_finalize (GObject *object)
{
  KopirMarket *self = (KopirMarket *)object;

  g_clear_pointer (&self->symbol, g_free);

  G_OBJECT_CLASS (kopir_market_parent_class)->finalize (object);
}

static void
kopir_market_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KopirMarket *self = KOPIR_MARKET (object);

  switch (prop_id)
    {
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case PROP_PRICE:
      g_value_take_string (value, kopir_decimal_dup_string (&self->price));
      break;
    case PROP_BID:
      g_value_take_string (value, kopir_decimal_dup_string (&self->bid));
      break;
    case PROP_ASK:
      g_value_take_string (value, kopir_decimal_dup_string (&self->ask));
      break;
    case PROP_CHANGE_PERCENT:
      g_value_take_string (value, kopir_decimal_dup_string (&self->change_percent));
      break;
    case PROP_HIGH:
      g_value_take_string (value, kopir_decimal_dup_string (&self->high));
      break;
    case PROP_LOW:
      g_value_take_string (value, kopir_decimal_dup_string (&self->low));
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_market_class_init (KopirMarketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *decimals[] = { NULL, "symbol", "price", "bid", "ask", "change-percent", "high", "low" };

  object_class->finalize = kopir_market_finalize;
  object_class->get_property = kopir_market_get_property;

  for (guint i = PROP_SYMBOL; i <= PROP_LOW; i++)
    properties[i] = g_param_spec_string (decimals[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                         G_PARAM_EXPLICIT_NOTIFY);
  /* Milliseconds since the epoch of the last update. */
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_market_init (KopirMarket *self)
{
}

KopirMarket *
kopir_market_new (const char *symbol)
{
  KopirMarket *self;

  g_return_val_if_fail (symbol != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_MARKET, NULL);
  self->symbol = g_strdup (symbol);

  return self;
}

const char *
kopir_market_get_symbol (KopirMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET (self), NULL);
  return self->symbol;
}

KopirDecimal
kopir_market_get_price (KopirMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET (self), kopir_decimal_from_int (0));
  return self->price;
}

KopirDecimal
kopir_market_get_bid (KopirMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET (self), kopir_decimal_from_int (0));
  return self->bid;
}

KopirDecimal
kopir_market_get_ask (KopirMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET (self), kopir_decimal_from_int (0));
  return self->ask;
}

KopirDecimal
kopir_market_get_change_percent (KopirMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET (self), kopir_decimal_from_int (0));
  return self->change_percent;
}

KopirDecimal
kopir_market_get_high (KopirMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET (self), kopir_decimal_from_int (0));
  return self->high;
}

KopirDecimal
kopir_market_get_low (KopirMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET (self), kopir_decimal_from_int (0));
  return self->low;
}

gint64
kopir_market_get_updated_at (KopirMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_MARKET (self), 0);
  return self->updated_at;
}

static void
set_decimal (KopirMarket        *self,
             KopirDecimal       *field,
             const KopirDecimal *value,
             guint               prop)
{
  if (value == NULL || kopir_decimal_equal (field, value))
    return;

  *field = *value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
touch (KopirMarket *self)
{
  self->updated_at = g_get_real_time () / 1000;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

void
kopir_market_set_price (KopirMarket        *self,
                        const KopirDecimal *price)
{
  g_return_if_fail (KOPIR_IS_MARKET (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_decimal (self, &self->price, price, PROP_PRICE);
  touch (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
kopir_market_set_book (KopirMarket        *self,
                       const KopirDecimal *bid,
                       const KopirDecimal *ask)
{
  g_return_if_fail (KOPIR_IS_MARKET (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_decimal (self, &self->bid, bid, PROP_BID);
  set_decimal (self, &self->ask, ask, PROP_ASK);
  touch (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
kopir_market_set_day_stats (KopirMarket        *self,
                            const KopirDecimal *change_percent,
                            const KopirDecimal *high,
                            const KopirDecimal *low)
{
  g_return_if_fail (KOPIR_IS_MARKET (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_decimal (self, &self->change_percent, change_percent, PROP_CHANGE_PERCENT);
  set_decimal (self, &self->high, high, PROP_HIGH);
  set_decimal (self, &self->low, low, PROP_LOW);
  touch (self);
  g_object_thaw_notify (G_OBJECT (self));
}
