/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-iban-input.c: an IBAN as a person types it: grouping, the cursor,
 * and which mistake is reported when */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "kopir-bank-directory.h"
#include "kopir-iban-input.h"

static KopirBankDirectory *
load_directory (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "kz-banks.tsv", NULL);
  g_autoptr(GError) error = NULL;
  KopirBankDirectory *dir = kopir_bank_directory_new_from_file (path, &error);

  g_assert_no_error (error);
  return dir;
}

/* Types text one character at a time at the cursor, as xdotool or a
 * person would, regrouping after each key as the field does; the cursor
 * stays at the end. */
static char *
type_chars (const char *typed,
            int        *cursor)
{
  char *text = g_strdup ("");

  *cursor = 0;
  for (const char *p = typed; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *before = g_utf8_substring (text, 0, *cursor);
      g_autofree char *after = g_utf8_substring (text, *cursor, g_utf8_strlen (text, -1));
      g_autofree char *ch = g_utf8_substring (p, 0, 1);
      g_autofree char *edited = g_strconcat (before, ch, after, NULL);
      char *grouped = kopir_iban_input_regroup (text, *cursor, edited, *cursor + 1, cursor);

      g_free (text);
      text = grouped;
    }

  return text;
}

static void
test_regroup_typing (void)
{
  g_autofree char *text = NULL;
  int cursor;

  text = type_chars ("kz886010000012345678", &cursor);
  g_assert_cmpstr (text, ==, "KZ88 6010 0000 1234 5678");
  g_assert_cmpint (cursor, ==, 24);
  g_clear_pointer (&text, g_free);

  /* After the fourth character no space yet: nothing follows it. */
  text = type_chars ("KZ88", &cursor);
  g_assert_cmpstr (text, ==, "KZ88");
  g_assert_cmpint (cursor, ==, 4);
  g_clear_pointer (&text, g_free);

  /* A person who types the spaces themselves gets one, not two. */
  text = type_chars ("KZ88 6010 0000", &cursor);
  g_assert_cmpstr (text, ==, "KZ88 6010 0000");
  g_assert_cmpint (cursor, ==, 14);
}

static void
test_regroup_paste_and_middle (void)
{
  g_autofree char *text = NULL;
  int cursor = -1;

  /* A paste with hyphens and odd spacing. */
  text = kopir_iban_input_regroup ("", 0, "kz88-6010 000012345678", 22, &cursor);
  g_assert_cmpstr (text, ==, "KZ88 6010 0000 1234 5678");
  g_assert_cmpint (cursor, ==, 24);
  g_clear_pointer (&text, g_free);

  /* A character inserted in the middle: the cursor stays after it. */
  text = kopir_iban_input_regroup ("KZ88 6010 0000", 7, "KZ88 60X10 0000", 8, &cursor);
  g_assert_cmpstr (text, ==, "KZ88 60X1 0000 0");
  g_assert_cmpint (cursor, ==, 8);
  g_clear_pointer (&text, g_free);

  /* Typed right before a space (after a full group). */
  text = kopir_iban_input_regroup ("KZ88 6010", 4, "KZ88X 6010", 5, &cursor);
  g_assert_cmpstr (text, ==, "KZ88 X601 0");
  g_assert_cmpint (cursor, ==, 6);
  g_clear_pointer (&text, g_free);

  /* A Cyrillic letter is kept, for the check to report. */
  text = kopir_iban_input_regroup ("KZ8", 3, "KZ8К", 4, &cursor);
  g_assert_cmpstr (text, ==, "KZ8К");
  g_assert_cmpint (cursor, ==, 4);
}

