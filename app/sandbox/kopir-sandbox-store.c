/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include "kopir-sandbox-store.h"

struct _KopirSandboxStore
{
  GObject     parent_instance;

  sqlite3    *db;
  GHashTable *statements;  /* static SQL text -> sqlite3_stmt */
  gboolean    persistent;
};

G_DEFINE_FINAL_TYPE (KopirSandboxStore, kopir_sandbox_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-sandbox-store-error-quark, kopir_sandbox_store_error)

/* Amounts are kept as the exchange's decimal strings, so the database holds
 * exactly what was computed and can be read by eye. */
static const char schema[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS customers ("
  "  id INTEGER PRIMARY KEY, api_key TEXT UNIQUE, api_secret TEXT,"
  "  first_name TEXT NOT NULL, last_name TEXT NOT NULL, patronymic TEXT,"
  "  latin_name TEXT, iin TEXT NOT NULL, phone TEXT, knowledge_test INTEGER NOT NULL DEFAULT 0,"
  "  applicant_id TEXT, created_at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS customers_iin ON customers (iin);"
  "CREATE TABLE IF NOT EXISTS balances ("
  "  customer_id INTEGER NOT NULL, asset TEXT NOT NULL, free TEXT NOT NULL, locked TEXT NOT NULL,"
  "  PRIMARY KEY (customer_id, asset));"
  "CREATE TABLE IF NOT EXISTS orders ("
  "  id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, symbol TEXT NOT NULL,"
  "  client_order_id TEXT NOT NULL, side TEXT NOT NULL, type TEXT NOT NULL, tif TEXT NOT NULL,"
  "  price TEXT NOT NULL, orig_qty TEXT NOT NULL, orig_quote_qty TEXT NOT NULL,"
  "  executed_qty TEXT NOT NULL, cumm_quote TEXT NOT NULL, status TEXT NOT NULL,"
  "  locked_asset TEXT, locked_amount TEXT NOT NULL DEFAULT '0',"
  "  time INTEGER NOT NULL, update_time INTEGER NOT NULL, working_time INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS orders_client ON orders (customer_id, symbol, client_order_id);"
  "CREATE INDEX IF NOT EXISTS orders_open ON orders (status, symbol);"
  "CREATE TABLE IF NOT EXISTS trades ("
  "  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, customer_id INTEGER NOT NULL,"
  "  symbol TEXT NOT NULL, price TEXT NOT NULL, qty TEXT NOT NULL, quote_qty TEXT NOT NULL,"
  "  commission TEXT NOT NULL, commission_asset TEXT NOT NULL, time INTEGER NOT NULL,"
  "  is_buyer INTEGER NOT NULL, is_maker INTEGER NOT NULL, usd_value TEXT NOT NULL,"
  "  month TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS trades_customer ON trades (customer_id, symbol, id);"
  "CREATE TABLE IF NOT EXISTS applicants ("
  "  id TEXT PRIMARY KEY, token TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,"
  "  submitted_at INTEGER, reviewed_at INTEGER, personal TEXT, appropriateness TEXT,"
  "  review TEXT, customer_id INTEGER, credentials_issued INTEGER NOT NULL DEFAULT 0, locale TEXT);"
  "CREATE TABLE IF NOT EXISTS documents ("
  "  applicant_id TEXT NOT NULL, kind TEXT NOT NULL, content_type TEXT NOT NULL,"
  "  width INTEGER NOT NULL, height INTEGER NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,"
  "  PRIMARY KEY (applicant_id, kind));"
  "CREATE TABLE IF NOT EXISTS bank_links ("
  "  id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, iban TEXT NOT NULL,"
  "  holder_name TEXT NOT NULL, created_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS deposits ("
  "  id INTEGER PRIMARY KEY, customer_id INTEGER, amount TEXT NOT NULL, status TEXT NOT NULL,"
  "  return_reason TEXT, sender_iban TEXT NOT NULL, sender_name TEXT, purpose TEXT, knp TEXT,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS withdrawals ("
  "  id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, link_id INTEGER NOT NULL,"
  "  iban TEXT NOT NULL, amount TEXT NOT NULL, client_id TEXT, created_at INTEGER NOT NULL);";

static void
kopir_sandbox_store_finalize (GObject *object)
{
  KopirSandboxStore *self = (KopirSandboxStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (kopir_sandbox_store_parent_class)->finalize (object);
}

static void
kopir_sandbox_store_class_init (KopirSandboxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_sandbox_store_finalize;
}

static void
kopir_sandbox_store_init (KopirSandboxStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

/**
 * kopir_sandbox_store_new:
 * @path: (nullable): the database file, or %NULL for a database in memory
 * @error: return location for a #KopirSandboxStoreError
 *
 * Returns: (transfer full) (nullable): the store
 */
KopirSandboxStore *
kopir_sandbox_store_new (const char  *path,
                         GError     **error)
{
  g_autoptr(KopirSandboxStore) self = g_object_new (KOPIR_TYPE_SANDBOX_STORE, NULL);
  char *errmsg = NULL;

  if (sqlite3_open_v2 (path ? path : ":memory:", &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, KOPIR_SANDBOX_STORE_ERROR, KOPIR_SANDBOX_STORE_ERROR_OPEN,
                   "Cannot open the state database: %s",
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }

  self->persistent = path != NULL;

  /* A crash must never leave a half-applied fill: WAL with full syncs. */
  if (sqlite3_exec (self->db,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
                    NULL, NULL, &errmsg) != SQLITE_OK ||
      sqlite3_exec (self->db, schema, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, KOPIR_SANDBOX_STORE_ERROR, KOPIR_SANDBOX_STORE_ERROR_OPEN,
                   "Cannot set up the state database: %s", errmsg ? errmsg : "unknown error");
      sqlite3_free (errmsg);
      return NULL;
    }

  return g_steal_pointer (&self);
}

gboolean
kopir_sandbox_store_is_persistent (KopirSandboxStore *self)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_STORE (self), FALSE);

  return self->persistent;
}

/**
 * kopir_sandbox_store_prepare:
 * @self: a #KopirSandboxStore
 * @sql: a statement; must be a string literal (it is cached by address)
 *
 * Returns: (transfer none): the prepared statement, reset and unbound
 */
sqlite3_stmt *
kopir_sandbox_store_prepare (KopirSandboxStore *self,
                             const char        *sql)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KOPIR_IS_SANDBOX_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        g_error ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

/**
 * kopir_sandbox_store_step_done:
 * @self: a #KopirSandboxStore
 * @stmt: a statement that changes data
 *
 * Runs @stmt to completion.  A failure here is a bug in the sandbox (the
 * schema's constraints are checked before writing), so it aborts rather
 * than leave half-written state.
 */
void
kopir_sandbox_store_step_done (KopirSandboxStore *self,
                               sqlite3_stmt      *stmt)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("State database write failed: %s", sqlite3_errmsg (self->db));
  sqlite3_reset (stmt);
}

static void
exec_simple (KopirSandboxStore *self,
             const char        *sql)
{
  kopir_sandbox_store_step_done (self, kopir_sandbox_store_prepare (self, sql));
}

void
kopir_sandbox_store_begin (KopirSandboxStore *self)
{
  exec_simple (self, "BEGIN IMMEDIATE");
}

void
kopir_sandbox_store_commit (KopirSandboxStore *self)
{
  exec_simple (self, "COMMIT");
}

void
kopir_sandbox_store_rollback (KopirSandboxStore *self)
{
  exec_simple (self, "ROLLBACK");
}

/**
 * kopir_sandbox_store_next_id:
 * @self: a #KopirSandboxStore
 * @sequence: the sequence's name
 * @first: the first value it gives
 *
 * Returns: the next value of a persistent sequence
 */
gint64
kopir_sandbox_store_next_id (KopirSandboxStore *self,
                             const char        *sequence,
                             gint64             first)
{
  sqlite3_stmt *stmt;
  gint64 value = first;

  stmt = kopir_sandbox_store_prepare (self, "SELECT value FROM meta WHERE key = ?");
  sqlite3_bind_text (stmt, 1, sequence, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0) + 1;
  sqlite3_reset (stmt);

  stmt = kopir_sandbox_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
  sqlite3_bind_text (stmt, 1, sequence, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  kopir_sandbox_store_step_done (self, stmt);

  return value;
}

gint64
kopir_sandbox_store_count (KopirSandboxStore *self,
                           const char        *table)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  g_return_val_if_fail (KOPIR_IS_SANDBOX_STORE (self), 0);

  /* Only called with fixed table names from the sandbox itself. */
  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

void
kopir_sandbox_bind_decimal (sqlite3_stmt       *stmt,
                            int                 index,
                            const KopirDecimal *value)
{
  char buf[KOPIR_DECIMAL_STRING_MAX];

  kopir_decimal_to_string (value, buf, sizeof buf);
  sqlite3_bind_text (stmt, index, buf, -1, SQLITE_TRANSIENT);
}

KopirDecimal
kopir_sandbox_column_decimal (sqlite3_stmt *stmt,
                              int           index)
{
  KopirDecimal value = { 0, 0 };
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  if (text != NULL && !kopir_decimal_parse (text, &value, NULL))
    g_error ("Corrupt decimal in the state database");

  return value;
}

const char *
kopir_sandbox_column_text (sqlite3_stmt *stmt,
                           int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  return text ? text : "";
}

void
kopir_sandbox_store_get_balance (KopirSandboxStore *self,
                                 gint64             customer_id,
                                 const char        *asset,
                                 KopirDecimal      *free_out,
                                 KopirDecimal      *locked_out)
{
  sqlite3_stmt *stmt;
  KopirDecimal zero = { 0, 0 };

  *free_out = zero;
  if (locked_out)
    *locked_out = zero;

  stmt = kopir_sandbox_store_prepare (self,
                                      "SELECT free, locked FROM balances WHERE customer_id = ? AND asset = ?");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, asset, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *free_out = kopir_sandbox_column_decimal (stmt, 0);
      if (locked_out)
        *locked_out = kopir_sandbox_column_decimal (stmt, 1);
    }
  sqlite3_reset (stmt);
}

void
kopir_sandbox_store_set_balance (KopirSandboxStore  *self,
                                 gint64              customer_id,
                                 const char         *asset,
                                 const KopirDecimal *free_amount,
                                 const KopirDecimal *locked_amount)
{
  sqlite3_stmt *stmt;
  KopirDecimal f, l;

  /* Balances are written at the exchange's 8 decimal places. */
  if (!kopir_decimal_rescale (free_amount, 8, KOPIR_ROUNDING_DOWN, &f) ||
      !kopir_decimal_rescale (locked_amount, 8, KOPIR_ROUNDING_DOWN, &l))
    g_error ("Balance out of range");

  stmt = kopir_sandbox_store_prepare (self,
                                      "INSERT OR REPLACE INTO balances (customer_id, asset, free, locked) "
                                      "VALUES (?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, asset, -1, SQLITE_STATIC);
  kopir_sandbox_bind_decimal (stmt, 3, &f);
  kopir_sandbox_bind_decimal (stmt, 4, &l);
  kopir_sandbox_store_step_done (self, stmt);
}

/**
 * kopir_sandbox_store_adjust_balance:
 * @self: a #KopirSandboxStore
 * @customer_id: the customer
 * @asset: the asset
 * @free_delta: (nullable): added to the free amount
 * @locked_delta: (nullable): added to the locked amount
 *
 * Returns: %FALSE, changing nothing, if either amount would go negative
 */
gboolean
kopir_sandbox_store_adjust_balance (KopirSandboxStore  *self,
                                    gint64              customer_id,
                                    const char         *asset,
                                    const KopirDecimal *free_delta,
                                    const KopirDecimal *locked_delta)
{
  KopirDecimal f, l, nf, nl;

  kopir_sandbox_store_get_balance (self, customer_id, asset, &f, &l);
  nf = f;
  nl = l;
  if (free_delta && !kopir_decimal_add (&f, free_delta, &nf))
    return FALSE;
  if (locked_delta && !kopir_decimal_add (&l, locked_delta, &nl))
    return FALSE;
  if (kopir_decimal_is_negative (&nf) || kopir_decimal_is_negative (&nl) ||
      !kopir_decimal_rescale (&nf, 8, KOPIR_ROUNDING_DOWN, &nf) ||
      !kopir_decimal_rescale (&nl, 8, KOPIR_ROUNDING_DOWN, &nl))
    return FALSE;

  kopir_sandbox_store_set_balance (self, customer_id, asset, &nf, &nl);
  return TRUE;
}
