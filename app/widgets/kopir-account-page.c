/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirAccountPage is the “Account” page of the main window: the exchange account: opening it, identity checks and its state. */

#define G_LOG_DOMAIN "kopir-account-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-account-page.h"

struct _KopirAccountPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KopirAccountPage, kopir_account_page, ADW_TYPE_BIN)

static void
kopir_account_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_ACCOUNT_PAGE);

  G_OBJECT_CLASS (kopir_account_page_parent_class)->dispose (object);
}

static void
kopir_account_page_class_init (KopirAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_account_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-account-page.ui");
}

static void
kopir_account_page_init (KopirAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_account_page_new (void)
{
  return g_object_new (KOPIR_TYPE_ACCOUNT_PAGE, NULL);
}
