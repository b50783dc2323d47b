/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes the reader of the exchange's answers: any input is refused, or
 * read into a sealed tree that json-glib's own parser reads the same, and
 * that written back out by json-glib reads the same again.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kopir-json-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
same_tree (JsonNode *a,
           JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      if (json_node_get_value_type (a) == G_TYPE_STRING)
        return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
      if (json_node_get_value_type (a) == G_TYPE_INT64)
        return json_node_get_int (a) == json_node_get_int (b);
      if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (a) == json_node_get_boolean (b);
      return json_node_get_double (a) == json_node_get_double (b);

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          if (!same_tree (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        GList *names = json_object_get_members (x);
        gboolean same = json_object_get_size (x) == json_object_get_size (y);

        for (GList *l = names; same && l != NULL; l = l->next)
          same = json_object_has_member (y, l->data) &&
                 same_tree (json_object_get_member (x, l->data), json_object_get_member (y, l->data));
        g_list_free (names);
        return same;
      }

    default:
      return FALSE;
    }
}

static JsonNode *
glib_parse (const char *text,
            gssize      len)
{
  JsonParser *parser = json_parser_new_immutable ();
  JsonNode *root = NULL;

  if (json_parser_load_from_data (parser, text, len, NULL) && json_parser_get_root (parser) != NULL)
    root = json_node_ref (json_parser_get_root (parser));
  g_object_unref (parser);

  return root;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  JsonNode *mine = kopir_json_read ((const char *) data, size, &error);
  JsonNode *theirs;
  JsonNode *again;
  char *written;

  if (mine == NULL)
    {
      if (error == NULL || error->domain != JSON_PARSER_ERROR)
        abort ();
      g_error_free (error);
      return 0;
    }
  if (error != NULL || !json_node_is_immutable (mine))
    abort ();

  theirs = glib_parse ((const char *) data, size);
  if (theirs == NULL || !same_tree (mine, theirs))
    abort ();

  /* Doubles are written with 17 digits, which read back exactly. */
  written = json_to_string (mine, FALSE);
  again = kopir_json_read (written, strlen (written), NULL);
  if (again == NULL || !same_tree (mine, again))
    abort ();

  g_free (written);
  json_node_unref (again);
  json_node_unref (theirs);
  json_node_unref (mine);
  return 0;
}
