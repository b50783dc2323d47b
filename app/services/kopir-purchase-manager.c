/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-purchase-manager.c: purchases that survive faults and crashes
 *
 * The rules, in order:
 *
 * 1. Every order gets a fresh client order id and an intent row in the
 *    ledger, committed to disk, before the request leaves. A crash after
 *    that leaves the intent for the next start.
 * 2. An order request is sent exactly once. A timeout, a dropped
 *    connection, a 5xx or an unreadable answer leaves the outcome unknown;
 *    it is resolved by asking the exchange about the client order id,
 *    with backoff, never by sending again.
 * 3. At start-up every unresolved intent is resolved the same way.
 *
 * When may "no such order" (-2013) be believed? An order request carries
 * its timestamp T, and the exchange refuses it once its clock passes
 * T + recvWindow. Kopir signs an order request only right after writing
 * its intent at time C (local clock), and at the latest after one clock
 * resynchronisation; so T is at most C plus two request timeouts, in
 * server time. Until C + recvWindow + a settle time covering that, clock
 * estimation error and the exchange's own processing delay, a request
 * still in flight (held in a proxy, queued at the exchange) could yet be
 * accepted and executed: declaring the order failed then would invite the
 * customer to buy again. So before that moment a -2013 only means "not
 * yet", and the question is asked again when the moment has passed. After
 * it, the order can no longer exist, and it is marked as not placed.
 *
 * The ledger is synchronous SQLite; its work runs in GTask worker threads,
 * one at a time under a mutex, and results come back to the main thread.
 */

#define G_LOG_DOMAIN "kopir-purchase-manager"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-backoff.h"
#include "kopir-purchase-manager.h"

/* See above: two request timeouts, clock error and the exchange's
 * processing delay. Generous, since waiting only delays the answer. */
#define DEFAULT_SETTLE_MS 90000
#define QUERY_BACKOFF_BASE_MS 500
#define QUERY_BACKOFF_CAP_MS 30000
/* How often open (limit) orders are asked about. */
#define DEFAULT_FOLLOW_MS 3000

struct _KopirPurchaseManager
{
  GObject              parent_instance;

  KopirExchangeClient *client;
  KopirLedger         *ledger;
  GMutex               ledger_mutex;
  GListStore          *purchases;
  GHashTable          *busy;
  GCancellable        *cancellable;
  guint                settle_ms;
  guint                n_in_flight;
  guint                n_checking;
  guint                follow_ms;
  guint                follow_id;
};

G_DEFINE_FINAL_TYPE (KopirPurchaseManager, kopir_purchase_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PURCHASES,
  PROP_N_CHECKING,
  PROP_N_IN_FLIGHT,
  N_PROPS
};

enum {
  INTENT_RECORDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void resolve_async      (KopirPurchaseManager *self,
                                KopirPurchase        *purchase,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
static void follow_open_orders (KopirPurchaseManager *self);

/* The ledger, in a worker thread */

typedef gpointer (*LedgerFunc) (KopirLedger  *ledger,
                                gpointer      data,
                                GError      **error);

typedef struct
{
  LedgerFunc     func;
  gpointer       data;
  GDestroyNotify free_data;
  GDestroyNotify free_result;
} LedgerJob;

static void
ledger_job_free (LedgerJob *job)
{
  if (job->free_data != NULL)
    job->free_data (job->data);
  g_free (job);
}

static void
ledger_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KopirPurchaseManager *self = source_object;
  LedgerJob *job = task_data;
  GError *error = NULL;
  gpointer result;

  g_mutex_lock (&self->ledger_mutex);
  result = job->func (self->ledger, job->data, &error);
  g_mutex_unlock (&self->ledger_mutex);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->free_result);
}

/* Ledger jobs take no cancellable: once started, a write completes and
 * its result is recorded in memory too. */
static void
run_ledger (KopirPurchaseManager *self,
            LedgerFunc            func,
            gpointer              data,
            GDestroyNotify        free_data,
            GDestroyNotify        free_result,
            GAsyncReadyCallback   callback,
            gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  LedgerJob *job = g_new0 (LedgerJob, 1);

  job->func = func;
  job->data = data;
  job->free_data = free_data;
  job->free_result = free_result;
  g_task_set_source_tag (task, run_ledger);
  g_task_set_task_data (task, job, (GDestroyNotify) ledger_job_free);
  g_task_run_in_thread (task, ledger_thread);
}

