/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The plural rule evaluator: the rules of real languages give the same
 * forms as the same expressions compiled as C, hostile or malformed rules
 * are refused, and arithmetic faults pick form 0 instead of trapping.
 */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-plural-forms.h"

typedef gulong (*CRule) (gulong n);

static gulong rule_kk (gulong n) { (void) n; return 0; }
static gulong rule_en (gulong n) { return n != 1; }
static gulong rule_ru (gulong n)
{
  return n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
}
static gulong rule_pl (gulong n)
{
  return n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
}
static gulong rule_ar (gulong n)
{
  return n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 ? 4 : 5;
}
static gulong rule_sl (gulong n)
{
  return n % 100 == 1 ? 0 : n % 100 == 2 ? 1 : n % 100 == 3 || n % 100 == 4 ? 2 : 3;
}
static gulong rule_ga (gulong n)
{
  return n == 1 ? 0 : n == 2 ? 1 : (n > 2 && n < 7) ? 2 : (n > 6 && n < 11) ? 3 : 4;
}

/* The Plural-Forms lines of real catalogues, and the same rule in C. */
static const struct
{
  const char *header;
  guint       n_plurals;
  CRule       rule;
} languages[] = {
  { "nplurals=1; plural=0;", 1, rule_kk },
  { "nplurals=2; plural=(n != 1);", 2, rule_en },
  { " nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);", 3, rule_ru },
  { "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    3, rule_pl },
  { "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 ? 4 : 5;", 6, rule_ar },
  { "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);", 4, rule_sl },
  { "nplurals = 5 ; plural = n==1 ? 0 : n==2 ? 1 : (n>2 && n<7) ? 2 :(n>6 && n<11) ? 3 : 4;\n",
    5, rule_ga },
};

static void
test_real_languages (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirPluralForms) forms = kopir_plural_forms_parse (languages[i].header, &error);
      static const gulong big[] = { 1000001, 1000011, 1000021, 4294967295UL, G_MAXULONG, G_MAXULONG - 1 };

      g_assert_no_error (error);
      g_assert_cmpuint (kopir_plural_forms_get_n_plurals (forms), ==, languages[i].n_plurals);
      for (gulong n = 0; n < 2000; n++)
        g_assert_cmpuint (kopir_plural_forms_evaluate (forms, n), ==, languages[i].rule (n));
      for (guint j = 0; j < G_N_ELEMENTS (big); j++)
        g_assert_cmpuint (kopir_plural_forms_evaluate (forms, big[j]), ==, languages[i].rule (big[j]));
    }
}

