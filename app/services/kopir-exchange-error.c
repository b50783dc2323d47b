/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-exchange-error.c: what went wrong talking to an exchange, in words
 * a customer understands
 *
 * The Binance dialect answers {"code": -2010, "msg": "..."}; its messages
 * are English and technical. Each code is mapped to a translated message
 * that says what to do, and the original code and text ride along in the
 * error's private data (an extended GError domain) for the diagnostics
 * view and support.
 */

#define G_LOG_DOMAIN "kopir-exchange-error"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kopir-backoff.h"
#include "kopir-exchange-error.h"
#include "kopir-symbol-filters.h"

typedef struct
{
  int    exchange_code;
  char  *exchange_message;
  guint  http_status;
  guint  retry_after;
} KopirExchangeErrorPrivate;

static void
kopir_exchange_error_private_init (KopirExchangeErrorPrivate *priv)
{
  priv->exchange_code = 0;
  priv->exchange_message = NULL;
  priv->http_status = 0;
  priv->retry_after = 0;
}

static void
kopir_exchange_error_private_copy (const KopirExchangeErrorPrivate *src,
                                   KopirExchangeErrorPrivate       *dest)
{
  dest->exchange_code = src->exchange_code;
  dest->exchange_message = g_strdup (src->exchange_message);
  dest->http_status = src->http_status;
  dest->retry_after = src->retry_after;
}

static void
kopir_exchange_error_private_clear (KopirExchangeErrorPrivate *priv)
{
  g_clear_pointer (&priv->exchange_message, g_free);
}

G_DEFINE_EXTENDED_ERROR (KopirExchangeError, kopir_exchange_error)

static char *
describe (KopirExchangeError  code,
          guint               retry_after,
          GDateTime          *now)
{
  g_autofree char *when = NULL;

  switch (code)
    {
    case KOPIR_EXCHANGE_ERROR_UNREACHABLE:
      return g_strdup (_("Kopir cannot reach the exchange. Check your internet connection "
                         "and try again."));
    case KOPIR_EXCHANGE_ERROR_TLS:
      return g_strdup (_("The exchange’s identity could not be verified, so Kopir did not "
                         "connect. Check the exchange address in Preferences, or ask your "
                         "administrator."));
    case KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME:
      return g_strdup (_("The exchange did not confirm the request. Kopir is checking with "
                         "the exchange and will not send it again."));
    case KOPIR_EXCHANGE_ERROR_BUSY:
      when = kopir_backoff_format_retry_time (now, MAX (retry_after, 60));
      /* Translators: %s is a local time such as 14:05. */
      return g_strdup_printf (_("The exchange is busy. Try again at %s."), when);
    case KOPIR_EXCHANGE_ERROR_RATE_LIMITED:
      when = kopir_backoff_format_retry_time (now, MAX (retry_after, 1));
      /* Translators: %s is a local time such as 14:05. */
      return g_strdup_printf (_("Too many requests to the exchange. Try again at %s."), when);
    case KOPIR_EXCHANGE_ERROR_CLOCK:
      return g_strdup (_("Your computer’s clock is too far off for the exchange. Turn on "
                         "automatic date and time in Settings, then try again."));
    case KOPIR_EXCHANGE_ERROR_BAD_KEY:
      return g_strdup (_("The exchange did not accept your API key. Check that the key and "
                         "secret are right and allowed to trade, or get new ones from the "
                         "exchange."));
    case KOPIR_EXCHANGE_ERROR_INSUFFICIENT_BALANCE:
      return g_strdup (_("Your balance on the exchange is too low for this. Add tenge to "
                         "your account or choose a smaller amount."));
    case KOPIR_EXCHANGE_ERROR_LIMIT_REACHED:
      return g_strdup (_("This purchase would pass the pilot’s monthly limit of USD 1,000. "
                         "Choose a smaller amount, or wait until next month."));
    case KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM:
      return g_strdup (_("The amount is below the smallest order this market accepts. "
                         "Choose a larger amount."));
    case KOPIR_EXCHANGE_ERROR_ABOVE_MAXIMUM:
      return g_strdup (_("The amount is above the largest order this market accepts. "
                         "Choose a smaller amount."));
    case KOPIR_EXCHANGE_ERROR_REJECTED:
      return g_strdup (_("The exchange refused the order. Nothing was bought; check the "
                         "amount and try again."));
    case KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER:
      return g_strdup (_("The exchange has no such order."));
    case KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL:
      return g_strdup (_("The exchange does not offer this market at the moment."));
    case KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE:
      return g_strdup (_("The exchange sent an answer Kopir cannot read. Try again later."));
    case KOPIR_EXCHANGE_ERROR_NOT_CONFIGURED:
      return g_strdup (_("No exchange is set up yet. Choose one in Preferences."));
    case KOPIR_EXCHANGE_ERROR_FAILED:
    default:
      return g_strdup (_("Something went wrong at the exchange. Try again; if it keeps "
                         "happening, run “Test connection” in Preferences."));
    }
}

