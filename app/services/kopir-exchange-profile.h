/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-exchange-profile.h: where an exchange is and what it offers */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * KopirProfileKind:
 * @KOPIR_PROFILE_KIND_SANDBOX: the local kopir-sandbox, no real money
 * @KOPIR_PROFILE_KIND_TESTNET: a public test network for trading only
 * @KOPIR_PROFILE_KIND_CUSTOM: an exchange configured by the user or their
 *   bank's IT
 */
typedef enum
{
  KOPIR_PROFILE_KIND_SANDBOX,
  KOPIR_PROFILE_KIND_TESTNET,
  KOPIR_PROFILE_KIND_CUSTOM,
} KopirProfileKind;

/**
 * KopirProfileError:
 * @KOPIR_PROFILE_ERROR_INVALID_URL: the text is not a usable web address
 * @KOPIR_PROFILE_ERROR_INSECURE_URL: the address is not encrypted (TLS)
 *   and not on this computer
 * @KOPIR_PROFILE_ERROR_NOT_FOUND: no profile has this id
 * @KOPIR_PROFILE_ERROR_NOT_CONFIGURED: the profile lacks a trading address
 * @KOPIR_PROFILE_ERROR_INVALID_FILE: a profile file cannot be read
 */
typedef enum
{
  KOPIR_PROFILE_ERROR_INVALID_URL,
  KOPIR_PROFILE_ERROR_INSECURE_URL,
  KOPIR_PROFILE_ERROR_NOT_FOUND,
  KOPIR_PROFILE_ERROR_NOT_CONFIGURED,
  KOPIR_PROFILE_ERROR_INVALID_FILE,
} KopirProfileError;

#define KOPIR_PROFILE_ERROR (kopir_profile_error_quark ())
#define KOPIR_TYPE_EXCHANGE_PROFILE (kopir_exchange_profile_get_type ())

G_DECLARE_FINAL_TYPE (KopirExchangeProfile, kopir_exchange_profile, KOPIR, EXCHANGE_PROFILE, GObject)

GQuark                kopir_profile_error_quark                (void);

gboolean              kopir_exchange_profile_validate_url      (const char            *url,
                                                                GError               **error);
gboolean              kopir_exchange_profile_is_loopback_url   (const char            *url);

KopirExchangeProfile *kopir_exchange_profile_new_from_keyfile  (GKeyFile              *keyfile,
                                                                const char            *fallback_id,
                                                                GError               **error);
const char           *kopir_exchange_profile_get_id            (KopirExchangeProfile  *self);
const char           *kopir_exchange_profile_get_name          (KopirExchangeProfile  *self);
const char           *kopir_exchange_profile_get_description   (KopirExchangeProfile  *self);
KopirProfileKind      kopir_exchange_profile_get_kind          (KopirExchangeProfile  *self);
gboolean              kopir_exchange_profile_is_sandbox        (KopirExchangeProfile  *self);
gboolean              kopir_exchange_profile_get_editable      (KopirExchangeProfile  *self);
const char           *kopir_exchange_profile_get_trading_url   (KopirExchangeProfile  *self);
const char           *kopir_exchange_profile_get_stream_url    (KopirExchangeProfile  *self);
const char           *kopir_exchange_profile_get_onboarding_url (KopirExchangeProfile *self);
gboolean              kopir_exchange_profile_has_onboarding    (KopirExchangeProfile  *self);
gboolean              kopir_exchange_profile_is_configured     (KopirExchangeProfile  *self);
gboolean              kopir_exchange_profile_set_urls          (KopirExchangeProfile  *self,
                                                                const char            *trading_url,
                                                                const char            *stream_url,
                                                                const char            *onboarding_url,
                                                                GError               **error);

G_END_DECLS
