/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-kyc-form.c: the account application form and its checks */

#define G_LOG_DOMAIN "kopir-kyc-form"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-iin.h"
#include "kopir-kyc-form.h"

G_DEFINE_QUARK (kopir-kyc-error-quark, kopir_kyc_error)

typedef enum
{
  KIND_CONSENT,
  KIND_NAME,
  KIND_LATIN_NAME,
  KIND_TEXT,
  KIND_DATE_OF_BIRTH,
  KIND_IIN,
  KIND_COUNTRY,
  KIND_RESIDENT,
  KIND_PHONE,
  KIND_EMAIL,
  KIND_POSTAL_CODE,
  KIND_DOCUMENT_TYPE,
  KIND_DOCUMENT_NUMBER,
  KIND_ISSUE_DATE,
  KIND_EXPIRY_DATE,
  KIND_IMAGE,
  KIND_SOURCE_OF_FUNDS,
  KIND_BOOLEAN,
  KIND_TEST,
} FieldKind;

typedef struct
{
  const char   *key;
  KopirKycStep  step;
  FieldKind     kind;
  guint         max_length;
  gboolean      optional;
  const char   *name;
  const char   *required;
} Field;

/* In the order a person meets them. Lengths are those of the contract. */
static const Field fields[] = {
  { "consent.risk", KOPIR_KYC_STEP_WELCOME, KIND_CONSENT, 0, FALSE,
    N_("risk warning"), N_("Accept the risk warning to continue.") },
  { "consent.personal_data", KOPIR_KYC_STEP_WELCOME, KIND_CONSENT, 0, FALSE,
    N_("consent to personal data processing"),
    N_("Agree to the processing of your personal data to continue.") },

  { "last_name", KOPIR_KYC_STEP_PERSONAL, KIND_NAME, 100, FALSE,
    N_("last name"), N_("Enter your last name as in your identity document.") },
  { "first_name", KOPIR_KYC_STEP_PERSONAL, KIND_NAME, 100, FALSE,
    N_("first name"), N_("Enter your first name as in your identity document.") },
  { "patronymic", KOPIR_KYC_STEP_PERSONAL, KIND_NAME, 100, TRUE,
    N_("patronymic"), NULL },
  { "latin_name", KOPIR_KYC_STEP_PERSONAL, KIND_LATIN_NAME, 200, FALSE,
    N_("name in Latin letters"),
    N_("Enter your name in Latin letters as in your ID card or passport.") },
  { "date_of_birth", KOPIR_KYC_STEP_PERSONAL, KIND_DATE_OF_BIRTH, 20, FALSE,
    N_("date of birth"), N_("Enter your date of birth.") },
  { "iin", KOPIR_KYC_STEP_PERSONAL, KIND_IIN, 20, FALSE,
    N_("IIN"), NULL },
  { "citizenship", KOPIR_KYC_STEP_PERSONAL, KIND_COUNTRY, 2, FALSE,
    N_("citizenship"), N_("Choose your citizenship.") },
  { "resident", KOPIR_KYC_STEP_PERSONAL, KIND_RESIDENT, 0, FALSE,
    N_("residency"), N_("Say whether you live in Kazakhstan.") },

  { "phone", KOPIR_KYC_STEP_CONTACT, KIND_PHONE, 24, FALSE,
    N_("mobile phone"), N_("Enter your mobile phone number.") },
  { "email", KOPIR_KYC_STEP_CONTACT, KIND_EMAIL, 254, FALSE,
    N_("e-mail address"), N_("Enter your e-mail address.") },
  { "address.region", KOPIR_KYC_STEP_CONTACT, KIND_TEXT, 100, TRUE,
    N_("region"), NULL },
  { "address.city", KOPIR_KYC_STEP_CONTACT, KIND_TEXT, 100, FALSE,
    N_("city or village"), N_("Enter your city, town or village.") },
  { "address.street", KOPIR_KYC_STEP_CONTACT, KIND_TEXT, 200, FALSE,
    N_("street, house and flat"), N_("Enter your street, house and flat number.") },
  { "address.postal_code", KOPIR_KYC_STEP_CONTACT, KIND_POSTAL_CODE, 10, TRUE,
    N_("postal code"), NULL },

  { "document.type", KOPIR_KYC_STEP_DOCUMENT, KIND_DOCUMENT_TYPE, 0, FALSE,
    N_("document type"), N_("Choose the type of document.") },
  { "document.number", KOPIR_KYC_STEP_DOCUMENT, KIND_DOCUMENT_NUMBER, 20, FALSE,
    N_("document number"), N_("Enter the document number.") },
  { "document.issue_date", KOPIR_KYC_STEP_DOCUMENT, KIND_ISSUE_DATE, 20, FALSE,
    N_("date of issue"), N_("Enter the date the document was issued.") },
  { "document.expiry_date", KOPIR_KYC_STEP_DOCUMENT, KIND_EXPIRY_DATE, 20, FALSE,
    N_("expiry date"), N_("Enter the date the document expires.") },
  { "document.issuer", KOPIR_KYC_STEP_DOCUMENT, KIND_TEXT, 100, TRUE,
    N_("issued by"), NULL },
  { "image.front", KOPIR_KYC_STEP_DOCUMENT, KIND_IMAGE, 0, FALSE,
    N_("photo of the front"), NULL },
  { "image.back", KOPIR_KYC_STEP_DOCUMENT, KIND_IMAGE, 0, FALSE,
    N_("photo of the back"), NULL },

  { "image.selfie", KOPIR_KYC_STEP_SELFIE, KIND_IMAGE, 0, FALSE,
    N_("selfie"), N_("Add a selfie: a clear photo of your face.") },

  { "occupation", KOPIR_KYC_STEP_FINANCES, KIND_TEXT, 100, FALSE,
    N_("occupation"), N_("Enter your occupation, for example teacher, engineer or student.") },
  { "source_of_funds", KOPIR_KYC_STEP_FINANCES, KIND_SOURCE_OF_FUNDS, 0, FALSE,
    N_("source of funds"), N_("Choose where the money you will invest comes from.") },
  { "pep", KOPIR_KYC_STEP_FINANCES, KIND_BOOLEAN, 0, FALSE,
    N_("PEP declaration"), N_("Say whether you are a politically exposed person.") },
  { "tax_residency", KOPIR_KYC_STEP_FINANCES, KIND_COUNTRY, 2, FALSE,
    N_("tax residency"), N_("Choose the country where you pay taxes.") },
  { "tax_residency.second", KOPIR_KYC_STEP_FINANCES, KIND_COUNTRY, 2, TRUE,
    N_("second tax residency"), NULL },

  { "test.result", KOPIR_KYC_STEP_KNOWLEDGE, KIND_TEST, 0, FALSE,
    N_("knowledge test"), N_("Answer every question, then check your answers.") },
};

