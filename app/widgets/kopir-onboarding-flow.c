/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirOnboardingFlow is the account application form: a list of steps
 * beside the step shown (folded into a "Step 3 of 8" header when the
 * window is narrow), Back and Next, and a line that says what is still
 * missing. Every answer goes to the application's draft as it is typed,
 * and is checked as it is typed by kopir-kyc-form, with its message
 * beside its field. The photos are checked and sent as they are chosen;
 * the knowledge test is the exchange's; the last step shows everything
 * once more and sends it.
 */

#define G_LOG_DOMAIN "kopir-onboarding-flow"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-account-error.h"
#include "kopir-assisted-shell.h"
#include "kopir-audit-trail.h"
#include "kopir-iin.h"
#include "kopir-image-drop.h"
#include "kopir-kyc-texts.h"
#include "kopir-onboarding-flow.h"

typedef enum
{
  WIDGET_ENTRY,
  WIDGET_COMBO,
  WIDGET_SWITCH,
  WIDGET_CHECK,
  WIDGET_IMAGE,
} WidgetKind;

typedef enum
{
  CHOICES_COUNTRIES,
  CHOICES_COUNTRIES_OR_NONE,
  CHOICES_DOCUMENT_TYPES,
  CHOICES_SOURCES,
} Choices;

typedef struct
{
  const char *key;
  WidgetKind  kind;
  gsize       widget;
  gsize       row;
  Choices     choices;
} FieldSpec;

typedef struct
{
  const FieldSpec *spec;
  GtkWidget       *widget;
  GtkWidget       *row;
  GtkWidget       *error_row;
  GtkLabel        *error_label;
  GPtrArray       *codes;
  gboolean         edited;
  gboolean         left;
  char            *server_error;
} Field;

struct _KopirOnboardingFlow
{
  AdwBin                parent_instance;

  KopirOnboarding      *onboarding;
  KopirOnboardingDraft *draft;
  GCancellable         *cancellable;
  GHashTable           *fields;
  GPtrArray            *field_order;
  KopirKycStep          step;
  guint                 reopened;
  gboolean              busy;
  gboolean              loading;
  gboolean              attempted[KOPIR_KYC_N_STEPS];
  GtkWidget            *step_rows[KOPIR_KYC_N_STEPS];
  GtkWidget            *step_done[KOPIR_KYC_N_STEPS];
  KopirQuestionnaire   *questionnaire;
  gboolean              loading_test;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkListBox           *steps_list;
  GtkWidget            *folded_header;
  GtkWidget            *folded_separator;
  GtkLabel             *folded_title;
  GtkStack             *step_stack;
  GtkLabel             *missing_label;
  GtkSpinner           *busy_spinner;
  GtkWidget            *next_button;
  GtkWidget            *back_button;

  GtkLabel             *welcome_title;
  GtkLabel             *personal_title;
  GtkLabel             *contact_title;
  GtkLabel             *document_title;
  GtkLabel             *selfie_title;
  GtkLabel             *finances_title;
  GtkLabel             *knowledge_title;
  GtkLabel             *review_title;

  GtkLabel             *intro_label;
  GtkLabel             *pilot_label;
  GtkLabel             *risk_label;
  GtkLabel             *consent_label;
  GtkLabel             *consent_version_label;
  GtkWidget            *consent_risk_row;
  GtkWidget            *consent_risk_check;
  GtkWidget            *consent_data_row;
  GtkWidget            *consent_data_check;

  GtkWidget            *last_name_row;
  GtkWidget            *first_name_row;
  GtkWidget            *patronymic_row;
  GtkWidget            *latin_name_row;
  GtkWidget            *birth_row;
  GtkWidget            *iin_row;
  GtkWidget            *citizenship_row;
  GtkWidget            *resident_row;
  GtkWidget            *resident_switch;

  GtkWidget            *phone_row;
  GtkWidget            *email_row;
  GtkWidget            *region_row;
  GtkWidget            *city_row;
  GtkWidget            *street_row;
  GtkWidget            *postal_row;

  GtkWidget            *document_page;
  GtkWidget            *document_type_row;
  GtkWidget            *document_number_row;
  GtkWidget            *issue_row;
  GtkWidget            *expiry_row;
  GtkWidget            *issuer_row;
  GtkWidget            *front_drop;
  GtkWidget            *back_drop;

  GtkWidget            *selfie_page;
  GtkWidget            *selfie_drop;

  GtkWidget            *occupation_row;
  GtkWidget            *source_row;
  GtkWidget            *pep_row;
  GtkWidget            *pep_switch;
  GtkWidget            *tax_row;
  GtkWidget            *tax_second_row;

  GtkLabel             *knowledge_intro;
  GtkWidget            *test_loading_box;
  GtkSpinner           *test_spinner;
  GtkLabel             *test_loading_label;
  GtkWidget            *test_retry_button;
  GtkBox               *questions_box;
  GtkWidget            *check_button;
  GtkLabel             *test_result_label;

  GtkBox               *review_box;
};

