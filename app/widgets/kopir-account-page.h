/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_ACCOUNT_PAGE (kopir_account_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirAccountPage, kopir_account_page, KOPIR, ACCOUNT_PAGE, AdwBin)

GtkWidget    *kopir_account_page_new         (KopirContext *context);
KopirContext *kopir_account_page_get_context (KopirAccountPage *self);
void          kopir_account_page_set_context (KopirAccountPage *self,
                                              KopirContext     *context);

G_END_DECLS
