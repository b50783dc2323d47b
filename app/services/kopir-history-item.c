/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-history-item.c: one entry of the history, as a list shows it
 *
 * A list of a long history asks for items by position long before their
 * rows are read, so an item starts empty ("loaded" is FALSE) and is
 * filled when its page arrives. It keeps the page it came from alive
 * rather than copying the entry: a visible row costs a reference.
 */

#define G_LOG_DOMAIN "kopir-history-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-currency.h"
#include "kopir-history-item.h"

struct _KopirHistoryItem
{
  GObject    parent_instance;

  guint      position;
  GPtrArray *page;
  guint      index;
};

G_DEFINE_FINAL_TYPE (KopirHistoryItem, kopir_history_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_history_item_finalize (GObject *object)
{
  KopirHistoryItem *self = (KopirHistoryItem *)object;

  g_clear_pointer (&self->page, g_ptr_array_unref);

  G_OBJECT_CLASS (kopir_history_item_parent_class)->finalize (object);
}

static void
kopir_history_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KopirHistoryItem *self = KOPIR_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->page != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_history_item_class_init (KopirHistoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_history_item_finalize;
  object_class->get_property = kopir_history_item_get_property;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the entry has been read; rows show a placeholder until then. */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_history_item_init (KopirHistoryItem *self)
{
}

/**
 * kopir_history_item_new:
 * @position: the item's place in its list
 *
 * Returns: (transfer full): an item whose entry is not read yet
 */
KopirHistoryItem *
kopir_history_item_new (guint position)
{
  KopirHistoryItem *self = g_object_new (KOPIR_TYPE_HISTORY_ITEM, NULL);

  self->position = position;

  return self;
}

guint
kopir_history_item_get_position (KopirHistoryItem *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_ITEM (self), 0);

  return self->position;
}

gboolean
kopir_history_item_get_loaded (KopirHistoryItem *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_ITEM (self), FALSE);

  return self->page != NULL;
}

/**
 * kopir_history_item_get_entry:
 * @self: a #KopirHistoryItem
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL until it is
 *   read
 */
const KopirLedgerEntry *
kopir_history_item_get_entry (KopirHistoryItem *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_ITEM (self), NULL);

  if (self->page == NULL)
    return NULL;

  return g_ptr_array_index (self->page, self->index);
}

/**
 * kopir_history_item_set_entry:
 * @self: a #KopirHistoryItem
 * @page: (element-type KopirLedgerEntry): the page the entry is on; the
 *   item keeps a reference
 * @index: the entry's place on @page
 *
 * Fills the item in, once.
 */
void
kopir_history_item_set_entry (KopirHistoryItem *self,
                              GPtrArray        *page,
                              guint             index)
{
  g_return_if_fail (KOPIR_IS_HISTORY_ITEM (self));
  g_return_if_fail (page != NULL && index < page->len);
  g_return_if_fail (self->page == NULL);

  self->page = g_ptr_array_ref (page);
  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/**
 * kopir_history_entry_get_kind_label:
 * @entry: an entry
 *
 * Returns: what the entry is, in words: "Purchase", "Deposit"...
 */
const char *
kopir_history_entry_get_kind_label (const KopirLedgerEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->order != NULL)
    return entry->order->side == KOPIR_ORDER_SIDE_SELL ? C_("history entry", "Sale")
                                                       : C_("history entry", "Purchase");
  if (entry->transfer != NULL && entry->transfer->kind == KOPIR_TRANSFER_WITHDRAWAL)
    return C_("history entry", "Withdrawal");

  return C_("history entry", "Deposit");
}

/**
 * kopir_transfer_state_get_label:
 * @state: a transfer's state
 *
 * Returns: the state in words
 */
