/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes reading amounts typed by people: any input is read or refused
 * with a money error, and what was read, written again in each language,
 * reads back as the same amount.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "kopir-money-format.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *langs[] = { "en", "kk", "ru" };
  static const char *currencies[] = { "KZT", "BTC", "USD", NULL };
  char *text = g_strndup ((const char *) data, size);

  for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
    for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
      {
        KopirDecimal amount, back;
        GError *error = NULL;

        if (!kopir_money_parse (text, currencies[c], langs[l], &amount, &error))
          {
            if (error == NULL || error->domain != KOPIR_MONEY_ERROR || error->message[0] == '\0')
              abort ();
            g_error_free (error);
            continue;
          }

        for (guint w = 0; w < G_N_ELEMENTS (langs); w++)
          {
            char *written = kopir_money_format (&amount, currencies[c], langs[w],
                                                currencies[c] == NULL ? KOPIR_MONEY_FORMAT_KEEP_SCALE : 0);

            if (!kopir_money_parse (written, currencies[c], langs[w], &back, NULL) ||
                kopir_decimal_compare (&amount, &back) != 0)
              abort ();
            g_free (written);
          }
      }

  g_free (text);
  return 0;
}
