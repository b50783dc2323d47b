/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * KopirCatalog against hand-built MO files (both byte orders, with and
 * without a hash table, sorted or not), against a catalogue compiled by
 * GNU msgfmt, against Kopir's real Kazakh and Russian catalogues, and
 * against damaged and hostile files, which must be refused without ever
 * being read out of bounds.  The process's own gettext is set to Russian
 * to show the catalogues do not follow it.
 */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kopir-catalog.h"
#include "kopir-documents-test-util.h"

static char *locale_dir;

/* A hand-built MO file {{{ */

typedef struct
{
  const char *context;
  const char *msgid;
  const char *msgid_plural;
  const char *msgstr[4];
} Message;

typedef struct
{
  GString *key;
  GString *value;
} Entry;

/* GNU gettext's hash_string (hashpjw), as msgfmt fills the hash table. */
static guint32
hash_string (const char *s)
{
  guint32 hval = 0;

  for (; *s != '\0'; s++)
    {
      guint32 g;

      hval <<= 4;
      hval += (guint8) *s;
      g = hval & ((guint32) 0xf << 28);
      if (g != 0)
        {
          hval ^= g >> 24;
          hval ^= g;
        }
    }
  return hval;
}

static guint32
next_prime (guint32 n)
{
  for (n |= 1;; n += 2)
    {
      gboolean prime = TRUE;

      for (guint32 d = 3; d * d <= n && prime; d += 2)
        prime = n % d != 0;
      if (prime)
        return n;
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return strcmp (x->key->str, y->key->str);
}

static void
put_u32 (GByteArray *out,
         gsize       offset,
         guint32     value,
         gboolean    big_endian)
{
  guint32 v = big_endian ? GUINT32_TO_BE (value) : GUINT32_TO_LE (value);

  memcpy (out->data + offset, &v, 4);
}

static GBytes *
build_mo (const char    *header,
          const Message *messages,
          guint          n_messages,
          gboolean       big_endian,
          gboolean       with_hash,
          gboolean       sorted)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 n, hash_size, strings;
  g_autofree guint32 *hash = NULL;

  if (header != NULL)
    {
      Entry entry = { g_string_new (""), g_string_new (header) };
      g_array_append_val (entries, entry);
    }
  for (guint i = 0; i < n_messages; i++)
    {
      Entry entry = { g_string_new (NULL), g_string_new (NULL) };

      if (messages[i].context != NULL)
        g_string_append_printf (entry.key, "%s\004", messages[i].context);
      g_string_append (entry.key, messages[i].msgid);
      if (messages[i].msgid_plural != NULL)
        {
          g_string_append_len (entry.key, "\0", 1);
          g_string_append (entry.key, messages[i].msgid_plural);
        }
      for (guint j = 0; j < G_N_ELEMENTS (messages[i].msgstr) && messages[i].msgstr[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_len (entry.value, "\0", 1);
          g_string_append (entry.value, messages[i].msgstr[j]);
        }
      g_array_append_val (entries, entry);
    }
  if (sorted)
    g_array_sort (entries, compare_entries);
  else
    {
      /* Reversed, so nothing can rely on the order. */
      for (guint i = 0; i < entries->len / 2; i++)
        {
          Entry t = g_array_index (entries, Entry, i);
          g_array_index (entries, Entry, i) = g_array_index (entries, Entry, entries->len - 1 - i);
          g_array_index (entries, Entry, entries->len - 1 - i) = t;
        }
    }

  n = entries->len;
  hash_size = with_hash ? next_prime (MAX (3, n * 4 / 3)) : 0;
  hash = g_new0 (guint32, MAX (hash_size, 1));
  for (guint32 i = 0; i < n && hash_size > 0; i++)
    {
      guint32 h = hash_string (g_array_index (entries, Entry, i).key->str);
      guint32 idx = h % hash_size;
      guint32 incr = 1 + h % (hash_size - 2);

      while (hash[idx] != 0)
        idx = idx >= hash_size - incr ? idx - (hash_size - incr) : idx + incr;
      hash[idx] = i + 1;
    }

  strings = 28 + 16 * n + 4 * hash_size;
  g_byte_array_set_size (out, strings);
  memset (out->data, 0, strings);
  put_u32 (out, 0, 0x950412de, big_endian);
  put_u32 (out, 4, 0, big_endian);
  put_u32 (out, 8, n, big_endian);
  put_u32 (out, 12, 28, big_endian);
  put_u32 (out, 16, 28 + 8 * n, big_endian);
  put_u32 (out, 20, hash_size, big_endian);
  put_u32 (out, 24, 28 + 16 * n, big_endian);
  for (guint32 i = 0; i < hash_size; i++)
    put_u32 (out, 28 + 16 * n + 4 * i, hash[i], big_endian);

  for (guint32 which = 0; which < 2; which++)
    for (guint32 i = 0; i < n; i++)
      {
        Entry *entry = &g_array_index (entries, Entry, i);
        GString *s = which == 0 ? entry->key : entry->value;
        gsize table = which == 0 ? 28 + 8 * i : 28 + 8 * n + 8 * i;
        gsize offset = out->len;

        g_byte_array_append (out, (const guint8 *) s->str, (guint) s->len + 1);
        put_u32 (out, table, (guint32) s->len, big_endian);
        put_u32 (out, table + 4, (guint32) offset, big_endian);
      }

  for (guint i = 0; i < entries->len; i++)
    {
      g_string_free (g_array_index (entries, Entry, i).key, TRUE);
      g_string_free (g_array_index (entries, Entry, i).value, TRUE);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

#define RU_HEADER \
  "Project-Id-Version: test\nLanguage: ru\nContent-Type: text/plain; charset=UTF-8\n" \
  "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && " \
  "(n%100<10 || n%100>=20) ? 1 : 2);\n"

static const Message ru_messages[] = {
  { NULL, "Customer", NULL, { "Клиент" } },
  { "order side", "Buy", NULL, { "Покупка" } },
  { "button", "Buy", NULL, { "Купить" } },
  { NULL, "%u page", "%u pages", { "%u страница", "%u страницы", "%u страниц" } },
  { "documents", "%u file", "%u files", { "%u файл", "%u файла", "%u файлов" } },
  { NULL, "Empty", NULL, { "" } },
  { NULL, "Twice", NULL, { "Первый" } },
  { NULL, "Twice", NULL, { "Второй" } },
};

static void
check_ru (KopirCatalog *catalog)
{
  g_assert_cmpstr (kopir_catalog_gettext (catalog, "Customer"), ==, "Клиент");
  g_assert_cmpstr (kopir_catalog_pgettext (catalog, "order side", "Buy"), ==, "Покупка");
  g_assert_cmpstr (kopir_catalog_pgettext (catalog, "button", "Buy"), ==, "Купить");
  /* A context is part of the key: no context, no translation. */
  g_assert_cmpstr (kopir_catalog_gettext (catalog, "Buy"), ==, "Buy");
  g_assert_cmpstr (kopir_catalog_pgettext (catalog, "other", "Buy"), ==, "Buy");
  g_assert_cmpstr (kopir_catalog_pgettext (catalog, "order side", "Customer"), ==, "Customer");

  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 1), ==, "%u страница");
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 3), ==, "%u страницы");
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 5), ==, "%u страниц");
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 11), ==, "%u страниц");
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 21), ==, "%u страница");
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 22), ==, "%u страницы");
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 111), ==, "%u страниц");
  g_assert_cmpstr (kopir_catalog_npgettext (catalog, "documents", "%u file", "%u files", 2), ==, "%u файла");
  g_assert_cmpstr (kopir_catalog_npgettext (catalog, "documents", "%u file", "%u files", 0), ==, "%u файлов");
  /* Not translated: the English rule picks the original. */
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u day", "%u days", 1), ==, "%u day");
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u day", "%u days", 2), ==, "%u days");
  g_assert_cmpstr (kopir_catalog_npgettext (catalog, "x", "%u file", "%u files", 2), ==, "%u files");

  g_assert_cmpuint (kopir_catalog_get_n_plurals (catalog), ==, 3);
  g_assert_cmpuint (kopir_catalog_get_plural_index (catalog, 22), ==, 1);
  g_assert_cmpstr (kopir_catalog_get_language (catalog), ==, "ru");
  /* The header is not a translation of "". */
  g_assert_cmpstr (kopir_catalog_gettext (catalog, ""), ==, "");
}