static gpointer
finish_ledger (KopirPurchaseManager  *self,
               GAsyncResult          *result,
               GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
job_add_intent (KopirLedger  *ledger,
                gpointer      data,
                GError      **error)
{
  KopirLedgerOrder *order = data;

  if (!kopir_ledger_add_order_intent (ledger, order, error))
    return NULL;

  return kopir_ledger_lookup_order (ledger, order->client_order_id, error);
}

static gpointer
job_list_unresolved (KopirLedger  *ledger,
                     gpointer      data,
                     GError      **error)
{
  return kopir_ledger_list_unresolved_orders (ledger, error);
}

static gpointer
job_list_open (KopirLedger  *ledger,
               gpointer      data,
               GError      **error)
{
  return kopir_ledger_list_open_orders (ledger, error);
}

typedef struct
{
  char            *client_order_id;
  KopirOrderState  state;
  gint64           exchange_order_id;
  KopirDecimal     executed_qty;
  KopirDecimal     cumulative_quote;
  char            *reason;
  GArray          *fills;
} Record;

static void
record_free (Record *record)
{
  g_free (record->client_order_id);
  g_free (record->reason);
  g_clear_pointer (&record->fills, g_array_unref);
  g_free (record);
}

static gpointer
job_record (KopirLedger  *ledger,
            gpointer      data,
            GError      **error)
{
  Record *record = data;
  g_autoptr(KopirLedgerOrder) current = NULL;

  current = kopir_ledger_lookup_order (ledger, record->client_order_id, error);
  if (current == NULL)
    return NULL;

  /* Fills first, then the state: a crash between the two leaves the order
   * unresolved, so the next start asks again and completes it (fills are
   * recorded once per trade id). The other way round, a crash would leave
   * a filled order with its fills missing, and nothing would ask again. */
  for (guint i = 0; record->fills != NULL && i < record->fills->len; i++)
    {
      gboolean added;

      if (!kopir_ledger_add_fill (ledger, record->client_order_id,
                                  &g_array_index (record->fills, KopirLedgerFill, i),
                                  &added, error))
        return NULL;
    }

  /* A state already final stays as it is; an answer that arrives twice
   * (the placing answer and a query) records once. */
  if (kopir_order_state_can_change (current->state, record->state) &&
      !kopir_ledger_set_order_state (ledger, record->client_order_id, record->state,
                                     record->exchange_order_id, &record->executed_qty,
                                     &record->cumulative_quote, record->reason, error))
    return NULL;

  return kopir_ledger_lookup_order (ledger, record->client_order_id, error);
}

/* Exchange answers into ledger records */

static KopirOrderState
state_from_order (KopirOrder *order)
{
  KopirDecimal executed = kopir_order_get_executed_qty (order);

  switch (kopir_order_get_status (order))
    {
    case KOPIR_ORDER_STATUS_NEW:
      return KOPIR_ORDER_STATE_NEW;
    case KOPIR_ORDER_STATUS_PARTIALLY_FILLED:
      return KOPIR_ORDER_STATE_PARTIALLY_FILLED;
    case KOPIR_ORDER_STATUS_FILLED:
      return KOPIR_ORDER_STATE_FILLED;
    case KOPIR_ORDER_STATUS_CANCELED:
      return KOPIR_ORDER_STATE_CANCELED;
    case KOPIR_ORDER_STATUS_PENDING_CANCEL:
      return kopir_decimal_is_positive (&executed)
             ? KOPIR_ORDER_STATE_PARTIALLY_FILLED : KOPIR_ORDER_STATE_NEW;
    case KOPIR_ORDER_STATUS_REJECTED:
      return KOPIR_ORDER_STATE_REJECTED;
    case KOPIR_ORDER_STATUS_EXPIRED:
      return KOPIR_ORDER_STATE_EXPIRED;
    case KOPIR_ORDER_STATUS_UNKNOWN:
    default:
      return KOPIR_ORDER_STATE_UNKNOWN;
    }
}

static Record *
record_new (const char      *client_order_id,
            KopirOrderState  state,
            const char      *reason)
{
  Record *record = g_new0 (Record, 1);

  record->client_order_id = g_strdup (client_order_id);
  record->state = state;
  record->reason = g_strdup (reason);
  record->fills = g_array_new (FALSE, TRUE, sizeof (KopirLedgerFill));

  return record;
}

static Record *
record_from_order (KopirOrder *order,
                   GPtrArray  *trades)
{
  Record *record = record_new (kopir_order_get_client_order_id (order),
                               state_from_order (order), NULL);
  gint64 time_us = kopir_order_get_update_time (order) * 1000;

  record->exchange_order_id = kopir_order_get_order_id (order);
  record->executed_qty = kopir_order_get_executed_qty (order);
  record->cumulative_quote = kopir_order_get_cummulative_quote_qty (order);

  for (guint i = 0; i < kopir_order_get_n_fills (order); i++)
    {
      const KopirFill *fill = kopir_order_get_fill (order, i);
      KopirLedgerFill ledger_fill = { 0, };

      ledger_fill.trade_id = fill->trade_id;
      ledger_fill.price = fill->price;
      ledger_fill.quantity = fill->qty;
      ledger_fill.commission = fill->commission;
      g_strlcpy (ledger_fill.commission_asset, fill->commission_asset,
                 sizeof ledger_fill.commission_asset);
      ledger_fill.time_us = time_us;
      g_array_append_val (record->fills, ledger_fill);
    }

  for (guint i = 0; trades != NULL && i < trades->len; i++)
    {
      KopirTrade *trade = g_ptr_array_index (trades, i);
      KopirLedgerFill ledger_fill = { 0, };

      if (kopir_trade_get_order_id (trade) != record->exchange_order_id)
        continue;

      ledger_fill.trade_id = kopir_trade_get_id (trade);
      ledger_fill.price = kopir_trade_get_price (trade);
      ledger_fill.quantity = kopir_trade_get_qty (trade);
      ledger_fill.commission = kopir_trade_get_commission (trade);
      g_strlcpy (ledger_fill.commission_asset, kopir_trade_get_commission_asset (trade),
                 sizeof ledger_fill.commission_asset);
      ledger_fill.time_us = kopir_trade_get_time (trade) * 1000;
      g_array_append_val (record->fills, ledger_fill);
    }

  return record;
}

static char *
describe_exchange_error (const GError *error)
{
  if (error->domain == KOPIR_EXCHANGE_ERROR && kopir_exchange_error_get_exchange_code (error) != 0)
    return g_strdup_printf ("%d %s", kopir_exchange_error_get_exchange_code (error),
                            kopir_exchange_error_get_exchange_message (error) ?: "");

  return g_strdup (error->message);
}

/* Purchases in memory */

static void
update_counts (KopirPurchaseManager *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->purchases));
  guint checking = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (G_LIST_MODEL (self->purchases), i);

      if (kopir_purchase_get_state (purchase) == KOPIR_PURCHASE_STATE_CHECKING)
        checking++;
    }

  if (checking != self->n_checking)
    {
      self->n_checking = checking;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKING]);
    }
}

static void
set_in_flight (KopirPurchaseManager *self,
               int                   delta)
{
  self->n_in_flight += delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_IN_FLIGHT]);
}

static KopirPurchase *
find_purchase (KopirPurchaseManager *self,
               const char           *client_order_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->purchases));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (G_LIST_MODEL (self->purchases), i);

      if (g_strcmp0 (kopir_purchase_get_client_order_id (purchase), client_order_id) == 0)
        return purchase;
    }

  return NULL;
}

static void
update_purchase (KopirPurchaseManager   *self,
                 KopirPurchase          *purchase,
                 const KopirLedgerOrder *order,
                 gboolean                checking,
                 const char             *message)
{
  kopir_purchase_update (purchase, order, checking, message);
  update_counts (self);

  if (kopir_purchase_get_state (purchase) == KOPIR_PURCHASE_STATE_OPEN)
    follow_open_orders (self);
}

/* Resolving an unknown outcome */

typedef struct
{
  KopirPurchase *purchase;
  KopirOrder    *order;
  guint          attempt;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_clear_object (&data->purchase);
  g_clear_object (&data->order);
  g_free (data);
}

static void resolve_query (GTask *task);

static void
resolve_wait_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!kopir_backoff_wait_finish (result, &error))
    g_task_return_error (task, error);
  else
    resolve_query (g_steal_pointer (&task));
}

static void
resolve_later (GTask *task,
               guint  delay_ms)
{
  KopirPurchaseManager *self = g_task_get_source_object (task);

  kopir_backoff_wait_async (delay_ms, self->cancellable, resolve_wait_cb, task);
}

static void
resolve_recorded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  g_autoptr(KopirLedgerOrder) order = NULL;
  GError *error = NULL;

  order = finish_ledger (self, result, &error);
  if (order == NULL)
    {
      /* The disk refused: keep the intent unresolved for the next start. */
      g_warning ("Cannot record order %s: %s",
                 kopir_purchase_get_client_order_id (data->purchase), error->message);
      g_task_return_error (task, error);
      return;
    }

  update_purchase (self, data->purchase, order, FALSE,
                   order->state == KOPIR_ORDER_STATE_REJECTED
                   ? _("The order did not reach the exchange. Nothing was bought.")
                   : NULL);
  g_task_return_boolean (task, TRUE);
}