G_DEFINE_FINAL_TYPE (KopirOnboardingFlow, kopir_onboarding_flow, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ONBOARDING,
  PROP_STEP,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define OFFSET(member) G_STRUCT_OFFSET (KopirOnboardingFlow, member)

static const FieldSpec field_specs[] = {
  { "consent.risk", WIDGET_CHECK, OFFSET (consent_risk_check), OFFSET (consent_risk_row), 0 },
  { "consent.personal_data", WIDGET_CHECK, OFFSET (consent_data_check), OFFSET (consent_data_row), 0 },
  { "last_name", WIDGET_ENTRY, OFFSET (last_name_row), 0, 0 },
  { "first_name", WIDGET_ENTRY, OFFSET (first_name_row), 0, 0 },
  { "patronymic", WIDGET_ENTRY, OFFSET (patronymic_row), 0, 0 },
  { "latin_name", WIDGET_ENTRY, OFFSET (latin_name_row), 0, 0 },
  { "date_of_birth", WIDGET_ENTRY, OFFSET (birth_row), 0, 0 },
  { "iin", WIDGET_ENTRY, OFFSET (iin_row), 0, 0 },
  { "citizenship", WIDGET_COMBO, OFFSET (citizenship_row), 0, CHOICES_COUNTRIES },
  { "resident", WIDGET_SWITCH, OFFSET (resident_switch), OFFSET (resident_row), 0 },
  { "phone", WIDGET_ENTRY, OFFSET (phone_row), 0, 0 },
  { "email", WIDGET_ENTRY, OFFSET (email_row), 0, 0 },
  { "address.region", WIDGET_ENTRY, OFFSET (region_row), 0, 0 },
  { "address.city", WIDGET_ENTRY, OFFSET (city_row), 0, 0 },
  { "address.street", WIDGET_ENTRY, OFFSET (street_row), 0, 0 },
  { "address.postal_code", WIDGET_ENTRY, OFFSET (postal_row), 0, 0 },
  { "document.type", WIDGET_COMBO, OFFSET (document_type_row), 0, CHOICES_DOCUMENT_TYPES },
  { "document.number", WIDGET_ENTRY, OFFSET (document_number_row), 0, 0 },
  { "document.issue_date", WIDGET_ENTRY, OFFSET (issue_row), 0, 0 },
  { "document.expiry_date", WIDGET_ENTRY, OFFSET (expiry_row), 0, 0 },
  { "document.issuer", WIDGET_ENTRY, OFFSET (issuer_row), 0, 0 },
  { "image.front", WIDGET_IMAGE, OFFSET (front_drop), 0, 0 },
  { "image.back", WIDGET_IMAGE, OFFSET (back_drop), 0, 0 },
  { "image.selfie", WIDGET_IMAGE, OFFSET (selfie_drop), 0, 0 },
  { "occupation", WIDGET_ENTRY, OFFSET (occupation_row), 0, 0 },
  { "source_of_funds", WIDGET_COMBO, OFFSET (source_row), 0, CHOICES_SOURCES },
  { "pep", WIDGET_SWITCH, OFFSET (pep_switch), OFFSET (pep_row), 0 },
  { "tax_residency", WIDGET_COMBO, OFFSET (tax_row), 0, CHOICES_COUNTRIES },
  { "tax_residency.second", WIDGET_COMBO, OFFSET (tax_second_row), 0, CHOICES_COUNTRIES_OR_NONE },
};

#undef OFFSET

static const char * const step_names[] = {
  "welcome", "personal", "contact", "document", "selfie", "finances", "knowledge", "review",
};

static void update_step_state  (KopirOnboardingFlow *self);
static void validate_step      (KopirOnboardingFlow *self,
                                KopirKycStep         step);
static void build_review       (KopirOnboardingFlow *self);
static void load_questionnaire (KopirOnboardingFlow *self);
static void go_next            (KopirOnboardingFlow *self);

static GtkWidget *
widget_at (KopirOnboardingFlow *self,
           gsize                offset)
{
  return *(GtkWidget **) G_STRUCT_MEMBER_P (self, offset);
}

static void
field_free (Field *field)
{
  g_clear_pointer (&field->codes, g_ptr_array_unref);
  g_free (field->server_error);
  g_free (field);
}

static Field *
get_field (KopirOnboardingFlow *self,
           const char          *key)
{
  return g_hash_table_lookup (self->fields, key);
}

static gboolean
step_is_open (KopirOnboardingFlow *self,
              KopirKycStep         step)
{
  return self->reopened == 0 || step == KOPIR_KYC_STEP_REVIEW ||
         (self->reopened & KOPIR_KYC_STEP_MASK (step)) != 0;
}

/* The steps in the order they are offered: all of them, or while a
 * correction is made, those reopened and the review. */
static guint
count_open_steps (KopirOnboardingFlow *self,
                  KopirKycStep         up_to,
                  guint               *position)
{
  guint n = 0;

  for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_N_STEPS; step++)
    {
      if (!step_is_open (self, step))
        continue;
      n++;
      if (step == up_to && position != NULL)
        *position = n;
    }

  return n;
}

/* Every field widget passes the focus on to what takes it: an entry
 * row to its text, a photo to its button. */
static GtkWidget *
focus_target (Field *field)
{
  return field->widget;
}

static const char *
language_code (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "kk"))
        return "kk";
      if (g_str_has_prefix (names[i], "ru"))
        return "ru";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }

  return "en";
}

static void
show_toast (KopirOnboardingFlow *self,
            const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
set_busy (KopirOnboardingFlow *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  update_step_state (self);
}

/* Field messages */

/* Whether a problem can still go away by typing on. Such problems wait
 * until the person leaves the field or asks to go on; the others (a
 * digit in a name, an IIN that disagrees with the date of birth, an
 * expired document) are said at once. */
static gboolean
is_unfinished (const GError *error)
{
  if (error->domain == KOPIR_IIN_ERROR)
    return error->code == KOPIR_IIN_ERROR_EMPTY || error->code == KOPIR_IIN_ERROR_TOO_SHORT;

  return error->domain == KOPIR_KYC_ERROR &&
         (error->code == KOPIR_KYC_ERROR_REQUIRED ||
          error->code == KOPIR_KYC_ERROR_INVALID_DATE ||
          error->code == KOPIR_KYC_ERROR_INVALID_FORMAT);
}

/* What assistive technologies know as the field: an entry row is itself
 * the text box they see, its inner text is not exposed. */
static GtkWidget *
accessible_target (Field *field)
{
  return field->widget;
}

static void
set_field_message (KopirOnboardingFlow *self,
                   Field               *field,
                   const char          *message)
{
  GtkWidget *target = accessible_target (field);

  if (field->spec->kind == WIDGET_IMAGE)
    {
      if (message != NULL)
        kopir_image_drop_set_error (KOPIR_IMAGE_DROP (field->widget), message);
      return;
    }

  if (message != NULL)
    {
      gtk_label_set_label (field->error_label, message);
      gtk_widget_set_visible (field->error_row, TRUE);
      gtk_widget_add_css_class (field->row, "error");
      /* Said to a screen reader too, with the field. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (target),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_set_visible (field->error_row, FALSE);
      gtk_widget_remove_css_class (field->row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
validate_field (KopirOnboardingFlow *self,
                Field               *field)
{
  g_autoptr(GError) error = NULL;
  KopirKycStep step = kopir_kyc_field_get_step (field->spec->key);
  const char *message = NULL;

  if (field->spec->kind == WIDGET_IMAGE)
    {
      /* A photo's own messages (checking, sending, refused) are the
       * drop's; the missing one is said once Next was asked for. */
      if (kopir_onboarding_draft_get (self->draft, field->spec->key) == NULL &&
          !kopir_image_drop_has_image (KOPIR_IMAGE_DROP (field->widget)) &&
          (self->attempted[step] || field->server_error != NULL) &&
          !kopir_kyc_check_field (self->draft, field->spec->key, NULL, &error))
        set_field_message (self, field, field->server_error ? field->server_error : error->message);
      return;
    }

  if (field->server_error != NULL)
    message = field->server_error;
  else if (!kopir_kyc_check_field (self->draft, field->spec->key, NULL, &error))
    {
      if (self->attempted[step] || field->left || (field->edited && !is_unfinished (error)))
        message = error->message;
    }

  set_field_message (self, field, message);
}

static void
validate_step (KopirOnboardingFlow *self,
               KopirKycStep         step)
{
  g_auto(GStrv) keys = kopir_kyc_step_list_fields (self->draft, step);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      Field *field = get_field (self, keys[i]);

      if (field != NULL)
        validate_field (self, field);
    }
}

/* The steps list and the buttons */

