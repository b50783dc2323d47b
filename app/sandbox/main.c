/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: the kopir-sandbox command.
 */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>

#include "kopir-sandbox-server.h"

/* A developer tool, like the exchange's own messages: the help stays in
 * English. */
static const char summary[] =
  "A local pilot exchange for Kopir: Binance Spot REST v3 trading for BTCKZT, ETHKZT,\n"
  "USDTKZT and SOLKZT, Kopir's onboarding, bank and pilot contract (kopir-api.yaml),\n"
  "a KYC review desk, a bank desk and fault injection. Sandbox only: no real money.\n"
  "It listens on 127.0.0.1 only and prints \"kopir-sandbox listening on\n"
  "http://127.0.0.1:PORT\" once ready.";

static const char description[] =
  "Trading (Binance Spot REST v3; signed with HMAC-SHA256 over query string + body,\n"
  "key in X-MBX-APIKEY, timestamp and recvWindow as documented by Binance):\n"
  "  GET    /api/v3/ping  /api/v3/time  /api/v3/exchangeInfo  /api/v3/depth\n"
  "  GET    /api/v3/klines  /api/v3/uiKlines  /api/v3/avgPrice\n"
  "  GET    /api/v3/ticker/price  /api/v3/ticker/bookTicker  /api/v3/ticker/24hr\n"
  "  POST   /api/v3/order  /api/v3/order/test        (MARKET by quantity or quoteOrderQty,\n"
  "                                                   LIMIT GTC/IOC/FOK, LIMIT_MAKER)\n"
  "  GET    /api/v3/order  DELETE /api/v3/order      (by orderId or origClientOrderId)\n"
  "  GET    /api/v3/openOrders  DELETE /api/v3/openOrders  GET /api/v3/allOrders\n"
  "  GET    /api/v3/account  /api/v3/myTrades\n"
  "  WebSocket /ws/<symbol>@bookTicker, /ws/<symbol>@kline_1m,\n"
  "            /stream?streams=<a>/<b> (combined), SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS\n"
  "  Fees 0.1% of what is received. Weights per minute in X-MBX-USED-WEIGHT-1M; past the\n"
  "  limit 429 + Retry-After, and 418 (banned) for a client that keeps going.\n"
  "\n"
  "Onboarding (applicant Bearer token), bank and pilot (signed like trading):\n"
  "  GET  /onboarding/v1/appropriateness/questions\n"
  "  POST /onboarding/v1/applicants                 GET|PUT /onboarding/v1/applicants/{id}\n"
  "  PUT  /onboarding/v1/applicants/{id}/documents/{kind}   (JPEG/PNG, <= 10 MiB,\n"
  "       documents >= 640x480, selfie >= 480x480)\n"
  "  POST /onboarding/v1/applicants/{id}/appropriateness|submit|credentials\n"
  "  GET /bank/v1/holder  GET|POST /bank/v1/links  DELETE /bank/v1/links/{id}\n"
  "  GET /bank/v1/deposit-instructions  GET /bank/v1/deposits  GET|POST /bank/v1/withdrawals\n"
  "  GET /pilot/v1/limits\n"
  "\n"
  "Staff (assisted mode; sandbox accounts S0001/sandbox-staff-1, S0002/sandbox-staff-2):\n"
  "  POST /staff/v1/sessions  GET|DELETE /staff/v1/sessions/current\n"
  "  POST /staff/v1/otp  POST /staff/v1/otp/{otp_id}/verify\n"
  "\n"
  "Sandbox only:\n"
  "  POST /sandbox/v1/accounts        {\"kzt\": \"1000000.00\", \"knowledge_test_passed\": false,\n"
  "                                   \"api_key\": K, \"api_secret\": S} (all optional)\n"
  "                                   -> customer_id, api_key, api_secret, full_name, iin, phone\n"
  "  POST /sandbox/v1/bank-transfers  {sender_iban, sender_name, sender_iin, amount, purpose,\n"
  "                                   knp, kbe}: credited, or returned with a reason\n"
  "  POST|GET|DELETE /sandbox/v1/faults, DELETE /sandbox/v1/faults/{id}\n"
  "  POST /sandbox/v1/review/{id}/complete   GET /sandbox/v1/inbox[?phone=]\n"
  "  POST /sandbox/v1/market/{symbol}  {\"price\": P}: move a price at once;\n"
  "                                   {\"status\": \"BREAK\"|\"HALT\"|\"TRADING\"}: close or reopen it\n"
  "  GET  /sandbox/v1/state\n"
  "\n"
  "Faults ({\"kind\": K, \"path\": prefix, \"method\": M, \"count\": N, ...}):\n"
  "  delay (delay_ms)         answer later; the request is carried out\n"
  "  drop_after_accept        carry the request out, then close the connection unanswered\n"
  "  http_500, http_503       answer 500/503; with \"execute\": true carry it out first\n"
  "  rate_limit_burst         answer 429 with Retry-After: retry_after_s and code -1003\n"
  "  malformed_json           carry the request out, answer truncated JSON\n"
  "  clock_skew (skew_ms)     shift the server clock until cleared\n"
  "\n"
  "Review desk rules, in order:\n"
  "  1. IIN on the watch list (770707300012, 660606400017)  RED/FINAL  SANCTIONS\n"
  "  2. IIN already a customer's                           RED/FINAL  DUPLICATE\n"
  "  3. not resident in Kazakhstan                         RED/FINAL  WRONG_USER_REGION\n"
  "  4. younger than 18                                    RED/FINAL  AGE_REQUIREMENT_MISMATCH\n"
  "  5. identity document expired                          RED/RETRY  EXPIRATION_DATE\n"
  "  6. selfie identical to a document image               RED/RETRY  BAD_SELFIE\n"
  "  7. otherwise GREEN, --review-delay seconds after submission\n"
  "\n"
  "Bank desk: links need a valid KZ IBAN of a known bank and the customer's own name and\n"
  "IIN (at most 3 links). Deposits need the 7-digit customer id in the purpose, KNP 371\n"
  "or 590, KBe 15, and come from a linked account of the customer; anything else is\n"
  "returned. Purchases are limited to USD 1,000 a calendar month (Kazakhstan time) at the\n"
  "USDT/KZT price unless the customer passed the knowledge test.\n"
  "\n"
  "Environment: KOPIR_BANK_DIRECTORY names the kz-banks.tsv to use.";

