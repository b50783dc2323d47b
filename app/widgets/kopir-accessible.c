/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Small corrections to what GTK 4.8 tells assistive technologies. */

#define G_LOG_DOMAIN "kopir-accessible"

#include "config.h"

#include "kopir-accessible.h"

/**
 * kopir_accessible_name_button:
 * @button: a button with a text label
 *
 * GTK 4.8 names a button with a mnemonic twice: by its label as written,
 * underscore included, and again by the label inside that points at it,
 * and a row adds its own title when the button is the row's activatable
 * widget. A screen reader then reads "_Save Addresses Save Addresses".
 * This names the button once, by the text a person sees. Call it again
 * after changing the button's label.
 */
void
kopir_accessible_name_button (GtkButton *button)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BUTTON (button));

  child = gtk_button_get_child (button);
  if (!GTK_IS_LABEL (child))
    return;

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (child)), -1);
}

/**
 * kopir_accessible_name_buttons:
 * @root: a widget, such as a dialog whose buttons libadwaita made
 *
 * kopir_accessible_name_button() for every button with a text label in
 * @root, for buttons made by a library (an #AdwMessageDialog's responses).
 */
void
kopir_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    kopir_accessible_name_button (GTK_BUTTON (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kopir_accessible_name_buttons (child);
}
