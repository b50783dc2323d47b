/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-json.c: reading exchange JSON with every node type checked
 *
 * Answers from the network are untrusted input: each member is looked up
 * and its node type checked before it is read, so a wrong type is a parse
 * failure rather than a critical warning or a crash. Decimals come from
 * JSON strings only; a JSON number would already have passed through
 * binary floating point in the parser and lost digits.
 */

#define G_LOG_DOMAIN "kopir-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "kopir-json-private.h"

/* Reading a document
 *
 * Every answer from the exchange is read into json-glib's nodes. Its own
 * parser tokenises through GScanner and emits a signal per value, which
 * made it the largest single cost of a signed request; this reader builds
 * the same nodes directly, in one pass. It follows RFC 8259 strictly: no
 * comments, trailing commas, leading zeros or control characters in
 * strings; escapes are decoded, surrogate pairs joined and lone surrogates
 * and U+0000 refused; an integer must fit in 64 bits; nesting is limited.
 * The tree is sealed, as json_parser_new_immutable() seals it.
 * tests/services/test-json.c compares it with json-glib's parser.
 */

#define MAX_DEPTH 64

typedef struct
{
  const char  *start;
  const char  *p;
  const char  *end;
  guint        depth;
  GError     **error;
} Reader;

static JsonNode *read_value (Reader *r);

static gboolean
fail (Reader     *r,
      const char *what)
{
  g_set_error (r->error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
               "%s at byte %" G_GSIZE_FORMAT, what, (gsize) (r->p - r->start));
  return FALSE;
}

static JsonNode *
fail_node (Reader     *r,
           const char *what)
{
  fail (r, what);
  return NULL;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

/* Four hexadecimal digits after "\\u". */
static gboolean
read_hex4 (Reader   *r,
           gunichar *out)
{
  gunichar value = 0;

  if (r->end - r->p < 4)
    return fail (r, "Incomplete \\u escape");
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (r->p[i]);

      if (digit < 0)
        return fail (r, "Invalid \\u escape");
      value = value * 16 + (gunichar) digit;
    }
  r->p += 4;
  *out = value;
  return TRUE;
}

static gboolean
read_escape (Reader  *r,
             GString *out)
{
  gunichar c;

  /* r->p is past the backslash. */
  if (r->p >= r->end)
    return fail (r, "Unterminated string");

  switch (*r->p++)
    {
    case '"': g_string_append_c (out, '"'); return TRUE;
    case '\\': g_string_append_c (out, '\\'); return TRUE;
    case '/': g_string_append_c (out, '/'); return TRUE;
    case 'b': g_string_append_c (out, '\b'); return TRUE;
    case 'f': g_string_append_c (out, '\f'); return TRUE;
    case 'n': g_string_append_c (out, '\n'); return TRUE;
    case 'r': g_string_append_c (out, '\r'); return TRUE;
    case 't': g_string_append_c (out, '\t'); return TRUE;
    case 'u':
      break;
    default:
      r->p--;
      return fail (r, "Invalid escape in a string");
    }

  if (!read_hex4 (r, &c))
    return FALSE;
  if (c >= 0xD800 && c <= 0xDBFF)
    {
      gunichar low;

      if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
        return fail (r, "Lone surrogate in a string");
      r->p += 2;
      if (!read_hex4 (r, &low))
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        return fail (r, "Lone surrogate in a string");
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }
  else if (c >= 0xDC00 && c <= 0xDFFF)
    return fail (r, "Lone surrogate in a string");
  else if (c == 0)
    return fail (r, "NUL character in a string");

  g_string_append_unichar (out, c);
  return TRUE;
}

/* A string, r->p at its opening quote. The input is valid UTF-8 already. */
static char *
read_string (Reader *r)
{
  GString *out = NULL;
  const char *run;

  r->p++;
  run = r->p;
  while (r->p < r->end)
    {
      guchar c = (guchar) *r->p;

      if (c == '"')
        {
          char *result;

          if (out == NULL)
            result = g_strndup (run, r->p - run);
          else
            {
              g_string_append_len (out, run, r->p - run);
              result = g_string_free (out, FALSE);
            }
          r->p++;
          return result;
        }
      if (c < 0x20)
        {
          fail (r, "Control character in a string");
          break;
        }
      if (c == '\\')
        {
          if (out == NULL)
            out = g_string_sized_new (r->p - run + 16);
          g_string_append_len (out, run, r->p - run);
          r->p++;
          if (!read_escape (r, out))
            {
              g_string_free (out, TRUE);
              return NULL;
            }
          run = r->p;
          continue;
        }
      r->p++;
    }

  if (r->p >= r->end)
    fail (r, "Unterminated string");
  if (out != NULL)
    g_string_free (out, TRUE);
  return NULL;
}

static gboolean
skip_digits (Reader *r)
{
  const char *first = r->p;

  while (r->p < r->end && g_ascii_isdigit (*r->p))
    r->p++;
  return r->p > first;
}

