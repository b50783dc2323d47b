/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirAccountPage is the “Account” page of the main window: the exchange
 * account, from the first answer of the application to the open account.
 * It shows what fits where the application stands (KopirOnboarding): a
 * welcome, the form while it is filled in (KopirOnboardingFlow), the
 * review under way, the open account and what comes next, the
 * corrections asked for, or a kind refusal. It sends a desktop
 * notification when the review ends, also when that happened while Kopir
 * was closed. On the practice exchange it also offers a practice account
 * at once, for demonstrations.
 */

#define G_LOG_DOMAIN "kopir-account-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-account-page.h"
#include "kopir-application-summary-draft.h"
#include "kopir-assisted-shell.h"
#include "kopir-kyc-texts.h"
#include "kopir-onboarding-flow.h"
#include "kopir-onboarding.h"

struct _KopirAccountPage
{
  AdwBin               parent_instance;

  KopirContext        *context;
  KopirOnboarding     *onboarding;
  GCancellable        *cancellable;
  char                *profile_id;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *welcome_status;
  GtkWidget           *start_button;
  GtkWidget           *practice_box;
  GtkWidget           *practice_button;
  AdwBin              *flow_bin;
  AdwActionRow        *pending_reference_row;
  GtkSpinner          *pending_spinner;
  GtkWidget           *check_now_button;
  GtkLabel            *pending_problem_label;
  AdwStatusPage       *approved_status;
  GtkWidget           *practice_label;
  AdwActionRow        *customer_id_row;
  AdwActionRow        *limit_row;
  GtkWidget           *credentials_problem_box;
  GtkLabel            *credentials_problem_label;
  GtkWidget           *credentials_retry_button;
  AdwPreferencesGroup *retry_group;
  GtkLabel            *retry_comment_label;
  GtkWidget           *correct_button;
  GtkLabel            *refused_reason_label;
  AdwActionRow        *refused_reference_row;
  GtkWidget           *start_over_button;

  GPtrArray           *retry_rows;

  /* At a branch desk: the state the desk last heard of. */
  KopirOnboardingState assisted_state;
};

G_DEFINE_FINAL_TYPE (KopirAccountPage, kopir_account_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_view (KopirAccountPage *self);

static void
show_toast (KopirAccountPage *self,
            const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Only the page shown is visible: switching pages then shows and hides
 * widgets, which assistive technologies hear about, and the pages not
 * shown are not in the way of a screen reader. */
static void
show_page (KopirAccountPage *self,
           const char       *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *page = gtk_stack_get_page (self->stack, child);

      gtk_widget_set_visible (child, g_strcmp0 (gtk_stack_page_get_name (page), name) == 0);
    }

  gtk_stack_set_visible_child_name (self->stack, name);
}

/* The page says what it shows, to assistive technologies: a screen
 * reader hears where the application stands when it changes. */
static void
describe_page (KopirAccountPage *self,
               const char       *description)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
on_flow_title_changed (KopirAccountPage *self,
                       GParamSpec       *pspec,
                       GObject          *flow)
{
  g_autofree char *title = NULL;

  g_object_get (flow, "title", &title, NULL);
  describe_page (self, title);
}

static gboolean
exchange_offers_accounts (KopirAccountPage *self)
{
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  KopirExchangeProfile *profile = kopir_profile_manager_get_active (profiles);

  return profile != NULL &&
         (kopir_exchange_profile_is_sandbox (profile) || kopir_exchange_profile_has_onboarding (profile));
}

/* The notification when the review ends */

static void
notify_review (KopirAccountPage     *self,
               KopirOnboardingState  state)
{
  GApplication *application = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  const char *title;
  const char *body;

  switch (state)
    {
    case KOPIR_ONBOARDING_STATE_APPROVED:
      title = _("Your account is open");
      body = _("The exchange approved your application. Link your bank account to add tenge.");
      break;

    case KOPIR_ONBOARDING_STATE_RETRY:
      title = _("Your application needs a correction");
      body = _("Open Kopir to see what the exchange asks you to correct.");
      break;

    case KOPIR_ONBOARDING_STATE_REFUSED:
      title = _("The exchange cannot open an account for you");
      body = _("Open Kopir to read why, and whom to contact.");
      break;

    case KOPIR_ONBOARDING_STATE_LOADING:
    case KOPIR_ONBOARDING_STATE_NONE:
    case KOPIR_ONBOARDING_STATE_DRAFT:
    case KOPIR_ONBOARDING_STATE_PENDING:
    default:
      return;
    }

  show_toast (self, title);

  if (application == NULL)
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (application, "kopir-account-review", notification);
}

static void
on_review_finished (KopirOnboarding      *onboarding,
                    KopirOnboardingState  state,
                    KopirAccountPage     *self)
{
  notify_review (self, state);
}

/* The views */

static void
show_flow (KopirAccountPage *self)
{
  GtkWidget *flow = adw_bin_get_child (self->flow_bin);

  if (flow == NULL ||
      kopir_onboarding_flow_get_onboarding (KOPIR_ONBOARDING_FLOW (flow)) != self->onboarding)
    {
      flow = kopir_onboarding_flow_new (self->onboarding);
      g_signal_connect_object (flow, "notify::title", G_CALLBACK (on_flow_title_changed), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->flow_bin, flow);
    }

  show_page (self, "flow");
  on_flow_title_changed (self, NULL, G_OBJECT (flow));
}

static void
update_welcome (KopirAccountPage *self)
{
  gboolean offered = exchange_offers_accounts (self);

  adw_status_page_set_description (self->welcome_status,
                                   offered
                                   ? _("Open an account at an exchange of the Astana International "
                                       "Financial Centre, from home, in about ten minutes. What you "
                                       "enter is kept on this computer until you send it.")
                                   : _("This exchange does not open accounts through Kopir. If you "
                                       "have an account there, enter its API keys in Preferences, "
                                       "or choose another exchange."));
  gtk_widget_set_visible (self->start_button, offered);
  gtk_widget_set_visible (self->practice_box, kopir_context_get_is_sandbox (self->context));
}

static void
update_pending (KopirAccountPage *self)
{
  const char *problem = kopir_onboarding_get_problem (self->onboarding);

  adw_action_row_set_subtitle (self->pending_reference_row,
                               kopir_onboarding_get_applicant_id (self->onboarding));
  gtk_spinner_set_spinning (self->pending_spinner, TRUE);
  gtk_label_set_label (self->pending_problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pending_problem_label), problem != NULL);
}

