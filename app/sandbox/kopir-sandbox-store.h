/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-store.h: the sandbox exchange's state in SQLite.
 *
 * Customers, balances, orders, trades, applicants, bank links, deposits and
 * withdrawals live in one SQLite database: in memory by default, or in a
 * file under --state-dir so a restart keeps them.  Statements are prepared
 * once and cached by their (static) SQL text.
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

/**
 * KopirSandboxStoreError:
 * @KOPIR_SANDBOX_STORE_ERROR_OPEN: the database could not be opened or set up
 * @KOPIR_SANDBOX_STORE_ERROR_QUERY: a statement failed
 *
 * Errors of the state store.
 */
typedef enum
{
  KOPIR_SANDBOX_STORE_ERROR_OPEN,
  KOPIR_SANDBOX_STORE_ERROR_QUERY,
} KopirSandboxStoreError;

#define KOPIR_SANDBOX_STORE_ERROR (kopir_sandbox_store_error_quark ())

#define KOPIR_TYPE_SANDBOX_STORE (kopir_sandbox_store_get_type ())

G_DECLARE_FINAL_TYPE (KopirSandboxStore, kopir_sandbox_store, KOPIR, SANDBOX_STORE, GObject)

GQuark             kopir_sandbox_store_error_quark  (void);

KopirSandboxStore *kopir_sandbox_store_new          (const char          *path,
                                                     GError             **error);
gboolean           kopir_sandbox_store_is_persistent (KopirSandboxStore  *self);
sqlite3_stmt      *kopir_sandbox_store_prepare      (KopirSandboxStore   *self,
                                                     const char          *sql);
void               kopir_sandbox_store_step_done    (KopirSandboxStore   *self,
                                                     sqlite3_stmt        *stmt);
void               kopir_sandbox_store_begin        (KopirSandboxStore   *self);
void               kopir_sandbox_store_commit       (KopirSandboxStore   *self);
void               kopir_sandbox_store_rollback     (KopirSandboxStore   *self);
gint64             kopir_sandbox_store_next_id      (KopirSandboxStore   *self,
                                                     const char          *sequence,
                                                     gint64               first);
gint64             kopir_sandbox_store_count        (KopirSandboxStore   *self,
                                                     const char          *table);

void               kopir_sandbox_store_get_balance  (KopirSandboxStore   *self,
                                                     gint64               customer_id,
                                                     const char          *asset,
                                                     KopirDecimal        *free_out,
                                                     KopirDecimal        *locked_out);
void               kopir_sandbox_store_set_balance  (KopirSandboxStore   *self,
                                                     gint64               customer_id,
                                                     const char          *asset,
                                                     const KopirDecimal  *free_amount,
                                                     const KopirDecimal  *locked_amount);
gboolean           kopir_sandbox_store_adjust_balance (KopirSandboxStore *self,
                                                     gint64               customer_id,
                                                     const char          *asset,
                                                     const KopirDecimal  *free_delta,
                                                     const KopirDecimal  *locked_delta);

void               kopir_sandbox_bind_decimal       (sqlite3_stmt        *stmt,
                                                     int                  index,
                                                     const KopirDecimal  *value);
KopirDecimal       kopir_sandbox_column_decimal     (sqlite3_stmt        *stmt,
                                                     int                  index);
const char        *kopir_sandbox_column_text        (sqlite3_stmt        *stmt,
                                                     int                  index);

G_END_DECLS
