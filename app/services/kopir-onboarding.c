/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-onboarding.c: a person's account application at one exchange */

#define G_LOG_DOMAIN "kopir-onboarding"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "kopir-iin.h"
#include "kopir-kyc-texts.h"
#include "kopir-onboarding.h"

/* Long enough not to trouble the exchange, short enough that a person
 * waiting hears soon after the review ends. */
#define DEFAULT_POLL_INTERVAL 10

struct _KopirOnboarding
{
  GObject               parent_instance;

  KopirAccountClient   *client;
  KopirSecretStore     *secrets;
  char                 *profile_id;
  char                 *directory;

  /* What stands where, without secrets; and the answers being typed. */
  KopirOnboardingDraft *record;
  KopirOnboardingDraft *draft;
  /* The answers last sent, in memory only: a branch prints them for
   * signature after the draft has gone from the disk. */
  KopirOnboardingDraft *submitted;

  KopirOnboardingState  state;
  char                 *problem;
  GCancellable         *cancellable;
  guint                 poll_interval;
  guint                 poll_source;
  gboolean              refreshing;
  gboolean              issuing;
};

G_DEFINE_FINAL_TYPE (KopirOnboarding, kopir_onboarding, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KopirOnboardingState, kopir_onboarding_state,
                    G_DEFINE_ENUM_VALUE (KOPIR_ONBOARDING_STATE_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (KOPIR_ONBOARDING_STATE_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (KOPIR_ONBOARDING_STATE_DRAFT, "draft"),
                    G_DEFINE_ENUM_VALUE (KOPIR_ONBOARDING_STATE_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (KOPIR_ONBOARDING_STATE_APPROVED, "approved"),
                    G_DEFINE_ENUM_VALUE (KOPIR_ONBOARDING_STATE_RETRY, "retry"),
                    G_DEFINE_ENUM_VALUE (KOPIR_ONBOARDING_STATE_REFUSED, "refused"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROBLEM,
  PROP_CREDENTIALS_ISSUED,
  PROP_POLL_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REVIEW_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_polling (KopirOnboarding *self);
static void stop_polling  (KopirOnboarding *self);
static void issue_in_background (KopirOnboarding *self);

/* Record keys */
#define RECORD_STATUS "status"
#define RECORD_APPLICANT "applicant.id"
#define RECORD_CUSTOMER "customer_id"
#define RECORD_PRACTICE "practice"
#define RECORD_CREDENTIALS "credentials"
#define RECORD_TEST_PASSED "test.passed"
#define RECORD_LABELS "review.labels"
#define RECORD_COMMENT "review.comment"
#define RECORD_REJECT_TYPE "review.reject_type"
#define RECORD_CONSENT_VERSION "consent.version"
#define RECORD_CONSENT_AT "consent.accepted_at"
#define RECORD_SUBMITTED_AT "submitted_at"
#define RECORD_REOPENED "reopened"

static const char *
state_to_status (KopirOnboardingState state)
{
  switch (state)
    {
    case KOPIR_ONBOARDING_STATE_DRAFT:
      return "draft";
    case KOPIR_ONBOARDING_STATE_PENDING:
      return "pending";
    case KOPIR_ONBOARDING_STATE_APPROVED:
      return "approved";
    case KOPIR_ONBOARDING_STATE_RETRY:
      return "retry";
    case KOPIR_ONBOARDING_STATE_REFUSED:
      return "refused";
    case KOPIR_ONBOARDING_STATE_LOADING:
    case KOPIR_ONBOARDING_STATE_NONE:
    default:
      return NULL;
    }
}

static void
set_problem (KopirOnboarding *self,
             const char      *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
set_state (KopirOnboarding      *self,
           KopirOnboardingState  state)
{
  if (self->state == state)
    return;

  g_debug ("Application: %s → %s", state_to_status (self->state), state_to_status (state));
  self->state = state;

  if (state == KOPIR_ONBOARDING_STATE_PENDING)
    start_polling (self);
  else
    stop_polling (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Writes the record now: it says where the application stands, which
 * must not be lost to a crash right after a step. */
static void
flush_record (KopirOnboarding *self)
{
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_draft_flush (self->record, &error))
    g_warning ("Saving the application's record: %s", error->message);
}

static char *
file_path (KopirOnboarding *self,
           const char      *suffix)
{
  g_autoptr(GString) name = g_string_new (NULL);

  /* A file name from the profile id, which is not trusted to be one. */
  for (const char *p = self->profile_id; *p; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '_');
  g_string_append (name, suffix);

  return g_build_filename (self->directory, name->str, NULL);
}

static KopirOnboardingDraft *
new_draft (KopirOnboarding *self)
{
  g_autofree char *path = file_path (self, ".draft");

  return kopir_onboarding_draft_new (path);
}

static void
clear_secret_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kopir_secret_store_clear_finish (KOPIR_SECRET_STORE (object), result, &error))
    g_debug ("Removing an application's secret: %s", error->message);
}

/* The answers kept for a correction are dropped once no correction can
 * be asked for any more. */
static void
forget_submitted_answers (KopirOnboarding *self)
{
  const char *id = kopir_onboarding_draft_get (self->record, RECORD_APPLICANT);

  if (id != NULL)
    kopir_secret_store_clear_async (self->secrets, KOPIR_SECRET_KIND_APPLICANT_DATA,
                                    self->profile_id, id, NULL, clear_secret_cb, NULL);
}

/* Polling */

static void
poll_refresh_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Failures are in the "problem" property; the next tick tries again. */
  if (!kopir_onboarding_refresh_finish (KOPIR_ONBOARDING (object), result, &error))
    g_debug ("Asking about the application: %s", error->message);
}

static gboolean
poll_cb (gpointer user_data)
{
  KopirOnboarding *self = user_data;

  if (!self->refreshing)
    kopir_onboarding_refresh_async (self, self->cancellable, poll_refresh_cb, NULL);

  return G_SOURCE_CONTINUE;
}

static void
start_polling (KopirOnboarding *self)
{
  if (self->poll_source != 0)
    return;

  self->poll_source = g_timeout_add_seconds (self->poll_interval, poll_cb, self);
}

static void
stop_polling (KopirOnboarding *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
}

/* GObject */

static void
kopir_onboarding_dispose (GObject *object)
{
  KopirOnboarding *self = KOPIR_ONBOARDING (object);

  stop_polling (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->draft);
  g_clear_object (&self->submitted);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (kopir_onboarding_parent_class)->dispose (object);
}

static void
kopir_onboarding_finalize (GObject *object)
{
  KopirOnboarding *self = KOPIR_ONBOARDING (object);

  g_clear_object (&self->client);
  g_clear_object (&self->secrets);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (kopir_onboarding_parent_class)->finalize (object);
}

static void
kopir_onboarding_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KopirOnboarding *self = KOPIR_ONBOARDING (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    case PROP_CREDENTIALS_ISSUED:
      g_value_set_boolean (value, kopir_onboarding_get_credentials_issued (self));
      break;

    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_onboarding_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KopirOnboarding *self = KOPIR_ONBOARDING (object);

  switch (prop_id)
    {
    case PROP_POLL_INTERVAL:
      kopir_onboarding_set_poll_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_onboarding_class_init (KopirOnboardingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_onboarding_dispose;
  object_class->finalize = kopir_onboarding_finalize;
  object_class->get_property = kopir_onboarding_get_property;
  object_class->set_property = kopir_onboarding_set_property;

  /**
   * KopirOnboarding:state:
   *
   * Where the application stands.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       KOPIR_TYPE_ONBOARDING_STATE, KOPIR_ONBOARDING_STATE_LOADING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirOnboarding:problem:
   *
   * What went wrong in the background (asking about the review, storing
   * the new account's keys), in words for the person; %NULL when nothing
   * did.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirOnboarding:credentials-issued:
   *
   * Whether the open account's key and secret are in the secret store.
   */
  properties[PROP_CREDENTIALS_ISSUED] =
    g_param_spec_boolean ("credentials-issued", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KopirOnboarding:poll-interval:
   *
   * Seconds between questions about an application waiting for review.
   */
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 1, 3600, DEFAULT_POLL_INTERVAL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirOnboarding::review-finished:
   * @self: the application
   * @state: %KOPIR_ONBOARDING_STATE_APPROVED, _RETRY or _REFUSED
   *
   * Emitted once when Kopir learns that the review desk has decided,
   * also when that happened while Kopir was not running.
   */
  signals[REVIEW_FINISHED] =
    g_signal_new ("review-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KOPIR_TYPE_ONBOARDING_STATE);
}

static void
kopir_onboarding_init (KopirOnboarding *self)
{
  self->state = KOPIR_ONBOARDING_STATE_LOADING;
  self->poll_interval = DEFAULT_POLL_INTERVAL;
  self->cancellable = g_cancellable_new ();
}

/**
 * kopir_onboarding_new:
 * @client: the account client of the exchange
 * @secrets: the secret store
 * @profile_id: the exchange profile the application is made at
 * @directory: the folder for the record and the draft, created private
 *   when first written
 *
 * Returns: (transfer full): the application, in
 *   %KOPIR_ONBOARDING_STATE_LOADING until kopir_onboarding_load_async()
 */
KopirOnboarding *
kopir_onboarding_new (KopirAccountClient *client,
                      KopirSecretStore   *secrets,
                      const char         *profile_id,
                      const char         *directory)
{
  KopirOnboarding *self;
  g_autofree char *record_path = NULL;

  g_return_val_if_fail (KOPIR_IS_ACCOUNT_CLIENT (client), NULL);
  g_return_val_if_fail (KOPIR_IS_SECRET_STORE (secrets), NULL);
  g_return_val_if_fail (profile_id != NULL && directory != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_ONBOARDING, NULL);
  self->client = g_object_ref (client);
  self->secrets = g_object_ref (secrets);
  self->profile_id = g_strdup (profile_id);
  self->directory = g_strdup (directory);

  record_path = file_path (self, ".record");
  self->record = kopir_onboarding_draft_new (record_path);

  return self;
}

/* Loading */

typedef struct
{
  KopirOnboardingDraft *record;
  KopirOnboardingDraft *draft;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->record);
  g_clear_object (&data->draft);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  if (!kopir_onboarding_draft_load (data->record, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* A draft that cannot be read is started again rather than stopping
   * the application; the record says where things stand. */
  if (!kopir_onboarding_draft_load (data->draft, &error))
    {
      g_warning ("Reading the application draft: %s", error->message);
      g_clear_error (&error);
      kopir_onboarding_draft_wipe (data->draft, NULL);
    }

  g_task_return_boolean (task, TRUE);
}

static KopirOnboardingState
state_from_record (KopirOnboardingDraft *record,
                   KopirOnboardingDraft *draft)
{
  const char *status = kopir_onboarding_draft_get (record, RECORD_STATUS);

  if (g_strcmp0 (status, "pending") == 0)
    return KOPIR_ONBOARDING_STATE_PENDING;
  if (g_strcmp0 (status, "approved") == 0)
    return KOPIR_ONBOARDING_STATE_APPROVED;
  if (g_strcmp0 (status, "refused") == 0)
    return KOPIR_ONBOARDING_STATE_REFUSED;
  if (g_strcmp0 (status, "retry") == 0)
    {
      /* Being corrected: the draft holds the corrections. */
      if (kopir_onboarding_draft_get_uint (record, RECORD_REOPENED, 0) != 0 &&
          !kopir_onboarding_draft_is_empty (draft))
        return KOPIR_ONBOARDING_STATE_DRAFT;
      return KOPIR_ONBOARDING_STATE_RETRY;
    }
  if (g_strcmp0 (status, "draft") == 0 || !kopir_onboarding_draft_is_empty (draft))
    return KOPIR_ONBOARDING_STATE_DRAFT;

  return KOPIR_ONBOARDING_STATE_NONE;
}

static void
load_refresh_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kopir_onboarding_refresh_finish (KOPIR_ONBOARDING (object), result, &error))
    g_debug ("Asking about the application after start-up: %s", error->message);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KopirOnboarding *self = KOPIR_ONBOARDING (object);
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  KopirOnboardingState state;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_set_object (&self->record, data->record);
  state = state_from_record (data->record, data->draft);
  if (state == KOPIR_ONBOARDING_STATE_DRAFT)
    g_set_object (&self->draft, data->draft);
  else if (!kopir_onboarding_draft_is_empty (data->draft))
    /* Left over from a submission interrupted after the exchange had it. */
    kopir_onboarding_draft_wipe (data->draft, NULL);

  set_state (self, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS_ISSUED]);

  /* The review may have ended while Kopir was not running: ask now, not
   * at the first tick. */
  if (state == KOPIR_ONBOARDING_STATE_PENDING)
    kopir_onboarding_refresh_async (self, self->cancellable, load_refresh_cb, NULL);
  else if (state == KOPIR_ONBOARDING_STATE_APPROVED && !kopir_onboarding_get_credentials_issued (self))
    issue_in_background (self);

  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_onboarding_load_async:
 * @self: a #KopirOnboarding
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the record and the draft in a worker thread and sets the state.
 * An application waiting for review is asked about at once; an approved
 * one whose keys are not stored yet gets them.
 */
void
kopir_onboarding_load_async (KopirOnboarding     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  LoadData *data;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_load_async);

  data = g_new0 (LoadData, 1);
  data->record = kopir_onboarding_draft_new (kopir_onboarding_draft_get_path (self->record));
  data->draft = new_draft (self);

  thread_task = g_task_new (self, cancellable, loaded_cb, g_steal_pointer (&task));
  g_task_set_task_data (thread_task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (thread_task, load_thread);
}

gboolean
kopir_onboarding_load_finish (KopirOnboarding  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Getters */

KopirOnboardingState
kopir_onboarding_get_state (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), KOPIR_ONBOARDING_STATE_NONE);

  return self->state;
}

/**
 * kopir_onboarding_get_problem:
 * @self: a #KopirOnboarding
 *
 * Returns: (nullable): see #KopirOnboarding:problem
 */
const char *
kopir_onboarding_get_problem (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  return self->problem;
}

/**
 * kopir_onboarding_get_draft:
 * @self: a #KopirOnboarding
 *
 * Returns: (transfer none) (nullable): the answers, while the application
 *   is %KOPIR_ONBOARDING_STATE_DRAFT
 */
KopirOnboardingDraft *
kopir_onboarding_get_draft (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  return self->draft;
}

/**
 * kopir_onboarding_get_submitted:
 * @self: a #KopirOnboarding
 *
 * The answers as they were last sent to the exchange. They are kept in
 * memory only, for as long as @self lives, so that a branch can print the
 * application for signature once it was sent.
 *
 * Returns: (transfer none) (nullable): the answers sent, or %NULL if
 *   nothing was sent since @self was made
 */
KopirOnboardingDraft *
kopir_onboarding_get_submitted (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  return self->submitted;
}

/**
 * kopir_onboarding_get_consent_accepted_at:
 * @self: a #KopirOnboarding
 *
 * Returns: (transfer full) (nullable): when the consents were accepted
 *   for this application, or %NULL if they were not yet
 */
GDateTime *
kopir_onboarding_get_consent_accepted_at (KopirOnboarding *self)
{
  const char *at;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  at = self->record != NULL ? kopir_onboarding_draft_get (self->record, RECORD_CONSENT_AT) : NULL;
  return at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
}

/**
 * kopir_onboarding_get_consent_version:
 * @self: a #KopirOnboarding
 *
 * Returns: (nullable): the version of the consents accepted for this
 *   application
 */
const char *
kopir_onboarding_get_consent_version (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  return self->record != NULL ? kopir_onboarding_draft_get (self->record, RECORD_CONSENT_VERSION) : NULL;
}

const char *
kopir_onboarding_get_profile_id (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  return self->profile_id;
}

/**
 * kopir_onboarding_get_applicant_id:
 * @self: a #KopirOnboarding
 *
 * Returns: (nullable): the exchange's id of the application, the
 *   reference to quote when asking about it
 */
const char *
kopir_onboarding_get_applicant_id (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  return kopir_onboarding_draft_get (self->record, RECORD_APPLICANT);
}

const char *
kopir_onboarding_get_customer_id (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  return kopir_onboarding_draft_get (self->record, RECORD_CUSTOMER);
}

/**
 * kopir_onboarding_get_practice:
 * @self: a #KopirOnboarding
 *
 * Returns: whether the account is a practice account made at once by the
 *   practice exchange, without an application
 */
gboolean
kopir_onboarding_get_practice (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), FALSE);

  return kopir_onboarding_draft_get_boolean (self->record, RECORD_PRACTICE);
}

gboolean
kopir_onboarding_get_credentials_issued (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), FALSE);

  return kopir_onboarding_draft_get_boolean (self->record, RECORD_CREDENTIALS);
}

gboolean
kopir_onboarding_get_knowledge_test_passed (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), FALSE);

  return kopir_onboarding_draft_get_boolean (self->record, RECORD_TEST_PASSED);
}

