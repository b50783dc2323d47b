/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Printing a KopirDocument with GtkPrintOperation: the print dialog for
 * paper, or an export straight to a PDF file (which needs no printer). The
 * pages are the document's own, drawn in points on whatever paper the
 * printer has, so the paper and the PDF say the same in the same place.
 */

#define G_LOG_DOMAIN "kopir-print"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-document-printer.h"

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                KopirDocument     *document)
{
  guint n = kopir_document_get_n_pages (document,
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (n, 1));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              KopirDocument     *document)
{
  kopir_document_draw_page (document, gtk_print_context_get_cairo_context (context), page_nr,
                            gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
}

typedef struct
{
  KopirDocument     *document;
  GtkPrintOperation *running;
  gboolean           returned;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_object (&data->running);
  g_clear_object (&data->document);
  g_free (data);
}

/* GTK may or may not send ::done before gtk_print_operation_run() returns;
 * whichever comes first answers the task. */
static void
return_result (GTask                   *task,
               GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GError                  *error)
{
  PrintData *data = g_task_get_task_data (task);
  GError *op_error = NULL;

  if (data->returned || result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      g_clear_error (&error);
      return;
    }
  data->returned = TRUE;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      g_task_return_boolean (task, TRUE);
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Printing was cancelled."));
      break;

    case GTK_PRINT_OPERATION_RESULT_ERROR:
      gtk_print_operation_get_error (operation, &op_error);
      if (op_error != NULL)
        g_task_return_error (task, op_error);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                                 _("The document could not be printed. Check the printer and try again."));
      break;

    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      g_assert_not_reached ();
    }
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         GTask                   *task)
{
  PrintData *data = g_task_get_task_data (task);

  return_result (task, operation, result, NULL);
  /* The dialog is gone: the operation may go too. */
  g_clear_object (&data->running);
}

/**
 * kopir_document_print_async:
 * @document: what to print
 * @parent: (nullable): the window the print dialog belongs to
 * @export_file: (nullable): a local file to write a PDF to instead of
 *   printing; no dialog is shown
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when printed, exported, cancelled or failed
 * @user_data: data for @callback
 *
 * Prints @document through the print dialog, or exports it to a PDF.
 */
void
kopir_document_print_async (KopirDocument       *document,
                            GtkWindow           *parent,
                            GFile               *export_file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GTask) task = NULL;
  GtkPrintOperationResult result;
  GError *error = NULL;
  PrintData *data;

  g_return_if_fail (KOPIR_IS_DOCUMENT (document));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (export_file == NULL || G_IS_FILE (export_file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_document_print_async);
  data = g_new0 (PrintData, 1);
  data->document = g_object_ref (document);
  g_task_set_task_data (task, data, (GDestroyNotify) print_data_free);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (kopir_document_get_title (document) != NULL)
    gtk_print_operation_set_job_name (operation, kopir_document_get_title (document));
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_begin_print), document, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page), document, 0);
  /* The operation keeps the task until it is finalized. */
  g_signal_connect_data (operation, "done", G_CALLBACK (on_done), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  if (export_file != NULL)
    {
      g_autofree char *path = g_file_get_path (export_file);

      if (path == NULL)
        {
          data->returned = TRUE;
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                                   _("Choose a folder on this computer for the PDF."));
          return;
        }
      gtk_print_operation_set_export_filename (operation, path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, &error);
    }
  else
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
      if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
        data->running = g_object_ref (operation);
    }

  return_result (task, operation, result, error);
}

/**
 * kopir_document_print_finish:
 * @result: the result
 * @error: %G_IO_ERROR_CANCELLED if the person cancelled, or why it failed
 *
 * Returns: %TRUE once printed or exported
 */
gboolean
kopir_document_print_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
