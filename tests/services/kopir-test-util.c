/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-test-util.c: helpers shared by the services tests
 *
 * Tests wait for events (an async result, a property change), never for
 * time: the main context is iterated until the event has happened, and a
 * generous timeout only turns a hang into a failure.
 */

#define G_LOG_DOMAIN "kopir-test"

#include "config.h"

#include <string.h>

#include "kopir-test-util.h"

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Stores the result in the GAsyncResult* slot given as user data. */
void
kopir_test_async_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/* Iterates the thread-default main context until *slot is set; returns it,
 * leaving the slot empty for the next call. */
GAsyncResult *
kopir_test_wait_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (KOPIR_TEST_TIMEOUT_SECONDS, on_timeout, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for an async result");
  g_source_remove (id);

  return g_steal_pointer (slot);
}

void
kopir_test_wait_for (gboolean (*condition) (gpointer data),
                     gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (KOPIR_TEST_TIMEOUT_SECONDS, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for a condition");
  g_source_remove (id);
}

/* Files may be binary (an SQLite database), so no string functions. */
static gboolean
contains_bytes (const char *haystack,
                gsize       haystack_len,
                const char *needle)
{
  gsize needle_len = strlen (needle);

  if (needle_len == 0 || needle_len > haystack_len)
    return FALSE;

  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    {
      if (haystack[i] == needle[0] && memcmp (haystack + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
scan (const char  *path,
      const char **needles,
      GString     *found)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_get_contents (path, &contents, &len, NULL))
        return;

      for (guint i = 0; needles[i] != NULL; i++)
        {
          if (contains_bytes (contents, len, needles[i]))
            g_string_append_printf (found, "%s holds “%s”\n", path, needles[i]);
        }
      return;
    }

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        scan (child, needles, found);
    }
}

/* Returns a description of every file under @path holding one of
 * @needles, or NULL when none does. */
char *
kopir_test_scan_tree (const char  *path,
                      const char **needles)
{
  g_autoptr(GString) found = g_string_new (NULL);

  scan (path, needles, found);

  if (found->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&found), FALSE);
}