static void
update_approved (KopirAccountPage *self)
{
  const char *customer_id = kopir_onboarding_get_customer_id (self->onboarding);
  gboolean practice = kopir_onboarding_get_practice (self->onboarding);
  gboolean issued = kopir_onboarding_get_credentials_issued (self->onboarding);
  const char *problem = kopir_onboarding_get_problem (self->onboarding);

  adw_status_page_set_title (self->approved_status,
                             practice ? _("Your Practice Account Is Open") : _("Your Account Is Open"));
  adw_status_page_set_description (self->approved_status,
                                   issued
                                   ? _("Its keys are in the keyring of this computer. Next, link "
                                       "your bank account and add tenge; then you can buy.")
                                   : _("Kopir is fetching your account’s keys into the keyring of "
                                       "this computer…"));
  gtk_widget_set_visible (self->practice_label, practice);
  adw_action_row_set_subtitle (self->customer_id_row, customer_id != NULL ? customer_id : "…");
  adw_action_row_set_subtitle (self->limit_row,
                               kopir_onboarding_get_knowledge_test_passed (self->onboarding)
                               ? _("No limit: you passed the knowledge test.")
                               : _("USD 1,000 of purchases a calendar month, as the pilot sets for "
                                   "customers who have not passed the knowledge test."));

  gtk_label_set_label (self->credentials_problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (self->credentials_problem_box, !issued && problem != NULL);
}

static void
update_retry (KopirAccountPage *self)
{
  g_auto(GStrv) labels = kopir_onboarding_get_review_labels (self->onboarding);
  const char *comment = kopir_onboarding_get_review_comment (self->onboarding);

  for (guint i = 0; i < self->retry_rows->len; i++)
    adw_preferences_group_remove (self->retry_group, g_ptr_array_index (self->retry_rows, i));
  g_ptr_array_set_size (self->retry_rows, 0);

  for (guint i = 0; labels[i] != NULL || i == 0; i++)
    {
      g_autofree char *text = labels[i] != NULL
                              ? kopir_kyc_review_describe_label (labels[i])
                              : g_strdup (_("The exchange did not say what to correct. Check "
                                            "your answers and photos."));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->retry_group, row);
      g_ptr_array_add (self->retry_rows, row);
      if (labels[i] == NULL)
        break;
    }

  if (comment != NULL && *comment != '\0')
    {
      /* Translators: %s is what the exchange's reviewer wrote, which may be
       * in English. */
      g_autofree char *text = g_strdup_printf (_("The reviewer wrote: “%s”"), comment);

      gtk_label_set_label (self->retry_comment_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->retry_comment_label), comment != NULL && *comment != '\0');
}

