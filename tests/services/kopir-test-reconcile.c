/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-test-reconcile.c: does the ledger say what the exchange says?
 *
 * After faults or crashes, every order the ledger knows must be resolved,
 * the exchange must hold exactly the orders the ledger calls placed (one
 * per client order id: nothing bought twice, nothing lost), with the same
 * amounts and fills, and the balances must follow from them.
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include "kopir-test-reconcile.h"
#include "kopir-test-util.h"

static GPtrArray *
ledger_orders (KopirLedger *ledger)
{
  KopirLedgerQuery query = { 0, };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *orders = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_order_free);

  query.kinds = KOPIR_LEDGER_KIND_ORDER;
  query.limit = 500;
  entries = kopir_ledger_query_history (ledger, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, <, 500);

  for (guint i = 0; i < entries->len; i++)
    {
      KopirLedgerEntry *entry = g_ptr_array_index (entries, i);

      g_assert_nonnull (entry->order);
      g_ptr_array_add (orders, kopir_ledger_order_copy (entry->order));
    }

  return orders;
}

static gpointer
fetch (GAsyncResult **slot)
{
  return kopir_test_wait_result (slot);
}

static void
sum_fills (GArray       *fills,
           KopirDecimal *qty,
           KopirDecimal *net_base)
{
  *qty = kopir_decimal_from_int (0);
  *net_base = kopir_decimal_from_int (0);

  for (guint i = 0; i < fills->len; i++)
    {
      KopirLedgerFill *fill = &g_array_index (fills, KopirLedgerFill, i);

      g_assert_true (kopir_decimal_add (qty, &fill->quantity, qty));
      g_assert_true (kopir_decimal_add (net_base, &fill->quantity, net_base));
      if (g_strcmp0 (fill->commission_asset, "BTC") == 0)
        g_assert_true (kopir_decimal_sub (net_base, &fill->commission, net_base));
    }
}

static KopirDecimal
balance_of (KopirAccount *account,
            const char   *asset)
{
  KopirBalance *balance = kopir_account_lookup_balance (account, asset);

  return balance != NULL ? kopir_balance_get_total (balance) : kopir_decimal_from_int (0);
}

void
kopir_test_assert_ledger_matches_exchange (KopirLedger         *ledger,
                                           KopirExchangeClient *client,
                                           const char          *symbol,
                                           const char          *initial_kzt,
                                           KopirTestTally      *tally)
{
  g_autoptr(GPtrArray) orders = ledger_orders (ledger);
  g_autoptr(GPtrArray) exchange_orders = NULL;
  g_autoptr(GPtrArray) trades = NULL;
  g_autoptr(KopirAccount) account = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirDecimal spent = { 0, }, bought = { 0, }, kzt_expected, kzt_free, btc_total;
  guint n_filled = 0, n_not_placed = 0, n_trades = 0;

  kopir_exchange_client_get_all_orders_async (client, symbol, NULL, kopir_test_async_cb, &result);
  result = fetch (&result);
  exchange_orders = kopir_exchange_client_get_all_orders_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  kopir_exchange_client_get_my_trades_async (client, symbol, NULL, kopir_test_async_cb, &result);
  result = fetch (&result);
  trades = kopir_exchange_client_get_my_trades_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  kopir_exchange_client_get_account_async (client, NULL, kopir_test_async_cb, &result);
  result = fetch (&result);
  account = kopir_exchange_client_get_account_finish (client, result, &error);
  g_assert_no_error (error);

  /* One exchange order per client order id: nothing bought twice. */
  for (guint i = 0; i < exchange_orders->len; i++)
    {
      KopirOrder *order = g_ptr_array_index (exchange_orders, i);

      g_assert_false (g_hash_table_contains (by_id, kopir_order_get_client_order_id (order)));
      g_hash_table_insert (by_id, (gpointer) kopir_order_get_client_order_id (order), order);
    }

  for (guint i = 0; i < orders->len; i++)
    {
      KopirLedgerOrder *order = g_ptr_array_index (orders, i);
      KopirOrder *remote = g_hash_table_lookup (by_id, order->client_order_id);
      g_autoptr(GArray) fills = NULL;
      KopirDecimal executed, quote, fill_qty, net_base;
      KopirDecimal trade_qty = { 0, };

      /* Nothing left unresolved. */
      g_assert_false (kopir_order_state_is_unresolved (order->state));

      if (order->state == KOPIR_ORDER_STATE_REJECTED)
        {
          /* Not placed means not at the exchange. */
          g_assert_null (remote);
          n_not_placed++;
          continue;
        }

      g_assert_cmpint (order->state, ==, KOPIR_ORDER_STATE_FILLED);
      g_assert_nonnull (remote);
      g_hash_table_remove (by_id, order->client_order_id);
      n_filled++;

      g_assert_cmpint (order->exchange_order_id, ==, kopir_order_get_order_id (remote));
      executed = kopir_order_get_executed_qty (remote);
      quote = kopir_order_get_cummulative_quote_qty (remote);
      g_assert_cmpint (kopir_decimal_compare (&order->executed_qty, &executed), ==, 0);
      g_assert_cmpint (kopir_decimal_compare (&order->cumulative_quote, &quote), ==, 0);
      g_assert_cmpint (kopir_decimal_compare (&order->cumulative_quote, &order->quote_amount), <=, 0);

      fills = kopir_ledger_list_fills (ledger, order->client_order_id, &error);
      g_assert_no_error (error);
      sum_fills (fills, &fill_qty, &net_base);
      g_assert_cmpint (kopir_decimal_compare (&fill_qty, &executed), ==, 0);

      for (guint j = 0; j < trades->len; j++)
        {
          KopirTrade *trade = g_ptr_array_index (trades, j);

          if (kopir_trade_get_order_id (trade) == order->exchange_order_id)
            {
              KopirDecimal qty = kopir_trade_get_qty (trade);
              gboolean found = FALSE;

              g_assert_true (kopir_decimal_add (&trade_qty, &qty, &trade_qty));
              for (guint k = 0; k < fills->len; k++)
                found |= g_array_index (fills, KopirLedgerFill, k).trade_id == kopir_trade_get_id (trade);
              g_assert_true (found);
              n_trades++;
            }
        }
      g_assert_cmpint (kopir_decimal_compare (&trade_qty, &executed), ==, 0);

      g_assert_true (kopir_decimal_add (&spent, &quote, &spent));
      g_assert_true (kopir_decimal_add (&bought, &net_base, &bought));
    }

  /* Every exchange order is one the ledger knows. */
  g_assert_cmpuint (g_hash_table_size (by_id), ==, 0);
  g_assert_cmpuint (n_trades, ==, trades->len);

  /* And the balances follow. */
  g_assert_true (kopir_decimal_parse (initial_kzt, &kzt_expected, NULL));
  g_assert_true (kopir_decimal_sub (&kzt_expected, &spent, &kzt_expected));
  kzt_free = balance_of (account, "KZT");
  g_assert_cmpint (kopir_decimal_compare (&kzt_free, &kzt_expected), ==, 0);
  btc_total = balance_of (account, "BTC");
  g_assert_cmpint (kopir_decimal_compare (&btc_total, &bought), ==, 0);

  if (tally != NULL)
    {
      tally->n_filled = n_filled;
      tally->n_not_placed = n_not_placed;
    }
}
