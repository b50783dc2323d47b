/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-kyc-texts.c: the account application's texts in the person's
 * language */

#define G_LOG_DOMAIN "kopir-kyc-texts"

#include "config.h"

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-kyc-form.h"
#include "kopir-kyc-texts.h"

const char *
kopir_kyc_introduction_text (void)
{
  return _("To open an account the exchange must know who you are, as the law asks of every "
           "financial company. It takes about ten minutes: have your identity document and "
           "your phone at hand. You will be asked for your personal details and IIN, your "
           "contact details and address, photos of your identity document, a selfie, where "
           "your money comes from, and five short questions about crypto-assets. What you "
           "enter stays on this computer until you send it, so you can stop and come back "
           "later.");
}

const char *
kopir_kyc_pilot_text (void)
{
  return _("The crypto-asset pilot lets residents of Kazakhstan buy crypto-assets at "
           "exchanges licensed in the Astana International Financial Centre (AIFC), paying "
           "in tenge from their own bank account.");
}

static const char risk_warning_msgid[] =
  N_("Crypto-assets are risky. Their prices can rise and fall sharply, even to zero, "
     "and you can lose all the money you put in. They are not bank deposits, and no "
     "deposit guarantee covers them. Unless you pass the knowledge test, the pilot lets "
     "you buy at most USD 1,000 of crypto-assets a calendar month. Invest only money "
     "you can afford to lose.");

const char *
kopir_kyc_risk_warning_text (void)
{
  return _(risk_warning_msgid);
}

/**
 * kopir_kyc_risk_warning_msgid:
 *
 * The risk warning untranslated, for a catalogue of another language
 * than the screen's: the customer's, on a screen handed to them.
 *
 * Returns: the English text, which is also its message id
 */
const char *
kopir_kyc_risk_warning_msgid (void)
{
  return risk_warning_msgid;
}

/* The version of this text is KOPIR_KYC_CONSENT_VERSION: change both
 * together, so that the record says which words were accepted. */
static const char consent_msgid[] =
  N_("I agree that the exchange, as the operator of my personal data under the Law of "
     "the Republic of Kazakhstan “On Personal Data and Their Protection” and the rules "
     "of the AIFC, collects, stores and processes the data I give in this application "
     "(my names, date of birth, IIN, citizenship, address, phone, e-mail, identity "
     "document and its photos, selfie and financial profile) to identify me, to carry "
     "out the checks the law on countering money laundering requires, to open and keep "
     "my account, and to report to the regulators. The exchange keeps the data as long "
     "as the law requires after the account is closed. I may withdraw this consent by "
     "writing to the exchange, which then closes the account. Kopir sends the data to "
     "the exchange only and keeps no copy once the application is sent.");

const char *
kopir_kyc_consent_text (void)
{
  return _(consent_msgid);
}

/**
 * kopir_kyc_consent_msgid:
 *
 * The consent untranslated, for a catalogue of the customer's language.
 *
 * Returns: the English text, which is also its message id
 */
const char *
kopir_kyc_consent_msgid (void)
{
  return consent_msgid;
}

/* The knowledge test */

typedef struct
{
  const char *question;
  const char *option;
  const char *text;
} TestText;

/* Questionnaire version 2026-1. An option of NULL is the question itself. */
static const TestText test_2026_1[] = {
  { "q1", NULL, N_("What can happen to the price of a crypto-asset?") },
  { "q1", "a", N_("It only goes up.") },
  { "q1", "b", N_("It can fall sharply, even to zero.") },
  { "q1", "c", N_("The state guarantees it.") },
  { "q2", NULL, N_("Does the deposit guarantee cover crypto-assets held at the exchange?") },
  { "q2", "a", N_("Yes, like a bank deposit.") },
  { "q2", "b", N_("No, they are not guaranteed.") },
  { "q3", NULL, N_("How much may a customer who has not passed the knowledge test buy in the "
                   "pilot per calendar month?") },
  { "q3", "a", N_("USD 1,000.") },
  { "q3", "b", N_("USD 10,000.") },
  { "q3", "c", N_("There is no limit.") },
  { "q4", NULL, N_("From whose bank account may tenge be paid into your exchange account?") },
  { "q4", "a", N_("Anyone’s.") },
  { "q4", "b", N_("Only your own.") },
  { "q4", "c", N_("A relative’s.") },
  { "q5", NULL, N_("Someone asks for your API secret or a one-time code. What do you do?") },
  { "q5", "a", N_("Give it if they say they are from the exchange.") },
  { "q5", "b", N_("Never give it to anyone.") },
};