static void
update_refused (KopirAccountPage *self)
{
  g_auto(GStrv) labels = kopir_onboarding_get_review_labels (self->onboarding);
  g_autoptr(GString) reasons = g_string_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *text = kopir_kyc_review_describe_label (labels[i]);

      if (reasons->len > 0)
        g_string_append_c (reasons, '\n');
      g_string_append (reasons, text);
    }
  if (reasons->len == 0)
    g_string_append (reasons, _("The exchange did not give a reason."));

  gtk_label_set_label (self->refused_reason_label, reasons->str);
  adw_action_row_set_subtitle (self->refused_reference_row,
                               kopir_onboarding_get_applicant_id (self->onboarding));
  gtk_widget_set_visible (self->start_over_button, kopir_context_get_is_sandbox (self->context));
}

/* At a branch desk */

static KopirDocument *
build_application_summary (const char  *language,
                           gpointer     user_data,
                           GError     **error)
{
  KopirAccountPage *self = user_data;
  KopirAssistedShell *shell = kopir_assisted_shell_get_for_widget (GTK_WIDGET (self));
  KopirProfileManager *profiles;
  KopirExchangeProfile *profile;
  KopirAssistedSession *session;
  KopirOnboardingDraft *answers = NULL;
  KopirApplicationSummarySigners signers = { 0 };
  g_autoptr(GDateTime) consent_at = NULL;

  if (self->onboarding != NULL)
    {
      answers = kopir_onboarding_get_submitted (self->onboarding);
      if (answers == NULL)
        answers = kopir_onboarding_get_draft (self->onboarding);
    }
  if (shell == NULL || answers == NULL || kopir_onboarding_draft_is_empty (answers))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no application to print: the customer has not submitted one "
                             "in this session."));
      return NULL;
    }

  session = kopir_assisted_shell_get_session (shell);
  profiles = kopir_context_get_profile_manager (self->context);
  profile = kopir_profile_manager_get_active (profiles);
  consent_at = kopir_onboarding_get_consent_accepted_at (self->onboarding);

  signers.exchange_name = profile != NULL ? kopir_exchange_profile_get_name (profile) : NULL;
  signers.application_id = kopir_onboarding_get_applicant_id (self->onboarding);
  signers.consent_version = kopir_onboarding_get_consent_version (self->onboarding);
  signers.consent_at = consent_at;
  signers.branch_id = kopir_assisted_session_get_branch (session);
  signers.staff_id = kopir_assisted_session_get_staff_id (session);
  signers.staff_name = kopir_assisted_session_get_staff_name (session);
  signers.sandbox = kopir_context_get_is_sandbox (self->context);

  return kopir_application_summary_document_new_for_draft (language, answers, &signers, error);
}

/* Tells the branch desk, if Kopir is one, what became of the application:
 * once it is sent, the desk names the customer and records the submission;
 * once the account is open, the desk can send the customer codes. */
