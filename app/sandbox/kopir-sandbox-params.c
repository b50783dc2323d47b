/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>

#include "kopir-sandbox-params.h"

struct _KopirSandboxParams
{
  GPtrArray  *names;   /* owned strings, in arrival order */
  GHashTable *values;  /* name -> value, both borrowed from the arrays */
  GPtrArray  *owned_values;
};

G_DEFINE_QUARK (kopir-sandbox-params-error-quark, kopir_sandbox_params_error)

KopirSandboxParams *
kopir_sandbox_params_new (void)
{
  KopirSandboxParams *params = g_new0 (KopirSandboxParams, 1);

  params->names = g_ptr_array_new_with_free_func (g_free);
  params->owned_values = g_ptr_array_new_with_free_func (g_free);
  params->values = g_hash_table_new (g_str_hash, g_str_equal);

  return params;
}

void
kopir_sandbox_params_free (KopirSandboxParams *params)
{
  if (params == NULL)
    return;

  g_hash_table_unref (params->values);
  g_ptr_array_unref (params->names);
  g_ptr_array_unref (params->owned_values);
  g_free (params);
}

/* Decodes one name or value of an application/x-www-form-urlencoded list:
 * '+' is a space and %XX a byte.  A broken escape, a NUL byte or invalid
 * UTF-8 refuses the whole request rather than guessing. */
static char *
form_decode (const char *str,
             gsize       len)
{
  g_autoptr(GString) out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      char c = str[i];

      if (c == '+')
        {
          g_string_append_c (out, ' ');
        }
      else if (c == '%')
        {
          int hi, lo;

          if (i + 2 >= len)
            return NULL;
          hi = g_ascii_xdigit_value (str[i + 1]);
          lo = g_ascii_xdigit_value (str[i + 2]);
          if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return NULL;
          g_string_append_c (out, (char) ((hi << 4) | lo));
          i += 2;
        }
      else if (c == '\0')
        {
          return NULL;
        }
      else
        {
          g_string_append_c (out, c);
        }
    }

  if (!g_utf8_validate (out->str, out->len, NULL))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * kopir_sandbox_params_parse:
 * @params: the list to add to
 * @encoded: (array length=len): a percent-encoded `a=1&b=2` list
 * @len: its length
 * @query_wins: when %TRUE, a name already in @params is kept silently (a
 *   body parameter also sent in the query string: the query's wins, as the
 *   exchange documents); a name repeated within @encoded is always an error
 * @error: return location for a #KopirSandboxParamsError
 *
 * Returns: %TRUE when every pair was read
 */
gboolean
kopir_sandbox_params_parse (KopirSandboxParams  *params,
                            const char          *encoded,
                            gsize                len,
                            gboolean             query_wins,
                            GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize start = 0;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (encoded != NULL || len == 0, FALSE);

  while (start < len)
    {
      const char *pair = encoded + start;
      const char *amp = memchr (pair, '&', len - start);
      gsize pair_len = amp ? (gsize) (amp - pair) : len - start;
      const char *eq = memchr (pair, '=', pair_len);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      start += pair_len + 1;
      if (pair_len == 0)
        continue;

      name = form_decode (pair, eq ? (gsize) (eq - pair) : pair_len);
      value = eq ? form_decode (eq + 1, pair_len - (eq - pair) - 1) : g_strdup ("");
      if (name == NULL || value == NULL || name[0] == '\0')
        {
          g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                               KOPIR_SANDBOX_PARAMS_ERROR_MALFORMED,
                               "Illegal characters found in a parameter.");
          return FALSE;
        }

      if (g_hash_table_contains (seen, name))
        {
          g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                               KOPIR_SANDBOX_PARAMS_ERROR_DUPLICATE,
                               "Duplicate values for a parameter detected.");
          return FALSE;
        }
      g_hash_table_add (seen, g_strdup (name));

      if (g_hash_table_contains (params->values, name))
        {
          if (query_wins)
            continue;
          g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                               KOPIR_SANDBOX_PARAMS_ERROR_DUPLICATE,
                               "Duplicate values for a parameter detected.");
          return FALSE;
        }

      if (params->names->len >= KOPIR_SANDBOX_PARAMS_MAX)
        {
          g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                               KOPIR_SANDBOX_PARAMS_ERROR_TOO_MANY,
                               "Too many parameters sent for this endpoint.");
          return FALSE;
        }

      g_hash_table_insert (params->values, name, value);
      g_ptr_array_add (params->names, g_steal_pointer (&name));
      g_ptr_array_add (params->owned_values, g_steal_pointer (&value));
    }

  return TRUE;
}

