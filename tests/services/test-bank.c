/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-bank.c: the bank side of the account client against a real
 * kopir-sandbox: whose accounts may be linked, simulated transfers (only
 * on the practice exchange), the deposit tracker, and withdrawals that
 * pay once however often they are sent. */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kopir-account-client.h"
#include "kopir-deposit-tracker.h"
#include "kopir-exchange-client.h"
#include "kopir-exchange-error.h"
#include "kopir-test-util.h"
#include "kopir-transfer-journal.h"

#define HALYK "KZ886010000012345678"
#define KASPI "KZ73722C000022222222"

typedef struct
{
  KopirTestSandbox    *sandbox;
  SoupSession         *session;
  KopirSecretStore    *secrets;
  KopirAccountClient  *client;
  KopirExchangeClient *exchange;
  char                *customer_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KopirCredentials) credentials = NULL;

  fixture->sandbox = kopir_test_sandbox_new ();
  fixture->session = kopir_http_session_new ();
  fixture->secrets = kopir_secret_store_new ();
  fixture->client = kopir_account_client_new (fixture->session, fixture->secrets);
  fixture->exchange = kopir_exchange_client_new (fixture->session);
  kopir_account_client_set_base_url (fixture->client, kopir_test_sandbox_get_url (fixture->sandbox));
  kopir_account_client_set_sandbox (fixture->client, TRUE);
  kopir_exchange_client_set_base_url (fixture->exchange, kopir_test_sandbox_get_url (fixture->sandbox));
  credentials = kopir_test_sandbox_new_customer (fixture->sandbox, "100000.00", &fixture->customer_id);
  kopir_account_client_set_credentials (fixture->client, credentials);
  kopir_exchange_client_set_credentials (fixture->exchange, credentials);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->exchange);
  g_clear_object (&fixture->secrets);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sandbox, kopir_test_sandbox_free);
  g_clear_pointer (&fixture->customer_id, g_free);
}

static KopirAccountHolder *
get_holder (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirAccountHolder *holder;

  kopir_account_client_get_account_holder_async (fixture->client, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  holder = kopir_account_client_get_account_holder_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (holder);

  return holder;
}

static KopirBankLink *
link_account (Fixture            *fixture,
              KopirAccountHolder *holder,
              const char         *iban)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirBankLink *link;

  kopir_account_client_link_bank_account_async (fixture->client, iban,
                                                kopir_account_holder_get_name (holder),
                                                kopir_account_holder_get_iin (holder),
                                                NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  link = kopir_account_client_link_bank_account_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);

  return link;
}

static KopirDeposit *
simulate (Fixture     *fixture,
          const char  *iban,
          const char  *name,
          const char  *iin,
          const char  *amount,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *purpose = g_strdup_printf ("Purchase of digital assets, customer %s",
                                              fixture->customer_id);
  KopirDecimal value;

  g_assert_true (kopir_decimal_parse (amount, &value, NULL));
  kopir_account_client_simulate_bank_transfer_async (fixture->client, iban, name, iin, &value,
                                                     purpose, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);

  return kopir_account_client_simulate_bank_transfer_finish (fixture->client, result, error);
}

static GListModel *
list_deposits (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *deposits;

  kopir_account_client_list_deposits_async (fixture->client, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  deposits = kopir_account_client_list_deposits_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  return deposits;
}

static GListModel *
list_withdrawals (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *withdrawals;

  kopir_account_client_list_withdrawals_async (fixture->client, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  withdrawals = kopir_account_client_list_withdrawals_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  return withdrawals;
}

static char *
free_kzt (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirAccount) account = NULL;
  KopirBalance *balance;
  KopirDecimal value;

  kopir_exchange_client_get_account_async (fixture->exchange, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  account = kopir_exchange_client_get_account_finish (fixture->exchange, result, &error);
  g_assert_no_error (error);
  balance = kopir_account_lookup_balance (account, "KZT");
  g_assert_nonnull (balance);
  value = kopir_balance_get_free (balance);

  return kopir_decimal_dup_string_fixed (&value, 2, KOPIR_ROUNDING_DOWN);
}

static KopirWithdrawal *
withdraw (Fixture     *fixture,
          const char  *link_id,
          const char  *amount,
          const char  *client_id,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  KopirDecimal value;

  g_assert_true (kopir_decimal_parse (amount, &value, NULL));
  kopir_account_client_withdraw_async (fixture->client, link_id, &value, client_id, NULL,
                                       kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);

  return kopir_account_client_withdraw_finish (fixture->client, result, error);
}

/* The exchange says whose accounts may be linked, and a link with exactly
 * those words is accepted. */
static void
test_holder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KopirAccountHolder) holder = get_holder (fixture);
  g_autoptr(KopirBankLink) link = NULL;

  g_assert_cmpstr (kopir_account_holder_get_customer_id (holder), ==, fixture->customer_id);
  g_assert_cmpuint (strlen (kopir_account_holder_get_iin (holder)), ==, 12);
  g_assert_true (strchr (kopir_account_holder_get_name (holder), ' ') != NULL);
  g_assert_true (kopir_account_holder_get_resident (holder));

  link = link_account (fixture, holder, "kz88 6010 0000 1234 5678");
  g_assert_cmpstr (kopir_bank_link_get_iban (link), ==, HALYK);
  g_assert_cmpstr (kopir_bank_link_get_bic (link), ==, "HSBKKZKX");
}

