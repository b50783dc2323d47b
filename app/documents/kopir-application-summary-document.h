/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-application-summary-document.h: the account application printed
 * for signature at a branch.
 *
 * It repeats what the customer told the exchange (personal data, identity
 * document, financial profile), the knowledge test's result and what it
 * means for the pilot limit, and the consents accepted with their version
 * and time, then leaves room for the customer's and the member of staff's
 * signatures.  The fields follow the onboarding contract
 * (data/kopir-api.yaml, PersonalData).
 */
#pragma once

#include <glib.h>

#include "kopir-document.h"

G_BEGIN_DECLS

/**
 * KopirIdentityDocumentType:
 * @KOPIR_IDENTITY_DOCUMENT_ID_CARD: a Kazakh identity card
 * @KOPIR_IDENTITY_DOCUMENT_PASSPORT: a passport
 * @KOPIR_IDENTITY_DOCUMENT_RESIDENCE_PERMIT: a residence permit
 */
typedef enum
{
  KOPIR_IDENTITY_DOCUMENT_ID_CARD,
  KOPIR_IDENTITY_DOCUMENT_PASSPORT,
  KOPIR_IDENTITY_DOCUMENT_RESIDENCE_PERMIT,
} KopirIdentityDocumentType;

/**
 * KopirSourceOfFunds:
 *
 * Where the money the customer invests comes from, as the contract's
 * `source_of_funds`.
 */
typedef enum
{
  KOPIR_SOURCE_OF_FUNDS_SALARY,
  KOPIR_SOURCE_OF_FUNDS_SAVINGS,
  KOPIR_SOURCE_OF_FUNDS_BUSINESS,
  KOPIR_SOURCE_OF_FUNDS_INVESTMENTS,
  KOPIR_SOURCE_OF_FUNDS_INHERITANCE,
  KOPIR_SOURCE_OF_FUNDS_PENSION,
  KOPIR_SOURCE_OF_FUNDS_OTHER,
} KopirSourceOfFunds;

/**
 * KopirConsentKind:
 * @KOPIR_CONSENT_TERMS: the exchange's terms of service
 * @KOPIR_CONSENT_RISK_WARNINGS: the risk warnings on digital assets
 * @KOPIR_CONSENT_PERSONAL_DATA: consent to the processing of personal data
 * @KOPIR_CONSENT_OTHER: another consent, named by its title
 */
typedef enum
{
  KOPIR_CONSENT_TERMS,
  KOPIR_CONSENT_RISK_WARNINGS,
  KOPIR_CONSENT_PERSONAL_DATA,
  KOPIR_CONSENT_OTHER,
} KopirConsentKind;

/**
 * KopirConsent:
 * @kind: which consent
 * @title: (nullable): its title, for %KOPIR_CONSENT_OTHER (in the
 *   customer's language)
 * @version: the version of the text accepted
 * @accepted_at: when the customer accepted it
 */
typedef struct
{
  KopirConsentKind  kind;
  const char       *title;
  const char       *version;
  GDateTime        *accepted_at;
} KopirConsent;

/**
 * KopirApplicationSummary:
 * @exchange_name: the exchange the account is opened at
 * @application_id: (nullable): the applicant id the exchange gave
 * @last_name: surname as in the identity document (Cyrillic, Kazakh or
 *   Latin letters)
 * @first_name: first name
 * @patronymic: (nullable): patronymic
 * @latin_name: (nullable): the name in Latin letters, as in the passport
 * @date_of_birth: date of birth
 * @iin: the IIN; printed masked
 * @citizenship: ISO 3166-1 alpha-2 code ("KZ")
 * @resident: resident in Kazakhstan
 * @address_country: ISO 3166-1 alpha-2 code
 * @address_region: (nullable): region
 * @address_city: city or settlement
 * @address_street: street, house and flat
 * @address_postal_code: (nullable): six-digit postal code
 * @phone: phone number, as entered (+7 ...)
 * @email: e-mail address
 * @document_type: the identity document
 * @document_number: its number
 * @document_issue_date: when it was issued
 * @document_expiry_date: until when it is valid
 * @document_issuer: (nullable): who issued it ("МВД РК")
 * @occupation: occupation, as entered
 * @source_of_funds: where the money comes from
 * @pep: a politically exposed person, or a relative or associate of one
 * @tax_residency: (array zero-terminated=1): ISO codes of the countries
 *   of tax residency
 * @knowledge_test_taken: whether the knowledge test was answered
 * @knowledge_test_passed: whether it was passed
 * @knowledge_test_score: right answers
 * @knowledge_test_max_score: questions
 * @knowledge_test_pass_score: right answers needed to pass
 * @knowledge_test_version: (nullable): the questionnaire's version
 * @consents: (array length=n_consents): the consents accepted
 * @n_consents: how many
 * @branch_id: (nullable): the branch
 * @staff_id: (nullable): the member of staff who served the customer
 * @staff_name: (nullable): their name
 * @issued: (nullable): the date of issue, now if %NULL
 * @sandbox: the exchange is Kopir's sandbox: mark every page
 *
 * What the application summary shows.  Strings are copied.
 */
typedef struct
{
  const char                *exchange_name;
  const char                *application_id;

  const char                *last_name;
  const char                *first_name;
  const char                *patronymic;
  const char                *latin_name;
  GDate                      date_of_birth;
  const char                *iin;
  const char                *citizenship;
  gboolean                   resident;
  const char                *address_country;
  const char                *address_region;
  const char                *address_city;
  const char                *address_street;
  const char                *address_postal_code;
  const char                *phone;
  const char                *email;

  KopirIdentityDocumentType  document_type;
  const char                *document_number;
  GDate                      document_issue_date;
  GDate                      document_expiry_date;
  const char                *document_issuer;

  const char                *occupation;
  KopirSourceOfFunds         source_of_funds;
  gboolean                   pep;
  const char * const        *tax_residency;

  gboolean                   knowledge_test_taken;
  gboolean                   knowledge_test_passed;
  guint                      knowledge_test_score;
  guint                      knowledge_test_max_score;
  guint                      knowledge_test_pass_score;
  const char                *knowledge_test_version;

  const KopirConsent        *consents;
  guint                      n_consents;

  const char                *branch_id;
  const char                *staff_id;
  const char                *staff_name;
  GDateTime                 *issued;
  gboolean                   sandbox;
} KopirApplicationSummary;

KopirDocument *kopir_application_summary_document_new (const char                     *language,
                                                       const KopirApplicationSummary  *data,
                                                       GError                        **error);

G_END_DECLS
