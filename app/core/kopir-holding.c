/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-holding.c: what an asset the customer holds is worth, and what
 * they paid for it */

#define G_LOG_DOMAIN "kopir-holding"

#include "config.h"

#include "kopir-holding.h"

/**
 * kopir_holding_compute:
 * @quantity: how much is held
 * @price: (nullable): the market price, in the quote asset
 * @bought: (nullable): how much was bought through Kopir, fees taken off
 * @paid: (nullable): what was paid for @bought, fees included
 * @quote_scale: decimals of the quote asset (2 for tenge)
 * @holding: (out): the result
 *
 * Returns: %FALSE if the numbers do not fit
 */
gboolean
kopir_holding_compute (const KopirDecimal *quantity,
                       const KopirDecimal *price,
                       const KopirDecimal *bought,
                       const KopirDecimal *paid,
                       guint               quote_scale,
                       KopirHolding       *holding)
{
  KopirHolding h = { 0, };

  g_return_val_if_fail (quantity != NULL && holding != NULL, FALSE);

  h.quantity = *quantity;

  if (price != NULL && kopir_decimal_is_positive (price))
    {
      if (!kopir_decimal_mul (quantity, price, quote_scale, KOPIR_ROUNDING_DOWN, &h.value))
        return FALSE;
      h.has_value = TRUE;
    }

  if (bought != NULL && paid != NULL && kopir_decimal_is_positive (bought) &&
      kopir_decimal_is_positive (quantity))
    {
      KopirDecimal share;

      h.costed_quantity = *kopir_decimal_min (quantity, bought);
      /* cost = paid × costed / bought, rounded up. */
      if (kopir_decimal_equal (&h.costed_quantity, bought))
        {
          if (!kopir_decimal_rescale (paid, quote_scale, KOPIR_ROUNDING_UP, &h.cost))
            return FALSE;
        }
      else if (!kopir_decimal_mul_exact (paid, &h.costed_quantity, &share) ||
               !kopir_decimal_div (&share, bought, quote_scale, KOPIR_ROUNDING_UP, &h.cost))
        return FALSE;
      h.has_cost = TRUE;
    }

  if (h.has_value && h.has_cost && kopir_decimal_is_positive (&h.cost) && price != NULL)
    {
      KopirDecimal costed_value, gain, ratio;

      if (!kopir_decimal_mul (&h.costed_quantity, price, quote_scale, KOPIR_ROUNDING_DOWN, &costed_value) ||
          !kopir_decimal_sub (&costed_value, &h.cost, &gain) ||
          !kopir_decimal_mul (&gain, &KOPIR_DECIMAL_INIT (100, 0), gain.scale, KOPIR_ROUNDING_DOWN, &ratio) ||
          !kopir_decimal_div (&ratio, &h.cost, 2, KOPIR_ROUNDING_DOWN, &h.change_percent))
        return FALSE;
      h.has_change = TRUE;
    }

  *holding = h;
  return TRUE;
}
