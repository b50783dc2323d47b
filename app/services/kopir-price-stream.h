/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-price-stream.h: live prices that keep coming, whatever the network */

#pragma once

#include "kopir-exchange-client.h"
#include "kopir-market.h"

G_BEGIN_DECLS

/**
 * KopirPriceStreamMode:
 * @KOPIR_PRICE_STREAM_STOPPED: not running
 * @KOPIR_PRICE_STREAM_CONNECTING: opening the WebSocket
 * @KOPIR_PRICE_STREAM_STREAMING: prices arrive over the WebSocket
 * @KOPIR_PRICE_STREAM_POLLING: the WebSocket is down; prices are polled
 *   while it reconnects
 */
typedef enum
{
  KOPIR_PRICE_STREAM_STOPPED,
  KOPIR_PRICE_STREAM_CONNECTING,
  KOPIR_PRICE_STREAM_STREAMING,
  KOPIR_PRICE_STREAM_POLLING,
} KopirPriceStreamMode;

#define KOPIR_TYPE_PRICE_STREAM (kopir_price_stream_get_type ())

G_DECLARE_FINAL_TYPE (KopirPriceStream, kopir_price_stream, KOPIR, PRICE_STREAM, GObject)

KopirPriceStream     *kopir_price_stream_new            (SoupSession         *session,
                                                         KopirExchangeClient *client);
void                  kopir_price_stream_set_stream_url (KopirPriceStream    *self,
                                                         const char          *stream_url);
GListModel           *kopir_price_stream_get_markets    (KopirPriceStream    *self);
KopirMarket          *kopir_price_stream_watch          (KopirPriceStream    *self,
                                                         const char          *symbol);
KopirMarket          *kopir_price_stream_lookup         (KopirPriceStream    *self,
                                                         const char          *symbol);
void                  kopir_price_stream_start          (KopirPriceStream    *self);
void                  kopir_price_stream_stop           (KopirPriceStream    *self);
KopirPriceStreamMode  kopir_price_stream_get_mode       (KopirPriceStream    *self);
void                  kopir_price_stream_set_poll_interval (KopirPriceStream *self,
                                                            guint             milliseconds);

G_END_DECLS