/**
 * kopir_onboarding_get_review_labels:
 * @self: a #KopirOnboarding
 *
 * Returns: (transfer full): the review desk's labels, perhaps none
 */
GStrv
kopir_onboarding_get_review_labels (KopirOnboarding *self)
{
  const char *labels;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  labels = kopir_onboarding_draft_get (self->record, RECORD_LABELS);
  if (labels == NULL)
    return g_new0 (char *, 1);

  return g_strsplit (labels, ",", -1);
}

const char *
kopir_onboarding_get_review_comment (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), NULL);

  return kopir_onboarding_draft_get (self->record, RECORD_COMMENT);
}

/**
 * kopir_onboarding_get_reopened_steps:
 * @self: a #KopirOnboarding
 *
 * Returns: while a correction the review desk asked for is made, the
 *   steps open to change (a mask of KOPIR_KYC_STEP_MASK()); 0 for an
 *   application filled in for the first time, where every step is open
 */
guint
kopir_onboarding_get_reopened_steps (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), 0);

  if (self->state != KOPIR_ONBOARDING_STATE_DRAFT)
    return 0;

  return kopir_onboarding_draft_get_uint (self->record, RECORD_REOPENED, 0);
}

guint
kopir_onboarding_get_poll_interval (KopirOnboarding *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING (self), 0);

  return self->poll_interval;
}

