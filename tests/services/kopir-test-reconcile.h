/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-test-reconcile.h: does the ledger say what the exchange says? */

#pragma once

#include "kopir-exchange-client.h"
#include "kopir-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_filled;
  guint n_not_placed;
} KopirTestTally;

void kopir_test_assert_ledger_matches_exchange (KopirLedger         *ledger,
                                                KopirExchangeClient *client,
                                                const char          *symbol,
                                                const char          *initial_kzt,
                                                KopirTestTally      *tally);

G_END_DECLS
