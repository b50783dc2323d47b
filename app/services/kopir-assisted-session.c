/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-assisted-session.c: a branch desk in assisted mode
 *
 * The session keeps its own copy of who is signed in, so that the entry
 * that records an expired staff session can still name them after the
 * staff client has forgotten the session.
 *
 * A branch computer keeps no customer's secrets between sessions: at
 * start-up and at the end of every customer session the API keys, secrets
 * and applicant tokens of the active exchange profile are cleared from the
 * keyring, together with everything registered on the wipe list. That is
 * also what clears up after Kopir was killed in the middle of a session.
 */

#define G_LOG_DOMAIN "kopir-assisted"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kopir-assisted-session.h"
#include "kopir-iin.h"

struct _KopirAssistedSession
{
  GObject             parent_instance;

  KopirContext       *context;
  KopirStaffClient   *staff;
  KopirAuditTrail    *audit;
  KopirCustomerWipe  *wipe;
  GCancellable       *cancellable;
  GHashTable         *wiped_profiles;

  KopirAssistedState  state;
  gboolean            locked;
  gboolean            ending;

  char               *staff_id;
  char               *staff_name;
  char               *branch;

  KopirCustomerKind   customer_kind;
  char               *customer_iin;
  char               *customer_iin_masked;
  char               *customer_name;
  char               *customer_id;
  char               *customer_language;
  char               *customer_phone_masked;

  char               *problem;
};

G_DEFINE_FINAL_TYPE (KopirAssistedSession, kopir_assisted_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_LOCKED,
  PROP_STAFF_ID,
  PROP_STAFF_NAME,
  PROP_BRANCH,
  PROP_CUSTOMER_KIND,
  PROP_CUSTOMER_IIN_MASKED,
  PROP_CUSTOMER_NAME,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_LANGUAGE,
  PROP_CUSTOMER_PHONE_MASKED,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STAFF_SESSION_EXPIRED,
  CUSTOMER_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const end_reasons[] = {
  [KOPIR_SESSION_END_STAFF] = "staff",
  [KOPIR_SESSION_END_SIGN_OUT] = "sign-out",
  [KOPIR_SESSION_END_EXPIRED] = "staff-session-expired",
  [KOPIR_SESSION_END_WINDOW_CLOSED] = "window-closed",
  [KOPIR_SESSION_END_CANCELLED] = "cancelled",
};

static gboolean
set_string (KopirAssistedSession  *self,
            char                 **field,
            const char            *value,
            guint                  prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static void
set_state (KopirAssistedSession *self,
           KopirAssistedState    state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_locked (KopirAssistedSession *self,
            gboolean              locked)
{
  if (self->locked == locked)
    return;

  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
set_problem (KopirAssistedSession *self,
             const char           *problem)
{
  set_string (self, &self->problem, problem, PROP_PROBLEM);
}

static void
clear_customer (KopirAssistedSession *self)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->customer_kind != KOPIR_CUSTOMER_KIND_NONE)
    {
      self->customer_kind = KOPIR_CUSTOMER_KIND_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_KIND]);
    }
  if (self->customer_iin != NULL)
    memset (self->customer_iin, 0, strlen (self->customer_iin));
  g_clear_pointer (&self->customer_iin, g_free);
  set_string (self, &self->customer_iin_masked, NULL, PROP_CUSTOMER_IIN_MASKED);
  set_string (self, &self->customer_name, NULL, PROP_CUSTOMER_NAME);
  set_string (self, &self->customer_id, NULL, PROP_CUSTOMER_ID);
  set_string (self, &self->customer_language, NULL, PROP_CUSTOMER_LANGUAGE);
  set_string (self, &self->customer_phone_masked, NULL, PROP_CUSTOMER_PHONE_MASKED);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_staff (KopirAssistedSession *self,
           const char           *staff_id,
           const char           *name,
           const char           *branch)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->staff_id, staff_id, PROP_STAFF_ID);
  set_string (self, &self->staff_name, name, PROP_STAFF_NAME);
  set_string (self, &self->branch, branch, PROP_BRANCH);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The staff endpoints are served where the onboarding contract is. */
static void
sync_base_url (KopirAssistedSession *self)
{
  KopirAccountClient *accounts = kopir_context_get_account_client (self->context);

  kopir_staff_client_set_base_url (self->staff, kopir_account_client_get_base_url (accounts));
}

/* The customer secrets of the active profile are wiped with every
 * customer's data; registered once per profile. */
