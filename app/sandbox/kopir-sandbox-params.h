/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-params.h: reading what a request carries.
 *
 * Parses percent-encoded parameter lists (query strings and form bodies)
 * into an ordered list, extracts the payload a Binance signature covers, and
 * reads JSON bodies with size and depth limits.  Everything here is pure and
 * takes arbitrary bytes: it is the request-parsing fuzz target.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * KopirSandboxParamsError:
 * @KOPIR_SANDBOX_PARAMS_ERROR_MALFORMED: a broken percent escape or bad UTF-8
 * @KOPIR_SANDBOX_PARAMS_ERROR_DUPLICATE: the same name twice
 * @KOPIR_SANDBOX_PARAMS_ERROR_TOO_MANY: more parameters than any endpoint reads
 * @KOPIR_SANDBOX_PARAMS_ERROR_TOO_LARGE: the body passes the size limit
 * @KOPIR_SANDBOX_PARAMS_ERROR_JSON: not JSON, or not a JSON object
 * @KOPIR_SANDBOX_PARAMS_ERROR_TOO_DEEP: JSON nested deeper than allowed
 *
 * Why a request could not be read.
 */
typedef enum
{
  KOPIR_SANDBOX_PARAMS_ERROR_MALFORMED,
  KOPIR_SANDBOX_PARAMS_ERROR_DUPLICATE,
  KOPIR_SANDBOX_PARAMS_ERROR_TOO_MANY,
  KOPIR_SANDBOX_PARAMS_ERROR_TOO_LARGE,
  KOPIR_SANDBOX_PARAMS_ERROR_JSON,
  KOPIR_SANDBOX_PARAMS_ERROR_TOO_DEEP,
} KopirSandboxParamsError;

#define KOPIR_SANDBOX_PARAMS_ERROR (kopir_sandbox_params_error_quark ())

/* Limits shared by the server and the fuzz target. */
#define KOPIR_SANDBOX_PARAMS_MAX         64
#define KOPIR_SANDBOX_PARAMS_MAX_BODY    (64 * 1024)
#define KOPIR_SANDBOX_PARAMS_MAX_DEPTH   8

typedef struct _KopirSandboxParams KopirSandboxParams;

GQuark              kopir_sandbox_params_error_quark (void);

KopirSandboxParams *kopir_sandbox_params_new         (void);
void                kopir_sandbox_params_free        (KopirSandboxParams  *params);
gboolean            kopir_sandbox_params_parse       (KopirSandboxParams  *params,
                                                      const char          *encoded,
                                                      gsize                len,
                                                      gboolean             query_wins,
                                                      GError             **error);
const char         *kopir_sandbox_params_get         (KopirSandboxParams  *params,
                                                      const char          *name);
gboolean            kopir_sandbox_params_has         (KopirSandboxParams  *params,
                                                      const char          *name);
guint               kopir_sandbox_params_count       (KopirSandboxParams  *params);
const char         *kopir_sandbox_params_name_at     (KopirSandboxParams  *params,
                                                      guint                index);

char               *kopir_sandbox_signed_payload     (const char          *query,
                                                      gsize                query_len,
                                                      const char          *body,
                                                      gsize                body_len,
                                                      char               **signature);

JsonObject         *kopir_sandbox_parse_json_object  (const char          *body,
                                                      gsize                len,
                                                      GError             **error);

gboolean            kopir_sandbox_is_decimal_string  (const char          *str);
gboolean            kopir_sandbox_parse_int64        (const char          *str,
                                                      gint64               min,
                                                      gint64               max,
                                                      gint64              *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirSandboxParams, kopir_sandbox_params_free)

G_END_DECLS