static const char * const sources_of_funds[] = {
  "salary", "savings", "business", "investments", "inheritance", "pension", "other", NULL
};

static const Field *
lookup_field (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].key, key) == 0)
      return &fields[i];

  return NULL;
}

/**
 * kopir_kyc_step_get_title:
 * @step: a step
 *
 * Returns: the step's translated title, for the list of steps
 */
const char *
kopir_kyc_step_get_title (KopirKycStep step)
{
  switch (step)
    {
    case KOPIR_KYC_STEP_WELCOME:
      return _("Welcome");
    case KOPIR_KYC_STEP_PERSONAL:
      return _("Personal Details");
    case KOPIR_KYC_STEP_CONTACT:
      return _("Contact and Address");
    case KOPIR_KYC_STEP_DOCUMENT:
      return _("Identity Document");
    case KOPIR_KYC_STEP_SELFIE:
      return _("Selfie");
    case KOPIR_KYC_STEP_FINANCES:
      return _("Financial Profile");
    case KOPIR_KYC_STEP_KNOWLEDGE:
      return _("Knowledge Test");
    case KOPIR_KYC_STEP_REVIEW:
      return _("Review and Send");
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
document_type (KopirOnboardingDraft *draft)
{
  const char *type = kopir_onboarding_draft_get (draft, "document.type");

  return type != NULL ? type : "id_card";
}

/**
 * kopir_kyc_step_list_fields:
 * @draft: the answers so far, which decide some fields (a passport has no
 *   back side)
 * @step: a step
 *
 * Returns: (transfer full): the keys of the step's fields, in order
 */
GStrv
kopir_kyc_step_list_fields (KopirOnboardingDraft *draft,
                            KopirKycStep          step)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean passport;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (draft), NULL);

  passport = g_str_equal (document_type (draft), "passport");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i].step != step)
        continue;
      if (passport && g_str_equal (fields[i].key, "image.back"))
        continue;
      g_strv_builder_add (builder, fields[i].key);
    }

  return g_strv_builder_end (builder);
}

