/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-context-credentials.c: API credentials given and forgotten through
 * the context, in a real Secret Service (run inside keyring-session.sh) */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include "kopir-context.h"
#include "kopir-test-util.h"

#define KEY "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
#define SECRET "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
#define OTHER_KEY "otherKEY0123456789otherKEY0123456789"
#define OTHER_SECRET "otherSECRET0123456789otherSECRET0123456789"

static KopirCredentials *
lookup (KopirSecretStore *store,
        const char       *profile)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirCredentials *credentials;

  kopir_secret_store_lookup_credentials_async (store, profile, NULL, NULL,
                                               kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  credentials = kopir_secret_store_lookup_credentials_finish (store, result, &error);
  g_assert_no_error (error);

  return credentials;
}

static void
test_set_and_forget (void)
{
  g_autoptr(KopirContext) context = kopir_context_new (NULL);
  KopirSecretStore *store = kopir_context_get_secret_store (context);
  g_autoptr(KopirCredentials) other = kopir_credentials_new (OTHER_KEY, OTHER_SECRET);
  g_autoptr(KopirCredentials) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kopir_profile_manager_set_active_id (kopir_context_get_profile_manager (context),
                                       "binance-testnet");

  /* Another profile's credentials, which forgetting must not touch. */
  kopir_secret_store_store_credentials_async (store, "custom", NULL, other, NULL,
                                              kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_secret_store_store_credentials_finish (store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Blanks copied around the key do not end up in the keyring. */
  kopir_context_set_api_credentials_async (context, " " KEY "\n", SECRET, NULL,
                                           kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_context_set_api_credentials_finish (context, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (kopir_context_get_has_credentials (context));

  found = lookup (store, "binance-testnet");
  g_assert_nonnull (found);
  g_assert_cmpstr (kopir_credentials_get_api_key (found), ==, KEY);
  g_assert_cmpstr (kopir_credentials_get_api_secret (found), ==, SECRET);
  g_clear_pointer (&found, kopir_credentials_free);

  kopir_context_forget_api_credentials_async (context, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_context_forget_api_credentials_finish (context, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_false (kopir_context_get_has_credentials (context));
  g_assert_false (kopir_exchange_client_has_credentials (kopir_context_get_exchange_client (context)));
  g_assert_null (lookup (store, "binance-testnet"));

  found = lookup (store, "custom");
  g_assert_nonnull (found);
  g_assert_cmpstr (kopir_credentials_get_api_key (found), ==, OTHER_KEY);
  g_clear_pointer (&found, kopir_credentials_free);

  /* Forgetting what is not there is not an error. */
  kopir_context_forget_api_credentials_async (context, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_context_forget_api_credentials_finish (context, result, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/credentials/set-and-forget", test_set_and_forget);

  return g_test_run ();
}
