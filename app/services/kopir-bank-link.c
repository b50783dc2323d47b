/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-bank-link.c: a tenge bank account linked to the exchange account */

#define G_LOG_DOMAIN "kopir-bank-link"

#include "config.h"

#include "kopir-bank-link.h"
#include "kopir-exchange-error.h"
#include "kopir-json-private.h"

struct _KopirBankLink
{
  GObject  parent_instance;

  char    *id;
  char    *iban;
  char    *bank_name;
  char    *bic;
  char    *holder_name;
};

G_DEFINE_FINAL_TYPE (KopirBankLink, kopir_bank_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_IBAN,
  PROP_BANK_NAME,
  PROP_BIC,
  PROP_HOLDER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_bank_link_finalize (GObject *object)
{
  KopirBankLink *self = (KopirBankLink *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->iban, g_free);
  g_clear_pointer (&self->bank_name, g_free);
  g_clear_pointer (&self->bic, g_free);
  g_clear_pointer (&self->holder_name, g_free);

  G_OBJECT_CLASS (kopir_bank_link_parent_class)->finalize (object);
}

static void
kopir_bank_link_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KopirBankLink *self = KOPIR_BANK_LINK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_IBAN:
      g_value_set_string (value, self->iban);
      break;
    case PROP_BANK_NAME:
      g_value_set_string (value, self->bank_name);
      break;
    case PROP_BIC:
      g_value_set_string (value, self->bic);
      break;
    case PROP_HOLDER_NAME:
      g_value_set_string (value, self->holder_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_bank_link_class_init (KopirBankLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "id", "iban", "bank-name", "bic", "holder-name" };

  object_class->finalize = kopir_bank_link_finalize;
  object_class->get_property = kopir_bank_link_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_bank_link_init (KopirBankLink *self)
{
}

KopirBankLink *
kopir_bank_link_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(KopirBankLink) self = g_object_new (KOPIR_TYPE_BANK_LINK, NULL);
  const char *id = kopir_json_object_string (object, "id");
  const char *iban = kopir_json_object_string (object, "iban");

  if (id == NULL || iban == NULL)
    {
      g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                          0, "not a bank link", 0, 0, NULL));
      return NULL;
    }

  self->id = g_strdup (id);
  self->iban = g_strdup (iban);
  self->bank_name = g_strdup (kopir_json_object_string (object, "bank_name"));
  self->bic = g_strdup (kopir_json_object_string (object, "bic"));
  self->holder_name = g_strdup (kopir_json_object_string (object, "holder_name"));

  return g_steal_pointer (&self);
}

const char *
kopir_bank_link_get_id (KopirBankLink *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_LINK (self), NULL);
  return self->id;
}

const char *
kopir_bank_link_get_iban (KopirBankLink *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_LINK (self), NULL);
  return self->iban;
}

const char *
kopir_bank_link_get_bank_name (KopirBankLink *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_LINK (self), NULL);
  return self->bank_name;
}

const char *
kopir_bank_link_get_bic (KopirBankLink *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_LINK (self), NULL);
  return self->bic;
}

const char *
kopir_bank_link_get_holder_name (KopirBankLink *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_LINK (self), NULL);
  return self->holder_name;
}
