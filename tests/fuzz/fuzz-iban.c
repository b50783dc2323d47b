/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes IBAN validation against the shipped bank directory (named by
 * KOPIR_BANK_DIRECTORY), and the directory loader itself on the same
 * input.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "kopir-bank-directory.h"
#include "kopir-iban.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static KopirBankDirectory *directory;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *text = g_strndup ((const char *) data, size);
  KopirIbanInfo info;
  GError *error = NULL;
  GBytes *bytes;
  KopirBankDirectory *loaded;
  char *s;

  if (directory == NULL)
    {
      directory = kopir_bank_directory_new_default (NULL);
      if (directory == NULL)
        abort ();
    }

  if (kopir_iban_validate (text, directory, &info, &error))
    {
      if (strlen (info.iban) != 20 || info.bank == NULL || !kopir_iban_check_mod97 (info.iban))
        abort ();
      s = kopir_iban_format (text);
      if (!kopir_iban_validate (s, directory, NULL, NULL))
        abort ();
      g_free (s);
    }
  else
    {
      if (error == NULL || (error->domain != KOPIR_IBAN_ERROR))
        abort ();
      g_error_free (error);
    }

  s = kopir_iban_mask (text);
  g_free (s);
  s = kopir_iban_normalize (text);
  g_free (s);

  /* The same bytes as a directory file: loaded or refused, never a crash. */
  bytes = g_bytes_new_static (data, size);
  loaded = kopir_bank_directory_new_from_bytes (bytes, NULL);
  if (loaded != NULL)
    {
      for (guint i = 0; i < kopir_bank_directory_get_n_banks (loaded); i++)
        if (kopir_bank_directory_lookup (loaded, kopir_bank_directory_get_bank (loaded, i)->code) == NULL)
          abort ();
      g_object_unref (loaded);
    }
  g_bytes_unref (bytes);

  g_free (text);
  return 0;
}
