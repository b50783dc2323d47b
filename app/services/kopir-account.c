/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-account.c: the customer's exchange account (/api/v3/account)
 *
 * Whether the key may trade, and a list model of balances for the
 * balances page to bind to.
 */

#define G_LOG_DOMAIN "kopir-account"

#include "config.h"

#include "kopir-account.h"
#include "kopir-exchange-error.h"
#include "kopir-json-private.h"

struct _KopirAccount
{
  GObject     parent_instance;

  gboolean    can_trade;
  GStrv       permissions;
  GListStore *balances;
  gint64      update_time;
  gboolean    has_taker_rate;
  KopirDecimal taker_rate;
};

G_DEFINE_FINAL_TYPE (KopirAccount, kopir_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_TRADE,
  PROP_BALANCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_account_finalize (GObject *object)
{
  KopirAccount *self = (KopirAccount *)object;

  g_clear_object (&self->balances);
  g_clear_pointer (&self->permissions, g_strfreev);

  G_OBJECT_CLASS (kopir_account_parent_class)->finalize (object);
}

static void
kopir_account_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KopirAccount *self = KOPIR_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CAN_TRADE:
      g_value_set_boolean (value, self->can_trade);
      break;
    case PROP_BALANCES:
      g_value_set_object (value, self->balances);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_account_class_init (KopirAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_account_finalize;
  object_class->get_property = kopir_account_get_property;

  properties[PROP_CAN_TRADE] =
    g_param_spec_boolean ("can-trade", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BALANCES] =
    g_param_spec_object ("balances", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_account_init (KopirAccount *self)
{
  self->balances = g_list_store_new (KOPIR_TYPE_BALANCE);
}

KopirAccount *
kopir_account_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(KopirAccount) self = g_object_new (KOPIR_TYPE_ACCOUNT, NULL);
  g_autoptr(GPtrArray) permissions = g_ptr_array_new_with_free_func (g_free);
  JsonArray *balances = NULL;
  JsonNode *node;

  if (object != NULL && (node = json_object_get_member (object, "balances")) != NULL)
    balances = kopir_json_get_array (node);

  if (balances == NULL || !kopir_json_object_bool (object, "canTrade", &self->can_trade))
    goto invalid;

  for (guint i = 0; i < json_array_get_length (balances); i++)
    {
      JsonObject *item = kopir_json_get_object (json_array_get_element (balances, i));
      const char *asset = kopir_json_object_string (item, "asset");
      KopirDecimal free, locked;
      g_autoptr(KopirBalance) balance = NULL;

      if (asset == NULL ||
          !kopir_json_object_decimal (item, "free", &free) ||
          !kopir_json_object_decimal (item, "locked", &locked))
        goto invalid;

      balance = kopir_balance_new (asset, &free, &locked);
      g_list_store_append (self->balances, balance);
    }

  if ((node = json_object_get_member (object, "permissions")) != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (permissions, g_strdup (json_node_get_string (element)));
        }
    }
  g_ptr_array_add (permissions, NULL);
  self->permissions = (GStrv) g_ptr_array_steal (permissions, NULL);

  kopir_json_object_int (object, "updateTime", &self->update_time);

  /* The fee a market order pays, as a fraction ("0.00100000"); older
   * answers give only takerCommission in hundredths of a percent. */
  if ((node = json_object_get_member (object, "commissionRates")) != NULL)
    self->has_taker_rate = kopir_json_object_decimal (kopir_json_get_object (node), "taker",
                                                      &self->taker_rate);
  if (!self->has_taker_rate)
    {
      gint64 basis;

      if (kopir_json_object_int (object, "takerCommission", &basis) && basis >= 0 && basis <= 10000)
        self->has_taker_rate = kopir_decimal_from_parts (basis, 4, &self->taker_rate);
    }

  return g_steal_pointer (&self);

invalid:
  g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                      0, "not an account", 0, 0, NULL));
  return NULL;
}

gboolean
kopir_account_get_can_trade (KopirAccount *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT (self), FALSE);
  return self->can_trade;
}

const char * const *
kopir_account_get_permissions (KopirAccount *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT (self), NULL);
  return (const char * const *) self->permissions;
}

/**
 * kopir_account_get_balances:
 * @self: a #KopirAccount
 *
 * Returns: (transfer none): a list model of #KopirBalance
 */
GListModel *
kopir_account_get_balances (KopirAccount *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT (self), NULL);
  return G_LIST_MODEL (self->balances);
}

/**
 * kopir_account_lookup_balance:
 * @self: a #KopirAccount
 * @asset: an asset code such as "KZT"
 *
 * Returns: (transfer none) (nullable): the balance of @asset
 */
KopirBalance *
kopir_account_lookup_balance (KopirAccount *self,
                              const char   *asset)
{
  guint n;

  g_return_val_if_fail (KOPIR_IS_ACCOUNT (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->balances));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirBalance) balance = g_list_model_get_item (G_LIST_MODEL (self->balances), i);

      if (g_strcmp0 (kopir_balance_get_asset (balance), asset) == 0)
        return balance;
    }

  return NULL;
}

gint64
kopir_account_get_update_time (KopirAccount *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT (self), 0);
  return self->update_time;
}

/**
 * kopir_account_get_taker_rate:
 * @self: a #KopirAccount
 * @rate: (out): the fee of an order that takes from the book, as a
 *   fraction of what is received (0.001 for 0.1 %)
 *
 * Returns: %FALSE if the exchange did not say
 */
gboolean
kopir_account_get_taker_rate (KopirAccount *self,
                              KopirDecimal *rate)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (rate != NULL, FALSE);

  if (!self->has_taker_rate)
    return FALSE;

  *rate = self->taker_rate;
  return TRUE;
}
