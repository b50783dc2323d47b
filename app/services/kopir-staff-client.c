/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-staff-client.c: a member of staff's session with the exchange,
 * and acting for a customer at a branch
 *
 * The staff endpoints of data/kopir-api.yaml (tag staff). The session
 * token lives in this object's memory only: it is short-lived (the
 * exchange ends it after 15 minutes without use), a restart of Kopir
 * signs staff out anyway, and a token in the keyring would outlive the
 * person at the desk. It is overwritten when forgotten.
 *
 * Wrong passwords make the next try wait (KopirSignInThrottle), here in
 * Kopir as well as at the exchange, which locks the staff id after five.
 *
 * For an existing customer, staff give the IIN; the exchange sends a code
 * to the phone it has on file and answers only the masked number. The
 * customer types the code on a screen handed to them; the exchange then
 * lends a key for this customer session, which comes back to the caller
 * as KopirLentAccess and is never written anywhere.
 */

#define G_LOG_DOMAIN "kopir-staff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kopir-iin.h"
#include "kopir-json-private.h"
#include "kopir-sign-in-throttle.h"
#include "kopir-staff-client.h"
#include "kopir-transport.h"

struct _KopirStaffClient
{
  GObject              parent_instance;

  KopirTransport      *transport;
  KopirSignInThrottle  throttle;

  char                *token;
  char                *staff_id;
  char                *staff_name;
  char                *branch;
  char                *customer_session_id;
  char                *confirmation_id;
  guint                attempts_left;
};

G_DEFINE_FINAL_TYPE (KopirStaffClient, kopir_staff_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-staff-error-quark, kopir_staff_error)

enum {
  PROP_0,
  PROP_SIGNED_IN,
  PROP_STAFF_ID,
  PROP_STAFF_NAME,
  PROP_BRANCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXPIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  CALL_SIGN_IN,
  CALL_CONFIRM_PASSWORD,
  CALL_SIGN_OUT,
  CALL_CHECK,
  CALL_START_CUSTOMER,
  CALL_VERIFY_CUSTOMER,
  CALL_END_CUSTOMER,
  CALL_SEND_CONFIRMATION,
  CALL_VERIFY_CONFIRMATION,
} CallKind;

typedef struct
{
  CallKind  kind;
  char     *staff_id;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->staff_id);
  g_free (data);
}

void
kopir_lent_access_free (KopirLentAccess *access)
{
  if (access == NULL)
    return;

  g_free (access->customer_id);
  g_free (access->full_name);
  g_free (access->locale);
  g_clear_pointer (&access->credentials, kopir_credentials_free);
  g_free (access);
}

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    {
      memset (*secret, 0, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static void
scrub_free (gpointer data)
{
  char *text = data;

  memset (text, 0, strlen (text));
  g_free (text);
}

/* A JSON body whose text is overwritten once sent: it may hold a password. */
static GBytes *
secret_body (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_with_free_func (text, length, scrub_free, text);
}

static void
set_staff (KopirStaffClient *self,
           const char       *staff_id,
           const char       *name,
           const char       *branch)
{
  gboolean was_signed_in = self->token != NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->staff_id, staff_id) != 0)
    {
      g_free (self->staff_id);
      self->staff_id = g_strdup (staff_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
    }
  if (g_strcmp0 (self->staff_name, name) != 0)
    {
      g_free (self->staff_name);
      self->staff_name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NAME]);
    }
  if (g_strcmp0 (self->branch, branch) != 0)
    {
      g_free (self->branch);
      self->branch = g_strdup (branch);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRANCH]);
    }
  if (was_signed_in != (self->token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * kopir_staff_client_forget:
 * @self: a #KopirStaffClient
 *
 * Forgets the session without telling the exchange (it expired, or Kopir
 * is closing), with any customer session.
 */
void
kopir_staff_client_forget (KopirStaffClient *self)
{
  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));

  clear_secret (&self->token);
  g_clear_pointer (&self->customer_session_id, g_free);
  g_clear_pointer (&self->confirmation_id, g_free);
  set_staff (self, NULL, NULL, NULL);
}