static void
test_regroup_deleting (void)
{
  g_autofree char *text = NULL;
  int cursor = -1;

  /* Backspace after a character. */
  text = kopir_iban_input_regroup ("KZ88 6010 0000", 8, "KZ88 600 0000", 7, &cursor);
  g_assert_cmpstr (text, ==, "KZ88 6000 000");
  g_assert_cmpint (cursor, ==, 7);
  g_clear_pointer (&text, g_free);

  /* Backspace right after a group's space takes the character before it. */
  text = kopir_iban_input_regroup ("KZ88 6010", 5, "KZ886010", 4, &cursor);
  g_assert_cmpstr (text, ==, "KZ86 010");
  g_assert_cmpint (cursor, ==, 3);
  g_clear_pointer (&text, g_free);

  /* Delete right before a group's space takes the character after it. */
  text = kopir_iban_input_regroup ("KZ88 6010", 4, "KZ886010", 4, &cursor);
  g_assert_cmpstr (text, ==, "KZ88 010");
  g_assert_cmpint (cursor, ==, 4);
  g_clear_pointer (&text, g_free);

  /* Everything selected and deleted. */
  text = kopir_iban_input_regroup ("KZ88 6010", 9, "", 0, &cursor);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpint (cursor, ==, 0);
}

static KopirIbanInputState
check (KopirBankDirectory *dir,
       const char         *text,
       gboolean            finished,
       KopirIbanInfo      *info,
       int                 expected_error)
{
  g_autoptr(GError) error = NULL;
  KopirIbanInputState state = kopir_iban_input_check (text, dir, finished, info, &error);

  if (expected_error < 0)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, KOPIR_IBAN_ERROR, expected_error);
      g_assert_cmpstr (error->message, !=, "");
    }

  return state;
}

static void
test_check (void)
{
  g_autoptr(KopirBankDirectory) dir = load_directory ();
  KopirIbanInfo info;

  g_assert_cmpint (check (dir, "", FALSE, NULL, -1), ==, KOPIR_IBAN_INPUT_EMPTY);
  g_assert_cmpint (check (dir, "  ", TRUE, NULL, KOPIR_IBAN_ERROR_EMPTY), ==, KOPIR_IBAN_INPUT_INVALID);
  g_assert_cmpint (check (dir, "k", FALSE, NULL, -1), ==, KOPIR_IBAN_INPUT_INCOMPLETE);

  /* Foreign at once. */
  g_assert_cmpint (check (dir, "D", FALSE, NULL, KOPIR_IBAN_ERROR_NOT_KAZAKH), ==,
                   KOPIR_IBAN_INPUT_INVALID);
  g_assert_cmpint (check (dir, "DE89 3704", FALSE, NULL, KOPIR_IBAN_ERROR_NOT_KAZAKH), ==,
                   KOPIR_IBAN_INPUT_INVALID);
  /* A Cyrillic К that looks like a Latin K. */
  g_assert_cmpint (check (dir, "КZ88", FALSE, NULL, KOPIR_IBAN_ERROR_INVALID_CHARACTERS), ==,
                   KOPIR_IBAN_INPUT_INVALID);

  /* Incomplete, without a bank yet, then with it. */
  g_assert_cmpint (check (dir, "KZ88 60", FALSE, &info, -1), ==, KOPIR_IBAN_INPUT_INCOMPLETE);
  g_assert_null (info.bank);
  g_assert_cmpint (check (dir, "KZ88 601", FALSE, &info, -1), ==, KOPIR_IBAN_INPUT_INCOMPLETE);
  g_assert_nonnull (info.bank);
  g_assert_cmpstr (info.bank->bic, ==, "HSBKKZKX");
  g_assert_cmpstr (info.bank_code, ==, "601");

  /* An unknown bank code as soon as its digits are typed. */
  g_assert_cmpint (check (dir, "KZ14 999", FALSE, NULL, KOPIR_IBAN_ERROR_UNKNOWN_BANK), ==,
                   KOPIR_IBAN_INPUT_INVALID);

  /* Short: only an error when the person is done. */
  g_assert_cmpint (check (dir, "KZ88 6010 0000 1234 567", FALSE, NULL, -1), ==,
                   KOPIR_IBAN_INPUT_INCOMPLETE);
  g_assert_cmpint (check (dir, "KZ88 6010 0000 1234 567", TRUE, NULL, KOPIR_IBAN_ERROR_TOO_SHORT), ==,
                   KOPIR_IBAN_INPUT_INVALID);
  g_assert_cmpint (check (dir, "KZ88 6010 0000 1234 5678 9", FALSE, NULL, KOPIR_IBAN_ERROR_TOO_LONG), ==,
                   KOPIR_IBAN_INPUT_INVALID);

  /* One digit mistyped. */
  g_assert_cmpint (check (dir, "KZ88 6010 0000 1234 5679", FALSE, NULL,
                          KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS), ==, KOPIR_IBAN_INPUT_INVALID);

  /* Right. */
  g_assert_cmpint (check (dir, "kz88 6010 0000 1234 5678", FALSE, &info, -1), ==, KOPIR_IBAN_INPUT_VALID);
  g_assert_cmpstr (info.iban, ==, "KZ886010000012345678");
  g_assert_cmpstr (info.bank->name_en, ==, "Halyk Bank");

  /* Without a directory the bank code cannot be refused. */
  g_assert_cmpint (check (NULL, "KZ14 999", FALSE, NULL, -1), ==, KOPIR_IBAN_INPUT_INCOMPLETE);
}

