/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sign-in-throttle.h: a growing wait after wrong passwords.
 *
 * The exchange locks a staff id after five wrong passwords in a row; Kopir
 * also makes whoever is at the desk wait before each new try, longer after
 * each failure (1, 2, 4, 8 ... seconds, at most a minute), so guessing is
 * slow even across staff ids and before the exchange's lock. Time is given
 * by the caller (monotonic microseconds), which keeps this testable.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KOPIR_SIGN_IN_MAX_DELAY_SECONDS 60

/**
 * KopirSignInThrottle:
 * @failures: wrong passwords in a row
 * @not_before_us: monotonic time before which no try is allowed
 *
 * Plain data; zero-initialise it.
 */
typedef struct
{
  guint  failures;
  gint64 not_before_us;
} KopirSignInThrottle;

guint    kopir_sign_in_throttle_delay_for  (guint                failures);
gboolean kopir_sign_in_throttle_check      (KopirSignInThrottle *throttle,
                                            gint64               now_us,
                                            guint               *wait_seconds);
guint    kopir_sign_in_throttle_failed     (KopirSignInThrottle *throttle,
                                            gint64               now_us);
void     kopir_sign_in_throttle_succeeded  (KopirSignInThrottle *throttle);

G_END_DECLS
