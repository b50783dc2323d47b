/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json.c: Kopir's JSON reader against json-glib's own parser
 *
 * Every answer from the exchange goes through kopir_json_read(). For
 * documents json-glib reads, it must build the same tree, node type for
 * node type and value for value; it must refuse what json-glib refuses;
 * and it refuses a few things json-glib lets through (lone surrogates,
 * U+0000, integers beyond 64 bits, deep nesting), each on purpose. Random
 * documents, and random damage to them, are compared by the thousand with
 * a fixed seed; KOPIR_JSON_ROUNDS runs more.
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include "kopir-json-private.h"
#include "kopir-test-json-tree.h"

static JsonNode *
glib_parse (const char *text,
            gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, len, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_ref (json_parser_get_root (parser));
}


/* What both readers make of one document; returns whether Kopir's read it. */
static gboolean
compare (const char *text,
         gsize       len,
         gboolean    both_must_agree)
{
  g_autoptr(JsonNode) mine = NULL;
  g_autoptr(JsonNode) theirs = glib_parse (text, len);
  g_autoptr(GError) error = NULL;

  mine = kopir_json_read (text, len, &error);
  if (mine != NULL)
    {
      g_assert_no_error (error);
      g_assert_true (json_node_is_immutable (mine));
      if (theirs == NULL)
        g_error ("Kopir read what json-glib refuses: %.*s", (int) MIN (len, 200), text);
      if (!kopir_test_json_same_tree (mine, theirs))
        g_error ("The trees differ for: %.*s", (int) MIN (len, 200), text);
    }
  else
    {
      g_assert_error (error, JSON_PARSER_ERROR, error->code);
      if (both_must_agree && theirs != NULL)
        g_error ("Kopir refused what json-glib reads: %.*s (%s)", (int) MIN (len, 200), text,
                 error->message);
    }

  return mine != NULL;
}

