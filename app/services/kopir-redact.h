/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-redact.h: masks personal data and secrets in text meant for logs */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *kopir_redact        (const char *text);
gboolean  kopir_redact_needed (const char *text);

G_END_DECLS
