/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-customer.c: who the customer is, as a receipt names them
 *
 * Kopir keeps no personal data of its own once an account is open: the
 * customer id comes from the exchange's deposit instructions, and the
 * name from the customer's linked bank account, whose holder the
 * exchange checked to be the customer.
 */

#define G_LOG_DOMAIN "kopir-customer"

#include "config.h"

#include "kopir-bank-link.h"
#include "kopir-customer.h"

void
kopir_customer_free (KopirCustomer *customer)
{
  if (customer == NULL)
    return;

  g_free (customer->customer_id);
  g_free (customer->full_name);
  g_free (customer);
}

static void
links_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirCustomer *customer = g_task_get_task_data (task);
  g_autoptr(GListModel) links = NULL;
  GError *error = NULL;

  links = kopir_account_client_list_bank_links_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (links == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_list_model_get_n_items (links) > 0)
    {
      g_autoptr(KopirBankLink) link = g_list_model_get_item (links, 0);

      customer->full_name = g_strdup (kopir_bank_link_get_holder_name (link));
    }

  {
    KopirCustomer *copy = g_new0 (KopirCustomer, 1);

    copy->customer_id = g_steal_pointer (&customer->customer_id);
    copy->full_name = g_steal_pointer (&customer->full_name);
    g_task_return_pointer (task, copy, (GDestroyNotify) kopir_customer_free);
  }
}

static void
instructions_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirCustomer *customer = g_task_get_task_data (task);
  g_autoptr(KopirDepositInstructions) instructions = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  instructions = kopir_account_client_get_deposit_instructions_finish (KOPIR_ACCOUNT_CLIENT (object),
                                                                       result, &error);
  if (instructions == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  customer->customer_id = g_strdup (instructions->customer_id);
  cancellable = g_task_get_cancellable (task);
  kopir_account_client_list_bank_links_async (KOPIR_ACCOUNT_CLIENT (object), cancellable,
                                              links_cb, g_steal_pointer (&task));
}

/**
 * kopir_customer_load_async:
 * @client: the account client, with credentials
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the customer
 * @user_data: data for @callback
 *
 * Asks the exchange for the customer's id and name.
 */
void
kopir_customer_load_async (KopirAccountClient  *client,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ACCOUNT_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_customer_load_async);
  g_task_set_task_data (task, g_new0 (KopirCustomer, 1), (GDestroyNotify) kopir_customer_free);

  kopir_account_client_get_deposit_instructions_async (client, cancellable, instructions_cb,
                                                       g_steal_pointer (&task));
}

/**
 * kopir_customer_load_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the customer
 */
KopirCustomer *
kopir_customer_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