static const char *
test_text (const char *version,
           const char *question,
           const char *option,
           const char *fallback)
{
  if (g_strcmp0 (version, "2026-1") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (test_2026_1); i++)
        if (g_strcmp0 (test_2026_1[i].question, question) == 0 &&
            g_strcmp0 (test_2026_1[i].option, option) == 0)
          return _(test_2026_1[i].text);
    }

  /* A questionnaire this version of Kopir does not know yet: the
   * exchange's own English text is better than nothing. */
  return fallback;
}

/**
 * kopir_kyc_question_text:
 * @version: the questionnaire's version
 * @question: the question's identifier
 * @fallback: (nullable): the exchange's text, used for a question Kopir
 *   has no translation of
 *
 * Returns: (nullable): the question in the person's language
 */
const char *
kopir_kyc_question_text (const char *version,
                         const char *question,
                         const char *fallback)
{
  return test_text (version, question, NULL, fallback);
}

const char *
kopir_kyc_option_text (const char *version,
                       const char *question,
                       const char *option,
                       const char *fallback)
{
  g_return_val_if_fail (option != NULL, fallback);

  return test_text (version, question, option, fallback);
}

/* Countries, sources of funds, documents */

/* The countries whose citizens most often live in Kazakhstan, and its
 * main partners for tax residency; Kazakhstan first. */
static const KopirKycCountry countries[] = {
  { "KZ", N_("Kazakhstan") },
  { "AM", N_("Armenia") },
  { "AZ", N_("Azerbaijan") },
  { "BY", N_("Belarus") },
  { "CN", N_("China") },
  { "DE", N_("Germany") },
  { "GE", N_("Georgia") },
  { "IN", N_("India") },
  { "KG", N_("Kyrgyzstan") },
  { "KR", N_("South Korea") },
  { "MD", N_("Moldova") },
  { "MN", N_("Mongolia") },
  { "RU", N_("Russia") },
  { "TJ", N_("Tajikistan") },
  { "TM", N_("Turkmenistan") },
  { "TR", N_("Türkiye") },
  { "AE", N_("United Arab Emirates") },
  { "GB", N_("United Kingdom") },
  { "US", N_("United States") },
  { "UA", N_("Ukraine") },
  { "UZ", N_("Uzbekistan") },
};

/**
 * kopir_kyc_get_countries:
 * @n_countries: (out): how many there are
 *
 * Returns: (array length=n_countries): the countries offered, with
 *   untranslated names (see kopir_kyc_country_name())
 */
const KopirKycCountry *
kopir_kyc_get_countries (guint *n_countries)
{
  *n_countries = G_N_ELEMENTS (countries);

  return countries;
}

const char *
kopir_kyc_country_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_strcmp0 (countries[i].code, code) == 0)
      return _(countries[i].name);

  return code;
}

const char * const *
kopir_kyc_get_sources_of_funds (void)
{
  static const char * const sources[] = {
    "salary", "savings", "business", "investments", "inheritance", "pension", "other", NULL
  };

  return sources;
}

