/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirAssistedShell turns the main window into a branch desk. It takes the
 * window's content (header bar, banners and pages) into its own stack, next
 * to the screens of assisted mode, and shows one of them at a time:
 *
 *   sign-in   nobody is signed in
 *   desk      staff signed in, between customers
 *   main      a customer is served: the window's pages, with the assisted
 *             bar under the header bar saying who serves whom
 *   handover  the screen is the customer's (consents, their code)
 *   lock      the desk was left alone; customer data is hidden
 *
 * Whatever is not shown is also hidden from the accessibility tree, so a
 * locked or handed-over screen gives nothing of the staff's view away.
 *
 * It locks the desk after `idle-lock-minutes` without a key press, click,
 * scroll or pointer movement in the window; ends the customer's session
 * and signs out before the window closes; and prints the customer's
 * documents, in the customer's language, through the print dialog or to a
 * PDF that is wiped with the session.
 */

#define G_LOG_DOMAIN "kopir-assisted"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-assisted-bar.h"
#include "kopir-assisted-shell.h"
#include "kopir-customer-start-page.h"
#include "kopir-document-printer.h"
#include "kopir-handover-page.h"
#include "kopir-history-model.h"
#include "kopir-lock-page.h"
#include "kopir-receipt-document.h"
#include "kopir-staff-sign-in-page.h"
#include "kopir-supervisor-window.h"

typedef enum
{
  HANDOVER_NONE,
  HANDOVER_CONSENT,
  HANDOVER_IDENTIFY,
  HANDOVER_CONFIRM,
} Handover;

typedef struct
{
  KopirDocumentProvider provider;
  gpointer              user_data;
  GDestroyNotify        destroy;
} Provider;

struct _KopirAssistedShell
{
  AdwBin                parent_instance;

  KopirAssistedSession *session;
  GSettings            *settings;
  GtkWindow            *window;
  GtkWidget            *content;
  GtkWidget            *bar;
  GCancellable         *cancellable;
  GSimpleActionGroup   *actions;
  GHashTable           *providers;

  GtkWidget            *sign_in_page;
  GtkWidget            *desk_page;
  GtkWidget            *lock_page;
  GtkWidget            *handover_page;

  Handover              handover;
  GTask                *confirmation;
  char                 *desk_message;

  gint64                last_activity;
  guint                 idle_source;
  gboolean              closing;
  gboolean              may_close;

  AdwToastOverlay      *toasts;

  /* The customer's purchases, followed for their receipts. */
  KopirPurchaseManager *manager;

  /* Template widgets */
  GtkStack             *stack;
  GtkBox               *main_box;
};

G_DEFINE_FINAL_TYPE (KopirAssistedShell, kopir_assisted_shell, ADW_TYPE_BIN)

static void on_purchase_manager_changed (KopirAssistedShell *self);

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_idle_lock (KopirAssistedShell *self);

static void
provider_free (Provider *provider)
{
  if (provider->destroy != NULL)
    provider->destroy (provider->user_data);
  g_free (provider);
}

static void
toast (KopirAssistedShell *self,
       const char         *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toasts, t);
}

static void
set_action_enabled (KopirAssistedShell *self,
                    const char         *name,
                    gboolean            enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The page to show follows from the session and the hand-over. */
static const char *
current_page (KopirAssistedShell *self)
{
  if (kopir_assisted_session_get_locked (self->session))
    return "lock";
  if (self->handover != HANDOVER_NONE)
    return "handover";

  switch (kopir_assisted_session_get_state (self->session))
    {
    case KOPIR_ASSISTED_STATE_READY:
      return "desk";
    case KOPIR_ASSISTED_STATE_SERVING:
      return "main";
    case KOPIR_ASSISTED_STATE_IDENTIFYING:
      return "handover";
    case KOPIR_ASSISTED_STATE_SIGNED_OUT:
    default:
      return "sign-in";
    }
}

/* Other windows of Kopir (Preferences, the audit trail, About) would
 * stay on top of a locked or handed-over screen: they close. */
static void
close_other_windows (KopirAssistedShell *self)
{
  GtkApplication *app = self->window != NULL ? gtk_window_get_application (self->window) : NULL;
  GList *windows = app != NULL ? gtk_application_get_windows (app) : NULL;

  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      if (window != self->window)
        gtk_window_destroy (window);
    }
}

