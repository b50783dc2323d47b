/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-test-json-tree.h: whether two JSON trees are the same, for the
 * test and the fuzzer of Kopir's reader of the exchange's answers */

#pragma once

#include <json-glib/json-glib.h>

/* Equal as trees, with the same node and value types: json_node_equal()
 * would let the integer 4 equal the double 4.0. */
static inline gboolean
kopir_test_json_same_tree (JsonNode *a,
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
          if (!kopir_test_json_same_tree (json_array_get_element (x, i), json_array_get_element (y, i)))
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
                 kopir_test_json_same_tree (json_object_get_member (x, l->data),
                                            json_object_get_member (y, l->data));
        g_list_free (names);
        return same;
      }

    default:
      return FALSE;
    }
}
