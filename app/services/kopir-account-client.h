/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-account-client.h: opening an account, the bank link and the pilot
 * limit, over Kopir's own contract */

#pragma once

#include <libsoup/soup.h>

#include "kopir-account-error.h"
#include "kopir-account-holder.h"
#include "kopir-applicant.h"
#include "kopir-bank-link.h"
#include "kopir-credentials.h"
#include "kopir-decimal.h"
#include "kopir-deposit.h"
#include "kopir-secret-store.h"
#include "kopir-withdrawal.h"

G_BEGIN_DECLS

/**
 * KopirPilotLimits:
 * @period: the month, "YYYY-MM"
 * @limited: %FALSE once the knowledge test was passed
 * @limit_usd: the monthly limit in dollars
 * @used_usd: bought this month
 * @remaining_usd: left this month
 * @remaining_kzt: left this month in tenge, at @usdt_kzt
 * @usdt_kzt: the rate the exchange values purchases at
 * @resets_at: when the limit starts again, ms since the epoch
 */
typedef struct
{
  char         period[8];
  gboolean     limited;
  KopirDecimal limit_usd;
  KopirDecimal used_usd;
  KopirDecimal remaining_usd;
  KopirDecimal remaining_kzt;
  KopirDecimal usdt_kzt;
  gint64       resets_at;
} KopirPilotLimits;

/**
 * KopirDepositInstructions:
 * @beneficiary_name: the exchange
 * @beneficiary_bin: its BIN
 * @iban: its account
 * @bic: its bank's BIC
 * @bank_name: its bank
 * @kbe: beneficiary code
 * @knp: purpose code
 * @knp_alternative: purpose code where the bank cannot use @knp
 * @kod: sender code
 * @purpose: the purpose text, with the customer id
 * @customer_id: the 7-digit customer id
 *
 * What to enter in the bank's app; all strings.
 */
typedef struct
{
  char *beneficiary_name;
  char *beneficiary_bin;
  char *iban;
  char *bic;
  char *bank_name;
  char *kbe;
  char *knp;
  char *knp_alternative;
  char *kod;
  char *purpose;
  char *customer_id;
} KopirDepositInstructions;

void kopir_deposit_instructions_free (KopirDepositInstructions *instructions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirDepositInstructions, kopir_deposit_instructions_free)

#define KOPIR_TYPE_ACCOUNT_CLIENT (kopir_account_client_get_type ())

G_DECLARE_FINAL_TYPE (KopirAccountClient, kopir_account_client, KOPIR, ACCOUNT_CLIENT, GObject)

KopirAccountClient *kopir_account_client_new              (SoupSession            *session,
                                                           KopirSecretStore       *secrets);
void                kopir_account_client_set_base_url     (KopirAccountClient     *self,
                                                           const char             *base_url);
const char         *kopir_account_client_get_base_url     (KopirAccountClient     *self);
void                kopir_account_client_set_profile_id   (KopirAccountClient     *self,
                                                           const char             *profile_id);
void                kopir_account_client_set_credentials  (KopirAccountClient     *self,
                                                           const KopirCredentials *credentials);

