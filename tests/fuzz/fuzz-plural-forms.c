/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes the Plural-Forms evaluator: any text is parsed or refused with a
 * plural forms error, without unbounded recursion, and a rule that was
 * parsed always picks one of the language's forms.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "kopir-plural-forms.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check (KopirPluralForms *forms,
       GError           *error)
{
  static const gulong numbers[] = { 0, 1, 2, 3, 4, 5, 7, 11, 12, 21, 22, 25, 100, 101, 111,
                                    1000000, G_MAXULONG - 1, G_MAXULONG };

  if (forms == NULL)
    {
      if (error == NULL || error->domain != KOPIR_PLURAL_FORMS_ERROR)
        abort ();
      g_error_free (error);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (kopir_plural_forms_evaluate (forms, numbers[i]) >= kopir_plural_forms_get_n_plurals (forms))
      abort ();
  kopir_plural_forms_free (forms);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *text = g_strndup ((const char *) data, size);
  GError *error = NULL;
  KopirPluralForms *forms;

  /* As a whole header value... */
  forms = kopir_plural_forms_parse (text, &error);
  check (forms, error);

  /* ...and as an expression, the first byte choosing nplurals. */
  if (size > 0)
    {
      error = NULL;
      forms = kopir_plural_forms_parse_expression (text + 1, (guint) (data[0] % 40), &error);
      check (forms, error);
    }

  g_free (text);
  return 0;
}
