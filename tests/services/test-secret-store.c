/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-secret-store.c: secrets through the real Secret Service
 *
 * Runs under keyring-session.sh: a private session bus with an unlocked
 * gnome-keyring-daemon and temporary HOME/XDG folders.
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "kopir-secret-store.h"
#include "kopir-test-util.h"

#define API_KEY "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
#define API_SECRET "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"

static char *
lookup (KopirSecretStore *store,
        KopirSecretKind   kind,
        const char       *profile,
        const char       *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;
  char *copy;

  kopir_secret_store_lookup_async (store, kind, profile, account, NULL,
                                   kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  secret = kopir_secret_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);

  copy = g_strdup (secret);
  secret_password_free (secret);

  return copy;
}

static void
store (KopirSecretStore *self,
       KopirSecretKind   kind,
       const char       *profile,
       const char       *account,
       const char       *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kopir_secret_store_store_async (self, kind, profile, account, secret, NULL,
                                  kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_secret_store_store_finish (self, result, &error));
  g_assert_no_error (error);
}

static void
clear (KopirSecretStore *self,
       KopirSecretKind   kind,
       const char       *profile,
       const char       *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kopir_secret_store_clear_async (self, kind, profile, account, NULL,
                                  kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_secret_store_clear_finish (self, result, &error));
  g_assert_no_error (error);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(KopirSecretStore) self = kopir_secret_store_new ();
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *staff = NULL;

  store (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-1", "token-one");
  store (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-2", "token-two");
  store (self, KOPIR_SECRET_KIND_STAFF_SESSION, "sandbox", "app-1", "staff-session");

  /* Each secret under its own kind, profile and account. */
  token = lookup (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-1");
  g_assert_cmpstr (token, ==, "token-one");
  other = lookup (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-2");
  g_assert_cmpstr (other, ==, "token-two");
  missing = lookup (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "custom", "app-1");
  g_assert_null (missing);

  /* Storing again replaces. */
  store (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-1", "token-new");
  replaced = lookup (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-1");
  g_assert_cmpstr (replaced, ==, "token-new");

  clear (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-1");
  cleared = lookup (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-1");
  g_assert_null (cleared);
  /* Clearing one kind leaves the others. */
  staff = lookup (self, KOPIR_SECRET_KIND_STAFF_SESSION, "sandbox", "app-1");
  g_assert_cmpstr (staff, ==, "staff-session");

  /* Clearing what is not there is fine. */
  clear (self, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "sandbox", "app-1");
}

static void
test_credentials (void)
{
  g_autoptr(KopirSecretStore) self = kopir_secret_store_new ();
  g_autoptr(KopirCredentials) credentials = kopir_credentials_new (API_KEY, API_SECRET);
  g_autoptr(KopirCredentials) found = NULL;
  g_autoptr(KopirCredentials) gone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *leaks = NULL;
  const char *needles[] = { API_SECRET, NULL };

  kopir_secret_store_store_credentials_async (self, "sandbox", "1234567", credentials, NULL,
                                              kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_secret_store_store_credentials_finish (self, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  kopir_secret_store_lookup_credentials_async (self, "sandbox", "1234567", NULL,
                                               kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  found = kopir_secret_store_lookup_credentials_finish (self, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (kopir_credentials_get_api_key (found), ==, API_KEY);
  g_assert_cmpstr (kopir_credentials_get_api_secret (found), ==, API_SECRET);
  g_clear_object (&result);

  /* The secret is in the Secret Service, readable by other clients... */
  secret = lookup (self, KOPIR_SECRET_KIND_API_SECRET, "sandbox", "1234567");
  g_assert_cmpstr (secret, ==, API_SECRET);

  /* ...and stored encrypted: no file in the home folder holds it. */
  leaks = kopir_test_scan_tree (g_getenv ("XDG_DATA_HOME"), needles);
  g_assert_null (leaks);

  /* The scan itself finds a secret written in plain text. */
  {
    g_autofree char *planted = g_build_filename (g_getenv ("XDG_CACHE_HOME"), "planted", NULL);
    g_autofree char *hits = NULL;

    g_assert_true (g_file_set_contents (planted, "x" API_SECRET "x", -1, NULL));
    hits = kopir_test_scan_tree (g_getenv ("XDG_CACHE_HOME"), needles);
    g_assert_nonnull (hits);
    g_unlink (planted);
  }

  kopir_secret_store_clear_credentials_async (self, "sandbox", "1234567", NULL,
                                              kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_secret_store_clear_credentials_finish (self, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  kopir_secret_store_lookup_credentials_async (self, "sandbox", "1234567", NULL,
                                               kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  gone = kopir_secret_store_lookup_credentials_finish (self, result, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
}

int
main (int   argc,
      char *argv[])
{
  /* No ISOLATE_DIRS: the keyring daemon runs with the folders
   * keyring-session.sh made, and the test scans them. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-store/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secret-store/credentials", test_credentials);

  return g_test_run ();
}
