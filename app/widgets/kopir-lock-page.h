/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-assisted-session.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_LOCK_PAGE (kopir_lock_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirLockPage, kopir_lock_page, KOPIR, LOCK_PAGE, AdwBin)

GtkWidget *kopir_lock_page_new   (KopirAssistedSession *session);
void       kopir_lock_page_reset (KopirLockPage        *self);

G_END_DECLS
