/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * KopirDocument's layout and output: pagination with the right page
 * numbers, paragraphs split across pages without losing or repeating a
 * line, headings kept with what follows, any page size, the sandbox
 * marking, dates in the document's language and time zone, and writing
 * in a thread while the document keeps changing.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "kopir-document.h"
#include "kopir-document-format.h"
#include "kopir-documents-test-util.h"

#define NBSP "\u00a0"

static char *locale_dir;
static char *work_dir;

static char *
write_pdf (KopirDocument *doc,
           const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = g_strconcat (name, ".pdf", NULL);
  char *path = g_build_filename (work_dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (kopir_document_write_pdf (doc, file, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static cairo_surface_t *
render_page (KopirDocument *doc,
             guint          page,
             double         width,
             double         height,
             double         scale)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale),
                                                       (int) (height * scale));
  cairo_t *cr = cairo_create (image);

  cairo_scale (cr, scale, scale);
  kopir_document_draw_page (doc, cr, page, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return image;
}

/* A long document: sections of numbered rows and a paragraph of numbered
 * words longer than a page. */
static KopirDocument *
long_document (const char *language,
               guint       n_sections,
               guint       n_rows,
               guint       n_words)
{
  KopirDocument *doc = kopir_document_new (language);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  kopir_document_set_title (doc, "Long document");
  kopir_document_set_subtitle (doc, "Pagination check");
  kopir_document_set_issuer (doc, "Astana Digital Assets Exchange Ltd.");
  kopir_document_set_footer (doc, "Footer text of the long document");

  for (guint s = 1; s <= n_sections; s++)
    {
      g_autofree char *heading = g_strdup_printf ("Section %02u", s);

      kopir_document_add_section (doc, heading);
      for (guint r = 1; r <= n_rows; r++)
        {
          g_autofree char *label = g_strdup_printf ("Row s%02ur%02u", s, r);
          g_autofree char *value = g_strdup_printf ("value s%02ur%02u", s, r);

          kopir_document_add_row (doc, label, value, r % 5 == 0 ? KOPIR_DOCUMENT_ROW_COPYABLE : 0);
        }
    }

  for (guint w = 1; w <= n_words; w++)
    g_string_append_printf (paragraph, "w%04u ", w);
  kopir_document_add_paragraph (doc, paragraph->str);
  kopir_document_add_signature (doc, "Customer", "Сәрсенова Әлия Нұрланқызы");
  kopir_document_add_signature (doc, "Bank staff member", "Иванова Марина");
  return doc;
}

static void
test_pagination (void)
{
  g_autoptr(KopirDocument) doc = long_document ("en", 4, 25, 1500);
  guint n_pages = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
  g_autofree char *pdf = write_pdf (doc, "long-en");
  g_autofree char *text = kopir_test_pdf_text (pdf, 0);
  const char *cursor = text;

  g_assert_cmpuint (n_pages, >=, 4);
  g_assert_cmpuint (kopir_test_pdf_pages (pdf), ==, n_pages);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *page_text = kopir_test_pdf_text (pdf, page);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, n_pages);

      g_assert_nonnull (strstr (page_text, number));
      g_assert_nonnull (strstr (page_text, "Footer text of the long document"));
      g_assert_nonnull (strstr (page_text, "Astana Digital Assets Exchange Ltd."));
      /* The title only on the first page. */
      g_assert_true ((strstr (page_text, "Long document") != NULL) == (page == 1));
    }

  /* Every row once, every word once and in order, though the paragraph
   * runs over pages. */
  for (guint s = 1; s <= 4; s++)
    for (guint r = 1; r <= 25; r++)
      {
        g_autofree char *label = g_strdup_printf ("Row s%02ur%02u", s, r);

        g_assert_cmpuint (kopir_test_count (text, label), ==, 1);
      }
  for (guint w = 1; w <= 1500; w++)
    {
      g_autofree char *word = g_strdup_printf ("w%04u", w);
      const char *found = strstr (cursor, word);

      if (found == NULL)
        g_error ("%s is missing or out of order", word);
      g_assert_cmpuint (kopir_test_count (text, word), ==, 1);
      cursor = found;
    }
  g_unlink (pdf);
}