static gboolean
on_quit_signal (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirSandboxServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *state_dir = NULL;
  g_autofree char *bank_directory = NULL;
  gint64 seed = 20260101;
  int port = 0, review_delay = 5, weight_limit = 6000, order_limit = 100;
  gboolean version = FALSE;
  KopirSandboxServerOptions options = { NULL, };
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (default 0: any free port)", "N" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file,
      "Write the port and a newline to FILE (atomically) once listening", "FILE" },
    { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir,
      "Keep accounts, balances and orders in SQLite under DIR (default: in memory)", "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the price walk (default 20260101)", "N" },
    { "review-delay", 0, 0, G_OPTION_ARG_INT, &review_delay,
      "Seconds the review desk takes to answer (default 5; 0 answers at once)", "SECONDS" },
    { "weight-limit", 0, 0, G_OPTION_ARG_INT, &weight_limit,
      "Request weight per minute (default 6000; 0: unlimited)", "N" },
    { "order-limit", 0, 0, G_OPTION_ARG_INT, &order_limit,
      "New orders per 10 seconds and customer (default 100; 0: unlimited)", "N" },
    { "bank-directory", 0, 0, G_OPTION_ARG_FILENAME, &bank_directory,
      "The bank directory (kz-banks.tsv) to use", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- the Kopir sandbox exchange");
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("kopir-sandbox: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (version)
    {
      g_print ("kopir-sandbox %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (port < 0 || port > 65535 || review_delay < 0 || weight_limit < 0 || order_limit < 0 || seed < 0)
    {
      g_printerr ("kopir-sandbox: --port, --review-delay, --weight-limit, --order-limit and --seed "
                  "must not be negative (and the port at most 65535)\n");
      return EXIT_FAILURE;
    }

  options.state_dir = state_dir;
  options.seed = (guint64) seed;
  options.review_delay_s = (guint) review_delay;
  options.weight_limit = (guint) weight_limit;
  options.order_limit = (guint) order_limit;
  options.bank_directory = bank_directory;

  server = kopir_sandbox_server_new (&options, &error);
  if (server == NULL || !kopir_sandbox_server_listen (server, (guint) port, &error))
    {
      g_printerr ("kopir-sandbox: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (port_file != NULL)
    {
      g_autofree char *contents = g_strdup_printf ("%u\n", kopir_sandbox_server_get_port (server));

      /* g_file_set_contents() writes a temporary file and renames it, so a
       * reader never sees a half-written port. */
      if (!g_file_set_contents (port_file, contents, -1, &error))
        {
          g_printerr ("kopir-sandbox: cannot write the port file: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  g_print ("kopir-sandbox listening on http://127.0.0.1:%u\n", kopir_sandbox_server_get_port (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);
  g_main_loop_run (loop);

  kopir_sandbox_server_shutdown (server);
  g_debug ("Stopped");

  return EXIT_SUCCESS;
}
