/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-document"

#include "config.h"

#include <glib.h>
#include <glib/gi18n.h>

#include "kopir-deposit-instructions-document.h"
#include "kopir-document-format.h"
#include "kopir-iban.h"
#include "kopir-iin.h"
#include "kopir-money-format.h"
#include "kopir-payment-details.h"

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

static void
add_limit (KopirDocument         *doc,
           KopirCatalog          *catalog,
           const KopirPilotLimit *limit)
{
  const char *language = kopir_document_get_language (doc);
  g_autoptr(GDateTime) renews = NULL;
  g_autofree char *renews_text = NULL;
  g_autofree char *monthly = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *value = NULL;
  g_autofree char *note = NULL;

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Pilot limit this month"));

  if (!limit->limited)
    {
      const char *why = kopir_catalog_gettext (catalog, "You passed the exchange's knowledge test, "
                                                        "so the pilot's monthly limit on purchases "
                                                        "does not apply to you.");

      kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Monthly limit"),
                                   kopir_catalog_gettext (catalog, "Does not apply"), why,
                                   KOPIR_DOCUMENT_ROW_DEFAULT);
      return;
    }

  monthly = kopir_money_format (&limit->limit_usd, "USD", language, KOPIR_MONEY_FORMAT_DEFAULT);
  remaining = kopir_money_format (&limit->remaining_usd, "USD", language,
                                  KOPIR_MONEY_FORMAT_DEFAULT);
  /* Translators: the pilot limit left this month: %1$s is what is left,
   * %2$s the monthly limit, e.g. "$640.00 of $1,000.00". */
  value = g_strdup_printf (kopir_catalog_gettext (catalog, "%1$s of %2$s"), remaining, monthly);

  renews = g_date_time_new_from_unix_utc (limit->period_end_us / G_USEC_PER_SEC);
  renews_text = renews != NULL ? kopir_document_format_date (catalog, renews) : g_strdup ("—");
  if (kopir_decimal_is_positive (&limit->remaining_kzt))
    {
      g_autofree char *kzt = kopir_money_format (&limit->remaining_kzt, "KZT", language,
                                                 KOPIR_MONEY_FORMAT_DEFAULT);

      /* Translators: under the pilot limit left this month: %1$s is that
       * amount in tenge, %2$s the date the limit renews. */
      note = g_strdup_printf (kopir_catalog_gettext (catalog, "About %1$s at today's rate. The "
                                                              "limit renews on %2$s."),
                              kzt, renews_text);
    }
  else
    /* Translators: %s is the date the pilot limit renews. */
    note = g_strdup_printf (kopir_catalog_gettext (catalog, "The limit renews on %s."),
                            renews_text);

  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Left to buy this month"),
                               value, note, KOPIR_DOCUMENT_ROW_EMPHASIS);
}

/**
 * kopir_deposit_instructions_document_new:
 * @language: the customer's language: "en", "kk" or "ru"
 * @data: what to show
 * @directory: the bank directory, for the beneficiary's bank and BIC
 * @error: a #KOPIR_DOCUMENT_ERROR, #KOPIR_PAYMENT_ERROR or
 *   #KOPIR_IBAN_ERROR, in the language of the screen
 *
 * Returns: (transfer full) (nullable): the document, or %NULL if the
 *   payment details are not valid
 */
