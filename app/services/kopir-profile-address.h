/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-profile-address.h: checks an exchange address as it is typed */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KopirAddressKind:
 * @KOPIR_ADDRESS_TRADING: the trading (Binance Spot dialect) base address;
 *   required
 * @KOPIR_ADDRESS_STREAM: the WebSocket price stream address; optional
 * @KOPIR_ADDRESS_ONBOARDING: the account opening, bank and pilot address;
 *   optional
 *
 * Which of a profile's addresses a text is meant to be.
 */
typedef enum
{
  KOPIR_ADDRESS_TRADING,
  KOPIR_ADDRESS_STREAM,
  KOPIR_ADDRESS_ONBOARDING,
} KopirAddressKind;

char     *kopir_profile_address_clean (const char        *text);
gboolean  kopir_profile_address_check (KopirAddressKind   kind,
                                       const char        *text,
                                       GError           **error);

G_END_DECLS
