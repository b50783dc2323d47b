/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-test-util.h: small helpers shared by the core tests.
 *
 * Random tests use a fixed seed so a failure repeats; set KOPIR_TEST_SEED to
 * try another one.  The seed is printed in the test log and in every failure
 * message of the random tests.
 */
#pragma once

#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

static inline guint32
kopir_test_seed (void)
{
  const char *env = g_getenv ("KOPIR_TEST_SEED");

  if (env != NULL && *env != '\0')
    return (guint32) g_ascii_strtoull (env, NULL, 10);

  return 20261125u;
}

static inline GRand *
kopir_test_rand_new (void)
{
  g_test_message ("random seed %u (set KOPIR_TEST_SEED to repeat)", kopir_test_seed ());
  return g_rand_new_with_seed (kopir_test_seed ());
}

/* A fresh directory for one test, removed with its contents by the caller
 * through kopir_test_rmdir(). */
static inline char *
kopir_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kopir-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
kopir_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        kopir_test_rmdir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