gboolean
kopir_kyc_field_is_known (const char *key)
{
  return lookup_field (key) != NULL;
}

KopirKycStep
kopir_kyc_field_get_step (const char *key)
{
  const Field *field = lookup_field (key);

  g_return_val_if_fail (field != NULL, KOPIR_KYC_STEP_REVIEW);

  return field->step;
}

/**
 * kopir_kyc_field_get_name:
 * @key: a field
 *
 * Returns: the field's translated name, in lower case, for lists such as
 *   "Still needed: IIN, e-mail address"
 */
const char *
kopir_kyc_field_get_name (const char *key)
{
  const Field *field = lookup_field (key);

  g_return_val_if_fail (field != NULL, NULL);

  return _(field->name);
}

/**
 * kopir_kyc_field_get_max_length:
 * @key: a field
 *
 * Returns: the most characters the field takes, or 0 for fields that are
 *   not typed
 */
guint
kopir_kyc_field_get_max_length (const char *key)
{
  const Field *field = lookup_field (key);

  return field != NULL ? field->max_length : 0;
}

gboolean
kopir_kyc_field_is_optional (const char *key)
{
  const Field *field = lookup_field (key);

  return field != NULL && field->optional;
}

/**
 * kopir_kyc_today:
 * @today: (out caller-allocates): where to put today's date
 *
 * Sets @today to the local date, the day against which dates are checked.
 */
void
kopir_kyc_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

static gboolean
is_invisible (gunichar c)
{
  /* Direction marks and overrides, zero-width characters and the byte
   * order mark: pasted along with text, never part of it. */
  return g_unichar_type (c) == G_UNICODE_FORMAT || c == 0xFEFF;
}

/**
 * kopir_kyc_clean_text:
 * @text: (nullable): what was typed or pasted
 *
 * Makes @text valid UTF-8 in composed form, drops control and invisible
 * formatting characters (direction overrides among them), turns runs of
 * white space into one space and trims the ends.
 *
 * Returns: (transfer full): the cleaned text, perhaps empty
 */
char *
kopir_kyc_clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *composed = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  composed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  out = g_string_sized_new (strlen (composed));

  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_invisible (c))
        continue;
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * kopir_kyc_parse_date:
 * @text: (nullable): a date as people write it: DD.MM.YYYY (also with /,
 *   - or spaces, or as eight digits), or YYYY-MM-DD
 * @date: (out caller-allocates) (optional): the date
 *
 * Returns: %TRUE if @text is a valid date with a four-digit year
 */