static void
resolve_trades_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirPurchaseManager *self = g_task_get_source_object (task);
  ResolveData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) trades = NULL;
  g_autoptr(GError) error = NULL;

  trades = kopir_exchange_client_get_order_trades_finish (KOPIR_EXCHANGE_CLIENT (object),
                                                          result, &error);
  if (trades == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* The order is known; only its fills are missing. Ask again. */
      resolve_later (g_steal_pointer (&task),
                     kopir_backoff_delay_ms (data->attempt++, QUERY_BACKOFF_BASE_MS,
                                             QUERY_BACKOFF_CAP_MS, g_random_int ()));
      return;
    }

  run_ledger (self, job_record, record_from_order (data->order, trades),
              (GDestroyNotify) record_free, (GDestroyNotify) kopir_ledger_order_free,
              resolve_recorded_cb, g_steal_pointer (&task));
}

static void
resolve_query_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirPurchaseManager *self = g_task_get_source_object (task);
  ResolveData *data = g_task_get_task_data (task);
  const KopirLedgerOrder *intent = kopir_purchase_get_order (data->purchase);
  g_autoptr(KopirOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = kopir_exchange_client_query_order_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);

  if (order != NULL)
    {
      KopirDecimal executed = kopir_order_get_executed_qty (order);

      g_debug ("Order %s found: %s", intent->client_order_id, kopir_order_get_status_string (order));
      data->order = g_steal_pointer (&order);

      /* The query answer has no fills; the trades list has them. */
      if (kopir_decimal_is_positive (&executed))
        {
          kopir_exchange_client_get_order_trades_async (self->client, intent->symbol,
                                                        kopir_order_get_order_id (data->order),
                                                        self->cancellable, resolve_trades_cb,
                                                        g_steal_pointer (&task));
          return;
        }

      run_ledger (self, job_record, record_from_order (data->order, NULL),
                  (GDestroyNotify) record_free, (GDestroyNotify) kopir_ledger_order_free,
                  resolve_recorded_cb, g_steal_pointer (&task));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_error_matches (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER))
    {
      gint64 now_ms = g_get_real_time () / 1000;
      gint64 settled_ms = intent->created_at_us / 1000 +
                          kopir_transport_get_recv_window (kopir_exchange_client_get_transport (self->client)) +
                          self->settle_ms;

      if (now_ms >= settled_ms)
        {
          g_debug ("Order %s never reached the exchange", intent->client_order_id);
          run_ledger (self, job_record,
                      record_new (intent->client_order_id, KOPIR_ORDER_STATE_REJECTED,
                                  "not placed: unknown to the exchange after its receive window"),
                      (GDestroyNotify) record_free, (GDestroyNotify) kopir_ledger_order_free,
                      resolve_recorded_cb, g_steal_pointer (&task));
          return;
        }

      /* It could still arrive: ask again once it no longer could. */
      g_debug ("Order %s not known yet; asking again in %" G_GINT64_FORMAT " ms",
               intent->client_order_id, settled_ms - now_ms);
      resolve_later (g_steal_pointer (&task),
                     (guint) MIN (settled_ms - now_ms + 1, QUERY_BACKOFF_CAP_MS));
      return;
    }

  /* The exchange cannot be asked right now; keep asking. */
  g_debug ("Checking order %s: %s", intent->client_order_id, error->message);
  resolve_later (g_steal_pointer (&task),
                 kopir_backoff_delay_ms (data->attempt++, QUERY_BACKOFF_BASE_MS,
                                         QUERY_BACKOFF_CAP_MS, g_random_int ()));
}

static void
resolve_query (GTask *task)
{
  KopirPurchaseManager *self = g_task_get_source_object (task);
  ResolveData *data = g_task_get_task_data (task);
  const KopirLedgerOrder *intent = kopir_purchase_get_order (data->purchase);

  kopir_exchange_client_query_order_async (self->client, intent->symbol, intent->client_order_id,
                                           self->cancellable, resolve_query_cb, task);
}

static void
resolve_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  ResolveData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  g_hash_table_remove (self->busy, kopir_purchase_get_client_order_id (data->purchase));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Resolves @purchase by asking the exchange until it answers. */
static void
resolve_async (KopirPurchaseManager *self,
               KopirPurchase        *purchase,
               GAsyncReadyCallback   callback,
               gpointer              user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GTask) task = g_task_new (self, NULL, resolve_done_cb, g_steal_pointer (&outer));
  ResolveData *data = g_new0 (ResolveData, 1);

  data->purchase = g_object_ref (purchase);
  g_task_set_source_tag (task, resolve_async);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);

  g_hash_table_add (self->busy, g_strdup (kopir_purchase_get_client_order_id (purchase)));
  resolve_query (g_steal_pointer (&task));
}

static void
resolve_in_background_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Resolving an order: %s", error->message);
}

/* Buying */

typedef struct
{
  char           *symbol;
  KopirOrderType  type;
  gboolean        has_spend;
  KopirDecimal    spend;
  KopirDecimal    quantity;
  KopirDecimal    price;
  KopirPurchase  *purchase;
  GError         *error;
} BuyData;

static void
buy_data_free (BuyData *data)
{
  g_free (data->symbol);
  g_clear_object (&data->purchase);
  g_clear_error (&data->error);
  g_free (data);
}

static void
buy_recorded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  BuyData *data = g_task_get_task_data (task);
  g_autoptr(KopirLedgerOrder) order = NULL;
  GError *error = NULL;

  order = finish_ledger (self, result, &error);
  g_hash_table_remove (self->busy, kopir_purchase_get_client_order_id (data->purchase));
  if (order == NULL)
    {
      g_warning ("Cannot record order %s: %s",
                 kopir_purchase_get_client_order_id (data->purchase), error->message);
      g_clear_error (&error);
      /* The answer is not on disk; resolve again, which will record it. */
      update_purchase (self, data->purchase, kopir_purchase_get_order (data->purchase), TRUE, NULL);
      resolve_async (self, data->purchase, resolve_in_background_cb, NULL);
      g_task_return_pointer (task, g_object_ref (data->purchase), g_object_unref);
      return;
    }

  if (data->error != NULL)
    {
      update_purchase (self, data->purchase, order, FALSE, data->error->message);
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  update_purchase (self, data->purchase, order,
                   order->state == KOPIR_ORDER_STATE_UNKNOWN, NULL);

  if (order->state == KOPIR_ORDER_STATE_UNKNOWN)
    resolve_async (self, data->purchase, resolve_in_background_cb, NULL);

  g_task_return_pointer (task, g_object_ref (data->purchase), g_object_unref);
}

