/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-signature.h: request signatures of the exchange's API.
 *
 * Signed requests carry HMAC-SHA256 of the percent-encoded query string
 * followed directly by the request body, keyed with the API secret and
 * written as 64 lower-case hex digits (the Binance Spot API's SIGNED
 * security type).  The client signs with kopir_signature_sign(); the server
 * checks with kopir_signature_verify(), which compares in constant time so
 * the time a check takes tells nothing about the expected signature.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KOPIR_SIGNATURE_HEX_LENGTH 64

char     *kopir_signature_sign   (const char *secret,
                                  const char *query,
                                  const char *body);
gboolean  kopir_signature_verify (const char *secret,
                                  const char *query,
                                  const char *body,
                                  const char *signature);
gboolean  kopir_signature_equal  (const char *expected,
                                  const char *given);

G_END_DECLS
