/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-assisted.c: the parts of assisted mode that need no exchange
 *
 * The audit trail (entries in the hash chain and as journal records, their
 * MESSAGE_IDs and fields, masking, verification, tampering, truncation,
 * CSV export), the growing wait after wrong passwords, and the wipe of a
 * customer's files and memory.
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kopir-audit-trail.h"
#include "kopir-customer-wipe.h"
#include "kopir-sign-in-throttle.h"
#include "kopir-test-util.h"

#define IIN "990101300122"

/* Journal records, as the log writer sees them */

typedef struct
{
  GHashTable *fields;
} Record;

static GMutex records_lock;
static GPtrArray *records;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean audit = FALSE;

  for (gsize i = 0; i < n_fields; i++)
    {
      g_autofree char *value = fields[i].length < 0 ? g_strdup (fields[i].value)
                                                    : g_strndup (fields[i].value, fields[i].length);

      if (g_strcmp0 (fields[i].key, "KOPIR_ACTION") == 0)
        audit = TRUE;
      g_hash_table_replace (copy, g_strdup (fields[i].key), g_steal_pointer (&value));
    }

  if (!audit)
    {
      g_hash_table_unref (copy);
      return g_log_writer_default (log_level, fields, n_fields, user_data);
    }

  g_mutex_lock (&records_lock);
  g_ptr_array_add (records, copy);
  g_mutex_unlock (&records_lock);
  return G_LOG_WRITER_HANDLED;
}

static GHashTable *
record_at (guint i)
{
  GHashTable *fields;

  g_mutex_lock (&records_lock);
  g_assert_cmpuint (i, <, records->len);
  fields = g_ptr_array_index (records, i);
  g_mutex_unlock (&records_lock);
  return fields;
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kopir-test-assisted-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_assert_true (kopir_customer_wipe_file (dir, NULL, NULL));
}

static gint64
record_sync (KopirAuditTrail  *trail,
             KopirAuditAction  action,
             const char       *staff_id,
             const char       *iin,
             const char       *outcome,
             const char       *details)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  kopir_audit_trail_record_async (trail, action, staff_id, iin, outcome, details, NULL,
                                  kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  seq = kopir_audit_trail_record_finish (trail, result, &error);
  g_assert_no_error (error);
  return seq;
}

static GListModel *
list_sync (KopirAuditTrail *trail)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *items;

  kopir_audit_trail_list_async (trail, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  items = kopir_audit_trail_list_finish (trail, result, &error);
  g_assert_no_error (error);
  return items;
}

static gboolean
verify_sync (KopirAuditTrail  *trail,
             gint64           *first_bad,
             GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kopir_audit_trail_verify_async (trail, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  return kopir_audit_trail_verify_finish (trail, result, first_bad, error);
}

static void
test_message_ids (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < KOPIR_AUDIT_N_ACTIONS; i++)
    {
      const char *id = kopir_audit_action_get_message_id (i);
      const char *name = kopir_audit_action_to_string (i);
      KopirAuditAction back;

      g_assert_cmpuint (strlen (id), ==, 32);
      for (const char *p = id; *p; p++)
        g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);

      g_assert_true (kopir_audit_action_from_string (name, &back));
      g_assert_cmpuint (back, ==, i);
      g_assert_nonnull (kopir_audit_action_get_label (i));
    }

  /* Documented, so collectors rely on them: they never change. */
  g_assert_cmpstr (kopir_audit_action_get_message_id (KOPIR_AUDIT_ACTION_STAFF_SIGN_IN), ==,
                   "b8db35833ab54962bd22420d1e9b6861");
  g_assert_cmpstr (kopir_audit_action_get_message_id (KOPIR_AUDIT_ACTION_ORDER_PLACE), ==,
                   "2a16125996fc4e11b1663a9b36603274");
  g_assert_cmpstr (kopir_audit_action_get_message_id (KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_END), ==,
                   "c1c22baa60bb4fe2b48a9ffc6226af0c");
  g_assert_cmpstr (kopir_audit_action_to_string (KOPIR_AUDIT_ACTION_DOCUMENT_PRINT), ==, "document.print");
  g_assert_false (kopir_audit_action_from_string ("order.teleport", NULL));
}

