/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-ledger"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <sqlite3.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-ledger.h"

struct _KopirLedger
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text (static) -> sqlite3_stmt */
  int         schema_version;
};

G_DEFINE_FINAL_TYPE (KopirLedger, kopir_ledger, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-ledger-error-quark, kopir_ledger_error)

/* Each entry moves the schema one version forward, in one transaction.
 * Never edit an entry that has shipped: add another. */
static const char *migrations[] = {
  /* 1 */
  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY,"
  "  client_order_id TEXT NOT NULL UNIQUE,"
  "  symbol TEXT NOT NULL,"
  "  base_asset TEXT NOT NULL,"
  "  quote_asset TEXT NOT NULL,"
  "  side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),"
  "  type TEXT NOT NULL CHECK (type IN ('MARKET', 'LIMIT')),"
  "  quote_amount TEXT,"
  "  quantity TEXT,"
  "  price TEXT,"
  "  state TEXT NOT NULL,"
  "  exchange_order_id INTEGER NOT NULL DEFAULT 0,"
  "  executed_qty TEXT NOT NULL DEFAULT '0',"
  "  cumulative_quote TEXT NOT NULL DEFAULT '0',"
  "  reason TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX orders_unresolved ON orders (created_at) WHERE state IN ('intent', 'sent', 'unknown');"
  "CREATE INDEX orders_purchases ON orders (quote_asset, side, created_at);"
  "CREATE TABLE order_events ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id),"
  "  state TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  detail TEXT);"
  "CREATE INDEX order_events_order ON order_events (order_id, id);"
  "CREATE TABLE fills ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id),"
  "  trade_id INTEGER NOT NULL,"
  "  price TEXT NOT NULL,"
  "  quantity TEXT NOT NULL,"
  "  commission TEXT NOT NULL,"
  "  commission_asset TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  UNIQUE (order_id, trade_id));"
  "CREATE TABLE transfers ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('deposit', 'withdrawal')),"
  "  external_id TEXT NOT NULL,"
  "  asset TEXT NOT NULL,"
  "  amount TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  reference TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (kind, external_id));"
  /* One row per history entry, so a page of mixed history is one indexed
   * range scan whatever the filters. */
  "CREATE TABLE activity ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  asset TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  order_id INTEGER UNIQUE REFERENCES orders (id),"
  "  transfer_id INTEGER UNIQUE REFERENCES transfers (id),"
  "  search TEXT NOT NULL);"
  "CREATE INDEX activity_at ON activity (at, id);"
  "CREATE INDEX activity_asset_at ON activity (asset, at, id);"
  "CREATE INDEX activity_kind_at ON activity (kind, at, id);",
  /* 2: the bank account a transfer went to, so that a withdrawal whose
   * outcome is not known can be sent again to the same account. */
  "ALTER TABLE transfers ADD COLUMN link_id TEXT;"
  "CREATE INDEX transfers_pending ON transfers (kind, created_at) WHERE state = 'pending';",
};

static const char *state_names[] = {
  "intent", "sent", "unknown", "new", "partially_filled", "filled", "canceled", "rejected", "expired",
};

static const char *transfer_state_names[] = { "pending", "completed", "failed", "returned" };

#define ORDER_COLUMNS \
  "o.id, o.client_order_id, o.symbol, o.base_asset, o.quote_asset, o.side, o.type, " \
  "o.quote_amount, o.quantity, o.price, o.state, o.exchange_order_id, o.executed_qty, " \
  "o.cumulative_quote, o.reason, o.created_at, o.updated_at"
#define N_ORDER_COLUMNS 17

#define TRANSFER_COLUMNS \
  "t.id, t.kind, t.external_id, t.asset, t.amount, t.state, t.reference, t.created_at, t.updated_at, " \
  "t.link_id"

