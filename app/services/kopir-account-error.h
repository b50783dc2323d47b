/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-account-error.h: problem documents of the onboarding, bank and
 * pilot contract, with the fields they concern */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * KopirAccountError:
 * @KOPIR_ACCOUNT_ERROR_INVALID: one or more fields are wrong; see
 *   kopir_account_error_get_field_errors()
 * @KOPIR_ACCOUNT_ERROR_UNAUTHORIZED: the token, key or session was refused
 * @KOPIR_ACCOUNT_ERROR_NOT_FOUND: no such application, link or transfer
 * @KOPIR_ACCOUNT_ERROR_INVALID_STATE: not allowed in the application's
 *   current state
 * @KOPIR_ACCOUNT_ERROR_ALREADY_DONE: done before (credentials issued)
 * @KOPIR_ACCOUNT_ERROR_CONFLICT: clashes with what exists (a link that
 *   exists, too many links)
 * @KOPIR_ACCOUNT_ERROR_TOO_LARGE: the upload is too large
 * @KOPIR_ACCOUNT_ERROR_UNSUPPORTED_IMAGE: not a JPEG or PNG image
 * @KOPIR_ACCOUNT_ERROR_RATE_LIMITED: too many attempts; wait
 * @KOPIR_ACCOUNT_ERROR_NOT_OFFERED: this exchange offers no account opening
 * @KOPIR_ACCOUNT_ERROR_FAILED: anything else
 */
typedef enum
{
  KOPIR_ACCOUNT_ERROR_INVALID,
  KOPIR_ACCOUNT_ERROR_UNAUTHORIZED,
  KOPIR_ACCOUNT_ERROR_NOT_FOUND,
  KOPIR_ACCOUNT_ERROR_INVALID_STATE,
  KOPIR_ACCOUNT_ERROR_ALREADY_DONE,
  KOPIR_ACCOUNT_ERROR_CONFLICT,
  KOPIR_ACCOUNT_ERROR_TOO_LARGE,
  KOPIR_ACCOUNT_ERROR_UNSUPPORTED_IMAGE,
  KOPIR_ACCOUNT_ERROR_RATE_LIMITED,
  KOPIR_ACCOUNT_ERROR_NOT_OFFERED,
  KOPIR_ACCOUNT_ERROR_FAILED,
} KopirAccountError;

#define KOPIR_ACCOUNT_ERROR (kopir_account_error_quark ())

GQuark       kopir_account_error_quark            (void);
GError      *kopir_account_error_from_problem     (guint         http_status,
                                                   JsonNode     *problem);
const char  *kopir_account_error_get_problem_code (const GError *error);
GHashTable  *kopir_account_error_get_field_errors (const GError *error);
const char  *kopir_account_error_get_field_error  (const GError *error,
                                                   const char   *field);
const char  *kopir_account_describe_field_code    (const char   *code);

G_END_DECLS
