/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-onboarding.c: applicants, the knowledge test, the review
 * desk and one-time credentials (data/kopir-api.yaml, tag onboarding).
 *
 * The review desk decides by fixed rules, in this order:
 *  1. IIN on the sandbox watch list          → RED / FINAL, SANCTIONS
 *  2. IIN already a customer's               → RED / FINAL, DUPLICATE
 *  3. not resident in Kazakhstan             → RED / FINAL, WRONG_USER_REGION
 *  4. younger than 18 on the day of review   → RED / FINAL, AGE_REQUIREMENT_MISMATCH
 *  5. identity document expired              → RED / RETRY, EXPIRATION_DATE
 *  6. selfie identical to a document image   → RED / RETRY, BAD_SELFIE
 *  7. otherwise GREEN, --review-delay seconds after submission.
 */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kopir-iin.h"
#include "kopir-sandbox-image.h"
#include "kopir-sandbox-server-private.h"

#define QUESTIONNAIRE_VERSION "2026-1"
#define PASS_SCORE 4

static const char * const watch_list[] = { "770707300012", "660606400017", NULL };

typedef struct
{
  const char *id;
  const char *text;
  const char *options[3][2];
  const char *right;
} Question;

/* Identifiers are stable; clients show their own translations of the text. */
static const Question questions[] = {
  { "q1", "What can happen to the price of a digital asset?",
    { { "a", "It only goes up." }, { "b", "It can fall sharply, even to zero." }, { "c", "The state guarantees it." } }, "b" },
  { "q2", "Does the deposit guarantee fund cover digital assets held at the exchange?",
    { { "a", "Yes, like a bank deposit." }, { "b", "No, they are not guaranteed." }, { NULL, NULL } }, "b" },
  { "q3", "How much may a retail customer without the knowledge test buy per calendar month in the pilot?",
    { { "a", "USD 1,000." }, { "b", "USD 10,000." }, { "c", "There is no limit." } }, "a" },
  { "q4", "From whose bank account may tenge be paid into your exchange account?",
    { { "a", "Anyone's." }, { "b", "Only your own." }, { "c", "A relative's." } }, "b" },
  { "q5", "Someone asks for your API secret or a one-time code. What do you do?",
    { { "a", "Give it if they say they are from the exchange." }, { "b", "Never give it to anyone." }, { NULL, NULL } }, "b" },
};

typedef struct
{
  char   *id;
  char   *token_hash;
  char   *status;
  gint64  created_at;
  gint64  submitted_at;
  gint64  reviewed_at;
  char   *personal;          /* JSON text */
  char   *appropriateness;   /* JSON text */
  char   *review;            /* JSON text */
  gint64  customer_id;
  gboolean credentials_issued;
} Applicant;

static void
applicant_clear (Applicant *a)
{
  g_clear_pointer (&a->id, g_free);
  g_clear_pointer (&a->token_hash, g_free);
  g_clear_pointer (&a->status, g_free);
  g_clear_pointer (&a->personal, g_free);
  g_clear_pointer (&a->appropriateness, g_free);
  g_clear_pointer (&a->review, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Applicant, applicant_clear)

static char *
dup_column (sqlite3_stmt *stmt,
            int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  return text ? g_strdup (text) : NULL;
}

static gboolean
applicant_load (KopirSandboxServer *self,
                const char         *id,
                Applicant          *a)
{
  sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store,
                                                    "SELECT id, token, status, created_at, submitted_at, reviewed_at, "
                                                    "personal, appropriateness, review, customer_id, credentials_issued "
                                                    "FROM applicants WHERE id = ?");
  gboolean found = FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      a->id = dup_column (stmt, 0);
      a->token_hash = dup_column (stmt, 1);
      a->status = dup_column (stmt, 2);
      a->created_at = sqlite3_column_int64 (stmt, 3);
      a->submitted_at = sqlite3_column_int64 (stmt, 4);
      a->reviewed_at = sqlite3_column_int64 (stmt, 5);
      a->personal = dup_column (stmt, 6);
      a->appropriateness = dup_column (stmt, 7);
      a->review = dup_column (stmt, 8);
      a->customer_id = sqlite3_column_int64 (stmt, 9);
      a->credentials_issued = sqlite3_column_int (stmt, 10);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

static void
applicant_save (KopirSandboxServer *self,
                const Applicant    *a)
{
  sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store,
                                                    "INSERT OR REPLACE INTO applicants (id, token, status, created_at, "
                                                    "submitted_at, reviewed_at, personal, appropriateness, review, "
                                                    "customer_id, credentials_issued) "
                                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  sqlite3_bind_text (stmt, 1, a->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, a->token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, a->status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, a->created_at);
  sqlite3_bind_int64 (stmt, 5, a->submitted_at);
  sqlite3_bind_int64 (stmt, 6, a->reviewed_at);
  sqlite3_bind_text (stmt, 7, a->personal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, a->appropriateness, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, a->review, -1, SQLITE_STATIC);
  if (a->customer_id > 0)
    sqlite3_bind_int64 (stmt, 10, a->customer_id);
  sqlite3_bind_int (stmt, 11, a->credentials_issued ? 1 : 0);
  kopir_sandbox_store_step_done (self->store, stmt);
}

static void
set_status (Applicant  *a,
            const char *status)
{
  g_free (a->status);
  a->status = g_strdup (status);
}

static JsonObject *
parse_stored (const char *text)
{
  if (text == NULL)
    return NULL;
  return kopir_sandbox_parse_json_object (text, strlen (text), NULL);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1800)
    return FALSE;

  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
today (gint64  now,
       GDate  *date)
{
  g_date_clear (date, 1);
  g_date_set_time_t (date, (time_t) (now / 1000));
}

static int
age_on (const GDate *birth,
        const GDate *day)
{
  int age = g_date_get_year (day) - g_date_get_year (birth);

  if (g_date_get_month (day) < g_date_get_month (birth) ||
      (g_date_get_month (day) == g_date_get_month (birth) && g_date_get_day (day) < g_date_get_day (birth)))
    age--;
  return age;
}

/* Review. */

static gboolean
review_rules (KopirSandboxServer *self,
              const Applicant    *a,
              gint64              now,
              const char        **reject_type,
              const char        **label,
              const char        **comment)
{
  g_autoptr(JsonObject) personal = parse_stored (a->personal);
  JsonObject *document;
  const char *iin;
  sqlite3_stmt *stmt;
  gboolean duplicate;
  GDate day, date;

  g_assert (personal != NULL);
  iin = json_object_get_string_member (personal, "iin");
  today (now, &day);

  if (g_strv_contains (watch_list, iin))
    {
      *reject_type = "FINAL";
      *label = "SANCTIONS";
      *comment = "The applicant is on a watch list.";
      return FALSE;
    }

  stmt = kopir_sandbox_store_prepare (self->store, "SELECT 1 FROM customers WHERE iin = ?");
  sqlite3_bind_text (stmt, 1, iin, -1, SQLITE_STATIC);
  duplicate = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (duplicate)
    {
      *reject_type = "FINAL";
      *label = "DUPLICATE";
      *comment = "A customer with this IIN already exists.";
      return FALSE;
    }

  if (!json_object_get_boolean_member (personal, "resident"))
    {
      *reject_type = "FINAL";
      *label = "WRONG_USER_REGION";
      *comment = "The pilot is open to residents of Kazakhstan only.";
      return FALSE;
    }

  if (parse_date (json_object_get_string_member (personal, "date_of_birth"), &date) && age_on (&date, &day) < 18)
    {
      *reject_type = "FINAL";
      *label = "AGE_REQUIREMENT_MISMATCH";
      *comment = "The applicant is younger than 18.";
      return FALSE;
    }

  document = json_object_get_object_member (personal, "document");
  if (parse_date (json_object_get_string_member (document, "expiry_date"), &date) &&
      g_date_compare (&date, &day) < 0)
    {
      *reject_type = "RETRY";
      *label = "EXPIRATION_DATE";
      *comment = "The identity document has expired. Upload a valid document.";
      return FALSE;
    }

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT 1 FROM documents s JOIN documents d ON s.applicant_id = d.applicant_id "
                                      "AND s.sha256 = d.sha256 AND d.kind != 'selfie' "
                                      "WHERE s.applicant_id = ? AND s.kind = 'selfie'");
  sqlite3_bind_text (stmt, 1, a->id, -1, SQLITE_STATIC);
  duplicate = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (duplicate)
    {
      *reject_type = "RETRY";
      *label = "BAD_SELFIE";
      *comment = "The selfie is a copy of a document image. Take a new selfie.";
      return FALSE;
    }

  return TRUE;
}