gboolean
kopir_kyc_parse_date (const char *text,
                      GDate      *date)
{
  g_autofree char *clean = kopir_kyc_clean_text (text);
  guint parts[3] = { 0, 0, 0 };
  guint lengths[3] = { 0, 0, 0 };
  guint n = 0;
  guint day, month, year;

  if (*clean == '\0' || strlen (clean) > 20)
    return FALSE;

  /* Eight digits in a row: DDMMYYYY. */
  if (strlen (clean) == 8 && strspn (clean, "0123456789") == 8)
    {
      parts[0] = (clean[0] - '0') * 10 + (clean[1] - '0');
      parts[1] = (clean[2] - '0') * 10 + (clean[3] - '0');
      parts[2] = (guint) g_ascii_strtoull (clean + 4, NULL, 10);
      lengths[0] = lengths[1] = 2;
      lengths[2] = 4;
      n = 3;
    }
  else
    {
      for (const char *p = clean; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            {
              if (n == 3 || lengths[n] >= 4)
                return FALSE;
              parts[n] = parts[n] * 10 + (*p - '0');
              lengths[n]++;
            }
          else if (strchr ("./- ", *p) != NULL)
            {
              if (n >= 3 || lengths[n] == 0)
                return FALSE;
              n++;
            }
          else
            return FALSE;
        }
      if (n < 3 && lengths[n] > 0)
        n++;
    }

  if (n != 3)
    return FALSE;

  if (lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2)
    {
      year = parts[0];
      month = parts[1];
      day = parts[2];
    }
  else if (lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] == 4)
    {
      day = parts[0];
      month = parts[1];
      year = parts[2];
    }
  else
    return FALSE;

  if (year < 1000 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  if (date != NULL)
    {
      g_date_clear (date, 1);
      g_date_set_dmy (date, day, month, year);
    }

  return TRUE;
}

/**
 * kopir_kyc_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): @date as the contract writes it, YYYY-MM-DD
 */
char *
kopir_kyc_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* DD.MM.YYYY, the way dates are written in Kazakhstan in every language. */
static char *
format_date_for_people (const GDate *date)
{
  return g_strdup_printf ("%02u.%02u.%04u", g_date_get_day (date),
                          g_date_get_month (date), g_date_get_year (date));
}

/**
 * kopir_kyc_normalize_phone:
 * @text: (nullable): a phone number as typed: +7 701 234 56 78,
 *   8 (701) 234-56-78, 7012345678
 *
 * Returns: (transfer full) (nullable): the number as +7 and ten digits,
 *   or %NULL if @text is not a Kazakh phone number
 */
char *
kopir_kyc_normalize_phone (const char *text)
{
  g_autofree char *clean = kopir_kyc_clean_text (text);
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (strchr (" -().", *p) == NULL)
        return NULL;
    }

  if (plus)
    {
      if (digits->len != 11 || digits->str[0] != '7')
        return NULL;
      return g_strconcat ("+", digits->str, NULL);
    }

  if (digits->len == 11 && (digits->str[0] == '8' || digits->str[0] == '7'))
    return g_strconcat ("+7", digits->str + 1, NULL);

  if (digits->len == 10 && digits->str[0] == '7')
    return g_strconcat ("+7", digits->str, NULL);

  return NULL;
}

/**
 * kopir_kyc_normalize_document_number:
 * @type: "id_card", "passport" or "residence_permit"
 * @text: (nullable): the number as typed
 *
 * An ID card or residence permit number is nine digits; a passport number
 * the letter N and eight digits (a Cyrillic Н, typed with the Russian or
 * Kazakh keyboard layout, is taken for it).
 *
 * Returns: (transfer full) (nullable): the number without spaces, or %NULL
 */
