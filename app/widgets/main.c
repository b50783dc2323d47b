/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "kopir"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "kopir-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KopirApplication) app = NULL;
  const char *localedir;

  /* KOPIR_LOCALEDIR lets the tests and `meson devenv` use the catalogues
   * compiled in the build tree; only translations are read from it. */
  localedir = g_getenv ("KOPIR_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Kopir"));

  app = kopir_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
