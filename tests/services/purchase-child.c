/* SPDX-License-Identifier: GPL-3.0-or-later */
/* purchase-child.c: a client process for the crash test
 *
 *   purchase-child --url URL --ledger PATH --buy N
 *   purchase-child --url URL --ledger PATH --reconcile
 *
 * The API key and secret come from KOPIR_TEST_API_KEY and
 * KOPIR_TEST_API_SECRET. With --buy it starts N purchases at once and
 * prints "intent CLIENT_ORDER_ID" as soon as each intent is on disk, so
 * the test can kill it at that moment; with --reconcile it resolves what
 * the ledger holds unresolved and prints "reconciled N".
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <stdio.h>

#include "kopir-log-writer.h"
#include "kopir-purchase-manager.h"

#define RECV_WINDOW_MS 2000
#define SETTLE_MS 1500

static guint n_pending;
static gboolean reconciled;

static void
on_intent_recorded (KopirPurchaseManager *manager,
                    KopirPurchase        *purchase,
                    gpointer              user_data)
{
  printf ("intent %s\n", kopir_purchase_get_client_order_id (purchase));
  fflush (stdout);
}

static void
buy_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GError) error = NULL;

  purchase = kopir_purchase_manager_buy_finish (KOPIR_PURCHASE_MANAGER (object), result, &error);
  if (purchase != NULL)
    printf ("answer %s %d\n", kopir_purchase_get_client_order_id (purchase),
            kopir_purchase_get_state (purchase));
  else
    printf ("refused %s\n", error->message);
  fflush (stdout);
  n_pending--;
}

static void
reconcile_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!kopir_purchase_manager_reconcile_finish (KOPIR_PURCHASE_MANAGER (object), result, &n, &error))
    g_error ("Reconciling: %s", error->message);

  printf ("reconciled %u\n", n);
  fflush (stdout);
  reconciled = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *url = NULL;
  g_autofree char *ledger_path = NULL;
  gint buy = 0;
  gboolean reconcile = FALSE;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Exchange address", "URL" },
    { "ledger", 0, 0, G_OPTION_ARG_FILENAME, &ledger_path, "Ledger file", "PATH" },
    { "buy", 0, 0, G_OPTION_ARG_INT, &buy, "Purchases to start", "N" },
    { "reconcile", 0, 0, G_OPTION_ARG_NONE, &reconcile, "Resolve unresolved orders", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(KopirExchangeClient) client = NULL;
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(KopirPurchaseManager) manager = NULL;
  g_autoptr(KopirCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  KopirDecimal spend;

  kopir_log_writer_install ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || url == NULL || ledger_path == NULL)
    g_error ("Usage: purchase-child --url URL --ledger PATH (--buy N | --reconcile)");

  credentials = kopir_credentials_new (g_getenv ("KOPIR_TEST_API_KEY"),
                                       g_getenv ("KOPIR_TEST_API_SECRET"));
  session = kopir_http_session_new ();
  g_object_set (session, "timeout", 2, NULL);
  client = kopir_exchange_client_new (session);
  kopir_exchange_client_set_base_url (client, url);
  kopir_exchange_client_set_credentials (client, credentials);
  kopir_transport_set_recv_window (kopir_exchange_client_get_transport (client), RECV_WINDOW_MS);

  ledger = kopir_ledger_open (ledger_path, &error);
  if (ledger == NULL)
    g_error ("Opening the ledger: %s", error->message);

  manager = kopir_purchase_manager_new (client, ledger);
  kopir_purchase_manager_set_settle_time (manager, SETTLE_MS);
  g_signal_connect (manager, "intent-recorded", G_CALLBACK (on_intent_recorded), NULL);

  if (reconcile)
    {
      kopir_purchase_manager_reconcile_async (manager, NULL, reconcile_cb, NULL);
      while (!reconciled)
        g_main_context_iteration (NULL, TRUE);
      return 0;
    }

  g_assert_true (kopir_decimal_parse ("3000", &spend, NULL));
  n_pending = buy;
  for (gint i = 0; i < buy; i++)
    kopir_purchase_manager_buy_async (manager, "BTCKZT", &spend, NULL, buy_cb, NULL);

  while (n_pending > 0 || kopir_purchase_manager_get_n_checking (manager) > 0)
    g_main_context_iteration (NULL, TRUE);

  printf ("finished\n");

  return 0;
}
