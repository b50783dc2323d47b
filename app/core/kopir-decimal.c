/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-decimal"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-decimal.h"

/* Intermediates are 128 bits wide: a product of two 64-bit coefficients
 * always fits, and so does any coefficient scaled by 10^18, so overflow only
 * needs checking when a result is narrowed back to 64 bits. */
typedef unsigned __int128 u128;
typedef __int128 i128;

G_DEFINE_QUARK (kopir-decimal-error-quark, kopir_decimal_error)

static const guint64 pow10_u64[] = {
  1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
  100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
  1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
  1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
  1000000000000000000ULL, 10000000000000000000ULL,
};

static inline u128
pow10_u128 (guint n)
{
  g_assert (n <= 38);

  if (n < G_N_ELEMENTS (pow10_u64))
    return pow10_u64[n];

  return (u128) pow10_u64[19] * pow10_u128 (n - 19);
}

static inline guint64
magnitude (gint64 v)
{
  /* Coefficients never hold G_MININT64, but be exact anyway. */
  return v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
}

static inline gboolean
make_result (gboolean      negative,
             u128          mag,
             guint         scale,
             KopirDecimal *out)
{
  if (mag > (u128) G_MAXINT64 || scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  out->coef = negative ? -(gint64) mag : (gint64) mag;
  out->scale = scale;
  return TRUE;
}

/* Decides whether the truncated quotient @q of a division that left the
 * remainder @r (0 <= r < d) must be moved one unit away from zero. */
static inline gboolean
round_increment (KopirRounding rounding,
                 gboolean      negative,
                 u128          q,
                 u128          r,
                 u128          d)
{
  if (r == 0)
    return FALSE;

  switch (rounding)
    {
    case KOPIR_ROUNDING_DOWN:
      return FALSE;
    case KOPIR_ROUNDING_UP:
      return TRUE;
    case KOPIR_ROUNDING_HALF_EVEN:
      {
        u128 twice = r * 2;
        return twice > d || (twice == d && (q & 1) != 0);
      }
    case KOPIR_ROUNDING_HALF_UP:
      return r * 2 >= d;
    case KOPIR_ROUNDING_FLOOR:
      return negative;
    case KOPIR_ROUNDING_CEILING:
      return !negative;
    default:
      g_return_val_if_reached (FALSE);
    }
}

static inline u128
divide_rounded (u128          n,
                u128          d,
                gboolean      negative,
                KopirRounding rounding)
{
  u128 q = n / d;
  u128 r = n % d;

  if (round_increment (rounding, negative, q, r, d))
    q++;

  return q;
}

KopirDecimal
kopir_decimal_from_int (gint64 value)
{
  KopirDecimal d = { value, 0 };

  /* G_MININT64 has no positive counterpart; clamp rather than wrap. */
  if (value == G_MININT64)
    d.coef = -G_MAXINT64;

  return d;
}

/**
 * kopir_decimal_from_parts:
 * @coef: coefficient, not %G_MININT64
 * @scale: 0 to %KOPIR_DECIMAL_MAX_SCALE
 * @out: (out): the value @coef × 10^-@scale
 *
 * Returns: %FALSE if @coef or @scale is out of range
 */
gboolean
kopir_decimal_from_parts (gint64        coef,
                          guint         scale,
                          KopirDecimal *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (coef == G_MININT64 || scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  out->coef = coef;
  out->scale = scale;
  return TRUE;
}

/**
 * kopir_decimal_parse_len:
 * @str: the text, not necessarily nul-terminated
 * @len: its length in bytes
 * @out: (out): the value, with the scale written in @str
 * @error: a #KOPIR_DECIMAL_ERROR
 *
 * Parses a plain decimal as the exchange writes it: an optional minus sign,
 * digits, and optionally a point followed by digits ("0.00100000", "123",
 * "-1.5", ".5").  Spaces, a plus sign, exponents ("1e5"), grouping and
 * anything else are rejected.  Trailing zeros past 18 decimals are dropped.
 *
 * Returns: %TRUE on success; on failure @out is unchanged
 */
gboolean
kopir_decimal_parse_len (const char   *str,
                         gsize         len,
                         KopirDecimal *out,
                         GError      **error)
{
  const char *p = str;
  const char *end = str + len;
  gboolean negative = FALSE;
  gboolean seen_point = FALSE;
  guint digits = 0;
  guint scale = 0;
  guint pending_zeros = 0;
  guint64 coef = 0;

  g_return_val_if_fail (str != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; p < end; p++)
    {
      char c = *p;

      if (c >= '0' && c <= '9')
        {
          guint v = (guint) (c - '0');

          digits++;

          if (!seen_point)
            {
              if (coef > (G_MAXINT64 - v) / 10)
                goto overflow;
              coef = coef * 10 + v;
              continue;
            }

          /* Zeros after the point are only committed once a non-zero digit
           * follows them, so "1.5000000000000000000000" still parses. */
          if (v == 0)
            {
              pending_zeros++;
              continue;
            }

          if (scale + pending_zeros + 1 > KOPIR_DECIMAL_MAX_SCALE)
            {
              g_set_error (error, KOPIR_DECIMAL_ERROR, KOPIR_DECIMAL_ERROR_TOO_PRECISE,
                           _("The number has more than %d digits after the decimal point."),
                           KOPIR_DECIMAL_MAX_SCALE);
              return FALSE;
            }

          for (; pending_zeros > 0; pending_zeros--)
            {
              if (coef > G_MAXINT64 / 10)
                goto overflow;
              coef *= 10;
              scale++;
            }

          if (coef > (G_MAXINT64 - v) / 10)
            goto overflow;
          coef = coef * 10 + v;
          scale++;
        }
      else if (c == '.' && !seen_point)
        {
          seen_point = TRUE;
        }
      else
        {
          g_set_error_literal (error, KOPIR_DECIMAL_ERROR, KOPIR_DECIMAL_ERROR_INVALID,
                               _("Enter a number using only digits and one decimal point."));
          return FALSE;
        }
    }

  if (digits == 0)
    {
      if (len == 0)
        g_set_error_literal (error, KOPIR_DECIMAL_ERROR, KOPIR_DECIMAL_ERROR_EMPTY,
                             _("Enter a number."));
      else
        g_set_error_literal (error, KOPIR_DECIMAL_ERROR, KOPIR_DECIMAL_ERROR_INVALID,
                             _("Enter a number using only digits and one decimal point."));
      return FALSE;
    }

  /* Keep the zeros the exchange wrote ("0.00100000" stays scale 8), as far
   * as they fit. */
  while (pending_zeros > 0 && scale < KOPIR_DECIMAL_MAX_SCALE && coef <= G_MAXINT64 / 10)
    {
      coef *= 10;
      scale++;
      pending_zeros--;
    }

  out->coef = negative ? -(gint64) coef : (gint64) coef;
  out->scale = scale;
  return TRUE;

overflow:
  g_set_error_literal (error, KOPIR_DECIMAL_ERROR, KOPIR_DECIMAL_ERROR_OVERFLOW,
                       _("The number is too large."));
  return FALSE;
}

/**
 * kopir_decimal_parse:
 * @str: a nul-terminated decimal string
 * @out: (out): the value
 * @error: a #KOPIR_DECIMAL_ERROR
 *
 * See kopir_decimal_parse_len().
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_decimal_parse (const char   *str,
                     KopirDecimal *out,
                     GError      **error)
{
  g_return_val_if_fail (str != NULL, FALSE);

  return kopir_decimal_parse_len (str, strlen (str), out, error);
}

/**
 * kopir_decimal_to_string:
 * @value: a decimal
 * @buf: (out): where to write, at least %KOPIR_DECIMAL_STRING_MAX bytes
 *   to hold any value
 * @buf_len: size of @buf
 *
 * Writes @value with exactly its scale digits after the point, the way the
 * exchange expects: 100000 at scale 8 is "0.00100000".
 *
 * Returns: the length written, without the nul; 0 if @buf is too small
 */
gsize
kopir_decimal_to_string (const KopirDecimal *value,
                         char               *buf,
                         gsize               buf_len)
{
  char tmp[KOPIR_DECIMAL_STRING_MAX];
  char *t = tmp + sizeof tmp;
  guint64 mag;
  guint scale;
  guint i;
  gsize len;

  g_return_val_if_fail (value != NULL, 0);
  g_return_val_if_fail (buf != NULL, 0);

  mag = magnitude (value->coef);
  scale = MIN (value->scale, KOPIR_DECIMAL_MAX_SCALE);

  /* Digits from the right: the fraction, the point, then the integer part
   * which always has at least one digit. */
  for (i = 0; i < scale; i++)
    {
      *--t = (char) ('0' + mag % 10);
      mag /= 10;
    }
  if (scale > 0)
    *--t = '.';
  do
    {
      *--t = (char) ('0' + mag % 10);
      mag /= 10;
    }
  while (mag != 0);
  if (value->coef < 0)
    *--t = '-';

  len = (gsize) (tmp + sizeof tmp - t);
  if (len + 1 > buf_len)
    {
      if (buf_len > 0)
        buf[0] = '\0';
      return 0;
    }

  memcpy (buf, t, len);
  buf[len] = '\0';
  return len;
}

/**
 * kopir_decimal_dup_string:
 * @value: a decimal
 *
 * Returns: (transfer full): @value written as by kopir_decimal_to_string()
 */
char *
kopir_decimal_dup_string (const KopirDecimal *value)
{
  char buf[KOPIR_DECIMAL_STRING_MAX];

  g_return_val_if_fail (value != NULL, NULL);

  kopir_decimal_to_string (value, buf, sizeof buf);
  return g_strdup (buf);
}

/**
 * kopir_decimal_dup_string_fixed:
 * @value: a decimal
 * @scale: digits to write after the point
 * @rounding: how to drop digits beyond @scale
 *
 * Writes @value with exactly @scale decimals, e.g. a quantity for the
 * exchange with its step size's precision.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if the value does
 *   not fit at that scale
 */
char *
kopir_decimal_dup_string_fixed (const KopirDecimal *value,
                                guint               scale,
                                KopirRounding       rounding)
{
  KopirDecimal r;

  g_return_val_if_fail (value != NULL, NULL);

  if (!kopir_decimal_rescale (value, scale, rounding, &r))
    return NULL;

  return kopir_decimal_dup_string (&r);
}

/**
 * kopir_decimal_rescale:
 * @value: a decimal
 * @scale: the new scale, 0 to %KOPIR_DECIMAL_MAX_SCALE
 * @rounding: how to drop digits when @scale is smaller
 * @out: (out): the result; may be @value
 *
 * Returns: %FALSE on overflow or a scale out of range
 */
gboolean
kopir_decimal_rescale (const KopirDecimal *value,
                       guint               scale,
                       KopirRounding       rounding,
                       KopirDecimal       *out)
{
  gboolean negative;
  u128 mag;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (scale > KOPIR_DECIMAL_MAX_SCALE || value->scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  negative = value->coef < 0;
  mag = magnitude (value->coef);

  if (scale >= value->scale)
    mag *= pow10_u64[scale - value->scale];
  else
    mag = divide_rounded (mag, pow10_u64[value->scale - scale], negative, rounding);

  return make_result (negative, mag, scale, out);
}

/**
 * kopir_decimal_normalize:
 * @value: a decimal
 * @out: (out): the same value with trailing zeros dropped; may be @value
 *
 * No digits are lost, so no rounding is needed: "1.500" becomes "1.5".
 */
void
kopir_decimal_normalize (const KopirDecimal *value,
                         KopirDecimal       *out)
{
  KopirDecimal r;

  g_return_if_fail (value != NULL);
  g_return_if_fail (out != NULL);

  r = *value;
  if (r.coef == 0)
    r.scale = 0;
  while (r.scale > 0 && r.coef % 10 == 0)
    {
      r.coef /= 10;
      r.scale--;
    }
  *out = r;
}

static inline i128
aligned (const KopirDecimal *value,
         guint               scale)
{
  g_assert (scale >= value->scale);

  return (i128) value->coef * (i128) pow10_u64[scale - value->scale];
}

static gboolean
add_signed (const KopirDecimal *a,
            const KopirDecimal *b,
            gboolean            subtract,
            KopirDecimal       *out)
{
  guint scale;
  i128 sum;

  if (a->scale > KOPIR_DECIMAL_MAX_SCALE || b->scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  scale = MAX (a->scale, b->scale);
  sum = subtract ? aligned (a, scale) - aligned (b, scale)
                 : aligned (a, scale) + aligned (b, scale);

  if (sum > G_MAXINT64 || sum < -G_MAXINT64)
    return FALSE;

  out->coef = (gint64) sum;
  out->scale = scale;
  return TRUE;
}

/**
 * kopir_decimal_add:
 * @a: a decimal
 * @b: a decimal
 * @out: (out): @a + @b at the larger of the two scales; may alias
 *
 * Addition is exact, so it needs no rounding.
 *
 * Returns: %FALSE on overflow
 */
gboolean
kopir_decimal_add (const KopirDecimal *a,
                   const KopirDecimal *b,
                   KopirDecimal       *out)
{
  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);

  return add_signed (a, b, FALSE, out);
}

/**
 * kopir_decimal_sub:
 * @a: a decimal
 * @b: a decimal
 * @out: (out): @a - @b at the larger of the two scales; may alias
 *
 * Returns: %FALSE on overflow
 */
gboolean
kopir_decimal_sub (const KopirDecimal *a,
                   const KopirDecimal *b,
                   KopirDecimal       *out)
{
  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);

  return add_signed (a, b, TRUE, out);
}

/**
 * kopir_decimal_mul:
 * @a: a decimal
 * @b: a decimal
 * @scale: scale of the result
 * @rounding: how to drop digits beyond @scale
 * @out: (out): @a × @b; may alias
 *
 * Returns: %FALSE on overflow
 */
gboolean
kopir_decimal_mul (const KopirDecimal *a,
                   const KopirDecimal *b,
                   guint               scale,
                   KopirRounding       rounding,
                   KopirDecimal       *out)
{
  gboolean negative;
  guint product_scale;
  u128 mag;

  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);

  if (scale > KOPIR_DECIMAL_MAX_SCALE ||
      a->scale > KOPIR_DECIMAL_MAX_SCALE || b->scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  negative = (a->coef < 0) != (b->coef < 0);
  mag = (u128) magnitude (a->coef) * magnitude (b->coef);
  product_scale = a->scale + b->scale;

  if (scale >= product_scale)
    {
      if (mag > (u128) G_MAXINT64)
        return FALSE;
      mag *= pow10_u64[scale - product_scale];
    }
  else
    {
      mag = divide_rounded (mag, pow10_u128 (product_scale - scale), negative, rounding);
    }

  return make_result (negative && mag != 0, mag, scale, out);
}

/**
 * kopir_decimal_mul_exact:
 * @a: a decimal
 * @b: a decimal
 * @out: (out): @a × @b at scale @a.scale + @b.scale
 *
 * Returns: %FALSE on overflow or when the exact scale would pass 18
 */
gboolean
kopir_decimal_mul_exact (const KopirDecimal *a,
                         const KopirDecimal *b,
                         KopirDecimal       *out)
{
  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);

  if (a->scale + b->scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  return kopir_decimal_mul (a, b, a->scale + b->scale, KOPIR_ROUNDING_DOWN, out);
}

/**
 * kopir_decimal_div:
 * @a: the dividend
 * @b: the divisor
 * @scale: scale of the result
 * @rounding: how to drop digits beyond @scale
 * @out: (out): @a ÷ @b; may alias
 *
 * Returns: %FALSE on overflow or division by zero
 */
gboolean
kopir_decimal_div (const KopirDecimal *a,
                   const KopirDecimal *b,
                   guint               scale,
                   KopirRounding       rounding,
                   KopirDecimal       *out)
{
  gboolean negative;
  u128 ua, ub, q, r;
  int e;

  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);

  if (b->coef == 0 || scale > KOPIR_DECIMAL_MAX_SCALE ||
      a->scale > KOPIR_DECIMAL_MAX_SCALE || b->scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  negative = (a->coef < 0) != (b->coef < 0);
  ua = magnitude (a->coef);
  ub = magnitude (b->coef);

  /* result = a.coef × 10^e ÷ b.coef with e = scale + b.scale - a.scale. */
  e = (int) scale + (int) b->scale - (int) a->scale;

  if (e >= 0)
    {
      /* Long division one decimal digit at a time keeps every intermediate
       * below 10 × b.coef, so even e = 36 cannot overflow. */
      q = ua / ub;
      r = ua % ub;
      for (; e > 0; e--)
        {
          r *= 10;
          q = q * 10 + r / ub;
          r %= ub;
          if (q > (u128) G_MAXINT64)
            return FALSE;
        }
      if (round_increment (rounding, negative, q, r, ub))
        q++;
    }
  else
    {
      q = divide_rounded (ua, ub * pow10_u64[-e], negative, rounding);
    }

  return make_result (negative && q != 0, q, scale, out);
}

/**
 * kopir_decimal_negate:
 * @value: a decimal
 * @out: (out): -@value; may alias
 *
 * Returns: %TRUE (a coefficient never holds %G_MININT64, so this cannot
 *   overflow for values made by this module)
 */
gboolean
kopir_decimal_negate (const KopirDecimal *value,
                      KopirDecimal       *out)
{
  g_return_val_if_fail (value != NULL && out != NULL, FALSE);

  if (value->coef == G_MININT64)
    return FALSE;

  out->coef = -value->coef;
  out->scale = value->scale;
  return TRUE;
}

void
kopir_decimal_abs (const KopirDecimal *value,
                   KopirDecimal       *out)
{
  g_return_if_fail (value != NULL && out != NULL);

  out->coef = value->coef < 0 && value->coef != G_MININT64 ? -value->coef : value->coef;
  out->scale = value->scale;
}

/**
 * kopir_decimal_compare:
 * @a: a decimal
 * @b: a decimal
 *
 * Compares values, not representations: 1.5 equals 1.50.
 *
 * Returns: negative, 0 or positive as @a is less than, equal to or greater
 *   than @b
 */
int
kopir_decimal_compare (const KopirDecimal *a,
                       const KopirDecimal *b)
{
  guint scale;
  i128 x, y;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  scale = MAX (MIN (a->scale, KOPIR_DECIMAL_MAX_SCALE), MIN (b->scale, KOPIR_DECIMAL_MAX_SCALE));
  x = (i128) a->coef * (i128) pow10_u64[scale - MIN (a->scale, scale)];
  y = (i128) b->coef * (i128) pow10_u64[scale - MIN (b->scale, scale)];

  return x < y ? -1 : x > y ? 1 : 0;
}

gboolean
kopir_decimal_equal (const KopirDecimal *a,
                     const KopirDecimal *b)
{
  return kopir_decimal_compare (a, b) == 0;
}

gboolean
kopir_decimal_is_zero (const KopirDecimal *value)
{
  g_return_val_if_fail (value != NULL, FALSE);

  return value->coef == 0;
}

gboolean
kopir_decimal_is_negative (const KopirDecimal *value)
{
  g_return_val_if_fail (value != NULL, FALSE);

  return value->coef < 0;
}

gboolean
kopir_decimal_is_positive (const KopirDecimal *value)
{
  g_return_val_if_fail (value != NULL, FALSE);

  return value->coef > 0;
}

const KopirDecimal *
kopir_decimal_min (const KopirDecimal *a,
                   const KopirDecimal *b)
{
  return kopir_decimal_compare (a, b) <= 0 ? a : b;
}

const KopirDecimal *
kopir_decimal_max (const KopirDecimal *a,
                   const KopirDecimal *b)
{
  return kopir_decimal_compare (a, b) >= 0 ? a : b;
}

/**
 * kopir_decimal_is_multiple_of:
 * @value: a decimal
 * @step: a positive step, e.g. a tick or lot step size
 *
 * Returns: %TRUE if @value is a whole number of @steps
 */
gboolean
kopir_decimal_is_multiple_of (const KopirDecimal *value,
                              const KopirDecimal *step)
{
  guint scale;

  g_return_val_if_fail (value != NULL && step != NULL, FALSE);

  if (step->coef <= 0 || value->scale > KOPIR_DECIMAL_MAX_SCALE ||
      step->scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  scale = MAX (value->scale, step->scale);
  return aligned (value, scale) % aligned (step, scale) == 0;
}

/**
 * kopir_decimal_round_to_step:
 * @value: a decimal
 * @step: a positive step size
 * @rounding: which way to go when @value lies between two steps
 * @out: (out): a whole number of @steps, at @step's scale; may alias
 *
 * Returns: %FALSE if @step is not positive or on overflow
 */
gboolean
kopir_decimal_round_to_step (const KopirDecimal *value,
                             const KopirDecimal *step,
                             KopirRounding       rounding,
                             KopirDecimal       *out)
{
  guint scale;
  gboolean negative;
  u128 n, mag;
  guint step_scale;
  gint64 step_coef;

  g_return_val_if_fail (value != NULL && step != NULL && out != NULL, FALSE);

  if (step->coef <= 0 || value->scale > KOPIR_DECIMAL_MAX_SCALE ||
      step->scale > KOPIR_DECIMAL_MAX_SCALE)
    return FALSE;

  step_scale = step->scale;
  step_coef = step->coef;
  scale = MAX (value->scale, step_scale);
  negative = value->coef < 0;
  n = divide_rounded ((u128) magnitude (value->coef) * pow10_u64[scale - value->scale],
                      (u128) step_coef * pow10_u64[scale - step_scale],
                      negative, rounding);

  if (n > (u128) G_MAXINT64)
    return FALSE;
  mag = n * (u128) step_coef;

  return make_result (negative && mag != 0, mag, step_scale, out);
}

/**
 * kopir_decimal_floor_to_step:
 * @value: a decimal
 * @step: a positive step size
 * @out: (out): the largest multiple of @step not above @value
 *
 * Returns: %FALSE if @step is not positive or on overflow
 */
gboolean
kopir_decimal_floor_to_step (const KopirDecimal *value,
                             const KopirDecimal *step,
                             KopirDecimal       *out)
{
  return kopir_decimal_round_to_step (value, step, KOPIR_ROUNDING_FLOOR, out);
}

/**
 * kopir_decimal_ceil_to_step:
 * @value: a decimal
 * @step: a positive step size
 * @out: (out): the smallest multiple of @step not below @value
 *
 * Returns: %FALSE if @step is not positive or on overflow
 */
gboolean
kopir_decimal_ceil_to_step (const KopirDecimal *value,
                            const KopirDecimal *step,
                            KopirDecimal       *out)
{
  return kopir_decimal_round_to_step (value, step, KOPIR_ROUNDING_CEILING, out);
}
