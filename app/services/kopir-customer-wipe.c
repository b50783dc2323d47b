/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-customer-wipe.c: what must go when a customer's session ends
 *
 * Files are overwritten with zeros and synced before they are removed, so
 * that the customer's data does not linger in free blocks of an ordinary
 * file system for the next person who reads the disk. (On flash storage or
 * a copy-on-write file system an overwrite may land elsewhere; full-disk
 * encryption of the branch computer is what covers that, and the bank's
 * IT sets it up.) Symbolic links are removed, never followed.
 */

#define G_LOG_DOMAIN "kopir-wipe"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kopir-customer-wipe.h"

typedef enum
{
  ITEM_PATH,
  ITEM_HOOK,
  ITEM_SECRETS,
} ItemKind;

typedef struct
{
  guint           id;
  ItemKind        kind;
  gboolean        removed;

  char           *path;

  KopirWipeFunc   func;
  gpointer        user_data;
  GDestroyNotify  destroy;

  KopirSecretKind secret_kind;
  char           *profile;
  char           *account;
} Item;

struct _KopirCustomerWipe
{
  GObject           parent_instance;

  KopirSecretStore *secrets;
  GPtrArray        *items;
  guint             next_id;
  guint             running;
};

G_DEFINE_FINAL_TYPE (KopirCustomerWipe, kopir_customer_wipe, G_TYPE_OBJECT)

static void
item_free (Item *item)
{
  if (item->destroy != NULL)
    item->destroy (item->user_data);
  g_free (item->path);
  g_free (item->profile);
  g_free (item->account);
  g_free (item);
}

typedef struct
{
  GStrv           paths;
  GPtrArray      *secrets;   /* Item, not owned: kept alive by running */
  guint           next_secret;
  KopirWipeReport report;
  GError         *error;
} RunData;

static void
run_data_free (RunData *data)
{
  g_strfreev (data->paths);
  g_clear_pointer (&data->secrets, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
keep_first_error (RunData *data,
                  GError  *error)
{
  data->report.n_failures++;
  if (data->error == NULL)
    data->error = error;
  else
    g_error_free (error);
}

static gboolean
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Kopir could not wipe the customer’s file %s: %s. Remove it before the next "
                 "customer, or call IT support."),
               display, g_strerror (errsv));
  return FALSE;
}

static gboolean
overwrite (int          fd,
           off_t        size,
           const char  *path,
           GError     **error)
{
  static const char zeros[4096] = { 0 };
  off_t done = 0;

  while (done < size)
    {
      size_t chunk = (size_t) MIN ((off_t) sizeof zeros, size - done);
      ssize_t n = write (fd, zeros, chunk);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return set_errno_error (error, errno, path);
        }
      done += n;
    }

  if (fsync (fd) != 0)
    return set_errno_error (error, errno, path);

  return TRUE;
}

/**
 * kopir_customer_wipe_file:
 * @path: a file or folder
 * @n_files: (inout) (optional): counts the files removed
 * @error: return location for a #GError
 *
 * Overwrites @path with zeros, syncs it and removes it; a folder is wiped
 * with everything in it. Nothing there is not an error. Blocks: call it
 * from a worker thread.
 *
 * Returns: %TRUE if nothing of @path is left
 */
gboolean
kopir_customer_wipe_file (const char  *path,
                          guint       *n_files,
                          GError     **error)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      return set_errno_error (error, errno, path);
    }

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, error);
      const char *name;
      gboolean ok = TRUE;

      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          /* Go on after a failure: wipe as much as possible. */
          if (!kopir_customer_wipe_file (child, n_files, ok ? error : NULL))
            ok = FALSE;
        }
      if (ok && g_rmdir (path) != 0)
        return set_errno_error (error, errno, path);
      return ok;
    }

  if (S_ISREG (st.st_mode) && st.st_size > 0)
    {
      int fd = open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
      gboolean ok;

      if (fd < 0)
        return set_errno_error (error, errno, path);
      ok = overwrite (fd, st.st_size, path, error);
      close (fd);
      if (!ok)
        return FALSE;
    }

  if (g_unlink (path) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, path);

  if (n_files != NULL)
    (*n_files)++;
  return TRUE;
}

