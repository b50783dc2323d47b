/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application draft: it survives being dropped and read again, its
 * file is private, and a wipe leaves nothing behind. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kopir-onboarding-draft.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kopir-draft-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: the draft makes it, private. */
  fixture->path = g_build_filename (fixture->dir, "onboarding", "sandbox.draft", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sub = g_path_get_dirname (fixture->path);

  g_unlink (fixture->path);
  g_rmdir (sub);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
file_exists_cb (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
wait_for (gboolean (*condition) (gpointer),
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_survives (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KopirOnboardingDraft) draft = kopir_onboarding_draft_new (fixture->path);
  g_autoptr(KopirOnboardingDraft) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_auto(GStrv) keys = NULL;
  GStatBuf st;

  g_assert_true (kopir_onboarding_draft_load (draft, &error));
  g_assert_no_error (error);
  g_assert_true (kopir_onboarding_draft_is_empty (draft));

  kopir_onboarding_draft_set (draft, "last_name", "Сейтқалиқызы");
  kopir_onboarding_draft_set (draft, "first_name", "Әйгерім");
  kopir_onboarding_draft_set (draft, "address.street", "Абай даңғылы, 10\nпәтер 5 = [x] ;#");
  kopir_onboarding_draft_set_uint (draft, "flow.step", 3);
  kopir_onboarding_draft_set_boolean (draft, "resident", TRUE);
  kopir_onboarding_draft_set (draft, "patronymic", "temporary");
  kopir_onboarding_draft_set (draft, "patronymic", "");

  /* Written by itself, shortly after the changes, away from this thread. */
  wait_for (file_exists_cb, fixture->path);

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* The last change before the draft is dropped is not lost. */
  kopir_onboarding_draft_set (draft, "iin", "990101300122");
  g_clear_object (&draft);

  again = kopir_onboarding_draft_new (fixture->path);
  g_assert_true (kopir_onboarding_draft_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kopir_onboarding_draft_get (again, "last_name"), ==, "Сейтқалиқызы");
  g_assert_cmpstr (kopir_onboarding_draft_get (again, "first_name"), ==, "Әйгерім");
  g_assert_cmpstr (kopir_onboarding_draft_get (again, "address.street"), ==,
                   "Абай даңғылы, 10\nпәтер 5 = [x] ;#");
  g_assert_cmpstr (kopir_onboarding_draft_get (again, "iin"), ==, "990101300122");
  g_assert_cmpuint (kopir_onboarding_draft_get_uint (again, "flow.step", 0), ==, 3);
  g_assert_true (kopir_onboarding_draft_get_boolean (again, "resident"));
  g_assert_null (kopir_onboarding_draft_get (again, "patronymic"));

  keys = kopir_onboarding_draft_list_keys (again);
  g_assert_cmpuint (g_strv_length (keys), ==, 6);
  g_assert_cmpstr (keys[0], ==, "address.street");
}

/* A draft dropped while its delayed write is still on its way: the last
 * change is on disk at once, and the older write does not land over it. */
static void
test_dropped_mid_write (Fixture       *fixture,
                        gconstpointer  data)
{
  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(KopirOnboardingDraft) draft = kopir_onboarding_draft_new (fixture->path);
      g_autoptr(KopirOnboardingDraft) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = g_strdup_printf ("first %u", round);
      g_autofree char *last = g_strdup_printf ("last %u", round);

      g_assert_true (kopir_onboarding_draft_load (draft, &error));
      kopir_onboarding_draft_set (draft, "first_name", first);

      /* Nothing else runs in this context: the one iteration is the delayed
       * write starting in its thread, whose completion cannot be
       * dispatched until the context runs again. */
      g_main_context_iteration (NULL, TRUE);

      kopir_onboarding_draft_set (draft, "first_name", last);
      g_clear_object (&draft);

      again = kopir_onboarding_draft_new (fixture->path);
      g_assert_true (kopir_onboarding_draft_load (again, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kopir_onboarding_draft_get (again, "first_name"), ==, last);
    }

  /* Let the writes on their way finish, then read once more. */
  {
    g_autoptr(KopirOnboardingDraft) after = kopir_onboarding_draft_new (fixture->path);
    g_autoptr(GError) error = NULL;
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (kopir_onboarding_draft_load (after, &error));
    g_assert_cmpstr (kopir_onboarding_draft_get (after, "first_name"), ==, "last 4");
  }
}

static void
test_private_again (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KopirOnboardingDraft) draft = kopir_onboarding_draft_new (fixture->path);
  g_autoptr(KopirOnboardingDraft) again = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  kopir_onboarding_draft_set (draft, "email", "a@example.kz");
  g_assert_true (kopir_onboarding_draft_flush (draft, &error));
  g_assert_no_error (error);

  /* Someone made it readable by others: reading it makes it private. */
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  again = kopir_onboarding_draft_new (fixture->path);
  g_assert_true (kopir_onboarding_draft_load (again, &error));
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_wipe (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KopirOnboardingDraft) draft = kopir_onboarding_draft_new (fixture->path);
  g_autoptr(KopirOnboardingDraft) again = NULL;
  g_autoptr(GError) error = NULL;

  kopir_onboarding_draft_set (draft, "iin", "990101300122");
  g_assert_true (kopir_onboarding_draft_flush (draft, &error));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* A change whose delayed write is still to come when the wipe happens
   * must not bring the file back. */
  kopir_onboarding_draft_set (draft, "email", "a@example.kz");
  g_assert_true (kopir_onboarding_draft_wipe (draft, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_true (kopir_onboarding_draft_is_empty (draft));

  g_clear_object (&draft);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* And nothing is read back. */
  again = kopir_onboarding_draft_new (fixture->path);
  g_assert_true (kopir_onboarding_draft_load (again, &error));
  g_assert_true (kopir_onboarding_draft_is_empty (again));
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KopirOnboardingDraft) draft = kopir_onboarding_draft_new (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *junk = g_strnfill (2 * 1024 * 1024, 'x');

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  g_assert_true (g_file_set_contents (fixture->path, "\xff\xfe not a key file", -1, NULL));
  g_assert_false (kopir_onboarding_draft_load (draft, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (fixture->path, "[draft]\nformat=99\niin=1\n", -1, NULL));
  g_assert_false (kopir_onboarding_draft_load (draft, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (fixture->path, junk, -1, NULL));
  g_assert_false (kopir_onboarding_draft_load (draft, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (kopir_onboarding_draft_is_empty (draft));
}

static void
changed_cb (KopirOnboardingDraft *draft,
            const char           *key,
            gpointer              user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strdup (key));
}

static void
test_changed (void)
{
  g_autoptr(KopirOnboardingDraft) draft = kopir_onboarding_draft_new (NULL);
  g_autoptr(KopirOnboardingDraft) copy = kopir_onboarding_draft_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_signal_connect (draft, "changed::iin", G_CALLBACK (changed_cb), seen);
  kopir_onboarding_draft_set (draft, "iin", "1");
  kopir_onboarding_draft_set (draft, "iin", "1");
  kopir_onboarding_draft_set (draft, "email", "x");
  kopir_onboarding_draft_set (draft, "iin", NULL);
  g_assert_cmpuint (seen->len, ==, 2);

  kopir_onboarding_draft_set (draft, "last_name", "Нұрланова");
  data = kopir_onboarding_draft_to_data (draft, &length);
  g_assert_true (kopir_onboarding_draft_load_data (copy, data, length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kopir_onboarding_draft_get (copy, "last_name"), ==, "Нұрланова");
  g_assert_cmpstr (kopir_onboarding_draft_get (copy, "email"), ==, "x");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/onboarding-draft/survives", Fixture, NULL,
              fixture_set_up, test_survives, fixture_tear_down);
  g_test_add ("/onboarding-draft/dropped-mid-write", Fixture, NULL,
              fixture_set_up, test_dropped_mid_write, fixture_tear_down);
  g_test_add ("/onboarding-draft/private-again", Fixture, NULL,
              fixture_set_up, test_private_again, fixture_tear_down);
  g_test_add ("/onboarding-draft/wipe", Fixture, NULL,
              fixture_set_up, test_wipe, fixture_tear_down);
  g_test_add ("/onboarding-draft/damaged", Fixture, NULL,
              fixture_set_up, test_damaged, fixture_tear_down);
  g_test_add_func ("/onboarding-draft/changed", test_changed);

  return g_test_run ();
}
