/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_DIAGNOSTICS_VIEW (kopir_diagnostics_view_get_type ())

G_DECLARE_FINAL_TYPE (KopirDiagnosticsView, kopir_diagnostics_view, KOPIR, DIAGNOSTICS_VIEW, GtkBox)

GtkWidget    *kopir_diagnostics_view_new         (KopirContext         *context);
KopirContext *kopir_diagnostics_view_get_context (KopirDiagnosticsView *self);
void          kopir_diagnostics_view_run         (KopirDiagnosticsView *self);
void          kopir_diagnostics_view_cancel      (KopirDiagnosticsView *self);

G_END_DECLS