static void
register_profile_secrets (KopirAssistedSession *self)
{
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  KopirExchangeProfile *profile = kopir_profile_manager_get_active (profiles);
  const char *id = profile != NULL ? kopir_exchange_profile_get_id (profile) : NULL;

  if (id == NULL || g_hash_table_contains (self->wiped_profiles, id))
    return;

  g_hash_table_add (self->wiped_profiles, g_strdup (id));
  kopir_customer_wipe_add_secrets (self->wipe, KOPIR_SECRET_KIND_API_KEY, id, NULL);
  kopir_customer_wipe_add_secrets (self->wipe, KOPIR_SECRET_KIND_API_SECRET, id, NULL);
  kopir_customer_wipe_add_secrets (self->wipe, KOPIR_SECRET_KIND_APPLICANT_TOKEN, id, NULL);
  kopir_customer_wipe_add_secrets (self->wipe, KOPIR_SECRET_KIND_APPLICANT_DATA, id, NULL);
}

/* What the services hold of the customer in memory. */
static void
forget_services_state (gpointer user_data)
{
  KopirAssistedSession *self = user_data;
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  KopirExchangeProfile *profile = kopir_profile_manager_get_active (profiles);

  kopir_context_forget_credentials (self->context);
  /* The customer's orders go with the ledger's file. */
  kopir_context_close_ledger (self->context);

  /* Setting the profile again drops the applicant tokens the account
   * client keeps in memory. */
  if (profile != NULL)
    kopir_account_client_set_profile_id (kopir_context_get_account_client (self->context),
                                         kopir_exchange_profile_get_id (profile));
}

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirAssistedSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (kopir_audit_trail_record_finish (KOPIR_AUDIT_TRAIL (object), result, &error) > 0)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without its record, assisted mode must not go on. */
  g_warning ("Writing the audit trail: %s", error->message);
  set_problem (self, error->message);
}

static void
record_for (KopirAssistedSession *self,
            KopirAuditAction      action,
            const char           *staff_id,
            const char           *outcome,
            const char           *details_json)
{
  kopir_audit_trail_record_async (self->audit, action, staff_id, self->customer_iin, outcome,
                                  details_json, NULL, record_cb, g_object_ref (self));
}

static const char *
outcome_for_error (const GError *error)
{
  if (error == NULL)
    return "ok";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (error->domain != KOPIR_STAFF_ERROR)
    return "failed";

  switch ((KopirStaffError) error->code)
    {
    case KOPIR_STAFF_ERROR_WRONG_PASSWORD:
      return "wrong-password";
    case KOPIR_STAFF_ERROR_WAIT:
      return "throttled";
    case KOPIR_STAFF_ERROR_LOCKED:
      return "locked";
    case KOPIR_STAFF_ERROR_EXPIRED:
      return "expired";
    case KOPIR_STAFF_ERROR_CUSTOMER_NOT_FOUND:
    case KOPIR_STAFF_ERROR_NO_PHONE:
      return "not-found";
    case KOPIR_STAFF_ERROR_WRONG_CODE:
      return "wrong-code";
    case KOPIR_STAFF_ERROR_CODE_EXPIRED:
      return "expired";
    case KOPIR_STAFF_ERROR_INVALID:
      return "refused";
    case KOPIR_STAFF_ERROR_NOT_SIGNED_IN:
    case KOPIR_STAFF_ERROR_FAILED:
    default:
      return "failed";
    }
}

/* Ending a customer session */

typedef struct
{
  KopirSessionEndReason reason;
  KopirWipeReport       report;
  char                 *staff_id;
} EndData;

static void
end_data_free (EndData *data)
{
  g_free (data->staff_id);
  g_free (data);
}

static void
end_wiped_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAssistedSession *self = g_task_get_source_object (task);
  EndData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  char files[16], secrets[16], failures[16];

  kopir_customer_wipe_run_finish (KOPIR_CUSTOMER_WIPE (object), result, &data->report, &error);

  g_snprintf (files, sizeof files, "%u", data->report.n_files);
  g_snprintf (secrets, sizeof secrets, "%u", data->report.n_secret_sets);
  g_snprintf (failures, sizeof failures, "%u", data->report.n_failures);
  details = kopir_audit_details ("reason", end_reasons[data->reason],
                                 "files_wiped", files,
                                 "secret_sets_cleared", secrets,
                                 "failures", failures,
                                 NULL);
  record_for (self, KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_END, data->staff_id,
              error == NULL ? "ok" : "failed", details);

  clear_customer (self);
  /* Only now, with the files gone, may the pages start afresh: a page
   * that reloaded earlier could read the customer's draft back. */
  kopir_context_forget_customer (self->context);
  self->ending = FALSE;
  if (self->state != KOPIR_ASSISTED_STATE_SIGNED_OUT)
    set_state (self, KOPIR_ASSISTED_STATE_READY);
  g_signal_emit (self, signals[CUSTOMER_ENDED], 0);

  if (error != NULL)
    {
      set_problem (self, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      g_task_return_boolean (task, TRUE);
    }
}

