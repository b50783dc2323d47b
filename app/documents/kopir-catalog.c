/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-catalog"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n.h>

#include "kopir-catalog.h"
#include "kopir-plural-forms.h"

/* The GNU MO header: magic, revision, number of strings, offsets of the
 * original and translated string tables, size and offset of the hash
 * table (not needed: lookups go through a GHashTable built on load). */
#define MO_MAGIC          0x950412deU
#define MO_MAGIC_SWAPPED  0xde120495U
#define MO_HEADER_SIZE    28
#define MO_CONTEXT_GLUE   "\004"

/* A catalogue far larger than Kopir's (about 100 KiB) is not ours. */
#define MO_MAX_SIZE       (16 * 1024 * 1024)

typedef struct
{
  const char *value;
  guint32     length;
} Translation;

struct _KopirCatalog
{
  GObject           parent_instance;

  char             *language;
  GBytes           *bytes;
  GHashTable       *messages;
  GArray           *translations;
  KopirPluralForms *plural_forms;
};

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KopirCatalog, kopir_catalog, G_TYPE_OBJECT)

G_DEFINE_QUARK (kopir-catalog-error-quark, kopir_catalog_error)

static GMutex cache_lock;
static GHashTable *cache;

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      big_endian)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return big_endian ? GUINT32_FROM_BE (value) : GUINT32_FROM_LE (value);
}

static gboolean
invalid (GError     **error,
         const char  *what)
{
  g_set_error (error, KOPIR_CATALOG_ERROR, KOPIR_CATALOG_ERROR_INVALID,
               "Not a valid message catalogue: %s", what);
  return FALSE;
}

/* Every string in an MO file is a (length, offset) pair whose bytes, and
 * the nul after them, must lie inside the file. */
static gboolean
read_string (const guint8  *data,
             gsize          size,
             gsize          entry,
             gboolean       big_endian,
             const char   **out,
             guint32       *length,
             GError       **error)
{
  guint32 len = read_u32 (data, entry, big_endian);
  guint32 offset = read_u32 (data, entry + 4, big_endian);

  if ((guint64) offset + len >= size)
    return invalid (error, "a string lies outside the file");
  if (data[offset + len] != '\0')
    return invalid (error, "a string is not terminated");

  *out = (const char *) data + offset;
  *length = len;
  return TRUE;
}

/* Plural translations are several nul-separated strings; each must be
 * UTF-8, as they go straight into Pango. */
static gboolean
validate_utf8 (const char *value,
               guint32     length)
{
  const char *end = value + length;

  for (const char *p = value; p <= end;)
    {
      const char *nul = memchr (p, '\0', (gsize) (end - p) + 1);

      if (!g_utf8_validate (p, nul - p, NULL))
        return FALSE;
      p = nul + 1;
    }
  return TRUE;
}

/* Returns the value of @field in the catalogue's header, up to the end of
 * its line. */
static char *
header_field (const char *header,
              const char *field)
{
  gsize len = strlen (field);

  for (const char *line = header; line != NULL && *line != '\0';)
    {
      const char *eol = strchr (line, '\n');

      if (g_ascii_strncasecmp (line, field, len) == 0 && line[len] == ':')
        {
          const char *value = line + len + 1;

          return g_strndup (value, eol != NULL ? (gsize) (eol - value) : strlen (value));
        }
      line = eol != NULL ? eol + 1 : NULL;
    }
  return NULL;
}

