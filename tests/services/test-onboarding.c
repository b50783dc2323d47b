/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-onboarding.c: account applications against a real practice exchange
 * and keyring: approved, asked for a correction and approved, refused for
 * good; the draft's file and what survives a restart.
 *
 * Runs under keyring-session.sh. The practice exchange's review desk is
 * started with a long delay, so that every review here ends when the test
 * asks the desk to decide (POST /sandbox/v1/review/{id}/complete).
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "kopir-account-error.h"
#include "kopir-onboarding.h"
#include "kopir-test-util.h"
#include "kopir-transport.h"

typedef struct
{
  KopirTestSandbox   *sandbox;
  SoupSession        *session;
  KopirSecretStore   *secrets;
  KopirAccountClient *client;
  char               *dir;
  KopirOnboarding    *onboarding;
  GPtrArray          *finished;
  char               *applicant_id;
} Fixture;

static void
on_review_finished (KopirOnboarding      *onboarding,
                    KopirOnboardingState  state,
                    Fixture              *fixture)
{
  g_ptr_array_add (fixture->finished, GUINT_TO_POINTER (state));
}

static KopirOnboarding *
new_onboarding (Fixture *fixture)
{
  KopirOnboarding *onboarding = kopir_onboarding_new (fixture->client, fixture->secrets,
                                                      "sandbox", fixture->dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (onboarding, "review-finished", G_CALLBACK (on_review_finished), fixture);
  kopir_onboarding_load_async (onboarding, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_onboarding_load_finish (onboarding, result, &error));
  g_assert_no_error (error);

  return onboarding;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = kopir_test_sandbox_new ();
  fixture->session = kopir_http_session_new ();
  fixture->secrets = kopir_secret_store_new ();
  fixture->client = kopir_account_client_new (fixture->session, fixture->secrets);
  kopir_account_client_set_base_url (fixture->client, kopir_test_sandbox_get_url (fixture->sandbox));
  kopir_account_client_set_profile_id (fixture->client, "sandbox");
  fixture->dir = g_dir_make_tmp ("kopir-onboarding-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->finished = g_ptr_array_new ();
  fixture->onboarding = new_onboarding (fixture);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_NONE);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->onboarding);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->secrets);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->sandbox, kopir_test_sandbox_free);
  g_clear_pointer (&fixture->finished, g_ptr_array_unref);
  g_clear_pointer (&fixture->applicant_id, g_free);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static char *
draft_path (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "sandbox.draft", NULL);
}

static void
fill (KopirOnboardingDraft *draft,
      const char           *iin,
      const char           *birth)
{
  static const char * const values[] = {
    "consent.risk", "true",
    "consent.personal_data", "true",
    "last_name", "Нұрланова",
    "first_name", "Әйгерім",
    "patronymic", "Сейтқалиқызы",
    "latin_name", "AIGERIM NURLANOVA",
    "phone", "8 (701) 234-56-78",
    "email", "aigerim@example.kz",
    "address.city", "Алматы",
    "address.street", "Абай даңғылы, 10, пәтер 5",
    "document.number", "012 345 678",
    "document.issue_date", "01.05.2020",
    "document.expiry_date", "01.05.2035",
    "occupation", "Мұғалім",
    "source_of_funds", "salary",
    NULL
  };

  for (guint i = 0; values[i] != NULL; i += 2)
    kopir_onboarding_draft_set (draft, values[i], values[i + 1]);
  kopir_onboarding_draft_set (draft, "iin", iin);
  kopir_onboarding_draft_set (draft, "date_of_birth", birth);
}

static KopirDocumentImage *
make_image (int     width,
            int     height,
            guint32 colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  KopirDocumentImage *image;
  char *buffer;
  gsize size;

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, size);
  image = kopir_document_image_new_from_bytes (bytes, width == height ? KOPIR_DOCUMENT_IMAGE_SELFIE
                                                                      : KOPIR_DOCUMENT_IMAGE_DOCUMENT,
                                               &error);
  g_assert_no_error (error);

  return image;
}

static void
upload (Fixture    *fixture,
        const char *slot,
        guint32     colour)
{
  g_autoptr(KopirDocumentImage) image = make_image (g_str_equal (slot, "selfie") ? 600 : 800, 600,
                                                    colour);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kopir_onboarding_upload_image_async (fixture->onboarding, slot, image, NULL,
                                       kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_onboarding_upload_image_finish (fixture->onboarding, result, &error));
  g_assert_no_error (error);
}