const char *
kopir_sandbox_params_get (KopirSandboxParams *params,
                          const char         *name)
{
  g_return_val_if_fail (params != NULL, NULL);

  return g_hash_table_lookup (params->values, name);
}

gboolean
kopir_sandbox_params_has (KopirSandboxParams *params,
                          const char         *name)
{
  g_return_val_if_fail (params != NULL, FALSE);

  return g_hash_table_contains (params->values, name);
}

guint
kopir_sandbox_params_count (KopirSandboxParams *params)
{
  g_return_val_if_fail (params != NULL, 0);

  return params->names->len;
}

const char *
kopir_sandbox_params_name_at (KopirSandboxParams *params,
                              guint               index)
{
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (index < params->names->len, NULL);

  return g_ptr_array_index (params->names, index);
}

/* Appends @src without its `signature=` pair, and remembers that pair's
 * value. */
static void
append_without_signature (GString     *out,
                          const char  *src,
                          gsize        len,
                          char       **signature)
{
  gboolean first = TRUE;
  gsize start = 0;

  while (start < len)
    {
      const char *pair = src + start;
      const char *amp = memchr (pair, '&', len - start);
      gsize pair_len = amp ? (gsize) (amp - pair) : len - start;

      start += pair_len + 1;

      if (pair_len >= 10 && memcmp (pair, "signature=", 10) == 0)
        {
          if (signature != NULL && *signature == NULL)
            *signature = g_strndup (pair + 10, pair_len - 10);
          continue;
        }

      if (!first)
        g_string_append_c (out, '&');
      g_string_append_len (out, pair, pair_len);
      first = FALSE;
    }
}

/**
 * kopir_sandbox_signed_payload:
 * @query: (nullable): the raw, still percent-encoded query string
 * @query_len: its length
 * @body: (nullable): the raw body
 * @body_len: its length
 * @signature: (out) (optional) (transfer full): the `signature` value found
 *   in the query or, failing that, in the body
 *
 * The exchange signs the query string followed by the body, both exactly
 * as sent, without the `signature` parameter itself.
 *
 * Returns: (transfer full): the payload the signature must cover
 */
