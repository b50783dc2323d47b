/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-audit-item.h: one entry of the audit trail, for list models */

#pragma once

#include <glib-object.h>

#include "kopir-audit-log.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_AUDIT_ITEM (kopir_audit_item_get_type ())

G_DECLARE_FINAL_TYPE (KopirAuditItem, kopir_audit_item, KOPIR, AUDIT_ITEM, GObject)

KopirAuditItem *kopir_audit_item_new          (const KopirAuditEntry *entry);
gint64          kopir_audit_item_get_seq      (KopirAuditItem        *self);
GDateTime      *kopir_audit_item_get_time     (KopirAuditItem        *self);
const char     *kopir_audit_item_get_actor    (KopirAuditItem        *self);
const char     *kopir_audit_item_get_staff_id (KopirAuditItem        *self);
const char     *kopir_audit_item_get_action   (KopirAuditItem        *self);
const char     *kopir_audit_item_get_subject  (KopirAuditItem        *self);
const char     *kopir_audit_item_get_customer (KopirAuditItem        *self);
const char     *kopir_audit_item_get_outcome  (KopirAuditItem        *self);
const char     *kopir_audit_item_get_details  (KopirAuditItem        *self);
const char     *kopir_audit_item_get_hash     (KopirAuditItem        *self);
const KopirAuditEntry *kopir_audit_item_get_entry (KopirAuditItem    *self);

G_END_DECLS
