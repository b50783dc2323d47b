/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-document.h: a printed document in one language.
 *
 * A KopirDocument is what Kopir hands a customer on paper: a title, a
 * subtitle, sections of labelled values, paragraphs, notices and signature
 * lines, with the issuer, the date of issue, a footer and page numbers on
 * every page.  Its language is fixed when it is made, and every word Kopir
 * adds (page numbers, dates, the sandbox marking) comes from that
 * language's catalogue, not the screen's.
 *
 * The same pages are drawn on any cairo context of any page size: a PDF
 * file (kopir_document_write_pdf_async()) or a GtkPrintOperation, which
 * draws page by page with kopir_document_draw_page() on a context whose
 * user units are points (gtk_print_operation_set_unit (op,
 * GTK_UNIT_POINTS)).  Text is DejaVu Sans and DejaVu Sans Mono, which have
 * every Kazakh letter, the tenge sign and the narrow no-break space.
 *
 * Build the document on one thread; once it is being written or drawn,
 * later changes do not affect pages already laid out but the document may
 * still be changed and drawn again.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "kopir-catalog.h"

G_BEGIN_DECLS

/* ISO 216 A4 in points. */
#define KOPIR_DOCUMENT_A4_WIDTH  595.2755905511812
#define KOPIR_DOCUMENT_A4_HEIGHT 841.8897637795276

/**
 * KopirDocumentRowFlags:
 * @KOPIR_DOCUMENT_ROW_DEFAULT: a plain label and value
 * @KOPIR_DOCUMENT_ROW_COPYABLE: a value typed into a bank's app (IBAN,
 *   codes, purpose text): monospace in a shaded box
 * @KOPIR_DOCUMENT_ROW_EMPHASIS: a value that matters most (a total): bold
 *
 * How a row of a key–value table is shown.
 */
typedef enum
{
  KOPIR_DOCUMENT_ROW_DEFAULT  = 0,
  KOPIR_DOCUMENT_ROW_COPYABLE = 1 << 0,
  KOPIR_DOCUMENT_ROW_EMPHASIS = 1 << 1,
} KopirDocumentRowFlags;

/**
 * KopirDocumentNotice:
 * @KOPIR_DOCUMENT_NOTICE_INFO: something to know
 * @KOPIR_DOCUMENT_NOTICE_WARNING: something that costs money if ignored
 *
 * The kind of a notice box.
 */
typedef enum
{
  KOPIR_DOCUMENT_NOTICE_INFO,
  KOPIR_DOCUMENT_NOTICE_WARNING,
} KopirDocumentNotice;

/**
 * KopirDocumentError:
 * @KOPIR_DOCUMENT_ERROR_INVALID_DATA: the data for a document is missing
 *   something it must show, or has a value that is not valid
 * @KOPIR_DOCUMENT_ERROR_RENDER: cairo could not draw or write the pages
 *
 * Errors of the document builders and of writing a document.
 */
typedef enum
{
  KOPIR_DOCUMENT_ERROR_INVALID_DATA,
  KOPIR_DOCUMENT_ERROR_RENDER,
} KopirDocumentError;

#define KOPIR_DOCUMENT_ERROR (kopir_document_error_quark ())

#define KOPIR_TYPE_DOCUMENT (kopir_document_get_type ())

G_DECLARE_FINAL_TYPE (KopirDocument, kopir_document, KOPIR, DOCUMENT, GObject)

GQuark         kopir_document_error_quark     (void);

KopirDocument *kopir_document_new             (const char              *language);
KopirDocument *kopir_document_new_with_catalog (KopirCatalog           *catalog);

const char    *kopir_document_get_language    (KopirDocument           *self);
KopirCatalog  *kopir_document_get_catalog     (KopirDocument           *self);
const char    *kopir_document_get_title       (KopirDocument           *self);
void           kopir_document_set_title       (KopirDocument           *self,
                                               const char              *title);
const char    *kopir_document_get_subtitle    (KopirDocument           *self);
void           kopir_document_set_subtitle    (KopirDocument           *self,
                                               const char              *subtitle);
const char    *kopir_document_get_issuer      (KopirDocument           *self);
void           kopir_document_set_issuer      (KopirDocument           *self,
                                               const char              *issuer);
const char    *kopir_document_get_footer      (KopirDocument           *self);
void           kopir_document_set_footer      (KopirDocument           *self,
                                               const char              *footer);
GDateTime     *kopir_document_get_issued      (KopirDocument           *self);
void           kopir_document_set_issued      (KopirDocument           *self,
                                               GDateTime               *issued);
gboolean       kopir_document_get_sandbox     (KopirDocument           *self);
void           kopir_document_set_sandbox     (KopirDocument           *self,
                                               gboolean                 sandbox);

void           kopir_document_add_section     (KopirDocument           *self,
                                               const char              *heading);
void           kopir_document_add_paragraph   (KopirDocument           *self,
                                               const char              *text);
void           kopir_document_add_row         (KopirDocument           *self,
                                               const char              *label,
                                               const char              *value,
                                               KopirDocumentRowFlags    flags);
void           kopir_document_add_row_full    (KopirDocument           *self,
                                               const char              *label,
                                               const char              *value,
                                               const char              *note,
                                               KopirDocumentRowFlags    flags);
void           kopir_document_add_notice      (KopirDocument           *self,
                                               KopirDocumentNotice      kind,
                                               const char              *title,
                                               const char              *text);
void           kopir_document_add_signature   (KopirDocument           *self,
                                               const char              *role,
                                               const char              *name);
guint          kopir_document_get_n_blocks    (KopirDocument           *self);
char          *kopir_document_to_text         (KopirDocument           *self);

guint          kopir_document_get_n_pages     (KopirDocument           *self,
                                               double                   page_width,
                                               double                   page_height);
void           kopir_document_draw_page       (KopirDocument           *self,
                                               cairo_t                 *cr,
                                               guint                    page,
                                               double                   page_width,
                                               double                   page_height);

gboolean       kopir_document_write_pdf       (KopirDocument           *self,
                                               GFile                   *file,
                                               GCancellable            *cancellable,
                                               GError                 **error);
void           kopir_document_write_pdf_async (KopirDocument           *self,
                                               GFile                   *file,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
gboolean       kopir_document_write_pdf_finish (KopirDocument          *self,
                                               GAsyncResult            *result,
                                               GError                 **error);

G_END_DECLS
