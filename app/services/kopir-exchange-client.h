/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-exchange-client.h: the Binance Spot dialect, asynchronously */

#pragma once

#include <libsoup/soup.h>

#include "kopir-account.h"
#include "kopir-credentials.h"
#include "kopir-exchange-error.h"
#include "kopir-market.h"
#include "kopir-order.h"
#include "kopir-quote.h"
#include "kopir-symbol-filters.h"
#include "kopir-trade.h"
#include "kopir-transport.h"

G_BEGIN_DECLS

/**
 * KopirOrderRequest:
 * @symbol: the market, e.g. "BTCKZT"
 * @side: "BUY" or "SELL"
 * @type: "MARKET" or "LIMIT"
 * @quote_order_qty: for a MARKET order, how much of the quote asset to
 *   spend (tenge); zero to use @quantity
 * @quantity: the base asset quantity (LIMIT orders, or MARKET by quantity)
 * @price: the limit price (LIMIT orders)
 * @time_in_force: "GTC", "IOC" or "FOK" (LIMIT orders)
 * @client_order_id: the id chosen by Kopir, unique per order; the only way
 *   to ask about an order whose answer was lost
 */
typedef struct
{
  const char   *symbol;
  const char   *side;
  const char   *type;
  KopirDecimal  quote_order_qty;
  KopirDecimal  quantity;
  KopirDecimal  price;
  const char   *time_in_force;
  const char   *client_order_id;
} KopirOrderRequest;

/**
 * KopirKline:
 * @open_time: milliseconds since the epoch
 * @close_time: milliseconds since the epoch
 * @open: first price
 * @high: highest price
 * @low: lowest price
 * @close: last price
 * @volume: base asset volume
 */
typedef struct
{
  gint64       open_time;
  gint64       close_time;
  KopirDecimal open;
  KopirDecimal high;
  KopirDecimal low;
  KopirDecimal close;
  KopirDecimal volume;
} KopirKline;

#define KOPIR_TYPE_EXCHANGE_CLIENT (kopir_exchange_client_get_type ())

G_DECLARE_FINAL_TYPE (KopirExchangeClient, kopir_exchange_client, KOPIR, EXCHANGE_CLIENT, GObject)

KopirExchangeClient      *kopir_exchange_client_new                 (SoupSession            *session);
KopirTransport           *kopir_exchange_client_get_transport       (KopirExchangeClient    *self);
const char               *kopir_exchange_client_get_base_url        (KopirExchangeClient    *self);
void                      kopir_exchange_client_set_base_url        (KopirExchangeClient    *self,
                                                                     const char             *base_url);
void                      kopir_exchange_client_set_credentials     (KopirExchangeClient    *self,
                                                                     const KopirCredentials *credentials);
gboolean                  kopir_exchange_client_has_credentials     (KopirExchangeClient    *self);
guint                     kopir_exchange_client_get_used_weight     (KopirExchangeClient    *self);
guint                     kopir_exchange_client_get_weight_limit    (KopirExchangeClient    *self);
gint64                    kopir_exchange_client_get_clock_offset    (KopirExchangeClient    *self);
const KopirSymbolFilters *kopir_exchange_client_lookup_filters      (KopirExchangeClient    *self,
                                                                     const char             *symbol);
gboolean                  kopir_exchange_client_is_trading          (KopirExchangeClient    *self,
                                                                     const char             *symbol);