static void
test_hand_built (void)
{
  for (guint variant = 0; variant < 8; variant++)
    {
      gboolean big_endian = (variant & 1) != 0;
      gboolean with_hash = (variant & 2) != 0;
      gboolean sorted = (variant & 4) != 0;
      g_autoptr(GBytes) mo = build_mo (RU_HEADER, ru_messages, G_N_ELEMENTS (ru_messages),
                                       big_endian, with_hash, sorted);
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirCatalog) catalog = kopir_catalog_new_from_bytes ("ru", mo, &error);

      g_test_message ("big endian %d, hash table %d, sorted %d", big_endian, with_hash, sorted);
      g_assert_no_error (error);
      check_ru (catalog);
      /* Empty translations are left out; of two equal keys one counts. */
      g_assert_cmpstr (kopir_catalog_gettext (catalog, "Empty"), ==, "Empty");
      g_assert_true (g_str_equal (kopir_catalog_gettext (catalog, "Twice"), "Первый") ||
                     g_str_equal (kopir_catalog_gettext (catalog, "Twice"), "Второй"));
      g_assert_cmpuint (kopir_catalog_get_n_messages (catalog), ==, 6);
    }
}

static void
test_msgfmt_output (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (kopir_test_getenv ("KOPIR_TEST_MO_DIR"), "fixture-ru.mo", NULL);
  g_autoptr(KopirCatalog) catalog = kopir_catalog_new_from_file ("ru", path, &error);

  g_assert_no_error (error);
  check_ru (catalog);
  /* msgfmt leaves out fuzzy and untranslated messages. */
  g_assert_cmpstr (kopir_catalog_gettext (catalog, "Fuzzy entry"), ==, "Fuzzy entry");
  g_assert_cmpstr (kopir_catalog_gettext (catalog, "Untranslated entry"), ==, "Untranslated entry");
  g_assert_cmpstr (kopir_catalog_gettext (catalog, "Қазақ әріптері: ә ғ қ ң ө ұ ү һ і"), ==,
                   "Казахские буквы: ә ғ қ ң ө ұ ү һ і");
  g_assert_cmpuint (kopir_catalog_get_n_messages (catalog), ==, 6);
}

