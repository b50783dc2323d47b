/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-money-format.h: amounts written for people and read back from them.
 *
 * The language is always passed in ("en", "kk", "ru", or a locale name such
 * as "kk_KZ.UTF-8"), never read from the process locale, so a receipt can be
 * printed in the customer's language whatever the screen shows.  The
 * conventions are glibc's for kk_KZ, ru_RU and en_US:
 *
 * - kk, ru: "1 234 567,50 ₸": digits grouped by U+202F NARROW NO-BREAK
 *   SPACE, a decimal comma, the sign after the number behind U+00A0.
 * - en: "₸1,234,567.50": comma groups, decimal point, the sign before the
 *   number with no space (as en_US writes "$1,234.50", and CLDR's English
 *   narrow symbol for tenge).
 * - Crypto-assets have no sign: "0.00100000 BTC", "0,00100000 BTC", the code
 *   after the number behind U+00A0 in every language.
 *
 * Reading is forgiving but never guesses: a plain space, U+00A0, U+202F or
 * U+2009 groups digits; a comma or a point marks decimals; the currency's
 * sign or code may stand before or after.  Input whose meaning is not clear
 * is refused with a reason.
 */
#pragma once

#include <glib.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

/**
 * KopirMoneyFormatFlags:
 * @KOPIR_MONEY_FORMAT_DEFAULT: the currency's scale, grouped, with its sign
 * @KOPIR_MONEY_FORMAT_NO_SYMBOL: the number only, e.g. for an entry
 * @KOPIR_MONEY_FORMAT_TRIM_ZEROS: drop trailing zero decimals ("0.0012 BTC")
 * @KOPIR_MONEY_FORMAT_KEEP_SCALE: write the amount's own scale when it has
 *   more decimals than the currency (prices, rates), instead of rounding
 * @KOPIR_MONEY_FORMAT_NO_GROUPING: no digit groups, e.g. for an entry
 */
typedef enum
{
  KOPIR_MONEY_FORMAT_DEFAULT     = 0,
  KOPIR_MONEY_FORMAT_NO_SYMBOL   = 1 << 0,
  KOPIR_MONEY_FORMAT_TRIM_ZEROS  = 1 << 1,
  KOPIR_MONEY_FORMAT_KEEP_SCALE  = 1 << 2,
  KOPIR_MONEY_FORMAT_NO_GROUPING = 1 << 3,
} KopirMoneyFormatFlags;

/**
 * KopirMoneyError:
 * @KOPIR_MONEY_ERROR_EMPTY: nothing was entered
 * @KOPIR_MONEY_ERROR_INVALID: characters that are not part of an amount
 * @KOPIR_MONEY_ERROR_NEGATIVE: a minus sign
 * @KOPIR_MONEY_ERROR_GROUPING: digit groups that are not groups of three
 * @KOPIR_MONEY_ERROR_AMBIGUOUS: decimal marks that can be read two ways
 * @KOPIR_MONEY_ERROR_TOO_PRECISE: more decimals than the currency has
 * @KOPIR_MONEY_ERROR_TOO_LARGE: a number too large to hold
 * @KOPIR_MONEY_ERROR_WRONG_CURRENCY: the sign or code of another currency
 *
 * Errors of kopir_money_parse(); every message is translated and says what
 * to write instead.
 */
typedef enum
{
  KOPIR_MONEY_ERROR_EMPTY,
  KOPIR_MONEY_ERROR_INVALID,
  KOPIR_MONEY_ERROR_NEGATIVE,
  KOPIR_MONEY_ERROR_GROUPING,
  KOPIR_MONEY_ERROR_AMBIGUOUS,
  KOPIR_MONEY_ERROR_TOO_PRECISE,
  KOPIR_MONEY_ERROR_TOO_LARGE,
  KOPIR_MONEY_ERROR_WRONG_CURRENCY,
} KopirMoneyError;

#define KOPIR_MONEY_ERROR (kopir_money_error_quark ())

GQuark      kopir_money_error_quark           (void);

const char *kopir_money_language_from_locale  (const char            *locale);
const char *kopir_money_ui_language           (void);

char       *kopir_money_format                (const KopirDecimal    *amount,
                                               const char            *currency,
                                               const char            *language,
                                               KopirMoneyFormatFlags  flags);
gboolean    kopir_money_parse                 (const char            *text,
                                               const char            *currency,
                                               const char            *language,
                                               KopirDecimal          *out,
                                               GError               **error);

G_END_DECLS