static void
wipe_files_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RunData *data = task_data;

  /* Not cancellable: a half-done wipe helps nobody. */
  for (guint i = 0; data->paths[i] != NULL; i++)
    {
      GError *error = NULL;

      if (!kopir_customer_wipe_file (data->paths[i], &data->report.n_files, &error))
        keep_first_error (data, error);
    }

  g_task_return_boolean (task, TRUE);
}

static void finish_run  (GTask *task);
static void next_secret (GTask *task);

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (kopir_secret_store_clear_finish (KOPIR_SECRET_STORE (object), result, &error))
    data->report.n_secret_sets++;
  else
    keep_first_error (data, error);

  next_secret (g_steal_pointer (&task));
}

static void
next_secret (GTask *task)
{
  KopirCustomerWipe *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  Item *item;

  if (data->next_secret >= data->secrets->len || self->secrets == NULL)
    {
      finish_run (task);
      return;
    }

  item = g_ptr_array_index (data->secrets, data->next_secret++);
  kopir_secret_store_clear_async (self->secrets, item->secret_kind, item->profile, item->account,
                                  NULL, secret_cleared_cb, task);
}

static void
files_wiped_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *outer = user_data;

  g_task_propagate_boolean (G_TASK (result), NULL);
  next_secret (outer);
}

static void
finish_run (GTask *task)
{
  KopirCustomerWipe *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  /* Removals asked for while running take effect now. */
  if (--self->running == 0)
    for (guint i = self->items->len; i > 0; i--)
      if (((Item *) g_ptr_array_index (self->items, i - 1))->removed)
        g_ptr_array_remove_index (self->items, i - 1);

  g_debug ("Wiped: %u hooks, %u files, %u secret sets, %u failures", data->report.n_hooks,
           data->report.n_files, data->report.n_secret_sets, data->report.n_failures);

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
kopir_customer_wipe_dispose (GObject *object)
{
  KopirCustomerWipe *self = KOPIR_CUSTOMER_WIPE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->secrets);

  G_OBJECT_CLASS (kopir_customer_wipe_parent_class)->dispose (object);
}

static void
kopir_customer_wipe_class_init (KopirCustomerWipeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kopir_customer_wipe_dispose;
}

static void
kopir_customer_wipe_init (KopirCustomerWipe *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->next_id = 1;
}

/**
 * kopir_customer_wipe_new:
 * @secrets: (nullable): the secret store that registered secrets are
 *   cleared from
 *
 * Returns: (transfer full): an empty wipe list
 */
KopirCustomerWipe *
kopir_customer_wipe_new (KopirSecretStore *secrets)
{
  KopirCustomerWipe *self;

  g_return_val_if_fail (secrets == NULL || KOPIR_IS_SECRET_STORE (secrets), NULL);

  self = g_object_new (KOPIR_TYPE_CUSTOMER_WIPE, NULL);
  self->secrets = secrets != NULL ? g_object_ref (secrets) : NULL;
  return self;
}

static Item *
add_item (KopirCustomerWipe *self,
          ItemKind           kind)
{
  Item *item = g_new0 (Item, 1);

  item->id = self->next_id++;
  item->kind = kind;
  g_ptr_array_add (self->items, item);
  return item;
}

/**
 * kopir_customer_wipe_add_path:
 * @self: a #KopirCustomerWipe
 * @path: a file or folder that may hold a customer's data
 *
 * Returns: an id for kopir_customer_wipe_remove()
 */
guint
kopir_customer_wipe_add_path (KopirCustomerWipe *self,
                              const char        *path)
{
  Item *item;

  g_return_val_if_fail (KOPIR_IS_CUSTOMER_WIPE (self), 0);
  g_return_val_if_fail (path != NULL && g_path_is_absolute (path), 0);

  item = add_item (self, ITEM_PATH);
  item->path = g_strdup (path);
  return item->id;
}

/**
 * kopir_customer_wipe_add_hook:
 * @self: a #KopirCustomerWipe
 * @func: forgets what a part of Kopir holds of the customer
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data when the hook is removed
 *
 * Returns: an id for kopir_customer_wipe_remove()
 */
