/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-deposit-tracker.c: which incoming transfers changed since the list
 * was last seen
 *
 * The exchange has no push channel for the bank side, so the bank page
 * polls the list of deposits. To tell the customer "your tenge arrived"
 * (or "was returned") exactly once, the tracker remembers each transfer's
 * state from the previous list and answers the ones that reached a final
 * state since. The first list only primes it: what happened before Kopir
 * looked is shown in the list, not announced.
 */

#define G_LOG_DOMAIN "kopir-deposit-tracker"

#include "config.h"

#include "kopir-deposit-tracker.h"

struct _KopirDepositTracker
{
  GObject     parent_instance;

  GHashTable *states;   /* deposit id -> KopirDepositState */
  gboolean    primed;
};

G_DEFINE_FINAL_TYPE (KopirDepositTracker, kopir_deposit_tracker, G_TYPE_OBJECT)

static void
kopir_deposit_tracker_finalize (GObject *object)
{
  KopirDepositTracker *self = (KopirDepositTracker *)object;

  g_clear_pointer (&self->states, g_hash_table_unref);

  G_OBJECT_CLASS (kopir_deposit_tracker_parent_class)->finalize (object);
}

static void
kopir_deposit_tracker_class_init (KopirDepositTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_deposit_tracker_finalize;
}

static void
kopir_deposit_tracker_init (KopirDepositTracker *self)
{
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

KopirDepositTracker *
kopir_deposit_tracker_new (void)
{
  return g_object_new (KOPIR_TYPE_DEPOSIT_TRACKER, NULL);
}

/**
 * kopir_deposit_tracker_update:
 * @self: a #KopirDepositTracker
 * @deposits: the exchange's current list of #KopirDeposit
 *
 * Compares @deposits with the list given last time. A transfer that is
 * new, or was being checked, and is now credited or returned is answered
 * once. Transfers missing from @deposits (the exchange lists the newest
 * ones) are remembered all the same, so they are never announced again.
 *
 * Returns: (transfer container) (element-type KopirDeposit): the
 *   transfers that became credited or returned, oldest first; empty the
 *   first time
 */
GPtrArray *
kopir_deposit_tracker_update (KopirDepositTracker *self,
                              GListModel          *deposits)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (KOPIR_IS_DEPOSIT_TRACKER (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (deposits), NULL);

  n = g_list_model_get_n_items (deposits);

  /* The exchange lists newest first; announce in the order they came. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(KopirDeposit) deposit = g_list_model_get_item (deposits, i - 1);
      const char *id = kopir_deposit_get_id (deposit);
      KopirDepositState state = kopir_deposit_get_state (deposit);
      gpointer previous = NULL;
      gboolean known;

      known = g_hash_table_lookup_extended (self->states, id, NULL, &previous);
      if (self->primed && state != KOPIR_DEPOSIT_STATE_RECEIVED &&
          (!known || GPOINTER_TO_INT (previous) == KOPIR_DEPOSIT_STATE_RECEIVED))
        g_ptr_array_add (changed, g_object_ref (deposit));

      g_hash_table_replace (self->states, g_strdup (id), GINT_TO_POINTER (state));
    }

  self->primed = TRUE;

  return g_steal_pointer (&changed);
}

/**
 * kopir_deposit_tracker_reset:
 * @self: a #KopirDepositTracker
 *
 * Forgets everything, as when another customer or exchange is shown: the
 * next list primes the tracker again.
 */
void
kopir_deposit_tracker_reset (KopirDepositTracker *self)
{
  g_return_if_fail (KOPIR_IS_DEPOSIT_TRACKER (self));

  g_hash_table_remove_all (self->states);
  self->primed = FALSE;
}