const char *
kopir_order_state_to_string (KopirOrderState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
kopir_order_state_from_string (const char      *str,
                               KopirOrderState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (str, state_names[i]))
      {
        *state = (KopirOrderState) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * kopir_order_state_get_label:
 * @state: a state
 *
 * Returns: the state as shown to people, translated
 */
const char *
kopir_order_state_get_label (KopirOrderState state)
{
  switch (state)
    {
    case KOPIR_ORDER_STATE_INTENT:
      return C_("order state", "Preparing");
    case KOPIR_ORDER_STATE_SENT:
      return C_("order state", "Sent");
    case KOPIR_ORDER_STATE_UNKNOWN:
      return C_("order state", "Checking");
    case KOPIR_ORDER_STATE_NEW:
      return C_("order state", "Open");
    case KOPIR_ORDER_STATE_PARTIALLY_FILLED:
      return C_("order state", "Partly filled");
    case KOPIR_ORDER_STATE_FILLED:
      return C_("order state", "Filled");
    case KOPIR_ORDER_STATE_CANCELED:
      return C_("order state", "Cancelled");
    case KOPIR_ORDER_STATE_REJECTED:
      return C_("order state", "Rejected");
    case KOPIR_ORDER_STATE_EXPIRED:
      return C_("order state", "Expired");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
kopir_order_state_is_final (KopirOrderState state)
{
  return state == KOPIR_ORDER_STATE_FILLED || state == KOPIR_ORDER_STATE_CANCELED ||
         state == KOPIR_ORDER_STATE_REJECTED || state == KOPIR_ORDER_STATE_EXPIRED;
}

/**
 * kopir_order_state_is_unresolved:
 * @state: a state
 *
 * Returns: %TRUE if the exchange must be asked what became of the order
 */
gboolean
kopir_order_state_is_unresolved (KopirOrderState state)
{
  return state == KOPIR_ORDER_STATE_INTENT || state == KOPIR_ORDER_STATE_SENT ||
         state == KOPIR_ORDER_STATE_UNKNOWN;
}

/**
 * kopir_order_state_can_change:
 * @from: the current state
 * @to: the proposed state
 *
 * Final states never change; nothing goes back to intent; once the
 * exchange has acknowledged an order its outcome is known, so it cannot
 * become sent or unknown again.  Reporting the same state again is fine.
 *
 * Returns: %TRUE if the change is allowed
 */
gboolean
kopir_order_state_can_change (KopirOrderState from,
                              KopirOrderState to)
{
  if (from == to)
    return TRUE;
  if (kopir_order_state_is_final (from) || to == KOPIR_ORDER_STATE_INTENT)
    return FALSE;

  switch (from)
    {
    case KOPIR_ORDER_STATE_INTENT:
    case KOPIR_ORDER_STATE_SENT:
    case KOPIR_ORDER_STATE_UNKNOWN:
      return TRUE;
    case KOPIR_ORDER_STATE_NEW:
      return to != KOPIR_ORDER_STATE_SENT && to != KOPIR_ORDER_STATE_UNKNOWN;
    case KOPIR_ORDER_STATE_PARTIALLY_FILLED:
      return to != KOPIR_ORDER_STATE_SENT && to != KOPIR_ORDER_STATE_UNKNOWN &&
             to != KOPIR_ORDER_STATE_NEW && to != KOPIR_ORDER_STATE_REJECTED;
    case KOPIR_ORDER_STATE_FILLED:
    case KOPIR_ORDER_STATE_CANCELED:
    case KOPIR_ORDER_STATE_REJECTED:
    case KOPIR_ORDER_STATE_EXPIRED:
    default:
      return FALSE;
    }
}

/**
 * kopir_ledger_new_client_order_id:
 *
 * Returns: (transfer full): a new, random client order id that the
 *   exchange accepts (letters and digits, 33 characters)
 */
char *
kopir_ledger_new_client_order_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *id = g_string_new ("k");

  for (const char *p = uuid; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (id, *p);

  return g_string_free (id, FALSE);
}

KopirLedgerOrder *
kopir_ledger_order_new (void)
{
  return g_new0 (KopirLedgerOrder, 1);
}

KopirLedgerOrder *
kopir_ledger_order_copy (const KopirLedgerOrder *order)
{
  KopirLedgerOrder *copy;

  g_return_val_if_fail (order != NULL, NULL);

  copy = g_memdup2 (order, sizeof *order);
  copy->client_order_id = g_strdup (order->client_order_id);
  copy->symbol = g_strdup (order->symbol);
  copy->base_asset = g_strdup (order->base_asset);
  copy->quote_asset = g_strdup (order->quote_asset);
  copy->reason = g_strdup (order->reason);
  return copy;
}

void
kopir_ledger_order_free (KopirLedgerOrder *order)
{
  if (order == NULL)
    return;

  g_free (order->client_order_id);
  g_free (order->symbol);
  g_free (order->base_asset);
  g_free (order->quote_asset);
  g_free (order->reason);
  g_free (order);
}

KopirLedgerTransfer *
kopir_ledger_transfer_new (void)
{
  return g_new0 (KopirLedgerTransfer, 1);
}

void
kopir_ledger_transfer_free (KopirLedgerTransfer *transfer)
{
  if (transfer == NULL)
    return;

  g_free (transfer->external_id);
  g_free (transfer->asset);
  g_free (transfer->reference);
  g_free (transfer->link_id);
  g_free (transfer);
}

void
kopir_ledger_entry_free (KopirLedgerEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->asset);
  kopir_ledger_order_free (entry->order);
  kopir_ledger_transfer_free (entry->transfer);
  g_free (entry);
}

/* Maps an SQLite failure into the ledger's error domain.  Messages for
 * people stay generic; the SQLite detail goes to the debug log. */
static gboolean
set_sqlite_error (KopirLedger *self,
                  int          rc,
                  GError     **error)
{
  int primary = rc & 0xff;

  g_debug ("SQLite error %d: %s", rc, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_CORRUPT,
                         _("The order history file is damaged. Restore it from a backup or "
                           "contact support; your orders are safe at the exchange."));
  else if (primary == SQLITE_FULL)
    g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_FAILED,
                         _("The disk is full, so the order history cannot be saved. Free some space "
                           "and try again."));
  else
    g_set_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_FAILED,
                 _("The order history could not be saved or read (%s). Try again."),
                 sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec (KopirLedger *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Statements are prepared once and kept, keyed by their (static) text. */
static sqlite3_stmt *
prepare (KopirLedger *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
step_done (KopirLedger  *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_DUPLICATE,
                               _("This order is already in the history."));
          return FALSE;
        }
      return set_sqlite_error (self, rc, error);
    }
  return TRUE;
}

static void
bind_decimal (sqlite3_stmt       *stmt,
              int                 index,
              gboolean            has,
              const KopirDecimal *value)
{
  char buf[KOPIR_DECIMAL_STRING_MAX];

  if (!has)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  kopir_decimal_to_string (value, buf, sizeof buf);
  sqlite3_bind_text (stmt, index, buf, -1, SQLITE_TRANSIENT);
}

static gboolean
column_decimal (sqlite3_stmt *stmt,
                int           index,
                KopirDecimal *out)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  if (text == NULL || !kopir_decimal_parse (text, out, NULL))
    {
      *out = KOPIR_DECIMAL_INIT (0, 0);
      return FALSE;
    }
  return TRUE;
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

static KopirLedgerOrder *
read_order (sqlite3_stmt *stmt,
            int           first)
{
  KopirLedgerOrder *o = kopir_ledger_order_new ();
  const char *s;

  o->id = sqlite3_column_int64 (stmt, first + 0);
  o->client_order_id = column_strdup (stmt, first + 1);
  o->symbol = column_strdup (stmt, first + 2);
  o->base_asset = column_strdup (stmt, first + 3);
  o->quote_asset = column_strdup (stmt, first + 4);
  s = (const char *) sqlite3_column_text (stmt, first + 5);
  o->side = g_strcmp0 (s, "SELL") == 0 ? KOPIR_ORDER_SIDE_SELL : KOPIR_ORDER_SIDE_BUY;
  s = (const char *) sqlite3_column_text (stmt, first + 6);
  o->type = g_strcmp0 (s, "LIMIT") == 0 ? KOPIR_ORDER_TYPE_LIMIT : KOPIR_ORDER_TYPE_MARKET;
  o->has_quote_amount = column_decimal (stmt, first + 7, &o->quote_amount);
  o->has_quantity = column_decimal (stmt, first + 8, &o->quantity);
  o->has_price = column_decimal (stmt, first + 9, &o->price);
  if (!kopir_order_state_from_string ((const char *) sqlite3_column_text (stmt, first + 10), &o->state))
    o->state = KOPIR_ORDER_STATE_UNKNOWN;
  o->exchange_order_id = sqlite3_column_int64 (stmt, first + 11);
  column_decimal (stmt, first + 12, &o->executed_qty);
  column_decimal (stmt, first + 13, &o->cumulative_quote);
  o->reason = column_strdup (stmt, first + 14);
  o->created_at_us = sqlite3_column_int64 (stmt, first + 15);
  o->updated_at_us = sqlite3_column_int64 (stmt, first + 16);

  return o;
}

static KopirLedgerTransfer *
read_transfer (sqlite3_stmt *stmt,
               int           first)
{
  KopirLedgerTransfer *t = kopir_ledger_transfer_new ();
  const char *s;

  t->id = sqlite3_column_int64 (stmt, first + 0);
  s = (const char *) sqlite3_column_text (stmt, first + 1);
  t->kind = g_strcmp0 (s, "withdrawal") == 0 ? KOPIR_TRANSFER_WITHDRAWAL : KOPIR_TRANSFER_DEPOSIT;
  t->external_id = column_strdup (stmt, first + 2);
  t->asset = column_strdup (stmt, first + 3);
  column_decimal (stmt, first + 4, &t->amount);
  s = (const char *) sqlite3_column_text (stmt, first + 5);
  t->state = KOPIR_TRANSFER_STATE_PENDING;
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (transfer_state_names); i++)
    if (g_str_equal (s, transfer_state_names[i]))
      t->state = (KopirTransferState) i;
  t->reference = column_strdup (stmt, first + 6);
  t->created_at_us = sqlite3_column_int64 (stmt, first + 7);
  t->updated_at_us = sqlite3_column_int64 (stmt, first + 8);
  t->link_id = column_strdup (stmt, first + 9);

  return t;
}

static gboolean
begin (KopirLedger *self,
       GError     **error)
{
  /* IMMEDIATE takes the write lock up front, so a transaction never fails
   * half-way for another writer. */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (KopirLedger *self,
        GError     **error)
{
  if (!exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rollback (KopirLedger *self)
{
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
migrate (KopirLedger *self,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int version;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sqlite_error (self, rc != SQLITE_OK ? rc : sqlite3_errcode (self->db), error);
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_NEWER_SCHEMA,
                           _("The order history was written by a newer version of Kopir. "
                             "Update Kopir to open it."));
      return FALSE;
    }

  for (; version < (int) G_N_ELEMENTS (migrations); version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      g_debug ("migrating ledger schema to version %d", version + 1);
      if (!begin (self, error))
        return FALSE;
      if (!exec (self, migrations[version], error) || !exec (self, set_version, error))
        return rollback (self);
      if (!commit (self, error))
        return FALSE;
    }

  self->schema_version = version;
  return TRUE;
}

static void
kopir_ledger_finalize (GObject *object)
{
  KopirLedger *self = (KopirLedger *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (kopir_ledger_parent_class)->finalize (object);
}

static void
kopir_ledger_class_init (KopirLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_ledger_finalize;
}

static void
kopir_ledger_init (KopirLedger *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

static KopirLedger *
open_ledger (const char  *path,
             gboolean     create,
             GError     **error);

/**
 * kopir_ledger_open:
 * @path: the database file; created with its folder if missing
 * @error: a #KOPIR_LEDGER_ERROR
 *
 * Opens the ledger, checks it is one, and brings its schema up to date.
 *
 * Returns: (transfer full) (nullable): the ledger
 */
KopirLedger *
kopir_ledger_open (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_ledger (path, TRUE, error);
}

/**
 * kopir_ledger_open_existing:
 * @path: the database file
 * @error: a #KOPIR_LEDGER_ERROR
 *
 * Like kopir_ledger_open(), but never creates the file: a ledger removed
 * meanwhile (with a customer's data at a branch desk) stays gone.
 *
 * Returns: (transfer full) (nullable): the ledger
 */
KopirLedger *
kopir_ledger_open_existing (const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_ledger (path, FALSE, error);
}

static KopirLedger *
open_ledger (const char  *path,
             gboolean     create,
             GError     **error)
{
  g_autoptr(KopirLedger) self = NULL;
  g_autofree char *dir = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean wal;
  int rc;

  self = g_object_new (KOPIR_TYPE_LEDGER, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (create && g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_FAILED,
                   _("The folder for the order history cannot be created: %s"), g_strerror (errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 10000);

  /* WAL keeps readers off the writer's back; FULL makes every commit wait
   * for the disk, which is what "written before it is sent" needs. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      rc = rc != SQLITE_OK ? rc : sqlite3_errcode (self->db);
      sqlite3_finalize (stmt);
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (!wal)
    {
      g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_FAILED,
                           _("The order history cannot be kept safely on this file system."));
      return NULL;
    }

  if (!exec (self, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
kopir_ledger_get_path (KopirLedger *self)
{
  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);

  return self->path;
}

int
kopir_ledger_get_schema_version (KopirLedger *self)
{
  g_return_val_if_fail (KOPIR_IS_LEDGER (self), 0);

  return self->schema_version;
}

/**
 * kopir_ledger_check_integrity:
 * @error: %KOPIR_LEDGER_ERROR_CORRUPT if the database is damaged
 *
 * Runs SQLite's full integrity check; slow on a large file.
 *
 * Returns: %TRUE if the database is sound
 */
gboolean
kopir_ledger_check_integrity (KopirLedger *self,
                              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  rc = sqlite3_step (stmt);
  ok = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  if (!ok && rc == SQLITE_ROW)
    g_debug ("integrity check: %s", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (!ok)
    return set_sqlite_error (self, rc == SQLITE_ROW ? SQLITE_CORRUPT : rc, error);
  return TRUE;
}

static gboolean
is_code (const char *s,
         gsize       max_len)
{
  gsize n = 0;

  if (s == NULL)
    return FALSE;
  for (; s[n] != '\0'; n++)
    if (!g_ascii_isalnum (s[n]) && s[n] != '-' && s[n] != '_' && s[n] != '.' && s[n] != ':' && s[n] != '/')
      return FALSE;
  return n > 0 && n <= max_len;
}

static gboolean
insert_event (KopirLedger     *self,
              gint64           order_id,
              KopirOrderState  state,
              gint64           at,
              const char      *detail,
              GError         **error)
{
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO order_events (order_id, state, at, detail) "
                                      "VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, state_names[state], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

static char *
order_search_text (const KopirLedgerOrder *o)
{
  g_autofree char *text = NULL;

  if (o->exchange_order_id != 0)
    text = g_strdup_printf ("%s %s %" G_GINT64_FORMAT, o->client_order_id, o->symbol, o->exchange_order_id);
  else
    text = g_strdup_printf ("%s %s", o->client_order_id, o->symbol);

  return g_ascii_strdown (text, -1);
}

/**
 * kopir_ledger_add_order_intent:
 * @order: (inout): the order; @client_order_id, @symbol, the assets, the
 *   side and type and either @quantity or @quote_amount are required.
 *   On return @id, @state (intent) and the times are filled in.
 * @error: %KOPIR_LEDGER_ERROR_DUPLICATE if the client order id is taken
 *
 * Writes the intent durably.  Call before sending the order.
 *
 * Returns: %TRUE once the intent is on disk
 */
gboolean
kopir_ledger_add_order_intent (KopirLedger       *self,
                               KopirLedgerOrder  *order,
                               GError           **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *search = NULL;
  g_autofree char *search_lower = NULL;
  gint64 now = g_get_real_time ();
  gint64 id;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (order != NULL, FALSE);

  if (!is_code (order->client_order_id, 36) || !is_code (order->symbol, 20) ||
      !is_code (order->base_asset, 15) || !is_code (order->quote_asset, 15) ||
      (!order->has_quantity && !order->has_quote_amount) ||
      (order->type == KOPIR_ORDER_TYPE_LIMIT && !order->has_price))
    {
      g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID,
                           _("The order is incomplete and was not placed."));
      return FALSE;
    }

  if (!begin (self, error))
    return FALSE;

  stmt = prepare (self, "INSERT INTO orders (client_order_id, symbol, base_asset, quote_asset, side, type, "
                        "quote_amount, quantity, price, state, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'intent', ?, ?)", error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_text (stmt, 1, order->client_order_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, order->symbol, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, order->base_asset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, order->quote_asset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, order->side == KOPIR_ORDER_SIDE_SELL ? "SELL" : "BUY", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, order->type == KOPIR_ORDER_TYPE_LIMIT ? "LIMIT" : "MARKET", -1, SQLITE_STATIC);
  bind_decimal (stmt, 7, order->has_quote_amount, &order->quote_amount);
  bind_decimal (stmt, 8, order->has_quantity, &order->quantity);
  bind_decimal (stmt, 9, order->has_price, &order->price);
  sqlite3_bind_int64 (stmt, 10, now);
  sqlite3_bind_int64 (stmt, 11, now);
  if (!step_done (self, stmt, error))
    return rollback (self);
  id = sqlite3_last_insert_rowid (self->db);

  if (!insert_event (self, id, KOPIR_ORDER_STATE_INTENT, now, NULL, error))
    return rollback (self);

  order->exchange_order_id = 0;
  search = order_search_text (order);
  stmt = prepare (self, "INSERT INTO activity (kind, asset, at, order_id, search) VALUES (?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_int (stmt, 1, KOPIR_LEDGER_KIND_ORDER);
  sqlite3_bind_text (stmt, 2, order->base_asset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, id);
  sqlite3_bind_text (stmt, 5, search, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error) || !commit (self, error))
    return rollback (self);

  order->id = id;
  order->state = KOPIR_ORDER_STATE_INTENT;
  order->created_at_us = now;
  order->updated_at_us = now;
  order->executed_qty = KOPIR_DECIMAL_INIT (0, 0);
  order->cumulative_quote = KOPIR_DECIMAL_INIT (0, 0);
  return TRUE;
}

static KopirLedgerOrder *
lookup_order (KopirLedger *self,
              const char  *client_order_id,
              GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT " ORDER_COLUMNS " FROM orders o WHERE o.client_order_id = ?",
                                error);
  KopirLedgerOrder *order = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    order = read_order (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return order;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_NOT_FOUND,
                         _("This order is not in the history."));
  else
    set_sqlite_error (self, rc, error);
  return NULL;
}

/**
 * kopir_ledger_lookup_order:
 * @client_order_id: the client order id
 * @error: %KOPIR_LEDGER_ERROR_NOT_FOUND if there is no such order
 *
 * Returns: (transfer full) (nullable): the order
 */
KopirLedgerOrder *
kopir_ledger_lookup_order (KopirLedger  *self,
                           const char   *client_order_id,
                           GError      **error)
{
  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);
  g_return_val_if_fail (client_order_id != NULL, NULL);

  return lookup_order (self, client_order_id, error);
}

/**
 * kopir_ledger_set_order_state:
 * @client_order_id: the order
 * @state: its new state
 * @exchange_order_id: the exchange's orderId, or 0 to keep what is known
 * @executed_qty: (nullable): quantity filled so far, %NULL to keep
 * @cumulative_quote: (nullable): quote asset so far, %NULL to keep
 * @reason: (nullable): why (rejection message, error seen)
 * @error: %KOPIR_LEDGER_ERROR_NOT_FOUND or
 *   %KOPIR_LEDGER_ERROR_INVALID_TRANSITION
 *
 * Records a change and keeps the change itself in the order's events.
 *
 * Returns: %TRUE once the change is on disk
 */
gboolean
kopir_ledger_set_order_state (KopirLedger        *self,
                              const char         *client_order_id,
                              KopirOrderState     state,
                              gint64              exchange_order_id,
                              const KopirDecimal *executed_qty,
                              const KopirDecimal *cumulative_quote,
                              const char         *reason,
                              GError            **error)
{
  g_autoptr(KopirLedgerOrder) order = NULL;
  g_autofree char *search = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (client_order_id != NULL, FALSE);
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), FALSE);

  if (!begin (self, error))
    return FALSE;

  order = lookup_order (self, client_order_id, error);
  if (order == NULL)
    return rollback (self);

  if (!kopir_order_state_can_change (order->state, state))
    {
      g_debug ("refusing order state change %s -> %s", state_names[order->state], state_names[state]);
      g_set_error (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID_TRANSITION,
                   _("The order is already “%s” and cannot become “%s”."),
                   kopir_order_state_get_label (order->state), kopir_order_state_get_label (state));
      return rollback (self);
    }

  if (exchange_order_id != 0)
    order->exchange_order_id = exchange_order_id;
  if (executed_qty != NULL)
    order->executed_qty = *executed_qty;
  if (cumulative_quote != NULL)
    order->cumulative_quote = *cumulative_quote;

  stmt = prepare (self, "UPDATE orders SET state = ?, exchange_order_id = ?, executed_qty = ?, "
                        "cumulative_quote = ?, reason = coalesce (?, reason), updated_at = ? WHERE id = ?",
                  error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_text (stmt, 1, state_names[state], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, order->exchange_order_id);
  bind_decimal (stmt, 3, TRUE, &order->executed_qty);
  bind_decimal (stmt, 4, TRUE, &order->cumulative_quote);
  sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, order->id);
  if (!step_done (self, stmt, error))
    return rollback (self);

  if (!insert_event (self, order->id, state, now, reason, error))
    return rollback (self);

  search = order_search_text (order);
  stmt = prepare (self, "UPDATE activity SET search = ? WHERE order_id = ?", error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_text (stmt, 1, search, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, order->id);
  if (!step_done (self, stmt, error))
    return rollback (self);

  return commit (self, error);
}

/**
 * kopir_ledger_add_fill:
 * @client_order_id: the order
 * @fill: the fill
 * @added: (out) (optional): %FALSE if the fill was already recorded
 * @error: %KOPIR_LEDGER_ERROR_NOT_FOUND if there is no such order
 *
 * Records a fill once: the same trade id reported again is ignored, so
 * fills can be re-read from the exchange safely.
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_ledger_add_fill (KopirLedger           *self,
                       const char            *client_order_id,
                       const KopirLedgerFill *fill,
                       gboolean              *added,
                       GError               **error)
{
  g_autoptr(KopirLedgerOrder) order = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (client_order_id != NULL && fill != NULL, FALSE);

  order = lookup_order (self, client_order_id, error);
  if (order == NULL)
    return FALSE;

  stmt = prepare (self, "INSERT OR IGNORE INTO fills (order_id, trade_id, price, quantity, commission, "
                        "commission_asset, at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->id);
  sqlite3_bind_int64 (stmt, 2, fill->trade_id);
  bind_decimal (stmt, 3, TRUE, &fill->price);
  bind_decimal (stmt, 4, TRUE, &fill->quantity);
  bind_decimal (stmt, 5, TRUE, &fill->commission);
  sqlite3_bind_text (stmt, 6, fill->commission_asset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, fill->time_us);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (added != NULL)
    *added = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/**
 * kopir_ledger_list_fills:
 * @client_order_id: the order
 *
 * Returns: (transfer full) (element-type KopirLedgerFill) (nullable): its
 *   fills, oldest first
 */
GArray *
kopir_ledger_list_fills (KopirLedger  *self,
                         const char   *client_order_id,
                         GError      **error)
{
  g_autoptr(GArray) fills = g_array_new (FALSE, TRUE, sizeof (KopirLedgerFill));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);
  g_return_val_if_fail (client_order_id != NULL, NULL);

  stmt = prepare (self, "SELECT f.trade_id, f.price, f.quantity, f.commission, f.commission_asset, f.at "
                        "FROM fills f JOIN orders o ON o.id = f.order_id "
                        "WHERE o.client_order_id = ? ORDER BY f.at, f.trade_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KopirLedgerFill f = { 0 };

      f.trade_id = sqlite3_column_int64 (stmt, 0);
      column_decimal (stmt, 1, &f.price);
      column_decimal (stmt, 2, &f.quantity);
      column_decimal (stmt, 3, &f.commission);
      g_strlcpy (f.commission_asset, (const char *) sqlite3_column_text (stmt, 4), sizeof f.commission_asset);
      f.time_us = sqlite3_column_int64 (stmt, 5);
      g_array_append_val (fills, f);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&fills);
}

/**
 * kopir_ledger_list_order_states:
 * @client_order_id: the order
 *
 * Returns: (transfer full) (element-type KopirOrderState) (nullable): every
 *   state the order went through, oldest first
 */
GArray *
kopir_ledger_list_order_states (KopirLedger  *self,
                                const char   *client_order_id,
                                GError      **error)
{
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (KopirOrderState));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);
  g_return_val_if_fail (client_order_id != NULL, NULL);

  stmt = prepare (self, "SELECT e.state FROM order_events e JOIN orders o ON o.id = e.order_id "
                        "WHERE o.client_order_id = ? ORDER BY e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KopirOrderState state;

      if (kopir_order_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state))
        g_array_append_val (states, state);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&states);
}

/**
 * kopir_ledger_list_unresolved_orders:
 *
 * The orders in intent, sent or unknown state, which must be reconciled
 * with the exchange (by client order id) at start-up.
 *
 * Returns: (transfer full) (element-type KopirLedgerOrder) (nullable): the
 *   orders, oldest first
 */
GPtrArray *
kopir_ledger_list_unresolved_orders (KopirLedger  *self,
                                     GError      **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_order_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);

  stmt = prepare (self, "SELECT " ORDER_COLUMNS " FROM orders o "
                        "WHERE o.state IN ('intent', 'sent', 'unknown') ORDER BY o.created_at, o.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (orders, read_order (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&orders);
}

/**
 * kopir_ledger_record_transfer:
 * @transfer: (inout): a deposit or withdrawal; @external_id, @asset and
 *   @amount are required.  On return @id and the times are filled in.
 * @changed: (out) (optional): whether anything was written
 *
 * Adds the transfer, or updates it if the same kind and external id are
 * already recorded. A transfer recorded again as it was is not written
 * (a list read again every few seconds costs no disk write), except a
 * pending one: recording it again marks when it was last sent.
 *
 * Returns: %TRUE once it is on disk
 */
gboolean
kopir_ledger_record_transfer (KopirLedger          *self,
                              KopirLedgerTransfer  *transfer,
                              gboolean             *changed,
                              GError              **error)
{
  const char *kind;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();
  gint64 id = 0, created = now, updated = now;
  gboolean wrote = TRUE;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (transfer != NULL, FALSE);
  g_return_val_if_fail ((guint) transfer->state < G_N_ELEMENTS (transfer_state_names), FALSE);

  if (transfer->external_id == NULL || transfer->external_id[0] == '\0' ||
      !is_code (transfer->asset, 15) || !kopir_decimal_is_positive (&transfer->amount))
    {
      g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID,
                           _("The transfer is incomplete and was not recorded."));
      return FALSE;
    }

  kind = transfer->kind == KOPIR_TRANSFER_WITHDRAWAL ? "withdrawal" : "deposit";

  if (!begin (self, error))
    return FALSE;

  stmt = prepare (self, "SELECT id, created_at, updated_at FROM transfers WHERE kind = ? AND external_id = ?",
                  error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, transfer->external_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      created = sqlite3_column_int64 (stmt, 1);
      updated = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return rollback (self);
    }

  if (id != 0)
    {
      stmt = prepare (self, "UPDATE transfers SET state = ?1, amount = ?2, reference = coalesce (?3, reference), "
                            "link_id = coalesce (?4, link_id), updated_at = ?5 WHERE id = ?6 AND "
                            "(?1 = 'pending' OR state IS NOT ?1 OR amount IS NOT ?2 OR "
                            "(?3 IS NOT NULL AND reference IS NOT ?3) OR (?4 IS NOT NULL AND link_id IS NOT ?4))",
                      error);
      if (stmt == NULL)
        return rollback (self);
      sqlite3_bind_text (stmt, 1, transfer_state_names[transfer->state], -1, SQLITE_STATIC);
      bind_decimal (stmt, 2, TRUE, &transfer->amount);
      sqlite3_bind_text (stmt, 3, transfer->reference, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, transfer->link_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, now);
      sqlite3_bind_int64 (stmt, 6, id);
      if (!step_done (self, stmt, error))
        return rollback (self);
      wrote = sqlite3_changes (self->db) > 0;
      if (wrote)
        updated = now;
    }
  else
    {
      g_autofree char *search = NULL;
      g_autofree char *text = NULL;

      /* A transfer first seen in the exchange's list keeps the time it
       * was made there, so the history shows it in its place. */
      if (transfer->created_at_us > 0)
        created = transfer->created_at_us;

      stmt = prepare (self, "INSERT INTO transfers (kind, external_id, asset, amount, state, reference, "
                            "created_at, updated_at, link_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return rollback (self);
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, transfer->external_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, transfer->asset, -1, SQLITE_TRANSIENT);
      bind_decimal (stmt, 4, TRUE, &transfer->amount);
      sqlite3_bind_text (stmt, 5, transfer_state_names[transfer->state], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, transfer->reference, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 7, created);
      sqlite3_bind_int64 (stmt, 8, now);
      sqlite3_bind_text (stmt, 9, transfer->link_id, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, error))
        return rollback (self);
      id = sqlite3_last_insert_rowid (self->db);

      text = g_strjoin (" ", transfer->external_id, transfer->asset,
                        transfer->reference != NULL ? transfer->reference : "", NULL);
      search = g_ascii_strdown (text, -1);
      stmt = prepare (self, "INSERT INTO activity (kind, asset, at, transfer_id, search) VALUES (?, ?, ?, ?, ?)",
                      error);
      if (stmt == NULL)
        return rollback (self);
      sqlite3_bind_int (stmt, 1, transfer->kind == KOPIR_TRANSFER_WITHDRAWAL ? KOPIR_LEDGER_KIND_WITHDRAWAL
                                                                              : KOPIR_LEDGER_KIND_DEPOSIT);
      sqlite3_bind_text (stmt, 2, transfer->asset, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, created);
      sqlite3_bind_int64 (stmt, 4, id);
      sqlite3_bind_text (stmt, 5, search, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, error))
        return rollback (self);
    }

  if (!commit (self, error))
    return FALSE;

  transfer->id = id;
  transfer->created_at_us = created;
  transfer->updated_at_us = updated;
  if (changed != NULL)
    *changed = wrote;
  return TRUE;
}

