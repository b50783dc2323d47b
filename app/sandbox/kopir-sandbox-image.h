/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-image.h: recognising document images without decoding them.
 *
 * The review desk needs the type (by signature bytes, never by the
 * Content-Type alone) and the pixel size, which JPEG and PNG headers carry.
 * Pure functions over untrusted bytes; fuzzed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KOPIR_SANDBOX_IMAGE_UNKNOWN,
  KOPIR_SANDBOX_IMAGE_JPEG,
  KOPIR_SANDBOX_IMAGE_PNG,
} KopirSandboxImageType;

KopirSandboxImageType kopir_sandbox_image_sniff      (const guint8 *data,
                                                      gsize         len);
gboolean              kopir_sandbox_image_dimensions (const guint8 *data,
                                                      gsize         len,
                                                      guint        *width,
                                                      guint        *height);
const char           *kopir_sandbox_image_mime_type  (KopirSandboxImageType type);

G_END_DECLS
