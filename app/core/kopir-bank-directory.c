/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-bank-directory"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "kopir-bank-directory.h"
#include "kopir-money-format.h"

#define MAGIC "# kopir-bank-directory"

struct _KopirBankDirectory
{
  GObject     parent_instance;

  char       *version;
  char       *date;
  GPtrArray  *banks;     /* of KopirBank */
  GHashTable *by_code;   /* code -> KopirBank, borrowed */
  GHashTable *by_bic;    /* BIC -> KopirBank, borrowed */
};

G_DEFINE_FINAL_TYPE (KopirBankDirectory, kopir_bank_directory, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-bank-directory-error-quark, kopir_bank_directory_error)

enum { COL_CODE, COL_BIC, COL_NAME_EN, COL_NAME_KK, COL_NAME_RU, N_COLUMNS };

static const char *column_names[N_COLUMNS] = { "code", "bic", "name_en", "name_kk", "name_ru" };

static void
bank_free (KopirBank *bank)
{
  g_free (bank->code);
  g_free (bank->bic);
  g_free (bank->name_en);
  g_free (bank->name_kk);
  g_free (bank->name_ru);
  g_free (bank);
}

static gboolean
set_invalid (GError    **error,
             guint       line,
             const char *what)
{
  /* The detail is for whoever maintains the file; people get the line. */
  g_debug ("bank directory line %u: %s", line, what);
  g_set_error (error, KOPIR_BANK_DIRECTORY_ERROR, KOPIR_BANK_DIRECTORY_ERROR_INVALID,
               _("The bank directory is damaged at line %u. Reinstall the application "
                 "or ask your IT department for a current directory."),
               line);
  return FALSE;
}

static gboolean
is_alnum_of_length (const char *s,
                    gsize       min_len,
                    gsize       max_len,
                    gboolean    digits_only)
{
  gsize n = 0;

  for (; s[n] != '\0'; n++)
    if (digits_only ? !g_ascii_isdigit (s[n]) : !g_ascii_isalnum (s[n]))
      return FALSE;

  return n >= min_len && n <= max_len;
}

static gboolean
parse_header (KopirBankDirectory *self,
              const char         *line,
              GError            **error)
{
  g_auto(GStrv) fields = NULL;
  guint year, month, day;
  char tail;

  if (!g_str_has_prefix (line, MAGIC))
    return set_invalid (error, 1, "no kopir-bank-directory header");

  fields = g_strsplit_set (line + strlen (MAGIC), "\t ", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (g_str_has_prefix (fields[i], "version="))
        {
          g_free (self->version);
          self->version = g_strdup (fields[i] + strlen ("version="));
        }
      else if (g_str_has_prefix (fields[i], "date="))
        {
          g_free (self->date);
          self->date = g_strdup (fields[i] + strlen ("date="));
        }
    }

  if (self->version == NULL || self->version[0] == '\0')
    return set_invalid (error, 1, "no version");
  if (self->date == NULL ||
      sscanf (self->date, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      strlen (self->date) != 10 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return set_invalid (error, 1, "no valid date");

  return TRUE;
}

static gboolean
load (KopirBankDirectory *self,
      const char         *data,
      gsize               len,
      GError            **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  int columns[N_COLUMNS];
  gboolean have_columns = FALSE;

  if (!g_utf8_validate_len (data, len, NULL))
    return set_invalid (error, 1, "not UTF-8");

  text = g_strndup (data, len);
  lines = g_strsplit (text, "\n", -1);

  if (lines[0] == NULL)
    return set_invalid (error, 1, "empty");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize n = strlen (line);
      g_auto(GStrv) fields = NULL;
      guint n_fields;
      KopirBank *bank;

      if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';

      if (i == 0)
        {
          if (!parse_header (self, line, error))
            return FALSE;
          continue;
        }
      if (line[0] == '#' || line[0] == '\0')
        continue;

      fields = g_strsplit (line, "\t", -1);
      n_fields = g_strv_length (fields);

      if (!have_columns)
        {
          for (guint c = 0; c < N_COLUMNS; c++)
            {
              columns[c] = -1;
              for (guint f = 0; f < n_fields; f++)
                if (g_str_equal (fields[f], column_names[c]))
                  columns[c] = (int) f;
              if (columns[c] < 0)
                return set_invalid (error, i + 1, column_names[c]);
            }
          have_columns = TRUE;
          continue;
        }

      for (guint c = 0; c < N_COLUMNS; c++)
        if ((guint) columns[c] >= n_fields || fields[columns[c]][0] == '\0')
          return set_invalid (error, i + 1, column_names[c]);

      if (!is_alnum_of_length (fields[columns[COL_CODE]], 3, 3, TRUE))
        return set_invalid (error, i + 1, "code");
      if (!is_alnum_of_length (fields[columns[COL_BIC]], 8, 11, FALSE))
        return set_invalid (error, i + 1, "bic");
      if (g_hash_table_contains (self->by_code, fields[columns[COL_CODE]]))
        return set_invalid (error, i + 1, "duplicate code");

      bank = g_new0 (KopirBank, 1);
      bank->code = g_strdup (fields[columns[COL_CODE]]);
      bank->bic = g_strdup (fields[columns[COL_BIC]]);
      bank->name_en = g_strdup (fields[columns[COL_NAME_EN]]);
      bank->name_kk = g_strdup (fields[columns[COL_NAME_KK]]);
      bank->name_ru = g_strdup (fields[columns[COL_NAME_RU]]);
      g_ptr_array_add (self->banks, bank);
      g_hash_table_insert (self->by_code, bank->code, bank);
      g_hash_table_insert (self->by_bic, bank->bic, bank);
    }

  if (self->banks->len == 0)
    return set_invalid (error, 1, "no banks");

  return TRUE;
}

static void
kopir_bank_directory_finalize (GObject *object)
{
  KopirBankDirectory *self = (KopirBankDirectory *) object;

  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->by_bic, g_hash_table_unref);
  g_clear_pointer (&self->banks, g_ptr_array_unref);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (kopir_bank_directory_parent_class)->finalize (object);
}

