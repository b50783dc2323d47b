/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-staff.c: assisted mode at a branch (data/kopir-api.yaml,
 * tag staff) and the sandbox's SMS inbox.
 *
 * Sandbox staff accounts: S0001 / sandbox-staff-1 and S0002 /
 * sandbox-staff-2.  Sessions last 15 minutes, renewed by use; five wrong
 * passwords in a row lock a staff id for 15 minutes.  One-time codes go to
 * the customer's phone, which here is GET /sandbox/v1/inbox.  All of this
 * lives in memory: a restart signs everyone out.
 *
 * A customer session lets a member of staff act for an existing customer:
 * staff give the customer's IIN, the code goes to the phone on file, and
 * once the customer has typed it the exchange lends a key of its own for
 * that customer.  The key signs like the customer's, ends with the
 * customer session or the staff session, and is never stored.
 */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include "kopir-iin.h"
#include "kopir-sandbox-server-private.h"

#define SESSION_MS     (15 * 60 * 1000)
#define LOCK_MS        (15 * 60 * 1000)
#define MAX_FAILURES   5
#define OTP_MS         (5 * 60 * 1000)
#define OTP_ATTEMPTS   3
#define INBOX_MAX      200

typedef struct
{
  const char *id;
  const char *password;
  const char *name;
  const char *branch;
} StaffAccount;

static const StaffAccount accounts[] = {
  { "S0001", "sandbox-staff-1", "Айгүл Серікова", "Almaty, Abay Avenue branch" },
  { "S0002", "sandbox-staff-2", "Марат Ахметов", "Astana, Mangilik El branch" },
};

typedef struct
{
  const StaffAccount *account;
  gint64              expires_at;
} StaffSession;

typedef struct
{
  guint  failures;
  gint64 locked_until;
} Failures;

typedef struct
{
  char   *phone;
  char   *purpose;
  char    code[7];
  gint64  expires_at;
  guint   attempts_left;
  gboolean phone_hidden;   /* sent by customer id: never answer the number */
} Otp;

typedef struct
{
  char   *phone;
  char   *text;
  char    code[7];
  gint64  sent_at;
} InboxMessage;

typedef struct
{
  char   *id;
  char   *staff_token;
  char   *otp_id;
  gint64  customer_id;
  char   *api_key;
  char   *api_secret;
} CustomerSession;

/* Exact comparison in time that depends only on @expected's length. */
static gboolean
secure_equal (const char *expected,
              const char *given)
{
  gsize n = strlen (expected), given_len = strlen (given);
  guint diff = (guint) (n != given_len);

  for (gsize i = 0; i < n; i++)
    diff |= (guint) ((guchar) expected[i] ^ (guchar) (i < given_len ? given[i] : 0));

  return diff == 0;
}

static void
otp_free (gpointer data)
{
  Otp *otp = data;

  g_free (otp->phone);
  g_free (otp->purpose);
  g_free (otp);
}

static void
inbox_message_free (gpointer data)
{
  InboxMessage *message = data;

  g_free (message->phone);
  g_free (message->text);
  g_free (message);
}

static void
customer_session_free (gpointer data)
{
  CustomerSession *cs = data;

  g_free (cs->id);
  g_free (cs->staff_token);
  g_free (cs->otp_id);
  g_free (cs->api_key);
  g_free (cs->api_secret);
  g_free (cs);
}

void
staff_init (KopirSandboxServer *self)
{
  self->staff_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->staff_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->otps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, otp_free);
  self->inbox = g_ptr_array_new_with_free_func (inbox_message_free);
  self->next_otp_id = 1;
  self->customer_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, customer_session_free);
  self->delegated_keys = g_hash_table_new (g_str_hash, g_str_equal);
  self->next_customer_session_id = 1;
}

void
staff_finalize (KopirSandboxServer *self)
{
  g_clear_pointer (&self->delegated_keys, g_hash_table_unref);
  g_clear_pointer (&self->customer_sessions, g_hash_table_unref);
}

static void
end_customer_session (KopirSandboxServer *self,
                      CustomerSession    *cs)
{
  if (cs->api_key != NULL)
    g_hash_table_remove (self->delegated_keys, cs->api_key);
  g_hash_table_remove (self->customer_sessions, cs->id);
}

