/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "kopir-currency.h"
#include "kopir-money-format.h"
#include "kopir-test-util.h"

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;

  g_assert_true (kopir_decimal_parse (s, &d, NULL));
  return d;
}

static void
test_currency (void)
{
  const KopirCurrency *c;
  guint n;

  c = kopir_currency_lookup ("KZT");
  g_assert_nonnull (c);
  g_assert_cmpuint (c->scale, ==, 2);
  g_assert_cmpstr (c->symbol, ==, "₸");
  g_assert_true (c->fiat);
  g_assert_cmpstr (kopir_currency_get_name (c), ==, "Kazakhstani tenge");
  g_assert_true (kopir_currency_lookup ("kzt") == c);

  g_assert_cmpuint (kopir_currency_get_scale ("USD"), ==, 2);
  g_assert_cmpuint (kopir_currency_get_scale ("BTC"), ==, 8);
  g_assert_cmpuint (kopir_currency_get_scale ("ETH"), ==, 8);
  g_assert_cmpuint (kopir_currency_get_scale ("USDT"), ==, 8);
  g_assert_cmpuint (kopir_currency_get_scale ("SOL"), ==, 8);
  g_assert_cmpuint (kopir_currency_get_scale ("DOGE"), ==, KOPIR_CURRENCY_DEFAULT_SCALE);
  g_assert_null (kopir_currency_lookup ("DOGE"));
  g_assert_null (kopir_currency_lookup (NULL));
  g_assert_true (kopir_currency_is_crypto ("BTC"));
  g_assert_false (kopir_currency_is_crypto ("KZT"));

  c = kopir_currency_get_all (&n);
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (kopir_currency_get_name (&c[i]));
}

static void
test_language (void)
{
  g_assert_cmpstr (kopir_money_language_from_locale ("kk"), ==, "kk");
  g_assert_cmpstr (kopir_money_language_from_locale ("kk_KZ.UTF-8"), ==, "kk");
  g_assert_cmpstr (kopir_money_language_from_locale ("ru_RU"), ==, "ru");
  g_assert_cmpstr (kopir_money_language_from_locale ("en_GB"), ==, "en");
  g_assert_cmpstr (kopir_money_language_from_locale ("C"), ==, "en");
  g_assert_cmpstr (kopir_money_language_from_locale ("kkx"), ==, "en");
  g_assert_cmpstr (kopir_money_language_from_locale (NULL), ==, "en");
}