/* }}} */

/* Kopir's own catalogues {{{ */

static void
test_real_catalogs (void)
{
  g_autoptr(KopirCatalog) kk = kopir_catalog_get_for_language ("kk");
  g_autoptr(KopirCatalog) ru = kopir_catalog_get_for_language ("ru");
  g_autoptr(KopirCatalog) kk_locale = kopir_catalog_get_for_language ("kk_KZ.UTF-8");

  g_assert_cmpuint (kopir_catalog_get_n_messages (kk), >, 200);
  g_assert_cmpuint (kopir_catalog_get_n_messages (ru), >, 200);
  g_assert_cmpuint (kopir_catalog_get_n_plurals (kk), ==, 1);
  g_assert_cmpuint (kopir_catalog_get_n_plurals (ru), ==, 3);

  g_assert_cmpstr (kopir_catalog_gettext (kk, "Beneficiary code (KBe)"), ==, "Бенефициар коды (КБе)");
  g_assert_cmpstr (kopir_catalog_gettext (kk, "Payment purpose code (KNP)"), ==,
                   "Төлем мақсатының коды (КНП)");
  g_assert_cmpstr (kopir_catalog_gettext (kk, "Sender code (KOd)"), ==, "Жіберуші коды (КОд)");
  g_assert_cmpstr (kopir_catalog_gettext (ru, "Beneficiary code (KBe)"), ==, "Код бенефициара (КБе)");
  g_assert_cmpstr (kopir_catalog_gettext (ru, "Payment purpose code (KNP)"), ==,
                   "Код назначения платежа (КНП)");
  g_assert_cmpstr (kopir_catalog_gettext (ru, "Sender code (KOd)"), ==, "Код отправителя (КОд)");
  g_assert_cmpstr (kopir_catalog_gettext (kk_locale, "Beneficiary code (KBe)"), ==,
                   "Бенефициар коды (КБе)");

  /* Month names as they stand in a date: the Russian genitive. */
  g_assert_cmpstr (kopir_catalog_pgettext (ru, "month in a date", "November"), ==, "ноября");
  g_assert_cmpstr (kopir_catalog_pgettext (kk, "month in a date", "November"), ==, "қараша");

  /* Russian has three forms, Kazakh one. */
  g_assert_cmpstr (kopir_catalog_ngettext (ru, "%1$u correct answer out of %2$u",
                                           "%1$u correct answers out of %2$u", 1), ==,
                   "%1$u правильный ответ из %2$u");
  g_assert_cmpstr (kopir_catalog_ngettext (ru, "%1$u correct answer out of %2$u",
                                           "%1$u correct answers out of %2$u", 3), ==,
                   "%1$u правильных ответа из %2$u");
  g_assert_cmpstr (kopir_catalog_ngettext (ru, "%1$u correct answer out of %2$u",
                                           "%1$u correct answers out of %2$u", 7), ==,
                   "%1$u правильных ответов из %2$u");
  g_assert_cmpstr (kopir_catalog_ngettext (kk, "%1$u correct answer out of %2$u",
                                           "%1$u correct answers out of %2$u", 7), ==,
                   kopir_catalog_ngettext (kk, "%1$u correct answer out of %2$u",
                                           "%1$u correct answers out of %2$u", 1));
  g_assert_cmpstr (kopir_catalog_ngettext (kk, "%1$u correct answer out of %2$u",
                                           "%1$u correct answers out of %2$u", 7), ==,
                   "%2$u сұрақтан %1$u дұрыс жауап");

  /* The core's messages are there too. */
  g_assert_cmpstr (kopir_catalog_ngettext (ru, "A Kazakh IBAN has 20 characters; %u character is missing.",
                                           "A Kazakh IBAN has 20 characters; %u characters are missing.", 1),
                   ==, "В казахстанском IBAN 20 символов; не хватает %u символа.");
}

