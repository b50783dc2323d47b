/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-application-summary-draft.c: the application summary of a draft
 *
 * The draft keeps answers as they were typed; the summary prints them as
 * the exchange received them: dates read the way the form reads them,
 * the document type and the source of funds as the contract's codes.
 */

#define G_LOG_DOMAIN "kopir-documents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-application-summary-draft.h"
#include "kopir-kyc-form.h"

static const char *
answer (KopirOnboardingDraft *draft,
        const char           *key)
{
  const char *value = kopir_onboarding_draft_get (draft, key);

  return value != NULL && *value != '\0' ? value : NULL;
}

static void
read_date (KopirOnboardingDraft *draft,
           const char           *key,
           GDate                *date)
{
  g_date_clear (date, 1);
  if (!kopir_kyc_parse_date (kopir_onboarding_draft_get (draft, key), date))
    g_date_clear (date, 1);
}

static KopirIdentityDocumentType
document_type (const char *code)
{
  if (g_strcmp0 (code, "passport") == 0)
    return KOPIR_IDENTITY_DOCUMENT_PASSPORT;
  if (g_strcmp0 (code, "residence_permit") == 0)
    return KOPIR_IDENTITY_DOCUMENT_RESIDENCE_PERMIT;
  return KOPIR_IDENTITY_DOCUMENT_ID_CARD;
}

static KopirSourceOfFunds
source_of_funds (const char *code)
{
  static const struct { const char *code; KopirSourceOfFunds source; } sources[] = {
    { "salary", KOPIR_SOURCE_OF_FUNDS_SALARY },
    { "savings", KOPIR_SOURCE_OF_FUNDS_SAVINGS },
    { "business", KOPIR_SOURCE_OF_FUNDS_BUSINESS },
    { "investments", KOPIR_SOURCE_OF_FUNDS_INVESTMENTS },
    { "inheritance", KOPIR_SOURCE_OF_FUNDS_INHERITANCE },
    { "pension", KOPIR_SOURCE_OF_FUNDS_PENSION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_strcmp0 (code, sources[i].code) == 0)
      return sources[i].source;

  return KOPIR_SOURCE_OF_FUNDS_OTHER;
}

/**
 * kopir_application_summary_document_new_for_draft:
 * @language: "kk", "ru" or "en": the customer's language
 * @draft: the customer's answers
 * @signers: who the application went to and who served the customer
 * @error: return location for a #GError
 *
 * Lays out the application summary of @draft for signature.
 *
 * Returns: (transfer full): the document, or %NULL with @error in
 *   %KOPIR_DOCUMENT_ERROR if an answer the summary needs is missing
 */
KopirDocument *
kopir_application_summary_document_new_for_draft (const char                            *language,
                                                  KopirOnboardingDraft                  *draft,
                                                  const KopirApplicationSummarySigners  *signers,
                                                  GError                               **error)
{
  KopirApplicationSummary data = { 0 };
  KopirConsent consents[3];
  const char *tax[3] = { NULL, NULL, NULL };
  const char *test;
  guint n_tax = 0;

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (draft), NULL);
  g_return_val_if_fail (signers != NULL, NULL);

  data.exchange_name = signers->exchange_name;
  data.application_id = signers->application_id;

  data.last_name = answer (draft, "last_name");
  data.first_name = answer (draft, "first_name");
  data.patronymic = answer (draft, "patronymic");
  data.latin_name = answer (draft, "latin_name");
  read_date (draft, "date_of_birth", &data.date_of_birth);
  data.iin = answer (draft, "iin");
  data.citizenship = answer (draft, "citizenship");
  data.resident = kopir_onboarding_draft_get_boolean (draft, "resident");
  /* The pilot is for residents: the address is in Kazakhstan. */
  data.address_country = "KZ";
  data.address_region = answer (draft, "address.region");
  data.address_city = answer (draft, "address.city");
  data.address_street = answer (draft, "address.street");
  data.address_postal_code = answer (draft, "address.postal_code");
  data.phone = answer (draft, "phone");
  data.email = answer (draft, "email");

  data.document_type = document_type (answer (draft, "document.type"));
  data.document_number = answer (draft, "document.number");
  read_date (draft, "document.issue_date", &data.document_issue_date);
  read_date (draft, "document.expiry_date", &data.document_expiry_date);
  data.document_issuer = answer (draft, "document.issuer");

  data.occupation = answer (draft, "occupation");
  data.source_of_funds = source_of_funds (answer (draft, "source_of_funds"));
  data.pep = kopir_onboarding_draft_get_boolean (draft, "pep");
  if (answer (draft, "tax_residency") != NULL)
    tax[n_tax++] = answer (draft, "tax_residency");
  if (answer (draft, "tax_residency.second") != NULL &&
      g_strcmp0 (answer (draft, "tax_residency.second"), tax[0]) != 0)
    tax[n_tax++] = answer (draft, "tax_residency.second");
  data.tax_residency = tax;

  /* The exchange keeps the score; Kopir knows whether it was passed. */
  test = answer (draft, "test.result");
  data.knowledge_test_taken = test != NULL;
  data.knowledge_test_passed = g_strcmp0 (test, "passed") == 0;

  if (signers->consent_version != NULL && signers->consent_at != NULL)
    {
      const KopirConsentKind kinds[] = {
        KOPIR_CONSENT_TERMS, KOPIR_CONSENT_RISK_WARNINGS, KOPIR_CONSENT_PERSONAL_DATA,
      };

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          consents[i].kind = kinds[i];
          consents[i].title = NULL;
          consents[i].version = signers->consent_version;
          consents[i].accepted_at = signers->consent_at;
        }
      data.consents = consents;
      data.n_consents = G_N_ELEMENTS (kinds);
    }

  data.branch_id = signers->branch_id;
  data.staff_id = signers->staff_id;
  data.staff_name = signers->staff_name;
  data.sandbox = signers->sandbox;

  return kopir_application_summary_document_new (language, &data, error);
}
