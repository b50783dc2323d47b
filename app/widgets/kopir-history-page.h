/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"
#include "kopir-history-model.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_HISTORY_PAGE (kopir_history_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirHistoryPage, kopir_history_page, KOPIR, HISTORY_PAGE, AdwBin)

GtkWidget    *kopir_history_page_new         (KopirContext *context);
KopirContext *kopir_history_page_get_context (KopirHistoryPage *self);
void          kopir_history_page_set_context (KopirHistoryPage *self,
                                              KopirContext     *context);

KopirHistoryModel *kopir_history_page_get_model (KopirHistoryPage *self);

G_END_DECLS