static char *
review_json (const char *answer,
             const char *reject_type,
             const char * const *labels,
             const char *comment)
{
  g_autoptr(GString) out = g_string_new (NULL);
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "answer", answer);
  if (reject_type != NULL)
    kopir_sandbox_json_kv_string (&w, "reject_type", reject_type);
  kopir_sandbox_json_key (&w, "labels");
  kopir_sandbox_json_begin_array (&w);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    kopir_sandbox_json_string (&w, labels[i]);
  kopir_sandbox_json_end_array (&w);
  if (comment != NULL)
    kopir_sandbox_json_kv_string (&w, "comment", comment);
  kopir_sandbox_json_end_object (&w);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
approve (KopirSandboxServer *self,
         Applicant          *a)
{
  g_autoptr(JsonObject) personal = parse_stored (a->personal);
  g_autoptr(JsonObject) test = parse_stored (a->appropriateness);
  gboolean passed = test != NULL && json_object_get_boolean_member_with_default (test, "passed", FALSE);

  a->customer_id = customer_create (self,
                                    json_object_get_string_member (personal, "first_name"),
                                    json_object_get_string_member (personal, "last_name"),
                                    json_object_get_string_member_with_default (personal, "patronymic", NULL),
                                    json_object_get_string_member_with_default (personal, "latin_name", NULL),
                                    json_object_get_string_member (personal, "iin"),
                                    json_object_get_string_member (personal, "phone"),
                                    passed, a->id, NULL, NULL);
  set_status (a, "approved");
}

/* Decides a pending application by the desk's rules. */
static void
decide (KopirSandboxServer *self,
        Applicant          *a,
        gint64              now)
{
  const char *reject_type = NULL, *label = NULL, *comment = NULL;

  g_free (a->review);
  if (review_rules (self, a, now, &reject_type, &label, &comment))
    {
      a->review = review_json ("GREEN", NULL, NULL, NULL);
      approve (self, a);
    }
  else
    {
      a->review = review_json ("RED", reject_type, (const char * const[]) { label, NULL }, comment);
      set_status (a, "rejected");
    }
  a->reviewed_at = now;
}

/* The desk answers once the configured delay has passed since submission;
 * the answer is worked out when someone asks, so no timer is needed and a
 * restart keeps the schedule. */
static void
maybe_review (KopirSandboxServer *self,
              Applicant          *a,
              gint64              now)
{
  if (strcmp (a->status, "pending") != 0)
    return;
  if (now < a->submitted_at + (gint64) self->review_delay_s * 1000)
    return;

  kopir_sandbox_store_begin (self->store);
  decide (self, a, now);
  applicant_save (self, a);
  kopir_sandbox_store_commit (self->store);
}

/* Output. */

static void
required_documents (JsonObject  *personal,
                    const char **first,
                    const char **second)
{
  const char *type = NULL;

  if (personal != NULL && json_object_has_member (personal, "document"))
    type = json_object_get_string_member (json_object_get_object_member (personal, "document"), "type");

  if (g_strcmp0 (type, "passport") == 0)
    {
      *first = "passport";
      *second = NULL;
    }
  else if (g_strcmp0 (type, "residence_permit") == 0)
    {
      *first = "residence_permit_front";
      *second = "residence_permit_back";
    }
  else
    {
      *first = "id_card_front";
      *second = "id_card_back";
    }
}