static void
end_revoked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAssistedSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* The key dies with the staff session anyway; the wipe goes on. */
  if (!kopir_staff_client_end_customer_session_finish (KOPIR_STAFF_CLIENT (object), result, &error))
    g_debug ("Ending the customer session at the exchange: %s", error->message);

  register_profile_secrets (self);
  kopir_customer_wipe_run_async (self->wipe, NULL, end_wiped_cb, g_steal_pointer (&task));
}

/* Signals */

static void
on_staff_expired (KopirStaffClient     *staff,
                  KopirAssistedSession *self)
{
  if (self->state == KOPIR_ASSISTED_STATE_SIGNED_OUT)
    return;

  record_for (self, KOPIR_AUDIT_ACTION_STAFF_SESSION_EXPIRED, self->staff_id, "expired", NULL);

  if (self->customer_kind != KOPIR_CUSTOMER_KIND_NONE && !self->ending)
    kopir_assisted_session_end_customer_async (self, KOPIR_SESSION_END_EXPIRED, NULL, NULL, NULL);

  set_state (self, KOPIR_ASSISTED_STATE_SIGNED_OUT);
  set_locked (self, FALSE);
  set_staff (self, NULL, NULL, NULL);
  g_signal_emit (self, signals[STAFF_SESSION_EXPIRED], 0);
}

/* GObject */

static void
kopir_assisted_session_dispose (GObject *object)
{
  KopirAssistedSession *self = KOPIR_ASSISTED_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->staff != NULL)
    g_signal_handlers_disconnect_by_data (self->staff, self);

  g_clear_object (&self->staff);
  g_clear_object (&self->wipe);
  g_clear_object (&self->audit);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_assisted_session_parent_class)->dispose (object);
}

static void
kopir_assisted_session_finalize (GObject *object)
{
  KopirAssistedSession *self = KOPIR_ASSISTED_SESSION (object);

  if (self->customer_iin != NULL)
    memset (self->customer_iin, 0, strlen (self->customer_iin));
  g_free (self->customer_iin);
  g_free (self->customer_iin_masked);
  g_free (self->customer_name);
  g_free (self->customer_id);
  g_free (self->customer_language);
  g_free (self->customer_phone_masked);
  g_free (self->staff_id);
  g_free (self->staff_name);
  g_free (self->branch);
  g_free (self->problem);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->wiped_profiles, g_hash_table_unref);

  G_OBJECT_CLASS (kopir_assisted_session_parent_class)->finalize (object);
}