static void
kopir_bank_directory_class_init (KopirBankDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_bank_directory_finalize;
}

static void
kopir_bank_directory_init (KopirBankDirectory *self)
{
  self->banks = g_ptr_array_new_with_free_func ((GDestroyNotify) bank_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_bic = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * kopir_bank_directory_new_from_bytes:
 * @bytes: the directory's text
 * @error: a #KOPIR_BANK_DIRECTORY_ERROR
 *
 * Returns: (transfer full) (nullable): the directory
 */
KopirBankDirectory *
kopir_bank_directory_new_from_bytes (GBytes  *bytes,
                                     GError **error)
{
  g_autoptr(KopirBankDirectory) self = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (KOPIR_TYPE_BANK_DIRECTORY, NULL);
  data = g_bytes_get_data (bytes, &len);
  if (!load (self, data != NULL ? data : "", len, error))
    return NULL;

  g_debug ("bank directory %s of %s: %u banks", self->version, self->date, self->banks->len);
  return g_steal_pointer (&self);
}

/**
 * kopir_bank_directory_new_from_file:
 * @path: a kz-banks.tsv file
 * @error: a #GFileError or #KOPIR_BANK_DIRECTORY_ERROR
 *
 * Returns: (transfer full) (nullable): the directory
 */
KopirBankDirectory *
kopir_bank_directory_new_from_file (const char  *path,
                                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  bytes = g_bytes_new_take (contents, len);

  return kopir_bank_directory_new_from_bytes (bytes, error);
}

/**
 * kopir_bank_directory_new_default:
 * @error: a #GFileError or #KOPIR_BANK_DIRECTORY_ERROR
 *
 * Loads the file named by the environment variable KOPIR_BANK_DIRECTORY,
 * or else the installed PKGDATADIR/kz-banks.tsv.
 *
 * Returns: (transfer full) (nullable): the directory
 */
KopirBankDirectory *
kopir_bank_directory_new_default (GError **error)
{
  const char *env = g_getenv ("KOPIR_BANK_DIRECTORY");
  g_autofree char *path = NULL;

  if (env != NULL && env[0] != '\0')
    path = g_strdup (env);
  else
    path = g_build_filename (PKGDATADIR, "kz-banks.tsv", NULL);

  return kopir_bank_directory_new_from_file (path, error);
}

/**
 * kopir_bank_directory_get_version:
 *
 * Returns: the version written in the directory's header
 */
const char *
kopir_bank_directory_get_version (KopirBankDirectory *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (self), NULL);

  return self->version;
}

/**
 * kopir_bank_directory_get_date:
 *
 * Returns: the date the directory is current as of, YYYY-MM-DD
 */
const char *
kopir_bank_directory_get_date (KopirBankDirectory *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (self), NULL);

  return self->date;
}

guint
kopir_bank_directory_get_n_banks (KopirBankDirectory *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (self), 0);

  return self->banks->len;
}

/**
 * kopir_bank_directory_get_bank:
 * @position: 0 to kopir_bank_directory_get_n_banks() - 1, in file order
 *
 * Returns: (nullable): the bank at @position
 */
const KopirBank *
kopir_bank_directory_get_bank (KopirBankDirectory *self,
                               guint               position)
{
  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (self), NULL);

  if (position >= self->banks->len)
    return NULL;

  return g_ptr_array_index (self->banks, position);
}

/**
 * kopir_bank_directory_lookup:
 * @code: a 3-digit bank code
 *
 * Returns: (nullable): the bank, or %NULL if the code is unknown
 */
const KopirBank *
kopir_bank_directory_lookup (KopirBankDirectory *self,
                             const char         *code)
{
  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (self), NULL);

  if (code == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_code, code);
}

/**
 * kopir_bank_directory_lookup_bic:
 * @bic: a BIC
 *
 * Returns: (nullable): the bank, or %NULL if the BIC is unknown
 */
const KopirBank *
kopir_bank_directory_lookup_bic (KopirBankDirectory *self,
                                 const char         *bic)
{
  g_return_val_if_fail (KOPIR_IS_BANK_DIRECTORY (self), NULL);

  if (bic == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_bic, bic);
}

/**
 * kopir_bank_get_name:
 * @bank: a bank
 * @language: a language code or locale name
 *
 * Returns: the bank's name in @language (Kazakh, Russian, or else English)
 */
const char *
kopir_bank_get_name (const KopirBank *bank,
                     const char      *language)
{
  const char *lang;

  g_return_val_if_fail (bank != NULL, NULL);

  lang = kopir_money_language_from_locale (language);
  if (g_str_equal (lang, "kk"))
    return bank->name_kk;
  if (g_str_equal (lang, "ru"))
    return bank->name_ru;
  return bank->name_en;
}