/* glibc's gettext answers in the process's language (LANGUAGE=ru here,
 * with the locale to match); the catalogues answer in theirs. */
static void
test_process_language_ignored (void)
{
  g_autoptr(KopirCatalog) kk = kopir_catalog_get_for_language ("kk");
  g_autoptr(KopirCatalog) en = kopir_catalog_get_for_language ("en");
  const char *process;

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "ru");
  process = dgettext (GETTEXT_PACKAGE, "Beneficiary code (KBe)");
  if (g_str_equal (process, "Beneficiary code (KBe)"))
    g_test_message ("the ru_RU.UTF-8 locale is not generated here, so the process's own gettext "
                    "stays in English");
  else
    g_assert_cmpstr (process, ==, "Код бенефициара (КБе)");

  g_assert_cmpstr (kopir_catalog_gettext (kk, "Beneficiary code (KBe)"), ==, "Бенефициар коды (КБе)");
  g_assert_cmpstr (kopir_catalog_gettext (en, "Beneficiary code (KBe)"), ==, "Beneficiary code (KBe)");
}

static void
test_english_and_missing (void)
{
  static const char *english[] = { "en", "en_US.UTF-8", "en_GB", "C", "POSIX", "", NULL };
  static const char *missing[] = { "de", "de_DE.UTF-8", "../../../etc", "/etc/passwd", ".hidden",
                                   "kk/../ru", "k k" };
  static const char msgid[] = "Beneficiary code (KBe)";

  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirCatalog) catalog = kopir_catalog_new_for_language (english[i], NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (kopir_catalog_get_n_messages (catalog), ==, 0);
      g_assert_true (kopir_catalog_gettext (catalog, msgid) == msgid);
    }

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KopirCatalog) none = kopir_catalog_new_for_language (missing[i], NULL, NULL, &error);
      g_autoptr(KopirCatalog) fallback = kopir_catalog_get_for_language (missing[i]);

      g_assert_null (none);
      g_assert_error (error, KOPIR_CATALOG_ERROR, KOPIR_CATALOG_ERROR_NOT_FOUND);
      g_assert_true (kopir_catalog_gettext (fallback, msgid) == msgid);
      g_assert_cmpstr (kopir_catalog_ngettext (fallback, "%u day", "%u days", 1), ==, "%u day");
      g_assert_cmpstr (kopir_catalog_ngettext (fallback, "%u day", "%u days", 0), ==, "%u days");
    }

  /* A locale name finds Kazakh through its "kk" variant. */
  {
    g_autoptr(KopirCatalog) variant = kopir_catalog_get_for_language ("kk_KZ@latin");

    g_assert_cmpstr (kopir_catalog_gettext (variant, msgid), ==, "Бенефициар коды (КБе)");
  }
}

