/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-audit-log.h: the append-only record of what staff and customers
 * did in assisted mode.
 *
 * Each entry (time, actor, action, subject, outcome, details as JSON) is
 * chained to the one before by SHA-256: its hash covers its own fields and
 * the previous entry's hash.  kopir_audit_log_verify() walks the chain and
 * names the first entry (by sequence number) that was altered, removed or
 * moved.  The table refuses UPDATE and DELETE; the chain catches whoever
 * goes around that.  Cutting entries off the end leaves a valid shorter
 * chain, so keep the head (kopir_audit_log_get_head()) somewhere else and
 * pass it to verify to catch that too.
 *
 * Entries must not hold personal data: subjects are masked (see
 * kopir_iin_mask() and kopir_iban_mask()), and an entry with what looks
 * like a whole IIN or IBAN is refused.
 *
 * Like the ledger, it is synchronous and for one thread at a time.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KOPIR_AUDIT_HASH_LENGTH 64

/**
 * KopirAuditEntry:
 * @seq: sequence number, from 1, without gaps
 * @time_us: when, Unix microseconds
 * @actor: who, e.g. "staff:1042" or "customer"
 * @action: what, e.g. "kyc.submit"
 * @subject: whom or what it concerns, masked, e.g. "iin:********0122"
 * @outcome: e.g. "ok", "refused", "error"
 * @details: a JSON object with more detail
 * @prev_hash: the previous entry's hash (64 zeros for the first)
 * @hash: this entry's hash, lower-case hex
 */
typedef struct
{
  gint64  seq;
  gint64  time_us;
  char   *actor;
  char   *action;
  char   *subject;
  char   *outcome;
  char   *details;
  char   *prev_hash;
  char   *hash;
} KopirAuditEntry;

/**
 * KopirAuditLogError:
 * @KOPIR_AUDIT_LOG_ERROR_FAILED: the database failed
 * @KOPIR_AUDIT_LOG_ERROR_TAMPERED: the chain is broken
 * @KOPIR_AUDIT_LOG_ERROR_INVALID: a missing field, or personal data
 * @KOPIR_AUDIT_LOG_ERROR_NEWER_SCHEMA: written by a newer Kopir
 */
typedef enum
{
  KOPIR_AUDIT_LOG_ERROR_FAILED,
  KOPIR_AUDIT_LOG_ERROR_TAMPERED,
  KOPIR_AUDIT_LOG_ERROR_INVALID,
  KOPIR_AUDIT_LOG_ERROR_NEWER_SCHEMA,
} KopirAuditLogError;

#define KOPIR_AUDIT_LOG_ERROR (kopir_audit_log_error_quark ())

#define KOPIR_TYPE_AUDIT_LOG (kopir_audit_log_get_type ())

G_DECLARE_FINAL_TYPE (KopirAuditLog, kopir_audit_log, KOPIR, AUDIT_LOG, GObject)

GQuark         kopir_audit_log_error_quark (void);

void           kopir_audit_entry_free      (KopirAuditEntry *entry);
char          *kopir_audit_entry_compute_hash (const KopirAuditEntry *entry);

KopirAuditLog *kopir_audit_log_open        (const char      *path,
                                            GError         **error);
gboolean       kopir_audit_log_append      (KopirAuditLog   *self,
                                            const char      *actor,
                                            const char      *action,
                                            const char      *subject,
                                            const char      *outcome,
                                            const char      *details_json,
                                            gint64          *seq,
                                            GError         **error);
gboolean       kopir_audit_log_get_head    (KopirAuditLog   *self,
                                            gint64          *seq,
                                            char           **hash,
                                            GError         **error);
GPtrArray     *kopir_audit_log_list        (KopirAuditLog   *self,
                                            gint64           after_seq,
                                            guint            limit,
                                            GError         **error);
gboolean       kopir_audit_log_verify      (KopirAuditLog   *self,
                                            gint64           head_seq,
                                            const char      *head_hash,
                                            gint64          *first_bad_seq,
                                            GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirAuditEntry, kopir_audit_entry_free)

G_END_DECLS
