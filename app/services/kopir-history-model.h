/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-history-model.h: the ledger's history as a list model, read page
 * by page as it is looked at */

#pragma once

#include <gio/gio.h>

#include "kopir-history-item.h"
#include "kopir-ledger.h"

G_BEGIN_DECLS

/**
 * KopirHistoryFilter:
 * @kinds: the kinds to list, 0 for all
 * @asset: (nullable): only entries of this asset
 * @from_us: only entries at or after this time, 0 for no bound
 * @to_us: only entries before this time, 0 for no bound
 * @text: (nullable): only entries whose ids, symbol or reference contain
 *   this text
 *
 * What the list shows.  Zero-initialise for everything.
 */
typedef struct
{
  KopirLedgerKind  kinds;
  const char      *asset;
  gint64           from_us;
  gint64           to_us;
  const char      *text;
} KopirHistoryFilter;

/**
 * KopirHistoryDetails:
 * @order: the order, as the ledger holds it now
 * @fills: (element-type KopirLedgerFill): its fills
 * @events: (element-type KopirLedgerOrderEvent): its states, oldest first
 */
typedef struct
{
  KopirLedgerOrder *order;
  GArray           *fills;
  GArray           *events;
} KopirHistoryDetails;

void                 kopir_history_details_free        (KopirHistoryDetails  *details);
KopirHistoryDetails *kopir_history_details_read        (const char           *ledger_path,
                                                        const char           *client_order_id,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 kopir_history_details_read_async  (const char           *ledger_path,
                                                        const char           *client_order_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KopirHistoryDetails *kopir_history_details_read_finish (GAsyncResult         *result,
                                                        GError              **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirHistoryDetails, kopir_history_details_free)

#define KOPIR_HISTORY_MODEL_PAGE_SIZE 100

#define KOPIR_TYPE_HISTORY_MODEL (kopir_history_model_get_type ())

G_DECLARE_FINAL_TYPE (KopirHistoryModel, kopir_history_model, KOPIR, HISTORY_MODEL, GObject)

KopirHistoryModel   *kopir_history_model_new                  (const char                *ledger_path);
const char          *kopir_history_model_get_ledger_path      (KopirHistoryModel         *self);
void                 kopir_history_model_set_filter           (KopirHistoryModel         *self,
                                                               const KopirHistoryFilter  *filter);
void                 kopir_history_model_set_sort             (KopirHistoryModel         *self,
                                                               KopirLedgerSort            sort,
                                                               gboolean                   ascending);
void                 kopir_history_model_reload               (KopirHistoryModel         *self);
gboolean             kopir_history_model_get_counting         (KopirHistoryModel         *self);
gboolean             kopir_history_model_get_filtered         (KopirHistoryModel         *self);
const GError        *kopir_history_model_get_error            (KopirHistoryModel         *self);
guint                kopir_history_model_get_n_pages_cached   (KopirHistoryModel         *self);
guint                kopir_history_model_get_n_items_alive    (KopirHistoryModel         *self);

void                 kopir_history_model_load_details_async   (KopirHistoryModel         *self,
                                                               const char                *client_order_id,
                                                               GCancellable              *cancellable,
                                                               GAsyncReadyCallback        callback,
                                                               gpointer                   user_data);
KopirHistoryDetails *kopir_history_model_load_details_finish  (KopirHistoryModel         *self,
                                                               GAsyncResult              *result,
                                                               GError                   **error);
void                 kopir_history_model_export_csv_async     (KopirHistoryModel         *self,
                                                               GFile                     *file,
                                                               GCancellable              *cancellable,
                                                               GAsyncReadyCallback        callback,
                                                               gpointer                   user_data);
gboolean             kopir_history_model_export_csv_finish    (KopirHistoryModel         *self,
                                                               GAsyncResult              *result,
                                                               guint                     *n_rows,
                                                               GError                   **error);

G_END_DECLS