static void
buy_placed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirPurchaseManager *self = g_task_get_source_object (task);
  BuyData *data = g_task_get_task_data (task);
  const char *client_order_id = kopir_purchase_get_client_order_id (data->purchase);
  g_autoptr(KopirOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  order = kopir_exchange_client_place_order_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  set_in_flight (self, -1);

  if (order != NULL)
    {
      g_debug ("Order %s answered: %s", client_order_id, kopir_order_get_status_string (order));
      run_ledger (self, job_record, record_from_order (order, NULL),
                  (GDestroyNotify) record_free, (GDestroyNotify) kopir_ledger_order_free,
                  buy_recorded_cb, g_steal_pointer (&task));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Shutting down with the order in flight: the intent stays
       * unresolved on disk and the next start resolves it. */
      g_hash_table_remove (self->busy, client_order_id);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (kopir_exchange_error_is_unknown_outcome (error))
    {
      g_debug ("Order %s: outcome unknown (%s)", client_order_id,
               kopir_exchange_error_get_exchange_message (error) ?: error->message);
      run_ledger (self, job_record,
                  record_new (client_order_id, KOPIR_ORDER_STATE_UNKNOWN, NULL),
                  (GDestroyNotify) record_free, (GDestroyNotify) kopir_ledger_order_free,
                  buy_recorded_cb, g_steal_pointer (&task));
      return;
    }

  /* Refused by Kopir's checks or by the exchange, or never sent. */
  g_debug ("Order %s refused: %s", client_order_id, error->message);
  reason = describe_exchange_error (error);
  data->error = g_steal_pointer (&error);
  run_ledger (self, job_record,
              record_new (client_order_id, KOPIR_ORDER_STATE_REJECTED, reason),
              (GDestroyNotify) record_free, (GDestroyNotify) kopir_ledger_order_free,
              buy_recorded_cb, g_steal_pointer (&task));
}

static void
buy_intent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  BuyData *data = g_task_get_task_data (task);
  g_autoptr(KopirLedgerOrder) order = NULL;
  KopirOrderRequest request = { NULL, };
  GError *error = NULL;

  order = finish_ledger (self, result, &error);
  if (order == NULL)
    {
      /* Without the intent on disk, nothing is sent. */
      g_debug ("Recording an intent: %s", error->message);
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Kopir could not write down the order before sending it, so "
                                 "it did not send it. Check that the disk is not full, then "
                                 "try again."));
      return;
    }

  data->purchase = kopir_purchase_new (order);
  g_list_store_insert (self->purchases, 0, data->purchase);
  g_hash_table_add (self->busy, g_strdup (order->client_order_id));
  g_signal_emit (self, signals[INTENT_RECORDED], 0, data->purchase);

  request.symbol = order->symbol;
  request.side = "BUY";
  request.type = order->type == KOPIR_ORDER_TYPE_LIMIT ? "LIMIT" : "MARKET";
  if (order->has_quote_amount)
    request.quote_order_qty = order->quote_amount;
  if (order->has_quantity)
    request.quantity = order->quantity;
  if (order->has_price)
    request.price = order->price;
  /* A limit order waits at its price until filled or cancelled. */
  request.time_in_force = order->type == KOPIR_ORDER_TYPE_LIMIT ? "GTC" : NULL;
  request.client_order_id = order->client_order_id;

  set_in_flight (self, +1);
  /* The manager's cancellable, not the caller's: an order in flight is
   * not abandoned because a page closed. */
  kopir_exchange_client_place_order_async (self->client, &request, self->cancellable,
                                           buy_placed_cb, g_steal_pointer (&task));
}

/* What the market's filters allow, checked as the exchange would: the
 * amount to spend for a market order by tenge, the quantity for one by
 * quantity, price, quantity and value for a limit order. */
static gboolean
check_filters (BuyData                   *data,
               const KopirSymbolFilters  *filters,
               GError                   **error)
{
  if (data->type == KOPIR_ORDER_TYPE_LIMIT)
    return kopir_symbol_filters_check_order (filters, &data->price, &data->quantity, FALSE, error);

  if (data->has_spend)
    return kopir_symbol_filters_check_notional (filters, &data->spend, TRUE, error);

  return kopir_symbol_filters_check_quantity (filters, &data->quantity, TRUE, error);
}

static void
buy_with_filters (GTask *task)
{
  KopirPurchaseManager *self = g_task_get_source_object (task);
  BuyData *data = g_task_get_task_data (task);
  const KopirSymbolFilters *filters;
  KopirLedgerOrder *order;
  GError *error = NULL;

  filters = kopir_exchange_client_lookup_filters (self->client, data->symbol);
  if (filters == NULL)
    {
      g_task_return_error (task, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_UNKNOWN_SYMBOL,
                                                           -1121, data->symbol, 0, 0, NULL));
      g_object_unref (task);
      return;
    }

  /* Refuse what the exchange would refuse before writing anything. */
  if (!check_filters (data, filters, &error))
    {
      g_task_return_error (task, kopir_exchange_error_new_from_filter (error));
      g_object_unref (task);
      return;
    }

  order = kopir_ledger_order_new ();
  order->client_order_id = kopir_ledger_new_client_order_id ();
  order->symbol = g_strdup (data->symbol);
  order->base_asset = g_strdup (filters->base_asset);
  order->quote_asset = g_strdup (filters->quote_asset);
  order->side = KOPIR_ORDER_SIDE_BUY;
  order->type = data->type;
  order->has_quote_amount = data->has_spend;
  order->quote_amount = data->has_spend ? data->spend : KOPIR_DECIMAL_INIT (0, 0);
  order->has_quantity = !data->has_spend;
  order->quantity = data->has_spend ? KOPIR_DECIMAL_INIT (0, 0) : data->quantity;
  order->has_price = data->type == KOPIR_ORDER_TYPE_LIMIT;
  order->price = data->type == KOPIR_ORDER_TYPE_LIMIT ? data->price : KOPIR_DECIMAL_INIT (0, 0);
  order->state = KOPIR_ORDER_STATE_INTENT;

  run_ledger (self, job_add_intent, order, (GDestroyNotify) kopir_ledger_order_free,
              (GDestroyNotify) kopir_ledger_order_free, buy_intent_cb, task);
}

static void
buy_info_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) info = NULL;
  GError *error = NULL;

  info = kopir_exchange_client_get_exchange_info_finish (KOPIR_EXCHANGE_CLIENT (object),
                                                         result, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  buy_with_filters (g_steal_pointer (&task));
}

