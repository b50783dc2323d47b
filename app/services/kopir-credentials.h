/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-credentials.h: an exchange API key and secret held in memory */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_CREDENTIALS (kopir_credentials_get_type ())

typedef struct _KopirCredentials KopirCredentials;

GType             kopir_credentials_get_type   (void) G_GNUC_CONST;
KopirCredentials *kopir_credentials_new        (const char             *api_key,
                                                const char             *api_secret);
KopirCredentials *kopir_credentials_copy       (const KopirCredentials *self);
void              kopir_credentials_free       (KopirCredentials       *self);
const char       *kopir_credentials_get_api_key    (const KopirCredentials *self);
const char       *kopir_credentials_get_api_secret (const KopirCredentials *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirCredentials, kopir_credentials_free)

G_END_DECLS
