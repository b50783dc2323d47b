/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirBankPage is the “Bank” page of the main window: the linked tenge bank account, deposits and withdrawals. */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-bank-page.h"

struct _KopirBankPage
{
  AdwBin        parent_instance;

  KopirContext *context;
};

G_DEFINE_FINAL_TYPE (KopirBankPage, kopir_bank_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_bank_page_dispose (GObject *object)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_BANK_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_bank_page_parent_class)->dispose (object);
}

static void
kopir_bank_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_bank_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kopir_bank_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_bank_page_class_init (KopirBankPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_bank_page_dispose;
  object_class->get_property = kopir_bank_page_get_property;
  object_class->set_property = kopir_bank_page_set_property;

  /**
   * KopirBankPage:context:
   *
   * The services the page works with. The window sets it once, after
   * building its template.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KOPIR_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-bank-page.ui");
}

static void
kopir_bank_page_init (KopirBankPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_bank_page_new (KopirContext  *context)
{
  return g_object_new (KOPIR_TYPE_BANK_PAGE,
                       "context", context,
                       NULL);
}

/**
 * kopir_bank_page_get_context:
 * @self: a #KopirBankPage
 *
 * Returns: (transfer none) (nullable): the page's services
 */
KopirContext *
kopir_bank_page_get_context (KopirBankPage *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_PAGE (self), NULL);

  return self->context;
}

/**
 * kopir_bank_page_set_context:
 * @self: a #KopirBankPage
 * @context: the services the page works with
 *
 * Sets the page's services, once: a page is never moved from one context
 * to another.
 */
void
kopir_bank_page_set_context (KopirBankPage *self,
                             KopirContext  *context)
{
  g_return_if_fail (KOPIR_IS_BANK_PAGE (self));
  g_return_if_fail (context == NULL || KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
