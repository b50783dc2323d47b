/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>

#include "kopir-sandbox-image.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

KopirSandboxImageType
kopir_sandbox_image_sniff (const guint8 *data,
                           gsize         len)
{
  if (data == NULL)
    return KOPIR_SANDBOX_IMAGE_UNKNOWN;
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return KOPIR_SANDBOX_IMAGE_JPEG;
  if (len >= 8 && memcmp (data, png_signature, 8) == 0)
    return KOPIR_SANDBOX_IMAGE_PNG;
  return KOPIR_SANDBOX_IMAGE_UNKNOWN;
}

const char *
kopir_sandbox_image_mime_type (KopirSandboxImageType type)
{
  switch (type)
    {
    case KOPIR_SANDBOX_IMAGE_JPEG:
      return "image/jpeg";
    case KOPIR_SANDBOX_IMAGE_PNG:
      return "image/png";
    case KOPIR_SANDBOX_IMAGE_UNKNOWN:
    default:
      return NULL;
    }
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint16
be16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

/* PNG: the first chunk must be IHDR, with width and height first. */
static gboolean
png_dimensions (const guint8 *data,
                gsize         len,
                guint        *width,
                guint        *height)
{
  guint32 w, h;

  if (len < 24 || be32 (data + 8) != 13 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  w = be32 (data + 16);
  h = be32 (data + 20);
  if (w == 0 || h == 0 || w > G_MAXINT32 || h > G_MAXINT32)
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

/* JPEG: walk the marker segments to the first start-of-frame. */
static gboolean
jpeg_dimensions (const guint8 *data,
                 gsize         len,
                 guint        *width,
                 guint        *height)
{
  gsize pos = 2;

  while (pos + 4 <= len)
    {
      guint8 marker;
      guint16 seg_len;

      if (data[pos] != 0xff)
        return FALSE;
      /* Fill bytes may pad before a marker. */
      while (pos < len && data[pos] == 0xff)
        pos++;
      if (pos >= len)
        return FALSE;
      marker = data[pos++];

      /* Markers without a length. */
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;
      if (marker == 0xd9 || marker == 0xda)
        return FALSE;
      if (pos + 2 > len)
        return FALSE;
      seg_len = be16 (data + pos);
      if (seg_len < 2 || pos + seg_len > len)
        return FALSE;

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          guint16 h, w;

          if (seg_len < 7)
            return FALSE;
          h = be16 (data + pos + 3);
          w = be16 (data + pos + 5);
          if (w == 0 || h == 0)
            return FALSE;
          *width = w;
          *height = h;
          return TRUE;
        }
      pos += seg_len;
    }

  return FALSE;
}

/**
 * kopir_sandbox_image_dimensions:
 * @data: (array length=len): the image file
 * @len: its length
 * @width: (out): pixels across
 * @height: (out): pixels down
 *
 * Returns: whether @data is a JPEG or PNG whose header gives its size
 */
gboolean
kopir_sandbox_image_dimensions (const guint8 *data,
                                gsize         len,
                                guint        *width,
                                guint        *height)
{
  switch (kopir_sandbox_image_sniff (data, len))
    {
    case KOPIR_SANDBOX_IMAGE_JPEG:
      return jpeg_dimensions (data, len, width, height);
    case KOPIR_SANDBOX_IMAGE_PNG:
      return png_dimensions (data, len, width, height);
    case KOPIR_SANDBOX_IMAGE_UNKNOWN:
    default:
      return FALSE;
    }
}