static void
test_cache (void)
{
  g_autoptr(KopirCatalog) a = kopir_catalog_get_for_language ("kk");
  g_autoptr(KopirCatalog) b = kopir_catalog_get_for_language ("kk");
  g_autofree char *elsewhere = kopir_test_mkdtemp ();
  g_autoptr(KopirCatalog) c = NULL;

  g_assert_true (a == b);

  /* Another folder is another catalogue: here, none. */
  g_setenv ("KOPIR_LOCALEDIR", elsewhere, TRUE);
  c = kopir_catalog_get_for_language ("kk");
  g_setenv ("KOPIR_LOCALEDIR", locale_dir, TRUE);
  g_assert_true (c != a);
  g_assert_cmpstr (kopir_catalog_gettext (c, "Customer ID"), ==, "Customer ID");
  g_assert_cmpstr (kopir_catalog_get_locale_dir (), ==, locale_dir);
  kopir_test_rmdir (elsewhere);
}

static gpointer
lookup_thread (gpointer data)
{
  KopirCatalog *expected = data;

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(KopirCatalog) kk = kopir_catalog_get_for_language ("kk");
      g_autoptr(KopirCatalog) ru = kopir_catalog_get_for_language (i % 2 ? "ru" : "ru_RU.UTF-8");

      if (kk != expected ||
          !g_str_equal (kopir_catalog_gettext (kk, "Sender code (KOd)"), "Жіберуші коды (КОд)") ||
          !g_str_equal (kopir_catalog_pgettext (ru, "month in a date", "March"), "марта"))
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_threads (void)
{
  g_autoptr(KopirCatalog) kk = kopir_catalog_get_for_language ("kk");
  GThread *threads[6];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lookup", lookup_thread, kk);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

/* }}} */

/* Damaged and hostile files {{{ */

static void
expect_invalid (GBytes     *bytes,
                int         code,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KopirCatalog) catalog = kopir_catalog_new_from_bytes ("ru", bytes, &error);

  if (catalog != NULL)
    g_error ("%s was accepted", what);
  g_assert_error (error, KOPIR_CATALOG_ERROR, code);
}

static GBytes *
patched (GBytes  *bytes,
         gsize    offset,
         guint32  value)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint8 *copy = g_memdup2 (data, size);
  guint32 le = GUINT32_TO_LE (value);

  memcpy (copy + offset, &le, 4);
  return g_bytes_new_take (copy, size);
}

static void
test_truncated (void)
{
  g_autofree char *path = g_build_filename (kopir_test_getenv ("KOPIR_TEST_MO_DIR"), "fixture-ru.mo", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  /* Every strict prefix is refused: the last byte is a string's nul. */
  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new (contents, cut);

      expect_invalid (prefix, KOPIR_CATALOG_ERROR_INVALID, "a truncated catalogue");
    }
}

