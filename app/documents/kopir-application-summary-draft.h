/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-application-summary-draft.h: the account application summary of
 * the answers a customer gave, as Kopir keeps them while the application
 * is filled in and reviewed.
 */
#pragma once

#include <glib.h>

#include "kopir-application-summary-document.h"
#include "kopir-onboarding-draft.h"

G_BEGIN_DECLS

/**
 * KopirApplicationSummarySigners:
 * @exchange_name: the exchange the account is opened at
 * @application_id: (nullable): the applicant id the exchange gave
 * @consent_version: (nullable): the version of the consents the customer
 *   accepted; no consents are listed without it
 * @consent_at: (nullable): when the customer accepted them
 * @branch_id: (nullable): the branch
 * @staff_id: (nullable): the member of staff who served the customer
 * @staff_name: (nullable): their name
 * @sandbox: the exchange is Kopir's practice exchange
 *
 * What the answers do not hold: who the application went to, and who
 * served the customer.
 */
typedef struct
{
  const char *exchange_name;
  const char *application_id;
  const char *consent_version;
  GDateTime  *consent_at;
  const char *branch_id;
  const char *staff_id;
  const char *staff_name;
  gboolean    sandbox;
} KopirApplicationSummarySigners;

KopirDocument *kopir_application_summary_document_new_for_draft (const char                            *language,
                                                                 KopirOnboardingDraft                  *draft,
                                                                 const KopirApplicationSummarySigners  *signers,
                                                                 GError                               **error);

G_END_DECLS
