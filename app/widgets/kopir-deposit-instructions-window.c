/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirDepositInstructionsWindow shows how to add tenge: what to type in
 * the bank's app (beneficiary, its IBAN and BIC, КБе 15, КНП 371 and what
 * it means, КОд, the purpose with the customer id), each with a copy
 * button, the rule that the money must come from the customer's own
 * account, and the pilot limit left this month. The same instructions
 * print, or save as a PDF, through the documents library, in the language
 * the "document-language" setting asks for: the screen and the paper draw
 * the very same pages.
 */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kopir-bank-util.h"
#include "kopir-deposit-document.h"
#include "kopir-deposit-instructions-window.h"
#include "kopir-iban.h"
#include "kopir-iin.h"
#include "kopir-money-format.h"
#include "kopir-payment-details.h"

struct _KopirDepositInstructionsWindow
{
  AdwWindow                 parent_instance;

  KopirContext             *context;
  KopirAccountHolder       *holder;
  KopirBankDirectory       *directory;
  KopirDepositInstructions *instructions;
  KopirPilotLimits         *limits;
  GCancellable             *cancellable;
  GtkFileChooserNative     *chooser;
  char                     *iban_grouped;

  /* Template widgets */
  GtkSpinner               *spinner;
  AdwToastOverlay          *toast_overlay;
  AdwActionRow             *beneficiary_row;
  AdwActionRow             *bin_row;
  AdwActionRow             *iban_row;
  AdwActionRow             *bank_row;
  AdwActionRow             *bic_row;
  AdwActionRow             *kbe_row;
  AdwActionRow             *knp_row;
  AdwActionRow             *kod_row;
  AdwActionRow             *purpose_row;
  AdwActionRow             *customer_id_row;
  GtkLabel                 *own_account_label;
  AdwPreferencesGroup      *limit_group;
  AdwActionRow             *limit_row;
  GtkLabel                 *limit_label;
  GtkLabel                 *sandbox_label;
};

G_DEFINE_FINAL_TYPE (KopirDepositInstructionsWindow, kopir_deposit_instructions_window, ADW_TYPE_WINDOW)

static KopirDepositInstructions *
instructions_copy (const KopirDepositInstructions *in)
{
  KopirDepositInstructions *out = g_new0 (KopirDepositInstructions, 1);

  out->beneficiary_name = g_strdup (in->beneficiary_name);
  out->beneficiary_bin = g_strdup (in->beneficiary_bin);
  out->iban = g_strdup (in->iban);
  out->bic = g_strdup (in->bic);
  out->bank_name = g_strdup (in->bank_name);
  out->kbe = g_strdup (in->kbe);
  out->knp = g_strdup (in->knp);
  out->knp_alternative = g_strdup (in->knp_alternative);
  out->kod = g_strdup (in->kod);
  out->purpose = g_strdup (in->purpose);
  out->customer_id = g_strdup (in->customer_id);

  return out;
}

static void
toast (KopirDepositInstructionsWindow *self,
       const char                     *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* The language of printed documents: the customer's (here, the one they
 * use Kopir in) unless the setting names one. */
static const char *
document_language (KopirDepositInstructionsWindow *self)
{
  GSettings *settings = kopir_context_get_settings (self->context);
  g_autofree char *language = NULL;

  if (settings != NULL)
    language = g_settings_get_string (settings, "document-language");

  if (g_strcmp0 (language, "en") == 0)
    return "en";
  if (g_strcmp0 (language, "kk") == 0)
    return "kk";
  if (g_strcmp0 (language, "ru") == 0)
    return "ru";

  return kopir_money_ui_language ();
}