static void
sync_assisted (KopirAccountPage *self)
{
  KopirAssistedShell *shell = kopir_assisted_shell_get_for_widget (GTK_WIDGET (self));
  KopirAssistedSession *session;
  KopirOnboardingState state;
  KopirOnboardingState was = self->assisted_state;

  if (shell == NULL || self->onboarding == NULL)
    return;

  session = kopir_assisted_shell_get_session (shell);
  kopir_assisted_shell_set_document_provider (shell, "application-summary", build_application_summary,
                                              self, NULL);

  state = kopir_onboarding_get_state (self->onboarding);
  self->assisted_state = state;

  /* A new customer accepted the consents and risk warnings on the screen
   * handed to them, or the desk would not have come this far: the form
   * does not ask the member of staff to tick them for the customer. */
  if (state == KOPIR_ONBOARDING_STATE_DRAFT && was != KOPIR_ONBOARDING_STATE_DRAFT &&
      kopir_assisted_session_get_customer_kind (session) == KOPIR_CUSTOMER_KIND_NEW)
    {
      KopirOnboardingDraft *draft = kopir_onboarding_get_draft (self->onboarding);

      if (draft != NULL && kopir_onboarding_draft_get (draft, "consent.personal_data") == NULL)
        {
          kopir_onboarding_draft_set (draft, "consent.risk", "true");
          kopir_onboarding_draft_set (draft, "consent.personal_data", "true");
          kopir_onboarding_draft_set (draft, "consent.version", KOPIR_KYC_CONSENT_VERSION);
        }
    }

  if (state == KOPIR_ONBOARDING_STATE_PENDING && was == KOPIR_ONBOARDING_STATE_DRAFT)
    {
      KopirOnboardingDraft *answers = kopir_onboarding_get_submitted (self->onboarding);
      g_autofree char *details = NULL;

      if (answers != NULL)
        {
          g_autofree char *name = NULL;

          name = g_strjoin (" ", kopir_onboarding_draft_get (answers, "first_name"),
                            kopir_onboarding_draft_get (answers, "last_name"), NULL);
          kopir_assisted_session_set_customer_iin (session, kopir_onboarding_draft_get (answers, "iin"));
          kopir_assisted_session_set_customer_name (session, g_strstrip (name));
        }
      details = kopir_audit_details ("applicant", kopir_onboarding_get_applicant_id (self->onboarding), NULL);
      kopir_assisted_session_record (session, KOPIR_AUDIT_ACTION_KYC_SUBMIT, "ok", details);
    }

  if (state == KOPIR_ONBOARDING_STATE_APPROVED && kopir_onboarding_get_customer_id (self->onboarding) != NULL)
    kopir_assisted_session_set_customer_id (session, kopir_onboarding_get_customer_id (self->onboarding));
}

static void
update_view (KopirAccountPage *self)
{
  KopirOnboardingState state = self->onboarding != NULL
                               ? kopir_onboarding_get_state (self->onboarding)
                               : KOPIR_ONBOARDING_STATE_LOADING;
  const char *page = "loading";

  sync_assisted (self);

  if (state != KOPIR_ONBOARDING_STATE_DRAFT)
    adw_bin_set_child (self->flow_bin, NULL);

  switch (state)
    {
    case KOPIR_ONBOARDING_STATE_LOADING:
      page = "loading";
      break;

    case KOPIR_ONBOARDING_STATE_NONE:
      /* Keys entered by hand, or kept from an earlier Kopir: the account
       * exists even though no application is on record here. */
      if (kopir_context_get_has_credentials (self->context))
        page = "connected";
      else
        {
          update_welcome (self);
          page = "welcome";
        }
      break;

    case KOPIR_ONBOARDING_STATE_DRAFT:
      show_flow (self);
      return;

    case KOPIR_ONBOARDING_STATE_PENDING:
      update_pending (self);
      page = "pending";
      break;

    case KOPIR_ONBOARDING_STATE_APPROVED:
      update_approved (self);
      page = "approved";
      break;

    case KOPIR_ONBOARDING_STATE_RETRY:
      update_retry (self);
      page = "retry";
      break;

    case KOPIR_ONBOARDING_STATE_REFUSED:
      update_refused (self);
      page = "refused";
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  if (!g_str_equal (page, "pending"))
    gtk_spinner_set_spinning (self->pending_spinner, FALSE);
  show_page (self, page);

  {
    GtkWidget *child = gtk_stack_get_visible_child (self->stack);

    if (ADW_IS_STATUS_PAGE (child))
      {
        g_autofree char *description = g_strdup_printf ("%s. %s",
                                                        adw_status_page_get_title (ADW_STATUS_PAGE (child)),
                                                        adw_status_page_get_description (ADW_STATUS_PAGE (child)) ?: "");

        describe_page (self, description);
      }
    else
      describe_page (self, _("Loading your account…"));
  }
}

static void
on_onboarding_changed (KopirAccountPage *self)
{
  update_view (self);
}

/* Loading the application of the active exchange */

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_load_finish (KOPIR_ONBOARDING (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Reading the account application: %s", error->message);
    }
}

static void
forget_onboarding (KopirAccountPage *self)
{
  if (self->onboarding != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->onboarding, self);
      g_object_run_dispose (G_OBJECT (self->onboarding));
    }
  g_clear_object (&self->onboarding);
  adw_bin_set_child (self->flow_bin, NULL);
}

