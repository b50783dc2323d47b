/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_ACCOUNT_PAGE (kopir_account_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirAccountPage, kopir_account_page, KOPIR, ACCOUNT_PAGE, AdwBin)

GtkWidget *kopir_account_page_new (void);

G_END_DECLS