static void
test_documents (void)
{
  static const char *good[] = {
    "{}", "[]", "0", "-0", "1", "-1", "\"\"", "true", "false", "null", " \t\r\n{ } \n",
    "9223372036854775807", "-9223372036854775808", "1.5", "-0.25", "1e3", "1E-3", "2.5e+10",
    "{\"symbol\":\"BTCKZT\",\"price\":\"31234567.89\",\"time\":1764136000000}",
    "[1,[2,[3,[4,{}]]],\"x\",null,true]",
    "{\"a\":{\"b\":{\"c\":[]}},\"d\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
    "\"\\u0041\\u00e9\\u0416\\u4e2d\"",
    "\"\\ud83d\\ude00 and \\uD83D\\uDE00\"",
    "\"Жұмабаев Нұрлан — ₸1 234,50\"",
    "{\"dup\":1,\"dup\":2}",
  };
  static const char *bad[] = {
    "", " ", "{", "}", "[", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "[01]", "[1.]", "[.5]", "[1e]",
    "[-]", "[+1]", "tru", "nul", "[true false]", "{\"a\" 1}", "{\"a\":}", "\"open", "\"\\x\"",
    "\"\\u12\"", "\"\\u12G4\"", "\"tab\there\"", "[1] [2]", "{} x", "// comment\n{}", "/* c */ {}",
    "[NaN]", "[Infinity]",
  };
  /* Refused on purpose, whatever json-glib makes of them. */
  static const char *refused[] = {
    "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\\u0000b\"",
    "99999999999999999999", "-9223372036854775809", "1e400",
  };
  g_autoptr(GString) deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (compare (good[i], strlen (good[i]), TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (compare (bad[i], strlen (bad[i]), FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (compare (refused[i], strlen (refused[i]), FALSE));

  /* Not UTF-8, and a NUL byte inside the given length. */
  g_assert_false (compare ("\"\xff\"", 3, FALSE));
  g_assert_false (compare ("[1]\0", 4, FALSE));

  /* Nesting: 64 levels are read, 65 are not. */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, ']');
  g_assert_true (compare (deep->str, deep->len, TRUE));
  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  g_assert_false (compare (deep->str, deep->len, FALSE));
}

static void
append_random_string (GString *out,
                      GRand   *rand)
{
  static const char *pieces[] = {
    "a", "Z", "0", " ", "BTC", "₸", "Ж", "ұ", "中", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9",
    "\\u0416", "\\ud83d\\ude00", "-", ".", ",", ":", "{", "]",
  };
  guint n = g_rand_int_range (rand, 0, 8);

  g_string_append_c (out, '"');
  for (guint i = 0; i < n; i++)
    g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  g_string_append_c (out, '"');
}

static void
append_random_space (GString *out,
                     GRand   *rand)
{
  static const char *spaces[] = { "", "", "", " ", "\n", "\t", "\r\n  " };

  g_string_append (out, spaces[g_rand_int_range (rand, 0, G_N_ELEMENTS (spaces))]);
}

static void
append_random_value (GString *out,
                     GRand   *rand,
                     guint    depth)
{
  guint kind = g_rand_int_range (rand, 0, depth < 5 ? 9 : 6);

  append_random_space (out, rand);
  switch (kind)
    {
    case 0:
      g_string_append (out, g_rand_boolean (rand) ? "true" : g_rand_boolean (rand) ? "false" : "null");
      break;
    case 1:
      g_string_append_printf (out, "%" G_GINT64_FORMAT,
                              (gint64) g_rand_int (rand) * (g_rand_boolean (rand) ? 1 : -1) *
                              (g_rand_boolean (rand) ? 1 : G_GINT64_CONSTANT (1000003)));
      break;
    case 2:
      g_string_append_printf (out, "%d.%0*d", g_rand_int_range (rand, -1000, 1000),
                              g_rand_int_range (rand, 1, 9), g_rand_int_range (rand, 0, 100000000));
      break;
    case 3:
      g_string_append_printf (out, "%de%s%d", g_rand_int_range (rand, 1, 100),
                              g_rand_boolean (rand) ? "-" : "", g_rand_int_range (rand, 0, 30));
      break;
    case 4:
    case 5:
      append_random_string (out, rand);
      break;
    case 6:
    case 7:
      {
        guint n = g_rand_int_range (rand, 0, 5);

        g_string_append_c (out, '{');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_random_space (out, rand);
            append_random_string (out, rand);
            append_random_space (out, rand);
            g_string_append_c (out, ':');
            append_random_value (out, rand, depth + 1);
          }
        append_random_space (out, rand);
        g_string_append_c (out, '}');
        break;
      }
    default:
      {
        guint n = g_rand_int_range (rand, 0, 5);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_random_value (out, rand, depth + 1);
          }
        append_random_space (out, rand);
        g_string_append_c (out, ']');
        break;
      }
    }
  append_random_space (out, rand);
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  const char *rounds_env = g_getenv ("KOPIR_JSON_ROUNDS");
  guint rounds = rounds_env != NULL ? (guint) g_ascii_strtoull (rounds_env, NULL, 10) : 4000;
  guint read = 0, damaged_read = 0;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GString) doc = g_string_new (NULL);
      g_autofree char *damaged = NULL;
      gsize at;

      append_random_value (doc, rand, 0);
      g_assert_true (compare (doc->str, doc->len, TRUE));
      read++;

      /* One byte changed, dropped or added: both may refuse it, and when
       * Kopir reads it, the tree is json-glib's. */
      damaged = g_strdup (doc->str);
      at = g_rand_int_range (rand, 0, doc->len);
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          damaged[at] = "{}[]\",:\\-.0eE \x01\xc3"[g_rand_int_range (rand, 0, 17)];
          damaged_read += compare (damaged, doc->len, FALSE);
          break;
        case 1:
          memmove (damaged + at, damaged + at + 1, doc->len - at);
          damaged_read += compare (damaged, doc->len - 1, FALSE);
          break;
        default:
          damaged_read += compare (damaged, at, FALSE);
          break;
        }
    }

  g_test_message ("%u documents read alike; %u of %u damaged ones were still JSON", read, damaged_read,
                  rounds);
}

/* The exchange's real answers, as the sandbox writes them. */
static void
test_exchange_answers (void)
{
  static const char *answers[] = {
    "{\"makerCommission\":10,\"takerCommission\":10,\"commissionRates\":{\"maker\":\"0.00100000\","
    "\"taker\":\"0.00100000\"},\"canTrade\":true,\"updateTime\":1795673364234,\"accountType\":\"SPOT\","
    "\"balances\":[{\"asset\":\"BTC\",\"free\":\"0.00000000\",\"locked\":\"0.00000000\"},"
    "{\"asset\":\"KZT\",\"free\":\"1000000.00\",\"locked\":\"0.00\"}],\"permissions\":[\"SPOT\"],\"uid\":7}",
    "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}",
    "[[1764136000000,\"31234567.89\",\"31240000.00\",\"31200000.00\",\"31230000.00\",\"1.25000000\","
    "1764136059999,\"39037500.00\",42,\"0.60000000\",\"18740000.00\",\"0\"]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    g_assert_true (compare (answers[i], strlen (answers[i]), TRUE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/documents", test_documents);
  g_test_add_func ("/json/exchange-answers", test_exchange_answers);
  g_test_add_func ("/json/random", test_random);

  return g_test_run ();
}
