/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-onboarding.h: a person's account application at one exchange,
 * from the first answer to the open account.
 *
 * It keeps two private files (mode 0600) in a folder of the user's data:
 * the record (which application, where it stands, what the review desk
 * said; no secrets) and, while the person fills the form in, the draft of
 * their answers, wiped once the application is sent. The applicant's token
 * and, until the review desk has decided, the answers sent are kept in the
 * secret store only, so that a correction the desk asks for does not mean
 * typing everything again.
 *
 * While an application waits for review it asks the exchange about it now
 * and then, and says when the review ends ("review-finished"). On approval
 * the account's key and secret go straight to the secret store.
 */
#pragma once

#include <gio/gio.h>

#include "kopir-account-client.h"
#include "kopir-document-image.h"
#include "kopir-kyc-form.h"
#include "kopir-onboarding-draft.h"
#include "kopir-questionnaire.h"
#include "kopir-secret-store.h"

G_BEGIN_DECLS

/**
 * KopirOnboardingState:
 * @KOPIR_ONBOARDING_STATE_LOADING: the record is being read
 * @KOPIR_ONBOARDING_STATE_NONE: no application
 * @KOPIR_ONBOARDING_STATE_DRAFT: being filled in, or corrected
 * @KOPIR_ONBOARDING_STATE_PENDING: sent, waiting for the review
 * @KOPIR_ONBOARDING_STATE_APPROVED: the account is open
 * @KOPIR_ONBOARDING_STATE_RETRY: the review desk asks for corrections
 * @KOPIR_ONBOARDING_STATE_REFUSED: refused for good
 */
typedef enum
{
  KOPIR_ONBOARDING_STATE_LOADING,
  KOPIR_ONBOARDING_STATE_NONE,
  KOPIR_ONBOARDING_STATE_DRAFT,
  KOPIR_ONBOARDING_STATE_PENDING,
  KOPIR_ONBOARDING_STATE_APPROVED,
  KOPIR_ONBOARDING_STATE_RETRY,
  KOPIR_ONBOARDING_STATE_REFUSED,
} KopirOnboardingState;

#define KOPIR_TYPE_ONBOARDING_STATE (kopir_onboarding_state_get_type ())
#define KOPIR_TYPE_ONBOARDING (kopir_onboarding_get_type ())

GType kopir_onboarding_state_get_type (void);

G_DECLARE_FINAL_TYPE (KopirOnboarding, kopir_onboarding, KOPIR, ONBOARDING, GObject)

KopirOnboarding      *kopir_onboarding_new                   (KopirAccountClient  *client,
                                                              KopirSecretStore    *secrets,
                                                              const char          *profile_id,
                                                              const char          *directory);
void                  kopir_onboarding_load_async            (KopirOnboarding     *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean              kopir_onboarding_load_finish           (KopirOnboarding     *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

KopirOnboardingState  kopir_onboarding_get_state             (KopirOnboarding     *self);
const char           *kopir_onboarding_get_problem           (KopirOnboarding     *self);
KopirOnboardingDraft *kopir_onboarding_get_draft             (KopirOnboarding     *self);
KopirOnboardingDraft *kopir_onboarding_get_submitted         (KopirOnboarding     *self);
GDateTime            *kopir_onboarding_get_consent_accepted_at (KopirOnboarding   *self);
const char           *kopir_onboarding_get_consent_version   (KopirOnboarding     *self);
const char           *kopir_onboarding_get_profile_id        (KopirOnboarding     *self);
const char           *kopir_onboarding_get_applicant_id      (KopirOnboarding     *self);
const char           *kopir_onboarding_get_customer_id       (KopirOnboarding     *self);
gboolean              kopir_onboarding_get_practice          (KopirOnboarding     *self);
gboolean              kopir_onboarding_get_credentials_issued (KopirOnboarding    *self);
gboolean              kopir_onboarding_get_knowledge_test_passed (KopirOnboarding *self);
GStrv                 kopir_onboarding_get_review_labels     (KopirOnboarding     *self);
const char           *kopir_onboarding_get_review_comment    (KopirOnboarding     *self);
guint                 kopir_onboarding_get_reopened_steps    (KopirOnboarding     *self);
guint                 kopir_onboarding_get_poll_interval     (KopirOnboarding     *self);
void                  kopir_onboarding_set_poll_interval     (KopirOnboarding     *self,
                                                              guint                seconds);

void                  kopir_onboarding_begin                 (KopirOnboarding     *self);
void                  kopir_onboarding_ensure_applicant_async  (KopirOnboarding     *self,
                                                                const char          *locale,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean              kopir_onboarding_ensure_applicant_finish (KopirOnboarding     *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);
void                  kopir_onboarding_upload_image_async    (KopirOnboarding     *self,
                                                              const char          *slot,
                                                              KopirDocumentImage  *image,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean              kopir_onboarding_upload_image_finish   (KopirOnboarding     *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
void                  kopir_onboarding_get_questionnaire_async  (KopirOnboarding     *self,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
KopirQuestionnaire   *kopir_onboarding_get_questionnaire_finish (KopirOnboarding     *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);
void                  kopir_onboarding_answer_test_async     (KopirOnboarding     *self,
                                                              KopirQuestionnaire  *questionnaire,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean              kopir_onboarding_answer_test_finish    (KopirOnboarding     *self,
                                                              GAsyncResult        *result,
                                                              gboolean            *passed,
                                                              GError             **error);
void                  kopir_onboarding_submit_async          (KopirOnboarding     *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean              kopir_onboarding_submit_finish         (KopirOnboarding     *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
void                  kopir_onboarding_refresh_async         (KopirOnboarding     *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean              kopir_onboarding_refresh_finish        (KopirOnboarding     *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
void                  kopir_onboarding_issue_credentials_async  (KopirOnboarding     *self,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
gboolean              kopir_onboarding_issue_credentials_finish (KopirOnboarding     *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);
void                  kopir_onboarding_correct_async         (KopirOnboarding     *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean              kopir_onboarding_correct_finish        (KopirOnboarding     *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
void                  kopir_onboarding_create_practice_account_async  (KopirOnboarding     *self,
                                                                       GCancellable        *cancellable,
                                                                       GAsyncReadyCallback  callback,
                                                                       gpointer             user_data);
gboolean              kopir_onboarding_create_practice_account_finish (KopirOnboarding     *self,
                                                                       GAsyncResult        *result,
                                                                       GError             **error);
void                  kopir_onboarding_discard               (KopirOnboarding     *self);

JsonObject           *kopir_onboarding_build_personal_data   (KopirOnboardingDraft *draft,
                                                              GError             **error);
GHashTable           *kopir_onboarding_map_field_errors      (KopirOnboardingDraft *draft,
                                                              const GError         *error);

G_END_DECLS