static void
update_step_state (KopirOnboardingFlow *self)
{
  g_autofree char *missing = NULL;
  g_autofree char *first = NULL;
  g_autofree char *header = NULL;
  guint position = 1;
  guint n;
  gboolean first_open = TRUE;
  guint reached;

  if (self->draft == NULL)
    return;

  reached = kopir_onboarding_draft_get_uint (self->draft, "flow.reached", 0);

  for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_N_STEPS; step++)
    {
      gboolean complete = step == KOPIR_KYC_STEP_REVIEW ? FALSE
                                                        : kopir_kyc_step_is_complete (self->draft, step, NULL);
      gboolean open = step_is_open (self, step);
      gboolean reachable = open && (self->reopened != 0 || step <= reached);
      g_autofree char *name = NULL;

      gtk_widget_set_visible (self->step_done[step], complete);
      gtk_widget_set_sensitive (self->step_rows[step], reachable && !self->busy);

      /* Translators: a step in the list of steps; %u is its number, the
       * first %s its title, the second whether it is done. */
      name = g_strdup_printf (_("%u. %s, %s"), step + 1, kopir_kyc_step_get_title (step),
                              !open ? _("closed") : complete ? _("done") : _("to do"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_rows[step]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      if (step < self->step && open)
        first_open = FALSE;
    }

  gtk_list_box_select_row (self->steps_list, GTK_LIST_BOX_ROW (self->step_rows[self->step]));

  n = count_open_steps (self, self->step, &position);
  /* Translators: the header of a narrow window; "Step 3 of 8: Identity Document". */
  header = g_strdup_printf (_("Step %u of %u: %s"), position, n, kopir_kyc_step_get_title (self->step));
  gtk_label_set_label (self->folded_title, header);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.back", !first_open && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.next", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.discard", !self->busy);

  if (self->step == KOPIR_KYC_STEP_REVIEW)
    {
      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Send Application"));
      for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_STEP_REVIEW && missing == NULL; step++)
        {
          g_autofree char *what = kopir_kyc_step_describe_missing (self->draft, step, NULL, NULL);

          if (what != NULL)
            /* Translators: the first %s is a step's title, the second what is missing there. */
            missing = g_strdup_printf (_("%s: %s"), kopir_kyc_step_get_title (step), what);
        }
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Next"));
      missing = kopir_kyc_step_describe_missing (self->draft, self->step, NULL, &first);
    }

  /* The button says what it still needs, to eyes and to screen readers. */
  gtk_label_set_label (self->missing_label, missing != NULL ? missing : "");
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing != NULL);
  if (missing != NULL && self->attempted[self->step])
    gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->missing_label), "error");
  gtk_widget_set_tooltip_text (self->next_button, missing);
  if (missing != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, missing,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->next_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
focus_first_field (KopirOnboardingFlow *self)
{
  g_auto(GStrv) keys = kopir_kyc_step_list_fields (self->draft, self->step);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      Field *field = get_field (self, keys[i]);

      if (field != NULL && gtk_widget_get_sensitive (field->widget))
        {
          gtk_widget_grab_focus (focus_target (field));
          return;
        }
    }

  if (self->step == KOPIR_KYC_STEP_KNOWLEDGE && gtk_widget_get_first_child (GTK_WIDGET (self->questions_box)))
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->questions_box)));
  else
    gtk_widget_grab_focus (self->next_button);
}

/**
 * kopir_onboarding_flow_show_step:
 * @self: a #KopirOnboardingFlow
 * @step: the step to show
 *
 * Shows @step, if it is open, with the focus on its first field.
 */
void
kopir_onboarding_flow_show_step (KopirOnboardingFlow *self,
                                 KopirKycStep         step)
{
  GtkScrolledWindow *page;

  g_return_if_fail (KOPIR_IS_ONBOARDING_FLOW (self));
  g_return_if_fail (step < KOPIR_KYC_N_STEPS);

  if (!step_is_open (self, step))
    return;

  self->step = step;
  kopir_onboarding_draft_set_uint (self->draft, "flow.step", step);
  if (step > kopir_onboarding_draft_get_uint (self->draft, "flow.reached", 0))
    kopir_onboarding_draft_set_uint (self->draft, "flow.reached", step);

  /* Only the step shown is visible, so that assistive technologies hear
   * of the change and find nothing of the other steps. */
  for (KopirKycStep other = KOPIR_KYC_STEP_WELCOME; other < KOPIR_KYC_N_STEPS; other++)
    gtk_widget_set_visible (gtk_stack_get_child_by_name (self->step_stack, step_names[other]),
                            other == step);
  gtk_stack_set_visible_child_name (self->step_stack, step_names[step]);
  page = GTK_SCROLLED_WINDOW (gtk_stack_get_visible_child (self->step_stack));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (page), 0);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  if (step == KOPIR_KYC_STEP_KNOWLEDGE)
    load_questionnaire (self);
  else if (step == KOPIR_KYC_STEP_REVIEW)
    build_review (self);

  validate_step (self, step);
  update_step_state (self);
  focus_first_field (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

KopirKycStep
kopir_onboarding_flow_get_step (KopirOnboardingFlow *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING_FLOW (self), KOPIR_KYC_STEP_WELCOME);

  return self->step;
}

static void
show_next_open_step (KopirOnboardingFlow *self)
{
  for (KopirKycStep step = self->step + 1; step < KOPIR_KYC_N_STEPS; step++)
    if (step_is_open (self, step))
      {
        kopir_onboarding_flow_show_step (self, step);
        return;
      }
}

static void
go_back (KopirOnboardingFlow *self)
{
  for (int step = (int) self->step - 1; step >= 0; step--)
    if (step_is_open (self, step))
      {
        kopir_onboarding_flow_show_step (self, step);
        return;
      }
}

/* Sending */

/* At a branch desk a sending that did not go through is a staff action
 * too: the audit trail keeps its outcome and the fields the exchange
 * named, never their values. */
