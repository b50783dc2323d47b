/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-history-csv.h: the history as a spreadsheet file */

#pragma once

#include <gio/gio.h>

#include "kopir-ledger.h"

G_BEGIN_DECLS

char     *kopir_history_csv_field (const char             *text);
gboolean  kopir_history_csv_write (KopirLedger            *ledger,
                                   const KopirLedgerQuery *query,
                                   GOutputStream          *out,
                                   guint                  *n_rows,
                                   GCancellable           *cancellable,
                                   GError                **error);

G_END_DECLS