guint
kopir_customer_wipe_add_hook (KopirCustomerWipe *self,
                              KopirWipeFunc      func,
                              gpointer           user_data,
                              GDestroyNotify     destroy)
{
  Item *item;

  g_return_val_if_fail (KOPIR_IS_CUSTOMER_WIPE (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  item = add_item (self, ITEM_HOOK);
  item->func = func;
  item->user_data = user_data;
  item->destroy = destroy;
  return item->id;
}

/**
 * kopir_customer_wipe_add_secrets:
 * @self: a #KopirCustomerWipe
 * @kind: what kind of secret
 * @profile: the exchange profile
 * @account: (nullable): one account, or %NULL for every account of
 *   @kind and @profile
 *
 * Returns: an id for kopir_customer_wipe_remove()
 */
guint
kopir_customer_wipe_add_secrets (KopirCustomerWipe *self,
                                 KopirSecretKind    kind,
                                 const char        *profile,
                                 const char        *account)
{
  Item *item;

  g_return_val_if_fail (KOPIR_IS_CUSTOMER_WIPE (self), 0);
  g_return_val_if_fail (profile != NULL, 0);

  item = add_item (self, ITEM_SECRETS);
  item->secret_kind = kind;
  item->profile = g_strdup (profile);
  item->account = g_strdup (account);
  return item->id;
}

/**
 * kopir_customer_wipe_remove:
 * @self: a #KopirCustomerWipe
 * @id: what an add function returned
 *
 * Forgets a registration (a page going away removes its hook).
 */
void
kopir_customer_wipe_remove (KopirCustomerWipe *self,
                            guint              id)
{
  g_return_if_fail (KOPIR_IS_CUSTOMER_WIPE (self));

  if (self->items == NULL)
    return;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->id != id || item->removed)
        continue;

      if (self->running > 0)
        item->removed = TRUE;
      else
        g_ptr_array_remove_index (self->items, i);
      return;
    }
}

/**
 * kopir_customer_wipe_get_n_items:
 * @self: a #KopirCustomerWipe
 *
 * Returns: how many registrations there are
 */
guint
kopir_customer_wipe_get_n_items (KopirCustomerWipe *self)
{
  guint n = 0;

  g_return_val_if_fail (KOPIR_IS_CUSTOMER_WIPE (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    if (!((Item *) g_ptr_array_index (self->items, i))->removed)
      n++;
  return n;
}

/**
 * kopir_customer_wipe_run_async:
 * @self: a #KopirCustomerWipe
 * @cancellable: (nullable): a #GCancellable; a wipe that started is
 *   carried through regardless
 * @callback: called when everything registered was wiped, or tried
 * @user_data: data for @callback
 *
 * Runs the hooks, then wipes the files, then clears the secrets. A failure
 * does not stop the rest: everything that can be wiped is.
 */
void
kopir_customer_wipe_run_async (KopirCustomerWipe   *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  GTask *task;
  RunData *data;

  g_return_if_fail (KOPIR_IS_CUSTOMER_WIPE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_customer_wipe_run_async);
  g_task_set_check_cancellable (task, FALSE);
  data = g_new0 (RunData, 1);
  data->secrets = g_ptr_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  self->running++;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->removed)
        continue;

      switch (item->kind)
        {
        case ITEM_HOOK:
          item->func (item->user_data);
          data->report.n_hooks++;
          break;
        case ITEM_PATH:
          g_ptr_array_add (paths, g_strdup (item->path));
          break;
        case ITEM_SECRETS:
          g_ptr_array_add (data->secrets, item);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_ptr_array_add (paths, NULL);
  data->paths = (GStrv) g_ptr_array_free (g_steal_pointer (&paths), FALSE);

  files = g_task_new (self, NULL, files_wiped_cb, task);
  g_task_set_task_data (files, data, NULL);
  g_task_run_in_thread (files, wipe_files_thread);
}

/**
 * kopir_customer_wipe_run_finish:
 * @self: a #KopirCustomerWipe
 * @result: the result
 * @report: (out) (optional): what was wiped
 * @error: the first thing that could not be wiped
 *
 * Returns: %TRUE if everything was wiped
 */
gboolean
kopir_customer_wipe_run_finish (KopirCustomerWipe  *self,
                                GAsyncResult       *result,
                                KopirWipeReport    *report,
                                GError            **error)
{
  RunData *data;

  g_return_val_if_fail (KOPIR_IS_CUSTOMER_WIPE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = data->report;

  return g_task_propagate_boolean (G_TASK (result), error);
}