static void
record_failure_for_desk (KopirOnboardingFlow *self,
                         const GError        *error,
                         GHashTable          *problems)
{
  KopirAssistedShell *shell = kopir_assisted_shell_get_for_widget (GTK_WIDGET (self));
  g_autofree char *details = NULL;
  g_autofree char *fields = NULL;
  g_autofree const char **keys = NULL;
  guint n_keys = 0;

  if (shell == NULL)
    return;

  keys = (const char **) g_hash_table_get_keys_as_array (problems, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (char *), (GCompareDataFunc) g_strcmp0, NULL);
  fields = g_strjoinv (",", (char **) keys);
  details = kopir_audit_details ("applicant", kopir_onboarding_get_applicant_id (self->onboarding),
                                 "fields", n_keys > 0 ? fields : NULL,
                                 NULL);
  kopir_assisted_shell_record (shell, KOPIR_AUDIT_ACTION_KYC_SUBMIT,
                               error->domain == KOPIR_ACCOUNT_ERROR ? "refused" : "failed",
                               details);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KopirOnboardingFlow) self = user_data;
  g_autoptr(GHashTable) problems = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, message;
  KopirKycStep first = KOPIR_KYC_STEP_REVIEW;

  if (kopir_onboarding_submit_finish (KOPIR_ONBOARDING (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* The page shows what comes next; this form is done. */
    return;

  set_busy (self, FALSE);

  /* The exchange's word on each field, beside the field; the form keeps
   * everything as it was. */
  problems = kopir_onboarding_map_field_errors (self->draft, error);
  record_failure_for_desk (self, error, problems);
  g_hash_table_iter_init (&iter, problems);
  while (g_hash_table_iter_next (&iter, &key, &message))
    {
      Field *field = get_field (self, key);
      KopirKycStep step = kopir_kyc_field_get_step (key);

      if (field == NULL)
        continue;
      g_free (field->server_error);
      field->server_error = g_strdup (message);
      self->attempted[step] = TRUE;
      if (step < first && step_is_open (self, step))
        first = step;
      validate_field (self, field);
    }

  if (first != KOPIR_KYC_STEP_REVIEW)
    {
      kopir_onboarding_flow_show_step (self, first);
      show_toast (self, error->message);
      return;
    }

  build_review (self);
  gtk_label_set_label (self->missing_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                  -1);
}

static void
applicant_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KopirOnboardingFlow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_ensure_applicant_finish (KOPIR_ONBOARDING (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      gtk_label_set_label (self->missing_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "error");
      return;
    }

  set_busy (self, FALSE);
  show_next_open_step (self);
}

static void
go_next (KopirOnboardingFlow *self)
{
  g_autofree char *first = NULL;
  g_autofree char *missing = NULL;

  if (self->busy || self->draft == NULL)
    return;

  if (self->step == KOPIR_KYC_STEP_REVIEW)
    {
      for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_STEP_REVIEW; step++)
        {
          g_autofree char *what = kopir_kyc_step_describe_missing (self->draft, step, NULL, NULL);

          if (what != NULL)
            {
              self->attempted[step] = TRUE;
              kopir_onboarding_flow_show_step (self, step);
              return;
            }
        }

      set_busy (self, TRUE);
      kopir_onboarding_submit_async (self->onboarding, self->cancellable, submitted_cb,
                                     g_object_ref (self));
      return;
    }

  missing = kopir_kyc_step_describe_missing (self->draft, self->step, NULL, &first);
  if (missing != NULL)
    {
      Field *field = first != NULL ? get_field (self, first) : NULL;

      /* Every problem of the step is shown now, and the focus goes to the
       * first, where a screen reader reads its message. */
      self->attempted[self->step] = TRUE;
      validate_step (self, self->step);
      update_step_state (self);
      if (field != NULL)
        gtk_widget_grab_focus (focus_target (field));
      else if (self->step == KOPIR_KYC_STEP_KNOWLEDGE)
        gtk_widget_grab_focus (self->check_button);
      return;
    }

  /* The application is opened at the exchange once the person agreed. */
  if (self->step == KOPIR_KYC_STEP_WELCOME &&
      kopir_onboarding_get_applicant_id (self->onboarding) == NULL)
    {
      set_busy (self, TRUE);
      kopir_onboarding_ensure_applicant_async (self->onboarding, language_code (), self->cancellable,
                                               applicant_ready_cb, g_object_ref (self));
      return;
    }

  show_next_open_step (self);
}

/* Field changes */

static void
answer_changed (KopirOnboardingFlow *self,
                Field               *field)
{
  KopirKycStep step = kopir_kyc_field_get_step (field->spec->key);

  field->edited = TRUE;
  g_clear_pointer (&field->server_error, g_free);
  validate_step (self, step);
  update_step_state (self);
}

static void
on_entry_changed (GtkEditable         *editable,
                  KopirOnboardingFlow *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "kopir-field");

  if (self->loading || field == NULL)
    return;

  kopir_onboarding_draft_set (self->draft, field->spec->key, gtk_editable_get_text (editable));
  answer_changed (self, field);
}

static void
on_entry_activated (AdwEntryRow         *row,
                    KopirOnboardingFlow *self)
{
  go_next (self);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                KopirOnboardingFlow     *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  Field *field = g_object_get_data (G_OBJECT (widget), "kopir-field");

  if (field == NULL || !field->edited)
    return;

  field->left = TRUE;
  validate_field (self, field);
}

static void
update_document_photos (KopirOnboardingFlow *self)
{
  const char *type = kopir_onboarding_draft_get (self->draft, "document.type");

  if (g_strcmp0 (type, "passport") == 0)
    {
      kopir_image_drop_set_title (KOPIR_IMAGE_DROP (self->front_drop), _("Photo page of the passport"));
      gtk_widget_set_visible (self->back_drop, FALSE);
    }
  else if (g_strcmp0 (type, "residence_permit") == 0)
    {
      kopir_image_drop_set_title (KOPIR_IMAGE_DROP (self->front_drop), _("Front of the residence permit"));
      kopir_image_drop_set_title (KOPIR_IMAGE_DROP (self->back_drop), _("Back of the residence permit"));
      gtk_widget_set_visible (self->back_drop, TRUE);
    }
  else
    {
      kopir_image_drop_set_title (KOPIR_IMAGE_DROP (self->front_drop), _("Front of the ID card"));
      kopir_image_drop_set_title (KOPIR_IMAGE_DROP (self->back_drop), _("Back of the ID card"));
      gtk_widget_set_visible (self->back_drop, TRUE);
    }
}

static void
on_combo_selected (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   KopirOnboardingFlow *self)
{
  Field *field = g_object_get_data (G_OBJECT (row), "kopir-field");
  guint selected = adw_combo_row_get_selected (row);
  const char *code;

  if (self->loading || field == NULL || selected >= field->codes->len)
    return;

  code = g_ptr_array_index (field->codes, selected);
  if (g_strcmp0 (kopir_onboarding_draft_get (self->draft, field->spec->key), code) == 0)
    return;

  kopir_onboarding_draft_set (self->draft, field->spec->key, code);

  /* Photos of one kind of document are no photos of another. */
  if (g_str_equal (field->spec->key, "document.type"))
    {
      kopir_onboarding_draft_set (self->draft, "image.front", NULL);
      kopir_onboarding_draft_set (self->draft, "image.back", NULL);
      kopir_image_drop_clear (KOPIR_IMAGE_DROP (self->front_drop));
      kopir_image_drop_clear (KOPIR_IMAGE_DROP (self->back_drop));
      update_document_photos (self);
    }

  answer_changed (self, field);
}

static void
on_toggle_changed (GObject             *object,
                   GParamSpec          *pspec,
                   KopirOnboardingFlow *self)
{
  Field *field = g_object_get_data (object, "kopir-field");
  gboolean active;

  if (self->loading || field == NULL)
    return;

  g_object_get (object, "active", &active, NULL);
  if (field->spec->kind == WIDGET_CHECK)
    kopir_onboarding_draft_set (self->draft, field->spec->key, active ? "true" : NULL);
  else
    kopir_onboarding_draft_set_boolean (self->draft, field->spec->key, active);

  /* The consent is recorded with the version of its words. */
  if (g_str_equal (field->spec->key, "consent.personal_data"))
    kopir_onboarding_draft_set (self->draft, "consent.version", active ? KOPIR_KYC_CONSENT_VERSION : NULL);

  field->left = TRUE;
  answer_changed (self, field);
}

/* Photos */

typedef struct
{
  KopirOnboardingFlow *self;
  KopirImageDrop      *drop;
  char                *slot;
  GdkTexture          *texture;
  char                *summary;
} PhotoData;

static void
photo_data_free (PhotoData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->drop);
  g_clear_object (&data->texture);
  g_free (data->slot);
  g_free (data->summary);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PhotoData, photo_data_free)

static const char *
slot_for_drop (KopirOnboardingFlow *self,
               KopirImageDrop      *drop)
{
  if (GTK_WIDGET (drop) == self->front_drop)
    return "front";
  if (GTK_WIDGET (drop) == self->back_drop)
    return "back";
  return "selfie";
}

static void
photo_uploaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PhotoData) data = user_data;
  KopirOnboardingFlow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_strconcat ("image.", data->slot, NULL);
  Field *field;

  if (!kopir_onboarding_upload_image_finish (KOPIR_ONBOARDING (object), result, &error))
    {
      g_autoptr(GHashTable) problems = NULL;
      const char *message;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      problems = kopir_onboarding_map_field_errors (self->draft, error);
      message = g_hash_table_lookup (problems, key);
      kopir_image_drop_clear (data->drop);
      kopir_image_drop_set_error (data->drop, message != NULL ? message : error->message);
      return;
    }

  field = get_field (self, key);
  if (field != NULL)
    g_clear_pointer (&field->server_error, g_free);
  kopir_image_drop_set_picture (data->drop, GDK_PAINTABLE (data->texture), data->summary);
  update_step_state (self);
}