static void
test_actor_and_subject (void)
{
  g_autofree char *staff = kopir_audit_actor_for_staff ("S0001");
  g_autofree char *typo = kopir_audit_actor_for_staff ("my secret password!");
  g_autofree char *system = kopir_audit_actor_for_staff (NULL);
  g_autofree char *iin = kopir_audit_subject_for_iin (IIN);
  g_autofree char *partial = kopir_audit_subject_for_iin ("9901");
  g_autofree char *none = kopir_audit_subject_for_iin (NULL);
  g_autofree char *details = kopir_audit_details ("kind", "new", "skipped", NULL, "quote", "a\"b", NULL);

  g_assert_cmpstr (staff, ==, "staff:S0001");
  /* What was typed in the staff id field is not recorded unless it looks
   * like a staff id: people type passwords there by mistake. */
  g_assert_cmpstr (typo, ==, "staff:?");
  g_assert_cmpstr (system, ==, "system");
  g_assert_cmpstr (iin, ==, "iin:********0122");
  g_assert_cmpstr (partial, ==, "iin:****");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (details, ==, "{\"kind\":\"new\",\"quote\":\"a\\\"b\"}");
}

static void
test_trail_records (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "audit.sqlite", NULL);
  g_autoptr(KopirAuditTrail) trail = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autofree char *details = kopir_audit_details ("kind", "new", NULL);
  g_autofree char *contents = NULL;
  const char *needles[] = { IIN, NULL };
  g_autofree char *found = NULL;
  GHashTable *fields;
  guint first;

  trail = kopir_audit_trail_new (path, &error);
  g_assert_no_error (error);

  g_mutex_lock (&records_lock);
  first = records->len;
  g_mutex_unlock (&records_lock);

  /* Three in a row, without waiting: they are chained in call order. */
  kopir_audit_trail_record_async (trail, KOPIR_AUDIT_ACTION_STAFF_SIGN_IN, "S0001", NULL, "ok", NULL,
                                  NULL, kopir_test_async_cb, &r1);
  kopir_audit_trail_record_async (trail, KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_START, "S0001", IIN, "ok",
                                  details, NULL, kopir_test_async_cb, &r2);
  kopir_audit_trail_record_async (trail, KOPIR_AUDIT_ACTION_STAFF_SIGN_IN, "wrong id with spaces", NULL,
                                  "wrong-password", NULL, NULL, kopir_test_async_cb, &r3);
  r1 = kopir_test_wait_result (&r1);
  r2 = kopir_test_wait_result (&r2);
  r3 = kopir_test_wait_result (&r3);
  g_assert_cmpint (kopir_audit_trail_record_finish (trail, r1, NULL), ==, 1);
  g_assert_cmpint (kopir_audit_trail_record_finish (trail, r2, NULL), ==, 2);
  g_assert_cmpint (kopir_audit_trail_record_finish (trail, r3, NULL), ==, 3);

  items = list_sync (trail);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  {
    g_autoptr(KopirAuditItem) second = g_list_model_get_item (items, 1);
    g_autoptr(KopirAuditItem) third = g_list_model_get_item (items, 2);

    g_assert_cmpint (kopir_audit_item_get_seq (second), ==, 2);
    g_assert_cmpstr (kopir_audit_item_get_staff_id (second), ==, "S0001");
    g_assert_cmpstr (kopir_audit_item_get_action (second), ==, "customer.session-start");
    g_assert_cmpstr (kopir_audit_item_get_customer (second), ==, "********0122");
    g_assert_cmpstr (kopir_audit_item_get_outcome (second), ==, "ok");
    g_assert_cmpstr (kopir_audit_item_get_details (second), ==, "{\"kind\":\"new\"}");
    g_assert_nonnull (kopir_audit_item_get_time (second));
    g_assert_cmpstr (kopir_audit_item_get_staff_id (third), ==, "?");
  }

  /* The journal got the same entries, with their fields. */
  fields = record_at (first + 1);
  g_assert_cmpstr (g_hash_table_lookup (fields, "MESSAGE_ID"), ==, "499a3e8252164979b83a12e9cff8eca8");
  g_assert_cmpstr (g_hash_table_lookup (fields, "KOPIR_ACTION"), ==, "customer.session-start");
  g_assert_cmpstr (g_hash_table_lookup (fields, "KOPIR_OUTCOME"), ==, "ok");
  g_assert_cmpstr (g_hash_table_lookup (fields, "KOPIR_STAFF_ID"), ==, "S0001");
  g_assert_cmpstr (g_hash_table_lookup (fields, "KOPIR_CUSTOMER_IIN_MASKED"), ==, "********0122");
  g_assert_cmpstr (g_hash_table_lookup (fields, "KOPIR_AUDIT_SEQ"), ==, "2");
  g_assert_cmpuint (strlen (g_hash_table_lookup (fields, "KOPIR_AUDIT_HASH")), ==, 64);
  g_assert_cmpstr (g_hash_table_lookup (fields, "PRIORITY"), ==, "5");
  g_assert_cmpstr (g_hash_table_lookup (fields, "KOPIR_DETAILS"), ==, "{\"kind\":\"new\"}");
  g_assert_nonnull (strstr (g_hash_table_lookup (fields, "MESSAGE"), "********0122"));
  fields = record_at (first);
  g_assert_cmpstr (g_hash_table_lookup (fields, "MESSAGE_ID"), ==, "b8db35833ab54962bd22420d1e9b6861");
  g_assert_false (g_hash_table_contains (fields, "KOPIR_CUSTOMER_IIN_MASKED"));

  g_mutex_lock (&records_lock);
  for (guint i = first; i < records->len; i++)
    {
      GHashTableIter iter;
      const char *value;

      g_hash_table_iter_init (&iter, g_ptr_array_index (records, i));
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &value))
        g_assert_null (strstr (value, IIN));
    }
  g_mutex_unlock (&records_lock);

  /* Nor does the whole IIN reach the disk. */
  found = kopir_test_scan_tree (dir, needles);
  g_assert_null (found);

  g_assert_true (verify_sync (trail, NULL, &error));
  g_assert_no_error (error);

  /* The head is kept beside the log. */
  g_assert_true (g_file_get_contents (kopir_audit_trail_get_path (trail), &contents, NULL, NULL));
  g_clear_pointer (&contents, g_free);
  {
    g_autofree char *head_path = g_strconcat (path, ".head", NULL);

    g_assert_true (g_file_get_contents (head_path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "3 "));
  }

  remove_dir (dir);
}

