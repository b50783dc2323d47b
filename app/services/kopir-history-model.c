/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-history-model.c: the ledger's history as a list model, read page
 * by page as it is looked at
 *
 * The list is as long as the history from the start (a count, which the
 * indexes make cheap), so its scroll bar tells the truth; but rows are
 * read only when a list asks for them, a page at a time, in a worker
 * thread. An item asked for before its page has arrived comes back empty
 * and fills in when it does.
 *
 * Memory does not grow with the history: the model keeps the entries of
 * the last MAX_PAGES pages it read, and otherwise only weak references to
 * the items a list still holds (the visible rows). An item nobody holds
 * any more is forgotten; asked for again, it is made again from a cached
 * page or read again.
 *
 * The model reads its own connection to the ledger file, so long reads
 * never wait for, or hold up, the purchase manager's writes; its jobs run
 * one at a time.
 */

#define G_LOG_DOMAIN "kopir-history-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-history-csv.h"
#include "kopir-history-model.h"

#define MAX_PAGES 16

struct _KopirHistoryModel
{
  GObject       parent_instance;

  char         *ledger_path;
  KopirLedger  *ledger;        /* worker threads only, under the mutex */
  GMutex        mutex;

  /* The query the list shows; its strings are owned here. */
  KopirLedgerQuery query;
  char         *asset;
  char         *text;
  guint         serial;        /* changes with the query and on reload */

  guint         n_items;
  gboolean      counting;
  GError       *error;

  GHashTable   *pages;         /* page number -> GPtrArray of KopirLedgerEntry */
  GQueue        lru;           /* page numbers, most recent first */
  GHashTable   *requested;     /* page numbers being read */
  GHashTable   *items;         /* position -> KopirHistoryItem (weak) */

  GCancellable *cancellable;
};

static void kopir_history_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KopirHistoryModel, kopir_history_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      kopir_history_model_list_model_init))