static void
load_onboarding (KopirAccountPage *self)
{
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  const char *profile_id = kopir_profile_manager_get_active_id (profiles);
  g_autofree char *directory = NULL;

  /* The account client follows the active exchange once the context has
   * applied it: until then there is no one to ask. */
  if (!kopir_context_get_ready (self->context) && kopir_context_get_problem (self->context) == NULL)
    return;

  if (profile_id == NULL || (self->onboarding != NULL && g_strcmp0 (profile_id, self->profile_id) == 0))
    {
      update_view (self);
      return;
    }

  forget_onboarding (self);
  g_free (self->profile_id);
  self->profile_id = g_strdup (profile_id);

  directory = kopir_context_get_onboarding_dir (self->context);
  self->onboarding = kopir_onboarding_new (kopir_context_get_account_client (self->context),
                                           kopir_context_get_secret_store (self->context),
                                           profile_id, directory);
  g_signal_connect_swapped (self->onboarding, "notify::state", G_CALLBACK (on_onboarding_changed), self);
  g_signal_connect_swapped (self->onboarding, "notify::problem", G_CALLBACK (on_onboarding_changed), self);
  g_signal_connect_swapped (self->onboarding, "notify::credentials-issued",
                            G_CALLBACK (on_onboarding_changed), self);
  g_signal_connect (self->onboarding, "review-finished", G_CALLBACK (on_review_finished), self);

  update_view (self);
  kopir_onboarding_load_async (self->onboarding, self->cancellable, loaded_cb, NULL);
}

static void
on_context_changed (KopirAccountPage *self)
{
  load_onboarding (self);
}

/* A branch desk ended the customer's session: their application goes
 * from memory, and the page starts again for the next customer. */
static void
on_customer_forgotten (KopirAccountPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  forget_onboarding (self);
  g_clear_pointer (&self->profile_id, g_free);
  self->assisted_state = KOPIR_ONBOARDING_STATE_LOADING;
  load_onboarding (self);
}

/* Buttons */

static void
on_start_clicked (KopirAccountPage *self)
{
  if (self->onboarding != NULL && kopir_onboarding_get_state (self->onboarding) == KOPIR_ONBOARDING_STATE_NONE)
    kopir_onboarding_begin (self->onboarding);
}

static void
practice_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KopirAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_create_practice_account_finish (KOPIR_ONBOARDING (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_toast (self, error->message);
    }

  gtk_widget_set_sensitive (self->practice_button, TRUE);
  gtk_widget_set_sensitive (self->start_button, TRUE);
}

static void
on_practice_clicked (KopirAccountPage *self)
{
  if (self->onboarding == NULL)
    return;

  gtk_widget_set_sensitive (self->practice_button, FALSE);
  gtk_widget_set_sensitive (self->start_button, FALSE);
  kopir_onboarding_create_practice_account_async (self->onboarding, self->cancellable, practice_cb,
                                                  g_object_ref (self));
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KopirAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_refresh_finish (KOPIR_ONBOARDING (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->check_now_button, TRUE);
  /* A failure shows as the application's problem. */
  if (error == NULL && kopir_onboarding_get_state (KOPIR_ONBOARDING (object)) == KOPIR_ONBOARDING_STATE_PENDING)
    show_toast (self, _("The review is still under way."));
}

static void
on_check_now_clicked (KopirAccountPage *self)
{
  if (self->onboarding == NULL)
    return;

  gtk_widget_set_sensitive (self->check_now_button, FALSE);
  kopir_onboarding_refresh_async (self->onboarding, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
issued_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_issue_credentials_finish (KOPIR_ONBOARDING (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->credentials_retry_button, TRUE);
}

static void
on_credentials_retry_clicked (KopirAccountPage *self)
{
  if (self->onboarding == NULL)
    return;

  gtk_widget_set_sensitive (self->credentials_retry_button, FALSE);
  kopir_onboarding_issue_credentials_async (self->onboarding, self->cancellable, issued_cb,
                                            g_object_ref (self));
}

static void
correct_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KopirAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_correct_finish (KOPIR_ONBOARDING (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_toast (self, error->message);
    }

  gtk_widget_set_sensitive (self->correct_button, TRUE);
}

static void
on_correct_clicked (KopirAccountPage *self)
{
  if (self->onboarding == NULL)
    return;

  gtk_widget_set_sensitive (self->correct_button, FALSE);
  kopir_onboarding_correct_async (self->onboarding, self->cancellable, correct_cb, g_object_ref (self));
}

/* The reference or customer id, for a message to the exchange or a
 * payment's purpose. */
static void
on_copy_clicked (AdwActionRow *row,
                 GtkButton    *button)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (row), KOPIR_TYPE_ACCOUNT_PAGE);
  const char *value = adw_action_row_get_subtitle (row);

  if (value == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), value);
  if (page != NULL)
    show_toast (KOPIR_ACCOUNT_PAGE (page), _("Copied"));
}