void
kopir_onboarding_set_poll_interval (KopirOnboarding *self,
                                    guint            seconds)
{
  g_return_if_fail (KOPIR_IS_ONBOARDING (self));
  g_return_if_fail (seconds > 0);

  if (self->poll_interval == seconds)
    return;

  self->poll_interval = seconds;
  if (self->poll_source != 0)
    {
      stop_polling (self);
      start_polling (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

/* Starting */

/**
 * kopir_onboarding_begin:
 * @self: a #KopirOnboarding
 *
 * Starts filling in an application, with the answers most people give
 * already chosen (resident of Kazakhstan, Kazakh citizenship and tax
 * residency, the ID card, not a politically exposed person). Nothing is
 * sent yet.
 */
void
kopir_onboarding_begin (KopirOnboarding *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));
  g_return_if_fail (self->state == KOPIR_ONBOARDING_STATE_NONE ||
                    self->state == KOPIR_ONBOARDING_STATE_REFUSED);

  if (!kopir_onboarding_draft_wipe (self->record, &error))
    g_warning ("Starting an application: %s", error->message);

  g_clear_object (&self->draft);
  self->draft = new_draft (self);
  kopir_onboarding_draft_set (self->draft, "document.type", "id_card");
  kopir_onboarding_draft_set (self->draft, "citizenship", "KZ");
  kopir_onboarding_draft_set_boolean (self->draft, "resident", TRUE);
  kopir_onboarding_draft_set (self->draft, "tax_residency", "KZ");
  kopir_onboarding_draft_set_boolean (self->draft, "pep", FALSE);
  kopir_onboarding_draft_set_uint (self->draft, "flow.step", KOPIR_KYC_STEP_WELCOME);

  kopir_onboarding_draft_set (self->record, RECORD_STATUS, "draft");
  flush_record (self);

  set_state (self, KOPIR_ONBOARDING_STATE_DRAFT);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  g_autoptr(KopirApplicant) applicant = NULL;
  g_autofree char *now = NULL;
  GError *error = NULL;

  applicant = kopir_account_client_create_applicant_finish (KOPIR_ACCOUNT_CLIENT (object),
                                                            result, &error);
  if (applicant == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The consent is recorded with the application it was given for. */
  now = now_iso8601 ();
  kopir_onboarding_draft_set (self->record, RECORD_APPLICANT, kopir_applicant_get_id (applicant));
  kopir_onboarding_draft_set (self->record, RECORD_CONSENT_VERSION, KOPIR_KYC_CONSENT_VERSION);
  kopir_onboarding_draft_set (self->record, RECORD_CONSENT_AT, now);
  if (self->draft != NULL)
    kopir_onboarding_draft_set (self->draft, "consent.version", KOPIR_KYC_CONSENT_VERSION);
  flush_record (self);

  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_onboarding_ensure_applicant_async:
 * @self: a #KopirOnboarding
 * @locale: (nullable): "kk", "ru" or "en", for the exchange's messages
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Opens the application at the exchange, unless that was done already;
 * its token goes to the secret store. The consent version is recorded.
 */
void
kopir_onboarding_ensure_applicant_async (KopirOnboarding     *self,
                                         const char          *locale,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_ensure_applicant_async);

  if (kopir_onboarding_get_applicant_id (self) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  kopir_account_client_create_applicant_async (self->client, locale, cancellable,
                                               created_cb, g_steal_pointer (&task));
}

gboolean
kopir_onboarding_ensure_applicant_finish (KopirOnboarding  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Images */

typedef struct
{
  char               *slot;
  KopirDocumentImage *image;
  KopirQuestionnaire *questionnaire;
  GStrv               answers;
  char               *kept;
  gsize               kept_length;
} StepData;

static void
step_data_free (StepData *data)
{
  g_free (data->slot);
  g_clear_object (&data->image);
  g_clear_object (&data->questionnaire);
  g_strfreev (data->answers);
  if (data->kept != NULL)
    memset (data->kept, 0, data->kept_length);
  g_free (data->kept);
  g_free (data);
}

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  StepData *data = g_task_get_task_data (task);
  g_autofree char *key = NULL;
  g_autofree char *summary = NULL;
  GError *error = NULL;

  if (!kopir_account_client_upload_document_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->draft != NULL)
    {
      key = g_strconcat ("image.", data->slot, NULL);
      summary = g_strdup_printf ("%d × %d", kopir_document_image_get_width (data->image),
                                 kopir_document_image_get_height (data->image));
      kopir_onboarding_draft_set (self->draft, key, summary);
    }

  g_task_return_boolean (task, TRUE);
}

static void
upload_applicant_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  KopirOnboarding *self = KOPIR_ONBOARDING (object);
  StepData *data = g_task_get_task_data (task);
  const char *kind;
  GError *error = NULL;

  if (!kopir_onboarding_ensure_applicant_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  kind = kopir_kyc_image_kind (self->draft != NULL
                                 ? kopir_onboarding_draft_get (self->draft, "document.type")
                                 : NULL,
                               data->slot);
  if (kind == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("This document has no back side to add."));
      return;
    }

  kopir_account_client_upload_document_async (self->client, kopir_onboarding_get_applicant_id (self),
                                              kind, kopir_document_image_get_bytes (data->image),
                                              kopir_document_image_get_content_type (data->image),
                                              cancellable, uploaded_cb,
                                              g_steal_pointer (&task));
}

/**
 * kopir_onboarding_upload_image_async:
 * @self: a #KopirOnboarding
 * @slot: "front", "back" or "selfie"
 * @image: the checked picture
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends a picture as the side of the chosen document (or the selfie) and
 * notes it in the draft as "image.@slot". Kopir keeps no copy.
 */
void
kopir_onboarding_upload_image_async (KopirOnboarding     *self,
                                     const char          *slot,
                                     KopirDocumentImage  *image,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StepData *data;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));
  g_return_if_fail (slot != NULL);
  g_return_if_fail (KOPIR_IS_DOCUMENT_IMAGE (image));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_upload_image_async);
  data = g_new0 (StepData, 1);
  data->slot = g_strdup (slot);
  data->image = g_object_ref (image);
  g_task_set_task_data (task, data, (GDestroyNotify) step_data_free);

  kopir_onboarding_ensure_applicant_async (self, NULL, cancellable, upload_applicant_cb,
                                           g_steal_pointer (&task));
}

