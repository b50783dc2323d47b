/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "kopir-document.h"

G_BEGIN_DECLS

void     kopir_document_print_async  (KopirDocument        *document,
                                      GtkWindow            *parent,
                                      GFile                *export_file,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean kopir_document_print_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