const char *
kopir_transfer_state_get_label (KopirTransferState state)
{
  switch (state)
    {
    case KOPIR_TRANSFER_STATE_PENDING:
      return C_("transfer state", "Pending");
    case KOPIR_TRANSFER_STATE_COMPLETED:
      return C_("transfer state", "Completed");
    case KOPIR_TRANSFER_STATE_FAILED:
      return C_("transfer state", "Failed");
    case KOPIR_TRANSFER_STATE_RETURNED:
      return C_("transfer state", "Returned");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * kopir_history_entry_get_status_label:
 * @entry: an entry
 *
 * Returns: where the order or transfer is, in words
 */
const char *
kopir_history_entry_get_status_label (const KopirLedgerEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->order != NULL)
    return kopir_order_state_get_label (entry->order->state);
  if (entry->transfer != NULL)
    return kopir_transfer_state_get_label (entry->transfer->state);

  return "";
}

/**
 * kopir_history_entry_get_amount:
 * @entry: an entry
 * @amount: (out): for an order, the quantity filled (or ordered, while
 *   nothing is filled); for a transfer, its amount
 * @currency: (out) (transfer none): the asset of @amount
 *
 * Returns: %FALSE if the entry has no amount to show yet (a purchase for
 *   an amount of tenge, not filled)
 */
gboolean
kopir_history_entry_get_amount (const KopirLedgerEntry  *entry,
                                KopirDecimal            *amount,
                                const char             **currency)
{
  g_return_val_if_fail (entry != NULL && amount != NULL && currency != NULL, FALSE);

  if (entry->transfer != NULL)
    {
      *amount = entry->transfer->amount;
      *currency = entry->transfer->asset;
      return TRUE;
    }

  if (entry->order == NULL)
    return FALSE;

  *currency = entry->order->base_asset;
  if (kopir_decimal_is_positive (&entry->order->executed_qty))
    {
      *amount = entry->order->executed_qty;
      return TRUE;
    }
  if (entry->order->has_quantity)
    {
      *amount = entry->order->quantity;
      return TRUE;
    }

  return FALSE;
}

/**
 * kopir_history_entry_get_total:
 * @entry: an entry
 * @total: (out): what an order cost (or is to cost: the amount to spend,
 *   or the limit price times the quantity, while nothing is filled)
 * @currency: (out) (transfer none): the asset of @total
 *
 * Returns: %FALSE for transfers and orders without a total
 */
gboolean
kopir_history_entry_get_total (const KopirLedgerEntry  *entry,
                               KopirDecimal            *total,
                               const char             **currency)
{
  const KopirLedgerOrder *order;

  g_return_val_if_fail (entry != NULL && total != NULL && currency != NULL, FALSE);

  order = entry->order;
  if (order == NULL)
    return FALSE;

  *currency = order->quote_asset;
  if (kopir_decimal_is_positive (&order->executed_qty))
    {
      *total = order->cumulative_quote;
      return TRUE;
    }
  if (order->has_quote_amount)
    {
      *total = order->quote_amount;
      return TRUE;
    }
  if (order->has_quantity && order->has_price)
    return kopir_decimal_mul (&order->quantity, &order->price,
                              kopir_currency_get_scale (order->quote_asset), KOPIR_ROUNDING_UP, total);

  return FALSE;
}

/**
 * kopir_ledger_order_get_average_price:
 * @order: an order
 * @price: (out): what was paid per unit on average, rounded up to two
 *   digits below the quote asset's scale (as quotes show it)
 *
 * Returns: %FALSE while nothing is filled
 */
gboolean
kopir_ledger_order_get_average_price (const KopirLedgerOrder *order,
                                      KopirDecimal           *price)
{
  g_return_val_if_fail (order != NULL && price != NULL, FALSE);

  if (!kopir_decimal_is_positive (&order->executed_qty))
    return FALSE;

  return kopir_decimal_div (&order->cumulative_quote, &order->executed_qty,
                            kopir_currency_get_scale (order->quote_asset) + 2,
                            KOPIR_ROUNDING_UP, price);
}
