/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes IIN validation: any input is accepted with a consistent date and
 * sex, or refused with an IIN error.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "kopir-iin.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *text = g_strndup ((const char *) data, size);
  KopirIinInfo info;
  GError *error = NULL;
  char *masked;

  if (kopir_iin_validate (text, &info, &error))
    {
      if (strlen (info.iin) != 12 || !g_date_valid (&info.birth_date) ||
          (info.sex != KOPIR_SEX_MALE && info.sex != KOPIR_SEX_FEMALE) ||
          kopir_iin_compute_check_digit (info.iin) != info.iin[11] - '0' ||
          !kopir_iin_check_birth_date (text, &info.birth_date, NULL) || kopir_iin_is_bin (text))
        abort ();
    }
  else
    {
      if (error == NULL || error->domain != KOPIR_IIN_ERROR)
        abort ();
      g_error_free (error);
    }

  masked = kopir_iin_mask (text);
  if (strlen (masked) > 12)
    abort ();
  g_free (masked);
  g_free (text);
  return 0;
}
