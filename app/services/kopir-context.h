/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-context.h: every service the windows use, in one object */

#pragma once

#include "kopir-account-client.h"
#include "kopir-diagnostics.h"
#include "kopir-exchange-client.h"
#include "kopir-ledger.h"
#include "kopir-price-stream.h"
#include "kopir-profile-manager.h"
#include "kopir-purchase-manager.h"
#include "kopir-sandbox-launcher.h"
#include "kopir-secret-store.h"
#include "kopir-transfer-journal.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_CONTEXT (kopir_context_get_type ())

G_DECLARE_FINAL_TYPE (KopirContext, kopir_context, KOPIR, CONTEXT, GObject)

KopirContext         *kopir_context_new                   (GSettings           *settings);
void                  kopir_context_start_async           (KopirContext        *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean              kopir_context_start_finish          (KopirContext        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
gboolean              kopir_context_get_ready             (KopirContext        *self);
gboolean              kopir_context_get_is_sandbox        (KopirContext        *self);
gboolean              kopir_context_get_has_credentials   (KopirContext        *self);
const char           *kopir_context_get_problem           (KopirContext        *self);

GSettings            *kopir_context_get_settings          (KopirContext        *self);
SoupSession          *kopir_context_get_session           (KopirContext        *self);
KopirProfileManager  *kopir_context_get_profile_manager   (KopirContext        *self);
KopirSecretStore     *kopir_context_get_secret_store      (KopirContext        *self);
KopirExchangeClient  *kopir_context_get_exchange_client   (KopirContext        *self);
KopirAccountClient   *kopir_context_get_account_client    (KopirContext        *self);
KopirPriceStream     *kopir_context_get_price_stream      (KopirContext        *self);
KopirSandboxLauncher *kopir_context_get_sandbox_launcher  (KopirContext        *self);
KopirLedger          *kopir_context_get_ledger            (KopirContext        *self);
KopirPurchaseManager *kopir_context_get_purchase_manager  (KopirContext        *self);
KopirTransferJournal *kopir_context_get_transfer_journal  (KopirContext        *self);
KopirDiagnostics     *kopir_context_get_diagnostics       (KopirContext        *self);

void                  kopir_context_set_api_credentials_async  (KopirContext        *self,
                                                                const char          *api_key,
                                                                const char          *api_secret,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean              kopir_context_set_api_credentials_finish (KopirContext        *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);
void                  kopir_context_forget_api_credentials_async  (KopirContext        *self,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
gboolean              kopir_context_forget_api_credentials_finish (KopirContext        *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

/* Assisted mode: a customer's credentials held for one session only. */
void                  kopir_context_use_session_credentials (KopirContext           *self,
                                                             const KopirCredentials *credentials);
void                  kopir_context_forget_credentials      (KopirContext           *self);
void                  kopir_context_forget_customer         (KopirContext           *self);
char                 *kopir_context_get_onboarding_dir      (KopirContext           *self);
void                  kopir_context_close_ledger            (KopirContext           *self);
const char           *kopir_context_get_ledger_dir          (KopirContext           *self);

G_END_DECLS