/* The payment purpose comes in the language asked for, with the id. */
static void
test_instructions_language (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KopirDepositInstructions) en = NULL;
  g_autoptr(KopirDepositInstructions) ru = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      kopir_account_client_set_language (fixture->client, i == 0 ? "en" : "ru");
      kopir_account_client_get_deposit_instructions_async (fixture->client, NULL,
                                                           kopir_test_async_cb, &result);
      result = kopir_test_wait_result (&result);
      if (i == 0)
        en = kopir_account_client_get_deposit_instructions_finish (fixture->client, result, &error);
      else
        ru = kopir_account_client_get_deposit_instructions_finish (fixture->client, result, &error);
      g_assert_no_error (error);
    }

  g_assert_nonnull (strstr (en->purpose, fixture->customer_id));
  g_assert_nonnull (strstr (ru->purpose, fixture->customer_id));
  g_assert_cmpstr (en->purpose, !=, ru->purpose);
  g_assert_cmpstr (ru->kbe, ==, "15");
  g_assert_cmpstr (ru->knp, ==, "371");
}

/* A simulated transfer is refused anywhere but on the practice exchange
 * on this computer, and nothing reaches the exchange. */
static void
test_simulate_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KopirAccountHolder) holder = get_holder (fixture);
  g_autoptr(KopirDeposit) deposit = NULL;
  g_autoptr(GListModel) deposits = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = kopir_account_holder_get_name (holder);
  const char *iin = kopir_account_holder_get_iin (holder);

  g_clear_object (&holder);
  holder = get_holder (fixture);
  g_object_unref (link_account (fixture, holder, HALYK));

  kopir_account_client_set_sandbox (fixture->client, FALSE);
  deposit = simulate (fixture, HALYK, name, iin, "1000.00", &error);
  g_assert_error (error, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_NOT_OFFERED);
  g_assert_null (deposit);
  g_clear_error (&error);

  /* A profile that claims to be the sandbox but is not on this computer. */
  kopir_account_client_set_sandbox (fixture->client, TRUE);
  kopir_account_client_set_base_url (fixture->client, "https://exchange.example.kz");
  deposit = simulate (fixture, HALYK, name, iin, "1000.00", &error);
  g_assert_error (error, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_NOT_OFFERED);
  g_clear_error (&error);

  kopir_account_client_set_base_url (fixture->client, kopir_test_sandbox_get_url (fixture->sandbox));
  deposits = list_deposits (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (deposits), ==, 0);
}

/* From a linked account of the customer's the money is credited; from
 * someone else's it is returned with a reason the customer can read; the
 * tracker announces each once. */
