/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The account application's checks: what a person may type in each field,
 * what they are told otherwise, and what the review desk's labels reopen. */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-iin.h"
#include "kopir-kyc-form.h"
#include "kopir-kyc-texts.h"

/* Every check runs against this day, not the clock. */
static GDate today;

static KopirOnboardingDraft *
complete_draft (void)
{
  KopirOnboardingDraft *draft = kopir_onboarding_draft_new (NULL);
  static const char * const values[] = {
    "consent.risk", "true",
    "consent.personal_data", "true",
    "last_name", "Нұрланова",
    "first_name", "Әйгерім",
    "patronymic", "Сейтқалиқызы",
    "latin_name", "AIGERIM NURLANOVA",
    "date_of_birth", "01.01.1999",
    "iin", "990101300122",
    "citizenship", "KZ",
    "resident", "true",
    "phone", "+7 701 234 56 78",
    "email", "aigerim@example.kz",
    "address.city", "Алматы",
    "address.street", "Абай даңғылы, 10, пәтер 5",
    "document.type", "id_card",
    "document.number", "012345678",
    "document.issue_date", "2020-05-01",
    "document.expiry_date", "01.05.2030",
    "image.front", "1280×960",
    "image.back", "1280×960",
    "image.selfie", "800×800",
    "occupation", "Мұғалім",
    "source_of_funds", "salary",
    "pep", "false",
    "tax_residency", "KZ",
    "test.result", "failed",
    NULL
  };

  for (guint i = 0; values[i] != NULL; i += 2)
    kopir_onboarding_draft_set (draft, values[i], values[i + 1]);

  return draft;
}

static void
assert_field (KopirOnboardingDraft *draft,
              const char           *key,
              const char           *value,
              GQuark                domain,
              int                   code)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  kopir_onboarding_draft_set (draft, key, value);
  ok = kopir_kyc_check_field (draft, key, &today, &error);
  g_test_message ("%s = “%s”: %s", key, value ? value : "", error ? error->message : "ok");

  if (domain == 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, domain, code);
      /* A message a person can act on, never an empty one. */
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
}

#define OK(key, value) assert_field (draft, key, value, 0, 0)
#define BAD(key, value, code) assert_field (draft, key, value, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_ ## code)

static void
test_complete (void)
{
  g_autoptr(KopirOnboardingDraft) draft = complete_draft ();

  for (KopirKycStep step = KOPIR_KYC_STEP_WELCOME; step < KOPIR_KYC_N_STEPS; step++)
    {
      g_autofree char *missing = kopir_kyc_step_describe_missing (draft, step, &today, NULL);

      g_assert_null (missing);
      g_assert_true (kopir_kyc_step_is_complete (draft, step, &today));
      g_assert_nonnull (kopir_kyc_step_get_title (step));
    }
}

static void
test_names (void)
{
  g_autoptr(KopirOnboardingDraft) draft = complete_draft ();
  g_autofree char *huge = g_strnfill (101, 'a');

  /* Every Kazakh letter, and Russian ones. */
  OK ("last_name", "ӘҒҚҢӨҰҮҺІ әғқңөұүһі");
  OK ("last_name", "Щербаков-Ёлкин");
  OK ("last_name", "O’Brien");
  OK ("first_name", "  Айгерім  ");
  /* Invisible direction marks pasted with a name are dropped. */
  OK ("first_name", "\u200fАйгерім\u202e");
  BAD ("last_name", "", REQUIRED);
  BAD ("last_name", "   ", REQUIRED);
  BAD ("last_name", "Нұрланова2", INVALID_CHARACTERS);
  BAD ("last_name", "Нұрланова 😀", INVALID_CHARACTERS);
  BAD ("last_name", "مريم", INVALID_CHARACTERS);
  BAD ("last_name", "שרה", INVALID_CHARACTERS);
  BAD ("last_name", "<script>", INVALID_CHARACTERS);
  BAD ("last_name", "--", INVALID_FORMAT);
  BAD ("last_name", huge, TOO_LONG);
  OK ("patronymic", "");
  BAD ("patronymic", "123", INVALID_CHARACTERS);
  OK ("latin_name", "AIGERIM NURLANOVA");
  BAD ("latin_name", "АЙГЕРІМ", INVALID_CHARACTERS);
  BAD ("latin_name", "", REQUIRED);
}