static void
test_russian_examples (void)
{
  g_autoptr(KopirPluralForms) forms = kopir_plural_forms_parse (languages[2].header, NULL);
  static const struct { gulong n; guint form; } examples[] = {
    { 0, 2 }, { 1, 0 }, { 2, 1 }, { 4, 1 }, { 5, 2 }, { 11, 2 }, { 12, 2 }, { 14, 2 }, { 21, 0 },
    { 22, 1 }, { 25, 2 }, { 101, 0 }, { 111, 2 }, { 112, 2 }, { 122, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    g_assert_cmpuint (kopir_plural_forms_evaluate (forms, examples[i].n), ==, examples[i].form);
}

static guint
evaluate (const char *expression,
          guint       n_plurals,
          gulong      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirPluralForms) forms = kopir_plural_forms_parse_expression (expression, n_plurals, &error);

  g_assert_no_error (error);
  return kopir_plural_forms_evaluate (forms, n);
}

static void
test_precedence (void)
{
  /* As in C: * before +, + before <, < before ==, == before &&, && before
   * ||, ?: last and right-associative; ! binds tightest. */
  g_assert_cmpuint (evaluate ("1 + 2 * 3", 10, 0), ==, 7);
  g_assert_cmpuint (evaluate ("(1 + 2) * 3", 10, 0), ==, 9);
  g_assert_cmpuint (evaluate ("9 - 3 - 2", 10, 0), ==, 4);
  g_assert_cmpuint (evaluate ("8 / 2 / 2", 10, 0), ==, 2);
  g_assert_cmpuint (evaluate ("7 % 4 * 3", 10, 0), ==, 9);
  g_assert_cmpuint (evaluate ("1 + 1 < 3", 10, 0), ==, 1);
  g_assert_cmpuint (evaluate ("2 < 3 == 1", 10, 0), ==, 1);
  g_assert_cmpuint (evaluate ("1 || 0 && 0", 10, 0), ==, 1);
  g_assert_cmpuint (evaluate ("!0 + 1", 10, 0), ==, 2);
  g_assert_cmpuint (evaluate ("!!5", 10, 0), ==, 1);
  g_assert_cmpuint (evaluate ("n != 1", 2, 1), ==, 0);
  g_assert_cmpuint (evaluate ("n!=1", 2, 2), ==, 1);
  g_assert_cmpuint (evaluate ("n>=2", 2, 2), ==, 1);
  g_assert_cmpuint (evaluate ("n<=2", 2, 3), ==, 0);
  g_assert_cmpuint (evaluate ("1 ? 2 : 3 ? 4 : 5", 10, 0), ==, 2);
  g_assert_cmpuint (evaluate ("0 ? 2 : 0 ? 4 : 5", 10, 0), ==, 5);
  g_assert_cmpuint (evaluate ("0 ? 2 : 1 ? 4 : 5", 10, 0), ==, 4);
  g_assert_cmpuint (evaluate ("n == 1 ? 0 : n == 2 ? 1 : 2", 3, 2), ==, 1);
  /* Unsigned arithmetic, as GNU gettext: 0 - 1 wraps to a large number. */
  g_assert_cmpuint (evaluate ("(0 - 1) > 5", 2, 0), ==, 1);
}

static void
test_faults (void)
{
  /* Division or remainder by zero, anywhere evaluated: form 0. */
  g_assert_cmpuint (evaluate ("n / 0", 3, 7), ==, 0);
  g_assert_cmpuint (evaluate ("2 - n % (n - n) + 1", 3, 7), ==, 0);
  g_assert_cmpuint (evaluate ("n % 0 == 0 ? 2 : 1", 3, 7), ==, 0);
  /* Not evaluated: no fault. */
  g_assert_cmpuint (evaluate ("n == 7 ? 2 : n / 0", 3, 7), ==, 2);
  g_assert_cmpuint (evaluate ("1 || n / 0", 3, 7), ==, 1);
  g_assert_cmpuint (evaluate ("0 && n / 0 ? 1 : 2", 3, 7), ==, 2);
  /* A form the language does not have: form 0. */
  g_assert_cmpuint (evaluate ("n", 3, 3), ==, 0);
  g_assert_cmpuint (evaluate ("n", 3, 2), ==, 2);
  g_assert_cmpuint (evaluate ("n * 1000000", 3, G_MAXULONG), ==, 0);
}

static void
test_refused (void)
{
  static const char *bad[] = {
    "", " ", "n = 1", "n == ", "n++", "-1", "n - -1", "n & 1", "n | 1", "n ^ 1", "~n", "n >> 1",
    "n << 1", "abs(n)", "x", "nn", "N", "n1", "1e3", "0x10", "1.5", "n ? 1", "n ? 1 :", "(n",
    "n)", "()", "n;", "n 1", "1 n", "99999999999999999999999999", "n == 1 ? 0 : : 1", "n !== 1",
    "n <> 1", "n => 1", "n =< 1", "n && || 1", "'1'", "\"1\"", "n\xff", "(n == 1) ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirPluralForms) forms = kopir_plural_forms_parse_expression (bad[i], 3, &error);

      if (forms != NULL)
        g_error ("“%s” was accepted", bad[i]);
      g_assert_error (error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_SYNTAX);
    }
}

static void
test_too_complex (void)
{
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autoptr(GString) bangs = g_string_new (NULL);
  g_autoptr(GString) chain = g_string_new ("n");
  g_autoptr(GString) ternary = g_string_new (NULL);
  g_autoptr(GString) spaces = g_string_new ("n");
  const char *too_complex[5];
  KopirPluralForms *forms;
  GError *error = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_c (nested, '(');
  g_string_append_c (nested, 'n');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (nested, ')');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (bangs, '!');
  g_string_append_c (bangs, 'n');
  for (guint i = 0; i < 300; i++)
    g_string_append (chain, "+n");
  for (guint i = 0; i < 100; i++)
    g_string_append (ternary, "n?1:");
  g_string_append_c (ternary, '0');
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (spaces, ' ');

  too_complex[0] = nested->str;
  too_complex[1] = bangs->str;
  too_complex[2] = chain->str;
  too_complex[3] = ternary->str;
  too_complex[4] = spaces->str;
  for (guint i = 0; i < G_N_ELEMENTS (too_complex); i++)
    {
      forms = kopir_plural_forms_parse_expression (too_complex[i], 3, &error);
      g_assert_null (forms);
      g_assert_error (error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_TOO_COMPLEX);
      g_clear_error (&error);
    }

  /* Nesting that real rules use is fine. */
  forms = kopir_plural_forms_parse_expression ("((((((((n))))))))", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kopir_plural_forms_evaluate (forms, 2), ==, 2);
  kopir_plural_forms_free (forms);
}

static void
test_headers (void)
{
  static const char *bad_nplurals[] = {
    "plural=n != 1;", "nplurals=0; plural=0;", "nplurals=33; plural=0;", "nplurals=x; plural=0;",
    "nplurals=99999999999999999999; plural=0;", "xnplurals=2; plural=n != 1;", "",
  };
  static const char *bad_plural[] = {
    "nplurals=2;", "nplurals=2; plural=n >> 1;", "nplurals=2; xplural=n;", "nplurals=2; plural==n;",
  };
  KopirPluralForms *forms;
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_nplurals); i++)
    {
      forms = kopir_plural_forms_parse (bad_nplurals[i], &error);
      if (forms != NULL)
        g_error ("“%s” was accepted", bad_nplurals[i]);
      g_assert_error (error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_NPLURALS);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_plural); i++)
    {
      forms = kopir_plural_forms_parse (bad_plural[i], &error);
      if (forms != NULL)
        g_error ("“%s” was accepted", bad_plural[i]);
      g_assert_error (error, KOPIR_PLURAL_FORMS_ERROR, KOPIR_PLURAL_FORMS_ERROR_SYNTAX);
      g_clear_error (&error);
    }

  /* The order of the two assignments does not matter, nor a missing
   * final semicolon. */
  forms = kopir_plural_forms_parse ("plural=(n > 1); nplurals=2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kopir_plural_forms_evaluate (forms, 0), ==, 0);
  g_assert_cmpuint (kopir_plural_forms_evaluate (forms, 2), ==, 1);
  kopir_plural_forms_free (forms);

  forms = kopir_plural_forms_new_default ();
  g_assert_cmpuint (kopir_plural_forms_get_n_plurals (forms), ==, 2);
  g_assert_cmpuint (kopir_plural_forms_evaluate (forms, 1), ==, 0);
  g_assert_cmpuint (kopir_plural_forms_evaluate (forms, 0), ==, 1);
  kopir_plural_forms_free (forms);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plural-forms/real-languages", test_real_languages);
  g_test_add_func ("/plural-forms/russian-examples", test_russian_examples);
  g_test_add_func ("/plural-forms/precedence", test_precedence);
  g_test_add_func ("/plural-forms/faults", test_faults);
  g_test_add_func ("/plural-forms/refused", test_refused);
  g_test_add_func ("/plural-forms/too-complex", test_too_complex);
  g_test_add_func ("/plural-forms/headers", test_headers);

  return g_test_run ();
}
