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

#include "kopir-json-private.h"

JsonNode *
kopir_json_parse (GBytes  *bytes,
                  GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gconstpointer data;
  gsize len;

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL || len == 0)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "Empty body");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "Empty body");
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
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
