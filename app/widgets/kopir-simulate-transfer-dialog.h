/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_SIMULATE_TRANSFER_DIALOG (kopir_simulate_transfer_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KopirSimulateTransferDialog, kopir_simulate_transfer_dialog, KOPIR, SIMULATE_TRANSFER_DIALOG, AdwWindow)

KopirSimulateTransferDialog *kopir_simulate_transfer_dialog_new (GtkWindow          *parent,
                                                                 KopirContext       *context,
                                                                 GListModel         *links,
                                                                 KopirAccountHolder *holder,
                                                                 const char         *purpose,
                                                                 KopirBankDirectory *directory);

G_END_DECLS
