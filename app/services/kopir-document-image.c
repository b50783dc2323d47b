/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-document-image.c: a document photo or selfie, checked and encoded
 * again without its metadata */

#define G_LOG_DOMAIN "kopir-document-image"

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "kopir-document-image.h"

struct _KopirDocumentImage
{
  GObject  parent_instance;

  GBytes  *bytes;
  int      width;
  int      height;
};

G_DEFINE_FINAL_TYPE (KopirDocumentImage, kopir_document_image, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-document-image-error-quark, kopir_document_image_error)

typedef enum
{
  FORMAT_JPEG,
  FORMAT_PNG,
} Format;

static void
kopir_document_image_finalize (GObject *object)
{
  KopirDocumentImage *self = KOPIR_DOCUMENT_IMAGE (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (kopir_document_image_parent_class)->finalize (object);
}

static void
kopir_document_image_class_init (KopirDocumentImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kopir_document_image_finalize;
}

static void
kopir_document_image_init (KopirDocumentImage *self)
{
}

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            gsize         offset,
            const char   *magic,
            gsize         magic_length)
{
  return length >= offset + magic_length && memcmp (data + offset, magic, magic_length) == 0;
}

static gboolean
looks_like_text (const guint8 *data,
                 gsize         length)
{
  gsize n = MIN (length, 4096);
  const char *end = NULL;

  if (memchr (data, '\0', n) != NULL)
    return FALSE;

  /* Valid UTF-8 up to the end, or up to a character cut by the limit. */
  g_utf8_validate ((const char *) data, n, &end);
  return (gsize) (end - (const char *) data) + 4 > n;
}

/* Says what the file is from its first bytes, whatever its name says. */
static gboolean
sniff (const guint8  *data,
       gsize          length,
       Format        *format,
       GError       **error)
{
  const char *other = NULL;

  if (length == 0)
    {
      g_set_error_literal (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                           _("This file is empty. Choose a photo."));
      return FALSE;
    }

  if (has_prefix (data, length, 0, "\xff\xd8\xff", 3))
    {
      *format = FORMAT_JPEG;
      return TRUE;
    }
  if (has_prefix (data, length, 0, "\x89PNG\r\n\x1a\n", 8))
    {
      *format = FORMAT_PNG;
      return TRUE;
    }

  if (has_prefix (data, length, 0, "GIF8", 4))
    other = "GIF";
  else if (has_prefix (data, length, 0, "BM", 2))
    other = "BMP";
  else if (has_prefix (data, length, 0, "RIFF", 4) && has_prefix (data, length, 8, "WEBP", 4))
    other = "WebP";
  else if (has_prefix (data, length, 4, "ftypheic", 8) || has_prefix (data, length, 4, "ftypheix", 8) ||
           has_prefix (data, length, 4, "ftypmif1", 8))
    other = "HEIC";
  else if (has_prefix (data, length, 4, "ftypavif", 8))
    other = "AVIF";
  else if (has_prefix (data, length, 0, "II*\0", 4) || has_prefix (data, length, 0, "MM\0*", 4))
    other = "TIFF";

  if (other != NULL)
    {
      /* Translators: %s is a kind of picture file, such as HEIC or WebP. */
      g_set_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_UNSUPPORTED_TYPE,
                   _("This is a %s picture, which the exchange does not take. Save it as JPEG "
                     "or PNG, or choose another photo."), other);
      return FALSE;
    }

  if (has_prefix (data, length, 0, "%PDF", 4))
    {
      g_set_error_literal (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                           _("This is a PDF document, not a photo. Take a photo of your "
                             "document, or save the page as a JPEG picture."));
      return FALSE;
    }

  if (looks_like_text (data, length))
    {
      g_set_error_literal (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                           _("This file holds text, not a picture, whatever its name says. "
                             "Choose a JPEG or PNG photo."));
      return FALSE;
    }

  g_set_error_literal (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                       _("This file is not a JPEG or PNG picture. Choose a photo saved as JPEG "
                         "or PNG."));
  return FALSE;
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The picture's size from its header, so that a picture too large to
 * decode is refused before its pixels are allocated. */
static gboolean
header_size (const guint8 *data,
             gsize         length,
             Format        format,
             guint        *width,
             guint        *height)
{
  gsize i;

  if (format == FORMAT_PNG)
    {
      if (length < 24 || memcmp (data + 12, "IHDR", 4) != 0)
        return FALSE;
      *width = read_be32 (data + 16);
      *height = read_be32 (data + 20);
      return TRUE;
    }

  /* JPEG: walk the markers up to the start of frame. */
  i = 2;
  while (i + 4 <= length)
    {
      guint marker, segment;

      if (data[i] != 0xff)
        return FALSE;
      marker = data[i + 1];
      if (marker == 0xff)
        {
          i++;
          continue;
        }
      if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        {
          i += 2;
          continue;
        }
      segment = read_be16 (data + i + 2);
      if (segment < 2)
        return FALSE;
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (i + 9 > length)
            return FALSE;
          *height = read_be16 (data + i + 5);
          *width = read_be16 (data + i + 7);
          return TRUE;
        }
      i += 2 + segment;
    }

  return FALSE;
}