/* Ends every customer session opened under @token. */
static void
end_customer_sessions_of (KopirSandboxServer *self,
                          const char         *token)
{
  GHashTableIter iter;
  CustomerSession *cs;
  g_autoptr(GPtrArray) ending = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, self->customer_sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cs))
    if (strcmp (cs->staff_token, token) == 0)
      g_ptr_array_add (ending, cs);
  for (guint i = 0; i < ending->len; i++)
    end_customer_session (self, g_ptr_array_index (ending, i));
}

/**
 * staff_delegated_key:
 * @api_key: an API key that is no customer's own
 * @now: server time, ms
 * @customer_id: (out): the customer it acts for
 * @api_secret: (out): its secret
 *
 * Looks up a key lent for a customer session.  It is valid while the staff
 * session it was lent under is; using it keeps that session alive, as any
 * staff call does.
 *
 * Returns: whether @api_key is such a key
 */
gboolean
staff_delegated_key (KopirSandboxServer  *self,
                     const char          *api_key,
                     gint64               now,
                     gint64              *customer_id,
                     char               **api_secret)
{
  CustomerSession *cs = g_hash_table_lookup (self->delegated_keys, api_key);
  StaffSession *session;

  if (cs == NULL)
    return FALSE;

  session = g_hash_table_lookup (self->staff_sessions, cs->staff_token);
  if (session == NULL || session->expires_at <= now)
    return FALSE;

  session->expires_at = now + SESSION_MS;
  *customer_id = cs->customer_id;
  *api_secret = g_strdup (cs->api_secret);
  return TRUE;
}

static void
write_session (KopirSandboxJson   *w,
               const char         *token,
               const StaffSession *session)
{
  kopir_sandbox_json_begin_object (w);
  if (token != NULL)
    kopir_sandbox_json_kv_string (w, "token", token);
  kopir_sandbox_json_kv_string (w, "staff_id", session->account->id);
  kopir_sandbox_json_kv_string (w, "name", session->account->name);
  kopir_sandbox_json_kv_string (w, "branch", session->account->branch);
  kopir_sandbox_json_kv_int (w, "expires_at", session->expires_at);
  kopir_sandbox_json_end_object (w);
}

static void
create_session (KopirSandboxServer *self,
                Request            *req)
{
  static const char * const allowed[] = { "staff_id", "password", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  g_autoptr(GString) out = NULL;
  const char *staff_id, *password;
  const StaffAccount *account = NULL;
  Failures *failures;
  StaffSession *session;
  char *token;
  KopirSandboxJson w;

  if (body == NULL)
    return;
  staff_id = json_string_member (req, body, NULL, "staff_id", TRUE, 16);
  password = json_string_member (req, body, NULL, "password", TRUE, 128);
  if (respond_if_field_errors (req))
    return;

  failures = g_hash_table_lookup (self->staff_failures, staff_id);
  if (failures != NULL && failures->locked_until > req->now)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (failures->locked_until - req->now + 999) / 1000);
      add_header (req, "Retry-After", buf);
      respond_problem (req, 429, "staff_locked", "Too many wrong passwords",
                       "This staff id is locked for 15 minutes.");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    if (strcmp (accounts[i].id, staff_id) == 0)
      account = &accounts[i];

  /* Compare in constant time, and the same way for unknown ids. */
  if (!secure_equal (account ? account->password : "\x01", password) || account == NULL)
    {
      if (failures == NULL)
        {
          failures = g_new0 (Failures, 1);
          g_hash_table_insert (self->staff_failures, g_strdup (staff_id), failures);
        }
      if (++failures->failures >= MAX_FAILURES)
        {
          failures->failures = 0;
          failures->locked_until = req->now + LOCK_MS;
        }
      respond_problem (req, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials",
                       "The staff id or password is wrong", NULL);
      return;
    }

  g_hash_table_remove (self->staff_failures, staff_id);
  token = random_token (43);
  session = g_new0 (StaffSession, 1);
  session->account = account;
  session->expires_at = req->now + SESSION_MS;
  g_hash_table_insert (self->staff_sessions, token, session);

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  write_session (&w, token, session);
  respond_json (req, SOUP_STATUS_CREATED, out);
}