static GError *
problem_error (KopirStaffClient *self,
               CallKind          kind,
               KopirResponse    *response)
{
  JsonObject *problem = response->root != NULL ? kopir_json_get_object (response->root) : NULL;
  const char *code = problem != NULL ? kopir_json_object_string (problem, "code") : NULL;
  const char *field_code = NULL;
  JsonArray *errors;
  gint64 attempts_left = -1;

  if (problem != NULL && json_object_has_member (problem, "errors") &&
      (errors = kopir_json_get_array (json_object_get_member (problem, "errors"))) != NULL &&
      json_array_get_length (errors) > 0)
    {
      JsonNode *first = json_array_get_element (errors, 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        field_code = kopir_json_object_string (json_node_get_object (first), "code");
    }
  if (problem != NULL)
    kopir_json_object_int (problem, "attempts_left", &attempts_left);

  if (response->status >= 500)
    return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED,
                                _("The exchange could not answer. Try again in a moment."));

  switch (response->status)
    {
    case SOUP_STATUS_FORBIDDEN:
      if (kind == CALL_CONFIRM_PASSWORD && g_strcmp0 (code, "invalid_credentials") == 0)
        return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_PASSWORD,
                                    _("The password is wrong."));
      break;

    case SOUP_STATUS_UNAUTHORIZED:
      if (kind == CALL_SIGN_IN)
        return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_PASSWORD,
                                    _("The staff id or password is wrong."));
      return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_EXPIRED,
                                  _("Your staff session has expired. Sign in again."));

    case 429: /* Too Many Requests; libsoup 3.2 has no name for it */
      if (g_strcmp0 (code, "staff_locked") == 0)
        {
          guint minutes = (kopir_response_get_retry_after (response) + 59) / 60;

          minutes = MAX (minutes, 1);
          return g_error_new (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_LOCKED,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Too many wrong passwords: this staff id is locked for %u "
                                           "minute. Ask your supervisor if you cannot wait.",
                                           "Too many wrong passwords: this staff id is locked for %u "
                                           "minutes. Ask your supervisor if you cannot wait.",
                                           minutes),
                              minutes);
        }
      return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED,
                                  _("The exchange is busy. Try again in a moment."));

    case SOUP_STATUS_NOT_FOUND:
      if (g_strcmp0 (code, "customer_not_found") == 0)
        return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CUSTOMER_NOT_FOUND,
                                    _("No customer of this exchange has this IIN. Check it with the "
                                      "customer’s identity document, or open an account for a new "
                                      "customer."));
      if (kind == CALL_VERIFY_CUSTOMER || kind == CALL_VERIFY_CONFIRMATION)
        return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CODE_EXPIRED,
                                    _("This code can no longer be used. Send the customer a new one."));
      break;

    case SOUP_STATUS_CONFLICT:
      if (g_strcmp0 (code, "no_phone") == 0)
        return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_NO_PHONE,
                                    _("The exchange has no phone number for this customer, so no code "
                                      "can be sent. The customer must update their phone number with "
                                      "the exchange first."));
      break;

    case SOUP_STATUS_GONE:
      return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CODE_EXPIRED,
                                  _("The code has expired or was typed wrong too often. Send the "
                                    "customer a new one."));

    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      if (g_strcmp0 (field_code, "otp_mismatch") == 0)
        {
          self->attempts_left = attempts_left > 0 ? (guint) attempts_left : 0;
          if (attempts_left <= 0)
            return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CODE_EXPIRED,
                                        _("The code is wrong and cannot be tried again. Send the "
                                          "customer a new one."));
          return g_error_new (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_CODE,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The code is wrong. The customer may try %u more time.",
                                           "The code is wrong. The customer may try %u more times.",
                                           (guint) attempts_left),
                              (guint) attempts_left);
        }
      if (kind == CALL_VERIFY_CUSTOMER || kind == CALL_VERIFY_CONFIRMATION)
        return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_INVALID,
                                    _("The code is the 6 digits in the text message."));
      if (kind == CALL_START_CUSTOMER)
        return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_INVALID,
                                    _("The exchange did not accept this IIN. Check it with the "
                                      "customer’s identity document."));
      return g_error_new_literal (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_INVALID,
                                  _("Type your staff id and password."));

    default:
      break;
    }

  return g_error_new (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED,
                      _("The exchange refused the request (HTTP %u). Try again, or call IT support."),
                      response->status);
}

static GError *
wait_error (guint wait)
{
  return g_error_new (KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WAIT,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "After a wrong password, wait %u second before trying again.",
                                   "After a wrong password, wait %u seconds before trying again.",
                                   wait),
                      wait);
}