/**
 * kopir_ledger_list_pending_transfers:
 * @kind: deposits or withdrawals
 *
 * The transfers of @kind still pending: for a withdrawal sent from this
 * computer, one whose outcome the exchange has not yet confirmed.
 *
 * Returns: (transfer full) (element-type KopirLedgerTransfer) (nullable):
 *   the transfers, oldest first
 */
GPtrArray *
kopir_ledger_list_pending_transfers (KopirLedger        *self,
                                     KopirTransferKind   kind,
                                     GError            **error)
{
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_transfer_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);

  stmt = prepare (self, "SELECT " TRANSFER_COLUMNS " FROM transfers t "
                        "WHERE t.kind = ? AND t.state = 'pending' ORDER BY t.created_at, t.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind == KOPIR_TRANSFER_WITHDRAWAL ? "withdrawal" : "deposit", -1,
                     SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (transfers, read_transfer (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&transfers);
}

static char *
like_pattern (const char *text)
{
  GString *s = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, g_ascii_tolower (*p));
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* The WHERE clause of a history query, shared by pages and counts.  The
 * parameters are numbered so the same binding serves both. */
static void
append_history_filters (GString                *sql,
                        const KopirLedgerQuery *query)
{
  guint kinds = query->kinds & (KOPIR_LEDGER_KIND_ORDER | KOPIR_LEDGER_KIND_DEPOSIT | KOPIR_LEDGER_KIND_WITHDRAWAL);

  g_string_append (sql, " WHERE 1");
  if (kinds != 0 && (kinds & (kinds - 1)) == 0)
    {
      /* One kind: its own index gives the rows already in time order. */
      g_string_append_printf (sql, " AND a.kind = %d", (int) kinds);
    }
  else if (kinds != 0 &&
           kinds != (KOPIR_LEDGER_KIND_ORDER | KOPIR_LEDGER_KIND_DEPOSIT | KOPIR_LEDGER_KIND_WITHDRAWAL))
    {
      /* Two kinds: walk the time index and filter ("+" keeps SQLite off the
       * kind index, which would need a sort of every matching row). */
      g_string_append_printf (sql, " AND +a.kind IN (%d, %d, %d)",
                              kinds & KOPIR_LEDGER_KIND_ORDER ? KOPIR_LEDGER_KIND_ORDER : -1,
                              kinds & KOPIR_LEDGER_KIND_DEPOSIT ? KOPIR_LEDGER_KIND_DEPOSIT : -1,
                              kinds & KOPIR_LEDGER_KIND_WITHDRAWAL ? KOPIR_LEDGER_KIND_WITHDRAWAL : -1);
    }
  if (query->asset != NULL)
    g_string_append (sql, " AND a.asset = ?1");
  if (query->from_us != 0)
    g_string_append (sql, " AND a.at >= ?2");
  if (query->to_us != 0)
    g_string_append (sql, " AND a.at < ?3");
  if (query->text != NULL && query->text[0] != '\0')
    g_string_append (sql, " AND a.search LIKE ?4 ESCAPE '\\'");
}

static void
bind_history_filters (sqlite3_stmt           *stmt,
                      const KopirLedgerQuery *query)
{
  if (query->asset != NULL)
    sqlite3_bind_text (stmt, 1, query->asset, -1, SQLITE_TRANSIENT);
  if (query->from_us != 0)
    sqlite3_bind_int64 (stmt, 2, query->from_us);
  if (query->to_us != 0)
    sqlite3_bind_int64 (stmt, 3, query->to_us);
  if (query->text != NULL && query->text[0] != '\0')
    {
      g_autofree char *pattern = like_pattern (query->text);

      sqlite3_bind_text (stmt, 4, pattern, -1, SQLITE_TRANSIENT);
    }
}

/* Each order follows one of the activity indexes in a single direction,
 * so a page deep in the list is found by walking the index, never by
 * sorting every row. */
static const char *
history_order_by (const KopirLedgerQuery *query)
{
  gboolean up = query->ascending;

  switch (query->sort)
    {
    case KOPIR_LEDGER_SORT_KIND:
      return up ? " ORDER BY a.kind ASC, a.at ASC, a.id ASC"
                : " ORDER BY a.kind DESC, a.at DESC, a.id DESC";
    case KOPIR_LEDGER_SORT_ASSET:
      return up ? " ORDER BY a.asset ASC, a.at ASC, a.id ASC"
                : " ORDER BY a.asset DESC, a.at DESC, a.id DESC";
    case KOPIR_LEDGER_SORT_TIME:
    default:
      return up ? " ORDER BY a.at ASC, a.id ASC"
                : " ORDER BY a.at DESC, a.id DESC";
    }
}

/**
 * kopir_ledger_query_history:
 * @query: filters, the order and the page
 *
 * Lists orders, deposits and withdrawals, newest first unless
 * @query->sort and @query->ascending say otherwise.  Every filter, every
 * order and the cursor use the activity indexes, so a page costs about
 * the same at 100 000 orders as at 100; a page far down by @query->offset
 * walks the index up to it and reads only the rows it returns.
 *
 * Returns: (transfer full) (element-type KopirLedgerEntry) (nullable): the
 *   page, at most @query->limit entries
 */
GPtrArray *
kopir_ledger_query_history (KopirLedger             *self,
                            const KopirLedgerQuery  *query,
                            GError                 **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_entry_free);
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *order_by;
  guint limit;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (!query->has_cursor || (query->sort == KOPIR_LEDGER_SORT_TIME && !query->ascending), NULL);

  limit = query->limit == 0 ? 50 : MIN (query->limit, 500);
  order_by = history_order_by (query);

  /* The page is chosen on the activity table alone, then joined: rows
   * skipped by the offset are never joined to their orders. */
  sql = g_string_new ("SELECT a.id, a.kind, a.at, a.asset, " ORDER_COLUMNS ", " TRANSFER_COLUMNS " "
                      "FROM (SELECT a.id FROM activity a");
  append_history_filters (sql, query);
  if (query->has_cursor)
    g_string_append (sql, " AND (a.at, a.id) < (?5, ?6)");
  g_string_append (sql, order_by);
  g_string_append (sql, " LIMIT ?7 OFFSET ?8) page JOIN activity a ON a.id = page.id "
                        "LEFT JOIN orders o ON o.id = a.order_id "
                        "LEFT JOIN transfers t ON t.id = a.transfer_id");
  g_string_append (sql, order_by);

  /* Filters vary, so this statement is prepared each time; that costs
   * tens of microseconds. */
  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }

  bind_history_filters (stmt, query);
  if (query->has_cursor)
    {
      sqlite3_bind_int64 (stmt, 5, query->cursor_time_us);
      sqlite3_bind_int64 (stmt, 6, query->cursor_id);
    }
  sqlite3_bind_int (stmt, 7, (int) limit);
  sqlite3_bind_int (stmt, 8, (int) query->offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KopirLedgerEntry *e = g_new0 (KopirLedgerEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->kind = (KopirLedgerKind) sqlite3_column_int (stmt, 1);
      e->time_us = sqlite3_column_int64 (stmt, 2);
      e->asset = column_strdup (stmt, 3);
      if (e->kind == KOPIR_LEDGER_KIND_ORDER)
        e->order = read_order (stmt, 4);
      else
        e->transfer = read_transfer (stmt, 4 + N_ORDER_COLUMNS);
      g_ptr_array_add (entries, e);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * kopir_ledger_count_history:
 * @query: filters; its order, page and cursor are ignored
 * @count: (out): how many entries match
 *
 * Counts what kopir_ledger_query_history() would list page by page, so a
 * list can be as long as the history before any page is read.
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_ledger_count_history (KopirLedger             *self,
                            const KopirLedgerQuery  *query,
                            guint                   *count,
                            GError                 **error)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  sql = g_string_new ("SELECT COUNT(*) FROM activity a");
  append_history_filters (sql, query);

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);

  bind_history_filters (stmt, query);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error);

  *count = (guint) CLAMP (n, 0, G_MAXUINT);
  return TRUE;
}