static void
test_simulate_and_track (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KopirAccountHolder) holder = get_holder (fixture);
  g_autoptr(KopirDepositTracker) tracker = kopir_deposit_tracker_new ();
  g_autoptr(KopirDeposit) credited = NULL;
  g_autoptr(KopirDeposit) returned = NULL;
  g_autoptr(GListModel) deposits = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *balance = NULL;
  const char *reason;

  g_object_unref (link_account (fixture, holder, HALYK));

  /* Primed by an empty list: nothing to announce. */
  deposits = list_deposits (fixture);
  changed = kopir_deposit_tracker_update (tracker, deposits);
  g_assert_cmpuint (changed->len, ==, 0);
  g_clear_pointer (&changed, g_ptr_array_unref);
  g_clear_object (&deposits);

  credited = simulate (fixture, HALYK, kopir_account_holder_get_name (holder),
                       kopir_account_holder_get_iin (holder), "25000.50", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_deposit_get_state (credited), ==, KOPIR_DEPOSIT_STATE_CREDITED);
  balance = free_kzt (fixture);
  g_assert_cmpstr (balance, ==, "125000.50");

  returned = simulate (fixture, KASPI, "Жұмабаев Асан Серікұлы", "850101400011", "5000.00", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_deposit_get_state (returned), ==, KOPIR_DEPOSIT_STATE_RETURNED);
  reason = kopir_deposit_get_return_reason (returned);
  g_assert_cmpstr (reason, ==, "sender_not_linked");
  g_assert_cmpstr (kopir_deposit_describe_return_reason (reason), !=,
                   kopir_deposit_describe_return_reason ("no_such_reason"));
  g_clear_pointer (&balance, g_free);
  balance = free_kzt (fixture);
  g_assert_cmpstr (balance, ==, "125000.50");

  deposits = list_deposits (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (deposits), ==, 2);
  changed = kopir_deposit_tracker_update (tracker, deposits);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpstr (kopir_deposit_get_id (g_ptr_array_index (changed, 0)), ==,
                   kopir_deposit_get_id (credited));
  g_assert_cmpstr (kopir_deposit_get_id (g_ptr_array_index (changed, 1)), ==,
                   kopir_deposit_get_id (returned));
  g_clear_pointer (&changed, g_ptr_array_unref);

  /* The same list again: already announced. */
  changed = kopir_deposit_tracker_update (tracker, deposits);
  g_assert_cmpuint (changed->len, ==, 0);
}

/* A withdrawal sent twice with the same id, or repeated by the transport
 * after the exchange dropped the connection, pays once. */
static void
test_withdraw_once (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KopirAccountHolder) holder = get_holder (fixture);
  g_autoptr(KopirBankLink) link = link_account (fixture, holder, HALYK);
  g_autoptr(KopirWithdrawal) first = NULL;
  g_autoptr(KopirWithdrawal) again = NULL;
  g_autoptr(KopirWithdrawal) dropped = NULL;
  g_autoptr(KopirWithdrawal) refused = NULL;
  g_autoptr(GListModel) withdrawals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *balance = NULL;
  KopirDecimal amount;

  first = withdraw (fixture, kopir_bank_link_get_id (link), "10000.00", "wd-test-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kopir_withdrawal_get_client_withdrawal_id (first), ==, "wd-test-1");
  g_assert_cmpstr (kopir_withdrawal_get_link_id (first), ==, kopir_bank_link_get_id (link));
  g_assert_cmpstr (kopir_withdrawal_get_status (first), ==, "completed");
  amount = kopir_withdrawal_get_amount (first);
  g_assert_cmpint (kopir_decimal_compare (&amount, &(KopirDecimal) { 10000, 0 }), ==, 0);

  again = withdraw (fixture, kopir_bank_link_get_id (link), "10000.00", "wd-test-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kopir_withdrawal_get_id (again), ==, kopir_withdrawal_get_id (first));
  balance = free_kzt (fixture);
  g_assert_cmpstr (balance, ==, "90000.00");

  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"drop_after_accept\", \"path\": \"/bank/v1/withdrawals\","
                                " \"method\": \"POST\", \"count\": 1}");
  dropped = withdraw (fixture, kopir_bank_link_get_id (link), "2500.00", "wd-test-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kopir_withdrawal_get_client_withdrawal_id (dropped), ==, "wd-test-2");
  {
    /* The fault was used up: the first answer really was lost. */
    g_autoptr(JsonNode) faults = NULL;
    guint status = 0;

    faults = kopir_test_sandbox_request (fixture->sandbox, "GET", "/sandbox/v1/faults", NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (faults),
                                                                           "faults")), ==, 0);
  }
  g_clear_pointer (&balance, g_free);
  balance = free_kzt (fixture);
  g_assert_cmpstr (balance, ==, "87500.00");

  withdrawals = list_withdrawals (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (withdrawals), ==, 2);

  /* More than the balance: refused beside the amount. */
  refused = withdraw (fixture, kopir_bank_link_get_id (link), "900000.00", "wd-test-3", &error);
  g_assert_null (refused);
  g_assert_error (error, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_INVALID);
  g_assert_nonnull (kopir_account_error_get_field_error (error, "amount"));
}

static GPtrArray *
journal_sync (KopirTransferJournal *journal,
              GListModel           *deposits,
              GListModel           *withdrawals)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pending;

  kopir_transfer_journal_sync_async (journal, deposits, withdrawals, withdrawals != NULL, NULL,
                                     kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  pending = kopir_transfer_journal_sync_finish (journal, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pending);

  return pending;
}

