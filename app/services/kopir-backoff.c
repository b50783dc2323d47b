/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-backoff.c: how long to wait before trying again
 *
 * Pure functions, so the arithmetic is tested apart from the network: an
 * exponential delay with jitter (many clients failing together must not
 * come back together), and the server's Retry-After, which always wins.
 */

#define G_LOG_DOMAIN "kopir-backoff"

#include "config.h"

#include <libsoup/soup.h>

#include "kopir-backoff.h"

/**
 * kopir_backoff_delay_ms:
 * @attempt: how many attempts failed before this wait, from 0
 * @base_ms: the first delay
 * @cap_ms: the longest delay
 * @random: a random number (g_random_int()); tests pass fixed values
 *
 * "Equal jitter": half of the exponential delay is fixed, the other half
 * random, so a delay never collapses to nothing yet clients spread out.
 *
 * Returns: the delay in milliseconds, between half and all of
 *   min(@cap_ms, @base_ms × 2^@attempt)
 */
guint
kopir_backoff_delay_ms (guint   attempt,
                        guint   base_ms,
                        guint   cap_ms,
                        guint32 random)
{
  guint64 delay = base_ms;
  guint64 half;

  for (guint i = 0; i < attempt && delay < cap_ms; i++)
    delay *= 2;
  delay = MIN (delay, (guint64) cap_ms);

  half = delay / 2;

  return (guint) (delay - half + (half > 0 ? random % (half + 1) : 0));
}

/**
 * kopir_backoff_parse_retry_after:
 * @header: (nullable): a Retry-After header value
 * @now: the current time, for an HTTP date
 * @out_seconds: (out): seconds to wait
 *
 * Reads either form RFC 9110 allows: delay-seconds or an HTTP-date. A date
 * in the past means "now".
 *
 * Returns: %TRUE if @header was understood
 */
gboolean
kopir_backoff_parse_retry_after (const char *header,
                                 GDateTime  *now,
                                 guint      *out_seconds)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *value = NULL;
  guint64 seconds;

  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (out_seconds != NULL, FALSE);

  if (header == NULL)
    return FALSE;

  value = g_strstrip (g_strdup (header));

  /* A day is plenty; anything longer is a broken header. */
  if (g_ascii_string_to_unsigned (value, 10, 0, 86400, &seconds, NULL))
    {
      *out_seconds = (guint) seconds;
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return FALSE;

  seconds = MAX (0, g_date_time_difference (date, now) / G_TIME_SPAN_SECOND);
  *out_seconds = (guint) MIN (seconds, 86400);

  return TRUE;
}

/**
 * kopir_backoff_format_retry_time:
 * @now: the current time
 * @seconds: the wait
 *
 * The local wall-clock time after the wait, as "HH:MM", for messages
 * such as "try again at 14:05". Rounded up to the next minute, so the
 * customer never comes back too early.
 *
 * Returns: (transfer full): the time
 */
char *
kopir_backoff_format_retry_time (GDateTime *now,
                                 guint      seconds)
{
  g_autoptr(GDateTime) then = NULL;
  gint64 unix_time;

  g_return_val_if_fail (now != NULL, NULL);

  unix_time = g_date_time_to_unix (now) + seconds;
  if (unix_time % 60 != 0 || g_date_time_get_microsecond (now) != 0)
    unix_time = (unix_time / 60 + 1) * 60;

  then = g_date_time_new_from_unix_local (unix_time);

  return g_date_time_format (then, "%H:%M");
}
