/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Document photos: what is refused and why, and what is sent carries no
 * metadata. */

#define _GNU_SOURCE
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "kopir-document-image.h"
#include "kopir-test-util.h"

static char *test_dir;

static GBytes *
encode (int         width,
        int         height,
        gboolean    alpha,
        const char *type,
        guint32     colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static void
put_be16 (GByteArray *out,
          guint       value)
{
  guint8 b[2] = { value >> 8, value & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint8 b[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, b, 4);
}

#define SECRET_ARTIST "Aigerim Nurlanova, GPS 43.2567N 76.9286E"

/* A JPEG as a phone writes it: an EXIF block right after the start, with
 * the orientation (rotate 90° clockwise to show) and the author's name. */
static GBytes *
jpeg_with_exif (int width,
                int height)
{
  g_autoptr(GBytes) plain = encode (width, height, FALSE, "jpeg", 0x3366ccff);
  g_autoptr(GByteArray) tiff = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  const guint8 *data;
  gsize length;

  g_byte_array_append (tiff, (const guint8 *) "MM\0\x2a", 4);
  put_be32 (tiff, 8);
  put_be16 (tiff, 2);
  /* Orientation: SHORT, 1 value, 6. */
  put_be16 (tiff, 0x0112);
  put_be16 (tiff, 3);
  put_be32 (tiff, 1);
  put_be16 (tiff, 6);
  put_be16 (tiff, 0);
  /* Artist: ASCII, at the offset right after this IFD. */
  put_be16 (tiff, 0x013b);
  put_be16 (tiff, 2);
  put_be32 (tiff, sizeof SECRET_ARTIST);
  put_be32 (tiff, 8 + 2 + 2 * 12 + 4);
  put_be32 (tiff, 0);
  g_byte_array_append (tiff, (const guint8 *) SECRET_ARTIST, sizeof SECRET_ARTIST);

  data = g_bytes_get_data (plain, &length);
  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, (const guint8 *) "\xff\xe1", 2);
  put_be16 (out, 2 + 6 + tiff->len);
  g_byte_array_append (out, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (out, tiff->data, tiff->len);
  g_byte_array_append (out, data + 2, length - 2);

  return g_byte_array_free_to_bytes (out);
}

static gboolean
contains (GBytes     *bytes,
          const char *needle)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return memmem (data, length, needle, strlen (needle)) != NULL;
}

static void
test_metadata_dropped (void)
{
  g_autoptr(GBytes) input = jpeg_with_exif (800, 600);
  g_autoptr(KopirDocumentImage) image = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  GBytes *output;
  GdkPixbuf *decoded;
  guint8 *pixels;

  /* The test's own picture has what it should. */
  g_assert_true (contains (input, "Exif"));
  g_assert_true (contains (input, SECRET_ARTIST));

  image = kopir_document_image_new_from_bytes (input, KOPIR_DOCUMENT_IMAGE_DOCUMENT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  output = kopir_document_image_get_bytes (image);

  /* Turned upright, then sent without the tag that said how. */
  g_assert_cmpint (kopir_document_image_get_width (image), ==, 600);
  g_assert_cmpint (kopir_document_image_get_height (image), ==, 800);
  g_assert_cmpstr (kopir_document_image_get_content_type (image), ==, "image/jpeg");
  g_assert_false (contains (output, "Exif"));
  g_assert_false (contains (output, "Aigerim"));
  g_assert_false (contains (output, "GPS"));
  g_assert_false (contains (output, "\xff\xe1"));

  /* And it is still the same picture. */
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, output, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  decoded = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 600);
  pixels = gdk_pixbuf_get_pixels (decoded);
  g_assert_cmpint (ABS (pixels[0] - 0x33), <, 8);
  g_assert_cmpint (ABS (pixels[2] - 0xcc), <, 8);
}

static void
test_png_text_dropped (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 640, 480);
  g_autoptr(KopirDocumentImage) image = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x00000000);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error,
                                            "tEXt::Author", "Secret Person", NULL));
  input = g_bytes_new_take (buffer, size);
  g_assert_true (contains (input, "Secret Person"));

  image = kopir_document_image_new_from_bytes (input, KOPIR_DOCUMENT_IMAGE_DOCUMENT, &error);
  g_assert_no_error (error);
  g_assert_false (contains (kopir_document_image_get_bytes (image), "Secret Person"));
  g_assert_false (contains (kopir_document_image_get_bytes (image), "tEXt"));
  g_assert_cmpint (kopir_document_image_get_width (image), ==, 640);
}

