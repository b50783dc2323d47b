/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-assisted-live.c: a branch desk against a real kopir-sandbox
 *
 * Runs under keyring-session.sh. Staff sign in (a wrong password first,
 * which makes the next try wait), serve an existing customer identified by
 * IIN and the code sent to their phone (a wrong code first), lock and
 * unlock the desk, and end the session: the lent key stops working, the
 * customer's secrets, files and credentials are gone, and the audit trail
 * holds every step in order with the IIN masked. Then the exchange ends
 * the staff session and Kopir notices.
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "kopir-assisted-session.h"
#include "kopir-test-util.h"

typedef struct
{
  char                 *state_dir;
  char                 *audit_dir;
  KopirContext         *context;
  KopirAuditTrail      *audit;
  KopirAssistedSession *session;
  SoupSession          *control;
} Fixture;

static gboolean
context_ready (gpointer data)
{
  return kopir_context_get_ready (data);
}

static JsonObject *
sandbox (Fixture    *f,
         const char *method,
         const char *path,
         const char *body,
         guint      *status)
{
  KopirSandboxLauncher *launcher = kopir_context_get_sandbox_launcher (f->context);
  g_autofree char *url = g_strconcat (kopir_sandbox_launcher_get_base_url (launcher), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  answer = soup_session_send_and_read (f->control, message, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (message);

  data = g_bytes_get_data (answer, &len);
  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
latest_code (Fixture    *f,
             const char *phone)
{
  g_autofree char *escaped = g_uri_escape_string (phone, NULL, TRUE);
  g_autofree char *path = g_strconcat ("/sandbox/v1/inbox?phone=", escaped, NULL);
  g_autoptr(JsonObject) inbox = sandbox (f, "GET", path, NULL, NULL);
  JsonArray *messages = json_object_get_array_member (inbox, "messages");

  g_assert_cmpuint (json_array_get_length (messages), >, 0);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (messages, 0), "code"));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audit_path = NULL;

  f->state_dir = g_dir_make_tmp ("kopir-assisted-sandbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->audit_dir = g_build_filename (g_get_user_data_dir (), "kopir", "audit", NULL);
  audit_path = g_build_filename (f->audit_dir, "audit.sqlite", NULL);

  f->context = g_object_new (KOPIR_TYPE_CONTEXT, "sandbox-state-dir", f->state_dir, NULL);
  kopir_context_start_async (f->context, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_context_start_finish (f->context, result, &error));
  g_assert_no_error (error);
  kopir_test_wait_for (context_ready, f->context);

  f->audit = kopir_audit_trail_new (audit_path, &error);
  g_assert_no_error (error);
  f->session = kopir_assisted_session_new (f->context, f->audit);
  f->control = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->audit);
  g_object_run_dispose (G_OBJECT (f->context));
  g_clear_object (&f->context);
  g_clear_object (&f->control);
  kopir_customer_wipe_file (f->state_dir, NULL, NULL);
  kopir_customer_wipe_file (f->audit_dir, NULL, NULL);
  g_free (f->state_dir);
  g_free (f->audit_dir);
}

static gboolean
sign_in (Fixture     *f,
         const char  *staff_id,
         const char  *password,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kopir_assisted_session_sign_in_async (f->session, staff_id, password, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  return kopir_assisted_session_sign_in_finish (f->session, result, error);
}

static GListModel *
audit_entries (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *items;

  kopir_audit_trail_list_async (f->audit, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  items = kopir_audit_trail_list_finish (f->audit, result, &error);
  g_assert_no_error (error);
  return items;
}

/* "action outcome customer" for each entry, one a line. */
static char *
audit_summary (Fixture *f)
{
  g_autoptr(GListModel) items = audit_entries (f);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(KopirAuditItem) item = g_list_model_get_item (items, i);

      g_string_append_printf (out, "%s %s %s %s\n", kopir_audit_item_get_staff_id (item),
                              kopir_audit_item_get_action (item), kopir_audit_item_get_outcome (item),
                              *kopir_audit_item_get_customer (item) ? kopir_audit_item_get_customer (item) : "-");
    }
  return g_string_free (out, FALSE);
}

static void
store_secret (Fixture         *f,
              KopirSecretKind  kind,
              const char      *account,
              const char      *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirSecretStore *store = kopir_context_get_secret_store (f->context);

  kopir_secret_store_store_async (store, kind, "sandbox", account, secret, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_secret_store_store_finish (store, result, &error));
  g_assert_no_error (error);
}

static char *
lookup_secret (Fixture         *f,
               KopirSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirSecretStore *store = kopir_context_get_secret_store (f->context);
  char *secret;

  kopir_secret_store_lookup_async (store, kind, "sandbox", NULL, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  secret = kopir_secret_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);
  return secret;
}

static gboolean
account_works (Fixture *f)
{
  KopirExchangeClient *exchange = kopir_context_get_exchange_client (f->context);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirAccount) account = NULL;

  kopir_exchange_client_get_account_async (exchange, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  account = kopir_exchange_client_get_account_finish (exchange, result, &error);
  return account != NULL;
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static void
test_branch_desk (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) customer = NULL;
  g_autofree char *code = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *onboarding_dir = NULL;
  g_autofree char *application = NULL;
  guint forgotten = 0;
  g_autofree char *summary = NULL;
  g_autofree char *found = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *expected = NULL;
  const char *iin, *phone, *name;
  const char *needles[4];
  KopirStaffClient *staff = kopir_assisted_session_get_staff_client (f->session);
  KopirWipeReport report = { 0 };
  guint status = 0;

  /* Kopir was killed during a customer's session: the next start clears
   * what was left. */
  store_secret (f, KOPIR_SECRET_KIND_APPLICANT_TOKEN, "app_left_behind", "token-of-the-last-customer");
  kopir_assisted_session_startup_async (f->session, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_assisted_session_startup_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  secret = lookup_secret (f, KOPIR_SECRET_KIND_APPLICANT_TOKEN);
  g_assert_null (secret);

  customer = sandbox (f, "POST", "/sandbox/v1/accounts", "{\"kzt\": \"250000.00\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  iin = json_object_get_string_member (customer, "iin");
  phone = json_object_get_string_member (customer, "phone");
  name = json_object_get_string_member (customer, "full_name");

  /* A wrong password, and the next try must wait. */
  g_assert_false (sign_in (f, "S0001", "sandbox-staff-2", &error));
  g_assert_error (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpuint (kopir_staff_client_get_wait_seconds (staff), ==, 1);
  g_assert_false (sign_in (f, "S0001", "sandbox-staff-1", &error));
  g_assert_error (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WAIT);
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);
  g_assert_cmpuint (kopir_assisted_session_get_state (f->session), ==, KOPIR_ASSISTED_STATE_SIGNED_OUT);

  /* Another desk (its own client) signs in at once. */
  g_clear_object (&f->session);
  f->session = kopir_assisted_session_new (f->context, f->audit);
  staff = kopir_assisted_session_get_staff_client (f->session);
  g_assert_true (sign_in (f, "S0001", "sandbox-staff-1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kopir_assisted_session_get_state (f->session), ==, KOPIR_ASSISTED_STATE_READY);
  g_assert_cmpstr (kopir_assisted_session_get_staff_id (f->session), ==, "S0001");
  g_assert_nonnull (kopir_assisted_session_get_staff_name (f->session));
  g_assert_nonnull (kopir_assisted_session_get_branch (f->session));

  /* An IIN nobody has. */
  kopir_assisted_session_identify_customer_async (f->session, "900101300017", "kk", NULL,
                                                  kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_assisted_session_identify_customer_finish (f->session, result, &error));
  g_assert_error (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CUSTOMER_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (kopir_assisted_session_get_state (f->session), ==, KOPIR_ASSISTED_STATE_READY);
  g_assert_null (kopir_assisted_session_get_customer_iin_masked (f->session));

  /* The existing customer: a code to their phone. */
  kopir_assisted_session_identify_customer_async (f->session, iin, "kk", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_assisted_session_identify_customer_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (kopir_assisted_session_get_state (f->session), ==, KOPIR_ASSISTED_STATE_IDENTIFYING);
  g_assert_true (g_str_has_suffix (kopir_assisted_session_get_customer_phone_masked (f->session),
                                   phone + strlen (phone) - 2));
  g_assert_null (strstr (kopir_assisted_session_get_customer_phone_masked (f->session), phone + 2));
  g_assert_false (kopir_context_get_has_credentials (f->context));

  code = latest_code (f, phone);
  wrong = g_strdup_printf ("%06d", (atoi (code) + 1) % 1000000);
  kopir_assisted_session_verify_code_async (f->session, wrong, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_assisted_session_verify_code_finish (f->session, result, &error));
  g_assert_error (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_CODE);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);
  g_clear_object (&result);

  kopir_assisted_session_verify_code_async (f->session, code, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_assisted_session_verify_code_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (kopir_assisted_session_get_state (f->session), ==, KOPIR_ASSISTED_STATE_SERVING);
  g_assert_cmpstr (kopir_assisted_session_get_customer_name (f->session), ==, name);
  g_assert_cmpstr (kopir_assisted_session_get_customer_id (f->session), ==,
                   json_object_get_string_member (customer, "customer_id"));
  g_assert_cmpstr (kopir_assisted_session_get_customer_language (f->session), ==, "kk");
  g_assert_true (kopir_context_get_has_credentials (f->context));
  g_assert_true (account_works (f));

  /* Locked and unlocked with the password: the customer session goes on. */
  kopir_assisted_session_lock (f->session, "idle");
  g_assert_true (kopir_assisted_session_get_locked (f->session));
  kopir_assisted_session_unlock_async (f->session, "sandbox-staff-1", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_assisted_session_unlock_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_false (kopir_assisted_session_get_locked (f->session));
  g_assert_true (account_works (f));

  /* The customer confirms a purchase with a code to their phone. */
  {
    g_autofree char *masked_phone = NULL;
    g_autofree char *confirm = NULL;
    g_autofree char *bad = NULL;

    kopir_assisted_session_request_confirmation_async (f->session, "purchase", NULL, kopir_test_async_cb, &result);
    result = kopir_test_wait_result (&result);
    masked_phone = kopir_assisted_session_request_confirmation_finish (f->session, result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_true (g_str_has_suffix (masked_phone, phone + strlen (phone) - 2));

    confirm = latest_code (f, phone);
    bad = g_strdup_printf ("%06d", (atoi (confirm) + 7) % 1000000);
    kopir_assisted_session_confirm_async (f->session, bad, "{\"symbol\":\"BTCKZT\"}", NULL,
                                          kopir_test_async_cb, &result);
    result = kopir_test_wait_result (&result);
    g_assert_false (kopir_assisted_session_confirm_finish (f->session, result, &error));
    g_assert_error (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_CODE);
    g_clear_error (&error);
    g_clear_object (&result);
    kopir_assisted_session_confirm_async (f->session, confirm, "{\"symbol\":\"BTCKZT\"}", NULL,
                                          kopir_test_async_cb, &result);
    result = kopir_test_wait_result (&result);
    g_assert_true (kopir_assisted_session_confirm_finish (f->session, result, &error));
    g_assert_no_error (error);
    g_clear_object (&result);
  }

  /* What the customer's session left: a draft on disk and secrets. */
  draft = g_build_filename (g_get_user_data_dir (), "kopir", "assisted-draft.ini", NULL);
  g_assert_true (g_file_set_contents_full (draft, name, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  kopir_customer_wipe_add_path (kopir_assisted_session_get_wipe (f->session), draft);
  /* And an application being filled in, where the Account page keeps it. */
  onboarding_dir = kopir_context_get_onboarding_dir (f->context);
  application = g_build_filename (onboarding_dir, "sandbox.ini", NULL);
  g_assert_cmpint (g_mkdir_with_parents (onboarding_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents_full (application, iin, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  g_signal_connect_swapped (f->context, "customer-forgotten", G_CALLBACK (count_signal), &forgotten);
  store_secret (f, KOPIR_SECRET_KIND_API_SECRET, "1000099", "secret-of-the-customer");
  kopir_assisted_session_record (f->session, KOPIR_AUDIT_ACTION_DOCUMENT_PRINT, "ok",
                                 "{\"document\":\"receipt\",\"language\":\"kk\"}");

  kopir_assisted_session_end_customer_async (f->session, KOPIR_SESSION_END_STAFF, NULL,
                                             kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_assisted_session_end_customer_finish (f->session, result, &report, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  /* The draft, the application and the ledger with the customer's orders. */
  g_assert_cmpuint (report.n_files, ==, 3);
  g_assert_cmpuint (report.n_secret_sets, ==, 4);
  g_assert_false (g_file_test (application, G_FILE_TEST_EXISTS));
  /* Told once the files were gone, so that nothing read them back. */
  g_assert_cmpuint (forgotten, ==, 1);
  g_signal_handlers_disconnect_by_func (f->context, count_signal, &forgotten);
  g_assert_cmpuint (kopir_assisted_session_get_state (f->session), ==, KOPIR_ASSISTED_STATE_READY);
  g_assert_null (kopir_assisted_session_get_customer_iin_masked (f->session));
  g_assert_null (kopir_assisted_session_get_customer_name (f->session));
  g_assert_false (kopir_context_get_has_credentials (f->context));
  g_assert_false (account_works (f));
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  secret = lookup_secret (f, KOPIR_SECRET_KIND_API_SECRET);
  g_assert_null (secret);

  /* Nothing of the customer in Kopir's folders. */
  needles[0] = iin;
  needles[1] = phone;
  needles[2] = name;
  needles[3] = NULL;
  found = kopir_test_scan_tree (g_get_home_dir (), needles);
  g_assert_null (found);
  found = kopir_test_scan_tree (g_get_user_data_dir (), needles);
  g_assert_null (found);

  /* A wrong unlock password is refused and recorded. */
  kopir_assisted_session_lock (f->session, "staff");
  kopir_assisted_session_unlock_async (f->session, "guess", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_assisted_session_unlock_finish (f->session, result, &error));
  g_assert_error (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_true (kopir_assisted_session_get_locked (f->session));

  /* The exchange ends the staff session (its clock runs an hour ahead). */
  {
    g_autoptr(JsonObject) fault = sandbox (f, "POST", "/sandbox/v1/faults",
                                           "{\"kind\": \"clock_skew\", \"skew_ms\": 3600000}", &status);

    g_assert_cmpuint (status, ==, 201);
  }
  kopir_staff_client_check_session_async (staff, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_staff_client_check_session_finish (staff, result, &error));
  g_assert_error (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_EXPIRED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (kopir_assisted_session_get_state (f->session), ==, KOPIR_ASSISTED_STATE_SIGNED_OUT);
  g_assert_false (kopir_assisted_session_get_locked (f->session));
  g_assert_false (kopir_staff_client_get_signed_in (staff));

  /* Every step, in order, with the IIN masked. */
  summary = audit_summary (f);
  {
    g_autofree char *m = g_strdup_printf ("********%s", iin + 8);

    expected = g_strdup_printf ("system assisted.start ok -\n"
                                "S0001 staff.sign-in wrong-password -\n"
                                "S0001 staff.sign-in throttled -\n"
                                "S0001 staff.sign-in ok -\n"
                                "S0001 customer.session-start not-found ********0017\n"
                                "S0001 customer.session-start ok %s\n"
                                "S0001 customer.identify wrong-code %s\n"
                                "S0001 customer.identify ok %s\n"
                                "S0001 staff.lock ok %s\n"
                                "S0001 staff.unlock ok %s\n"
                                "S0001 order.confirm wrong-code %s\n"
                                "S0001 order.confirm ok %s\n"
                                "S0001 document.print ok %s\n"
                                "S0001 customer.session-end ok %s\n"
                                "S0001 staff.lock ok -\n"
                                "S0001 staff.unlock wrong-password -\n"
                                "S0001 staff.session-expired expired -\n",
                                m, m, m, m, m, m, m, m, m);
  }
  g_assert_cmpstr (summary, ==, expected);
  g_assert_null (strstr (summary, iin));

  {
    g_autoptr(GAsyncResult) verified = NULL;

    kopir_audit_trail_verify_async (f->audit, NULL, kopir_test_async_cb, &verified);
    verified = kopir_test_wait_result (&verified);
    g_assert_true (kopir_audit_trail_verify_finish (f->audit, verified, NULL, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/assisted/branch-desk", Fixture, NULL, fixture_setup, test_branch_desk, fixture_teardown);

  return g_test_run ();
}