const char *
kopir_kyc_source_of_funds_name (const char *source)
{
  if (g_strcmp0 (source, "salary") == 0)
    return _("Salary");
  if (g_strcmp0 (source, "savings") == 0)
    return _("Savings");
  if (g_strcmp0 (source, "business") == 0)
    return _("Business income");
  if (g_strcmp0 (source, "investments") == 0)
    return _("Investments");
  if (g_strcmp0 (source, "inheritance") == 0)
    return _("Inheritance or gift");
  if (g_strcmp0 (source, "pension") == 0)
    return _("Pension or benefits");
  if (g_strcmp0 (source, "other") == 0)
    return C_("source of funds", "Other");

  return source;
}

const char * const *
kopir_kyc_get_document_types (void)
{
  static const char * const types[] = { "id_card", "passport", "residence_permit", NULL };

  return types;
}

const char *
kopir_kyc_document_type_name (const char *type)
{
  if (g_strcmp0 (type, "id_card") == 0)
    return _("Kazakh ID card");
  if (g_strcmp0 (type, "passport") == 0)
    return _("Passport");
  if (g_strcmp0 (type, "residence_permit") == 0)
    return _("Residence permit");

  return type;
}

/* The review desk's answer */

typedef struct
{
  const char *label;
  guint       steps;
  const char *text;
} ReviewLabel;

#define STEP(s) KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_ ## s)

/* The vocabulary of the KYC providers exchanges use. A label asking for a
 * correction reopens the steps that hold what it concerns; a final one
 * reopens none. */
static const ReviewLabel review_labels[] = {
  { "EXPIRATION_DATE", STEP (DOCUMENT),
    N_("Your identity document has expired. Add a document that is still valid.") },
  { "DOCUMENT_DAMAGED", STEP (DOCUMENT),
    N_("Parts of your identity document could not be read. Take new photos of it.") },
  { "UNSATISFACTORY_PHOTOS", STEP (DOCUMENT),
    N_("The photos of your document were blurred, dark or cut off. Take new ones in good "
       "light.") },
  { "BAD_PROOF_OF_IDENTITY", STEP (DOCUMENT),
    N_("This identity document could not be accepted. Use your ID card or passport.") },
  { "ID_INVALID", STEP (DOCUMENT),
    N_("This identity document is not valid. Use another one.") },
  { "DOCUMENT_PAGE_MISSING", STEP (DOCUMENT),
    N_("A page or side of your document is missing. Add photos of both sides.") },
  { "INCOMPLETE_DOCUMENT", STEP (DOCUMENT),
    N_("A page or side of your document is missing. Add photos of both sides.") },
  { "FRONT_SIDE_MISSING", STEP (DOCUMENT),
    N_("The front of your document is missing. Add a photo of it.") },
  { "BACK_SIDE_MISSING", STEP (DOCUMENT),
    N_("The back of your document is missing. Add a photo of it.") },
  { "SCREENSHOTS", STEP (DOCUMENT),
    N_("The document photos must be colour photos of the original, not screenshots, scans "
       "or edited pictures.") },
  { "GRAPHIC_EDITOR", STEP (DOCUMENT),
    N_("The document photos must be colour photos of the original, not screenshots, scans "
       "or edited pictures.") },
  { "BLACK_AND_WHITE", STEP (DOCUMENT),
    N_("The document photos must be colour photos of the original, not screenshots, scans "
       "or edited pictures.") },
  { "DIGITAL_DOCUMENT", STEP (DOCUMENT),
    N_("The document photos must be colour photos of the original, not screenshots, scans "
       "or edited pictures.") },
  { "BAD_SELFIE", STEP (SELFIE),
    N_("The selfie could not be accepted. Take a new photo of your face, not of a "
       "document.") },
  { "BAD_FACE_MATCHING", STEP (SELFIE),
    N_("The face in the selfie could not be matched with the photo in your document. Take "
       "a new selfie in good light.") },
  { "SELFIE_MISMATCH", STEP (SELFIE),
    N_("The face in the selfie could not be matched with the photo in your document. Take "
       "a new selfie in good light.") },
  { "PROBLEMATIC_APPLICANT_DATA", STEP (PERSONAL),
    N_("Some of your personal details do not match your identity document. Check them.") },
  { "REQUESTED_DATA_MISMATCH", STEP (PERSONAL),
    N_("Some of your personal details do not match your identity document. Check them.") },
  { "INCONSISTENT_PROFILE", STEP (PERSONAL),
    N_("Some of your personal details do not match your identity document. Check them.") },
  { "BAD_PROOF_OF_ADDRESS", STEP (CONTACT),
    N_("Your address could not be confirmed. Check it.") },
  { "WRONG_ADDRESS", STEP (CONTACT),
    N_("Your address could not be confirmed. Check it.") },

  { "SANCTIONS", 0,
    N_("After its checks, the exchange cannot open an account for you. The law does not let "
       "it say more about these checks.") },
  { "COMPROMISED_PERSONS", 0,
    N_("After its checks, the exchange cannot open an account for you. The law does not let "
       "it say more about these checks.") },
  { "CRIMINAL", 0,
    N_("After its checks, the exchange cannot open an account for you. The law does not let "
       "it say more about these checks.") },
  { "ADVERSE_MEDIA", 0,
    N_("After its checks, the exchange cannot open an account for you. The law does not let "
       "it say more about these checks.") },
  { "BLOCKLIST", 0,
    N_("After its checks, the exchange cannot open an account for you. The law does not let "
       "it say more about these checks.") },
  { "FRAUDULENT_PATTERNS", 0,
    N_("After its checks, the exchange cannot open an account for you. The law does not let "
       "it say more about these checks.") },
  { "FORGERY", 0,
    N_("The exchange could not accept the documents sent with this application.") },
  { "REGULATIONS_VIOLATIONS", 0,
    N_("After its checks, the exchange cannot open an account for you. The law does not let "
       "it say more about these checks.") },
  { "DUPLICATE", 0,
    N_("The exchange already has an account for this IIN. If it is yours, use it; one "
       "person may have one account.") },
  { "WRONG_USER_REGION", 0,
    N_("The pilot is open to residents of Kazakhstan only.") },
  { "AGE_REQUIREMENT_MISMATCH", 0,
    N_("Accounts are opened for people aged 18 or older only.") },
};

