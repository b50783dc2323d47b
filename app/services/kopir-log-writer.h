/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-log-writer.h: a GLib log writer that redacts before writing */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void             kopir_log_writer_install (void);
GLogWriterOutput kopir_log_writer         (GLogLevelFlags   log_level,
                                           const GLogField *fields,
                                           gsize            n_fields,
                                           gpointer         user_data);

G_END_DECLS
