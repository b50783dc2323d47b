/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-balance.h: how much of one asset the customer holds */

#pragma once

#include <glib-object.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_BALANCE (kopir_balance_get_type ())

G_DECLARE_FINAL_TYPE (KopirBalance, kopir_balance, KOPIR, BALANCE, GObject)

KopirBalance *kopir_balance_new        (const char         *asset,
                                        const KopirDecimal *free,
                                        const KopirDecimal *locked);
const char   *kopir_balance_get_asset  (KopirBalance       *self);
KopirDecimal  kopir_balance_get_free   (KopirBalance       *self);
KopirDecimal  kopir_balance_get_locked (KopirBalance       *self);
KopirDecimal  kopir_balance_get_total  (KopirBalance       *self);

G_END_DECLS
