/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-audit-trail.c: what staff do in assisted mode, on the record
 *
 * See the header for the MESSAGE_IDs and journal fields. The log itself
 * is core's KopirAuditLog, which is synchronous and for one thread at a
 * time: here it belongs to a single worker thread that takes jobs in the
 * order they come, so entries are chained in the order things happened and
 * nothing waits on the disk in the main loop.
 *
 * Beside the log, in PATH.head, the trail keeps the last sequence number
 * and hash it wrote. Verification checks the chain up to that head, which
 * catches entries cut off the end of the log as well as altered ones.
 */

#define G_LOG_DOMAIN "kopir-audit"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kopir-audit-trail.h"
#include "kopir-iin.h"

struct _KopirAuditTrail
{
  GObject        parent_instance;

  char          *path;
  char          *head_path;
  KopirAuditLog *log;
  GThreadPool   *worker;
};

G_DEFINE_FINAL_TYPE (KopirAuditTrail, kopir_audit_trail, G_TYPE_OBJECT)

static const struct {
  const char *name;
  const char *message_id;
  const char *label;
} actions[KOPIR_AUDIT_N_ACTIONS] = {
  [KOPIR_AUDIT_ACTION_ASSISTED_START] =
    { "assisted.start", "5c6a6acf2e344f7894ba915913aa2926", N_("Assisted mode started") },
  [KOPIR_AUDIT_ACTION_STAFF_SIGN_IN] =
    { "staff.sign-in", "b8db35833ab54962bd22420d1e9b6861", N_("Staff sign-in") },
  [KOPIR_AUDIT_ACTION_STAFF_SIGN_OUT] =
    { "staff.sign-out", "f3771b55e10843d78f371064eed747bf", N_("Staff sign-out") },
  [KOPIR_AUDIT_ACTION_STAFF_SESSION_EXPIRED] =
    { "staff.session-expired", "cda6cef7318e49029ccafb0367e567af", N_("Staff session expired") },
  [KOPIR_AUDIT_ACTION_STAFF_LOCK] =
    { "staff.lock", "26e206f5e26c4f11ab71247dfb9727a1", N_("Screen locked") },
  [KOPIR_AUDIT_ACTION_STAFF_UNLOCK] =
    { "staff.unlock", "3f98aa7246804720bd967c3550eeac6d", N_("Screen unlocked") },
  [KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_START] =
    { "customer.session-start", "499a3e8252164979b83a12e9cff8eca8", N_("Customer session started") },
  [KOPIR_AUDIT_ACTION_CUSTOMER_IDENTIFY] =
    { "customer.identify", "956bb134025645dcbc0130af89077bf1", N_("Customer code checked") },
  [KOPIR_AUDIT_ACTION_CUSTOMER_HANDOVER] =
    { "customer.handover", "38e4d0e5c5e04ddbb68d20ad60347b8b", N_("Screen handed to the customer") },
  [KOPIR_AUDIT_ACTION_CUSTOMER_SESSION_END] =
    { "customer.session-end", "c1c22baa60bb4fe2b48a9ffc6226af0c", N_("Customer session ended") },
  [KOPIR_AUDIT_ACTION_KYC_SUBMIT] =
    { "kyc.submit", "6b11eea9c1dc49f1a5c0c60a5549fbd4", N_("Account application submitted") },
  [KOPIR_AUDIT_ACTION_BANK_LINK] =
    { "bank.link", "27cc340a4a8a4fc9966cb9fc29867ab9", N_("Bank account linked") },
  [KOPIR_AUDIT_ACTION_BANK_UNLINK] =
    { "bank.unlink", "5afb38ce1ea846f18593551046dc664e", N_("Bank account unlinked") },
  [KOPIR_AUDIT_ACTION_BANK_DEPOSIT] =
    { "bank.deposit", "0dde3a8c17be4dd5abdcee0d05eaeca1", N_("Tenge deposited") },
  [KOPIR_AUDIT_ACTION_BANK_WITHDRAW] =
    { "bank.withdraw", "397ff0d770d94b2295b837ea83a0a170", N_("Tenge withdrawal") },
  [KOPIR_AUDIT_ACTION_ORDER_CONFIRM] =
    { "order.confirm", "8c62c3fa90bd41d8861878d1279ac5c5", N_("Purchase confirmed by the customer") },
  [KOPIR_AUDIT_ACTION_ORDER_PLACE] =
    { "order.place", "2a16125996fc4e11b1663a9b36603274", N_("Order placed") },
  [KOPIR_AUDIT_ACTION_ORDER_CANCEL] =
    { "order.cancel", "83c139ad18ff4aa4a0e810594cf1a157", N_("Order cancelled") },
  [KOPIR_AUDIT_ACTION_DOCUMENT_PRINT] =
    { "document.print", "fd095dcc05db4cd4bf03de15e59c2b4b", N_("Document printed") },
  [KOPIR_AUDIT_ACTION_AUDIT_EXPORT] =
    { "audit.export", "a6743ed1330f466892cac8e53dd6f753", N_("Audit trail exported") },
  [KOPIR_AUDIT_ACTION_AUDIT_VERIFY] =
    { "audit.verify", "fbef61f5be74419caeeb70082ee83ff9", N_("Audit trail verified") },
};