static JsonNode *
read_number (Reader *r)
{
  const char *first = r->p;
  gboolean is_double = FALSE;
  char buffer[64];
  g_autofree char *copy = NULL;
  const char *text;
  char *text_end = NULL;
  gsize len;

  if (*r->p == '-')
    r->p++;
  if (r->p < r->end && *r->p == '0')
    {
      r->p++;
      if (r->p < r->end && g_ascii_isdigit (*r->p))
        return fail_node (r, "Leading zero in a number");
    }
  else if (!skip_digits (r))
    return fail_node (r, "Invalid number");

  if (r->p < r->end && *r->p == '.')
    {
      r->p++;
      is_double = TRUE;
      if (!skip_digits (r))
        return fail_node (r, "Invalid number");
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      r->p++;
      is_double = TRUE;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (!skip_digits (r))
        return fail_node (r, "Invalid number");
    }

  /* The conversions want a terminated string. */
  len = r->p - first;
  if (len < sizeof buffer)
    {
      memcpy (buffer, first, len);
      buffer[len] = '\0';
      text = buffer;
    }
  else
    text = copy = g_strndup (first, len);

  errno = 0;
  if (is_double)
    {
      double value = g_ascii_strtod (text, &text_end);

      if (errno != 0 || !isfinite (value))
        return fail_node (r, "Number out of range");
      return json_node_init_double (json_node_alloc (), value);
    }
  else
    {
      gint64 value = g_ascii_strtoll (text, &text_end, 10);

      if (errno != 0)
        return fail_node (r, "Integer out of range");
      return json_node_init_int (json_node_alloc (), value);
    }
}

static gboolean
read_literal (Reader     *r,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return fail (r, "Unexpected character");
  r->p += len;
  return TRUE;
}

static JsonNode *
read_object (Reader *r)
{
  g_autoptr(JsonObject) object = json_object_new ();

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return json_node_init_object (json_node_alloc (), object);
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"')
        return fail_node (r, "Expected a member name");
      name = read_string (r);
      if (name == NULL)
        return NULL;
      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        return fail_node (r, "Expected “:”");
      r->p++;
      value = read_value (r);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, name, value);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          return json_node_init_object (json_node_alloc (), object);
        }
      return fail_node (r, "Expected “,” or “}”");
    }
}

static JsonNode *
read_array (Reader *r)
{
  g_autoptr(JsonArray) array = json_array_new ();

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return json_node_init_array (json_node_alloc (), array);
    }

  for (;;)
    {
      JsonNode *value = read_value (r);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          return json_node_init_array (json_node_alloc (), array);
        }
      return fail_node (r, "Expected “,” or “]”");
    }
}

static JsonNode *
read_value (Reader *r)
{
  JsonNode *node = NULL;

  skip_space (r);
  if (r->p >= r->end)
    return fail_node (r, "Unexpected end of the document");

  switch (*r->p)
    {
    case '{':
    case '[':
      if (++r->depth > MAX_DEPTH)
        return fail_node (r, "Nested too deeply");
      node = *r->p == '{' ? read_object (r) : read_array (r);
      r->depth--;
      return node;

    case '"':
      {
        char *text = read_string (r);

        if (text == NULL)
          return NULL;
        node = json_node_init_string (json_node_alloc (), text);
        g_free (text);
        return node;
      }

    case 't':
      return read_literal (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return read_literal (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return read_literal (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;

    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r);
      return fail_node (r, "Unexpected character");
    }
}

/**
 * kopir_json_read:
 * @data: the document
 * @len: its length in bytes
 * @error: a #JSON_PARSER_ERROR
 *
 * Returns: (transfer full) (nullable): the sealed root node
 */
JsonNode *
kopir_json_read (const char  *data,
                 gsize        len,
                 GError     **error)
{
  Reader r = { data, data, data + len, 0, error };
  JsonNode *root;

  if (data == NULL || len == 0)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "Empty body");
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "The document is not valid UTF-8");
      return NULL;
    }

  root = read_value (&r);
  if (root == NULL)
    return NULL;

  skip_space (&r);
  if (r.p != r.end)
    {
      json_node_unref (root);
      fail (&r, "Unexpected character after the document");
      return NULL;
    }

  json_node_seal (root);
  return root;
}

JsonNode *
kopir_json_parse (GBytes  *bytes,
                  GError **error)
{
  gconstpointer data;
  gsize len;

  data = g_bytes_get_data (bytes, &len);

  return kopir_json_read (data, len, error);
}

JsonObject *
kopir_json_get_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
kopir_json_get_array (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static JsonNode *
get_value_member (JsonObject *object,
                  const char *member,
                  GType       type)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

const char *
kopir_json_object_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node = get_value_member (object, member, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

gboolean
kopir_json_object_int (JsonObject *object,
                       const char *member,
                       gint64     *out)
{
  JsonNode *node = get_value_member (object, member, G_TYPE_INT64);

  if (node == NULL)
    return FALSE;

  *out = json_node_get_int (node);

  return TRUE;
}

gboolean
kopir_json_object_bool (JsonObject *object,
                        const char *member,
                        gboolean   *out)
{
  JsonNode *node = get_value_member (object, member, G_TYPE_BOOLEAN);

  if (node == NULL)
    return FALSE;

  *out = json_node_get_boolean (node);

  return TRUE;
}

gboolean
kopir_json_object_decimal (JsonObject   *object,
                           const char   *member,
                           KopirDecimal *out)
{
  const char *str = kopir_json_object_string (object, member);

  return str != NULL && kopir_decimal_parse (str, out, NULL);
}

gboolean
kopir_json_array_decimal (JsonArray    *array,
                          guint         index,
                          KopirDecimal *out)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return FALSE;

  node = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  return kopir_decimal_parse (json_node_get_string (node), out, NULL);
}

gboolean
kopir_json_array_int (JsonArray *array,
                      guint      index,
                      gint64    *out)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return FALSE;

  node = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out = json_node_get_int (node);

  return TRUE;
}
