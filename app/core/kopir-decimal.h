/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-decimal.h: fixed-point decimal numbers for money and quantities.
 *
 * A KopirDecimal is a plain value: a signed 64-bit coefficient and a decimal
 * scale, meaning coefficient × 10^-scale.  It is copied by value, needs no
 * freeing and never touches floating point.  It reads and writes the
 * exchange's decimal strings ("0.00100000", "123", "-1.5") exactly, keeping
 * their scale, so a value read from the exchange is written back unchanged.
 *
 * Arithmetic that can lose digits (multiplication, division, rescaling) takes
 * an explicit target scale and KopirRounding.  Every operation that can
 * overflow returns FALSE instead of wrapping, and leaves @out untouched.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KOPIR_DECIMAL_MAX_SCALE:
 *
 * The largest number of digits after the decimal point (10^-18 is finer
 * than any asset the exchange lists).
 */
#define KOPIR_DECIMAL_MAX_SCALE 18

/**
 * KOPIR_DECIMAL_STRING_MAX:
 *
 * Size of a buffer that holds any decimal written by
 * kopir_decimal_to_string(), including the sign and the terminating nul.
 */
#define KOPIR_DECIMAL_STRING_MAX 48

/**
 * KopirDecimal:
 * @coef: the coefficient; its absolute value is at most %G_MAXINT64
 * @scale: digits after the decimal point, 0 to %KOPIR_DECIMAL_MAX_SCALE
 *
 * The value @coef × 10^-@scale.  Zero-initialise for the value 0.
 */
typedef struct
{
  gint64 coef;
  guint  scale;
} KopirDecimal;

#define KOPIR_DECIMAL_INIT(c, s) ((KopirDecimal) { (c), (s) })

/**
 * KopirRounding:
 * @KOPIR_ROUNDING_DOWN: toward zero (truncate)
 * @KOPIR_ROUNDING_UP: away from zero
 * @KOPIR_ROUNDING_HALF_EVEN: to nearest, ties to the even digit (banker's)
 * @KOPIR_ROUNDING_HALF_UP: to nearest, ties away from zero
 * @KOPIR_ROUNDING_FLOOR: toward negative infinity
 * @KOPIR_ROUNDING_CEILING: toward positive infinity
 *
 * How to drop digits that do not fit the target scale.
 */
typedef enum
{
  KOPIR_ROUNDING_DOWN,
  KOPIR_ROUNDING_UP,
  KOPIR_ROUNDING_HALF_EVEN,
  KOPIR_ROUNDING_HALF_UP,
  KOPIR_ROUNDING_FLOOR,
  KOPIR_ROUNDING_CEILING,
} KopirRounding;

/**
 * KopirDecimalError:
 * @KOPIR_DECIMAL_ERROR_EMPTY: no digits at all
 * @KOPIR_DECIMAL_ERROR_INVALID: characters that do not make a decimal
 *   (letters, exponent notation, several points or signs, spaces)
 * @KOPIR_DECIMAL_ERROR_OVERFLOW: the number does not fit 64 bits
 * @KOPIR_DECIMAL_ERROR_TOO_PRECISE: more than %KOPIR_DECIMAL_MAX_SCALE
 *   significant digits after the point
 *
 * Errors of kopir_decimal_parse().
 */
typedef enum
{
  KOPIR_DECIMAL_ERROR_EMPTY,
  KOPIR_DECIMAL_ERROR_INVALID,
  KOPIR_DECIMAL_ERROR_OVERFLOW,
  KOPIR_DECIMAL_ERROR_TOO_PRECISE,
} KopirDecimalError;

#define KOPIR_DECIMAL_ERROR (kopir_decimal_error_quark ())

GQuark        kopir_decimal_error_quark    (void);

KopirDecimal  kopir_decimal_from_int       (gint64              value);
gboolean      kopir_decimal_from_parts     (gint64              coef,
                                            guint               scale,
                                            KopirDecimal       *out);
gboolean      kopir_decimal_parse          (const char         *str,
                                            KopirDecimal       *out,
                                            GError            **error);
gboolean      kopir_decimal_parse_len      (const char         *str,
                                            gsize               len,
                                            KopirDecimal       *out,
                                            GError            **error);
gsize         kopir_decimal_to_string      (const KopirDecimal *value,
                                            char               *buf,
                                            gsize               buf_len);
char         *kopir_decimal_dup_string     (const KopirDecimal *value);
char         *kopir_decimal_dup_string_fixed (const KopirDecimal *value,
                                            guint               scale,
                                            KopirRounding       rounding);

gboolean      kopir_decimal_rescale        (const KopirDecimal *value,
                                            guint               scale,
                                            KopirRounding       rounding,
                                            KopirDecimal       *out);
void          kopir_decimal_normalize      (const KopirDecimal *value,
                                            KopirDecimal       *out);

gboolean      kopir_decimal_add            (const KopirDecimal *a,
                                            const KopirDecimal *b,
                                            KopirDecimal       *out);
gboolean      kopir_decimal_sub            (const KopirDecimal *a,
                                            const KopirDecimal *b,
                                            KopirDecimal       *out);
gboolean      kopir_decimal_mul            (const KopirDecimal *a,
                                            const KopirDecimal *b,
                                            guint               scale,
                                            KopirRounding       rounding,
                                            KopirDecimal       *out);
gboolean      kopir_decimal_mul_exact      (const KopirDecimal *a,
                                            const KopirDecimal *b,
                                            KopirDecimal       *out);
gboolean      kopir_decimal_div            (const KopirDecimal *a,
                                            const KopirDecimal *b,
                                            guint               scale,
                                            KopirRounding       rounding,
                                            KopirDecimal       *out);
gboolean      kopir_decimal_negate         (const KopirDecimal *value,
                                            KopirDecimal       *out);
void          kopir_decimal_abs            (const KopirDecimal *value,
                                            KopirDecimal       *out);

int           kopir_decimal_compare        (const KopirDecimal *a,
                                            const KopirDecimal *b);
gboolean      kopir_decimal_equal          (const KopirDecimal *a,
                                            const KopirDecimal *b);
gboolean      kopir_decimal_is_zero        (const KopirDecimal *value);
gboolean      kopir_decimal_is_negative    (const KopirDecimal *value);
gboolean      kopir_decimal_is_positive    (const KopirDecimal *value);
const KopirDecimal *kopir_decimal_min      (const KopirDecimal *a,
                                            const KopirDecimal *b);
const KopirDecimal *kopir_decimal_max      (const KopirDecimal *a,
                                            const KopirDecimal *b);

gboolean      kopir_decimal_is_multiple_of (const KopirDecimal *value,
                                            const KopirDecimal *step);
gboolean      kopir_decimal_round_to_step  (const KopirDecimal *value,
                                            const KopirDecimal *step,
                                            KopirRounding       rounding,
                                            KopirDecimal       *out);
gboolean      kopir_decimal_floor_to_step  (const KopirDecimal *value,
                                            const KopirDecimal *step,
                                            KopirDecimal       *out);
gboolean      kopir_decimal_ceil_to_step   (const KopirDecimal *value,
                                            const KopirDecimal *step,
                                            KopirDecimal       *out);

G_END_DECLS
