/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The printed deposit instructions. The documents library lays them out;
 * this only hands it the bank page's data. Its structure shares its name
 * with the account client's answer, so the two headers never meet in one
 * file, and this is the file for the documents' side.
 */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include "kopir-deposit-document.h"
#include "kopir-deposit-instructions-document.h"

/**
 * kopir_deposit_document_new:
 * @language: "en", "kk" or "ru"
 * @data: what to print
 * @directory: the bank directory
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the document
 */
KopirDocument *
kopir_deposit_document_new (const char                     *language,
                            const KopirDepositDocumentData *data,
                            KopirBankDirectory             *directory,
                            GError                        **error)
{
  KopirDepositInstructions instructions = { NULL, };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (directory), NULL);

  instructions.exchange_name = data->exchange_name;
  instructions.exchange_bin = data->exchange_bin;
  instructions.exchange_iban = data->exchange_iban;
  instructions.knp = data->knp;
  instructions.customer_id = data->customer_id;
  instructions.customer_name = data->customer_name;
  instructions.customer_iin = data->customer_iin;
  instructions.customer_resident = data->resident;
  instructions.limit = data->limit;
  instructions.issued = NULL;
  instructions.sandbox = data->sandbox;

  return kopir_deposit_instructions_document_new (language, &instructions, directory, error);
}