/* GObject */

static void
kopir_purchase_manager_dispose (GObject *object)
{
  KopirPurchaseManager *self = (KopirPurchaseManager *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->follow_id, g_source_remove);

  G_OBJECT_CLASS (kopir_purchase_manager_parent_class)->dispose (object);
}

static void
kopir_purchase_manager_finalize (GObject *object)
{
  KopirPurchaseManager *self = (KopirPurchaseManager *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->ledger);
  g_clear_object (&self->purchases);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->busy, g_hash_table_unref);
  g_mutex_clear (&self->ledger_mutex);

  G_OBJECT_CLASS (kopir_purchase_manager_parent_class)->finalize (object);
}

static void
kopir_purchase_manager_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_PURCHASES:
      g_value_set_object (value, self->purchases);
      break;
    case PROP_N_CHECKING:
      g_value_set_uint (value, self->n_checking);
      break;
    case PROP_N_IN_FLIGHT:
      g_value_set_uint (value, self->n_in_flight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_purchase_manager_class_init (KopirPurchaseManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_purchase_manager_dispose;
  object_class->finalize = kopir_purchase_manager_finalize;
  object_class->get_property = kopir_purchase_manager_get_property;

  properties[PROP_PURCHASES] =
    g_param_spec_object ("purchases", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* How many purchases wait for the exchange to say what became of them. */
  properties[PROP_N_CHECKING] =
    g_param_spec_uint ("n-checking", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* How many order requests are on their way. */
  properties[PROP_N_IN_FLIGHT] =
    g_param_spec_uint ("n-in-flight", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirPurchaseManager::intent-recorded:
   * @self: the manager
   * @purchase: the purchase whose intent is now on disk
   *
   * Emitted after an order's intent was committed and before its request
   * is sent.
   */
  signals[INTENT_RECORDED] =
    g_signal_new ("intent-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KOPIR_TYPE_PURCHASE);
}

static void
kopir_purchase_manager_init (KopirPurchaseManager *self)
{
  g_mutex_init (&self->ledger_mutex);
  self->purchases = g_list_store_new (KOPIR_TYPE_PURCHASE);
  self->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->settle_ms = DEFAULT_SETTLE_MS;
  self->follow_ms = DEFAULT_FOLLOW_MS;
}

/**
 * kopir_purchase_manager_new:
 * @client: the exchange client
 * @ledger: the open ledger; only this manager's worker threads use it
 *
 * Returns: (transfer full): a new #KopirPurchaseManager
 */
KopirPurchaseManager *
kopir_purchase_manager_new (KopirExchangeClient *client,
                            KopirLedger         *ledger)
{
  KopirPurchaseManager *self;

  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (client), NULL);
  g_return_val_if_fail (KOPIR_IS_LEDGER (ledger), NULL);

  self = g_object_new (KOPIR_TYPE_PURCHASE_MANAGER, NULL);
  self->client = g_object_ref (client);
  self->ledger = g_object_ref (ledger);

  return self;
}

/**
 * kopir_purchase_manager_get_purchases:
 * @self: a #KopirPurchaseManager
 *
 * Returns: (transfer none): a list model of #KopirPurchase, newest first:
 *   this session's purchases and those found unresolved at start-up
 */
GListModel *
kopir_purchase_manager_get_purchases (KopirPurchaseManager *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE_MANAGER (self), NULL);

  return G_LIST_MODEL (self->purchases);
}

guint
kopir_purchase_manager_get_n_checking (KopirPurchaseManager *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE_MANAGER (self), 0);

  return self->n_checking;
}

guint
kopir_purchase_manager_get_n_in_flight (KopirPurchaseManager *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE_MANAGER (self), 0);

  return self->n_in_flight;
}

/**
 * kopir_purchase_manager_set_settle_time:
 * @self: a #KopirPurchaseManager
 * @milliseconds: how long after an order's receive window a "no such
 *   order" is believed (see the top of this file); 90 seconds by default
 *
 * Only a test against a local exchange, where nothing is ever held in
 * flight, has reason to shorten it.
 */
void
kopir_purchase_manager_set_settle_time (KopirPurchaseManager *self,
                                        guint                 milliseconds)
{
  g_return_if_fail (KOPIR_IS_PURCHASE_MANAGER (self));

  self->settle_ms = milliseconds;
}

/**
 * kopir_purchase_manager_buy_async:
 * @self: a #KopirPurchaseManager
 * @symbol: the market, e.g. "BTCKZT"
 * @spend: how much of the quote asset (tenge) to spend
 * @cancellable: (nullable): cancels the preparation; once the intent is
 *   recorded the order goes out regardless
 * @callback: called when the exchange answered or the outcome is unknown
 * @user_data: data for @callback
 *
 * Buys at the market price for @spend: checks the market's minimum,
 * records the intent, sends the order once. A lost answer does not fail
 * the call: the purchase comes back in %KOPIR_PURCHASE_STATE_CHECKING and
 * changes state when the exchange has been asked.
 */
void
kopir_purchase_manager_buy_async (KopirPurchaseManager *self,
                                  const char           *symbol,
                                  const KopirDecimal   *spend,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  KopirPurchaseRequest request = { NULL, };

  g_return_if_fail (KOPIR_IS_PURCHASE_MANAGER (self));
  g_return_if_fail (symbol != NULL);
  g_return_if_fail (spend != NULL);

  request.symbol = symbol;
  request.type = KOPIR_ORDER_TYPE_MARKET;
  request.has_spend = TRUE;
  request.spend = *spend;

  kopir_purchase_manager_place_async (self, &request, cancellable, callback, user_data);
}

/**
 * kopir_purchase_manager_buy_finish:
 * @self: a #KopirPurchaseManager
 * @result: the result
 * @error: return location for a #GError: the order was refused (by Kopir's
 *   checks or the exchange) or could not be recorded; nothing was bought
 *
 * Returns: (transfer full): the purchase, possibly still being checked
 */
KopirPurchase *
kopir_purchase_manager_buy_finish (KopirPurchaseManager  *self,
                                   GAsyncResult          *result,
                                   GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE_MANAGER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kopir_purchase_manager_place_async:
 * @self: a #KopirPurchaseManager
 * @request: what to buy: at the market for an amount of tenge or a
 *   quantity, or at a limit price
 * @cancellable: (nullable): cancels the preparation; once the intent is
 *   recorded the order goes out regardless
 * @callback: called when the exchange answered or the outcome is unknown
 * @user_data: data for @callback
 *
 * Like kopir_purchase_manager_buy_async(), for any #KopirPurchaseRequest.
 * A limit order that is accepted comes back %KOPIR_PURCHASE_STATE_OPEN;
 * the manager then follows it until it is filled or cancelled.
 */
void
kopir_purchase_manager_place_async (KopirPurchaseManager       *self,
                                    const KopirPurchaseRequest *request,
                                    GCancellable               *cancellable,
                                    GAsyncReadyCallback         callback,
                                    gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean valid;
  BuyData *data;

  g_return_if_fail (KOPIR_IS_PURCHASE_MANAGER (self));
  g_return_if_fail (request != NULL && request->symbol != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_purchase_manager_place_async);
  /* The customer learns the outcome even if the page went away. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (BuyData, 1);
  data->symbol = g_strdup (request->symbol);
  data->type = request->type;
  data->has_spend = request->type == KOPIR_ORDER_TYPE_MARKET && request->has_spend;
  data->spend = request->spend;
  data->quantity = request->quantity;
  data->price = request->price;
  g_task_set_task_data (task, data, (GDestroyNotify) buy_data_free);

  if (data->has_spend)
    valid = kopir_decimal_is_positive (&data->spend);
  else
    valid = kopir_decimal_is_positive (&data->quantity) &&
            (data->type != KOPIR_ORDER_TYPE_LIMIT || kopir_decimal_is_positive (&data->price));
  if (!valid)
    {
      g_task_return_error (task, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_BELOW_MINIMUM,
                                                           0, NULL, 0, 0, NULL));
      return;
    }

  if (kopir_exchange_client_lookup_filters (self->client, data->symbol) == NULL)
    kopir_exchange_client_get_exchange_info_async (self->client, cancellable, buy_info_cb,
                                                   g_steal_pointer (&task));
  else
    buy_with_filters (g_steal_pointer (&task));
}

/**
 * kopir_purchase_manager_place_finish:
 * @self: a #KopirPurchaseManager
 * @result: the result
 * @error: return location for a #GError: the order was refused (by Kopir's
 *   checks or the exchange) or could not be recorded; nothing was bought
 *
 * Returns: (transfer full): the purchase, possibly still being checked
 */
KopirPurchase *
kopir_purchase_manager_place_finish (KopirPurchaseManager  *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE_MANAGER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Following open orders */

static gboolean
on_follow (gpointer user_data)
{
  KopirPurchaseManager *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->purchases));
  gboolean any_open = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (G_LIST_MODEL (self->purchases), i);

      if (kopir_purchase_get_state (purchase) != KOPIR_PURCHASE_STATE_OPEN)
        continue;

      any_open = TRUE;
      /* Asking the exchange what became of it is what resolving does; one
       * question per order at a time. */
      if (!g_hash_table_contains (self->busy, kopir_purchase_get_client_order_id (purchase)))
        resolve_async (self, purchase, resolve_in_background_cb, NULL);
    }

  if (!any_open)
    {
      self->follow_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Open orders wait at the exchange for their price: ask about them now and
 * then, only while there are any. */
static void
follow_open_orders (KopirPurchaseManager *self)
{
  if (self->follow_id != 0 || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->follow_id = g_timeout_add (self->follow_ms, on_follow, self);
}

/**
 * kopir_purchase_manager_set_follow_interval:
 * @self: a #KopirPurchaseManager
 * @milliseconds: how often open orders are asked about; 3 seconds by
 *   default
 */
void
kopir_purchase_manager_set_follow_interval (KopirPurchaseManager *self,
                                            guint                 milliseconds)
{
  g_return_if_fail (KOPIR_IS_PURCHASE_MANAGER (self));
  g_return_if_fail (milliseconds > 0);

  self->follow_ms = milliseconds;
  if (self->follow_id != 0)
    {
      g_clear_handle_id (&self->follow_id, g_source_remove);
      follow_open_orders (self);
    }
}

/* Loading open orders */

/* Puts an open order the ledger holds into the purchases model, unless it
 * is there already, and asks the exchange about it: it may have been
 * filled or cancelled since it was written down. */
static gboolean
follow_open_order (KopirPurchaseManager   *self,
                   const KopirLedgerOrder *order)
{
  g_autoptr(KopirPurchase) purchase = NULL;

  if (find_purchase (self, order->client_order_id) != NULL)
    return FALSE;

  purchase = kopir_purchase_new (order);
  g_list_store_append (self->purchases, purchase);
  update_purchase (self, purchase, order, FALSE, NULL);
  resolve_async (self, purchase, resolve_in_background_cb, NULL);

  return TRUE;
}

/* Orders open at the exchange that the ledger does not hold: placed on
 * another computer, or by Kopir before its ledger was wiped at the end of
 * a branch visit. They are written to this ledger so that they can be
 * followed and cancelled like any other. */

static gpointer
job_adopt (KopirLedger  *ledger,
           gpointer      data,
           GError      **error)
{
  GPtrArray *orders = data;
  g_autoptr(GPtrArray) adopted = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_order_free);

  for (guint i = 0; i < orders->len; i++)
    {
      KopirLedgerOrder *order = g_ptr_array_index (orders, i);
      KopirLedgerOrder *known = NULL;
      g_autoptr(GError) local_error = NULL;

      known = kopir_ledger_lookup_order (ledger, order->client_order_id, &local_error);
      if (known == NULL)
        {
          if (!g_error_matches (local_error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }

          /* The order as the exchange has it, written as an intent and then
           * given the exchange's state, as one Kopir placed would be. */
          if (!kopir_ledger_add_order_intent (ledger, order, error) ||
              !kopir_ledger_set_order_state (ledger, order->client_order_id, order->state,
                                             order->exchange_order_id, &order->executed_qty,
                                             &order->cumulative_quote, NULL, error))
            return NULL;

          known = kopir_ledger_lookup_order (ledger, order->client_order_id, error);
          if (known == NULL)
            return NULL;
        }

      g_ptr_array_add (adopted, known);
    }

  return g_steal_pointer (&adopted);
}

static KopirLedgerOrder *
ledger_order_from_exchange (KopirPurchaseManager *self,
                            KopirOrder           *order)
{
  const KopirSymbolFilters *filters = kopir_exchange_client_lookup_filters (self->client,
                                                                           kopir_order_get_symbol (order));
  KopirLedgerOrder *intent;

  /* Kopir buys, with limit orders when they stay open. */
  if (filters == NULL ||
      g_strcmp0 (kopir_order_get_side (order), "BUY") != 0 ||
      g_strcmp0 (kopir_order_get_order_type (order), "LIMIT") != 0 ||
      kopir_order_get_client_order_id (order) == NULL)
    return NULL;

  intent = kopir_ledger_order_new ();
  intent->client_order_id = g_strdup (kopir_order_get_client_order_id (order));
  intent->symbol = g_strdup (kopir_order_get_symbol (order));
  intent->base_asset = g_strdup (filters->base_asset);
  intent->quote_asset = g_strdup (filters->quote_asset);
  intent->side = KOPIR_ORDER_SIDE_BUY;
  intent->type = KOPIR_ORDER_TYPE_LIMIT;
  intent->has_quantity = TRUE;
  intent->quantity = kopir_order_get_orig_qty (order);
  intent->has_price = TRUE;
  intent->price = kopir_order_get_price (order);
  intent->state = state_from_order (order);
  intent->exchange_order_id = kopir_order_get_order_id (order);
  intent->executed_qty = kopir_order_get_executed_qty (order);
  intent->cumulative_quote = kopir_order_get_cummulative_quote_qty (order);

  return intent;
}

static void
adopted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  guint added = GPOINTER_TO_UINT (g_task_get_task_data (task));

  orders = finish_ledger (self, result, &error);
  if (orders == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < orders->len; i++)
    {
      KopirLedgerOrder *order = g_ptr_array_index (orders, i);

      if (follow_open_order (self, order))
        {
          g_debug ("Order %s is open at the exchange; now followed", order->client_order_id);
          added++;
        }
    }

  g_task_return_int (task, added);
}

static void adopt_open_orders (GTask     *task,
                               GPtrArray *orders);

static void
adopt_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) info = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *orders = g_object_get_data (G_OBJECT (task), "kopir-open-orders");

  info = kopir_exchange_client_get_exchange_info_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  adopt_open_orders (g_steal_pointer (&task), orders);
}

static void
adopt_open_orders (GTask     *task,
                   GPtrArray *orders)
{
  KopirPurchaseManager *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) intents = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_order_free);

  for (guint i = 0; i < orders->len; i++)
    {
      KopirOrder *order = g_ptr_array_index (orders, i);
      KopirLedgerOrder *intent;

      if (find_purchase (self, kopir_order_get_client_order_id (order)) != NULL)
        continue;

      /* The markets' filters say which assets a symbol trades; the first
       * time they are not known yet. */
      if (kopir_exchange_client_lookup_filters (self->client, kopir_order_get_symbol (order)) == NULL &&
          g_object_get_data (G_OBJECT (task), "kopir-open-orders") == NULL)
        {
          g_object_set_data_full (G_OBJECT (task), "kopir-open-orders", g_ptr_array_ref (orders),
                                  (GDestroyNotify) g_ptr_array_unref);
          kopir_exchange_client_get_exchange_info_async (self->client, g_task_get_cancellable (task),
                                                         adopt_info_cb, task);
          return;
        }

      intent = ledger_order_from_exchange (self, order);
      if (intent != NULL)
        g_ptr_array_add (intents, intent);
    }

  if (intents->len == 0)
    {
      g_task_return_int (task, GPOINTER_TO_UINT (g_task_get_task_data (task)));
      g_object_unref (task);
      return;
    }

  run_ledger (self, job_adopt, g_steal_pointer (&intents), (GDestroyNotify) g_ptr_array_unref,
              (GDestroyNotify) g_ptr_array_unref, adopted_cb, task);
}

