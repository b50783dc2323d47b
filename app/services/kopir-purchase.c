/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-purchase.c: one purchase, as the customer follows it
 *
 * A view of a ledger order for the UI: a state in the customer's terms,
 * the amounts, and a message for failures. #KopirPurchaseManager updates
 * it on the main thread; widgets bind to its properties.
 */

#define G_LOG_DOMAIN "kopir-purchase"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-purchase.h"

struct _KopirPurchase
{
  GObject             parent_instance;

  KopirLedgerOrder   *order;
  KopirPurchaseState  state;
  char               *message;
};

G_DEFINE_FINAL_TYPE (KopirPurchase, kopir_purchase, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT_ORDER_ID,
  PROP_SYMBOL,
  PROP_STATE,
  PROP_CHECKING,
  PROP_EXECUTED_QTY,
  PROP_SPENT,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static KopirPurchaseState
state_for (const KopirLedgerOrder *order,
           gboolean                checking)
{
  switch (order->state)
    {
    case KOPIR_ORDER_STATE_INTENT:
    case KOPIR_ORDER_STATE_SENT:
      return checking ? KOPIR_PURCHASE_STATE_CHECKING : KOPIR_PURCHASE_STATE_SENDING;
    case KOPIR_ORDER_STATE_UNKNOWN:
      return KOPIR_PURCHASE_STATE_CHECKING;
    case KOPIR_ORDER_STATE_NEW:
    case KOPIR_ORDER_STATE_PARTIALLY_FILLED:
      return KOPIR_PURCHASE_STATE_OPEN;
    case KOPIR_ORDER_STATE_FILLED:
      return KOPIR_PURCHASE_STATE_COMPLETED;
    case KOPIR_ORDER_STATE_CANCELED:
    case KOPIR_ORDER_STATE_EXPIRED:
      /* A market order that ran out of sellers may still have bought
       * something: that much is completed. */
      return kopir_decimal_is_positive (&order->executed_qty)
             ? KOPIR_PURCHASE_STATE_COMPLETED : KOPIR_PURCHASE_STATE_FAILED;
    case KOPIR_ORDER_STATE_REJECTED:
    default:
      return KOPIR_PURCHASE_STATE_FAILED;
    }
}

static void
kopir_purchase_finalize (GObject *object)
{
  KopirPurchase *self = (KopirPurchase *)object;

  g_clear_pointer (&self->order, kopir_ledger_order_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (kopir_purchase_parent_class)->finalize (object);
}

static void
kopir_purchase_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KopirPurchase *self = KOPIR_PURCHASE (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ORDER_ID:
      g_value_set_string (value, self->order->client_order_id);
      break;
    case PROP_SYMBOL:
      g_value_set_string (value, self->order->symbol);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->state == KOPIR_PURCHASE_STATE_CHECKING);
      break;
    case PROP_EXECUTED_QTY:
      g_value_take_string (value, kopir_decimal_dup_string (&self->order->executed_qty));
      break;
    case PROP_SPENT:
      g_value_take_string (value, kopir_decimal_dup_string (&self->order->cumulative_quote));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_purchase_class_init (KopirPurchaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_purchase_finalize;
  object_class->get_property = kopir_purchase_get_property;

  properties[PROP_CLIENT_ORDER_ID] =
    g_param_spec_string ("client-order-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A KopirPurchaseState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      KOPIR_PURCHASE_STATE_SENDING, KOPIR_PURCHASE_STATE_FAILED,
                      KOPIR_PURCHASE_STATE_SENDING,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* TRUE while Kopir asks the exchange about a lost answer. */
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXECUTED_QTY] =
    g_param_spec_string ("executed-qty", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPENT] =
    g_param_spec_string ("spent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* What to tell the customer: a failure's reason, or the checking note. */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_purchase_init (KopirPurchase *self)
{
}

KopirPurchase *
kopir_purchase_new (const KopirLedgerOrder *order)
{
  KopirPurchase *self;

  g_return_val_if_fail (order != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_PURCHASE, NULL);
  self->order = kopir_ledger_order_copy (order);
  self->state = state_for (order, order->state == KOPIR_ORDER_STATE_UNKNOWN);

  return self;
}

const char *
kopir_purchase_get_client_order_id (KopirPurchase *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE (self), NULL);
  return self->order->client_order_id;
}

const char *
kopir_purchase_get_symbol (KopirPurchase *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE (self), NULL);
  return self->order->symbol;
}

KopirPurchaseState
kopir_purchase_get_state (KopirPurchase *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE (self), KOPIR_PURCHASE_STATE_FAILED);
  return self->state;
}

KopirOrderState
kopir_purchase_get_order_state (KopirPurchase *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE (self), KOPIR_ORDER_STATE_UNKNOWN);
  return self->order->state;
}

/**
 * kopir_purchase_is_resolved:
 * @self: a #KopirPurchase
 *
 * Returns: %TRUE once the exchange's answer is known (the order may still
 *   be open, waiting to be filled)
 */
gboolean
kopir_purchase_is_resolved (KopirPurchase *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE (self), FALSE);
  return !kopir_order_state_is_unresolved (self->order->state);
}

/**
 * kopir_purchase_get_order:
 * @self: a #KopirPurchase
 *
 * Returns: (transfer none): the ledger's record of the order
 */
const KopirLedgerOrder *
kopir_purchase_get_order (KopirPurchase *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE (self), NULL);
  return self->order;
}

const char *
kopir_purchase_get_message (KopirPurchase *self)
{
  g_return_val_if_fail (KOPIR_IS_PURCHASE (self), NULL);
  return self->message;
}

/**
 * kopir_purchase_update:
 * @self: a #KopirPurchase
 * @order: the ledger's record as it is now
 * @checking: whether Kopir is asking the exchange about it
 * @message: (nullable): what to tell the customer
 *
 * Called by #KopirPurchaseManager on the main thread.
 */
void
kopir_purchase_update (KopirPurchase          *self,
                       const KopirLedgerOrder *order,
                       gboolean                checking,
                       const char             *message)
{
  KopirPurchaseState state;

  g_return_if_fail (KOPIR_IS_PURCHASE (self));
  g_return_if_fail (order != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  g_clear_pointer (&self->order, kopir_ledger_order_free);
  self->order = kopir_ledger_order_copy (order);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTED_QTY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPENT]);

  if (checking && message == NULL)
    message = _("Checking your order with the exchange. Nothing will be bought twice.");

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  state = state_for (order, checking);
  if (state != self->state)
    {
      gboolean was_checking = self->state == KOPIR_PURCHASE_STATE_CHECKING;

      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      if (was_checking != (state == KOPIR_PURCHASE_STATE_CHECKING))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}