enum {
  PROP_0,
  PROP_LEDGER_PATH,
  PROP_COUNTING,
  PROP_FILTERED,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void request_page (KopirHistoryModel *self,
                          guint              page);

void
kopir_history_details_free (KopirHistoryDetails *details)
{
  if (details == NULL)
    return;

  kopir_ledger_order_free (details->order);
  g_clear_pointer (&details->fills, g_array_unref);
  g_clear_pointer (&details->events, g_array_unref);
  g_free (details);
}

/* Jobs in the worker */

typedef gpointer (*JobFunc) (KopirLedger  *ledger,
                             gpointer      data,
                             GCancellable *cancellable,
                             GError      **error);

typedef struct
{
  JobFunc        func;
  gpointer       data;
  GDestroyNotify free_data;
  GDestroyNotify free_result;
  guint          serial;
} Job;

static void
job_free (Job *job)
{
  if (job->free_data != NULL)
    job->free_data (job->data);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  KopirHistoryModel *self = source_object;
  Job *job = task_data;
  GError *error = NULL;
  gpointer result = NULL;

  g_mutex_lock (&self->mutex);
  if (self->ledger == NULL)
    self->ledger = kopir_ledger_open (self->ledger_path, &error);
  if (self->ledger != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    result = job->func (self->ledger, job->data, cancellable, &error);
  g_mutex_unlock (&self->mutex);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->free_result);
}

static void
run_job (KopirHistoryModel   *self,
         gpointer             source_tag,
         JobFunc              func,
         gpointer             data,
         GDestroyNotify       free_data,
         GDestroyNotify       free_result,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->free_data = free_data;
  job->free_result = free_result;
  job->serial = self->serial;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

/* A copy of the query that a worker can read while the list changes its
 * own. */
typedef struct
{
  KopirLedgerQuery query;
  char            *asset;
  char            *text;
} QueryCopy;

static QueryCopy *
query_copy (KopirHistoryModel *self)
{
  QueryCopy *copy = g_new0 (QueryCopy, 1);

  copy->query = self->query;
  copy->asset = g_strdup (self->asset);
  copy->text = g_strdup (self->text);
  copy->query.asset = copy->asset;
  copy->query.text = copy->text;

  return copy;
}

static void
query_copy_free (QueryCopy *copy)
{
  g_free (copy->asset);
  g_free (copy->text);
  g_free (copy);
}

static gpointer
job_count (KopirLedger  *ledger,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  QueryCopy *copy = data;
  guint *n = g_new0 (guint, 1);

  if (!kopir_ledger_count_history (ledger, &copy->query, n, error))
    {
      g_free (n);
      return NULL;
    }

  return n;
}

static gpointer
job_page (KopirLedger  *ledger,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  QueryCopy *copy = data;

  return kopir_ledger_query_history (ledger, &copy->query, error);
}

static gpointer
job_details (KopirLedger  *ledger,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(KopirHistoryDetails) details = g_new0 (KopirHistoryDetails, 1);
  const char *client_order_id = data;

  details->order = kopir_ledger_lookup_order (ledger, client_order_id, error);
  if (details->order == NULL)
    return NULL;
  details->fills = kopir_ledger_list_fills (ledger, client_order_id, error);
  if (details->fills == NULL)
    return NULL;
  details->events = kopir_ledger_list_order_events (ledger, client_order_id, error);
  if (details->events == NULL)
    return NULL;

  return g_steal_pointer (&details);
}

typedef struct
{
  QueryCopy *query;
  GFile     *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  query_copy_free (data->query);
  g_clear_object (&data->file);
  g_free (data);
}

static gpointer
job_export (KopirLedger  *ledger,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  ExportData *export = data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  guint *n_rows = g_new0 (guint, 1);

  /* Replaced in one step: a failed export leaves an older file whole. */
  stream = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    goto failed;

  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
  if (!kopir_history_csv_write (ledger, &export->query->query, buffered, n_rows, cancellable, error))
    {
      /* Closing after a cancel would put the incomplete file in place. */
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      goto failed;
    }

  if (!g_output_stream_close (buffered, cancellable, error))
    goto failed;

  return n_rows;

failed:
  g_free (n_rows);
  return NULL;
}

/* The cache of pages */

static void
item_finalized (gpointer  data,
                GObject  *where_the_object_was)
{
  KopirHistoryModel *self = data;
  /* Weak references are dropped during dispose, before finalize: the
   * item still knows its position. */
  gpointer position = GUINT_TO_POINTER (kopir_history_item_get_position ((KopirHistoryItem *) where_the_object_was));

  if (g_hash_table_lookup (self->items, position) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->items, position);
}

static void
forget_items (KopirHistoryModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, item_finalized, self);
  g_hash_table_remove_all (self->items);
}

static void
clear_pages (KopirHistoryModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->requested);
  g_queue_clear (&self->lru);
}

static void
touch_page (KopirHistoryModel *self,
            guint              page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    {
      guint oldest = GPOINTER_TO_UINT (g_queue_pop_tail (&self->lru));

      /* Items on screen keep their page alive by reference. */
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest));
    }
}

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  KopirHistoryModel *self = KOPIR_HISTORY_MODEL (object);
  guint page = GPOINTER_TO_UINT (user_data);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint first;

  entries = g_task_propagate_pointer (G_TASK (result), &error);

  /* A page of an older query or list: what it says no longer applies. */
  if (job->serial != self->serial)
    return;

  g_hash_table_remove (self->requested, GUINT_TO_POINTER (page));

  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Reading the history: %s", error->message);
          g_clear_error (&self->error);
          self->error = g_steal_pointer (&error);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
        }
      return;
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), g_ptr_array_ref (entries));
  touch_page (self, page);

  first = page * KOPIR_HISTORY_MODEL_PAGE_SIZE;
  for (guint i = 0; i < entries->len; i++)
    {
      KopirHistoryItem *item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (first + i));

      if (item != NULL && !kopir_history_item_get_loaded (item))
        kopir_history_item_set_entry (item, entries, i);
    }
}

static void
request_page (KopirHistoryModel *self,
              guint              page)
{
  QueryCopy *copy;

  if (self->counting || g_hash_table_contains (self->requested, GUINT_TO_POINTER (page)))
    return;

  g_hash_table_add (self->requested, GUINT_TO_POINTER (page));

  copy = query_copy (self);
  copy->query.limit = KOPIR_HISTORY_MODEL_PAGE_SIZE;
  copy->query.offset = page * KOPIR_HISTORY_MODEL_PAGE_SIZE;
  run_job (self, request_page, job_page, copy, (GDestroyNotify) query_copy_free,
           (GDestroyNotify) g_ptr_array_unref, self->cancellable, page_loaded_cb,
           GUINT_TO_POINTER (page));
}

