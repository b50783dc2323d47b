/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-staff-client.h: a member of staff's session with the exchange,
 * and acting for a customer at a branch */

#pragma once

#include <libsoup/soup.h>

#include "kopir-credentials.h"

G_BEGIN_DECLS

/**
 * KopirStaffError:
 * @KOPIR_STAFF_ERROR_WRONG_PASSWORD: the staff id or password is wrong
 * @KOPIR_STAFF_ERROR_WAIT: too soon after a wrong password; see
 *   kopir_staff_client_get_wait_seconds()
 * @KOPIR_STAFF_ERROR_LOCKED: the exchange locked the staff id after too
 *   many wrong passwords
 * @KOPIR_STAFF_ERROR_EXPIRED: the staff session expired or was ended
 * @KOPIR_STAFF_ERROR_NOT_SIGNED_IN: nobody is signed in
 * @KOPIR_STAFF_ERROR_CUSTOMER_NOT_FOUND: no customer has this IIN
 * @KOPIR_STAFF_ERROR_NO_PHONE: the customer has no phone to send a code to
 * @KOPIR_STAFF_ERROR_WRONG_CODE: the customer's code is wrong; they may
 *   try again
 * @KOPIR_STAFF_ERROR_CODE_EXPIRED: the code expired or was tried too
 *   often; send a new one
 * @KOPIR_STAFF_ERROR_INVALID: something given is malformed
 * @KOPIR_STAFF_ERROR_FAILED: anything else
 */
typedef enum
{
  KOPIR_STAFF_ERROR_WRONG_PASSWORD,
  KOPIR_STAFF_ERROR_WAIT,
  KOPIR_STAFF_ERROR_LOCKED,
  KOPIR_STAFF_ERROR_EXPIRED,
  KOPIR_STAFF_ERROR_NOT_SIGNED_IN,
  KOPIR_STAFF_ERROR_CUSTOMER_NOT_FOUND,
  KOPIR_STAFF_ERROR_NO_PHONE,
  KOPIR_STAFF_ERROR_WRONG_CODE,
  KOPIR_STAFF_ERROR_CODE_EXPIRED,
  KOPIR_STAFF_ERROR_INVALID,
  KOPIR_STAFF_ERROR_FAILED,
} KopirStaffError;

#define KOPIR_STAFF_ERROR (kopir_staff_error_quark ())

/**
 * KopirLentAccess:
 * @customer_id: the customer's 7-digit id
 * @full_name: their name as the exchange has it
 * @locale: (nullable): "kk", "ru" or "en", as they chose when they applied
 * @credentials: a key the exchange lent for this customer session; kept in
 *   memory only and never shown
 *
 * What a verified customer session gives.
 */
typedef struct
{
  char             *customer_id;
  char             *full_name;
  char             *locale;
  KopirCredentials *credentials;
} KopirLentAccess;

void kopir_lent_access_free (KopirLentAccess *access);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirLentAccess, kopir_lent_access_free)

#define KOPIR_TYPE_STAFF_CLIENT (kopir_staff_client_get_type ())

G_DECLARE_FINAL_TYPE (KopirStaffClient, kopir_staff_client, KOPIR, STAFF_CLIENT, GObject)

GQuark            kopir_staff_error_quark                  (void);

KopirStaffClient *kopir_staff_client_new                   (SoupSession          *session);
void              kopir_staff_client_set_base_url          (KopirStaffClient     *self,
                                                            const char           *base_url);
const char       *kopir_staff_client_get_base_url          (KopirStaffClient     *self);
gboolean          kopir_staff_client_get_signed_in         (KopirStaffClient     *self);
const char       *kopir_staff_client_get_staff_id          (KopirStaffClient     *self);
const char       *kopir_staff_client_get_staff_name        (KopirStaffClient     *self);
const char       *kopir_staff_client_get_branch            (KopirStaffClient     *self);
guint             kopir_staff_client_get_wait_seconds      (KopirStaffClient     *self);
gboolean          kopir_staff_client_get_has_customer_session (KopirStaffClient  *self);
guint             kopir_staff_client_get_attempts_left     (KopirStaffClient     *self);

void              kopir_staff_client_sign_in_async         (KopirStaffClient     *self,
                                                            const char           *staff_id,
                                                            const char           *password,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean          kopir_staff_client_sign_in_finish        (KopirStaffClient     *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void              kopir_staff_client_sign_out_async        (KopirStaffClient     *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean          kopir_staff_client_sign_out_finish       (KopirStaffClient     *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void              kopir_staff_client_confirm_password_async  (KopirStaffClient   *self,
                                                              const char         *password,
                                                              GCancellable       *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer            user_data);
gboolean          kopir_staff_client_confirm_password_finish (KopirStaffClient   *self,
                                                              GAsyncResult       *result,
                                                              GError            **error);
void              kopir_staff_client_check_session_async   (KopirStaffClient     *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean          kopir_staff_client_check_session_finish  (KopirStaffClient     *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void              kopir_staff_client_forget                (KopirStaffClient     *self);

void              kopir_staff_client_start_customer_session_async  (KopirStaffClient     *self,
                                                                    const char           *iin,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
char             *kopir_staff_client_start_customer_session_finish (KopirStaffClient     *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);
void              kopir_staff_client_verify_customer_code_async    (KopirStaffClient     *self,
                                                                    const char           *code,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
KopirLentAccess  *kopir_staff_client_verify_customer_code_finish   (KopirStaffClient     *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);
void              kopir_staff_client_end_customer_session_async    (KopirStaffClient     *self,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
gboolean          kopir_staff_client_end_customer_session_finish   (KopirStaffClient     *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);

void              kopir_staff_client_send_confirmation_code_async    (KopirStaffClient     *self,
                                                                    const char           *customer_id,
                                                                    const char           *purpose,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
char             *kopir_staff_client_send_confirmation_code_finish   (KopirStaffClient     *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);
void              kopir_staff_client_verify_confirmation_code_async  (KopirStaffClient     *self,
                                                                    const char           *code,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
gboolean          kopir_staff_client_verify_confirmation_code_finish (KopirStaffClient     *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);

G_END_DECLS
