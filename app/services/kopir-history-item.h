/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-history-item.h: one entry of the history, as a list shows it */

#pragma once

#include <glib-object.h>

#include "kopir-ledger.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_HISTORY_ITEM (kopir_history_item_get_type ())

G_DECLARE_FINAL_TYPE (KopirHistoryItem, kopir_history_item, KOPIR, HISTORY_ITEM, GObject)

KopirHistoryItem       *kopir_history_item_new              (guint                   position);
guint                   kopir_history_item_get_position     (KopirHistoryItem       *self);
gboolean                kopir_history_item_get_loaded       (KopirHistoryItem       *self);
const KopirLedgerEntry *kopir_history_item_get_entry        (KopirHistoryItem       *self);
void                    kopir_history_item_set_entry        (KopirHistoryItem       *self,
                                                             GPtrArray              *page,
                                                             guint                   index);

const char             *kopir_history_entry_get_kind_label  (const KopirLedgerEntry *entry);
const char             *kopir_history_entry_get_status_label (const KopirLedgerEntry *entry);
const char             *kopir_transfer_state_get_label      (KopirTransferState      state);
gboolean                kopir_history_entry_get_amount      (const KopirLedgerEntry *entry,
                                                             KopirDecimal           *amount,
                                                             const char            **currency);
gboolean                kopir_history_entry_get_total       (const KopirLedgerEntry *entry,
                                                             KopirDecimal           *total,
                                                             const char            **currency);
gboolean                kopir_ledger_order_get_average_price (const KopirLedgerOrder *order,
                                                              KopirDecimal           *price);

G_END_DECLS
