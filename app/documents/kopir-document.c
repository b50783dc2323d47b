/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-document"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "kopir-document.h"
#include "kopir-document-format.h"
#include "kopir-money-format.h"

#define FONT_FAMILY      "DejaVu Sans"
#define FONT_FAMILY_MONO "DejaVu Sans Mono"

/* Sizes in points. */
#define SIZE_ISSUER      10.5
#define SIZE_SMALL       8.0
#define SIZE_TITLE       17.0
#define SIZE_SUBTITLE    10.0
#define SIZE_HEADING     11.5
#define SIZE_LABEL       8.5
#define SIZE_BODY        9.5
#define SIZE_MONO        9.5
#define SIZE_BANNER      11.0

#define HEADER_RULE_GAP  6.0
#define SECTION_BEFORE   13.0
#define SECTION_AFTER    6.0
#define ROW_PADDING      3.75
#define ROW_GAP          12.0
#define COPY_PAD_X       4.0
#define COPY_PAD_Y       2.0
#define NOTE_GAP         2.5
#define NOTE_INLINE_GAP  10.0
#define PARAGRAPH_BEFORE 5.0
#define PARAGRAPH_AFTER  3.0
#define NOTICE_MARGIN    9.0
#define NOTICE_PADDING   8.0
#define NOTICE_BAR       3.0
#define SIGNATURE_BEFORE 20.0
#define SIGNATURE_SPACE  34.0
#define SIGNATURE_GAP    28.0

typedef struct { double r, g, b; } Rgb;

static const Rgb ink       = { 0.10, 0.11, 0.13 };
static const Rgb secondary = { 0.36, 0.39, 0.44 };
static const Rgb accent    = { 0.11, 0.25, 0.43 };
static const Rgb hairline  = { 0.79, 0.81, 0.84 };
static const Rgb copy_fill = { 0.93, 0.945, 0.96 };
static const Rgb info_fill = { 0.92, 0.945, 0.985 };
static const Rgb info_bar  = { 0.18, 0.38, 0.69 };
static const Rgb warn_fill = { 0.99, 0.955, 0.86 };
static const Rgb warn_bar  = { 0.77, 0.50, 0.0 };
static const Rgb sandbox_red = { 0.70, 0.15, 0.12 };

typedef enum
{
  BLOCK_SECTION,
  BLOCK_PARAGRAPH,
  BLOCK_ROW,
  BLOCK_NOTICE,
  BLOCK_SIGNATURE,
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint     flags;
  char     *label;
  char     *text;
  char     *note;
} Block;

/* Where a unit of content sits on a page.  A unit is a block, the lines
 * @first_line to @first_line + @n_lines of a paragraph split across pages,
 * or a row of @n_blocks signatures side by side. */
typedef struct
{
  guint  block;
  guint  n_blocks;
  guint  first_line;
  guint  n_lines;
  double y;
  double height;
} Placement;

/* The pages for one page size.  Shared between the threads that draw the
 * same content, so reference-counted. */
typedef struct
{
  gatomicrefcount  ref_count;
  double           width;
  double           height;
  GArray          *pages;   /* of GArray of Placement */
} Pagination;

/* What a document shows, shared with the threads that write it: a
 * document that is being written and then changed copies its content
 * first, so a writer never sees it change. */
typedef struct
{
  gatomicrefcount  ref_count;
  KopirCatalog    *catalog;
  char            *language;
  char            *title;
  char            *subtitle;
  char            *issuer;
  char            *footer;
  GDateTime       *issued;
  gboolean         sandbox;
  GPtrArray       *blocks;

  GMutex           lock;
  Pagination      *pagination;
} Content;

/* Page geometry and the parts every page repeats, for one page size. */
typedef struct
{
  double width;
  double height;
  double margin_x;
  double margin_top;
  double margin_bottom;
  double content_x;
  double content_width;
  double header_height;
  double banner_top;
  double banner_height;
  double title_height;
  double footer_top;
  double body_top;
  double first_body_top;
  double body_bottom;
} Geometry;

struct _KopirDocument
{
  GObject  parent_instance;

  Content *content;
};

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_LANGUAGE,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ISSUER,
  PROP_FOOTER,
  PROP_ISSUED,
  PROP_SANDBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pango 1.50 has no g_autoptr() cleanup for PangoContext. */
typedef PangoContext KopirPangoContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirPangoContext, g_object_unref)

G_DEFINE_FINAL_TYPE (KopirDocument, kopir_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-document-error-quark, kopir_document_error)

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->label);
  g_free (block->text);
  g_free (block->note);
  g_free (block);
}

static gpointer
block_copy (gconstpointer src,
             gpointer      user_data)
{
  const Block *block = src;
  Block *copy = g_new0 (Block, 1);

  copy->kind = block->kind;
  copy->flags = block->flags;
  copy->label = g_strdup (block->label);
  copy->text = g_strdup (block->text);
  copy->note = g_strdup (block->note);
  return copy;
}

static Pagination *
pagination_ref (Pagination *pagination)
{
  g_atomic_ref_count_inc (&pagination->ref_count);
  return pagination;
}

static void
pagination_unref (Pagination *pagination)
{
  if (!g_atomic_ref_count_dec (&pagination->ref_count))
    return;
  g_clear_pointer (&pagination->pages, g_array_unref);
  g_free (pagination);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pagination, pagination_unref)

static Content *
content_new (KopirCatalog *catalog)
{
  Content *content = g_new0 (Content, 1);

  g_atomic_ref_count_init (&content->ref_count);
  g_mutex_init (&content->lock);
  content->catalog = g_object_ref (catalog);
  content->language =
    g_strdup (kopir_money_language_from_locale (kopir_catalog_get_language (catalog)));
  content->blocks = g_ptr_array_new_with_free_func (block_free);
  return content;
}

static Content *
content_ref (Content *content)
{
  g_atomic_ref_count_inc (&content->ref_count);
  return content;
}

static void
content_unref (Content *content)
{
  if (!g_atomic_ref_count_dec (&content->ref_count))
    return;

  g_clear_object (&content->catalog);
  g_free (content->language);
  g_free (content->title);
  g_free (content->subtitle);
  g_free (content->issuer);
  g_free (content->footer);
  g_clear_pointer (&content->issued, g_date_time_unref);
  g_ptr_array_unref (content->blocks);
  g_clear_pointer (&content->pagination, pagination_unref);
  g_mutex_clear (&content->lock);
  g_free (content);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Content, content_unref)

/* Returns content this document alone holds, copying it if a writer
 * shares it, and forgets the pages laid out for the old content. */
static Content *
content_for_change (KopirDocument *self)
{
  Content *old = self->content;
  Content *copy;

  if (g_atomic_ref_count_compare (&old->ref_count, 1))
    {
      g_clear_pointer (&old->pagination, pagination_unref);
      return old;
    }

  copy = content_new (old->catalog);
  copy->title = g_strdup (old->title);
  copy->subtitle = g_strdup (old->subtitle);
  copy->issuer = g_strdup (old->issuer);
  copy->footer = g_strdup (old->footer);
  copy->issued = old->issued != NULL ? g_date_time_ref (old->issued) : NULL;
  copy->sandbox = old->sandbox;
  g_clear_pointer (&copy->blocks, g_ptr_array_unref);
  copy->blocks = g_ptr_array_copy (old->blocks, block_copy, NULL);
  g_ptr_array_set_free_func (copy->blocks, block_free);

  self->content = copy;
  content_unref (old);
  return copy;
}

