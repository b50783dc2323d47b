/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_PREFERENCES_WINDOW (kopir_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (KopirPreferencesWindow, kopir_preferences_window, KOPIR, PREFERENCES_WINDOW, AdwPreferencesWindow)

KopirPreferencesWindow *kopir_preferences_window_new (GSettings *settings);

G_END_DECLS
