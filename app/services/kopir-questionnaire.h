/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-questionnaire.h: the exchange's knowledge test (the appropriateness
 * questionnaire), read from its answer, with the texts in the person's
 * language where Kopir knows the questionnaire's version.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_QUESTIONNAIRE (kopir_questionnaire_get_type ())

G_DECLARE_FINAL_TYPE (KopirQuestionnaire, kopir_questionnaire, KOPIR, QUESTIONNAIRE, GObject)

KopirQuestionnaire *kopir_questionnaire_new_from_json     (JsonNode           *node,
                                                           GError            **error);
const char         *kopir_questionnaire_get_version       (KopirQuestionnaire *self);
guint               kopir_questionnaire_get_pass_score    (KopirQuestionnaire *self);
guint               kopir_questionnaire_get_n_questions   (KopirQuestionnaire *self);
const char         *kopir_questionnaire_get_question_id   (KopirQuestionnaire *self,
                                                           guint               question);
const char         *kopir_questionnaire_get_question_text (KopirQuestionnaire *self,
                                                           guint               question);
guint               kopir_questionnaire_get_n_options     (KopirQuestionnaire *self,
                                                           guint               question);
const char         *kopir_questionnaire_get_option_id     (KopirQuestionnaire *self,
                                                           guint               question,
                                                           guint               option);
const char         *kopir_questionnaire_get_option_text   (KopirQuestionnaire *self,
                                                           guint               question,
                                                           guint               option);

G_END_DECLS