static const char *
tr (const Content *content,
    const char    *msgid)
{
  return kopir_catalog_gettext (content->catalog, msgid);
}

/* Text from the caller goes to Pango, which wants valid UTF-8. */
static char *
dup_text (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_utf8_make_valid (text, -1);
}

/* Layout {{{ */

static PangoContext *
create_pango_context (const Content *content)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics at 72 dpi: one font point is one unit of the page,
   * and the same text measures the same on a PDF, a printer and the
   * screen, so every target breaks pages at the same lines. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string (content->language));

  return context;
}

static PangoLayout *
text_layout (PangoContext *context,
             const char   *text,
             const char   *family,
             double        size,
             PangoWeight   weight,
             double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* The first line's baseline, in points from the layout's top. */
static double
baseline_of (PangoLayout *layout)
{
  return (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

static char *
page_number_text (const Content *content,
                  guint          page,
                  guint          n_pages)
{
  /* Translators: page numbers at the foot of a printed document, e.g.
   * "Page 1 of 2"; the plural form follows the number of pages (the
   * second number). */
  return g_strdup_printf (kopir_catalog_ngettext (content->catalog,
                                                  "Page %u of %u", "Page %u of %u", n_pages),
                          page, n_pages);
}

static char *
issued_text (const Content *content)
{
  g_autofree char *date = NULL;

  if (content->issued == NULL)
    return NULL;

  date = kopir_document_format_date (content->catalog, content->issued);
  /* Translators: in the header of a printed document; %s is a date such
   * as "25 November 2026". */
  return g_strdup_printf (kopir_catalog_gettext (content->catalog, "Date of issue: %s"), date);
}

static PangoLayout *
footer_layout (const Content *content,
               PangoContext  *context,
               const Geometry *geometry,
               double          page_number_width)
{
  return text_layout (context, content->footer, FONT_FAMILY, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                      MAX (geometry->content_width - page_number_width - ROW_GAP, 40.0));
}

static PangoLayout *
banner_layout (const Content *content,
               PangoContext  *context,
               double         width,
               gboolean       title)
{
  PangoLayout *layout;

  if (title)
    layout = text_layout (context, tr (content, N_("SANDBOX — NO REAL MONEY")), FONT_FAMILY,
                          SIZE_BANNER, PANGO_WEIGHT_BOLD, width);
  else
    layout = text_layout (context,
                          tr (content, N_("Made with the Kopir sandbox exchange for practice. "
                                          "No money was paid or received; this document has no "
                                          "legal or financial force.")),
                          FONT_FAMILY, SIZE_SMALL, PANGO_WEIGHT_NORMAL, width);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

static void
compute_geometry (const Content *content,
                  PangoContext  *context,
                  double         width,
                  double         height,
                  guint          n_pages_guess,
                  Geometry      *geometry)
{
  g_autoptr(PangoLayout) issuer = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  g_autoptr(PangoLayout) page_number = NULL;
  g_autofree char *page_text = NULL;
  double top;

  memset (geometry, 0, sizeof *geometry);
  geometry->width = width;
  geometry->height = height;
  /* About 15 mm on A4, less on small pages. */
  geometry->margin_x = CLAMP (width * 0.07, 14.0, 42.0);
  geometry->margin_top = CLAMP (height * 0.045, 14.0, 36.0);
  geometry->margin_bottom = CLAMP (height * 0.04, 14.0, 32.0);
  geometry->content_x = geometry->margin_x;
  geometry->content_width = MAX (width - 2 * geometry->margin_x, 60.0);

  issuer = text_layout (context, content->issuer != NULL ? content->issuer : "Kopir", FONT_FAMILY,
                        SIZE_ISSUER, PANGO_WEIGHT_BOLD, geometry->content_width * 0.55);
  geometry->header_height = layout_height (issuer) + HEADER_RULE_GAP;
  top = geometry->margin_top + geometry->header_height + 12.0;

  if (content->sandbox)
    {
      double inner = geometry->content_width - 24;
      g_autoptr(PangoLayout) title = banner_layout (content, context, inner, TRUE);
      g_autoptr(PangoLayout) text = banner_layout (content, context, inner, FALSE);

      geometry->banner_top = top - 4.0;
      geometry->banner_height = layout_height (title) + layout_height (text) + 14.0;
      top = geometry->banner_top + geometry->banner_height + 14.0;
    }
  geometry->body_top = top;

  if (content->title != NULL || content->subtitle != NULL)
    {
      g_autoptr(PangoLayout) title = text_layout (context, content->title, FONT_FAMILY, SIZE_TITLE,
                                                  PANGO_WEIGHT_BOLD, geometry->content_width);
      geometry->title_height = layout_height (title) + 10.0;
      if (content->subtitle != NULL)
        {
          g_autoptr(PangoLayout) subtitle = text_layout (context, content->subtitle, FONT_FAMILY,
                                                         SIZE_SUBTITLE, PANGO_WEIGHT_NORMAL,
                                                         geometry->content_width);
          geometry->title_height += layout_height (subtitle) + 4.0;
        }
      geometry->title_height += 4.0;
    }
  geometry->first_body_top = geometry->body_top + geometry->title_height;

  /* The footer is as tall as its text, next to the widest page number. */
  page_text = page_number_text (content, MAX (n_pages_guess, 1), MAX (n_pages_guess, 1));
  page_number = text_layout (context, page_text, FONT_FAMILY, SIZE_SMALL, PANGO_WEIGHT_NORMAL, -1);
  footer = footer_layout (content, context, geometry, layout_width (page_number));
  geometry->footer_top = height - geometry->margin_bottom -
                         MAX (layout_height (footer), layout_height (page_number));
  geometry->body_bottom = geometry->footer_top - 14.0;

  /* A page too small for anything still gets some room, so every block
   * lands on a page. */
  if (geometry->body_bottom < geometry->first_body_top + 20.0)
    geometry->body_bottom = geometry->first_body_top + 20.0;
}

static double
label_width (const Geometry *geometry)
{
  return floor (geometry->content_width * 0.36);
}

typedef struct
{
  PangoLayout *label;
  PangoLayout *value;
  PangoLayout *note;
  PangoLayout *second_label;
  PangoLayout *second_value;
  gboolean     note_inline;
  double       height;
} Measure;

static void
measure_clear (Measure *measure)
{
  g_clear_object (&measure->label);
  g_clear_object (&measure->value);
  g_clear_object (&measure->note);
  g_clear_object (&measure->second_label);
  g_clear_object (&measure->second_value);
}

/* Makes the layouts of a block as drawn and measures its full height,
 * including the space around it. */
static void
measure_block (const Content  *content,
               PangoContext   *context,
               const Geometry *geometry,
               const Block    *block,
               Measure        *measure)
{
  double width = geometry->content_width;

  memset (measure, 0, sizeof *measure);

  switch (block->kind)
    {
    case BLOCK_SECTION:
      measure->label = text_layout (context, block->label, FONT_FAMILY, SIZE_HEADING,
                                    PANGO_WEIGHT_BOLD, width);
      measure->height = SECTION_BEFORE + layout_height (measure->label) + 4.0 + SECTION_AFTER;
      break;

    case BLOCK_PARAGRAPH:
      measure->value = text_layout (context, block->text, FONT_FAMILY, SIZE_BODY,
                                    PANGO_WEIGHT_NORMAL, width);
      pango_layout_set_line_spacing (measure->value, 1.2f);
      measure->height = PARAGRAPH_BEFORE + layout_height (measure->value) + PARAGRAPH_AFTER;
      break;

    case BLOCK_ROW:
      {
        double lw = label_width (geometry);
        double vw = width - lw - ROW_GAP;
        gboolean copyable = (block->flags & KOPIR_DOCUMENT_ROW_COPYABLE) != 0;
        double value_height;

        measure->label = text_layout (context, block->label, FONT_FAMILY, SIZE_LABEL,
                                      PANGO_WEIGHT_NORMAL, lw);
        measure->value = text_layout (context, block->text,
                                      copyable ? FONT_FAMILY_MONO : FONT_FAMILY,
                                      copyable ? SIZE_MONO : SIZE_BODY,
                                      (block->flags & KOPIR_DOCUMENT_ROW_EMPHASIS) != 0
                                        ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                      copyable ? vw - 2 * COPY_PAD_X : vw);
        value_height = layout_height (measure->value) + (copyable ? 2 * COPY_PAD_Y : 0);
        if (block->note != NULL)
          {
            double value_width = layout_width (measure->value) + (copyable ? 2 * COPY_PAD_X : 0);

            measure->note = text_layout (context, block->note, FONT_FAMILY, SIZE_SMALL,
                                         PANGO_WEIGHT_NORMAL, vw);
            /* A short note beside a short value (a code and its meaning)
             * keeps the row to one line. */
            measure->note_inline = pango_layout_get_line_count (measure->value) == 1 &&
                                   pango_layout_get_line_count (measure->note) == 1 &&
                                   value_width + NOTE_INLINE_GAP +
                                   layout_width (measure->note) <= vw;
            if (!measure->note_inline)
              value_height += NOTE_GAP + layout_height (measure->note);
          }
        /* The label is drawn on the value's first baseline. */
        measure->height = MAX ((copyable ? COPY_PAD_Y : 0) + baseline_of (measure->value) -
                               baseline_of (measure->label) + layout_height (measure->label),
                               value_height) + 2 * ROW_PADDING;
      }
      break;

    case BLOCK_NOTICE:
      {
        double inner = width - NOTICE_BAR - 2 * NOTICE_PADDING;

        measure->height = 2 * NOTICE_MARGIN + 2 * NOTICE_PADDING;
        if (block->label != NULL)
          {
            measure->label = text_layout (context, block->label, FONT_FAMILY, SIZE_BODY,
                                          PANGO_WEIGHT_BOLD, inner);
            measure->height += layout_height (measure->label) + 3.0;
          }
        measure->value = text_layout (context, block->text, FONT_FAMILY, SIZE_LABEL + 0.5,
                                      PANGO_WEIGHT_NORMAL, inner);
        pango_layout_set_line_spacing (measure->value, 1.15f);
        measure->height += layout_height (measure->value);
      }
      break;

    case BLOCK_SIGNATURE:
    default:
      g_assert_not_reached ();
    }
}

/* A row of one or two signature blocks, from @index. */
static guint
signature_run (const Content *content,
               guint          index)
{
  guint n = 0;

  while (index + n < content->blocks->len && n < 2 &&
         ((Block *) g_ptr_array_index (content->blocks, index + n))->kind == BLOCK_SIGNATURE)
    n++;
  return n;
}

static void
measure_signatures (const Content  *content,
                    PangoContext   *context,
                    const Geometry *geometry,
                    guint           index,
                    guint           n_blocks,
                    Measure        *measure)
{
  double column = (geometry->content_width - SIGNATURE_GAP) / 2;
  const Block *first = g_ptr_array_index (content->blocks, index);
  double first_height, second_height = 0;

  memset (measure, 0, sizeof *measure);

  measure->label = text_layout (context, first->label, FONT_FAMILY, SIZE_LABEL, PANGO_WEIGHT_BOLD,
                                column);
  measure->value = text_layout (context, first->text, FONT_FAMILY, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                column);
  first_height = layout_height (measure->label) + layout_height (measure->value);
  if (n_blocks > 1)
    {
      const Block *second = g_ptr_array_index (content->blocks, index + 1);

      measure->second_label = text_layout (context, second->label, FONT_FAMILY, SIZE_LABEL,
                                           PANGO_WEIGHT_BOLD, column);
      measure->second_value = text_layout (context, second->text, FONT_FAMILY, SIZE_BODY,
                                           PANGO_WEIGHT_NORMAL, column);
      second_height = layout_height (measure->second_label) + layout_height (measure->second_value);
    }

  /* Role, room to sign, the line, then the name and "signature, date". */
  measure->height = SIGNATURE_BEFORE + MAX (first_height, second_height) + SIGNATURE_SPACE + 2.0 +
                    SIZE_SMALL * 1.4 + 4.0;
}

/* The tops and bottoms of a paragraph's lines, in points from its top. */
static GArray *
line_ranges (PangoLayout *layout)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      int y0, y1;
      double range[2];

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      range[0] = (double) y0 / PANGO_SCALE;
      range[1] = (double) y1 / PANGO_SCALE;
      g_array_append_vals (ranges, range, 1);
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
  return ranges;
}

#define RANGE_TOP(ranges, i) (((double *) (ranges)->data)[2 * (i)])
#define RANGE_BOTTOM(ranges, i) (((double *) (ranges)->data)[2 * (i) + 1])

static GArray *
new_page (GArray *pages)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));

  g_array_append_val (pages, page);
  return page;
}