static void
answer_test (Fixture  *fixture,
             gboolean  right)
{
  KopirOnboardingDraft *draft = kopir_onboarding_get_draft (fixture->onboarding);
  g_autoptr(KopirQuestionnaire) questionnaire = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const right_answers[] = { "b", "b", "a", "b", "b" };
  gboolean passed = !right;

  kopir_onboarding_get_questionnaire_async (fixture->onboarding, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  questionnaire = kopir_onboarding_get_questionnaire_finish (fixture->onboarding, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kopir_questionnaire_get_n_questions (questionnaire), ==, 5);
  g_assert_cmpuint (kopir_questionnaire_get_pass_score (questionnaire), ==, 4);
  g_assert_cmpstr (kopir_questionnaire_get_option_text (questionnaire, 2, 0), ==, "USD 1,000.");
  g_clear_object (&result);

  /* Unanswered, nothing is sent. */
  kopir_onboarding_answer_test_async (fixture->onboarding, questionnaire, NULL, kopir_test_async_cb,
                                      &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_onboarding_answer_test_finish (fixture->onboarding, result, NULL, &error));
  g_assert_error (error, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_REQUIRED);
  g_clear_error (&error);
  g_clear_object (&result);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("test.answer.%s",
                                              kopir_questionnaire_get_question_id (questionnaire, i));

      kopir_onboarding_draft_set (draft, key, right ? right_answers[i] : "a");
    }

  kopir_onboarding_answer_test_async (fixture->onboarding, questionnaire, NULL, kopir_test_async_cb,
                                      &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_onboarding_answer_test_finish (fixture->onboarding, result, &passed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (passed, ==, right);
  g_assert_cmpstr (kopir_onboarding_draft_get (draft, "test.result"), ==, right ? "passed" : "failed");
}

static void
submit (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kopir_onboarding_submit_async (fixture->onboarding, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_onboarding_submit_finish (fixture->onboarding, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_PENDING);
}

static void
fill_and_submit (Fixture    *fixture,
                 const char *iin,
                 const char *birth,
                 gboolean    pass)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kopir_onboarding_begin (fixture->onboarding);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_DRAFT);
  fill (kopir_onboarding_get_draft (fixture->onboarding), iin, birth);

  kopir_onboarding_ensure_applicant_async (fixture->onboarding, "kk", NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_onboarding_ensure_applicant_finish (fixture->onboarding, result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kopir_onboarding_get_applicant_id (fixture->onboarding));

  g_free (fixture->applicant_id);
  fixture->applicant_id = g_strdup (kopir_onboarding_get_applicant_id (fixture->onboarding));
  upload (fixture, "front", 0x203040ff);
  upload (fixture, "back", 0x405060ff);
  upload (fixture, "selfie", 0xc08060ff);
  answer_test (fixture, pass);
  submit (fixture);
}

static void
complete_review (Fixture    *fixture,
                 const char *body)
{
  g_autofree char *path = g_strdup_printf ("/sandbox/v1/review/%s/complete", fixture->applicant_id);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = kopir_test_sandbox_request (fixture->sandbox, "POST", path, body, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
refresh (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kopir_onboarding_refresh_async (fixture->onboarding, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_onboarding_refresh_finish (fixture->onboarding, result, &error));
  g_assert_no_error (error);
}

static char *
lookup (Fixture         *fixture,
        KopirSecretKind  kind,
        const char      *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;
  char *copy;

  kopir_secret_store_lookup_async (fixture->secrets, kind, "sandbox", account, NULL,
                                   kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  secret = kopir_secret_store_lookup_finish (fixture->secrets, result, &error);
  g_assert_no_error (error);
  copy = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);

  return copy;
}

static gboolean
credentials_issued (gpointer data)
{
  return kopir_onboarding_get_credentials_issued (data);
}

static gboolean
secret_gone (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *kept = lookup (fixture, KOPIR_SECRET_KIND_APPLICANT_DATA, fixture->applicant_id);

  return kept == NULL;
}

static void
test_approved (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = draft_path (fixture);
  g_autofree char *kept = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *customer_id = NULL;
  GStatBuf st;

  kopir_onboarding_begin (fixture->onboarding);
  fill (kopir_onboarding_get_draft (fixture->onboarding), "990101300122", "01.01.1999");
  /* The draft is on disk, for its owner only. */
  g_assert_true (kopir_onboarding_draft_flush (kopir_onboarding_get_draft (fixture->onboarding), NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&fixture->onboarding);

  /* A restart finds it where it was. */
  fixture->onboarding = new_onboarding (fixture);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_DRAFT);
  g_assert_cmpstr (kopir_onboarding_draft_get (kopir_onboarding_get_draft (fixture->onboarding),
                                               "first_name"), ==, "Әйгерім");

  kopir_onboarding_discard (fixture->onboarding);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  fill_and_submit (fixture, "990101300122", "01.01.1999", TRUE);

  /* Sent: the draft file is gone; the answers wait in the keyring only. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (kopir_onboarding_get_draft (fixture->onboarding));
  kept = lookup (fixture, KOPIR_SECRET_KIND_APPLICANT_DATA,
                 kopir_onboarding_get_applicant_id (fixture->onboarding));
  g_assert_nonnull (strstr (kept, "Әйгерім"));

  /* Nothing is decided until the desk decides. */
  refresh (fixture);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_PENDING);
  g_assert_cmpuint (fixture->finished->len, ==, 0);

  complete_review (fixture, NULL);
  refresh (fixture);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_APPROVED);
  g_assert_cmpuint (fixture->finished->len, ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (fixture->finished->pdata[0]), ==, KOPIR_ONBOARDING_STATE_APPROVED);
  g_assert_true (kopir_onboarding_get_knowledge_test_passed (fixture->onboarding));

  /* The keys go to the keyring by themselves; the kept answers go. */
  kopir_test_wait_for (credentials_issued, fixture->onboarding);
  customer_id = g_strdup (kopir_onboarding_get_customer_id (fixture->onboarding));
  g_assert_cmpuint (strlen (customer_id), ==, 7);
  key = lookup (fixture, KOPIR_SECRET_KIND_API_KEY, customer_id);
  secret = lookup (fixture, KOPIR_SECRET_KIND_API_SECRET, customer_id);
  g_assert_nonnull (key);
  g_assert_nonnull (secret);
  kopir_test_wait_for (secret_gone, fixture);

  /* And a restart shows the open account, with no second notice. */
  g_clear_object (&fixture->onboarding);
  fixture->onboarding = new_onboarding (fixture);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_APPROVED);
  g_assert_cmpstr (kopir_onboarding_get_customer_id (fixture->onboarding), ==, customer_id);
  g_assert_true (kopir_onboarding_get_credentials_issued (fixture->onboarding));
  g_assert_cmpuint (fixture->finished->len, ==, 1);
}

static gboolean
state_is_retry (gpointer data)
{
  return kopir_onboarding_get_state (data) == KOPIR_ONBOARDING_STATE_RETRY;
}

static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  KopirOnboardingDraft *draft;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) labels = NULL;

  fill_and_submit (fixture, "830717350867", "17.07.1983", FALSE);
  g_clear_object (&fixture->onboarding);

  /* The review ends while Kopir is not running. */
  complete_review (fixture, "{\"answer\": \"RED\", \"reject_type\": \"RETRY\","
                            " \"labels\": [\"EXPIRATION_DATE\"],"
                            " \"comment\": \"The document has expired.\"}");

  /* At start-up Kopir asks at once, and tells. */
  fixture->onboarding = new_onboarding (fixture);
  kopir_test_wait_for (state_is_retry, fixture->onboarding);
  g_assert_cmpuint (fixture->finished->len, ==, 1);
  labels = kopir_onboarding_get_review_labels (fixture->onboarding);
  g_assert_cmpstr (labels[0], ==, "EXPIRATION_DATE");
  g_assert_cmpstr (kopir_onboarding_get_review_comment (fixture->onboarding), ==,
                   "The document has expired.");

  /* Correcting opens the document step only, with every answer kept and
   * the photos to be taken again. */
  kopir_onboarding_correct_async (fixture->onboarding, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_onboarding_correct_finish (fixture->onboarding, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_DRAFT);
  g_assert_cmpuint (kopir_onboarding_get_reopened_steps (fixture->onboarding), ==,
                    KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_DOCUMENT));
  draft = kopir_onboarding_get_draft (fixture->onboarding);
  g_assert_cmpstr (kopir_onboarding_draft_get (draft, "last_name"), ==, "Нұрланова");
  g_assert_cmpstr (kopir_onboarding_draft_get (draft, "test.result"), ==, "failed");
  g_assert_cmpuint (kopir_onboarding_draft_get_uint (draft, "flow.step", 0), ==, KOPIR_KYC_STEP_DOCUMENT);
  g_assert_null (kopir_onboarding_draft_get (draft, "image.front"));
  g_assert_nonnull (kopir_onboarding_draft_get (draft, "image.selfie"));

  /* The correction survives a restart too. */
  kopir_onboarding_draft_set (draft, "document.number", "987654321");
  g_clear_object (&fixture->onboarding);
  fixture->onboarding = new_onboarding (fixture);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_DRAFT);
  g_assert_cmpuint (kopir_onboarding_get_reopened_steps (fixture->onboarding), ==,
                    KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_DOCUMENT));
  draft = kopir_onboarding_get_draft (fixture->onboarding);
  g_assert_cmpstr (kopir_onboarding_draft_get (draft, "document.number"), ==, "987654321");

  kopir_onboarding_draft_set (draft, "document.expiry_date", "01.01.2040");
  upload (fixture, "front", 0x112233ff);
  upload (fixture, "back", 0x332211ff);
  submit (fixture);

  complete_review (fixture, NULL);
  refresh (fixture);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_APPROVED);
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  g_assert_false (kopir_onboarding_get_knowledge_test_passed (fixture->onboarding));
  kopir_test_wait_for (credentials_issued, fixture->onboarding);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(GStrv) labels = NULL;

  /* On the practice exchange's watch list. */
  fill_and_submit (fixture, "770707300012", "07.07.1977", TRUE);
  complete_review (fixture, NULL);
  refresh (fixture);

  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_REFUSED);
  labels = kopir_onboarding_get_review_labels (fixture->onboarding);
  g_assert_cmpstr (labels[0], ==, "SANCTIONS");
  g_assert_false (kopir_onboarding_get_credentials_issued (fixture->onboarding));
  kopir_test_wait_for (secret_gone, fixture);

  /* For good, also after a restart. */
  g_clear_object (&fixture->onboarding);
  fixture->onboarding = new_onboarding (fixture);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_REFUSED);

  kopir_onboarding_discard (fixture->onboarding);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_NONE);
}

