/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-onboarding-draft.c: an account application's answers in a private
 * file */

#define G_LOG_DOMAIN "kopir-onboarding-draft"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kopir-onboarding-draft.h"

/* The file is a key file with one group; its version says how to read it. */
#define GROUP "draft"
#define FORMAT_KEY "format"
#define FORMAT_VERSION 1

/* Long enough to gather a burst of typing into one write. */
#define SAVE_DELAY_MS 250

/* A draft holds a few dozen short values; anything much larger is not one. */
#define MAX_FILE_SIZE (1024 * 1024)

/* The file as the main thread and the writer thread share it. A write on
 * its way holds this record, not the draft, so that dropping the draft
 * flushes at once. The lock serialises writing and wiping; a wipe bumps
 * the generation so that a write queued before it never brings the file
 * back, and the sequence number keeps an older write from landing over a
 * newer one. */
typedef struct
{
  char    *path;
  GMutex   lock;
  guint    generation;
  guint64  written_seq;
} DraftFile;

struct _KopirOnboardingDraft
{
  GObject     parent_instance;

  char       *path;
  DraftFile  *file;
  GHashTable *values;
  guint       save_source;
  gboolean    dirty;
  guint64     next_seq;
};

G_DEFINE_FINAL_TYPE (KopirOnboardingDraft, kopir_onboarding_draft, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
draft_file_clear (DraftFile *file)
{
  g_free (file->path);
  g_mutex_clear (&file->lock);
}

static DraftFile *
draft_file_new (const char *path)
{
  DraftFile *file = g_rc_box_new0 (DraftFile);

  file->path = g_strdup (path);
  g_mutex_init (&file->lock);

  return file;
}

static void
draft_file_unref (DraftFile *file)
{
  g_rc_box_release_full (file, (GDestroyNotify) draft_file_clear);
}

typedef struct
{
  DraftFile *file;
  char      *data;
  gsize      length;
  guint      generation;
  guint64    seq;
} SaveData;

static void
save_data_free (SaveData *data)
{
  if (data->data != NULL)
    memset (data->data, 0, data->length);
  g_free (data->data);
  g_clear_pointer (&data->file, draft_file_unref);
  g_free (data);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static char *
serialise (KopirOnboardingDraft *self,
           gsize                *length)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree const char **keys = NULL;
  guint n_keys;

  g_key_file_set_integer (keyfile, GROUP, FORMAT_KEY, FORMAT_VERSION);

  /* Sorted, so that the same answers always make the same file. */
  keys = (const char **) g_hash_table_get_keys_as_array (self->values, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (char *), (GCompareDataFunc) g_strcmp0, NULL);
  for (guint i = 0; i < n_keys; i++)
    g_key_file_set_string (keyfile, GROUP, keys[i], g_hash_table_lookup (self->values, keys[i]));

  return g_key_file_to_data (keyfile, length, NULL);
}

/* Writes @data unless the draft was wiped since it was taken or a newer
 * version is already written. Called with the file lock held. */
static gboolean
write_file_locked (DraftFile   *file,
                   const char  *data,
                   gsize        length,
                   guint        generation,
                   guint64      seq,
                   GError     **error)
{
  g_autofree char *dir = NULL;

  if (generation != file->generation || seq <= file->written_seq)
    return TRUE;

  dir = g_path_get_dirname (file->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Kopir cannot create its folder %s: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  /* Written to a temporary file of mode 0600 and renamed over the old
   * one: never readable by others, never half written. */
  if (!g_file_set_contents_full (file->path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  file->written_seq = seq;
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  g_mutex_lock (&data->file->lock);
  ok = write_file_locked (data->file, data->data, data->length,
                          data->generation, data->seq, &error);
  g_mutex_unlock (&data->file->lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KopirOnboardingDraft) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Kept dirty: the next change, or the flush when the draft is
       * dropped, tries again. */
      if (self != NULL)
        self->dirty = TRUE;
      g_warning ("Saving the application draft: %s", error->message);
    }

  weak_ref_free (user_data);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  KopirOnboardingDraft *self = user_data;
  g_autoptr(GTask) task = NULL;
  GWeakRef *ref;
  SaveData *data;

  self->save_source = 0;
  if (!self->dirty || self->file == NULL)
    return G_SOURCE_REMOVE;

  data = g_new0 (SaveData, 1);
  data->file = g_rc_box_acquire (self->file);
  data->data = serialise (self, &data->length);
  data->seq = ++self->next_seq;
  g_mutex_lock (&self->file->lock);
  data->generation = self->file->generation;
  g_mutex_unlock (&self->file->lock);
  self->dirty = FALSE;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, NULL, save_cb, ref);
  g_task_set_source_tag (task, save_timeout_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (KopirOnboardingDraft *self)
{
  self->dirty = TRUE;
  if (self->path == NULL)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
clear_values (KopirOnboardingDraft *self)
{
  GHashTableIter iter;
  gpointer value;

  /* Personal data is overwritten before the memory goes back. */
  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    memset (value, 0, strlen (value));
  g_hash_table_remove_all (self->values);
}

static void
kopir_onboarding_draft_dispose (GObject *object)
{
  KopirOnboardingDraft *self = KOPIR_ONBOARDING_DRAFT (object);
  g_autoptr(GError) error = NULL;

  /* What was typed last must not be lost to the delay. */
  if (!kopir_onboarding_draft_flush (self, &error))
    g_warning ("Saving the application draft: %s", error->message);

  G_OBJECT_CLASS (kopir_onboarding_draft_parent_class)->dispose (object);
}

static void
kopir_onboarding_draft_finalize (GObject *object)
{
  KopirOnboardingDraft *self = KOPIR_ONBOARDING_DRAFT (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  clear_values (self);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->file, draft_file_unref);

  G_OBJECT_CLASS (kopir_onboarding_draft_parent_class)->finalize (object);
}

static void
kopir_onboarding_draft_class_init (KopirOnboardingDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kopir_onboarding_draft_dispose;
  object_class->finalize = kopir_onboarding_draft_finalize;

  /**
   * KopirOnboardingDraft::changed:
   * @self: the draft
   * @key: the key whose value changed
   *
   * Emitted when a value changes; the detail is the key.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kopir_onboarding_draft_init (KopirOnboardingDraft *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * kopir_onboarding_draft_new:
 * @path: (nullable): the file the draft lives in, or %NULL to keep it in
 *   memory only
 *
 * Returns: (transfer full): an empty draft; kopir_onboarding_draft_load()
 *   reads what an earlier run left
 */
KopirOnboardingDraft *
kopir_onboarding_draft_new (const char *path)
{
  KopirOnboardingDraft *self = g_object_new (KOPIR_TYPE_ONBOARDING_DRAFT, NULL);

  self->path = g_strdup (path);
  if (path != NULL)
    self->file = draft_file_new (path);

  return self;
}

const char *
kopir_onboarding_draft_get_path (KopirOnboardingDraft *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), NULL);

  return self->path;
}

/**
 * kopir_onboarding_draft_load_data:
 * @self: a #KopirOnboardingDraft
 * @data: what kopir_onboarding_draft_to_data() gave
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Replaces the values with those in @data, announcing each change. The
 * file is written again shortly.
 *
 * Returns: %TRUE if @data was a draft
 */
gboolean
kopir_onboarding_draft_load_data (KopirOnboardingDraft  *self,
                                  const char            *data,
                                  gsize                  length,
                                  GError               **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) old_keys = NULL;
  g_autoptr(GError) local_error = NULL;
  int format;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (length > MAX_FILE_SIZE ||
      !g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, NULL) ||
      (format = g_key_file_get_integer (keyfile, GROUP, FORMAT_KEY, &local_error)) < 1 ||
      local_error != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved application could not be read. "
                             "Start again; nothing was sent with it."));
      return FALSE;
    }

  if (format > FORMAT_VERSION)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The saved application was made by a newer version of Kopir. "
                             "Update Kopir to continue it."));
      return FALSE;
    }

  old_keys = kopir_onboarding_draft_list_keys (self);
  keys = g_key_file_get_keys (keyfile, GROUP, NULL, NULL);

  for (guint i = 0; old_keys[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) keys, old_keys[i]))
      kopir_onboarding_draft_set (self, old_keys[i], NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (g_str_equal (keys[i], FORMAT_KEY))
        continue;
      value = g_key_file_get_string (keyfile, GROUP, keys[i], NULL);
      if (value != NULL && g_utf8_validate (value, -1, NULL))
        kopir_onboarding_draft_set (self, keys[i], value);
    }

  return TRUE;
}