static void
test_page_numbers_translated (void)
{
  static const char *languages[] = { "ru", "kk" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(KopirDocument) doc = long_document (languages[i], 3, 30, 100);
      guint n_pages = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
      g_autofree char *pdf = write_pdf (doc, languages[i]);

      g_assert_cmpuint (n_pages, >=, 2);
      for (guint page = 1; page <= n_pages; page++)
        {
          g_autofree char *page_text = kopir_test_pdf_text (pdf, page);
          g_autofree char *number = i == 0 ? g_strdup_printf ("Страница %u из %u", page, n_pages)
                                           : g_strdup_printf ("%u-бет, барлығы %u", page, n_pages);

          if (strstr (page_text, number) == NULL)
            g_error ("“%s” is not on page %u", number, page);
        }
      g_unlink (pdf);
    }
}

/* A heading never stands alone at the foot of a page: wherever the filler
 * pushes it, the row after it is on the same page. */
static void
test_heading_kept_with_next (void)
{
  guint boundary_cases = 0;

  for (guint filler = 30; filler <= 52; filler++)
    {
      g_autoptr(KopirDocument) doc = kopir_document_new ("en");
      g_autofree char *name = g_strdup_printf ("heading-%u", filler);
      g_autofree char *pdf = NULL;
      guint n_pages;

      kopir_document_set_title (doc, "Heading check");
      for (guint r = 0; r < filler; r++)
        {
          g_autofree char *label = g_strdup_printf ("Filler %u", r);
          kopir_document_add_row (doc, label, "x", 0);
        }
      kopir_document_add_section (doc, "THE HEADING");
      kopir_document_add_row (doc, "FIRST ROW AFTER", "y", 0);

      n_pages = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
      pdf = write_pdf (doc, name);
      for (guint page = 1; page <= n_pages; page++)
        {
          g_autofree char *page_text = kopir_test_pdf_text (pdf, page);
          gboolean heading = strstr (page_text, "THE HEADING") != NULL;
          gboolean row = strstr (page_text, "FIRST ROW AFTER") != NULL;

          g_assert_true (heading == row);
          if (heading && page > 1 && strstr (page_text, "Filler") == NULL)
            boundary_cases++;
        }
      g_unlink (pdf);
    }
  /* The filler did push the heading onto a page of its own at least once. */
  g_assert_cmpuint (boundary_cases, >, 0);
}

/* Signature lines do not stand on a page apart from what they sign: the
 * section before them moves along when they do not fit. */
static void
test_signatures_kept_with_section (void)
{
  guint moved = 0;

  for (guint filler = 18; filler <= 40; filler++)
    {
      g_autoptr(KopirDocument) doc = kopir_document_new ("en");
      g_autofree char *name = g_strdup_printf ("signatures-%u", filler);
      g_autofree char *pdf = NULL;
      guint n_pages;

      kopir_document_set_title (doc, "Signature check");
      kopir_document_set_sandbox (doc, TRUE);
      for (guint r = 0; r < filler; r++)
        {
          g_autofree char *label = g_strdup_printf ("Filler %u", r);
          kopir_document_add_row (doc, label, "x", 0);
        }
      kopir_document_add_section (doc, "SIGNED SECTION");
      kopir_document_add_row (doc, "Signed row one", "1", 0);
      kopir_document_add_row (doc, "Signed row two", "2", 0);
      kopir_document_add_signature (doc, "Customer", "A. Customer");
      kopir_document_add_signature (doc, "Bank staff member", "B. Staff");

      n_pages = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
      pdf = write_pdf (doc, name);
      for (guint page = 1; page <= n_pages; page++)
        {
          g_autofree char *page_text = kopir_test_pdf_text (pdf, page);
          gboolean signatures = strstr (page_text, "A. Customer") != NULL;

          g_assert_true (signatures == (strstr (page_text, "B. Staff") != NULL));
          g_assert_true (signatures == (strstr (page_text, "SIGNED SECTION") != NULL));
          g_assert_true (signatures == (strstr (page_text, "Signed row two") != NULL));
          if (signatures && page > 1 && strstr (page_text, "Filler") == NULL)
            moved++;
        }
      g_unlink (pdf);
    }
  g_assert_cmpuint (moved, >, 0);
}