static void
expired (KopirStaffClient *self)
{
  if (self->token == NULL)
    return;

  g_debug ("The staff session is no longer valid");
  kopir_staff_client_forget (self);
  g_signal_emit (self, signals[EXPIRED], 0);
}

static gboolean
sign_in_done (KopirStaffClient  *self,
              CallData          *data,
              JsonObject        *object,
              GError           **error)
{
  const char *token = kopir_json_object_string (object, "token");
  const char *staff_id = kopir_json_object_string (object, "staff_id");

  if (token == NULL || staff_id == NULL)
    {
      g_set_error_literal (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED,
                           _("The exchange answered something Kopir does not understand. Call IT "
                             "support."));
      return FALSE;
    }

  clear_secret (&self->token);
  self->token = g_strdup (token);
  set_staff (self, staff_id, kopir_json_object_string (object, "name"),
             kopir_json_object_string (object, "branch"));
  return TRUE;
}

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirStaffClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(KopirResponse) response = NULL;
  JsonObject *object;
  GError *error = NULL;

  response = kopir_transport_request_finish (KOPIR_TRANSPORT (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      error = problem_error (self, data->kind, response);

      if (g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_PASSWORD))
        kopir_sign_in_throttle_failed (&self->throttle, g_get_monotonic_time ());

      if (data->kind != CALL_SIGN_IN && g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_EXPIRED))
        expired (self);

      if (data->kind == CALL_VERIFY_CUSTOMER &&
          g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CODE_EXPIRED))
        g_clear_pointer (&self->customer_session_id, g_free);
      if (data->kind == CALL_VERIFY_CONFIRMATION &&
          g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CODE_EXPIRED))
        g_clear_pointer (&self->confirmation_id, g_free);

      g_task_return_error (task, error);
      return;
    }

  object = response->root != NULL ? kopir_json_get_object (response->root) : NULL;

  switch (data->kind)
    {
    case CALL_SIGN_IN:
      kopir_sign_in_throttle_succeeded (&self->throttle);
      if (!sign_in_done (self, data, object, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_boolean (task, TRUE);
      break;

    case CALL_CONFIRM_PASSWORD:
      kopir_sign_in_throttle_succeeded (&self->throttle);
      g_task_return_boolean (task, TRUE);
      break;

    case CALL_SIGN_OUT:
    case CALL_CHECK:
      g_task_return_boolean (task, TRUE);
      break;

    case CALL_END_CUSTOMER:
      g_clear_pointer (&self->customer_session_id, g_free);
      g_task_return_boolean (task, TRUE);
      break;

    case CALL_SEND_CONFIRMATION:
      {
        const char *id = object ? kopir_json_object_string (object, "otp_id") : NULL;
        const char *masked = object ? kopir_json_object_string (object, "phone_masked") : NULL;

        if (id == NULL || masked == NULL)
          {
            g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED, "%s",
                                     _("The exchange answered something Kopir does not understand. "
                                       "Call IT support."));
            return;
          }
        g_free (self->confirmation_id);
        self->confirmation_id = g_strdup (id);
        g_task_return_pointer (task, g_strdup (masked), g_free);
      }
      break;

    case CALL_VERIFY_CONFIRMATION:
      g_clear_pointer (&self->confirmation_id, g_free);
      g_task_return_boolean (task, TRUE);
      break;

    case CALL_START_CUSTOMER:
      {
        const char *id = object ? kopir_json_object_string (object, "id") : NULL;
        const char *masked = object ? kopir_json_object_string (object, "phone_masked") : NULL;

        if (id == NULL || masked == NULL)
          {
            g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED, "%s",
                                     _("The exchange answered something Kopir does not understand. "
                                       "Call IT support."));
            return;
          }
        g_free (self->customer_session_id);
        self->customer_session_id = g_strdup (id);
        g_task_return_pointer (task, g_strdup (masked), g_free);
      }
      break;

    case CALL_VERIFY_CUSTOMER:
      {
        const char *customer_id = object ? kopir_json_object_string (object, "customer_id") : NULL;
        const char *api_key = object ? kopir_json_object_string (object, "api_key") : NULL;
        const char *api_secret = object ? kopir_json_object_string (object, "api_secret") : NULL;
        KopirLentAccess *access;

        if (customer_id == NULL || api_key == NULL || api_secret == NULL)
          {
            g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED, "%s",
                                     _("The exchange answered something Kopir does not understand. "
                                       "Call IT support."));
            return;
          }
        access = g_new0 (KopirLentAccess, 1);
        access->customer_id = g_strdup (customer_id);
        access->full_name = g_strdup (kopir_json_object_string (object, "full_name"));
        access->locale = g_strdup (kopir_json_object_string (object, "locale"));
        access->credentials = kopir_credentials_new (api_key, api_secret);
        g_task_return_pointer (task, access, (GDestroyNotify) kopir_lent_access_free);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
call (KopirStaffClient    *self,
      CallKind             kind,
      const char          *method,
      const char          *path,
      GBytes              *body,
      gboolean             safe,
      gpointer             source_tag,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, source_tag);
  data->kind = kind;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (kind != CALL_SIGN_IN && self->token == NULL)
    {
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_NOT_SIGNED_IN, "%s",
                               _("Sign in as a member of staff first."));
      return;
    }

  if (kopir_transport_get_base_url (self->transport) == NULL)
    {
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_FAILED, "%s",
                               _("This exchange has no staff sign-in. Choose the exchange your bank "
                                 "uses in Preferences."));
      return;
    }

  kopir_transport_request_async (self->transport, method, path, NULL, body,
                                 body != NULL ? "application/json" : NULL,
                                 kind == CALL_SIGN_IN ? NULL : self->token,
                                 safe ? KOPIR_REQUEST_SAFE : KOPIR_REQUEST_NONE,
                                 cancellable, call_cb, g_steal_pointer (&task));
}

