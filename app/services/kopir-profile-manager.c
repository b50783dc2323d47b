/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-profile-manager.c: the exchange profiles and the active one
 *
 * Profiles are read from the installed data (PKGDATADIR/profiles, or
 * KOPIR_PROFILES_DIR when running from the build tree), then from
 * $XDG_CONFIG_DIRS/kopir/profiles, where a bank's IT may add or replace
 * profiles, then from the user's own folder; a later file with the same id
 * replaces an earlier one. The addresses a person enters for an editable
 * profile are kept in $XDG_CONFIG_HOME/kopir/exchange-urls.ini; they are
 * not secret. The active profile follows the `exchange-profile` setting, so
 * an administrator can lock it with dconf.
 */

#define G_LOG_DOMAIN "kopir-profile"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kopir-profile-manager.h"

#define URLS_GROUP_TRADING "TradingUrl"
#define URLS_GROUP_STREAM "StreamUrl"
#define URLS_GROUP_ONBOARDING "OnboardingUrl"
#define DEFAULT_PROFILE "sandbox"

struct _KopirProfileManager
{
  GObject    parent_instance;

  GSettings *settings;
  GPtrArray *profiles;
  char      *active_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KopirProfileManager, kopir_profile_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACTIVE,
  PROP_ACTIVE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return KOPIR_TYPE_EXCHANGE_PROFILE;
}

static guint
get_n_items (GListModel *model)
{
  return KOPIR_PROFILE_MANAGER (model)->profiles->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  KopirProfileManager *self = KOPIR_PROFILE_MANAGER (model);

  if (position >= self->profiles->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->profiles, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static char *
get_urls_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "kopir", "exchange-urls.ini", NULL);
}

static void
add_or_replace (KopirProfileManager  *self,
                KopirExchangeProfile *profile)
{
  const char *id = kopir_exchange_profile_get_id (profile);

  for (guint i = 0; i < self->profiles->len; i++)
    {
      KopirExchangeProfile *other = g_ptr_array_index (self->profiles, i);

      if (g_strcmp0 (kopir_exchange_profile_get_id (other), id) == 0)
        {
          g_ptr_array_index (self->profiles, i) = g_object_ref (profile);
          g_object_unref (other);
          return;
        }
    }

  g_ptr_array_add (self->profiles, g_object_ref (profile));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Profile files are a few hundred bytes read once at start-up, like
 * GSettings' own database, so they are read synchronously. */
static void
load_directory (KopirProfileManager *self,
                const char          *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)))
    {
      if (g_str_has_suffix (name, ".profile"))
        g_ptr_array_add (names, g_strdup (name));
    }

  /* A stable order, whatever the file system returns. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *full = g_build_filename (path, file, NULL);
      g_autofree char *fallback_id = g_strndup (file, strlen (file) - strlen (".profile"));
      g_autoptr(GKeyFile) keyfile = g_key_file_new ();
      g_autoptr(KopirExchangeProfile) profile = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_key_file_load_from_file (keyfile, full, G_KEY_FILE_KEEP_TRANSLATIONS, &error))
        {
          g_warning ("Cannot read exchange profile %s: %s", full, error->message);
          continue;
        }

      profile = kopir_exchange_profile_new_from_keyfile (keyfile, fallback_id, &error);
      if (profile == NULL)
        {
          g_warning ("Ignoring exchange profile %s: %s", full, error->message);
          continue;
        }

      add_or_replace (self, profile);
    }
}

static void
apply_user_urls (KopirProfileManager *self)
{
  g_autofree char *path = get_urls_path ();
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL))
    return;

  for (guint i = 0; i < self->profiles->len; i++)
    {
      KopirExchangeProfile *profile = g_ptr_array_index (self->profiles, i);
      const char *id = kopir_exchange_profile_get_id (profile);
      g_autofree char *trading = NULL;
      g_autofree char *stream = NULL;
      g_autofree char *onboarding = NULL;
      g_autoptr(GError) error = NULL;

      if (!kopir_exchange_profile_get_editable (profile) || !g_key_file_has_group (keyfile, id))
        continue;

      trading = g_key_file_get_string (keyfile, id, URLS_GROUP_TRADING, NULL);
      stream = g_key_file_get_string (keyfile, id, URLS_GROUP_STREAM, NULL);
      onboarding = g_key_file_get_string (keyfile, id, URLS_GROUP_ONBOARDING, NULL);

      if (!kopir_exchange_profile_set_urls (profile, trading, stream, onboarding, &error))
        g_warning ("Ignoring saved addresses of profile %s: %s", id, error->message);
    }
}

static int
compare_kinds (gconstpointer a,
               gconstpointer b)
{
  KopirExchangeProfile *pa = *(KopirExchangeProfile * const *) a;
  KopirExchangeProfile *pb = *(KopirExchangeProfile * const *) b;

  return (int) kopir_exchange_profile_get_kind (pa) - (int) kopir_exchange_profile_get_kind (pb);
}

static void
load_profiles (KopirProfileManager *self)
{
  const char *env_dir = g_getenv ("KOPIR_PROFILES_DIR");
  const char * const *system_dirs = g_get_system_config_dirs ();
  g_autofree char *user_dir = NULL;

  if (env_dir != NULL && *env_dir != '\0')
    {
      load_directory (self, env_dir);
    }
  else
    {
      g_autofree char *installed = g_build_filename (PKGDATADIR, "profiles", NULL);

      load_directory (self, installed);
    }

  /* XDG lists the most important folder first, so load in reverse. */
  for (gssize i = (gssize) g_strv_length ((char **) system_dirs) - 1; i >= 0; i--)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "kopir", "profiles", NULL);

      load_directory (self, dir);
    }

  user_dir = g_build_filename (g_get_user_config_dir (), "kopir", "profiles", NULL);
  load_directory (self, user_dir);

  /* The practice exchange, the default, comes first, then test networks,
   * then real exchanges; each group in the order of its files. */
  g_ptr_array_sort (self->profiles, compare_kinds);

  apply_user_urls (self);
}

