/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirBuyPage is the “Buy” page of the main window: buying crypto-assets with tenge: quotes, the pilot limit and orders. */

#define G_LOG_DOMAIN "kopir-buy-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-buy-page.h"

struct _KopirBuyPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KopirBuyPage, kopir_buy_page, ADW_TYPE_BIN)

static void
kopir_buy_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_BUY_PAGE);

  G_OBJECT_CLASS (kopir_buy_page_parent_class)->dispose (object);
}

static void
kopir_buy_page_class_init (KopirBuyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_buy_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-buy-page.ui");
}

static void
kopir_buy_page_init (KopirBuyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_buy_page_new (void)
{
  return g_object_new (KOPIR_TYPE_BUY_PAGE, NULL);
}