/**
 * kopir_onboarding_draft_load:
 * @self: a #KopirOnboardingDraft
 * @error: return location for a #GError
 *
 * Reads the draft's file, if there is one. A file that others may read
 * is made private again first.
 *
 * Returns: %TRUE if the file was read or does not exist (the draft is
 *   then empty); %FALSE with @error if it could not be read
 */
gboolean
kopir_onboarding_draft_load (KopirOnboardingDraft  *self,
                             GError               **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), FALSE);
  g_return_val_if_fail (self->path != NULL, FALSE);

  if (g_stat (self->path, &st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("The saved application could not be read: %s"), g_strerror (errsv));
      return FALSE;
    }

  if ((st.st_mode & 0077) != 0)
    g_chmod (self->path, 0600);

  if (st.st_size > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved application could not be read. "
                             "Start again; nothing was sent with it."));
      return FALSE;
    }

  if (!g_file_get_contents (self->path, &contents, &length, error))
    return FALSE;

  if (!kopir_onboarding_draft_load_data (self, contents, length, error))
    {
      memset (contents, 0, length);
      return FALSE;
    }

  memset (contents, 0, length);
  /* Read back as it was: nothing needs writing. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->dirty = FALSE;

  return TRUE;
}

/**
 * kopir_onboarding_draft_to_data:
 * @self: a #KopirOnboardingDraft
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full): the draft in the form of its file
 */
