/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-profile-manager.h: the exchange profiles and the active one */

#pragma once

#include <gio/gio.h>

#include "kopir-exchange-profile.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_PROFILE_MANAGER (kopir_profile_manager_get_type ())

G_DECLARE_FINAL_TYPE (KopirProfileManager, kopir_profile_manager, KOPIR, PROFILE_MANAGER, GObject)

KopirProfileManager  *kopir_profile_manager_new              (GSettings            *settings);
KopirExchangeProfile *kopir_profile_manager_lookup           (KopirProfileManager  *self,
                                                              const char           *id);
KopirExchangeProfile *kopir_profile_manager_get_active       (KopirProfileManager  *self);
const char           *kopir_profile_manager_get_active_id    (KopirProfileManager  *self);
void                  kopir_profile_manager_set_active_id    (KopirProfileManager  *self,
                                                              const char           *id);
void                  kopir_profile_manager_configure_async  (KopirProfileManager  *self,
                                                              const char           *id,
                                                              const char           *trading_url,
                                                              const char           *stream_url,
                                                              const char           *onboarding_url,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean              kopir_profile_manager_configure_finish (KopirProfileManager  *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

G_END_DECLS
