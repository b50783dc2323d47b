/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-audit-trail.h: what staff do in assisted mode, on the record.
 *
 * Every staff action goes to two places: core's hash-chained audit log
 * (its own SQLite file) and the system journal, as a structured GLib log
 * record that the bank's log collection picks up like any other. Each kind
 * of action has a fixed MESSAGE_ID, so a journal query or a SIEM rule can
 * select it without knowing Kopir:
 *
 *   journalctl MESSAGE_ID=2a16125996fc4e11b1663a9b36603274   (each order)
 *
 * | action                    | MESSAGE_ID                       |
 * | ------------------------- | -------------------------------- |
 * | assisted.start            | 5c6a6acf2e344f7894ba915913aa2926 |
 * | staff.sign-in             | b8db35833ab54962bd22420d1e9b6861 |
 * | staff.sign-out            | f3771b55e10843d78f371064eed747bf |
 * | staff.session-expired     | cda6cef7318e49029ccafb0367e567af |
 * | staff.lock                | 26e206f5e26c4f11ab71247dfb9727a1 |
 * | staff.unlock              | 3f98aa7246804720bd967c3550eeac6d |
 * | customer.session-start    | 499a3e8252164979b83a12e9cff8eca8 |
 * | customer.identify         | 956bb134025645dcbc0130af89077bf1 |
 * | customer.handover         | 38e4d0e5c5e04ddbb68d20ad60347b8b |
 * | customer.session-end      | c1c22baa60bb4fe2b48a9ffc6226af0c |
 * | kyc.submit                | 6b11eea9c1dc49f1a5c0c60a5549fbd4 |
 * | bank.link                 | 27cc340a4a8a4fc9966cb9fc29867ab9 |
 * | bank.unlink               | 5afb38ce1ea846f18593551046dc664e |
 * | bank.deposit              | 0dde3a8c17be4dd5abdcee0d05eaeca1 |
 * | bank.withdraw             | 397ff0d770d94b2295b837ea83a0a170 |
 * | order.confirm             | 8c62c3fa90bd41d8861878d1279ac5c5 |
 * | order.place               | 2a16125996fc4e11b1663a9b36603274 |
 * | order.cancel              | 83c139ad18ff4aa4a0e810594cf1a157 |
 * | document.print            | fd095dcc05db4cd4bf03de15e59c2b4b |
 * | audit.export              | a6743ed1330f466892cac8e53dd6f753 |
 * | audit.verify              | fbef61f5be74419caeeb70082ee83ff9 |
 *
 * Journal fields besides MESSAGE_ID, MESSAGE and PRIORITY (5, notice):
 * KOPIR_ACTION (the action above), KOPIR_OUTCOME ("ok", "wrong-password",
 * ...), KOPIR_STAFF_ID, KOPIR_CUSTOMER_IIN_MASKED (only the last four
 * digits; absent when no customer is concerned), KOPIR_AUDIT_SEQ and
 * KOPIR_AUDIT_HASH (the entry in the hash chain) and KOPIR_DETAILS (a JSON
 * object). A whole IIN never reaches either place: the trail masks it, and
 * the log refuses an entry that holds one.
 *
 * Writing is asynchronous but ordered: one worker thread owns the log and
 * takes the entries in the order they were recorded, so the main loop
 * never waits for the disk and the chain follows what happened.
 */
#pragma once

#include <gio/gio.h>

#include "kopir-audit-item.h"
#include "kopir-audit-log.h"

G_BEGIN_DECLS

/**
 * KopirAuditAction:
 * @KOPIR_AUDIT_ACTION_ASSISTED_START: Kopir started in assisted mode (and
 *   cleared what a crash may have left)
 * @KOPIR_AUDIT_ACTION_STAFF_SIGN_IN: a member of staff signed in, or tried
 * @KOPIR_AUDIT_ACTION_STAFF_SIGN_OUT: they signed out
 * @KOPIR_AUDIT_ACTION_STAFF_SESSION_EXPIRED: the exchange ended their
 *   session
 * @KOPIR_AUDIT_ACTION_STAFF_LOCK: the window locked (idle or by hand)
 * @KOPIR_AUDIT_ACTION_STAFF_UNLOCK: it was unlocked, or an unlock failed
 * @KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_START: a customer session began
 * @KOPIR_AUDIT_ACTION_CUSTOMER_IDENTIFY: a customer's one-time code was
 *   checked
 * @KOPIR_AUDIT_ACTION_CUSTOMER_HANDOVER: the screen went to the customer
 *   and came back (consents, a code)
 * @KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_END: the session ended and the
 *   customer's data was wiped
 * @KOPIR_AUDIT_ACTION_KYC_SUBMIT: an account application was submitted
 * @KOPIR_AUDIT_ACTION_BANK_LINK: a bank account was linked
 * @KOPIR_AUDIT_ACTION_BANK_UNLINK: a bank account was unlinked
 * @KOPIR_AUDIT_ACTION_BANK_DEPOSIT: a deposit was made or simulated
 * @KOPIR_AUDIT_ACTION_BANK_WITHDRAW: a withdrawal was asked for
 * @KOPIR_AUDIT_ACTION_ORDER_CONFIRM: the customer confirmed a purchase
 *   with their code
 * @KOPIR_AUDIT_ACTION_ORDER_PLACE: an order was placed, with its outcome
 * @KOPIR_AUDIT_ACTION_ORDER_CANCEL: an order was cancelled
 * @KOPIR_AUDIT_ACTION_DOCUMENT_PRINT: a document was printed or exported
 * @KOPIR_AUDIT_ACTION_AUDIT_EXPORT: the trail was exported
 * @KOPIR_AUDIT_ACTION_AUDIT_VERIFY: the chain was verified
 *
 * What a staff action was. The values are not stored; the names
 * (kopir_audit_action_to_string()) and MESSAGE_IDs are, and never change.
 */