char *
kopir_kyc_normalize_document_number (const char *type,
                                     const char *text)
{
  g_autofree char *clean = kopir_kyc_clean_text (text);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = clean;

  if (g_strcmp0 (type, "passport") == 0)
    {
      gunichar first = g_utf8_get_char (p);

      if (first != 'N' && first != 'n' && first != 0x041D && first != 0x043D)
        return NULL;
      g_string_append_c (out, 'N');
      p = g_utf8_next_char (p);
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
      else if (*p != ' ')
        return NULL;
    }

  /* Both are nine characters long: N and eight digits, or nine digits. */
  if (out->len != 9)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * kopir_kyc_image_kind:
 * @document_type: (nullable): "id_card", "passport" or "residence_permit"
 * @slot: "front", "back" or "selfie"
 *
 * Returns: (nullable): the contract's document kind for the image, or
 *   %NULL when the document has no such side
 */
const char *
kopir_kyc_image_kind (const char *document_type,
                      const char *slot)
{
  if (g_strcmp0 (slot, "selfie") == 0)
    return "selfie";

  if (g_strcmp0 (document_type, "passport") == 0)
    return g_strcmp0 (slot, "front") == 0 ? "passport" : NULL;

  if (g_strcmp0 (document_type, "residence_permit") == 0)
    {
      if (g_strcmp0 (slot, "front") == 0)
        return "residence_permit_front";
      if (g_strcmp0 (slot, "back") == 0)
        return "residence_permit_back";
      return NULL;
    }

  if (g_strcmp0 (slot, "front") == 0)
    return "id_card_front";
  if (g_strcmp0 (slot, "back") == 0)
    return "id_card_back";

  return NULL;
}

/* Checks */

static gboolean
fail (GError     **error,
      KopirKycError code,
      const char  *message)
{
  g_set_error_literal (error, KOPIR_KYC_ERROR, code, message);
  return FALSE;
}

static gboolean
check_length (const Field  *field,
              const char   *clean,
              GError      **error)
{
  glong length = g_utf8_strlen (clean, -1);

  if (field->max_length > 0 && length > (glong) field->max_length)
    {
      g_set_error (error, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This is too long: at most %u character, please.",
                                "This is too long: at most %u characters, please.",
                                field->max_length),
                   field->max_length);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gboolean letters;
  gboolean digits;
  gboolean cyrillic;
  gboolean other_script;
  gboolean symbols;
} Characters;

static void
scan_characters (const char *clean,
                 const char *punctuation,
                 Characters *found)
{
  memset (found, 0, sizeof *found);

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (c == ' ')
        continue;
      if (g_unichar_isdigit (c))
        {
          found->digits = TRUE;
          continue;
        }
      if (g_unichar_isalpha (c) || type == G_UNICODE_NON_SPACING_MARK ||
          type == G_UNICODE_SPACING_MARK)
        {
          GUnicodeScript script = g_unichar_get_script (c);

          if (script == G_UNICODE_SCRIPT_CYRILLIC)
            found->cyrillic = TRUE;
          else if (script != G_UNICODE_SCRIPT_LATIN && script != G_UNICODE_SCRIPT_COMMON &&
                   script != G_UNICODE_SCRIPT_INHERITED)
            found->other_script = TRUE;
          if (g_unichar_isalpha (c))
            found->letters = TRUE;
          continue;
        }
      if (c < 0x80 ? strchr (punctuation, (char) c) != NULL
                   : g_utf8_strchr (punctuation, -1, c) != NULL)
        continue;
      found->symbols = TRUE;
    }
}

static gboolean
check_name (const Field  *field,
            const char   *clean,
            GError      **error)
{
  Characters found;

  if (!check_length (field, clean, error))
    return FALSE;

  scan_characters (clean, "-'\xe2\x80\x99\xca\xbc", &found);

  if (field->kind == KIND_LATIN_NAME && (found.cyrillic || found.other_script))
    return fail (error, KOPIR_KYC_ERROR_INVALID_CHARACTERS,
                 _("Write your name in Latin letters, as in your ID card or passport "
                   "(for example AIGERIM NURLANOVA)."));
  if (found.other_script)
    return fail (error, KOPIR_KYC_ERROR_INVALID_CHARACTERS,
                 _("Write the name in Cyrillic or Latin letters, as in your identity document."));
  if (found.digits)
    return fail (error, KOPIR_KYC_ERROR_INVALID_CHARACTERS, _("A name has no digits."));
  if (found.symbols)
    return fail (error, KOPIR_KYC_ERROR_INVALID_CHARACTERS,
                 _("Remove the symbols and emoji: a name has only letters, spaces, "
                   "hyphens and apostrophes."));
  if (!found.letters)
    return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT, _("A name needs letters."));

  return TRUE;
}

static gboolean
check_text (const Field  *field,
            const char   *clean,
            GError      **error)
{
  Characters found;

  if (!check_length (field, clean, error))
    return FALSE;

  scan_characters (clean, "-'\".,/#()!?:;&+\xe2\x80\x99\xca\xbc\xe2\x84\x96\xc2\xab\xc2\xbb"
                   "\xe2\x80\x94\xe2\x80\x93", &found);

  if (found.other_script)
    return fail (error, KOPIR_KYC_ERROR_INVALID_CHARACTERS,
                 _("Write this in Cyrillic or Latin letters."));
  if (found.symbols)
    return fail (error, KOPIR_KYC_ERROR_INVALID_CHARACTERS,
                 _("Remove the emoji and unusual symbols."));
  if (!found.letters && !found.digits)
    return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT, _("This needs letters or digits."));

  return TRUE;
}

