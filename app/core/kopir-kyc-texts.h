/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-kyc-texts.h: what the account application says in the person's
 * language: the introduction, the risk warning and the versioned consent
 * to personal data processing; the knowledge test's questions by their
 * stable identifiers; countries, sources of funds and document types; and
 * the review desk's labels in plain words, with the steps they reopen.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Recorded with the application: which consent text the person accepted. */
#define KOPIR_KYC_CONSENT_VERSION "2026-1"

typedef struct
{
  const char *code;
  const char *name;
} KopirKycCountry;

const char          *kopir_kyc_introduction_text    (void);
const char          *kopir_kyc_pilot_text           (void);
const char          *kopir_kyc_risk_warning_text    (void);
const char          *kopir_kyc_consent_text         (void);
const char          *kopir_kyc_risk_warning_msgid   (void);
const char          *kopir_kyc_consent_msgid        (void);

const char          *kopir_kyc_question_text        (const char  *version,
                                                     const char  *question,
                                                     const char  *fallback);
const char          *kopir_kyc_option_text          (const char  *version,
                                                     const char  *question,
                                                     const char  *option,
                                                     const char  *fallback);

const KopirKycCountry *kopir_kyc_get_countries      (guint       *n_countries);
const char          *kopir_kyc_country_name         (const char  *code);
const char * const  *kopir_kyc_get_sources_of_funds (void);
const char          *kopir_kyc_source_of_funds_name (const char  *source);
const char * const  *kopir_kyc_get_document_types   (void);
const char          *kopir_kyc_document_type_name   (const char  *type);

guint                kopir_kyc_review_get_steps     (const char * const *labels);
char                *kopir_kyc_review_describe_label (const char *label);

G_END_DECLS