static gboolean
parse_header (KopirCatalog  *self,
              const char    *header,
              GError       **error)
{
  g_autofree char *content_type = header_field (header, "Content-Type");
  g_autofree char *plural_forms = header_field (header, "Plural-Forms");

  if (content_type != NULL)
    {
      const char *charset = strstr (content_type, "charset=");

      if (charset != NULL)
        {
          g_autofree char *name = g_strstrip (g_strdup (charset + strlen ("charset=")));

          if (g_ascii_strcasecmp (name, "UTF-8") != 0 && g_ascii_strcasecmp (name, "UTF8") != 0 &&
              g_ascii_strcasecmp (name, "ASCII") != 0 && g_ascii_strcasecmp (name, "US-ASCII") != 0)
            return invalid (error, "the catalogue is not in UTF-8");
        }
    }

  if (plural_forms != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      self->plural_forms = kopir_plural_forms_parse (plural_forms, &local_error);
      if (self->plural_forms == NULL)
        {
          g_set_error (error, KOPIR_CATALOG_ERROR, KOPIR_CATALOG_ERROR_PLURAL_FORMS,
                       "The catalogue's plural rule is not usable: %s", local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load (KopirCatalog  *self,
      GBytes        *bytes,
      GError       **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gboolean big_endian;
  guint32 magic, n_strings, originals, translations;
  const char *header = NULL;

  if (data == NULL || size < MO_HEADER_SIZE)
    return invalid (error, "the file is too short");
  if (size > MO_MAX_SIZE)
    return invalid (error, "the file is too large");

  memcpy (&magic, data, sizeof magic);
  magic = GUINT32_FROM_LE (magic);
  if (magic == MO_MAGIC)
    big_endian = FALSE;
  else if (magic == MO_MAGIC_SWAPPED)
    big_endian = TRUE;
  else
    return invalid (error, "wrong magic number");

  /* Major revisions 0 and 1 share this layout (1 adds system-dependent
   * strings, which msgfmt writes only for <inttypes.h> macros). */
  if ((read_u32 (data, 4, big_endian) >> 16) > 1)
    return invalid (error, "unknown revision");

  n_strings = read_u32 (data, 8, big_endian);
  originals = read_u32 (data, 12, big_endian);
  translations = read_u32 (data, 16, big_endian);

  if ((guint64) originals + (guint64) n_strings * 8 > size ||
      (guint64) translations + (guint64) n_strings * 8 > size)
    return invalid (error, "the string tables lie outside the file");

  self->bytes = g_bytes_ref (bytes);
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
  self->translations = g_array_sized_new (FALSE, FALSE, sizeof (Translation), n_strings);

  for (guint32 i = 0; i < n_strings; i++)
    {
      const char *original;
      guint32 original_length;
      Translation translation;

      if (!read_string (data, size, originals + (gsize) i * 8, big_endian,
                        &original, &original_length, error) ||
          !read_string (data, size, translations + (gsize) i * 8, big_endian,
                        &translation.value, &translation.length, error))
        return FALSE;

      if (!validate_utf8 (translation.value, translation.length))
        return invalid (error, "a translation is not UTF-8");

      if (original[0] == '\0')
        {
          header = translation.value;
          continue;
        }
      /* msgfmt leaves untranslated messages out; a hand-made file may not. */
      if (translation.length == 0 || g_hash_table_contains (self->messages, original))
        continue;

      g_array_append_val (self->translations, translation);
      g_hash_table_insert (self->messages, (gpointer) original,
                           GUINT_TO_POINTER (self->translations->len));
    }

  if (header != NULL && !parse_header (self, header, error))
    return FALSE;

  return TRUE;
}

static const Translation *
lookup (KopirCatalog *self,
        const char   *key)
{
  guint index;

  if (self->messages == NULL)
    return NULL;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->messages, key));
  if (index == 0)
    return NULL;
  return &g_array_index (self->translations, Translation, index - 1);
}

/* The plural form @index of a translation: the nul-separated strings in
 * the order of the language's plural rule. */
static const char *
plural_form (const Translation *translation,
             guint              index)
{
  const char *p = translation->value;
  const char *end = translation->value + translation->length;

  for (guint i = 0; i < index; i++)
    {
      const char *nul = memchr (p, '\0', (gsize) (end - p));

      if (nul == NULL)
        return NULL;
      p = nul + 1;
    }
  return *p != '\0' ? p : NULL;
}

static gboolean
is_english (const char *language)
{
  return language == NULL || language[0] == '\0' ||
         g_str_equal (language, "C") || g_str_equal (language, "POSIX") ||
         (g_ascii_strncasecmp (language, "en", 2) == 0 && strchr ("_.@", language[2]) != NULL);
}

/* Only names made of these characters go into a path, so a language can
 * never point outside the locale folder. */
static gboolean
is_safe_language (const char *language)
{
  if (language[0] == '.' || language[0] == '\0')
    return FALSE;
  for (const char *p = language; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_.@-", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
kopir_catalog_finalize (GObject *object)
{
  KopirCatalog *self = (KopirCatalog *) object;

  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->translations, g_array_unref);
  g_clear_pointer (&self->plural_forms, kopir_plural_forms_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (kopir_catalog_parent_class)->finalize (object);
}

static void
kopir_catalog_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KopirCatalog *self = KOPIR_CATALOG (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_catalog_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KopirCatalog *self = KOPIR_CATALOG (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_free (self->language);
      self->language = g_value_dup_string (value);
      if (self->language == NULL)
        self->language = g_strdup ("en");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_catalog_class_init (KopirCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_catalog_finalize;
  object_class->get_property = kopir_catalog_get_property;
  object_class->set_property = kopir_catalog_set_property;

  /**
   * KopirCatalog:language:
   *
   * The language of the translations, e.g. "kk".
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         "en",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_catalog_init (KopirCatalog *self)
{
}

/**
 * kopir_catalog_get_locale_dir:
 *
 * Where catalogues are looked for: KOPIR_LOCALEDIR from the environment
 * (the build tree's po/ folder, for tests and running uninstalled), or
 * else the installed LOCALEDIR.
 *
 * Returns: the folder
 */
const char *
kopir_catalog_get_locale_dir (void)
{
  const char *dir = g_getenv ("KOPIR_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

/**
 * kopir_catalog_new_empty:
 * @language: (nullable): the language, "en" if %NULL
 *
 * A catalogue without translations: every lookup gives the original
 * (English) string back.
 *
 * Returns: (transfer full): the catalogue
 */
KopirCatalog *
kopir_catalog_new_empty (const char *language)
{
  return g_object_new (KOPIR_TYPE_CATALOG, "language", language, NULL);
}

/**
 * kopir_catalog_new_from_bytes:
 * @language: (nullable): the language of the catalogue
 * @bytes: the contents of an MO file
 * @error: a #KOPIR_CATALOG_ERROR
 *
 * Reads an MO file.  Damaged, truncated or hostile data is refused with
 * an error and never read outside @bytes.
 *
 * Returns: (transfer full) (nullable): the catalogue
 */
KopirCatalog *
kopir_catalog_new_from_bytes (const char  *language,
                              GBytes      *bytes,
                              GError     **error)
{
  g_autoptr(KopirCatalog) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = kopir_catalog_new_empty (language);
  if (!load (self, bytes, error))
    return NULL;
  if (self->plural_forms == NULL)
    self->plural_forms = kopir_plural_forms_new_default ();

  return g_steal_pointer (&self);
}

/**
 * kopir_catalog_new_from_file:
 * @language: (nullable): the language of the catalogue
 * @path: an MO file
 * @error: a #KOPIR_CATALOG_ERROR or #G_FILE_ERROR
 *
 * Returns: (transfer full) (nullable): the catalogue
 */
KopirCatalog *
kopir_catalog_new_from_file (const char  *language,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* Read, not mapped: a file truncated under a mapping would kill the
   * process with SIGBUS. */
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  bytes = g_bytes_new_take (contents, length);

  return kopir_catalog_new_from_bytes (language, bytes, error);
}

/**
 * kopir_catalog_new_for_language:
 * @language: (nullable): a language ("kk") or locale name ("kk_KZ.UTF-8")
 * @domain: (nullable): the catalogue's name, GETTEXT_PACKAGE if %NULL
 * @locale_dir: (nullable): where to look, kopir_catalog_get_locale_dir()
 *   if %NULL
 * @error: a #KOPIR_CATALOG_ERROR or #G_FILE_ERROR
 *
 * Loads LOCALE_DIR/LANGUAGE/LC_MESSAGES/DOMAIN.mo afresh, trying the
 * variants of a locale name from the most to the least specific.  English
 * needs no catalogue and gets an empty one.
 *
 * Returns: (transfer full) (nullable): the catalogue, or %NULL with
 *   %KOPIR_CATALOG_ERROR_NOT_FOUND if there is none
 */
KopirCatalog *
kopir_catalog_new_for_language (const char  *language,
                                const char  *domain,
                                const char  *locale_dir,
                                GError     **error)
{
  g_auto(GStrv) variants = NULL;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_english (language))
    return kopir_catalog_new_empty ("en");

  if (domain == NULL)
    domain = GETTEXT_PACKAGE;
  if (locale_dir == NULL)
    locale_dir = kopir_catalog_get_locale_dir ();

  if (is_safe_language (language) && is_safe_language (domain))
    {
      file_name = g_strconcat (domain, ".mo", NULL);
      variants = g_get_locale_variants (language);

      for (guint i = 0; variants[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (locale_dir, variants[i], "LC_MESSAGES",
                                                    file_name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            return kopir_catalog_new_from_file (language, path, error);
        }
    }

  g_set_error (error, KOPIR_CATALOG_ERROR, KOPIR_CATALOG_ERROR_NOT_FOUND,
               "No “%s” catalogue for “%s” in %s", domain, language, locale_dir);
  return NULL;
}

/**
 * kopir_catalog_get_for_language:
 * @language: (nullable): a language ("kk") or locale name ("ru_RU.UTF-8")
 *
 * Kopir's catalogue for @language from kopir_catalog_get_locale_dir(),
 * loaded once and kept.  It never fails: without a usable catalogue the
 * original strings are used (and a damaged one is reported with
 * g_warning(), as it is an installation fault).
 *
 * Returns: (transfer full): the catalogue
 */
KopirCatalog *
kopir_catalog_get_for_language (const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *key = NULL;
  const char *locale_dir = kopir_catalog_get_locale_dir ();
  KopirCatalog *catalog;

  if (language == NULL || language[0] == '\0')
    language = "en";

  /* Keyed by folder too, so tests that point KOPIR_LOCALEDIR elsewhere
   * get what is there. */
  key = g_strconcat (locale_dir, "\n", language, NULL);

  locker = g_mutex_locker_new (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  catalog = g_hash_table_lookup (cache, key);
  if (catalog != NULL)
    return g_object_ref (catalog);

  catalog = kopir_catalog_new_for_language (language, GETTEXT_PACKAGE, locale_dir, &error);
  if (catalog == NULL)
    {
      if (g_error_matches (error, KOPIR_CATALOG_ERROR, KOPIR_CATALOG_ERROR_NOT_FOUND))
        g_debug ("%s; printing in English", error->message);
      else
        g_warning ("The %s catalogue cannot be used, printing in English: %s",
                   language, error->message);
      catalog = kopir_catalog_new_empty (language);
    }

  g_hash_table_insert (cache, g_steal_pointer (&key), g_object_ref (catalog));
  return catalog;
}

/**
 * kopir_catalog_get_language:
 * @self: a catalogue
 *
 * Returns: its language
 */
const char *
kopir_catalog_get_language (KopirCatalog *self)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (self), NULL);

  return self->language;
}

/**
 * kopir_catalog_get_n_messages:
 * @self: a catalogue
 *
 * Returns: how many translated messages it holds
 */
guint
kopir_catalog_get_n_messages (KopirCatalog *self)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (self), 0);

  return self->translations != NULL ? self->translations->len : 0;
}

/**
 * kopir_catalog_get_n_plurals:
 * @self: a catalogue
 *
 * Returns: how many plural forms its language has (2, as in English,
 *   for an empty catalogue)
 */
guint
kopir_catalog_get_n_plurals (KopirCatalog *self)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (self), 2);

  return self->plural_forms != NULL ? kopir_plural_forms_get_n_plurals (self->plural_forms) : 2;
}

/**
 * kopir_catalog_get_plural_index:
 * @self: a catalogue
 * @n: a number
 *
 * Returns: which plural form the catalogue's language uses for @n
 */
guint
kopir_catalog_get_plural_index (KopirCatalog *self,
                                gulong        n)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (self), 0);

  if (self->plural_forms == NULL)
    return n != 1;
  return kopir_plural_forms_evaluate (self->plural_forms, n);
}

/**
 * kopir_catalog_gettext:
 * @self: a catalogue
 * @msgid: the original string
 *
 * Returns: (transfer none): the translation, or @msgid; valid as long as
 *   @self and @msgid
 */
const char *
kopir_catalog_gettext (KopirCatalog *self,
                       const char   *msgid)
{
  const Translation *translation;

  g_return_val_if_fail (KOPIR_IS_CATALOG (self), msgid);
  g_return_val_if_fail (msgid != NULL, NULL);

  if (msgid[0] == '\0')
    return msgid;

  translation = lookup (self, msgid);
  return translation != NULL ? translation->value : msgid;
}

/**
 * kopir_catalog_pgettext:
 * @self: a catalogue
 * @context: the message context (msgctxt)
 * @msgid: the original string
 *
 * Returns: (transfer none): the translation of @msgid in @context, or
 *   @msgid
 */
const char *
kopir_catalog_pgettext (KopirCatalog *self,
                        const char   *context,
                        const char   *msgid)
{
  g_autofree char *key = NULL;
  const Translation *translation;

  g_return_val_if_fail (KOPIR_IS_CATALOG (self), msgid);
  g_return_val_if_fail (context != NULL, msgid);
  g_return_val_if_fail (msgid != NULL, NULL);

  key = g_strconcat (context, MO_CONTEXT_GLUE, msgid, NULL);
  translation = lookup (self, key);
  return translation != NULL ? translation->value : msgid;
}

static const char *
plural_lookup (KopirCatalog *self,
               const char   *key,
               const char   *msgid,
               const char   *msgid_plural,
               gulong        n)
{
  const Translation *translation = lookup (self, key);
  const char *form = NULL;

  if (translation != NULL)
    form = plural_form (translation, kopir_catalog_get_plural_index (self, n));

  /* Without a translation, or with fewer forms than the rule asks for,
   * the English rule picks between the originals. */
  if (form == NULL)
    form = n == 1 ? msgid : msgid_plural;
  return form;
}

/**
 * kopir_catalog_ngettext:
 * @self: a catalogue
 * @msgid: the original singular
 * @msgid_plural: the original plural
 * @n: the number the message is about
 *
 * Returns: (transfer none): the form of the translation for @n, or
 *   @msgid (n = 1) or @msgid_plural
 */
const char *
kopir_catalog_ngettext (KopirCatalog *self,
                        const char   *msgid,
                        const char   *msgid_plural,
                        gulong        n)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (self), msgid);
  g_return_val_if_fail (msgid != NULL, NULL);
  g_return_val_if_fail (msgid_plural != NULL, NULL);

  return plural_lookup (self, msgid, msgid, msgid_plural, n);
}

/**
 * kopir_catalog_npgettext:
 * @self: a catalogue
 * @context: the message context (msgctxt)
 * @msgid: the original singular
 * @msgid_plural: the original plural
 * @n: the number the message is about
 *
 * Returns: (transfer none): the form of the translation for @n in
 *   @context, or @msgid (n = 1) or @msgid_plural
 */
const char *
kopir_catalog_npgettext (KopirCatalog *self,
                         const char   *context,
                         const char   *msgid,
                         const char   *msgid_plural,
                         gulong        n)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (KOPIR_IS_CATALOG (self), msgid);
  g_return_val_if_fail (context != NULL, msgid);
  g_return_val_if_fail (msgid != NULL, NULL);
  g_return_val_if_fail (msgid_plural != NULL, NULL);

  key = g_strconcat (context, MO_CONTEXT_GLUE, msgid, NULL);
  return plural_lookup (self, key, msgid, msgid_plural, n);
}
