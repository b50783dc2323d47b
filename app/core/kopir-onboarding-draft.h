/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-onboarding-draft.h: the answers of an account application while
 * the person fills it in, kept in a private file so that they survive
 * quitting and starting again.
 *
 * A draft is a set of text values named by keys ("last_name",
 * "document.expiry_date"). Values are kept exactly as typed; checking them
 * is kopir-kyc-form's business. Every change is written, shortly after it
 * happens and away from the main loop, to a file only its owner may read
 * (mode 0600), replaced atomically. Once the application is submitted the
 * draft is wiped: its file is overwritten and removed.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KOPIR_TYPE_ONBOARDING_DRAFT (kopir_onboarding_draft_get_type ())

G_DECLARE_FINAL_TYPE (KopirOnboardingDraft, kopir_onboarding_draft, KOPIR, ONBOARDING_DRAFT, GObject)

KopirOnboardingDraft *kopir_onboarding_draft_new          (const char            *path);
const char           *kopir_onboarding_draft_get_path     (KopirOnboardingDraft  *self);
gboolean              kopir_onboarding_draft_load         (KopirOnboardingDraft  *self,
                                                           GError               **error);
gboolean              kopir_onboarding_draft_load_data    (KopirOnboardingDraft  *self,
                                                           const char            *data,
                                                           gsize                  length,
                                                           GError               **error);
char                 *kopir_onboarding_draft_to_data      (KopirOnboardingDraft  *self,
                                                           gsize                 *length);

const char           *kopir_onboarding_draft_get          (KopirOnboardingDraft  *self,
                                                           const char            *key);
void                  kopir_onboarding_draft_set          (KopirOnboardingDraft  *self,
                                                           const char            *key,
                                                           const char            *value);
gboolean              kopir_onboarding_draft_get_boolean  (KopirOnboardingDraft  *self,
                                                           const char            *key);
void                  kopir_onboarding_draft_set_boolean  (KopirOnboardingDraft  *self,
                                                           const char            *key,
                                                           gboolean               value);
guint                 kopir_onboarding_draft_get_uint     (KopirOnboardingDraft  *self,
                                                           const char            *key,
                                                           guint                  default_value);
void                  kopir_onboarding_draft_set_uint     (KopirOnboardingDraft  *self,
                                                           const char            *key,
                                                           guint                  value);
gboolean              kopir_onboarding_draft_is_empty     (KopirOnboardingDraft  *self);
GStrv                 kopir_onboarding_draft_list_keys    (KopirOnboardingDraft  *self);

gboolean              kopir_onboarding_draft_flush        (KopirOnboardingDraft  *self,
                                                           GError               **error);
gboolean              kopir_onboarding_draft_wipe         (KopirOnboardingDraft  *self,
                                                           GError               **error);

G_END_DECLS