void                kopir_account_client_create_applicant_async   (KopirAccountClient  *self,
                                                                   const char          *locale,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
KopirApplicant     *kopir_account_client_create_applicant_finish  (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_get_applicant_async      (KopirAccountClient  *self,
                                                                   const char          *applicant_id,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
KopirApplicant     *kopir_account_client_get_applicant_finish     (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_update_applicant_async   (KopirAccountClient  *self,
                                                                   const char          *applicant_id,
                                                                   JsonObject          *personal_data,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
KopirApplicant     *kopir_account_client_update_applicant_finish  (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_upload_document_async    (KopirAccountClient  *self,
                                                                   const char          *applicant_id,
                                                                   const char          *kind,
                                                                   GBytes              *image,
                                                                   const char          *content_type,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
gboolean            kopir_account_client_upload_document_finish   (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_get_questionnaire_async  (KopirAccountClient  *self,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
JsonNode           *kopir_account_client_get_questionnaire_finish (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_answer_questionnaire_async  (KopirAccountClient  *self,
                                                                      const char          *applicant_id,
                                                                      const char          *version,
                                                                      const char * const  *answers,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
gboolean            kopir_account_client_answer_questionnaire_finish (KopirAccountClient  *self,
                                                                      GAsyncResult        *result,
                                                                      gboolean            *passed,
                                                                      GError             **error);
void                kopir_account_client_submit_async             (KopirAccountClient  *self,
                                                                   const char          *applicant_id,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
KopirApplicant     *kopir_account_client_submit_finish            (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_issue_credentials_async  (KopirAccountClient  *self,
                                                                   const char          *applicant_id,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
char               *kopir_account_client_issue_credentials_finish (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_create_practice_account_async  (KopirAccountClient  *self,
                                                                         const char          *kzt,
                                                                         GCancellable        *cancellable,
                                                                         GAsyncReadyCallback  callback,
                                                                         gpointer             user_data);
char               *kopir_account_client_create_practice_account_finish (KopirAccountClient  *self,
                                                                         GAsyncResult        *result,
                                                                         GError             **error);

void                kopir_account_client_list_bank_links_async    (KopirAccountClient  *self,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
GListModel         *kopir_account_client_list_bank_links_finish   (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_link_bank_account_async  (KopirAccountClient  *self,
                                                                   const char          *iban,
                                                                   const char          *holder_name,
                                                                   const char          *holder_iin,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
KopirBankLink      *kopir_account_client_link_bank_account_finish (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_unlink_bank_account_async  (KopirAccountClient  *self,
                                                                     const char          *link_id,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
gboolean            kopir_account_client_unlink_bank_account_finish (KopirAccountClient  *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void                kopir_account_client_get_deposit_instructions_async  (KopirAccountClient  *self,
                                                                          GCancellable        *cancellable,
                                                                          GAsyncReadyCallback  callback,
                                                                          gpointer             user_data);
KopirDepositInstructions *kopir_account_client_get_deposit_instructions_finish (KopirAccountClient *self,
                                                                                GAsyncResult       *result,
                                                                                GError            **error);
void                kopir_account_client_list_deposits_async      (KopirAccountClient  *self,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
GListModel         *kopir_account_client_list_deposits_finish     (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_withdraw_async           (KopirAccountClient  *self,
                                                                   const char          *link_id,
                                                                   const KopirDecimal  *amount,
                                                                   const char          *client_withdrawal_id,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
KopirWithdrawal    *kopir_account_client_withdraw_finish          (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_get_pilot_limits_async   (KopirAccountClient  *self,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
KopirPilotLimits   *kopir_account_client_get_pilot_limits_finish  (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

/* The bank page: whose accounts may be linked, withdrawals, and the
 * practice exchange's simulated transfers. */
void                kopir_account_client_set_sandbox              (KopirAccountClient  *self,
                                                                   gboolean             sandbox);
gboolean            kopir_account_client_get_sandbox              (KopirAccountClient  *self);
void                kopir_account_client_set_language             (KopirAccountClient  *self,
                                                                   const char          *language);
void                kopir_account_client_get_account_holder_async  (KopirAccountClient  *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
KopirAccountHolder *kopir_account_client_get_account_holder_finish (KopirAccountClient  *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);
void                kopir_account_client_list_withdrawals_async   (KopirAccountClient  *self,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
GListModel         *kopir_account_client_list_withdrawals_finish  (KopirAccountClient  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                kopir_account_client_simulate_bank_transfer_async  (KopirAccountClient  *self,
                                                                        const char          *sender_iban,
                                                                        const char          *sender_name,
                                                                        const char          *sender_iin,
                                                                        const KopirDecimal  *amount,
                                                                        const char          *purpose,
                                                                        GCancellable        *cancellable,
                                                                        GAsyncReadyCallback  callback,
                                                                        gpointer             user_data);
KopirDeposit       *kopir_account_client_simulate_bank_transfer_finish (KopirAccountClient  *self,
                                                                        GAsyncResult        *result,
                                                                        GError             **error);

G_END_DECLS