static const struct {
  const char *outcome;
  const char *label;
} outcomes[] = {
  { "ok", NC_("audit outcome", "Done") },
  { "wrong-password", NC_("audit outcome", "Wrong password") },
  { "locked", NC_("audit outcome", "Staff id locked") },
  { "throttled", NC_("audit outcome", "Too soon after a wrong password") },
  { "expired", NC_("audit outcome", "Expired") },
  { "wrong-code", NC_("audit outcome", "Wrong code") },
  { "not-found", NC_("audit outcome", "Not found") },
  { "refused", NC_("audit outcome", "Refused") },
  { "cancelled", NC_("audit outcome", "Cancelled") },
  { "failed", NC_("audit outcome", "Failed") },
  { "unknown", NC_("audit outcome", "Outcome not known yet") },
  { "tampered", NC_("audit outcome", "Altered entries found") },
};

typedef enum
{
  JOB_RECORD,
  JOB_LIST,
  JOB_VERIFY,
  JOB_EXPORT,
} JobKind;

typedef struct
{
  JobKind           kind;
  GTask            *task;

  /* JOB_RECORD */
  KopirAuditAction  action;
  char             *actor;
  char             *staff_id;
  char             *subject;
  char             *iin_masked;
  char             *outcome;
  char             *details;

  /* JOB_EXPORT */
  char             *csv;
  GFile            *file;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job->actor);
  g_free (job->staff_id);
  g_free (job->subject);
  g_free (job->iin_masked);
  g_free (job->outcome);
  g_free (job->details);
  g_free (job->csv);
  g_clear_object (&job->file);
  g_free (job);
}

/**
 * kopir_audit_action_to_string:
 * @action: an action
 *
 * Returns: its stable name, e.g. "order.place"
 */
const char *
kopir_audit_action_to_string (KopirAuditAction action)
{
  g_return_val_if_fail (action < KOPIR_AUDIT_N_ACTIONS, NULL);
  return actions[action].name;
}

