/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-payment-details.h: what a customer writes in a tenge transfer to
 * the exchange.
 *
 * A payment order in Kazakhstan names the beneficiary (name, BIN, IBAN,
 * BIC), the beneficiary code КБе (15: resident, other non-financial
 * organisation), the sender code КОд (19: resident individual) and the
 * payment purpose code КНП (371, purchase of digital assets; 590 where a
 * bank cannot use 371).  The purpose text carries the customer's 7-digit
 * id at the exchange, which is how the exchange matches the money to the
 * account.
 *
 * The texts are built in the language passed in, not the process locale,
 * so the instructions printed for a customer follow their language;
 * they are fixed wording, so they live here with their translations.
 */
#pragma once

#include <glib.h>

#include "kopir-bank-directory.h"

G_BEGIN_DECLS

#define KOPIR_PAYMENT_KBE_EXCHANGE            "15"
#define KOPIR_PAYMENT_KOD_RESIDENT_INDIVIDUAL "19"
#define KOPIR_PAYMENT_KOD_NONRESIDENT_INDIVIDUAL "29"
#define KOPIR_PAYMENT_KNP_DIGITAL_ASSETS      "371"
#define KOPIR_PAYMENT_KNP_OTHER               "590"
#define KOPIR_CUSTOMER_ID_LENGTH 7

/**
 * KopirPaymentError:
 * @KOPIR_PAYMENT_ERROR_INVALID_CUSTOMER_ID: not a 7-digit customer id
 * @KOPIR_PAYMENT_ERROR_INVALID_KNP: a purpose code other than 371 or 590
 * @KOPIR_PAYMENT_ERROR_INVALID_CODE: a КБе or КОд that is not two digits
 *   of residency (1 or 2) and sector (1 to 9)
 * @KOPIR_PAYMENT_ERROR_INVALID_BIN: the beneficiary's BIN is not valid
 * @KOPIR_PAYMENT_ERROR_INVALID_BENEFICIARY: the beneficiary has no name
 */
typedef enum
{
  KOPIR_PAYMENT_ERROR_INVALID_CUSTOMER_ID,
  KOPIR_PAYMENT_ERROR_INVALID_KNP,
  KOPIR_PAYMENT_ERROR_INVALID_CODE,
  KOPIR_PAYMENT_ERROR_INVALID_BIN,
  KOPIR_PAYMENT_ERROR_INVALID_BENEFICIARY,
} KopirPaymentError;

#define KOPIR_PAYMENT_ERROR (kopir_payment_error_quark ())

/**
 * KopirPaymentDetails:
 * @beneficiary_name: the exchange's legal name
 * @beneficiary_bin: its 12-digit BIN
 * @iban: its account, normalised
 * @bic: its bank's BIC
 * @bank_name: (nullable): its bank's name in @language, if the directory
 *   knows the bank
 * @kbe: beneficiary code, "15"
 * @kod: sender code, "19"
 * @knp: purpose code, "371" or "590"
 * @customer_id: the customer's 7-digit id
 * @purpose: the purpose text in @language
 * @language: "en", "kk" or "ru"
 */
typedef struct
{
  char *beneficiary_name;
  char *beneficiary_bin;
  char *iban;
  char *bic;
  char *bank_name;
  char *kbe;
  char *kod;
  char *knp;
  char *customer_id;
  char *purpose;
  char *language;
} KopirPaymentDetails;

GQuark               kopir_payment_error_quark          (void);

gboolean             kopir_payment_validate_customer_id (const char                *customer_id,
                                                         GError                   **error);
gboolean             kopir_payment_validate_code        (const char                *code,
                                                         GError                   **error);
gboolean             kopir_payment_validate_bin         (const char                *bin,
                                                         GError                   **error);
const char          *kopir_payment_sender_code          (gboolean                   resident);
const char          *kopir_payment_describe_knp         (const char                *knp,
                                                         const char                *language);
char                *kopir_payment_purpose_text         (const char                *customer_id,
                                                         const char                *knp,
                                                         const char                *language);

KopirPaymentDetails *kopir_payment_details_new          (const char                *beneficiary_name,
                                                         const char                *beneficiary_bin,
                                                         const char                *iban,
                                                         KopirBankDirectory        *directory,
                                                         const char                *customer_id,
                                                         const char                *knp,
                                                         gboolean                   resident,
                                                         const char                *language,
                                                         GError                   **error);
char                *kopir_payment_details_to_text      (const KopirPaymentDetails *details);
void                 kopir_payment_details_free         (KopirPaymentDetails       *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirPaymentDetails, kopir_payment_details_free)

G_END_DECLS
