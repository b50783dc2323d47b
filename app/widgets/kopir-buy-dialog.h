/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_BUY_DIALOG (kopir_buy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KopirBuyDialog, kopir_buy_dialog, KOPIR, BUY_DIALOG, AdwWindow)

KopirBuyDialog *kopir_buy_dialog_new        (KopirContext   *context,
                                             const char     *symbol,
                                             gboolean        limit);
const char     *kopir_buy_dialog_get_symbol (KopirBuyDialog *self);

G_END_DECLS