static gboolean
has_document (KopirSandboxServer *self,
              const char         *id,
              const char         *kind)
{
  sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store,
                                                    "SELECT 1 FROM documents WHERE applicant_id = ? AND kind = ?");
  gboolean found;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return found;
}

/* What still stops a submission, as field paths. */
static GPtrArray *
missing_items (KopirSandboxServer *self,
               const Applicant    *a)
{
  g_autoptr(JsonObject) personal = parse_stored (a->personal);
  GPtrArray *missing = g_ptr_array_new_with_free_func (g_free);
  const char *first, *second;

  if (personal == NULL)
    g_ptr_array_add (missing, g_strdup ("personal_data"));
  required_documents (personal, &first, &second);
  if (!has_document (self, a->id, first))
    g_ptr_array_add (missing, g_strconcat ("documents.", first, NULL));
  if (second != NULL && !has_document (self, a->id, second))
    g_ptr_array_add (missing, g_strconcat ("documents.", second, NULL));
  if (!has_document (self, a->id, "selfie"))
    g_ptr_array_add (missing, g_strdup ("documents.selfie"));
  if (a->appropriateness == NULL)
    g_ptr_array_add (missing, g_strdup ("appropriateness"));

  return missing;
}

static void
write_applicant (KopirSandboxServer *self,
                 KopirSandboxJson   *w,
                 const Applicant    *a)
{
  g_autoptr(GPtrArray) missing = missing_items (self, a);
  sqlite3_stmt *stmt;

  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "id", a->id);
  kopir_sandbox_json_kv_string (w, "status", a->status);
  kopir_sandbox_json_kv_int (w, "created_at", a->created_at);
  if (a->submitted_at > 0)
    kopir_sandbox_json_kv_int (w, "submitted_at", a->submitted_at);
  if (a->reviewed_at > 0)
    kopir_sandbox_json_kv_int (w, "reviewed_at", a->reviewed_at);
  kopir_sandbox_json_key (w, "review");
  if (a->review != NULL)
    kopir_sandbox_json_raw (w, a->review);
  else
    kopir_sandbox_json_null (w);
  kopir_sandbox_json_key (w, "customer_id");
  if (a->customer_id > 0)
    {
      char cid[16];

      g_snprintf (cid, sizeof cid, "%" G_GINT64_FORMAT, a->customer_id);
      kopir_sandbox_json_string (w, cid);
    }
  else
    kopir_sandbox_json_null (w);
  kopir_sandbox_json_kv_bool (w, "personal_data_complete", a->personal != NULL);

  kopir_sandbox_json_key (w, "documents");
  kopir_sandbox_json_begin_array (w);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT kind, content_type, width, height, size, sha256 FROM documents "
                                      "WHERE applicant_id = ? ORDER BY kind");
  sqlite3_bind_text (stmt, 1, a->id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      kopir_sandbox_json_begin_object (w);
      kopir_sandbox_json_kv_string (w, "kind", kopir_sandbox_column_text (stmt, 0));
      kopir_sandbox_json_kv_string (w, "content_type", kopir_sandbox_column_text (stmt, 1));
      kopir_sandbox_json_kv_int (w, "width", sqlite3_column_int64 (stmt, 2));
      kopir_sandbox_json_kv_int (w, "height", sqlite3_column_int64 (stmt, 3));
      kopir_sandbox_json_kv_int (w, "size", sqlite3_column_int64 (stmt, 4));
      kopir_sandbox_json_kv_string (w, "sha256", kopir_sandbox_column_text (stmt, 5));
      kopir_sandbox_json_end_object (w);
    }
  sqlite3_reset (stmt);
  kopir_sandbox_json_end_array (w);

  kopir_sandbox_json_key (w, "appropriateness");
  if (a->appropriateness != NULL)
    kopir_sandbox_json_raw (w, a->appropriateness);
  else
    kopir_sandbox_json_null (w);
  kopir_sandbox_json_kv_bool (w, "credentials_issued", a->credentials_issued);
  kopir_sandbox_json_key (w, "missing");
  kopir_sandbox_json_begin_array (w);
  for (guint i = 0; i < missing->len; i++)
    kopir_sandbox_json_string (w, g_ptr_array_index (missing, i));
  kopir_sandbox_json_end_array (w);
  kopir_sandbox_json_end_object (w);
}

static void
respond_applicant (KopirSandboxServer *self,
                   Request            *req,
                   guint               status,
                   const Applicant    *a)
{
  g_autoptr(GString) out = g_string_sized_new (1024);
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  write_applicant (self, &w, a);
  respond_json (req, status, out);
}

static void
respond_invalid_state (Request         *req,
                       const Applicant *a,
                       const char      *detail)
{
  g_autoptr(GString) status = g_string_new (NULL);

  /* Say which status it is in, so the client can resynchronise. */
  kopir_sandbox_json_escape (status, a->status);
  add_problem_member (req, "status_now", status->str);
  respond_problem (req, SOUP_STATUS_CONFLICT, "invalid_state",
                   "Not allowed in the application's current status", detail);
}

/* May the applicant change their application now? */
static gboolean
editable (const Applicant *a)
{
  g_autoptr(JsonObject) review = NULL;

  if (strcmp (a->status, "draft") == 0)
    return TRUE;
  if (strcmp (a->status, "rejected") != 0)
    return FALSE;
  review = parse_stored (a->review);
  return review != NULL && g_strcmp0 (json_object_get_string_member_with_default (review, "reject_type", NULL), "RETRY") == 0;
}