KopirDocument *
kopir_deposit_instructions_document_new (const char                      *language,
                                         const KopirDepositInstructions  *data,
                                         KopirBankDirectory              *directory,
                                         GError                         **error)
{
  g_autoptr(KopirDocument) doc = NULL;
  g_autoptr(KopirPaymentDetails) details = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *iban = NULL;
  g_autofree char *masked_iin = NULL;
  g_autofree char *purpose_note = NULL;
  g_autofree char *own_account = NULL;
  g_autofree char *footer = NULL;
  KopirCatalog *catalog;
  const char *knp;
  const char *text;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (directory), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (data->customer_name))
    {
      g_set_error_literal (error, KOPIR_DOCUMENT_ERROR, KOPIR_DOCUMENT_ERROR_INVALID_DATA,
                           _("The customer's name is missing. Open the account page and try "
                             "again."));
      return NULL;
    }

  knp = data->knp != NULL ? data->knp : KOPIR_PAYMENT_KNP_DIGITAL_ASSETS;
  language = kopir_money_language_from_locale (language);
  details = kopir_payment_details_new (data->exchange_name, data->exchange_bin, data->exchange_iban,
                                       directory, data->customer_id, knp, data->customer_resident,
                                       language, error);
  if (details == NULL)
    return NULL;

  doc = kopir_document_new (language);
  catalog = kopir_document_get_catalog (doc);
  iban = kopir_iban_format (details->iban);
  masked_iin = kopir_iin_mask (data->customer_iin);

  if (data->issued == NULL)
    now = g_date_time_new_now_utc ();

  kopir_document_set_title (doc, kopir_catalog_gettext (catalog, "Instructions for adding tenge"));
  /* Translators: the subtitle of the deposit instructions; %s is the
   * exchange's name. */
  subtitle = g_strdup_printf (kopir_catalog_gettext (catalog, "How to send tenge from your bank "
                                                              "account to your account at %s"),
                              details->beneficiary_name);
  kopir_document_set_subtitle (doc, subtitle);
  kopir_document_set_issuer (doc, details->beneficiary_name);
  kopir_document_set_issued (doc, data->issued != NULL ? data->issued : now);
  kopir_document_set_sandbox (doc, data->sandbox);
  /* Translators: the small print at the foot of the deposit
   * instructions; %s is Kopir's version. */
  footer = g_strdup_printf (kopir_catalog_gettext (catalog, "Printed by Kopir %s. Check every "
                                                            "detail in your bank's app before you "
                                                            "confirm the payment."),
                            PACKAGE_VERSION);
  kopir_document_set_footer (doc, footer);

  text = kopir_catalog_gettext (catalog, "Make a transfer in tenge in your bank's app or at a "
                                         "branch with exactly the details below. The payment "
                                         "purpose must include your customer ID: that is how the "
                                         "exchange finds your money.");
  kopir_document_add_paragraph (doc, text);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Sender"));
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Customer"), data->customer_name,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "IIN"), masked_iin,
                          KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Customer ID"), details->customer_id,
                          KOPIR_DOCUMENT_ROW_COPYABLE);

  kopir_document_add_section (doc, kopir_catalog_gettext (catalog, "Payment details"));
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Beneficiary"),
                          details->beneficiary_name, KOPIR_DOCUMENT_ROW_COPYABLE);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Beneficiary's BIN"),
                          details->beneficiary_bin, KOPIR_DOCUMENT_ROW_COPYABLE);
  text = kopir_catalog_gettext (catalog, "A tenge (KZT) account, 20 characters; the spaces only "
                                         "make it easier to read");
  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Beneficiary's IBAN"), iban,
                               text, KOPIR_DOCUMENT_ROW_COPYABLE);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "Beneficiary's bank"),
                          details->bank_name, KOPIR_DOCUMENT_ROW_DEFAULT);
  kopir_document_add_row (doc, kopir_catalog_gettext (catalog, "BIC"), details->bic,
                          KOPIR_DOCUMENT_ROW_COPYABLE);
  text = kopir_catalog_gettext (catalog, "Resident legal entity, other non-financial organisation");
  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Beneficiary code (KBe)"),
                               details->kbe, text, KOPIR_DOCUMENT_ROW_COPYABLE);
  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Payment purpose code (KNP)"),
                               details->knp, kopir_payment_describe_knp (details->knp, language),
                               KOPIR_DOCUMENT_ROW_COPYABLE);
  text = data->customer_resident ? kopir_catalog_gettext (catalog, "Resident individual")
                                 : kopir_catalog_gettext (catalog, "Non-resident individual");
  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Sender code (KOd)"),
                               details->kod, text, KOPIR_DOCUMENT_ROW_COPYABLE);
  /* Translators: under the payment purpose text; %s is the customer's
   * 7-digit id. */
  purpose_note = g_strdup_printf (kopir_catalog_gettext (catalog, "Copy it exactly, with your "
                                                                  "customer ID %s"),
                                  details->customer_id);
  kopir_document_add_row_full (doc, kopir_catalog_gettext (catalog, "Payment purpose"),
                               details->purpose, purpose_note, KOPIR_DOCUMENT_ROW_COPYABLE);

  /* Translators: %1$s is the customer's name, %2$s their masked IIN. */
  own_account = g_strdup_printf (kopir_catalog_gettext (catalog, "The bank account you pay from "
                                                                 "must be in your own name: %1$s, "
                                                                 "IIN %2$s. The exchange returns "
                                                                 "money sent from anyone else's "
                                                                 "account to the sender."),
                                 data->customer_name, masked_iin);
  kopir_document_add_notice (doc, KOPIR_DOCUMENT_NOTICE_WARNING,
                             kopir_catalog_gettext (catalog, "Pay only from your own account"),
                             own_account);

  if (data->limit != NULL)
    add_limit (doc, catalog, data->limit);

  text = kopir_catalog_gettext (catalog, "Transfers between banks in Kazakhstan usually arrive "
                                         "within one banking day. Adding tenge does not count "
                                         "toward the pilot limit; only purchases do.");
  kopir_document_add_notice (doc, KOPIR_DOCUMENT_NOTICE_INFO,
                             kopir_catalog_gettext (catalog, "When the money arrives"), text);

  return g_steal_pointer (&doc);
}
