/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-purchase-manager.h: purchases that survive faults and crashes */

#pragma once

#include "kopir-exchange-client.h"
#include "kopir-ledger.h"
#include "kopir-purchase.h"

G_BEGIN_DECLS

/**
 * KopirPurchaseRequest:
 * @symbol: the market, e.g. "BTCKZT"
 * @type: at the market, or at a limit price
 * @has_spend: for a market order, buy for @spend tenge; otherwise buy
 *   @quantity
 * @spend: how much of the quote asset (tenge) to spend
 * @quantity: how much of the base asset to buy
 * @price: the limit price, for a limit order
 *
 * What to buy.  Zero-initialise, then fill in.
 */
typedef struct
{
  const char     *symbol;
  KopirOrderType  type;
  gboolean        has_spend;
  KopirDecimal    spend;
  KopirDecimal    quantity;
  KopirDecimal    price;
} KopirPurchaseRequest;

#define KOPIR_TYPE_PURCHASE_MANAGER (kopir_purchase_manager_get_type ())

G_DECLARE_FINAL_TYPE (KopirPurchaseManager, kopir_purchase_manager, KOPIR, PURCHASE_MANAGER, GObject)

KopirPurchaseManager *kopir_purchase_manager_new              (KopirExchangeClient   *client,
                                                               KopirLedger           *ledger);
GListModel           *kopir_purchase_manager_get_purchases    (KopirPurchaseManager  *self);
guint                 kopir_purchase_manager_get_n_checking   (KopirPurchaseManager  *self);
guint                 kopir_purchase_manager_get_n_in_flight  (KopirPurchaseManager  *self);
void                  kopir_purchase_manager_set_settle_time  (KopirPurchaseManager  *self,
                                                               guint                  milliseconds);

void                  kopir_purchase_manager_buy_async        (KopirPurchaseManager  *self,
                                                               const char            *symbol,
                                                               const KopirDecimal    *spend,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
KopirPurchase        *kopir_purchase_manager_buy_finish       (KopirPurchaseManager  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
void                  kopir_purchase_manager_place_async      (KopirPurchaseManager       *self,
                                                               const KopirPurchaseRequest *request,
                                                               GCancellable               *cancellable,
                                                               GAsyncReadyCallback         callback,
                                                               gpointer                    user_data);
KopirPurchase        *kopir_purchase_manager_place_finish     (KopirPurchaseManager  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
void                  kopir_purchase_manager_cancel_async     (KopirPurchaseManager  *self,
                                                               KopirPurchase         *purchase,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean              kopir_purchase_manager_cancel_finish    (KopirPurchaseManager  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
void                  kopir_purchase_manager_load_open_async  (KopirPurchaseManager  *self,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean              kopir_purchase_manager_load_open_finish (KopirPurchaseManager  *self,
                                                               GAsyncResult          *result,
                                                               guint                 *n_loaded,
                                                               GError               **error);
void                  kopir_purchase_manager_set_follow_interval (KopirPurchaseManager *self,
                                                                  guint                 milliseconds);
void                  kopir_purchase_manager_reconcile_async  (KopirPurchaseManager  *self,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean              kopir_purchase_manager_reconcile_finish (KopirPurchaseManager  *self,
                                                               GAsyncResult          *result,
                                                               guint                 *n_resolved,
                                                               GError               **error);

G_END_DECLS
