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

#include <glib/gstdio.h>

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

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
launcher_running (gpointer data)
{
  return kopir_sandbox_launcher_get_running (data);
}

KopirTestSandbox *
kopir_test_sandbox_new (void)
{
  KopirTestSandbox *sandbox = g_new0 (KopirTestSandbox, 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sandbox->state_dir = g_dir_make_tmp ("kopir-test-sandbox-XXXXXX", &error);
  g_assert_no_error (error);

  sandbox->launcher = kopir_sandbox_launcher_new (sandbox->state_dir);
  kopir_sandbox_launcher_set_seed (sandbox->launcher, 42);
  kopir_sandbox_launcher_start_async (sandbox->launcher, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_sandbox_launcher_start_finish (sandbox->launcher, result, &error));
  g_assert_no_error (error);
  kopir_test_wait_for (launcher_running, sandbox->launcher);

  sandbox->control = soup_session_new ();

  return sandbox;
}

void
kopir_test_sandbox_free (KopirTestSandbox *sandbox)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (sandbox == NULL)
    return;

  /* Wait for the exit, so the state folder is free to remove. */
  kopir_sandbox_launcher_stop_async (sandbox->launcher, NULL, kopir_test_async_cb, &result);
  result = kopir_test_wait_result (&result);
  g_assert_true (kopir_sandbox_launcher_stop_finish (sandbox->launcher, result, NULL));
  g_clear_object (&sandbox->launcher);
  g_clear_object (&sandbox->control);
  remove_tree (sandbox->state_dir);
  g_free (sandbox->state_dir);
  g_free (sandbox);
}

const char *
kopir_test_sandbox_get_url (KopirTestSandbox *sandbox)
{
  return kopir_sandbox_launcher_get_base_url (sandbox->launcher);
}

/* Sandbox-only endpoints, synchronously on a session of their own. */
JsonNode *
kopir_test_sandbox_request (KopirTestSandbox *sandbox,
                            const char       *method,
                            const char       *path,
                            const char       *json_body,
                            guint            *status)
{
  g_autofree char *url = g_strconcat (kopir_test_sandbox_get_url (sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  if (json_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  body = soup_session_send_and_read (sandbox->control, message, NULL, &error);
  g_assert_no_error (error);

  if (status != NULL)
    *status = soup_message_get_status (message);

  data = g_bytes_get_data (body, &len);
  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;

  return json_node_ref (json_parser_get_root (parser));
}

KopirCredentials *
kopir_test_sandbox_new_customer (KopirTestSandbox  *sandbox,
                                 const char        *kzt,
                                 char             **customer_id)
{
  g_autofree char *body = g_strdup_printf ("{\"kzt\": \"%s\"}", kzt);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  guint status = 0;

  root = kopir_test_sandbox_request (sandbox, "POST", "/sandbox/v1/accounts", body, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_nonnull (root);
  object = json_node_get_object (root);

  if (customer_id != NULL)
    *customer_id = g_strdup (json_object_get_string_member (object, "customer_id"));

  return kopir_credentials_new (json_object_get_string_member (object, "api_key"),
                                json_object_get_string_member (object, "api_secret"));
}

void
kopir_test_sandbox_arm_fault (KopirTestSandbox *sandbox,
                              const char       *json_body)
{
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  root = kopir_test_sandbox_request (sandbox, "POST", "/sandbox/v1/faults", json_body, &status);
  g_assert_cmpuint (status, ==, 201);
}

void
kopir_test_sandbox_clear_faults (KopirTestSandbox *sandbox)
{
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  root = kopir_test_sandbox_request (sandbox, "DELETE", "/sandbox/v1/faults", NULL, &status);
  g_assert_cmpuint (status, ==, 204);
}