typedef enum
{
  KOPIR_AUDIT_ACTION_ASSISTED_START,
  KOPIR_AUDIT_ACTION_STAFF_SIGN_IN,
  KOPIR_AUDIT_ACTION_STAFF_SIGN_OUT,
  KOPIR_AUDIT_ACTION_STAFF_SESSION_EXPIRED,
  KOPIR_AUDIT_ACTION_STAFF_LOCK,
  KOPIR_AUDIT_ACTION_STAFF_UNLOCK,
  KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_START,
  KOPIR_AUDIT_ACTION_CUSTOMER_IDENTIFY,
  KOPIR_AUDIT_ACTION_CUSTOMER_HANDOVER,
  KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_END,
  KOPIR_AUDIT_ACTION_KYC_SUBMIT,
  KOPIR_AUDIT_ACTION_BANK_LINK,
  KOPIR_AUDIT_ACTION_BANK_UNLINK,
  KOPIR_AUDIT_ACTION_BANK_DEPOSIT,
  KOPIR_AUDIT_ACTION_BANK_WITHDRAW,
  KOPIR_AUDIT_ACTION_ORDER_CONFIRM,
  KOPIR_AUDIT_ACTION_ORDER_PLACE,
  KOPIR_AUDIT_ACTION_ORDER_CANCEL,
  KOPIR_AUDIT_ACTION_DOCUMENT_PRINT,
  KOPIR_AUDIT_ACTION_AUDIT_EXPORT,
  KOPIR_AUDIT_ACTION_AUDIT_VERIFY,
  KOPIR_AUDIT_N_ACTIONS,
} KopirAuditAction;

#define KOPIR_TYPE_AUDIT_TRAIL (kopir_audit_trail_get_type ())

G_DECLARE_FINAL_TYPE (KopirAuditTrail, kopir_audit_trail, KOPIR, AUDIT_TRAIL, GObject)

const char      *kopir_audit_action_to_string      (KopirAuditAction      action);
gboolean         kopir_audit_action_from_string    (const char           *name,
                                                    KopirAuditAction     *action);
const char      *kopir_audit_action_get_message_id (KopirAuditAction      action);
const char      *kopir_audit_action_get_label      (KopirAuditAction      action);
const char      *kopir_audit_outcome_get_label     (const char           *outcome);

char            *kopir_audit_details               (const char           *first_key,
                                                    ...) G_GNUC_NULL_TERMINATED;
char            *kopir_audit_actor_for_staff       (const char           *staff_id);
char            *kopir_audit_subject_for_iin       (const char           *iin);

KopirAuditTrail *kopir_audit_trail_new             (const char           *path,
                                                    GError              **error);
const char      *kopir_audit_trail_get_path        (KopirAuditTrail      *self);
void             kopir_audit_trail_flush           (KopirAuditTrail      *self);

void             kopir_audit_trail_record_async    (KopirAuditTrail      *self,
                                                    KopirAuditAction      action,
                                                    const char           *staff_id,
                                                    const char           *customer_iin,
                                                    const char           *outcome,
                                                    const char           *details_json,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gint64           kopir_audit_trail_record_finish   (KopirAuditTrail      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void             kopir_audit_trail_list_async      (KopirAuditTrail      *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GListModel      *kopir_audit_trail_list_finish     (KopirAuditTrail      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void             kopir_audit_trail_verify_async    (KopirAuditTrail      *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         kopir_audit_trail_verify_finish   (KopirAuditTrail      *self,
                                                    GAsyncResult         *result,
                                                    gint64               *first_bad_seq,
                                                    GError              **error);
void             kopir_audit_trail_export_csv_async  (KopirAuditTrail    *self,
                                                      GListModel         *items,
                                                      GFile              *file,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean         kopir_audit_trail_export_csv_finish (KopirAuditTrail    *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

char            *kopir_audit_items_to_csv          (GListModel           *items);

G_END_DECLS