/**
 * kopir_ledger_sum_purchases:
 * @quote_asset: e.g. "KZT"
 * @from_us: start, Unix microseconds
 * @to_us: end (exclusive)
 * @total: (out): what buy orders created in that time spent in
 *   @quote_asset: what was executed, or for orders whose outcome is not
 *   known yet, what they may spend
 *
 * For the pilot limit: an unresolved order counts in full, so the limit
 * is never overstated while an outcome is pending.
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_ledger_sum_purchases (KopirLedger  *self,
                            const char   *quote_asset,
                            gint64        from_us,
                            gint64        to_us,
                            KopirDecimal *total,
                            GError      **error)
{
  KopirDecimal sum = KOPIR_DECIMAL_INIT (0, 0);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (quote_asset != NULL && total != NULL, FALSE);

  stmt = prepare (self, "SELECT state, cumulative_quote, quote_amount, quantity, price FROM orders "
                        "WHERE quote_asset = ? AND side = 'BUY' AND created_at >= ? AND created_at < ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, quote_asset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, from_us);
  sqlite3_bind_int64 (stmt, 3, to_us);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KopirOrderState state;
      KopirDecimal amount, quantity, price;

      if (!kopir_order_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state))
        state = KOPIR_ORDER_STATE_UNKNOWN;

      if (!kopir_order_state_is_unresolved (state))
        column_decimal (stmt, 1, &amount);
      else if (!column_decimal (stmt, 2, &amount))
        {
          /* A limit order of a quantity may spend quantity × price. */
          if (!column_decimal (stmt, 3, &quantity) || !column_decimal (stmt, 4, &price))
            amount = KOPIR_DECIMAL_INIT (0, 0);
          else if (!kopir_decimal_mul (&quantity, &price, 2, KOPIR_ROUNDING_UP, &amount))
            goto overflow;
        }

      if (!kopir_decimal_add (&sum, &amount, &sum))
        goto overflow;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);

  *total = sum;
  return TRUE;

