/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-deposit.c: an incoming tenge transfer, credited or returned
 *
 * Money from an account that is not the customer's own is returned by the
 * exchange; `return-reason` says why, as the contract's code, for the UI
 * to explain in words.
 */

#define G_LOG_DOMAIN "kopir-deposit"

#include "config.h"

#include "kopir-deposit.h"
#include "kopir-exchange-error.h"
#include "kopir-json-private.h"

struct _KopirDeposit
{
  GObject       parent_instance;

  char         *id;
  KopirDecimal  amount;
  gboolean      credited;
  char         *return_reason;
  char         *sender_iban;
  gint64        created_at;
};

G_DEFINE_FINAL_TYPE (KopirDeposit, kopir_deposit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AMOUNT,
  PROP_CREDITED,
  PROP_RETURN_REASON,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_deposit_finalize (GObject *object)
{
  KopirDeposit *self = (KopirDeposit *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->return_reason, g_free);
  g_clear_pointer (&self->sender_iban, g_free);

  G_OBJECT_CLASS (kopir_deposit_parent_class)->finalize (object);
}

static void
kopir_deposit_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KopirDeposit *self = KOPIR_DEPOSIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_AMOUNT:
      g_value_take_string (value, kopir_decimal_dup_string (&self->amount));
      break;
    case PROP_CREDITED:
      g_value_set_boolean (value, self->credited);
      break;
    case PROP_RETURN_REASON:
      g_value_set_string (value, self->return_reason);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_deposit_class_init (KopirDepositClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_deposit_finalize;
  object_class->get_property = kopir_deposit_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Tenge, as the exchange's decimal string. */
  properties[PROP_AMOUNT] =
    g_param_spec_string ("amount", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREDITED] =
    g_param_spec_boolean ("credited", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RETURN_REASON] =
    g_param_spec_string ("return-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Milliseconds since the epoch. */
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_deposit_init (KopirDeposit *self)
{
}

KopirDeposit *
kopir_deposit_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(KopirDeposit) self = g_object_new (KOPIR_TYPE_DEPOSIT, NULL);
  const char *id = kopir_json_object_string (object, "id");
  const char *status = kopir_json_object_string (object, "status");

  if (id == NULL || status == NULL ||
      !kopir_json_object_decimal (object, "amount", &self->amount) ||
      !kopir_json_object_int (object, "created_at", &self->created_at))
    {
      g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                          0, "not a deposit", 0, 0, NULL));
      return NULL;
    }

  self->id = g_strdup (id);
  self->credited = g_strcmp0 (status, "credited") == 0;
  self->return_reason = g_strdup (kopir_json_object_string (object, "return_reason"));
  self->sender_iban = g_strdup (kopir_json_object_string (object, "sender_iban"));

  return g_steal_pointer (&self);
}

const char *
kopir_deposit_get_id (KopirDeposit *self)
{
  g_return_val_if_fail (KOPIR_IS_DEPOSIT (self), NULL);
  return self->id;
}

KopirDecimal
kopir_deposit_get_amount (KopirDeposit *self)
{
  g_return_val_if_fail (KOPIR_IS_DEPOSIT (self), kopir_decimal_from_int (0));
  return self->amount;
}

gboolean
kopir_deposit_get_credited (KopirDeposit *self)
{
  g_return_val_if_fail (KOPIR_IS_DEPOSIT (self), FALSE);
  return self->credited;
}

/**
 * kopir_deposit_get_return_reason:
 * @self: a #KopirDeposit
 *
 * Returns: (nullable): for a returned transfer, the contract's reason:
 *   unknown_customer, wrong_knp, wrong_kbe, sender_not_linked,
 *   holder_mismatch or invalid_sender_iban
 */
const char *
kopir_deposit_get_return_reason (KopirDeposit *self)
{
  g_return_val_if_fail (KOPIR_IS_DEPOSIT (self), NULL);
  return self->return_reason;
}

const char *
kopir_deposit_get_sender_iban (KopirDeposit *self)
{
  g_return_val_if_fail (KOPIR_IS_DEPOSIT (self), NULL);
  return self->sender_iban;
}

gint64
kopir_deposit_get_created_at (KopirDeposit *self)
{
  g_return_val_if_fail (KOPIR_IS_DEPOSIT (self), 0);
  return self->created_at;
}