#undef STEP

static const ReviewLabel *
lookup_label (const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (review_labels); i++)
    if (g_strcmp0 (review_labels[i].label, label) == 0)
      return &review_labels[i];

  return NULL;
}

/**
 * kopir_kyc_review_get_steps:
 * @labels: (nullable) (array zero-terminated=1): the review's labels
 *
 * Returns: the steps (a mask of KOPIR_KYC_STEP_MASK()) that an answer
 *   asking for corrections reopens; all steps with answers when a label
 *   is unknown or none is given, so nothing that needs correcting is
 *   closed off
 */
guint
kopir_kyc_review_get_steps (const char * const *labels)
{
  guint steps = 0;

  if (labels == NULL || labels[0] == NULL)
    return KOPIR_KYC_DATA_STEPS & ~KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_WELCOME);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      const ReviewLabel *known = lookup_label (labels[i]);

      if (known == NULL || known->steps == 0)
        return KOPIR_KYC_DATA_STEPS & ~KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_WELCOME);
      steps |= known->steps;
    }

  return steps;
}

/**
 * kopir_kyc_review_describe_label:
 * @label: a review label, such as "EXPIRATION_DATE"
 *
 * Returns: (transfer full): what it means, in plain words in the person's
 *   language
 */
char *
kopir_kyc_review_describe_label (const char *label)
{
  const ReviewLabel *known = lookup_label (label);

  if (known != NULL)
    return g_strdup (_(known->text));

  /* Translators: %s is a code of the exchange's review desk, such as
   * "ADDITIONAL_DOCUMENT_REQUIRED". */
  return g_strdup_printf (_("The reviewer noted “%s”. Check your answers and photos."),
                          label != NULL ? label : "");
}