static StaffSession *
authorise_staff (KopirSandboxServer  *self,
                 Request             *req,
                 const char         **token_out)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  StaffSession *session;

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ") || auth[7] == '\0')
    {
      add_header (req, "WWW-Authenticate", "Bearer");
      respond_problem (req, SOUP_STATUS_UNAUTHORIZED, "missing_token", "The staff session token is missing", NULL);
      return NULL;
    }
  session = g_hash_table_lookup (self->staff_sessions, auth + 7);
  if (session == NULL)
    {
      respond_problem (req, SOUP_STATUS_UNAUTHORIZED, "invalid_token", "The staff session token is not valid", NULL);
      return NULL;
    }
  if (session->expires_at <= req->now)
    {
      end_customer_sessions_of (self, auth + 7);
      g_hash_table_remove (self->staff_sessions, auth + 7);
      respond_problem (req, SOUP_STATUS_UNAUTHORIZED, "session_expired", "The staff session has expired",
                       "Sign in again.");
      return NULL;
    }

  session->expires_at = req->now + SESSION_MS;
  if (token_out != NULL)
    *token_out = auth + 7;
  return session;
}

static gboolean
is_phone (const char *text)
{
  if (text == NULL || strlen (text) != 12 || strncmp (text, "+7", 2) != 0)
    return FALSE;
  return strspn (text + 2, "0123456789") == 10;
}

/* Sends a new code to @phone; returns its id (owned by the table). */
static const char *
new_otp (KopirSandboxServer *self,
         Request            *req,
         const char         *phone,
         const char         *purpose,
         gint64             *expires_at)
{
  InboxMessage *message;
  char *otp_id;
  Otp *otp;
  guint32 r;

  if (getrandom (&r, sizeof r, 0) != sizeof r)
    g_error ("No random numbers available");

  otp = g_new0 (Otp, 1);
  otp->phone = g_strdup (phone);
  otp->purpose = g_strdup (purpose);
  g_snprintf (otp->code, sizeof otp->code, "%06u", r % 1000000);
  otp->expires_at = req->now + OTP_MS;
  otp->attempts_left = OTP_ATTEMPTS;
  otp_id = g_strdup_printf ("otp_%" G_GINT64_FORMAT, self->next_otp_id++);
  g_hash_table_insert (self->otps, otp_id, otp);

  message = g_new0 (InboxMessage, 1);
  message->phone = g_strdup (phone);
  message->text = g_strdup_printf ("Kopir: your code is %s. Never tell it to anyone but the bank employee "
                                   "serving you now.", otp->code);
  memcpy (message->code, otp->code, sizeof message->code);
  message->sent_at = req->now;
  g_ptr_array_add (self->inbox, message);
  if (self->inbox->len > INBOX_MAX)
    g_ptr_array_remove_index (self->inbox, 0);

  *expires_at = otp->expires_at;
  return otp_id;
}

/* Checks @code against the code @otp_id; on a wrong, expired or unknown
 * code the problem is answered and %NULL returned.  The caller removes a
 * code that matched. */
static Otp *
check_otp (KopirSandboxServer *self,
           Request            *req,
           const char         *otp_id)
{
  static const char * const allowed[] = { "code", NULL };
  g_autoptr(JsonObject) body = NULL;
  const char *code;
  Otp *otp = otp_id != NULL ? g_hash_table_lookup (self->otps, otp_id) : NULL;

  if (otp == NULL)
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such one-time code", NULL);
      return NULL;
    }
  if ((body = read_json_body (req, allowed)) == NULL)
    return NULL;
  code = json_string_member (req, body, NULL, "code", TRUE, 6);
  if (code != NULL && (strlen (code) != 6 || strspn (code, "0123456789") != 6))
    add_field_error (req, "code", "invalid_format", "The code is 6 digits.");
  if (respond_if_field_errors (req))
    return NULL;

  if (otp->expires_at <= req->now || otp->attempts_left == 0)
    {
      g_hash_table_remove (self->otps, otp_id);
      respond_problem (req, SOUP_STATUS_GONE, "otp_expired", "The code has expired",
                       "Send a new code.");
      return NULL;
    }

  if (!secure_equal (otp->code, code))
    {
      char left[16];

      otp->attempts_left--;
      g_snprintf (left, sizeof left, "%u", otp->attempts_left);
      add_problem_member (req, "attempts_left", left);
      add_field_error (req, "code", "otp_mismatch", "The code is wrong.");
      respond_if_field_errors (req);
      return NULL;
    }

  return otp;
}

/* "+7 *** ***-45-67": enough for the customer to recognise their phone,
 * not enough to learn someone else's. */
static char *
mask_phone (const char *phone)
{
  gsize n = strlen (phone);

  if (n < 4)
    return g_strdup ("***");
  return g_strdup_printf ("+7 *** ***-%c%c-%c%c", phone[n - 4], phone[n - 3], phone[n - 2], phone[n - 1]);
}