/**
 * kopir_exchange_error_new:
 * @code: the error
 * @exchange_code: the exchange's own code, or 0
 * @exchange_message: (nullable): the exchange's own text, kept for
 *   diagnostics, never shown as the message
 * @http_status: the HTTP status, or 0
 * @retry_after: seconds the exchange asked to wait, or 0
 * @now: (nullable): the current time, for "try again at HH:MM"
 *
 * Returns: (transfer full): a new error in %KOPIR_EXCHANGE_ERROR
 */
GError *
kopir_exchange_error_new (KopirExchangeError  code,
                          int                 exchange_code,
                          const char         *exchange_message,
                          guint               http_status,
                          guint               retry_after,
                          GDateTime          *now)
{
  g_autoptr(GDateTime) owned_now = NULL;
  g_autofree char *message = NULL;
  KopirExchangeErrorPrivate *priv;
  GError *error;

  if (now == NULL)
    now = owned_now = g_date_time_new_now_utc ();

  message = describe (code, retry_after, now);
  error = g_error_new_literal (KOPIR_EXCHANGE_ERROR, code, message);

  priv = kopir_exchange_error_get_private (error);
  priv->exchange_code = exchange_code;
  priv->exchange_message = g_strdup (exchange_message);
  priv->http_status = http_status;
  priv->retry_after = retry_after;

  return error;
}

static gboolean
message_has (const char *message,
             const char *needle)
{
  g_autofree char *folded = NULL;

  if (message == NULL)
    return FALSE;

  folded = g_ascii_strdown (message, -1);

  return strstr (folded, needle) != NULL;
}

/**
 * kopir_exchange_error_from_response:
 * @http_status: the answer's HTTP status
 * @exchange_code: the `code` of a Binance-style error body, or 0
 * @exchange_message: (nullable): its `msg`
 * @retry_after: the Retry-After header in seconds, or 0
 * @may_have_executed: whether the request could have taken effect before
 *   the error (an order sent, not a read)
 * @now: (nullable): the current time
 *
 * Maps an error answer to a %KOPIR_EXCHANGE_ERROR. A 5xx answer to a
 * request that may have taken effect is %KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME:
 * the exchange may have executed it before failing.
 *
 * Returns: (transfer full): the error
 */
GError *
kopir_exchange_error_from_response (guint       http_status,
                                    int         exchange_code,
                                    const char *exchange_message,
                                    guint       retry_after,
                                    gboolean    may_have_executed,
                                    GDateTime  *now)
{
  KopirExchangeError code = KOPIR_EXCHANGE_ERROR_FAILED;

  if (http_status >= 500)
    {
      code = may_have_executed ? KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME : KOPIR_EXCHANGE_ERROR_BUSY;
    }
  else if (http_status == 429 || http_status == 418 || exchange_code == -1003 ||
           exchange_code == -1015)
    {
      code = KOPIR_EXCHANGE_ERROR_RATE_LIMITED;
    }
  else
    {
      switch (exchange_code)
        {
        case -1021:
          code = KOPIR_EXCHANGE_ERROR_CLOCK;
          break;
        case -1022:
        case -2014:
        case -2015:
          code = KOPIR_EXCHANGE_ERROR_BAD_KEY;
          break;
        case -1121:
          code = KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL;
          break;
        case -2011:
        case -2013:
          code = KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER;
          break;
        case -1013:
          if (message_has (exchange_message, "max"))
            code = KOPIR_EXCHANGE_ERROR_ABOVE_MAXIMUM;
          else
            code = KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM;
          break;
        case -2010:
          if (message_has (exchange_message, "insufficient"))
            code = KOPIR_EXCHANGE_ERROR_INSUFFICIENT_BALANCE;
          else if (message_has (exchange_message, "limit"))
            code = KOPIR_EXCHANGE_ERROR_LIMIT_REACHED;
          /* "Market is closed.": the market takes no orders for now. */
          else if (message_has (exchange_message, "market is closed"))
            code = KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL;
          else
            code = KOPIR_EXCHANGE_ERROR_REJECTED;
          break;
        default:
          if (http_status == 401 || http_status == 403)
            code = KOPIR_EXCHANGE_ERROR_BAD_KEY;
          else if (http_status == 404 && exchange_code == 0)
            code = KOPIR_EXCHANGE_ERROR_NOT_CONFIGURED;
          break;
        }
    }

  return kopir_exchange_error_new (code, exchange_code, exchange_message,
                                   http_status, retry_after, now);
}

