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

typedef struct
{
  GSource *timeout;
  GSource *cancelled;
} WaitData;

static void
wait_data_free (WaitData *data)
{
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  if (data->cancelled != NULL)
    {
      g_source_destroy (data->cancelled);
      g_source_unref (data->cancelled);
    }
  g_free (data);
}

/* Both sources share the one task reference; whichever fires first
 * completes the task and removes the other. */
static gboolean
on_wait_timeout (gpointer user_data)
{
  GTask *task = user_data;

  g_task_set_task_data (task, NULL, NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;

  g_task_set_task_data (task, NULL, NULL);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/**
 * kopir_backoff_wait_async:
 * @delay_ms: how long to wait
 * @cancellable: (nullable): ends the wait early, with %G_IO_ERROR_CANCELLED
 * @callback: called after the wait
 * @user_data: data for @callback
 *
 * Waits on the thread-default main context without blocking it.
 */
void
kopir_backoff_wait_async (guint                delay_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  WaitData *data = g_new0 (WaitData, 1);

  g_task_set_source_tag (task, kopir_backoff_wait_async);
  g_task_set_task_data (task, data, (GDestroyNotify) wait_data_free);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  data->timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (data->timeout, on_wait_timeout, task, NULL);
  g_source_attach (data->timeout, g_main_context_get_thread_default ());

  if (cancellable != NULL)
    {
      data->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancelled, G_SOURCE_FUNC (on_wait_cancelled), task, NULL);
      g_source_attach (data->cancelled, g_main_context_get_thread_default ());
    }
}

gboolean
kopir_backoff_wait_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