overflow:
  sqlite3_reset (stmt);
  g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID,
                       _("The purchase history could not be added up."));
  return FALSE;
}

void
kopir_ledger_order_event_clear (KopirLedgerOrderEvent *event)
{
  g_clear_pointer (&event->detail, g_free);
}

/**
 * kopir_ledger_list_order_events:
 * @client_order_id: the order
 *
 * Like kopir_ledger_list_order_states(), with when each state was reached
 * and the detail recorded with it (a rejection's reason).
 *
 * Returns: (transfer full) (element-type KopirLedgerOrderEvent) (nullable):
 *   every state the order went through, oldest first; the array clears
 *   its elements
 */
GArray *
kopir_ledger_list_order_events (KopirLedger  *self,
                                const char   *client_order_id,
                                GError      **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (KopirLedgerOrderEvent));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);
  g_return_val_if_fail (client_order_id != NULL, NULL);

  g_array_set_clear_func (events, (GDestroyNotify) kopir_ledger_order_event_clear);

  stmt = prepare (self, "SELECT e.state, e.at, e.detail FROM order_events e "
                        "JOIN orders o ON o.id = e.order_id "
                        "WHERE o.client_order_id = ? ORDER BY e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KopirLedgerOrderEvent event = { 0, };

      if (!kopir_order_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &event.state))
        continue;
      event.time_us = sqlite3_column_int64 (stmt, 1);
      event.detail = column_strdup (stmt, 2);
      g_array_append_val (events, event);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/**
 * kopir_ledger_sum_bought:
 * @base_asset: e.g. "BTC"
 * @quote_asset: e.g. "KZT"
 * @bought: (out): @base_asset received by purchases: filled quantities
 *   less fees taken in @base_asset
 * @paid: (out): @quote_asset paid for them, fees taken in @quote_asset
 *   included
 * @error: return location for a #GError
 *
 * What the customer's purchases of @base_asset with @quote_asset came to,
 * from the fills the ledger holds: exact, whatever the number of fills.
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_ledger_sum_bought (KopirLedger   *self,
                         const char    *base_asset,
                         const char    *quote_asset,
                         KopirDecimal  *bought,
                         KopirDecimal  *paid,
                         GError       **error)
{
  KopirDecimal sum_qty = KOPIR_DECIMAL_INIT (0, 0);
  KopirDecimal sum_paid = KOPIR_DECIMAL_INIT (0, 0);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (base_asset != NULL && quote_asset != NULL, FALSE);
  g_return_val_if_fail (bought != NULL && paid != NULL, FALSE);

  stmt = prepare (self, "SELECT f.price, f.quantity, f.commission, f.commission_asset "
                        "FROM fills f JOIN orders o ON o.id = f.order_id "
                        "WHERE o.base_asset = ? AND o.quote_asset = ? AND o.side = 'BUY'",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, base_asset, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, quote_asset, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fee_asset = (const char *) sqlite3_column_text (stmt, 3);
      KopirDecimal price, quantity, commission, cost;

      column_decimal (stmt, 0, &price);
      column_decimal (stmt, 1, &quantity);
      column_decimal (stmt, 2, &commission);

      /* The exchange writes every number with eight decimals; without the
       * trailing zeros the exact product fits.  Should it not, it is
       * rounded up at eight: never less than was paid. */
      kopir_decimal_normalize (&price, &price);
      kopir_decimal_normalize (&quantity, &quantity);
      kopir_decimal_normalize (&commission, &commission);
      if (!kopir_decimal_mul_exact (&price, &quantity, &cost) &&
          !kopir_decimal_mul (&price, &quantity, 8, KOPIR_ROUNDING_UP, &cost))
        goto overflow;

      if (!kopir_decimal_add (&sum_qty, &quantity, &sum_qty) ||
          !kopir_decimal_add (&sum_paid, &cost, &sum_paid))
        goto overflow;

      if (g_strcmp0 (fee_asset, base_asset) == 0)
        {
          if (!kopir_decimal_sub (&sum_qty, &commission, &sum_qty))
            goto overflow;
        }
      else if (g_strcmp0 (fee_asset, quote_asset) == 0)
        {
          if (!kopir_decimal_add (&sum_paid, &commission, &sum_paid))
            goto overflow;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);

  *bought = sum_qty;
  *paid = sum_paid;
  return TRUE;

overflow:
  sqlite3_reset (stmt);
  g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID,
                       _("The purchase history could not be added up."));
  return FALSE;
}

/**
 * kopir_ledger_list_open_orders:
 *
 * The orders the exchange accepted and has not finished: new or partly
 * filled (limit orders waiting for their price).  They may have changed
 * while Kopir was not running, so they are asked about at start-up.
 *
 * Returns: (transfer full) (element-type KopirLedgerOrder) (nullable): the
 *   orders, oldest first
 */
GPtrArray *
kopir_ledger_list_open_orders (KopirLedger  *self,
                               GError      **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_order_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KOPIR_IS_LEDGER (self), NULL);

  /* No index: this runs once per start, in a worker, and open orders are
   * few while the table may be long; a scan of it costs milliseconds. */
  stmt = prepare (self, "SELECT " ORDER_COLUMNS " FROM orders o "
                        "WHERE o.state IN ('new', 'partially_filled') ORDER BY o.created_at, o.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (orders, read_order (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&orders);
}
