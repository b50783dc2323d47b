/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-catalog.h: a message catalogue for one language, whatever the
 * language of the screen.
 *
 * Printed documents follow the customer's language (a Russian-speaking
 * teller prints a Kazakh receipt), so they cannot use the process's
 * gettext: glibc picks the language from LANGUAGE, LC_ALL and LC_MESSAGES
 * and ignores uselocale() when LANGUAGE is set.  A KopirCatalog reads the
 * compiled catalogue (GNU MO format, either byte order) of the language
 * asked for and answers from it alone.  Missing catalogues and English give
 * the original strings back.
 *
 * Catalogues are found as LOCALE_DIR/LANGUAGE/LC_MESSAGES/kopir.mo, the
 * layout meson's i18n module also builds in the build tree (po/), where
 * LOCALE_DIR is KOPIR_LOCALEDIR from the environment or else the installed
 * LOCALEDIR.  A catalogue never changes once loaded, so it may be used from
 * any thread.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KopirCatalogError:
 * @KOPIR_CATALOG_ERROR_NOT_FOUND: no catalogue for the language
 * @KOPIR_CATALOG_ERROR_INVALID: the file is not a GNU MO catalogue, is
 *   truncated, or has strings outside it or not in UTF-8
 * @KOPIR_CATALOG_ERROR_PLURAL_FORMS: its Plural-Forms header is malformed
 *   or not in the subset of C gettext allows
 */
typedef enum
{
  KOPIR_CATALOG_ERROR_NOT_FOUND,
  KOPIR_CATALOG_ERROR_INVALID,
  KOPIR_CATALOG_ERROR_PLURAL_FORMS,
} KopirCatalogError;

#define KOPIR_CATALOG_ERROR (kopir_catalog_error_quark ())

#define KOPIR_TYPE_CATALOG (kopir_catalog_get_type ())

G_DECLARE_FINAL_TYPE (KopirCatalog, kopir_catalog, KOPIR, CATALOG, GObject)

GQuark        kopir_catalog_error_quark       (void);

const char   *kopir_catalog_get_locale_dir    (void);
KopirCatalog *kopir_catalog_get_for_language  (const char    *language);
KopirCatalog *kopir_catalog_new_for_language  (const char    *language,
                                               const char    *domain,
                                               const char    *locale_dir,
                                               GError       **error);
KopirCatalog *kopir_catalog_new_from_bytes    (const char    *language,
                                               GBytes        *bytes,
                                               GError       **error);
KopirCatalog *kopir_catalog_new_from_file     (const char    *language,
                                               const char    *path,
                                               GError       **error);
KopirCatalog *kopir_catalog_new_empty         (const char    *language);

const char   *kopir_catalog_get_language      (KopirCatalog  *self);
guint         kopir_catalog_get_n_messages    (KopirCatalog  *self);
guint         kopir_catalog_get_n_plurals     (KopirCatalog  *self);
guint         kopir_catalog_get_plural_index  (KopirCatalog  *self,
                                               gulong         n);

const char   *kopir_catalog_gettext           (KopirCatalog  *self,
                                               const char    *msgid) G_GNUC_FORMAT (2);
const char   *kopir_catalog_pgettext          (KopirCatalog  *self,
                                               const char    *context,
                                               const char    *msgid) G_GNUC_FORMAT (3);
const char   *kopir_catalog_ngettext          (KopirCatalog  *self,
                                               const char    *msgid,
                                               const char    *msgid_plural,
                                               gulong         n) G_GNUC_FORMAT (3);
const char   *kopir_catalog_npgettext         (KopirCatalog  *self,
                                               const char    *context,
                                               const char    *msgid,
                                               const char    *msgid_plural,
                                               gulong         n) G_GNUC_FORMAT (4);

G_END_DECLS
