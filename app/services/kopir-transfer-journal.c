/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-transfer-journal.c: deposits and withdrawals kept in the ledger
 *
 * The exchange is the authority on transfers; the ledger keeps a copy so
 * that the History shows them beside the orders, and so that a
 * withdrawal survives a lost answer, a closed dialog or a crash.
 *
 * A withdrawal is written as pending, with its client withdrawal id and
 * bank account, before its request leaves. The exchange pays a client
 * withdrawal id once, so a pending withdrawal may always be sent again
 * unchanged. It stops being pending when the exchange answers for it, or
 * when the exchange's whole list of withdrawals shows it; once it has
 * been absent from that list for longer than any request signed for it
 * could still arrive (the settle time), it was not made.
 *
 * Each job opens the ledger on a connection of its own in a worker
 * thread, as the History and the portfolio do, and never creates one: a
 * ledger wiped with a customer's visit stays gone.
 */

#define G_LOG_DOMAIN "kopir-transfer-journal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-deposit.h"
#include "kopir-deposit-state.h"
#include "kopir-iban.h"
#include "kopir-transfer-journal.h"

/* Longer than a request and the transport's own repeats can take, plus
 * the receive window and a margin for the clocks. */
#define DEFAULT_SETTLE_MS (10 * 60 * 1000)

struct _KopirTransferJournal
{
  GObject  parent_instance;

  char    *ledger_path;
  guint    settle_ms;
};

G_DEFINE_FINAL_TYPE (KopirTransferJournal, kopir_transfer_journal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LEDGER_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GPtrArray *transfers;          /* KopirLedgerTransfer to record */
  gboolean   withdrawals_complete;
  gint64     settled_before_us;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->transfers, g_ptr_array_unref);
  g_free (job);
}

static Job *
job_new (void)
{
  Job *job = g_new0 (Job, 1);

  job->transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_transfer_free);
  return job;
}

static KopirLedger *
open_ledger (const char  *path,
             GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This account’s record of transfers is closed."));
      return NULL;
    }

  /* The file could still go between the test and the opening. */
  return kopir_ledger_open_existing (path, error);
}