/* Authorisation by the applicant's bearer token. */
static gboolean
authorise (KopirSandboxServer *self,
           Request            *req,
           Applicant          *a)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *hash = NULL;

  if (!applicant_load (self, req->path_args[0], a))
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such applicant", NULL);
      return FALSE;
    }
  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ") || auth[7] == '\0')
    {
      add_header (req, "WWW-Authenticate", "Bearer");
      respond_problem (req, SOUP_STATUS_UNAUTHORIZED, "missing_token", "The applicant token is missing", NULL);
      return FALSE;
    }
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, auth + 7, -1);
  /* Asking for credentials again with the (revoked) token gets a clear
   * answer rather than a bare 401. */
  if (a->credentials_issued && strcmp (hash, a->token_hash) == 0 && g_str_has_suffix (req->path, "/credentials"))
    {
      respond_problem (req, SOUP_STATUS_CONFLICT, "credentials_already_issued",
                       "Credentials were already issued",
                       "The API secret is shown only once. Ask the exchange to revoke the key and issue a new one.");
      return FALSE;
    }
  if (a->credentials_issued || strcmp (hash, a->token_hash) != 0)
    {
      add_header (req, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
      respond_problem (req, SOUP_STATUS_UNAUTHORIZED, "invalid_token",
                       "The applicant token is not valid",
                       a->credentials_issued ? "The token was revoked when credentials were issued." : NULL);
      return FALSE;
    }

  maybe_review (self, a, req->now);
  return TRUE;
}

/* Endpoints. */

static void
questionnaire (Request *req)
{
  g_autoptr(GString) out = g_string_sized_new (2048);
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "version", QUESTIONNAIRE_VERSION);
  kopir_sandbox_json_kv_int (&w, "pass_score", PASS_SCORE);
  kopir_sandbox_json_key (&w, "questions");
  kopir_sandbox_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      kopir_sandbox_json_begin_object (&w);
      kopir_sandbox_json_kv_string (&w, "id", questions[i].id);
      kopir_sandbox_json_kv_string (&w, "text", questions[i].text);
      kopir_sandbox_json_key (&w, "options");
      kopir_sandbox_json_begin_array (&w);
      for (guint o = 0; o < 3 && questions[i].options[o][0] != NULL; o++)
        {
          kopir_sandbox_json_begin_object (&w);
          kopir_sandbox_json_kv_string (&w, "id", questions[i].options[o][0]);
          kopir_sandbox_json_kv_string (&w, "text", questions[i].options[o][1]);
          kopir_sandbox_json_end_object (&w);
        }
      kopir_sandbox_json_end_array (&w);
      kopir_sandbox_json_end_object (&w);
    }
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
create_applicant (KopirSandboxServer *self,
                  Request            *req)
{
  static const char * const allowed[] = { "locale", "assisted_by", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  g_auto(Applicant) a = { NULL, };
  g_autofree char *token = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GString) out = NULL;
  const char *locale;
  guint8 raw[8];
  KopirSandboxJson w;

  if (body == NULL)
    return;
  locale = json_string_member (req, body, NULL, "locale", FALSE, 8);
  json_string_member (req, body, NULL, "assisted_by", FALSE, 128);
  if (locale != NULL && !g_strv_contains ((const char * const[]) { "kk", "ru", "en", NULL }, locale))
    add_field_error (req, "locale", "invalid_value", "One of kk, ru, en.");
  if (respond_if_field_errors (req))
    return;

  token = random_token (43);
  for (guint i = 0; i < sizeof raw; i++)
    raw[i] = (guint8) g_random_int_range (0, 256);
  a.id = g_strdup_printf ("app_%02x%02x%02x%02x%02x%02x%02x%02x",
                          raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7]);
  a.token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  a.status = g_strdup ("draft");
  a.created_at = req->now;
  applicant_save (self, &a);

  location = g_strconcat ("/onboarding/v1/applicants/", a.id, NULL);
  add_header (req, "Location", location);
  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "id", a.id);
  kopir_sandbox_json_kv_string (&w, "token", token);
  kopir_sandbox_json_kv_string (&w, "status", "draft");
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_CREATED, out);
}

static gboolean
is_name (const char *text,
         gboolean    latin_only)
{
  gboolean any_letter = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          if (latin_only && c > 0x7f)
            return FALSE;
          any_letter = TRUE;
        }
      else if (c != ' ' && c != '-' && c != '\'' && c != 0x2019)
        return FALSE;
    }
  return any_letter;
}

static gboolean
matches_pattern (const char *text,
                 const char *pattern)
{
  /* Patterns are letters for classes: 'D' digit, 'A' upper-case ASCII
   * letter; anything else must match itself. */
  gsize n = strlen (pattern);

  if (strlen (text) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (pattern[i] == 'D' ? !g_ascii_isdigit (text[i])
          : pattern[i] == 'A' ? !(text[i] >= 'A' && text[i] <= 'Z')
          : text[i] != pattern[i])
        return FALSE;
    }
  return TRUE;
}

static void
check_unknown_members (Request            *req,
                       JsonObject         *object,
                       const char         *prefix,
                       const char * const *allowed)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (allowed, name))
      {
        g_autofree char *path = g_strconcat (prefix, ".", name, NULL);

        add_field_error (req, path, "unknown_field", "This field is not part of the request.");
      }
}

static JsonObject *
object_member (Request    *req,
               JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      add_field_error (req, name, "required", "This field is required.");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_field_error (req, name, "invalid_type", "This field must be an object.");
      return NULL;
    }
  return json_node_get_object (node);
}

static void
check_name_field (Request    *req,
                  JsonObject *body,
                  const char *name,
                  gboolean    required,
                  gboolean    latin)
{
  const char *value = json_string_member (req, body, NULL, name, required, latin ? 200 : 100);

  if (value != NULL && value[0] != '\0' && !is_name (value, latin))
    add_field_error (req, name, "invalid_format",
                     latin ? "Use Latin letters, spaces and hyphens." : "Use letters, spaces and hyphens.");
}