gboolean
kopir_onboarding_upload_image_finish (KopirOnboarding  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The knowledge test */

static void
questionnaire_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  KopirQuestionnaire *questionnaire;
  GError *error = NULL;

  node = kopir_account_client_get_questionnaire_finish (KOPIR_ACCOUNT_CLIENT (object), result,
                                                        &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  questionnaire = kopir_questionnaire_new_from_json (node, &error);
  if (questionnaire == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, questionnaire, g_object_unref);
}

void
kopir_onboarding_get_questionnaire_async (KopirOnboarding     *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_get_questionnaire_async);
  kopir_account_client_get_questionnaire_async (self->client, cancellable, questionnaire_cb,
                                                g_steal_pointer (&task));
}

/**
 * kopir_onboarding_get_questionnaire_finish:
 * @self: a #KopirOnboarding
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the exchange's knowledge test
 */
KopirQuestionnaire *
kopir_onboarding_get_questionnaire_finish (KopirOnboarding  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
answered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  StepData *data = g_task_get_task_data (task);
  gboolean passed = FALSE;
  GError *error = NULL;

  if (!kopir_account_client_answer_questionnaire_finish (KOPIR_ACCOUNT_CLIENT (object), result,
                                                         &passed, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->draft != NULL)
    {
      kopir_onboarding_draft_set (self->draft, "test.version",
                                  kopir_questionnaire_get_version (data->questionnaire));
      kopir_onboarding_draft_set (self->draft, "test.result", passed ? "passed" : "failed");
    }

  g_task_return_boolean (task, passed);
}

static void
answer_applicant_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  KopirOnboarding *self = KOPIR_ONBOARDING (object);
  StepData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!kopir_onboarding_ensure_applicant_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  kopir_account_client_answer_questionnaire_async (self->client,
                                                   kopir_onboarding_get_applicant_id (self),
                                                   kopir_questionnaire_get_version (data->questionnaire),
                                                   (const char * const *) data->answers,
                                                   cancellable, answered_cb,
                                                   g_steal_pointer (&task));
}

