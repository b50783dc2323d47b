/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-test-history.c: a ledger full of history, written fast
 *
 * Rows as the ledger writes them, in one transaction straight through
 * SQLite: writing 100 000 orders one durable commit at a time would take
 * minutes. Entry i is a minute after entry i - 1; every tenth is a
 * deposit of tenge, every twenty-fifth otherwise a withdrawal, the rest
 * filled purchases of BTC, ETH, USDT and SOL in turn, each with one fill
 * (client order id "hist-%06u", exchange order id 500000 + i, trade id
 * 900000 + i).
 */

#include "config.h"

#include <sqlite3.h>

#include "kopir-ledger.h"
#include "kopir-test-history.h"

static const char *assets[] = { "BTC", "ETH", "USDT", "SOL" };
static const char *prices[] = { "30000000.00", "1500000.00", "505.00", "75000.00" };
static const char *quantities[] = { "0.00100000", "0.02000000", "60.00000000", "0.40000000" };
static const char *totals[] = { "30000.00", "30000.00", "30300.00", "30000.00" };
static const char *fees[] = { "0.00000100", "0.00002000", "0.06000000", "0.00040000" };

void
kopir_test_fill_history (const char *ledger_path,
                         guint       n_rows)
{
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *order = NULL, *fill = NULL, *event = NULL, *transfer = NULL, *activity = NULL;

  /* The schema, as the ledger makes it. */
  ledger = kopir_ledger_open (ledger_path, &error);
  g_assert_no_error (error);
  g_clear_object (&ledger);

  g_assert_cmpint (sqlite3_open (ledger_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO orders (client_order_id, symbol, base_asset, quote_asset, "
                                           "side, type, quote_amount, state, exchange_order_id, executed_qty, "
                                           "cumulative_quote, created_at, updated_at) VALUES (?1, ?2, ?3, 'KZT', "
                                           "'BUY', 'MARKET', ?4, 'filled', ?5, ?6, ?4, ?7, ?7)",
                                       -1, &order, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO fills (order_id, trade_id, price, quantity, commission, "
                                           "commission_asset, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                       -1, &fill, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO order_events (order_id, state, at) VALUES (?1, ?2, ?3)",
                                       -1, &event, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO transfers (kind, external_id, asset, amount, state, "
                                           "reference, created_at, updated_at) VALUES (?1, ?2, 'KZT', "
                                           "'50000.00', 'completed', 'KZ** **** **** 1234', ?3, ?3)",
                                       -1, &transfer, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO activity (kind, asset, at, order_id, transfer_id, search) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &activity, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < n_rows; i++)
    {
      gint64 at = KOPIR_TEST_HISTORY_START_US + (gint64) i * 60 * G_USEC_PER_SEC;
      g_autofree char *search = NULL;
      const char *asset;
      int kind;

      if (i % 10 == 0 || i % 25 == 0)
        {
          g_autofree char *id = g_strdup_printf ("%s_%u", i % 10 == 0 ? "dep" : "wd", i);

          kind = i % 10 == 0 ? KOPIR_LEDGER_KIND_DEPOSIT : KOPIR_LEDGER_KIND_WITHDRAWAL;
          asset = "KZT";
          search = g_ascii_strdown (id, -1);
          sqlite3_bind_text (transfer, 1, kind == KOPIR_LEDGER_KIND_DEPOSIT ? "deposit" : "withdrawal", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (transfer, 2, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (transfer, 3, at);
          g_assert_cmpint (sqlite3_step (transfer), ==, SQLITE_DONE);
          sqlite3_reset (transfer);
          sqlite3_bind_null (activity, 4);
          sqlite3_bind_int64 (activity, 5, sqlite3_last_insert_rowid (db));
        }
      else
        {
          g_autofree char *id = g_strdup_printf ("hist-%06u", i);
          g_autofree char *symbol = NULL;
          guint a = i % 4;
          gint64 rowid;

          kind = KOPIR_LEDGER_KIND_ORDER;
          asset = assets[a];
          symbol = g_strconcat (asset, "KZT", NULL);
          search = g_strdup_printf ("%s %s %u", id, symbol, 500000 + i);
          search = g_ascii_strdown (g_steal_pointer (&search), -1);

          sqlite3_bind_text (order, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (order, 2, symbol, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (order, 3, asset, -1, SQLITE_STATIC);
          sqlite3_bind_text (order, 4, totals[a], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (order, 5, 500000 + i);
          sqlite3_bind_text (order, 6, quantities[a], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (order, 7, at);
          g_assert_cmpint (sqlite3_step (order), ==, SQLITE_DONE);
          sqlite3_reset (order);
          rowid = sqlite3_last_insert_rowid (db);

          sqlite3_bind_int64 (fill, 1, rowid);
          sqlite3_bind_int64 (fill, 2, 900000 + i);
          sqlite3_bind_text (fill, 3, prices[a], -1, SQLITE_STATIC);
          sqlite3_bind_text (fill, 4, quantities[a], -1, SQLITE_STATIC);
          sqlite3_bind_text (fill, 5, fees[a], -1, SQLITE_STATIC);
          sqlite3_bind_text (fill, 6, asset, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (fill, 7, at);
          g_assert_cmpint (sqlite3_step (fill), ==, SQLITE_DONE);
          sqlite3_reset (fill);

          for (guint e = 0; e < 3; e++)
            {
              static const char *states[] = { "intent", "sent", "filled" };

              sqlite3_bind_int64 (event, 1, rowid);
              sqlite3_bind_text (event, 2, states[e], -1, SQLITE_STATIC);
              sqlite3_bind_int64 (event, 3, at + e * 1000);
              g_assert_cmpint (sqlite3_step (event), ==, SQLITE_DONE);
              sqlite3_reset (event);
            }

          sqlite3_bind_int64 (activity, 4, rowid);
          sqlite3_bind_null (activity, 5);
        }

      sqlite3_bind_int (activity, 1, kind);
      sqlite3_bind_text (activity, 2, asset, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (activity, 3, at);
      sqlite3_bind_text (activity, 6, search, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (activity), ==, SQLITE_DONE);
      sqlite3_reset (activity);
    }

  sqlite3_finalize (order);
  sqlite3_finalize (fill);
  sqlite3_finalize (event);
  sqlite3_finalize (transfer);
  sqlite3_finalize (activity);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT; ANALYZE;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}
