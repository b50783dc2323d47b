/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-payment"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-iban.h"
#include "kopir-iin.h"
#include "kopir-money-format.h"
#include "kopir-payment-details.h"

G_DEFINE_QUARK (kopir-payment-error-quark, kopir_payment_error)

enum { LANG_EN, LANG_KK, LANG_RU, N_LANGS };

enum {
  TEXT_PURPOSE_371,
  TEXT_PURPOSE_590,
  TEXT_KNP_371,
  TEXT_KNP_590,
  TEXT_BENEFICIARY,
  TEXT_BIN,
  TEXT_IBAN,
  TEXT_BANK,
  TEXT_BIC,
  TEXT_KBE,
  TEXT_KNP,
  TEXT_KOD,
  TEXT_PURPOSE,
  N_TEXTS
};

/* The wording of a payment order, in the three languages a customer may
 * print it in.  Kept here rather than in the message catalogue because it
 * must not follow the language of the screen. */
static const char *texts[N_TEXTS][N_LANGS] = {
  [TEXT_PURPOSE_371] = { "Purchase of digital assets, customer ID ",
                         "Цифрлық активтерді сатып алу, клиент ID ",
                         "Покупка цифровых активов, ID клиента " },
  [TEXT_PURPOSE_590] = { "Transfer of own funds to a digital asset exchange account, customer ID ",
                         "Цифрлық активтер биржасындағы шотқа өз қаражатын аудару, клиент ID ",
                         "Перевод собственных средств на счёт на бирже цифровых активов, ID клиента " },
  [TEXT_KNP_371] = { "Purchase of digital assets", "Цифрлық активтерді сатып алу",
                     "Покупка цифровых активов" },
  [TEXT_KNP_590] = { "Other payments", "Басқа төлемдер", "Прочие платежи" },
  [TEXT_BENEFICIARY] = { "Beneficiary", "Алушы", "Получатель" },
  [TEXT_BIN] = { "BIN", "БСН", "БИН" },
  [TEXT_IBAN] = { "IBAN", "ЖСК (IBAN)", "ИИК (IBAN)" },
  [TEXT_BANK] = { "Bank", "Банк", "Банк" },
  [TEXT_BIC] = { "BIC", "БСК", "БИК" },
  [TEXT_KBE] = { "Beneficiary code (KBe)", "Бенефициар коды (КБе)", "Код бенефициара (КБе)" },
  [TEXT_KNP] = { "Payment purpose code (KNP)", "Төлем мақсатының коды (КНП)",
                 "Код назначения платежа (КНП)" },
  [TEXT_KOD] = { "Sender code (KOd)", "Жіберушінің коды (КОд)", "Код отправителя (КОд)" },
  [TEXT_PURPOSE] = { "Payment purpose", "Төлемнің мақсаты", "Назначение платежа" },
};

static int
lang_index (const char *language)
{
  const char *lang = kopir_money_language_from_locale (language);

  if (g_str_equal (lang, "kk"))
    return LANG_KK;
  if (g_str_equal (lang, "ru"))
    return LANG_RU;
  return LANG_EN;
}

