/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "kopir-pilot-limit.h"

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;

  g_assert_true (kopir_decimal_parse (s, &d, NULL));
  return d;
}

static gint64
utc_us (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

#define assert_dec_eq(d, s) G_STMT_START {                                   \
    KopirDecimal expected_ = dec (s);                                        \
    g_autofree char *got_ = kopir_decimal_dup_string (&(d));                  \
    if (!kopir_decimal_equal (&(d), &expected_))                              \
      g_error ("%s: got %s, expected %s", #d, got_, s);                      \
  } G_STMT_END

static void
test_month (void)
{
  gint64 start, end;
  g_autoptr(GTimeZone) tz = kopir_pilot_get_timezone ();
  g_autoptr(GDateTime) summer = g_date_time_new (tz, 2025, 7, 1, 12, 0, 0);

  /* Kazakhstan is UTC+5. */
  g_assert_cmpint (g_date_time_get_utc_offset (summer), ==, 5 * G_TIME_SPAN_HOUR);

  /* 19:00 UTC on 31 January is already February in Almaty. */
  kopir_pilot_month_bounds (utc_us ("2025-01-31T19:00:00Z"), &start, &end);
  g_assert_cmpint (start, ==, utc_us ("2025-01-31T19:00:00Z"));
  g_assert_cmpint (end, ==, utc_us ("2025-02-28T19:00:00Z"));

  kopir_pilot_month_bounds (utc_us ("2025-01-31T18:59:59Z"), &start, &end);
  g_assert_cmpint (start, ==, utc_us ("2024-12-31T19:00:00Z"));
  g_assert_cmpint (end, ==, utc_us ("2025-01-31T19:00:00Z"));

  /* December rolls over into the next year. */
  kopir_pilot_month_bounds (utc_us ("2025-12-15T00:00:00Z"), &start, &end);
  g_assert_cmpint (start, ==, utc_us ("2025-11-30T19:00:00Z"));
  g_assert_cmpint (end, ==, utc_us ("2025-12-31T19:00:00Z"));
}

static void
test_limit (void)
{
  KopirPilotCustomer customer = { TRUE, FALSE, FALSE };
  KopirPilotActivity activity[] = {
    { KOPIR_PILOT_ACTIVITY_PURCHASE, 0, { 25000, 2 } },   /* 250.00 this month */
    { KOPIR_PILOT_ACTIVITY_PURCHASE, 0, { 1050, 2 } },    /* 10.50 this month */
    { KOPIR_PILOT_ACTIVITY_PURCHASE, 0, { 50000, 2 } },   /* 500.00 last month */
    { KOPIR_PILOT_ACTIVITY_SALE, 0, { 90000, 2 } },       /* sales do not count */
    { KOPIR_PILOT_ACTIVITY_DEPOSIT, 0, { 90000, 2 } },
    { KOPIR_PILOT_ACTIVITY_WITHDRAWAL, 0, { 90000, 2 } },
    { KOPIR_PILOT_ACTIVITY_PURCHASE, 0, { 10000, 2 } },   /* 100.00 next month */
  };
  gint64 now = utc_us ("2025-03-10T08:00:00Z");
  KopirPilotLimit limit;
  KopirDecimal rate = dec ("512.34");
  KopirDecimal amount;
  g_autoptr(GError) error = NULL;

  activity[0].time_us = utc_us ("2025-02-28T19:00:00Z");   /* 1 March, 00:00 in Almaty */
  activity[1].time_us = utc_us ("2025-03-10T07:00:00Z");
  activity[2].time_us = utc_us ("2025-02-28T18:59:59Z");
  activity[3].time_us = now;
  activity[4].time_us = now;
  activity[5].time_us = now;
  activity[6].time_us = utc_us ("2025-03-31T19:00:00Z");

  g_assert_true (kopir_pilot_customer_is_limited (&customer));
  g_assert_true (kopir_pilot_limit_compute (&customer, activity, G_N_ELEMENTS (activity), now, &rate,
                                            &limit, &error));
  g_assert_no_error (error);
  g_assert_true (limit.limited);
  assert_dec_eq (limit.limit_usd, "1000");
  assert_dec_eq (limit.spent_usd, "260.50");
  assert_dec_eq (limit.remaining_usd, "739.50");
  /* 739.50 × 512.34 = 378 875.43 */
  assert_dec_eq (limit.remaining_kzt, "378875.43");
  g_assert_cmpint (limit.period_end_us, ==, utc_us ("2025-03-31T19:00:00Z"));

  amount = dec ("739.50");
  g_assert_true (kopir_pilot_limit_check_purchase (&limit, &amount, NULL));
  amount = dec ("739.51");
  g_assert_false (kopir_pilot_limit_check_purchase (&limit, &amount, &error));
  g_assert_error (error, KOPIR_PILOT_ERROR, KOPIR_PILOT_ERROR_LIMIT_EXCEEDED);
  g_assert_cmpstr (error->message, ==, "This purchase is over the pilot limit of $1,000 a month: "
                   "$739.50 is left this month. Buy for less, or pass the knowledge test to lift the limit.");
  g_clear_error (&error);

  /* Over the limit: nothing is left, never less than nothing. */
  activity[1].amount_usd = dec ("800");
  g_assert_true (kopir_pilot_limit_compute (&customer, activity, G_N_ELEMENTS (activity), now, NULL,
                                            &limit, NULL));
  assert_dec_eq (limit.remaining_usd, "0");
  assert_dec_eq (limit.remaining_kzt, "0");
  amount = dec ("0.01");
  g_assert_false (kopir_pilot_limit_check_purchase (&limit, &amount, NULL));

  /* Who the limit applies to. */
  customer.knowledge_test_passed = TRUE;
  g_assert_false (kopir_pilot_customer_is_limited (&customer));
  g_assert_true (kopir_pilot_limit_compute (&customer, activity, G_N_ELEMENTS (activity), now, NULL,
                                            &limit, NULL));
  g_assert_false (limit.limited);
  g_assert_true (kopir_pilot_limit_check_purchase (&limit, &amount, NULL));
  customer.knowledge_test_passed = FALSE;
  customer.resident = FALSE;
  g_assert_false (kopir_pilot_customer_is_limited (&customer));
  customer.resident = TRUE;
  customer.professional = TRUE;
  g_assert_false (kopir_pilot_customer_is_limited (&customer));

  /* No history; a bad rate. */
  customer.professional = FALSE;
  g_assert_true (kopir_pilot_limit_compute (&customer, NULL, 0, now, NULL, &limit, NULL));
  assert_dec_eq (limit.remaining_usd, "1000");
  rate = dec ("0");
  g_assert_false (kopir_pilot_limit_compute (&customer, NULL, 0, now, &rate, &limit, &error));
  g_assert_error (error, KOPIR_PILOT_ERROR, KOPIR_PILOT_ERROR_INVALID_RATE);
}

static void
test_conversion (void)
{
  KopirDecimal kzt = dec ("50000.00"), rate = dec ("512.34"), usd;

  /* 97.5914… dollars count as 97.60: never undercounted. */
  g_assert_true (kopir_pilot_kzt_to_usd (&kzt, &rate, &usd));
  assert_dec_eq (usd, "97.60");
  kzt = dec ("51234");
  g_assert_true (kopir_pilot_kzt_to_usd (&kzt, &rate, &usd));
  assert_dec_eq (usd, "100");
  rate = dec ("0");
  g_assert_false (kopir_pilot_kzt_to_usd (&kzt, &rate, &usd));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pilot/month", test_month);
  g_test_add_func ("/pilot/limit", test_limit);
  g_test_add_func ("/pilot/conversion", test_conversion);

  return g_test_run ();
}
