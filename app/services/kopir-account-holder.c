/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-account-holder.c: the name and IIN the exchange verified, which a
 * linked bank account must carry
 *
 * The exchange answers them (GET /bank/v1/holder) so the bank page can
 * show, before anything is tried, whose account may be linked, and send
 * exactly those words with the link. The IIN is personal data: it is kept
 * here for the request and shown masked.
 */

#define G_LOG_DOMAIN "kopir-account-holder"

#include "config.h"

#include "kopir-account-holder.h"
#include "kopir-exchange-error.h"
#include "kopir-iin.h"
#include "kopir-json-private.h"
#include "kopir-payment-details.h"

struct _KopirAccountHolder
{
  GObject   parent_instance;

  char     *customer_id;
  char     *name;
  char     *iin;
  gboolean  resident;
};

G_DEFINE_FINAL_TYPE (KopirAccountHolder, kopir_account_holder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CUSTOMER_ID,
  PROP_NAME,
  PROP_RESIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static void
kopir_account_holder_finalize (GObject *object)
{
  KopirAccountHolder *self = (KopirAccountHolder *)object;

  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->iin, g_free);

  G_OBJECT_CLASS (kopir_account_holder_parent_class)->finalize (object);
}

static void
kopir_account_holder_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KopirAccountHolder *self = KOPIR_ACCOUNT_HOLDER (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_RESIDENT:
      g_value_set_boolean (value, self->resident);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_account_holder_class_init (KopirAccountHolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_account_holder_finalize;
  object_class->get_property = kopir_account_holder_get_property;

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* As in the identity document. The IIN is deliberately no property:
   * nothing should bind personal data to a label by accident. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESIDENT] =
    g_param_spec_boolean ("resident", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_account_holder_init (KopirAccountHolder *self)
{
  self->resident = TRUE;
}

/**
 * kopir_account_holder_new_from_json:
 * @object: (nullable): the exchange's AccountHolder object
 * @error: return location for a %KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the holder, or %NULL when @object
 *   lacks the customer id, a name or a valid IIN
 */
KopirAccountHolder *
kopir_account_holder_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_autoptr(KopirAccountHolder) self = g_object_new (KOPIR_TYPE_ACCOUNT_HOLDER, NULL);
  const char *customer_id = kopir_json_object_string (object, "customer_id");
  const char *name = kopir_json_object_string (object, "holder_name");
  const char *iin = kopir_json_object_string (object, "holder_iin");
  gboolean resident = TRUE;

  if (!kopir_payment_validate_customer_id (customer_id, NULL) ||
      is_blank (name) ||
      !kopir_iin_validate (iin, NULL, NULL))
    {
      g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                          0, "not an account holder", 0, 0, NULL));
      return NULL;
    }

  if (object != NULL && json_object_has_member (object, "resident"))
    kopir_json_object_bool (object, "resident", &resident);

  self->customer_id = g_strdup (customer_id);
  self->name = g_strdup (name);
  self->iin = g_strdup (iin);
  self->resident = resident;

  return g_steal_pointer (&self);
}

/**
 * kopir_account_holder_get_customer_id:
 * @self: a #KopirAccountHolder
 *
 * Returns: the 7-digit customer id
 */
const char *
kopir_account_holder_get_customer_id (KopirAccountHolder *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_HOLDER (self), NULL);
  return self->customer_id;
}

/**
 * kopir_account_holder_get_name:
 * @self: a #KopirAccountHolder
 *
 * Returns: the verified name, as in the identity document
 */
const char *
kopir_account_holder_get_name (KopirAccountHolder *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_HOLDER (self), NULL);
  return self->name;
}

/**
 * kopir_account_holder_get_iin:
 * @self: a #KopirAccountHolder
 *
 * The full IIN, for requests and printed documents; show it masked
 * (kopir_iin_mask()) and never log it.
 *
 * Returns: the verified 12-digit IIN
 */
const char *
kopir_account_holder_get_iin (KopirAccountHolder *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_HOLDER (self), NULL);
  return self->iin;
}

gboolean
kopir_account_holder_get_resident (KopirAccountHolder *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_HOLDER (self), TRUE);
  return self->resident;
}
