/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_EXCHANGE_ADDRESSES (kopir_exchange_addresses_get_type ())

G_DECLARE_FINAL_TYPE (KopirExchangeAddresses, kopir_exchange_addresses, KOPIR, EXCHANGE_ADDRESSES, AdwPreferencesGroup)

GtkWidget    *kopir_exchange_addresses_new         (KopirContext           *context);
KopirContext *kopir_exchange_addresses_get_context (KopirExchangeAddresses *self);
void          kopir_exchange_addresses_set_context (KopirExchangeAddresses *self,
                                                    KopirContext           *context);

G_END_DECLS
