/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"
#include "kopir-history-model.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_ORDER_DETAILS (kopir_order_details_get_type ())

G_DECLARE_FINAL_TYPE (KopirOrderDetails, kopir_order_details, KOPIR, ORDER_DETAILS, AdwWindow)

KopirOrderDetails *kopir_order_details_new (KopirContext           *context,
                                            KopirHistoryModel      *model,
                                            const KopirLedgerEntry *entry);

G_END_DECLS