static gboolean
parse_date_field (const char  *clean,
                  GDate       *date,
                  GError     **error)
{
  if (!kopir_kyc_parse_date (clean, date))
    return fail (error, KOPIR_KYC_ERROR_INVALID_DATE,
                 _("Write the date as DD.MM.YYYY, for example 05.03.1990."));

  return TRUE;
}

static gboolean
check_birth_date (const char   *clean,
                  const GDate  *today,
                  GError      **error)
{
  GDate date, adult;

  if (!parse_date_field (clean, &date, error))
    return FALSE;
  if (g_date_compare (&date, today) > 0)
    return fail (error, KOPIR_KYC_ERROR_DATE_IN_FUTURE,
                 _("The date of birth cannot be in the future."));
  if (g_date_get_year (&date) < 1900)
    return fail (error, KOPIR_KYC_ERROR_INVALID_DATE, _("Check the year of birth."));

  adult = date;
  g_date_add_years (&adult, 18);
  if (g_date_compare (&adult, today) > 0)
    return fail (error, KOPIR_KYC_ERROR_UNDERAGE,
                 _("You must be 18 or older to open an account."));

  return TRUE;
}

static gboolean
check_iin (KopirOnboardingDraft  *draft,
           const char            *clean,
           const GDate           *today,
           GError               **error)
{
  const char *birth = kopir_onboarding_draft_get (draft, "date_of_birth");
  GDate date;

  if (!kopir_iin_validate (clean, NULL, error))
    return FALSE;

  /* Checked against the date of birth only once that is a date: until
   * then its own field says what is wrong with it. */
  if (kopir_kyc_parse_date (birth, &date) && !kopir_iin_check_birth_date (clean, &date, NULL))
    return fail (error, KOPIR_KYC_ERROR_MISMATCH,
                 _("The IIN does not match the date of birth: its first six digits are the "
                   "date of birth as YYMMDD. Check both."));

  return TRUE;
}

static gboolean
check_email (const char  *clean,
             GError     **error)
{
  const char *at = strchr (clean, '@');
  const char *domain;

  if (strlen (clean) > 254)
    return fail (error, KOPIR_KYC_ERROR_TOO_LONG, _("This e-mail address is too long."));

  domain = at != NULL ? at + 1 : NULL;
  if (at == NULL || at == clean || strchr (domain, '@') != NULL ||
      strchr (domain, '.') == NULL || *domain == '.' || g_str_has_suffix (domain, ".") ||
      strstr (domain, "..") != NULL || strpbrk (clean, " <>,;\"()[]\\") != NULL)
    return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT,
                 _("This is not an e-mail address. It looks like name@example.kz."));

  return TRUE;
}

static gboolean
check_document_dates (KopirOnboardingDraft  *draft,
                      const Field           *field,
                      const char            *clean,
                      const GDate           *today,
                      GError               **error)
{
  GDate date, other;

  if (!parse_date_field (clean, &date, error))
    return FALSE;

  if (field->kind == KIND_ISSUE_DATE)
    {
      if (g_date_compare (&date, today) > 0)
        return fail (error, KOPIR_KYC_ERROR_DATE_IN_FUTURE,
                     _("The date of issue cannot be in the future."));
      if (kopir_kyc_parse_date (kopir_onboarding_draft_get (draft, "date_of_birth"), &other) &&
          g_date_compare (&date, &other) < 0)
        return fail (error, KOPIR_KYC_ERROR_DATE_ORDER,
                     _("The date of issue is before your date of birth. Check it."));
      return TRUE;
    }

  if (kopir_kyc_parse_date (kopir_onboarding_draft_get (draft, "document.issue_date"), &other) &&
      g_date_compare (&date, &other) <= 0)
    return fail (error, KOPIR_KYC_ERROR_DATE_ORDER,
                 _("The expiry date must be after the date of issue."));

  if (g_date_compare (&date, today) < 0)
    {
      g_autofree char *when = format_date_for_people (&date);

      g_set_error (error, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_EXPIRED,
                   _("This document expired on %s. Use a document that is still valid."), when);
      return FALSE;
    }

  return TRUE;
}

