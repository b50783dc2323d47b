/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-document"

#include "config.h"

#include <glib.h>
#include <glib/gi18n.h>

#include "kopir-application-summary-document.h"
#include "kopir-document-format.h"
#include "kopir-iin.h"
#include "kopir-money-format.h"
#include "kopir-pilot-limit.h"

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Joins the non-blank @parts with ", ". */
static char *
join_parts (const char * const *parts,
            guint               n_parts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *part = NULL;

      if (is_blank (parts[i]))
        continue;
      part = g_strstrip (g_strdup (parts[i]));
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, part);
    }
  return g_string_free (out, FALSE);
}

static const char *
document_type_name (KopirCatalog              *catalog,
                    KopirIdentityDocumentType  type)
{
  switch (type)
    {
    case KOPIR_IDENTITY_DOCUMENT_ID_CARD:
      return kopir_catalog_gettext (catalog, "Identity card of the Republic of Kazakhstan");
    case KOPIR_IDENTITY_DOCUMENT_PASSPORT:
      return kopir_catalog_gettext (catalog, "Passport");
    case KOPIR_IDENTITY_DOCUMENT_RESIDENCE_PERMIT:
      return kopir_catalog_gettext (catalog, "Residence permit");
    default:
      return "—";
    }
}

static const char *
source_of_funds_name (KopirCatalog       *catalog,
                      KopirSourceOfFunds  source)
{
  switch (source)
    {
    case KOPIR_SOURCE_OF_FUNDS_SALARY:
      return kopir_catalog_pgettext (catalog, "source of funds", "Salary");
    case KOPIR_SOURCE_OF_FUNDS_SAVINGS:
      return kopir_catalog_pgettext (catalog, "source of funds", "Savings");
    case KOPIR_SOURCE_OF_FUNDS_BUSINESS:
      return kopir_catalog_pgettext (catalog, "source of funds", "Business income");
    case KOPIR_SOURCE_OF_FUNDS_INVESTMENTS:
      return kopir_catalog_pgettext (catalog, "source of funds", "Investment income");
    case KOPIR_SOURCE_OF_FUNDS_INHERITANCE:
      return kopir_catalog_pgettext (catalog, "source of funds", "Inheritance");
    case KOPIR_SOURCE_OF_FUNDS_PENSION:
      return kopir_catalog_pgettext (catalog, "source of funds", "Pension");
    case KOPIR_SOURCE_OF_FUNDS_OTHER:
    default:
      return kopir_catalog_pgettext (catalog, "source of funds", "Other");
    }
}

static const char *
consent_name (KopirCatalog       *catalog,
              const KopirConsent *consent)
{
  switch (consent->kind)
    {
    case KOPIR_CONSENT_TERMS:
      return kopir_catalog_gettext (catalog, "Terms of service");
    case KOPIR_CONSENT_RISK_WARNINGS:
      return kopir_catalog_gettext (catalog, "Warnings about the risks of digital assets");
    case KOPIR_CONSENT_PERSONAL_DATA:
      return kopir_catalog_gettext (catalog, "Consent to the collection and processing of personal "
                                             "data");
    case KOPIR_CONSENT_OTHER:
    default:
      return !is_blank (consent->title) ? consent->title : "—";
    }
}

static void
add_knowledge_test (KopirDocument                 *doc,
                    KopirCatalog                  *catalog,
                    const KopirApplicationSummary *data)
{
  const char *language = kopir_document_get_language (doc);
  KopirDecimal limit = KOPIR_DECIMAL_INIT (KOPIR_PILOT_MONTHLY_LIMIT_USD_CENTS, 2);
  g_autofree char *limit_text = NULL;
  const char *result;
  const char *note;

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Knowledge test"));
  limit_text = kopir_money_format (&limit, "USD", language, KOPIR_MONEY_FORMAT_DEFAULT);

  if (!data->knowledge_test_taken)
    result = kopir_catalog_pgettext (catalog, "knowledge test", "Not taken");
  else if (data->knowledge_test_passed)
    result = kopir_catalog_pgettext (catalog, "knowledge test", "Passed");
  else
    result = kopir_catalog_pgettext (catalog, "knowledge test", "Not passed");
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Result"), result,
                          KOPIR_DOCUMENT_ROW_EMPHASIS);

  if (data->knowledge_test_taken)
    {
      g_autofree char *score = NULL;
      g_autofree char *pass = NULL;

      /* Translators: the knowledge test's score: %1$u right answers out
       * of %2$u questions; the plural form follows %1$u. */
      score = g_strdup_printf (kopir_catalog_ngettext (catalog, "%1$u correct answer out of %2$u",
                                                       "%1$u correct answers out of %2$u",
                                                       data->knowledge_test_score),
                               data->knowledge_test_score, data->knowledge_test_max_score);
      if (data->knowledge_test_pass_score > 0)
        pass = g_strdup_printf (kopir_catalog_ngettext (catalog,
                                                        "%u correct answer is needed to pass",
                                                        "%u correct answers are needed to pass",
                                                        data->knowledge_test_pass_score),
                                data->knowledge_test_pass_score);
      kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Score"), score, pass,
                                   KOPIR_DOCUMENT_ROW_DEFAULT);
      if (!is_blank (data->knowledge_test_version))
        kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Questionnaire version"),
                                data->knowledge_test_version, KOPIR_DOCUMENT_ROW_DEFAULT);
    }

  if (data->knowledge_test_taken && data->knowledge_test_passed)
    {
      note = kopir_catalog_gettext (catalog, "With the test passed, the pilot's monthly limit on "
                                             "purchases does not apply.");
      kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog,
                                                               "Monthly limit on purchases"),
                                   kopir_catalog_gettext (catalog, "Does not apply"), note,
                                   KOPIR_DOCUMENT_ROW_DEFAULT);
    }
  else
    {
      note = kopir_catalog_gettext (catalog, "Purchases across all AIFC exchanges are limited to "
                                             "this amount each calendar month until the test is "
                                             "passed.");
      kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog,
                                                               "Monthly limit on purchases"),
                                   limit_text, note, KOPIR_DOCUMENT_ROW_DEFAULT);
    }
}