static void
open_at_exchange_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;

  orders = kopir_exchange_client_get_open_orders_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (orders == NULL)
    {
      /* The ledger's own orders are loaded; the exchange is asked again at
       * the next load. */
      g_debug ("Open orders at the exchange: %s", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_int (task, GPOINTER_TO_UINT (g_task_get_task_data (task)));
      g_object_unref (task);
      return;
    }

  adopt_open_orders (task, orders);
}


static void
load_open_list_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) orders = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  guint added = 0;

  orders = finish_ledger (self, result, &error);
  if (orders == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < orders->len; i++)
    {
      KopirLedgerOrder *order = g_ptr_array_index (orders, i);

      if (follow_open_order (self, order))
        added++;
    }

  /* Then the orders open at the exchange that this ledger never saw. */
  cancellable = g_task_get_cancellable (task);
  g_task_set_task_data (task, GUINT_TO_POINTER (added), NULL);
  kopir_exchange_client_get_open_orders_async (self->client, NULL, cancellable,
                                               open_at_exchange_cb, g_steal_pointer (&task));
}

/**
 * kopir_purchase_manager_load_open_async:
 * @self: a #KopirPurchaseManager
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the open orders are in the purchases model
 * @user_data: data for @callback
 *
 * Puts the orders the ledger holds as open (limit orders placed in an
 * earlier session) into the purchases model, asks the exchange about
 * each, and follows them from then on.
 */
