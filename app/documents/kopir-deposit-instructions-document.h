/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-deposit-instructions-document.h: the printed deposit
 * instructions: what a customer types into their bank's app to send tenge
 * to their account at the exchange.
 *
 * The payment details (beneficiary, BIN, IBAN in groups of four, BIC and
 * bank, КБе 15, КНП 371 and its meaning, КОд 19, the purpose text with
 * the 7-digit customer id) are built and checked by core's
 * kopir-payment-details, in the document's language.
 */
#pragma once

#include <glib.h>

#include "kopir-bank-directory.h"
#include "kopir-document.h"
#include "kopir-pilot-limit.h"

G_BEGIN_DECLS

/**
 * KopirDepositInstructions:
 * @exchange_name: the beneficiary: the exchange's legal name
 * @exchange_bin: its 12-digit BIN
 * @exchange_iban: its tenge account (any spacing, any case)
 * @knp: (nullable): the payment purpose code, "371" (the default) or
 *   "590" where the customer's bank cannot use 371
 * @customer_id: the customer's 7-digit id at the exchange
 * @customer_name: their full name, as on the bank account
 * @customer_iin: their IIN; printed masked
 * @customer_resident: resident in Kazakhstan (КОд 19, else 29)
 * @limit: (nullable): the pilot limit this month, or %NULL to leave it out
 * @issued: (nullable): the date of issue, now if %NULL
 * @sandbox: the exchange is Kopir's sandbox: mark every page
 *
 * What the deposit instructions show.  Strings are copied.
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
  gboolean               customer_resident;
  const KopirPilotLimit *limit;
  GDateTime             *issued;
  gboolean               sandbox;
} KopirDepositInstructions;

KopirDocument *kopir_deposit_instructions_document_new (const char                     *language,
                                                        const KopirDepositInstructions *data,
                                                        KopirBankDirectory             *directory,
                                                        GError                        **error);

G_END_DECLS
