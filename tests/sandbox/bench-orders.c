/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-orders.c: sustained signed market orders against kopir-sandbox.
 *
 * Starts its own sandbox (no rate limits, in memory), opens a funded
 * customer, then keeps N connections busy with signed MARKET orders for a
 * few seconds and prints orders per second and the p50/p99 latency.
 *
 *   bench-orders [--duration S] [--connections N] [--sandbox PATH]
 */
#define G_LOG_DOMAIN "kopir-bench"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kopir-signature.h"

typedef struct
{
  GMainLoop   *loop;
  SoupSession *session;
  char        *base;
  char        *api_key;
  char        *api_secret;
  gint64       deadline;
  gint64       started;
  GArray      *latencies;   /* gint64 microseconds */
  guint        in_flight;
  guint        errors;
  guint        sent;
} Bench;

static void send_order (Bench *bench);

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  Bench  *bench;
  gint64  sent_at;
} Pending;

static void
on_order_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Pending *pending = user_data;
  Bench *bench = pending->bench;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  gint64 now = g_get_monotonic_time ();
  gint64 latency = now - pending->sent_at;

  g_free (pending);
  bench->in_flight--;

  if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    bench->errors++;
  else
    g_array_append_val (bench->latencies, latency);

  if (now < bench->deadline)
    send_order (bench);
  else if (bench->in_flight == 0)
    g_main_loop_quit (bench->loop);
}

static void
send_order (Bench *bench)
{
  g_autofree char *query = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Pending *pending;

  query = g_strdup_printf ("symbol=USDTKZT&side=BUY&type=MARKET&quoteOrderQty=3000&newOrderRespType=FULL"
                           "&recvWindow=10000&timestamp=%" G_GINT64_FORMAT, g_get_real_time () / 1000);
  signature = kopir_signature_sign (bench->api_secret, query, NULL);
  body = g_strconcat (query, "&signature=", signature, NULL);
  url = g_strconcat (bench->base, "/api/v3/order", NULL);

  msg = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-MBX-APIKEY", bench->api_key);
  bytes = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);

  pending = g_new0 (Pending, 1);
  pending->bench = bench;
  pending->sent_at = g_get_monotonic_time ();
  bench->in_flight++;
  bench->sent++;
  soup_session_send_and_read_async (bench->session, msg, G_PRIORITY_DEFAULT, NULL, on_order_done, pending);
}

static gboolean
create_account (Bench   *bench,
                GError **error)
{
  g_autofree char *url = g_strconcat (bench->base, "/sandbox/v1/accounts", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  static const char account[] = "{\"kzt\":\"10000000000.00\",\"knowledge_test_passed\":true}";
  g_autoptr(GBytes) request = g_bytes_new_static (account, strlen (account));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (bench->session, msg, NULL, error);
  if (reply == NULL)
    return FALSE;
  if (soup_message_get_status (msg) != SOUP_STATUS_CREATED ||
      !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot open an account (HTTP %u)",
                     soup_message_get_status (msg));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  bench->api_key = g_strdup (json_object_get_string_member (object, "api_key"));
  bench->api_secret = g_strdup (json_object_get_string_member (object, "api_secret"));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- sustained signed orders against kopir-sandbox");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *sandbox_path = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *banks = NULL;
  Bench bench = { NULL, };
  int duration = 10, connections = 16;
  gint64 elapsed, p50, p99;
  guint n;
  GOptionEntry entries[] = {
    { "duration", 'd', 0, G_OPTION_ARG_INT, &duration, "Seconds of load (default 10)", "S" },
    { "connections", 'c', 0, G_OPTION_ARG_INT, &connections, "Concurrent connections (default 16)", "N" },
    { "sandbox", 0, 0, G_OPTION_ARG_FILENAME, &sandbox_path, "kopir-sandbox (default: $KOPIR_SANDBOX)", "PATH" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (sandbox_path == NULL)
    sandbox_path = g_strdup (g_getenv ("KOPIR_SANDBOX"));
  if (sandbox_path == NULL || duration < 1 || connections < 1)
    {
      g_printerr ("Give --sandbox or set KOPIR_SANDBOX; duration and connections must be positive\n");
      return EXIT_FAILURE;
    }

  tmp = g_dir_make_tmp ("kopir-bench-XXXXXX", &error);
  if (tmp == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  port_file = g_build_filename (tmp, "port", NULL);
  banks = g_build_filename (g_getenv ("KOPIR_SOURCE_DIR") ? g_getenv ("KOPIR_SOURCE_DIR") : ".", "data", "kz-banks.tsv", NULL);

  /* Measure the sandbox as it runs for people, without the test setup's
   * debugging allocator. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  sandbox = g_subprocess_launcher_spawn (launcher, &error, sandbox_path, "--port-file", port_file,
                                         "--weight-limit", "0", "--order-limit", "0", "--bank-directory", banks, NULL);
  if (sandbox == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  /* The sandbox prints its address once it listens. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "kopir-sandbox listening on "))
    {
      g_printerr ("kopir-sandbox did not start\n");
      return EXIT_FAILURE;
    }
  bench.base = g_strdup (line + strlen ("kopir-sandbox listening on "));

  bench.session = soup_session_new_with_options ("max-conns", connections * 2, "max-conns-per-host", connections,
                                                 "timeout", 30, NULL);
  if (!create_account (&bench, &error))
    {
      g_printerr ("%s\n", error->message);
      g_subprocess_force_exit (sandbox);
      return EXIT_FAILURE;
    }

  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 100000);
  bench.started = g_get_monotonic_time ();
  bench.deadline = bench.started + (gint64) duration * G_USEC_PER_SEC;
  for (int i = 0; i < connections; i++)
    send_order (&bench);
  g_main_loop_run (bench.loop);
  elapsed = g_get_monotonic_time () - bench.started;

  n = bench.latencies->len;
  g_array_sort (bench.latencies, compare_gint64);
  p50 = n ? g_array_index (bench.latencies, gint64, n / 2) : 0;
  p99 = n ? g_array_index (bench.latencies, gint64, MIN (n - 1, n * 99 / 100)) : 0;

  g_print ("kopir-sandbox signed MARKET orders over %d connections for %.1f s\n",
           connections, elapsed / 1e6);
  g_print ("orders: %u filled, %u errors\n", n, bench.errors);
  g_print ("throughput: %.0f orders/s\n", n / (elapsed / 1e6));
  g_print ("latency: p50 %.2f ms, p99 %.2f ms\n", p50 / 1000.0, p99 / 1000.0);

  g_subprocess_send_signal (sandbox, SIGTERM);
  g_subprocess_wait (sandbox, NULL, NULL);
  g_remove (port_file);
  g_rmdir (tmp);

  g_clear_object (&bench.session);
  g_main_loop_unref (bench.loop);
  g_array_unref (bench.latencies);
  g_free (bench.base);
  g_free (bench.api_key);
  g_free (bench.api_secret);

  return bench.errors == 0 && n > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
