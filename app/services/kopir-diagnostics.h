/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-diagnostics.h: "test connection", in plain words */

#pragma once

#include "kopir-diagnostic-check.h"
#include "kopir-exchange-client.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_DIAGNOSTICS (kopir_diagnostics_get_type ())

G_DECLARE_FINAL_TYPE (KopirDiagnostics, kopir_diagnostics, KOPIR, DIAGNOSTICS, GObject)

KopirDiagnostics *kopir_diagnostics_new        (KopirExchangeClient  *client);
void              kopir_diagnostics_run_async  (KopirDiagnostics     *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GListModel       *kopir_diagnostics_run_finish (KopirDiagnostics     *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
