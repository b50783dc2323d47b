/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include <glib.h>

#include "kopir-audit-log.h"
#include "kopir-iin.h"
#include "kopir-ledger.h"
#include "kopir-test-util.h"

typedef struct
{
  char          *dir;
  char          *path;
  KopirAuditLog *log;
} Fixture;

static void
fill_log (KopirAuditLog *log,
          guint          n)
{
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *details = g_strdup_printf ("{\"step\": %u}", i);
      g_autofree char *subject = kopir_iin_mask ("990101300122");
      g_autoptr(GError) error = NULL;
      gint64 seq = 0;

      g_assert_true (kopir_audit_log_append (log, "staff:1042", i % 2 ? "kyc.view" : "kyc.submit",
                                             subject, "ok", details, &seq, &error));
      g_assert_no_error (error);
      g_assert_cmpint (seq, ==, i);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = kopir_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "audit.db", NULL);
  f->log = kopir_audit_log_open (f->path, &error);
  g_assert_no_error (error);
  fill_log (f->log, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->log);
  kopir_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Changes the file the way someone with the database at hand would: the
 * append-only triggers first have to go. */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

static void
assert_broken_at (KopirAuditLog *log,
                  gint64         seq)
{
  g_autoptr(GError) error = NULL;
  gint64 bad = -1;

  g_assert_false (kopir_audit_log_verify (log, 0, NULL, &bad, &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_TAMPERED);
  g_assert_cmpint (bad, ==, seq);
}

static void
test_intact (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head_hash = NULL;
  gint64 head = 0, bad = -1;
  KopirAuditEntry *e;

  g_assert_true (kopir_audit_log_verify (f->log, 0, NULL, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);

  entries = kopir_audit_log_list (f->log, 0, 0, &error);
  g_assert_cmpuint (entries->len, ==, 10);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->seq, ==, 1);
  g_assert_cmpstr (e->actor, ==, "staff:1042");
  g_assert_cmpstr (e->subject, ==, "********0122");
  g_assert_cmpstr (e->details, ==, "{\"step\": 1}");
  g_assert_cmpstr (e->prev_hash, ==, "0000000000000000000000000000000000000000000000000000000000000000");
  g_assert_cmpuint (strlen (e->hash), ==, KOPIR_AUDIT_HASH_LENGTH);
  for (guint i = 1; i < entries->len; i++)
    g_assert_cmpstr (((KopirAuditEntry *) g_ptr_array_index (entries, i))->prev_hash, ==,
                     ((KopirAuditEntry *) g_ptr_array_index (entries, i - 1))->hash);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = kopir_audit_log_list (f->log, 8, 5, &error);
  g_assert_cmpuint (entries->len, ==, 2);

  /* The chain goes on after closing and opening again. */
  g_clear_object (&f->log);
  f->log = kopir_audit_log_open (f->path, &error);
  g_assert_no_error (error);
  fill_log (f->log, 0);
  g_assert_true (kopir_audit_log_append (f->log, "customer", "session.end", NULL, "ok", NULL, &head, &error));
  g_assert_cmpint (head, ==, 11);
  g_assert_true (kopir_audit_log_get_head (f->log, &head, &head_hash, &error));
  g_assert_cmpint (head, ==, 11);
  g_assert_true (kopir_audit_log_verify (f->log, head, head_hash, NULL, &error));
  g_assert_no_error (error);

  /* The table itself refuses changes. */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET outcome = 'refused' WHERE seq = 3", NULL, NULL, NULL),
                     !=, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 3", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (kopir_audit_log_verify (f->log, 0, NULL, NULL, NULL));
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  tamper (f->path, "DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'refused' WHERE seq = 5");
  assert_broken_at (f->log, 5);
}

static void
test_tampered_rehashed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = kopir_audit_log_list (f->log, 6, 1, NULL);
  KopirAuditEntry *e = g_ptr_array_index (entries, 0);
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;

  /* Whoever alters an entry and fixes its own hash breaks the next link. */
  g_free (e->actor);
  e->actor = g_strdup ("staff:9999");
  hash = kopir_audit_entry_compute_hash (e);
  sql = g_strdup_printf ("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'staff:9999', hash = '%s' "
                         "WHERE seq = 7", hash);
  tamper (f->path, sql);
  assert_broken_at (f->log, 8);
}

