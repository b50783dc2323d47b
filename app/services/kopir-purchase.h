/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-purchase.h: one purchase, as the customer follows it */

#pragma once

#include <glib-object.h>

#include "kopir-decimal.h"
#include "kopir-ledger.h"

G_BEGIN_DECLS

/**
 * KopirPurchaseState:
 * @KOPIR_PURCHASE_STATE_SENDING: recorded, on its way to the exchange
 * @KOPIR_PURCHASE_STATE_CHECKING: the exchange's answer was lost; Kopir is
 *   asking the exchange what became of the order ("checking your order")
 * @KOPIR_PURCHASE_STATE_OPEN: accepted, waiting to be filled
 * @KOPIR_PURCHASE_STATE_COMPLETED: filled, completely or in part
 * @KOPIR_PURCHASE_STATE_FAILED: nothing was bought
 */
typedef enum
{
  KOPIR_PURCHASE_STATE_SENDING,
  KOPIR_PURCHASE_STATE_CHECKING,
  KOPIR_PURCHASE_STATE_OPEN,
  KOPIR_PURCHASE_STATE_COMPLETED,
  KOPIR_PURCHASE_STATE_FAILED,
} KopirPurchaseState;

#define KOPIR_TYPE_PURCHASE (kopir_purchase_get_type ())

G_DECLARE_FINAL_TYPE (KopirPurchase, kopir_purchase, KOPIR, PURCHASE, GObject)

KopirPurchase      *kopir_purchase_new                 (const KopirLedgerOrder *order);
const char         *kopir_purchase_get_client_order_id (KopirPurchase          *self);
const char         *kopir_purchase_get_symbol          (KopirPurchase          *self);
KopirPurchaseState  kopir_purchase_get_state           (KopirPurchase          *self);
KopirOrderState     kopir_purchase_get_order_state     (KopirPurchase          *self);
gboolean            kopir_purchase_is_resolved         (KopirPurchase          *self);
const KopirLedgerOrder *kopir_purchase_get_order       (KopirPurchase          *self);
const char         *kopir_purchase_get_message         (KopirPurchase          *self);
void                kopir_purchase_update              (KopirPurchase          *self,
                                                        const KopirLedgerOrder *order,
                                                        gboolean                checking,
                                                        const char             *message);

G_END_DECLS
