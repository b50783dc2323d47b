/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_LINK_ACCOUNT_DIALOG (kopir_link_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KopirLinkAccountDialog, kopir_link_account_dialog, KOPIR, LINK_ACCOUNT_DIALOG, AdwWindow)

KopirLinkAccountDialog *kopir_link_account_dialog_new (GtkWindow          *parent,
                                                       KopirContext       *context,
                                                       KopirAccountHolder *holder,
                                                       KopirBankDirectory *directory);

G_END_DECLS