static void
test_crafted (void)
{
  g_autoptr(GBytes) good = build_mo (RU_HEADER, ru_messages, 2, FALSE, FALSE, TRUE);
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);
  guint32 first_string_offset;
  GBytes *bad;

  memcpy (&first_string_offset, data + 28 + 4, 4);
  first_string_offset = GUINT32_FROM_LE (first_string_offset);

  bad = patched (good, 0, 0x12345678);
  expect_invalid (bad, KOPIR_CATALOG_ERROR_INVALID, "a wrong magic number");
  g_bytes_unref (bad);

  bad = patched (good, 4, 0x00020000);
  expect_invalid (bad, KOPIR_CATALOG_ERROR_INVALID, "an unknown major revision");
  g_bytes_unref (bad);

  bad = patched (good, 8, 0xffffffff);
  expect_invalid (bad, KOPIR_CATALOG_ERROR_INVALID, "four billion strings");
  g_bytes_unref (bad);

  bad = patched (good, 12, 0xfffffff8);
  expect_invalid (bad, KOPIR_CATALOG_ERROR_INVALID, "a table past the end");
  g_bytes_unref (bad);

  bad = patched (good, 16, (guint32) size - 4);
  expect_invalid (bad, KOPIR_CATALOG_ERROR_INVALID, "a table running off the end");
  g_bytes_unref (bad);

  /* A string whose offset plus length wraps around 32 bits. */
  bad = patched (good, 28, 0xffffffff);
  expect_invalid (bad, KOPIR_CATALOG_ERROR_INVALID, "a string length that wraps");
  g_bytes_unref (bad);

  bad = patched (good, 28 + 4, 0xfffffff0);
  expect_invalid (bad, KOPIR_CATALOG_ERROR_INVALID, "a string offset past the end");
  g_bytes_unref (bad);

  /* A length one too long: the byte after the string is not its nul. */
  {
    guint32 len;

    memcpy (&len, data + 28, 4);
    bad = patched (good, 28, GUINT32_FROM_LE (len) + 1);
    expect_invalid (bad, KOPIR_CATALOG_ERROR_INVALID, "a string without its nul");
    g_bytes_unref (bad);
  }

  {
    static const Message latin1[] = { { NULL, "Customer", NULL, { "Cli\xe9nt" } } };
    g_autoptr(GBytes) mo = build_mo (RU_HEADER, latin1, 1, FALSE, FALSE, TRUE);

    expect_invalid (mo, KOPIR_CATALOG_ERROR_INVALID, "a translation that is not UTF-8");
  }
  {
    static const Message plural_latin1[] = { { NULL, "%u page", "%u pages", { "ok", "b\xff" "d", "ok" } } };
    g_autoptr(GBytes) mo = build_mo (RU_HEADER, plural_latin1, 1, TRUE, TRUE, TRUE);

    expect_invalid (mo, KOPIR_CATALOG_ERROR_INVALID, "a plural form that is not UTF-8");
  }
  {
    g_autoptr(GBytes) mo = build_mo ("Content-Type: text/plain; charset=KOI8-R\n", ru_messages, 1,
                                     FALSE, FALSE, TRUE);

    expect_invalid (mo, KOPIR_CATALOG_ERROR_INVALID, "a KOI8-R catalogue");
  }
  {
    g_autoptr(GBytes) mo = build_mo ("Content-Type: text/plain; charset=UTF-8\n"
                                     "Plural-Forms: nplurals=2; plural=n >> 1;\n",
                                     ru_messages, 1, FALSE, FALSE, TRUE);

    expect_invalid (mo, KOPIR_CATALOG_ERROR_PLURAL_FORMS, "a plural rule outside C's subset");
  }
  {
    g_autoptr(GBytes) mo = build_mo ("Plural-Forms: nplurals=0; plural=0;\n", ru_messages, 1,
                                     FALSE, FALSE, TRUE);

    expect_invalid (mo, KOPIR_CATALOG_ERROR_PLURAL_FORMS, "a language with no plural forms");
  }

  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) short_header = g_bytes_new_static ("\xde\x12\x04\x95", 4);

    expect_invalid (empty, KOPIR_CATALOG_ERROR_INVALID, "an empty file");
    expect_invalid (short_header, KOPIR_CATALOG_ERROR_INVALID, "a bare magic number");
  }
}

/* Rules that fault or ask for forms the translation lacks fall back to a
 * form that exists, never past the strings. */
static void
test_plural_faults (void)
{
  static const Message messages[] = {
    { NULL, "%u page", "%u pages", { "%u страница", "%u страницы" } },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) div = build_mo ("Plural-Forms: nplurals=3; plural=n/0;\n", messages, 1,
                                    FALSE, FALSE, TRUE);
  g_autoptr(GBytes) short_forms = build_mo (RU_HEADER, messages, 1, TRUE, FALSE, TRUE);
  g_autoptr(KopirCatalog) by_zero = kopir_catalog_new_from_bytes ("ru", div, &error);
  g_autoptr(KopirCatalog) missing_form = NULL;

  g_assert_no_error (error);
  for (gulong n = 0; n < 30; n++)
    g_assert_cmpstr (kopir_catalog_ngettext (by_zero, "%u page", "%u pages", n), ==, "%u страница");

  missing_form = kopir_catalog_new_from_bytes ("ru", short_forms, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kopir_catalog_ngettext (missing_form, "%u page", "%u pages", 3), ==, "%u страницы");
  g_assert_cmpstr (kopir_catalog_ngettext (missing_form, "%u page", "%u pages", 5), ==, "%u pages");
  g_assert_cmpstr (kopir_catalog_ngettext (missing_form, "%u page", "%u pages", 1), ==, "%u страница");
}