static void
clear_page (gpointer data)
{
  g_array_unref (*(GArray **) data);
}

/* How tall the first piece of the unit at @index is, for keeping a heading
 * with what follows it. */
static double
first_piece_height (const Content  *content,
                    PangoContext   *context,
                    const Geometry *geometry,
                    guint           index)
{
  const Block *block;
  Measure measure;
  double height;

  if (index >= content->blocks->len)
    return 0;

  block = g_ptr_array_index (content->blocks, index);
  if (block->kind == BLOCK_SIGNATURE)
    measure_signatures (content, context, geometry, index, signature_run (content, index),
                        &measure);
  else
    measure_block (content, context, geometry, block, &measure);

  height = measure.height;
  if (block->kind == BLOCK_PARAGRAPH)
    {
      g_autoptr(GArray) ranges = line_ranges (measure.value);
      guint lines = MIN (ranges->len, 2);

      height = PARAGRAPH_BEFORE + RANGE_BOTTOM (ranges, lines - 1);
    }
  else if (block->kind == BLOCK_SECTION)
    height = 0;

  measure_clear (&measure);
  return height;
}

/* For each block, the heading of its section if that section ends in
 * signature lines (a section to be signed), else G_MAXUINT. */
static guint *
find_signed_sections (const Content *content)
{
  guint n = content->blocks->len;
  guint *signed_section = g_new (guint, MAX (n, 1));
  guint heading = G_MAXUINT;
  gboolean has_signatures = FALSE;
  guint start = 0;

  for (guint i = 0; i <= n; i++)
    {
      const Block *block = i < n ? g_ptr_array_index (content->blocks, i) : NULL;

      if (block == NULL || block->kind == BLOCK_SECTION)
        {
          for (guint j = start; j < i; j++)
            signed_section[j] = has_signatures ? heading : G_MAXUINT;
          heading = i;
          start = i;
          has_signatures = FALSE;
        }
      else if (block->kind == BLOCK_SIGNATURE)
        has_signatures = heading != G_MAXUINT;
    }
  return signed_section;
}