gboolean
kopir_audit_action_from_string (const char       *name,
                                KopirAuditAction *action)
{
  for (guint i = 0; i < KOPIR_AUDIT_N_ACTIONS; i++)
    if (g_strcmp0 (name, actions[i].name) == 0)
      {
        if (action != NULL)
          *action = (KopirAuditAction) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * kopir_audit_action_get_message_id:
 * @action: an action
 *
 * Returns: the journal MESSAGE_ID of @action: 32 lower-case hex digits
 *   that never change
 */
const char *
kopir_audit_action_get_message_id (KopirAuditAction action)
{
  g_return_val_if_fail (action < KOPIR_AUDIT_N_ACTIONS, NULL);
  return actions[action].message_id;
}

/**
 * kopir_audit_action_get_label:
 * @action: an action
 *
 * Returns: what it was, translated, for people reading the trail
 */
const char *
kopir_audit_action_get_label (KopirAuditAction action)
{
  g_return_val_if_fail (action < KOPIR_AUDIT_N_ACTIONS, NULL);
  return _(actions[action].label);
}

/**
 * kopir_audit_outcome_get_label:
 * @outcome: an outcome as recorded ("ok", "wrong-code", ...)
 *
 * Returns: it in words, translated, or @outcome itself if unknown
 */
const char *
kopir_audit_outcome_get_label (const char *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (outcome, outcomes[i].outcome) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "audit outcome", outcomes[i].label);

  return outcome;
}

/**
 * kopir_audit_details:
 * @first_key: (nullable): the first key, then its string value, then more
 *   pairs, ending with %NULL; a %NULL value leaves its key out
 *
 * Returns: (transfer full): the pairs as a JSON object
 */
char *
kopir_audit_details (const char *first_key,
                     ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
is_staff_id (const char *staff_id)
{
  gsize n = 0;

  for (const char *p = staff_id; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return n > 0 && n <= 16;
}

/**
 * kopir_audit_actor_for_staff:
 * @staff_id: (nullable): what was typed or given as the staff id
 *
 * A staff id as it may be recorded. Whatever was typed in the staff id
 * field of a failed sign-in is recorded only if it looks like a staff id:
 * people type their password there by mistake, and that must never reach
 * the log.
 *
 * Returns: (transfer full): "staff:S0001", "staff:?" for something else,
 *   or "system" for %NULL
 */
char *
kopir_audit_actor_for_staff (const char *staff_id)
{
  if (staff_id == NULL)
    return g_strdup ("system");
  if (!is_staff_id (staff_id))
    return g_strdup ("staff:?");
  return g_strdup_printf ("staff:%s", staff_id);
}

/**
 * kopir_audit_subject_for_iin:
 * @iin: (nullable): the customer's IIN, whole, or %NULL
 *
 * Returns: (transfer full): "iin:********0122", "iin:****" for an IIN
 *   not complete yet, or "" without a customer
 */
char *
kopir_audit_subject_for_iin (const char *iin)
{
  g_autofree char *masked = NULL;

  if (iin == NULL || *iin == '\0')
    return g_strdup ("");

  masked = kopir_iin_mask (iin);
  return g_strdup_printf ("iin:%s", masked);
}

/* In the worker thread */

static gboolean
write_head (KopirAuditTrail  *self,
            GError          **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *text = NULL;
  gint64 seq = 0;

  if (!kopir_audit_log_get_head (self->log, &seq, &hash, error))
    return FALSE;

  text = g_strdup_printf ("%" G_GINT64_FORMAT " %s\n", seq, hash);
  return g_file_set_contents_full (self->head_path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
read_head (KopirAuditTrail  *self,
           gint64           *seq,
           char            **hash)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  gint64 value;

  *seq = 0;
  *hash = NULL;
  if (!g_file_get_contents (self->head_path, &text, NULL, NULL))
    return FALSE;

  parts = g_strsplit (g_strstrip (text), " ", 2);
  if (g_strv_length (parts) != 2 || strlen (parts[1]) != KOPIR_AUDIT_HASH_LENGTH ||
      !g_ascii_string_to_signed (parts[0], 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;

  *seq = value;
  *hash = g_strdup (parts[1]);
  return TRUE;
}

static void
log_to_journal (Job        *job,
                gint64      seq,
                const char *hash)
{
  g_autofree char *message = NULL;
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  GLogField fields[12];
  gsize n = 0;

  if (job->iin_masked != NULL)
    message = g_strdup_printf ("Assisted mode: %s by %s for customer %s: %s",
                               actions[job->action].name, job->actor, job->iin_masked, job->outcome);
  else
    message = g_strdup_printf ("Assisted mode: %s by %s: %s",
                               actions[job->action].name, job->actor, job->outcome);

#define FIELD(k, v) G_STMT_START { fields[n].key = (k); fields[n].value = (v); fields[n].length = -1; n++; } G_STMT_END
  FIELD ("MESSAGE_ID", actions[job->action].message_id);
  FIELD ("MESSAGE", message);
  FIELD ("PRIORITY", "5");
  FIELD ("GLIB_DOMAIN", G_LOG_DOMAIN);
  FIELD ("KOPIR_ACTION", actions[job->action].name);
  FIELD ("KOPIR_OUTCOME", job->outcome);
  FIELD ("KOPIR_STAFF_ID", job->staff_id != NULL ? job->staff_id : "");
  if (job->iin_masked != NULL)
    FIELD ("KOPIR_CUSTOMER_IIN_MASKED", job->iin_masked);
  FIELD ("KOPIR_AUDIT_SEQ", seq_text);
  FIELD ("KOPIR_AUDIT_HASH", hash != NULL ? hash : "");
  FIELD ("KOPIR_DETAILS", job->details);
#undef FIELD

  g_assert (n <= G_N_ELEMENTS (fields));
  g_log_structured_array (G_LOG_LEVEL_MESSAGE, fields, n);
}

static void
run_record (KopirAuditTrail *self,
            Job             *job)
{
  GError *error = NULL;
  g_autofree char *hash = NULL;
  gint64 seq = 0;

  if (!kopir_audit_log_append (self->log, job->actor, actions[job->action].name, job->subject,
                               job->outcome, job->details, &seq, &error))
    {
      g_task_return_error (job->task, error);
      return;
    }

  /* The head is a help against truncation, not the record itself: failing
   * to write it is reported, the entry stands. */
  if (!write_head (self, &error))
    {
      g_warning ("Keeping the audit log's head: %s", error->message);
      g_clear_error (&error);
    }
  kopir_audit_log_get_head (self->log, &seq, &hash, NULL);

  log_to_journal (job, seq, hash);
  g_task_return_int (job->task, seq);
}

static void
run_list (KopirAuditTrail *self,
          Job             *job)
{
  g_autoptr(GListStore) store = g_list_store_new (KOPIR_TYPE_AUDIT_ITEM);
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;

  entries = kopir_audit_log_list (self->log, 0, 0, &error);
  if (entries == NULL)
    {
      g_task_return_error (job->task, error);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(KopirAuditItem) item = kopir_audit_item_new (g_ptr_array_index (entries, i));

      g_list_store_append (store, item);
    }

  g_task_return_pointer (job->task, g_steal_pointer (&store), g_object_unref);
}

static void
run_verify (KopirAuditTrail *self,
            Job             *job)
{
  g_autofree char *head_hash = NULL;
  GError *error = NULL;
  gint64 head_seq = 0;
  gint64 first_bad = 0;

  read_head (self, &head_seq, &head_hash);
  if (!kopir_audit_log_verify (self->log, head_seq, head_hash, &first_bad, &error))
    {
      g_task_set_task_data (job->task, g_memdup2 (&first_bad, sizeof first_bad), g_free);
      g_task_return_error (job->task, error);
      return;
    }

  g_task_return_boolean (job->task, TRUE);
}

static void
run_export (KopirAuditTrail *self,
            Job             *job)
{
  g_autofree char *path = g_file_get_path (job->file);
  GError *error = NULL;

  if (path == NULL)
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Choose a folder on this computer for the export."));
      return;
    }

  /* Private to the person who exported it, like the log. */
  if (!g_file_set_contents_full (path, job->csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_task_return_error (job->task, error);
      return;
    }

  g_task_return_boolean (job->task, TRUE);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  KopirAuditTrail *self = g_task_get_source_object (job->task);

  if (g_task_return_error_if_cancelled (job->task))
    {
      job_free (job);
      return;
    }

  switch (job->kind)
    {
    case JOB_RECORD:
      run_record (self, job);
      break;
    case JOB_LIST:
      run_list (self, job);
      break;
    case JOB_VERIFY:
      run_verify (self, job);
      break;
    case JOB_EXPORT:
      run_export (self, job);
      break;
    default:
      g_assert_not_reached ();
    }

  job_free (job);
}

/* GObject */

static void
kopir_audit_trail_finalize (GObject *object)
{
  KopirAuditTrail *self = KOPIR_AUDIT_TRAIL (object);

  /* Every job holds a reference to the trail, so none is left; this may
   * run on the worker thread itself, hence no waiting. */
  if (self->worker != NULL)
    g_thread_pool_free (self->worker, FALSE, FALSE);
  g_clear_object (&self->log);
  g_free (self->path);
  g_free (self->head_path);

  G_OBJECT_CLASS (kopir_audit_trail_parent_class)->finalize (object);
}

static void
kopir_audit_trail_class_init (KopirAuditTrailClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kopir_audit_trail_finalize;
}

static void
kopir_audit_trail_init (KopirAuditTrail *self)
{
}

/**
 * kopir_audit_trail_new:
 * @path: the audit log's own database file
 * @error: return location for a #GError
 *
 * Opens (or creates) the log. Assisted mode cannot work without it.
 *
 * Returns: (transfer full) (nullable): the trail
 */
KopirAuditTrail *
kopir_audit_trail_new (const char  *path,
                       GError     **error)
{
  g_autoptr(KopirAuditTrail) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_AUDIT_TRAIL, NULL);
  self->path = g_strdup (path);
  self->head_path = g_strconcat (path, ".head", NULL);
  self->log = kopir_audit_log_open (path, error);
  if (self->log == NULL)
    return NULL;

  /* One thread, exclusive to this trail: jobs run one at a time, in order. */
  self->worker = g_thread_pool_new (run_job, NULL, 1, TRUE, error);
  if (self->worker == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

const char *
kopir_audit_trail_get_path (KopirAuditTrail *self)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_TRAIL (self), NULL);
  return self->path;
}

/**
 * kopir_audit_trail_flush:
 * @self: a #KopirAuditTrail
 *
 * Blocks until every entry recorded so far is on disk and in the journal.
 * For the very end of the process, when there is no main loop left to
 * wait in: entries recorded afterwards are not written.
 */
void
kopir_audit_trail_flush (KopirAuditTrail *self)
{
  g_return_if_fail (KOPIR_IS_AUDIT_TRAIL (self));

  if (self->worker == NULL)
    return;

  g_thread_pool_free (self->worker, FALSE, TRUE);
  self->worker = NULL;
}

static void
push (KopirAuditTrail *self,
      Job             *job)
{
  GError *error = NULL;

  if (self->worker == NULL)
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _("The audit trail is closed."));
      job_free (job);
      return;
    }
  if (!g_thread_pool_push (self->worker, job, &error))
    {
      g_task_return_error (job->task, error);
      job_free (job);
    }
}

/**
 * kopir_audit_trail_record_async:
 * @self: a #KopirAuditTrail
 * @action: what was done
 * @staff_id: (nullable): by whom; %NULL for Kopir itself
 * @customer_iin: (nullable): for which customer: their whole IIN, which
 *   is masked here, or %NULL
 * @outcome: how it ended: "ok", "wrong-password", "failed", ...
 * @details_json: (nullable): a JSON object with more (no personal data),
 *   see kopir_audit_details()
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called once the entry is on disk and in the
 *   journal, or failed
 * @user_data: data for @callback
 *
 * Records a staff action. Entries are written in the order of the calls.
 */
void
kopir_audit_trail_record_async (KopirAuditTrail     *self,
                                KopirAuditAction     action,
                                const char          *staff_id,
                                const char          *customer_iin,
                                const char          *outcome,
                                const char          *details_json,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (KOPIR_IS_AUDIT_TRAIL (self));
  g_return_if_fail (action < KOPIR_AUDIT_N_ACTIONS);
  g_return_if_fail (outcome != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_RECORD;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, kopir_audit_trail_record_async);
  job->action = action;
  job->actor = kopir_audit_actor_for_staff (staff_id);
  job->staff_id = g_str_has_prefix (job->actor, "staff:") ? g_strdup (job->actor + strlen ("staff:")) : NULL;
  job->subject = kopir_audit_subject_for_iin (customer_iin);
  if (g_str_has_prefix (job->subject, "iin:"))
    job->iin_masked = g_strdup (job->subject + strlen ("iin:"));
  job->outcome = g_strdup (outcome);
  job->details = g_strdup (details_json != NULL ? details_json : "{}");

  push (self, job);
}

/**
 * kopir_audit_trail_record_finish:
 * @self: a #KopirAuditTrail
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: the entry's sequence number, or 0 on error
 */
gint64
kopir_audit_trail_record_finish (KopirAuditTrail  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_TRAIL (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

/**
 * kopir_audit_trail_list_async:
 * @self: a #KopirAuditTrail
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the entries
 * @user_data: data for @callback
 *
 * Reads every entry, after those recorded before this call.
 */
void
kopir_audit_trail_list_async (KopirAuditTrail     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (KOPIR_IS_AUDIT_TRAIL (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_LIST;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, kopir_audit_trail_list_async);
  push (self, job);
}

/**
 * kopir_audit_trail_list_finish:
 * @self: a #KopirAuditTrail
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a list of #KopirAuditItem, oldest first
 */
GListModel *
kopir_audit_trail_list_finish (KopirAuditTrail  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_TRAIL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kopir_audit_trail_verify_async:
 * @self: a #KopirAuditTrail
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Walks the whole chain up to the head kept beside the log.
 */
void
kopir_audit_trail_verify_async (KopirAuditTrail     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Job *job;

  g_return_if_fail (KOPIR_IS_AUDIT_TRAIL (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_VERIFY;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, kopir_audit_trail_verify_async);
  push (self, job);
}

/**
 * kopir_audit_trail_verify_finish:
 * @self: a #KopirAuditTrail
 * @result: the result
 * @first_bad_seq: (out) (optional): the first entry altered, removed or
 *   moved; 0 if none
 * @error: %KOPIR_AUDIT_LOG_ERROR_TAMPERED naming it, or another error
 *
 * Returns: %TRUE if the chain is intact
 */
gboolean
kopir_audit_trail_verify_finish (KopirAuditTrail  *self,
                                 GAsyncResult     *result,
                                 gint64           *first_bad_seq,
                                 GError          **error)
{
  gint64 *bad;

  g_return_val_if_fail (KOPIR_IS_AUDIT_TRAIL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  bad = g_task_get_task_data (G_TASK (result));
  if (first_bad_seq != NULL)
    *first_bad_seq = bad != NULL ? *bad : 0;

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
append_csv_field (GString    *out,
                  const char *value)
{
  value = value != NULL ? value : "";

  /* A spreadsheet runs a cell that starts with one of these as a
   * formula; a leading apostrophe keeps it text. */
  g_string_append_c (out, '"');
  if (strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * kopir_audit_items_to_csv:
 * @items: a list of #KopirAuditItem
 *
 * The entries as CSV (RFC 4180, CRLF line ends), with a header row:
 * sequence, time (ISO 8601, UTC), staff, action, customer (masked),
 * outcome, details, hash.
 *
 * Returns: (transfer full): the CSV text
 */
char *
kopir_audit_items_to_csv (GListModel *items)
{
  GString *out = g_string_new ("seq,time_utc,staff,action,customer,outcome,details,hash\r\n");
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirAuditItem) item = g_list_model_get_item (items, i);
      GDateTime *time = kopir_audit_item_get_time (item);
      g_autofree char *when = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

      g_string_append_printf (out, "%" G_GINT64_FORMAT ",", kopir_audit_item_get_seq (item));
      append_csv_field (out, when);
      g_string_append_c (out, ',');
      append_csv_field (out, kopir_audit_item_get_staff_id (item));
      g_string_append_c (out, ',');
      append_csv_field (out, kopir_audit_item_get_action (item));
      g_string_append_c (out, ',');
      append_csv_field (out, kopir_audit_item_get_customer (item));
      g_string_append_c (out, ',');
      append_csv_field (out, kopir_audit_item_get_outcome (item));
      g_string_append_c (out, ',');
      append_csv_field (out, kopir_audit_item_get_details (item));
      g_string_append_c (out, ',');
      append_csv_field (out, kopir_audit_item_get_hash (item));
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/**
 * kopir_audit_trail_export_csv_async:
 * @self: a #KopirAuditTrail
 * @items: the entries to export (a list of #KopirAuditItem, e.g. filtered)
 * @file: where to write, a local file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when written
 * @user_data: data for @callback
 *
 * Writes @items as CSV (kopir_audit_items_to_csv()) to @file, readable by
 * its owner only.
 */
void
kopir_audit_trail_export_csv_async (KopirAuditTrail     *self,
                                    GListModel          *items,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Job *job;

  g_return_if_fail (KOPIR_IS_AUDIT_TRAIL (self));
  g_return_if_fail (G_IS_LIST_MODEL (items));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (Job, 1);
  job->kind = JOB_EXPORT;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, kopir_audit_trail_export_csv_async);
  job->csv = kopir_audit_items_to_csv (items);
  job->file = g_object_ref (file);
  push (self, job);
}

gboolean
kopir_audit_trail_export_csv_finish (KopirAuditTrail  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (KOPIR_IS_AUDIT_TRAIL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
