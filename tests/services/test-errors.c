/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-errors.c: exchange answers mapped to what a customer reads */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include "kopir-account-error.h"
#include "kopir-exchange-error.h"

typedef struct
{
  guint       status;
  int         code;
  const char *message;
  gboolean    may_have_executed;
  int         expected;
} Case;

static void
test_exchange_mapping (void)
{
  static const Case cases[] = {
    { 400, -2010, "Account has insufficient balance for requested action.", TRUE, KOPIR_EXCHANGE_ERROR_INSUFFICIENT_BALANCE },
    { 400, -2010, "Monthly pilot purchase limit exceeded.", TRUE, KOPIR_EXCHANGE_ERROR_LIMIT_REACHED },
    { 400, -2010, "Order would immediately match and take.", TRUE, KOPIR_EXCHANGE_ERROR_REJECTED },
    { 400, -2010, "Market is closed.", TRUE, KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL },
    { 400, -1013, "Filter failure: NOTIONAL", TRUE, KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM },
    { 400, -1013, "Filter failure: MARKET_LOT_SIZE max", TRUE, KOPIR_EXCHANGE_ERROR_ABOVE_MAXIMUM },
    { 400, -1021, "Timestamp for this request is outside of the recvWindow.", FALSE, KOPIR_EXCHANGE_ERROR_CLOCK },
    { 400, -1022, "Signature for this request is not valid.", FALSE, KOPIR_EXCHANGE_ERROR_BAD_KEY },
    { 401, -2015, "Invalid API-key, IP, or permissions for action.", FALSE, KOPIR_EXCHANGE_ERROR_BAD_KEY },
    { 401, -2014, "API-key format invalid.", FALSE, KOPIR_EXCHANGE_ERROR_BAD_KEY },
    { 400, -2013, "Order does not exist.", FALSE, KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER },
    { 400, -2011, "Unknown order sent.", FALSE, KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER },
    { 400, -1121, "Invalid symbol.", FALSE, KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL },
    { 429, -1003, "Too much request weight used.", TRUE, KOPIR_EXCHANGE_ERROR_RATE_LIMITED },
    { 418, -1003, "Way too much request weight used; IP banned.", FALSE, KOPIR_EXCHANGE_ERROR_RATE_LIMITED },
    /* A 5xx leaves an order's outcome open, and a read merely failed. */
    { 500, -1000, "An unknown error occurred.", TRUE, KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME },
    { 503, 0, NULL, TRUE, KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME },
    { 503, 0, NULL, FALSE, KOPIR_EXCHANGE_ERROR_BUSY },
    { 502, 0, NULL, FALSE, KOPIR_EXCHANGE_ERROR_BUSY },
    { 404, 0, NULL, FALSE, KOPIR_EXCHANGE_ERROR_NOT_CONFIGURED },
    { 400, -1100, "Illegal characters found in a parameter.", FALSE, KOPIR_EXCHANGE_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = kopir_exchange_error_from_response (cases[i].status, cases[i].code,
                                                                    cases[i].message, 0,
                                                                    cases[i].may_have_executed, NULL);
      g_autoptr(GError) copy = g_error_copy (error);

      g_assert_error (error, KOPIR_EXCHANGE_ERROR, cases[i].expected);
      /* The exchange's own words are for diagnostics, not the message. */
      g_assert_cmpstr (error->message, !=, "");
      if (cases[i].message != NULL)
        g_assert_null (strstr (error->message, cases[i].message));
      g_assert_cmpint (kopir_exchange_error_get_exchange_code (copy), ==, cases[i].code);
      g_assert_cmpstr (kopir_exchange_error_get_exchange_message (copy), ==, cases[i].message);
      g_assert_cmpuint (kopir_exchange_error_get_http_status (copy), ==, cases[i].status);
      g_assert_cmpint (kopir_exchange_error_is_unknown_outcome (error), ==,
                       cases[i].expected == KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME);
    }

  /* Other domains carry no exchange code. */
  {
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

    g_assert_cmpint (kopir_exchange_error_get_exchange_code (other), ==, 0);
    g_assert_null (kopir_exchange_error_get_exchange_message (other));
  }
}

static void
test_try_again_at (void)
{
  /* TZ=UTC for this test. */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 14, 3, 10);
  g_autoptr(GError) limited = kopir_exchange_error_from_response (429, -1003, NULL, 120, FALSE, now);
  g_autoptr(GError) busy = kopir_exchange_error_from_response (503, 0, NULL, 0, FALSE, now);

  g_assert_nonnull (strstr (limited->message, "14:06"));
  g_assert_cmpuint (kopir_exchange_error_get_retry_after (limited), ==, 120);
  /* Busy without a Retry-After: a minute, rounded up. */
  g_assert_nonnull (strstr (busy->message, "14:05"));
}

