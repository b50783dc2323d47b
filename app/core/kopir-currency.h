/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-currency.h: the assets Kopir deals in and how precisely each counts.
 *
 * The scale of an asset is the number of decimals the exchange keeps in
 * balances and fills.  Tenge and dollars have 2.  BTC, ETH, SOL and USDT have
 * 8: the exchange keeps every asset balance to 8 decimals (Binance writes
 * "0.00000000" for all of them), so although USDT tokens carry 6 decimals on
 * their chains, a smaller scale here would cut digits off amounts the
 * exchange reports.  Withdrawal precision is a network matter and is not
 * decided here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KOPIR_CURRENCY_KZT  "KZT"
#define KOPIR_CURRENCY_USD  "USD"
#define KOPIR_CURRENCY_USDT "USDT"
#define KOPIR_CURRENCY_BTC  "BTC"
#define KOPIR_CURRENCY_ETH  "ETH"
#define KOPIR_CURRENCY_SOL  "SOL"

/* The scale assumed for an asset Kopir does not know (the exchange's). */
#define KOPIR_CURRENCY_DEFAULT_SCALE 8

/**
 * KopirCurrency:
 * @code: the exchange's asset code, upper case ("KZT", "BTC")
 * @scale: decimals kept for amounts of this asset
 * @symbol: (nullable): a currency sign ("₸", "$"), or %NULL where people
 *   write the code (crypto-assets)
 * @fiat: whether this is a national currency
 *
 * Facts about one asset; the table is static, never free it.
 */
typedef struct
{
  const char *code;
  guint       scale;
  const char *symbol;
  gboolean    fiat;
  /*< private >*/
  const char *name;
} KopirCurrency;

const KopirCurrency *kopir_currency_lookup       (const char          *code);
const KopirCurrency *kopir_currency_get_all      (guint               *n_currencies);
guint                kopir_currency_get_scale    (const char          *code);
const char          *kopir_currency_get_name     (const KopirCurrency *currency);
gboolean             kopir_currency_is_crypto    (const char          *code);

G_END_DECLS