static void
kopir_profile_manager_constructed (GObject *object)
{
  KopirProfileManager *self = (KopirProfileManager *)object;

  G_OBJECT_CLASS (kopir_profile_manager_parent_class)->constructed (object);

  load_profiles (self);

  if (self->settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (schema != NULL && g_settings_schema_has_key (schema, "exchange-profile"))
        g_settings_bind (self->settings, "exchange-profile", self, "active-id",
                         G_SETTINGS_BIND_DEFAULT);
    }

  if (self->active_id == NULL)
    kopir_profile_manager_set_active_id (self, DEFAULT_PROFILE);
}

static void
kopir_profile_manager_dispose (GObject *object)
{
  KopirProfileManager *self = (KopirProfileManager *)object;

  if (self->settings != NULL)
    g_settings_unbind (self, "active-id");
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kopir_profile_manager_parent_class)->dispose (object);
}

static void
kopir_profile_manager_finalize (GObject *object)
{
  KopirProfileManager *self = (KopirProfileManager *)object;

  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->active_id, g_free);

  G_OBJECT_CLASS (kopir_profile_manager_parent_class)->finalize (object);
}

static void
kopir_profile_manager_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KopirProfileManager *self = KOPIR_PROFILE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ACTIVE:
      g_value_set_object (value, kopir_profile_manager_get_active (self));
      break;
    case PROP_ACTIVE_ID:
      g_value_set_string (value, self->active_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_profile_manager_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KopirProfileManager *self = KOPIR_PROFILE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_ACTIVE_ID:
      kopir_profile_manager_set_active_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_profile_manager_class_init (KopirProfileManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kopir_profile_manager_constructed;
  object_class->dispose = kopir_profile_manager_dispose;
  object_class->finalize = kopir_profile_manager_finalize;
  object_class->get_property = kopir_profile_manager_get_property;
  object_class->set_property = kopir_profile_manager_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_object ("active", NULL, NULL, KOPIR_TYPE_EXCHANGE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTIVE_ID] =
    g_param_spec_string ("active-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_profile_manager_init (KopirProfileManager *self)
{
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kopir_profile_manager_new:
 * @settings: (nullable): the application's settings, whose
 *   `exchange-profile` key names the active profile
 *
 * Returns: (transfer full): a new #KopirProfileManager
 */
KopirProfileManager *
kopir_profile_manager_new (GSettings *settings)
{
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (KOPIR_TYPE_PROFILE_MANAGER, "settings", settings, NULL);
}

/**
 * kopir_profile_manager_lookup:
 * @self: a #KopirProfileManager
 * @id: a profile id
 *
 * Returns: (transfer none) (nullable): the profile with @id
 */
KopirExchangeProfile *
kopir_profile_manager_lookup (KopirProfileManager *self,
                              const char          *id)
{
  g_return_val_if_fail (KOPIR_IS_PROFILE_MANAGER (self), NULL);

  for (guint i = 0; i < self->profiles->len; i++)
    {
      KopirExchangeProfile *profile = g_ptr_array_index (self->profiles, i);

      if (g_strcmp0 (kopir_exchange_profile_get_id (profile), id) == 0)
        return profile;
    }

  return NULL;
}

/**
 * kopir_profile_manager_get_active:
 * @self: a #KopirProfileManager
 *
 * Returns: (transfer none) (nullable): the active profile; the sandbox
 *   when the setting names a profile that does not exist
 */
KopirExchangeProfile *
kopir_profile_manager_get_active (KopirProfileManager *self)
{
  KopirExchangeProfile *profile;

  g_return_val_if_fail (KOPIR_IS_PROFILE_MANAGER (self), NULL);

  profile = kopir_profile_manager_lookup (self, self->active_id);
  if (profile == NULL)
    profile = kopir_profile_manager_lookup (self, DEFAULT_PROFILE);

  return profile;
}

const char *
kopir_profile_manager_get_active_id (KopirProfileManager *self)
{
  g_return_val_if_fail (KOPIR_IS_PROFILE_MANAGER (self), NULL);

  return self->active_id;
}

void
kopir_profile_manager_set_active_id (KopirProfileManager *self,
                                     const char          *id)
{
  g_return_if_fail (KOPIR_IS_PROFILE_MANAGER (self));

  if (id == NULL || *id == '\0')
    id = DEFAULT_PROFILE;

  if (g_strcmp0 (self->active_id, id) == 0)
    return;

  if (kopir_profile_manager_lookup (self, id) == NULL)
    g_debug ("No exchange profile “%s”; the sandbox stands in", id);

  g_free (self->active_id);
  self->active_id = g_strdup (id);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_debug ("Saving exchange addresses: %s", error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The exchange addresses could not be saved: %s"),
                               error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_profile_manager_configure_async:
 * @self: a #KopirProfileManager
 * @id: an editable profile's id
 * @trading_url: the trading base address
 * @stream_url: (nullable): the WebSocket stream address; without it the
 *   prices are polled
 * @onboarding_url: (nullable): the onboarding, bank and pilot address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Validates and applies the addresses, then saves them. A
 * %KOPIR_PROFILE_ERROR names what is wrong with an address; the API key
 * and secret are not part of a profile and go to #KopirSecretStore.
 * When @id is the active profile, #KopirProfileManager:active is notified
 * so that the clients move to the new addresses.
 */
void
kopir_profile_manager_configure_async (KopirProfileManager *self,
                                       const char          *id,
                                       const char          *trading_url,
                                       const char          *stream_url,
                                       const char          *onboarding_url,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = get_urls_path ();
  g_autofree char *contents = NULL;
  KopirExchangeProfile *profile;
  GError *error = NULL;
  gsize len;

  g_return_if_fail (KOPIR_IS_PROFILE_MANAGER (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_profile_manager_configure_async);

  profile = kopir_profile_manager_lookup (self, id);
  if (profile == NULL || !kopir_exchange_profile_get_editable (profile))
    {
      g_task_return_new_error (task, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_NOT_FOUND,
                               _("This exchange profile cannot be changed."));
      return;
    }

  if (trading_url == NULL || *trading_url == '\0')
    {
      g_task_return_new_error (task, KOPIR_PROFILE_ERROR, KOPIR_PROFILE_ERROR_NOT_CONFIGURED,
                               _("Enter the exchange’s trading address, such as "
                                 "https://api.example.kz."));
      return;
    }

  if (!kopir_exchange_profile_set_urls (profile, trading_url, stream_url, onboarding_url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Whoever follows the active profile connects to the new addresses. */
  if (profile == kopir_profile_manager_get_active (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);

  /* Keep what was saved by others for other profiles. */
  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_remove_group (keyfile, id, NULL);
  g_key_file_set_string (keyfile, id, URLS_GROUP_TRADING,
                         kopir_exchange_profile_get_trading_url (profile));
  if (kopir_exchange_profile_get_stream_url (profile) != NULL)
    g_key_file_set_string (keyfile, id, URLS_GROUP_STREAM,
                           kopir_exchange_profile_get_stream_url (profile));
  if (kopir_exchange_profile_get_onboarding_url (profile) != NULL)
    g_key_file_set_string (keyfile, id, URLS_GROUP_ONBOARDING,
                           kopir_exchange_profile_get_onboarding_url (profile));
  contents = g_key_file_to_data (keyfile, &len, NULL);

  file = g_file_new_for_path (path);
  parent = g_file_get_parent (file);
  g_file_make_directory_with_parents (parent, NULL, NULL);

  /* The task owns the contents until the write is done. */
  g_task_set_task_data (task, contents, g_free);
  g_file_replace_contents_async (file, g_steal_pointer (&contents), len, NULL, FALSE,
                                 G_FILE_CREATE_PRIVATE, cancellable,
                                 replace_contents_cb, g_steal_pointer (&task));
}

gboolean
kopir_profile_manager_configure_finish (KopirProfileManager  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (KOPIR_IS_PROFILE_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
