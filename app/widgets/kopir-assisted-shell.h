/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-assisted-session.h"
#include "kopir-document.h"
#include "kopir-history-model.h"

G_BEGIN_DECLS

/**
 * KopirDocumentProvider:
 * @language: "kk", "ru" or "en": the customer's language
 * @user_data: data given with the provider
 * @error: return location for a #GError saying why there is nothing to
 *   print (nothing bought yet in this session...)
 *
 * Builds a document of the customer being served, in @language.
 *
 * Returns: (transfer full) (nullable): the document
 */
typedef KopirDocument *(*KopirDocumentProvider) (const char  *language,
                                                 gpointer     user_data,
                                                 GError     **error);

#define KOPIR_TYPE_ASSISTED_SHELL (kopir_assisted_shell_get_type ())

G_DECLARE_FINAL_TYPE (KopirAssistedShell, kopir_assisted_shell, KOPIR, ASSISTED_SHELL, AdwBin)

KopirAssistedShell   *kopir_assisted_shell_new                    (KopirAssistedSession  *session);
void                  kopir_assisted_shell_attach                 (KopirAssistedShell    *self,
                                                                   GtkWindow             *window);
KopirAssistedSession *kopir_assisted_shell_get_session            (KopirAssistedShell    *self);
KopirAssistedShell   *kopir_assisted_shell_get_for_widget         (GtkWidget             *widget);
void                  kopir_assisted_shell_set_document_provider  (KopirAssistedShell    *self,
                                                                   const char            *document,
                                                                   KopirDocumentProvider  provider,
                                                                   gpointer               user_data,
                                                                   GDestroyNotify         destroy);
const char           *kopir_assisted_shell_get_document_language  (KopirAssistedShell    *self);
void                  kopir_assisted_shell_record                 (KopirAssistedShell    *self,
                                                                   KopirAuditAction       action,
                                                                   const char            *outcome,
                                                                   const char            *details_json);

void                  kopir_assisted_shell_confirm_async          (KopirAssistedShell    *self,
                                                                   const char            *purpose,
                                                                   const char            *summary,
                                                                   const char            *details_json,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
gboolean              kopir_assisted_shell_confirm_finish         (KopirAssistedShell    *self,
                                                                   GAsyncResult          *result,
                                                                   GError               **error);

G_END_DECLS