static void
kopir_assisted_session_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KopirAssistedSession *self = KOPIR_ASSISTED_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_STAFF_ID:
      g_value_set_string (value, self->staff_id);
      break;
    case PROP_STAFF_NAME:
      g_value_set_string (value, self->staff_name);
      break;
    case PROP_BRANCH:
      g_value_set_string (value, self->branch);
      break;
    case PROP_CUSTOMER_KIND:
      g_value_set_uint (value, self->customer_kind);
      break;
    case PROP_CUSTOMER_IIN_MASKED:
      g_value_set_string (value, self->customer_iin_masked);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    case PROP_CUSTOMER_LANGUAGE:
      g_value_set_string (value, self->customer_language);
      break;
    case PROP_CUSTOMER_PHONE_MASKED:
      g_value_set_string (value, self->customer_phone_masked);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_assisted_session_class_init (KopirAssistedSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_assisted_session_dispose;
  object_class->finalize = kopir_assisted_session_finalize;
  object_class->get_property = kopir_assisted_session_get_property;

  /* A KopirAssistedState. */
  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, 0, KOPIR_ASSISTED_STATE_SERVING, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STAFF_ID] =
    g_param_spec_string ("staff-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STAFF_NAME] =
    g_param_spec_string ("staff-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BRANCH] =
    g_param_spec_string ("branch", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A KopirCustomerKind. */
  properties[PROP_CUSTOMER_KIND] =
    g_param_spec_uint ("customer-kind", NULL, NULL, 0, KOPIR_CUSTOMER_KIND_EXISTING, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER_IIN_MASKED] =
    g_param_spec_string ("customer-iin-masked", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* "kk", "ru" or "en": what the customer reads, printed documents too. */
  properties[PROP_CUSTOMER_LANGUAGE] =
    g_param_spec_string ("customer-language", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER_PHONE_MASKED] =
    g_param_spec_string ("customer-phone-masked", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Why the desk cannot go on (the audit trail cannot be written, a wipe
   * failed), translated, or %NULL. */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirAssistedSession::staff-session-expired:
   *
   * The exchange ended the staff session; staff must sign in again. Any
   * customer session is being ended and wiped.
   */
  signals[STAFF_SESSION_EXPIRED] =
    g_signal_new ("staff-session-expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * KopirAssistedSession::customer-ended:
   *
   * A customer session ended and its data was wiped.
   */
  signals[CUSTOMER_ENDED] =
    g_signal_new ("customer-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kopir_assisted_session_init (KopirAssistedSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->wiped_profiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * kopir_assisted_session_new:
 * @context: the services
 * @audit: the audit trail
 *
 * Returns: (transfer full): a desk with nobody signed in
 */
KopirAssistedSession *
kopir_assisted_session_new (KopirContext    *context,
                            KopirAuditTrail *audit)
{
  KopirAssistedSession *self;
  g_autofree char *onboarding = NULL;

  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KOPIR_IS_AUDIT_TRAIL (audit), NULL);

  self = g_object_new (KOPIR_TYPE_ASSISTED_SESSION, NULL);
  self->context = g_object_ref (context);
  self->audit = g_object_ref (audit);
  self->staff = kopir_staff_client_new (kopir_context_get_session (context));
  self->wipe = kopir_customer_wipe_new (kopir_context_get_secret_store (context));
  kopir_customer_wipe_add_hook (self->wipe, forget_services_state, self, NULL);

  /* The application being filled in for a new customer: their name, IIN,
   * address and document photos. */
  onboarding = kopir_context_get_onboarding_dir (context);
  kopir_customer_wipe_add_path (self->wipe, onboarding);
  /* The customer's orders and transfers, which the History shows. */
  kopir_customer_wipe_add_path (self->wipe, kopir_context_get_ledger_dir (context));

  g_signal_connect (self->staff, "expired", G_CALLBACK (on_staff_expired), self);

  return self;
}

/**
 * kopir_assisted_session_get_context:
 * @self: a #KopirAssistedSession
 *
 * Returns: (transfer none): the services
 */
KopirContext *
kopir_assisted_session_get_context (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->context;
}

/**
 * kopir_assisted_session_get_staff_client:
 * @self: a #KopirAssistedSession
 *
 * Returns: (transfer none): the staff client
 */
KopirStaffClient *
kopir_assisted_session_get_staff_client (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->staff;
}

/**
 * kopir_assisted_session_get_audit_trail:
 * @self: a #KopirAssistedSession
 *
 * Returns: (transfer none): the audit trail
 */
KopirAuditTrail *
kopir_assisted_session_get_audit_trail (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->audit;
}

/**
 * kopir_assisted_session_get_wipe:
 * @self: a #KopirAssistedSession
 *
 * Pages register here what they keep of a customer.
 *
 * Returns: (transfer none): the wipe list
 */
KopirCustomerWipe *
kopir_assisted_session_get_wipe (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->wipe;
}

KopirAssistedState
kopir_assisted_session_get_state (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), KOPIR_ASSISTED_STATE_SIGNED_OUT);
  return self->state;
}

gboolean
kopir_assisted_session_get_locked (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  return self->locked;
}

const char *
kopir_assisted_session_get_staff_id (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->staff_id;
}

const char *
kopir_assisted_session_get_staff_name (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->staff_name;
}

const char *
kopir_assisted_session_get_branch (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->branch;
}

KopirCustomerKind
kopir_assisted_session_get_customer_kind (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), KOPIR_CUSTOMER_KIND_NONE);
  return self->customer_kind;
}

const char *
kopir_assisted_session_get_customer_iin_masked (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->customer_iin_masked;
}

const char *
kopir_assisted_session_get_customer_name (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->customer_name;
}

const char *
kopir_assisted_session_get_customer_id (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->customer_id;
}

/**
 * kopir_assisted_session_get_customer_language:
 * @self: a #KopirAssistedSession
 *
 * Returns: (nullable): "kk", "ru" or "en"
 */
const char *
kopir_assisted_session_get_customer_language (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->customer_language;
}

const char *
kopir_assisted_session_get_customer_phone_masked (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->customer_phone_masked;
}

const char *
kopir_assisted_session_get_problem (KopirAssistedSession *self)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  return self->problem;
}

/**
 * kopir_assisted_session_set_customer_iin:
 * @self: a #KopirAssistedSession
 * @iin: (nullable): the customer's whole IIN, once known (a new customer
 *   gives it in the application)
 *
 * Kept in memory for this session only, and recorded masked.
 */
void
kopir_assisted_session_set_customer_iin (KopirAssistedSession *self,
                                         const char           *iin)
{
  g_autofree char *masked = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));

  if (self->customer_kind == KOPIR_CUSTOMER_KIND_NONE)
    return;

  if (self->customer_iin != NULL)
    memset (self->customer_iin, 0, strlen (self->customer_iin));
  g_free (self->customer_iin);
  self->customer_iin = g_strdup (iin);
  masked = iin != NULL ? kopir_iin_mask (iin) : NULL;
  set_string (self, &self->customer_iin_masked, masked, PROP_CUSTOMER_IIN_MASKED);
}

