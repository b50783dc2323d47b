/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-ledger.h: the local record of orders, fills, deposits and
 * withdrawals.
 *
 * Every order is written here as an intent, with its client order id,
 * before the request leaves: if the process dies or the connection drops,
 * the intent is still there at the next start and is resolved by asking
 * the exchange for that client order id, never by sending again.  The
 * database is SQLite in WAL mode with synchronous=FULL, so a function that
 * returned TRUE has its change on disk.  The schema is versioned with
 * PRAGMA user_version and migrated forward on open.
 *
 * The API is synchronous: run it in a worker thread (GTask) from the main
 * loop.  A KopirLedger may be used from any thread but from one thread at
 * a time; callers serialise access (one worker, or a mutex of their own).
 * Several KopirLedger objects (and processes) may open the same file.
 */
#pragma once

#include <glib-object.h>

#include "kopir-decimal.h"

G_BEGIN_DECLS

/**
 * KopirOrderState:
 * @KOPIR_ORDER_STATE_INTENT: written, not yet sent
 * @KOPIR_ORDER_STATE_SENT: the request is on its way
 * @KOPIR_ORDER_STATE_UNKNOWN: the outcome is not known (timeout, 5xx,
 *   crash) and must be asked for
 * @KOPIR_ORDER_STATE_NEW: accepted by the exchange, not filled yet
 * @KOPIR_ORDER_STATE_PARTIALLY_FILLED: partly filled
 * @KOPIR_ORDER_STATE_FILLED: completely filled
 * @KOPIR_ORDER_STATE_CANCELED: cancelled, perhaps after partial fills
 * @KOPIR_ORDER_STATE_REJECTED: refused, or never reached the exchange
 * @KOPIR_ORDER_STATE_EXPIRED: expired by its time in force
 */
typedef enum
{
  KOPIR_ORDER_STATE_INTENT,
  KOPIR_ORDER_STATE_SENT,
  KOPIR_ORDER_STATE_UNKNOWN,
  KOPIR_ORDER_STATE_NEW,
  KOPIR_ORDER_STATE_PARTIALLY_FILLED,
  KOPIR_ORDER_STATE_FILLED,
  KOPIR_ORDER_STATE_CANCELED,
  KOPIR_ORDER_STATE_REJECTED,
  KOPIR_ORDER_STATE_EXPIRED,
} KopirOrderState;

typedef enum
{
  KOPIR_ORDER_SIDE_BUY,
  KOPIR_ORDER_SIDE_SELL,
} KopirOrderSide;

typedef enum
{
  KOPIR_ORDER_TYPE_MARKET,
  KOPIR_ORDER_TYPE_LIMIT,
} KopirOrderType;

typedef enum
{
  KOPIR_TRANSFER_DEPOSIT,
  KOPIR_TRANSFER_WITHDRAWAL,
} KopirTransferKind;

typedef enum
{
  KOPIR_TRANSFER_STATE_PENDING,
  KOPIR_TRANSFER_STATE_COMPLETED,
  KOPIR_TRANSFER_STATE_FAILED,
  KOPIR_TRANSFER_STATE_RETURNED,
} KopirTransferState;

/**
 * KopirLedgerKind:
 * @KOPIR_LEDGER_KIND_ORDER: orders
 * @KOPIR_LEDGER_KIND_DEPOSIT: deposits
 * @KOPIR_LEDGER_KIND_WITHDRAWAL: withdrawals
 *
 * Kinds of history entries; flags, to filter by several at once.
 */
typedef enum
{
  KOPIR_LEDGER_KIND_ORDER      = 1 << 0,
  KOPIR_LEDGER_KIND_DEPOSIT    = 1 << 1,
  KOPIR_LEDGER_KIND_WITHDRAWAL = 1 << 2,
} KopirLedgerKind;