char *
kopir_sandbox_signed_payload (const char  *query,
                              gsize        query_len,
                              const char  *body,
                              gsize        body_len,
                              char       **signature)
{
  g_autoptr(GString) out = g_string_sized_new (query_len + body_len);

  if (signature != NULL)
    *signature = NULL;

  if (query != NULL)
    append_without_signature (out, query, query_len, signature);
  if (body != NULL && body_len > 0)
    {
      /* A JSON body carries no signature pair; it is signed as it is. */
      if (body[0] == '{' || body[0] == '[')
        g_string_append_len (out, body, body_len);
      else
        append_without_signature (out, body, body_len, signature);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
node_depth_ok (JsonNode *node,
               guint     depth)
{
  if (depth > KOPIR_SANDBOX_PARAMS_MAX_DEPTH)
    return FALSE;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (!node_depth_ok (member, depth + 1))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          if (!node_depth_ok (json_array_get_element (array, i), depth + 1))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * kopir_sandbox_parse_json_object:
 * @body: (array length=len): the raw body
 * @len: its length
 * @error: return location for a #KopirSandboxParamsError
 *
 * Reads a JSON object of at most %KOPIR_SANDBOX_PARAMS_MAX_BODY bytes, nested
 * at most %KOPIR_SANDBOX_PARAMS_MAX_DEPTH deep.  An empty body is an empty
 * object.
 *
 * Returns: (transfer full) (nullable): the object
 */
JsonObject *
kopir_sandbox_parse_json_object (const char  *body,
                                 gsize        len,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gsize depth = 0;

  if (len > KOPIR_SANDBOX_PARAMS_MAX_BODY)
    {
      g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                           KOPIR_SANDBOX_PARAMS_ERROR_TOO_LARGE,
                           "The request body is too large.");
      return NULL;
    }

  if (len == 0)
    return json_object_new ();

  if (memchr (body, '\0', len) != NULL || !g_utf8_validate (body, len, NULL))
    {
      g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                           KOPIR_SANDBOX_PARAMS_ERROR_JSON,
                           "The body is not valid UTF-8 JSON.");
      return NULL;
    }

  /* Refuse deep nesting before the parser recurses into it. */
  for (gsize i = 0, max = 0; i < len; i++)
    {
      if (body[i] == '{' || body[i] == '[')
        max = MAX (max, ++depth);
      else if ((body[i] == '}' || body[i] == ']') && depth > 0)
        depth--;
      if (max > KOPIR_SANDBOX_PARAMS_MAX_DEPTH * 2)
        {
          g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                               KOPIR_SANDBOX_PARAMS_ERROR_TOO_DEEP,
                               "The JSON body is nested too deeply.");
          return NULL;
        }
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body, (gssize) len, &local_error))
    {
      g_set_error (error, KOPIR_SANDBOX_PARAMS_ERROR,
                   KOPIR_SANDBOX_PARAMS_ERROR_JSON,
                   "The body is not valid JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                           KOPIR_SANDBOX_PARAMS_ERROR_JSON,
                           "The body must be a JSON object.");
      return NULL;
    }

  if (!node_depth_ok (root, 0))
    {
      g_set_error_literal (error, KOPIR_SANDBOX_PARAMS_ERROR,
                           KOPIR_SANDBOX_PARAMS_ERROR_TOO_DEEP,
                           "The JSON body is nested too deeply.");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * kopir_sandbox_is_decimal_string:
 * @str: (nullable): a parameter value
 *
 * The exchange's legal range for decimal parameters,
 * `^([0-9]{1,20})(\.[0-9]{1,20})?$`.
 *
 * Returns: whether @str is in it
 */
gboolean
kopir_sandbox_is_decimal_string (const char *str)
{
  guint int_digits = 0, frac_digits = 0;
  const char *p = str;

  if (str == NULL)
    return FALSE;

  while (*p >= '0' && *p <= '9')
    {
      int_digits++;
      p++;
    }
  if (int_digits == 0 || int_digits > 20)
    return FALSE;
  if (*p == '\0')
    return TRUE;
  if (*p != '.')
    return FALSE;
  p++;
  while (*p >= '0' && *p <= '9')
    {
      frac_digits++;
      p++;
    }

  return *p == '\0' && frac_digits >= 1 && frac_digits <= 20;
}

/**
 * kopir_sandbox_parse_int64:
 * @str: (nullable): decimal digits with an optional leading '-'
 * @min: the smallest value accepted
 * @max: the largest value accepted
 * @out: (out): the value
 *
 * Returns: whether @str is an integer between @min and @max
 */
gboolean
kopir_sandbox_parse_int64 (const char *str,
                           gint64      min,
                           gint64      max,
                           gint64     *out)
{
  gint64 value;

  if (str == NULL || str[0] == '\0' || strlen (str) > 20)
    return FALSE;
  if (!g_ascii_string_to_signed (str, 10, min, max, &value, NULL))
    return FALSE;

  *out = value;
  return TRUE;
}