static gboolean
emit_changed (gpointer user_data)
{
  g_signal_emit (user_data, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static gboolean
listed (GPtrArray  *transfers,
        const char *external_id)
{
  for (guint i = 0; i < transfers->len; i++)
    {
      KopirLedgerTransfer *t = g_ptr_array_index (transfers, i);

      if (t->kind == KOPIR_TRANSFER_WITHDRAWAL && g_strcmp0 (t->external_id, external_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KopirTransferJournal *self = source_object;
  Job *job = task_data;
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) still_pending = NULL;
  gboolean any_changed = FALSE;
  GError *error = NULL;

  ledger = open_ledger (self->ledger_path, &error);
  if (ledger == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < job->transfers->len; i++)
    {
      gboolean changed = FALSE;

      if (!kopir_ledger_record_transfer (ledger, g_ptr_array_index (job->transfers, i), &changed, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      any_changed |= changed;
    }

  pending = kopir_ledger_list_pending_transfers (ledger, KOPIR_TRANSFER_WITHDRAWAL, &error);
  if (pending == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  still_pending = g_ptr_array_new_with_free_func ((GDestroyNotify) kopir_ledger_transfer_free);
  for (guint i = 0; i < pending->len; i++)
    {
      KopirLedgerTransfer *t = g_ptr_array_index (pending, i);

      if (job->withdrawals_complete && t->updated_at_us < job->settled_before_us &&
          !listed (job->transfers, t->external_id))
        {
          g_debug ("Withdrawal %s never reached the exchange", t->external_id);
          t->state = KOPIR_TRANSFER_STATE_FAILED;
          if (!kopir_ledger_record_transfer (ledger, t, NULL, &error))
            {
              g_task_return_error (task, error);
              return;
            }
          any_changed = TRUE;
          continue;
        }

      g_ptr_array_add (still_pending, g_ptr_array_steal_index (pending, i--));
    }

  /* Whoever shows the ledger hears of it before the caller does. */
  if (any_changed)
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, emit_changed,
                                g_object_ref (self), g_object_unref);
  g_task_return_pointer (task, g_steal_pointer (&still_pending), (GDestroyNotify) g_ptr_array_unref);
}

static void
run_job (KopirTransferJournal *self,
         Job                  *job,
         gpointer              source_tag,
         GCancellable         *cancellable,
         GAsyncReadyCallback   callback,
         gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* Once started, a write completes: the ledger must not miss what the
   * exchange was told. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, sync_thread);
}

/* A withdrawal sent from here, as the dialog knows it. */
static Job *
withdrawal_job (const char         *client_withdrawal_id,
                const char         *link_id,
                const char         *iban,
                const KopirDecimal *amount,
                KopirTransferState  state)
{
  Job *job = job_new ();
  KopirLedgerTransfer *t = kopir_ledger_transfer_new ();

  t->kind = KOPIR_TRANSFER_WITHDRAWAL;
  t->external_id = g_strdup (client_withdrawal_id);
  t->asset = g_strdup ("KZT");
  t->amount = *amount;
  t->state = state;
  t->reference = iban != NULL ? kopir_iban_mask (iban) : NULL;
  t->link_id = g_strdup (link_id);
  g_ptr_array_add (job->transfers, t);

  return job;
}

static gboolean
written_finish (KopirTransferJournal  *self,
                GAsyncResult          *result,
                GError               **error)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  pending = g_task_propagate_pointer (G_TASK (result), error);
  return pending != NULL;
}

static KopirLedgerTransfer *
transfer_from_deposit (KopirDeposit *deposit)
{
  KopirLedgerTransfer *t = kopir_ledger_transfer_new ();
  const char *sender = kopir_deposit_get_sender_iban (deposit);

  t->kind = KOPIR_TRANSFER_DEPOSIT;
  t->external_id = g_strdup (kopir_deposit_get_id (deposit));
  t->asset = g_strdup ("KZT");
  t->amount = kopir_deposit_get_amount (deposit);
  t->state = kopir_deposit_get_state (deposit) == KOPIR_DEPOSIT_STATE_RETURNED
             ? KOPIR_TRANSFER_STATE_RETURNED
             : KOPIR_TRANSFER_STATE_COMPLETED;
  t->reference = sender != NULL ? kopir_iban_mask (sender) : NULL;
  t->created_at_us = kopir_deposit_get_created_at (deposit) * 1000;

  return t;
}

/* A withdrawal sent from here is known by its client withdrawal id; one
 * made elsewhere without one, by the exchange's id. */
static KopirLedgerTransfer *
transfer_from_withdrawal (KopirWithdrawal *withdrawal)
{
  KopirLedgerTransfer *t = kopir_ledger_transfer_new ();
  const char *client_id = kopir_withdrawal_get_client_withdrawal_id (withdrawal);
  const char *iban = kopir_withdrawal_get_iban (withdrawal);

  t->kind = KOPIR_TRANSFER_WITHDRAWAL;
  t->external_id = g_strdup (client_id != NULL && *client_id != '\0' ? client_id
                                                                     : kopir_withdrawal_get_id (withdrawal));
  t->asset = g_strdup ("KZT");
  t->amount = kopir_withdrawal_get_amount (withdrawal);
  t->state = g_strcmp0 (kopir_withdrawal_get_status (withdrawal), "completed") == 0
             ? KOPIR_TRANSFER_STATE_COMPLETED
             : KOPIR_TRANSFER_STATE_PENDING;
  t->reference = iban != NULL ? kopir_iban_mask (iban) : NULL;
  t->link_id = g_strdup (kopir_withdrawal_get_link_id (withdrawal));
  t->created_at_us = kopir_withdrawal_get_created_at (withdrawal) * 1000;

  return t;
}

/* GObject */

static void
kopir_transfer_journal_finalize (GObject *object)
{
  KopirTransferJournal *self = KOPIR_TRANSFER_JOURNAL (object);

  g_free (self->ledger_path);

  G_OBJECT_CLASS (kopir_transfer_journal_parent_class)->finalize (object);
}

static void
kopir_transfer_journal_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KopirTransferJournal *self = KOPIR_TRANSFER_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_LEDGER_PATH:
      g_value_set_string (value, self->ledger_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_transfer_journal_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KopirTransferJournal *self = KOPIR_TRANSFER_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_LEDGER_PATH:
      self->ledger_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_transfer_journal_class_init (KopirTransferJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_transfer_journal_finalize;
  object_class->get_property = kopir_transfer_journal_get_property;
  object_class->set_property = kopir_transfer_journal_set_property;

  /**
   * KopirTransferJournal:ledger-path:
   *
   * The ledger file of the account the transfers belong to.
   */
  properties[PROP_LEDGER_PATH] =
    g_param_spec_string ("ledger-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirTransferJournal::changed:
   * @self: the journal
   *
   * Emitted in the caller's main context once transfers were written to
   * the ledger.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kopir_transfer_journal_init (KopirTransferJournal *self)
{
  self->settle_ms = DEFAULT_SETTLE_MS;
}

/**
 * kopir_transfer_journal_new:
 * @ledger_path: the ledger file of the account
 *
 * Returns: (transfer full): a new journal
 */
KopirTransferJournal *
kopir_transfer_journal_new (const char *ledger_path)
{
  g_return_val_if_fail (ledger_path != NULL, NULL);

  return g_object_new (KOPIR_TYPE_TRANSFER_JOURNAL, "ledger-path", ledger_path, NULL);
}

const char *
kopir_transfer_journal_get_ledger_path (KopirTransferJournal *self)
{
  g_return_val_if_fail (KOPIR_IS_TRANSFER_JOURNAL (self), NULL);

  return self->ledger_path;
}

/**
 * kopir_transfer_journal_set_settle_time:
 * @milliseconds: how long after it was last sent a withdrawal missing
 *   from the exchange's list is taken as not made
 */
void
kopir_transfer_journal_set_settle_time (KopirTransferJournal *self,
                                        guint                 milliseconds)
{
  g_return_if_fail (KOPIR_IS_TRANSFER_JOURNAL (self));

  self->settle_ms = milliseconds;
}

/**
 * kopir_transfer_journal_begin_withdrawal_async:
 * @client_withdrawal_id: the id the request carries
 * @link_id: the linked bank account it goes to
 * @iban: (nullable): that account's IBAN; only its masked form is kept
 * @amount: the tenge
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the withdrawal is on disk
 * @user_data: data for @callback
 *
 * Writes the withdrawal as pending; send its request only after this
 * succeeded. Writing it again (before sending it again) marks when it was
 * last sent.
 */
void
kopir_transfer_journal_begin_withdrawal_async (KopirTransferJournal *self,
                                               const char           *client_withdrawal_id,
                                               const char           *link_id,
                                               const char           *iban,
                                               const KopirDecimal   *amount,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data)
{
  g_return_if_fail (KOPIR_IS_TRANSFER_JOURNAL (self));
  g_return_if_fail (client_withdrawal_id != NULL && link_id != NULL && amount != NULL);

  run_job (self,
           withdrawal_job (client_withdrawal_id, link_id, iban, amount, KOPIR_TRANSFER_STATE_PENDING),
           kopir_transfer_journal_begin_withdrawal_async, cancellable, callback, user_data);
}

gboolean
kopir_transfer_journal_begin_withdrawal_finish (KopirTransferJournal  *self,
                                                GAsyncResult          *result,
                                                GError               **error)
{
  return written_finish (self, result, error);
}

/**
 * kopir_transfer_journal_refuse_withdrawal_async:
 * @client_withdrawal_id: a pending withdrawal
 * @amount: its amount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once it is on disk
 * @user_data: data for @callback
 *
 * Marks a pending withdrawal as not made, after the exchange refused it.
 */
void
kopir_transfer_journal_refuse_withdrawal_async (KopirTransferJournal *self,
                                                const char           *client_withdrawal_id,
                                                const KopirDecimal   *amount,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data)
{
  g_return_if_fail (KOPIR_IS_TRANSFER_JOURNAL (self));
  g_return_if_fail (client_withdrawal_id != NULL && amount != NULL);

  /* The account and reference stay as they were written. */
  run_job (self,
           withdrawal_job (client_withdrawal_id, NULL, NULL, amount, KOPIR_TRANSFER_STATE_FAILED),
           kopir_transfer_journal_refuse_withdrawal_async, cancellable, callback, user_data);
}

gboolean
kopir_transfer_journal_refuse_withdrawal_finish (KopirTransferJournal  *self,
                                                 GAsyncResult          *result,
                                                 GError               **error)
{
  return written_finish (self, result, error);
}

/**
 * kopir_transfer_journal_sync_async:
 * @deposits: (nullable): #KopirDeposit items from the exchange
 * @withdrawals: (nullable): #KopirWithdrawal items from the exchange
 * @withdrawals_complete: whether @withdrawals is the exchange's whole
 *   list, so that a pending withdrawal missing from it, long enough, was
 *   not made
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once they are on disk
 * @user_data: data for @callback
 *
 * Records what the exchange says of the customer's transfers.
 */
void
kopir_transfer_journal_sync_async (KopirTransferJournal *self,
                                   GListModel           *deposits,
                                   GListModel           *withdrawals,
                                   gboolean              withdrawals_complete,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  Job *job;

  g_return_if_fail (KOPIR_IS_TRANSFER_JOURNAL (self));
  g_return_if_fail (deposits == NULL || G_IS_LIST_MODEL (deposits));
  g_return_if_fail (withdrawals == NULL || G_IS_LIST_MODEL (withdrawals));

  job = job_new ();
  for (guint i = 0; deposits != NULL && i < g_list_model_get_n_items (deposits); i++)
    {
      g_autoptr(KopirDeposit) deposit = g_list_model_get_item (deposits, i);

      g_ptr_array_add (job->transfers, transfer_from_deposit (deposit));
    }
  for (guint i = 0; withdrawals != NULL && i < g_list_model_get_n_items (withdrawals); i++)
    {
      g_autoptr(KopirWithdrawal) withdrawal = g_list_model_get_item (withdrawals, i);

      g_ptr_array_add (job->transfers, transfer_from_withdrawal (withdrawal));
    }
  job->withdrawals_complete = withdrawals != NULL && withdrawals_complete;
  job->settled_before_us = g_get_real_time () - (gint64) self->settle_ms * 1000;

  run_job (self, job, kopir_transfer_journal_sync_async, cancellable, callback, user_data);
}

/**
 * kopir_transfer_journal_sync_finish:
 *
 * Returns: (transfer full) (element-type KopirLedgerTransfer) (nullable):
 *   the withdrawals still pending, oldest first; %NULL on error
 */
GPtrArray *
kopir_transfer_journal_sync_finish (KopirTransferJournal  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