static void
photo_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PhotoData) data = user_data;
  KopirOnboardingFlow *self = data->self;
  g_autoptr(KopirDocumentImage) image = NULL;
  g_autoptr(GError) error = NULL;
  const char *slot;

  image = kopir_document_image_load_finish (result, &error);
  if (image == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The photo sent before, if any, stays. */
      kopir_image_drop_set_error (data->drop, error->message);
      return;
    }

  data->texture = gdk_texture_new_from_bytes (kopir_document_image_get_bytes (image), &error);
  if (data->texture == NULL)
    {
      kopir_image_drop_set_error (data->drop, error->message);
      return;
    }

  /* Translators: %d × %d is the photo's size in pixels. */
  data->summary = g_strdup_printf (_("Sent to the exchange: %d × %d pixels, without its metadata."),
                                   kopir_document_image_get_width (image),
                                   kopir_document_image_get_height (image));
  kopir_image_drop_set_busy (data->drop, _("Sending the photo…"));
  slot = data->slot;
  kopir_onboarding_upload_image_async (self->onboarding, slot, image, self->cancellable,
                                       photo_uploaded_cb, g_steal_pointer (&data));
}

static void
take_photo (KopirOnboardingFlow *self,
            KopirImageDrop      *drop,
            GFile               *file)
{
  PhotoData *data = g_new0 (PhotoData, 1);
  gboolean selfie = GTK_WIDGET (drop) == self->selfie_drop;

  data->self = g_object_ref (self);
  data->drop = g_object_ref (drop);
  data->slot = g_strdup (slot_for_drop (self, drop));

  kopir_image_drop_set_busy (drop, _("Checking the photo…"));
  kopir_document_image_load_async (file, selfie ? KOPIR_DOCUMENT_IMAGE_SELFIE : KOPIR_DOCUMENT_IMAGE_DOCUMENT,
                                   self->cancellable, photo_checked_cb, data);
}

static void
on_image_file_chosen (KopirImageDrop      *drop,
                      GFile               *file,
                      KopirOnboardingFlow *self)
{
  take_photo (self, drop, file);
}

/* A photo dropped anywhere on the page fills the first side still
 * without one. */
static gboolean
on_page_drop (GtkDropTarget       *target,
              const GValue        *value,
              double               x,
              double               y,
              KopirOnboardingFlow *self)
{
  GtkWidget *page = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GtkWidget *drop;
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  if (page == self->selfie_page)
    drop = self->selfie_drop;
  else if (!kopir_image_drop_has_image (KOPIR_IMAGE_DROP (self->front_drop)) ||
           !gtk_widget_get_visible (self->back_drop))
    drop = self->front_drop;
  else
    drop = self->back_drop;

  take_photo (self, KOPIR_IMAGE_DROP (drop), file);
  return TRUE;
}

/* The knowledge test */

static void
show_test_result (KopirOnboardingFlow *self)
{
  const char *result = kopir_onboarding_draft_get (self->draft, "test.result");
  g_autofree char *text = NULL;
  guint pass = self->questionnaire ? kopir_questionnaire_get_pass_score (self->questionnaire) : 4;
  guint total = self->questionnaire ? kopir_questionnaire_get_n_questions (self->questionnaire) : 5;

  if (g_strcmp0 (result, "passed") == 0)
    text = g_strdup (_("You passed. Once your account is open, the pilot’s limit of USD 1,000 a "
                       "month does not apply to you."));
  else if (g_strcmp0 (result, "failed") == 0)
    /* Translators: "at least 4 of 5 answers must be right". */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "You did not pass: at least %u of %u answer must be right. "
                                         "Your account can be opened all the same, with purchases "
                                         "limited to USD 1,000 a calendar month. You may change your "
                                         "answers and check them again.",
                                         "You did not pass: at least %u of %u answers must be right. "
                                         "Your account can be opened all the same, with purchases "
                                         "limited to USD 1,000 a calendar month. You may change your "
                                         "answers and check them again.",
                                         total),
                            pass, total);

  gtk_label_set_label (self->test_result_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->test_result_label), text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_result_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_result_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_result_label), "warning");
  if (text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_result_label),
                              g_strcmp0 (result, "passed") == 0 ? "success" : "warning");
}

static void
on_option_toggled (GtkCheckButton      *check,
                   KopirOnboardingFlow *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "kopir-answer-key");
  const char *option = g_object_get_data (G_OBJECT (check), "kopir-option");

  if (self->loading || !gtk_check_button_get_active (check))
    return;

  kopir_onboarding_draft_set (self->draft, key, option);
  /* Changed answers are to be checked again. */
  kopir_onboarding_draft_set (self->draft, "test.result", NULL);
  show_test_result (self);
  update_step_state (self);
}

static gboolean
is_key_safe (const char *id)
{
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return *id != '\0';
}