static gboolean
finish_boolean (KopirStaffClient  *self,
                GAsyncResult      *result,
                gpointer           source_tag,
                GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
kopir_staff_client_finalize (GObject *object)
{
  KopirStaffClient *self = KOPIR_STAFF_CLIENT (object);

  clear_secret (&self->token);
  g_clear_object (&self->transport);
  g_free (self->staff_id);
  g_free (self->staff_name);
  g_free (self->branch);
  g_free (self->customer_session_id);
  g_free (self->confirmation_id);

  G_OBJECT_CLASS (kopir_staff_client_parent_class)->finalize (object);
}

static void
kopir_staff_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KopirStaffClient *self = KOPIR_STAFF_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->token != NULL);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_staff_client_class_init (KopirStaffClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_staff_client_finalize;
  object_class->get_property = kopir_staff_client_get_property;

  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirStaffClient::expired:
   *
   * The exchange no longer accepts the staff session (it expired, or was
   * ended elsewhere); the client has forgotten it.
   */
  signals[EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kopir_staff_client_init (KopirStaffClient *self)
{
}

/**
 * kopir_staff_client_new:
 * @session: the application's HTTP session
 *
 * Returns: (transfer full): a client, signed out
 */
KopirStaffClient *
kopir_staff_client_new (SoupSession *session)
{
  KopirStaffClient *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (KOPIR_TYPE_STAFF_CLIENT, NULL);
  self->transport = kopir_transport_new (session, NULL);
  /* Staff calls are few and a person waits on each: no long retries. */
  kopir_transport_set_max_attempts (self->transport, 2);
  return self;
}

/**
 * kopir_staff_client_set_base_url:
 * @self: a #KopirStaffClient
 * @base_url: (nullable): where the exchange serves the staff endpoints
 *
 * A different exchange knows nothing of this session: it is forgotten.
 */
void
kopir_staff_client_set_base_url (KopirStaffClient *self,
                                 const char       *base_url)
{
  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));

  if (g_strcmp0 (kopir_transport_get_base_url (self->transport), base_url) == 0)
    return;

  if (self->token != NULL)
    expired (self);
  kopir_transport_set_base_url (self->transport, base_url);
}

const char *
kopir_staff_client_get_base_url (KopirStaffClient *self)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), NULL);
  return kopir_transport_get_base_url (self->transport);
}

gboolean
kopir_staff_client_get_signed_in (KopirStaffClient *self)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), FALSE);
  return self->token != NULL;
}

const char *
kopir_staff_client_get_staff_id (KopirStaffClient *self)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), NULL);
  return self->staff_id;
}

const char *
kopir_staff_client_get_staff_name (KopirStaffClient *self)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), NULL);
  return self->staff_name;
}

const char *
kopir_staff_client_get_branch (KopirStaffClient *self)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), NULL);
  return self->branch;
}