char *
kopir_onboarding_draft_to_data (KopirOnboardingDraft *self,
                                gsize                *length)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), NULL);

  return serialise (self, length);
}

/**
 * kopir_onboarding_draft_get:
 * @self: a #KopirOnboardingDraft
 * @key: a key
 *
 * Returns: (nullable): the value, or %NULL when none was given
 */
const char *
kopir_onboarding_draft_get (KopirOnboardingDraft *self,
                            const char           *key)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->values, key);
}

/**
 * kopir_onboarding_draft_set:
 * @self: a #KopirOnboardingDraft
 * @key: a key: letters, digits, '_', '-' and '.'
 * @value: (nullable): the value, valid UTF-8; %NULL or "" removes it
 *
 * Changes a value and writes the draft shortly after.
 */
void
kopir_onboarding_draft_set (KopirOnboardingDraft *self,
                            const char           *key,
                            const char           *value)
{
  const char *old;

  g_return_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self));
  g_return_if_fail (key != NULL && *key != '\0');
  g_return_if_fail (value == NULL || g_utf8_validate (value, -1, NULL));

  for (const char *p = key; *p; p++)
    g_return_if_fail (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.');
  g_return_if_fail (!g_str_equal (key, FORMAT_KEY));

  if (value != NULL && *value == '\0')
    value = NULL;

  old = g_hash_table_lookup (self->values, key);
  if (g_strcmp0 (old, value) == 0)
    return;

  if (value == NULL)
    {
      memset ((char *) old, 0, strlen (old));
      g_hash_table_remove (self->values, key);
    }
  else
    {
      if (old != NULL)
        memset ((char *) old, 0, strlen (old));
      g_hash_table_replace (self->values, g_strdup (key), g_strdup (value));
    }

  schedule_save (self);
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (key), key);
}

