/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-holding.h: what an asset the customer holds is worth, and what
 * they paid for it.
 *
 * The exchange says how much is held; the ledger's fills say how much
 * was bought and for how much.  What was paid for what is held is the
 * average cost of the purchases times the quantity held, counting no
 * more than was bought: an asset that came from elsewhere has no price
 * paid here.  Its value is the quantity times the market price.  All in
 * exact decimals; the value is rounded down and the cost up, so a gain is
 * never overstated.
 */
#pragma once

#include <glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

/**
 * KopirHolding:
 * @quantity: how much is held (free and locked in open orders)
 * @has_value: whether a price was known
 * @value: @quantity at the price, in the quote asset
 * @has_cost: whether any of @quantity was bought through Kopir
 * @cost: what was paid for the part of @quantity that was bought,
 *   fees included
 * @costed_quantity: that part
 * @has_change: whether @change_percent means something (value and cost
 *   known, cost above zero)
 * @change_percent: (value of the costed part - @cost) / @cost × 100,
 *   to two decimals, rounded toward zero
 */
typedef struct
{
  KopirDecimal quantity;
  gboolean     has_value;
  KopirDecimal value;
  gboolean     has_cost;
  KopirDecimal cost;
  KopirDecimal costed_quantity;
  gboolean     has_change;
  KopirDecimal change_percent;
} KopirHolding;

gboolean kopir_holding_compute (const KopirDecimal *quantity,
                                const KopirDecimal *price,
                                const KopirDecimal *bought,
                                const KopirDecimal *paid,
                                guint               quote_scale,
                                KopirHolding       *holding);

G_END_DECLS