static void
test_no_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) mo = build_mo (NULL, ru_messages, G_N_ELEMENTS (ru_messages), FALSE, TRUE, TRUE);
  g_autoptr(GBytes) empty_mo = build_mo (NULL, NULL, 0, TRUE, FALSE, TRUE);
  g_autoptr(KopirCatalog) catalog = kopir_catalog_new_from_bytes ("ru", mo, &error);
  g_autoptr(KopirCatalog) empty = NULL;

  g_assert_no_error (error);
  /* Without a Plural-Forms header, gettext's default: two forms. */
  g_assert_cmpuint (kopir_catalog_get_n_plurals (catalog), ==, 2);
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 1), ==, "%u страница");
  g_assert_cmpstr (kopir_catalog_ngettext (catalog, "%u page", "%u pages", 5), ==, "%u страницы");

  empty = kopir_catalog_new_from_bytes ("ru", empty_mo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kopir_catalog_get_n_messages (empty), ==, 0);
  g_assert_cmpstr (kopir_catalog_gettext (empty, "Customer"), ==, "Customer");
}

/* Random damage, with a fixed seed: refused or read, never a crash, and
 * whatever is read is UTF-8. */
static void
test_random_damage (void)
{
  g_autoptr(GBytes) good = build_mo (RU_HEADER, ru_messages, G_N_ELEMENTS (ru_messages), FALSE, TRUE, TRUE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);
  guint loaded = 0;

  for (guint round = 0; round < 5000; round++)
    {
      guint8 *copy = g_memdup2 (data, size);
      guint n_flips = (guint) g_rand_int_range (rand, 1, 6);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(KopirCatalog) catalog = NULL;

      for (guint i = 0; i < n_flips; i++)
        copy[g_rand_int_range (rand, 0, (gint32) size)] = (guint8) g_rand_int_range (rand, 0, 256);
      bytes = g_bytes_new_take (copy, size);
      catalog = kopir_catalog_new_from_bytes ("ru", bytes, NULL);
      if (catalog == NULL)
        continue;

      loaded++;
      for (guint i = 0; i < G_N_ELEMENTS (ru_messages); i++)
        {
          const Message *m = &ru_messages[i];
          const char *s;

          if (m->msgid_plural != NULL)
            for (gulong n = 0; n < 25; n++)
              {
                s = m->context != NULL
                  ? kopir_catalog_npgettext (catalog, m->context, m->msgid, m->msgid_plural, n)
                  : kopir_catalog_ngettext (catalog, m->msgid, m->msgid_plural, n);
                g_assert_true (g_utf8_validate (s, -1, NULL));
              }
          s = m->context != NULL ? kopir_catalog_pgettext (catalog, m->context, m->msgid)
                                 : kopir_catalog_gettext (catalog, m->msgid);
          g_assert_true (g_utf8_validate (s, -1, NULL));
        }
    }
  g_test_message ("%u of 5000 damaged catalogues were still readable", loaded);
}

/* }}} */

int
main (int argc, char **argv)
{
  int status;

  /* The process itself speaks Russian. */
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_setenv ("LC_ALL", "ru_RU.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  locale_dir = kopir_test_mkdtemp ();
  kopir_test_install_catalogs (locale_dir);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/catalog/hand-built", test_hand_built);
  g_test_add_func ("/catalog/msgfmt-output", test_msgfmt_output);
  g_test_add_func ("/catalog/real-catalogs", test_real_catalogs);
  g_test_add_func ("/catalog/process-language-ignored", test_process_language_ignored);
  g_test_add_func ("/catalog/english-and-missing", test_english_and_missing);
  g_test_add_func ("/catalog/cache", test_cache);
  g_test_add_func ("/catalog/threads", test_threads);
  g_test_add_func ("/catalog/truncated", test_truncated);
  g_test_add_func ("/catalog/crafted", test_crafted);
  g_test_add_func ("/catalog/plural-faults", test_plural_faults);
  g_test_add_func ("/catalog/no-header", test_no_header);
  g_test_add_func ("/catalog/random-damage", test_random_damage);

  status = g_test_run ();
  kopir_test_rmdir (locale_dir);
  g_free (locale_dir);
  return status;
}