/**
 * kopir_onboarding_answer_test_async:
 * @self: a #KopirOnboarding
 * @questionnaire: the test answered
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends the answers in the draft ("test.answer.QUESTION" = option) and
 * notes the result as "test.result", "passed" or "failed".
 */
void
kopir_onboarding_answer_test_async (KopirOnboarding     *self,
                                    KopirQuestionnaire  *questionnaire,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) answers = g_strv_builder_new ();
  StepData *data;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));
  g_return_if_fail (KOPIR_IS_QUESTIONNAIRE (questionnaire));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_answer_test_async);

  for (guint i = 0; i < kopir_questionnaire_get_n_questions (questionnaire); i++)
    {
      const char *id = kopir_questionnaire_get_question_id (questionnaire, i);
      g_autofree char *key = g_strconcat ("test.answer.", id, NULL);
      const char *option = self->draft != NULL ? kopir_onboarding_draft_get (self->draft, key) : NULL;

      if (option == NULL)
        {
          g_task_return_new_error (task, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_REQUIRED, "%s",
                                   _("Answer every question, then check your answers."));
          return;
        }
      g_strv_builder_add (answers, id);
      g_strv_builder_add (answers, option);
    }

  data = g_new0 (StepData, 1);
  data->questionnaire = g_object_ref (questionnaire);
  data->answers = g_strv_builder_end (answers);
  g_task_set_task_data (task, data, (GDestroyNotify) step_data_free);

  kopir_onboarding_ensure_applicant_async (self, NULL, cancellable, answer_applicant_cb,
                                           g_steal_pointer (&task));
}

/**
 * kopir_onboarding_answer_test_finish:
 * @self: a #KopirOnboarding
 * @result: the result
 * @passed: (out) (optional): whether the test was passed
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the exchange scored the answers
 */
gboolean
kopir_onboarding_answer_test_finish (KopirOnboarding  *self,
                                     GAsyncResult     *result,
                                     gboolean         *passed,
                                     GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (passed != NULL)
    *passed = value;

  return TRUE;
}

/* The personal data */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static char *
clean (KopirOnboardingDraft *draft,
       const char           *key)
{
  return kopir_kyc_clean_text (kopir_onboarding_draft_get (draft, key));
}

static void
add_clean (JsonBuilder          *builder,
           KopirOnboardingDraft *draft,
           const char           *member,
           const char           *key)
{
  g_autofree char *value = clean (draft, key);

  if (*value != '\0')
    add_string (builder, member, value);
}

static void
add_date (JsonBuilder          *builder,
          KopirOnboardingDraft *draft,
          const char           *member,
          const char           *key)
{
  g_autofree char *iso = NULL;
  GDate date;

  if (kopir_kyc_parse_date (kopir_onboarding_draft_get (draft, key), &date))
    {
      iso = kopir_kyc_format_date (&date);
      add_string (builder, member, iso);
    }
}

/**
 * kopir_onboarding_build_personal_data:
 * @draft: the answers
 * @error: return location for a #GError
 *
 * Builds the contract's PersonalData from the answers: text cleaned,
 * dates as YYYY-MM-DD, the phone as +7 and ten digits, the sex taken from
 * the IIN.
 *
 * Returns: (transfer full): the object to send, or %NULL with @error
 *   (in %KOPIR_KYC_ERROR or %KOPIR_IIN_ERROR) if an answer is missing or
 *   wrong
 */
JsonObject *
kopir_onboarding_build_personal_data (KopirOnboardingDraft  *draft,
                                      GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *number = NULL;
  g_autofree char *second = NULL;
  const char *type;
  KopirIinInfo info;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (draft), NULL);

  for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_STEP_KNOWLEDGE; step++)
    {
      g_auto(GStrv) keys = kopir_kyc_step_list_fields (draft, step);

      for (guint i = 0; keys[i] != NULL; i++)
        if (!g_str_has_prefix (keys[i], "image.") &&
            !kopir_kyc_check_field (draft, keys[i], NULL, error))
          return NULL;
    }

  kopir_iin_validate (kopir_onboarding_draft_get (draft, "iin"), &info, NULL);
  phone = kopir_kyc_normalize_phone (kopir_onboarding_draft_get (draft, "phone"));
  type = kopir_onboarding_draft_get (draft, "document.type");
  number = kopir_kyc_normalize_document_number (type, kopir_onboarding_draft_get (draft, "document.number"));
  second = clean (draft, "tax_residency.second");

  json_builder_begin_object (builder);
  add_clean (builder, draft, "last_name", "last_name");
  add_clean (builder, draft, "first_name", "first_name");
  add_clean (builder, draft, "patronymic", "patronymic");
  add_clean (builder, draft, "latin_name", "latin_name");
  add_date (builder, draft, "date_of_birth", "date_of_birth");
  add_string (builder, "sex", info.sex == KOPIR_SEX_FEMALE ? "female" : "male");
  add_string (builder, "iin", info.iin);
  add_clean (builder, draft, "citizenship", "citizenship");
  json_builder_set_member_name (builder, "resident");
  json_builder_add_boolean_value (builder, kopir_onboarding_draft_get_boolean (draft, "resident"));

  /* The pilot is for residents: the address is in Kazakhstan. */
  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  add_string (builder, "country", "KZ");
  add_clean (builder, draft, "region", "address.region");
  add_clean (builder, draft, "city", "address.city");
  add_clean (builder, draft, "street", "address.street");
  add_clean (builder, draft, "postal_code", "address.postal_code");
  json_builder_end_object (builder);

  add_string (builder, "phone", phone);
  add_clean (builder, draft, "email", "email");

  json_builder_set_member_name (builder, "document");
  json_builder_begin_object (builder);
  add_string (builder, "type", type);
  add_string (builder, "number", number);
  add_date (builder, draft, "issue_date", "document.issue_date");
  add_date (builder, draft, "expiry_date", "document.expiry_date");
  add_clean (builder, draft, "issuer", "document.issuer");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "pep");
  json_builder_add_boolean_value (builder, kopir_onboarding_draft_get_boolean (draft, "pep"));
  add_clean (builder, draft, "source_of_funds", "source_of_funds");
  add_clean (builder, draft, "occupation", "occupation");
  json_builder_set_member_name (builder, "tax_residency");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, kopir_onboarding_draft_get (draft, "tax_residency"));
  if (*second != '\0' && g_strcmp0 (second, kopir_onboarding_draft_get (draft, "tax_residency")) != 0)
    json_builder_add_string_value (builder, second);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "risk_warnings_accepted");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "personal_data_consent");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_object_ref (json_node_get_object (root));
}

