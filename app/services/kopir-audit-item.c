/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-audit-item.c: one entry of the audit trail, for list models
 *
 * The supervisor view shows the trail in a GtkColumnView, which wants
 * GObjects with properties to bind and filter on; this wraps a copy of one
 * KopirAuditEntry. The staff id and the customer are split out of the
 * entry's actor ("staff:S0001") and subject ("iin:********0122") so that
 * columns show them plainly.
 */

#define G_LOG_DOMAIN "kopir-audit"

#include "config.h"

#include <string.h>

#include "kopir-audit-item.h"

struct _KopirAuditItem
{
  GObject          parent_instance;

  KopirAuditEntry  entry;
  GDateTime       *time;
};

G_DEFINE_FINAL_TYPE (KopirAuditItem, kopir_audit_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_TIME,
  PROP_STAFF_ID,
  PROP_ACTION,
  PROP_CUSTOMER,
  PROP_OUTCOME,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_audit_item_finalize (GObject *object)
{
  KopirAuditItem *self = KOPIR_AUDIT_ITEM (object);

  g_free (self->entry.actor);
  g_free (self->entry.action);
  g_free (self->entry.subject);
  g_free (self->entry.outcome);
  g_free (self->entry.details);
  g_free (self->entry.prev_hash);
  g_free (self->entry.hash);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (kopir_audit_item_parent_class)->finalize (object);
}

static void
kopir_audit_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KopirAuditItem *self = KOPIR_AUDIT_ITEM (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->entry.seq);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_STAFF_ID:
      g_value_set_string (value, kopir_audit_item_get_staff_id (self));
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->entry.action);
      break;
    case PROP_CUSTOMER:
      g_value_set_string (value, kopir_audit_item_get_customer (self));
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->entry.outcome);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->entry.details);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_audit_item_class_init (KopirAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_audit_item_finalize;
  object_class->get_property = kopir_audit_item_get_property;

  properties[PROP_SEQ] =
    g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STAFF_ID] =
    g_param_spec_string ("staff-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER] =
    g_param_spec_string ("customer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OUTCOME] =
    g_param_spec_string ("outcome", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_audit_item_init (KopirAuditItem *self)
{
}

/**
 * kopir_audit_item_new:
 * @entry: an entry of the audit log; copied
 *
 * Returns: (transfer full): a new item
 */
KopirAuditItem *
kopir_audit_item_new (const KopirAuditEntry *entry)
{
  KopirAuditItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_AUDIT_ITEM, NULL);
  self->entry.seq = entry->seq;
  self->entry.time_us = entry->time_us;
  self->entry.actor = g_strdup (entry->actor);
  self->entry.action = g_strdup (entry->action);
  self->entry.subject = g_strdup (entry->subject);
  self->entry.outcome = g_strdup (entry->outcome);
  self->entry.details = g_strdup (entry->details);
  self->entry.prev_hash = g_strdup (entry->prev_hash);
  self->entry.hash = g_strdup (entry->hash);
  self->time = g_date_time_new_from_unix_utc (entry->time_us / G_USEC_PER_SEC);
  if (self->time != NULL)
    {
      GDateTime *with_us = g_date_time_add (self->time, entry->time_us % G_USEC_PER_SEC);

      g_date_time_unref (self->time);
      self->time = with_us;
    }

  return self;
}

gint64
kopir_audit_item_get_seq (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), 0);
  return self->entry.seq;
}

/**
 * kopir_audit_item_get_time:
 * @self: a #KopirAuditItem
 *
 * Returns: (transfer none) (nullable): when, in UTC
 */
GDateTime *
kopir_audit_item_get_time (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);
  return self->time;
}

const char *
kopir_audit_item_get_actor (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);
  return self->entry.actor;
}

/**
 * kopir_audit_item_get_staff_id:
 * @self: a #KopirAuditItem
 *
 * Returns: the staff id of a "staff:ID" actor, else the actor as it is
 */
const char *
kopir_audit_item_get_staff_id (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);

  if (g_str_has_prefix (self->entry.actor, "staff:"))
    return self->entry.actor + strlen ("staff:");
  return self->entry.actor;
}

const char *
kopir_audit_item_get_action (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);
  return self->entry.action;
}

const char *
kopir_audit_item_get_subject (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);
  return self->entry.subject;
}

/**
 * kopir_audit_item_get_customer:
 * @self: a #KopirAuditItem
 *
 * Returns: the masked IIN of an "iin:…" subject, else the subject
 */
const char *
kopir_audit_item_get_customer (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);

  if (g_str_has_prefix (self->entry.subject, "iin:"))
    return self->entry.subject + strlen ("iin:");
  return self->entry.subject;
}

const char *
kopir_audit_item_get_outcome (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);
  return self->entry.outcome;
}

const char *
kopir_audit_item_get_details (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);
  return self->entry.details;
}

const char *
kopir_audit_item_get_hash (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);
  return self->entry.hash;
}

/**
 * kopir_audit_item_get_entry:
 * @self: a #KopirAuditItem
 *
 * Returns: (transfer none): the entry as the log holds it
 */
const KopirAuditEntry *
kopir_audit_item_get_entry (KopirAuditItem *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_ITEM (self), NULL);
  return &self->entry;
}
