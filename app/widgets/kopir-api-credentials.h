/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_API_CREDENTIALS (kopir_api_credentials_get_type ())

G_DECLARE_FINAL_TYPE (KopirApiCredentials, kopir_api_credentials, KOPIR, API_CREDENTIALS, AdwPreferencesGroup)

GtkWidget    *kopir_api_credentials_new         (KopirContext        *context);
KopirContext *kopir_api_credentials_get_context (KopirApiCredentials *self);
void          kopir_api_credentials_set_context (KopirApiCredentials *self,
                                                 KopirContext        *context);

G_END_DECLS
