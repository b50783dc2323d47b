/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-deposit-state.h: where an incoming tenge transfer stands, and why
 * the exchange returned one, in words for the customer */

#pragma once

#include "kopir-deposit.h"

G_BEGIN_DECLS

/**
 * KopirDepositState:
 * @KOPIR_DEPOSIT_STATE_RECEIVED: the exchange has the transfer and is
 *   checking it
 * @KOPIR_DEPOSIT_STATE_CREDITED: the tenge is on the customer's balance
 * @KOPIR_DEPOSIT_STATE_RETURNED: the exchange sent it back to the sender
 */
typedef enum
{
  KOPIR_DEPOSIT_STATE_RECEIVED,
  KOPIR_DEPOSIT_STATE_CREDITED,
  KOPIR_DEPOSIT_STATE_RETURNED,
} KopirDepositState;

KopirDepositState  kopir_deposit_get_state              (KopirDeposit      *deposit);
const char        *kopir_deposit_state_to_label         (KopirDepositState  state);
const char        *kopir_deposit_describe_return_reason (const char        *reason);

G_END_DECLS