static void
test_page_sizes (void)
{
  static const struct
  {
    const char *name;
    double      width;
    double      height;
  } sizes[] = {
    { "A4", KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT },
    { "A5", 419.5275590551181, 595.2755905511812 },
    { "US Letter", 612, 792 },
    { "A4 landscape", KOPIR_DOCUMENT_A4_HEIGHT, KOPIR_DOCUMENT_A4_WIDTH },
    { "80 mm roll", 226.77, 1400 },
  };
  g_autoptr(KopirDocument) doc = long_document ("kk", 2, 20, 300);
  guint a4 = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
  guint a5 = kopir_document_get_n_pages (doc, sizes[1].width, sizes[1].height);

  g_assert_cmpuint (a5, >, a4);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      guint n_pages = kopir_document_get_n_pages (doc, sizes[i].width, sizes[i].height);

      g_test_message ("%s: %u pages", sizes[i].name, n_pages);
      g_assert_cmpuint (n_pages, >=, 1);
      /* As a print operation draws: a context scaled to the printer. */
      for (guint page = 0; page < n_pages; page++)
        {
          cairo_surface_t *image = render_page (doc, page, sizes[i].width, sizes[i].height, 0.75);

          g_assert_cmpuint (kopir_test_ink_per_mille (image), >, 10);
          cairo_surface_destroy (image);
        }
      /* Laying out again for the same size gives the same pages. */
      g_assert_cmpuint (kopir_document_get_n_pages (doc, sizes[i].width, sizes[i].height), ==, n_pages);
    }

  /* Absurdly small pages still get every block somewhere, without a
   * crash. */
  g_assert_cmpuint (kopir_document_get_n_pages (doc, 40, 40), >=, 1);
  {
    guint n = kopir_document_get_n_pages (doc, 40, 40);
    cairo_surface_t *image = render_page (doc, n - 1, 40, 40, 1);

    cairo_surface_destroy (image);
  }
}

static void
test_sandbox_marking (void)
{
  g_autoptr(KopirDocument) doc = long_document ("en", 2, 30, 50);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *plain, *marked;
  guint n_pages;

  g_assert_false (kopir_document_get_sandbox (doc));
  plain = render_page (doc, 0, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT, 0.5);
  kopir_document_set_sandbox (doc, TRUE);
  marked = render_page (doc, 0, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT, 0.5);

  g_assert_cmpuint (kopir_test_red_per_mille (plain), ==, 0);
  g_assert_cmpuint (kopir_test_red_per_mille (marked), >, 30);
  /* The lower half has no banner, only the diagonal marking. */
  g_assert_cmpuint (kopir_test_tinted_per_mille (plain, 210), ==, 0);
  g_assert_cmpuint (kopir_test_tinted_per_mille (marked, 210), >, 20);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (marked);

  n_pages = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
  g_assert_cmpuint (n_pages, >=, 2);
  pdf = write_pdf (doc, "sandbox");
  text = kopir_test_pdf_text (pdf, 0);
  /* The banner in words on every page; the diagonal marking is drawn as
   * shapes, so it does not get in the way of the text. */
  g_assert_cmpuint (kopir_test_count (text, "SANDBOX — NO REAL MONEY"), ==, n_pages);
  g_assert_cmpuint (kopir_test_count (text, "SANDBOX"), ==, n_pages);
  for (guint page = 1; page <= n_pages; page++)
    {
      cairo_surface_t *image = kopir_test_pdf_render (pdf, page, work_dir);

      g_assert_cmpuint (kopir_test_red_per_mille (image), >, 30);
      g_assert_cmpuint (kopir_test_tinted_per_mille (image, cairo_image_surface_get_height (image) / 2), >, 20);
      cairo_surface_destroy (image);
    }
  g_unlink (pdf);
}

