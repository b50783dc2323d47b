/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-signature.h"

#define SECRET "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"

/* Every vector of binance-hmac-vectors.tsv signs to its signature, and is
 * refused with any other signature or secret. */
static void
test_vectors (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "binance-hmac-vectors.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, SECRET));
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autofree char *sig = NULL;
      g_autofree char *upper = NULL;
      g_autofree char *tampered = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (f), ==, 3);
      g_test_message ("vector %s", f[0]);

      sig = kopir_signature_sign (SECRET, f[1], NULL);
      g_assert_cmpstr (sig, ==, f[2]);
      g_assert_cmpuint (strlen (sig), ==, KOPIR_SIGNATURE_HEX_LENGTH);
      g_assert_true (kopir_signature_verify (SECRET, f[1], NULL, f[2]));

      upper = g_ascii_strup (f[2], -1);
      g_assert_true (kopir_signature_verify (SECRET, f[1], NULL, upper));

      tampered = g_strdup (f[2]);
      tampered[10] = tampered[10] == '0' ? '1' : '0';
      g_assert_false (kopir_signature_verify (SECRET, f[1], NULL, tampered));
      g_assert_false (kopir_signature_verify (SECRET "x", f[1], NULL, f[2]));
      g_assert_false (kopir_signature_verify (SECRET, f[1], "&x=1", f[2]));
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
}

/* The query and the body are concatenated without a separator: the
 * documented example signs the same either way it is split. */
static void
test_query_and_body (void)
{
  const char *query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC";
  const char *body = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
  const char *expected = "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77";
  g_autofree char *sig = kopir_signature_sign (SECRET, query, body);
  g_autofree char *body_only = kopir_signature_sign (SECRET, NULL, "symbol=LTCBTC&side=BUY&type=LIMIT"
                                                     "&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000"
                                                     "&timestamp=1499827319559");

  g_assert_cmpstr (sig, ==, expected);
  g_assert_cmpstr (body_only, ==, expected);
  g_assert_true (kopir_signature_verify (SECRET, query, body, expected));
}

static void
test_equal (void)
{
  g_assert_true (kopir_signature_equal ("abc", "abc"));
  g_assert_true (kopir_signature_equal ("abc", "ABC"));
  g_assert_false (kopir_signature_equal ("abc", "ab"));
  g_assert_false (kopir_signature_equal ("abc", "abcd"));
  g_assert_false (kopir_signature_equal ("abc", ""));
  g_assert_false (kopir_signature_equal ("abc", NULL));
  g_assert_false (kopir_signature_equal ("abc", "abd"));
  g_assert_true (kopir_signature_equal ("", ""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signature/vectors", test_vectors);
  g_test_add_func ("/signature/query-and-body", test_query_and_body);
  g_test_add_func ("/signature/equal", test_equal);

  return g_test_run ();
}