static void
update_page (KopirAssistedShell *self)
{
  const char *page = current_page (self);
  gboolean staff_view = g_str_equal (page, "main") || g_str_equal (page, "desk");
  gboolean signed_in = kopir_assisted_session_get_state (self->session) != KOPIR_ASSISTED_STATE_SIGNED_OUT;
  gboolean serving = kopir_assisted_session_get_customer_kind (self->session) != KOPIR_CUSTOMER_KIND_NONE;
  const char *shown = gtk_stack_get_visible_child_name (self->stack);
  GtkWidget *pages[] = { self->sign_in_page, self->desk_page, GTK_WIDGET (self->main_box),
                         self->lock_page, self->handover_page };
  const char *names[] = { "sign-in", "desk", "main", "lock", "handover" };

  /* Only the page shown exists for the eye and the accessibility bus. The
   * new one is shown and takes the focus before the old one goes, so that
   * no hidden field keeps the keyboard. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (names[i], page))
      gtk_widget_set_visible (pages[i], TRUE);
  gtk_stack_set_visible_child_name (self->stack, page);

  if (g_strcmp0 (shown, page) != 0)
    {
      if (g_str_equal (page, "lock"))
        kopir_lock_page_reset (KOPIR_LOCK_PAGE (self->lock_page));
      else if (g_str_equal (page, "sign-in"))
        gtk_widget_grab_focus (self->sign_in_page);
      else if (g_str_equal (page, "desk"))
        {
          kopir_customer_start_page_set_message (KOPIR_CUSTOMER_START_PAGE (self->desk_page),
                                                 self->desk_message);
          gtk_widget_grab_focus (self->desk_page);
        }
      else if (g_str_equal (page, "handover"))
        gtk_widget_grab_focus (self->handover_page);
      else if (g_str_equal (page, "main") && self->content != NULL)
        gtk_widget_child_focus (self->content, GTK_DIR_TAB_FORWARD);
    }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (!g_str_equal (names[i], page))
      gtk_widget_set_visible (pages[i], FALSE);

  if (g_str_equal (page, "lock") || g_str_equal (page, "handover"))
    close_other_windows (self);

  set_action_enabled (self, "lock", signed_in && staff_view);
  set_action_enabled (self, "end-session", serving && g_str_equal (page, "main"));
  set_action_enabled (self, "sign-out", signed_in);
  set_action_enabled (self, "audit-trail", signed_in && staff_view);
  set_action_enabled (self, "print", serving && g_str_equal (page, "main"));
  set_action_enabled (self, "save-pdf", serving && g_str_equal (page, "main"));
  if (self->window != NULL && gtk_window_get_application (self->window) != NULL)
    {
      GAction *preferences = g_action_map_lookup_action (G_ACTION_MAP (gtk_window_get_application (self->window)),
                                                         "preferences");

      if (preferences != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (preferences), staff_view);
    }

  schedule_idle_lock (self);
}

/* Idle lock */

static gboolean
idle_check_cb (gpointer user_data)
{
  KopirAssistedShell *self = user_data;

  self->idle_source = 0;
  schedule_idle_lock (self);
  return G_SOURCE_REMOVE;
}

/* One timer, set for when the desk would become idle; activity only moves
 * a timestamp, and the timer looks again when it fires. */
static void
schedule_idle_lock (KopirAssistedShell *self)
{
  gint64 timeout_us = (gint64) g_settings_get_uint (self->settings, "idle-lock-minutes") * 60 * G_USEC_PER_SEC;
  gint64 idle_for = g_get_monotonic_time () - self->last_activity;
  gboolean watching = kopir_assisted_session_get_state (self->session) != KOPIR_ASSISTED_STATE_SIGNED_OUT &&
                      !kopir_assisted_session_get_locked (self->session);

  if (!watching)
    {
      g_clear_handle_id (&self->idle_source, g_source_remove);
      return;
    }

  if (idle_for >= timeout_us)
    {
      g_clear_handle_id (&self->idle_source, g_source_remove);
      kopir_assisted_session_lock (self->session, "idle");
      return;
    }

  if (self->idle_source == 0)
    self->idle_source = g_timeout_add_seconds ((guint) ((timeout_us - idle_for) / G_USEC_PER_SEC) + 1,
                                               idle_check_cb, self);
}

static void
note_activity (KopirAssistedShell *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KopirAssistedShell    *self)
{
  note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_pointer_moved (GtkEventControllerMotion *controller,
                  double                    x,
                  double                    y,
                  KopirAssistedShell       *self)
{
  note_activity (self);
}

static void
on_clicked (GtkGestureClick    *gesture,
            int                 n_press,
            double              x,
            double              y,
            KopirAssistedShell *self)
{
  note_activity (self);
}

static gboolean
on_scrolled (GtkEventControllerScroll *controller,
             double                    dx,
             double                    dy,
             KopirAssistedShell       *self)
{
  note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_idle_lock_minutes_changed (KopirAssistedShell *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  schedule_idle_lock (self);
}

/* Documents */

static const char *
document_language (KopirAssistedShell *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "document-language");
  const char *customer = kopir_assisted_session_get_customer_language (self->session);

  if (g_strcmp0 (setting, "en") == 0)
    return "en";
  if (g_strcmp0 (setting, "kk") == 0)
    return "kk";
  if (g_strcmp0 (setting, "ru") == 0)
    return "ru";
  return customer != NULL ? customer : "kk";
}

static KopirDocument *
build_document (KopirAssistedShell  *self,
                const char          *name,
                GError             **error)
{
  Provider *provider = g_hash_table_lookup (self->providers, name);

  if (provider == NULL)
    {
      if (g_str_equal (name, "receipt"))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("There is no receipt to print: the customer has not bought anything in "
                               "this session."));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("There is no application to print: the customer has not submitted one "
                               "in this session."));
      return NULL;
    }

  return provider->provider (document_language (self), provider->user_data, error);
}

typedef struct
{
  KopirAssistedShell *self;
  char               *document;
  char               *language;
  GFile              *file;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_object_unref (job->self);
  g_free (job->document);
  g_free (job->language);
  g_clear_object (&job->file);
  g_free (job);
}

static void
printed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PrintJob *job = user_data;
  KopirAssistedShell *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  const char *outcome = "ok";

  if (!kopir_document_print_finish (result, &error))
    outcome = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "cancelled" : "failed";

  details = kopir_audit_details ("document", job->document,
                                 "language", job->language,
                                 "output", job->file != NULL ? "pdf" : "printer",
                                 NULL);
  kopir_assisted_session_record (self->session, KOPIR_AUDIT_ACTION_DOCUMENT_PRINT, outcome, details);

  if (error == NULL && job->file != NULL)
    {
      g_autofree char *path = g_file_get_path (job->file);

      /* A saved copy is the customer's data like any other: it goes with
       * the session. */
      kopir_customer_wipe_add_path (kopir_assisted_session_get_wipe (self->session), path);
      toast (self, _("The PDF was saved. It is removed from this computer when the session ends."));
    }
  else if (error == NULL)
    {
      toast (self, _("Sent to the printer."));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      toast (self, error->message);
    }

  print_job_free (job);
}