static void
build_questions (KopirOnboardingFlow *self)
{
  KopirQuestionnaire *q = self->questionnaire;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);

  self->loading = TRUE;
  for (guint i = 0; i < kopir_questionnaire_get_n_questions (q); i++)
    {
      const char *id = kopir_questionnaire_get_question_id (q, i);
      g_autofree char *key = NULL;
      g_autofree char *title = NULL;
      const char *chosen;
      GtkWidget *question;
      GtkWidget *heading;
      GtkWidget *group;
      GtkCheckButton *first = NULL;

      if (!is_key_safe (id))
        continue;

      key = g_strconcat ("test.answer.", id, NULL);
      chosen = kopir_onboarding_draft_get (self->draft, key);
      /* Translators: a question of the knowledge test with its number. */
      title = g_strdup_printf (_("%u. %s"), i + 1, kopir_questionnaire_get_question_text (q, i));
      /* A group's own title would not wrap; a question must be read whole. */
      question = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      heading = gtk_label_new (title);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (question), heading);
      group = adw_preferences_group_new ();
      gtk_box_append (GTK_BOX (question), group);

      for (guint j = 0; j < kopir_questionnaire_get_n_options (q, i); j++)
        {
          const char *text = kopir_questionnaire_get_option_text (q, i, j);
          const char *option = kopir_questionnaire_get_option_id (q, i, j);
          GtkWidget *row = adw_action_row_new ();
          /* One answer of several: a radio button to assistive technologies. */
          GtkWidget *check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                           NULL);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          if (first != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
          else
            first = GTK_CHECK_BUTTON (check);
          /* Named by its row; described by its question. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title,
                                          -1);
          g_object_set_data_full (G_OBJECT (check), "kopir-answer-key", g_strdup (key), g_free);
          g_object_set_data_full (G_OBJECT (check), "kopir-option", g_strdup (option), g_free);
          if (g_strcmp0 (chosen, option) == 0)
            gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          g_signal_connect (check, "toggled", G_CALLBACK (on_option_toggled), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }

      gtk_box_append (self->questions_box, question);
    }
  self->loading = FALSE;

  gtk_widget_set_visible (self->test_loading_box, FALSE);
  gtk_widget_set_visible (self->check_button, TRUE);
  show_test_result (self);
}

static void
questionnaire_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KopirOnboardingFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  KopirQuestionnaire *questionnaire;

  questionnaire = kopir_onboarding_get_questionnaire_finish (KOPIR_ONBOARDING (object), result, &error);
  if (questionnaire == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_test = FALSE;
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);

  if (questionnaire == NULL)
    {
      gtk_label_set_label (self->test_loading_label, error->message);
      gtk_widget_set_visible (self->test_retry_button, TRUE);
      return;
    }

  self->questionnaire = questionnaire;
  build_questions (self);
  if (self->step == KOPIR_KYC_STEP_KNOWLEDGE)
    focus_first_field (self);
}

static void
load_questionnaire (KopirOnboardingFlow *self)
{
  if (self->questionnaire != NULL || self->loading_test)
    return;

  self->loading_test = TRUE;
  gtk_widget_set_visible (self->test_loading_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_set_spinning (self->test_spinner, TRUE);
  gtk_label_set_label (self->test_loading_label, _("Loading the questions…"));
  gtk_widget_set_visible (self->test_retry_button, FALSE);
  kopir_onboarding_get_questionnaire_async (self->onboarding, self->cancellable, questionnaire_cb,
                                            g_object_ref (self));
}

static void
on_test_retry_clicked (KopirOnboardingFlow *self)
{
  load_questionnaire (self);
}

static void
answered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KopirOnboardingFlow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_answer_test_finish (KOPIR_ONBOARDING (object), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  gtk_widget_set_sensitive (self->check_button, TRUE);

  if (error != NULL)
    {
      gtk_label_set_label (self->test_result_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->test_result_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->test_result_label), "error");
      return;
    }

  show_test_result (self);
  update_step_state (self);
  gtk_widget_grab_focus (self->next_button);
}

static void
on_check_answers_clicked (KopirOnboardingFlow *self)
{
  if (self->questionnaire == NULL || self->busy)
    return;

  set_busy (self, TRUE);
  gtk_widget_set_sensitive (self->check_button, FALSE);
  kopir_onboarding_answer_test_async (self->onboarding, self->questionnaire, self->cancellable,
                                      answered_cb, g_object_ref (self));
}

/* The review */

static char *
field_value_text (KopirOnboardingFlow *self,
                  const char          *key)
{
  Field *field = get_field (self, key);
  const char *value = kopir_onboarding_draft_get (self->draft, key);
  g_autofree char *clean = kopir_kyc_clean_text (value);

  if (field != NULL && field->spec->kind == WIDGET_COMBO)
    {
      if (*clean == '\0')
        return g_strdup (C_("answer", "None"));
      if (field->spec->choices == CHOICES_SOURCES)
        return g_strdup (kopir_kyc_source_of_funds_name (clean));
      if (field->spec->choices == CHOICES_DOCUMENT_TYPES)
        return g_strdup (kopir_kyc_document_type_name (clean));
      return g_strdup (kopir_kyc_country_name (clean));
    }

  if (field != NULL && field->spec->kind == WIDGET_SWITCH)
    return g_strdup (g_str_equal (clean, "true") ? _("Yes") : _("No"));

  if (field != NULL && field->spec->kind == WIDGET_CHECK)
    return g_strdup (g_str_equal (clean, "true") ? _("Accepted") : _("Not accepted"));

  if (g_str_has_prefix (key, "image."))
    return *clean != '\0' ? g_strdup_printf (_("Sent, %s pixels"), clean) : g_strdup (_("Missing"));

  if (g_str_equal (key, "test.result"))
    {
      if (g_str_equal (clean, "passed"))
        return g_strdup (_("Passed: no monthly limit"));
      if (g_str_equal (clean, "failed"))
        return g_strdup (_("Not passed: purchases limited to USD 1,000 a month"));
      return g_strdup (_("Not answered"));
    }

  if (*clean == '\0')
    return g_strdup (kopir_kyc_field_is_optional (key) ? C_("answer", "None") : _("Missing"));

  return g_steal_pointer (&clean);
}

/* The field names are for lists, in lower case; a row's title starts
 * with a capital. */
static char *
capitalize (const char *name)
{
  char first[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (name)), first);

  return g_strconcat (first, g_utf8_next_char (name), NULL);
}

static void
on_edit_clicked (GtkButton           *button,
                 KopirOnboardingFlow *self)
{
  KopirKycStep step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kopir-step"));

  kopir_onboarding_flow_show_step (self, step);
}

static void
build_review (KopirOnboardingFlow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->review_box))) != NULL)
    gtk_box_remove (self->review_box, child);

  for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_STEP_REVIEW; step++)
    {
      g_auto(GStrv) keys = kopir_kyc_step_list_fields (self->draft, step);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), kopir_kyc_step_get_title (step));

      if (step_is_open (self, step))
        {
          GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit"));
          g_autofree char *name = NULL;

          /* Translators: the accessible name of a step's Edit button. */
          name = g_strdup_printf (_("Edit: %s"), kopir_kyc_step_get_title (step));
          gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (edit, "flat");
          g_object_set_data (G_OBJECT (edit), "kopir-step", GUINT_TO_POINTER (step));
          g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked), self);
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), edit);
        }

      for (guint i = 0; keys[i] != NULL; i++)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *value = field_value_text (self, keys[i]);
          g_autoptr(GError) error = NULL;
          g_autofree char *title = capitalize (kopir_kyc_field_get_name (keys[i]));

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_add_css_class (row, "property");
          if (!kopir_kyc_check_field (self->draft, keys[i], NULL, &error))
            {
              gtk_widget_add_css_class (row, "error");
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }

      gtk_box_append (self->review_box, group);
    }
}

/* Building the form */

static GPtrArray *
fill_choices (AdwComboRow *row,
              Choices      choices)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new ();
  const KopirKycCountry *countries;
  guint n;

  switch (choices)
    {
    case CHOICES_COUNTRIES_OR_NONE:
      gtk_string_list_append (names, C_("country", "None"));
      g_ptr_array_add (codes, (gpointer) "");
      G_GNUC_FALLTHROUGH;
    case CHOICES_COUNTRIES:
      countries = kopir_kyc_get_countries (&n);
      for (guint i = 0; i < n; i++)
        {
          gtk_string_list_append (names, kopir_kyc_country_name (countries[i].code));
          g_ptr_array_add (codes, (gpointer) countries[i].code);
        }
      break;

    case CHOICES_DOCUMENT_TYPES:
      for (const char * const *t = kopir_kyc_get_document_types (); *t != NULL; t++)
        {
          gtk_string_list_append (names, kopir_kyc_document_type_name (*t));
          g_ptr_array_add (codes, (gpointer) *t);
        }
      break;

    case CHOICES_SOURCES:
      gtk_string_list_append (names, _("Choose…"));
      g_ptr_array_add (codes, (gpointer) "");
      for (const char * const *s = kopir_kyc_get_sources_of_funds (); *s != NULL; s++)
        {
          gtk_string_list_append (names, kopir_kyc_source_of_funds_name (*s));
          g_ptr_array_add (codes, (gpointer) *s);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (names));

  return codes;
}

/* A row under the field, inside its list, that holds its message. */
static void
add_error_row (Field *field)
{
  GtkWidget *list = gtk_widget_get_parent (field->row);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "kopir-field-error");
  gtk_widget_set_visible (row, FALSE);

  g_assert (GTK_IS_LIST_BOX (list));
  gtk_list_box_insert (GTK_LIST_BOX (list), row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (field->row)) + 1);

  field->error_row = row;
  field->error_label = GTK_LABEL (label);
}

