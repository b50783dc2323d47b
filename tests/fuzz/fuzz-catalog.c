/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes the message catalogue reader: any bytes are read as a catalogue
 * or refused with a catalogue error, never read out of bounds, and every
 * answer from a catalogue that was read is UTF-8 (it goes straight into
 * Pango).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "kopir-catalog.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check (const char *s)
{
  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *msgids[] = { "Customer", "Buy", "%u page", "%u file", "", "Page %u of %u" };
  static const gulong numbers[] = { 0, 1, 2, 5, 11, 21, 111, G_MAXULONG };
  /* g_bytes_new() copies into a buffer of exactly @size bytes, so the
   * address sanitizer sees any read past the end. */
  GBytes *bytes = g_bytes_new (data, size);
  GError *error = NULL;
  KopirCatalog *catalog = kopir_catalog_new_from_bytes ("ru", bytes, &error);
  char *key;

  if (catalog == NULL)
    {
      if (error == NULL || error->domain != KOPIR_CATALOG_ERROR)
        abort ();
      g_error_free (error);
      g_bytes_unref (bytes);
      return 0;
    }

  if (kopir_catalog_get_n_plurals (catalog) == 0)
    abort ();

  /* Keys from the input itself find its own messages; made valid, as an
   * original string comes back as it is when it has no translation. */
  key = g_utf8_make_valid ((const char *) data + MIN (size, 28), MIN (size - MIN (size, 28), 40));
  for (guint i = 0; i <= G_N_ELEMENTS (msgids); i++)
    {
      const char *msgid = i < G_N_ELEMENTS (msgids) ? msgids[i] : key;

      check (kopir_catalog_gettext (catalog, msgid));
      check (kopir_catalog_pgettext (catalog, "order side", msgid));
      for (guint n = 0; n < G_N_ELEMENTS (numbers); n++)
        {
          if (kopir_catalog_get_plural_index (catalog, numbers[n]) >= kopir_catalog_get_n_plurals (catalog))
            abort ();
          check (kopir_catalog_ngettext (catalog, msgid, "plural", numbers[n]));
          check (kopir_catalog_npgettext (catalog, "documents", msgid, "plural", numbers[n]));
        }
    }

  g_free (key);
  g_object_unref (catalog);
  g_bytes_unref (bytes);
  return 0;
}
