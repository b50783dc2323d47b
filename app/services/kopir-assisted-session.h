/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-assisted-session.h: a branch desk in assisted mode.
 *
 * One object holds who is signed in, which customer they serve and
 * whether the screen is locked, and does everything that must be recorded
 * or wiped on the way: every staff action goes to the audit trail with the
 * staff id and the customer's masked IIN; ending a customer session ends
 * the key lent for it, drops the customer's credentials and runs the wipe
 * list, so the next customer starts clean.
 *
 * States: signed out → (sign in) → ready → (new customer) → serving, or
 * → (existing customer: IIN) → identifying → (the customer's code) →
 * serving → (end) → ready → (sign out) → signed out. Locking is apart from
 * the state: any signed-in state may be locked and unlocked.
 */
#pragma once

#include "kopir-audit-trail.h"
#include "kopir-context.h"
#include "kopir-customer-wipe.h"
#include "kopir-staff-client.h"

G_BEGIN_DECLS

/**
 * KopirAssistedState:
 * @KOPIR_ASSISTED_STATE_SIGNED_OUT: nobody is signed in
 * @KOPIR_ASSISTED_STATE_READY: staff signed in, no customer
 * @KOPIR_ASSISTED_STATE_IDENTIFYING: a code was sent to an existing
 *   customer's phone; waiting for them to type it
 * @KOPIR_ASSISTED_STATE_SERVING: a customer session is open
 */
typedef enum
{
  KOPIR_ASSISTED_STATE_SIGNED_OUT,
  KOPIR_ASSISTED_STATE_READY,
  KOPIR_ASSISTED_STATE_IDENTIFYING,
  KOPIR_ASSISTED_STATE_SERVING,
} KopirAssistedState;

/**
 * KopirCustomerKind:
 * @KOPIR_CUSTOMER_KIND_NONE: no customer
 * @KOPIR_CUSTOMER_KIND_NEW: a new customer, opening an account
 * @KOPIR_CUSTOMER_KIND_EXISTING: a customer of the exchange, identified by
 *   IIN and a code
 */
typedef enum
{
  KOPIR_CUSTOMER_KIND_NONE,
  KOPIR_CUSTOMER_KIND_NEW,
  KOPIR_CUSTOMER_KIND_EXISTING,
} KopirCustomerKind;

/**
 * KopirSessionEndReason:
 * @KOPIR_SESSION_END_STAFF: staff ended it
 * @KOPIR_SESSION_END_SIGN_OUT: staff signed out
 * @KOPIR_SESSION_END_EXPIRED: the staff session expired
 * @KOPIR_SESSION_END_WINDOW_CLOSED: Kopir was closed during it
 * @KOPIR_SESSION_END_CANCELLED: the customer was never identified
 */
typedef enum
{
  KOPIR_SESSION_END_STAFF,
  KOPIR_SESSION_END_SIGN_OUT,
  KOPIR_SESSION_END_EXPIRED,
  KOPIR_SESSION_END_WINDOW_CLOSED,
  KOPIR_SESSION_END_CANCELLED,
} KopirSessionEndReason;

#define KOPIR_TYPE_ASSISTED_SESSION (kopir_assisted_session_get_type ())

G_DECLARE_FINAL_TYPE (KopirAssistedSession, kopir_assisted_session, KOPIR, ASSISTED_SESSION, GObject)

KopirAssistedSession *kopir_assisted_session_new                  (KopirContext          *context,
                                                                    KopirAuditTrail       *audit);
KopirContext         *kopir_assisted_session_get_context          (KopirAssistedSession  *self);
KopirStaffClient     *kopir_assisted_session_get_staff_client     (KopirAssistedSession  *self);
KopirAuditTrail      *kopir_assisted_session_get_audit_trail      (KopirAssistedSession  *self);
KopirCustomerWipe    *kopir_assisted_session_get_wipe             (KopirAssistedSession  *self);

KopirAssistedState    kopir_assisted_session_get_state            (KopirAssistedSession  *self);
gboolean              kopir_assisted_session_get_locked           (KopirAssistedSession  *self);
const char           *kopir_assisted_session_get_staff_id         (KopirAssistedSession  *self);
const char           *kopir_assisted_session_get_staff_name       (KopirAssistedSession  *self);
const char           *kopir_assisted_session_get_branch           (KopirAssistedSession  *self);
KopirCustomerKind     kopir_assisted_session_get_customer_kind    (KopirAssistedSession  *self);
const char           *kopir_assisted_session_get_customer_iin_masked (KopirAssistedSession *self);
const char           *kopir_assisted_session_get_customer_name    (KopirAssistedSession  *self);
const char           *kopir_assisted_session_get_customer_id      (KopirAssistedSession  *self);
const char           *kopir_assisted_session_get_customer_language (KopirAssistedSession *self);
const char           *kopir_assisted_session_get_customer_phone_masked (KopirAssistedSession *self);
const char           *kopir_assisted_session_get_problem          (KopirAssistedSession  *self);

void                  kopir_assisted_session_set_customer_iin     (KopirAssistedSession  *self,
                                                                    const char            *iin);
void                  kopir_assisted_session_set_customer_name    (KopirAssistedSession  *self,
                                                                    const char            *name);
void                  kopir_assisted_session_set_customer_id      (KopirAssistedSession  *self,
                                                                    const char            *customer_id);
void                  kopir_assisted_session_set_customer_language (KopirAssistedSession *self,
                                                                    const char            *language);

void                  kopir_assisted_session_record               (KopirAssistedSession  *self,
                                                                    KopirAuditAction       action,
                                                                    const char            *outcome,
                                                                    const char            *details_json);

void                  kopir_assisted_session_startup_async        (KopirAssistedSession  *self,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
gboolean              kopir_assisted_session_startup_finish       (KopirAssistedSession  *self,
                                                                    GAsyncResult          *result,
                                                                    GError               **error);
void                  kopir_assisted_session_sign_in_async        (KopirAssistedSession  *self,
                                                                    const char            *staff_id,
                                                                    const char            *password,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
gboolean              kopir_assisted_session_sign_in_finish       (KopirAssistedSession  *self,
                                                                    GAsyncResult          *result,
                                                                    GError               **error);
void                  kopir_assisted_session_sign_out_async       (KopirAssistedSession  *self,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
gboolean              kopir_assisted_session_sign_out_finish      (KopirAssistedSession  *self,
                                                                    GAsyncResult          *result,
                                                                    GError               **error);
void                  kopir_assisted_session_lock                 (KopirAssistedSession  *self,
                                                                    const char            *reason);
void                  kopir_assisted_session_unlock_async         (KopirAssistedSession  *self,
                                                                    const char            *password,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
gboolean              kopir_assisted_session_unlock_finish        (KopirAssistedSession  *self,
                                                                    GAsyncResult          *result,
                                                                    GError               **error);

void                  kopir_assisted_session_start_new_customer   (KopirAssistedSession  *self,
                                                                    const char            *language);
void                  kopir_assisted_session_identify_customer_async  (KopirAssistedSession *self,
                                                                        const char           *iin,
                                                                        const char           *language,
                                                                        GCancellable         *cancellable,
                                                                        GAsyncReadyCallback   callback,
                                                                        gpointer              user_data);
gboolean              kopir_assisted_session_identify_customer_finish (KopirAssistedSession *self,
                                                                        GAsyncResult         *result,
                                                                        GError              **error);
void                  kopir_assisted_session_verify_code_async    (KopirAssistedSession  *self,
                                                                    const char            *code,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
gboolean              kopir_assisted_session_verify_code_finish   (KopirAssistedSession  *self,
                                                                    GAsyncResult          *result,
                                                                    GError               **error);
void                  kopir_assisted_session_request_confirmation_async  (KopirAssistedSession *self,
                                                                           const char           *purpose,
                                                                           GCancellable         *cancellable,
                                                                           GAsyncReadyCallback   callback,
                                                                           gpointer              user_data);
char                 *kopir_assisted_session_request_confirmation_finish (KopirAssistedSession *self,
                                                                           GAsyncResult         *result,
                                                                           GError              **error);
void                  kopir_assisted_session_confirm_async        (KopirAssistedSession  *self,
                                                                    const char            *code,
                                                                    const char            *details_json,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
gboolean              kopir_assisted_session_confirm_finish       (KopirAssistedSession  *self,
                                                                    GAsyncResult          *result,
                                                                    GError               **error);
void                  kopir_assisted_session_end_customer_async   (KopirAssistedSession  *self,
                                                                    KopirSessionEndReason  reason,
                                                                    GCancellable          *cancellable,
                                                                    GAsyncReadyCallback    callback,
                                                                    gpointer               user_data);
gboolean              kopir_assisted_session_end_customer_finish  (KopirAssistedSession  *self,
                                                                    GAsyncResult          *result,
                                                                    KopirWipeReport       *report,
                                                                    GError               **error);

G_END_DECLS
