/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-request.c: the sandbox's request parsing under arbitrary bytes.
 *
 * The first byte picks how the rest is read: a query string, a form body
 * joined to a query (as the trading dialect merges them), the signed
 * payload, a JSON body, a document image, or a decimal parameter.  Built
 * as a libFuzzer target with clang, and with fuzz-main.c as a plain
 * program that replays a corpus and seeded mutations (the short run in
 * `meson test`).
 */
#define G_LOG_DOMAIN "kopir-fuzz"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kopir-decimal.h"
#include "kopir-sandbox-image.h"
#include "kopir-sandbox-params.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_params (const char *text,
             gsize       len)
{
  g_autoptr(KopirSandboxParams) params = kopir_sandbox_params_new ();
  const char *split = memchr (text, '#', len);
  gsize query_len = split ? (gsize) (split - text) : len;

  if (kopir_sandbox_params_parse (params, text, query_len, FALSE, NULL) && split != NULL)
    kopir_sandbox_params_parse (params, split + 1, len - query_len - 1, TRUE, NULL);

  for (guint i = 0; i < kopir_sandbox_params_count (params); i++)
    {
      const char *name = kopir_sandbox_params_name_at (params, i);
      const char *value = kopir_sandbox_params_get (params, name);
      gint64 n;

      g_assert (value != NULL);
      g_assert (g_utf8_validate (name, -1, NULL) && g_utf8_validate (value, -1, NULL));
      kopir_sandbox_parse_int64 (value, G_MININT64, G_MAXINT64, &n);
      if (kopir_sandbox_is_decimal_string (value))
        {
          KopirDecimal d;

          kopir_decimal_parse (value, &d, NULL);
        }
    }
}

static void
fuzz_signed_payload (const char *text,
                     gsize       len)
{
  const char *split = memchr (text, '#', len);
  gsize query_len = split ? (gsize) (split - text) : len;
  g_autofree char *signature = NULL;
  g_autofree char *payload = kopir_sandbox_signed_payload (text, query_len,
                                                           split ? split + 1 : NULL,
                                                           split ? len - query_len - 1 : 0,
                                                           &signature);

  /* The payload never grows: it is the input less the signature pair. */
  g_assert (strlen (payload) <= len);
  g_assert (signature == NULL || strlen (signature) <= len);
}

static void
fuzz_json (const char *text,
           gsize       len)
{
  g_autoptr(JsonObject) object = kopir_sandbox_parse_json_object (text, len, NULL);

  if (object != NULL)
    g_assert (json_object_get_size (object) <= len);
}

static void
fuzz_image (const guint8 *bytes,
            gsize         len)
{
  guint width = 0, height = 0;

  if (kopir_sandbox_image_dimensions (bytes, len, &width, &height))
    {
      g_assert (width > 0 && height > 0);
      g_assert (kopir_sandbox_image_sniff (bytes, len) != KOPIR_SANDBOX_IMAGE_UNKNOWN);
    }
}

static void
fuzz_decimal (const char *text,
              gsize       len)
{
  g_autofree char *str = g_strndup (text, len);
  KopirDecimal d;

  if (kopir_sandbox_is_decimal_string (str))
    {
      /* Everything the legal-range check lets through is either parsed
       * exactly or refused; never misread. */
      if (kopir_decimal_parse (str, &d, NULL))
        {
          char buf[KOPIR_DECIMAL_STRING_MAX];
          KopirDecimal back;

          kopir_decimal_to_string (&d, buf, sizeof buf);
          g_assert (kopir_decimal_parse (buf, &back, NULL));
          g_assert (kopir_decimal_equal (&d, &back));
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text;
  gsize len;

  if (size < 1 || size > 1024 * 1024)
    return 0;

  text = (const char *) data + 1;
  len = size - 1;

  switch (data[0] % 5)
    {
    case 0:
      fuzz_params (text, len);
      break;
    case 1:
      fuzz_signed_payload (text, len);
      break;
    case 2:
      fuzz_json (text, len);
      break;
    case 3:
      fuzz_image ((const guint8 *) text, len);
      break;
    case 4:
    default:
      fuzz_decimal (text, len);
      break;
    }

  return 0;
}