static void
test_scaled_down (void)
{
  g_autoptr(GBytes) input = encode (4000, 3000, FALSE, "jpeg", 0xffffffff);
  g_autoptr(KopirDocumentImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = kopir_document_image_new_from_bytes (input, KOPIR_DOCUMENT_IMAGE_DOCUMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_document_image_get_width (image), ==, KOPIR_DOCUMENT_IMAGE_MAX_SIDE);
  g_assert_cmpint (kopir_document_image_get_height (image), ==, 1920);
  g_assert_cmpuint (g_bytes_get_size (kopir_document_image_get_bytes (image)), <=,
                    KOPIR_DOCUMENT_IMAGE_MAX_UPLOAD_SIZE);
}

static void
assert_refused (GBytes                     *input,
                KopirDocumentImagePurpose   purpose,
                KopirDocumentImageError     code,
                const char                 *words)
{
  g_autoptr(KopirDocumentImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = kopir_document_image_new_from_bytes (input, purpose, &error);
  g_assert_null (image);
  g_assert_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_refused (void)
{
  g_autoptr(GBytes) small = encode (320, 240, FALSE, "png", 0);
  g_autoptr(GBytes) narrow_selfie = encode (479, 640, FALSE, "jpeg", 0);
  g_autoptr(GBytes) square_selfie = encode (480, 480, FALSE, "jpeg", 0);
  g_autoptr(GBytes) text = g_bytes_new_static ("Dear bank, here is my ID: …\n", 30);
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\x80\x02\xe0\x01\0\0\0", 13);
  g_autoptr(GBytes) heic = g_bytes_new_static ("\0\0\0\x18" "ftypheic\0\0\0\0", 16);
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.7\n", 9);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) junk = g_bytes_new_static ("\x01\x02\x03\x04\xfe\xff\x00\x10", 8);
  g_autoptr(GBytes) good = encode (800, 600, FALSE, "png", 0x102030ff);
  g_autoptr(KopirDocumentImage) image = NULL;
  g_autoptr(GByteArray) damaged = g_byte_array_new ();
  g_autoptr(GByteArray) huge = g_byte_array_new ();
  g_autoptr(GBytes) damaged_bytes = NULL;
  g_autoptr(GBytes) huge_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize length;

  assert_refused (small, KOPIR_DOCUMENT_IMAGE_DOCUMENT, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_SMALL,
                  "320 × 240");
  assert_refused (narrow_selfie, KOPIR_DOCUMENT_IMAGE_SELFIE, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_SMALL,
                  "480 × 480");
  image = kopir_document_image_new_from_bytes (square_selfie, KOPIR_DOCUMENT_IMAGE_SELFIE, &error);
  g_assert_no_error (error);
  g_clear_object (&image);

  assert_refused (text, KOPIR_DOCUMENT_IMAGE_DOCUMENT, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                  "text");
  assert_refused (gif, KOPIR_DOCUMENT_IMAGE_DOCUMENT, KOPIR_DOCUMENT_IMAGE_ERROR_UNSUPPORTED_TYPE,
                  "GIF");
  assert_refused (heic, KOPIR_DOCUMENT_IMAGE_DOCUMENT, KOPIR_DOCUMENT_IMAGE_ERROR_UNSUPPORTED_TYPE,
                  "HEIC");
  assert_refused (pdf, KOPIR_DOCUMENT_IMAGE_DOCUMENT, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                  "PDF");
  assert_refused (empty, KOPIR_DOCUMENT_IMAGE_DOCUMENT, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                  "empty");
  assert_refused (junk, KOPIR_DOCUMENT_IMAGE_DOCUMENT, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
                  "JPEG or PNG");

  /* The right header over garbage. */
  data = g_bytes_get_data (good, &length);
  g_byte_array_append (damaged, data, 33);
  for (guint i = 0; i < 2000; i++)
    g_byte_array_append (damaged, (const guint8 *) "\x5a", 1);
  damaged_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&damaged));
  assert_refused (damaged_bytes, KOPIR_DOCUMENT_IMAGE_DOCUMENT, KOPIR_DOCUMENT_IMAGE_ERROR_DAMAGED,
                  "damaged");

  /* A header claiming 20000 × 20000 pixels is refused before a pixel is
   * allocated. */
  g_byte_array_append (huge, data, length);
  huge->data[16] = 0;
  huge->data[17] = 0;
  huge->data[18] = 0x4e;
  huge->data[19] = 0x20;
  huge->data[20] = 0;
  huge->data[21] = 0;
  huge->data[22] = 0x4e;
  huge->data[23] = 0x20;
  huge_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&huge));
  assert_refused (huge_bytes, KOPIR_DOCUMENT_IMAGE_DOCUMENT,
                  KOPIR_DOCUMENT_IMAGE_ERROR_TOO_MANY_PIXELS, "20000 × 20000");
}