static KopirDocument *
make_document (KopirDepositInstructionsWindow  *self,
               GError                         **error)
{
  KopirDepositDocumentData data = { NULL, };
  KopirPilotLimit limit = { 0, };

  if (self->directory == NULL)
    {
      g_set_error_literal (error, KOPIR_BANK_DIRECTORY_ERROR, KOPIR_BANK_DIRECTORY_ERROR_INVALID,
                           _("Kopir’s list of banks is missing, so it cannot print. Reinstall Kopir."));
      return NULL;
    }

  if (self->limits != NULL)
    {
      limit.limited = self->limits->limited;
      limit.limit_usd = self->limits->limit_usd;
      limit.spent_usd = self->limits->used_usd;
      limit.remaining_usd = self->limits->remaining_usd;
      limit.remaining_kzt = self->limits->remaining_kzt;
      kopir_pilot_month_bounds (g_get_real_time (), &limit.period_start_us, &limit.period_end_us);
      if (self->limits->resets_at > 0)
        limit.period_end_us = self->limits->resets_at * 1000;
      data.limit = &limit;
    }

  data.exchange_name = self->instructions->beneficiary_name;
  data.exchange_bin = self->instructions->beneficiary_bin;
  data.exchange_iban = self->instructions->iban;
  data.knp = self->instructions->knp;
  data.customer_id = self->instructions->customer_id;
  data.customer_name = kopir_account_holder_get_name (self->holder);
  data.customer_iin = kopir_account_holder_get_iin (self->holder);
  data.resident = kopir_account_holder_get_resident (self->holder);
  data.sandbox = kopir_context_get_is_sandbox (self->context);

  return kopir_deposit_document_new (document_language (self), &data, self->directory, error);
}

static void
set_busy (KopirDepositInstructionsWindow *self,
          gboolean                        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "instructions.save-pdf", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "instructions.print", !busy);
}

/* Copying */

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KopirDepositInstructionsWindow *self = KOPIR_DEPOSIT_INSTRUCTIONS_WINDOW (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  const char *value = NULL;
  const char *copied = NULL;

  if (g_str_equal (field, "beneficiary"))
    {
      value = self->instructions->beneficiary_name;
      copied = _("Beneficiary copied");
    }
  else if (g_str_equal (field, "bin"))
    {
      value = self->instructions->beneficiary_bin;
      copied = _("BIN copied");
    }
  else if (g_str_equal (field, "iban"))
    {
      /* Bank apps take the IBAN without spaces. */
      value = self->instructions->iban;
      copied = _("IBAN copied");
    }
  else if (g_str_equal (field, "bic"))
    {
      value = self->instructions->bic;
      copied = _("BIC copied");
    }
  else if (g_str_equal (field, "kbe"))
    {
      value = self->instructions->kbe;
      copied = _("Beneficiary code copied");
    }
  else if (g_str_equal (field, "knp"))
    {
      value = self->instructions->knp;
      copied = _("Payment purpose code copied");
    }
  else if (g_str_equal (field, "kod"))
    {
      value = self->instructions->kod;
      copied = _("Sender code copied");
    }
  else if (g_str_equal (field, "purpose"))
    {
      value = self->instructions->purpose;
      copied = _("Payment purpose copied");
    }
  else if (g_str_equal (field, "customer_id"))
    {
      value = self->instructions->customer_id;
      copied = _("Customer ID copied");
    }

  if (value == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), value);
  toast (self, copied);
}

/* The name of the file the instructions are saved or printed to. */
static char *
file_name (KopirDepositInstructionsWindow *self)
{
  g_autofree char *name = NULL;

  /* Translators: the file name offered for the deposit instructions; %s
   * is the customer id. Keep it free of slashes and end it in .pdf. */
  name = g_strdup_printf (_("kopir-deposit-instructions-%s.pdf"), self->instructions->customer_id);
  g_strdelimit (name, "/\\", '-');

  return g_steal_pointer (&name);
}

/* Saving as PDF */

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KopirDepositInstructionsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!kopir_document_write_pdf_finish (KOPIR_DOCUMENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      /* Translators: %s says why a PDF could not be saved. */
      title = g_strdup_printf (_("The PDF was not saved: %s"), error->message);
      toast (self, title);
      return;
    }

  set_busy (self, FALSE);
  toast (self, _("Instructions saved as PDF"));
}