static const char *
image_required_message (KopirOnboardingDraft *draft,
                        const char           *key)
{
  const char *type = document_type (draft);

  if (g_str_equal (key, "image.selfie"))
    return _("Add a selfie: a clear photo of your face.");

  if (g_str_equal (type, "passport"))
    return _("Add a photo of your passport’s photo page.");

  if (g_str_equal (type, "residence_permit"))
    return g_str_equal (key, "image.front")
      ? _("Add a photo of the front of your residence permit.")
      : _("Add a photo of the back of your residence permit.");

  return g_str_equal (key, "image.front")
    ? _("Add a photo of the front of your ID card.")
    : _("Add a photo of the back of your ID card.");
}

/**
 * kopir_kyc_check_field:
 * @draft: the answers
 * @key: the field to check
 * @today: (nullable): the day to check dates against; %NULL for today
 * @error: return location for a #GError in %KOPIR_KYC_ERROR, whose
 *   message says what to do
 *
 * Checks one answer, and how it agrees with the others (the IIN with the
 * date of birth, the expiry date with the date of issue).
 *
 * Returns: %TRUE if the answer can be sent
 */
gboolean
kopir_kyc_check_field (KopirOnboardingDraft  *draft,
                       const char            *key,
                       const GDate           *today,
                       GError               **error)
{
  const Field *field = lookup_field (key);
  g_autofree char *clean = NULL;
  g_autofree char *normal = NULL;
  GDate local_today;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (draft), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (today == NULL)
    {
      kopir_kyc_today (&local_today);
      today = &local_today;
    }

  clean = kopir_kyc_clean_text (kopir_onboarding_draft_get (draft, key));

  if (*clean == '\0')
    {
      if (field->optional)
        return TRUE;
      if (field->kind == KIND_IIN)
        return kopir_iin_validate (clean, NULL, error);
      if (field->kind == KIND_IMAGE)
        return fail (error, KOPIR_KYC_ERROR_REQUIRED, image_required_message (draft, key));
      return fail (error, KOPIR_KYC_ERROR_REQUIRED, _(field->required));
    }

  switch (field->kind)
    {
    case KIND_CONSENT:
      if (!g_str_equal (clean, "true"))
        return fail (error, KOPIR_KYC_ERROR_REQUIRED, _(field->required));
      return TRUE;

    case KIND_NAME:
    case KIND_LATIN_NAME:
      return check_name (field, clean, error);

    case KIND_TEXT:
      return check_text (field, clean, error);

    case KIND_DATE_OF_BIRTH:
      return check_birth_date (clean, today, error);

    case KIND_IIN:
      return check_iin (draft, clean, today, error);

    case KIND_COUNTRY:
      if (strlen (clean) != 2 || !g_ascii_isupper (clean[0]) || !g_ascii_isupper (clean[1]))
        return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT, _("Choose a country from the list."));
      return TRUE;

    case KIND_RESIDENT:
      if (!g_str_equal (clean, "true"))
        return fail (error, KOPIR_KYC_ERROR_NOT_ELIGIBLE,
                     _("The pilot is open to residents of Kazakhstan only, so the exchange "
                       "cannot open an account for you."));
      return TRUE;

    case KIND_PHONE:
      normal = kopir_kyc_normalize_phone (clean);
      if (normal == NULL)
        return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT,
                     _("Enter the number as +7 and 10 digits, for example +7 701 234 56 78."));
      return TRUE;

    case KIND_EMAIL:
      return check_email (clean, error);

    case KIND_POSTAL_CODE:
      if (strlen (clean) != 6 || strspn (clean, "0123456789") != 6)
        return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT,
                     _("A postal code has 6 digits, for example 050000."));
      return TRUE;

    case KIND_DOCUMENT_TYPE:
      if (!g_strv_contains ((const char * const[]) { "id_card", "passport", "residence_permit",
                                                      NULL }, clean))
        return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT, _(field->required));
      return TRUE;

    case KIND_DOCUMENT_NUMBER:
      normal = kopir_kyc_normalize_document_number (document_type (draft), clean);
      if (normal != NULL)
        return TRUE;
      if (g_str_equal (document_type (draft), "passport"))
        return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT,
                     _("A passport number is the letter N and 8 digits, for example N12345678."));
      if (g_str_equal (document_type (draft), "residence_permit"))
        return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT,
                     _("A residence permit number has 9 digits."));
      return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT, _("An ID card number has 9 digits."));

    case KIND_ISSUE_DATE:
    case KIND_EXPIRY_DATE:
      return check_document_dates (draft, field, clean, today, error);

    case KIND_IMAGE:
      return TRUE;

    case KIND_SOURCE_OF_FUNDS:
      if (!g_strv_contains (sources_of_funds, clean))
        return fail (error, KOPIR_KYC_ERROR_INVALID_FORMAT, _(field->required));
      return TRUE;

    case KIND_BOOLEAN:
      if (!g_str_equal (clean, "true") && !g_str_equal (clean, "false"))
        return fail (error, KOPIR_KYC_ERROR_REQUIRED, _(field->required));
      return TRUE;

    case KIND_TEST:
      if (!g_str_equal (clean, "passed") && !g_str_equal (clean, "failed"))
        return fail (error, KOPIR_KYC_ERROR_REQUIRED, _(field->required));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * kopir_kyc_step_describe_missing:
 * @draft: the answers
 * @step: a step
 * @today: (nullable): the day to check dates against; %NULL for today
 * @first_key: (out) (optional) (transfer full): the first field that is
 *   missing or wrong, where the focus should go
 *
 * Returns: (transfer full) (nullable): what keeps the person from going
 *   on, as "Still needed: IIN. Check: e-mail address.", or %NULL when
 *   the step is complete
 */