/**
 * KopirLedgerOrder:
 * @id: the ledger's row id (0 before it is written)
 * @client_order_id: the id sent as newClientOrderId
 * @symbol: e.g. "BTCKZT"
 * @base_asset: e.g. "BTC"
 * @quote_asset: e.g. "KZT"
 * @side: buy or sell
 * @type: market or limit
 * @has_quote_amount: whether @quote_amount is set (quoteOrderQty)
 * @quote_amount: tenge to spend
 * @has_quantity: whether @quantity is set
 * @quantity: base asset quantity
 * @has_price: whether @price is set (limit orders)
 * @price: the limit price
 * @state: where the order is
 * @exchange_order_id: the exchange's orderId, 0 until known
 * @executed_qty: quantity filled so far
 * @cumulative_quote: quote asset spent or received so far
 * @reason: (nullable): why it was rejected, or other detail
 * @created_at_us: when the intent was written, Unix microseconds
 * @updated_at_us: when the state last changed
 */
typedef struct
{
  gint64          id;
  char           *client_order_id;
  char           *symbol;
  char           *base_asset;
  char           *quote_asset;
  KopirOrderSide  side;
  KopirOrderType  type;
  gboolean        has_quote_amount;
  KopirDecimal    quote_amount;
  gboolean        has_quantity;
  KopirDecimal    quantity;
  gboolean        has_price;
  KopirDecimal    price;
  KopirOrderState state;
  gint64          exchange_order_id;
  KopirDecimal    executed_qty;
  KopirDecimal    cumulative_quote;
  char           *reason;
  gint64          created_at_us;
  gint64          updated_at_us;
} KopirLedgerOrder;

/**
 * KopirLedgerFill:
 * @trade_id: the exchange's tradeId, unique per symbol
 * @price: the price
 * @quantity: the quantity
 * @commission: the fee
 * @commission_asset: the asset of the fee
 * @time_us: when it happened, Unix microseconds
 */
typedef struct
{
  gint64       trade_id;
  KopirDecimal price;
  KopirDecimal quantity;
  KopirDecimal commission;
  char         commission_asset[16];
  gint64       time_us;
} KopirLedgerFill;

/**
 * KopirLedgerTransfer:
 * @id: the ledger's row id (0 before it is written)
 * @kind: deposit or withdrawal
 * @external_id: the exchange's id of the transfer
 * @asset: e.g. "KZT"
 * @amount: the amount
 * @state: where it is
 * @reference: (nullable): e.g. the masked IBAN or the payment reference
 * @created_at_us: when it was made; when 0 on recording, the time it is
 *   first recorded
 * @updated_at_us: when it last changed
 * @link_id: (nullable): the exchange's id of the linked bank account
 */
typedef struct
{
  gint64             id;
  KopirTransferKind  kind;
  char              *external_id;
  char              *asset;
  KopirDecimal       amount;
  KopirTransferState state;
  char              *reference;
  gint64             created_at_us;
  gint64             updated_at_us;
  char              *link_id;
} KopirLedgerTransfer;

/**
 * KopirLedgerSort:
 * @KOPIR_LEDGER_SORT_TIME: by time
 * @KOPIR_LEDGER_SORT_KIND: by kind (orders, deposits, withdrawals), then
 *   by time
 * @KOPIR_LEDGER_SORT_ASSET: by asset code, then by time
 *
 * How a page of history is ordered; each has an index.
 */
typedef enum
{
  KOPIR_LEDGER_SORT_TIME,
  KOPIR_LEDGER_SORT_KIND,
  KOPIR_LEDGER_SORT_ASSET,
} KopirLedgerSort;

/**
 * KopirLedgerQuery:
 * @kinds: the kinds to list, 0 for all
 * @asset: (nullable): only entries of this asset (an order's base asset)
 * @from_us: only entries at or after this time, 0 for no bound
 * @to_us: only entries before this time, 0 for no bound
 * @text: (nullable): only entries whose ids, symbol or reference contain
 *   this text, ignoring ASCII case
 * @limit: rows per page, 1 to 500 (0 means 50)
 * @offset: rows to skip, for numbered pages
 * @has_cursor: list only entries after the cursor (the last entry of the
 *   previous page), which stays fast however deep the page
 * @cursor_time_us: the previous page's last @time_us
 * @cursor_id: the previous page's last @id
 * @sort: the order; the cursor applies to the default order only
 *   (%KOPIR_LEDGER_SORT_TIME, newest first)
 * @ascending: oldest (or A, or orders) first instead of the reverse
 *
 * A page of history, newest first by default.  Zero-initialise, then set
 * filters.
 */
