/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-application.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_WINDOW (kopir_window_get_type ())

G_DECLARE_FINAL_TYPE (KopirWindow, kopir_window, KOPIR, WINDOW, AdwApplicationWindow)

KopirWindow *kopir_window_new             (KopirApplication *application,
                                           GSettings        *settings);
const char  *kopir_window_get_active_page (KopirWindow      *self);
void         kopir_window_set_active_page (KopirWindow      *self,
                                           const char       *page);

G_END_DECLS