static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  tamper (f->path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 4");
  assert_broken_at (f->log, 4);
}

static void
test_reordered (Fixture       *f,
                gconstpointer  data)
{
  /* Entries 6 and 7 swap places, each keeping its own fields and hashes. */
  tamper (f->path, "DROP TRIGGER audit_no_update;"
                   "UPDATE audit SET seq = -6 WHERE seq = 6;"
                   "UPDATE audit SET seq = 6 WHERE seq = 7;"
                   "UPDATE audit SET seq = 7 WHERE seq = -6;");
  assert_broken_at (f->log, 6);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *head_hash = NULL;
  g_autoptr(GError) error = NULL;
  gint64 head = 0, bad = 0;

  g_assert_true (kopir_audit_log_get_head (f->log, &head, &head_hash, NULL));
  tamper (f->path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= 9");

  /* Alone, a shorter chain is still a chain... */
  g_assert_true (kopir_audit_log_verify (f->log, 0, NULL, NULL, NULL));
  /* ...but not one that reaches the head kept elsewhere. */
  g_assert_false (kopir_audit_log_verify (f->log, head, head_hash, &bad, &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_TAMPERED);
  g_assert_cmpint (bad, ==, 9);
}

static void
test_personal_data (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kopir_audit_log_append (f->log, "staff:1", "kyc.view", "990101300122", "ok", NULL, NULL,
                                          &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kopir_audit_log_append (f->log, "staff:1", "bank.link", "x", "ok",
                                          "{\"iban\": \"KZ86125KZT5004100100\"}", NULL, &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kopir_audit_log_append (f->log, "", "x", NULL, "ok", NULL, NULL, &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kopir_audit_log_append (f->log, "staff:1", "bank.link", "x", "ok",
                                          "{\"iban\": \"KZ86 125K ZT50 0410 0100\"}", NULL, &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kopir_audit_log_append (f->log, "staff:1", "kyc.view", "x", "ok",
                                          "{\"note\": \"iin990101300122\"}", NULL, &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kopir_audit_log_append (f->log, "staff:1", "bank.link", "KZ86********0100", "ok",
                                         "{\"amount\": \"50000.00\"}", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kopir_audit_log_verify (f->log, 0, NULL, NULL, NULL));
}

/* A client order id is 32 hexadecimal digits, and about one in fifteen
 * has 12 decimal digits in a row; an order must still be recorded. */
static void
test_order_ids (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint long_runs = 0;

  g_assert_true (kopir_audit_log_append (f->log, "staff:1", "order.place", "********0122", "ok",
                                         "{\"client_order_id\": \"k3f0912345678901c2aa5e8b9d0f11e2a\"}",
                                         NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *id = kopir_ledger_new_client_order_id ();
      g_autofree char *details = g_strdup_printf ("{\"client_order_id\": \"%s\"}", id);
      guint run = 0;

      for (const char *p = id; *p != '\0'; p++)
        {
          run = g_ascii_isdigit (*p) ? run + 1 : 0;
          if (run == 12)
            long_runs++;
        }
      g_assert_true (kopir_audit_log_append (f->log, "staff:1", "order.place", "********0122", "ok",
                                             details, NULL, &error));
      g_assert_no_error (error);
    }
  g_test_message ("%u of 500 order ids had 12 digits in a row", long_runs);
  g_assert_true (kopir_audit_log_verify (f->log, 0, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/audit/intact", test_intact);
  ADD ("/audit/tampered", test_tampered);
  ADD ("/audit/order-ids", test_order_ids);
  ADD ("/audit/tampered-rehashed", test_tampered_rehashed);
  ADD ("/audit/deleted", test_deleted);
  ADD ("/audit/reordered", test_reordered);
  ADD ("/audit/truncated", test_truncated);
  ADD ("/audit/personal-data", test_personal_data);
#undef ADD

  return g_test_run ();
}
