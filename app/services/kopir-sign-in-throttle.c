/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-sign-in-throttle.c: a growing wait after wrong passwords */

#define G_LOG_DOMAIN "kopir-staff"

#include "config.h"

#include "kopir-sign-in-throttle.h"

/**
 * kopir_sign_in_throttle_delay_for:
 * @failures: wrong passwords in a row
 *
 * Returns: the seconds to wait after that many: 0 for none, then 1, 2, 4,
 *   8 ..., never more than %KOPIR_SIGN_IN_MAX_DELAY_SECONDS
 */
guint
kopir_sign_in_throttle_delay_for (guint failures)
{
  if (failures == 0)
    return 0;
  if (failures > 7)
    return KOPIR_SIGN_IN_MAX_DELAY_SECONDS;

  return MIN (1u << (failures - 1), KOPIR_SIGN_IN_MAX_DELAY_SECONDS);
}

/**
 * kopir_sign_in_throttle_check:
 * @throttle: the throttle
 * @now_us: monotonic time now
 * @wait_seconds: (out) (optional): how long still to wait, rounded up
 *
 * Returns: %TRUE if a try is allowed now
 */
gboolean
kopir_sign_in_throttle_check (KopirSignInThrottle *throttle,
                              gint64               now_us,
                              guint               *wait_seconds)
{
  gint64 left;

  g_return_val_if_fail (throttle != NULL, FALSE);

  left = throttle->not_before_us - now_us;
  if (wait_seconds != NULL)
    *wait_seconds = left > 0 ? (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 0;

  return left <= 0;
}

/**
 * kopir_sign_in_throttle_failed:
 * @throttle: the throttle
 * @now_us: monotonic time now
 *
 * Counts a wrong password.
 *
 * Returns: the seconds to wait before the next try
 */
guint
kopir_sign_in_throttle_failed (KopirSignInThrottle *throttle,
                               gint64               now_us)
{
  guint delay;

  g_return_val_if_fail (throttle != NULL, 0);

  if (throttle->failures < G_MAXUINT)
    throttle->failures++;
  delay = kopir_sign_in_throttle_delay_for (throttle->failures);
  throttle->not_before_us = now_us + (gint64) delay * G_USEC_PER_SEC;

  return delay;
}

/**
 * kopir_sign_in_throttle_succeeded:
 * @throttle: the throttle
 *
 * A right password: no more waiting.
 */
void
kopir_sign_in_throttle_succeeded (KopirSignInThrottle *throttle)
{
  g_return_if_fail (throttle != NULL);

  throttle->failures = 0;
  throttle->not_before_us = 0;
}
