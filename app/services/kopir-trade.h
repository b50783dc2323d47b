/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-trade.h: one fill of one of the customer's orders (/myTrades) */

#pragma once

#include <json-glib/json-glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_TRADE (kopir_trade_get_type ())

G_DECLARE_FINAL_TYPE (KopirTrade, kopir_trade, KOPIR, TRADE, GObject)

KopirTrade   *kopir_trade_new_from_json           (JsonObject  *object,
                                                   GError     **error);
const char   *kopir_trade_get_symbol              (KopirTrade  *self);
gint64        kopir_trade_get_id                  (KopirTrade  *self);
gint64        kopir_trade_get_order_id            (KopirTrade  *self);
KopirDecimal  kopir_trade_get_price               (KopirTrade  *self);
KopirDecimal  kopir_trade_get_qty                 (KopirTrade  *self);
KopirDecimal  kopir_trade_get_quote_qty           (KopirTrade  *self);
KopirDecimal  kopir_trade_get_commission          (KopirTrade  *self);
const char   *kopir_trade_get_commission_asset    (KopirTrade  *self);
gint64        kopir_trade_get_time                (KopirTrade  *self);
gboolean      kopir_trade_get_is_buyer            (KopirTrade  *self);

G_END_DECLS
