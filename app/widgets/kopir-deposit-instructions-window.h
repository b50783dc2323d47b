/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_DEPOSIT_INSTRUCTIONS_WINDOW (kopir_deposit_instructions_window_get_type ())

G_DECLARE_FINAL_TYPE (KopirDepositInstructionsWindow, kopir_deposit_instructions_window, KOPIR, DEPOSIT_INSTRUCTIONS_WINDOW, AdwWindow)

KopirDepositInstructionsWindow *kopir_deposit_instructions_window_new (GtkWindow                      *parent,
                                                                       KopirContext                   *context,
                                                                       const KopirDepositInstructions *instructions,
                                                                       KopirAccountHolder             *holder,
                                                                       const KopirPilotLimits         *limits,
                                                                       KopirBankDirectory             *directory);

G_END_DECLS
