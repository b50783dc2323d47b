/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-json-private.h: reading exchange JSON with every node type checked */

#pragma once

#include <json-glib/json-glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

JsonNode   *kopir_json_read          (const char  *data,
                                      gsize        len,
                                      GError     **error);
JsonNode   *kopir_json_parse         (GBytes      *bytes,
                                      GError     **error);
JsonObject *kopir_json_get_object    (JsonNode    *node);
JsonArray  *kopir_json_get_array     (JsonNode    *node);
const char *kopir_json_object_string (JsonObject  *object,
                                      const char  *member);
gboolean    kopir_json_object_int    (JsonObject  *object,
                                      const char  *member,
                                      gint64      *out);
gboolean    kopir_json_object_bool   (JsonObject  *object,
                                      const char  *member,
                                      gboolean    *out);
gboolean    kopir_json_object_decimal (JsonObject  *object,
                                      const char  *member,
                                      KopirDecimal *out);
gboolean    kopir_json_array_decimal (JsonArray   *array,
                                      guint        index,
                                      KopirDecimal *out);
gboolean    kopir_json_array_int     (JsonArray   *array,
                                      guint        index,
                                      gint64      *out);

G_END_DECLS