/**
 * kopir_application_summary_document_new:
 * @language: the customer's language: "en", "kk" or "ru"
 * @data: what to show
 * @error: a #KOPIR_DOCUMENT_ERROR, in the language of the screen
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL if @data
 *   lacks the customer's name, date of birth or IIN
 */
KopirDocument *
kopir_application_summary_document_new (const char                     *language,
                                        const KopirApplicationSummary  *data,
                                        GError                        **error)
{
  g_autoptr(KopirDocument) doc = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *full_name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *masked_iin = NULL;
  g_autofree char *address = NULL;
  g_autofree char *issue_date = NULL;
  g_autofree char *expiry_date = NULL;
  g_autoptr(GString) tax = NULL;
  KopirCatalog *catalog;
  const char *text;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (data->last_name) || is_blank (data->first_name))
    {
      g_set_error_literal (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA,
                           _("The customer's name is missing. Fill in the personal data first."));
      return NULL;
    }
  if (!g_date_valid (&data->date_of_birth) || is_blank (data->iin))
    {
      g_set_error_literal (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA,
                           _("The date of birth or the IIN is missing. Fill in the personal data "
                             "first."));
      return NULL;
    }
  if (data->n_consents > 0 && data->consents == NULL)
    {
      g_set_error_literal (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA,
                           _("The consents could not be read. Review the consents with the "
                             "customer again."));
      return NULL;
    }

  language = kopir_money_language_from_locale (language);
  doc = kopir_document_new (language);
  catalog = kopir_document_get_catalog (doc);

  {
    const char *parts[] = { data->last_name, data->first_name, data->patronymic };
    GString *name = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (!is_blank (parts[i]))
        {
          g_autofree char *part = g_strstrip (g_strdup (parts[i]));

          if (name->len > 0)
            g_string_append_c (name, ' ');
          g_string_append (name, part);
        }
    full_name = g_string_free (name, FALSE);
  }
  {
    const char *parts[] = {
      kopir_document_country_name (catalog, data->address_country),
      data->address_postal_code,
      data->address_region,
      data->address_city,
      data->address_street,
    };

    address = join_parts (parts, G_N_ELEMENTS (parts));
  }
  tax = g_string_new (NULL);
  for (guint i = 0; data->tax_residency != NULL && data->tax_residency[i] != NULL; i++)
    {
      if (tax->len > 0)
        g_string_append (tax, ", ");
      g_string_append (tax, kopir_document_country_name (catalog, data->tax_residency[i]));
    }

  birth = kopir_document_format_gdate (catalog, &data->date_of_birth);
  masked_iin = kopir_iin_mask (data->iin);
  issue_date = kopir_document_format_gdate (catalog, &data->document_issue_date);
  expiry_date = kopir_document_format_gdate (catalog, &data->document_expiry_date);

  if (data->issued == NULL)
    now = g_date_time_new_now_utc ();

  kopir_document_set_title (doc, kopir_catalog_gettext (catalog, "Application to open an account"));
  /* Translators: the subtitle of the account application; %s is the
   * exchange's name. */
  subtitle = g_strdup_printf (kopir_catalog_gettext (catalog, "Summary for signature: a digital "
                                                              "asset account at %s"),
                              !is_blank (data->exchange_name) ? data->exchange_name : "—");
  kopir_document_set_subtitle (doc, subtitle);
  kopir_document_set_issuer (doc, !is_blank (data->exchange_name) ? data->exchange_name : "Kopir");
  kopir_document_set_issued (doc, data->issued != NULL ? data->issued : now);
  kopir_document_set_sandbox (doc, data->sandbox);
  if (!is_blank (data->application_id))
    /* Translators: the small print at the foot of the account
     * application; %1$s is Kopir's version, %2$s the application's id. */
    footer = g_strdup_printf (kopir_catalog_gettext (catalog, "Printed by Kopir %1$s for "
                                                              "signature. Application %2$s."),
                              PACKAGE_VERSION, data->application_id);
  else
    footer = g_strdup_printf (kopir_catalog_gettext (catalog, "Printed by Kopir %s for signature."),
                              PACKAGE_VERSION);
  kopir_document_set_footer (doc, footer);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Personal data"));
  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Full name"), full_name,
                               kopir_catalog_gettext (catalog, "As in the identity document"),
                               KOPIR_DOCUMENT_ROW_EMPHASIS);
  if (!is_blank (data->latin_name))
    kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Name in Latin letters"),
                            data->latin_name, KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Date of birth"), birth,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "IIN"), masked_iin,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Citizenship"),
                          kopir_document_country_name (catalog, data->citizenship),
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Resident of Kazakhstan"),
                          kopir_document_yes_no (catalog, data->resident),
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Address"), address,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Phone"), data->phone,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "E-mail"), data->email,
                          KOPIR_DOCUMENT_ROW_DEFAULT);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Identity document"));
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Document"),
                          document_type_name (catalog, data->document_type),
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Number"), data->document_number,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Date of issue"), issue_date,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Valid until"), expiry_date,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  if (!is_blank (data->document_issuer))
    kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Issued by"),
                            data->document_issuer, KOPIR_DOCUMENT_ROW_DEFAULT);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Financial profile"));
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Occupation"), data->occupation,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Source of funds"),
                          source_of_funds_name (catalog, data->source_of_funds),
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  text = kopir_catalog_gettext (catalog, "Holds or has held a prominent public position, or is a "
                                         "family member or close associate of such a person");
  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Politically exposed person"),
                               kopir_document_yes_no (catalog, data->pep), text,
                               KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Tax residency"), tax->str,
                          KOPIR_DOCUMENT_ROW_DEFAULT);

  add_knowledge_test (doc, catalog, data);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Consents"));
  if (data->n_consents == 0)
    kopir_document_add_paragraph (doc, kopir_catalog_gettext (catalog, "No consents have been "
                                                                       "accepted yet."));
  for (guint i = 0; i < data->n_consents; i++)
    {
      const KopirConsent *consent = &data->consents[i];
      g_autofree char *when = NULL;
      g_autofree char *accepted = NULL;

      if (consent->accepted_at != NULL)
        {
          when = kopir_document_format_date_time (catalog, consent->accepted_at);
          /* Translators: a consent on the account application: %1$s is
           * the version of its text, %2$s when it was accepted. */
          accepted = g_strdup_printf (kopir_catalog_gettext (catalog,
                                                             "Version %1$s, accepted on %2$s"),
                                      !is_blank (consent->version) ? consent->version : "—", when);
        }
      else
        accepted = g_strdup (kopir_catalog_pgettext (catalog, "consent", "Not accepted"));
      kopir_document_add_row (doc, consent_name (catalog, consent), accepted,
                              KOPIR_DOCUMENT_ROW_DEFAULT);
    }

  if (!is_blank (data->branch_id) || !is_blank (data->staff_id))
    {
      kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Served at a branch"));
      if (!is_blank (data->branch_id))
        kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Branch"), data->branch_id,
                                KOPIR_DOCUMENT_ROW_DEFAULT);
      if (!is_blank (data->staff_id))
        kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Staff ID"), data->staff_id,
                                KOPIR_DOCUMENT_ROW_DEFAULT);
      if (!is_blank (data->staff_name))
        kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Bank staff member"),
                                data->staff_name, KOPIR_DOCUMENT_ROW_DEFAULT);
    }

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Declaration and signatures"));
  text = kopir_catalog_gettext (catalog, "I confirm that the information in this application is "
                                         "complete and true, that I open the account for myself "
                                         "and not on anyone else's behalf, and that I will tell "
                                         "the exchange when any of it changes. I understand that "
                                         "the price of digital assets can fall sharply and that I "
                                         "can lose all the money I invest.");
  kopir_document_add_paragraph (doc, text);
  kopir_document_add_signature (doc, kopir_catalog_gettext (catalog, "Customer"), full_name);
  kopir_document_add_signature (doc, kopir_catalog_gettext (catalog, "Bank staff member"),
                                data->staff_name);

  return g_steal_pointer (&doc);
}
