/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-backoff.h: how long to wait before trying again */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

guint     kopir_backoff_delay_ms         (guint        attempt,
                                          guint        base_ms,
                                          guint        cap_ms,
                                          guint32      random);
gboolean  kopir_backoff_parse_retry_after (const char  *header,
                                          GDateTime   *now,
                                          guint       *out_seconds);
char     *kopir_backoff_format_retry_time (GDateTime   *now,
                                          guint        seconds);
void      kopir_backoff_wait_async        (guint                delay_ms,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  kopir_backoff_wait_finish       (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
