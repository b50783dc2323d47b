/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirBankPage is the “Bank” page of the main window: the linked tenge bank account, deposits and withdrawals. */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-bank-page.h"

struct _KopirBankPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KopirBankPage, kopir_bank_page, ADW_TYPE_BIN)

static void
kopir_bank_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_BANK_PAGE);

  G_OBJECT_CLASS (kopir_bank_page_parent_class)->dispose (object);
}

static void
kopir_bank_page_class_init (KopirBankPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_bank_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-bank-page.ui");
}

static void
kopir_bank_page_init (KopirBankPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_bank_page_new (void)
{
  return g_object_new (KOPIR_TYPE_BANK_PAGE, NULL);
}