static gboolean
check_size (guint                       width,
            guint                       height,
            KopirDocumentImagePurpose   purpose,
            GError                    **error)
{
  guint long_side = MAX (width, height);
  guint short_side = MIN (width, height);

  if ((guint64) width * height > KOPIR_DOCUMENT_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_MANY_PIXELS,
                   _("This picture is %u × %u pixels, too large to open. Choose a photo from a "
                     "phone or camera."), width, height);
      return FALSE;
    }

  if (purpose == KOPIR_DOCUMENT_IMAGE_SELFIE && short_side < 480)
    {
      g_set_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_SMALL,
                   _("This photo is %u × %u pixels; a selfie needs at least 480 × 480. Take it "
                     "with the phone’s camera, not a thumbnail."), width, height);
      return FALSE;
    }

  if (purpose == KOPIR_DOCUMENT_IMAGE_DOCUMENT && (long_side < 640 || short_side < 480))
    {
      g_set_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_SMALL,
                   _("This photo is %u × %u pixels; the exchange needs at least 640 × 480 to "
                     "read a document. Take it again, closer."), width, height);
      return FALSE;
    }

  return TRUE;
}

static GdkPixbuf *
decode (GBytes  *data,
        Format   format,
        GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);

  loader = gdk_pixbuf_loader_new_with_type (format == FORMAT_JPEG ? "jpeg" : "png", &local_error);
  if (loader != NULL &&
      gdk_pixbuf_loader_write (loader, bytes, length, &local_error) &&
      gdk_pixbuf_loader_close (loader, &local_error) &&
      (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) != NULL)
    return g_object_ref (pixbuf);

  if (loader != NULL)
    gdk_pixbuf_loader_close (loader, NULL);
  g_debug ("Decoding a picture: %s", local_error ? local_error->message : "no picture");
  g_set_error_literal (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_DAMAGED,
                       _("This picture is damaged or incomplete and cannot be opened. Choose "
                         "another photo."));
  return NULL;
}

/* Transparent parts become white: a JPEG has no transparency, and white
 * is what a document is photographed on most often. */
static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  GdkPixbuf *flat;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);

  flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gdk_pixbuf_fill (flat, 0xffffffff);
  gdk_pixbuf_composite (pixbuf, flat, 0, 0, width, height, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);

  return flat;
}

/**
 * kopir_document_image_new_from_bytes:
 * @data: the file's contents
 * @purpose: what the picture is for, which sets the least size
 * @error: return location for a #GError in %KOPIR_DOCUMENT_IMAGE_ERROR,
 *   whose message says what to do
 *
 * Checks and encodes a picture again, in the calling thread: it may take
 * a second for a large photo, so call it from a worker thread (as
 * kopir_document_image_load_async() does).
 *
 * Returns: (transfer full): the picture ready to send
 */
