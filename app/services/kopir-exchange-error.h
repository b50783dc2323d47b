/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-exchange-error.h: what went wrong talking to an exchange, in words
 * a customer understands */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KopirExchangeError:
 * @KOPIR_EXCHANGE_ERROR_UNREACHABLE: the exchange could not be reached;
 *   nothing was sent
 * @KOPIR_EXCHANGE_ERROR_TLS: the exchange's certificate is not trusted
 * @KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME: the request went out but no usable
 *   answer came back (timeout, dropped connection, 5xx, unreadable answer);
 *   whether it took effect is unknown and must be asked, never resent
 * @KOPIR_EXCHANGE_ERROR_BUSY: the exchange is overloaded or down for now
 * @KOPIR_EXCHANGE_ERROR_RATE_LIMITED: too many requests; wait until the
 *   time the message names
 * @KOPIR_EXCHANGE_ERROR_CLOCK: the computer's clock is too far off
 * @KOPIR_EXCHANGE_ERROR_BAD_KEY: the API key, its secret or its
 *   permissions were refused
 * @KOPIR_EXCHANGE_ERROR_INSUFFICIENT_BALANCE: not enough money on the
 *   exchange account
 * @KOPIR_EXCHANGE_ERROR_LIMIT_REACHED: the pilot's monthly purchase limit
 *   would be passed
 * @KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM: the amount is below the market's
 *   minimum
 * @KOPIR_EXCHANGE_ERROR_ABOVE_MAXIMUM: the amount is above the market's
 *   maximum
 * @KOPIR_EXCHANGE_ERROR_REJECTED: the exchange refused the order for
 *   another reason
 * @KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER: the exchange has no such order
 * @KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL: the market does not exist
 * @KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE: a read-only request got answers
 *   that could not be read, even after trying again
 * @KOPIR_EXCHANGE_ERROR_NOT_CONFIGURED: no exchange address or no API key
 * @KOPIR_EXCHANGE_ERROR_FAILED: anything else
 *
 * Errors of #KopirExchangeClient and of the requests it shares with
 * #KopirAccountClient. The exchange's own code and message stay with the
 * error for diagnostics: kopir_exchange_error_get_exchange_code().
 */
typedef enum
{
  KOPIR_EXCHANGE_ERROR_UNREACHABLE,
  KOPIR_EXCHANGE_ERROR_TLS,
  KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME,
  KOPIR_EXCHANGE_ERROR_BUSY,
  KOPIR_EXCHANGE_ERROR_RATE_LIMITED,
  KOPIR_EXCHANGE_ERROR_CLOCK,
  KOPIR_EXCHANGE_ERROR_BAD_KEY,
  KOPIR_EXCHANGE_ERROR_INSUFFICIENT_BALANCE,
  KOPIR_EXCHANGE_ERROR_LIMIT_REACHED,
  KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM,
  KOPIR_EXCHANGE_ERROR_ABOVE_MAXIMUM,
  KOPIR_EXCHANGE_ERROR_REJECTED,
  KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER,
  KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL,
  KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
  KOPIR_EXCHANGE_ERROR_NOT_CONFIGURED,
  KOPIR_EXCHANGE_ERROR_FAILED,
} KopirExchangeError;

#define KOPIR_EXCHANGE_ERROR (kopir_exchange_error_quark ())

GQuark      kopir_exchange_error_quark                (void);

GError     *kopir_exchange_error_new                  (KopirExchangeError  code,
                                                       int                 exchange_code,
                                                       const char         *exchange_message,
                                                       guint               http_status,
                                                       guint               retry_after,
                                                       GDateTime          *now);
GError     *kopir_exchange_error_from_response        (guint               http_status,
                                                       int                 exchange_code,
                                                       const char         *exchange_message,
                                                       guint               retry_after,
                                                       gboolean            may_have_executed,
                                                       GDateTime          *now);
GError     *kopir_exchange_error_new_from_filter      (GError             *filter_error);
int         kopir_exchange_error_get_exchange_code    (const GError       *error);
const char *kopir_exchange_error_get_exchange_message (const GError       *error);
guint       kopir_exchange_error_get_http_status      (const GError       *error);
guint       kopir_exchange_error_get_retry_after      (const GError       *error);
gboolean    kopir_exchange_error_is_unknown_outcome   (const GError       *error);

G_END_DECLS
