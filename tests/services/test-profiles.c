/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-profiles.c: exchange profiles and the addresses Kopir may use */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kopir-profile-address.h"
#include "kopir-profile-manager.h"
#include "kopir-test-util.h"

typedef struct
{
  const char *url;
  gboolean    valid;
  int         code;
} UrlCase;

static void
test_validate_url (void)
{
  static const UrlCase cases[] = {
    { "https://api.example.kz", TRUE, 0 },
    { "https://api.example.kz:8443/prefix/", TRUE, 0 },
    { "wss://stream.example.kz/ws", TRUE, 0 },
    { "http://127.0.0.1:8080", TRUE, 0 },
    { "http://127.45.6.7", TRUE, 0 },
    { "http://[::1]:9000", TRUE, 0 },
    { "ws://127.0.0.1:8080/ws", TRUE, 0 },
    /* Anything unencrypted that leaves this computer is refused. */
    { "http://api.example.kz", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { "HTTP://API.EXAMPLE.KZ", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { "http://localhost:8080", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { "http://10.0.0.1", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { "http://128.0.0.1", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { "http://[::2]", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { "http://127.0.0.1.example.kz", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { "ws://stream.example.kz", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    /* Not base addresses at all. */
    { "", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { "api.example.kz", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { "ftp://api.example.kz", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { "file:///etc/passwd", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { "https://user:pass@api.example.kz", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { "https://api.example.kz/?x=1", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { "https://api.example.kz/#top", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { "https://", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { "https://exa mple.kz", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = kopir_exchange_profile_validate_url (cases[i].url, &error);

      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
        }
      else
        {
          g_assert_false (valid);
          g_assert_error (error, KOPIR_PROFILE_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, !=, "");
        }
    }

  g_assert_false (kopir_exchange_profile_validate_url (NULL, NULL));
  g_assert_true (kopir_exchange_profile_is_loopback_url ("http://127.0.0.1:1"));
  g_assert_false (kopir_exchange_profile_is_loopback_url ("https://example.kz"));
}

static void
test_shipped_profiles (void)
{
  g_autoptr(KopirProfileManager) manager = kopir_profile_manager_new (NULL);
  KopirExchangeProfile *sandbox;
  KopirExchangeProfile *testnet;
  KopirExchangeProfile *custom;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (manager)) == KOPIR_TYPE_EXCHANGE_PROFILE);

  /* The sandbox is the default and says it is one. */
  sandbox = kopir_profile_manager_get_active (manager);
  g_assert_nonnull (sandbox);
  g_assert_cmpstr (kopir_exchange_profile_get_id (sandbox), ==, "sandbox");
  g_assert_true (kopir_exchange_profile_is_sandbox (sandbox));
  g_assert_true (kopir_exchange_profile_has_onboarding (sandbox));
  g_assert_false (kopir_exchange_profile_is_configured (sandbox));

  testnet = kopir_profile_manager_lookup (manager, "binance-testnet");
  g_assert_nonnull (testnet);
  g_assert_false (kopir_exchange_profile_is_sandbox (testnet));
  g_assert_cmpstr (kopir_exchange_profile_get_trading_url (testnet), ==,
                   "https://testnet.binance.vision");
  /* Trading only: nobody opens an account there. */
  g_assert_false (kopir_exchange_profile_has_onboarding (testnet));
  g_assert_false (kopir_exchange_profile_get_editable (testnet));

  custom = kopir_profile_manager_lookup (manager, "custom");
  g_assert_nonnull (custom);
  g_assert_true (kopir_exchange_profile_get_editable (custom));
  g_assert_false (kopir_exchange_profile_is_configured (custom));

  kopir_profile_manager_set_active_id (manager, "binance-testnet");
  g_assert_true (kopir_profile_manager_get_active (manager) == testnet);

  /* A setting naming a profile that is gone falls back to the sandbox. */
  kopir_profile_manager_set_active_id (manager, "no-such-exchange");
  g_assert_true (kopir_profile_manager_get_active (manager) == sandbox);
}

static void
test_configure_custom (void)
{
  g_autoptr(KopirProfileManager) manager = kopir_profile_manager_new (NULL);
  g_autoptr(KopirProfileManager) reloaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_path = NULL;
  KopirExchangeProfile *custom;
  GStatBuf st;

  /* An unencrypted address is refused and nothing changes. */
  kopir_profile_manager_configure_async (manager, "custom", "http://api.example.kz", NULL,
                                         "https://onboarding.example.kz", NULL,
                                         kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_profile_manager_configure_finish (manager, result, &error));
  g_assert_error (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INSECURE_URL);
  g_clear_error (&error);
  g_clear_object (&result);
  custom = kopir_profile_manager_lookup (manager, "custom");
  g_assert_false (kopir_exchange_profile_is_configured (custom));

  /* The onboarding address is checked too. */
  kopir_profile_manager_configure_async (manager, "custom", "https://api.example.kz", NULL,
                                         "http://onboarding.example.kz", NULL,
                                         kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_profile_manager_configure_finish (manager, result, &error));
  g_assert_error (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INSECURE_URL);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Shipped profiles cannot be pointed elsewhere. */
  kopir_profile_manager_configure_async (manager, "binance-testnet", "https://evil.example",
                                         NULL, NULL, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_profile_manager_configure_finish (manager, result, &error));
  g_assert_error (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  kopir_profile_manager_configure_async (manager, "custom", "https://api.example.kz/", NULL,
                                         "https://onboarding.example.kz", NULL,
                                         kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_profile_manager_configure_finish (manager, result, &error));
  g_assert_no_error (error);
  g_assert_true (kopir_exchange_profile_is_configured (custom));
  g_assert_true (kopir_exchange_profile_has_onboarding (custom));
  g_assert_cmpstr (kopir_exchange_profile_get_trading_url (custom), ==, "https://api.example.kz");

  /* Saved for the next start, readable by the user only. */
  saved_path = g_build_filename (g_get_user_config_dir (), "kopir", "exchange-urls.ini", NULL);
  g_assert_cmpint (g_stat (saved_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  reloaded = kopir_profile_manager_new (NULL);
  custom = kopir_profile_manager_lookup (reloaded, "custom");
  g_assert_cmpstr (kopir_exchange_profile_get_trading_url (custom), ==, "https://api.example.kz");
  g_assert_cmpstr (kopir_exchange_profile_get_onboarding_url (custom), ==,
                   "https://onboarding.example.kz");
}

static void
test_administrator_profiles (void)
{
  const char * const *config_dirs = g_get_system_config_dirs ();
  g_autofree char *dir = g_build_filename (config_dirs[0], "kopir", "profiles", NULL);
  g_autofree char *good = g_build_filename (dir, "bank.profile", NULL);
  g_autofree char *bad = g_build_filename (dir, "insecure.profile", NULL);
  g_autoptr(KopirProfileManager) manager = NULL;
  KopirExchangeProfile *bank;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (good,
                                      "[Exchange Profile]\n"
                                      "Name=Our bank's exchange\n"
                                      "Name[ru]=Биржа нашего банка\n"
                                      "TradingUrl=https://api.bank.example.kz\n"
                                      "OnboardingUrl=https://onboarding.bank.example.kz\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (bad,
                                      "[Exchange Profile]\n"
                                      "Name=Plain text exchange\n"
                                      "TradingUrl=http://api.bank.example.kz\n",
                                      -1, NULL));

  g_test_expect_message ("kopir-profile", G_LOG_LEVEL_WARNING, "*insecure.profile*");
  manager = kopir_profile_manager_new (NULL);
  g_test_assert_expected_messages ();

  /* The id comes from the file name when the file names none. */
  bank = kopir_profile_manager_lookup (manager, "bank");
  g_assert_nonnull (bank);
  g_assert_cmpstr (kopir_exchange_profile_get_name (bank), ==, "Our bank's exchange");
  g_assert_true (kopir_exchange_profile_has_onboarding (bank));
  g_assert_null (kopir_profile_manager_lookup (manager, "insecure"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 4);
}

static void
test_translated_names (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(KopirProfileManager) manager = NULL;

      g_setenv ("LANGUAGE", "ru", TRUE);
      manager = kopir_profile_manager_new (NULL);
      g_assert_cmpstr (kopir_exchange_profile_get_name (kopir_profile_manager_lookup (manager, "sandbox")),
                       ==, "Песочница (без настоящих денег)");
      return;
    }

  /* Shipped profile names reach the customer in their language. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
configure (KopirProfileManager  *manager,
           const char           *id,
           const char           *trading_url,
           GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kopir_profile_manager_configure_async (manager, id, trading_url, NULL, NULL, NULL,
                                         kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);

  return kopir_profile_manager_configure_finish (manager, result, error);
}

/* Whoever follows the active profile (the context, which points the
 * clients at it) hears when its addresses change, and only then. */
static void
test_configure_active_notifies (void)
{
  g_autoptr(KopirProfileManager) manager = kopir_profile_manager_new (NULL);
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (manager, "notify::active", G_CALLBACK (count_notify), &notified);

  /* Not the active profile: nothing to follow. */
  g_assert_true (configure (manager, "custom", "https://api.example.kz", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 0);

  kopir_profile_manager_set_active_id (manager, "custom");
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (configure (manager, "custom", "http://127.0.0.1:9", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (kopir_exchange_profile_get_trading_url (kopir_profile_manager_get_active (manager)),
                   ==, "http://127.0.0.1:9");

  /* A refused address changes nothing, so nobody is told. */
  g_assert_false (configure (manager, "custom", "http://api.example.kz", &error));
  g_assert_error (error, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_INSECURE_URL);
  g_assert_cmpuint (notified, ==, 2);
}

typedef struct
{
  KopirAddressKind  kind;
  const char       *text;
  gboolean          valid;
  int               code;
} AddressCase;

static void
test_address_check (void)
{
  static const AddressCase cases[] = {
    /* Only the trading address is required. */
    { KOPIR_ADDRESS_TRADING, NULL, FALSE, KOPIR_PROFILE_ERROR_NOT_CONFIGURED },
    { KOPIR_ADDRESS_TRADING, "", FALSE, KOPIR_PROFILE_ERROR_NOT_CONFIGURED },
    { KOPIR_ADDRESS_STREAM, NULL, TRUE, 0 },
    { KOPIR_ADDRESS_ONBOARDING, "", TRUE, 0 },
    { KOPIR_ADDRESS_TRADING, "https://api.example.kz", TRUE, 0 },
    { KOPIR_ADDRESS_TRADING, "http://127.0.0.1:8080", TRUE, 0 },
    { KOPIR_ADDRESS_ONBOARDING, "https://onboarding.example.kz/v1", TRUE, 0 },
    { KOPIR_ADDRESS_STREAM, "wss://stream.example.kz/ws", TRUE, 0 },
    { KOPIR_ADDRESS_STREAM, "ws://127.0.0.1:8080/ws", TRUE, 0 },
    /* Each address of its own kind. */
    { KOPIR_ADDRESS_STREAM, "https://stream.example.kz/ws", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { KOPIR_ADDRESS_TRADING, "wss://api.example.kz", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { KOPIR_ADDRESS_ONBOARDING, "ws://127.0.0.1:8080", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    /* Unencrypted beyond this computer, including "localhost". */
    { KOPIR_ADDRESS_TRADING, "http://api.example.kz", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { KOPIR_ADDRESS_TRADING, "http://localhost:8080", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { KOPIR_ADDRESS_STREAM, "ws://LOCALHOST/ws", FALSE, KOPIR_PROFILE_ERROR_INSECURE_URL },
    { KOPIR_ADDRESS_TRADING, "api.example.kz", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
    { KOPIR_ADDRESS_TRADING, "ftp://api.example.kz", FALSE, KOPIR_PROFILE_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = kopir_profile_address_check (cases[i].kind, cases[i].text, &error);

      g_test_message ("%u: %s", cases[i].kind, cases[i].text ? cases[i].text : "(null)");
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
        }
      else
        {
          g_assert_error (error, KOPIR_PROFILE_ERROR, cases[i].code);
          /* A sentence that says what to do, not an empty message. */
          g_assert_cmpuint (strlen (error->message), >, 20);
        }
    }

  /* The localhost advice names the address to use. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (kopir_profile_address_check (KOPIR_ADDRESS_TRADING, "http://localhost", &error));
    g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  }
}

static void
test_address_clean (void)
{
  g_autofree char *pasted = kopir_profile_address_clean ("  https://api.example.kz \n");
  g_autofree char *blank = kopir_profile_address_clean (" \t ");

  g_assert_cmpstr (pasted, ==, "https://api.example.kz");
  g_assert_null (blank);
  g_assert_null (kopir_profile_address_clean (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/profiles/validate-url", test_validate_url);
  g_test_add_func ("/profiles/shipped", test_shipped_profiles);
  g_test_add_func ("/profiles/configure-custom", test_configure_custom);
  g_test_add_func ("/profiles/administrator", test_administrator_profiles);
  g_test_add_func ("/profiles/translated-names", test_translated_names);
  g_test_add_func ("/profiles/configure-active-notifies", test_configure_active_notifies);
  g_test_add_func ("/profiles/address-check", test_address_check);
  g_test_add_func ("/profiles/address-clean", test_address_clean);

  return g_test_run ();
}