static void
send_otp (KopirSandboxServer *self,
          Request            *req)
{
  static const char * const allowed[] = { "phone", "customer_id", "purpose", NULL };
  static const char * const purposes[] = { "onboarding", "customer_session", "withdrawal", "purchase", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  g_autoptr(GString) out = NULL;
  g_autofree char *on_file = NULL;
  g_autofree char *masked = NULL;
  const char *phone, *customer_id, *purpose, *otp_id;
  gint64 expires_at, id = 0;
  KopirSandboxJson w;

  if (body == NULL)
    return;
  phone = json_string_member (req, body, NULL, "phone", FALSE, 16);
  customer_id = json_string_member (req, body, NULL, "customer_id", FALSE, 7);
  purpose = json_string_member (req, body, NULL, "purpose", TRUE, 32);
  if ((phone == NULL) == (customer_id == NULL))
    add_field_error (req, "phone", "required", "Give either the phone or the customer id.");
  if (phone != NULL && !is_phone (phone))
    add_field_error (req, "phone", "phone_format", "Write the number as +7 and 10 digits.");
  if (customer_id != NULL && !kopir_sandbox_parse_int64 (customer_id, 1000000, 9999999, &id))
    add_field_error (req, "customer_id", "invalid_format", "7 digits.");
  if (purpose != NULL && !g_strv_contains (purposes, purpose))
    add_field_error (req, "purpose", "invalid_value",
                     "One of onboarding, customer_session, withdrawal, purchase.");
  if (respond_if_field_errors (req))
    return;

  /* By customer id, the code goes to the phone the exchange has on file
   * and only the masked number is answered. */
  if (customer_id != NULL)
    {
      sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store, "SELECT phone FROM customers WHERE id = ?");

      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        on_file = g_strdup (kopir_sandbox_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (on_file == NULL || !is_phone (on_file))
        {
          respond_problem (req, SOUP_STATUS_NOT_FOUND, "customer_not_found",
                           "No such customer, or no phone on file", NULL);
          return;
        }
      phone = on_file;
      masked = mask_phone (phone);
    }

  otp_id = new_otp (self, req, phone, purpose, &expires_at);
  ((Otp *) g_hash_table_lookup (self->otps, otp_id))->phone_hidden = masked != NULL;

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "otp_id", otp_id);
  kopir_sandbox_json_kv_int (&w, "expires_at", expires_at);
  if (masked != NULL)
    kopir_sandbox_json_kv_string (&w, "phone_masked", masked);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_ACCEPTED, out);
}

static void
verify_otp (KopirSandboxServer *self,
            Request            *req)
{
  g_autoptr(GString) out = NULL;
  Otp *otp = check_otp (self, req, req->path_args[0]);
  KopirSandboxJson w;

  if (otp == NULL)
    return;

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_bool (&w, "verified", TRUE);
  if (!otp->phone_hidden)
    kopir_sandbox_json_kv_string (&w, "phone", otp->phone);
  kopir_sandbox_json_kv_string (&w, "purpose", otp->purpose);
  kopir_sandbox_json_end_object (&w);
  g_hash_table_remove (self->otps, req->path_args[0]);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
start_customer_session (KopirSandboxServer *self,
                        Request            *req,
                        const char         *staff_token)
{
  static const char * const allowed[] = { "iin", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  g_autoptr(GString) out = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *masked = NULL;
  const char *iin, *otp_id;
  sqlite3_stmt *stmt;
  gint64 customer_id = 0, expires_at;
  CustomerSession *cs;
  KopirSandboxJson w;

  if (body == NULL)
    return;
  iin = json_string_member (req, body, NULL, "iin", TRUE, 12);
  if (iin != NULL && !kopir_iin_validate (iin, NULL, NULL))
    add_field_error (req, "iin", "invalid_iin", "Not a valid IIN.");
  if (respond_if_field_errors (req))
    return;

  stmt = kopir_sandbox_store_prepare (self->store, "SELECT id, phone FROM customers WHERE iin = ? ORDER BY id LIMIT 1");
  sqlite3_bind_text (stmt, 1, iin, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      customer_id = sqlite3_column_int64 (stmt, 0);
      phone = g_strdup (kopir_sandbox_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (customer_id == 0)
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "customer_not_found", "No customer has this IIN",
                       "Open an account for a new customer instead.");
      return;
    }
  if (phone == NULL || !is_phone (phone))
    {
      respond_problem (req, SOUP_STATUS_CONFLICT, "no_phone", "The customer has no phone on file",
                       "The customer must update their phone number with the exchange.");
      return;
    }

  otp_id = new_otp (self, req, phone, "customer_session", &expires_at);
  cs = g_new0 (CustomerSession, 1);
  cs->id = g_strdup_printf ("cs_%" G_GINT64_FORMAT, self->next_customer_session_id++);
  cs->staff_token = g_strdup (staff_token);
  cs->otp_id = g_strdup (otp_id);
  cs->customer_id = customer_id;
  g_hash_table_insert (self->customer_sessions, cs->id, cs);

  masked = mask_phone (phone);
  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "id", cs->id);
  kopir_sandbox_json_kv_string (&w, "otp_id", otp_id);
  kopir_sandbox_json_kv_string (&w, "phone_masked", masked);
  kopir_sandbox_json_kv_int (&w, "expires_at", expires_at);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_ACCEPTED, out);
}