static void
start_print (KopirAssistedShell *self,
             const char         *name,
             GFile              *file)
{
  g_autoptr(KopirDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  PrintJob *job;

  document = build_document (self, name, &error);
  if (document == NULL)
    {
      toast (self, error->message);
      return;
    }

  job = g_new0 (PrintJob, 1);
  job->self = g_object_ref (self);
  job->document = g_strdup (name);
  job->language = g_strdup (kopir_document_get_language (document));
  job->file = file != NULL ? g_object_ref (file) : NULL;
  kopir_document_print_async (document, self->window, file, self->cancellable, printed_cb, job);
}

static void
print_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  start_print (KOPIR_ASSISTED_SHELL (user_data), g_variant_get_string (parameter, NULL), NULL);
}

typedef struct
{
  KopirAssistedShell *self;
  char               *document;
} SaveRequest;

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  SaveRequest     *request)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    start_print (request->self, request->document, file);

  g_object_unref (request->self);
  g_free (request->document);
  g_free (request);
  g_object_unref (dialog);
}

static void
save_pdf_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (user_data);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(KopirDocument) probe = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileChooserNative *chooser;
  SaveRequest *request;

  /* Say at once when there is nothing to save, before asking where. */
  probe = build_document (self, name, &error);
  if (probe == NULL)
    {
      toast (self, error->message);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), self->window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     g_str_equal (name, "receipt")
                                     /* Translators: a file name. */
                                     ? _("receipt.pdf") : _("application.pdf"));
  request = g_new0 (SaveRequest, 1);
  request->self = g_object_ref (self);
  request->document = g_strdup (name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Ending and signing out */

static void
end_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(KopirAssistedShell) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_assisted_session_end_customer_finish (KOPIR_ASSISTED_SESSION (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
        return;
      toast (self, error->message);
    }
}

static void
end_customer (KopirAssistedShell    *self,
              KopirSessionEndReason  reason,
              const char            *desk_message)
{
  g_free (self->desk_message);
  self->desk_message = g_strdup (desk_message);
  kopir_assisted_session_end_customer_async (self->session, reason, NULL, end_cb, g_object_ref (self));
}

static void
on_end_response (AdwMessageDialog   *dialog,
                 const char         *response,
                 KopirAssistedShell *self)
{
  if (g_strcmp0 (response, "end") == 0)
    end_customer (self, KOPIR_SESSION_END_STAFF,
                  _("The session ended. Nothing of the customer is kept on this computer."));
}

static gboolean
purchase_unresolved (KopirAssistedShell *self)
{
  KopirContext *context = kopir_assisted_session_get_context (self->session);
  KopirPurchaseManager *manager = kopir_context_get_purchase_manager (context);
  GListModel *purchases = manager != NULL ? kopir_purchase_manager_get_purchases (manager) : NULL;
  guint n = purchases != NULL ? g_list_model_get_n_items (purchases) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);
      KopirPurchaseState state = kopir_purchase_get_state (purchase);

      if (state == KOPIR_PURCHASE_STATE_SENDING || state == KOPIR_PURCHASE_STATE_CHECKING)
        return TRUE;
    }

  return FALSE;
}

static void
explain_unresolved_purchase (KopirAssistedShell *self,
                             const char         *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (self->window, _("A Purchase Is Still Being Checked"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
end_session_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (user_data);
  GtkWidget *dialog;

  /* The session's end wipes the ledger that says what became of an order
   * whose answer was lost: the customer must learn it first. */
  if (purchase_unresolved (self))
    {
      explain_unresolved_purchase (self,
                                   _("Kopir is asking the exchange what became of the customer’s "
                                     "order. Wait until the order shows as bought or not bought, "
                                     "tell the customer, then end the session."));
      return;
    }

  dialog = adw_message_dialog_new (self->window, _("End the Customer’s Session?"),
                                   _("Everything Kopir holds of this customer is removed from this "
                                     "computer: what was typed, drafts and saved documents. Print what "
                                     "they need to take with them first."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "end", _("_End Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_end_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KopirAssistedShell) self = user_data;

  kopir_assisted_session_sign_out_finish (KOPIR_ASSISTED_SESSION (object), result, NULL);
  kopir_staff_sign_in_page_reset (KOPIR_STAFF_SIGN_IN_PAGE (self->sign_in_page));
}

static void
sign_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (user_data);

  g_clear_pointer (&self->desk_message, g_free);
  kopir_assisted_session_sign_out_async (self->session, NULL, signed_out_cb, g_object_ref (self));
}

static void
lock_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (user_data);

  kopir_assisted_session_lock (self->session, "staff");
}

static void
audit_trail_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (user_data);
  KopirSupervisorWindow *window = kopir_supervisor_window_new (self->session);

  gtk_window_set_transient_for (GTK_WINDOW (window), self->window);
  if (self->window != NULL)
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (self->window));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry action_entries[] = {
  { "sign-out", sign_out_activated },
  { "lock", lock_activated },
  { "end-session", end_session_activated },
  { "audit-trail", audit_trail_activated },
  { "print", print_activated, "s" },
  { "save-pdf", save_pdf_activated, "s" },
};

/* Closing the window in the middle of a session ends it first. */

static void
closing_signed_out_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(KopirAssistedShell) self = user_data;
  GApplication *app = self->window ? G_APPLICATION (gtk_window_get_application (self->window)) : NULL;

  kopir_assisted_session_sign_out_finish (KOPIR_ASSISTED_SESSION (object), result, NULL);
  self->may_close = TRUE;
  if (self->window != NULL)
    gtk_window_close (self->window);
  if (app != NULL)
    g_application_release (app);
}

static void
closing_ended_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KopirAssistedShell *self = user_data;

  /* Whatever could not be wiped is reported in the problem property and
   * the audit trail; closing goes on. */
  kopir_assisted_session_end_customer_finish (KOPIR_ASSISTED_SESSION (object), result, NULL, NULL);
  kopir_assisted_session_sign_out_async (self->session, NULL, closing_signed_out_cb, self);
}

