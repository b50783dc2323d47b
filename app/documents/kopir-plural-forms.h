/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-plural-forms.h: the plural rule of a message catalogue.
 *
 * A catalogue's header names how many plural forms its language has and
 * which one a number takes, as a C expression over n:
 *
 *   Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : ...);
 *
 * The expression comes from a file, so it is parsed, never executed: only
 * the subset gettext allows is understood (n, unsigned integers, ! * / % +
 * - < > <= >= == != && || ?: and parentheses), and anything else is
 * refused.  Arithmetic is on unsigned long as in GNU gettext; a division or
 * remainder by zero picks form 0, as does a result of nplurals or more.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* More forms than any language has; a header asking for more is broken. */
#define KOPIR_PLURAL_FORMS_MAX_PLURALS 32

/* Longest expression accepted, in bytes; real rules are under 200. */
#define KOPIR_PLURAL_FORMS_MAX_LENGTH 1024

/**
 * KopirPluralFormsError:
 * @KOPIR_PLURAL_FORMS_ERROR_SYNTAX: the expression is not in the subset
 *   gettext allows, or is malformed
 * @KOPIR_PLURAL_FORMS_ERROR_TOO_COMPLEX: too long or nested too deeply
 * @KOPIR_PLURAL_FORMS_ERROR_NPLURALS: nplurals is missing or not 1 to
 *   %KOPIR_PLURAL_FORMS_MAX_PLURALS
 *
 * Errors of kopir_plural_forms_parse().
 */
typedef enum
{
  KOPIR_PLURAL_FORMS_ERROR_SYNTAX,
  KOPIR_PLURAL_FORMS_ERROR_TOO_COMPLEX,
  KOPIR_PLURAL_FORMS_ERROR_NPLURALS,
} KopirPluralFormsError;

#define KOPIR_PLURAL_FORMS_ERROR (kopir_plural_forms_error_quark ())

typedef struct _KopirPluralForms KopirPluralForms;

GQuark            kopir_plural_forms_error_quark     (void);

KopirPluralForms *kopir_plural_forms_new_default     (void);
KopirPluralForms *kopir_plural_forms_parse           (const char             *header_value,
                                                      GError                **error);
KopirPluralForms *kopir_plural_forms_parse_expression (const char            *expression,
                                                      guint                   n_plurals,
                                                      GError                **error);
guint             kopir_plural_forms_get_n_plurals   (const KopirPluralForms *self);
guint             kopir_plural_forms_evaluate        (const KopirPluralForms *self,
                                                      gulong                  n);
void              kopir_plural_forms_free            (KopirPluralForms       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirPluralForms, kopir_plural_forms_free)

G_END_DECLS