typedef struct
{
  const Content  *content;
  PangoContext   *context;
  Geometry        geometry;
  GArray         *pages;
  GArray         *page;
  double          y;
  double          top;
  guint          *signed_section;
  /* Where the current section's heading went: page and placement. */
  guint           section_block;
  guint           section_page;
  guint           section_placement;
  guint           moved_section;
} Paginator;

static void
break_page (Paginator *p)
{
  p->page = new_page (p->pages);
  p->top = p->y = p->geometry.body_top;
}

/* A section to be signed does not break across pages: when block @i of
 * one does not fit, the whole section starts the next page instead, once,
 * unless it starts this page already.  Returns the block to go on from. */
static gboolean
move_signed_section (Paginator *p,
                     guint      i,
                     guint     *next)
{
  guint heading = p->signed_section[i];

  double height = 0;

  if (heading == G_MAXUINT || heading != p->section_block || heading == p->moved_section ||
      p->section_page != p->pages->len - 1 || p->section_placement == 0)
    return FALSE;

  /* Moving helps only if the whole section fits on a page. */
  for (guint j = heading; j < p->content->blocks->len && p->signed_section[j] == heading;)
    {
      const Block *block = g_ptr_array_index (p->content->blocks, j);
      Measure measure;
      guint n = 1;

      if (block->kind == BLOCK_SIGNATURE)
        {
          n = signature_run (p->content, j);
          measure_signatures (p->content, p->context, &p->geometry, j, n, &measure);
        }
      else
        measure_block (p->content, p->context, &p->geometry, block, &measure);
      height += measure.height;
      measure_clear (&measure);
      j += n;
    }
  if (height > p->geometry.body_bottom - p->geometry.body_top)
    return FALSE;

  g_array_set_size (p->page, p->section_placement);
  p->moved_section = heading;
  break_page (p);
  *next = heading;
  return TRUE;
}

/* Places block @index (a paragraph, line by line) and returns the next
 * block to place. */
static guint
place_block (Paginator *p,
             guint      index)
{
  const Block *block = g_ptr_array_index (p->content->blocks, index);
  Placement placement = { index, 1, 0, 0, p->y, 0 };
  guint next = index + 1;
  Measure measure;

  if (block->kind == BLOCK_SIGNATURE)
    {
      placement.n_blocks = signature_run (p->content, index);
      measure_signatures (p->content, p->context, &p->geometry, index, placement.n_blocks,
                          &measure);
      next = index + placement.n_blocks;
    }
  else
    measure_block (p->content, p->context, &p->geometry, block, &measure);

  if (block->kind == BLOCK_PARAGRAPH)
    {
      g_autoptr(GArray) ranges = line_ranges (measure.value);
      guint first = 0;

      while (first < ranges->len)
        {
          double offset = RANGE_TOP (ranges, first);
          double room = p->geometry.body_bottom - p->y - PARAGRAPH_BEFORE;
          guint last = first;

          while (last < ranges->len && RANGE_BOTTOM (ranges, last) - offset <= room)
            last++;
          /* No single line left alone at the foot of a page. */
          if (last - first == 1 && ranges->len - first > 1 && first == 0)
            last = first;
          if (last < ranges->len && first == 0 && move_signed_section (p, index, &next))
            break;
          if (last == first)
            {
              if (p->y > p->top)
                {
                  break_page (p);
                  continue;
                }
              last = first + 1;
            }

          placement.y = p->y;
          placement.first_line = first;
          placement.n_lines = last - first;
          placement.height = PARAGRAPH_BEFORE + RANGE_BOTTOM (ranges, last - 1) - offset +
                             (last == ranges->len ? PARAGRAPH_AFTER : 0);
          g_array_append_val (p->page, placement);
          p->y += placement.height;
          first = last;
        }
    }
  else
    {
      double need = measure.height;

      if (block->kind == BLOCK_SECTION)
        need += first_piece_height (p->content, p->context, &p->geometry, index + 1);
      if (p->y + need > p->geometry.body_bottom && p->y > p->top)
        {
          if (move_signed_section (p, index, &next))
            {
              measure_clear (&measure);
              return next;
            }
          break_page (p);
        }
      if (block->kind == BLOCK_SECTION)
        {
          p->section_block = index;
          p->section_page = p->pages->len - 1;
          p->section_placement = p->page->len;
        }
      placement.y = p->y;
      placement.height = measure.height;
      g_array_append_val (p->page, placement);
      p->y += measure.height;
    }

  measure_clear (&measure);
  return next;
}

static Pagination *
paginate (const Content *content,
          PangoContext  *context,
          double         width,
          double         height)
{
  Pagination *pagination = g_new0 (Pagination, 1);
  g_autofree guint *signed_section = find_signed_sections (content);
  guint n_pages_guess = 1;

  g_atomic_ref_count_init (&pagination->ref_count);
  pagination->width = width;
  pagination->height = height;

  /* The footer's height depends on how wide "Page 9 of 9" is; lay out
   * again in the rare case the number of pages changes it. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      Paginator p = { 0 };
      guint i = 0;

      p.content = content;
      p.context = context;
      p.signed_section = signed_section;
      p.section_block = G_MAXUINT;
      p.moved_section = G_MAXUINT;
      compute_geometry (content, context, width, height, n_pages_guess, &p.geometry);
      g_clear_pointer (&pagination->pages, g_array_unref);
      pagination->pages = p.pages = g_array_new (FALSE, FALSE, sizeof (GArray *));
      g_array_set_clear_func (pagination->pages, clear_page);
      p.page = new_page (p.pages);
      p.top = p.y = p.geometry.first_body_top;

      while (i < content->blocks->len)
        i = place_block (&p, i);

      if (pagination->pages->len == n_pages_guess)
        break;
      n_pages_guess = pagination->pages->len;
    }

  return pagination;
}

/* The pagination of @content for a page size, kept for the last size
 * asked for.  A reference is returned, as another thread may lay out the
 * same content for another size meanwhile. */
static Pagination *
content_get_pagination (Content      *content,
                        PangoContext *context,
                        double        width,
                        double        height)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&content->lock);

  if (content->pagination == NULL ||
      content->pagination->width != width || content->pagination->height != height)
    {
      g_clear_pointer (&content->pagination, pagination_unref);
      content->pagination = paginate (content, context, width, height);
    }
  return pagination_ref (content->pagination);
}

/* }}} */

/* Drawing {{{ */