static gboolean
on_close_request (GtkWindow          *window,
                  KopirAssistedShell *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  if (self->may_close || kopir_assisted_session_get_state (self->session) == KOPIR_ASSISTED_STATE_SIGNED_OUT)
    return GDK_EVENT_PROPAGATE;

  /* Closing ends the customer's session too, and with it the ledger that
   * says what became of an order whose answer was lost. */
  if (!self->closing && purchase_unresolved (self))
    {
      explain_unresolved_purchase (self,
                                   _("Kopir is asking the exchange what became of the customer’s "
                                     "order. Wait until the order shows as bought or not bought, "
                                     "tell the customer, then close Kopir."));
      return GDK_EVENT_STOP;
    }

  if (!self->closing)
    {
      self->closing = TRUE;
      /* Keep running until the customer's data is wiped and the staff
       * member signed out; then the window closes for good. */
      if (app != NULL)
        g_application_hold (app);
      if (kopir_assisted_session_get_customer_kind (self->session) != KOPIR_CUSTOMER_KIND_NONE)
        kopir_assisted_session_end_customer_async (self->session, KOPIR_SESSION_END_WINDOW_CLOSED, NULL,
                                                   closing_ended_cb, g_object_ref (self));
      else
        kopir_assisted_session_sign_out_async (self->session, NULL, closing_signed_out_cb, g_object_ref (self));
    }

  return GDK_EVENT_STOP;
}

/* Hand-overs */

static void
begin_handover (KopirAssistedShell *self,
                Handover            handover)
{
  self->handover = handover;
  update_page (self);
}

static void
on_new_customer (KopirCustomerStartPage *page,
                 const char             *language,
                 KopirAssistedShell     *self)
{
  g_clear_pointer (&self->desk_message, g_free);
  kopir_assisted_session_start_new_customer (self->session, language);
  kopir_handover_page_begin_consent (KOPIR_HANDOVER_PAGE (self->handover_page), language);
  begin_handover (self, HANDOVER_CONSENT);
}

static void
record_handover (KopirAssistedShell *self,
                 const char         *purpose,
                 const char         *outcome)
{
  g_autofree char *details = NULL;

  details = kopir_audit_details ("purpose", purpose,
                                 "version", g_str_equal (purpose, "consent") ? KOPIR_HANDOVER_CONSENT_VERSION : NULL,
                                 NULL);
  kopir_assisted_session_record (self->session, KOPIR_AUDIT_ACTION_CUSTOMER_HANDOVER, outcome, details);
}

static void
on_consent (KopirHandoverPage  *page,
            gboolean            accepted,
            KopirAssistedShell *self)
{
  record_handover (self, "consent", accepted ? "ok" : "refused");
  kopir_handover_page_hand_back (page, accepted);
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirAssistedShell) self = user_data;
  KopirHandoverPage *page = KOPIR_HANDOVER_PAGE (self->handover_page);
  g_autoptr(GError) error = NULL;

  if (kopir_assisted_session_verify_code_finish (KOPIR_ASSISTED_SESSION (object), result, &error))
    {
      record_handover (self, "identify", "ok");
      kopir_handover_page_hand_back (page, TRUE);
      return;
    }

  if (g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_CODE))
    {
      KopirStaffClient *staff = kopir_assisted_session_get_staff_client (self->session);

      kopir_handover_page_show_wrong_code (page, kopir_staff_client_get_attempts_left (staff));
      return;
    }
  if (g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_EXPIRED))
    return;

  record_handover (self, "identify", "failed");
  g_free (self->desk_message);
  self->desk_message = g_strdup (error->message);
  kopir_handover_page_hand_back (page, FALSE);
}

static void
confirm_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KopirAssistedShell) self = user_data;
  KopirHandoverPage *page = KOPIR_HANDOVER_PAGE (self->handover_page);
  g_autoptr(GError) error = NULL;

  if (self->confirmation == NULL)
    return;

  if (kopir_assisted_session_confirm_finish (KOPIR_ASSISTED_SESSION (object), result, &error))
    {
      g_task_set_task_data (self->confirmation, GINT_TO_POINTER (TRUE), NULL);
      kopir_handover_page_hand_back (page, TRUE);
      return;
    }

  if (g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_CODE))
    {
      KopirStaffClient *staff = kopir_assisted_session_get_staff_client (self->session);

      kopir_handover_page_show_wrong_code (page, kopir_staff_client_get_attempts_left (staff));
      return;
    }

  g_object_set_data_full (G_OBJECT (self->confirmation), "error", g_error_copy (error),
                          (GDestroyNotify) g_error_free);
  kopir_handover_page_hand_back (page, FALSE);
}

