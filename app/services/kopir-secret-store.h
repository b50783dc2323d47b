/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-secret-store.h: exchange credentials, applicant tokens and staff
 * sessions in the system keyring */

#pragma once

#include <gio/gio.h>

#include "kopir-credentials.h"

G_BEGIN_DECLS

/**
 * KopirSecretKind:
 * @KOPIR_SECRET_KIND_API_KEY: an exchange API key
 * @KOPIR_SECRET_KIND_API_SECRET: the secret that signs with an API key
 * @KOPIR_SECRET_KIND_APPLICANT_TOKEN: the bearer token of an applicant
 *   whose account is not yet open
 * @KOPIR_SECRET_KIND_STAFF_SESSION: a bank employee's session in assisted
 *   mode
 * @KOPIR_SECRET_KIND_APPLICANT_DATA: the answers of a submitted application,
 *   kept only until the review desk has decided, so that a correction it
 *   asks for does not mean typing everything again
 *
 * What a stored secret is; saved as the `kind` attribute.
 */
typedef enum
{
  KOPIR_SECRET_KIND_API_KEY,
  KOPIR_SECRET_KIND_API_SECRET,
  KOPIR_SECRET_KIND_APPLICANT_TOKEN,
  KOPIR_SECRET_KIND_STAFF_SESSION,
  KOPIR_SECRET_KIND_APPLICANT_DATA,
} KopirSecretKind;

/**
 * KopirSecretStoreError:
 * @KOPIR_SECRET_STORE_ERROR_UNAVAILABLE: no Secret Service answers
 * @KOPIR_SECRET_STORE_ERROR_LOCKED: the keyring is locked and was not
 *   unlocked
 * @KOPIR_SECRET_STORE_ERROR_FAILED: the keyring refused the operation
 */
typedef enum
{
  KOPIR_SECRET_STORE_ERROR_UNAVAILABLE,
  KOPIR_SECRET_STORE_ERROR_LOCKED,
  KOPIR_SECRET_STORE_ERROR_FAILED,
} KopirSecretStoreError;

#define KOPIR_SECRET_STORE_ERROR (kopir_secret_store_error_quark ())
#define KOPIR_TYPE_SECRET_STORE (kopir_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (KopirSecretStore, kopir_secret_store, KOPIR, SECRET_STORE, GObject)

GQuark            kopir_secret_store_error_quark           (void);
const char       *kopir_secret_kind_to_string              (KopirSecretKind      kind);

KopirSecretStore *kopir_secret_store_new                   (void);

void              kopir_secret_store_store_async           (KopirSecretStore    *self,
                                                            KopirSecretKind      kind,
                                                            const char          *profile,
                                                            const char          *account,
                                                            const char          *secret,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean          kopir_secret_store_store_finish          (KopirSecretStore    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void              kopir_secret_store_lookup_async          (KopirSecretStore    *self,
                                                            KopirSecretKind      kind,
                                                            const char          *profile,
                                                            const char          *account,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char             *kopir_secret_store_lookup_finish         (KopirSecretStore    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void              kopir_secret_store_clear_async           (KopirSecretStore    *self,
                                                            KopirSecretKind      kind,
                                                            const char          *profile,
                                                            const char          *account,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean          kopir_secret_store_clear_finish          (KopirSecretStore    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

void              kopir_secret_store_store_credentials_async   (KopirSecretStore       *self,
                                                                const char             *profile,
                                                                const char             *account,
                                                                const KopirCredentials *credentials,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean          kopir_secret_store_store_credentials_finish  (KopirSecretStore       *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void              kopir_secret_store_lookup_credentials_async  (KopirSecretStore       *self,
                                                                const char             *profile,
                                                                const char             *account,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
KopirCredentials *kopir_secret_store_lookup_credentials_finish (KopirSecretStore       *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);
void              kopir_secret_store_clear_credentials_async   (KopirSecretStore       *self,
                                                                const char             *profile,
                                                                const char             *account,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
gboolean          kopir_secret_store_clear_credentials_finish  (KopirSecretStore       *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);

G_END_DECLS
