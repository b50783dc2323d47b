/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirHistoryPage is the “History” page of the main window: orders, deposits and receipts. */

#define G_LOG_DOMAIN "kopir-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-history-page.h"

struct _KopirHistoryPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (KopirHistoryPage, kopir_history_page, ADW_TYPE_BIN)

static void
kopir_history_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_HISTORY_PAGE);

  G_OBJECT_CLASS (kopir_history_page_parent_class)->dispose (object);
}

static void
kopir_history_page_class_init (KopirHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_history_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-history-page.ui");
}

static void
kopir_history_page_init (KopirHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_history_page_new (void)
{
  return g_object_new (KOPIR_TYPE_HISTORY_PAGE, NULL);
}