static void
check_iin (Request     *req,
           const char  *iin,
           const GDate *birth,
           const char  *sex)
{
  g_autoptr(GError) error = NULL;
  KopirIinInfo info;

  if (iin == NULL)
    return;

  if (!kopir_iin_validate (iin, &info, &error))
    {
      const char *code = "invalid_format";
      const char *message = "An IIN is 12 digits.";

      switch ((KopirIinError) error->code)
        {
        case KOPIR_IIN_ERROR_WRONG_CHECK_DIGIT:
        case KOPIR_IIN_ERROR_NEVER_ISSUED:
          code = "iin_checksum";
          message = "The IIN's check digit is wrong; check the number against the ID card.";
          break;
        case KOPIR_IIN_ERROR_BIN:
          code = "invalid_value";
          message = "This is a business identification number (BIN), not a person's IIN.";
          break;
        case KOPIR_IIN_ERROR_INVALID_CENTURY:
        case KOPIR_IIN_ERROR_INVALID_DATE:
          message = "The IIN does not start with a valid date of birth.";
          break;
        case KOPIR_IIN_ERROR_EMPTY:
          code = "required";
          message = "This field is required.";
          break;
        case KOPIR_IIN_ERROR_TOO_SHORT:
        case KOPIR_IIN_ERROR_TOO_LONG:
        case KOPIR_IIN_ERROR_INVALID_CHARACTERS:
        case KOPIR_IIN_ERROR_BIRTH_DATE_MISMATCH:
        default:
          break;
        }
      add_field_error (req, "iin", code, message);
      return;
    }

  if (birth != NULL && g_date_valid (birth) && !kopir_iin_check_birth_date (iin, birth, NULL))
    add_field_error (req, "iin", "iin_birth_date_mismatch", "The IIN does not match the date of birth.");
  else if (sex != NULL &&
           ((strcmp (sex, "male") == 0 && info.sex != KOPIR_SEX_MALE) ||
            (strcmp (sex, "female") == 0 && info.sex != KOPIR_SEX_FEMALE)))
    add_field_error (req, "iin", "iin_sex_mismatch", "The IIN does not match the sex given.");
}

static void
put_personal (KopirSandboxServer *self,
              Request            *req)
{
  static const char * const allowed[] = {
    "last_name", "first_name", "patronymic", "latin_name", "date_of_birth", "sex", "iin", "citizenship",
    "resident", "address", "phone", "email", "document", "pep", "source_of_funds", "occupation",
    "tax_residency", "risk_warnings_accepted", "personal_data_consent", NULL
  };
  static const char * const address_allowed[] = { "country", "region", "city", "street", "postal_code", NULL };
  static const char * const document_allowed[] = { "type", "number", "issue_date", "expiry_date", "issuer", NULL };
  static const char * const sources[] = { "salary", "savings", "business", "investments", "inheritance", "pension", "other", NULL };
  g_auto(Applicant) a = { NULL, };
  g_autoptr(JsonObject) body = NULL;
  JsonObject *address, *document;
  const char *text, *sex;
  gboolean flag;
  GDate birth, day, issue, expiry;
  JsonNode *node;

  if (!authorise (self, req, &a))
    return;
  if (!editable (&a))
    {
      respond_invalid_state (req, &a, "Personal data can be changed only in a draft or after a RETRY answer.");
      return;
    }
  if ((body = read_json_body (req, allowed)) == NULL)
    return;

  today (req->now, &day);
  check_name_field (req, body, "last_name", TRUE, FALSE);
  check_name_field (req, body, "first_name", TRUE, FALSE);
  check_name_field (req, body, "patronymic", FALSE, FALSE);
  check_name_field (req, body, "latin_name", FALSE, TRUE);

  g_date_clear (&birth, 1);
  text = json_string_member (req, body, NULL, "date_of_birth", TRUE, 10);
  if (text != NULL)
    {
      if (!parse_date (text, &birth))
        add_field_error (req, "date_of_birth", "invalid_date", "Write the date as YYYY-MM-DD.");
      else if (g_date_compare (&birth, &day) > 0)
        add_field_error (req, "date_of_birth", "date_in_future", "The date of birth is in the future.");
      else if (age_on (&birth, &day) < 18)
        add_field_error (req, "date_of_birth", "underage", "Customers must be at least 18 years old.");
    }

  sex = json_string_member (req, body, NULL, "sex", TRUE, 8);
  if (sex != NULL && strcmp (sex, "male") != 0 && strcmp (sex, "female") != 0)
    {
      add_field_error (req, "sex", "invalid_value", "One of male, female.");
      sex = NULL;
    }

  check_iin (req, json_string_member (req, body, NULL, "iin", TRUE, 32),
             g_date_valid (&birth) ? &birth : NULL, sex);

  text = json_string_member (req, body, NULL, "citizenship", TRUE, 2);
  if (text != NULL && !matches_pattern (text, "AA"))
    add_field_error (req, "citizenship", "invalid_format", "A two-letter country code, like KZ.");

  json_bool_member (req, body, NULL, "resident", TRUE, &flag);

  if ((address = object_member (req, body, "address")) != NULL)
    {
      check_unknown_members (req, address, "address", address_allowed);
      text = json_string_member (req, address, "address", "country", TRUE, 2);
      if (text != NULL && !matches_pattern (text, "AA"))
        add_field_error (req, "address.country", "invalid_format", "A two-letter country code, like KZ.");
      json_string_member (req, address, "address", "region", FALSE, 100);
      json_string_member (req, address, "address", "city", TRUE, 100);
      json_string_member (req, address, "address", "street", TRUE, 200);
      text = json_string_member (req, address, "address", "postal_code", FALSE, 6);
      if (text != NULL && !matches_pattern (text, "DDDDDD"))
        add_field_error (req, "address.postal_code", "invalid_format", "A postal code is 6 digits.");
    }

  text = json_string_member (req, body, NULL, "phone", TRUE, 16);
  if (text != NULL && !matches_pattern (text, "+7DDDDDDDDDD"))
    add_field_error (req, "phone", "phone_format", "Write the number as +7 and 10 digits.");

  text = json_string_member (req, body, NULL, "email", TRUE, 254);
  if (text != NULL)
    {
      const char *at = strchr (text, '@');

      if (at == NULL || at == text || strchr (at + 1, '@') != NULL || strchr (at + 1, '.') == NULL ||
          g_str_has_suffix (text, ".") || strpbrk (text, " \t\r\n<>,;\"") != NULL)
        add_field_error (req, "email", "email_format", "This is not an e-mail address.");
    }

  if ((document = object_member (req, body, "document")) != NULL)
    {
      const char *type, *number;

      check_unknown_members (req, document, "document", document_allowed);
      type = json_string_member (req, document, "document", "type", TRUE, 20);
      if (type != NULL && !g_strv_contains ((const char * const[]) { "id_card", "passport", "residence_permit", NULL }, type))
        {
          add_field_error (req, "document.type", "invalid_value", "One of id_card, passport, residence_permit.");
          type = NULL;
        }
      number = json_string_member (req, document, "document", "number", TRUE, 12);
      if (type != NULL && number != NULL &&
          (strcmp (type, "passport") == 0 ? !matches_pattern (number, "NDDDDDDDD") : !matches_pattern (number, "DDDDDDDDD")))
        add_field_error (req, "document.number", "document_number_format",
                         strcmp (type, "passport") == 0 ? "A passport number is N and 8 digits."
                                                        : "The document number is 9 digits.");
      text = json_string_member (req, document, "document", "issue_date", TRUE, 10);
      g_date_clear (&issue, 1);
      if (text != NULL)
        {
          if (!parse_date (text, &issue))
            add_field_error (req, "document.issue_date", "invalid_date", "Write the date as YYYY-MM-DD.");
          else if (g_date_compare (&issue, &day) > 0)
            add_field_error (req, "document.issue_date", "date_in_future", "The issue date is in the future.");
        }
      text = json_string_member (req, document, "document", "expiry_date", TRUE, 10);
      if (text != NULL)
        {
          if (!parse_date (text, &expiry))
            add_field_error (req, "document.expiry_date", "invalid_date", "Write the date as YYYY-MM-DD.");
          else if (g_date_valid (&issue) && g_date_compare (&expiry, &issue) <= 0)
            add_field_error (req, "document.expiry_date", "date_order", "The expiry date must be after the issue date.");
        }
      json_string_member (req, document, "document", "issuer", FALSE, 100);
    }

  json_bool_member (req, body, NULL, "pep", TRUE, &flag);
  text = json_string_member (req, body, NULL, "source_of_funds", TRUE, 20);
  if (text != NULL && !g_strv_contains (sources, text))
    add_field_error (req, "source_of_funds", "invalid_value",
                     "One of salary, savings, business, investments, inheritance, pension, other.");
  json_string_member (req, body, NULL, "occupation", TRUE, 100);

  node = json_object_get_member (body, "tax_residency");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    add_field_error (req, "tax_residency", "required", "This field is required.");
  else if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0 ||
           json_array_get_length (json_node_get_array (node)) > 10)
    add_field_error (req, "tax_residency", "invalid_type", "A list of one to ten country codes.");
  else
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
              !matches_pattern (json_node_get_string (item), "AA"))
            {
              g_autofree char *path = g_strdup_printf ("tax_residency.%u", i);

              add_field_error (req, path, "invalid_format", "A two-letter country code, like KZ.");
            }
        }
    }

  if (json_bool_member (req, body, NULL, "risk_warnings_accepted", TRUE, &flag) && !flag)
    add_field_error (req, "risk_warnings_accepted", "consent_required", "The risk warnings must be accepted.");
  if (json_bool_member (req, body, NULL, "personal_data_consent", TRUE, &flag) && !flag)
    add_field_error (req, "personal_data_consent", "consent_required", "Consent to personal data processing is required.");

  if (respond_if_field_errors (req))
    return;

  {
    g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), body);

    g_free (a.personal);
    a.personal = json_to_string (root, FALSE);
  }
  applicant_save (self, &a);
  respond_applicant (self, req, SOUP_STATUS_OK, &a);
}