static KopirDocumentImage *
load (const char  *name,
      GError     **error)
{
  g_autofree char *path = g_build_filename (test_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  kopir_document_image_load_async (file, KOPIR_DOCUMENT_IMAGE_DOCUMENT, NULL,
                                   kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);

  return kopir_document_image_load_finish (result, error);
}

static void
test_files (void)
{
  g_autofree char *renamed = g_build_filename (test_dir, "passport.jpg", NULL);
  g_autofree char *large = g_build_filename (test_dir, "huge.jpg", NULL);
  g_autofree char *photo = g_build_filename (test_dir, "photo.png", NULL);
  g_autoptr(GBytes) good = encode (1024, 768, FALSE, "png", 0x804020ff);
  g_autoptr(KopirDocumentImage) image = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  /* A text file with a picture's name. */
  g_assert_true (g_file_set_contents (renamed, "This is not a photo of my passport.\n", -1, NULL));
  image = load ("passport.jpg", &error);
  g_assert_null (image);
  g_assert_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE);
  g_clear_error (&error);

  /* A 40 MB file is refused by its size, without being read. */
  fd = g_open (large, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "\xff\xd8\xff", 3), ==, 3);
  g_assert_cmpint (ftruncate (fd, 40 * 1000 * 1000), ==, 0);
  close (fd);
  image = load ("huge.jpg", &error);
  g_assert_null (image);
  g_assert_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "40"));
  g_clear_error (&error);

  image = load ("missing.jpg", &error);
  g_assert_null (image);
  g_assert_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_UNREADABLE);
  g_clear_error (&error);

  image = load (".", &error);
  g_assert_null (image);
  g_assert_error (error, KOPIR_DOCUMENT_IMAGE_ERROR, KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (photo, g_bytes_get_data (good, NULL), g_bytes_get_size (good),
                                      NULL));
  image = load ("photo.png", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_document_image_get_width (image), ==, 1024);

  g_unlink (renamed);
  g_unlink (large);
  g_unlink (photo);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  test_dir = g_dir_make_tmp ("kopir-images-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/document-image/metadata-dropped", test_metadata_dropped);
  g_test_add_func ("/document-image/png-text-dropped", test_png_text_dropped);
  g_test_add_func ("/document-image/scaled-down", test_scaled_down);
  g_test_add_func ("/document-image/refused", test_refused);
  g_test_add_func ("/document-image/files", test_files);

  status = g_test_run ();
  g_rmdir (test_dir);
  g_free (test_dir);

  return status;
}