static CustomerSession *
lookup_customer_session (KopirSandboxServer *self,
                         Request            *req,
                         const char         *staff_token)
{
  CustomerSession *cs = g_hash_table_lookup (self->customer_sessions, req->path_args[0]);

  /* Another member of staff's customer session does not exist for this one. */
  if (cs == NULL || strcmp (cs->staff_token, staff_token) != 0)
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such customer session", NULL);
      return NULL;
    }
  return cs;
}

static void
verify_customer_session (KopirSandboxServer *self,
                         Request            *req,
                         const char         *staff_token)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) name = NULL;
  g_autofree char *locale = NULL;
  CustomerSession *cs = lookup_customer_session (self, req, staff_token);
  sqlite3_stmt *stmt;
  char customer_id[24];
  KopirSandboxJson w;

  if (cs == NULL)
    return;
  if (cs->api_key != NULL)
    {
      respond_problem (req, SOUP_STATUS_CONFLICT, "already_verified", "The customer session is verified already",
                       NULL);
      return;
    }
  if (check_otp (self, req, cs->otp_id) == NULL)
    {
      /* A code that can no longer be used ends the attempt. */
      if (g_hash_table_lookup (self->otps, cs->otp_id) == NULL)
        end_customer_session (self, cs);
      return;
    }
  g_hash_table_remove (self->otps, cs->otp_id);

  cs->api_key = random_token (64);
  cs->api_secret = random_token (64);
  g_hash_table_insert (self->delegated_keys, cs->api_key, cs);

  name = g_string_new (NULL);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT c.last_name, c.first_name, c.patronymic, a.locale FROM customers c "
                                      "LEFT JOIN applicants a ON a.id = c.applicant_id WHERE c.id = ?");
  sqlite3_bind_int64 (stmt, 1, cs->customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < 3; i++)
        {
          const char *part = kopir_sandbox_column_text (stmt, i);

          if (part == NULL || *part == '\0')
            continue;
          if (name->len > 0)
            g_string_append_c (name, ' ');
          g_string_append (name, part);
        }
      locale = g_strdup (kopir_sandbox_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);

  g_snprintf (customer_id, sizeof customer_id, "%" G_GINT64_FORMAT, cs->customer_id);
  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "customer_id", customer_id);
  kopir_sandbox_json_kv_string (&w, "full_name", name->str);
  if (locale != NULL)
    kopir_sandbox_json_kv_string (&w, "locale", locale);
  kopir_sandbox_json_kv_string (&w, "api_key", cs->api_key);
  kopir_sandbox_json_kv_string (&w, "api_secret", cs->api_secret);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

/* The staff member's password again, for the session they hold: unlocking
 * a branch desk.  Wrong passwords count towards the lock as at sign-in. */
static void
confirm_password (KopirSandboxServer *self,
                  Request            *req,
                  StaffSession       *session)
{
  static const char * const allowed[] = { "password", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  const char *password;
  const char *staff_id = session->account->id;
  Failures *failures;

  if (body == NULL)
    return;
  password = json_string_member (req, body, NULL, "password", TRUE, 128);
  if (respond_if_field_errors (req))
    return;

  failures = g_hash_table_lookup (self->staff_failures, staff_id);
  if (failures != NULL && failures->locked_until > req->now)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (failures->locked_until - req->now + 999) / 1000);
      add_header (req, "Retry-After", buf);
      respond_problem (req, 429, "staff_locked", "Too many wrong passwords",
                       "This staff id is locked for 15 minutes.");
      return;
    }

  if (!secure_equal (session->account->password, password))
    {
      if (failures == NULL)
        {
          failures = g_new0 (Failures, 1);
          g_hash_table_insert (self->staff_failures, g_strdup (staff_id), failures);
        }
      if (++failures->failures >= MAX_FAILURES)
        {
          failures->failures = 0;
          failures->locked_until = req->now + LOCK_MS;
        }
      respond_problem (req, SOUP_STATUS_FORBIDDEN, "invalid_credentials", "The password is wrong", NULL);
      return;
    }

  g_hash_table_remove (self->staff_failures, staff_id);
  respond_no_content (req);
}