static const char * const document_kinds[] = {
  "id_card_front", "id_card_back", "passport", "residence_permit_front", "residence_permit_back", "selfie", NULL
};

static void
put_document (KopirSandboxServer *self,
              Request            *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *kind = req->path_args[1];
  g_auto(Applicant) a = { NULL, };
  g_autofree char *sha = NULL;
  g_autoptr(GString) out = NULL;
  KopirSandboxImageType type;
  sqlite3_stmt *stmt;
  guint width = 0, height = 0, min_long, min_short;
  KopirSandboxJson w;

  if (!g_strv_contains (document_kinds, kind))
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such document kind",
                       "One of id_card_front, id_card_back, passport, residence_permit_front, "
                       "residence_permit_back, selfie.");
      return;
    }
  if (!authorise (self, req, &a))
    return;
  if (!editable (&a))
    {
      respond_invalid_state (req, &a, "Documents can be changed only in a draft or after a RETRY answer.");
      return;
    }

  if (req->body_len == 0)
    {
      add_field_error (req, kind, "image_empty", "The image is empty.");
      respond_if_field_errors (req);
      return;
    }
  if (req->body_len > MAX_IMAGE_BYTES)
    {
      respond_problem (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "image_too_large",
                       "The image is too large", "Images may be at most 10 MiB.");
      return;
    }

  type = kopir_sandbox_image_sniff ((const guint8 *) req->body, req->body_len);
  if (type == KOPIR_SANDBOX_IMAGE_UNKNOWN || content_type == NULL ||
      g_ascii_strcasecmp (content_type, kopir_sandbox_image_mime_type (type)) != 0)
    {
      respond_problem (req, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "image_type",
                       "Only JPEG and PNG images are accepted",
                       "The body must be a JPEG or PNG image sent with its own Content-Type.");
      return;
    }
  if (!kopir_sandbox_image_dimensions ((const guint8 *) req->body, req->body_len, &width, &height))
    {
      add_field_error (req, kind, "image_type", "The image is damaged or truncated.");
      respond_if_field_errors (req);
      return;
    }

  min_long = strcmp (kind, "selfie") == 0 ? 480 : 640;
  min_short = 480;
  if (MAX (width, height) < min_long || MIN (width, height) < min_short)
    {
      add_field_error (req, kind, "image_too_small",
                       strcmp (kind, "selfie") == 0 ? "The selfie must be at least 480×480 pixels."
                                                    : "Document images must be at least 640×480 pixels.");
      respond_if_field_errors (req);
      return;
    }

  /* Only the image's digest is kept: the sandbox needs no personal images. */
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) req->body, req->body_len);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "INSERT OR REPLACE INTO documents (applicant_id, kind, content_type, width, "
                                      "height, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, a.id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kopir_sandbox_image_mime_type (type), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, width);
  sqlite3_bind_int64 (stmt, 5, height);
  sqlite3_bind_int64 (stmt, 6, (gint64) req->body_len);
  sqlite3_bind_text (stmt, 7, sha, -1, SQLITE_STATIC);
  kopir_sandbox_store_step_done (self->store, stmt);

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "kind", kind);
  kopir_sandbox_json_kv_string (&w, "content_type", kopir_sandbox_image_mime_type (type));
  kopir_sandbox_json_kv_int (&w, "width", width);
  kopir_sandbox_json_kv_int (&w, "height", height);
  kopir_sandbox_json_kv_int (&w, "size", (gint64) req->body_len);
  kopir_sandbox_json_kv_string (&w, "sha256", sha);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