static gboolean
journal_begin (KopirTransferJournal  *journal,
               const char            *client_id,
               KopirBankLink         *link,
               const char            *amount,
               GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  KopirDecimal value;

  g_assert_true (kopir_decimal_parse (amount, &value, NULL));
  kopir_transfer_journal_begin_withdrawal_async (journal, client_id, kopir_bank_link_get_id (link),
                                                 kopir_bank_link_get_iban (link), &value, NULL,
                                                 kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);

  return kopir_transfer_journal_begin_withdrawal_finish (journal, result, error);
}

/* A withdrawal is in the ledger before it is sent. When every answer to it
 * is lost it stays pending, with its account, and can be sent again
 * unchanged, paying once; the exchange's list settles it. One that never
 * reached the exchange is taken as not made once no request for it could
 * still arrive. Deposits come into the ledger from the exchange's list. */
static void
test_withdrawal_journal (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KopirAccountHolder) holder = get_holder (fixture);
  g_autoptr(KopirBankLink) link = link_account (fixture, holder, HALYK);
  g_autoptr(KopirDeposit) credited = NULL;
  g_autoptr(KopirWithdrawal) lost = NULL;
  g_autoptr(KopirWithdrawal) paid = NULL;
  g_autoptr(GListModel) deposits = NULL;
  g_autoptr(GListModel) withdrawals = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(KopirTransferJournal) journal = NULL;
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kopir-journal-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *balance = NULL;
  KopirLedgerQuery query = { 0 };
  KopirLedgerTransfer *t;
  KopirLedgerEntry *entry;

  /* The journal writes to an existing ledger only. */
  journal = kopir_transfer_journal_new (path);
  g_assert_false (journal_begin (journal, "wd-journal-0", link, "100.00", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  ledger = kopir_ledger_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&ledger);

  g_assert_true (journal_begin (journal, "wd-journal-1", link, "7500.00", &error));
  g_assert_no_error (error);
  kopir_test_sandbox_arm_fault (fixture->sandbox,
                                "{\"kind\": \"drop_after_accept\", \"path\": \"/bank/v1/withdrawals\","
                                " \"method\": \"POST\", \"count\": 4}");
  lost = withdraw (fixture, kopir_bank_link_get_id (link), "7500.00", "wd-journal-1", &error);
  g_assert_null (lost);
  g_assert_nonnull (error);
  g_assert_false (error->domain == KOPIR_ACCOUNT_ERROR);
  g_clear_error (&error);

  pending = journal_sync (journal, NULL, NULL);
  g_assert_cmpuint (pending->len, ==, 1);
  t = g_ptr_array_index (pending, 0);
  g_assert_cmpstr (t->external_id, ==, "wd-journal-1");
  g_assert_cmpstr (t->link_id, ==, kopir_bank_link_get_id (link));
  g_assert_cmpstr (t->reference, ==, "KZ88********5678");
  g_assert_true (kopir_decimal_equal (&t->amount, &(KopirDecimal) { 7500, 0 }));
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* Sent again as it was: paid once. */
  g_assert_true (journal_begin (journal, "wd-journal-1", link, "7500.00", &error));
  paid = withdraw (fixture, kopir_bank_link_get_id (link), "7500.00", "wd-journal-1", &error);
  g_assert_no_error (error);
  balance = free_kzt (fixture);
  g_assert_cmpstr (balance, ==, "92500.00");

  /* Written, then the computer stopped before sending it. */
  g_assert_true (journal_begin (journal, "wd-journal-2", link, "1000.00", &error));
  credited = simulate (fixture, HALYK, kopir_account_holder_get_name (holder),
                       kopir_account_holder_get_iin (holder), "25000.50", &error);
  g_assert_no_error (error);

  deposits = list_deposits (fixture);
  withdrawals = list_withdrawals (fixture);
  pending = journal_sync (journal, deposits, withdrawals);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((KopirLedgerTransfer *) g_ptr_array_index (pending, 0))->external_id, ==, "wd-journal-2");
  g_clear_pointer (&pending, g_ptr_array_unref);

  kopir_transfer_journal_set_settle_time (journal, 0);
  pending = journal_sync (journal, deposits, withdrawals);
  g_assert_cmpuint (pending->len, ==, 0);

  ledger = kopir_ledger_open (path, &error);
  g_assert_no_error (error);
  query.sort = KOPIR_LEDGER_SORT_TIME;
  page = kopir_ledger_query_history (ledger, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  for (guint i = 0; i < page->len; i++)
    {
      entry = g_ptr_array_index (page, i);
      g_assert_nonnull (entry->transfer);
      if (g_str_equal (entry->transfer->external_id, "wd-journal-1"))
        g_assert_cmpint (entry->transfer->state, ==, KOPIR_TRANSFER_STATE_COMPLETED);
      else if (g_str_equal (entry->transfer->external_id, "wd-journal-2"))
        g_assert_cmpint (entry->transfer->state, ==, KOPIR_TRANSFER_STATE_FAILED);
      else
        {
          g_assert_cmpstr (entry->transfer->external_id, ==, kopir_deposit_get_id (credited));
          g_assert_cmpint (entry->transfer->kind, ==, KOPIR_TRANSFER_DEPOSIT);
          g_assert_cmpint (entry->transfer->state, ==, KOPIR_TRANSFER_STATE_COMPLETED);
          g_assert_true (kopir_decimal_equal (&entry->transfer->amount, &(KopirDecimal) { 2500050, 2 }));
          g_assert_cmpint (entry->time_us, ==, kopir_deposit_get_created_at (credited) * 1000);
        }
    }

  g_clear_object (&ledger);
  for (guint i = 0; i < 3; i++)
    {
      static const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static KopirDeposit *
deposit_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  KopirDeposit *deposit;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  deposit = kopir_deposit_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);

  return deposit;
}

