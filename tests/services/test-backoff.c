/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backoff.c: delays between attempts and the server's Retry-After */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <glib.h>

#include "kopir-backoff.h"

static void
test_backoff_delay (void)
{
  /* Half fixed, half random: the bounds for the smallest and largest
   * random numbers. */
  g_assert_cmpuint (kopir_backoff_delay_ms (0, 500, 30000, 0), ==, 250);
  g_assert_cmpuint (kopir_backoff_delay_ms (0, 500, 30000, 250), ==, 500);
  g_assert_cmpuint (kopir_backoff_delay_ms (0, 500, 30000, 251), ==, 250);
  g_assert_cmpuint (kopir_backoff_delay_ms (1, 500, 30000, 0), ==, 500);
  g_assert_cmpuint (kopir_backoff_delay_ms (3, 500, 30000, 2000), ==, 4000);
  /* Capped, however many attempts failed. */
  g_assert_cmpuint (kopir_backoff_delay_ms (10, 500, 30000, 0), ==, 15000);
  g_assert_cmpuint (kopir_backoff_delay_ms (1000, 500, 30000, 15000), ==, 30000);
  g_assert_cmpuint (kopir_backoff_delay_ms (0, 0, 30000, 7), ==, 0);

  /* Random numbers spread the delays over the whole window. */
  for (guint i = 0; i < 1000; i++)
    {
      guint delay = kopir_backoff_delay_ms (2, 500, 30000, g_random_int ());

      g_assert_cmpuint (delay, >=, 1000);
      g_assert_cmpuint (delay, <=, 2000);
    }
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2015, 10, 21, 7, 27, 0);
  guint seconds = 999;

  g_assert_true (kopir_backoff_parse_retry_after ("120", now, &seconds));
  g_assert_cmpuint (seconds, ==, 120);
  g_assert_true (kopir_backoff_parse_retry_after (" 0 ", now, &seconds));
  g_assert_cmpuint (seconds, ==, 0);
  g_assert_true (kopir_backoff_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT", now, &seconds));
  g_assert_cmpuint (seconds, ==, 60);
  /* A date already past means now. */
  g_assert_true (kopir_backoff_parse_retry_after ("Wed, 21 Oct 2015 07:00:00 GMT", now, &seconds));
  g_assert_cmpuint (seconds, ==, 0);

  seconds = 999;
  g_assert_false (kopir_backoff_parse_retry_after (NULL, now, &seconds));
  g_assert_false (kopir_backoff_parse_retry_after ("soon", now, &seconds));
  g_assert_false (kopir_backoff_parse_retry_after ("-5", now, &seconds));
  g_assert_false (kopir_backoff_parse_retry_after ("99999999", now, &seconds));
  g_assert_cmpuint (seconds, ==, 999);
}

static void
test_retry_time (void)
{
  /* The test runs with TZ=UTC. */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 2, 14, 3, 0);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 3, 2, 23, 59, 30);
  g_autofree char *exact = kopir_backoff_format_retry_time (now, 120);
  g_autofree char *rounded = kopir_backoff_format_retry_time (now, 61);
  g_autofree char *midnight = kopir_backoff_format_retry_time (late, 10);

  g_assert_cmpstr (exact, ==, "14:05");
  /* Never earlier than the server asked. */
  g_assert_cmpstr (rounded, ==, "14:05");
  g_assert_cmpstr (midnight, ==, "00:00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backoff/delay", test_backoff_delay);
  g_test_add_func ("/backoff/retry-after", test_retry_after);
  g_test_add_func ("/backoff/retry-time", test_retry_time);

  return g_test_run ();
}
