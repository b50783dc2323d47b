/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_WRAP_LAYOUT (kopir_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (KopirWrapLayout, kopir_wrap_layout, KOPIR, WRAP_LAYOUT, GtkLayoutManager)

GtkLayoutManager *kopir_wrap_layout_new         (void);
void              kopir_wrap_layout_set_spacing (KopirWrapLayout *self,
                                                 int              spacing);

G_END_DECLS
