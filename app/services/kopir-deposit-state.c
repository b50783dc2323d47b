/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-deposit-state.c: where an incoming tenge transfer stands, and why
 * the exchange returned one, in words for the customer
 *
 * The contract names a returned transfer's reason with a code
 * (data/kopir-api.yaml, Deposit.return_reason). A code says nothing to a
 * customer, so each has a sentence here that says what happened and what
 * to do about it.
 */

#define G_LOG_DOMAIN "kopir-deposit-state"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-deposit-state.h"

static const struct
{
  const char *reason;
  const char *text;
} return_reasons[] = {
  { "unknown_customer",
    N_("The payment purpose did not carry your customer ID, so the exchange could not tell whose "
       "money it was. Send it again with the purpose text from “Add Tenge”.") },
  { "wrong_knp",
    N_("The payment purpose code (KNP) was wrong. Send it again with KNP 371, or 590 if your bank "
       "does not offer 371.") },
  { "wrong_kbe",
    N_("The beneficiary code (KBe) was wrong. Send it again with KBe 15.") },
  { "sender_not_linked",
    N_("It came from a bank account that is not linked to your exchange account. Pay from a linked "
       "account, or link this one first if it is yours.") },
  { "holder_mismatch",
    N_("The account it came from is not in your name. The exchange accepts tenge only from your "
       "own account.") },
  { "invalid_sender_iban",
    N_("The number of the account it came from is not a valid Kazakh IBAN.") },
  { "account_limit",
    N_("Your exchange account cannot hold that much tenge. Withdraw or buy first, then send it "
       "again.") },
};

/**
 * kopir_deposit_get_state:
 * @deposit: a #KopirDeposit
 *
 * Returns: whether @deposit is credited, returned or still being checked
 */
KopirDepositState
kopir_deposit_get_state (KopirDeposit *deposit)
{
  g_return_val_if_fail (KOPIR_IS_DEPOSIT (deposit), KOPIR_DEPOSIT_STATE_RECEIVED);

  if (kopir_deposit_get_credited (deposit))
    return KOPIR_DEPOSIT_STATE_CREDITED;
  if (kopir_deposit_get_return_reason (deposit) != NULL)
    return KOPIR_DEPOSIT_STATE_RETURNED;

  return KOPIR_DEPOSIT_STATE_RECEIVED;
}

/**
 * kopir_deposit_state_to_label:
 * @state: a #KopirDepositState
 *
 * Returns: the state in a word or two, translated
 */
const char *
kopir_deposit_state_to_label (KopirDepositState state)
{
  switch (state)
    {
    case KOPIR_DEPOSIT_STATE_CREDITED:
      /* Translators: the state of an incoming transfer: on the balance. */
      return C_("deposit", "Credited");
    case KOPIR_DEPOSIT_STATE_RETURNED:
      /* Translators: the state of an incoming transfer: sent back. */
      return C_("deposit", "Returned");
    case KOPIR_DEPOSIT_STATE_RECEIVED:
    default:
      /* Translators: the state of an incoming transfer: arrived, being
       * checked. */
      return C_("deposit", "Received, being checked");
    }
}

/**
 * kopir_deposit_describe_return_reason:
 * @reason: (nullable): the contract's return reason
 *
 * Returns: why the exchange returned a transfer and what to do, translated
 */
const char *
kopir_deposit_describe_return_reason (const char *reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (return_reasons); i++)
    if (g_strcmp0 (return_reasons[i].reason, reason) == 0)
      return _(return_reasons[i].text);

  return _("The exchange sent it back to the account it came from.");
}