void
kopir_assisted_session_set_customer_name (KopirAssistedSession *self,
                                          const char           *name)
{
  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));

  if (self->customer_kind != KOPIR_CUSTOMER_KIND_NONE)
    set_string (self, &self->customer_name, name, PROP_CUSTOMER_NAME);
}

void
kopir_assisted_session_set_customer_id (KopirAssistedSession *self,
                                        const char           *customer_id)
{
  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));

  if (self->customer_kind != KOPIR_CUSTOMER_KIND_NONE)
    set_string (self, &self->customer_id, customer_id, PROP_CUSTOMER_ID);
}

/**
 * kopir_assisted_session_set_customer_language:
 * @self: a #KopirAssistedSession
 * @language: "kk", "ru" or "en"
 */
void
kopir_assisted_session_set_customer_language (KopirAssistedSession *self,
                                              const char           *language)
{
  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (language != NULL);

  if (!g_strv_contains ((const char * const[]) { "kk", "ru", "en", NULL }, language))
    return;
  set_string (self, &self->customer_language, language, PROP_CUSTOMER_LANGUAGE);
}

/**
 * kopir_assisted_session_record:
 * @self: a #KopirAssistedSession
 * @action: what staff did
 * @outcome: how it ended ("ok", "refused", "failed", "cancelled", ...)
 * @details_json: (nullable): a JSON object (kopir_audit_details())
 *
 * Records a staff action for the signed-in member of staff and the
 * current customer. Should the trail fail, #KopirAssistedSession:problem
 * says so.
 */
void
kopir_assisted_session_record (KopirAssistedSession *self,
                               KopirAuditAction      action,
                               const char           *outcome,
                               const char           *details_json)
{
  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (outcome != NULL);

  record_for (self, action, self->staff_id, outcome, details_json);
}

/* Start-up */

static void
startup_wiped_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAssistedSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  KopirWipeReport report = { 0 };
  char files[16];

  kopir_customer_wipe_run_finish (KOPIR_CUSTOMER_WIPE (object), result, &report, &error);
  g_snprintf (files, sizeof files, "%u", report.n_files);
  details = kopir_audit_details ("files_wiped", files, NULL);
  record_for (self, KOPIR_AUDIT_ACTION_ASSISTED_START, NULL, error == NULL ? "ok" : "failed", details);
  /* A page may have read what a previous run left before it was wiped. */
  kopir_context_forget_customer (self->context);

  if (error != NULL)
    {
      set_problem (self, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_assisted_session_startup_async:
 * @self: a #KopirAssistedSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Clears whatever a previous run may have left of a customer (everything
 * registered on the wipe list so far, and the active profile's customer
 * secrets), then records that assisted mode started. Call it once the
 * window and its pages have registered what they keep.
 */
void
kopir_assisted_session_startup_async (KopirAssistedSession *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_startup_async);

  register_profile_secrets (self);
  kopir_customer_wipe_run_async (self->wipe, NULL, startup_wiped_cb, g_steal_pointer (&task));
}

gboolean
kopir_assisted_session_startup_finish (KopirAssistedSession  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sign-in and out */

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAssistedSession *self = g_task_get_source_object (task);
  const char *typed_id = g_task_get_task_data (task);
  GError *error = NULL;

  if (!kopir_staff_client_sign_in_finish (KOPIR_STAFF_CLIENT (object), result, &error))
    {
      record_for (self, KOPIR_AUDIT_ACTION_STAFF_SIGN_IN, typed_id, outcome_for_error (error), NULL);
      g_task_return_error (task, error);
      return;
    }

  set_staff (self,
             kopir_staff_client_get_staff_id (self->staff),
             kopir_staff_client_get_staff_name (self->staff),
             kopir_staff_client_get_branch (self->staff));
  record_for (self, KOPIR_AUDIT_ACTION_STAFF_SIGN_IN, self->staff_id, "ok", NULL);
  set_locked (self, FALSE);
  set_state (self, KOPIR_ASSISTED_STATE_READY);
  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_assisted_session_sign_in_async:
 * @self: a #KopirAssistedSession
 * @staff_id: what was typed as the staff id
 * @password: the password; the caller clears its copy and the field as
 *   soon as this returns
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when signed in, or refused
 * @user_data: data for @callback
 *
 * Signs a member of staff in, and records the attempt whatever its outcome.
 */
void
kopir_assisted_session_sign_in_async (KopirAssistedSession *self,
                                      const char           *staff_id,
                                      const char           *password,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (staff_id != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_sign_in_async);
  g_task_set_task_data (task, g_strstrip (g_strdup (staff_id)), g_free);

  if (self->state != KOPIR_ASSISTED_STATE_SIGNED_OUT)
    {
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED, "%s",
                               _("Someone is signed in already. Sign out first."));
      return;
    }

  set_problem (self, NULL);
  sync_base_url (self);
  if (kopir_staff_client_get_base_url (self->staff) == NULL && !kopir_context_get_ready (self->context))
    {
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED, "%s",
                               _("Kopir is still connecting to the exchange. Try again in a moment."));
      return;
    }
  kopir_staff_client_sign_in_async (self->staff, staff_id, password, cancellable,
                                    sign_in_cb, g_steal_pointer (&task));
}

