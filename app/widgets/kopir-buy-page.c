/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirBuyPage is the “Buy” page of the main window: buying crypto-assets with tenge: quotes, the pilot limit and orders. */

#define G_LOG_DOMAIN "kopir-buy-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-buy-page.h"

struct _KopirBuyPage
{
  AdwBin        parent_instance;

  KopirContext *context;
};

G_DEFINE_FINAL_TYPE (KopirBuyPage, kopir_buy_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_buy_page_dispose (GObject *object)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_BUY_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_buy_page_parent_class)->dispose (object);
}

static void
kopir_buy_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (object);

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
kopir_buy_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KopirBuyPage *self = KOPIR_BUY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kopir_buy_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_buy_page_class_init (KopirBuyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_buy_page_dispose;
  object_class->get_property = kopir_buy_page_get_property;
  object_class->set_property = kopir_buy_page_set_property;

  /**
   * KopirBuyPage:context:
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
                                               "/io/github/kopir/Kopir/kopir-buy-page.ui");
}

static void
kopir_buy_page_init (KopirBuyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_buy_page_new (KopirContext *context)
{
  return g_object_new (KOPIR_TYPE_BUY_PAGE,
                       "context", context,
                       NULL);
}

/**
 * kopir_buy_page_get_context:
 * @self: a #KopirBuyPage
 *
 * Returns: (transfer none) (nullable): the page's services
 */
KopirContext *
kopir_buy_page_get_context (KopirBuyPage *self)
{
  g_return_val_if_fail (KOPIR_IS_BUY_PAGE (self), NULL);

  return self->context;
}

/**
 * kopir_buy_page_set_context:
 * @self: a #KopirBuyPage
 * @context: the services the page works with
 *
 * Sets the page's services, once: a page is never moved from one context
 * to another.
 */
void
kopir_buy_page_set_context (KopirBuyPage *self,
                            KopirContext *context)
{
  g_return_if_fail (KOPIR_IS_BUY_PAGE (self));
  g_return_if_fail (context == NULL || KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
