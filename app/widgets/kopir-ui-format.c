/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Amounts, prices, fees and times as the screens write them: money in
 * the user interface's language (kopir-money-format.h), prices rounded
 * up so no screen promises a better price than was paid, and dates in
 * the locale's own format. */

#define G_LOG_DOMAIN "kopir-ui-format"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-currency.h"
#include "kopir-money-format.h"
#include "kopir-ui-format.h"

char *
kopir_ui_format_money (const KopirDecimal *amount,
                       const char         *currency)
{
  return kopir_money_format (amount, currency, kopir_money_ui_language (), KOPIR_MONEY_FORMAT_DEFAULT);
}

/**
 * kopir_ui_format_price:
 * @price: a price per unit
 * @currency: its currency
 *
 * Returns: (transfer full): @price rounded up to the currency's scale
 */
char *
kopir_ui_format_price (const KopirDecimal *price,
                       const char         *currency)
{
  KopirDecimal rounded;

  if (!kopir_decimal_rescale (price, kopir_currency_get_scale (currency), KOPIR_ROUNDING_UP, &rounded))
    rounded = *price;

  return kopir_ui_format_money (&rounded, currency);
}

/**
 * kopir_ui_format_fees:
 * @fills: (element-type KopirLedgerFill) (nullable): an order's fills
 *
 * Returns: (transfer full): the fees added up per asset, "0.00000105 BTC",
 *   or "0.00 ₸" style zero when there were none
 */
char *
kopir_ui_format_fees (GArray *fills)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) assets = g_ptr_array_new ();
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (KopirDecimal));

  for (guint i = 0; fills != NULL && i < fills->len; i++)
    {
      const KopirLedgerFill *fill = &g_array_index (fills, KopirLedgerFill, i);
      guint j;

      for (j = 0; j < assets->len; j++)
        if (g_strcmp0 (assets->pdata[j], fill->commission_asset) == 0)
          break;
      if (j == assets->len)
        {
          KopirDecimal zero = KOPIR_DECIMAL_INIT (0, 0);

          g_ptr_array_add (assets, (gpointer) fill->commission_asset);
          g_array_append_val (sums, zero);
        }
      kopir_decimal_add (&g_array_index (sums, KopirDecimal, j), &fill->commission,
                         &g_array_index (sums, KopirDecimal, j));
    }

  if (assets->len == 0)
    return g_strdup (_("None"));

  for (guint j = 0; j < assets->len; j++)
    {
      g_autofree char *amount = kopir_ui_format_money (&g_array_index (sums, KopirDecimal, j), assets->pdata[j]);

      if (j > 0)
        g_string_append (text, ", ");
      g_string_append (text, amount);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kopir_ui_format_time:
 * @time_us: Unix microseconds
 *
 * Returns: (transfer full): the local date and time, as the locale writes
 *   them
 */
char *
kopir_ui_format_time (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);

  if (time == NULL)
    return g_strdup ("");

  /* Translators: a date and time in lists and details, in
   * g_date_time_format() notation; %x is the locale's date. */
  return g_date_time_format (time, C_("date and time", "%x %H:%M"));
}

char *
kopir_ui_format_date (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);

  if (time == NULL)
    return g_strdup ("");

  return g_date_time_format (time, "%x");
}

/**
 * kopir_ui_asset_name:
 * @asset: an asset code
 *
 * Returns: the asset's name in the user interface's language, or the
 *   code itself
 */
const char *
kopir_ui_asset_name (const char *asset)
{
  const KopirCurrency *currency = kopir_currency_lookup (asset);

  return currency != NULL ? kopir_currency_get_name (currency) : asset;
}
