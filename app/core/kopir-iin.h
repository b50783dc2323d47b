/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-iin.h: Kazakhstan's individual identification number (ЖСН / ИИН).
 *
 * Twelve digits: the date of birth as YYMMDD, a digit for century and sex
 * (1/2 born in the 1800s, 3/4 in the 1900s, 5/6 in the 2000s; odd for men,
 * even for women), four serial digits and a check digit.  The check digit is
 * the weighted sum of the first eleven digits modulo 11 with weights 1..11;
 * if that gives 10, again with weights 3..11, 1, 2; a second 10 means the
 * number is never issued.
 *
 * A business identification number (BIN) has the same length and check
 * digit, but its fifth digit, 4, 5 or 6, says what kind of organisation it
 * names; no day of the month starts with those digits, so an IIN never has
 * them there.  Kopir opens accounts for people only, so a BIN is refused
 * with a message that says what it is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KOPIR_IIN_LENGTH 12

typedef enum
{
  KOPIR_SEX_MALE = 1,
  KOPIR_SEX_FEMALE = 2,
} KopirSex;

/**
 * KopirIinInfo:
 * @iin: the twelve digits, nul-terminated
 * @birth_date: the date of birth the number carries
 * @sex: the sex the number carries
 */
typedef struct
{
  char     iin[KOPIR_IIN_LENGTH + 1];
  GDate    birth_date;
  KopirSex sex;
} KopirIinInfo;

/**
 * KopirIinError:
 * @KOPIR_IIN_ERROR_EMPTY: nothing entered
 * @KOPIR_IIN_ERROR_TOO_SHORT: fewer than 12 digits
 * @KOPIR_IIN_ERROR_TOO_LONG: more than 12 digits
 * @KOPIR_IIN_ERROR_INVALID_CHARACTERS: something other than digits
 * @KOPIR_IIN_ERROR_BIN: a business identification number, not a person's
 * @KOPIR_IIN_ERROR_INVALID_CENTURY: the seventh digit is not 1 to 6
 * @KOPIR_IIN_ERROR_INVALID_DATE: the first six digits are not a date of
 *   birth, or it lies in the future
 * @KOPIR_IIN_ERROR_WRONG_CHECK_DIGIT: the last digit does not match
 * @KOPIR_IIN_ERROR_NEVER_ISSUED: no check digit exists for these digits
 * @KOPIR_IIN_ERROR_BIRTH_DATE_MISMATCH: the number disagrees with the date
 *   of birth the person entered
 */
typedef enum
{
  KOPIR_IIN_ERROR_EMPTY,
  KOPIR_IIN_ERROR_TOO_SHORT,
  KOPIR_IIN_ERROR_TOO_LONG,
  KOPIR_IIN_ERROR_INVALID_CHARACTERS,
  KOPIR_IIN_ERROR_BIN,
  KOPIR_IIN_ERROR_INVALID_CENTURY,
  KOPIR_IIN_ERROR_INVALID_DATE,
  KOPIR_IIN_ERROR_WRONG_CHECK_DIGIT,
  KOPIR_IIN_ERROR_NEVER_ISSUED,
  KOPIR_IIN_ERROR_BIRTH_DATE_MISMATCH,
} KopirIinError;

#define KOPIR_IIN_ERROR (kopir_iin_error_quark ())

GQuark    kopir_iin_error_quark        (void);

gboolean  kopir_iin_validate           (const char   *text,
                                        KopirIinInfo *info,
                                        GError      **error);
gboolean  kopir_iin_check_birth_date   (const char   *text,
                                        const GDate  *birth_date,
                                        GError      **error);
int       kopir_iin_compute_check_digit (const char  *digits);
gboolean  kopir_iin_is_bin             (const char   *text);
char     *kopir_iin_mask               (const char   *text);

G_END_DECLS
