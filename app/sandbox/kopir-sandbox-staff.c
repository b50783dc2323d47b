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
 */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>
#include <sys/random.h>

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
} Otp;

typedef struct
{
  char   *phone;
  char   *text;
  char    code[7];
  gint64  sent_at;
} InboxMessage;

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

void
staff_init (KopirSandboxServer *self)
{
  self->staff_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->staff_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->otps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, otp_free);
  self->inbox = g_ptr_array_new_with_free_func (inbox_message_free);
  self->next_otp_id = 1;
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

static void
send_otp (KopirSandboxServer *self,
          Request            *req)
{
  static const char * const allowed[] = { "phone", "purpose", NULL };
  static const char * const purposes[] = { "onboarding", "customer_session", "withdrawal", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  g_autoptr(GString) out = NULL;
  const char *phone, *purpose;
  InboxMessage *message;
  char *otp_id;
  Otp *otp;
  guint32 r;
  KopirSandboxJson w;

  if (body == NULL)
    return;
  phone = json_string_member (req, body, NULL, "phone", TRUE, 16);
  purpose = json_string_member (req, body, NULL, "purpose", TRUE, 32);
  if (phone != NULL && !is_phone (phone))
    add_field_error (req, "phone", "phone_format", "Write the number as +7 and 10 digits.");
  if (purpose != NULL && !g_strv_contains (purposes, purpose))
    add_field_error (req, "purpose", "invalid_value", "One of onboarding, customer_session, withdrawal.");
  if (respond_if_field_errors (req))
    return;

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

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "otp_id", otp_id);
  kopir_sandbox_json_kv_int (&w, "expires_at", otp->expires_at);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_ACCEPTED, out);
}

static void
verify_otp (KopirSandboxServer *self,
            Request            *req)
{
  static const char * const allowed[] = { "code", NULL };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GString) out = NULL;
  const char *code;
  Otp *otp = g_hash_table_lookup (self->otps, req->path_args[0]);
  KopirSandboxJson w;

  if (otp == NULL)
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such one-time code", NULL);
      return;
    }
  if ((body = read_json_body (req, allowed)) == NULL)
    return;
  code = json_string_member (req, body, NULL, "code", TRUE, 6);
  if (code != NULL && (strlen (code) != 6 || strspn (code, "0123456789") != 6))
    add_field_error (req, "code", "invalid_format", "The code is 6 digits.");
  if (respond_if_field_errors (req))
    return;

  if (otp->expires_at <= req->now || otp->attempts_left == 0)
    {
      g_hash_table_remove (self->otps, req->path_args[0]);
      respond_problem (req, SOUP_STATUS_GONE, "otp_expired", "The code has expired",
                       "Send a new code.");
      return;
    }

  if (!secure_equal (otp->code, code))
    {
      char left[16];

      otp->attempts_left--;
      g_snprintf (left, sizeof left, "%u", otp->attempts_left);
      add_problem_member (req, "attempts_left", left);
      add_field_error (req, "code", "otp_mismatch", "The code is wrong.");
      respond_if_field_errors (req);
      return;
    }

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_bool (&w, "verified", TRUE);
  kopir_sandbox_json_kv_string (&w, "phone", otp->phone);
  kopir_sandbox_json_kv_string (&w, "purpose", otp->purpose);
  kopir_sandbox_json_end_object (&w);
  g_hash_table_remove (self->otps, req->path_args[0]);
  respond_json (req, SOUP_STATUS_OK, out);
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