static void
test_dates_and_iin (void)
{
  g_autoptr(KopirOnboardingDraft) draft = complete_draft ();
  GDate date;

  g_assert_true (kopir_kyc_parse_date ("05.03.1990", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 5);
  g_assert_cmpuint (g_date_get_month (&date), ==, 3);
  g_assert_true (kopir_kyc_parse_date ("1990-03-05", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 5);
  g_assert_true (kopir_kyc_parse_date ("5/3/1990", &date));
  g_assert_true (kopir_kyc_parse_date ("05031990", &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 1990);
  g_assert_false (kopir_kyc_parse_date ("05.03.90", NULL));
  g_assert_false (kopir_kyc_parse_date ("31.02.1990", NULL));
  g_assert_false (kopir_kyc_parse_date ("1990", NULL));
  g_assert_false (kopir_kyc_parse_date ("05..1990", NULL));
  g_assert_false (kopir_kyc_parse_date ("05.03.1990.1", NULL));
  g_assert_false (kopir_kyc_parse_date ("пятое марта", NULL));

  BAD ("date_of_birth", "32.01.1999", INVALID_DATE);
  BAD ("date_of_birth", "01.01.2030", DATE_IN_FUTURE);
  BAD ("date_of_birth", "01.01.1850", INVALID_DATE);
  /* Today is 15.06.2026: eighteen on 16.06 is not yet. */
  BAD ("date_of_birth", "16.06.2008", UNDERAGE);
  OK ("date_of_birth", "15.06.2008");

  /* The IIN agrees with the date of birth, or says so. */
  OK ("date_of_birth", "01.01.1999");
  OK ("iin", "990101300122");
  OK ("iin", "9901 0130 0122");
  OK ("date_of_birth", "02.01.1999");
  BAD ("iin", "990101300122", MISMATCH);
  assert_field (draft, "iin", "990101300123", KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_WRONG_CHECK_DIGIT);
  assert_field (draft, "iin", "", KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_EMPTY);
  assert_field (draft, "iin", "99010130012", KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_TOO_SHORT);
  assert_field (draft, "iin", "99O101300122", KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_INVALID_CHARACTERS);
  /* Until the date of birth is a date, only the IIN itself is checked. */
  kopir_onboarding_draft_set (draft, "date_of_birth", "");
  OK ("iin", "990101300122");
}

static void
test_contact (void)
{
  g_autoptr(KopirOnboardingDraft) draft = complete_draft ();
  static const char * const phones[] = {
    "+7 701 234 56 78", "+77012345678", "8 (701) 234-56-78", "87012345678", "7012345678",
    "77012345678", NULL
  };

  for (guint i = 0; phones[i] != NULL; i++)
    {
      g_autofree char *normal = kopir_kyc_normalize_phone (phones[i]);

      g_assert_cmpstr (normal, ==, "+77012345678");
    }
  g_assert_null (kopir_kyc_normalize_phone ("+1 202 555 0100"));
  g_assert_null (kopir_kyc_normalize_phone ("+7 701 234 56 7"));
  g_assert_null (kopir_kyc_normalize_phone ("701-CALL-NOW"));

  BAD ("phone", "12345", INVALID_FORMAT);
  BAD ("phone", "", REQUIRED);
  OK ("email", "aigerim.n+kopir@mail.example.kz");
  BAD ("email", "aigerim", INVALID_FORMAT);
  BAD ("email", "a@b", INVALID_FORMAT);
  BAD ("email", "a b@example.kz", INVALID_FORMAT);
  BAD ("email", "a@@example.kz", INVALID_FORMAT);
  BAD ("email", "a@example..kz", INVALID_FORMAT);
  OK ("address.postal_code", "050000");
  BAD ("address.postal_code", "05000", INVALID_FORMAT);
  OK ("address.street", "ул. Абая, д. 10, кв. 5 (№ 2) — «Самал»");
  BAD ("address.street", "Абай 10 🏠", INVALID_CHARACTERS);
  BAD ("address.city", "", REQUIRED);
  OK ("address.region", "");
}

static void
test_document (void)
{
  g_autoptr(KopirOnboardingDraft) draft = complete_draft ();
  g_auto(GStrv) fields = NULL;
  g_autofree char *number = NULL;
  g_autofree char *missing = NULL;

  OK ("document.number", "012 345 678");
  BAD ("document.number", "01234567", INVALID_FORMAT);
  BAD ("document.number", "N12345678", INVALID_FORMAT);

  kopir_onboarding_draft_set (draft, "document.type", "passport");
  OK ("document.number", "N12345678");
  /* Typed with a Cyrillic layout. */
  number = kopir_kyc_normalize_document_number ("passport", "н 1234 5678");
  g_assert_cmpstr (number, ==, "N12345678");
  BAD ("document.number", "012345678", INVALID_FORMAT);

  /* A passport has no back side to photograph. */
  fields = kopir_kyc_step_list_fields (draft, KOPIR_KYC_STEP_DOCUMENT);
  g_assert_false (g_strv_contains ((const char * const *) fields, "image.back"));
  g_assert_cmpstr (kopir_kyc_image_kind ("passport", "front"), ==, "passport");
  g_assert_null (kopir_kyc_image_kind ("passport", "back"));
  g_assert_cmpstr (kopir_kyc_image_kind ("id_card", "back"), ==, "id_card_back");
  g_assert_cmpstr (kopir_kyc_image_kind ("residence_permit", "front"), ==,
                   "residence_permit_front");
  g_assert_cmpstr (kopir_kyc_image_kind (NULL, "selfie"), ==, "selfie");

  BAD ("document.issue_date", "01.01.2027", DATE_IN_FUTURE);
  BAD ("document.issue_date", "01.01.1990", DATE_ORDER);
  OK ("document.issue_date", "01.05.2020");
  BAD ("document.expiry_date", "01.05.2020", DATE_ORDER);
  /* Expired yesterday: refused, with the date. */
  BAD ("document.expiry_date", "14.06.2026", EXPIRED);
  OK ("document.expiry_date", "15.06.2026");

  kopir_onboarding_draft_set (draft, "image.front", NULL);
  kopir_onboarding_draft_set (draft, "document.number", "123");
  missing = kopir_kyc_step_describe_missing (draft, KOPIR_KYC_STEP_DOCUMENT, &today, NULL);
  g_assert_cmpstr (missing, ==, "Still needed: photo of the front. To correct: document number.");
}

static void
test_missing (void)
{
  g_autoptr(KopirOnboardingDraft) draft = kopir_onboarding_draft_new (NULL);
  g_autofree char *missing = NULL;
  g_autofree char *first = NULL;

  kopir_onboarding_draft_set (draft, "last_name", "Нұрланова");
  kopir_onboarding_draft_set (draft, "first_name", "1");
  kopir_onboarding_draft_set (draft, "resident", "true");
  kopir_onboarding_draft_set (draft, "citizenship", "KZ");
  missing = kopir_kyc_step_describe_missing (draft, KOPIR_KYC_STEP_PERSONAL, &today, &first);
  g_assert_cmpstr (missing, ==,
                   "Still needed: name in Latin letters, date of birth, IIN. "
                   "To correct: first name.");
  g_assert_cmpstr (first, ==, "first_name");

  g_clear_pointer (&missing, g_free);
  kopir_onboarding_draft_set (draft, "resident", "false");
  g_assert_false (kopir_kyc_check_field (draft, "resident", &today, NULL));

  missing = kopir_kyc_step_describe_missing (draft, KOPIR_KYC_STEP_WELCOME, &today, NULL);
  g_assert_cmpstr (missing, ==,
                   "Still needed: risk warning, consent to personal data processing.");
}

static void
test_clean_text (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "  a \t\n b  ", "a b" },
    { "\u202eevil\u202c", "evil" },
    { "zero\u200bwidth", "zerowidth" },
    { "\xff\xfe" "abc", "\xef\xbf\xbd\xef\xbf\xbd" "abc" },
    /* Decomposed Kazakh letters are composed. */
    { "\xd0\xb8\xcc\x86", "\xd0\xb9" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = kopir_kyc_clean_text (cases[i].in);

      g_assert_cmpstr (clean, ==, cases[i].out);
    }
}

static void
test_review_labels (void)
{
  g_autofree char *text = NULL;
  g_autofree char *unknown = NULL;

  g_assert_cmpuint (kopir_kyc_review_get_steps ((const char * const[]) { "EXPIRATION_DATE", NULL }),
                    ==, KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_DOCUMENT));
  g_assert_cmpuint (kopir_kyc_review_get_steps ((const char * const[]) { "BAD_SELFIE",
                                                                         "WRONG_ADDRESS", NULL }),
                    ==, KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_SELFIE) |
                        KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_CONTACT));
  /* Unknown words reopen every step with answers, never none. */
  g_assert_cmpuint (kopir_kyc_review_get_steps ((const char * const[]) { "SOMETHING_NEW", NULL }),
                    &, KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_DOCUMENT));
  g_assert_cmpuint (kopir_kyc_review_get_steps (NULL), &,
                    KOPIR_KYC_STEP_MASK (KOPIR_KYC_STEP_PERSONAL));

  text = kopir_kyc_review_describe_label ("EXPIRATION_DATE");
  g_assert_nonnull (strstr (text, "expired"));
  unknown = kopir_kyc_review_describe_label ("SOMETHING_NEW");
  g_assert_nonnull (strstr (unknown, "SOMETHING_NEW"));
}

