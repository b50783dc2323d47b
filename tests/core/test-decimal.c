/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib.h>

#include "kopir-decimal.h"
#include "kopir-test-util.h"

static KopirDecimal
dec (const char *s)
{
  KopirDecimal d;
  g_autoptr(GError) error = NULL;

  if (!kopir_decimal_parse (s, &d, &error))
    g_error ("cannot parse %s: %s", s, error->message);
  return d;
}

static void
assert_dec (const KopirDecimal *d,
            const char         *expected)
{
  g_autofree char *s = kopir_decimal_dup_string (d);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_parse_write (void)
{
  static const struct { const char *in; const char *out; gint64 coef; guint scale; } ok[] = {
    { "0.00100000", "0.00100000", 100000, 8 },
    { "123", "123", 123, 0 },
    { "-1.5", "-1.5", -15, 1 },
    { "0", "0", 0, 0 },
    { "-0", "0", 0, 0 },
    { "0.0", "0.0", 0, 1 },
    { ".5", "0.5", 5, 1 },
    { "5.", "5", 5, 0 },
    { "007.10", "7.10", 710, 2 },
    { "9223372036854775807", "9223372036854775807", G_MAXINT64, 0 },
    { "-9223372036854775807", "-9223372036854775807", -G_MAXINT64, 0 },
    { "0.000000000000000001", "0.000000000000000001", 1, 18 },
    { "1.50000000000000000000000", "1.500000000000000000", 1500000000000000000, 18 },
    { "92233720368.54775807", "92233720368.54775807", G_MAXINT64, 8 },
    { "50000000.00", "50000000.00", 5000000000, 2 },
  };
  static const struct { const char *in; KopirDecimalError code; } bad[] = {
    { "", KOPIR_DECIMAL_ERROR_EMPTY },
    { "-", KOPIR_DECIMAL_ERROR_INVALID },
    { ".", KOPIR_DECIMAL_ERROR_INVALID },
    { "-.", KOPIR_DECIMAL_ERROR_INVALID },
    { "1e5", KOPIR_DECIMAL_ERROR_INVALID },
    { "1E-8", KOPIR_DECIMAL_ERROR_INVALID },
    { "+1", KOPIR_DECIMAL_ERROR_INVALID },
    { " 1", KOPIR_DECIMAL_ERROR_INVALID },
    { "1 ", KOPIR_DECIMAL_ERROR_INVALID },
    { "1,5", KOPIR_DECIMAL_ERROR_INVALID },
    { "1.2.3", KOPIR_DECIMAL_ERROR_INVALID },
    { "--1", KOPIR_DECIMAL_ERROR_INVALID },
    { "0x10", KOPIR_DECIMAL_ERROR_INVALID },
    { "NaN", KOPIR_DECIMAL_ERROR_INVALID },
    { "inf", KOPIR_DECIMAL_ERROR_INVALID },
    { "１", KOPIR_DECIMAL_ERROR_INVALID },
    { "9223372036854775808", KOPIR_DECIMAL_ERROR_OVERFLOW },
    { "-9223372036854775808", KOPIR_DECIMAL_ERROR_OVERFLOW },
    { "99999999999999999999999", KOPIR_DECIMAL_ERROR_OVERFLOW },
    { "92233720368.54775808", KOPIR_DECIMAL_ERROR_OVERFLOW },
    { "0.0000000000000000001", KOPIR_DECIMAL_ERROR_TOO_PRECISE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      KopirDecimal d;
      g_autoptr(GError) error = NULL;

      g_assert_true (kopir_decimal_parse (ok[i].in, &d, &error));
      g_assert_no_error (error);
      g_assert_cmpint (d.coef, ==, ok[i].coef);
      g_assert_cmpuint (d.scale, ==, ok[i].scale);
      assert_dec (&d, ok[i].out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      KopirDecimal d = KOPIR_DECIMAL_INIT (42, 0);
      g_autoptr(GError) error = NULL;

      g_test_message ("rejecting \"%s\"", bad[i].in);
      g_assert_false (kopir_decimal_parse (bad[i].in, &d, &error));
      g_assert_error (error, KOPIR_DECIMAL_ERROR, (int) bad[i].code);
      g_assert_nonnull (error->message);
      /* A failed parse leaves the output alone. */
      g_assert_cmpint (d.coef, ==, 42);
    }

  /* An embedded nul is junk, not the end of the number. */
  {
    KopirDecimal d;
    g_assert_false (kopir_decimal_parse_len ("1\0002", 3, &d, NULL));
    g_assert_true (kopir_decimal_parse_len ("12345", 3, &d, NULL));
    assert_dec (&d, "123");
  }
}

static void
test_buffer (void)
{
  KopirDecimal d = dec ("-12.50");
  char buf[KOPIR_DECIMAL_STRING_MAX];
  char small[6];

  g_assert_cmpuint (kopir_decimal_to_string (&d, buf, sizeof buf), ==, 6);
  g_assert_cmpstr (buf, ==, "-12.50");
  g_assert_cmpuint (kopir_decimal_to_string (&d, small, sizeof small), ==, 0);
  g_assert_cmpstr (small, ==, "");

  d = KOPIR_DECIMAL_INIT (-G_MAXINT64, 18);
  g_assert_cmpuint (kopir_decimal_to_string (&d, buf, sizeof buf), ==, 21);
  g_assert_cmpstr (buf, ==, "-9.223372036854775807");
}

static void
test_rounding (void)
{
  /* value, scale, DOWN, UP, HALF_EVEN, HALF_UP, FLOOR, CEILING */
  static const char *table[][8] = {
    { "2.5", "0", "2", "3", "2", "3", "2", "3" },
    { "3.5", "0", "3", "4", "4", "4", "3", "4" },
    { "-2.5", "0", "-2", "-3", "-2", "-3", "-3", "-2" },
    { "-3.5", "0", "-3", "-4", "-4", "-4", "-4", "-3" },
    { "1.26", "1", "1.2", "1.3", "1.3", "1.3", "1.2", "1.3" },
    { "1.24", "1", "1.2", "1.3", "1.2", "1.2", "1.2", "1.3" },
    { "-1.26", "1", "-1.2", "-1.3", "-1.3", "-1.3", "-1.3", "-1.2" },
    { "1.20", "1", "1.2", "1.2", "1.2", "1.2", "1.2", "1.2" },
    { "0.001", "2", "0.00", "0.01", "0.00", "0.00", "0.00", "0.01" },
    { "-0.001", "2", "0.00", "-0.01", "0.00", "0.00", "-0.01", "0.00" },
    { "0.005", "2", "0.00", "0.01", "0.00", "0.01", "0.00", "0.01" },
    { "0.015", "2", "0.01", "0.02", "0.02", "0.02", "0.01", "0.02" },
    { "7", "3", "7.000", "7.000", "7.000", "7.000", "7.000", "7.000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    for (guint m = 0; m < 6; m++)
      {
        KopirDecimal v = dec (table[i][0]);
        KopirDecimal r;

        g_assert_true (kopir_decimal_rescale (&v, (guint) atoi (table[i][1]), (KopirRounding) m, &r));
        assert_dec (&r, table[i][2 + m]);
      }

  /* Widening past 64 bits fails rather than wraps. */
  {
    KopirDecimal v = dec ("10000000000"), r = KOPIR_DECIMAL_INIT (1, 0);
    g_assert_false (kopir_decimal_rescale (&v, 9, KOPIR_ROUNDING_DOWN, &r));
    g_assert_cmpint (r.coef, ==, 1);
    g_assert_false (kopir_decimal_rescale (&v, 19, KOPIR_ROUNDING_DOWN, &r));
  }

  {
    KopirDecimal v = dec ("1.2500"), r;
    kopir_decimal_normalize (&v, &r);
    assert_dec (&r, "1.25");
    v = dec ("0.000");
    kopir_decimal_normalize (&v, &r);
    assert_dec (&r, "0");
    v = dec ("100");
    kopir_decimal_normalize (&v, &r);
    assert_dec (&r, "100");
  }
}

static void
test_arithmetic (void)
{
  KopirDecimal a, b, r;

  a = dec ("1.5");
  b = dec ("0.25");
  g_assert_true (kopir_decimal_add (&a, &b, &r));
  assert_dec (&r, "1.75");
  g_assert_true (kopir_decimal_sub (&b, &a, &r));
  assert_dec (&r, "-1.25");
  g_assert_true (kopir_decimal_mul (&a, &b, 2, KOPIR_ROUNDING_HALF_EVEN, &r));
  assert_dec (&r, "0.38");
  g_assert_true (kopir_decimal_mul (&a, &b, 2, KOPIR_ROUNDING_DOWN, &r));
  assert_dec (&r, "0.37");
  g_assert_true (kopir_decimal_mul_exact (&a, &b, &r));
  assert_dec (&r, "0.375");
  g_assert_true (kopir_decimal_mul (&a, &b, 5, KOPIR_ROUNDING_DOWN, &r));
  assert_dec (&r, "0.37500");

  /* Aliasing the output with an input works. */
  r = a;
  g_assert_true (kopir_decimal_add (&r, &r, &r));
  assert_dec (&r, "3.0");

  /* 1 / 3 in every rounding mode. */
  a = dec ("1");
  b = dec ("3");
  g_assert_true (kopir_decimal_div (&a, &b, 8, KOPIR_ROUNDING_DOWN, &r));
  assert_dec (&r, "0.33333333");
  g_assert_true (kopir_decimal_div (&a, &b, 8, KOPIR_ROUNDING_UP, &r));
  assert_dec (&r, "0.33333334");
  b = dec ("-3");
  g_assert_true (kopir_decimal_div (&a, &b, 2, KOPIR_ROUNDING_FLOOR, &r));
  assert_dec (&r, "-0.34");
  g_assert_true (kopir_decimal_div (&a, &b, 2, KOPIR_ROUNDING_CEILING, &r));
  assert_dec (&r, "-0.33");

  /* Tenge to USD at a rate, and the reverse. */
  a = dec ("50000.00");
  b = dec ("512.34");
  g_assert_true (kopir_decimal_div (&a, &b, 2, KOPIR_ROUNDING_UP, &r));
  assert_dec (&r, "97.60");
  g_assert_true (kopir_decimal_div (&a, &b, 8, KOPIR_ROUNDING_HALF_EVEN, &r));
  assert_dec (&r, "97.59144318");

  /* A large exponent in the long division. */
  a = dec ("0.000000000000000001");
  b = dec ("1000000000");
  g_assert_true (kopir_decimal_div (&a, &b, 18, KOPIR_ROUNDING_UP, &r));
  assert_dec (&r, "0.000000000000000001");
  g_assert_true (kopir_decimal_div (&b, &a, 0, KOPIR_ROUNDING_DOWN, &r) == FALSE);
  a = dec ("9");
  b = dec ("0.000000000000000003");
  g_assert_true (kopir_decimal_div (&a, &b, 0, KOPIR_ROUNDING_DOWN, &r));
  assert_dec (&r, "3000000000000000000");
  g_assert_false (kopir_decimal_div (&a, &b, 1, KOPIR_ROUNDING_DOWN, &r));

  /* Division by zero and overflow fail. */
  b = dec ("0.00");
  g_assert_false (kopir_decimal_div (&a, &b, 2, KOPIR_ROUNDING_DOWN, &r));
  a = KOPIR_DECIMAL_INIT (G_MAXINT64, 0);
  b = dec ("1");
  g_assert_false (kopir_decimal_add (&a, &b, &r));
  g_assert_true (kopir_decimal_sub (&a, &b, &r));
  b = dec ("0.1");
  g_assert_false (kopir_decimal_add (&a, &b, &r));
  b = dec ("2");
  g_assert_false (kopir_decimal_mul (&a, &b, 0, KOPIR_ROUNDING_DOWN, &r));
  b = dec ("0.5");
  g_assert_true (kopir_decimal_mul (&a, &b, 0, KOPIR_ROUNDING_DOWN, &r));
  assert_dec (&r, "4611686018427387903");
  g_assert_false (kopir_decimal_mul_exact (&(KopirDecimal) { 1, 10 }, &(KopirDecimal) { 1, 9 }, &r));
  g_assert_false (kopir_decimal_from_parts (G_MININT64, 0, &r));
  g_assert_false (kopir_decimal_from_parts (1, 19, &r));
  r = kopir_decimal_from_int (G_MININT64);
  assert_dec (&r, "-9223372036854775807");
}

static void
test_compare (void)
{
  KopirDecimal a = dec ("1.5"), b = dec ("1.50"), c = dec ("-2"), z = dec ("-0.000");

  g_assert_cmpint (kopir_decimal_compare (&a, &b), ==, 0);
  g_assert_true (kopir_decimal_equal (&a, &b));
  g_assert_cmpint (kopir_decimal_compare (&c, &a), <, 0);
  g_assert_cmpint (kopir_decimal_compare (&a, &c), >, 0);
  g_assert_true (kopir_decimal_is_zero (&z));
  g_assert_false (kopir_decimal_is_negative (&z));
  g_assert_true (kopir_decimal_is_negative (&c));
  g_assert_true (kopir_decimal_is_positive (&a));
  g_assert_true (kopir_decimal_min (&a, &c) == &c);
  g_assert_true (kopir_decimal_max (&a, &c) == &a);

  a = KOPIR_DECIMAL_INIT (G_MAXINT64, 0);
  b = KOPIR_DECIMAL_INIT (G_MAXINT64, 18);
  g_assert_cmpint (kopir_decimal_compare (&a, &b), >, 0);
}

static void
test_steps (void)
{
  static const char *table[][4] = {
    /* value, step, floor, ceil */
    { "0.123456789", "0.00001", "0.12345", "0.12346" },
    { "0.12345", "0.00001", "0.12345", "0.12345" },
    { "1234.567", "0.01", "1234.56", "1234.57" },
    { "-1234.567", "0.01", "-1234.57", "-1234.56" },
    { "17", "5", "15", "20" },
    { "0", "0.001", "0.000", "0.000" },
    { "0.00099", "0.001", "0.000", "0.001" },
    { "12.3", "0.25", "12.25", "12.50" },
  };
  KopirDecimal v, s, r;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      v = dec (table[i][0]);
      s = dec (table[i][1]);
      g_assert_true (kopir_decimal_floor_to_step (&v, &s, &r));
      assert_dec (&r, table[i][2]);
      g_assert_true (kopir_decimal_is_multiple_of (&r, &s));
      g_assert_true (kopir_decimal_ceil_to_step (&v, &s, &r));
      assert_dec (&r, table[i][3]);
      g_assert_true (kopir_decimal_is_multiple_of (&r, &s));
    }

  v = dec ("1.005");
  s = dec ("0.01");
  g_assert_false (kopir_decimal_is_multiple_of (&v, &s));
  s = dec ("0");
  g_assert_false (kopir_decimal_floor_to_step (&v, &s, &r));
  s = dec ("-0.01");
  g_assert_false (kopir_decimal_ceil_to_step (&v, &s, &r));
}

/* Random values survive writing and parsing unchanged, and arithmetic
 * agrees with 128-bit integer arithmetic. */
static void
test_random_round_trip (void)
{
  g_autoptr(GRand) rand = kopir_test_rand_new ();

  for (guint i = 0; i < 200000; i++)
    {
      KopirDecimal d, back;
      char buf[KOPIR_DECIMAL_STRING_MAX];
      gint64 coef = (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand));
      guint shift = g_rand_int_range (rand, 0, 64);
      g_autoptr(GError) error = NULL;

      /* Spread the magnitudes out so short and long numbers both occur. */
      coef >>= shift;
      if (coef == G_MININT64)
        coef = 0;
      d = KOPIR_DECIMAL_INIT (coef, (guint) g_rand_int_range (rand, 0, KOPIR_DECIMAL_MAX_SCALE + 1));

      kopir_decimal_to_string (&d, buf, sizeof buf);
      if (!kopir_decimal_parse (buf, &back, &error))
        g_error ("%s did not parse back: %s (seed %u)", buf, error->message, kopir_test_seed ());
      if (back.coef != d.coef || back.scale != d.scale)
        g_error ("%s parsed back differently (seed %u)", buf, kopir_test_seed ());
    }
}

static void
test_random_arithmetic (void)
{
  g_autoptr(GRand) rand = kopir_test_rand_new ();

  for (guint i = 0; i < 100000; i++)
    {
      KopirDecimal a = KOPIR_DECIMAL_INIT ((gint64) g_rand_int_range (rand, G_MININT32, G_MAXINT32) *
                                             g_rand_int_range (rand, 1, 100000),
                                           (guint) g_rand_int_range (rand, 0, 9));
      KopirDecimal b = KOPIR_DECIMAL_INIT ((gint64) g_rand_int_range (rand, G_MININT32, G_MAXINT32),
                                           (guint) g_rand_int_range (rand, 0, 9));
      KopirDecimal sum, diff, prod, quot, check;

      if (!kopir_decimal_add (&a, &b, &sum) || !kopir_decimal_sub (&sum, &b, &diff))
        continue;
      if (kopir_decimal_compare (&diff, &a) != 0)
        g_error ("(a + b) - b != a (seed %u)", kopir_test_seed ());

      /* a × b ÷ b comes back to a when nothing was rounded away. */
      if (b.coef == 0 || !kopir_decimal_mul_exact (&a, &b, &prod))
        continue;
      if (!kopir_decimal_div (&prod, &b, a.scale, KOPIR_ROUNDING_HALF_EVEN, &quot))
        g_error ("division overflowed (seed %u)", kopir_test_seed ());
      if (quot.coef != a.coef)
        g_error ("a × b ÷ b != a (seed %u)", kopir_test_seed ());

      /* Floor and ceiling bracket the exact quotient. */
      if (kopir_decimal_div (&a, &b, 4, KOPIR_ROUNDING_FLOOR, &quot) &&
          kopir_decimal_mul (&quot, &b, 12, KOPIR_ROUNDING_DOWN, &check) &&
          b.coef > 0 && kopir_decimal_compare (&check, &a) > 0)
        g_error ("floor quotient too large (seed %u)", kopir_test_seed ());
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decimal/parse-write", test_parse_write);
  g_test_add_func ("/decimal/buffer", test_buffer);
  g_test_add_func ("/decimal/rounding", test_rounding);
  g_test_add_func ("/decimal/arithmetic", test_arithmetic);
  g_test_add_func ("/decimal/compare", test_compare);
  g_test_add_func ("/decimal/steps", test_steps);
  g_test_add_func ("/decimal/random-round-trip", test_random_round_trip);
  g_test_add_func ("/decimal/random-arithmetic", test_random_arithmetic);

  return g_test_run ();
}
