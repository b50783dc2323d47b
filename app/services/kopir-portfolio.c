/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-portfolio.c: the customer's balances beside what they paid
 *
 * Two sources, read together: the exchange's account (what is held, and
 * the fee rate) and the ledger's fills (what was bought and paid). The
 * ledger is read in a worker thread on a connection of its own, as the
 * History page's model does, so nothing waits on the purchase manager.
 * Values in tenge are left to the caller, who has live prices.
 */

#define G_LOG_DOMAIN "kopir-portfolio"

#include "config.h"

#include "kopir-currency.h"
#include "kopir-ledger.h"
#include "kopir-portfolio.h"

typedef struct
{
  char           *ledger_path;
  GStrv           assets;
  KopirPortfolio *portfolio;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->ledger_path);
  g_strfreev (data->assets);
  g_clear_pointer (&data->portfolio, kopir_portfolio_free);
  g_free (data);
}

void
kopir_portfolio_free (KopirPortfolio *portfolio)
{
  if (portfolio == NULL)
    return;

  g_clear_pointer (&portfolio->entries, g_array_unref);
  g_free (portfolio);
}

/**
 * kopir_portfolio_lookup:
 * @portfolio: a portfolio
 * @asset: e.g. "KZT"
 *
 * Returns: (nullable): the entry of @asset
 */
const KopirPortfolioEntry *
kopir_portfolio_lookup (const KopirPortfolio *portfolio,
                        const char           *asset)
{
  g_return_val_if_fail (portfolio != NULL && asset != NULL, NULL);

  for (guint i = 0; i < portfolio->entries->len; i++)
    {
      const KopirPortfolioEntry *entry = &g_array_index (portfolio->entries, KopirPortfolioEntry, i);

      if (g_strcmp0 (entry->asset, asset) == 0)
        return entry;
    }

  return NULL;
}

static void
sum_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(KopirLedger) ledger = NULL;
  GError *error = NULL;

  ledger = kopir_ledger_open (data->ledger_path, &error);
  if (ledger == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < data->portfolio->entries->len; i++)
    {
      KopirPortfolioEntry *entry = &g_array_index (data->portfolio->entries, KopirPortfolioEntry, i);

      if (!kopir_currency_is_crypto (entry->asset))
        continue;
      if (!kopir_ledger_sum_bought (ledger, entry->asset, KOPIR_CURRENCY_KZT, &entry->bought,
                                    &entry->paid, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&data->portfolio), (GDestroyNotify) kopir_portfolio_free);
}

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(KopirAccount) account = NULL;
  GError *error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  account = kopir_exchange_client_get_account_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (account == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->portfolio = g_new0 (KopirPortfolio, 1);
  data->portfolio->entries = g_array_new (FALSE, TRUE, sizeof (KopirPortfolioEntry));
  data->portfolio->has_taker_rate = kopir_account_get_taker_rate (account, &data->portfolio->taker_rate);

  g_ptr_array_add (names, (gpointer) KOPIR_CURRENCY_KZT);
  for (guint i = 0; data->assets[i] != NULL; i++)
    if (g_strcmp0 (data->assets[i], KOPIR_CURRENCY_KZT) != 0)
      g_ptr_array_add (names, data->assets[i]);

  for (guint i = 0; i < names->len; i++)
    {
      KopirPortfolioEntry entry = { { 0, }, };
      KopirBalance *balance = kopir_account_lookup_balance (account, names->pdata[i]);

      g_strlcpy (entry.asset, names->pdata[i], sizeof entry.asset);
      if (balance != NULL)
        {
          entry.free = kopir_balance_get_free (balance);
          entry.locked = kopir_balance_get_locked (balance);
        }
      g_array_append_val (data->portfolio->entries, entry);
    }

  g_task_run_in_thread (task, sum_thread);
}

/**
 * kopir_portfolio_load_async:
 * @client: the exchange client, with credentials
 * @ledger_path: the active profile's ledger file
 * @assets: the crypto-assets to list, e.g. { "BTC", "ETH", NULL }
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the portfolio
 * @user_data: data for @callback
 *
 * Reads the balances from the exchange and what was paid from the
 * ledger.
 */
void
kopir_portfolio_load_async (KopirExchangeClient *client,
                            const char          *ledger_path,
                            const char * const  *assets,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (KOPIR_IS_EXCHANGE_CLIENT (client));
  g_return_if_fail (ledger_path != NULL);
  g_return_if_fail (assets != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_portfolio_load_async);
  data = g_new0 (LoadData, 1);
  data->ledger_path = g_strdup (ledger_path);
  data->assets = g_strdupv ((char **) assets);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  kopir_exchange_client_get_account_async (client, cancellable, account_cb, g_steal_pointer (&task));
}

/**
 * kopir_portfolio_load_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the portfolio
 */
KopirPortfolio *
kopir_portfolio_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
