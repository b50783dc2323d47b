/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-audit"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <sqlite3.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-audit-log.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

struct _KopirAuditLog
{
  GObject  parent_instance;

  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (KopirAuditLog, kopir_audit_log, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-audit-log-error-quark, kopir_audit_log_error)

static const char *migrations[] = {
  /* 1 */
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  subject TEXT NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  details TEXT NOT NULL,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;",
};

void
kopir_audit_entry_free (KopirAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->subject);
  g_free (entry->outcome);
  g_free (entry->details);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

static void
feed (GChecksum  *checksum,
      const char *value)
{
  char len[24];

  /* Length-prefixed, so no two different entries feed the same bytes. */
  value = value != NULL ? value : "";
  g_snprintf (len, sizeof len, "%" G_GSIZE_FORMAT ":", strlen (value));
  g_checksum_update (checksum, (const guchar *) len, -1);
  g_checksum_update (checksum, (const guchar *) value, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
}

/**
 * kopir_audit_entry_compute_hash:
 * @entry: an entry
 *
 * Returns: (transfer full): SHA-256 over the entry's fields and
 *   @prev_hash, lower-case hex
 */
char *
kopir_audit_entry_compute_hash (const KopirAuditEntry *entry)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char num[32];

  g_return_val_if_fail (entry != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) "kopir-audit-v1\n", -1);
  g_snprintf (num, sizeof num, "%" G_GINT64_FORMAT, entry->seq);
  feed (checksum, num);
  g_snprintf (num, sizeof num, "%" G_GINT64_FORMAT, entry->time_us);
  feed (checksum, num);
  feed (checksum, entry->actor);
  feed (checksum, entry->action);
  feed (checksum, entry->subject);
  feed (checksum, entry->outcome);
  feed (checksum, entry->details);
  feed (checksum, entry->prev_hash);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
set_sqlite_error (KopirAuditLog *self,
                  int            rc,
                  GError       **error)
{
  g_debug ("SQLite error %d: %s", rc, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  g_set_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_FAILED,
               _("The audit log could not be written or read (%s). Stop and call IT support: "
                 "assisted mode needs a working audit log."),
               sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec (KopirAuditLog *self,
      const char    *sql,
      GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static void
kopir_audit_log_finalize (GObject *object)
{
  KopirAuditLog *self = (KopirAuditLog *) object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);

  G_OBJECT_CLASS (kopir_audit_log_parent_class)->finalize (object);
}

static void
kopir_audit_log_class_init (KopirAuditLogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kopir_audit_log_finalize;
}

static void
kopir_audit_log_init (KopirAuditLog *self)
{
}

static int
query_int (KopirAuditLog *self,
           const char    *sql,
           int           *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/**
 * kopir_audit_log_open:
 * @path: the log's own database file
 * @error: a #KOPIR_AUDIT_LOG_ERROR
 *
 * Returns: (transfer full) (nullable): the log
 */
KopirAuditLog *
kopir_audit_log_open (const char  *path,
                      GError     **error)
{
  g_autoptr(KopirAuditLog) self = NULL;
  g_autofree char *dir = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_AUDIT_LOG, NULL);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_FAILED,
                   _("The folder for the audit log cannot be created: %s"), g_strerror (errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);

  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", error))
    return NULL;

  rc = query_int (self, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error_literal (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_NEWER_SCHEMA,
                           _("The audit log was written by a newer version of Kopir. Update Kopir."));
      return NULL;
    }
  for (; version < (int) G_N_ELEMENTS (migrations); version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return NULL;
      if (!exec (self, migrations[version], error) || !exec (self, set_version, error) ||
          !exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

/* A whole IIN/BIN or Kazakh IBAN must never be written to the audit log;
 * masked forms ("********0122") are fine. An IIN is looked for as a word
 * that ends in 12 digits or more, so that an identifier mixing letters and
 * digits (a client order id is 32 hexadecimal digits) is not taken for
 * one. An IBAN counts with or without the spaces of its printed groups. */
static gboolean
looks_personal (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean word_start = p == text || !g_ascii_isalnum (p[-1]);

      if (!word_start)
        continue;

      if ((p[0] == 'K' || p[0] == 'k') && (p[1] == 'Z' || p[1] == 'z') &&
          g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]))
        {
          guint n = 0;

          for (const char *q = p + 2; g_ascii_isalnum (*q) || (*q == ' ' && g_ascii_isalnum (q[1])); q++)
            if (*q != ' ')
              n++;
          if (n >= 18)
            return TRUE;
        }

      /* A word ending in 12 digits or more, after letters if any
       * ("990101300122", "iin990101300122"). */
      {
        const char *digits = p;
        const char *end;

        while (g_ascii_isalpha (*digits))
          digits++;
        for (end = digits; g_ascii_isdigit (*end); end++)
          ;
        if (end - digits >= 12 && !g_ascii_isalnum (*end))
          return TRUE;
      }
    }

  return FALSE;
}

static gboolean
read_head (KopirAuditLog  *self,
           gint64         *seq,
           char          **hash,
           GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", -1, &stmt,
                               NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      *hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    {
      *seq = 0;
      *hash = g_strdup (GENESIS_HASH);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

/**
 * kopir_audit_log_append:
 * @actor: who acted, e.g. "staff:1042"
 * @action: what they did, e.g. "customer.identify"
 * @subject: (nullable): whom or what it concerns, masked
 * @outcome: e.g. "ok", "refused"
 * @details_json: (nullable): a JSON object, "{}" if %NULL
 * @seq: (out) (optional): the new entry's sequence number
 * @error: a #KOPIR_AUDIT_LOG_ERROR
 *
 * Returns: %TRUE once the entry is on disk
 */
gboolean
kopir_audit_log_append (KopirAuditLog  *self,
                        const char     *actor,
                        const char     *action,
                        const char     *subject,
                        const char     *outcome,
                        const char     *details_json,
                        gint64         *seq,
                        GError        **error)
{
  KopirAuditEntry e = { 0 };
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (KOPIR_IS_AUDIT_LOG (self), FALSE);

  subject = subject != NULL ? subject : "";
  details_json = details_json != NULL ? details_json : "{}";

  if (actor == NULL || actor[0] == '\0' || action == NULL || action[0] == '\0' ||
      outcome == NULL || outcome[0] == '\0' ||
      !g_utf8_validate (actor, -1, NULL) || !g_utf8_validate (action, -1, NULL) ||
      !g_utf8_validate (subject, -1, NULL) || !g_utf8_validate (outcome, -1, NULL) ||
      !g_utf8_validate (details_json, -1, NULL))
    {
      g_set_error_literal (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_INVALID,
                           _("The audit entry is incomplete."));
      return FALSE;
    }
  if (looks_personal (actor) || looks_personal (subject) || looks_personal (details_json))
    {
      g_set_error_literal (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_INVALID,
                           _("The audit entry holds a whole IIN or IBAN; only masked numbers may be kept."));
      return FALSE;
    }

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!read_head (self, &e.seq, &prev, error))
    goto fail;

  e.seq++;
  e.time_us = g_get_real_time ();
  e.actor = (char *) actor;
  e.action = (char *) action;
  e.subject = (char *) subject;
  e.outcome = (char *) outcome;
  e.details = (char *) details_json;
  e.prev_hash = prev;
  hash = kopir_audit_entry_compute_hash (&e);

  rc = sqlite3_prepare_v2 (self->db, "INSERT INTO audit (seq, at, actor, action, subject, outcome, details, "
                                     "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, e.seq);
      sqlite3_bind_int64 (stmt, 2, e.time_us);
      sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, subject, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, outcome, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, details_json, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, prev, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, hash, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      goto fail;
    }
  if (!exec (self, "COMMIT", error))
    goto fail;

  if (seq != NULL)
    *seq = e.seq;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * kopir_audit_log_get_head:
 * @seq: (out): the last sequence number, 0 if the log is empty
 * @hash: (out) (transfer full): the last hash
 *
 * Keep the head outside the log (in the staff session record, or
 * printed) to detect entries cut off the end.
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_audit_log_get_head (KopirAuditLog  *self,
                          gint64         *seq,
                          char          **hash,
                          GError        **error)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_LOG (self), FALSE);
  g_return_val_if_fail (seq != NULL && hash != NULL, FALSE);

  return read_head (self, seq, hash, error);
}

static KopirAuditEntry *
read_entry (sqlite3_stmt *stmt)
{
  KopirAuditEntry *e = g_new0 (KopirAuditEntry, 1);

  e->seq = sqlite3_column_int64 (stmt, 0);
  e->time_us = sqlite3_column_int64 (stmt, 1);
  e->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  e->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  e->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  e->outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  e->details = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  e->prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  e->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  return e;
}

/**
 * kopir_audit_log_list:
 * @after_seq: list entries after this one (0 for the start)
 * @limit: at most this many, 0 for all
 *
 * Returns: (transfer full) (element-type KopirAuditEntry) (nullable): the
 *   entries in order
 */
GPtrArray *
kopir_audit_log_list (KopirAuditLog  *self,
                      gint64          after_seq,
                      guint           limit,
                      GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_audit_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (KOPIR_IS_AUDIT_LOG (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, "SELECT seq, at, actor, action, subject, outcome, details, prev_hash, hash "
                                     "FROM audit WHERE seq > ? ORDER BY seq LIMIT ?", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static gboolean
set_tampered (GError **error,
              gint64  *first_bad_seq,
              gint64   seq)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

  if (first_bad_seq != NULL)
    *first_bad_seq = seq;
  g_set_error (error, KOPIR_AUDIT_LOG_ERROR, KOPIR_AUDIT_LOG_ERROR_TAMPERED,
               _("The audit log was altered at entry %s. Report this to security "
                 "staff and do not serve customers until it is checked."),
               number);
  return FALSE;
}

/**
 * kopir_audit_log_verify:
 * @head_seq: the head kept outside the log, or 0
 * @head_hash: (nullable): its hash, or %NULL
 * @first_bad_seq: (out) (optional): the first entry that was altered,
 *   removed or moved, 0 if none
 * @error: %KOPIR_AUDIT_LOG_ERROR_TAMPERED naming the entry
 *
 * Walks the whole chain, streaming it.
 *
 * Returns: %TRUE if the chain is intact (and reaches the given head)
 */
gboolean
kopir_audit_log_verify (KopirAuditLog  *self,
                        gint64          head_seq,
                        const char     *head_hash,
                        gint64         *first_bad_seq,
                        GError        **error)
{
  g_autofree char *prev = g_strdup (GENESIS_HASH);
  sqlite3_stmt *stmt = NULL;
  gint64 expected = 1;
  gboolean head_seen = head_seq == 0;
  int rc;

  g_return_val_if_fail (KOPIR_IS_AUDIT_LOG (self), FALSE);

  if (first_bad_seq != NULL)
    *first_bad_seq = 0;

  rc = sqlite3_prepare_v2 (self->db, "SELECT seq, at, actor, action, subject, outcome, details, prev_hash, hash "
                                     "FROM audit ORDER BY seq", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(KopirAuditEntry) e = read_entry (stmt);
      g_autofree char *hash = NULL;

      /* A gap: the missing entry is the first bad one. */
      if (e->seq != expected)
        {
          sqlite3_finalize (stmt);
          return set_tampered (error, first_bad_seq, expected);
        }

      hash = kopir_audit_entry_compute_hash (e);
      if (g_strcmp0 (e->prev_hash, prev) != 0 || g_strcmp0 (hash, e->hash) != 0)
        {
          sqlite3_finalize (stmt);
          return set_tampered (error, first_bad_seq, e->seq);
        }

      if (e->seq == head_seq)
        {
          if (head_hash != NULL && g_strcmp0 (head_hash, e->hash) != 0)
            {
              sqlite3_finalize (stmt);
              return set_tampered (error, first_bad_seq, e->seq);
            }
          head_seen = TRUE;
        }

      g_free (prev);
      prev = g_steal_pointer (&e->hash);
      expected++;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);

  /* Entries cut off the end, up to the head kept elsewhere. */
  if (!head_seen)
    return set_tampered (error, first_bad_seq, expected);

  return TRUE;
}
