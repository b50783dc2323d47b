/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-main.c: runs a libFuzzer target without libFuzzer.
 *
 * Replays every file given (or every file in the directories given), then
 * runs seeded random mutations of them: byte flips, insertions, deletions,
 * splices and interesting values.  The seed and the iteration count make a
 * run reproducible; a crash names the input that caused it.
 *
 *   fuzz-request [--iterations N] [--seed N] CORPUS...
 */
#define G_LOG_DOMAIN "kopir-fuzz"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint64 state;

static guint64
next (void)
{
  /* xorshift64*: enough randomness for mutations, fully reproducible. */
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * G_GUINT64_CONSTANT (2685821657736338717);
}

static void
add_file (GPtrArray  *corpus,
          const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  if (g_file_get_contents (path, &contents, &len, NULL))
    g_ptr_array_add (corpus, g_bytes_new_take (contents, len));
}

static void
load (GPtrArray  *corpus,
      const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      add_file (corpus, path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      add_file (corpus, child);
    }
}

/* A GByteArray is a GArray of bytes. */
static void
insert_bytes (GByteArray   *array,
              guint         pos,
              const guint8 *bytes,
              guint         n)
{
  g_array_insert_vals ((GArray *) array, pos, bytes, n);
}

static GByteArray *
mutate (GPtrArray *corpus)
{
  static const guint8 interesting[] = { 0, 0xff, '%', '&', '=', '{', '}', '[', ']', '"', '\\', '.', '-', '#', 0x80, 0xc0 };
  gsize len;
  const guint8 *data;
  GByteArray *out;
  guint n_mutations;
  GBytes *seed;

  seed = g_ptr_array_index (corpus, next () % corpus->len);
  data = g_bytes_get_data (seed, &len);
  out = g_byte_array_sized_new ((guint) len + 16);
  n_mutations = 1 + next () % 8;

  g_byte_array_append (out, data, (guint) len);
  for (guint m = 0; m < n_mutations; m++)
    {
      guint pos = out->len ? (guint) (next () % out->len) : 0;

      switch (next () % 6)
        {
        case 0:
          if (out->len)
            out->data[pos] ^= (guint8) (1 << (next () % 8));
          break;
        case 1:
          {
            guint8 b = interesting[next () % sizeof interesting];

            insert_bytes (out, pos, &b, 1);
          }
          break;
        case 2:
          if (out->len)
            {
              guint n = (guint) (1 + next () % 8);

              g_byte_array_remove_range (out, pos, MIN (out->len - pos, n));
            }
          break;
        case 3:
          {
            GBytes *other = g_ptr_array_index (corpus, next () % corpus->len);
            gsize olen;
            const guint8 *odata = g_bytes_get_data (other, &olen);

            if (olen)
              {
                guint from = (guint) (next () % olen);
                guint n = (guint) (1 + next () % 32);

                insert_bytes (out, pos, odata + from, (guint) MIN (olen - from, n));
              }
          }
          break;
        case 4:
          if (out->len)
            out->data[pos] = (guint8) next ();
          break;
        case 5:
        default:
          if (out->len > 1)
            g_byte_array_set_size (out, pos);
          break;
        }
    }
  return out;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gint64 iterations = 20000, seed = 1;
  GOptionEntry entries[] = {
    { "iterations", 'n', 0, G_OPTION_ARG_INT64, &iterations, "Mutated inputs to run", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the mutations", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("CORPUS… - replay and mutate fuzz inputs");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  for (int i = 1; i < argc; i++)
    load (corpus, argv[i]);
  if (corpus->len == 0)
    g_ptr_array_add (corpus, g_bytes_new_static ("\0", 1));

  for (guint i = 0; i < corpus->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (corpus, i), &len);

      LLVMFuzzerTestOneInput (data, len);
    }

  state = (guint64) seed * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + 1;
  for (gint64 i = 0; i < iterations; i++)
    {
      g_autoptr(GByteArray) input = mutate (corpus);

      LLVMFuzzerTestOneInput (input->data, input->len);
    }

  g_print ("ok - %u corpus inputs and %" G_GINT64_FORMAT " mutations (seed %" G_GINT64_FORMAT ") survived\n",
           corpus->len, iterations, seed);
  g_print ("1..1\n");
  return EXIT_SUCCESS;
}