static void
on_start_over_clicked (KopirAccountPage *self)
{
  if (self->onboarding == NULL)
    return;

  kopir_onboarding_discard (self->onboarding);
  kopir_onboarding_begin (self->onboarding);
}

/* GObject */

static void
kopir_account_page_dispose (GObject *object)
{
  KopirAccountPage *self = KOPIR_ACCOUNT_PAGE (object);
  KopirAssistedShell *shell = kopir_assisted_shell_get_for_widget (GTK_WIDGET (self));

  if (shell != NULL)
    kopir_assisted_shell_set_document_provider (shell, "application-summary", NULL, NULL, NULL);
  g_cancellable_cancel (self->cancellable);
  forget_onboarding (self);
  /* The template's root is the bin's child as well: let go of it as the
   * bin's first, so that it is not unparented twice. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_ACCOUNT_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_account_page_parent_class)->dispose (object);
}

static void
kopir_account_page_finalize (GObject *object)
{
  KopirAccountPage *self = KOPIR_ACCOUNT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->retry_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kopir_account_page_parent_class)->finalize (object);
}

static void
kopir_account_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KopirAccountPage *self = KOPIR_ACCOUNT_PAGE (object);

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
kopir_account_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KopirAccountPage *self = KOPIR_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kopir_account_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND(member) gtk_widget_class_bind_template_child (widget_class, KopirAccountPage, member)

static void
kopir_account_page_class_init (KopirAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_account_page_dispose;
  object_class->finalize = kopir_account_page_finalize;
  object_class->get_property = kopir_account_page_get_property;
  object_class->set_property = kopir_account_page_set_property;

  /**
   * KopirAccountPage:context:
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

  g_type_ensure (KOPIR_TYPE_ONBOARDING_FLOW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-account-page.ui");
  BIND (toast_overlay);
  BIND (stack);
  BIND (loading_spinner);
  BIND (welcome_status);
  BIND (start_button);
  BIND (practice_box);
  BIND (practice_button);
  BIND (flow_bin);
  BIND (pending_reference_row);
  BIND (pending_spinner);
  BIND (check_now_button);
  BIND (pending_problem_label);
  BIND (approved_status);
  BIND (practice_label);
  BIND (customer_id_row);
  BIND (limit_row);
  BIND (credentials_problem_box);
  BIND (credentials_problem_label);
  BIND (credentials_retry_button);
  BIND (retry_group);
  BIND (retry_comment_label);
  BIND (correct_button);
  BIND (refused_reason_label);
  BIND (refused_reference_row);
  BIND (start_over_button);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_practice_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_credentials_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_correct_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_start_over_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
}

#undef BIND

static void
kopir_account_page_init (KopirAccountPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->retry_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
}

GtkWidget *
kopir_account_page_new (KopirContext *context)
{
  return g_object_new (KOPIR_TYPE_ACCOUNT_PAGE,
                       "context", context,
                       NULL);
}

/**
 * kopir_account_page_get_context:
 * @self: a #KopirAccountPage
 *
 * Returns: (transfer none) (nullable): the page's services
 */
KopirContext *
kopir_account_page_get_context (KopirAccountPage *self)
{
  g_return_val_if_fail (KOPIR_IS_ACCOUNT_PAGE (self), NULL);

  return self->context;
}

/**
 * kopir_account_page_set_context:
 * @self: a #KopirAccountPage
 * @context: the services the page works with
 *
 * Sets the page's services, once: a page is never moved from one context
 * to another. The application of the active exchange is read as soon as
 * the context is ready.
 */
void
kopir_account_page_set_context (KopirAccountPage *self,
                                KopirContext     *context)
{
  g_return_if_fail (KOPIR_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (context == NULL || KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (!g_set_object (&self->context, context))
    return;

  if (context != NULL)
    {
      g_signal_connect_object (kopir_context_get_profile_manager (context), "notify::active-id",
                               G_CALLBACK (on_context_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::ready",
                               G_CALLBACK (on_context_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::problem",
                               G_CALLBACK (on_context_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::has-credentials",
                               G_CALLBACK (on_context_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::is-sandbox",
                               G_CALLBACK (on_context_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "customer-forgotten",
                               G_CALLBACK (on_customer_forgotten), self, G_CONNECT_SWAPPED);
      load_onboarding (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