gboolean
kopir_assisted_session_sign_in_finish (KopirAssistedSession  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  kopir_staff_client_sign_out_finish (KOPIR_STAFF_CLIENT (object), result, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
sign_out_now (GTask *task)
{
  KopirAssistedSession *self = g_task_get_source_object (task);

  record_for (self, KOPIR_AUDIT_ACTION_STAFF_SIGN_OUT, self->staff_id, "ok", NULL);
  set_state (self, KOPIR_ASSISTED_STATE_SIGNED_OUT);
  set_locked (self, FALSE);
  set_staff (self, NULL, NULL, NULL);
  kopir_staff_client_sign_out_async (self->staff, NULL, signed_out_cb, task);
}

static void
sign_out_ended_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;

  /* A failed wipe is reported by the problem property; signing out goes
   * on, it ends the lent key too. */
  kopir_assisted_session_end_customer_finish (KOPIR_ASSISTED_SESSION (object), result, NULL, NULL);
  sign_out_now (task);
}

/**
 * kopir_assisted_session_sign_out_async:
 * @self: a #KopirAssistedSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when signed out
 * @user_data: data for @callback
 *
 * Ends any customer session (and wipes it), then signs out.
 */
void
kopir_assisted_session_sign_out_async (KopirAssistedSession *self,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_sign_out_async);

  if (self->state == KOPIR_ASSISTED_STATE_SIGNED_OUT)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (self->customer_kind != KOPIR_CUSTOMER_KIND_NONE)
    kopir_assisted_session_end_customer_async (self, KOPIR_SESSION_END_SIGN_OUT, NULL,
                                               sign_out_ended_cb, task);
  else
    sign_out_now (task);
}

gboolean
kopir_assisted_session_sign_out_finish (KopirAssistedSession  *self,
                                        GAsyncResult          *result,
                                        GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Locking */

/**
 * kopir_assisted_session_lock:
 * @self: a #KopirAssistedSession
 * @reason: "idle" or "staff"
 *
 * Locks the desk: the window hides the customer's data until the staff
 * member who is signed in types their password again.
 */
void
kopir_assisted_session_lock (KopirAssistedSession *self,
                             const char           *reason)
{
  g_autofree char *details = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));

  if (self->state == KOPIR_ASSISTED_STATE_SIGNED_OUT || self->locked)
    return;

  details = kopir_audit_details ("reason", reason, NULL);
  record_for (self, KOPIR_AUDIT_ACTION_STAFF_LOCK, self->staff_id, "ok", details);
  set_locked (self, TRUE);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAssistedSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!kopir_staff_client_confirm_password_finish (KOPIR_STAFF_CLIENT (object), result, &error))
    {
      /* An expired session was recorded, and ended, as such. */
      if (!g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_EXPIRED))
        record_for (self, KOPIR_AUDIT_ACTION_STAFF_UNLOCK, self->staff_id, outcome_for_error (error), NULL);
      g_task_return_error (task, error);
      return;
    }

  record_for (self, KOPIR_AUDIT_ACTION_STAFF_UNLOCK, self->staff_id, "ok", NULL);
  set_locked (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_assisted_session_unlock_async:
 * @self: a #KopirAssistedSession
 * @password: the signed-in staff member's password; the caller clears its
 *   copy and the field as soon as this returns
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when unlocked, or refused
 * @user_data: data for @callback
 *
 * The exchange checks the password; the staff session and the customer
 * session go on.
 */
void
kopir_assisted_session_unlock_async (KopirAssistedSession *self,
                                     const char           *password,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_unlock_async);

  if (!self->locked)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  kopir_staff_client_confirm_password_async (self->staff, password, cancellable, unlock_cb,
                                             g_steal_pointer (&task));
}

gboolean
kopir_assisted_session_unlock_finish (KopirAssistedSession  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Customers */

static void
begin_customer (KopirAssistedSession *self,
                KopirCustomerKind     kind,
                const char           *language)
{
  clear_customer (self);
  self->customer_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_KIND]);
  if (language != NULL)
    kopir_assisted_session_set_customer_language (self, language);
}

/**
 * kopir_assisted_session_start_new_customer:
 * @self: a #KopirAssistedSession
 * @language: "kk", "ru" or "en": the language the customer reads
 *
 * Opens a session for a customer who has no account yet; their IIN comes
 * with the application (kopir_assisted_session_set_customer_iin()).
 */
