/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kopir_accessible_name_button  (GtkButton *button);
void kopir_accessible_name_buttons (GtkWidget *root);

G_END_DECLS