/**
 * kopir_staff_client_get_wait_seconds:
 * @self: a #KopirStaffClient
 *
 * Returns: the seconds left before another sign-in may be tried, 0 if
 *   one may be tried now
 */
guint
kopir_staff_client_get_wait_seconds (KopirStaffClient *self)
{
  guint wait = 0;

  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), 0);

  kopir_sign_in_throttle_check (&self->throttle, g_get_monotonic_time (), &wait);
  return wait;
}

gboolean
kopir_staff_client_get_has_customer_session (KopirStaffClient *self)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), FALSE);
  return self->customer_session_id != NULL;
}

/**
 * kopir_staff_client_sign_in_async:
 * @self: a #KopirStaffClient
 * @staff_id: the staff id, e.g. "S0001"
 * @password: the staff member's password; the caller clears its copy and
 *   the field it was typed in as soon as this returns
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when signed in, or refused
 * @user_data: data for @callback
 *
 * Signs in, replacing any session this client had. Too soon after a wrong
 * password fails at once with %KOPIR_STAFF_ERROR_WAIT, without asking the
 * exchange.
 */
void
kopir_staff_client_sign_in_async (KopirStaffClient    *self,
                                  const char          *staff_id,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *id = NULL;
  guint wait = 0;

  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));
  g_return_if_fail (staff_id != NULL && password != NULL);

  if (!kopir_sign_in_throttle_check (&self->throttle, g_get_monotonic_time (), &wait))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, kopir_staff_client_sign_in_async);
      g_task_return_error (task, wait_error (wait));
      return;
    }

  id = g_strstrip (g_strdup (staff_id));
  if (*id == '\0' || *password == '\0')
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, kopir_staff_client_sign_in_async);
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_INVALID, "%s",
                               _("Type your staff id and password."));
      return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "staff_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = secret_body (builder);

  call (self, CALL_SIGN_IN, "POST", "/staff/v1/sessions", body, FALSE,
        kopir_staff_client_sign_in_async, cancellable, callback, user_data);
}

gboolean
kopir_staff_client_sign_in_finish (KopirStaffClient  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  return finish_boolean (self, result, kopir_staff_client_sign_in_async, error);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* Whatever the exchange said, this desk is signed out now. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Signing out at the exchange: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_staff_client_sign_out_async:
 * @self: a #KopirStaffClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Ends the session at the exchange (which ends any customer session and
 * its lent key) and forgets it here, at once, whether or not the exchange
 * could be reached.
 */
void
kopir_staff_client_sign_out_async (KopirStaffClient    *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  CallData *data;
  char *token;

  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_staff_client_sign_out_async);

  if (self->token == NULL || kopir_transport_get_base_url (self->transport) == NULL)
    {
      kopir_staff_client_forget (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Forget first, so that nothing signs as staff while the request is
   * on its way; the request takes the token with it. */
  token = g_strdup (self->token);
  kopir_staff_client_forget (self);

  inner = g_task_new (self, cancellable, sign_out_cb, g_steal_pointer (&task));
  data = g_new0 (CallData, 1);
  data->kind = CALL_SIGN_OUT;
  g_task_set_task_data (inner, data, (GDestroyNotify) call_data_free);
  kopir_transport_request_async (self->transport, "DELETE", "/staff/v1/sessions/current", NULL, NULL, NULL,
                                 token, KOPIR_REQUEST_SAFE, cancellable, call_cb, g_steal_pointer (&inner));
  clear_secret (&token);
}

gboolean
kopir_staff_client_sign_out_finish (KopirStaffClient  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  return finish_boolean (self, result, kopir_staff_client_sign_out_async, error);
}

/**
 * kopir_staff_client_confirm_password_async:
 * @self: a #KopirStaffClient
 * @password: the signed-in staff member's password; the caller clears its
 *   copy and the field it was typed in as soon as this returns
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the exchange accepted or refused it
 * @user_data: data for @callback
 *
 * Has the exchange check the password of whoever holds this session, to
 * unlock the desk. The session, and any customer session under it, go on.
 * Wrong passwords make the next try wait, as at sign-in.
 */
void
kopir_staff_client_confirm_password_async (KopirStaffClient    *self,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GBytes) body = NULL;
  guint wait = 0;

  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));
  g_return_if_fail (password != NULL);

  if (!kopir_sign_in_throttle_check (&self->throttle, g_get_monotonic_time (), &wait) || *password == '\0')
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, kopir_staff_client_confirm_password_async);
      if (wait > 0)
        g_task_return_error (task, wait_error (wait));
      else
        g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_INVALID, "%s",
                                 _("Type your password."));
      return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = secret_body (builder);

  call (self, CALL_CONFIRM_PASSWORD, "POST", "/staff/v1/sessions/current/password", body, FALSE,
        kopir_staff_client_confirm_password_async, cancellable, callback, user_data);
}