static void
sql (const char *path,
     const char *statement)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* The trail's worker may still be closing its connection. */
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

static void
test_trail_tampered (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "audit.sqlite", NULL);
  g_autoptr(KopirAuditTrail) trail = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bad = -1;

  trail = kopir_audit_trail_new (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    record_sync (trail, KOPIR_AUDIT_ACTION_ORDER_PLACE, "S0001", IIN, "ok", NULL);
  g_clear_object (&trail);

  /* Someone goes around the triggers and changes entry 3's outcome. */
  sql (path, "DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'refused' WHERE seq = 3;");

  trail = kopir_audit_trail_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (verify_sync (trail, &bad, &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_TAMPERED);
  g_assert_cmpint (bad, ==, 3);
  g_assert_nonnull (strstr (error->message, "3"));

  remove_dir (dir);
}

static void
test_trail_truncated (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "audit.sqlite", NULL);
  g_autoptr(KopirAuditTrail) trail = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bad = -1;

  trail = kopir_audit_trail_new (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    record_sync (trail, KOPIR_AUDIT_ACTION_DOCUMENT_PRINT, "S0002", NULL, "ok", NULL);
  g_clear_object (&trail);

  /* The last two entries cut off: a valid, shorter chain, but the head
   * kept beside it says what is missing. */
  sql (path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > 2;");

  trail = kopir_audit_trail_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (verify_sync (trail, &bad, &error));
  g_assert_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_TAMPERED);
  g_assert_cmpint (bad, ==, 3);

  remove_dir (dir);
}

static void
test_trail_csv (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "audit.sqlite", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(KopirAuditTrail) trail = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = kopir_audit_details ("note", "=HYPERLINK(\"x\")", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  trail = kopir_audit_trail_new (path, &error);
  g_assert_no_error (error);
  record_sync (trail, KOPIR_AUDIT_ACTION_STAFF_SIGN_IN, "S0001", NULL, "ok", NULL);
  record_sync (trail, KOPIR_AUDIT_ACTION_DOCUMENT_PRINT, "S0001", IIN, "ok", details);

  items = list_sync (trail);
  csv = kopir_audit_items_to_csv (items);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "seq,time_utc,staff,action,customer,outcome,details,hash");
  g_assert_true (g_str_has_prefix (lines[1], "1,\""));
  g_assert_nonnull (strstr (lines[2], ",\"S0001\",\"document.print\",\"********0122\",\"ok\","));
  /* Quotes doubled; a JSON value is not a formula. */
  g_assert_nonnull (strstr (lines[2], "\"{\"\"note\"\":\"\"=HYPERLINK(\\\"\"x\\\"\")\"\"}\""));
  g_assert_cmpstr (lines[3], ==, "");

  kopir_audit_trail_export_csv_async (trail, items, csv_file, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_audit_trail_export_csv_finish (trail, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, csv);
  g_assert_cmpint (g_stat (csv_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A cell that starts like a formula is kept as text. */
  {
    g_autoptr(GListStore) store = g_list_store_new (KOPIR_TYPE_AUDIT_ITEM);
    char actor[] = "staff:S0001", action[] = "=cmd", outcome[] = "@x", details_json[] = "{}", empty[] = "";
    KopirAuditEntry entry = { 1, 0, actor, action, empty, outcome, details_json, empty, empty };
    g_autoptr(KopirAuditItem) item = kopir_audit_item_new (&entry);
    g_autofree char *text = NULL;

    g_list_store_append (store, item);
    text = kopir_audit_items_to_csv (G_LIST_MODEL (store));
    g_assert_nonnull (strstr (text, ",\"'=cmd\",\"\",\"'@x\","));
  }

  remove_dir (dir);
}

static void
test_throttle (void)
{
  KopirSignInThrottle throttle = { 0 };
  const gint64 s = G_USEC_PER_SEC;
  guint wait = 99;

  g_assert_cmpuint (kopir_sign_in_throttle_delay_for (0), ==, 0);
  g_assert_cmpuint (kopir_sign_in_throttle_delay_for (1), ==, 1);
  g_assert_cmpuint (kopir_sign_in_throttle_delay_for (2), ==, 2);
  g_assert_cmpuint (kopir_sign_in_throttle_delay_for (3), ==, 4);
  g_assert_cmpuint (kopir_sign_in_throttle_delay_for (6), ==, 32);
  g_assert_cmpuint (kopir_sign_in_throttle_delay_for (7), ==, 60);
  g_assert_cmpuint (kopir_sign_in_throttle_delay_for (1000), ==, 60);
  for (guint n = 1; n < 40; n++)
    g_assert_cmpuint (kopir_sign_in_throttle_delay_for (n), >=, kopir_sign_in_throttle_delay_for (n - 1));

  g_assert_true (kopir_sign_in_throttle_check (&throttle, 100 * s, &wait));
  g_assert_cmpuint (wait, ==, 0);

  g_assert_cmpuint (kopir_sign_in_throttle_failed (&throttle, 100 * s), ==, 1);
  g_assert_false (kopir_sign_in_throttle_check (&throttle, 100 * s, &wait));
  g_assert_cmpuint (wait, ==, 1);
  g_assert_true (kopir_sign_in_throttle_check (&throttle, 101 * s, NULL));

  g_assert_cmpuint (kopir_sign_in_throttle_failed (&throttle, 101 * s), ==, 2);
  g_assert_false (kopir_sign_in_throttle_check (&throttle, 101 * s + s / 2, &wait));
  g_assert_cmpuint (wait, ==, 2);
  g_assert_cmpuint (kopir_sign_in_throttle_failed (&throttle, 103 * s), ==, 4);

  kopir_sign_in_throttle_succeeded (&throttle);
  g_assert_true (kopir_sign_in_throttle_check (&throttle, 103 * s, &wait));
  g_assert_cmpuint (kopir_sign_in_throttle_failed (&throttle, 103 * s), ==, 1);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}

static void
count_hook (gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_wipe (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *draft = g_build_filename (dir, "draft.ini", NULL);
  g_autofree char *folder = g_build_filename (dir, "session", NULL);
  g_autofree char *nested = g_build_filename (folder, "deep", NULL);
  g_autofree char *inner = g_build_filename (nested, "receipt.pdf", NULL);
  g_autofree char *outside = g_build_filename (dir, "outside.txt", NULL);
  g_autofree char *link = g_build_filename (folder, "link", NULL);
  g_autofree char *missing = g_build_filename (dir, "never-written", NULL);
  g_autoptr(KopirCustomerWipe) wipe = kopir_customer_wipe_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  KopirWipeReport report = { 0 };
  guint hooks = 0, removed_hooks = 0;
  guint removed_id;
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (nested, 0700), ==, 0);
  write_file (draft, "last_name=Жұмабаев\niin=" IIN "\n");
  write_file (inner, "%PDF receipt of " IIN);
  write_file (outside, "not the customer's");
  g_assert_cmpint (symlink (outside, link), ==, 0);

  /* Keep the draft open, to read what the wipe leaves in its blocks. */
  fd = open (draft, O_RDONLY);
  g_assert_cmpint (fd, >=, 0);

  kopir_customer_wipe_add_path (wipe, draft);
  kopir_customer_wipe_add_path (wipe, folder);
  kopir_customer_wipe_add_path (wipe, missing);
  kopir_customer_wipe_add_hook (wipe, count_hook, &hooks, NULL);
  removed_id = kopir_customer_wipe_add_hook (wipe, count_hook, &removed_hooks, NULL);
  kopir_customer_wipe_remove (wipe, removed_id);
  g_assert_cmpuint (kopir_customer_wipe_get_n_items (wipe), ==, 4);

  kopir_customer_wipe_run_async (wipe, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_customer_wipe_run_finish (wipe, result, &report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (hooks, ==, 1);
  g_assert_cmpuint (removed_hooks, ==, 0);
  g_assert_cmpuint (report.n_hooks, ==, 1);
  g_assert_cmpuint (report.n_files, ==, 3);
  g_assert_cmpuint (report.n_failures, ==, 0);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  /* The link went, not what it pointed to. */
  g_assert_true (g_file_get_contents (outside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "not the customer's");

  /* The removed file's blocks were overwritten before it went. */
  {
    char buf[64] = { 0 };
    ssize_t n = read (fd, buf, sizeof buf);

    g_assert_cmpint (n, >, 0);
    for (ssize_t i = 0; i < n; i++)
      g_assert_cmpint (buf[i], ==, 0);
    close (fd);
  }

  /* The registrations stay for the next customer. */
  g_clear_object (&result);
  write_file (draft, "next customer");
  kopir_customer_wipe_run_async (wipe, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_customer_wipe_run_finish (wipe, result, &report, &error));
  g_assert_cmpuint (hooks, ==, 2);
  g_assert_cmpuint (report.n_files, ==, 1);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  remove_dir (dir);
}

static void
test_wipe_failure (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *other = g_build_filename (dir, "other", NULL);
  g_autoptr(KopirCustomerWipe) wipe = kopir_customer_wipe_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KopirWipeReport report = { 0 };

  write_file (other, "y");

  /* A file nobody, not even root, may remove. */
  kopir_customer_wipe_add_path (wipe, "/proc/self/comm");
  kopir_customer_wipe_add_path (wipe, other);
  kopir_customer_wipe_run_async (wipe, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_false (kopir_customer_wipe_run_finish (wipe, result, &report, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "comm"));
  g_assert_cmpuint (report.n_failures, ==, 1);
  /* One failure does not stop the rest. */
  g_assert_cmpuint (report.n_files, ==, 1);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assisted/audit/message-ids", test_message_ids);
  g_test_add_func ("/assisted/audit/actor-subject", test_actor_and_subject);
  g_test_add_func ("/assisted/audit/records", test_trail_records);
  g_test_add_func ("/assisted/audit/tampered", test_trail_tampered);
  g_test_add_func ("/assisted/audit/truncated", test_trail_truncated);
  g_test_add_func ("/assisted/audit/csv", test_trail_csv);
  g_test_add_func ("/assisted/throttle", test_throttle);
  g_test_add_func ("/assisted/wipe/files", test_wipe);
  g_test_add_func ("/assisted/wipe/failure", test_wipe_failure);

  return g_test_run ();
}
