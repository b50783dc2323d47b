/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-withdrawal.c: tenge sent back from the exchange to a linked bank
 * account
 *
 * The exchange debits the free tenge balance at once and reports the
 * transfer's status ("completed" once handed to the bank). The client's
 * own id (client_withdrawal_id) is what makes a repeated request pay once.
 */

#define G_LOG_DOMAIN "kopir-withdrawal"

#include "config.h"

#include "kopir-exchange-error.h"
#include "kopir-json-private.h"
#include "kopir-withdrawal.h"

struct _KopirWithdrawal
{
  GObject       parent_instance;

  char         *id;
  char         *client_withdrawal_id;
  char         *link_id;
  char         *iban;
  KopirDecimal  amount;
  char         *status;
  gint64        created_at;
};

G_DEFINE_FINAL_TYPE (KopirWithdrawal, kopir_withdrawal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AMOUNT,
  PROP_STATUS,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_withdrawal_finalize (GObject *object)
{
  KopirWithdrawal *self = (KopirWithdrawal *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->client_withdrawal_id, g_free);
  g_clear_pointer (&self->link_id, g_free);
  g_clear_pointer (&self->iban, g_free);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (kopir_withdrawal_parent_class)->finalize (object);
}

static void
kopir_withdrawal_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KopirWithdrawal *self = KOPIR_WITHDRAWAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_AMOUNT:
      g_value_take_string (value, kopir_decimal_dup_string (&self->amount));
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_withdrawal_class_init (KopirWithdrawalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_withdrawal_finalize;
  object_class->get_property = kopir_withdrawal_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Tenge, as the exchange's decimal string. */
  properties[PROP_AMOUNT] =
    g_param_spec_string ("amount", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Milliseconds since the epoch. */
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_withdrawal_init (KopirWithdrawal *self)
{
}

/**
 * kopir_withdrawal_new_from_json:
 * @object: (nullable): the exchange's Withdrawal object
 * @error: return location for a %KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the withdrawal
 */
KopirWithdrawal *
kopir_withdrawal_new_from_json (JsonObject  *object,
                                GError     **error)
{
  g_autoptr(KopirWithdrawal) self = g_object_new (KOPIR_TYPE_WITHDRAWAL, NULL);
  const char *id = kopir_json_object_string (object, "id");
  const char *link_id = kopir_json_object_string (object, "link_id");
  const char *status = kopir_json_object_string (object, "status");

  if (id == NULL || link_id == NULL || status == NULL ||
      !kopir_json_object_decimal (object, "amount", &self->amount) ||
      !kopir_json_object_int (object, "created_at", &self->created_at))
    {
      g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                          0, "not a withdrawal", 0, 0, NULL));
      return NULL;
    }

  self->id = g_strdup (id);
  self->link_id = g_strdup (link_id);
  self->status = g_strdup (status);
  self->client_withdrawal_id = g_strdup (kopir_json_object_string (object, "client_withdrawal_id"));
  self->iban = g_strdup (kopir_json_object_string (object, "iban"));

  return g_steal_pointer (&self);
}

const char *
kopir_withdrawal_get_id (KopirWithdrawal *self)
{
  g_return_val_if_fail (KOPIR_IS_WITHDRAWAL (self), NULL);
  return self->id;
}

/**
 * kopir_withdrawal_get_client_withdrawal_id:
 * @self: a #KopirWithdrawal
 *
 * Returns: (nullable): the id Kopir chose when it asked for the withdrawal
 */
const char *
kopir_withdrawal_get_client_withdrawal_id (KopirWithdrawal *self)
{
  g_return_val_if_fail (KOPIR_IS_WITHDRAWAL (self), NULL);
  return self->client_withdrawal_id;
}

const char *
kopir_withdrawal_get_link_id (KopirWithdrawal *self)
{
  g_return_val_if_fail (KOPIR_IS_WITHDRAWAL (self), NULL);
  return self->link_id;
}

/**
 * kopir_withdrawal_get_iban:
 * @self: a #KopirWithdrawal
 *
 * Returns: (nullable): the account paid to, which stays known after the
 *   link is removed
 */
const char *
kopir_withdrawal_get_iban (KopirWithdrawal *self)
{
  g_return_val_if_fail (KOPIR_IS_WITHDRAWAL (self), NULL);
  return self->iban;
}

KopirDecimal
kopir_withdrawal_get_amount (KopirWithdrawal *self)
{
  g_return_val_if_fail (KOPIR_IS_WITHDRAWAL (self), kopir_decimal_from_int (0));
  return self->amount;
}

/**
 * kopir_withdrawal_get_status:
 * @self: a #KopirWithdrawal
 *
 * Returns: the contract's status, "completed" once handed to the bank
 */
const char *
kopir_withdrawal_get_status (KopirWithdrawal *self)
{
  g_return_val_if_fail (KOPIR_IS_WITHDRAWAL (self), NULL);
  return self->status;
}

gint64
kopir_withdrawal_get_created_at (KopirWithdrawal *self)
{
  g_return_val_if_fail (KOPIR_IS_WITHDRAWAL (self), 0);
  return self->created_at;
}