static void
test_problem_fields (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  GHashTable *fields;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"type\": \"urn:kopir:problem:validation-failed\", \"title\": \"Some fields are not valid\","
    " \"status\": 422, \"code\": \"validation_failed\", \"errors\": ["
    "  {\"field\": \"iin\", \"code\": \"iin_checksum\", \"message\": \"The IIN's check digit is wrong.\"},"
    "  {\"field\": \"document.expiry_date\", \"code\": \"date_order\", \"message\": \"x\"},"
    "  {\"field\": \"iin\", \"code\": \"required\", \"message\": \"second for the same field\"},"
    "  {\"field\": \"nickname\", \"code\": \"something_new\", \"message\": \"x\"},"
    "  {\"code\": \"required\"}, 42]}", -1, NULL));

  error = kopir_account_error_from_problem (422, json_parser_get_root (parser));
  g_assert_error (error, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_INVALID);
  g_assert_cmpstr (kopir_account_error_get_problem_code (error), ==, "validation_failed");

  copy = g_error_copy (error);
  fields = kopir_account_error_get_field_errors (copy);
  g_assert_cmpuint (g_hash_table_size (fields), ==, 3);
  g_assert_cmpstr (kopir_account_error_get_field_error (copy, "iin"), ==,
                   kopir_account_describe_field_code ("iin_checksum"));
  g_assert_cmpstr (kopir_account_error_get_field_error (copy, "document.expiry_date"), ==,
                   kopir_account_describe_field_code ("date_order"));
  /* An unknown code still gets a message. */
  g_assert_cmpstr (kopir_account_error_get_field_error (copy, "nickname"), !=, NULL);
  g_assert_null (kopir_account_error_get_field_error (copy, "email"));
}

static void
test_problem_codes (void)
{
  struct { guint status; const char *body; int expected; } cases[] = {
    { 409, "{\"code\": \"credentials_already_issued\"}", KOPIR_ACCOUNT_ERROR_ALREADY_DONE },
    { 409, "{\"code\": \"invalid_state\", \"status_now\": \"pending\"}", KOPIR_ACCOUNT_ERROR_INVALID_STATE },
    { 409, "{\"code\": \"link_exists\"}", KOPIR_ACCOUNT_ERROR_CONFLICT },
    { 401, "{\"code\": \"invalid_token\"}", KOPIR_ACCOUNT_ERROR_UNAUTHORIZED },
    { 404, "{\"code\": \"not_found\"}", KOPIR_ACCOUNT_ERROR_NOT_FOUND },
    { 413, "{\"code\": \"image_too_large\"}", KOPIR_ACCOUNT_ERROR_TOO_LARGE },
    { 415, "{\"code\": \"image_type\"}", KOPIR_ACCOUNT_ERROR_UNSUPPORTED_IMAGE },
    { 429, "{\"code\": \"staff_locked\"}", KOPIR_ACCOUNT_ERROR_RATE_LIMITED },
    /* Not even JSON. */
    { 400, "<html>", KOPIR_ACCOUNT_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root = NULL;

      if (json_parser_load_from_data (parser, cases[i].body, -1, NULL))
        root = json_parser_get_root (parser);

      error = kopir_account_error_from_problem (cases[i].status, root);
      g_assert_error (error, KOPIR_ACCOUNT_ERROR, cases[i].expected);
      g_assert_cmpstr (error->message, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/errors/exchange-mapping", test_exchange_mapping);
  g_test_add_func ("/errors/try-again-at", test_try_again_at);
  g_test_add_func ("/errors/problem-fields", test_problem_fields);
  g_test_add_func ("/errors/problem-codes", test_problem_codes);

  return g_test_run ();
}