KopirDocumentImage *
kopir_document_image_new_from_bytes (GBytes                     *data,
                                     KopirDocumentImagePurpose   purpose,
                                     GError                    **error)
{
  g_autoptr(KopirDocumentImage) self = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  const guint8 *bytes;
  gsize length;
  Format format;
  guint width = 0, height = 0;
  static const char * const qualities[] = { "90", "80", "70", NULL };

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &length);

  if (length > KOPIR_DOCUMENT_IMAGE_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (KOPIR_DOCUMENT_IMAGE_MAX_FILE_SIZE);

      g_set_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_LARGE,
                   _("This file is %s; choose a photo smaller than %s."), size, limit);
      return NULL;
    }

  if (!sniff (bytes, length, &format, error))
    return NULL;

  if (!header_size (bytes, length, format, &width, &height) || width == 0 || height == 0)
    {
      g_set_error_literal (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_DAMAGED,
                           _("This picture is damaged or incomplete and cannot be opened. "
                             "Choose another photo."));
      return NULL;
    }

  if (!check_size (width, height, purpose, error))
    return NULL;

  decoded = decode (data, format, error);
  if (decoded == NULL)
    return NULL;

  /* Upright as the camera meant it, since the orientation tag goes with
   * the rest of the metadata. */
  upright = gdk_pixbuf_apply_embedded_orientation (decoded);
  if (upright == NULL)
    upright = g_object_ref (decoded);

  width = gdk_pixbuf_get_width (upright);
  height = gdk_pixbuf_get_height (upright);
  if (MAX (width, height) > KOPIR_DOCUMENT_IMAGE_MAX_SIDE)
    {
      double scale = (double) KOPIR_DOCUMENT_IMAGE_MAX_SIDE / MAX (width, height);

      width = MAX (1, (int) (width * scale + 0.5));
      height = MAX (1, (int) (height * scale + 0.5));
      scaled = gdk_pixbuf_scale_simple (upright, width, height, GDK_INTERP_BILINEAR);
    }
  else
    scaled = g_object_ref (upright);

  flat = flatten (scaled);

  self = g_object_new (KOPIR_TYPE_DOCUMENT_IMAGE, NULL);
  self->width = gdk_pixbuf_get_width (flat);
  self->height = gdk_pixbuf_get_height (flat);

  /* Only the pixels are written: gdk-pixbuf adds no EXIF, XMP or comment
   * unless asked to. A lower quality is tried if the first is too big. */
  for (guint i = 0; qualities[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      char *buffer = NULL;
      gsize size = 0;

      if (!gdk_pixbuf_save_to_buffer (flat, &buffer, &size, "jpeg", &local_error,
                                      "quality", qualities[i], NULL))
        {
          g_debug ("Encoding a picture: %s", local_error->message);
          g_set_error_literal (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_DAMAGED,
                               _("This picture is damaged or incomplete and cannot be opened. "
                                 "Choose another photo."));
          return NULL;
        }

      if (size <= KOPIR_DOCUMENT_IMAGE_MAX_UPLOAD_SIZE)
        {
          self->bytes = g_bytes_new_take (buffer, size);
          return g_steal_pointer (&self);
        }
      g_free (buffer);
    }

  g_set_error_literal (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_LARGE,
                       _("This photo stays too large to send even when compressed. Choose "
                         "another photo."));
  return NULL;
}

typedef struct
{
  GFile                     *file;
  KopirDocumentImagePurpose  purpose;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static GError *
unreadable (GError *error)
{
  GError *mapped;

  g_debug ("Reading a picture: %s", error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    mapped = g_error_new_literal (KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                                  _("This is a folder. Choose a photo in it."));
  else
    mapped = g_error_new (KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_UNREADABLE,
                          _("The file cannot be read: %s"), error->message);
  g_error_free (error);

  return mapped;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  KopirDocumentImage *image;
  GError *error = NULL;
  guint8 buffer[65536];

  info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, unreadable (error));
      return;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_task_return_error (task, unreadable (g_error_new_literal (G_IO_ERROR,
                                                                  G_IO_ERROR_IS_DIRECTORY, "")));
      return;
    }

  /* Refused by its size before a byte of it is read. */
  if (g_file_info_get_size (info) > KOPIR_DOCUMENT_IMAGE_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (KOPIR_DOCUMENT_IMAGE_MAX_FILE_SIZE);

      g_task_return_new_error (task, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_LARGE,
                               _("This file is %s; choose a photo smaller than %s."), size, limit);
      return;
    }

  stream = g_file_read (data->file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, unreadable (error));
      return;
    }

  /* Read up to one byte past the limit, in case the file grew since. */
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                      cancellable, &error);

      if (n < 0)
        {
          g_task_return_error (task, unreadable (error));
          return;
        }
      if (n == 0)
        break;
      g_byte_array_append (contents, buffer, n);
      if (contents->len > KOPIR_DOCUMENT_IMAGE_MAX_FILE_SIZE)
        break;
    }

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&contents));
  image = kopir_document_image_new_from_bytes (bytes, data->purpose, &error);
  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, g_object_unref);
}

/**
 * kopir_document_image_load_async:
 * @file: the picture's file, as chosen or dropped
 * @purpose: what the picture is for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads, checks and encodes a picture in a worker thread.
 */
void
kopir_document_image_load_async (GFile                      *file,
                                 KopirDocumentImagePurpose   purpose,
                                 GCancellable               *cancellable,
                                 GAsyncReadyCallback         callback,
                                 gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_document_image_load_async);
  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->purpose = purpose;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

KopirDocumentImage *
kopir_document_image_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kopir_document_image_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
kopir_document_image_get_bytes (KopirDocumentImage *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT_IMAGE (self), NULL);

  return self->bytes;
}

const char *
kopir_document_image_get_content_type (KopirDocumentImage *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT_IMAGE (self), NULL);

  return "image/jpeg";
}

int
kopir_document_image_get_width (KopirDocumentImage *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT_IMAGE (self), 0);

  return self->width;
}

int
kopir_document_image_get_height (KopirDocumentImage *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT_IMAGE (self), 0);

  return self->height;
}