static void
setup_fields (KopirOnboardingFlow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      const FieldSpec *spec = &field_specs[i];
      Field *field = g_new0 (Field, 1);
      GtkEventController *focus;

      field->spec = spec;
      field->widget = widget_at (self, spec->widget);
      field->row = spec->row != 0 ? widget_at (self, spec->row) : field->widget;
      g_object_set_data (G_OBJECT (field->widget), "kopir-field", field);
      g_hash_table_insert (self->fields, (gpointer) spec->key, field);
      g_ptr_array_add (self->field_order, field);

      switch (spec->kind)
        {
        case WIDGET_ENTRY:
          {
            GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (field->widget));

            /* A huge paste is cut at the field's length, not kept whole. */
            if (GTK_IS_TEXT (delegate))
              gtk_text_set_max_length (GTK_TEXT (delegate), kopir_kyc_field_get_max_length (spec->key));
            g_signal_connect (field->widget, "changed", G_CALLBACK (on_entry_changed), self);
            g_signal_connect (field->widget, "entry-activated", G_CALLBACK (on_entry_activated), self);
          }
          break;

        case WIDGET_COMBO:
          field->codes = fill_choices (ADW_COMBO_ROW (field->widget), spec->choices);
          g_signal_connect (field->widget, "notify::selected", G_CALLBACK (on_combo_selected), self);
          break;

        case WIDGET_SWITCH:
        case WIDGET_CHECK:
          /* Named by its row, which it activates. */
          g_signal_connect (field->widget, "notify::active", G_CALLBACK (on_toggle_changed), self);
          break;

        case WIDGET_IMAGE:
        default:
          break;
        }

      if (spec->kind != WIDGET_IMAGE)
        {
          add_error_row (field);
          focus = gtk_event_controller_focus_new ();
          g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
          gtk_widget_add_controller (field->widget, focus);
        }
    }
}

static void
setup_steps_list (KopirOnboardingFlow *self)
{
  for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_N_STEPS; step++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      g_autofree char *number = g_strdup_printf ("%u", step + 1);
      GtkWidget *number_label = gtk_label_new (number);
      GtkWidget *title = gtk_label_new (kopir_kyc_step_get_title (step));
      GtkWidget *done = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_add_css_class (number_label, "dim-label");
      gtk_widget_add_css_class (number_label, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (number_label), 2);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
      gtk_widget_add_css_class (done, "success");
      gtk_box_append (GTK_BOX (box), number_label);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), done);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "kopir-step", GUINT_TO_POINTER (step));
      gtk_list_box_append (self->steps_list, row);

      self->step_rows[step] = row;
      self->step_done[step] = done;
    }
}

static void
load_values (KopirOnboardingFlow *self)
{
  self->loading = TRUE;

  for (guint i = 0; i < self->field_order->len; i++)
    {
      Field *field = g_ptr_array_index (self->field_order, i);
      const char *value = kopir_onboarding_draft_get (self->draft, field->spec->key);

      switch (field->spec->kind)
        {
        case WIDGET_ENTRY:
          gtk_editable_set_text (GTK_EDITABLE (field->widget), value != NULL ? value : "");
          break;

        case WIDGET_COMBO:
          {
            guint selected = 0;

            for (guint j = 0; j < field->codes->len; j++)
              if (g_strcmp0 (g_ptr_array_index (field->codes, j), value != NULL ? value : "") == 0)
                selected = j;
            adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), selected);
          }
          break;

        case WIDGET_SWITCH:
          gtk_switch_set_active (GTK_SWITCH (field->widget), g_strcmp0 (value, "true") == 0);
          break;

        case WIDGET_CHECK:
          gtk_check_button_set_active (GTK_CHECK_BUTTON (field->widget), g_strcmp0 (value, "true") == 0);
          break;

        case WIDGET_IMAGE:
          if (value != NULL)
            {
              /* Translators: %s is the photo's size in pixels, "800 × 600". */
              g_autofree char *summary = g_strdup_printf (_("Sent earlier: %s pixels."), value);

              kopir_image_drop_set_sent (KOPIR_IMAGE_DROP (field->widget), summary);
            }
          else
            kopir_image_drop_clear (KOPIR_IMAGE_DROP (field->widget));
          break;

        default:
          g_assert_not_reached ();
        }

      /* Answers brought back from before are checked as if just left. */
      if (value != NULL)
        field->edited = field->left = TRUE;
    }

  self->loading = FALSE;
  update_document_photos (self);
}

/* Closed steps are shown, not changed. */
static void
lock_closed_steps (KopirOnboardingFlow *self)
{
  for (guint i = 0; i < self->field_order->len; i++)
    {
      Field *field = g_ptr_array_index (self->field_order, i);
      KopirKycStep step = kopir_kyc_field_get_step (field->spec->key);

      gtk_widget_set_sensitive (field->row, step_is_open (self, step));
    }
}

/* Actions and callbacks */

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  go_next (KOPIR_ONBOARDING_FLOW (widget));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  go_back (KOPIR_ONBOARDING_FLOW (widget));
}

static void
on_discard_response (AdwMessageDialog    *dialog,
                     const char          *response,
                     KopirOnboardingFlow *self)
{
  if (g_strcmp0 (response, "discard") == 0 && self->onboarding != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      kopir_onboarding_discard (self->onboarding);
    }
}

static void
discard_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KopirOnboardingFlow *self = KOPIR_ONBOARDING_FLOW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Discard This Application?"),
                                   _("Everything you entered is removed from this computer. "
                                     "You can start a new application at any time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep It"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_step_row_activated (KopirOnboardingFlow *self,
                       GtkListBoxRow       *row)
{
  KopirKycStep step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kopir-step"));

  kopir_onboarding_flow_show_step (self, step);
}

static void
on_steps_button_clicked (KopirOnboardingFlow *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "steps");
  gtk_widget_grab_focus (self->step_rows[self->step]);
}

static void
on_leaflet_folded_changed (KopirOnboardingFlow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->folded_header, folded);
  gtk_widget_set_visible (self->folded_separator, folded);
  if (folded)
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
set_onboarding (KopirOnboardingFlow *self,
                KopirOnboarding     *onboarding)
{
  KopirKycStep step;

  g_assert (self->onboarding == NULL);
  self->onboarding = g_object_ref (onboarding);
  self->draft = g_object_ref (kopir_onboarding_get_draft (onboarding));
  self->reopened = kopir_onboarding_get_reopened_steps (onboarding);

  load_values (self);
  lock_closed_steps (self);

  step = MIN (kopir_onboarding_draft_get_uint (self->draft, "flow.step", 0), KOPIR_KYC_STEP_REVIEW);
  if (!step_is_open (self, step))
    step = KOPIR_KYC_STEP_REVIEW;
  kopir_onboarding_flow_show_step (self, step);
}

/* GObject */

