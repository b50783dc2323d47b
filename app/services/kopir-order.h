/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-order.h: an order as the exchange reports it */

#pragma once

#include <json-glib/json-glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

/**
 * KopirOrderStatus:
 * @KOPIR_ORDER_STATUS_NEW: accepted, nothing filled yet
 * @KOPIR_ORDER_STATUS_PARTIALLY_FILLED: part filled, the rest open
 * @KOPIR_ORDER_STATUS_FILLED: filled completely
 * @KOPIR_ORDER_STATUS_CANCELED: cancelled (possibly after part fills)
 * @KOPIR_ORDER_STATUS_PENDING_CANCEL: being cancelled
 * @KOPIR_ORDER_STATUS_REJECTED: refused
 * @KOPIR_ORDER_STATUS_EXPIRED: expired (e.g. a market order with no
 *   liquidity left), possibly after part fills
 * @KOPIR_ORDER_STATUS_UNKNOWN: a status Kopir does not know
 */
typedef enum
{
  KOPIR_ORDER_STATUS_NEW,
  KOPIR_ORDER_STATUS_PARTIALLY_FILLED,
  KOPIR_ORDER_STATUS_FILLED,
  KOPIR_ORDER_STATUS_CANCELED,
  KOPIR_ORDER_STATUS_PENDING_CANCEL,
  KOPIR_ORDER_STATUS_REJECTED,
  KOPIR_ORDER_STATUS_EXPIRED,
  KOPIR_ORDER_STATUS_UNKNOWN,
} KopirOrderStatus;

/**
 * KopirFill:
 * @price: the price of this part
 * @qty: the quantity bought or sold
 * @commission: the fee
 * @commission_asset: the fee's asset
 * @trade_id: the exchange's trade id
 */
typedef struct
{
  KopirDecimal price;
  KopirDecimal qty;
  KopirDecimal commission;
  char         commission_asset[16];
  gint64       trade_id;
} KopirFill;

#define KOPIR_TYPE_ORDER (kopir_order_get_type ())

G_DECLARE_FINAL_TYPE (KopirOrder, kopir_order, KOPIR, ORDER, GObject)

KopirOrder       *kopir_order_new_from_json            (JsonObject  *object,
                                                        GError     **error);
const char       *kopir_order_get_symbol               (KopirOrder  *self);
gint64            kopir_order_get_order_id             (KopirOrder  *self);
const char       *kopir_order_get_client_order_id      (KopirOrder  *self);
const char       *kopir_order_get_side                 (KopirOrder  *self);
const char       *kopir_order_get_order_type           (KopirOrder  *self);
KopirOrderStatus  kopir_order_get_status               (KopirOrder  *self);
const char       *kopir_order_get_status_string        (KopirOrder  *self);
gboolean          kopir_order_is_final                 (KopirOrder  *self);
KopirDecimal      kopir_order_get_price                (KopirOrder  *self);
KopirDecimal      kopir_order_get_orig_qty             (KopirOrder  *self);
KopirDecimal      kopir_order_get_executed_qty         (KopirOrder  *self);
KopirDecimal      kopir_order_get_cummulative_quote_qty (KopirOrder *self);
gint64            kopir_order_get_time                 (KopirOrder  *self);
gint64            kopir_order_get_update_time          (KopirOrder  *self);
guint             kopir_order_get_n_fills              (KopirOrder  *self);
const KopirFill  *kopir_order_get_fill                 (KopirOrder  *self,
                                                        guint        position);

KopirOrderStatus  kopir_order_status_from_string       (const char  *status);

G_END_DECLS