static void
on_code (KopirHandoverPage  *page,
         const char         *code,
         KopirAssistedShell *self)
{
  kopir_handover_page_set_busy (page, TRUE);

  if (self->handover == HANDOVER_IDENTIFY)
    kopir_assisted_session_verify_code_async (self->session, code, self->cancellable, verify_cb,
                                              g_object_ref (self));
  else if (self->handover == HANDOVER_CONFIRM && self->confirmation != NULL)
    kopir_assisted_session_confirm_async (self->session, code,
                                          g_object_get_data (G_OBJECT (self->confirmation), "details"),
                                          self->cancellable, confirm_cb, g_object_ref (self));
}

static void
finish_confirmation (KopirAssistedShell *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->confirmation);
  GError *error;

  if (task == NULL)
    return;

  if (g_task_get_task_data (task) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  error = g_object_get_data (G_OBJECT (task), "error");
  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                             _("The customer did not confirm."));
}

static void
on_handover_cancelled (KopirHandoverPage  *page,
                       KopirAssistedShell *self)
{
  Handover handover = self->handover;

  self->handover = HANDOVER_NONE;

  switch (handover)
    {
    case HANDOVER_CONSENT:
      record_handover (self, "consent", "cancelled");
      end_customer (self, KOPIR_SESSION_END_CANCELLED, _("The account was not opened. Nothing of the "
                                                        "customer is kept on this computer."));
      break;
    case HANDOVER_IDENTIFY:
      record_handover (self, "identify", "cancelled");
      end_customer (self, KOPIR_SESSION_END_CANCELLED, NULL);
      break;
    case HANDOVER_CONFIRM:
      record_handover (self, "confirm", "cancelled");
      finish_confirmation (self);
      break;
    case HANDOVER_NONE:
    default:
      break;
    }

  update_page (self);
}

static void
on_handover_returned (KopirHandoverPage  *page,
                      gboolean            done,
                      KopirAssistedShell *self)
{
  Handover handover = self->handover;

  self->handover = HANDOVER_NONE;

  switch (handover)
    {
    case HANDOVER_CONSENT:
      if (done)
        {
          GtkWidget *window = GTK_WIDGET (self->window);

          /* On to the application. */
          if (window != NULL)
            gtk_widget_activate_action (window, "win.show-page", "s", "account");
        }
      else
        {
          end_customer (self, KOPIR_SESSION_END_CANCELLED,
                        _("The customer declined. No account was opened, and nothing of the customer "
                          "is kept on this computer."));
        }
      break;
    case HANDOVER_IDENTIFY:
      if (!done)
        end_customer (self, KOPIR_SESSION_END_CANCELLED,
                      self->desk_message != NULL ? self->desk_message
                                                 : _("The customer could not be identified. Send a new code."));
      break;
    case HANDOVER_CONFIRM:
      finish_confirmation (self);
      break;
    case HANDOVER_NONE:
    default:
      break;
    }

  update_page (self);
}

/* Session */

static void
on_state_changed (KopirAssistedShell *self)
{
  KopirAssistedState state = kopir_assisted_session_get_state (self->session);

  if (state == KOPIR_ASSISTED_STATE_IDENTIFYING && self->handover == HANDOVER_NONE)
    {
      kopir_handover_page_begin_code (KOPIR_HANDOVER_PAGE (self->handover_page),
                                      kopir_assisted_session_get_customer_language (self->session),
                                      kopir_assisted_session_get_customer_phone_masked (self->session), NULL);
      self->handover = HANDOVER_IDENTIFY;
    }
  else if (state == KOPIR_ASSISTED_STATE_SIGNED_OUT || state == KOPIR_ASSISTED_STATE_READY)
    {
      if (self->handover == HANDOVER_CONFIRM)
        finish_confirmation (self);
      self->handover = HANDOVER_NONE;
    }

  if (state == KOPIR_ASSISTED_STATE_SIGNED_OUT)
    note_activity (self);

  update_page (self);
}

static void
on_locked_changed (KopirAssistedShell *self)
{
  note_activity (self);
  update_page (self);
}

static void
on_staff_session_expired (KopirAssistedShell *self)
{
  kopir_staff_sign_in_page_reset (KOPIR_STAFF_SIGN_IN_PAGE (self->sign_in_page));
  kopir_staff_sign_in_page_set_message (KOPIR_STAFF_SIGN_IN_PAGE (self->sign_in_page),
                                        _("Your staff session has expired. Any customer’s session was "
                                          "ended and their data removed from this computer. Sign in "
                                          "again."));
}

static void
on_customer_ended (KopirAssistedShell *self)
{
  GtkWidget *window = GTK_WIDGET (self->window);

  /* The receipt was the last customer's. */
  g_hash_table_remove (self->providers, "receipt");
  kopir_customer_start_page_reset (KOPIR_CUSTOMER_START_PAGE (self->desk_page));
  kopir_customer_start_page_set_message (KOPIR_CUSTOMER_START_PAGE (self->desk_page), self->desk_message);
  if (window != NULL && !self->closing)
    gtk_widget_activate_action (window, "win.show-page", "s", "account");
  update_page (self);
}