gboolean
kopir_staff_client_confirm_password_finish (KopirStaffClient  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  return finish_boolean (self, result, kopir_staff_client_confirm_password_async, error);
}

/**
 * kopir_staff_client_check_session_async:
 * @self: a #KopirStaffClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks whether the session is still valid; if not, it fails with
 * %KOPIR_STAFF_ERROR_EXPIRED and #KopirStaffClient::expired is emitted.
 */
void
kopir_staff_client_check_session_async (KopirStaffClient    *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));

  call (self, CALL_CHECK, "GET", "/staff/v1/sessions/current", NULL, TRUE,
        kopir_staff_client_check_session_async, cancellable, callback, user_data);
}

gboolean
kopir_staff_client_check_session_finish (KopirStaffClient  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return finish_boolean (self, result, kopir_staff_client_check_session_async, error);
}

/**
 * kopir_staff_client_start_customer_session_async:
 * @self: a #KopirStaffClient
 * @iin: the customer's IIN
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the code was sent
 * @user_data: data for @callback
 *
 * Asks the exchange to send the customer with this IIN a one-time code,
 * to the phone it has on file.
 */
void
kopir_staff_client_start_customer_session_async (KopirStaffClient    *self,
                                                 const char          *iin,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));
  g_return_if_fail (iin != NULL);

  if (!kopir_iin_validate (iin, NULL, &error))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, kopir_staff_client_start_customer_session_async);
      g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_INVALID, "%s", error->message);
      return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "iin");
  json_builder_add_string_value (builder, iin);
  json_builder_end_object (builder);
  body = secret_body (builder);

  call (self, CALL_START_CUSTOMER, "POST", "/staff/v1/customer-sessions", body, FALSE,
        kopir_staff_client_start_customer_session_async, cancellable, callback, user_data);
}

/**
 * kopir_staff_client_start_customer_session_finish:
 * @self: a #KopirStaffClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the phone the code went to, masked
 *   ("+7 *** ***-45-67"), for the customer to recognise
 */
char *
kopir_staff_client_start_customer_session_finish (KopirStaffClient  *self,
                                                  GAsyncResult      *result,
                                                  GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kopir_staff_client_verify_customer_code_async:
 * @self: a #KopirStaffClient
 * @code: the six digits the customer typed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the lent access, or the error
 * @user_data: data for @callback
 *
 * Checks the customer's code for the customer session started last.
 */
void
kopir_staff_client_verify_customer_code_async (KopirStaffClient    *self,
                                               const char          *code,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *digits = NULL;

  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));
  g_return_if_fail (code != NULL);

  digits = g_strstrip (g_strdup (code));
  if (self->customer_session_id == NULL || strlen (digits) != 6 || strspn (digits, "0123456789") != 6)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, kopir_staff_client_verify_customer_code_async);
      if (self->customer_session_id == NULL)
        g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CODE_EXPIRED, "%s",
                                 _("This code can no longer be used. Send the customer a new one."));
      else
        g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_INVALID, "%s",
                                 _("The code is the 6 digits in the text message."));
      return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, digits);
  json_builder_end_object (builder);
  body = secret_body (builder);
  memset (digits, 0, strlen (digits));

  path = g_strdup_printf ("/staff/v1/customer-sessions/%s/verify", self->customer_session_id);
  call (self, CALL_VERIFY_CUSTOMER, "POST", path, body, FALSE,
        kopir_staff_client_verify_customer_code_async, cancellable, callback, user_data);
}

/**
 * kopir_staff_client_verify_customer_code_finish:
 * @self: a #KopirStaffClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the customer and the key lent for them
 */
