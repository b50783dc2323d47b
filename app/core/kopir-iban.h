/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-iban.h: IBANs, and Kazakhstan's in particular.
 *
 * A Kazakh IBAN has 20 characters: "KZ", two check digits, the 3-digit code
 * of the bank (see kopir-bank-directory.h) and 13 letters or digits of the
 * account.  The check digits follow ISO 7064 MOD 97-10.  People may type
 * spaces, hyphens and lower case; they are normalised away.  On paper an
 * IBAN is printed in groups of four: "KZ86 125K ZT50 0410 0100".
 */
#pragma once

#include <glib.h>

#include "kopir-bank-directory.h"

G_BEGIN_DECLS

#define KOPIR_IBAN_KZ_LENGTH 20
#define KOPIR_IBAN_MAX_LENGTH 34

/**
 * KopirIbanInfo:
 * @iban: the normalised IBAN, upper case without spaces
 * @bank_code: the 3-digit bank code
 * @bank: (nullable): the bank, when a directory was given; owned by it
 */
typedef struct
{
  char             iban[KOPIR_IBAN_MAX_LENGTH + 1];
  char             bank_code[4];
  const KopirBank *bank;
} KopirIbanInfo;

/**
 * KopirIbanError:
 * @KOPIR_IBAN_ERROR_EMPTY: nothing entered
 * @KOPIR_IBAN_ERROR_INVALID_CHARACTERS: something other than Latin letters
 *   and digits (and spaces)
 * @KOPIR_IBAN_ERROR_NOT_KAZAKH: not a Kazakh IBAN (does not start with KZ)
 * @KOPIR_IBAN_ERROR_TOO_SHORT: fewer than 20 characters
 * @KOPIR_IBAN_ERROR_TOO_LONG: more than 20 characters
 * @KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS: MOD 97 fails: a mistyped character
 * @KOPIR_IBAN_ERROR_UNKNOWN_BANK: the bank code is not in the directory
 */
typedef enum
{
  KOPIR_IBAN_ERROR_EMPTY,
  KOPIR_IBAN_ERROR_INVALID_CHARACTERS,
  KOPIR_IBAN_ERROR_NOT_KAZAKH,
  KOPIR_IBAN_ERROR_TOO_SHORT,
  KOPIR_IBAN_ERROR_TOO_LONG,
  KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS,
  KOPIR_IBAN_ERROR_UNKNOWN_BANK,
} KopirIbanError;

#define KOPIR_IBAN_ERROR (kopir_iban_error_quark ())

GQuark    kopir_iban_error_quark          (void);

char     *kopir_iban_normalize            (const char          *text);
gboolean  kopir_iban_validate             (const char          *text,
                                           KopirBankDirectory  *directory,
                                           KopirIbanInfo       *info,
                                           GError             **error);
gboolean  kopir_iban_check_mod97          (const char          *iban);
gboolean  kopir_iban_compute_check_digits (const char          *country,
                                           const char          *bban,
                                           char                 check[3]);
char     *kopir_iban_format               (const char          *text);
char     *kopir_iban_mask                 (const char          *text);

G_END_DECLS
