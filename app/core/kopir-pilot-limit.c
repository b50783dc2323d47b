/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-pilot"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-money-format.h"
#include "kopir-pilot-limit.h"

#define ALMATY_OFFSET_SECONDS (5 * 3600)

G_DEFINE_QUARK (kopir-pilot-error-quark, kopir_pilot_error)

/**
 * kopir_pilot_get_timezone:
 *
 * Kazakhstan's time zone.  The system's Asia/Almaty is used when it knows
 * of the move to UTC+5 on 1 March 2024 (and so also has the older offsets
 * right); with no or older time zone data, a fixed UTC+05:00.
 *
 * Returns: (transfer full): the time zone
 */
GTimeZone *
kopir_pilot_get_timezone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Asia/Almaty");

      if (tz != NULL)
        {
          /* 2024-06-01T00:00:00Z */
          int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 1717200000);

          if (interval < 0 || g_time_zone_get_offset (tz, interval) != ALMATY_OFFSET_SECONDS)
            g_clear_pointer (&tz, g_time_zone_unref);
        }
      if (tz == NULL)
        {
          g_debug ("Asia/Almaty time zone data missing or outdated; using UTC+05:00");
          tz = g_time_zone_new_offset (ALMATY_OFFSET_SECONDS);
        }
      g_once_init_leave (&zone, tz);
    }

  return g_time_zone_ref (zone);
}

/**
 * kopir_pilot_month_bounds:
 * @now_us: a moment, Unix microseconds
 * @start_us: (out): the start of its calendar month in Kazakhstan
 * @end_us: (out): the start of the next month
 */
void
kopir_pilot_month_bounds (gint64  now_us,
                          gint64 *start_us,
                          gint64 *end_us)
{
  g_autoptr(GTimeZone) tz = kopir_pilot_get_timezone ();
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_if_fail (start_us != NULL && end_us != NULL);

  utc = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC - (now_us % G_USEC_PER_SEC < 0 ? 1 : 0));
  g_return_if_fail (utc != NULL);
  local = g_date_time_to_timezone (utc, tz);
  start = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local), 1, 0, 0, 0);
  end = g_date_time_add_months (start, 1);

  *start_us = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  *end_us = g_date_time_to_unix (end) * G_USEC_PER_SEC;
}

/**
 * kopir_pilot_customer_is_limited:
 * @customer: the customer
 *
 * Returns: %TRUE for a resident retail customer who has not passed the
 *   knowledge test
 */
gboolean
kopir_pilot_customer_is_limited (const KopirPilotCustomer *customer)
{
  g_return_val_if_fail (customer != NULL, TRUE);

  return customer->resident && !customer->professional && !customer->knowledge_test_passed;
}

/**
 * kopir_pilot_kzt_to_usd:
 * @kzt: an amount in tenge
 * @usdt_kzt_rate: tenge per USDT, standing in for the dollar
 * @usd: (out): the amount in dollars, rounded up to the cent
 *
 * Returns: %FALSE if the rate is not positive or on overflow
 */
gboolean
kopir_pilot_kzt_to_usd (const KopirDecimal *kzt,
                        const KopirDecimal *usdt_kzt_rate,
                        KopirDecimal       *usd)
{
  g_return_val_if_fail (kzt != NULL && usdt_kzt_rate != NULL && usd != NULL, FALSE);

  if (!kopir_decimal_is_positive (usdt_kzt_rate))
    return FALSE;

  return kopir_decimal_div (kzt, usdt_kzt_rate, 2, KOPIR_ROUNDING_CEILING, usd);
}

/**
 * kopir_pilot_limit_compute:
 * @customer: the customer
 * @activities: (array length=n_activities): their recent activity
 * @n_activities: the number of entries
 * @now_us: the current time, Unix microseconds
 * @usdt_kzt_rate: (nullable): the USDT/KZT rate, for the limit in tenge
 * @out: (out): the limit
 * @error: a #KOPIR_PILOT_ERROR
 *
 * Returns: %TRUE if @out was filled in
 */
