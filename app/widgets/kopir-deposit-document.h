/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-deposit-document.h: the printed deposit instructions, from what
 * the bank page knows */

#pragma once

#include "kopir-bank-directory.h"
#include "kopir-document.h"
#include "kopir-pilot-limit.h"

G_BEGIN_DECLS

/**
 * KopirDepositDocumentData:
 * @exchange_name: the beneficiary
 * @exchange_bin: its BIN
 * @exchange_iban: its IBAN
 * @knp: (nullable): the purpose code, 371 by default
 * @customer_id: the 7-digit customer id
 * @customer_name: the verified account holder
 * @customer_iin: their IIN, printed masked
 * @resident: resident in Kazakhstan
 * @limit: (nullable): the pilot limit this month
 * @sandbox: the practice exchange: every page says so
 *
 * The deposit instructions' data. (The documents library calls its own
 * structure KopirDepositInstructions, like the account client's answer;
 * this file is the one place that includes its header.)
 */
typedef struct
{
  const char            *exchange_name;
  const char            *exchange_bin;
  const char            *exchange_iban;
  const char            *knp;
  const char            *customer_id;
  const char            *customer_name;
  const char            *customer_iin;
  gboolean               resident;
  const KopirPilotLimit *limit;
  gboolean               sandbox;
} KopirDepositDocumentData;

KopirDocument *kopir_deposit_document_new (const char                     *language,
                                           const KopirDepositDocumentData *data,
                                           KopirBankDirectory             *directory,
                                           GError                        **error);

G_END_DECLS
