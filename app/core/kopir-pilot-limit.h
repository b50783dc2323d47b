/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-pilot-limit.h: the crypto pilot's monthly purchase limit.
 *
 * A retail customer resident in Kazakhstan may buy crypto-assets for at
 * most USD 1,000 per calendar month across the AIFC exchanges, unless they
 * passed the exchange's knowledge test.  Only purchases count: sales,
 * deposits and withdrawals do not.  The month is the calendar month in
 * Kazakhstan (Asia/Almaty, UTC+5 since 1 March 2024).  Tenge amounts are
 * turned into dollars at the USDT/KZT rate, rounded up so a purchase is
 * never undercounted; the remaining limit in tenge is rounded down so it
 * is never overstated.  The exchange enforces the limit too; this is what
 * the customer is shown before every purchase.
 */
#pragma once

#include <glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

/* USD 1,000.00 */
#define KOPIR_PILOT_MONTHLY_LIMIT_USD_CENTS G_GINT64_CONSTANT (100000)

/**
 * KopirPilotCustomer:
 * @resident: resident in Kazakhstan
 * @professional: a professional (not a retail) client
 * @knowledge_test_passed: passed the exchange's knowledge test
 */
typedef struct
{
  gboolean resident;
  gboolean professional;
  gboolean knowledge_test_passed;
} KopirPilotCustomer;

typedef enum
{
  KOPIR_PILOT_ACTIVITY_PURCHASE,
  KOPIR_PILOT_ACTIVITY_SALE,
  KOPIR_PILOT_ACTIVITY_DEPOSIT,
  KOPIR_PILOT_ACTIVITY_WITHDRAWAL,
} KopirPilotActivityKind;

/**
 * KopirPilotActivity:
 * @kind: what happened
 * @time_us: when, in microseconds since the Unix epoch (UTC)
 * @amount_usd: its worth in US dollars
 */
typedef struct
{
  KopirPilotActivityKind kind;
  gint64                 time_us;
  KopirDecimal           amount_usd;
} KopirPilotActivity;

/**
 * KopirPilotLimit:
 * @limited: whether the limit applies to this customer at all
 * @limit_usd: the monthly limit
 * @spent_usd: purchases this month
 * @remaining_usd: what is left, never negative
 * @remaining_kzt: what is left in tenge at the given rate, rounded down;
 *   zero if no rate was given
 * @period_start_us: start of the month in Kazakhstan, Unix microseconds
 * @period_end_us: start of the next month, when the limit renews
 */
typedef struct
{
  gboolean     limited;
  KopirDecimal limit_usd;
  KopirDecimal spent_usd;
  KopirDecimal remaining_usd;
  KopirDecimal remaining_kzt;
  gint64       period_start_us;
  gint64       period_end_us;
} KopirPilotLimit;

/**
 * KopirPilotError:
 * @KOPIR_PILOT_ERROR_LIMIT_EXCEEDED: the purchase is over what is left
 * @KOPIR_PILOT_ERROR_INVALID_RATE: the exchange rate is not positive
 * @KOPIR_PILOT_ERROR_OVERFLOW: the amounts do not fit
 */
typedef enum
{
  KOPIR_PILOT_ERROR_LIMIT_EXCEEDED,
  KOPIR_PILOT_ERROR_INVALID_RATE,
  KOPIR_PILOT_ERROR_OVERFLOW,
} KopirPilotError;

#define KOPIR_PILOT_ERROR (kopir_pilot_error_quark ())

GQuark     kopir_pilot_error_quark       (void);

GTimeZone *kopir_pilot_get_timezone      (void);
void       kopir_pilot_month_bounds      (gint64                    now_us,
                                          gint64                   *start_us,
                                          gint64                   *end_us);
gboolean   kopir_pilot_customer_is_limited (const KopirPilotCustomer *customer);
gboolean   kopir_pilot_kzt_to_usd        (const KopirDecimal       *kzt,
                                          const KopirDecimal       *usdt_kzt_rate,
                                          KopirDecimal             *usd);
gboolean   kopir_pilot_limit_compute     (const KopirPilotCustomer *customer,
                                          const KopirPilotActivity *activities,
                                          guint                     n_activities,
                                          gint64                    now_us,
                                          const KopirDecimal       *usdt_kzt_rate,
                                          KopirPilotLimit          *out,
                                          GError                  **error);
gboolean   kopir_pilot_limit_check_purchase (const KopirPilotLimit *limit,
                                          const KopirDecimal       *amount_usd,
                                          GError                  **error);

G_END_DECLS