void
kopir_assisted_session_start_new_customer (KopirAssistedSession *self,
                                           const char           *language)
{
  g_autofree char *details = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (self->state == KOPIR_ASSISTED_STATE_READY);

  begin_customer (self, KOPIR_CUSTOMER_KIND_NEW, language);
  details = kopir_audit_details ("kind", "new", "language", self->customer_language, NULL);
  record_for (self, KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_START, self->staff_id, "ok", details);
  set_state (self, KOPIR_ASSISTED_STATE_SERVING);
}

static void
identify_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAssistedSession *self = g_task_get_source_object (task);
  g_autofree char *phone = NULL;
  g_autofree char *details = NULL;
  GError *error = NULL;

  phone = kopir_staff_client_start_customer_session_finish (KOPIR_STAFF_CLIENT (object), result, &error);
  details = kopir_audit_details ("kind", "existing", "language", self->customer_language, NULL);
  /* By whoever asked, even if their session expired meanwhile. */
  record_for (self, KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_START, g_task_get_task_data (task),
              outcome_for_error (error), details);

  if (phone == NULL)
    {
      /* No session was opened: nothing of this customer was kept. */
      if (self->state != KOPIR_ASSISTED_STATE_SIGNED_OUT)
        {
          clear_customer (self);
          set_state (self, KOPIR_ASSISTED_STATE_READY);
        }
      g_task_return_error (task, error);
      return;
    }

  set_string (self, &self->customer_phone_masked, phone, PROP_CUSTOMER_PHONE_MASKED);
  set_state (self, KOPIR_ASSISTED_STATE_IDENTIFYING);
  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_assisted_session_identify_customer_async:
 * @self: a #KopirAssistedSession
 * @iin: the customer's IIN, from their identity document
 * @language: "kk", "ru" or "en"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the code was sent to the customer's phone
 * @user_data: data for @callback
 *
 * Starts identifying an existing customer; the customer then types the
 * code they received (kopir_assisted_session_verify_code_async()).
 */
void
kopir_assisted_session_identify_customer_async (KopirAssistedSession *self,
                                                const char           *iin,
                                                const char           *language,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (iin != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_identify_customer_async);

  if (self->state != KOPIR_ASSISTED_STATE_READY)
    {
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED, "%s",
                               _("End the current customer’s session first."));
      return;
    }

  g_task_set_task_data (task, g_strdup (self->staff_id), g_free);
  begin_customer (self, KOPIR_CUSTOMER_KIND_EXISTING, language);
  kopir_assisted_session_set_customer_iin (self, iin);
  sync_base_url (self);
  kopir_staff_client_start_customer_session_async (self->staff, iin, cancellable, identify_cb,
                                                   g_steal_pointer (&task));
}

gboolean
kopir_assisted_session_identify_customer_finish (KopirAssistedSession  *self,
                                                 GAsyncResult          *result,
                                                 GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAssistedSession *self = g_task_get_source_object (task);
  g_autoptr(KopirLentAccess) access = NULL;
  GError *error = NULL;

  access = kopir_staff_client_verify_customer_code_finish (KOPIR_STAFF_CLIENT (object), result, &error);
  if (access == NULL)
    {
      if (!g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_EXPIRED))
        record_for (self, KOPIR_AUDIT_ACTION_CUSTOMER_IDENTIFY, self->staff_id, outcome_for_error (error), NULL);
      g_task_return_error (task, error);
      return;
    }

  record_for (self, KOPIR_AUDIT_ACTION_CUSTOMER_IDENTIFY, self->staff_id, "ok", NULL);
  kopir_context_use_session_credentials (self->context, access->credentials);
  set_string (self, &self->customer_id, access->customer_id, PROP_CUSTOMER_ID);
  set_string (self, &self->customer_name, access->full_name, PROP_CUSTOMER_NAME);
  if (self->customer_language == NULL && access->locale != NULL)
    kopir_assisted_session_set_customer_language (self, access->locale);
  set_state (self, KOPIR_ASSISTED_STATE_SERVING);
  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_assisted_session_verify_code_async:
 * @self: a #KopirAssistedSession
 * @code: what the customer typed, on a screen handed to them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the customer is identified, or not
 * @user_data: data for @callback
 *
 * On success the customer session is open and the key the exchange lent
 * for it signs the customer's calls. A code that can no longer be used
 * fails with %KOPIR_STAFF_ERROR_CODE_EXPIRED: start again.
 */
void
kopir_assisted_session_verify_code_async (KopirAssistedSession *self,
                                          const char           *code,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_verify_code_async);

  if (self->state != KOPIR_ASSISTED_STATE_IDENTIFYING)
    {
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CODE_EXPIRED, "%s",
                               _("This code can no longer be used. Send the customer a new one."));
      return;
    }

  kopir_staff_client_verify_customer_code_async (self->staff, code, cancellable, verify_cb,
                                                 g_steal_pointer (&task));
}