static void
test_field_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) personal = NULL;
  KopirOnboardingDraft *draft;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"type\": \"urn:kopir:problem:validation-failed\", \"title\": \"x\", \"status\": 422,"
    " \"code\": \"validation_failed\", \"errors\": ["
    "  {\"field\": \"sex\", \"code\": \"iin_sex_mismatch\", \"message\": \"x\"},"
    "  {\"field\": \"documents.id_card_back\", \"code\": \"required\", \"message\": \"x\"},"
    "  {\"field\": \"selfie\", \"code\": \"image_too_small\", \"message\": \"x\"},"
    "  {\"field\": \"tax_residency.1\", \"code\": \"invalid_format\", \"message\": \"x\"},"
    "  {\"field\": \"appropriateness\", \"code\": \"required\", \"message\": \"x\"},"
    "  {\"field\": \"something.else\", \"code\": \"required\", \"message\": \"x\"},"
    "  {\"field\": \"document.expiry_date\", \"code\": \"date_order\", \"message\": \"x\"}]}",
    -1, NULL));
  error = kopir_account_error_from_problem (422, json_parser_get_root (parser));
  fields = kopir_onboarding_map_field_errors (NULL, error);

  g_assert_cmpuint (g_hash_table_size (fields), ==, 6);
  g_assert_true (g_hash_table_contains (fields, "iin"));
  g_assert_true (g_hash_table_contains (fields, "image.back"));
  g_assert_true (g_hash_table_contains (fields, "image.selfie"));
  g_assert_true (g_hash_table_contains (fields, "tax_residency.second"));
  g_assert_true (g_hash_table_contains (fields, "test.result"));
  g_assert_true (g_hash_table_contains (fields, "document.expiry_date"));
  g_clear_error (&error);

  /* What is sent is cleaned and in the contract's forms. */
  kopir_onboarding_begin (fixture->onboarding);
  draft = kopir_onboarding_get_draft (fixture->onboarding);
  fill (draft, "990101300122", "01.01.1999");
  kopir_onboarding_draft_set (draft, "first_name", "\u200f Әйгерім  ");
  kopir_onboarding_draft_set (draft, "iin", "9901 0130 0122");
  kopir_onboarding_draft_set (draft, "tax_residency.second", "RU");
  personal = kopir_onboarding_build_personal_data (draft, &error);
  g_assert_nonnull (personal);
  g_assert_cmpstr (json_object_get_string_member (personal, "first_name"), ==, "Әйгерім");
  g_assert_cmpstr (json_object_get_string_member (personal, "iin"), ==, "990101300122");
  g_assert_cmpstr (json_object_get_string_member (personal, "sex"), ==, "male");
  g_assert_cmpstr (json_object_get_string_member (personal, "date_of_birth"), ==, "1999-01-01");
  g_assert_cmpstr (json_object_get_string_member (personal, "phone"), ==, "+77012345678");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (personal, "document"),
                                                  "number"), ==, "012345678");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (personal, "tax_residency")),
                    ==, 2);

  /* A wrong answer is never sent. */
  kopir_onboarding_draft_set (draft, "document.expiry_date", "01.01.2001");
  g_clear_pointer (&personal, json_object_unref);
  personal = kopir_onboarding_build_personal_data (draft, &error);
  g_assert_null (personal);
  g_assert_error (error, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_DATE_ORDER);
  g_clear_error (&error);

  kopir_onboarding_submit_async (fixture->onboarding, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_onboarding_submit_finish (fixture->onboarding, result, &error));
  g_assert_error (error, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_REQUIRED);
  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_DRAFT);
  g_assert_null (kopir_onboarding_get_applicant_id (fixture->onboarding));
}