/* Counting */

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KopirHistoryModel *self = KOPIR_HISTORY_MODEL (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autofree guint *n = NULL;
  g_autoptr(GError) error = NULL;
  guint removed;

  n = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->serial != self->serial)
    return;

  self->counting = FALSE;

  if (n == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Counting the history: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  else if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  /* Everything the list shows is replaced at once: the rows it holds are
   * of the old query, and are forgotten here. */
  removed = self->n_items;
  self->n_items = n != NULL ? *n : 0;
  forget_items (self);
  clear_pages (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
start_count (KopirHistoryModel *self)
{
  self->serial++;

  if (!self->counting)
    {
      self->counting = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
    }

  /* Pages of the old query still being read are dropped when they come. */
  g_hash_table_remove_all (self->requested);

  run_job (self, start_count, job_count, query_copy (self), (GDestroyNotify) query_copy_free,
           g_free, self->cancellable, count_cb, NULL);
}

/* GListModel */

static GType
kopir_history_model_get_item_type (GListModel *model)
{
  return KOPIR_TYPE_HISTORY_ITEM;
}

static guint
kopir_history_model_get_n_items (GListModel *model)
{
  return KOPIR_HISTORY_MODEL (model)->n_items;
}

static gpointer
kopir_history_model_get_item (GListModel *model,
                              guint       position)
{
  KopirHistoryModel *self = KOPIR_HISTORY_MODEL (model);
  KopirHistoryItem *item;
  GPtrArray *entries;
  guint page;

  if (position >= self->n_items)
    return NULL;

  item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  item = kopir_history_item_new (position);
  page = position / KOPIR_HISTORY_MODEL_PAGE_SIZE;
  entries = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (entries != NULL && position % KOPIR_HISTORY_MODEL_PAGE_SIZE < entries->len)
    {
      kopir_history_item_set_entry (item, entries, position % KOPIR_HISTORY_MODEL_PAGE_SIZE);
      touch_page (self, page);
    }
  else
    request_page (self, page);

  /* Weak: the list holds what it shows; once it lets go, so does this. */
  g_object_weak_ref (G_OBJECT (item), item_finalized, self);
  g_hash_table_insert (self->items, GUINT_TO_POINTER (position), item);

  return item;
}

static void
kopir_history_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kopir_history_model_get_item_type;
  iface->get_n_items = kopir_history_model_get_n_items;
  iface->get_item = kopir_history_model_get_item;
}

/* GObject */

static void
kopir_history_model_dispose (GObject *object)
{
  KopirHistoryModel *self = (KopirHistoryModel *)object;

  g_cancellable_cancel (self->cancellable);
  forget_items (self);
  clear_pages (self);

  G_OBJECT_CLASS (kopir_history_model_parent_class)->dispose (object);
}

static void
kopir_history_model_finalize (GObject *object)
{
  KopirHistoryModel *self = (KopirHistoryModel *)object;

  g_clear_object (&self->ledger);
  g_mutex_clear (&self->mutex);
  g_clear_pointer (&self->ledger_path, g_free);
  g_clear_pointer (&self->asset, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->requested, g_hash_table_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kopir_history_model_parent_class)->finalize (object);
}

static void
kopir_history_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KopirHistoryModel *self = KOPIR_HISTORY_MODEL (object);

  switch (prop_id)
    {
    case PROP_LEDGER_PATH:
      g_value_set_string (value, self->ledger_path);
      break;
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;
    case PROP_FILTERED:
      g_value_set_boolean (value, kopir_history_model_get_filtered (self));
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_history_model_class_init (KopirHistoryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_history_model_dispose;
  object_class->finalize = kopir_history_model_finalize;
  object_class->get_property = kopir_history_model_get_property;

  properties[PROP_LEDGER_PATH] =
    g_param_spec_string ("ledger-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* TRUE until the list knows how long it is. */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether a filter or a search hides part of the history. */
  properties[PROP_FILTERED] =
    g_param_spec_boolean ("filtered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Why the history could not be read, in words for people; NULL when it
   * was. */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_history_model_init (KopirHistoryModel *self)
{
  g_mutex_init (&self->mutex);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->requested = g_hash_table_new (NULL, NULL);
  self->items = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
}

/**
 * kopir_history_model_new:
 * @ledger_path: the ledger file, as kopir_ledger_get_path() gives it
 *
 * Makes a list of the whole history, newest first; it counts at once and
 * reads pages as they are asked for.
 *
 * Returns: (transfer full): a new #KopirHistoryModel
 */
KopirHistoryModel *
kopir_history_model_new (const char *ledger_path)
{
  KopirHistoryModel *self;

  g_return_val_if_fail (ledger_path != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_HISTORY_MODEL, NULL);
  self->ledger_path = g_strdup (ledger_path);
  start_count (self);

  return self;
}

const char *
kopir_history_model_get_ledger_path (KopirHistoryModel *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (self), NULL);

  return self->ledger_path;
}

/**
 * kopir_history_model_set_filter:
 * @self: a #KopirHistoryModel
 * @filter: (nullable): what to show, %NULL for everything
 *
 * Shows only what @filter lets through. The list keeps showing what it
 * showed until the new one is counted, then changes at once.
 */
void
kopir_history_model_set_filter (KopirHistoryModel        *self,
                                const KopirHistoryFilter *filter)
{
  KopirHistoryFilter none = { 0, };
  gboolean was_filtered;

  g_return_if_fail (KOPIR_IS_HISTORY_MODEL (self));

  if (filter == NULL)
    filter = &none;

  if (self->query.kinds == filter->kinds &&
      self->query.from_us == filter->from_us &&
      self->query.to_us == filter->to_us &&
      g_strcmp0 (self->asset, filter->asset) == 0 &&
      g_strcmp0 (self->text, (filter->text != NULL && *filter->text != '\0') ? filter->text : NULL) == 0)
    return;

  was_filtered = kopir_history_model_get_filtered (self);

  g_free (self->asset);
  g_free (self->text);
  self->asset = g_strdup (filter->asset);
  self->text = (filter->text != NULL && *filter->text != '\0') ? g_strdup (filter->text) : NULL;
  self->query.kinds = filter->kinds;
  self->query.from_us = filter->from_us;
  self->query.to_us = filter->to_us;
  self->query.asset = self->asset;
  self->query.text = self->text;

  start_count (self);

  if (was_filtered != kopir_history_model_get_filtered (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERED]);
}

/**
 * kopir_history_model_set_sort:
 * @self: a #KopirHistoryModel
 * @sort: the order
 * @ascending: oldest (A, orders) first
 *
 * Orders the list.
 */
void
kopir_history_model_set_sort (KopirHistoryModel *self,
                              KopirLedgerSort    sort,
                              gboolean           ascending)
{
  g_return_if_fail (KOPIR_IS_HISTORY_MODEL (self));

  if (self->query.sort == sort && self->query.ascending == !!ascending)
    return;

  self->query.sort = sort;
  self->query.ascending = !!ascending;
  start_count (self);
}

/**
 * kopir_history_model_reload:
 * @self: a #KopirHistoryModel
 *
 * Reads the history again, after orders or transfers were recorded.
 */
void
kopir_history_model_reload (KopirHistoryModel *self)
{
  g_return_if_fail (KOPIR_IS_HISTORY_MODEL (self));

  start_count (self);
}

gboolean
kopir_history_model_get_counting (KopirHistoryModel *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (self), FALSE);

  return self->counting;
}

gboolean
kopir_history_model_get_filtered (KopirHistoryModel *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (self), FALSE);

  return self->query.kinds != 0 || self->query.asset != NULL || self->query.from_us != 0 ||
         self->query.to_us != 0 || self->query.text != NULL;
}

/**
 * kopir_history_model_get_error:
 * @self: a #KopirHistoryModel
 *
 * Returns: (nullable): why the history could not be read
 */
const GError *
kopir_history_model_get_error (KopirHistoryModel *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (self), NULL);

  return self->error;
}

/**
 * kopir_history_model_get_n_pages_cached:
 * @self: a #KopirHistoryModel
 *
 * Returns: how many pages of entries the model keeps, for tests and
 *   benchmarks: never more than a fixed number
 */
guint
kopir_history_model_get_n_pages_cached (KopirHistoryModel *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (self), 0);

  return g_hash_table_size (self->pages);
}