post_appropriateness (KopirSandboxServer *self,
                      Request            *req)
{
  static const char * const allowed[] = { "version", "answers", NULL };
  static const char * const answer_allowed[] = { "question", "option", NULL };
  g_auto(Applicant) a = { NULL, };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GString) out = NULL;
  gboolean answered[G_N_ELEMENTS (questions)] = { FALSE, };
  const char *version;
  JsonNode *node;
  KopirSandboxJson w;
  int score = 0;

  if (!authorise (self, req, &a))
    return;
  if (!editable (&a))
    {
      respond_invalid_state (req, &a, "The test can be taken only in a draft or after a RETRY answer.");
      return;
    }
  if ((body = read_json_body (req, allowed)) == NULL)
    return;

  version = json_string_member (req, body, NULL, "version", TRUE, 16);
  if (version != NULL && strcmp (version, QUESTIONNAIRE_VERSION) != 0)
    add_field_error (req, "version", "wrong_version", "The questionnaire has changed; load it again.");

  node = json_object_get_member (body, "answers");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    add_field_error (req, "answers", "required", "This field is required.");
  else if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > 32)
    add_field_error (req, "answers", "invalid_type", "A list of answers.");
  else
    {
      JsonArray *answers = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (answers); i++)
        {
          JsonNode *item = json_array_get_element (answers, i);
          g_autofree char *prefix = g_strdup_printf ("answers.%u", i);
          g_autofree char *qpath = g_strconcat (prefix, ".question", NULL);
          g_autofree char *opath = g_strconcat (prefix, ".option", NULL);
          JsonObject *answer;
          const char *qid, *oid;
          gint q = -1;
          gboolean option_ok = FALSE;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              add_field_error (req, prefix, "invalid_type", "Each answer is an object.");
              continue;
            }
          answer = json_node_get_object (item);
          check_unknown_members (req, answer, prefix, answer_allowed);
          qid = json_string_member (req, answer, prefix, "question", TRUE, 8);
          oid = json_string_member (req, answer, prefix, "option", TRUE, 8);
          if (qid == NULL || oid == NULL)
            continue;
          for (guint k = 0; k < G_N_ELEMENTS (questions); k++)
            if (strcmp (questions[k].id, qid) == 0)
              q = (gint) k;
          if (q < 0)
            {
              add_field_error (req, qpath, "unknown_question", "No such question.");
              continue;
            }
          if (answered[q])
            {
              add_field_error (req, qpath, "duplicate_answer", "This question is answered twice.");
              continue;
            }
          answered[q] = TRUE;
          for (guint o = 0; o < 3 && questions[q].options[o][0] != NULL; o++)
            if (strcmp (questions[q].options[o][0], oid) == 0)
              option_ok = TRUE;
          if (!option_ok)
            add_field_error (req, opath, "unknown_option", "No such option for this question.");
          else if (strcmp (questions[q].right, oid) == 0)
            score++;
        }

      for (guint k = 0; k < G_N_ELEMENTS (questions); k++)
        if (!answered[k])
          {
            add_field_error (req, "answers", "required", "Answer every question.");
            break;
          }
    }

  if (respond_if_field_errors (req))
    return;

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "version", QUESTIONNAIRE_VERSION);
  kopir_sandbox_json_kv_int (&w, "score", score);
  kopir_sandbox_json_kv_int (&w, "max_score", G_N_ELEMENTS (questions));
  kopir_sandbox_json_kv_int (&w, "pass_score", PASS_SCORE);
  kopir_sandbox_json_kv_bool (&w, "passed", score >= PASS_SCORE);
  kopir_sandbox_json_end_object (&w);

  g_free (a.appropriateness);
  a.appropriateness = g_strdup (out->str);
  applicant_save (self, &a);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
submit (KopirSandboxServer *self,
        Request            *req)
{
  g_auto(Applicant) a = { NULL, };
  g_autoptr(GPtrArray) missing = NULL;

  if (!authorise (self, req, &a))
    return;
  if (!editable (&a))
    {
      respond_invalid_state (req, &a, "Only a draft, or an application answered RETRY, can be submitted.");
      return;
    }

  missing = missing_items (self, &a);
  for (guint i = 0; i < missing->len; i++)
    add_field_error (req, g_ptr_array_index (missing, i), "required",
                     "This is needed before the application can be submitted.");
  if (respond_if_field_errors (req))
    return;

  set_status (&a, "pending");
  a.submitted_at = req->now;
  a.reviewed_at = 0;
  g_clear_pointer (&a.review, g_free);
  applicant_save (self, &a);
  maybe_review (self, &a, req->now);

  respond_applicant (self, req, SOUP_STATUS_ACCEPTED, &a);
}