KopirLentAccess *
kopir_staff_client_verify_customer_code_finish (KopirStaffClient  *self,
                                                GAsyncResult      *result,
                                                GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kopir_staff_client_end_customer_session_async:
 * @self: a #KopirStaffClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Ends the customer session at the exchange, so the lent key stops
 * working. Without one, succeeds at once.
 */
void
kopir_staff_client_end_customer_session_async (KopirStaffClient    *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));

  if (self->customer_session_id == NULL || self->token == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, kopir_staff_client_end_customer_session_async);
      g_clear_pointer (&self->customer_session_id, g_free);
      g_task_return_boolean (task, TRUE);
      return;
    }

  path = g_strdup_printf ("/staff/v1/customer-sessions/%s", self->customer_session_id);
  call (self, CALL_END_CUSTOMER, "DELETE", path, NULL, TRUE,
        kopir_staff_client_end_customer_session_async, cancellable, callback, user_data);
}

gboolean
kopir_staff_client_end_customer_session_finish (KopirStaffClient  *self,
                                                GAsyncResult      *result,
                                                GError           **error)
{
  return finish_boolean (self, result, kopir_staff_client_end_customer_session_async, error);
}

/**
 * kopir_staff_client_send_confirmation_code_async:
 * @self: a #KopirStaffClient
 * @customer_id: the customer's 7-digit id
 * @purpose: "purchase" or "withdrawal"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the code was sent
 * @user_data: data for @callback
 *
 * Has the exchange send the customer a code to the phone it has on file,
 * for them to confirm what staff prepared (a purchase) on a screen handed
 * to them.
 */
void
kopir_staff_client_send_confirmation_code_async (KopirStaffClient    *self,
                                                 const char          *customer_id,
                                                 const char          *purpose,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));
  g_return_if_fail (customer_id != NULL && purpose != NULL);

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "customer_id");
  json_builder_add_string_value (builder, customer_id);
  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, purpose);
  json_builder_end_object (builder);
  body = secret_body (builder);

  call (self, CALL_SEND_CONFIRMATION, "POST", "/staff/v1/otp", body, FALSE,
        kopir_staff_client_send_confirmation_code_async, cancellable, callback, user_data);
}

/**
 * kopir_staff_client_send_confirmation_code_finish:
 * @self: a #KopirStaffClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the phone the code went to, masked
 */
char *
kopir_staff_client_send_confirmation_code_finish (KopirStaffClient  *self,
                                                  GAsyncResult      *result,
                                                  GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kopir_staff_client_verify_confirmation_code_async:
 * @self: a #KopirStaffClient
 * @code: what the customer typed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Checks the code sent last by
 * kopir_staff_client_send_confirmation_code_async().
 */
void
kopir_staff_client_verify_confirmation_code_async (KopirStaffClient    *self,
                                                   const char          *code,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *digits = NULL;

  g_return_if_fail (KOPIR_IS_STAFF_CLIENT (self));
  g_return_if_fail (code != NULL);

  digits = g_strstrip (g_strdup (code));
  if (self->confirmation_id == NULL || strlen (digits) != 6 || strspn (digits, "0123456789") != 6)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, kopir_staff_client_verify_confirmation_code_async);
      if (self->confirmation_id == NULL)
        g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_CODE_EXPIRED, "%s",
                                 _("This code can no longer be used. Send the customer a new one."));
      else
        g_task_return_new_error (task, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_INVALID, "%s",
                                 _("The code is the 6 digits in the text message."));
      return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, digits);
  json_builder_end_object (builder);
  body = secret_body (builder);
  memset (digits, 0, strlen (digits));

  path = g_strdup_printf ("/staff/v1/otp/%s/verify", self->confirmation_id);
  call (self, CALL_VERIFY_CONFIRMATION, "POST", path, body, FALSE,
        kopir_staff_client_verify_confirmation_code_async, cancellable, callback, user_data);
}

gboolean
kopir_staff_client_verify_confirmation_code_finish (KopirStaffClient  *self,
                                                    GAsyncResult      *result,
                                                    GError           **error)
{
  return finish_boolean (self, result, kopir_staff_client_verify_confirmation_code_async, error);
}

/**
 * kopir_staff_client_get_attempts_left:
 * @self: a #KopirStaffClient
 *
 * Returns: how many more tries the exchange allows after the last wrong
 *   code
 */
guint
kopir_staff_client_get_attempts_left (KopirStaffClient *self)
{
  g_return_val_if_fail (KOPIR_IS_STAFF_CLIENT (self), 0);
  return self->attempts_left;
}
