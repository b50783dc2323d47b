/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-assisted-session.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_STAFF_SIGN_IN_PAGE (kopir_staff_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirStaffSignInPage, kopir_staff_sign_in_page, KOPIR, STAFF_SIGN_IN_PAGE, AdwBin)

GtkWidget *kopir_staff_sign_in_page_new         (KopirAssistedSession *session);
void       kopir_staff_sign_in_page_set_message (KopirStaffSignInPage *self,
                                                 const char           *message);
void       kopir_staff_sign_in_page_reset       (KopirStaffSignInPage *self);

G_END_DECLS