static void
test_dates (void)
{
  g_autoptr(KopirCatalog) en = kopir_catalog_get_for_language ("en");
  g_autoptr(KopirCatalog) kk = kopir_catalog_get_for_language ("kk");
  g_autoptr(KopirCatalog) ru = kopir_catalog_get_for_language ("ru");
  /* 20:30 UTC on 30 November is already 1 December in Kazakhstan. */
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 11, 30, 20, 30, 5);
  GDate birth;
  static const char *ru_months[] = { "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                                     "августа", "сентября", "октября", "ноября", "декабря" };
  static const char *kk_months[] = { "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде",
                                     "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан" };
  char *s;

  s = kopir_document_format_date (en, late);
  g_assert_cmpstr (s, ==, "1 December 2026");
  g_free (s);
  s = kopir_document_format_date (ru, late);
  g_assert_cmpstr (s, ==, "1" NBSP "декабря 2026" NBSP "г.");
  g_free (s);
  s = kopir_document_format_date (kk, late);
  g_assert_cmpstr (s, ==, "2026" NBSP "жылғы 1" NBSP "желтоқсан");
  g_free (s);
  s = kopir_document_format_date_time (ru, late);
  g_assert_cmpstr (s, ==, "1" NBSP "декабря 2026" NBSP "г., 01:30:05 (UTC+05:00)");
  g_free (s);
  s = kopir_document_format_date_time (en, late);
  g_assert_cmpstr (s, ==, "1 December 2026, 01:30:05 (UTC+05:00)");
  g_free (s);

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 29, G_DATE_FEBRUARY, 1992);
  s = kopir_document_format_gdate (kk, &birth);
  g_assert_cmpstr (s, ==, "1992" NBSP "жылғы 29" NBSP "ақпан");
  g_free (s);
  g_date_clear (&birth, 1);
  s = kopir_document_format_gdate (kk, &birth);
  g_assert_cmpstr (s, ==, "—");
  g_free (s);

  for (GDateMonth m = G_DATE_JANUARY; m <= G_DATE_DECEMBER; m++)
    {
      g_assert_cmpstr (kopir_document_month_name (ru, m), ==, ru_months[m - 1]);
      g_assert_cmpstr (kopir_document_month_name (kk, m), ==, kk_months[m - 1]);
    }

  g_assert_cmpstr (kopir_document_country_name (kk, "KZ"), ==, "Қазақстан");
  g_assert_cmpstr (kopir_document_country_name (ru, "kz"), ==, "Казахстан");
  g_assert_cmpstr (kopir_document_country_name (ru, "FR"), ==, "FR");
  g_assert_cmpstr (kopir_document_yes_no (kk, TRUE), ==, "Иә");
  g_assert_cmpstr (kopir_document_yes_no (ru, FALSE), ==, "Нет");
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} AsyncResult;

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncResult *state = user_data;

  state->ok = kopir_document_write_pdf_finish (KOPIR_DOCUMENT (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("the PDF was not written within 60 seconds");
  return G_SOURCE_REMOVE;
}

/* Written in a thread from the document as it was when asked; changes
 * made meanwhile go into the next PDF, not this one. */
static void
test_write_async (void)
{
  g_autoptr(KopirDocument) doc = long_document ("ru", 2, 10, 40);
  g_autofree char *path = g_build_filename (work_dir, "async.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AsyncResult state = { g_main_loop_new (NULL, FALSE), FALSE, NULL };
  guint timeout = g_timeout_add_seconds (60, on_timeout, NULL);
  guint n_blocks = kopir_document_get_n_blocks (doc);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  kopir_document_write_pdf_async (doc, file, NULL, on_written, &state);
  kopir_document_set_title (doc, "Changed title");
  kopir_document_add_row (doc, "LATE ROW", "late", 0);
  g_main_loop_run (state.loop);
  g_source_remove (timeout);

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Private to the user: it may carry personal data. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }

  text = kopir_test_pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Long document"));
  g_assert_null (strstr (text, "Changed title"));
  g_assert_null (strstr (text, "LATE ROW"));
  g_assert_cmpuint (kopir_document_get_n_blocks (doc), ==, n_blocks + 1);
  g_assert_cmpstr (kopir_document_get_title (doc), ==, "Changed title");

  g_main_loop_unref (state.loop);
  g_unlink (path);
}

static void
on_written_counted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kopir_document_write_pdf_finish (KOPIR_DOCUMENT (source), result, &error));
  g_assert_no_error (error);
  (*pending)--;
}

/* Writers in threads and a preview on the main thread lay out the same
 * content for different page sizes at once. */
static void
test_concurrent_layout (void)
{
  g_autoptr(KopirDocument) doc = long_document ("kk", 3, 25, 400);
  guint a4 = kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
  guint letter = kopir_document_get_n_pages (doc, 612, 792);
  guint a5 = kopir_document_get_n_pages (doc, 419.53, 595.28);
  guint timeout = g_timeout_add_seconds (60, on_timeout, NULL);
  guint pending = 4;
  GFile *files[4];

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strdup_printf ("concurrent-%u.pdf", i);
      g_autofree char *path = g_build_filename (work_dir, name, NULL);

      files[i] = g_file_new_for_path (path);
      kopir_document_write_pdf_async (doc, files[i], NULL, on_written_counted, &pending);
    }

  while (pending > 0)
    {
      cairo_surface_t *image = render_page (doc, a5 - 1, 419.53, 595.28, 0.25);

      cairo_surface_destroy (image);
      g_assert_cmpuint (kopir_document_get_n_pages (doc, 612, 792), ==, letter);
      g_main_context_iteration (NULL, FALSE);
    }
  g_source_remove (timeout);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      g_assert_cmpuint (kopir_test_pdf_pages (path), ==, a4);
      g_unlink (path);
      g_object_unref (files[i]);
    }
}