static gboolean
all_digits (const char *s,
            gsize       len)
{
  if (s == NULL || strlen (s) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * kopir_payment_validate_customer_id:
 * @customer_id: (nullable): the id the exchange gave the customer
 * @error: a #KOPIR_PAYMENT_ERROR
 *
 * Returns: %TRUE if @customer_id is seven digits, not all zero
 */
gboolean
kopir_payment_validate_customer_id (const char  *customer_id,
                                    GError     **error)
{
  if (!all_digits (customer_id, KOPIR_CUSTOMER_ID_LENGTH) ||
      strspn (customer_id, "0") == KOPIR_CUSTOMER_ID_LENGTH)
    {
      g_set_error_literal (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_CUSTOMER_ID,
                           _("The customer ID has 7 digits. Copy it from the account page."));
      return FALSE;
    }
  return TRUE;
}

/**
 * kopir_payment_validate_code:
 * @code: (nullable): a КБе or КОд
 * @error: a #KOPIR_PAYMENT_ERROR
 *
 * Returns: %TRUE if @code is residency (1 resident, 2 non-resident)
 *   followed by an economic sector 1 to 9
 */
gboolean
kopir_payment_validate_code (const char  *code,
                             GError     **error)
{
  if (!all_digits (code, 2) || (code[0] != '1' && code[0] != '2') || code[1] == '0')
    {
      g_set_error_literal (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_CODE,
                           _("A beneficiary or sender code has two digits: 1 or 2 for residency, "
                             "then the sector, 1 to 9."));
      return FALSE;
    }
  return TRUE;
}

/**
 * kopir_payment_validate_bin:
 * @bin: (nullable): a business identification number
 * @error: a #KOPIR_PAYMENT_ERROR
 *
 * Returns: %TRUE if @bin is a BIN with a valid check digit
 */
gboolean
kopir_payment_validate_bin (const char  *bin,
                            GError     **error)
{
  if (!all_digits (bin, KOPIR_IIN_LENGTH) || !kopir_iin_is_bin (bin) ||
      kopir_iin_compute_check_digit (bin) != bin[11] - '0')
    {
      g_set_error_literal (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_BIN,
                           _("The beneficiary's BIN is not valid. Check the exchange profile."));
      return FALSE;
    }
  return TRUE;
}

/**
 * kopir_payment_sender_code:
 * @resident: whether the customer is resident in Kazakhstan
 *
 * Returns: the КОд of an individual: "19" for a resident, "29" otherwise
 */
const char *
kopir_payment_sender_code (gboolean resident)
{
  return resident ? KOPIR_PAYMENT_KOD_RESIDENT_INDIVIDUAL : KOPIR_PAYMENT_KOD_NONRESIDENT_INDIVIDUAL;
}

/**
 * kopir_payment_describe_knp:
 * @knp: "371" or "590"
 * @language: the language to describe it in
 *
 * Returns: (nullable): what the code means, or %NULL for another code
 */
const char *
kopir_payment_describe_knp (const char *knp,
                            const char *language)
{
  if (g_strcmp0 (knp, KOPIR_PAYMENT_KNP_DIGITAL_ASSETS) == 0)
    return texts[TEXT_KNP_371][lang_index (language)];
  if (g_strcmp0 (knp, KOPIR_PAYMENT_KNP_OTHER) == 0)
    return texts[TEXT_KNP_590][lang_index (language)];
  return NULL;
}

/**
 * kopir_payment_purpose_text:
 * @customer_id: a valid 7-digit customer id
 * @knp: "371" or "590"
 * @language: the language of the payment order
 *
 * Returns: (transfer full) (nullable): the purpose text, or %NULL if
 *   @customer_id or @knp is not valid
 */
char *
kopir_payment_purpose_text (const char *customer_id,
                            const char *knp,
                            const char *language)
{
  int text;

  if (!kopir_payment_validate_customer_id (customer_id, NULL))
    return NULL;

  if (g_strcmp0 (knp, KOPIR_PAYMENT_KNP_DIGITAL_ASSETS) == 0)
    text = TEXT_PURPOSE_371;
  else if (g_strcmp0 (knp, KOPIR_PAYMENT_KNP_OTHER) == 0)
    text = TEXT_PURPOSE_590;
  else
    return NULL;

  /* Every purpose text ends with the customer id. */
  return g_strconcat (texts[text][lang_index (language)], customer_id, NULL);
}

/**
 * kopir_payment_details_new:
 * @beneficiary_name: the exchange's legal name
 * @beneficiary_bin: the exchange's BIN
 * @iban: the exchange's account
 * @directory: the bank directory, for the BIC and bank name
 * @customer_id: the customer's 7-digit id
 * @knp: "371", or "590" where the customer's bank cannot use 371
 * @resident: whether the customer is resident in Kazakhstan
 * @language: the language of the texts
 * @error: a #KOPIR_PAYMENT_ERROR or #KOPIR_IBAN_ERROR
 *
 * Returns: (transfer full) (nullable): the details, all checked
 */
KopirPaymentDetails *
kopir_payment_details_new (const char          *beneficiary_name,
                           const char          *beneficiary_bin,
                           const char          *iban,
                           KopirBankDirectory  *directory,
                           const char          *customer_id,
                           const char          *knp,
                           gboolean             resident,
                           const char          *language,
                           GError             **error)
{
  g_autoptr(KopirPaymentDetails) details = NULL;
  KopirIbanInfo info;

  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (directory), NULL);

  {
    g_autofree char *name = g_strstrip (g_strdup (beneficiary_name != NULL ? beneficiary_name : ""));
    if (name[0] == '\0')
      {
        g_set_error_literal (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_BENEFICIARY,
                             _("The beneficiary's name is missing. Check the exchange profile."));
        return NULL;
      }
  }

  if (!kopir_payment_validate_bin (beneficiary_bin, error) ||
      !kopir_iban_validate (iban, directory, &info, error) ||
      !kopir_payment_validate_customer_id (customer_id, error))
    return NULL;

  if (kopir_payment_describe_knp (knp, NULL) == NULL)
    {
      g_set_error_literal (error, KOPIR_PAYMENT_ERROR, KOPIR_PAYMENT_ERROR_INVALID_KNP,
                           _("The payment purpose code must be 371 (purchase of digital assets) "
                             "or 590."));
      return NULL;
    }

  details = g_new0 (KopirPaymentDetails, 1);
  details->language = g_strdup (kopir_money_language_from_locale (language));
  details->beneficiary_name = g_strstrip (g_strdup (beneficiary_name));
  details->beneficiary_bin = g_strdup (beneficiary_bin);
  details->iban = g_strdup (info.iban);
  details->bic = g_strdup (info.bank->bic);
  details->bank_name = g_strdup (kopir_bank_get_name (info.bank, details->language));
  details->kbe = g_strdup (KOPIR_PAYMENT_KBE_EXCHANGE);
  details->kod = g_strdup (kopir_payment_sender_code (resident));
  details->knp = g_strdup (knp);
  details->customer_id = g_strdup (customer_id);
  details->purpose = kopir_payment_purpose_text (customer_id, knp, details->language);

  return g_steal_pointer (&details);
}

/**
 * kopir_payment_details_to_text:
 * @details: payment details
 *
 * Returns: (transfer full): the details as labelled lines in their
 *   language, to copy into a bank's app or print
 */
char *
kopir_payment_details_to_text (const KopirPaymentDetails *details)
{
  g_autofree char *iban = NULL;
  int l;

  g_return_val_if_fail (details != NULL, NULL);

  l = lang_index (details->language);
  iban = kopir_iban_format (details->iban);

  return g_strdup_printf ("%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s — %s\n%s: %s\n%s: %s\n",
                          texts[TEXT_BENEFICIARY][l], details->beneficiary_name,
                          texts[TEXT_BIN][l], details->beneficiary_bin,
                          texts[TEXT_IBAN][l], iban,
                          texts[TEXT_BANK][l], details->bank_name,
                          texts[TEXT_BIC][l], details->bic,
                          texts[TEXT_KBE][l], details->kbe,
                          texts[TEXT_KNP][l], details->knp,
                          kopir_payment_describe_knp (details->knp, details->language),
                          texts[TEXT_KOD][l], details->kod,
                          texts[TEXT_PURPOSE][l], details->purpose);
}

void
kopir_payment_details_free (KopirPaymentDetails *details)
{
  if (details == NULL)
    return;

  g_free (details->beneficiary_name);
  g_free (details->beneficiary_bin);
  g_free (details->iban);
  g_free (details->bic);
  g_free (details->bank_name);
  g_free (details->kbe);
  g_free (details->kod);
  g_free (details->knp);
  g_free (details->customer_id);
  g_free (details->purpose);
  g_free (details->language);
  g_free (details);
}