char *
kopir_kyc_step_describe_missing (KopirOnboardingDraft  *draft,
                                 KopirKycStep           step,
                                 const GDate           *today,
                                 char                 **first_key)
{
  g_auto(GStrv) keys = kopir_kyc_step_list_fields (draft, step);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) wrong = g_ptr_array_new ();
  g_autoptr(GString) out = NULL;

  if (first_key != NULL)
    *first_key = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (kopir_kyc_check_field (draft, keys[i], today, &error))
        continue;

      if (first_key != NULL && *first_key == NULL)
        *first_key = g_strdup (keys[i]);

      if (g_error_matches (error, KOPIR_KYC_ERROR, KOPIR_KYC_ERROR_REQUIRED) ||
          g_error_matches (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_EMPTY))
        g_ptr_array_add (missing, (gpointer) kopir_kyc_field_get_name (keys[i]));
      else
        g_ptr_array_add (wrong, (gpointer) kopir_kyc_field_get_name (keys[i]));
    }

  if (missing->len == 0 && wrong->len == 0)
    return NULL;

  out = g_string_new (NULL);
  if (missing->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (missing, NULL);
      /* Translators: the separator between the names of fields in a list. */
      list = g_strjoinv (_(", "), (char **) missing->pdata);
      /* Translators: %s is a list of fields, such as "IIN, e-mail address". */
      g_string_append_printf (out, _("Still needed: %s."), list);
    }
  if (wrong->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (wrong, NULL);
      list = g_strjoinv (_(", "), (char **) wrong->pdata);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      /* Translators: %s is a list of fields whose answers are not right yet. */
      g_string_append_printf (out, _("To correct: %s."), list);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
kopir_kyc_step_is_complete (KopirOnboardingDraft *draft,
                            KopirKycStep          step,
                            const GDate          *today)
{
  g_autofree char *missing = kopir_kyc_step_describe_missing (draft, step, today, NULL);

  return missing == NULL;
}