/* A transfer being checked is announced when it becomes final, once;
 * reset forgets, so the next list primes again. */
static void
test_tracker_states (void)
{
  g_autoptr(KopirDepositTracker) tracker = kopir_deposit_tracker_new ();
  g_autoptr(GListStore) list = g_list_store_new (KOPIR_TYPE_DEPOSIT);
  g_autoptr(KopirDeposit) old = NULL;
  g_autoptr(KopirDeposit) pending = NULL;
  g_autoptr(KopirDeposit) done = NULL;
  g_autoptr(GPtrArray) changed = NULL;

  old = deposit_from_json ("{\"id\": \"dep_1\", \"amount\": \"10.00\", \"status\": \"credited\","
                           " \"created_at\": 1}");
  pending = deposit_from_json ("{\"id\": \"dep_2\", \"amount\": \"20.00\", \"status\": \"received\","
                               " \"created_at\": 2}");
  done = deposit_from_json ("{\"id\": \"dep_2\", \"amount\": \"20.00\", \"status\": \"returned\","
                            " \"return_reason\": \"holder_mismatch\", \"created_at\": 2}");
  g_assert_cmpint (kopir_deposit_get_state (pending), ==, KOPIR_DEPOSIT_STATE_RECEIVED);
  g_assert_cmpstr (kopir_deposit_state_to_label (KOPIR_DEPOSIT_STATE_RETURNED), ==, "Returned");

  g_list_store_append (list, old);
  changed = kopir_deposit_tracker_update (tracker, G_LIST_MODEL (list));
  g_assert_cmpuint (changed->len, ==, 0);
  g_clear_pointer (&changed, g_ptr_array_unref);

  g_list_store_insert (list, 0, pending);
  changed = kopir_deposit_tracker_update (tracker, G_LIST_MODEL (list));
  g_assert_cmpuint (changed->len, ==, 0);
  g_clear_pointer (&changed, g_ptr_array_unref);

  g_list_store_remove (list, 0);
  g_list_store_insert (list, 0, done);
  changed = kopir_deposit_tracker_update (tracker, G_LIST_MODEL (list));
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_true (g_ptr_array_index (changed, 0) == (gpointer) done);
  g_clear_pointer (&changed, g_ptr_array_unref);

  kopir_deposit_tracker_reset (tracker);
  changed = kopir_deposit_tracker_update (tracker, G_LIST_MODEL (list));
  g_assert_cmpuint (changed->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bank/tracker-states", test_tracker_states);
  g_test_add ("/bank/holder", Fixture, NULL, fixture_set_up, test_holder, fixture_tear_down);
  g_test_add ("/bank/instructions-language", Fixture, NULL, fixture_set_up,
              test_instructions_language, fixture_tear_down);
  g_test_add ("/bank/simulate-refused", Fixture, NULL, fixture_set_up, test_simulate_refused,
              fixture_tear_down);
  g_test_add ("/bank/simulate-and-track", Fixture, NULL, fixture_set_up, test_simulate_and_track,
              fixture_tear_down);
  g_test_add ("/bank/withdrawal-journal", Fixture, NULL, fixture_set_up, test_withdrawal_journal,
              fixture_tear_down);
  g_test_add ("/bank/withdraw-once", Fixture, NULL, fixture_set_up, test_withdraw_once,
              fixture_tear_down);

  return g_test_run ();
}