typedef struct
{
  KopirLedgerKind  kinds;
  const char      *asset;
  gint64           from_us;
  gint64           to_us;
  const char      *text;
  guint            limit;
  guint            offset;
  gboolean         has_cursor;
  gint64           cursor_time_us;
  gint64           cursor_id;
  KopirLedgerSort  sort;
  gboolean         ascending;
} KopirLedgerQuery;

/**
 * KopirLedgerOrderEvent:
 * @state: the state the order reached
 * @time_us: when, Unix microseconds
 * @detail: (nullable): what was recorded with it, e.g. a rejection's reason
 *
 * One step of an order's state history.
 */
typedef struct
{
  KopirOrderState  state;
  gint64           time_us;
  char            *detail;
} KopirLedgerOrderEvent;

/**
 * KopirLedgerEntry:
 * @id: the entry's id, for the cursor
 * @kind: one of #KopirLedgerKind
 * @time_us: when it was created, Unix microseconds
 * @asset: the asset it concerns
 * @order: (nullable): the order, for %KOPIR_LEDGER_KIND_ORDER
 * @transfer: (nullable): the transfer, for deposits and withdrawals
 */
typedef struct
{
  gint64               id;
  KopirLedgerKind      kind;
  gint64               time_us;
  char                *asset;
  KopirLedgerOrder    *order;
  KopirLedgerTransfer *transfer;
} KopirLedgerEntry;

/**
 * KopirLedgerError:
 * @KOPIR_LEDGER_ERROR_FAILED: the database failed (disk full, I/O error)
 * @KOPIR_LEDGER_ERROR_CORRUPT: the file is damaged or not a ledger
 * @KOPIR_LEDGER_ERROR_NEWER_SCHEMA: written by a newer Kopir
 * @KOPIR_LEDGER_ERROR_DUPLICATE: the client order id is already used
 * @KOPIR_LEDGER_ERROR_NOT_FOUND: no such order
 * @KOPIR_LEDGER_ERROR_INVALID_TRANSITION: the order cannot move to that
 *   state (e.g. out of a final state)
 * @KOPIR_LEDGER_ERROR_INVALID: incomplete or inconsistent data
 */
typedef enum
{
  KOPIR_LEDGER_ERROR_FAILED,
  KOPIR_LEDGER_ERROR_CORRUPT,
  KOPIR_LEDGER_ERROR_NEWER_SCHEMA,
  KOPIR_LEDGER_ERROR_DUPLICATE,
  KOPIR_LEDGER_ERROR_NOT_FOUND,
  KOPIR_LEDGER_ERROR_INVALID_TRANSITION,
  KOPIR_LEDGER_ERROR_INVALID,
} KopirLedgerError;

#define KOPIR_LEDGER_ERROR (kopir_ledger_error_quark ())

#define KOPIR_LEDGER_SCHEMA_VERSION 2

#define KOPIR_TYPE_LEDGER (kopir_ledger_get_type ())

G_DECLARE_FINAL_TYPE (KopirLedger, kopir_ledger, KOPIR, LEDGER, GObject)

GQuark               kopir_ledger_error_quark            (void);

const char          *kopir_order_state_to_string         (KopirOrderState      state);
gboolean             kopir_order_state_from_string       (const char          *str,
                                                          KopirOrderState     *state);
const char          *kopir_order_state_get_label         (KopirOrderState      state);
gboolean             kopir_order_state_is_final          (KopirOrderState      state);
gboolean             kopir_order_state_is_unresolved     (KopirOrderState      state);
gboolean             kopir_order_state_can_change        (KopirOrderState      from,
                                                          KopirOrderState      to);

