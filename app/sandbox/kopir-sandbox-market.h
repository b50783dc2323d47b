/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-market.h: the sandbox's deterministic tenge market.
 *
 * Four pairs quoted in tenge walk once a second from realistic prices, driven
 * by a seeded generator in integer arithmetic, so the same seed always gives
 * the same prices.  Around each price stands a synthetic order book that
 * customer orders consume until the next step, and one-minute bars are kept
 * for three days (pre-filled on start so charts have history).
 */
#pragma once

#include <glib-object.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

#define KOPIR_SANDBOX_MARKET_LEVELS 1000
#define KOPIR_SANDBOX_MARKET_BARS   4320

typedef enum
{
  KOPIR_SANDBOX_SIDE_BID,
  KOPIR_SANDBOX_SIDE_ASK,
} KopirSandboxSide;

/**
 * KopirSandboxSymbol:
 *
 * A pair and its trading filters, as exchangeInfo publishes them.
 */
typedef struct
{
  const char   *name;
  const char   *base;
  const char   *quote;
  guint         index;
  KopirDecimal  tick_size;
  KopirDecimal  min_price;
  KopirDecimal  max_price;
  KopirDecimal  step_size;
  KopirDecimal  min_qty;
  KopirDecimal  max_qty;
  KopirDecimal  market_max_qty;
  KopirDecimal  min_notional;
  KopirDecimal  max_notional;
} KopirSandboxSymbol;

/**
 * KopirSandboxBar:
 *
 * One minute of trading.
 */
typedef struct
{
  gint64       open_time;
  KopirDecimal open;
  KopirDecimal high;
  KopirDecimal low;
  KopirDecimal close;
  KopirDecimal volume;
  KopirDecimal quote_volume;
  KopirDecimal taker_buy_volume;
  KopirDecimal taker_buy_quote_volume;
  gint64       trades;
  gint64       first_trade_id;
  gint64       last_trade_id;
} KopirSandboxBar;

#define KOPIR_TYPE_SANDBOX_MARKET (kopir_sandbox_market_get_type ())

G_DECLARE_FINAL_TYPE (KopirSandboxMarket, kopir_sandbox_market, KOPIR, SANDBOX_MARKET, GObject)

KopirSandboxMarket       *kopir_sandbox_market_new          (guint64                   seed,
                                                             gint64                    now_ms);
guint                     kopir_sandbox_market_n_symbols    (KopirSandboxMarket       *self);
const KopirSandboxSymbol *kopir_sandbox_market_symbol_at    (KopirSandboxMarket       *self,
                                                             guint                     index);
const KopirSandboxSymbol *kopir_sandbox_market_lookup       (KopirSandboxMarket       *self,
                                                             const char               *name);
void                      kopir_sandbox_market_advance_to   (KopirSandboxMarket       *self,
                                                             gint64                    now_ms);
gboolean                  kopir_sandbox_market_set_mid      (KopirSandboxMarket       *self,
                                                             const KopirSandboxSymbol *symbol,
                                                             const KopirDecimal       *price);
gint64                    kopir_sandbox_market_update_id    (KopirSandboxMarket       *self);
guint64                   kopir_sandbox_market_get_seed     (KopirSandboxMarket       *self);
void                      kopir_sandbox_market_mid          (KopirSandboxMarket       *self,
                                                             const KopirSandboxSymbol *symbol,
                                                             KopirDecimal             *out);
gboolean                  kopir_sandbox_market_level        (KopirSandboxMarket       *self,
                                                             const KopirSandboxSymbol *symbol,
                                                             KopirSandboxSide          side,
                                                             guint                     index,
                                                             KopirDecimal             *price,
                                                             KopirDecimal             *available);
void                      kopir_sandbox_market_consume      (KopirSandboxMarket       *self,
                                                             const KopirSandboxSymbol *symbol,
                                                             KopirSandboxSide          side,
                                                             guint                     index,
                                                             const KopirDecimal       *qty);
void                      kopir_sandbox_market_best         (KopirSandboxMarket       *self,
                                                             const KopirSandboxSymbol *symbol,
                                                             KopirSandboxSide          side,
                                                             KopirDecimal             *price,
                                                             KopirDecimal             *qty);
const KopirSandboxBar    *kopir_sandbox_market_bars         (KopirSandboxMarket       *self,
                                                             const KopirSandboxSymbol *symbol,
                                                             guint                    *n_bars);
void                      kopir_sandbox_market_record_trade (KopirSandboxMarket       *self,
                                                             const KopirSandboxSymbol *symbol,
                                                             gint64                    trade_id,
                                                             const KopirDecimal       *price,
                                                             const KopirDecimal       *qty,
                                                             gboolean                  taker_buys);
gint64                    kopir_sandbox_market_last_trade_id (KopirSandboxMarket      *self,
                                                             const KopirSandboxSymbol *symbol);

G_END_DECLS
