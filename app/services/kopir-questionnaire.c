/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-questionnaire.c: the exchange's knowledge test */

#define G_LOG_DOMAIN "kopir-questionnaire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-exchange-error.h"
#include "kopir-json-private.h"
#include "kopir-kyc-texts.h"
#include "kopir-questionnaire.h"

typedef struct
{
  char *id;
  char *text;
} Item;

typedef struct
{
  Item    question;
  GArray *options;
} Question;

struct _KopirQuestionnaire
{
  GObject  parent_instance;

  char    *version;
  guint    pass_score;
  GArray  *questions;
};

G_DEFINE_FINAL_TYPE (KopirQuestionnaire, kopir_questionnaire, G_TYPE_OBJECT)

static void
item_clear (Item *item)
{
  g_clear_pointer (&item->id, g_free);
  g_clear_pointer (&item->text, g_free);
}

static void
question_clear (Question *question)
{
  item_clear (&question->question);
  g_clear_pointer (&question->options, g_array_unref);
}

static void
kopir_questionnaire_finalize (GObject *object)
{
  KopirQuestionnaire *self = KOPIR_QUESTIONNAIRE (object);

  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->questions, g_array_unref);

  G_OBJECT_CLASS (kopir_questionnaire_parent_class)->finalize (object);
}

static void
kopir_questionnaire_class_init (KopirQuestionnaireClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kopir_questionnaire_finalize;
}

static void
kopir_questionnaire_init (KopirQuestionnaire *self)
{
  self->questions = g_array_new (FALSE, TRUE, sizeof (Question));
  g_array_set_clear_func (self->questions, (GDestroyNotify) question_clear);
}

static gboolean
read_item (JsonObject *object,
           Item       *item)
{
  const char *id = kopir_json_object_string (object, "id");
  const char *text = kopir_json_object_string (object, "text");

  if (id == NULL || *id == '\0' || text == NULL)
    return FALSE;

  item->id = g_strdup (id);
  item->text = g_strdup (text);

  return TRUE;
}

/**
 * kopir_questionnaire_new_from_json:
 * @node: the Questionnaire object of the contract
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the questionnaire, or %NULL if @node is not one
 */
KopirQuestionnaire *
kopir_questionnaire_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(KopirQuestionnaire) self = g_object_new (KOPIR_TYPE_QUESTIONNAIRE, NULL);
  JsonObject *object = kopir_json_get_object (node);
  JsonArray *questions = NULL;
  const char *version;
  gint64 pass_score = 0;

  version = object != NULL ? kopir_json_object_string (object, "version") : NULL;
  if (object != NULL && json_object_has_member (object, "questions"))
    questions = kopir_json_get_array (json_object_get_member (object, "questions"));

  if (version == NULL || questions == NULL || json_array_get_length (questions) == 0 ||
      !kopir_json_object_int (object, "pass_score", &pass_score) || pass_score < 0 ||
      pass_score > json_array_get_length (questions))
    goto invalid;

  self->version = g_strdup (version);
  self->pass_score = (guint) pass_score;

  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = kopir_json_get_object (json_array_get_element (questions, i));
      JsonArray *options = NULL;
      Question question = { { NULL, NULL }, NULL };

      if (q != NULL && json_object_has_member (q, "options"))
        options = kopir_json_get_array (json_object_get_member (q, "options"));
      if (q == NULL || options == NULL || json_array_get_length (options) < 2)
        goto invalid;

      question.options = g_array_new (FALSE, TRUE, sizeof (Item));
      g_array_set_clear_func (question.options, (GDestroyNotify) item_clear);
      g_array_append_val (self->questions, question);

      if (!read_item (q, &g_array_index (self->questions, Question, i).question))
        goto invalid;

      for (guint j = 0; j < json_array_get_length (options); j++)
        {
          Item item = { NULL, NULL };

          if (!read_item (kopir_json_get_object (json_array_get_element (options, j)), &item))
            goto invalid;
          g_array_append_val (question.options, item);
        }
    }

  return g_steal_pointer (&self);

invalid:
  g_set_error_literal (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_INVALID_RESPONSE,
                       _("The exchange sent a knowledge test Kopir cannot read. Try again "
                         "later."));
  return NULL;
}

const char *
kopir_questionnaire_get_version (KopirQuestionnaire *self)
{
  g_return_val_if_fail (KOPIR_IS_QUESTIONNAIRE (self), NULL);

  return self->version;
}

guint
kopir_questionnaire_get_pass_score (KopirQuestionnaire *self)
{
  g_return_val_if_fail (KOPIR_IS_QUESTIONNAIRE (self), 0);

  return self->pass_score;
}

guint
kopir_questionnaire_get_n_questions (KopirQuestionnaire *self)
{
  g_return_val_if_fail (KOPIR_IS_QUESTIONNAIRE (self), 0);

  return self->questions->len;
}

static Question *
get_question (KopirQuestionnaire *self,
              guint               question)
{
  g_return_val_if_fail (KOPIR_IS_QUESTIONNAIRE (self), NULL);
  g_return_val_if_fail (question < self->questions->len, NULL);

  return &g_array_index (self->questions, Question, question);
}

const char *
kopir_questionnaire_get_question_id (KopirQuestionnaire *self,
                                     guint               question)
{
  Question *q = get_question (self, question);

  return q != NULL ? q->question.id : NULL;
}

/**
 * kopir_questionnaire_get_question_text:
 * @self: a #KopirQuestionnaire
 * @question: the question's index
 *
 * Returns: the question in the person's language, or the exchange's text
 *   for a questionnaire Kopir does not know
 */
const char *
kopir_questionnaire_get_question_text (KopirQuestionnaire *self,
                                       guint               question)
{
  Question *q = get_question (self, question);

  return q != NULL ? kopir_kyc_question_text (self->version, q->question.id, q->question.text)
                   : NULL;
}

guint
kopir_questionnaire_get_n_options (KopirQuestionnaire *self,
                                   guint               question)
{
  Question *q = get_question (self, question);

  return q != NULL ? q->options->len : 0;
}

const char *
kopir_questionnaire_get_option_id (KopirQuestionnaire *self,
                                   guint               question,
                                   guint               option)
{
  Question *q = get_question (self, question);

  g_return_val_if_fail (q != NULL && option < q->options->len, NULL);

  return g_array_index (q->options, Item, option).id;
}

const char *
kopir_questionnaire_get_option_text (KopirQuestionnaire *self,
                                     guint               question,
                                     guint               option)
{
  Question *q = get_question (self, question);
  Item *item;

  g_return_val_if_fail (q != NULL && option < q->options->len, NULL);

  item = &g_array_index (q->options, Item, option);

  return kopir_kyc_option_text (self->version, q->question.id, item->id, item->text);
}
