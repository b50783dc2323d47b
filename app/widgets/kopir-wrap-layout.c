/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirWrapLayout lays out two children side by side when the width allows
 * the second its natural width next to the first's minimum, and the second
 * under the first (aligned to the end) when it does not, like words that
 * wrap. libadwaita 1.2 has no breakpoints; this keeps a bar of text and
 * buttons within a window 360 pixels wide in any language, without two
 * copies of its widgets.
 */

#define G_LOG_DOMAIN "kopir-widgets"

#include "config.h"

#include "kopir-wrap-layout.h"

#define READABLE_WIDTH 260

struct _KopirWrapLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
};

G_DEFINE_FINAL_TYPE (KopirWrapLayout, kopir_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

static void
get_children (GtkWidget  *widget,
              GtkWidget **first,
              GtkWidget **second)
{
  *first = gtk_widget_get_first_child (widget);
  *second = *first != NULL ? gtk_widget_get_next_sibling (*first) : NULL;
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  if (child == NULL || !gtk_widget_should_layout (child))
    {
      *minimum = *natural = 0;
      return;
    }
  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Whether the second child goes next to the first at this width. */
static gboolean
fits_side_by_side (KopirWrapLayout *self,
                   GtkWidget       *first,
                   GtkWidget       *second,
                   int              width)
{
  int first_min, first_nat, second_min, second_nat;

  if (width < 0)
    return TRUE;
  measure_child (first, GTK_ORIENTATION_HORIZONTAL, -1, &first_min, &first_nat);
  measure_child (second, GTK_ORIENTATION_HORIZONTAL, -1, &second_min, &second_nat);

  /* Side by side only if the first keeps a readable width, not merely its
   * minimum (one word a line). */
  return MIN (first_nat, MAX (first_min, READABLE_WIDTH)) + self->spacing + second_nat <= width;
}

static void
kopir_wrap_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  KopirWrapLayout *self = KOPIR_WRAP_LAYOUT (manager);
  GtkWidget *first, *second;
  int first_min, first_nat, second_min, second_nat;

  get_children (widget, &first, &second);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_child (first, orientation, -1, &first_min, &first_nat);
      measure_child (second, orientation, -1, &second_min, &second_nat);
      *minimum = MAX (first_min, second_min);
      *natural = first_nat + self->spacing + second_nat;
      return;
    }

  if (fits_side_by_side (self, first, second, for_size))
    {
      int second_width;

      measure_child (second, GTK_ORIENTATION_HORIZONTAL, -1, &second_min, &second_width);
      measure_child (first, orientation, for_size < 0 ? -1 : for_size - self->spacing - second_width,
                     &first_min, &first_nat);
      measure_child (second, orientation, second_width, &second_min, &second_nat);
      *minimum = MAX (first_min, second_min);
      *natural = MAX (first_nat, second_nat);
    }
  else
    {
      measure_child (first, orientation, for_size, &first_min, &first_nat);
      measure_child (second, orientation, for_size, &second_min, &second_nat);
      *minimum = first_min + self->spacing + second_min;
      *natural = first_nat + self->spacing + second_nat;
    }
}

static void
kopir_wrap_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  KopirWrapLayout *self = KOPIR_WRAP_LAYOUT (manager);
  GtkWidget *first, *second;
  int second_min, second_nat, first_height, unused;

  get_children (widget, &first, &second);
  if (first == NULL || second == NULL)
    {
      if (first != NULL)
        gtk_widget_allocate (first, width, height, -1, NULL);
      return;
    }

  measure_child (second, GTK_ORIENTATION_HORIZONTAL, -1, &second_min, &second_nat);

  if (fits_side_by_side (self, first, second, width))
    {
      int first_width = width - self->spacing - second_nat;

      gtk_widget_allocate (first, first_width, height, -1, NULL);
      gtk_widget_allocate (second, second_nat, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (first_width + self->spacing, 0)));
      return;
    }

  /* Under the first, at the end of the line. */
  measure_child (first, GTK_ORIENTATION_VERTICAL, width, &first_height, &unused);
  gtk_widget_allocate (first, width, first_height, -1, NULL);
  gtk_widget_allocate (second, MIN (second_nat, width), MAX (height - first_height - self->spacing, 0), -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - MIN (second_nat, width),
                                                                            first_height + self->spacing)));
}

static GtkSizeRequestMode
kopir_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kopir_wrap_layout_class_init (KopirWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->measure = kopir_wrap_layout_measure;
  manager_class->allocate = kopir_wrap_layout_allocate;
  manager_class->get_request_mode = kopir_wrap_layout_get_request_mode;
}

static void
kopir_wrap_layout_init (KopirWrapLayout *self)
{
  self->spacing = 12;
}

GtkLayoutManager *
kopir_wrap_layout_new (void)
{
  return g_object_new (KOPIR_TYPE_WRAP_LAYOUT, NULL);
}

/**
 * kopir_wrap_layout_set_spacing:
 * @self: a #KopirWrapLayout
 * @spacing: pixels between the children, across or down
 */
void
kopir_wrap_layout_set_spacing (KopirWrapLayout *self,
                               int              spacing)
{
  g_return_if_fail (KOPIR_IS_WRAP_LAYOUT (self));

  self->spacing = spacing;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}