static void
on_chooser_response (GtkNativeDialog                *chooser,
                     int                             response,
                     KopirDepositInstructionsWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(KopirDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  document = make_document (self, &error);
  if (document == NULL)
    {
      toast (self, error->message);
      return;
    }

  set_busy (self, TRUE);
  kopir_document_write_pdf_async (document, file, self->cancellable, pdf_written_cb,
                                  g_object_ref (self));
}

static void
save_pdf_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KopirDepositInstructionsWindow *self = KOPIR_DEPOSIT_INSTRUCTIONS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Instructions as PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                ? documents : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  name = file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Printing */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                KopirDocument     *document)
{
  guint n_pages = kopir_document_get_n_pages (document,
                                              gtk_print_context_get_width (context),
                                              gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
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

static void
on_print_done (GtkPrintOperation              *operation,
               GtkPrintOperationResult         result,
               KopirDepositInstructionsWindow *self)
{
  set_busy (self, FALSE);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* Translators: %s says why printing failed. */
      title = g_strdup_printf (_("Printing failed: %s"), error != NULL ? error->message : "");
      toast (self, title);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      toast (self, _("Instructions sent to the printer"));
    }
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KopirDepositInstructionsWindow *self = KOPIR_DEPOSIT_INSTRUCTIONS_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(KopirDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = file_name (self);
  GtkPrintOperationResult result;

  document = make_document (self, &error);
  if (document == NULL)
    {
      toast (self, error->message);
      return;
    }

  gtk_page_setup_set_paper_size (setup, a4);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* Printed to a file, it is named as when saved as a PDF. */
  if (g_str_has_suffix (name, ".pdf"))
    name[strlen (name) - strlen (".pdf")] = '\0';
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, name);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_job_name (operation, _("Instructions for adding tenge"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* The document lives as long as the operation. */
  g_object_set_data_full (G_OBJECT (operation), "kopir-document", g_object_ref (document),
                          g_object_unref);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), document);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), document);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);

  set_busy (self, TRUE);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *title = NULL;

      set_busy (self, FALSE);
      title = g_strdup_printf (_("Printing failed: %s"), error != NULL ? error->message : "");
      toast (self, title);
    }
  else if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      set_busy (self, FALSE);
    }
}

static void
fill (KopirDepositInstructionsWindow *self)
{
  const KopirDepositInstructions *ins = self->instructions;
  const char *language = kopir_money_ui_language ();
  const char *bank = kopir_bank_name_for_iban (ins->iban, self->directory, ins->bank_name);
  g_autofree char *knp = NULL;
  g_autofree char *masked_iin = NULL;
  g_autofree char *own = NULL;

  self->iban_grouped = kopir_iban_format (ins->iban);

  adw_action_row_set_subtitle (self->beneficiary_row, ins->beneficiary_name);
  adw_action_row_set_subtitle (self->bin_row, ins->beneficiary_bin);
  adw_action_row_set_subtitle (self->iban_row, self->iban_grouped);
  adw_action_row_set_subtitle (self->bank_row, bank != NULL ? bank : "");
  adw_action_row_set_subtitle (self->bic_row, ins->bic);
  /* Translators: under the beneficiary code 15. */
  adw_action_row_set_subtitle (self->kbe_row, g_strcmp0 (ins->kbe, KOPIR_PAYMENT_KBE_EXCHANGE) == 0
                               ? _("15 — resident legal entity, other non-financial organisation")
                               : ins->kbe);
  /* Translators: the purpose code and what it means, then the code to use
   * where a bank does not offer it: "371 — purchase of digital assets
   * (590 if your bank does not offer 371)". */
  knp = g_strdup_printf (_("%1$s — %2$s (%3$s if your bank does not offer %1$s)"),
                         ins->knp, kopir_payment_describe_knp (ins->knp, language),
                         ins->knp_alternative);
  adw_action_row_set_subtitle (self->knp_row, knp);
  adw_action_row_set_subtitle (self->kod_row,
                               g_strcmp0 (ins->kod, KOPIR_PAYMENT_KOD_RESIDENT_INDIVIDUAL) == 0
                               /* Translators: under the sender code 19. */
                               ? _("19 — resident individual")
                               : ins->kod);
  adw_action_row_set_subtitle (self->purpose_row, ins->purpose);
  adw_action_row_set_subtitle (self->customer_id_row, ins->customer_id);

  masked_iin = kopir_iin_mask (kopir_account_holder_get_iin (self->holder));
  /* Translators: %1$s is the customer's name, %2$s their IIN with all but
   * the last digits hidden. */
  own = g_strdup_printf (_("The bank account you pay from must be in your name: %1$s, IIN %2$s. "
                           "Money sent from anyone else’s account, or from one you have not "
                           "linked, goes back to the sender."),
                         kopir_account_holder_get_name (self->holder), masked_iin);
  gtk_label_set_label (self->own_account_label, own);

  if (self->limits == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->limit_group), FALSE);
    }
  else if (!self->limits->limited)
    {
      gtk_label_set_label (self->limit_label, C_("pilot limit", "No limit"));
      adw_action_row_set_subtitle (self->limit_row,
                                   _("You passed the exchange’s knowledge test, so the monthly "
                                     "limit does not apply to you."));
    }
  else
    {
      g_autofree char *remaining = kopir_money_format (&self->limits->remaining_usd, "USD", language,
                                                       KOPIR_MONEY_FORMAT_DEFAULT);
      g_autofree char *monthly = kopir_money_format (&self->limits->limit_usd, "USD", language,
                                                     KOPIR_MONEY_FORMAT_DEFAULT);
      g_autofree char *kzt = kopir_bank_format_kzt (&self->limits->remaining_kzt);
      g_autofree char *value = NULL;
      g_autofree char *note = NULL;

      /* Translators: the pilot limit left: "$640.00 of $1,000.00". */
      value = g_strdup_printf (_("%1$s of %2$s"), remaining, monthly);
      /* Translators: %s is the limit left, in tenge. */
      note = g_strdup_printf (_("About %s at today’s rate"), kzt);
      gtk_label_set_label (self->limit_label, value);
      adw_action_row_set_subtitle (self->limit_row, note);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sandbox_label), kopir_context_get_is_sandbox (self->context));
}