static void
set_color (cairo_t   *cr,
           const Rgb *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y,
                const Rgb   *color)
{
  cairo_save (cr);
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
hline (cairo_t   *cr,
       double     x0,
       double     x1,
       double     y,
       double     width,
       const Rgb *color)
{
  cairo_save (cr);
  set_color (cr, color);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_watermark (const Content  *content,
                PangoContext   *context,
                cairo_t        *cr,
                const Geometry *geometry)
{
  g_autoptr(PangoLayout) layout = NULL;
  double angle = -atan2 (geometry->height, geometry->width);
  double diagonal = hypot (geometry->width, geometry->height);
  double scale;

  /* Translators: the large diagonal marking across every page of a
   * document made with the sandbox exchange. */
  layout = text_layout (context, kopir_catalog_pgettext (content->catalog, "watermark", "SANDBOX"),
                        FONT_FAMILY, 80.0, PANGO_WEIGHT_BOLD, -1);
  scale = MIN (diagonal * 0.62 / MAX (layout_width (layout), 1.0), 1.6);

  cairo_save (cr);
  cairo_translate (cr, geometry->width / 2, geometry->height / 2);
  cairo_rotate (cr, angle);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgba (cr, sandbox_red.r, sandbox_red.g, sandbox_red.b, 0.12);
  cairo_move_to (cr, -layout_width (layout) / 2, -layout_height (layout) / 2);
  /* Drawn as outlines, not text, so it stays out of the text a reader
   * copies or a screen reader speaks; the banner says it in words. */
  pango_cairo_layout_path (cr, layout);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_page_frame (const Content  *content,
                 PangoContext   *context,
                 cairo_t        *cr,
                 const Geometry *geometry,
                 guint           page,
                 guint           n_pages)
{
  g_autoptr(PangoLayout) issuer = NULL;
  g_autoptr(PangoLayout) page_number = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *issued = issued_text (content);
  double x0 = geometry->content_x;
  double x1 = geometry->content_x + geometry->content_width;
  double rule_y = geometry->margin_top + geometry->header_height;

  /* Header: the issuer on the left, the date of issue on the right. */
  issuer = text_layout (context, content->issuer != NULL ? content->issuer : "Kopir", FONT_FAMILY,
                        SIZE_ISSUER, PANGO_WEIGHT_BOLD, geometry->content_width * 0.55);
  show_layout_at (cr, issuer, x0, geometry->margin_top, &accent);
  if (issued != NULL)
    {
      double width = geometry->content_width * 0.42;
      g_autoptr(PangoLayout) date = text_layout (context, issued, FONT_FAMILY, SIZE_SMALL + 0.5,
                                                 PANGO_WEIGHT_NORMAL, width);

      pango_layout_set_alignment (date, PANGO_ALIGN_RIGHT);
      show_layout_at (cr, date, x1 - width,
                      rule_y - HEADER_RULE_GAP - layout_height (date), &secondary);
    }
  hline (cr, x0, x1, rule_y, 1.5, &accent);

  if (content->sandbox)
    {
      double inner = geometry->content_width - 24;
      g_autoptr(PangoLayout) title = banner_layout (content, context, inner, TRUE);
      g_autoptr(PangoLayout) text = banner_layout (content, context, inner, FALSE);
      static const Rgb white = { 1, 1, 1 };

      cairo_save (cr);
      set_color (cr, &sandbox_red);
      cairo_rectangle (cr, x0, geometry->banner_top, geometry->content_width,
                       geometry->banner_height);
      cairo_fill (cr);
      cairo_restore (cr);
      show_layout_at (cr, title, x0 + 12, geometry->banner_top + 6, &white);
      show_layout_at (cr, text, x0 + 12, geometry->banner_top + 8 + layout_height (title), &white);
    }

  if (page == 0 && (content->title != NULL || content->subtitle != NULL))
    {
      g_autoptr(PangoLayout) title = text_layout (context, content->title, FONT_FAMILY, SIZE_TITLE,
                                                  PANGO_WEIGHT_BOLD, geometry->content_width);
      double y = geometry->body_top;

      show_layout_at (cr, title, x0, y, &ink);
      y += layout_height (title) + 4.0;
      if (content->subtitle != NULL)
        {
          g_autoptr(PangoLayout) subtitle = text_layout (context, content->subtitle, FONT_FAMILY,
                                                         SIZE_SUBTITLE, PANGO_WEIGHT_NORMAL,
                                                         geometry->content_width);
          show_layout_at (cr, subtitle, x0, y, &secondary);
        }
    }

  /* Footer: the footer text on the left, the page number on the right. */
  page_text = page_number_text (content, page + 1, n_pages);
  page_number = text_layout (context, page_text, FONT_FAMILY, SIZE_SMALL, PANGO_WEIGHT_NORMAL, -1);
  footer = footer_layout (content, context, geometry, layout_width (page_number));
  hline (cr, x0, x1, geometry->footer_top - 6.0, 0.5, &hairline);
  if (content->footer != NULL)
    show_layout_at (cr, footer, x0, geometry->footer_top, &secondary);
  show_layout_at (cr, page_number, x1 - layout_width (page_number), geometry->footer_top,
                  &secondary);
}

static void
draw_signatures (const Content  *content,
                 cairo_t        *cr,
                 const Geometry *geometry,
                 const Measure  *measure,
                 double          y,
                 guint           n_blocks,
                 PangoContext   *context)
{
  double column = (geometry->content_width - SIGNATURE_GAP) / 2;
  /* Translators: under a signature line on a printed document. */
  const char *caption_text = tr (content, N_("signature, date"));
  PangoLayout *labels[2] = { measure->label, measure->second_label };
  PangoLayout *names[2] = { measure->value, measure->second_value };
  double names_height = 0;

  y += SIGNATURE_BEFORE;
  for (guint i = 0; i < n_blocks; i++)
    names_height = MAX (names_height, layout_height (labels[i]) + layout_height (names[i]));

  for (guint i = 0; i < n_blocks; i++)
    {
      g_autoptr(PangoLayout) caption = text_layout (context, caption_text, FONT_FAMILY, SIZE_SMALL,
                                                    PANGO_WEIGHT_NORMAL, column);
      double x = geometry->content_x + i * (column + SIGNATURE_GAP);
      double line_y = y + names_height + SIGNATURE_SPACE;

      show_layout_at (cr, labels[i], x, y, &secondary);
      show_layout_at (cr, names[i], x, y + layout_height (labels[i]), &ink);
      hline (cr, x, x + column, line_y, 0.75, &ink);
      show_layout_at (cr, caption, x, line_y + 2.0, &secondary);
    }
}

static void
draw_placement (const Content   *content,
                PangoContext    *context,
                cairo_t         *cr,
                const Geometry  *geometry,
                const Placement *placement)
{
  const Block *block = g_ptr_array_index (content->blocks, placement->block);
  double x0 = geometry->content_x;
  double x1 = geometry->content_x + geometry->content_width;
  double y = placement->y;
  Measure measure;

  if (block->kind == BLOCK_SIGNATURE)
    {
      measure_signatures (content, context, geometry, placement->block, placement->n_blocks,
                          &measure);
      draw_signatures (content, cr, geometry, &measure, y, placement->n_blocks, context);
      measure_clear (&measure);
      return;
    }

  measure_block (content, context, geometry, block, &measure);

  switch (block->kind)
    {
    case BLOCK_SECTION:
      y += SECTION_BEFORE;
      show_layout_at (cr, measure.label, x0, y, &accent);
      y += layout_height (measure.label) + 2.0;
      hline (cr, x0, x1, y, 0.75, &accent);
      break;

    case BLOCK_PARAGRAPH:
      {
        PangoLayoutIter *iter = pango_layout_get_iter (measure.value);
        guint last = placement->first_line + placement->n_lines;
        double top = 0;
        guint line = 0;

        /* Only this page's lines are drawn, so the text of a paragraph
         * split across pages is in the PDF once, not hidden under a clip. */
        cairo_save (cr);
        set_color (cr, &ink);
        do
          {
            PangoRectangle logical;
            int y0, y1;

            pango_layout_iter_get_line_yrange (iter, &y0, &y1);
            if (line == placement->first_line)
              top = (double) y0 / PANGO_SCALE;
            if (line >= placement->first_line && line < last)
              {
                pango_layout_iter_get_line_extents (iter, NULL, &logical);
                cairo_move_to (cr, x0 + (double) logical.x / PANGO_SCALE,
                               y + PARAGRAPH_BEFORE - top +
                               (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
                pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
              }
            line++;
          }
        while (line < last && pango_layout_iter_next_line (iter));
        cairo_restore (cr);
        pango_layout_iter_free (iter);
      }
      break;

    case BLOCK_ROW:
      {
        gboolean copyable = (block->flags & KOPIR_DOCUMENT_ROW_COPYABLE) != 0;
        double vx = x0 + label_width (geometry) + ROW_GAP;
        double value_top = y + ROW_PADDING + (copyable ? COPY_PAD_Y : 0);
        double baseline = value_top + baseline_of (measure.value);

        /* The label sits on the baseline of the value's first line. */
        show_layout_at (cr, measure.label, x0, baseline - baseline_of (measure.label), &secondary);
        if (copyable)
          {
            cairo_save (cr);
            set_color (cr, &copy_fill);
            cairo_rectangle (cr, vx, y + ROW_PADDING,
                             MIN (layout_width (measure.value) + 2 * COPY_PAD_X, x1 - vx),
                             layout_height (measure.value) + 2 * COPY_PAD_Y);
            cairo_fill (cr);
            cairo_restore (cr);
            show_layout_at (cr, measure.value, vx + COPY_PAD_X, value_top, &ink);
          }
        else
          show_layout_at (cr, measure.value, vx, value_top, &ink);

        if (measure.note != NULL && measure.note_inline)
          show_layout_at (cr, measure.note,
                          vx + layout_width (measure.value) + (copyable ? 2 * COPY_PAD_X : 0) +
                          NOTE_INLINE_GAP,
                          baseline - baseline_of (measure.note), &secondary);
        else if (measure.note != NULL)
          show_layout_at (cr, measure.note, vx,
                          value_top + layout_height (measure.value) + (copyable ? COPY_PAD_Y : 0) +
                          NOTE_GAP,
                          &secondary);
        hline (cr, x0, x1, y + placement->height, 0.5, &hairline);
      }
      break;

    case BLOCK_NOTICE:
      {
        gboolean warning = block->flags == KOPIR_DOCUMENT_NOTICE_WARNING;
        double box_y = y + NOTICE_MARGIN;
        double box_h = placement->height - 2 * NOTICE_MARGIN;
        double tx = x0 + NOTICE_BAR + NOTICE_PADDING;
        double ty = box_y + NOTICE_PADDING;

        cairo_save (cr);
        set_color (cr, warning ? &warn_fill : &info_fill);
        cairo_rectangle (cr, x0, box_y, geometry->content_width, box_h);
        cairo_fill (cr);
        set_color (cr, warning ? &warn_bar : &info_bar);
        cairo_rectangle (cr, x0, box_y, NOTICE_BAR, box_h);
        cairo_fill (cr);
        cairo_restore (cr);

        if (measure.label != NULL)
          {
            show_layout_at (cr, measure.label, tx, ty, &ink);
            ty += layout_height (measure.label) + 3.0;
          }
        show_layout_at (cr, measure.value, tx, ty, &ink);
      }
      break;

    case BLOCK_SIGNATURE:
    default:
      g_assert_not_reached ();
    }

  measure_clear (&measure);
}

static void
draw_content_page (Content *content,
                   cairo_t *cr,
                   guint    page,
                   double   width,
                   double   height)
{
  g_autoptr(KopirPangoContext) context = create_pango_context (content);
  g_autoptr(Pagination) pagination = content_get_pagination (content, context, width, height);
  GArray *placements;
  Geometry geometry;

  g_return_if_fail (page < pagination->pages->len);

  compute_geometry (content, context, width, height, pagination->pages->len, &geometry);
  placements = g_array_index (pagination->pages, GArray *, page);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  draw_page_frame (content, context, cr, &geometry, page, pagination->pages->len);
  for (guint i = 0; i < placements->len; i++)
    draw_placement (content, context, cr, &geometry, &g_array_index (placements, Placement, i));
  /* Over the content, faint, so nothing on the page can hide it. */
  if (content->sandbox)
    draw_watermark (content, context, cr, &geometry);

  cairo_restore (cr);
}

/* }}} */

/* PDF {{{ */

static cairo_status_t
append_to_buffer (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_pdf (Content       *content,
           GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(KopirPangoContext) context = create_pango_context (content);
  g_autoptr(Pagination) pagination = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  pagination = content_get_pagination (content, context, KOPIR_DOCUMENT_A4_WIDTH,
                                       KOPIR_DOCUMENT_A4_HEIGHT);
  n_pages = pagination->pages->len;

  surface = cairo_pdf_surface_create_for_stream (append_to_buffer, buffer,
                                                 KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
  if (content->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, content->title);
  if (content->issuer != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, content->issuer);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Kopir " PACKAGE_VERSION);
  if (content->issued != NULL)
    {
      g_autofree char *date = g_date_time_format_iso8601 (content->issued);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    }

  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          return FALSE;
        }
      draw_content_page (content, cr, page, KOPIR_DOCUMENT_A4_WIDTH, KOPIR_DOCUMENT_A4_HEIGHT);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_RENDER,
                   _("The document could not be drawn (%s)."), cairo_status_to_string (status));
      return FALSE;
    }

  /* Replaced in one step, so a reader never sees half a file, and private
   * to the user, as it carries personal data. */
  return g_file_replace_contents (file, (const char *) buffer->data, buffer->len, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, cancellable, error);
}

typedef struct
{
  Content *content;
  GFile   *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_pointer (&data->content, content_unref);
  g_clear_object (&data->file);
  g_free (data);
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (write_pdf (data->content, data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* }}} */

static void
kopir_document_constructed (GObject *object)
{
  KopirDocument *self = (KopirDocument *) object;

  G_OBJECT_CLASS (kopir_document_parent_class)->constructed (object);

  if (self->content == NULL)
    {
      g_autoptr(KopirCatalog) catalog = kopir_catalog_get_for_language ("en");

      self->content = content_new (catalog);
    }
}

static void
kopir_document_finalize (GObject *object)
{
  KopirDocument *self = (KopirDocument *) object;

  g_clear_pointer (&self->content, content_unref);

  G_OBJECT_CLASS (kopir_document_parent_class)->finalize (object);
}

static void
kopir_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KopirDocument *self = KOPIR_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->content->catalog);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->content->language);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->content->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->content->subtitle);
      break;

    case PROP_ISSUER:
      g_value_set_string (value, self->content->issuer);
      break;

    case PROP_FOOTER:
      g_value_set_string (value, self->content->footer);
      break;

    case PROP_ISSUED:
      g_value_set_boxed (value, self->content->issued);
      break;

    case PROP_SANDBOX:
      g_value_set_boolean (value, self->content->sandbox);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_document_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KopirDocument *self = KOPIR_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      if (g_value_get_object (value) != NULL)
        {
          g_clear_pointer (&self->content, content_unref);
          self->content = content_new (g_value_get_object (value));
        }
      break;

    case PROP_TITLE:
      kopir_document_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      kopir_document_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_ISSUER:
      kopir_document_set_issuer (self, g_value_get_string (value));
      break;

    case PROP_FOOTER:
      kopir_document_set_footer (self, g_value_get_string (value));
      break;

    case PROP_ISSUED:
      kopir_document_set_issued (self, g_value_get_boxed (value));
      break;

    case PROP_SANDBOX:
      kopir_document_set_sandbox (self, g_value_get_boolean (value));
      break;

    case PROP_LANGUAGE:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_document_class_init (KopirDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kopir_document_constructed;
  object_class->finalize = kopir_document_finalize;
  object_class->get_property = kopir_document_get_property;
  object_class->set_property = kopir_document_set_property;

  /**
   * KopirDocument:catalog:
   *
   * The catalogue of the document's language.
   */
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         KOPIR_TYPE_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirDocument:language:
   *
   * The document's language: "en", "kk" or "ru".
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         "en",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirDocument:issuer:
   *
   * Who issues the document (the exchange), at the top of every page.
   */
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirDocument:footer:
   *
   * Small print at the foot of every page, next to the page number.
   */
  properties[PROP_FOOTER] =
    g_param_spec_string ("footer", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirDocument:issued:
   *
   * The date of issue, shown in Kazakhstan time.
   */
  properties[PROP_ISSUED] =
    g_param_spec_boxed ("issued", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirDocument:sandbox:
   *
   * Whether the document comes from the sandbox exchange: every page then
   * says, in a banner and across the page, that no real money is involved.
   */
  properties[PROP_SANDBOX] =
    g_param_spec_boolean ("sandbox", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_document_init (KopirDocument *self)
{
}

/**
 * kopir_document_new:
 * @language: (nullable): "en", "kk" or "ru" (or a locale name); the
 *   customer's language, not necessarily the screen's
 *
 * Returns: (transfer full): an empty document in @language
 */
KopirDocument *
kopir_document_new (const char *language)
{
  g_autoptr(KopirCatalog) catalog =
    kopir_catalog_get_for_language (kopir_money_language_from_locale (language));

  return kopir_document_new_with_catalog (catalog);
}

/**
 * kopir_document_new_with_catalog:
 * @catalog: the catalogue of the document's language
 *
 * Returns: (transfer full): an empty document in @catalog's language
 */
KopirDocument *
kopir_document_new_with_catalog (KopirCatalog *catalog)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (catalog), NULL);

  return g_object_new (KOPIR_TYPE_DOCUMENT, "catalog", catalog, NULL);
}

/**
 * kopir_document_get_language:
 * @self: a document
 *
 * Returns: "en", "kk" or "ru"
 */
const char *
kopir_document_get_language (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), NULL);

  return self->content->language;
}

/**
 * kopir_document_get_catalog:
 * @self: a document
 *
 * Returns: (transfer none): the catalogue the document's words come from
 */
KopirCatalog *
kopir_document_get_catalog (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), NULL);

  return self->content->catalog;
}