static void
test_practice (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = draft_path (fixture);

  kopir_onboarding_begin (fixture->onboarding);
  kopir_onboarding_draft_set (kopir_onboarding_get_draft (fixture->onboarding), "last_name", "X");
  g_assert_true (kopir_onboarding_draft_flush (kopir_onboarding_get_draft (fixture->onboarding), NULL));

  kopir_onboarding_create_practice_account_async (fixture->onboarding, NULL, kopir_test_async_cb,
                                                  &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_onboarding_create_practice_account_finish (fixture->onboarding, result, &error));
  g_assert_no_error (error);

  g_assert_cmpint (kopir_onboarding_get_state (fixture->onboarding), ==, KOPIR_ONBOARDING_STATE_APPROVED);
  g_assert_true (kopir_onboarding_get_practice (fixture->onboarding));
  g_assert_true (kopir_onboarding_get_credentials_issued (fixture->onboarding));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  key = lookup (fixture, KOPIR_SECRET_KIND_API_KEY, kopir_onboarding_get_customer_id (fixture->onboarding));
  g_assert_nonnull (key);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *wrapper_dir = NULL;
  g_autofree char *wrapper = NULL;
  g_autofree char *script = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  /* The review desk decides only when asked to. */
  wrapper_dir = g_dir_make_tmp ("kopir-onboarding-sandbox-XXXXXX", NULL);
  wrapper = g_build_filename (wrapper_dir, "kopir-sandbox", NULL);
  script = g_strdup_printf ("#!/bin/sh\nexec '%s' \"$@\" --review-delay 3600\n", g_getenv ("KOPIR_SANDBOX"));
  g_assert_true (g_file_set_contents_full (wrapper, script, -1, G_FILE_SET_CONTENTS_NONE, 0700, NULL));
  g_setenv ("KOPIR_SANDBOX", wrapper, TRUE);

  g_test_add ("/onboarding/approved", Fixture, NULL, fixture_set_up, test_approved, fixture_tear_down);
  g_test_add ("/onboarding/retry", Fixture, NULL, fixture_set_up, test_retry, fixture_tear_down);
  g_test_add ("/onboarding/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/onboarding/field-errors", Fixture, NULL, fixture_set_up, test_field_errors,
              fixture_tear_down);
  g_test_add ("/onboarding/practice", Fixture, NULL, fixture_set_up, test_practice, fixture_tear_down);

  status = g_test_run ();

  g_unlink (wrapper);
  g_rmdir (wrapper_dir);

  return status;
}