void
staff_inbox (KopirSandboxServer *self,
             Request            *req)
{
  const char *phone = kopir_sandbox_params_get (req->params, "phone");
  g_autoptr(GString) out = g_string_new (NULL);
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_key (&w, "messages");
  kopir_sandbox_json_begin_array (&w);
  for (guint i = self->inbox->len; i > 0; i--)
    {
      InboxMessage *message = g_ptr_array_index (self->inbox, i - 1);

      if (phone != NULL && strcmp (phone, message->phone) != 0)
        continue;
      kopir_sandbox_json_begin_object (&w);
      kopir_sandbox_json_kv_string (&w, "phone", message->phone);
      kopir_sandbox_json_kv_string (&w, "text", message->text);
      kopir_sandbox_json_kv_string (&w, "code", message->code);
      kopir_sandbox_json_kv_int (&w, "sent_at", message->sent_at);
      kopir_sandbox_json_end_object (&w);
    }
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

gboolean
staff_dispatch (KopirSandboxServer *self,
                Request            *req)
{
  const char *m = req->method;
  const char *token = NULL;
  StaffSession *session;

  if (!g_str_has_prefix (req->path, "/staff/"))
    return FALSE;

  if (!charge_weight (self, req, 1))
    return TRUE;

  if (route_match (req, "/staff/v1/sessions"))
    {
      if (strcmp (m, "POST") == 0)
        create_session (self, req);
      else
        respond_method_not_allowed (req);
    }
  else if (route_match (req, "/staff/v1/sessions/current"))
    {
      if (strcmp (m, "GET") != 0 && strcmp (m, "DELETE") != 0)
        respond_method_not_allowed (req);
      else if ((session = authorise_staff (self, req, &token)) != NULL)
        {
          if (strcmp (m, "DELETE") == 0)
            {
              end_customer_sessions_of (self, token);
              g_hash_table_remove (self->staff_sessions, token);
              respond_no_content (req);
            }
          else
            {
              g_autoptr(GString) out = g_string_new (NULL);
              KopirSandboxJson w;

              kopir_sandbox_json_init (&w, out);
              write_session (&w, NULL, session);
              respond_json (req, SOUP_STATUS_OK, out);
            }
        }
    }
  else if (route_match (req, "/staff/v1/sessions/current/password"))
    {
      if (strcmp (m, "POST") != 0)
        respond_method_not_allowed (req);
      else if ((session = authorise_staff (self, req, &token)) != NULL)
        confirm_password (self, req, session);
    }
  else if (route_match (req, "/staff/v1/customer-sessions"))
    {
      if (strcmp (m, "POST") != 0)
        respond_method_not_allowed (req);
      else if (authorise_staff (self, req, &token) != NULL)
        start_customer_session (self, req, token);
    }
  else if (route_match (req, "/staff/v1/customer-sessions/*/verify"))
    {
      if (strcmp (m, "POST") != 0)
        respond_method_not_allowed (req);
      else if (authorise_staff (self, req, &token) != NULL)
        verify_customer_session (self, req, token);
    }
  else if (route_match (req, "/staff/v1/customer-sessions/*"))
    {
      CustomerSession *cs;

      if (strcmp (m, "DELETE") != 0)
        respond_method_not_allowed (req);
      else if (authorise_staff (self, req, &token) != NULL &&
               (cs = lookup_customer_session (self, req, token)) != NULL)
        {
          end_customer_session (self, cs);
          respond_no_content (req);
        }
    }
  else if (route_match (req, "/staff/v1/otp"))
    {
      if (strcmp (m, "POST") != 0)
        respond_method_not_allowed (req);
      else if (authorise_staff (self, req, NULL) != NULL)
        send_otp (self, req);
    }
  else if (route_match (req, "/staff/v1/otp/*/verify"))
    {
      if (strcmp (m, "POST") != 0)
        respond_method_not_allowed (req);
      else if (authorise_staff (self, req, NULL) != NULL)
        verify_otp (self, req);
    }
  else
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint", NULL);
    }

  return TRUE;
}