static void
set_string (KopirDocument *self,
            gsize          offset,
            const char    *value,
            guint          prop)
{
  g_autofree char *valid = dup_text (value);
  Content *content;
  char **field;

  if (g_strcmp0 (G_STRUCT_MEMBER (char *, self->content, offset), valid) == 0)
    return;

  content = content_for_change (self);
  field = &G_STRUCT_MEMBER (char *, content, offset);
  g_free (*field);
  *field = g_steal_pointer (&valid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
kopir_document_get_title (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), NULL);

  return self->content->title;
}

void
kopir_document_set_title (KopirDocument *self,
                          const char    *title)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));

  set_string (self, G_STRUCT_OFFSET (Content, title), title, PROP_TITLE);
}

const char *
kopir_document_get_subtitle (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), NULL);

  return self->content->subtitle;
}

void
kopir_document_set_subtitle (KopirDocument *self,
                             const char    *subtitle)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));

  set_string (self, G_STRUCT_OFFSET (Content, subtitle), subtitle, PROP_SUBTITLE);
}

const char *
kopir_document_get_issuer (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), NULL);

  return self->content->issuer;
}

void
kopir_document_set_issuer (KopirDocument *self,
                           const char    *issuer)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));

  set_string (self, G_STRUCT_OFFSET (Content, issuer), issuer, PROP_ISSUER);
}