static void
on_problem_changed (KopirAssistedShell *self)
{
  const char *problem = kopir_assisted_session_get_problem (self->session);
  GtkWidget *dialog;

  if (problem == NULL || self->window == NULL)
    return;

  dialog = adw_message_dialog_new (self->window, _("Assisted Mode Cannot Go On"), problem);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
kopir_assisted_shell_constructed (GObject *object)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (object);

  G_OBJECT_CLASS (kopir_assisted_shell_parent_class)->constructed (object);

  self->settings = g_object_ref (kopir_context_get_settings (kopir_assisted_session_get_context (self->session)));

  self->sign_in_page = kopir_staff_sign_in_page_new (self->session);
  self->desk_page = kopir_customer_start_page_new (self->session);
  self->lock_page = kopir_lock_page_new (self->session);
  self->handover_page = kopir_handover_page_new ();
  gtk_stack_add_named (self->stack, self->sign_in_page, "sign-in");
  gtk_stack_add_named (self->stack, self->desk_page, "desk");
  gtk_stack_add_named (self->stack, self->lock_page, "lock");
  gtk_stack_add_named (self->stack, self->handover_page, "handover");

  g_signal_connect_object (self->desk_page, "new-customer", G_CALLBACK (on_new_customer), self, 0);
  g_signal_connect_object (self->handover_page, "consent", G_CALLBACK (on_consent), self, 0);
  g_signal_connect_object (self->handover_page, "code", G_CALLBACK (on_code), self, 0);
  g_signal_connect_object (self->handover_page, "cancelled", G_CALLBACK (on_handover_cancelled), self, 0);
  g_signal_connect_object (self->handover_page, "returned", G_CALLBACK (on_handover_returned), self, 0);

  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_state_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::locked", G_CALLBACK (on_locked_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::customer-kind", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::problem", G_CALLBACK (on_problem_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "staff-session-expired", G_CALLBACK (on_staff_session_expired), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "customer-ended", G_CALLBACK (on_customer_ended), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (on_idle_lock_minutes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kopir_assisted_session_get_context (self->session), "notify::purchase-manager",
                           G_CALLBACK (on_purchase_manager_changed), self, G_CONNECT_SWAPPED);
  on_purchase_manager_changed (self);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "assisted", G_ACTION_GROUP (self->actions));

  note_activity (self);
  update_page (self);
}

static void
kopir_assisted_shell_dispose (GObject *object)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->confirmation != NULL)
    {
      g_task_return_new_error (self->confirmation, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("The customer did not confirm."));
      g_clear_object (&self->confirmation);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_ASSISTED_SHELL);
  g_clear_pointer (&self->providers, g_hash_table_unref);
  g_clear_object (&self->actions);
  g_clear_object (&self->content);
  g_clear_object (&self->settings);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (kopir_purchase_manager_get_purchases (self->manager), self);
  g_clear_object (&self->manager);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->desk_message, g_free);

  G_OBJECT_CLASS (kopir_assisted_shell_parent_class)->dispose (object);
}

static void
kopir_assisted_shell_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_assisted_shell_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KopirAssistedShell *self = KOPIR_ASSISTED_SHELL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_assisted_shell_class_init (KopirAssistedShellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kopir_assisted_shell_constructed;
  object_class->dispose = kopir_assisted_shell_dispose;
  object_class->get_property = kopir_assisted_shell_get_property;
  object_class->set_property = kopir_assisted_shell_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KOPIR_TYPE_ASSISTED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kopir/Kopir/kopir-assisted-shell.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirAssistedShell, stack);
  gtk_widget_class_bind_template_child (widget_class, KopirAssistedShell, main_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "assisted.lock", NULL);
  /* The customer's documents, from the keyboard too. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "assisted.print", "s", "receipt");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "assisted.save-pdf", "s", "receipt");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "assisted.print", "s", "application-summary");
}

static void
kopir_assisted_shell_init (KopirAssistedShell *self)
{
  self->cancellable = g_cancellable_new ();
  self->providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) provider_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's own child is not bound as a template child: disposing the
   * template would take it from under AdwBin, which unparents it too. */
  self->toasts = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
}

/**
 * kopir_assisted_shell_new:
 * @session: the branch desk
 *
 * Returns: (transfer floating): a new shell, to attach to the main window
 */
KopirAssistedShell *
kopir_assisted_shell_new (KopirAssistedSession *session)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (session), NULL);

  return g_object_new (KOPIR_TYPE_ASSISTED_SHELL, "session", session, NULL);
}

/**
 * kopir_assisted_shell_attach:
 * @self: a #KopirAssistedShell
 * @window: the main window, an #AdwApplicationWindow
 *
 * Makes the shell the window's content, with the window's own content as
 * the page shown while a customer is served. Done once, before the window
 * is shown.
 */
/* GTK 4.8 links a widget's actions to those of its parents only through
 * parents that have actions of their own, and does not link them again
 * when the window's content moves: rows and buttons made from templates
 * then stay greyed out when their page enables their action. Giving every
 * widget of the content its own (empty) set of actions, parents first,
 * links each to the one above it again. */
static void
relink_actions (GtkWidget    *widget,
                GActionGroup *empty)
{
  /* Menu buttons and popovers link their menus themselves (and GTK 4.8
   * trips over a menu button given actions of its own). */
  if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_NATIVE (widget))
    return;

  gtk_widget_insert_action_group (widget, "kopir-desk", empty);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    relink_actions (child, empty);
}