/**
 * kopir_history_model_get_n_items_alive:
 * @self: a #KopirHistoryModel
 *
 * Returns: how many of its items are held by someone (a list's rows)
 */
guint
kopir_history_model_get_n_items_alive (KopirHistoryModel *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (self), 0);

  return g_hash_table_size (self->items);
}

/**
 * kopir_history_model_load_details_async:
 * @self: a #KopirHistoryModel
 * @client_order_id: the order
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the details
 * @user_data: data for @callback
 *
 * Reads an order as the ledger holds it now, with its fills and the
 * history of its states.
 */
void
kopir_history_model_load_details_async (KopirHistoryModel   *self,
                                        const char          *client_order_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (KOPIR_IS_HISTORY_MODEL (self));
  g_return_if_fail (client_order_id != NULL);

  run_job (self, kopir_history_model_load_details_async, job_details, g_strdup (client_order_id),
           g_free, (GDestroyNotify) kopir_history_details_free, cancellable, callback, user_data);
}

/**
 * kopir_history_model_load_details_finish:
 * @self: a #KopirHistoryModel
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the order, its fills and its states
 */
KopirHistoryDetails *
kopir_history_model_load_details_finish (KopirHistoryModel  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kopir_history_model_export_csv_async:
 * @self: a #KopirHistoryModel
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when written
 * @user_data: data for @callback
 *
 * Writes what the list shows, with its filters and in its order, to
 * @file as CSV (see kopir_history_csv_write()). The file is replaced in
 * one step, private to the user.
 */
void
kopir_history_model_export_csv_async (KopirHistoryModel   *self,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  ExportData *data;

  g_return_if_fail (KOPIR_IS_HISTORY_MODEL (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->query = query_copy (self);
  data->file = g_object_ref (file);
  run_job (self, kopir_history_model_export_csv_async, job_export, data,
           (GDestroyNotify) export_data_free, g_free, cancellable, callback, user_data);
}

/**
 * kopir_history_model_export_csv_finish:
 * @self: a #KopirHistoryModel
 * @result: the result
 * @n_rows: (out) (optional): how many entries were written
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the file was written
 */
gboolean
kopir_history_model_export_csv_finish (KopirHistoryModel  *self,
                                       GAsyncResult       *result,
                                       guint              *n_rows,
                                       GError            **error)
{
  g_autofree guint *n = NULL;

  g_return_val_if_fail (KOPIR_IS_HISTORY_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_pointer (G_TASK (result), error);
  if (n == NULL)
    return FALSE;

  if (n_rows != NULL)
    *n_rows = *n;

  return TRUE;
}

/* Reading one order's details without a list */

/**
 * kopir_history_details_read:
 * @ledger_path: the ledger file
 * @client_order_id: the order
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an order with its fills and states on a connection of its own, in
 * this thread: for a document built at the moment it is asked for.
 *
 * Returns: (transfer full): the order, its fills and its states, or %NULL
 *   with @error
 */
KopirHistoryDetails *
kopir_history_details_read (const char    *ledger_path,
                            const char    *client_order_id,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(KopirLedger) ledger = NULL;

  g_return_val_if_fail (ledger_path != NULL && client_order_id != NULL, NULL);

  ledger = kopir_ledger_open (ledger_path, error);
  if (ledger == NULL)
    return NULL;

  return job_details (ledger, (gpointer) client_order_id, cancellable, error);
}

static void
read_details_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  char **args = task_data;
  KopirHistoryDetails *details;
  GError *error = NULL;

  details = kopir_history_details_read (args[0], args[1], cancellable, &error);
  if (details == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, details, (GDestroyNotify) kopir_history_details_free);
}

/**
 * kopir_history_details_read_async:
 * @ledger_path: the ledger file
 * @client_order_id: the order
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the details
 * @user_data: data for @callback
 *
 * Reads an order with its fills and states on a connection of its own,
 * in a worker thread: for a purchase's result, where no list is open.
 */
void
kopir_history_details_read_async (const char          *ledger_path,
                                  const char          *client_order_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **args;

  g_return_if_fail (ledger_path != NULL && client_order_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_history_details_read_async);
  args = g_new0 (char *, 3);
  args[0] = g_strdup (ledger_path);
  args[1] = g_strdup (client_order_id);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_details_thread);
}

/**
 * kopir_history_details_read_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the order, its fills and its states
 */
KopirHistoryDetails *
kopir_history_details_read_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