/* The field a path of the contract names in the form. */
static char *
field_for_path (KopirOnboardingDraft *draft,
                const char           *path)
{
  static const struct { const char *path; const char *key; } renamed[] = {
    { "sex", "iin" },
    { "address.country", "address.city" },
    { "tax_residency.0", "tax_residency" },
    { "tax_residency.1", "tax_residency.second" },
    { "risk_warnings_accepted", "consent.risk" },
    { "personal_data_consent", "consent.personal_data" },
    { "personal_data", "last_name" },
    { "appropriateness", "test.result" },
    { "answers", "test.result" },
    { "version", "test.result" },
  };
  const char *kind = path;

  for (guint i = 0; i < G_N_ELEMENTS (renamed); i++)
    if (g_str_equal (path, renamed[i].path))
      return g_strdup (renamed[i].key);

  if (g_str_has_prefix (path, "answers."))
    return g_strdup ("test.result");

  if (g_str_has_prefix (path, "documents."))
    kind = path + strlen ("documents.");
  if (g_str_equal (kind, "selfie"))
    return g_strdup ("image.selfie");
  if (g_str_has_suffix (kind, "_back"))
    return g_strdup ("image.back");
  if (g_str_has_suffix (kind, "_front") || g_str_equal (kind, "passport"))
    return g_strdup ("image.front");

  if (kopir_kyc_field_is_known (path))
    return g_strdup (path);

  return NULL;
}

/**
 * kopir_onboarding_map_field_errors:
 * @draft: (nullable): the answers
 * @error: an error from sending the application or a picture
 *
 * Returns: (transfer full): the form's fields (draft keys) the exchange
 *   found wrong or missing, with a translated message for each; empty if
 *   @error names no field
 */
GHashTable *
kopir_onboarding_map_field_errors (KopirOnboardingDraft *draft,
                                   const GError         *error)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *problems = kopir_account_error_get_field_errors (error);
  GHashTableIter iter;
  gpointer path, message;

  if (problems == NULL)
    return fields;

  g_hash_table_iter_init (&iter, problems);
  while (g_hash_table_iter_next (&iter, &path, &message))
    {
      char *key = field_for_path (draft, path);

      if (key == NULL)
        {
          g_debug ("The exchange found a problem with %s, which the form does not have",
                   (const char *) path);
          continue;
        }
      if (g_str_equal (key, "test.result"))
        message = (gpointer) _("Answer every question, then check your answers.");
      else if (g_str_has_prefix (key, "image.") &&
               g_strcmp0 (kopir_account_error_get_problem_code (error), "validation_failed") == 0 &&
               g_strcmp0 (message, kopir_account_describe_field_code ("required")) == 0)
        message = (gpointer) _("Add this photo again: the exchange does not have it.");

      g_hash_table_replace (fields, key, g_strdup (message));
    }

  return fields;
}

/* Sending */

static void
answers_kept_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  /* Without the keyring a correction would mean typing everything again,
   * which is a nuisance, not a reason to hold back the application. */
  if (!kopir_secret_store_store_finish (KOPIR_SECRET_STORE (object), result, &error))
    g_debug ("Keeping the answers for a correction: %s", error->message);

  now = now_iso8601 ();
  kopir_onboarding_draft_set (self->record, RECORD_STATUS, "pending");
  kopir_onboarding_draft_set (self->record, RECORD_SUBMITTED_AT, now);
  kopir_onboarding_draft_set (self->record, RECORD_REOPENED, NULL);
  kopir_onboarding_draft_set (self->record, RECORD_LABELS, NULL);
  kopir_onboarding_draft_set (self->record, RECORD_COMMENT, NULL);
  kopir_onboarding_draft_set (self->record, RECORD_REJECT_TYPE, NULL);
  if (self->draft != NULL)
    {
      kopir_onboarding_draft_set_boolean (self->record, RECORD_TEST_PASSED,
                                          g_strcmp0 (kopir_onboarding_draft_get (self->draft, "test.result"),
                                                     "passed") == 0);
      kopir_onboarding_draft_set (self->record, RECORD_CONSENT_VERSION,
                                  kopir_onboarding_draft_get (self->draft, "consent.version"));
    }
  flush_record (self);

  /* The exchange has the answers now: the draft goes. */
  if (self->draft != NULL)
    {
      g_autoptr(GError) wipe_error = NULL;
      g_autofree char *answers = NULL;
      gsize length = 0;

      answers = kopir_onboarding_draft_to_data (self->draft, &length);
      g_clear_object (&self->submitted);
      self->submitted = kopir_onboarding_draft_new (NULL);
      if (!kopir_onboarding_draft_load_data (self->submitted, answers, length, NULL))
        g_clear_object (&self->submitted);
      if (answers != NULL)
        memset (answers, 0, length);

      if (!kopir_onboarding_draft_wipe (self->draft, &wipe_error))
        g_warning ("Removing the application draft: %s", wipe_error->message);
      g_clear_object (&self->draft);
    }

  set_problem (self, NULL);
  set_state (self, KOPIR_ONBOARDING_STATE_PENDING);
  g_task_return_boolean (task, TRUE);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  StepData *data = g_task_get_task_data (task);
  g_autoptr(KopirApplicant) applicant = NULL;
  GError *error = NULL;

  applicant = kopir_account_client_submit_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (applicant == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Not cancellable from here: the exchange has the application, and
   * the record must say so. */
  kopir_secret_store_store_async (self->secrets, KOPIR_SECRET_KIND_APPLICANT_DATA,
                                  self->profile_id, kopir_onboarding_get_applicant_id (self),
                                  data->kept, NULL, answers_kept_cb, g_steal_pointer (&task));
}

static void
updated_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  KopirOnboarding *self = g_task_get_source_object (task);
  g_autoptr(KopirApplicant) applicant = NULL;
  GError *error = NULL;

  applicant = kopir_account_client_update_applicant_finish (KOPIR_ACCOUNT_CLIENT (object), result,
                                                            &error);
  if (applicant == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  kopir_account_client_submit_async (self->client, kopir_onboarding_get_applicant_id (self),
                                     cancellable, submitted_cb,
                                     g_steal_pointer (&task));
}

static void
submit_applicant_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  KopirOnboarding *self = KOPIR_ONBOARDING (object);
  g_autoptr(JsonObject) personal = NULL;
  GError *error = NULL;

  if (!kopir_onboarding_ensure_applicant_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->draft == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("The application was closed."));
      return;
    }

  personal = kopir_onboarding_build_personal_data (self->draft, &error);
  if (personal == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  kopir_account_client_update_applicant_async (self->client, kopir_onboarding_get_applicant_id (self),
                                               personal, cancellable, updated_cb,
                                               g_steal_pointer (&task));
}

