/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-bank-directory.h: Kazakhstan's banks by IBAN bank code.
 *
 * The directory is dated data shipped as data/kz-banks.tsv: a first line
 * "# kopir-bank-directory<TAB>version=V<TAB>date=YYYY-MM-DD", comment lines
 * starting with '#', a line naming the columns (code, bic, name_en, name_kk,
 * name_ru, in any order) and one bank per line.  It loads from a file or
 * from bytes, so the application can take it from its GResource, from
 * PKGDATADIR or from a newer file a bank's IT installs.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KopirBank:
 * @code: the 3-digit bank code of its IBANs
 * @bic: its BIC (the same as the domestic BIK)
 * @name_en: its name in English
 * @name_kk: its registered name in Kazakh
 * @name_ru: its registered name in Russian
 *
 * One bank; owned by the directory.
 */
typedef struct
{
  char *code;
  char *bic;
  char *name_en;
  char *name_kk;
  char *name_ru;
} KopirBank;

/**
 * KopirBankDirectoryError:
 * @KOPIR_BANK_DIRECTORY_ERROR_INVALID: the data is not a bank directory or
 *   has a malformed line
 */
typedef enum
{
  KOPIR_BANK_DIRECTORY_ERROR_INVALID,
} KopirBankDirectoryError;

#define KOPIR_BANK_DIRECTORY_ERROR (kopir_bank_directory_error_quark ())

#define KOPIR_TYPE_BANK_DIRECTORY (kopir_bank_directory_get_type ())

G_DECLARE_FINAL_TYPE (KopirBankDirectory, kopir_bank_directory, KOPIR, BANK_DIRECTORY, GObject)

GQuark              kopir_bank_directory_error_quark (void);

KopirBankDirectory *kopir_bank_directory_new_from_bytes (GBytes              *bytes,
                                                         GError             **error);
KopirBankDirectory *kopir_bank_directory_new_from_file  (const char          *path,
                                                         GError             **error);
KopirBankDirectory *kopir_bank_directory_new_default    (GError             **error);
const char         *kopir_bank_directory_get_version    (KopirBankDirectory  *self);
const char         *kopir_bank_directory_get_date       (KopirBankDirectory  *self);
guint               kopir_bank_directory_get_n_banks    (KopirBankDirectory  *self);
const KopirBank    *kopir_bank_directory_get_bank       (KopirBankDirectory  *self,
                                                         guint                position);
const KopirBank    *kopir_bank_directory_lookup         (KopirBankDirectory  *self,
                                                         const char          *code);
const KopirBank    *kopir_bank_directory_lookup_bic     (KopirBankDirectory  *self,
                                                         const char          *bic);

const char         *kopir_bank_get_name                 (const KopirBank     *bank,
                                                         const char          *language);

G_END_DECLS
