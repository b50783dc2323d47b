/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-customer.h: who the customer is, as a receipt names them */

#pragma once

#include "kopir-account-client.h"

G_BEGIN_DECLS

/**
 * KopirCustomer:
 * @customer_id: the exchange's 7-digit customer id
 * @full_name: (nullable): the name on the customer's linked bank account,
 *   which the exchange requires to be their own; %NULL before a bank
 *   account is linked
 */
typedef struct
{
  char *customer_id;
  char *full_name;
} KopirCustomer;

void           kopir_customer_free        (KopirCustomer       *customer);
void           kopir_customer_load_async  (KopirAccountClient  *client,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
KopirCustomer *kopir_customer_load_finish (GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirCustomer, kopir_customer_free)

G_END_DECLS
