/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-transfer-journal.h: deposits and withdrawals kept in the ledger */

#pragma once

#include <gio/gio.h>

#include "kopir-decimal.h"
#include "kopir-ledger.h"
#include "kopir-withdrawal.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_TRANSFER_JOURNAL (kopir_transfer_journal_get_type ())

G_DECLARE_FINAL_TYPE (KopirTransferJournal, kopir_transfer_journal, KOPIR, TRANSFER_JOURNAL, GObject)

KopirTransferJournal *kopir_transfer_journal_new                          (const char            *ledger_path);
const char           *kopir_transfer_journal_get_ledger_path              (KopirTransferJournal  *self);
void                  kopir_transfer_journal_set_settle_time              (KopirTransferJournal  *self,
                                                                           guint                  milliseconds);
void                  kopir_transfer_journal_begin_withdrawal_async       (KopirTransferJournal  *self,
                                                                           const char            *client_withdrawal_id,
                                                                           const char            *link_id,
                                                                           const char            *iban,
                                                                           const KopirDecimal    *amount,
                                                                           GCancellable          *cancellable,
                                                                           GAsyncReadyCallback    callback,
                                                                           gpointer               user_data);
gboolean              kopir_transfer_journal_begin_withdrawal_finish      (KopirTransferJournal  *self,
                                                                           GAsyncResult          *result,
                                                                           GError               **error);
void                  kopir_transfer_journal_refuse_withdrawal_async      (KopirTransferJournal  *self,
                                                                           const char            *client_withdrawal_id,
                                                                           const KopirDecimal    *amount,
                                                                           GCancellable          *cancellable,
                                                                           GAsyncReadyCallback    callback,
                                                                           gpointer               user_data);
gboolean              kopir_transfer_journal_refuse_withdrawal_finish     (KopirTransferJournal  *self,
                                                                           GAsyncResult          *result,
                                                                           GError               **error);
void                  kopir_transfer_journal_sync_async                   (KopirTransferJournal  *self,
                                                                           GListModel            *deposits,
                                                                           GListModel            *withdrawals,
                                                                           gboolean               withdrawals_complete,
                                                                           GCancellable          *cancellable,
                                                                           GAsyncReadyCallback    callback,
                                                                           gpointer               user_data);
GPtrArray            *kopir_transfer_journal_sync_finish                  (KopirTransferJournal  *self,
                                                                           GAsyncResult          *result,
                                                                           GError               **error);

G_END_DECLS