static void
test_texts (void)
{
  guint n;
  const KopirKycCountry *countries = kopir_kyc_get_countries (&n);

  g_assert_cmpuint (n, >, 10);
  g_assert_cmpstr (countries[0].code, ==, "KZ");
  g_assert_cmpstr (kopir_kyc_country_name ("KZ"), ==, "Kazakhstan");
  g_assert_cmpstr (kopir_kyc_country_name ("XX"), ==, "XX");
  g_assert_cmpstr (kopir_kyc_question_text ("2026-1", "q3", "fallback"), ==,
                   "How much may a customer who has not passed the knowledge test buy in the "
                   "pilot per calendar month?");
  g_assert_cmpstr (kopir_kyc_option_text ("2026-1", "q3", "a", NULL), ==, "USD 1,000.");
  g_assert_cmpstr (kopir_kyc_question_text ("2027-1", "q1", "fallback"), ==, "fallback");
  g_assert_cmpstr (KOPIR_KYC_CONSENT_VERSION, ==, "2026-1");
  for (const char * const *s = kopir_kyc_get_sources_of_funds (); *s != NULL; s++)
    g_assert_cmpstr (kopir_kyc_source_of_funds_name (*s), !=, *s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The English texts are what the messages are compared with. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2026);

  g_test_add_func ("/kyc-form/complete", test_complete);
  g_test_add_func ("/kyc-form/names", test_names);
  g_test_add_func ("/kyc-form/dates-and-iin", test_dates_and_iin);
  g_test_add_func ("/kyc-form/contact", test_contact);
  g_test_add_func ("/kyc-form/document", test_document);
  g_test_add_func ("/kyc-form/missing", test_missing);
  g_test_add_func ("/kyc-form/clean-text", test_clean_text);
  g_test_add_func ("/kyc-form/review-labels", test_review_labels);
  g_test_add_func ("/kyc-form/texts", test_texts);

  return g_test_run ();
}