static void
test_count_and_mask (void)
{
  g_autofree char *masked = kopir_iban_format_masked ("kz886010000012345678");
  g_autofree char *short_masked = kopir_iban_format_masked ("KZ88");

  g_assert_cmpuint (kopir_iban_input_count ("KZ88 6010-0"), ==, 9);
  g_assert_cmpuint (kopir_iban_input_count (""), ==, 0);
  g_assert_cmpstr (masked, ==, "KZ88 601• •••• •••• 5678");
  g_assert_cmpstr (short_masked, ==, "••••");
}

/* Whatever is typed, the result is grouped, the cursor inside it, and the
 * check answers without crashing. */
static void
test_random_edits (void)
{
  static const char alphabet[] = "KZ0123456789ABkz -Кә";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(KopirBankDirectory) dir = load_directory ();
  g_autofree char *text = g_strdup ("");
  int cursor = 0;

  for (guint round = 0; round < 5000; round++)
    {
      int len = (int) g_utf8_strlen (text, -1);
      g_autofree char *edited = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      int edit_cursor;
      char *grouped;

      if (len > 0 && g_rand_int_range (rand, 0, 3) == 0)
        {
          int at = g_rand_int_range (rand, 0, len);

          before = g_utf8_substring (text, 0, at);
          after = g_utf8_substring (text, at + 1, len);
          edited = g_strconcat (before, after, NULL);
          edit_cursor = at;
        }
      else
        {
          int at = g_rand_int_range (rand, 0, len + 1);
          g_autofree char *ch = NULL;
          const char *p = alphabet;

          for (int k = g_rand_int_range (rand, 0, (int) g_utf8_strlen (alphabet, -1)); k > 0; k--)
            p = g_utf8_next_char (p);
          ch = g_utf8_substring (p, 0, 1);
          before = g_utf8_substring (text, 0, at);
          after = g_utf8_substring (text, at, len);
          edited = g_strconcat (before, ch, after, NULL);
          edit_cursor = at + 1;
        }

      grouped = kopir_iban_input_regroup (text, cursor, edited, edit_cursor, &cursor);
      g_assert_true (g_utf8_validate (grouped, -1, NULL));
      g_assert_cmpint (cursor, >=, 0);
      g_assert_cmpint (cursor, <=, (int) g_utf8_strlen (grouped, -1));
      g_assert_null (strstr (grouped, "  "));
      g_assert_false (g_str_has_prefix (grouped, " ") || g_str_has_suffix (grouped, " "));
      kopir_iban_input_check (grouped, dir, round % 2 == 0, NULL, NULL);
      g_free (text);
      text = grouped;
      if (kopir_iban_input_count (text) > 40)
        {
          g_free (text);
          text = g_strdup ("");
          cursor = 0;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iban-input/regroup-typing", test_regroup_typing);
  g_test_add_func ("/iban-input/regroup-paste-and-middle", test_regroup_paste_and_middle);
  g_test_add_func ("/iban-input/regroup-deleting", test_regroup_deleting);
  g_test_add_func ("/iban-input/check", test_check);
  g_test_add_func ("/iban-input/count-and-mask", test_count_and_mask);
  g_test_add_func ("/iban-input/random-edits", test_random_edits);

  return g_test_run ();
}