void
kopir_purchase_manager_load_open_async (KopirPurchaseManager *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_PURCHASE_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_purchase_manager_load_open_async);

  run_ledger (self, job_list_open, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
              load_open_list_cb, g_steal_pointer (&task));
}

/**
 * kopir_purchase_manager_load_open_finish:
 * @self: a #KopirPurchaseManager
 * @result: the result
 * @n_loaded: (out) (optional): how many open orders were added
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_purchase_manager_load_open_finish (KopirPurchaseManager  *self,
                                         GAsyncResult          *result,
                                         guint                 *n_loaded,
                                         GError               **error)
{
  gssize n;

  g_return_val_if_fail (KOPIR_IS_PURCHASE_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (n_loaded != NULL)
    *n_loaded = (guint) n;

  return TRUE;
}

/* Cancelling */

typedef struct
{
  KopirPurchase *purchase;
  KopirOrder    *order;
} CancelData;

static void
cancel_data_free (CancelData *data)
{
  g_clear_object (&data->purchase);
  g_clear_object (&data->order);
  g_free (data);
}

/* A cancel's answer names the cancel request in clientOrderId and the
 * order in origClientOrderId: record it under the order's own id. */
static Record *
record_from_cancel (CancelData *data,
                    GPtrArray  *trades)
{
  Record *record = record_from_order (data->order, trades);

  g_free (record->client_order_id);
  record->client_order_id = g_strdup (kopir_purchase_get_client_order_id (data->purchase));

  return record;
}

static void
cancel_recorded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  CancelData *data = g_task_get_task_data (task);
  g_autoptr(KopirLedgerOrder) order = NULL;
  GError *error = NULL;

  order = finish_ledger (self, result, &error);
  g_hash_table_remove (self->busy, kopir_purchase_get_client_order_id (data->purchase));
  if (order == NULL)
    {
      /* The exchange cancelled it; the disk did not take the news. Asking
       * again records it. */
      g_warning ("Cannot record the cancellation of %s: %s",
                 kopir_purchase_get_client_order_id (data->purchase), error->message);
      g_clear_error (&error);
      resolve_async (self, data->purchase, resolve_in_background_cb, NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }

  update_purchase (self, data->purchase, order, FALSE, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
cancel_trades_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirPurchaseManager *self = g_task_get_source_object (task);
  CancelData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) trades = NULL;
  g_autoptr(GError) error = NULL;

  /* Without its fills the order is recorded as it is; following it later
   * adds them. */
  trades = kopir_exchange_client_get_order_trades_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (trades == NULL)
    g_debug ("Fills of a cancelled order: %s", error->message);

  run_ledger (self, job_record, record_from_cancel (data, trades),
              (GDestroyNotify) record_free, (GDestroyNotify) kopir_ledger_order_free,
              cancel_recorded_cb, g_steal_pointer (&task));
}