gboolean
kopir_pilot_limit_compute (const KopirPilotCustomer *customer,
                           const KopirPilotActivity *activities,
                           guint                     n_activities,
                           gint64                    now_us,
                           const KopirDecimal       *usdt_kzt_rate,
                           KopirPilotLimit          *out,
                           GError                  **error)
{
  KopirPilotLimit r;
  const KopirDecimal zero = KOPIR_DECIMAL_INIT (0, 2);

  g_return_val_if_fail (customer != NULL && out != NULL, FALSE);
  g_return_val_if_fail (activities != NULL || n_activities == 0, FALSE);

  if (usdt_kzt_rate != NULL && !kopir_decimal_is_positive (usdt_kzt_rate))
    {
      g_set_error_literal (error, KOPIR_PILOT_ERROR, KOPIR_PILOT_ERROR_INVALID_RATE,
                           _("The tenge exchange rate is not available. Try again in a moment."));
      return FALSE;
    }

  memset (&r, 0, sizeof r);
  r.limited = kopir_pilot_customer_is_limited (customer);
  r.limit_usd = KOPIR_DECIMAL_INIT (KOPIR_PILOT_MONTHLY_LIMIT_USD_CENTS, 2);
  r.spent_usd = zero;
  kopir_pilot_month_bounds (now_us, &r.period_start_us, &r.period_end_us);

  for (guint i = 0; i < n_activities; i++)
    {
      const KopirPilotActivity *a = &activities[i];

      if (a->kind != KOPIR_PILOT_ACTIVITY_PURCHASE ||
          a->time_us < r.period_start_us || a->time_us >= r.period_end_us)
        continue;
      if (!kopir_decimal_add (&r.spent_usd, &a->amount_usd, &r.spent_usd))
        goto overflow;
    }

  if (!kopir_decimal_sub (&r.limit_usd, &r.spent_usd, &r.remaining_usd))
    goto overflow;
  if (kopir_decimal_is_negative (&r.remaining_usd))
    r.remaining_usd = zero;

  if (usdt_kzt_rate != NULL)
    {
      if (!kopir_decimal_mul (&r.remaining_usd, usdt_kzt_rate, 2, KOPIR_ROUNDING_FLOOR, &r.remaining_kzt))
        goto overflow;
    }
  else
    r.remaining_kzt = zero;

  *out = r;
  return TRUE;

overflow:
  g_set_error_literal (error, KOPIR_PILOT_ERROR, KOPIR_PILOT_ERROR_OVERFLOW,
                       _("The purchase history could not be added up."));
  return FALSE;
}

/**
 * kopir_pilot_limit_check_purchase:
 * @limit: the computed limit
 * @amount_usd: the purchase's worth in dollars
 * @error: %KOPIR_PILOT_ERROR_LIMIT_EXCEEDED with the amount left
 *
 * Returns: %TRUE if the purchase fits the limit (or none applies)
 */
gboolean
kopir_pilot_limit_check_purchase (const KopirPilotLimit *limit,
                                  const KopirDecimal    *amount_usd,
                                  GError               **error)
{
  g_return_val_if_fail (limit != NULL && amount_usd != NULL, FALSE);

  if (!limit->limited || kopir_decimal_compare (amount_usd, &limit->remaining_usd) <= 0)
    return TRUE;

  if (error != NULL)
    {
      const char *lang = kopir_money_ui_language ();
      g_autofree char *left = kopir_money_format (&limit->remaining_usd, "USD", lang, 0);
      g_autofree char *total = kopir_money_format (&limit->limit_usd, "USD", lang,
                                                   KOPIR_MONEY_FORMAT_TRIM_ZEROS);

      g_set_error (error, KOPIR_PILOT_ERROR, KOPIR_PILOT_ERROR_LIMIT_EXCEEDED,
                   _("This purchase is over the pilot limit of %s a month: %s is left this month. "
                     "Buy for less, or pass the knowledge test to lift the limit."),
                   total, left);
    }
  return FALSE;
}
