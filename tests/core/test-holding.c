/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "kopir-holding.h"

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;

  g_assert_true (kopir_decimal_parse (s, &d, NULL));
  return d;
}

static void
assert_decimal (const KopirDecimal *value,
                const char         *expected)
{
  g_autofree char *text = kopir_decimal_dup_string (value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_all_bought (void)
{
  KopirDecimal quantity = dec ("0.00299700"), price = dec ("50000000.00");
  KopirDecimal bought = dec ("0.00299700"), paid = dec ("144000.0000000000");
  KopirHolding h;

  g_assert_true (kopir_holding_compute (&quantity, &price, &bought, &paid, 2, &h));
  g_assert_true (h.has_value);
  assert_decimal (&h.value, "149850.00");
  g_assert_true (h.has_cost);
  assert_decimal (&h.cost, "144000.00");
  g_assert_true (h.has_change);
  /* 5 850 / 144 000 = 4.0625 %: toward zero. */
  assert_decimal (&h.change_percent, "4.06");
}

static void
test_part_held (void)
{
  /* Bought 2, sold or sent away 1.5: half a coin, at the average cost. */
  KopirDecimal quantity = dec ("0.5"), price = dec ("900.00");
  KopirDecimal bought = dec ("2"), paid = dec ("2000.01");
  KopirHolding h;

  g_assert_true (kopir_holding_compute (&quantity, &price, &bought, &paid, 2, &h));
  assert_decimal (&h.costed_quantity, "0.5");
  /* 2000.01 / 4 = 500.0025, rounded up. */
  assert_decimal (&h.cost, "500.01");
  assert_decimal (&h.value, "450.00");
  /* -50.01 / 500.01 = -10.0018 %. */
  assert_decimal (&h.change_percent, "-10.00");
}

static void
test_more_than_bought (void)
{
  /* 1 coin bought here, 2 more from elsewhere: only 1 has a cost. */
  KopirDecimal quantity = dec ("3"), price = dec ("100.00");
  KopirDecimal bought = dec ("1"), paid = dec ("80.00");
  KopirHolding h;

  g_assert_true (kopir_holding_compute (&quantity, &price, &bought, &paid, 2, &h));
  assert_decimal (&h.costed_quantity, "1");
  assert_decimal (&h.cost, "80.00");
  assert_decimal (&h.value, "300.00");
  assert_decimal (&h.change_percent, "25.00");
}

static void
test_unknowns (void)
{
  KopirDecimal quantity = dec ("1.5"), zero = dec ("0");
  KopirHolding h;

  /* No price, nothing bought here. */
  g_assert_true (kopir_holding_compute (&quantity, NULL, NULL, NULL, 2, &h));
  g_assert_false (h.has_value);
  g_assert_false (h.has_cost);
  g_assert_false (h.has_change);

  /* Nothing held any more. */
  {
    KopirDecimal price = dec ("10.00"), bought = dec ("1"), paid = dec ("9.00");

    g_assert_true (kopir_holding_compute (&zero, &price, &bought, &paid, 2, &h));
    g_assert_true (h.has_value);
    assert_decimal (&h.value, "0.00");
    g_assert_false (h.has_cost);
  }

  /* Numbers too large to hold. */
  {
    KopirDecimal huge = KOPIR_DECIMAL_INIT (G_MAXINT64, 0);

    g_assert_false (kopir_holding_compute (&huge, &huge, NULL, NULL, 2, &h));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/holding/all-bought", test_all_bought);
  g_test_add_func ("/holding/part-held", test_part_held);
  g_test_add_func ("/holding/more-than-bought", test_more_than_bought);
  g_test_add_func ("/holding/unknowns", test_unknowns);

  return g_test_run ();
}