static void
credentials (KopirSandboxServer *self,
             Request            *req)
{
  g_auto(Applicant) a = { NULL, };
  g_autoptr(GString) out = NULL;
  sqlite3_stmt *stmt;
  KopirSandboxJson w;
  char cid[16];

  if (!authorise (self, req, &a))
    return;
  if (strcmp (a.status, "approved") != 0)
    {
      respond_invalid_state (req, &a, "Credentials are issued only after approval.");
      return;
    }

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  g_snprintf (cid, sizeof cid, "%" G_GINT64_FORMAT, a.customer_id);
  kopir_sandbox_json_kv_string (&w, "customer_id", cid);
  stmt = kopir_sandbox_store_prepare (self->store, "SELECT api_key, api_secret FROM customers WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, a.customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      kopir_sandbox_json_kv_string (&w, "api_key", kopir_sandbox_column_text (stmt, 0));
      kopir_sandbox_json_kv_string (&w, "api_secret", kopir_sandbox_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  kopir_sandbox_json_end_object (&w);

  a.credentials_issued = TRUE;
  applicant_save (self, &a);
  respond_json (req, SOUP_STATUS_CREATED, out);
}

/**
 * onboarding_complete_review:
 *
 * POST /sandbox/v1/review/{id}/complete: the desk answers now, by its
 * rules, or with the answer in the body.
 */
void
onboarding_complete_review (KopirSandboxServer *self,
                            Request            *req)
{
  static const char * const allowed[] = { "answer", "reject_type", "labels", "comment", NULL };
  g_auto(Applicant) a = { NULL, };
  g_autoptr(JsonObject) body = NULL;
  const char *answer, *reject_type, *comment;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (!applicant_load (self, req->path_args[0], &a))
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such applicant", NULL);
      return;
    }
  if ((body = read_json_body (req, allowed)) == NULL)
    return;
  if (strcmp (a.status, "pending") != 0)
    {
      respond_invalid_state (req, &a, "Only a pending application can be reviewed.");
      return;
    }

  answer = json_string_member (req, body, NULL, "answer", FALSE, 8);
  reject_type = json_string_member (req, body, NULL, "reject_type", FALSE, 8);
  comment = json_string_member (req, body, NULL, "comment", FALSE, 500);
  if (json_object_has_member (body, "labels"))
    {
      JsonNode *node = json_object_get_member (body, "labels");

      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > 16)
        add_field_error (req, "labels", "invalid_type", "A list of labels.");
      else
        for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
          {
            JsonNode *item = json_array_get_element (json_node_get_array (node), i);

            if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
                strlen (json_node_get_string (item)) > 64)
              add_field_error (req, "labels", "invalid_type", "Labels are short strings.");
            else
              g_ptr_array_add (labels, (gpointer) json_node_get_string (item));
          }
    }
  if (answer != NULL && strcmp (answer, "GREEN") != 0 && strcmp (answer, "RED") != 0)
    add_field_error (req, "answer", "invalid_value", "One of GREEN, RED.");
  if (g_strcmp0 (answer, "RED") == 0 &&
      (reject_type == NULL || (strcmp (reject_type, "RETRY") != 0 && strcmp (reject_type, "FINAL") != 0)))
    add_field_error (req, "reject_type", reject_type ? "invalid_value" : "required", "One of RETRY, FINAL.");
  if (respond_if_field_errors (req))
    return;

  kopir_sandbox_store_begin (self->store);
  if (answer == NULL)
    {
      decide (self, &a, req->now);
    }
  else
    {
      g_ptr_array_add (labels, NULL);
      g_free (a.review);
      if (strcmp (answer, "GREEN") == 0)
        {
          a.review = review_json ("GREEN", NULL, (const char * const *) labels->pdata, comment);
          approve (self, &a);
        }
      else
        {
          a.review = review_json ("RED", reject_type, (const char * const *) labels->pdata, comment);
          set_status (&a, "rejected");
        }
      a.reviewed_at = req->now;
    }
  applicant_save (self, &a);
  kopir_sandbox_store_commit (self->store);

  respond_applicant (self, req, SOUP_STATUS_OK, &a);
}

gboolean
onboarding_dispatch (KopirSandboxServer *self,
                     Request            *req)
{
  const char *m = req->method;

  if (!g_str_has_prefix (req->path, "/onboarding/"))
    return FALSE;

  if (!charge_weight (self, req, 1))
    return TRUE;

  if (route_match (req, "/onboarding/v1/appropriateness/questions"))
    strcmp (m, "GET") == 0 ? questionnaire (req) : respond_method_not_allowed (req);
  else if (route_match (req, "/onboarding/v1/applicants"))
    strcmp (m, "POST") == 0 ? create_applicant (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/onboarding/v1/applicants/*"))
    {
      if (strcmp (m, "GET") == 0)
        {
          g_auto(Applicant) a = { NULL, };

          if (authorise (self, req, &a))
            respond_applicant (self, req, SOUP_STATUS_OK, &a);
        }
      else if (strcmp (m, "PUT") == 0)
        put_personal (self, req);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/onboarding/v1/applicants/*/documents/*"))
    strcmp (m, "PUT") == 0 ? put_document (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/onboarding/v1/applicants/*/appropriateness"))
    strcmp (m, "POST") == 0 ? post_appropriateness (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/onboarding/v1/applicants/*/submit"))
    strcmp (m, "POST") == 0 ? submit (self, req) : respond_method_not_allowed (req);
  else if (route_match (req, "/onboarding/v1/applicants/*/credentials"))
    strcmp (m, "POST") == 0 ? credentials (self, req) : respond_method_not_allowed (req);
  else
    respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint", NULL);

  return TRUE;
}
