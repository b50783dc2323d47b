/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-redact.c: what reaches a log line */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-log-writer.h"
#include "kopir-redact.h"

/* From Binance's signing documentation (binance-hmac-vectors.tsv). */
#define API_KEY "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
#define API_SECRET "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
#define SIGNATURE "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

static void
test_redact_cases (void)
{
  static const Case cases[] = {
    /* Personal data keeps its last four characters. */
    { "IIN 900101350123 rejected", "IIN ********0123 rejected" },
    { "iin=900101350123&x=1", "iin=********0123&x=1" },
    { "KZ86125KZT5004100100", "KZ**************0100" },
    { "to kz86 125k zt50 0410 0100.", "to kz** **** **** **** 0100." },
    { "{\"iban\":\"KZ86125KZT5004100100\"}", "{\"iban\":\"KZ**************0100\"}" },
    /* Secrets disappear whole. */
    { "key " API_KEY, "key [redacted]" },
    { "{\"api_key\":\"" API_KEY "\",\"api_secret\":\"" API_SECRET "\"}",
      "{\"api_key\":\"[redacted]\",\"api_secret\":\"[redacted]\"}" },
    { "GET /api/v3/account?timestamp=1499827319559&signature=" SIGNATURE,
      "GET /api/v3/account?timestamp=1499827319559&signature=[redacted]" },
    { "sig " SIGNATURE " end", "sig [signature] end" },
    { "Authorization: Bearer eyJhbGciOi.J9.x-y_z", "Authorization: Bearer [redacted]" },
    { "X-MBX-APIKEY: " API_KEY, "X-MBX-APIKEY: [redacted]" },
    { "{\"token\": \"tok_4f9a8b\"}", "{\"token\": \"[redacted]\"}" },
    /* Ordinary figures pass untouched. */
    { "Bought 0.00123 BTC for 25000.00 KZT, order 12345678",
      "Bought 0.00123 BTC for 25000.00 KZT, order 12345678" },
    { "timestamp 1499827319559 recvWindow 5000", "timestamp 1499827319559 recvWindow 5000" },
    { "customer 1234567 order kopir-AbCdEf0123456789", "customer 1234567 order kopir-AbCdEf0123456789" },
    { "order k3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3 filled", "order k3f2a9c0d1e2f3a4b5c6d7e8f90a1b2c3 filled" },
    { "a thirteen digit 1234567890123 number", "a thirteen digit 1234567890123 number" },
    { "no digits at all", "no digits at all" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = kopir_redact (cases[i].input);

      g_assert_cmpstr (out, ==, cases[i].expected);
    }

  g_assert_null (kopir_redact (NULL));
}

static void
test_redact_invalid_utf8 (void)
{
  /* Bytes from a broken response must not leak an IIN nor crash. */
  g_autofree char *out = kopir_redact ("\xff\xfe 900101350123");

  g_assert_nonnull (out);
  g_assert_null (strstr (out, "900101350123"));
}

static void
test_log_writer (void)
{
  if (g_test_subprocess ())
    {
      kopir_log_writer_install ();
      g_message ("applicant %s, IIN 900101350123, IBAN KZ86125KZT5004100100", API_SECRET);
      g_printerr ("plain output is not a log line\n");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout_unmatched ("*" API_SECRET "*");
  g_test_trap_assert_stderr_unmatched ("*" API_SECRET "*");
  g_test_trap_assert_stdout_unmatched ("*900101350123*");
  g_test_trap_assert_stderr_unmatched ("*900101350123*");
  g_test_trap_assert_stdout_unmatched ("*KZ86125KZT5004100100*");
  g_test_trap_assert_stderr_unmatched ("*KZ86125KZT5004100100*");
  /* The line itself still arrives, masked. */
  g_test_trap_assert_stderr ("*applicant [redacted], IIN ********0123, IBAN KZ**************0100*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/redact/cases", test_redact_cases);
  g_test_add_func ("/redact/invalid-utf8", test_redact_invalid_utf8);
  g_test_add_func ("/redact/log-writer", test_log_writer);

  return g_test_run ();
}