/**
 * kopir_onboarding_submit_async:
 * @self: a #KopirOnboarding in %KOPIR_ONBOARDING_STATE_DRAFT
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends the personal data, then the application, to the review desk. On
 * success the draft is wiped and the application waits for review; on
 * failure nothing is lost, and kopir_onboarding_map_field_errors() says
 * which answers the exchange found wrong.
 */
void
kopir_onboarding_submit_async (KopirOnboarding     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StepData *data;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_submit_async);

  if (self->state != KOPIR_ONBOARDING_STATE_DRAFT || self->draft == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("There is no application to send."));
      return;
    }

  for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_STEP_REVIEW; step++)
    {
      g_autofree char *missing = kopir_kyc_step_describe_missing (self->draft, step, NULL, NULL);

      if (missing != NULL)
        {
          /* Translators: the first %s is a step, such as "Personal Details";
           * the second says what is missing there. */
          g_task_return_new_error (task, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_REQUIRED,
                                   _("%s: %s"), kopir_kyc_step_get_title (step), missing);
          return;
        }
    }

  data = g_new0 (StepData, 1);
  data->kept = kopir_onboarding_draft_to_data (self->draft, &data->kept_length);
  g_task_set_task_data (task, data, (GDestroyNotify) step_data_free);

  kopir_onboarding_ensure_applicant_async (self, NULL, cancellable, submit_applicant_cb,
                                           g_steal_pointer (&task));
}

gboolean
kopir_onboarding_submit_finish (KopirOnboarding  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The review */

static void
issued_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  g_autofree char *customer_id = NULL;
  GError *error = NULL;

  self->issuing = FALSE;
  customer_id = kopir_account_client_issue_credentials_finish (KOPIR_ACCOUNT_CLIENT (object),
                                                               result, &error);
  if (customer_id == NULL)
    {
      if (g_error_matches (error, KOPIR_ACCOUNT_ERROR, KOPIR_ACCOUNT_ERROR_ALREADY_DONE))
        set_problem (self, _("The exchange gave out this account’s keys before, but Kopir does "
                             "not have them. Ask the exchange for new API keys and enter them "
                             "in Preferences."));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_problem (self, error->message);
      g_task_return_error (task, error);
      return;
    }

  kopir_onboarding_draft_set (self->record, RECORD_CUSTOMER, customer_id);
  kopir_onboarding_draft_set_boolean (self->record, RECORD_CREDENTIALS, TRUE);
  flush_record (self);
  set_problem (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS_ISSUED]);

  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_onboarding_issue_credentials_async:
 * @self: an approved #KopirOnboarding
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the account's key and secret, once, into the secret store.
 * Done by itself on approval; this is for trying again after a failure.
 */
void
kopir_onboarding_issue_credentials_async (KopirOnboarding     *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *id;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_issue_credentials_async);

  id = kopir_onboarding_get_applicant_id (self);
  if (self->state != KOPIR_ONBOARDING_STATE_APPROVED || id == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("The account is not open yet."));
      return;
    }
  if (kopir_onboarding_get_credentials_issued (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->issuing)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("Kopir is already fetching the account’s keys."));
      return;
    }

  self->issuing = TRUE;
  kopir_account_client_issue_credentials_async (self->client, id, cancellable, issued_cb,
                                                g_steal_pointer (&task));
}

gboolean
kopir_onboarding_issue_credentials_finish (KopirOnboarding  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
background_issued_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The problem property tells the person. */
  if (!kopir_onboarding_issue_credentials_finish (KOPIR_ONBOARDING (object), result, &error))
    g_debug ("Fetching the new account's keys: %s", error->message);
}

static void
issue_in_background (KopirOnboarding *self)
{
  if (!self->issuing)
    kopir_onboarding_issue_credentials_async (self, self->cancellable, background_issued_cb, NULL);
}

static void
record_review (KopirOnboarding *self,
               KopirApplicant  *applicant)
{
  const char * const *labels = kopir_applicant_get_review_labels (applicant);
  g_autofree char *joined = NULL;

  if (labels != NULL && labels[0] != NULL)
    joined = g_strjoinv (",", (char **) labels);
  kopir_onboarding_draft_set (self->record, RECORD_LABELS, joined);
  kopir_onboarding_draft_set (self->record, RECORD_COMMENT,
                              kopir_applicant_get_review_comment (applicant));
  kopir_onboarding_draft_set (self->record, RECORD_REJECT_TYPE,
                              kopir_applicant_get_reject_type (applicant));
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  g_autoptr(KopirApplicant) applicant = NULL;
  KopirOnboardingState decided;
  const char *status;
  GError *error = NULL;

  self->refreshing = FALSE;
  applicant = kopir_account_client_get_applicant_finish (KOPIR_ACCOUNT_CLIENT (object), result,
                                                         &error);
  if (applicant == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_problem (self, error->message);
      g_task_return_error (task, error);
      return;
    }

  set_problem (self, NULL);

  /* Only a decision on an application that waited is news. */
  status = kopir_applicant_get_status (applicant);
  if (self->state != KOPIR_ONBOARDING_STATE_PENDING ||
      (g_strcmp0 (status, "approved") != 0 && g_strcmp0 (status, "rejected") != 0))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  record_review (self, applicant);
  if (g_strcmp0 (status, "approved") == 0)
    {
      decided = KOPIR_ONBOARDING_STATE_APPROVED;
      kopir_onboarding_draft_set (self->record, RECORD_CUSTOMER,
                                  kopir_applicant_get_customer_id (applicant));
    }
  else if (g_strcmp0 (kopir_applicant_get_reject_type (applicant), "RETRY") == 0)
    decided = KOPIR_ONBOARDING_STATE_RETRY;
  else
    decided = KOPIR_ONBOARDING_STATE_REFUSED;

  kopir_onboarding_draft_set (self->record, RECORD_STATUS, state_to_status (decided));
  flush_record (self);
  if (decided != KOPIR_ONBOARDING_STATE_RETRY)
    forget_submitted_answers (self);

  set_state (self, decided);
  g_signal_emit (self, signals[REVIEW_FINISHED], 0, decided);

  /* The keys are fetched at once, whether or not anyone looks. */
  if (decided == KOPIR_ONBOARDING_STATE_APPROVED)
    issue_in_background (self);

  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_onboarding_refresh_async:
 * @self: a #KopirOnboarding
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks the exchange where the application stands. Done by itself every
 * #KopirOnboarding:poll-interval seconds while it waits for review; this
 * is for a person who asks now.
 */
void
kopir_onboarding_refresh_async (KopirOnboarding     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *id;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_refresh_async);

  id = kopir_onboarding_get_applicant_id (self);
  if (self->state != KOPIR_ONBOARDING_STATE_PENDING || id == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->refreshing = TRUE;
  kopir_account_client_get_applicant_async (self->client, id, cancellable, refreshed_cb,
                                            g_steal_pointer (&task));
}

gboolean
kopir_onboarding_refresh_finish (KopirOnboarding  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Corrections */

static void
clear_reopened (KopirOnboardingDraft *draft,
                guint                 reopened)
{
  /* Photos of a reopened step are taken again: the desk found fault with
   * the ones it has, or with the document they show. */
  if (reopened & KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_DOCUMENT))
    {
      kopir_onboarding_draft_set (draft, "image.front", NULL);
      kopir_onboarding_draft_set (draft, "image.back", NULL);
    }
  if (reopened & KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_SELFIE))
    kopir_onboarding_draft_set (draft, "image.selfie", NULL);
}