gboolean
kopir_assisted_session_verify_code_finish (KopirAssistedSession  *self,
                                           GAsyncResult          *result,
                                           GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kopir_assisted_session_end_customer_async:
 * @self: a #KopirAssistedSession
 * @reason: why
 * @cancellable: (nullable): unused: an end that started is carried
 *   through
 * @callback: (nullable): called when the customer's data is wiped
 * @user_data: data for @callback
 *
 * Ends the customer session: the exchange ends the lent key, the services
 * forget the customer's credentials, the wipe list runs (pages, drafts,
 * the keyring) and the end is recorded with what was wiped.
 */
void
kopir_assisted_session_end_customer_async (KopirAssistedSession  *self,
                                           KopirSessionEndReason  reason,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  EndData *data;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (reason < G_N_ELEMENTS (end_reasons));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_end_customer_async);
  data = g_new0 (EndData, 1);
  data->reason = reason;
  data->staff_id = g_strdup (self->staff_id);
  g_task_set_task_data (task, data, (GDestroyNotify) end_data_free);

  if (self->ending)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("The customer’s session is being ended already."));
      return;
    }

  self->ending = TRUE;
  kopir_staff_client_end_customer_session_async (self->staff, NULL, end_revoked_cb, g_steal_pointer (&task));
}

/**
 * kopir_assisted_session_end_customer_finish:
 * @self: a #KopirAssistedSession
 * @result: the result
 * @report: (out) (optional): what was wiped
 * @error: the first thing that could not be wiped
 *
 * Returns: %TRUE if everything was wiped
 */
gboolean
kopir_assisted_session_end_customer_finish (KopirAssistedSession  *self,
                                            GAsyncResult          *result,
                                            KopirWipeReport       *report,
                                            GError               **error)
{
  EndData *data;

  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = data->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Confirmations by the customer */

static void
request_confirmation_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *phone;

  phone = kopir_staff_client_send_confirmation_code_finish (KOPIR_STAFF_CLIENT (object), result, &error);
  if (phone == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, phone, g_free);
}

/**
 * kopir_assisted_session_request_confirmation_async:
 * @self: a #KopirAssistedSession
 * @purpose: "purchase" or "withdrawal"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the code was sent
 * @user_data: data for @callback
 *
 * Sends the customer being served a code, to the phone the exchange has
 * on file, so they confirm what staff prepared themselves.
 */
void
kopir_assisted_session_request_confirmation_async (KopirAssistedSession *self,
                                                   const char           *purpose,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (purpose != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_request_confirmation_async);

  if (self->state != KOPIR_ASSISTED_STATE_SERVING || self->customer_id == NULL)
    {
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED, "%s",
                               _("The customer has no account yet, so no code can be sent to confirm this."));
      return;
    }

  sync_base_url (self);
  kopir_staff_client_send_confirmation_code_async (self->staff, self->customer_id, purpose, cancellable,
                                                   request_confirmation_cb, g_steal_pointer (&task));
}

char *
kopir_assisted_session_request_confirmation_finish (KopirAssistedSession  *self,
                                                    GAsyncResult          *result,
                                                    GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
confirm_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirAssistedSession *self = g_task_get_source_object (task);
  const char *details = g_task_get_task_data (task);
  GError *error = NULL;

  kopir_staff_client_verify_confirmation_code_finish (KOPIR_STAFF_CLIENT (object), result, &error);
  if (!g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_EXPIRED) ||
      self->state != KOPIR_ASSISTED_STATE_SIGNED_OUT)
    record_for (self, KOPIR_AUDIT_ACTION_ORDER_CONFIRM, self->staff_id, outcome_for_error (error), details);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kopir_assisted_session_confirm_async:
 * @self: a #KopirAssistedSession
 * @code: what the customer typed, on a screen handed to them
 * @details_json: (nullable): what they confirmed, for the audit trail
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the exchange checked the code
 * @user_data: data for @callback
 *
 * Checks the code sent by
 * kopir_assisted_session_request_confirmation_async(), and records the
 * customer's confirmation (or its failure).
 */
void
kopir_assisted_session_confirm_async (KopirAssistedSession *self,
                                      const char           *code,
                                      const char           *details_json,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_ASSISTED_SESSION (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_assisted_session_confirm_async);
  g_task_set_task_data (task, g_strdup (details_json), g_free);

  kopir_staff_client_verify_confirmation_code_async (self->staff, code, cancellable, confirm_cb,
                                                     g_steal_pointer (&task));
}

gboolean
kopir_assisted_session_confirm_finish (KopirAssistedSession  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