/**
 * kopir_exchange_error_new_from_filter:
 * @filter_error: (transfer full): a %KOPIR_FILTER_ERROR from a check
 *   before sending
 *
 * Keeps core's message, which names the limit as money ("below the
 * minimum of 5 000 ₸"), under the matching exchange error code.
 *
 * Returns: (transfer full): a %KOPIR_EXCHANGE_ERROR
 */
GError *
kopir_exchange_error_new_from_filter (GError *filter_error)
{
  g_autoptr(GError) owned = filter_error;
  KopirExchangeError code;
  GError *error;

  switch ((KopirFilterError) filter_error->code)
    {
    case KOPIR_FILTER_ERROR_PRICE_TOO_HIGH:
    case KOPIR_FILTER_ERROR_QUANTITY_TOO_HIGH:
    case KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_HIGH:
    case KOPIR_FILTER_ERROR_NOTIONAL_TOO_HIGH:
      code = KOPIR_EXCHANGE_ERROR_ABOVE_MAXIMUM;
      break;
    case KOPIR_FILTER_ERROR_PRICE_TOO_LOW:
    case KOPIR_FILTER_ERROR_PRICE_TICK:
    case KOPIR_FILTER_ERROR_QUANTITY_TOO_LOW:
    case KOPIR_FILTER_ERROR_QUANTITY_STEP:
    case KOPIR_FILTER_ERROR_MARKET_QUANTITY_TOO_LOW:
    case KOPIR_FILTER_ERROR_MARKET_QUANTITY_STEP:
    case KOPIR_FILTER_ERROR_NOTIONAL_TOO_LOW:
    default:
      code = KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM;
      break;
    }

  error = kopir_exchange_error_new (code, -1013,
                                    kopir_filter_error_get_filter_name (filter_error->code),
                                    0, 0, NULL);
  g_free (error->message);
  error->message = g_strdup (filter_error->message);

  return error;
}

static const KopirExchangeErrorPrivate *
get_private_or_null (const GError *error)
{
  if (error == NULL || error->domain != KOPIR_EXCHANGE_ERROR)
    return NULL;

  return kopir_exchange_error_get_private (error);
}

int
kopir_exchange_error_get_exchange_code (const GError *error)
{
  const KopirExchangeErrorPrivate *priv = get_private_or_null (error);

  return priv != NULL ? priv->exchange_code : 0;
}

const char *
kopir_exchange_error_get_exchange_message (const GError *error)
{
  const KopirExchangeErrorPrivate *priv = get_private_or_null (error);

  return priv != NULL ? priv->exchange_message : NULL;
}

guint
kopir_exchange_error_get_http_status (const GError *error)
{
  const KopirExchangeErrorPrivate *priv = get_private_or_null (error);

  return priv != NULL ? priv->http_status : 0;
}

guint
kopir_exchange_error_get_retry_after (const GError *error)
{
  const KopirExchangeErrorPrivate *priv = get_private_or_null (error);

  return priv != NULL ? priv->retry_after : 0;
}

/**
 * kopir_exchange_error_is_unknown_outcome:
 * @error: (nullable): an error
 *
 * Returns: %TRUE if @error leaves open whether the request took effect
 */
gboolean
kopir_exchange_error_is_unknown_outcome (const GError *error)
{
  return g_error_matches (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_UNKNOWN_OUTCOME);
}
