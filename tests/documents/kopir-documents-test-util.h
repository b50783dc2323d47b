/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-documents-test-util.h: helpers shared by the document tests.
 *
 * The real Kazakh and Russian catalogues are compiled from po/ by the build
 * (tests/documents/meson.build) and laid out in a private locale folder as
 * LANG/LC_MESSAGES/kopir.mo, the layout of the installed catalogues and of
 * the build tree's po/ folder, which KOPIR_LOCALEDIR then points at.
 * PDFs are checked with poppler's pdftotext, pdfinfo and pdftoppm, found
 * through the environment meson sets.
 */
#pragma once

#include <string.h>

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>

/* A fresh directory for one test run. */
static inline char *
kopir_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kopir-documents-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
kopir_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        kopir_test_rmdir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline const char *
kopir_test_getenv (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set; run the test through meson test", name);
  return value;
}

/* Copies the build's kopir-LANG.mo into DIR/LANG/LC_MESSAGES/kopir.mo for
 * kk and ru, and points KOPIR_LOCALEDIR at DIR. */
static inline void
kopir_test_install_catalogs (const char *dir)
{
  const char *built = kopir_test_getenv ("KOPIR_TEST_MO_DIR");
  static const char *languages[] = { "kk", "ru" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("kopir-%s.mo", languages[i]);
      g_autofree char *source = g_build_filename (built, name, NULL);
      g_autofree char *folder = g_build_filename (dir, languages[i], "LC_MESSAGES", NULL);
      g_autofree char *target = g_build_filename (folder, "kopir.mo", NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_file_get_contents (source, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (target, contents, (gssize) length, &error);
      g_assert_no_error (error);
    }
  g_setenv ("KOPIR_LOCALEDIR", dir, TRUE);
}

/* Runs a command and returns its standard output; the test fails if it
 * does not exit with 0. */
static inline char *
kopir_test_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return out;
}

/* The text of a PDF (or of one page, if page > 0), as pdftotext reads it. */
static inline char *
kopir_test_pdf_text (const char *pdf,
                     guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  const char *whole[] = { kopir_test_getenv ("PDFTOTEXT"), "-enc", "UTF-8", pdf, "-", NULL };
  const char *one[] = { kopir_test_getenv ("PDFTOTEXT"), "-enc", "UTF-8", "-f", first, "-l", first,
                        pdf, "-", NULL };

  return kopir_test_run (page > 0 ? one : whole);
}

/* pdfinfo's page count. */
static inline guint
kopir_test_pdf_pages (const char *pdf)
{
  const char *argv[] = { kopir_test_getenv ("PDFINFO"), pdf, NULL };
  g_autofree char *info = kopir_test_run (argv);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

/* The share of pixels that are not white, in thousandths. */
static inline guint
kopir_test_ink_per_mille (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data;
  guint64 ink = 0;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  g_assert_nonnull (data);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        if ((pixel & 0xffffff) != 0xffffff && (pixel >> 24) != 0)
          ink++;
      }
  return (guint) (ink * 1000 / ((guint64) width * height));
}

/* Pixels that are clearly red (the sandbox marking), in thousandths. */
static inline guint
kopir_test_red_per_mille (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data;
  guint64 red = 0;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;
        int r, g, b;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        r = (pixel >> 16) & 0xff;
        g = (pixel >> 8) & 0xff;
        b = pixel & 0xff;
        if (r > g + 60 && r > b + 60)
          red++;
      }
  return (guint) (red * 1000 / ((guint64) width * height));
}

/* Pixels with a red tint, however faint (the diagonal sandbox marking),
 * below @from_y, in thousandths of that area. */
static inline guint
kopir_test_tinted_per_mille (cairo_surface_t *image,
                             int              from_y)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data;
  guint64 tinted = 0;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  for (int y = from_y; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;
        int r, g, b;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        r = (pixel >> 16) & 0xff;
        g = (pixel >> 8) & 0xff;
        b = pixel & 0xff;
        if (r > g + 8 && r > b + 8)
          tinted++;
      }
  return (guint) (tinted * 1000 / ((guint64) width * MAX (height - from_y, 1)));
}

/* Renders page 1..n of a PDF with pdftoppm at 50 dpi and loads the PNG. */
static inline cairo_surface_t *
kopir_test_pdf_render (const char *pdf,
                       guint       page,
                       const char *out_dir)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *prefix = g_strdup_printf ("%s/page-%u", out_dir, page);
  g_autofree char *png = g_strdup_printf ("%s.png", prefix);
  const char *argv[] = { kopir_test_getenv ("PDFTOPPM"), "-png", "-r", "50", "-f", number, "-l", number,
                         "-singlefile", pdf, prefix, NULL };
  g_autofree char *out = kopir_test_run (argv);
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (png);
  return image;
}

static inline guint
kopir_test_count (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}
