/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_WITHDRAW_DIALOG (kopir_withdraw_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KopirWithdrawDialog, kopir_withdraw_dialog, KOPIR, WITHDRAW_DIALOG, AdwWindow)

KopirWithdrawDialog *kopir_withdraw_dialog_new (GtkWindow          *parent,
                                                KopirContext       *context,
                                                GListModel         *links,
                                                const KopirDecimal *available,
                                                KopirAccountHolder *holder,
                                                KopirBankDirectory *directory);

G_END_DECLS