void
kopir_assisted_shell_attach (KopirAssistedShell *self,
                             GtkWindow          *window)
{
  GtkEventController *controller;
  GtkWidget *header;
  g_autofree char *title = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SHELL (self));
  g_return_if_fail (ADW_IS_APPLICATION_WINDOW (window));
  g_return_if_fail (self->window == NULL);

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);

  self->content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  if (self->content != NULL)
    {
      g_object_ref (self->content);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), NULL);
      gtk_widget_set_vexpand (self->content, TRUE);
      gtk_box_append (self->main_box, self->content);
      {
        g_autoptr(GSimpleActionGroup) empty = g_simple_action_group_new ();

        relink_actions (self->content, G_ACTION_GROUP (empty));
      }
    }

  /* The bar goes under the window's own header bar, which takes on the
   * assisted style, so no page is ever seen without them. */
  self->bar = kopir_assisted_bar_new (self->session);
  header = self->content != NULL ? gtk_widget_get_first_child (self->content) : NULL;
  if (GTK_IS_BOX (self->content) && ADW_IS_HEADER_BAR (header))
    {
      gtk_widget_add_css_class (header, "kopir-assisted-header");
      gtk_box_insert_child_after (GTK_BOX (self->content), self->bar, header);
    }
  else
    {
      gtk_box_prepend (self->main_box, self->bar);
    }

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (window), "kopir-assisted");

  /* Translators: the window title in assisted mode. */
  title = g_strdup_printf (_("%s — Assisted Mode"), _("Kopir"));
  gtk_window_set_title (window, title);

  /* Any key, click, scroll or movement in the window is activity. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "motion", G_CALLBACK (on_pointer_moved), self);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "pressed", G_CALLBACK (on_clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  g_signal_connect_object (window, "close-request", G_CALLBACK (on_close_request), self, 0);

  update_page (self);
  gtk_widget_grab_focus (gtk_stack_get_visible_child (self->stack));
}

/**
 * kopir_assisted_shell_get_session:
 * @self: a #KopirAssistedShell
 *
 * Returns: (transfer none): the branch desk
 */
KopirAssistedSession *
kopir_assisted_shell_get_session (KopirAssistedShell *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SHELL (self), NULL);
  return self->session;
}

/**
 * kopir_assisted_shell_get_for_widget:
 * @widget: a widget of the main window
 *
 * How a page learns that it runs at a branch desk.
 *
 * Returns: (transfer none) (nullable): the shell around @widget, or %NULL
 *   outside assisted mode
 */
KopirAssistedShell *
kopir_assisted_shell_get_for_widget (GtkWidget *widget)
{
  GtkWidget *shell;
  GtkRoot *root;
  GtkWindow *parent;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  shell = gtk_widget_get_ancestor (widget, KOPIR_TYPE_ASSISTED_SHELL);
  if (shell != NULL)
    return KOPIR_ASSISTED_SHELL (shell);

  /* A dialog of the main window is a window of its own: the shell is
   * around the window it belongs to. */
  root = gtk_widget_get_root (widget);
  parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  if (parent != NULL && ADW_IS_APPLICATION_WINDOW (parent))
    {
      GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (parent));

      if (KOPIR_IS_ASSISTED_SHELL (content))
        return KOPIR_ASSISTED_SHELL (content);
    }
  else if (parent != NULL)
    {
      return kopir_assisted_shell_get_for_widget (GTK_WIDGET (parent));
    }

  return NULL;
}

/* The receipt of the customer's last purchase */

typedef struct
{
  KopirAssistedShell  *self;
  char                *ledger_path;
  char                *client_order_id;
} ReceiptSource;

static void
receipt_source_free (ReceiptSource *source)
{
  g_free (source->ledger_path);
  g_free (source->client_order_id);
  g_free (source);
}

static KopirDocument *
build_receipt (const char  *language,
               gpointer     user_data,
               GError     **error)
{
  ReceiptSource *source = user_data;
  KopirAssistedSession *session = source->self->session;
  KopirContext *context = kopir_assisted_session_get_context (session);
  KopirExchangeProfile *profile = kopir_profile_manager_get_active (kopir_context_get_profile_manager (context));
  g_autoptr(KopirHistoryDetails) details = NULL;
  KopirReceipt data = { NULL, };

  /* Read when asked for, so that the receipt is there as soon as the
   * purchase is complete, with the fills the ledger holds by then. */
  details = kopir_history_details_read (source->ledger_path, source->client_order_id, NULL, error);
  if (details == NULL)
    return NULL;

  data.exchange_name = profile != NULL ? kopir_exchange_profile_get_name (profile) : NULL;
  data.customer_id = kopir_assisted_session_get_customer_id (session);
  data.customer_name = kopir_assisted_session_get_customer_name (session);
  data.order = details->order;
  data.fills = (const KopirLedgerFill *) (gpointer) details->fills->data;
  data.n_fills = details->fills->len;
  data.branch_id = kopir_assisted_session_get_branch (session);
  data.staff_id = kopir_assisted_session_get_staff_id (session);
  data.staff_name = kopir_assisted_session_get_staff_name (session);
  data.sandbox = kopir_context_get_is_sandbox (context);

  return kopir_receipt_document_new (language, &data, error);
}

/* The receipt follows the customer's purchases by itself: the last one
 * that bought something is printed, whether its dialog is still open or
 * it was settled after the dialog was closed. */
static void
set_receipt (KopirAssistedShell *self,
             KopirPurchase      *purchase)
{
  KopirLedger *ledger = kopir_context_get_ledger (kopir_assisted_session_get_context (self->session));
  ReceiptSource *source;

  if (ledger == NULL)
    return;

  source = g_new0 (ReceiptSource, 1);
  source->self = self;
  source->ledger_path = g_strdup (kopir_ledger_get_path (ledger));
  source->client_order_id = g_strdup (kopir_purchase_get_client_order_id (purchase));
  kopir_assisted_shell_set_document_provider (self, "receipt", build_receipt, source,
                                              (GDestroyNotify) receipt_source_free);
}