char                *kopir_ledger_new_client_order_id    (void);

KopirLedgerOrder    *kopir_ledger_order_new              (void);
KopirLedgerOrder    *kopir_ledger_order_copy             (const KopirLedgerOrder *order);
void                 kopir_ledger_order_free             (KopirLedgerOrder    *order);
KopirLedgerTransfer *kopir_ledger_transfer_new           (void);
void                 kopir_ledger_transfer_free          (KopirLedgerTransfer *transfer);
void                 kopir_ledger_entry_free             (KopirLedgerEntry    *entry);

KopirLedger         *kopir_ledger_open                   (const char          *path,
                                                          GError             **error);
KopirLedger         *kopir_ledger_open_existing          (const char          *path,
                                                          GError             **error);
const char          *kopir_ledger_get_path               (KopirLedger         *self);
int                  kopir_ledger_get_schema_version     (KopirLedger         *self);
gboolean             kopir_ledger_check_integrity        (KopirLedger         *self,
                                                          GError             **error);

gboolean             kopir_ledger_add_order_intent       (KopirLedger         *self,
                                                          KopirLedgerOrder    *order,
                                                          GError             **error);
gboolean             kopir_ledger_set_order_state        (KopirLedger         *self,
                                                          const char          *client_order_id,
                                                          KopirOrderState      state,
                                                          gint64               exchange_order_id,
                                                          const KopirDecimal  *executed_qty,
                                                          const KopirDecimal  *cumulative_quote,
                                                          const char          *reason,
                                                          GError             **error);
gboolean             kopir_ledger_add_fill               (KopirLedger         *self,
                                                          const char          *client_order_id,
                                                          const KopirLedgerFill *fill,
                                                          gboolean            *added,
                                                          GError             **error);
KopirLedgerOrder    *kopir_ledger_lookup_order           (KopirLedger         *self,
                                                          const char          *client_order_id,
                                                          GError             **error);
GPtrArray           *kopir_ledger_list_unresolved_orders (KopirLedger         *self,
                                                          GError             **error);
GPtrArray           *kopir_ledger_list_open_orders       (KopirLedger         *self,
                                                          GError             **error);
GArray              *kopir_ledger_list_fills             (KopirLedger         *self,
                                                          const char          *client_order_id,
                                                          GError             **error);
GArray              *kopir_ledger_list_order_states      (KopirLedger         *self,
                                                          const char          *client_order_id,
                                                          GError             **error);
gboolean             kopir_ledger_record_transfer        (KopirLedger         *self,
                                                          KopirLedgerTransfer *transfer,
                                                          gboolean            *changed,
                                                          GError             **error);
GPtrArray           *kopir_ledger_list_pending_transfers (KopirLedger         *self,
                                                          KopirTransferKind    kind,
                                                          GError             **error);
GPtrArray           *kopir_ledger_query_history          (KopirLedger         *self,
                                                          const KopirLedgerQuery *query,
                                                          GError             **error);
gboolean             kopir_ledger_count_history          (KopirLedger         *self,
                                                          const KopirLedgerQuery *query,
                                                          guint               *count,
                                                          GError             **error);
void                 kopir_ledger_order_event_clear      (KopirLedgerOrderEvent *event);
GArray              *kopir_ledger_list_order_events      (KopirLedger         *self,
                                                          const char          *client_order_id,
                                                          GError             **error);
gboolean             kopir_ledger_sum_bought             (KopirLedger         *self,
                                                          const char          *base_asset,
                                                          const char          *quote_asset,
                                                          KopirDecimal        *bought,
                                                          KopirDecimal        *paid,
                                                          GError             **error);
gboolean             kopir_ledger_sum_purchases          (KopirLedger         *self,
                                                          const char          *quote_asset,
                                                          gint64               from_us,
                                                          gint64               to_us,
                                                          KopirDecimal        *total,
                                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirLedgerOrder, kopir_ledger_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirLedgerTransfer, kopir_ledger_transfer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirLedgerEntry, kopir_ledger_entry_free)

G_END_DECLS
