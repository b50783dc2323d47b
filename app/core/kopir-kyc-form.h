/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-kyc-form.h: the account application form: its steps, its fields
 * and what makes each answer acceptable.
 *
 * Fields are named by the keys of a KopirOnboardingDraft. Where a field is
 * sent to the exchange, its key is the member's path in the contract's
 * PersonalData ("iin", "document.expiry_date"), so the exchange's field
 * errors point straight at it. Other keys: "consent.*" (the welcome step),
 * "image.front", "image.back", "image.selfie" (set once the image is
 * uploaded), "test.*" (the knowledge test) and "flow.*" (where the person
 * was).
 *
 * Each check answers with a translated message that says what to do, for
 * the label beside the field.
 */
#pragma once

#include <glib.h>

#include "kopir-onboarding-draft.h"

G_BEGIN_DECLS

/**
 * KopirKycStep:
 * @KOPIR_KYC_STEP_WELCOME: what is asked and why, the risk warning, consent
 * @KOPIR_KYC_STEP_PERSONAL: names, date of birth, IIN, citizenship, residency
 * @KOPIR_KYC_STEP_CONTACT: phone, e-mail and address
 * @KOPIR_KYC_STEP_DOCUMENT: the identity document and its images
 * @KOPIR_KYC_STEP_SELFIE: the selfie
 * @KOPIR_KYC_STEP_FINANCES: occupation, source of funds, PEP, tax residency
 * @KOPIR_KYC_STEP_KNOWLEDGE: the knowledge test
 * @KOPIR_KYC_STEP_REVIEW: everything once more, then sending
 */
typedef enum
{
  KOPIR_KYC_STEP_WELCOME,
  KOPIR_KYC_STEP_PERSONAL,
  KOPIR_KYC_STEP_CONTACT,
  KOPIR_KYC_STEP_DOCUMENT,
  KOPIR_KYC_STEP_SELFIE,
  KOPIR_KYC_STEP_FINANCES,
  KOPIR_KYC_STEP_KNOWLEDGE,
  KOPIR_KYC_STEP_REVIEW,
} KopirKycStep;

#define KOPIR_KYC_N_STEPS 8
#define KOPIR_KYC_STEP_MASK(step) (1u << (step))
/* The steps that hold answers, i.e. all but the review. */
#define KOPIR_KYC_DATA_STEPS ((1u << KOPIR_KYC_STEP_REVIEW) - 1)

/**
 * KopirKycError:
 * @KOPIR_KYC_ERROR_REQUIRED: nothing given where something is needed
 * @KOPIR_KYC_ERROR_TOO_LONG: longer than the field allows
 * @KOPIR_KYC_ERROR_INVALID_CHARACTERS: characters the field does not take
 * @KOPIR_KYC_ERROR_INVALID_FORMAT: not written the way the field needs
 * @KOPIR_KYC_ERROR_INVALID_DATE: not a date
 * @KOPIR_KYC_ERROR_DATE_IN_FUTURE: a date that cannot be in the future is
 * @KOPIR_KYC_ERROR_UNDERAGE: younger than 18
 * @KOPIR_KYC_ERROR_EXPIRED: the document has expired
 * @KOPIR_KYC_ERROR_DATE_ORDER: dates in the wrong order
 * @KOPIR_KYC_ERROR_MISMATCH: disagrees with another answer (the IIN and
 *   the date of birth)
 * @KOPIR_KYC_ERROR_NOT_ELIGIBLE: an answer with which the pilot cannot
 *   open an account (not resident in Kazakhstan)
 */
typedef enum
{
  KOPIR_KYC_ERROR_REQUIRED,
  KOPIR_KYC_ERROR_TOO_LONG,
  KOPIR_KYC_ERROR_INVALID_CHARACTERS,
  KOPIR_KYC_ERROR_INVALID_FORMAT,
  KOPIR_KYC_ERROR_INVALID_DATE,
  KOPIR_KYC_ERROR_DATE_IN_FUTURE,
  KOPIR_KYC_ERROR_UNDERAGE,
  KOPIR_KYC_ERROR_EXPIRED,
  KOPIR_KYC_ERROR_DATE_ORDER,
  KOPIR_KYC_ERROR_MISMATCH,
  KOPIR_KYC_ERROR_NOT_ELIGIBLE,
} KopirKycError;

#define KOPIR_KYC_ERROR (kopir_kyc_error_quark ())

GQuark        kopir_kyc_error_quark               (void);

const char   *kopir_kyc_step_get_title            (KopirKycStep          step);
GStrv         kopir_kyc_step_list_fields          (KopirOnboardingDraft *draft,
                                                   KopirKycStep          step);
char         *kopir_kyc_step_describe_missing     (KopirOnboardingDraft *draft,
                                                   KopirKycStep          step,
                                                   const GDate          *today,
                                                   char                **first_key);
gboolean      kopir_kyc_step_is_complete          (KopirOnboardingDraft *draft,
                                                   KopirKycStep          step,
                                                   const GDate          *today);

gboolean      kopir_kyc_check_field               (KopirOnboardingDraft *draft,
                                                   const char           *key,
                                                   const GDate          *today,
                                                   GError              **error);
gboolean      kopir_kyc_field_is_known            (const char           *key);
KopirKycStep  kopir_kyc_field_get_step            (const char           *key);
const char   *kopir_kyc_field_get_name            (const char           *key);
guint         kopir_kyc_field_get_max_length      (const char           *key);
gboolean      kopir_kyc_field_is_optional         (const char           *key);

void          kopir_kyc_today                     (GDate                *today);
char         *kopir_kyc_clean_text                (const char           *text);
gboolean      kopir_kyc_parse_date                (const char           *text,
                                                   GDate                *date);
char         *kopir_kyc_format_date               (const GDate          *date);
char         *kopir_kyc_normalize_phone           (const char           *text);
char         *kopir_kyc_normalize_document_number (const char           *type,
                                                   const char           *text);
const char   *kopir_kyc_image_kind                (const char           *document_type,
                                                   const char           *slot);

G_END_DECLS
