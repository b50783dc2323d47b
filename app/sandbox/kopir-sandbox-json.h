/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-json.h: a small streaming JSON writer.
 *
 * Responses are written straight into a GString, with commas handled by the
 * writer, because the order path must stay fast and allocation-light.
 * Decimals are always written as strings, as the exchange does.
 */
#pragma once

#include <glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

#define KOPIR_SANDBOX_JSON_MAX_DEPTH 32

typedef struct
{
  GString *out;
  guint    depth;
  gboolean first[KOPIR_SANDBOX_JSON_MAX_DEPTH];
  gboolean after_key;
} KopirSandboxJson;

void kopir_sandbox_json_init         (KopirSandboxJson   *w,
                                      GString            *out);
void kopir_sandbox_json_begin_object (KopirSandboxJson   *w);
void kopir_sandbox_json_end_object   (KopirSandboxJson   *w);
void kopir_sandbox_json_begin_array  (KopirSandboxJson   *w);
void kopir_sandbox_json_end_array    (KopirSandboxJson   *w);
void kopir_sandbox_json_key          (KopirSandboxJson   *w,
                                      const char         *key);
void kopir_sandbox_json_string       (KopirSandboxJson   *w,
                                      const char         *value);
void kopir_sandbox_json_int          (KopirSandboxJson   *w,
                                      gint64              value);
void kopir_sandbox_json_bool         (KopirSandboxJson   *w,
                                      gboolean            value);
void kopir_sandbox_json_null         (KopirSandboxJson   *w);
void kopir_sandbox_json_raw          (KopirSandboxJson   *w,
                                      const char         *json);
void kopir_sandbox_json_decimal      (KopirSandboxJson   *w,
                                      const KopirDecimal *value,
                                      guint               scale);

/* Shorthands for "key": value. */
void kopir_sandbox_json_kv_string    (KopirSandboxJson   *w,
                                      const char         *key,
                                      const char         *value);
void kopir_sandbox_json_kv_int       (KopirSandboxJson   *w,
                                      const char         *key,
                                      gint64              value);
void kopir_sandbox_json_kv_bool      (KopirSandboxJson   *w,
                                      const char         *key,
                                      gboolean            value);
void kopir_sandbox_json_kv_decimal   (KopirSandboxJson   *w,
                                      const char         *key,
                                      const KopirDecimal *value,
                                      guint               scale);

void kopir_sandbox_json_escape       (GString            *out,
                                      const char         *value);

G_END_DECLS
