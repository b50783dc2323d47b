/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-client.c: the CPU cost of one signed request from Kopir's client
 *
 *   bench-client --url URL --requests N
 *
 * With KOPIR_TEST_API_KEY and KOPIR_TEST_API_SECRET set, sends N signed
 * requests one after the other through KopirExchangeClient (checking,
 * signing, sending, parsing into objects), after a few to warm up, and
 * prints this process's user and system CPU time for them, from
 * getrusage(). --endpoint account (the default) reads the account and its
 * balances; --endpoint order has a market buy checked by POST
 * /api/v3/order/test. Nothing else runs in the process meanwhile.
 */

#define G_LOG_DOMAIN "kopir-bench"

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include "kopir-exchange-client.h"

#define WARM_UP 20

static guint remaining;
static gboolean failed;
static gboolean order_endpoint;

static void send_one (KopirExchangeClient *client);

static gint64
cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KopirExchangeClient *client = KOPIR_EXCHANGE_CLIENT (object);
  g_autoptr(KopirAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = kopir_exchange_client_get_account_finish (client, result, &error);
  if (account == NULL)
    {
      g_printerr ("bench-client: %s\n", error->message);
      failed = TRUE;
      remaining = 0;
      return;
    }

  if (--remaining > 0)
    send_one (client);
}

static void
order_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KopirExchangeClient *client = KOPIR_EXCHANGE_CLIENT (object);
  g_autoptr(GError) error = NULL;

  if (!kopir_exchange_client_test_order_finish (client, result, &error))
    {
      g_printerr ("bench-client: %s\n", error->message);
      failed = TRUE;
      remaining = 0;
      return;
    }

  if (--remaining > 0)
    send_one (client);
}

static void
send_one (KopirExchangeClient *client)
{
  KopirOrderRequest request = { "BTCKZT", "BUY", "MARKET", };

  if (!order_endpoint)
    {
      kopir_exchange_client_get_account_async (client, NULL, account_cb, NULL);
      return;
    }

  request.quote_order_qty = kopir_decimal_from_int (5000);
  request.client_order_id = "kopir-bench-order";
  kopir_exchange_client_test_order_async (client, &request, NULL, order_cb, NULL);
}

static void
run (KopirExchangeClient *client,
     guint                n)
{
  remaining = n;
  send_one (client);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *url = NULL;
  gint requests = 1000;
  g_autofree char *endpoint = NULL;
  GOptionEntry entries[] = {
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, "account or order", "ENDPOINT" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Exchange address", "URL" },
    { "requests", 0, 0, G_OPTION_ARG_INT, &requests, "Signed requests to time", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(KopirExchangeClient) client = NULL;
  g_autoptr(KopirCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  gint64 wall_start, cpu_start, cpu_used, wall_used;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || url == NULL || requests < 1)
    {
      g_printerr ("Usage: bench-client --url URL [--requests N]\n");
      return 2;
    }

  order_endpoint = g_strcmp0 (endpoint, "order") == 0;
  credentials = kopir_credentials_new (g_getenv ("KOPIR_TEST_API_KEY"), g_getenv ("KOPIR_TEST_API_SECRET"));
  session = kopir_http_session_new ();
  client = kopir_exchange_client_new (session);
  kopir_exchange_client_set_base_url (client, url);
  kopir_exchange_client_set_credentials (client, credentials);

  run (client, WARM_UP);
  if (failed)
    return 1;

  wall_start = g_get_monotonic_time ();
  cpu_start = cpu_us ();
  run (client, requests);
  cpu_used = cpu_us () - cpu_start;
  wall_used = g_get_monotonic_time () - wall_start;
  if (failed)
    return 1;

  /* One line for the driver script: requests, CPU µs, wall µs. */
  printf ("kopir %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", requests, cpu_used, wall_used);

  return 0;
}
