/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-deposit-tracker.h: which incoming transfers changed since the list
 * was last seen */

#pragma once

#include <gio/gio.h>

#include "kopir-deposit-state.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_DEPOSIT_TRACKER (kopir_deposit_tracker_get_type ())

G_DECLARE_FINAL_TYPE (KopirDepositTracker, kopir_deposit_tracker, KOPIR, DEPOSIT_TRACKER, GObject)

KopirDepositTracker *kopir_deposit_tracker_new    (void);
GPtrArray           *kopir_deposit_tracker_update (KopirDepositTracker *self,
                                                   GListModel          *deposits);
void                 kopir_deposit_tracker_reset  (KopirDepositTracker *self);

G_END_DECLS
