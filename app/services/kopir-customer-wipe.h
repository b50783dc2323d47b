/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-customer-wipe.h: what must go when a customer's session ends.
 *
 * In assisted mode nothing of one customer may be left for the next. Each
 * part of Kopir that keeps something of a customer registers it here once:
 * a file or folder (a draft, an export), a function that forgets what is
 * in memory or in widgets, or secrets in the keyring. Ending a session runs
 * them all: the functions first, on the main thread, then the files
 * (overwritten with zeros, synced and removed, away from the main loop),
 * then the secrets. Registrations stay for the next session until removed.
 */
#pragma once

#include <gio/gio.h>

#include "kopir-secret-store.h"

G_BEGIN_DECLS

/**
 * KopirWipeFunc:
 * @user_data: the data given at registration
 *
 * Forgets what it registered for: clears a model, empties a form, drops a
 * cached object. Called on the main thread; must not fail.
 */
typedef void (*KopirWipeFunc) (gpointer user_data);

/**
 * KopirWipeReport:
 * @n_hooks: functions run
 * @n_files: files overwritten and removed
 * @n_secret_sets: sets of secrets cleared from the keyring
 * @n_failures: things that could not be wiped (see the error)
 *
 * What a wipe did.
 */
typedef struct
{
  guint n_hooks;
  guint n_files;
  guint n_secret_sets;
  guint n_failures;
} KopirWipeReport;

#define KOPIR_TYPE_CUSTOMER_WIPE (kopir_customer_wipe_get_type ())

G_DECLARE_FINAL_TYPE (KopirCustomerWipe, kopir_customer_wipe, KOPIR, CUSTOMER_WIPE, GObject)

KopirCustomerWipe *kopir_customer_wipe_new          (KopirSecretStore     *secrets);
guint              kopir_customer_wipe_add_path     (KopirCustomerWipe    *self,
                                                     const char           *path);
guint              kopir_customer_wipe_add_hook     (KopirCustomerWipe    *self,
                                                     KopirWipeFunc         func,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);
guint              kopir_customer_wipe_add_secrets  (KopirCustomerWipe    *self,
                                                     KopirSecretKind       kind,
                                                     const char           *profile,
                                                     const char           *account);
void               kopir_customer_wipe_remove       (KopirCustomerWipe    *self,
                                                     guint                 id);
guint              kopir_customer_wipe_get_n_items  (KopirCustomerWipe    *self);

void               kopir_customer_wipe_run_async    (KopirCustomerWipe    *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean           kopir_customer_wipe_run_finish   (KopirCustomerWipe    *self,
                                                     GAsyncResult         *result,
                                                     KopirWipeReport      *report,
                                                     GError              **error);

gboolean           kopir_customer_wipe_file         (const char           *path,
                                                     guint                *n_files,
                                                     GError              **error);

G_END_DECLS
