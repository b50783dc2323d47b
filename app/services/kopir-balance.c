/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-balance.c: how much of one asset the customer holds
 *
 * `free` can be spent; `locked` is held by open orders. The properties
 * are the exchange's decimal strings, for binding; code uses the getters.
 */

#define G_LOG_DOMAIN "kopir-balance"

#include "config.h"

#include "kopir-balance.h"

struct _KopirBalance
{
  GObject       parent_instance;

  char         *asset;
  KopirDecimal  free;
  KopirDecimal  locked;
};

G_DEFINE_FINAL_TYPE (KopirBalance, kopir_balance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ASSET,
  PROP_FREE,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_balance_finalize (GObject *object)
{
  KopirBalance *self = (KopirBalance *)object;

  g_clear_pointer (&self->asset, g_free);

  G_OBJECT_CLASS (kopir_balance_parent_class)->finalize (object);
}

static void
kopir_balance_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KopirBalance *self = KOPIR_BALANCE (object);

  switch (prop_id)
    {
    case PROP_ASSET:
      g_value_set_string (value, self->asset);
      break;
    case PROP_FREE:
      g_value_take_string (value, kopir_decimal_dup_string (&self->free));
      break;
    case PROP_LOCKED:
      g_value_take_string (value, kopir_decimal_dup_string (&self->locked));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_balance_class_init (KopirBalanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_balance_finalize;
  object_class->get_property = kopir_balance_get_property;

  properties[PROP_ASSET] =
    g_param_spec_string ("asset", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FREE] =
    g_param_spec_string ("free", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOCKED] =
    g_param_spec_string ("locked", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_balance_init (KopirBalance *self)
{
}

KopirBalance *
kopir_balance_new (const char         *asset,
                   const KopirDecimal *free,
                   const KopirDecimal *locked)
{
  KopirBalance *self;

  g_return_val_if_fail (asset != NULL, NULL);
  g_return_val_if_fail (free != NULL, NULL);
  g_return_val_if_fail (locked != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_BALANCE, NULL);
  self->asset = g_strdup (asset);
  self->free = *free;
  self->locked = *locked;

  return self;
}

const char *
kopir_balance_get_asset (KopirBalance *self)
{
  g_return_val_if_fail (KOPIR_IS_BALANCE (self), NULL);
  return self->asset;
}

KopirDecimal
kopir_balance_get_free (KopirBalance *self)
{
  g_return_val_if_fail (KOPIR_IS_BALANCE (self), kopir_decimal_from_int (0));
  return self->free;
}

KopirDecimal
kopir_balance_get_locked (KopirBalance *self)
{
  g_return_val_if_fail (KOPIR_IS_BALANCE (self), kopir_decimal_from_int (0));
  return self->locked;
}

KopirDecimal
kopir_balance_get_total (KopirBalance *self)
{
  KopirDecimal total = { 0, };

  g_return_val_if_fail (KOPIR_IS_BALANCE (self), total);

  /* Balances are far below the 64-bit range; an overflow would be a
   * broken answer, and then the free part alone is shown. */
  if (!kopir_decimal_add (&self->free, &self->locked, &total))
    return self->free;

  return total;
}
