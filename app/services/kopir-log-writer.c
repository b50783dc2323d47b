/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-log-writer.c: a GLib log writer that redacts before writing
 *
 * Every message goes through kopir_redact() and then to GLib's default
 * writer, which picks the journal or standard error and honours
 * G_MESSAGES_DEBUG. Libraries log through the same writer, so a URL with a
 * signature logged by libsoup is masked like Kopir's own messages.
 */

#define G_LOG_DOMAIN "kopir-log"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-log-writer.h"
#include "kopir-redact.h"

#define MAX_FIELDS 32

GLogWriterOutput
kopir_log_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  GLogField copy[MAX_FIELDS] = { { NULL, NULL, 0 }, };
  char *masked[MAX_FIELDS] = { NULL, };
  GLogWriterOutput ret;

  n_fields = MIN (n_fields, MAX_FIELDS);

  for (gsize i = 0; i < n_fields; i++)
    {
      copy[i] = fields[i];

      /* MESSAGE carries the text; other string fields (CODE_FUNC, domain)
       * are ours and hold nothing personal. */
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
          kopir_redact_needed (fields[i].value))
        {
          masked[i] = kopir_redact (fields[i].value);
          copy[i].value = masked[i];
        }
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length >= 0)
        {
          g_autofree char *text = g_strndup (fields[i].value, fields[i].length);

          masked[i] = kopir_redact (text);
          copy[i].value = masked[i];
          copy[i].length = -1;
        }
    }

  ret = g_log_writer_default (log_level, copy, n_fields, user_data);

  for (gsize i = 0; i < n_fields; i++)
    g_free (masked[i]);

  return ret;
}

/**
 * kopir_log_writer_install:
 *
 * Makes kopir_log_writer() the process's log writer. GLib allows this once
 * per process, so the application calls it first thing in main(); later
 * calls do nothing.
 */
void
kopir_log_writer_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_log_set_writer_func (kopir_log_writer, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
