/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes the decimal parser and arithmetic: any input either parses and
 * writes back to a string that parses to the same value, or is refused;
 * arithmetic on two parsed values never crashes and agrees with itself.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "kopir-decimal.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
round_trip (const KopirDecimal *d)
{
  char buf[KOPIR_DECIMAL_STRING_MAX];
  KopirDecimal back;

  if (kopir_decimal_to_string (d, buf, sizeof buf) == 0)
    abort ();
  if (!kopir_decimal_parse (buf, &back, NULL) || back.coef != d->coef || back.scale != d->scale)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  const char *split = memchr (text, ' ', size);
  KopirDecimal a, b, r, s;
  GError *error = NULL;

  if (!kopir_decimal_parse_len (text, size, &a, &error))
    {
      if (error == NULL || error->domain != KOPIR_DECIMAL_ERROR)
        abort ();
      g_error_free (error);
    }
  else
    round_trip (&a);

  /* Two numbers separated by a space: exercise the arithmetic. */
  if (split == NULL ||
      !kopir_decimal_parse_len (text, split - text, &a, NULL) ||
      !kopir_decimal_parse_len (split + 1, size - (split - text) - 1, &b, NULL))
    return 0;

  if (kopir_decimal_add (&a, &b, &r))
    {
      round_trip (&r);
      if (kopir_decimal_sub (&r, &b, &s) && kopir_decimal_compare (&s, &a) != 0)
        abort ();
    }
  if (kopir_decimal_compare (&a, &b) != -kopir_decimal_compare (&b, &a))
    abort ();
  for (int mode = KOPIR_ROUNDING_DOWN; mode <= KOPIR_ROUNDING_CEILING; mode++)
    {
      guint scale = (guint) (b.coef < 0 ? -(b.coef % 19) : b.coef % 19);

      if (kopir_decimal_mul (&a, &b, scale, mode, &r))
        round_trip (&r);
      if (kopir_decimal_div (&a, &b, scale, mode, &r))
        round_trip (&r);
      if (kopir_decimal_rescale (&a, scale, mode, &r))
        round_trip (&r);
      if (kopir_decimal_round_to_step (&a, &b, mode, &r))
        {
          round_trip (&r);
          if (!kopir_decimal_is_multiple_of (&r, &b))
            abort ();
        }
    }
  kopir_decimal_normalize (&a, &r);
  if (kopir_decimal_compare (&a, &r) != 0)
    abort ();

  return 0;
}