void                      kopir_exchange_client_sync_time_async     (KopirExchangeClient    *self,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
gboolean                  kopir_exchange_client_sync_time_finish    (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void                      kopir_exchange_client_get_exchange_info_async  (KopirExchangeClient *self,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
GPtrArray                *kopir_exchange_client_get_exchange_info_finish (KopirExchangeClient *self,
                                                                          GAsyncResult        *result,
                                                                          GError             **error);
void                      kopir_exchange_client_get_ticker_async    (KopirExchangeClient    *self,
                                                                     const char             *symbol,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
KopirMarket              *kopir_exchange_client_get_ticker_finish   (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void                      kopir_exchange_client_get_book_ticker_async  (KopirExchangeClient *self,
                                                                        const char          *symbol,
                                                                        GCancellable        *cancellable,
                                                                        GAsyncReadyCallback  callback,
                                                                        gpointer             user_data);
KopirMarket              *kopir_exchange_client_get_book_ticker_finish (KopirExchangeClient *self,
                                                                        GAsyncResult        *result,
                                                                        GError             **error);
void                      kopir_exchange_client_get_price_async     (KopirExchangeClient    *self,
                                                                     const char             *symbol,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
gboolean                  kopir_exchange_client_get_price_finish    (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     KopirDecimal           *price,
                                                                     GError                **error);
void                      kopir_exchange_client_get_depth_async     (KopirExchangeClient    *self,
                                                                     const char             *symbol,
                                                                     guint                   limit,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
KopirOrderBook           *kopir_exchange_client_get_depth_finish    (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void                      kopir_exchange_client_get_klines_async    (KopirExchangeClient    *self,
                                                                     const char             *symbol,
                                                                     const char             *interval,
                                                                     guint                   limit,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
GArray                   *kopir_exchange_client_get_klines_finish   (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);

void                      kopir_exchange_client_place_order_async   (KopirExchangeClient     *self,
                                                                     const KopirOrderRequest *request,
                                                                     GCancellable            *cancellable,
                                                                     GAsyncReadyCallback      callback,
                                                                     gpointer                 user_data);
KopirOrder               *kopir_exchange_client_place_order_finish  (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void                      kopir_exchange_client_test_order_async    (KopirExchangeClient     *self,
                                                                     const KopirOrderRequest *request,
                                                                     GCancellable            *cancellable,
                                                                     GAsyncReadyCallback      callback,
                                                                     gpointer                 user_data);
gboolean                  kopir_exchange_client_test_order_finish   (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void                      kopir_exchange_client_query_order_async   (KopirExchangeClient    *self,
                                                                     const char             *symbol,
                                                                     const char             *client_order_id,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
KopirOrder               *kopir_exchange_client_query_order_finish  (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void                      kopir_exchange_client_cancel_order_async  (KopirExchangeClient    *self,
                                                                     const char             *symbol,
                                                                     const char             *client_order_id,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
KopirOrder               *kopir_exchange_client_cancel_order_finish (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void                      kopir_exchange_client_get_open_orders_async  (KopirExchangeClient *self,
                                                                        const char          *symbol,
                                                                        GCancellable        *cancellable,
                                                                        GAsyncReadyCallback  callback,
                                                                        gpointer             user_data);
GPtrArray                *kopir_exchange_client_get_open_orders_finish (KopirExchangeClient *self,
                                                                        GAsyncResult        *result,
                                                                        GError             **error);
void                      kopir_exchange_client_get_all_orders_async  (KopirExchangeClient *self,
                                                                       const char          *symbol,
                                                                       GCancellable        *cancellable,
                                                                       GAsyncReadyCallback  callback,
                                                                       gpointer             user_data);
GPtrArray                *kopir_exchange_client_get_all_orders_finish (KopirExchangeClient *self,
                                                                       GAsyncResult        *result,
                                                                       GError             **error);
void                      kopir_exchange_client_get_account_async   (KopirExchangeClient    *self,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
KopirAccount             *kopir_exchange_client_get_account_finish  (KopirExchangeClient    *self,
                                                                     GAsyncResult           *result,
                                                                     GError                **error);
void                      kopir_exchange_client_get_my_trades_async (KopirExchangeClient    *self,
                                                                     const char             *symbol,
                                                                     GCancellable           *cancellable,
                                                                     GAsyncReadyCallback     callback,
                                                                     gpointer                user_data);
GPtrArray                *kopir_exchange_client_get_my_trades_finish (KopirExchangeClient   *self,
                                                                      GAsyncResult          *result,
                                                                      GError               **error);
void                      kopir_exchange_client_get_order_trades_async  (KopirExchangeClient *self,
                                                                         const char          *symbol,
                                                                         gint64               order_id,
                                                                         GCancellable        *cancellable,
                                                                         GAsyncReadyCallback  callback,
                                                                         gpointer             user_data);
GPtrArray                *kopir_exchange_client_get_order_trades_finish (KopirExchangeClient *self,
                                                                         GAsyncResult        *result,
                                                                         GError             **error);

G_END_DECLS