static void
test_write_cancelled (void)
{
  g_autoptr(KopirDocument) doc = long_document ("en", 1, 5, 10);
  g_autofree char *path = g_build_filename (work_dir, "cancelled.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult state = { g_main_loop_new (NULL, FALSE), TRUE, NULL };

  g_cancellable_cancel (cancellable);
  kopir_document_write_pdf_async (doc, file, cancellable, on_written, &state);
  g_main_loop_run (state.loop);

  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

static void
test_write_error (void)
{
  g_autoptr(KopirDocument) doc = long_document ("en", 1, 5, 10);
  g_autofree char *path = g_build_filename (work_dir, "no-such-folder", "out.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (kopir_document_write_pdf (doc, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties (void)
{
  g_autoptr(KopirDocument) doc = kopir_document_new ("kk_KZ.UTF-8");
  g_autoptr(GDateTime) issued = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(GDateTime) same = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autofree char *language = NULL;
  g_autofree char *text = NULL;
  guint notified = 0;

  g_object_get (doc, "language", &language, NULL);
  g_assert_cmpstr (language, ==, "kk");
  g_assert_cmpstr (kopir_catalog_get_language (kopir_document_get_catalog (doc)), ==, "kk");

  g_signal_connect (doc, "notify", G_CALLBACK (on_notify), &notified);
  kopir_document_set_title (doc, "A");
  kopir_document_set_title (doc, "A");
  g_assert_cmpuint (notified, ==, 1);
  kopir_document_set_issued (doc, issued);
  kopir_document_set_issued (doc, same);
  g_assert_cmpuint (notified, ==, 2);
  kopir_document_set_sandbox (doc, TRUE);
  kopir_document_set_sandbox (doc, TRUE);
  g_assert_cmpuint (notified, ==, 3);
  g_object_set (doc, "footer", "F", "issuer", "I", "subtitle", "S", NULL);
  g_assert_cmpuint (notified, ==, 6);

  /* Text that is not UTF-8 is mended, not passed on to Pango. */
  kopir_document_add_row (doc, "Bad \xff label", "bad \xc3 value", KOPIR_DOCUMENT_ROW_COPYABLE);
  kopir_document_add_row (doc, "Empty", "", 0);
  kopir_document_add_paragraph (doc, "\xe2\x82");
  text = kopir_document_to_text (doc);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "Empty: —"));
  g_assert_nonnull (strstr (text, "2026" NBSP "жылғы 25" NBSP "қараша"));
  g_assert_nonnull (strstr (text, "ЖАТТЫҒУ БИРЖАСЫ"));
  g_assert_cmpuint (kopir_document_get_n_pages (doc, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT), ==, 1);
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("LANGUAGE", "ru", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  locale_dir = kopir_test_mkdtemp ();
  work_dir = kopir_test_mkdtemp ();
  kopir_test_install_catalogs (locale_dir);

  g_test_add_func ("/document/pagination", test_pagination);
  g_test_add_func ("/document/page-numbers-translated", test_page_numbers_translated);
  g_test_add_func ("/document/heading-kept-with-next", test_heading_kept_with_next);
  g_test_add_func ("/document/signatures-kept-with-section", test_signatures_kept_with_section);
  g_test_add_func ("/document/page-sizes", test_page_sizes);
  g_test_add_func ("/document/sandbox-marking", test_sandbox_marking);
  g_test_add_func ("/document/dates", test_dates);
  g_test_add_func ("/document/write-async", test_write_async);
  g_test_add_func ("/document/concurrent-layout", test_concurrent_layout);
  g_test_add_func ("/document/write-cancelled", test_write_cancelled);
  g_test_add_func ("/document/write-error", test_write_error);
  g_test_add_func ("/document/properties", test_properties);

  status = g_test_run ();
  kopir_test_rmdir (locale_dir);
  kopir_test_rmdir (work_dir);
  g_free (locale_dir);
  g_free (work_dir);
  return status;
}
