/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-flow.c: a whole customer journey, and what it leaves behind
 *
 * Runs under keyring-session.sh. The journey runs in a subprocess with
 * every debug message on and Kopir's redacting log writer installed:
 * open an account (personal data, documents, knowledge test, review),
 * receive credentials, link a bank account, fund it, buy. The parent then
 * checks that neither the captured output nor any file under the home
 * and XDG folders holds a secret (API secret or key, applicant token) or
 * an unmasked IIN or IBAN. The practice exchange's own state, which as an
 * exchange must hold the keys it issued, lives outside those folders.
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "kopir-context.h"
#include "kopir-log-writer.h"
#include "kopir-test-util.h"

#define IIN "990101300122"
#define IBAN "KZ456010000000000001"
#define FULL_NAME "Жұмабаев Нұрлан Серікұлы"

static const char personal_data[] =
  "{\"last_name\": \"Жұмабаев\", \"first_name\": \"Нұрлан\", \"patronymic\": \"Серікұлы\","
  " \"date_of_birth\": \"1999-01-01\", \"sex\": \"male\", \"iin\": \"" IIN "\","
  " \"citizenship\": \"KZ\", \"resident\": true,"
  " \"address\": {\"country\": \"KZ\", \"city\": \"Алматы\", \"street\": \"Абай даңғылы 10, 5\"},"
  " \"phone\": \"+77011234567\", \"email\": \"nurlan@example.kz\","
  " \"document\": {\"type\": \"id_card\", \"number\": \"012345678\", \"issue_date\": \"2020-05-01\","
  " \"expiry_date\": \"2030-05-01\"},"
  " \"pep\": false, \"source_of_funds\": \"salary\", \"occupation\": \"Engineer\","
  " \"tax_residency\": [\"KZ\"], \"risk_warnings_accepted\": true, \"personal_data_consent\": true}";

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (guint k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return crc ^ 0xffffffff;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       len)
{
  g_autoptr(GByteArray) crc_input = g_byte_array_new ();
  guint32 be_len = GUINT32_TO_BE (len);
  guint32 crc;

  g_byte_array_append (png, (const guint8 *) &be_len, 4);
  g_byte_array_append (crc_input, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (crc_input, data, len);
  g_byte_array_append (png, crc_input->data, crc_input->len);
  crc = GUINT32_TO_BE (crc32 (crc_input->data, crc_input->len));
  g_byte_array_append (png, (const guint8 *) &crc, 4);
}

/* A PNG header of the given size: enough for the review desk, which reads
 * the type and dimensions and never decodes the picture. */
static GBytes *
make_png (guint32 width,
          guint32 height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 idat[] = { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = { 0, };
  guint32 be;

  be = GUINT32_TO_BE (width);
  memcpy (ihdr, &be, 4);
  be = GUINT32_TO_BE (height);
  memcpy (ihdr + 4, &be, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", idat, sizeof idat);
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (png);
}

static gboolean
context_ready (gpointer data)
{
  return kopir_context_get_ready (data);
}

static gboolean
has_credentials (gpointer data)
{
  return kopir_context_get_has_credentials (data);
}

static char *
lookup_secret (KopirSecretStore *store,
               KopirSecretKind   kind,
               const char       *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;
  char *copy;

  kopir_secret_store_lookup_async (store, kind, "sandbox", account, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  secret = kopir_secret_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);
  copy = g_strdup (secret);
  secret_password_free (secret);

  return copy;
}

static void
run_journey (const char *needles_path)
{
  g_autofree char *state_dir = g_dir_make_tmp ("kopir-flow-sandbox-XXXXXX", NULL);
  g_autoptr(KopirContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirApplicant) applicant = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) front = make_png (1280, 800);
  g_autoptr(GBytes) back = make_png (1280, 801);
  g_autoptr(GBytes) selfie = make_png (720, 960);
  g_autoptr(KopirBankLink) link = NULL;
  g_autofree KopirPilotLimits *limits = NULL;
  g_autoptr(KopirDepositInstructions) instructions = NULL;
  g_autoptr(KopirPurchase) purchase = NULL;
  g_autoptr(GString) needles = g_string_new (NULL);
  g_autofree char *token = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *api_secret = NULL;
  g_autofree char *review_path = NULL;
  g_autofree char *transfer = NULL;
  KopirAccountClient *accounts;
  KopirSandboxLauncher *launcher;
  const char *answers[] = { "q1", "b", "q2", "b", "q3", "a", "q4", "b", "q5", "b", NULL };
  gboolean passed = FALSE;
  KopirDecimal spend;
  const char *id;

  kopir_log_writer_install ();
  g_debug ("The journey begins");

  context = g_object_new (KOPIR_TYPE_CONTEXT, "sandbox-state-dir", state_dir, NULL);
  kopir_context_start_async (context, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_context_start_finish (context, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  kopir_test_wait_for (context_ready, context);
  g_assert_true (kopir_context_get_is_sandbox (context));
  g_assert_false (kopir_context_get_has_credentials (context));

  accounts = kopir_context_get_account_client (context);
  launcher = kopir_context_get_sandbox_launcher (context);

  /* Open an account. */
  kopir_account_client_create_applicant_async (accounts, "kk", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  applicant = kopir_account_client_create_applicant_finish (accounts, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kopir_applicant_get_status (applicant), ==, "draft");
  id = kopir_applicant_get_id (applicant);
  g_clear_object (&result);

  token = lookup_secret (kopir_context_get_secret_store (context),
                         KOPIR_SECRET_KIND_APPLICANT_TOKEN, id);
  g_assert_nonnull (token);

  /* A wrong IIN is pointed out at its field. */
  {
    g_autofree char *wrong = g_strdup (personal_data);
    g_autoptr(KopirApplicant) refused = NULL;
    char *iin = strstr (wrong, IIN);

    iin[11] = iin[11] == '2' ? '3' : '2';
    g_assert_true (json_parser_load_from_data (parser, wrong, -1, NULL));
    kopir_account_client_update_applicant_async (accounts, id, json_node_get_object (json_parser_get_root (parser)),
                                                 NULL, kopir_test_async_cb, &result);
    result = kopir_test_wait_result (&result);
    refused = kopir_account_client_update_applicant_finish (accounts, result, &error);
    g_assert_null (refused);
    g_assert_error (error, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_INVALID);
    g_assert_nonnull (kopir_account_error_get_field_error (error, "iin"));
    g_clear_error (&error);
    g_clear_object (&result);
  }

  g_assert_true (json_parser_load_from_data (parser, personal_data, -1, NULL));
  {
    g_autoptr(KopirApplicant) updated = NULL;

    kopir_account_client_update_applicant_async (accounts, id, json_node_get_object (json_parser_get_root (parser)),
                                                 NULL, kopir_test_async_cb, &result);
    result = kopir_test_wait_result (&result);
    updated = kopir_account_client_update_applicant_finish (accounts, result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }

  for (guint i = 0; i < 3; i++)
    {
      const char *kinds[] = { "id_card_front", "id_card_back", "selfie" };
      GBytes *images[] = { front, back, selfie };

      kopir_account_client_upload_document_async (accounts, id, kinds[i], images[i], "image/png",
                                                  NULL, kopir_test_async_cb, &result);
      result = kopir_test_wait_result (&result);
      g_assert_true (kopir_account_client_upload_document_finish (accounts, result, &error));
      g_assert_no_error (error);
      g_clear_object (&result);
    }

  kopir_account_client_answer_questionnaire_async (accounts, id, "2026-1", answers, NULL,
                                                   kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_account_client_answer_questionnaire_finish (accounts, result, &passed, &error));
  g_assert_no_error (error);
  g_assert_true (passed);
  g_clear_object (&result);

  {
    g_autoptr(KopirApplicant) submitted = NULL;

    kopir_account_client_submit_async (accounts, id, NULL, kopir_test_async_cb, &result);
    result = kopir_test_wait_result (&result);
    submitted = kopir_account_client_submit_finish (accounts, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kopir_applicant_get_status (submitted), ==, "pending");
    g_clear_object (&result);
  }

  /* The sandbox's review desk answers now rather than later. */
  {
    g_autoptr(SoupSession) control = soup_session_new ();
    g_autofree char *url = NULL;
    g_autoptr(SoupMessage) message = NULL;
    g_autoptr(GBytes) body = NULL;

    review_path = g_strdup_printf ("/sandbox/v1/review/%s/complete", id);
    url = g_strconcat (kopir_sandbox_launcher_get_base_url (launcher), review_path, NULL);
    message = soup_message_new ("POST", url);
    body = soup_session_send_and_read (control, message, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  }

  {
    g_autoptr(KopirApplicant) approved = NULL;

    kopir_account_client_get_applicant_async (accounts, id, NULL, kopir_test_async_cb, &result);
    result = kopir_test_wait_result (&result);
    approved = kopir_account_client_get_applicant_finish (accounts, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kopir_applicant_get_status (approved), ==, "approved");
    g_assert_cmpstr (kopir_applicant_get_review_answer (approved), ==, "GREEN");
    g_clear_object (&result);
  }

  kopir_account_client_issue_credentials_async (accounts, id, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  customer_id = kopir_account_client_issue_credentials_finish (accounts, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (customer_id), ==, 7);
  g_clear_object (&result);

  /* The credentials went to the keyring, and the context uses them. */
  kopir_test_wait_for (has_credentials, context);
  api_key = lookup_secret (kopir_context_get_secret_store (context), KOPIR_SECRET_KIND_API_KEY, customer_id);
  api_secret = lookup_secret (kopir_context_get_secret_store (context), KOPIR_SECRET_KIND_API_SECRET, customer_id);
  g_assert_nonnull (api_key);
  g_assert_nonnull (api_secret);
  /* The applicant token is gone with the application. */
  g_assert_null (lookup_secret (kopir_context_get_secret_store (context),
                                KOPIR_SECRET_KIND_APPLICANT_TOKEN, id));

  /* Link the customer's own bank account and pay tenge in from it. */
  kopir_account_client_link_bank_account_async (accounts, "kz45 6010 0000 0000 0001", FULL_NAME, IIN,
                                                NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  link = kopir_account_client_link_bank_account_finish (accounts, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kopir_bank_link_get_iban (link), ==, IBAN);
  g_clear_object (&result);

  kopir_account_client_get_deposit_instructions_async (accounts, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  instructions = kopir_account_client_get_deposit_instructions_finish (accounts, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (instructions->customer_id, ==, customer_id);
  g_assert_cmpstr (instructions->knp, ==, "371");
  g_clear_object (&result);

  {
    g_autoptr(SoupSession) control = soup_session_new ();
    g_autofree char *url = g_strconcat (kopir_sandbox_launcher_get_base_url (launcher),
                                        "/sandbox/v1/bank-transfers", NULL);
    g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
    g_autoptr(GBytes) request = NULL;
    g_autoptr(GBytes) body = NULL;

    transfer = g_strdup_printf ("{\"sender_iban\": \"%s\", \"sender_name\": \"%s\", \"sender_iin\": \"%s\","
                                " \"amount\": \"200000.00\", \"purpose\": \"%s\"}",
                                IBAN, FULL_NAME, IIN, instructions->purpose);
    request = g_bytes_new (transfer, strlen (transfer));
    soup_message_set_request_body_from_bytes (message, "application/json", request);
    body = soup_session_send_and_read (control, message, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, 201);
    g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "credited"));
  }

  {
    g_autoptr(GListModel) deposits = NULL;
    g_autoptr(KopirDeposit) deposit = NULL;
    KopirDecimal amount;

    kopir_account_client_list_deposits_async (accounts, NULL, kopir_test_async_cb, &result);
    result = kopir_test_wait_result (&result);
    deposits = kopir_account_client_list_deposits_finish (accounts, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (deposits), ==, 1);
    deposit = g_list_model_get_item (deposits, 0);
    g_assert_true (kopir_deposit_get_credited (deposit));
    amount = kopir_deposit_get_amount (deposit);
    g_assert_cmpint (kopir_decimal_compare (&amount, (KopirDecimal[]) { kopir_decimal_from_int (200000) }), ==, 0);
    g_clear_object (&result);
  }

  kopir_account_client_get_pilot_limits_async (accounts, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  limits = kopir_account_client_get_pilot_limits_finish (accounts, result, &error);
  g_assert_no_error (error);
  /* The knowledge test was passed: no monthly limit. */
  g_assert_false (limits->limited);
  g_clear_object (&result);

  /* Buy. */
  g_assert_true (kopir_decimal_parse ("5000", &spend, NULL));
  kopir_purchase_manager_buy_async (kopir_context_get_purchase_manager (context), "BTCKZT", &spend,
                                    NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  purchase = kopir_purchase_manager_buy_finish (kopir_context_get_purchase_manager (context), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kopir_purchase_get_state (purchase), ==, KOPIR_PURCHASE_STATE_COMPLETED);

  g_message ("The journey ends for customer %s, IIN %s, IBAN %s", customer_id, IIN, IBAN);

  g_string_append_printf (needles, "%s\n%s\n%s\n%s\n%s\n", api_secret, api_key, token, IIN, IBAN);
  g_assert_true (g_file_set_contents (needles_path, needles->str, -1, NULL));
}

static void
test_journey_leaves_no_secret (void)
{
  g_autofree char *needles_path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) needles = NULL;
  int fd;

  fd = g_file_open_tmp ("kopir-flow-needles-XXXXXX", &needles_path, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);

  if (g_test_subprocess ())
    {
      run_journey (g_getenv ("KOPIR_TEST_NEEDLES"));
      return;
    }

  g_setenv ("KOPIR_TEST_NEEDLES", needles_path, TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_test_trap_assert_passed ();
  /* The log is there, and masked. */
  g_test_trap_assert_stderr ("*The journey ends for customer *, IIN ********0122, IBAN KZ**************0001*");

  g_assert_true (g_file_get_contents (needles_path, &contents, NULL, NULL));
  g_unlink (needles_path);
  needles = g_strsplit (g_strchomp (contents), "\n", -1);
  g_assert_cmpuint (g_strv_length (needles), ==, 5);

  for (guint i = 0; needles[i] != NULL; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", needles[i]);

      g_assert_cmpuint (strlen (needles[i]), >=, 12);
      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
    }

  /* Nothing on disk either: settings, caches, data (the keyring file is
   * encrypted), the ledger. */
  {
    const char *dirs[] = { g_get_home_dir (), g_get_user_data_dir (), g_get_user_config_dir (),
                           g_get_user_cache_dir (), g_getenv ("XDG_RUNTIME_DIR") };

    for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
      {
        g_autofree char *found = NULL;

        if (dirs[i] == NULL)
          continue;
        found = kopir_test_scan_tree (dirs[i], (const char **) needles);
        if (found != NULL)
          g_error ("Secrets or personal data on disk:\n%s", found);
      }
  }

  /* And the journey did write there: a ledger with the purchase. */
  {
    g_autofree char *ledger = g_build_filename (g_get_user_data_dir (), "kopir", "ledgers",
                                                "sandbox.sqlite", NULL);

    g_assert_true (g_file_test (ledger, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  /* No ISOLATE_DIRS: the keyring runs in the folders keyring-session.sh
   * made, and those are the folders scanned. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flow/journey-leaves-no-secret", test_journey_leaves_no_secret);

  return g_test_run ();
}
