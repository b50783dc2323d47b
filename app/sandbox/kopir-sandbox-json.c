/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include "kopir-sandbox-json.h"

void
kopir_sandbox_json_init (KopirSandboxJson *w,
                         GString          *out)
{
  w->out = out;
  w->depth = 0;
  w->first[0] = TRUE;
  w->after_key = FALSE;
}

/* Every value but the first in a container is preceded by a comma, unless
 * it follows its key. */
static void
before_value (KopirSandboxJson *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (!w->first[w->depth])
    g_string_append_c (w->out, ',');
  w->first[w->depth] = FALSE;
}

static void
open_container (KopirSandboxJson *w,
                char              c)
{
  before_value (w);
  g_string_append_c (w->out, c);
  g_assert (w->depth + 1 < KOPIR_SANDBOX_JSON_MAX_DEPTH);
  w->depth++;
  w->first[w->depth] = TRUE;
}

static void
close_container (KopirSandboxJson *w,
                 char              c)
{
  g_assert (w->depth > 0);
  w->depth--;
  g_string_append_c (w->out, c);
}

void
kopir_sandbox_json_begin_object (KopirSandboxJson *w)
{
  open_container (w, '{');
}

void
kopir_sandbox_json_end_object (KopirSandboxJson *w)
{
  close_container (w, '}');
}

void
kopir_sandbox_json_begin_array (KopirSandboxJson *w)
{
  open_container (w, '[');
}

void
kopir_sandbox_json_end_array (KopirSandboxJson *w)
{
  close_container (w, ']');
}

void
kopir_sandbox_json_escape (GString    *out,
                           const char *value)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

void
kopir_sandbox_json_key (KopirSandboxJson *w,
                        const char       *key)
{
  before_value (w);
  kopir_sandbox_json_escape (w->out, key);
  g_string_append_c (w->out, ':');
  w->after_key = TRUE;
}

void
kopir_sandbox_json_string (KopirSandboxJson *w,
                           const char       *value)
{
  before_value (w);
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    kopir_sandbox_json_escape (w->out, value);
}

void
kopir_sandbox_json_int (KopirSandboxJson *w,
                        gint64            value)
{
  before_value (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

void
kopir_sandbox_json_bool (KopirSandboxJson *w,
                         gboolean          value)
{
  before_value (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
kopir_sandbox_json_null (KopirSandboxJson *w)
{
  before_value (w);
  g_string_append (w->out, "null");
}

void
kopir_sandbox_json_raw (KopirSandboxJson *w,
                        const char       *json)
{
  before_value (w);
  g_string_append (w->out, json);
}

void
kopir_sandbox_json_decimal (KopirSandboxJson   *w,
                            const KopirDecimal *value,
                            guint               scale)
{
  KopirDecimal fixed;
  char buf[KOPIR_DECIMAL_STRING_MAX];

  before_value (w);
  if (!kopir_decimal_rescale (value, scale, KOPIR_ROUNDING_HALF_EVEN, &fixed))
    fixed = *value;
  kopir_decimal_to_string (&fixed, buf, sizeof buf);
  g_string_append_c (w->out, '"');
  g_string_append (w->out, buf);
  g_string_append_c (w->out, '"');
}

void
kopir_sandbox_json_kv_string (KopirSandboxJson *w,
                              const char       *key,
                              const char       *value)
{
  kopir_sandbox_json_key (w, key);
  kopir_sandbox_json_string (w, value);
}

void
kopir_sandbox_json_kv_int (KopirSandboxJson *w,
                           const char       *key,
                           gint64            value)
{
  kopir_sandbox_json_key (w, key);
  kopir_sandbox_json_int (w, value);
}

void
kopir_sandbox_json_kv_bool (KopirSandboxJson *w,
                            const char       *key,
                            gboolean          value)
{
  kopir_sandbox_json_key (w, key);
  kopir_sandbox_json_bool (w, value);
}

void
kopir_sandbox_json_kv_decimal (KopirSandboxJson   *w,
                               const char         *key,
                               const KopirDecimal *value,
                               guint               scale)
{
  kopir_sandbox_json_key (w, key);
  kopir_sandbox_json_decimal (w, value, scale);
}