gboolean
kopir_onboarding_draft_get_boolean (KopirOnboardingDraft *self,
                                    const char           *key)
{
  return g_strcmp0 (kopir_onboarding_draft_get (self, key), "true") == 0;
}

void
kopir_onboarding_draft_set_boolean (KopirOnboardingDraft *self,
                                    const char           *key,
                                    gboolean              value)
{
  kopir_onboarding_draft_set (self, key, value ? "true" : "false");
}

guint
kopir_onboarding_draft_get_uint (KopirOnboardingDraft *self,
                                 const char           *key,
                                 guint                 default_value)
{
  const char *text = kopir_onboarding_draft_get (self, key);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return default_value;

  return (guint) value;
}

void
kopir_onboarding_draft_set_uint (KopirOnboardingDraft *self,
                                 const char           *key,
                                 guint                 value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  kopir_onboarding_draft_set (self, key, text);
}

gboolean
kopir_onboarding_draft_is_empty (KopirOnboardingDraft *self)
{
  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), TRUE);

  return g_hash_table_size (self->values) == 0;
}

/**
 * kopir_onboarding_draft_list_keys:
 * @self: a #KopirOnboardingDraft
 *
 * Returns: (transfer full): the keys that have a value, sorted
 */
GStrv
kopir_onboarding_draft_list_keys (KopirOnboardingDraft *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), NULL);

  keys = g_list_sort (g_hash_table_get_keys (self->values), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);

  return g_strv_builder_end (builder);
}

/**
 * kopir_onboarding_draft_flush:
 * @self: a #KopirOnboardingDraft
 * @error: return location for a #GError
 *
 * Writes what is not written yet, now, in this thread: for the moment
 * before the draft goes away.
 *
 * Returns: %TRUE if the file holds the draft as it is
 */
gboolean
kopir_onboarding_draft_flush (KopirOnboardingDraft  *self,
                              GError               **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean ok;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || self->path == NULL)
    return TRUE;

  data = serialise (self, &length);
  g_mutex_lock (&self->file->lock);
  ok = write_file_locked (self->file, data, length, self->file->generation,
                          ++self->next_seq, error);
  g_mutex_unlock (&self->file->lock);
  memset (data, 0, length);

  if (ok)
    self->dirty = FALSE;

  return ok;
}

/* Overwrites the file's bytes before removing it, so that the answers do
 * not linger in the freed blocks of simple file systems. Journaling and
 * copy-on-write file systems may keep older copies: the file's 0600 mode
 * is what protects those. */
static gboolean
erase_file (const char  *path,
            GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      struct stat st;

      if (fstat (fd, &st) == 0 && st.st_size > 0 && st.st_size <= MAX_FILE_SIZE)
        {
          g_autofree char *zeros = g_malloc0 (st.st_size);
          gssize left = st.st_size;
          char *p = zeros;

          while (left > 0)
            {
              gssize n = write (fd, p, left);

              if (n < 0 && errno == EINTR)
                continue;
              if (n <= 0)
                break;
              left -= n;
              p += n;
            }
          fsync (fd);
        }
      close (fd);
    }

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("The saved application could not be removed: %s"), g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

/**
 * kopir_onboarding_draft_wipe:
 * @self: a #KopirOnboardingDraft
 * @error: return location for a #GError
 *
 * Forgets every value and erases the file, including any write still on
 * its way. The draft stays usable, empty.
 *
 * Returns: %TRUE if the file is gone
 */
gboolean
kopir_onboarding_draft_wipe (KopirOnboardingDraft  *self,
                             GError               **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (KOPIR_IS_ONBOARDING_DRAFT (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  clear_values (self);
  self->dirty = FALSE;

  if (self->path != NULL)
    {
      g_mutex_lock (&self->file->lock);
      self->file->generation++;
      ok = erase_file (self->path, error);
      g_mutex_unlock (&self->file->lock);
    }

  return ok;
}