static void
on_purchase_state_changed (KopirPurchase      *purchase,
                           GParamSpec         *pspec,
                           KopirAssistedShell *self)
{
  if (kopir_purchase_get_state (purchase) == KOPIR_PURCHASE_STATE_COMPLETED)
    set_receipt (self, purchase);
}

static void
on_purchases_changed (GListModel         *purchases,
                      guint               position,
                      guint               removed,
                      guint               added,
                      KopirAssistedShell *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);

      g_signal_connect_object (purchase, "notify::state", G_CALLBACK (on_purchase_state_changed),
                               self, 0);
    }
}

static void
on_purchase_manager_changed (KopirAssistedShell *self)
{
  KopirContext *context = kopir_assisted_session_get_context (self->session);
  KopirPurchaseManager *manager = kopir_context_get_purchase_manager (context);
  GListModel *purchases;

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (kopir_purchase_manager_get_purchases (self->manager), self);
  g_set_object (&self->manager, manager);
  if (manager == NULL)
    return;

  /* Purchases settled before now are not this visit's. */
  purchases = kopir_purchase_manager_get_purchases (manager);
  g_signal_connect_object (purchases, "items-changed", G_CALLBACK (on_purchases_changed), self, 0);
  on_purchases_changed (purchases, 0, 0, g_list_model_get_n_items (purchases), self);
}

/**
 * kopir_assisted_shell_record:
 * @self: a #KopirAssistedShell
 * @action: what was done for the customer
 * @outcome: how it went ("ok", "refused", "failed", ...)
 * @details_json: (nullable): what identifies it, without personal data
 *
 * Records a step taken for the customer in the audit trail.
 */
void
kopir_assisted_shell_record (KopirAssistedShell *self,
                             KopirAuditAction    action,
                             const char         *outcome,
                             const char         *details_json)
{
  g_return_if_fail (KOPIR_IS_ASSISTED_SHELL (self));

  kopir_assisted_session_record (self->session, action, outcome, details_json);
}

/**
 * kopir_assisted_shell_set_document_provider:
 * @self: a #KopirAssistedShell
 * @document: "receipt" or "application-summary"
 * @provider: (nullable): builds it for the customer being served, or
 *   %NULL to remove it
 * @user_data: data for @provider
 * @destroy: (nullable): frees @user_data
 *
 * Pages give the shell the documents they can print; the assisted bar's
 * Documents menu prints them in the customer's language.
 */
void
kopir_assisted_shell_set_document_provider (KopirAssistedShell    *self,
                                            const char            *document,
                                            KopirDocumentProvider  provider,
                                            gpointer               user_data,
                                            GDestroyNotify         destroy)
{
  Provider *p;

  g_return_if_fail (KOPIR_IS_ASSISTED_SHELL (self));
  g_return_if_fail (document != NULL);

  if (provider == NULL)
    {
      g_hash_table_remove (self->providers, document);
      return;
    }

  p = g_new0 (Provider, 1);
  p->provider = provider;
  p->user_data = user_data;
  p->destroy = destroy;
  g_hash_table_replace (self->providers, g_strdup (document), p);
}

/**
 * kopir_assisted_shell_get_document_language:
 * @self: a #KopirAssistedShell
 *
 * Returns: the language documents are printed in: the setting
 *   `document-language`, or the customer's
 */
const char *
kopir_assisted_shell_get_document_language (KopirAssistedShell *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SHELL (self), "kk");
  return document_language (self);
}

static void
confirmation_sent_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KopirAssistedShell) self = user_data;
  g_autofree char *phone = NULL;
  GError *error = NULL;

  phone = kopir_assisted_session_request_confirmation_finish (KOPIR_ASSISTED_SESSION (object), result, &error);
  if (self->confirmation == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (phone == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->confirmation);

      g_task_return_error (task, error);
      return;
    }

  kopir_handover_page_begin_code (KOPIR_HANDOVER_PAGE (self->handover_page),
                                  kopir_assisted_session_get_customer_language (self->session), phone,
                                  g_object_get_data (G_OBJECT (self->confirmation), "summary"));
  begin_handover (self, HANDOVER_CONFIRM);
}

/**
 * kopir_assisted_shell_confirm_async:
 * @self: a #KopirAssistedShell
 * @purpose: "purchase" or "withdrawal"
 * @summary: what the customer confirms, in the customer's language
 * @details_json: (nullable): what is recorded with the confirmation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the customer confirmed, or did not
 * @user_data: data for @callback
 *
 * Sends the customer a code to their phone, hands them the screen with
 * @summary, and has them type it. Fails with %G_IO_ERROR_CANCELLED if the
 * customer or staff cancelled.
 */
void
kopir_assisted_shell_confirm_async (KopirAssistedShell  *self,
                                    const char          *purpose,
                                    const char          *summary,
                                    const char          *details_json,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SHELL (self));
  g_return_if_fail (purpose != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_shell_confirm_async);

  if (self->confirmation != NULL || self->handover != HANDOVER_NONE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("The screen is with the customer already."));
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "summary", g_strdup (summary), g_free);
  g_object_set_data_full (G_OBJECT (task), "details", g_strdup (details_json), g_free);
  self->confirmation = g_steal_pointer (&task);
  kopir_assisted_session_request_confirmation_async (self->session, purpose, self->cancellable,
                                                     confirmation_sent_cb, g_object_ref (self));
}

gboolean
kopir_assisted_shell_confirm_finish (KopirAssistedShell  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SHELL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