static void
kopir_deposit_instructions_window_dispose (GObject *object)
{
  KopirDepositInstructionsWindow *self = KOPIR_DEPOSIT_INSTRUCTIONS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_DEPOSIT_INSTRUCTIONS_WINDOW);

  g_clear_object (&self->context);
  g_clear_object (&self->holder);
  g_clear_object (&self->directory);

  G_OBJECT_CLASS (kopir_deposit_instructions_window_parent_class)->dispose (object);
}

static void
kopir_deposit_instructions_window_finalize (GObject *object)
{
  KopirDepositInstructionsWindow *self = KOPIR_DEPOSIT_INSTRUCTIONS_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->instructions, kopir_deposit_instructions_free);
  g_clear_pointer (&self->limits, g_free);
  g_clear_pointer (&self->iban_grouped, g_free);

  G_OBJECT_CLASS (kopir_deposit_instructions_window_parent_class)->finalize (object);
}

static void
kopir_deposit_instructions_window_class_init (KopirDepositInstructionsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_deposit_instructions_window_dispose;
  object_class->finalize = kopir_deposit_instructions_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-deposit-instructions-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, beneficiary_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, bin_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, iban_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, bank_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, bic_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, kbe_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, knp_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, kod_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, customer_id_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, own_account_label);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, limit_group);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, limit_row);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, limit_label);
  gtk_widget_class_bind_template_child (widget_class, KopirDepositInstructionsWindow, sandbox_label);

  gtk_widget_class_install_action (widget_class, "instructions.copy", "s", copy_activated);
  gtk_widget_class_install_action (widget_class, "instructions.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_install_action (widget_class, "instructions.print", NULL, print_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "instructions.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "instructions.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kopir_deposit_instructions_window_init (KopirDepositInstructionsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * kopir_deposit_instructions_window_new:
 * @parent: the window it belongs to
 * @context: the services
 * @instructions: the exchange's deposit instructions; copied
 * @holder: the account holder
 * @limits: (nullable): this month's pilot limit; copied
 * @directory: (nullable): the bank directory, for the bank's name and to
 *   print
 *
 * Returns: (transfer none): a new window, not yet shown
 */
KopirDepositInstructionsWindow *
kopir_deposit_instructions_window_new (GtkWindow                      *parent,
                                       KopirContext                   *context,
                                       const KopirDepositInstructions *instructions,
                                       KopirAccountHolder             *holder,
                                       const KopirPilotLimits         *limits,
                                       KopirBankDirectory             *directory)
{
  KopirDepositInstructionsWindow *self;

  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (instructions != NULL, NULL);
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_HOLDER (holder), NULL);

  self = g_object_new (KOPIR_TYPE_DEPOSIT_INSTRUCTIONS_WINDOW, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->holder = g_object_ref (holder);
  self->directory = directory != NULL ? g_object_ref (directory) : NULL;
  self->instructions = instructions_copy (instructions);
  self->limits = limits != NULL ? g_memdup2 (limits, sizeof *limits) : NULL;

  fill (self);

  return self;
}