static void
test_format (void)
{
  static const struct {
    const char *amount; const char *currency; const char *lang; KopirMoneyFormatFlags flags;
    const char *expected;
  } cases[] = {
    { "1234567.5", "KZT", "kk", 0, "1\u202f234\u202f567,50\u00a0₸" },
    { "1234567.5", "KZT", "ru_RU.UTF-8", 0, "1\u202f234\u202f567,50\u00a0₸" },
    { "1234567.5", "KZT", "en", 0, "₸1,234,567.50" },
    { "-1234.5", "KZT", "en", 0, "-₸1,234.50" },
    { "-1234.5", "KZT", "ru", 0, "-1\u202f234,50\u00a0₸" },
    { "5000", "KZT", "ru", KOPIR_MONEY_FORMAT_TRIM_ZEROS, "5\u202f000\u00a0₸" },
    { "999", "KZT", "kk", 0, "999,00\u00a0₸" },
    { "0", "KZT", "en", 0, "₸0.00" },
    { "0.005", "KZT", "en", 0, "₸0.00" },
    { "0.015", "KZT", "en", 0, "₸0.02" },
    { "12", "USD", "en", 0, "$12.00" },
    { "12", "USD", "kk", 0, "12,00\u00a0$" },
    { "0.001", "BTC", "en", 0, "0.00100000\u00a0BTC" },
    { "0.001", "BTC", "ru", 0, "0,00100000\u00a0BTC" },
    { "0.0012", "BTC", "kk", KOPIR_MONEY_FORMAT_TRIM_ZEROS, "0,0012\u00a0BTC" },
    { "1234.5", "ETH", "en", KOPIR_MONEY_FORMAT_NO_SYMBOL, "1,234.50000000" },
    { "1234.5", "KZT", "ru", KOPIR_MONEY_FORMAT_NO_SYMBOL | KOPIR_MONEY_FORMAT_NO_GROUPING, "1234,50" },
    { "512.3456", "KZT", "ru", KOPIR_MONEY_FORMAT_KEEP_SCALE, "512,3456\u00a0₸" },
    { "512.3", "KZT", "ru", KOPIR_MONEY_FORMAT_KEEP_SCALE, "512,30\u00a0₸" },
    { "10", "DOGE", "en", 0, "10.00000000\u00a0DOGE" },
    { "1234.5", NULL, "ru", 0, "1\u202f234,5" },
    { "100", NULL, "en", 0, "100" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KopirDecimal d = dec (cases[i].amount);
      g_autofree char *s = kopir_money_format (&d, cases[i].currency, cases[i].lang, cases[i].flags);

      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

static void
test_parse (void)
{
  static const struct { const char *text; const char *currency; const char *lang; const char *expected; } ok[] = {
    { "1 234 567,50", "KZT", "kk", "1234567.50" },
    { "1\u00a0234\u00a0567,50", "KZT", "ru", "1234567.50" },
    { "1\u202f234\u202f567,50\u00a0₸", "KZT", "ru", "1234567.50" },
    { "1\u2009234", "KZT", "ru", "1234.00" },
    { "1234567.50", "KZT", "kk", "1234567.50" },
    { "1,234,567.50", "KZT", "en", "1234567.50" },
    { "1.234.567,50", "KZT", "ru", "1234567.50" },
    { "₸50,000", "KZT", "en", "50000.00" },
    { "50 000 ₸", "KZT", "kk", "50000.00" },
    { "50 000 тг", "KZT", "ru", "50000.00" },
    { "50000 kzt", "KZT", "en", "50000.00" },
    { "  50000  ", "KZT", "en", "50000.00" },
    { "1,234", "KZT", "en", "1234.00" },
    { "0,5", "KZT", "en", "0.50" },
    { "12,34", "KZT", "en", "12.34" },
    { ",5", "KZT", "ru", "0.50" },
    { "5.", "KZT", "ru", "5.00" },
    { "1,234", "BTC", "ru", "1.23400000" },
    { "1,234", "BTC", "en", "1234.00000000" },
    { "0,001", "BTC", "en", "0.00100000" },
    { "0.00100000 BTC", "BTC", "en", "0.00100000" },
    { "$12.5", "USD", "en", "12.50" },
    { "007", "KZT", "en", "7.00" },
    { "1.5", NULL, "en", "1.5" },
  };
  static const struct { const char *text; const char *currency; const char *lang; KopirMoneyError code; } bad[] = {
    { "", "KZT", "en", KOPIR_MONEY_ERROR_EMPTY },
    { "   ", "KZT", "en", KOPIR_MONEY_ERROR_EMPTY },
    { "₸", "KZT", "en", KOPIR_MONEY_ERROR_EMPTY },
    { ",", "KZT", "en", KOPIR_MONEY_ERROR_EMPTY },
    { "12a", "KZT", "en", KOPIR_MONEY_ERROR_INVALID },
    { "1e5", "KZT", "en", KOPIR_MONEY_ERROR_INVALID },
    { "١٢", "KZT", "en", KOPIR_MONEY_ERROR_INVALID },
    { "\xff\xfe", "KZT", "en", KOPIR_MONEY_ERROR_INVALID },
    { "-5", "KZT", "en", KOPIR_MONEY_ERROR_NEGATIVE },
    { "\u22125", "KZT", "ru", KOPIR_MONEY_ERROR_NEGATIVE },
    { "12 34", "KZT", "ru", KOPIR_MONEY_ERROR_GROUPING },
    { "1234 567", "KZT", "ru", KOPIR_MONEY_ERROR_GROUPING },
    { "1  234", "KZT", "ru", KOPIR_MONEY_ERROR_GROUPING },
    { "1,23,456", "KZT", "en", KOPIR_MONEY_ERROR_GROUPING },
    { "1,2345,678.5", "KZT", "en", KOPIR_MONEY_ERROR_GROUPING },
    { "12,5 0", "KZT", "ru", KOPIR_MONEY_ERROR_GROUPING },
    { "1.2,3,4", "KZT", "ru", KOPIR_MONEY_ERROR_AMBIGUOUS },
    { "1,2.3.4", "KZT", "en", KOPIR_MONEY_ERROR_AMBIGUOUS },
    { "12,345", "KZT", "ru", KOPIR_MONEY_ERROR_TOO_PRECISE },
    { "0.001", "KZT", "en", KOPIR_MONEY_ERROR_TOO_PRECISE },
    { "0.000000001", "BTC", "en", KOPIR_MONEY_ERROR_TOO_PRECISE },
    { "99999999999999999999", "KZT", "en", KOPIR_MONEY_ERROR_TOO_LARGE },
    { "100000000000000000", "KZT", "en", KOPIR_MONEY_ERROR_TOO_LARGE },
    { "$100", "KZT", "en", KOPIR_MONEY_ERROR_WRONG_CURRENCY },
    { "100 BTC", "KZT", "en", KOPIR_MONEY_ERROR_WRONG_CURRENCY },
    { "100 тг", "USD", "ru", KOPIR_MONEY_ERROR_WRONG_CURRENCY },
    { "100 USD", "USDT", "en", KOPIR_MONEY_ERROR_WRONG_CURRENCY },
    { "₸100", NULL, "en", KOPIR_MONEY_ERROR_WRONG_CURRENCY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      KopirDecimal d;
      g_autoptr(GError) error = NULL;
      g_autofree char *s = NULL;

      g_test_message ("parsing \"%s\" (%s)", ok[i].text, ok[i].lang);
      g_assert_true (kopir_money_parse (ok[i].text, ok[i].currency, ok[i].lang, &d, &error));
      g_assert_no_error (error);
      s = kopir_decimal_dup_string (&d);
      g_assert_cmpstr (s, ==, ok[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      KopirDecimal d = KOPIR_DECIMAL_INIT (7, 0);
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (bad[i].text, NULL);

      /* Escaped: some of the inputs are not UTF-8, which TAP output must be. */
      g_test_message ("rejecting \"%s\" (%s)", shown, bad[i].lang);
      g_assert_false (kopir_money_parse (bad[i].text, bad[i].currency, bad[i].lang, &d, &error));
      g_assert_error (error, KOPIR_MONEY_ERROR, (int) bad[i].code);
      g_assert_cmpint (d.coef, ==, 7);
    }

  /* The reason for too many decimals names the limit. */
  {
    KopirDecimal d;
    g_autoptr(GError) error = NULL;

    g_assert_false (kopir_money_parse ("1.234", "KZT", "en", &d, &error));
    g_assert_cmpstr (error->message, ==, "Use at most 2 digits after the decimal mark.");
  }
}

/* Whatever Kopir writes, it reads back as the same amount. */
static void
test_round_trip (void)
{
  static const char *langs[] = { "en", "kk", "ru" };
  static const char *codes[] = { "KZT", "USD", "BTC", "ETH", "USDT", "SOL" };
  static const KopirMoneyFormatFlags flags[] = {
    KOPIR_MONEY_FORMAT_DEFAULT, KOPIR_MONEY_FORMAT_NO_SYMBOL, KOPIR_MONEY_FORMAT_TRIM_ZEROS,
    KOPIR_MONEY_FORMAT_NO_GROUPING, KOPIR_MONEY_FORMAT_NO_SYMBOL | KOPIR_MONEY_FORMAT_TRIM_ZEROS,
  };
  g_autoptr(GRand) rand = kopir_test_rand_new ();

  for (guint i = 0; i < 60000; i++)
    {
      const char *code = codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (codes))];
      const char *lang = langs[g_rand_int_range (rand, 0, G_N_ELEMENTS (langs))];
      KopirMoneyFormatFlags f = flags[g_rand_int_range (rand, 0, G_N_ELEMENTS (flags))];
      guint scale = kopir_currency_get_scale (code);
      gint64 coef = (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand));
      KopirDecimal amount, back;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      coef = (gint64) ((guint64) coef >> g_rand_int_range (rand, 1, 64));
      amount = KOPIR_DECIMAL_INIT (coef, scale);
      text = kopir_money_format (&amount, code, lang, f);
      if (!kopir_money_parse (text, code, lang, &back, &error))
        g_error ("\"%s\" (%s) did not parse back: %s (seed %u)", text, lang, error->message,
                 kopir_test_seed ());
      if (!kopir_decimal_equal (&amount, &back))
        g_error ("\"%s\" (%s) parsed back differently (seed %u)", text, lang, kopir_test_seed ());
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/currency/table", test_currency);
  g_test_add_func ("/money/language", test_language);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/parse", test_parse);
  g_test_add_func ("/money/round-trip", test_round_trip);

  return g_test_run ();
}
