/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-applicant.h: an account application and its review */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_APPLICANT (kopir_applicant_get_type ())

G_DECLARE_FINAL_TYPE (KopirApplicant, kopir_applicant, KOPIR, APPLICANT, GObject)

KopirApplicant     *kopir_applicant_new_from_json       (JsonObject      *object,
                                                         GError         **error);
const char         *kopir_applicant_get_id              (KopirApplicant  *self);
const char         *kopir_applicant_get_status          (KopirApplicant  *self);
const char         *kopir_applicant_get_customer_id     (KopirApplicant  *self);
const char         *kopir_applicant_get_review_answer   (KopirApplicant  *self);
const char         *kopir_applicant_get_reject_type     (KopirApplicant  *self);
const char * const *kopir_applicant_get_review_labels   (KopirApplicant  *self);
const char         *kopir_applicant_get_review_comment  (KopirApplicant  *self);
const char * const *kopir_applicant_get_missing         (KopirApplicant  *self);
gboolean            kopir_applicant_get_credentials_issued (KopirApplicant *self);

G_END_DECLS
