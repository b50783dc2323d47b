/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-assisted-session.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_CUSTOMER_START_PAGE (kopir_customer_start_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirCustomerStartPage, kopir_customer_start_page, KOPIR, CUSTOMER_START_PAGE, AdwBin)

GtkWidget  *kopir_customer_start_page_new          (KopirAssistedSession   *session);
const char *kopir_customer_start_page_get_language (KopirCustomerStartPage *self);
void        kopir_customer_start_page_set_message  (KopirCustomerStartPage *self,
                                                    const char             *message);
void        kopir_customer_start_page_reset        (KopirCustomerStartPage *self);

G_END_DECLS
