/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-assisted-session.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_SUPERVISOR_WINDOW (kopir_supervisor_window_get_type ())

G_DECLARE_FINAL_TYPE (KopirSupervisorWindow, kopir_supervisor_window, KOPIR, SUPERVISOR_WINDOW, AdwWindow)

KopirSupervisorWindow *kopir_supervisor_window_new (KopirAssistedSession *session);

G_END_DECLS
