/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-portfolio.h: the customer's balances beside what they paid */

#pragma once

#include "kopir-exchange-client.h"

G_BEGIN_DECLS

/**
 * KopirPortfolioEntry:
 * @asset: e.g. "BTC"
 * @free: what can be used
 * @locked: what waits in open orders
 * @bought: how much was bought through Kopir (from the ledger's fills),
 *   fees taken off
 * @paid: what was paid for it, in tenge, fees included
 */
typedef struct
{
  char         asset[16];
  KopirDecimal free;
  KopirDecimal locked;
  KopirDecimal bought;
  KopirDecimal paid;
} KopirPortfolioEntry;

/**
 * KopirPortfolio:
 * @entries: (element-type KopirPortfolioEntry): tenge first, then the
 *   assets asked for, in that order
 * @has_taker_rate: whether the exchange said what a market order costs
 * @taker_rate: that fee, as a fraction
 */
typedef struct
{
  GArray       *entries;
  gboolean      has_taker_rate;
  KopirDecimal  taker_rate;
} KopirPortfolio;

void                       kopir_portfolio_free        (KopirPortfolio       *portfolio);
const KopirPortfolioEntry *kopir_portfolio_lookup      (const KopirPortfolio *portfolio,
                                                        const char           *asset);
void                       kopir_portfolio_load_async  (KopirExchangeClient  *client,
                                                        const char           *ledger_path,
                                                        const char * const   *assets,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KopirPortfolio            *kopir_portfolio_load_finish (GAsyncResult         *result,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirPortfolio, kopir_portfolio_free)

G_END_DECLS
