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
#include "kopir-test-json-tree.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);


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
  if (theirs == NULL || !kopir_test_json_same_tree (mine, theirs))
    abort ();

  /* Doubles are written with 17 digits, which read back exactly. */
  written = json_to_string (mine, FALSE);
  again = kopir_json_read (written, strlen (written), NULL);
  if (again == NULL || !kopir_test_json_same_tree (mine, again))
    abort ();

  g_free (written);
  json_node_unref (again);
  json_node_unref (theirs);
  json_node_unref (mine);
  return 0;
}
