/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_APPLICATION (kopir_application_get_type ())

G_DECLARE_FINAL_TYPE (KopirApplication, kopir_application, KOPIR, APPLICATION, AdwApplication)

KopirApplication *kopir_application_new          (void);
GSettings        *kopir_application_get_settings (KopirApplication *self);

G_END_DECLS