static void
cancel_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirPurchaseManager *self = g_task_get_source_object (task);
  CancelData *data = g_task_get_task_data (task);
  const KopirLedgerOrder *intent = kopir_purchase_get_order (data->purchase);
  g_autoptr(GError) error = NULL;
  KopirDecimal executed;

  data->order = kopir_exchange_client_cancel_order_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (data->order == NULL)
    {
      g_hash_table_remove (self->busy, intent->client_order_id);

      /* Filled first, or the answer was lost: what the order is now is
       * for the exchange to say. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        resolve_async (self, data->purchase, resolve_in_background_cb, NULL);

      if (g_error_matches (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER))
        g_task_return_new_error (task, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_NO_SUCH_ORDER, "%s",
                                 _("The order could not be cancelled: it was filled or cancelled "
                                   "already. Its state is being checked."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  executed = kopir_order_get_executed_qty (data->order);
  if (kopir_decimal_is_positive (&executed))
    {
      kopir_exchange_client_get_order_trades_async (self->client, intent->symbol,
                                                    kopir_order_get_order_id (data->order),
                                                    self->cancellable, cancel_trades_cb,
                                                    g_steal_pointer (&task));
      return;
    }

  run_ledger (self, job_record, record_from_cancel (data, NULL),
              (GDestroyNotify) record_free, (GDestroyNotify) kopir_ledger_order_free,
              cancel_recorded_cb, g_steal_pointer (&task));
}

/**
 * kopir_purchase_manager_cancel_async:
 * @self: a #KopirPurchaseManager
 * @purchase: an open purchase (a limit order waiting for its price)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the exchange answered
 * @user_data: data for @callback
 *
 * Cancels an open order at the exchange and records what it says, with
 * the fills of a part already bought. If the order was filled in the
 * meantime, or the answer is lost, the purchase is asked about again and
 * shows what became of it.
 */
void
kopir_purchase_manager_cancel_async (KopirPurchaseManager *self,
                                     KopirPurchase        *purchase,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  const KopirLedgerOrder *order;
  CancelData *data;

  g_return_if_fail (KOPIR_IS_PURCHASE_MANAGER (self));
  g_return_if_fail (KOPIR_IS_PURCHASE (purchase));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_purchase_manager_cancel_async);
  g_task_set_check_cancellable (task, FALSE);

  order = kopir_purchase_get_order (purchase);
  if (kopir_purchase_get_state (purchase) != KOPIR_PURCHASE_STATE_OPEN)
    {
      g_task_return_new_error (task, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_REJECTED, "%s",
                               _("Only an order that is still open can be cancelled."));
      return;
    }
  if (g_hash_table_contains (self->busy, order->client_order_id))
    {
      g_task_return_new_error (task, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_BUSY, "%s",
                               _("Kopir is checking this order with the exchange. Try again in a "
                                 "moment."));
      return;
    }

  data = g_new0 (CancelData, 1);
  data->purchase = g_object_ref (purchase);
  g_task_set_task_data (task, data, (GDestroyNotify) cancel_data_free);

  g_hash_table_add (self->busy, g_strdup (order->client_order_id));
  kopir_exchange_client_cancel_order_async (self->client, order->symbol, order->client_order_id,
                                            self->cancellable, cancel_sent_cb,
                                            g_steal_pointer (&task));
}

gboolean
kopir_purchase_manager_cancel_finish (KopirPurchaseManager  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reconciling at start-up */

typedef struct
{
  guint   pending;
  guint   resolved;
  GError *error;
} ReconcileData;

static void
reconcile_data_free (ReconcileData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
reconcile_one_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReconcileData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    data->resolved++;
  else if (data->error == NULL)
    data->error = g_steal_pointer (&error);

  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_int (task, data->resolved);
}

static void
reconcile_list_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KopirPurchaseManager *self = KOPIR_PURCHASE_MANAGER (object);
  g_autoptr(GTask) task = user_data;
  ReconcileData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) orders = NULL;
  GError *error = NULL;

  orders = finish_ledger (self, result, &error);
  if (orders == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("%u unresolved orders to check", orders->len);

  /* One reference for the loop, so the task cannot finish inside it. */
  data->pending = 1;

  for (guint i = 0; i < orders->len; i++)
    {
      KopirLedgerOrder *order = g_ptr_array_index (orders, i);
      KopirPurchase *purchase;

      /* This session's own orders in flight are resolved by their send. */
      if (g_hash_table_contains (self->busy, order->client_order_id))
        continue;

      purchase = find_purchase (self, order->client_order_id);
      if (purchase == NULL)
        {
          g_autoptr(KopirPurchase) found = kopir_purchase_new (order);

          g_list_store_append (self->purchases, found);
          purchase = found;
        }
      update_purchase (self, purchase, order, TRUE, NULL);

      data->pending++;
      resolve_async (self, purchase, reconcile_one_cb, g_object_ref (task));
    }

  if (--data->pending == 0)
    g_task_return_int (task, data->resolved);
}

/**
 * kopir_purchase_manager_reconcile_async:
 * @self: a #KopirPurchaseManager
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every unresolved order is resolved
 * @user_data: data for @callback
 *
 * Resolves the intents the ledger holds unresolved (from a crash or a
 * lost answer): each appears in the purchases model as "checking" until
 * the exchange has been asked. While the exchange cannot be reached this
 * keeps trying, so nothing waits on it but the purchases themselves.
 */
void
kopir_purchase_manager_reconcile_async (KopirPurchaseManager *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_PURCHASE_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_purchase_manager_reconcile_async);
  g_task_set_task_data (task, g_new0 (ReconcileData, 1), (GDestroyNotify) reconcile_data_free);

  run_ledger (self, job_list_unresolved, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
              reconcile_list_cb, g_steal_pointer (&task));
}

gboolean
kopir_purchase_manager_reconcile_finish (KopirPurchaseManager  *self,
                                         GAsyncResult          *result,
                                         guint                 *n_resolved,
                                         GError               **error)
{
  gssize n;

  g_return_val_if_fail (KOPIR_IS_PURCHASE_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (n_resolved != NULL)
    *n_resolved = (guint) n;

  return TRUE;
}