const char *
kopir_document_get_footer (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), NULL);

  return self->content->footer;
}

void
kopir_document_set_footer (KopirDocument *self,
                           const char    *footer)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));

  set_string (self, G_STRUCT_OFFSET (Content, footer), footer, PROP_FOOTER);
}

/**
 * kopir_document_get_issued:
 * @self: a document
 *
 * Returns: (transfer none) (nullable): the date of issue
 */
GDateTime *
kopir_document_get_issued (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), NULL);

  return self->content->issued;
}

/**
 * kopir_document_set_issued:
 * @self: a document
 * @issued: (nullable): the date of issue
 */
void
kopir_document_set_issued (KopirDocument *self,
                           GDateTime     *issued)
{
  Content *content;

  g_return_if_fail (KOPIR_IS_DOCUMENT (self));

  if (self->content->issued == issued ||
      (self->content->issued != NULL && issued != NULL &&
       g_date_time_equal (self->content->issued, issued)))
    return;

  content = content_for_change (self);
  g_clear_pointer (&content->issued, g_date_time_unref);
  content->issued = issued != NULL ? g_date_time_ref (issued) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISSUED]);
}

gboolean
kopir_document_get_sandbox (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), FALSE);

  return self->content->sandbox;
}

void
kopir_document_set_sandbox (KopirDocument *self,
                            gboolean       sandbox)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));

  sandbox = !!sandbox;
  if (self->content->sandbox == sandbox)
    return;

  content_for_change (self)->sandbox = sandbox;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOX]);
}

static void
add_block (KopirDocument *self,
           BlockKind      kind,
           guint          flags,
           const char    *label,
           const char    *text,
           const char    *note)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->flags = flags;
  block->label = dup_text (label);
  block->text = dup_text (text);
  block->note = dup_text (note);
  g_ptr_array_add (content_for_change (self)->blocks, block);
}

/**
 * kopir_document_add_section:
 * @self: a document
 * @heading: the section's heading
 *
 * Starts a section.  A heading is never left alone at the foot of a page.
 */
void
kopir_document_add_section (KopirDocument *self,
                            const char    *heading)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));
  g_return_if_fail (heading != NULL);

  add_block (self, BLOCK_SECTION, 0, heading, NULL, NULL);
}

/**
 * kopir_document_add_paragraph:
 * @self: a document
 * @text: plain text, wrapped to the page; it may run onto the next page
 */
