/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-iban-input.h: an IBAN as a person types it.
 *
 * A field for an IBAN shows it in groups of four as it is typed or
 * pasted, keeps the cursor next to the character it was next to, and says
 * what is wrong as soon as it can be known: a foreign country code or a
 * Cyrillic letter at once, an unknown bank code once its three digits are
 * there, wrong check digits or a wrong length once all twenty characters
 * are (or when the person is done).  These are the rules; the widget only
 * applies them.  Positions are in characters, as GtkEditable counts them.
 */
#pragma once

#include <glib.h>

#include "kopir-iban.h"

G_BEGIN_DECLS

/**
 * KopirIbanInputState:
 * @KOPIR_IBAN_INPUT_EMPTY: nothing typed
 * @KOPIR_IBAN_INPUT_INCOMPLETE: nothing wrong so far, characters missing
 * @KOPIR_IBAN_INPUT_VALID: a valid Kazakh IBAN (of a known bank, when a
 *   directory was given)
 * @KOPIR_IBAN_INPUT_INVALID: wrong; the error says why
 */
typedef enum
{
  KOPIR_IBAN_INPUT_EMPTY,
  KOPIR_IBAN_INPUT_INCOMPLETE,
  KOPIR_IBAN_INPUT_VALID,
  KOPIR_IBAN_INPUT_INVALID,
} KopirIbanInputState;

char                *kopir_iban_input_regroup       (const char          *previous,
                                                     int                  previous_cursor,
                                                     const char          *text,
                                                     int                  cursor,
                                                     int                 *new_cursor);
KopirIbanInputState  kopir_iban_input_check         (const char          *text,
                                                     KopirBankDirectory  *directory,
                                                     gboolean             finished,
                                                     KopirIbanInfo       *info,
                                                     GError             **error);
guint                kopir_iban_input_count         (const char          *text);
char                *kopir_iban_format_masked       (const char          *text);

G_END_DECLS
