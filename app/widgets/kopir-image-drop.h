/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_IMAGE_DROP (kopir_image_drop_get_type ())

G_DECLARE_FINAL_TYPE (KopirImageDrop, kopir_image_drop, KOPIR, IMAGE_DROP, AdwBin)

const char *kopir_image_drop_get_title   (KopirImageDrop *self);
void        kopir_image_drop_set_title   (KopirImageDrop *self,
                                          const char     *title);
void        kopir_image_drop_set_busy    (KopirImageDrop *self,
                                          const char     *message);
void        kopir_image_drop_set_error   (KopirImageDrop *self,
                                          const char     *message);
void        kopir_image_drop_set_picture (KopirImageDrop *self,
                                          GdkPaintable   *picture,
                                          const char     *summary);
void        kopir_image_drop_set_sent    (KopirImageDrop *self,
                                          const char     *summary);
void        kopir_image_drop_clear       (KopirImageDrop *self);
gboolean    kopir_image_drop_has_image   (KopirImageDrop *self);
void        kopir_image_drop_choose      (KopirImageDrop *self);

G_END_DECLS