void
kopir_document_add_paragraph (KopirDocument *self,
                              const char    *text)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, BLOCK_PARAGRAPH, 0, NULL, text, NULL);
}

/**
 * kopir_document_add_row:
 * @self: a document
 * @label: what the value is
 * @value: the value; an empty string or %NULL prints a dash
 * @flags: how to show it
 *
 * Adds a row to a key–value table; consecutive rows make one table.
 */
void
kopir_document_add_row (KopirDocument         *self,
                        const char            *label,
                        const char            *value,
                        KopirDocumentRowFlags  flags)
{
  kopir_document_add_row_full (self, label, value, NULL, flags);
}

/**
 * kopir_document_add_row_full:
 * @self: a document
 * @label: what the value is
 * @value: the value; an empty string or %NULL prints a dash
 * @note: (nullable): a line in small print under the value (what a code
 *   means, how to use the value)
 * @flags: how to show the value
 *
 * Adds a row to a key–value table, with a note under its value.
 */
void
kopir_document_add_row_full (KopirDocument         *self,
                             const char            *label,
                             const char            *value,
                             const char            *note,
                             KopirDocumentRowFlags  flags)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));
  g_return_if_fail (label != NULL);

  add_block (self, BLOCK_ROW, flags, label, value != NULL && value[0] != '\0' ? value : "—",
             note != NULL && note[0] != '\0' ? note : NULL);
}

/**
 * kopir_document_add_notice:
 * @self: a document
 * @kind: information or a warning
 * @title: (nullable): a short bold line
 * @text: the notice
 *
 * Adds a shaded box that stands out from the text around it.
 */
void
kopir_document_add_notice (KopirDocument       *self,
                           KopirDocumentNotice  kind,
                           const char          *title,
                           const char          *text)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, BLOCK_NOTICE, kind, title, text, NULL);
}

/**
 * kopir_document_add_signature:
 * @self: a document
 * @role: who signs ("Customer")
 * @name: (nullable): their name, printed above the line
 *
 * Adds a signature line; two consecutive signatures share a row.
 */
void
kopir_document_add_signature (KopirDocument *self,
                              const char    *role,
                              const char    *name)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));
  g_return_if_fail (role != NULL);

  add_block (self, BLOCK_SIGNATURE, 0, role, name != NULL ? name : "", NULL);
}

/**
 * kopir_document_get_n_blocks:
 * @self: a document
 *
 * Returns: how many sections, rows, paragraphs, notices and signatures
 *   the document has
 */
guint
kopir_document_get_n_blocks (KopirDocument *self)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), 0);

  return self->content->blocks->len;
}

/**
 * kopir_document_to_text:
 * @self: a document
 *
 * The document as plain text in its language, without page furniture:
 * for copying, for the accessibility of a preview, and for tests.
 *
 * Returns: (transfer full): the text
 */
char *
kopir_document_to_text (KopirDocument *self)
{
  Content *content;
  GString *out;

  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), NULL);

  content = self->content;
  out = g_string_new (NULL);

  if (content->sandbox)
    g_string_append_printf (out, "%s\n\n", tr (content, N_("SANDBOX — NO REAL MONEY")));
  if (content->issuer != NULL)
    g_string_append_printf (out, "%s\n", content->issuer);
  if (content->issued != NULL)
    {
      g_autofree char *issued = issued_text (content);
      g_string_append_printf (out, "%s\n", issued);
    }
  if (content->title != NULL)
    g_string_append_printf (out, "\n%s\n", content->title);
  if (content->subtitle != NULL)
    g_string_append_printf (out, "%s\n", content->subtitle);

  for (guint i = 0; i < content->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (content->blocks, i);

      switch (block->kind)
        {
        case BLOCK_SECTION:
          g_string_append_printf (out, "\n%s\n", block->label);
          break;
        case BLOCK_PARAGRAPH:
          g_string_append_printf (out, "%s\n", block->text);
          break;
        case BLOCK_ROW:
          g_string_append_printf (out, "%s: %s\n", block->label, block->text);
          if (block->note != NULL)
            g_string_append_printf (out, "  (%s)\n", block->note);
          break;
        case BLOCK_NOTICE:
          if (block->label != NULL)
            g_string_append_printf (out, "\n%s\n", block->label);
          g_string_append_printf (out, "%s\n", block->text);
          break;
        case BLOCK_SIGNATURE:
          g_string_append_printf (out, "\n%s: %s ____________________\n",
                                  block->label, block->text);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (content->footer != NULL)
    g_string_append_printf (out, "\n%s\n", content->footer);

  return g_string_free (out, FALSE);
}

/**
 * kopir_document_get_n_pages:
 * @self: a document
 * @page_width: page width in points (A4: %KOPIR_DOCUMENT_A4_WIDTH)
 * @page_height: page height in points
 *
 * Lays the document out on pages of this size.
 *
 * Returns: the number of pages, at least 1
 */
guint
kopir_document_get_n_pages (KopirDocument *self,
                            double         page_width,
                            double         page_height)
{
  g_autoptr(KopirPangoContext) context = NULL;
  g_autoptr(Pagination) pagination = NULL;

  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (page_width > 0 && page_height > 0, 0);

  context = create_pango_context (self->content);
  pagination = content_get_pagination (self->content, context, page_width, page_height);
  return pagination->pages->len;
}

/**
 * kopir_document_draw_page:
 * @self: a document
 * @cr: a cairo context whose user units are points, with the page's
 *   top-left corner at the origin
 * @page: the page, from 0
 * @page_width: page width in points
 * @page_height: page height in points
 *
 * Draws one page, as a GtkPrintOperation's #GtkPrintOperation::draw-page
 * handler needs.
 */
void
kopir_document_draw_page (KopirDocument *self,
                          cairo_t       *cr,
                          guint          page,
                          double         page_width,
                          double         page_height)
{
  g_return_if_fail (KOPIR_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page_width > 0 && page_height > 0);

  draw_content_page (self->content, cr, page, page_width, page_height);
}

/**
 * kopir_document_write_pdf:
 * @self: a document
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: a #KOPIR_DOCUMENT_ERROR or #G_IO_ERROR
 *
 * Writes the document as an A4 PDF, replacing @file in one step.  This
 * blocks; the main loop uses kopir_document_write_pdf_async().
 *
 * Returns: %TRUE if the file was written
 */
gboolean
kopir_document_write_pdf (KopirDocument  *self,
                          GFile          *file,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(Content) content = NULL;

  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  content = content_ref (self->content);
  return write_pdf (content, file, cancellable, error);
}

/**
 * kopir_document_write_pdf_async:
 * @self: a document
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or failed
 * @user_data: for @callback
 *
 * Writes the document as an A4 PDF in a worker thread.  The document as it
 * is now is written; later changes are not.
 */
void
kopir_document_write_pdf_async (KopirDocument       *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (KOPIR_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->content = content_ref (self->content);
  data->file = g_object_ref (file);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_document_write_pdf_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, write_pdf_thread);
}

/**
 * kopir_document_write_pdf_finish:
 * @self: a document
 * @result: the result given to the callback
 * @error: a #KOPIR_DOCUMENT_ERROR or #G_IO_ERROR
 *
 * Returns: %TRUE if the file was written
 */
gboolean
kopir_document_write_pdf_finish (KopirDocument  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (KOPIR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kopir_document_write_pdf_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