static void
kopir_onboarding_flow_dispose (GObject *object)
{
  KopirOnboardingFlow *self = KOPIR_ONBOARDING_FLOW (object);

  g_cancellable_cancel (self->cancellable);
  /* The template's root is the bin's child as well: let go of it as the
   * bin's first, so that it is not unparented twice. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_ONBOARDING_FLOW);
  g_clear_object (&self->questionnaire);
  g_clear_object (&self->draft);
  g_clear_object (&self->onboarding);

  G_OBJECT_CLASS (kopir_onboarding_flow_parent_class)->dispose (object);
}

static void
kopir_onboarding_flow_finalize (GObject *object)
{
  KopirOnboardingFlow *self = KOPIR_ONBOARDING_FLOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->field_order, g_ptr_array_unref);

  G_OBJECT_CLASS (kopir_onboarding_flow_parent_class)->finalize (object);
}

static void
kopir_onboarding_flow_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KopirOnboardingFlow *self = KOPIR_ONBOARDING_FLOW (object);

  switch (prop_id)
    {
    case PROP_ONBOARDING:
      g_value_set_object (value, self->onboarding);
      break;

    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->folded_title));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_onboarding_flow_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KopirOnboardingFlow *self = KOPIR_ONBOARDING_FLOW (object);

  switch (prop_id)
    {
    case PROP_ONBOARDING:
      set_onboarding (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND(member) gtk_widget_class_bind_template_child (widget_class, KopirOnboardingFlow, member)

static void
kopir_onboarding_flow_class_init (KopirOnboardingFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_onboarding_flow_dispose;
  object_class->finalize = kopir_onboarding_flow_finalize;
  object_class->get_property = kopir_onboarding_flow_get_property;
  object_class->set_property = kopir_onboarding_flow_set_property;

  /**
   * KopirOnboardingFlow:onboarding:
   *
   * The application being filled in, in %KOPIR_ONBOARDING_STATE_DRAFT.
   */
  properties[PROP_ONBOARDING] =
    g_param_spec_object ("onboarding", NULL, NULL,
                         KOPIR_TYPE_ONBOARDING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirOnboardingFlow:step:
   *
   * The step shown, a #KopirKycStep.
   */
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 0, KOPIR_KYC_N_STEPS - 1, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirOnboardingFlow:title:
   *
   * Where the person is, as "Step 3 of 8: Identity Document".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KOPIR_TYPE_IMAGE_DROP);

  gtk_widget_class_install_action (widget_class, "flow.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "flow.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "flow.discard", NULL, discard_activated);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-onboarding-flow.ui");
  BIND (leaflet);
  BIND (steps_list);
  BIND (folded_header);
  BIND (folded_separator);
  BIND (folded_title);
  BIND (step_stack);
  BIND (missing_label);
  BIND (busy_spinner);
  BIND (next_button);
  BIND (back_button);
  BIND (welcome_title);
  BIND (personal_title);
  BIND (contact_title);
  BIND (document_title);
  BIND (selfie_title);
  BIND (finances_title);
  BIND (knowledge_title);
  BIND (review_title);
  BIND (intro_label);
  BIND (pilot_label);
  BIND (risk_label);
  BIND (consent_label);
  BIND (consent_version_label);
  BIND (consent_risk_row);
  BIND (consent_risk_check);
  BIND (consent_data_row);
  BIND (consent_data_check);
  BIND (last_name_row);
  BIND (first_name_row);
  BIND (patronymic_row);
  BIND (latin_name_row);
  BIND (birth_row);
  BIND (iin_row);
  BIND (citizenship_row);
  BIND (resident_row);
  BIND (resident_switch);
  BIND (phone_row);
  BIND (email_row);
  BIND (region_row);
  BIND (city_row);
  BIND (street_row);
  BIND (postal_row);
  BIND (document_page);
  BIND (document_type_row);
  BIND (document_number_row);
  BIND (issue_row);
  BIND (expiry_row);
  BIND (issuer_row);
  BIND (front_drop);
  BIND (back_drop);
  BIND (selfie_page);
  BIND (selfie_drop);
  BIND (occupation_row);
  BIND (source_row);
  BIND (pep_row);
  BIND (pep_switch);
  BIND (tax_row);
  BIND (tax_second_row);
  BIND (knowledge_intro);
  BIND (test_loading_box);
  BIND (test_spinner);
  BIND (test_loading_label);
  BIND (test_retry_button);
  BIND (questions_box);
  BIND (check_button);
  BIND (test_result_label);
  BIND (review_box);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_step_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_steps_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_image_file_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_test_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_answers_clicked);
}

#undef BIND

static void
add_page_drop_target (KopirOnboardingFlow *self,
                      GtkWidget           *page)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_page_drop), self);
  gtk_widget_add_controller (page, GTK_EVENT_CONTROLLER (target));
}

static void
kopir_onboarding_flow_init (KopirOnboardingFlow *self)
{
  GtkLabel *titles[KOPIR_KYC_N_STEPS];
  g_autofree char *version = NULL;

  self->cancellable = g_cancellable_new ();
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) field_free);
  self->field_order = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  titles[KOPIR_KYC_STEP_WELCOME] = self->welcome_title;
  titles[KOPIR_KYC_STEP_PERSONAL] = self->personal_title;
  titles[KOPIR_KYC_STEP_CONTACT] = self->contact_title;
  titles[KOPIR_KYC_STEP_DOCUMENT] = self->document_title;
  titles[KOPIR_KYC_STEP_SELFIE] = self->selfie_title;
  titles[KOPIR_KYC_STEP_FINANCES] = self->finances_title;
  titles[KOPIR_KYC_STEP_KNOWLEDGE] = self->knowledge_title;
  titles[KOPIR_KYC_STEP_REVIEW] = self->review_title;
  for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_N_STEPS; step++)
    gtk_label_set_label (titles[step], kopir_kyc_step_get_title (step));

  gtk_label_set_label (self->intro_label, kopir_kyc_introduction_text ());
  gtk_label_set_label (self->pilot_label, kopir_kyc_pilot_text ());
  gtk_label_set_label (self->risk_label, kopir_kyc_risk_warning_text ());
  gtk_label_set_label (self->consent_label, kopir_kyc_consent_text ());
  /* Translators: %s is the version of the consent text, such as 2026-1. */
  version = g_strdup_printf (_("Consent text, version %s."), KOPIR_KYC_CONSENT_VERSION);
  gtk_label_set_label (self->consent_version_label, version);

  gtk_label_set_label (self->knowledge_intro,
                       _("The exchange asks everyone who opens an account these five questions "
                         "about crypto-assets and the pilot. Pass, with at least four right "
                         "answers, and the pilot’s limit of USD 1,000 a month does not apply to "
                         "you. If you do not pass, your account is opened all the same, and your "
                         "purchases are limited to USD 1,000 a calendar month."));

  setup_steps_list (self);
  setup_fields (self);
  add_page_drop_target (self, self->document_page);
  add_page_drop_target (self, self->selfie_page);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/**
 * kopir_onboarding_flow_new:
 * @onboarding: an application in %KOPIR_ONBOARDING_STATE_DRAFT
 *
 * Returns: (transfer floating): the form, on the step where the person
 *   was
 */
GtkWidget *
kopir_onboarding_flow_new (KopirOnboarding *onboarding)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (onboarding), NULL);
  g_return_val_if_fail (kopir_onboarding_get_draft (onboarding) != NULL, NULL);

  return g_object_new (KOPIR_TYPE_ONBOARDING_FLOW, "onboarding", onboarding, NULL);
}

KopirOnboarding *
kopir_onboarding_flow_get_onboarding (KopirOnboardingFlow *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING_FLOW (self), NULL);

  return self->onboarding;
}
