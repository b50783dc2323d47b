/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-document-image.h: a photo of an identity document or a selfie,
 * checked and made ready to send.
 *
 * The file is checked before anything is decoded (its size, then its
 * first bytes: a JPEG or PNG picture, not text or another kind of file),
 * then its size in pixels before the pixels are allocated, then decoded,
 * turned upright by its EXIF orientation, scaled down if it is very large
 * and encoded again as a JPEG. The new file carries none of the original's
 * metadata: no EXIF (camera, place, time), no XMP, no text chunks. Each
 * refusal is a translated message that says what to do.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Larger files are refused before they are read. */
#define KOPIR_DOCUMENT_IMAGE_MAX_FILE_SIZE (25 * 1000 * 1000)
/* What the exchange accepts after encoding. */
#define KOPIR_DOCUMENT_IMAGE_MAX_UPLOAD_SIZE (10 * 1024 * 1024)
/* The long side of what is sent; larger photos are scaled down to it. */
#define KOPIR_DOCUMENT_IMAGE_MAX_SIDE 2560
/* Pictures with more pixels are refused before they are decoded. */
#define KOPIR_DOCUMENT_IMAGE_MAX_PIXELS (60 * 1000 * 1000)

/**
 * KopirDocumentImagePurpose:
 * @KOPIR_DOCUMENT_IMAGE_DOCUMENT: a page or side of an identity document,
 *   at least 640×480 pixels in either orientation
 * @KOPIR_DOCUMENT_IMAGE_SELFIE: a selfie, at least 480×480 pixels
 */
typedef enum
{
  KOPIR_DOCUMENT_IMAGE_DOCUMENT,
  KOPIR_DOCUMENT_IMAGE_SELFIE,
} KopirDocumentImagePurpose;

/**
 * KopirDocumentImageError:
 * @KOPIR_DOCUMENT_IMAGE_ERROR_UNREADABLE: the file cannot be read
 * @KOPIR_DOCUMENT_IMAGE_ERROR_TOO_LARGE: the file is too large
 * @KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE: not a picture at all (text,
 *   a document, an empty file)
 * @KOPIR_DOCUMENT_IMAGE_ERROR_UNSUPPORTED_TYPE: a picture, but not a JPEG
 *   or PNG one
 * @KOPIR_DOCUMENT_IMAGE_ERROR_DAMAGED: a JPEG or PNG file that cannot be
 *   decoded
 * @KOPIR_DOCUMENT_IMAGE_ERROR_TOO_SMALL: fewer pixels than the exchange
 *   needs to read it
 * @KOPIR_DOCUMENT_IMAGE_ERROR_TOO_MANY_PIXELS: so many pixels it would
 *   take too much memory to decode
 */
typedef enum
{
  KOPIR_DOCUMENT_IMAGE_ERROR_UNREADABLE,
  KOPIR_DOCUMENT_IMAGE_ERROR_TOO_LARGE,
  KOPIR_DOCUMENT_IMAGE_ERROR_NOT_AN_IMAGE,
  KOPIR_DOCUMENT_IMAGE_ERROR_UNSUPPORTED_TYPE,
  KOPIR_DOCUMENT_IMAGE_ERROR_DAMAGED,
  KOPIR_DOCUMENT_IMAGE_ERROR_TOO_SMALL,
  KOPIR_DOCUMENT_IMAGE_ERROR_TOO_MANY_PIXELS,
} KopirDocumentImageError;

#define KOPIR_DOCUMENT_IMAGE_ERROR (kopir_document_image_error_quark ())
#define KOPIR_TYPE_DOCUMENT_IMAGE (kopir_document_image_get_type ())

G_DECLARE_FINAL_TYPE (KopirDocumentImage, kopir_document_image, KOPIR, DOCUMENT_IMAGE, GObject)

GQuark              kopir_document_image_error_quark      (void);

KopirDocumentImage *kopir_document_image_new_from_bytes   (GBytes                     *data,
                                                           KopirDocumentImagePurpose   purpose,
                                                           GError                    **error);
void                kopir_document_image_load_async       (GFile                      *file,
                                                           KopirDocumentImagePurpose   purpose,
                                                           GCancellable               *cancellable,
                                                           GAsyncReadyCallback         callback,
                                                           gpointer                    user_data);
KopirDocumentImage *kopir_document_image_load_finish      (GAsyncResult               *result,
                                                           GError                    **error);

GBytes             *kopir_document_image_get_bytes        (KopirDocumentImage         *self);
const char         *kopir_document_image_get_content_type (KopirDocumentImage         *self);
int                 kopir_document_image_get_width        (KopirDocumentImage         *self);
int                 kopir_document_image_get_height       (KopirDocumentImage         *self);

G_END_DECLS