static void
kept_answers_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  g_autoptr(KopirOnboardingDraft) draft = NULL;
  g_auto(GStrv) labels = NULL;
  g_autoptr(GError) error = NULL;
  char *kept;
  guint reopened;
  guint first = KOPIR_KYC_STEP_REVIEW;

  kept = kopir_secret_store_lookup_finish (KOPIR_SECRET_STORE (object), result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  labels = kopir_onboarding_get_review_labels (self);
  reopened = kopir_kyc_review_get_steps ((const char * const *) labels);

  draft = new_draft (self);
  if (kept == NULL ||
      !kopir_onboarding_draft_load_data (draft, kept, strlen (kept), NULL))
    {
      /* The answers sent are not at hand: every step is open again, and
       * the person starts with the usual choices made. */
      g_debug ("No answers kept for the correction: %s", error ? error->message : "none");
      reopened = KOPIR_KYC_DATA_STEPS;
      kopir_onboarding_draft_set (draft, "document.type", "id_card");
      kopir_onboarding_draft_set (draft, "citizenship", "KZ");
      kopir_onboarding_draft_set_boolean (draft, "resident", TRUE);
      kopir_onboarding_draft_set (draft, "tax_residency", "KZ");
      kopir_onboarding_draft_set_boolean (draft, "pep", FALSE);
    }
  if (kept != NULL)
    secret_password_free (kept);

  clear_reopened (draft, reopened);
  for (guint step = 0; step < KOPIR_KYC_N_STEPS; step++)
    if (reopened & KOPIR_KYC_STEP_MASK (step))
      {
        first = step;
        break;
      }
  kopir_onboarding_draft_set_uint (draft, "flow.step", first);

  kopir_onboarding_draft_set_uint (self->record, RECORD_REOPENED, reopened);
  flush_record (self);

  g_set_object (&self->draft, draft);
  set_state (self, KOPIR_ONBOARDING_STATE_DRAFT);
  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_onboarding_correct_async:
 * @self: a #KopirOnboarding in %KOPIR_ONBOARDING_STATE_RETRY
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes the application a draft again with the answers sent, where only
 * the steps the review desk's labels concern are open
 * (kopir_onboarding_get_reopened_steps()); their photos are to be taken
 * again.
 */
void
kopir_onboarding_correct_async (KopirOnboarding     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_correct_async);

  if (self->state != KOPIR_ONBOARDING_STATE_RETRY)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("The exchange has not asked for corrections."));
      return;
    }

  kopir_secret_store_lookup_async (self->secrets, KOPIR_SECRET_KIND_APPLICANT_DATA,
                                   self->profile_id, kopir_onboarding_get_applicant_id (self),
                                   cancellable, kept_answers_cb, g_steal_pointer (&task));
}

gboolean
kopir_onboarding_correct_finish (KopirOnboarding  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Practice accounts */

static void
practice_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirOnboarding *self = g_task_get_source_object (task);
  g_autofree char *customer_id = NULL;
  GError *error = NULL;

  customer_id = kopir_account_client_create_practice_account_finish (KOPIR_ACCOUNT_CLIENT (object),
                                                                     result, &error);
  if (customer_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->draft != NULL)
    {
      kopir_onboarding_draft_wipe (self->draft, NULL);
      g_clear_object (&self->draft);
    }

  kopir_onboarding_draft_wipe (self->record, NULL);
  kopir_onboarding_draft_set (self->record, RECORD_STATUS, "approved");
  kopir_onboarding_draft_set (self->record, RECORD_CUSTOMER, customer_id);
  kopir_onboarding_draft_set_boolean (self->record, RECORD_PRACTICE, TRUE);
  kopir_onboarding_draft_set_boolean (self->record, RECORD_CREDENTIALS, TRUE);
  flush_record (self);

  set_state (self, KOPIR_ONBOARDING_STATE_APPROVED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS_ISSUED]);
  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_onboarding_create_practice_account_async:
 * @self: a #KopirOnboarding at the practice exchange
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Opens an approved, funded practice account at once, for
 * demonstrations; any draft is dropped. Its keys go to the secret store.
 */
void
kopir_onboarding_create_practice_account_async (KopirOnboarding     *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_onboarding_create_practice_account_async);

  kopir_account_client_create_practice_account_async (self->client, "1000000.00", cancellable,
                                                      practice_cb, g_steal_pointer (&task));
}

gboolean
kopir_onboarding_create_practice_account_finish (KopirOnboarding  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kopir_onboarding_discard:
 * @self: a #KopirOnboarding that is a draft or was refused
 *
 * Forgets the application: the draft is wiped, the record removed, and
 * the application's token and kept answers leave the secret store.
 */
void
kopir_onboarding_discard (KopirOnboarding *self)
{
  const char *id;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KOPIR_IS_ONBOARDING (self));
  g_return_if_fail (self->state == KOPIR_ONBOARDING_STATE_DRAFT ||
                    self->state == KOPIR_ONBOARDING_STATE_RETRY ||
                    self->state == KOPIR_ONBOARDING_STATE_REFUSED ||
                    self->state == KOPIR_ONBOARDING_STATE_NONE);

  id = kopir_onboarding_get_applicant_id (self);
  if (id != NULL)
    {
      kopir_secret_store_clear_async (self->secrets, KOPIR_SECRET_KIND_APPLICANT_TOKEN,
                                      self->profile_id, id, NULL, clear_secret_cb, NULL);
      forget_submitted_answers (self);
    }

  if (self->draft != NULL)
    {
      if (!kopir_onboarding_draft_wipe (self->draft, &error))
        g_warning ("Removing the application draft: %s", error->message);
      g_clear_object (&self->draft);
      g_clear_error (&error);
    }
  if (!kopir_onboarding_draft_wipe (self->record, &error))
    g_warning ("Removing the application's record: %s", error->message);

  set_problem (self, NULL);
  set_state (self, KOPIR_ONBOARDING_STATE_NONE);
}
