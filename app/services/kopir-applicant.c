/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-applicant.c: an account application and its review
 *
 * Status is draft, pending, approved or rejected; a review says GREEN or
 * RED, and RED with RETRY may be corrected and sent again. `missing` lists
 * what still stops a submission, as field paths a form can point at.
 */

#define G_LOG_DOMAIN "kopir-applicant"

#include "config.h"

#include "kopir-applicant.h"
#include "kopir-exchange-error.h"
#include "kopir-json-private.h"

struct _KopirApplicant
{
  GObject   parent_instance;

  char     *id;
  char     *status;
  char     *customer_id;
  char     *review_answer;
  char     *reject_type;
  GStrv     review_labels;
  char     *review_comment;
  GStrv     missing;
  gboolean  credentials_issued;
};

G_DEFINE_FINAL_TYPE (KopirApplicant, kopir_applicant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_CUSTOMER_ID,
  PROP_REVIEW_ANSWER,
  PROP_REJECT_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_applicant_finalize (GObject *object)
{
  KopirApplicant *self = (KopirApplicant *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->review_answer, g_free);
  g_clear_pointer (&self->reject_type, g_free);
  g_clear_pointer (&self->review_labels, g_strfreev);
  g_clear_pointer (&self->review_comment, g_free);
  g_clear_pointer (&self->missing, g_strfreev);

  G_OBJECT_CLASS (kopir_applicant_parent_class)->finalize (object);
}

static void
kopir_applicant_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KopirApplicant *self = KOPIR_APPLICANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    case PROP_REVIEW_ANSWER:
      g_value_set_string (value, self->review_answer);
      break;
    case PROP_REJECT_TYPE:
      g_value_set_string (value, self->reject_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_applicant_class_init (KopirApplicantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "id", "status", "customer-id", "review-answer", "reject-type" };

  object_class->finalize = kopir_applicant_finalize;
  object_class->get_property = kopir_applicant_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_applicant_init (KopirApplicant *self)
{
}

static GStrv
read_strings (JsonObject *object,
              const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;

  if (object != NULL && json_object_has_member (object, member))
    array = kopir_json_get_array (json_object_get_member (object, member));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

KopirApplicant *
kopir_applicant_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(KopirApplicant) self = g_object_new (KOPIR_TYPE_APPLICANT, NULL);
  const char *id = kopir_json_object_string (object, "id");
  const char *status = kopir_json_object_string (object, "status");
  JsonObject *review = NULL;

  if (id == NULL || status == NULL)
    {
      g_propagate_error (error, kopir_exchange_error_new (KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                                                          0, "not an applicant", 0, 0, NULL));
      return NULL;
    }

  self->id = g_strdup (id);
  self->status = g_strdup (status);
  self->customer_id = g_strdup (kopir_json_object_string (object, "customer_id"));
  kopir_json_object_bool (object, "credentials_issued", &self->credentials_issued);
  self->missing = read_strings (object, "missing");

  if (json_object_has_member (object, "review"))
    review = kopir_json_get_object (json_object_get_member (object, "review"));
  self->review_answer = g_strdup (kopir_json_object_string (review, "answer"));
  self->reject_type = g_strdup (kopir_json_object_string (review, "reject_type"));
  self->review_comment = g_strdup (kopir_json_object_string (review, "comment"));
  self->review_labels = read_strings (review, "labels");

  return g_steal_pointer (&self);
}

const char *
kopir_applicant_get_id (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), NULL);
  return self->id;
}

/**
 * kopir_applicant_get_status:
 * @self: a #KopirApplicant
 *
 * Returns: "draft", "pending", "approved" or "rejected"
 */
const char *
kopir_applicant_get_status (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), NULL);
  return self->status;
}

/**
 * kopir_applicant_get_customer_id:
 * @self: a #KopirApplicant
 *
 * Returns: (nullable): the 7-digit customer id, once approved
 */
const char *
kopir_applicant_get_customer_id (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), NULL);
  return self->customer_id;
}

const char *
kopir_applicant_get_review_answer (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), NULL);
  return self->review_answer;
}

const char *
kopir_applicant_get_reject_type (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), NULL);
  return self->reject_type;
}

const char * const *
kopir_applicant_get_review_labels (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), NULL);
  return (const char * const *) self->review_labels;
}

const char *
kopir_applicant_get_review_comment (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), NULL);
  return self->review_comment;
}

const char * const *
kopir_applicant_get_missing (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), NULL);
  return (const char * const *) self->missing;
}

gboolean
kopir_applicant_get_credentials_issued (KopirApplicant *self)
{
  g_return_val_if_fail (KOPIR_IS_APPLICANT (self), FALSE);
  return self->credentials_issued;
}
