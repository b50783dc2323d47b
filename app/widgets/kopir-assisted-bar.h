/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-assisted-session.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_ASSISTED_BAR (kopir_assisted_bar_get_type ())

G_DECLARE_FINAL_TYPE (KopirAssistedBar, kopir_assisted_bar, KOPIR, ASSISTED_BAR, GtkWidget)

GtkWidget *kopir_assisted_bar_new (KopirAssistedSession *session);

G_END_DECLS
