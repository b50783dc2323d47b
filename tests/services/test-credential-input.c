/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-credential-input.c: an API key typed and a secret pasted */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include "kopir-credential-input.h"

#define KEY "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
#define SECRET "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"

typedef struct
{
  const char *text;
  const char *cleaned;
  int         code;
} InputCase;

static void
test_key (void)
{
  static const InputCase cases[] = {
    { KEY, KEY, 0 },
    /* What copying from a web page adds around it goes. */
    { "  " KEY "\n", KEY, 0 },
    { "\t" KEY " \r\n", KEY, 0 },
    { NULL, NULL, KOPIR_CREDENTIAL_INPUT_ERROR_EMPTY },
    { "", NULL, KOPIR_CREDENTIAL_INPUT_ERROR_EMPTY },
    { " \n ", NULL, KOPIR_CREDENTIAL_INPUT_ERROR_EMPTY },
    { "vmPUZE6mv9SD5VNH k4HlWFsOr6aKE2zv", NULL, KOPIR_CREDENTIAL_INPUT_ERROR_MALFORMED },
    { "API key: " KEY, NULL, KOPIR_CREDENTIAL_INPUT_ERROR_MALFORMED },
    { "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwC\nIPy6utIco14y7Ju91duEh8A", NULL,
      KOPIR_CREDENTIAL_INPUT_ERROR_MALFORMED },
    { "ключ-ключ-ключ-ключ", NULL, KOPIR_CREDENTIAL_INPUT_ERROR_MALFORMED },
    { "abc123", NULL, KOPIR_CREDENTIAL_INPUT_ERROR_TOO_SHORT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *cleaned = kopir_credential_input_clean_key (cases[i].text, &error);

      g_test_message ("case %u", i);
      g_assert_cmpstr (cleaned, ==, cases[i].cleaned);
      if (cases[i].cleaned != NULL)
        g_assert_no_error (error);
      else
        g_assert_error (error, KOPIR_CREDENTIAL_INPUT_ERROR, cases[i].code);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *long_key = g_strnfill (300, 'a');

    g_assert_null (kopir_credential_input_clean_key (long_key, &error));
    g_assert_error (error, KOPIR_CREDENTIAL_INPUT_ERROR, KOPIR_CREDENTIAL_INPUT_ERROR_TOO_LONG);
  }
}

static void
test_secret (void)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = kopir_credential_input_clean_secret ("\n" SECRET "\n", KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, SECRET);
  kopir_credential_input_wipe (secret);

  /* The key copied twice, in place of the secret. */
  secret = kopir_credential_input_clean_secret (KEY " ", KEY, &error);
  g_assert_null (secret);
  g_assert_error (error, KOPIR_CREDENTIAL_INPUT_ERROR, KOPIR_CREDENTIAL_INPUT_ERROR_SAME_AS_KEY);
  g_clear_error (&error);

  /* A whole paragraph from the exchange's page. */
  secret = kopir_credential_input_clean_secret ("API Key: " KEY "\nSecret Key: " SECRET, KEY, &error);
  g_assert_null (secret);
  g_assert_error (error, KOPIR_CREDENTIAL_INPUT_ERROR, KOPIR_CREDENTIAL_INPUT_ERROR_MALFORMED);
  /* Messages never quote what was pasted. */
  g_assert_null (strstr (error->message, SECRET));
  g_assert_null (strstr (error->message, KEY));
  g_clear_error (&error);

  secret = kopir_credential_input_clean_secret ("", NULL, &error);
  g_assert_null (secret);
  g_assert_error (error, KOPIR_CREDENTIAL_INPUT_ERROR, KOPIR_CREDENTIAL_INPUT_ERROR_EMPTY);
  g_clear_error (&error);

  secret = kopir_credential_input_clean_secret ("hunter2", KEY, &error);
  g_assert_null (secret);
  g_assert_error (error, KOPIR_CREDENTIAL_INPUT_ERROR, KOPIR_CREDENTIAL_INPUT_ERROR_TOO_SHORT);
  g_clear_error (&error);

  /* Without a key to compare, only the shape counts. */
  secret = kopir_credential_input_clean_secret (KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, KEY);
  kopir_credential_input_wipe (secret);

  kopir_credential_input_wipe (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credential-input/key", test_key);
  g_test_add_func ("/credential-input/secret", test_secret);

  return g_test_run ();
}
