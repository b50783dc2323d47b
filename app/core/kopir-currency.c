/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-currency"

#include "config.h"

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-currency.h"

static const KopirCurrency currencies[] = {
  { "KZT", 2, "\u20b8", TRUE, N_("Kazakhstani tenge") },
  { "USD", 2, "$", TRUE, N_("US dollar") },
  { "BTC", 8, NULL, FALSE, N_("Bitcoin") },
  { "ETH", 8, NULL, FALSE, N_("Ether") },
  { "USDT", 8, NULL, FALSE, N_("Tether USD") },
  { "SOL", 8, NULL, FALSE, N_("Solana") },
};

/**
 * kopir_currency_lookup:
 * @code: an asset code, in any case
 *
 * Returns: (nullable): the asset, or %NULL if Kopir does not know it
 */
const KopirCurrency *
kopir_currency_lookup (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
      return &currencies[i];

  return NULL;
}

/**
 * kopir_currency_get_all:
 * @n_currencies: (out): the number of entries
 *
 * Returns: (array length=n_currencies): every known asset
 */
const KopirCurrency *
kopir_currency_get_all (guint *n_currencies)
{
  g_return_val_if_fail (n_currencies != NULL, NULL);

  *n_currencies = G_N_ELEMENTS (currencies);
  return currencies;
}

/**
 * kopir_currency_get_scale:
 * @code: an asset code
 *
 * Returns: the asset's scale, %KOPIR_CURRENCY_DEFAULT_SCALE if unknown
 */
guint
kopir_currency_get_scale (const char *code)
{
  const KopirCurrency *c = kopir_currency_lookup (code);

  return c != NULL ? c->scale : KOPIR_CURRENCY_DEFAULT_SCALE;
}

/**
 * kopir_currency_get_name:
 * @currency: an asset
 *
 * Returns: the asset's name in the user interface's language
 */
const char *
kopir_currency_get_name (const KopirCurrency *currency)
{
  g_return_val_if_fail (currency != NULL, NULL);

  return _(currency->name);
}

/**
 * kopir_currency_is_crypto:
 * @code: an asset code
 *
 * Returns: %TRUE unless @code is a known national currency
 */
gboolean
kopir_currency_is_crypto (const char *code)
{
  const KopirCurrency *c = kopir_currency_lookup (code);

  return c == NULL || !c->fiat;
}
