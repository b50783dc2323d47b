/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-context.c: every service the windows use, in one object
 *
 * Like gnome-calendar's GcalContext: the application creates one context,
 * starts it, and hands it to each window and page as a construct-only
 * property. Widgets never create services themselves.
 *
 * The context follows the active exchange profile: for the sandbox it
 * starts the local kopir-sandbox and takes its addresses; for any profile
 * it points the clients at the profile's addresses, loads the profile's
 * credentials from the secret store, and opens the profile's own ledger
 * (in a worker thread), reconciling any order left unresolved there.
 *
 * Each profile has its own ledger because an unresolved order can only be
 * resolved by asking the exchange it was sent to: asked of another
 * exchange, "no such order" would wrongly mark it as never placed. So a
 * profile's unresolved orders wait, unresolved, until that profile is
 * active again; and practice orders never mix with real ones.
 */

#define G_LOG_DOMAIN "kopir-context"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kopir-context.h"
#include "kopir-money-format.h"

static const char * const pilot_markets[] = { "BTCKZT", "ETHKZT", "USDTKZT", "SOLKZT", NULL };

struct _KopirContext
{
  GObject               parent_instance;

  GSettings            *settings;
  char                 *ledger_dir;
  char                 *ledger_profile_id;
  char                 *sandbox_state_dir;

  SoupSession          *session;
  KopirProfileManager  *profiles;
  KopirSecretStore     *secrets;
  KopirExchangeClient  *exchange;
  KopirAccountClient   *accounts;
  KopirPriceStream     *prices;
  KopirSandboxLauncher *launcher;
  KopirLedger          *ledger;
  KopirPurchaseManager *purchases;
  KopirTransferJournal *transfers;
  KopirDiagnostics     *diagnostics;
  GCancellable         *cancellable;

  char                 *problem;

  guint                 apply_serial;
  gboolean              started;
  gboolean              ready;
  gboolean              has_credentials;
};

G_DEFINE_FINAL_TYPE (KopirContext, kopir_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_LEDGER_DIR,
  PROP_SANDBOX_STATE_DIR,
  PROP_READY,
  PROP_IS_SANDBOX,
  PROP_HAS_CREDENTIALS,
  PROP_PURCHASE_MANAGER,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CUSTOMER_FORGOTTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void switch_ledger       (GTask               *task);
static void apply_profile_async (KopirContext        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);

/* What keeps Kopir from the exchange, in words for the person in front
 * of it; NULL once the active profile applied cleanly. */
static void
set_problem (KopirContext *self,
             const char   *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
set_credentials (KopirContext           *self,
                 const KopirCredentials *credentials)
{
  kopir_exchange_client_set_credentials (self->exchange, credentials);
  kopir_account_client_set_credentials (self->accounts, credentials);

  if (self->has_credentials != (credentials != NULL))
    {
      self->has_credentials = credentials != NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CREDENTIALS]);
    }
}

/* Applying the active profile */

typedef struct
{
  guint                 serial;
  KopirExchangeProfile *profile;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_object (&data->profile);
  g_free (data);
}

static gboolean
is_stale (GTask *task)
{
  KopirContext *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);

  /* The context is going away: nothing is left to apply to. */
  if (g_task_return_error_if_cancelled (task))
    return TRUE;

  /* A newer profile change took over; this one ends quietly. */
  if (data->serial != self->apply_serial)
    {
      g_task_return_boolean (task, TRUE);
      return TRUE;
    }

  return FALSE;
}

static void
reconcile_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!kopir_purchase_manager_reconcile_finish (KOPIR_PURCHASE_MANAGER (object), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Checking unresolved orders: %s", error->message);
      return;
    }

  g_debug ("%u unresolved orders resolved", n);
}

static void
open_ledger_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);
  GError *error = NULL;
  KopirLedger *ledger;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               _("Kopir cannot create its folder %s: %s"), dir, g_strerror (errsv));
      return;
    }

  ledger = kopir_ledger_open (path, &error);
  if (ledger == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ledger, g_object_unref);
}

static void
ledger_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KopirContext *self = KOPIR_CONTEXT (object);
  g_autoptr(GTask) task = user_data;
  ApplyData *data = g_task_get_task_data (task);
  g_autoptr(KopirLedger) ledger = NULL;
  GError *error = NULL;

  ledger = g_task_propagate_pointer (G_TASK (result), &error);
  if (ledger == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (is_stale (task))
    return;

  /* The old manager stops resolving now, whoever still holds it: its
   * orders belong to the other exchange. */
  if (self->purchases != NULL)
    g_object_run_dispose (G_OBJECT (self->purchases));
  g_clear_object (&self->purchases);
  g_clear_object (&self->ledger);

  self->ledger = g_steal_pointer (&ledger);
  g_free (self->ledger_profile_id);
  self->ledger_profile_id = g_strdup (kopir_exchange_profile_get_id (data->profile));
  self->purchases = kopir_purchase_manager_new (self->exchange, self->ledger);
  g_clear_object (&self->transfers);
  self->transfers = kopir_transfer_journal_new (kopir_ledger_get_path (self->ledger));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURCHASE_MANAGER]);

  /* Orders left unresolved by a crash or a lost answer: ask about them
   * now. They show as "checking" until then; nothing waits on this. */
  if (kopir_exchange_client_get_base_url (self->exchange) != NULL)
    kopir_purchase_manager_reconcile_async (self->purchases, self->cancellable, reconcile_cb, NULL);

  g_task_return_boolean (task, TRUE);
}

/* A file name from a profile id, which comes from a file name itself but
 * is not trusted to be one. */
static char *
ledger_file_name (const char *profile_id)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = profile_id; *p; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '_');
  g_string_append (name, ".sqlite");

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Opens the active profile's ledger, unless it is open already. */
static void
switch_ledger (GTask *task)
{
  KopirContext *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  const char *id = kopir_exchange_profile_get_id (data->profile);
  g_autoptr(GTask) ledger_task = NULL;
  g_autofree char *file = NULL;

  if (self->ledger != NULL && g_strcmp0 (self->ledger_profile_id, id) == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  file = ledger_file_name (id);
  ledger_task = g_task_new (self, g_task_get_cancellable (task), ledger_opened_cb, task);
  g_task_set_task_data (ledger_task, g_build_filename (self->ledger_dir, file, NULL), g_free);
  g_task_run_in_thread (ledger_task, open_ledger_thread);
}

static void
apply_credentials_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirContext *self = g_task_get_source_object (task);
  g_autoptr(KopirCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = kopir_secret_store_lookup_credentials_finish (KOPIR_SECRET_STORE (object),
                                                              result, &error);
  if (is_stale (task))
    return;

  /* Without the keyring Kopir still shows prices; it says why it cannot
   * trade when asked to. */
  if (error != NULL)
    g_debug ("No credentials: %s", error->message);

  set_credentials (self, credentials);
  kopir_price_stream_start (self->prices);
  switch_ledger (g_steal_pointer (&task));
}

static void
apply_urls (GTask *task)
{
  KopirContext *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  KopirExchangeProfile *profile = data->profile;
  const char *onboarding = kopir_exchange_profile_get_onboarding_url (profile);

  /* The sandbox serves its own contract on its trading address. */
  if (onboarding == NULL && kopir_exchange_profile_is_sandbox (profile))
    onboarding = kopir_exchange_profile_get_trading_url (profile);

  kopir_exchange_client_set_base_url (self->exchange, kopir_exchange_profile_get_trading_url (profile));
  kopir_account_client_set_base_url (self->accounts, onboarding);
  kopir_account_client_set_profile_id (self->accounts, kopir_exchange_profile_get_id (profile));
  kopir_account_client_set_sandbox (self->accounts, kopir_exchange_profile_is_sandbox (profile));
  kopir_price_stream_set_stream_url (self->prices, kopir_exchange_profile_get_stream_url (profile));

  kopir_secret_store_lookup_credentials_async (self->secrets, kopir_exchange_profile_get_id (profile),
                                               NULL, g_task_get_cancellable (task),
                                               apply_credentials_cb, task);
}

static void
apply_sandbox_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirContext *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!kopir_sandbox_launcher_start_finish (KOPIR_SANDBOX_LAUNCHER (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (is_stale (task))
    return;

  if (!kopir_exchange_profile_set_urls (data->profile,
                                        kopir_sandbox_launcher_get_base_url (self->launcher),
                                        kopir_sandbox_launcher_get_stream_url (self->launcher),
                                        NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  apply_urls (g_steal_pointer (&task));
}

static void
apply_profile_async (KopirContext        *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  KopirExchangeProfile *profile = kopir_profile_manager_get_active (self->profiles);
  ApplyData *data = g_new0 (ApplyData, 1);

  g_task_set_source_tag (task, apply_profile_async);
  data->serial = ++self->apply_serial;
  data->profile = profile != NULL ? g_object_ref (profile) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);

  kopir_price_stream_stop (self->prices);
  set_credentials (self, NULL);
  kopir_account_client_set_sandbox (self->accounts, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SANDBOX]);

  if (profile == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("No exchange profile is installed. Reinstall Kopir."));
      return;
    }

  if (kopir_exchange_profile_is_sandbox (profile))
    {
      if (!kopir_sandbox_launcher_get_running (self->launcher))
        {
          kopir_sandbox_launcher_start_async (self->launcher, cancellable, apply_sandbox_cb,
                                              g_steal_pointer (&task));
          return;
        }
    }
  else
    {
      /* The practice exchange is not needed while another is active. */
      kopir_sandbox_launcher_stop (self->launcher);
    }

  if (!kopir_exchange_profile_is_configured (profile))
    {
      kopir_exchange_client_set_base_url (self->exchange, NULL);
      kopir_account_client_set_base_url (self->accounts, NULL);
      switch_ledger (g_steal_pointer (&task));
      return;
    }

  apply_urls (g_steal_pointer (&task));
}

static gboolean
apply_profile_finish (KopirContext  *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_profile_applied (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  KopirContext *self = KOPIR_CONTEXT (object);
  g_autoptr(GError) error = NULL;

  if (!apply_profile_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Switching the exchange: %s", error->message);
          set_problem (self, error->message);
        }
      return;
    }

  set_problem (self, NULL);
  if (!self->ready)
    {
      self->ready = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

static void
on_active_profile_changed (KopirProfileManager *profiles,
                           GParamSpec          *pspec,
                           KopirContext        *self)
{
  /* Once started, every change applies, also after a failed start: the
   * person may be choosing another exchange precisely because this one
   * could not be reached. */
  if (self->started)
    apply_profile_async (self, self->cancellable, on_profile_applied, NULL);
}

static void
credentials_issued_lookup_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(KopirContext) self = user_data;
  g_autoptr(KopirCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = kopir_secret_store_lookup_credentials_finish (KOPIR_SECRET_STORE (object),
                                                              result, &error);
  if (credentials != NULL)
    set_credentials (self, credentials);
  else if (error != NULL)
    g_warning ("Loading the new account's credentials: %s", error->message);
}

static void
on_credentials_issued (KopirAccountClient *accounts,
                       const char         *customer_id,
                       KopirContext       *self)
{
  KopirExchangeProfile *profile = kopir_profile_manager_get_active (self->profiles);

  kopir_secret_store_lookup_credentials_async (self->secrets, kopir_exchange_profile_get_id (profile),
                                               customer_id, self->cancellable,
                                               credentials_issued_lookup_cb, g_object_ref (self));
}

/* Start-up */

static void
start_applied_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KopirContext *self = KOPIR_CONTEXT (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!apply_profile_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_problem (self, error->message);
      g_task_return_error (task, error);
      return;
    }

  set_problem (self, NULL);
  if (!self->ready)
    {
      self->ready = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
  g_task_return_boolean (task, TRUE);
}

/* GObject */

static void
kopir_context_constructed (GObject *object)
{
  KopirContext *self = (KopirContext *)object;

  G_OBJECT_CLASS (kopir_context_parent_class)->constructed (object);

  if (self->ledger_dir == NULL)
    self->ledger_dir = g_build_filename (g_get_user_data_dir (), "kopir", "ledgers", NULL);

  self->session = kopir_http_session_new ();
  self->profiles = kopir_profile_manager_new (self->settings);
  self->secrets = kopir_secret_store_new ();
  self->exchange = kopir_exchange_client_new (self->session);
  self->accounts = kopir_account_client_new (self->session, self->secrets);
  /* Texts the exchange writes for the customer (the payment purpose)
   * follow the language of the screen. */
  kopir_account_client_set_language (self->accounts, kopir_money_ui_language ());
  self->prices = kopir_price_stream_new (self->session, self->exchange);
  self->launcher = kopir_sandbox_launcher_new (self->sandbox_state_dir);
  self->diagnostics = kopir_diagnostics_new (self->exchange);

  for (guint i = 0; pilot_markets[i] != NULL; i++)
    kopir_price_stream_watch (self->prices, pilot_markets[i]);

  g_signal_connect (self->profiles, "notify::active", G_CALLBACK (on_active_profile_changed), self);
  g_signal_connect (self->accounts, "credentials-issued", G_CALLBACK (on_credentials_issued), self);
}

static void
kopir_context_dispose (GObject *object)
{
  KopirContext *self = (KopirContext *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->profiles != NULL)
    g_signal_handlers_disconnect_by_data (self->profiles, self);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);
  if (self->prices != NULL)
    kopir_price_stream_stop (self->prices);

  if (self->purchases != NULL)
    g_object_run_dispose (G_OBJECT (self->purchases));
  g_clear_object (&self->purchases);
  g_clear_object (&self->transfers);
  g_clear_object (&self->diagnostics);
  g_clear_object (&self->prices);
  g_clear_object (&self->accounts);
  g_clear_object (&self->exchange);
  g_clear_object (&self->launcher);
  g_clear_object (&self->ledger);
  g_clear_object (&self->secrets);
  g_clear_object (&self->profiles);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kopir_context_parent_class)->dispose (object);
}

static void
kopir_context_finalize (GObject *object)
{
  KopirContext *self = (KopirContext *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ledger_dir, g_free);
  g_clear_pointer (&self->ledger_profile_id, g_free);
  g_clear_pointer (&self->sandbox_state_dir, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (kopir_context_parent_class)->finalize (object);
}

static void
kopir_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KopirContext *self = KOPIR_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_LEDGER_DIR:
      g_value_set_string (value, self->ledger_dir);
      break;
    case PROP_SANDBOX_STATE_DIR:
      g_value_set_string (value, self->sandbox_state_dir);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    case PROP_IS_SANDBOX:
      g_value_set_boolean (value, kopir_context_get_is_sandbox (self));
      break;
    case PROP_HAS_CREDENTIALS:
      g_value_set_boolean (value, self->has_credentials);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_PURCHASE_MANAGER:
      g_value_set_object (value, self->purchases);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_context_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KopirContext *self = KOPIR_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_LEDGER_DIR:
      self->ledger_dir = g_value_dup_string (value);
      break;
    case PROP_SANDBOX_STATE_DIR:
      self->sandbox_state_dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_context_class_init (KopirContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kopir_context_constructed;
  object_class->dispose = kopir_context_dispose;
  object_class->finalize = kopir_context_finalize;
  object_class->get_property = kopir_context_get_property;
  object_class->set_property = kopir_context_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Where the ledgers live, one per profile (PROFILE.sqlite); by default
   * $XDG_DATA_HOME/kopir/ledgers. */
  properties[PROP_LEDGER_DIR] =
    g_param_spec_string ("ledger-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Where the practice exchange keeps its accounts; by default
   * $XDG_DATA_HOME/kopir/sandbox. */
  properties[PROP_SANDBOX_STATE_DIR] =
    g_param_spec_string ("sandbox-state-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* TRUE while the practice exchange is active: the UI says so everywhere. */
  properties[PROP_IS_SANDBOX] =
    g_param_spec_boolean ("is-sandbox", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_CREDENTIALS] =
    g_param_spec_boolean ("has-credentials", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PURCHASE_MANAGER] =
    g_param_spec_object ("purchase-manager", NULL, NULL, KOPIR_TYPE_PURCHASE_MANAGER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * KopirContext:problem:
   *
   * Why the active exchange cannot be used, in translated words for the
   * person in front of Kopir (the practice exchange did not start, the
   * profile is incomplete, ...), or %NULL when all is well.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirContext::customer-forgotten:
   *
   * The customer Kopir served is gone: a branch desk ended their session
   * and wiped what it kept of them. Whatever shows or holds something of
   * the customer drops it and starts afresh, as for a new customer.
   */
  signals[CUSTOMER_FORGOTTEN] =
    g_signal_new ("customer-forgotten", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kopir_context_init (KopirContext *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * kopir_context_new:
 * @settings: (nullable): the application's settings (schema
 *   io.github.kopir.Kopir), whose `exchange-profile` key names the
 *   active exchange
 *
 * Creates the services; kopir_context_start_async() then opens the
 * ledger and connects to the active exchange.
 *
 * Returns: (transfer full): a new #KopirContext
 */
KopirContext *
kopir_context_new (GSettings *settings)
{
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (KOPIR_TYPE_CONTEXT, "settings", settings, NULL);
}

/**
 * kopir_context_start_async:
 * @self: a #KopirContext
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the context is ready, or failed to start
 * @user_data: data for @callback
 *
 * Starts the practice exchange if it is the active profile, loads the
 * credentials, starts the price stream, opens the profile's ledger and
 * begins reconciling its unresolved orders.
 */
void
kopir_context_start_async (KopirContext        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KOPIR_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_context_start_async);

  /* Calling it again after a failure tries again. */
  self->started = TRUE;

  apply_profile_async (self, cancellable, start_applied_cb, g_steal_pointer (&task));
}

gboolean
kopir_context_start_finish (KopirContext  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
kopir_context_get_ready (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), FALSE);
  return self->ready;
}

gboolean
kopir_context_get_is_sandbox (KopirContext *self)
{
  KopirExchangeProfile *profile;

  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), TRUE);

  profile = kopir_profile_manager_get_active (self->profiles);

  return profile == NULL || kopir_exchange_profile_is_sandbox (profile);
}

/**
 * kopir_context_get_problem:
 * @self: a #KopirContext
 *
 * Returns: (nullable): why the active exchange cannot be used, or %NULL
 */
const char *
kopir_context_get_problem (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->problem;
}

gboolean
kopir_context_get_has_credentials (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), FALSE);
  return self->has_credentials;
}

/**
 * kopir_context_get_settings:
 * @self: a #KopirContext
 *
 * Returns: (transfer none) (nullable): the settings
 */
GSettings *
kopir_context_get_settings (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->settings;
}

/**
 * kopir_context_get_session:
 * @self: a #KopirContext
 *
 * Returns: (transfer none): the one HTTP session
 */
SoupSession *
kopir_context_get_session (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->session;
}

/**
 * kopir_context_get_profile_manager:
 * @self: a #KopirContext
 *
 * Returns: (transfer none): the exchange profiles
 */
KopirProfileManager *
kopir_context_get_profile_manager (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->profiles;
}

/**
 * kopir_context_get_secret_store:
 * @self: a #KopirContext
 *
 * Returns: (transfer none): the secret store
 */
KopirSecretStore *
kopir_context_get_secret_store (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->secrets;
}

/**
 * kopir_context_get_exchange_client:
 * @self: a #KopirContext
 *
 * Returns: (transfer none): the trading client
 */
KopirExchangeClient *
kopir_context_get_exchange_client (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->exchange;
}

/**
 * kopir_context_get_account_client:
 * @self: a #KopirContext
 *
 * Returns: (transfer none): the onboarding, bank and pilot client
 */
KopirAccountClient *
kopir_context_get_account_client (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->accounts;
}

/**
 * kopir_context_get_price_stream:
 * @self: a #KopirContext
 *
 * Returns: (transfer none): live prices of the four pilot markets
 */
KopirPriceStream *
kopir_context_get_price_stream (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->prices;
}

/**
 * kopir_context_get_sandbox_launcher:
 * @self: a #KopirContext
 *
 * Returns: (transfer none): the practice exchange's launcher
 */
KopirSandboxLauncher *
kopir_context_get_sandbox_launcher (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->launcher;
}

/**
 * kopir_context_get_ledger:
 * @self: a #KopirContext
 *
 * The ledger is synchronous: use it from a worker thread, and prefer the
 * purchase manager's models in widgets.
 *
 * Returns: (transfer none) (nullable): the ledger, once started
 */
KopirLedger *
kopir_context_get_ledger (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->ledger;
}

/**
 * kopir_context_get_purchase_manager:
 * @self: a #KopirContext
 *
 * The manager changes with the active profile (each profile has its own
 * ledger); follow #KopirContext:purchase-manager.
 *
 * Returns: (transfer none) (nullable): the purchase manager, once started
 */
KopirPurchaseManager *
kopir_context_get_purchase_manager (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->purchases;
}

/**
 * kopir_context_get_transfer_journal:
 * @self: a #KopirContext
 *
 * The deposits and withdrawals kept in the ledger. It changes with the
 * ledger, at the same time as #KopirContext:purchase-manager.
 *
 * Returns: (transfer none) (nullable): the journal, once started
 */
KopirTransferJournal *
kopir_context_get_transfer_journal (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->transfers;
}

/**
 * kopir_context_get_diagnostics:
 * @self: a #KopirContext
 *
 * Returns: (transfer none): the "test connection" diagnostics
 */
KopirDiagnostics *
kopir_context_get_diagnostics (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);
  return self->diagnostics;
}

typedef struct
{
  KopirCredentials *credentials;
} CredentialsData;

static void
credentials_data_free (CredentialsData *data)
{
  g_clear_pointer (&data->credentials, kopir_credentials_free);
  g_free (data);
}

static void
store_credentials_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirContext *self = g_task_get_source_object (task);
  CredentialsData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!kopir_secret_store_store_credentials_finish (KOPIR_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  set_credentials (self, data->credentials);
  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_context_set_api_credentials_async:
 * @self: a #KopirContext
 * @api_key: the API key the exchange gave
 * @api_secret: its secret; the caller clears its copy (and the entry it
 *   came from) as soon as this returns
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when stored
 * @user_data: data for @callback
 *
 * Stores credentials pasted for the active profile (a custom exchange or
 * the testnet) in the secret store, and signs with them from now on.
 */
void
kopir_context_set_api_credentials_async (KopirContext        *self,
                                         const char          *api_key,
                                         const char          *api_secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  KopirExchangeProfile *profile;
  CredentialsData *data;

  g_return_if_fail (KOPIR_IS_CONTEXT (self));
  g_return_if_fail (api_key != NULL && api_secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_context_set_api_credentials_async);

  if (*api_key == '\0' || *api_secret == '\0')
    {
      g_task_return_new_error (task, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_BAD_KEY, "%s",
                               _("Paste both the API key and its secret."));
      return;
    }

  data = g_new0 (CredentialsData, 1);
  {
    g_autofree char *key = g_strstrip (g_strdup (api_key));

    data->credentials = kopir_credentials_new (key, api_secret);
  }
  g_task_set_task_data (task, data, (GDestroyNotify) credentials_data_free);

  profile = kopir_profile_manager_get_active (self->profiles);
  kopir_secret_store_store_credentials_async (self->secrets, kopir_exchange_profile_get_id (profile),
                                              NULL, data->credentials, cancellable,
                                              store_credentials_cb, g_steal_pointer (&task));
}

gboolean
kopir_context_set_api_credentials_finish (KopirContext  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_credentials_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KopirContext *self = g_task_get_source_object (task);
  const char *profile_id = g_task_get_task_data (task);
  KopirExchangeProfile *active;
  GError *error = NULL;

  if (!kopir_secret_store_clear_credentials_finish (KOPIR_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Stop signing with them, unless another profile became active
   * meanwhile: its own credentials stay. */
  active = kopir_profile_manager_get_active (self->profiles);
  if (g_strcmp0 (kopir_exchange_profile_get_id (active), profile_id) == 0)
    set_credentials (self, NULL);

  g_task_return_boolean (task, TRUE);
}

/**
 * kopir_context_forget_api_credentials_async:
 * @self: a #KopirContext
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when removed
 * @user_data: data for @callback
 *
 * Removes the active profile's API key and secret from the secret store,
 * whichever account they belong to, and stops signing with them.
 */
void
kopir_context_forget_api_credentials_async (KopirContext        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  KopirExchangeProfile *profile;

  g_return_if_fail (KOPIR_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_context_forget_api_credentials_async);

  profile = kopir_profile_manager_get_active (self->profiles);
  if (profile == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_set_task_data (task, g_strdup (kopir_exchange_profile_get_id (profile)), g_free);
  kopir_secret_store_clear_credentials_async (self->secrets, kopir_exchange_profile_get_id (profile),
                                              NULL, cancellable, clear_credentials_cb,
                                              g_steal_pointer (&task));
}

gboolean
kopir_context_forget_api_credentials_finish (KopirContext  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Assisted mode */

/**
 * kopir_context_use_session_credentials:
 * @self: a #KopirContext
 * @credentials: a key lent for a customer session at a branch
 *
 * Signs trading, bank and pilot calls with @credentials from now on,
 * without storing them anywhere: they live as long as the customer
 * session and are dropped by kopir_context_forget_credentials().
 */
void
kopir_context_use_session_credentials (KopirContext           *self,
                                       const KopirCredentials *credentials)
{
  g_return_if_fail (KOPIR_IS_CONTEXT (self));
  g_return_if_fail (credentials != NULL);

  set_credentials (self, credentials);
}

/**
 * kopir_context_forget_credentials:
 * @self: a #KopirContext
 *
 * Stops signing with any credentials, as when a customer session at a
 * branch ends. What the secret store holds is not touched: clearing it is
 * the caller's business.
 */
void
kopir_context_forget_credentials (KopirContext *self)
{
  g_return_if_fail (KOPIR_IS_CONTEXT (self));

  set_credentials (self, NULL);
}

/**
 * kopir_context_forget_customer:
 * @self: a #KopirContext
 *
 * Forgets the credentials in use and tells every part of Kopir, through
 * #KopirContext::customer-forgotten, to drop what it holds of the
 * customer. Call it once the customer's files and secrets were wiped, so
 * that nothing reads them again on the way.
 */
void
kopir_context_forget_customer (KopirContext *self)
{
  g_return_if_fail (KOPIR_IS_CONTEXT (self));

  set_credentials (self, NULL);
  g_signal_emit (self, signals[CUSTOMER_FORGOTTEN], 0);

  /* Applying the profile again opens a new ledger in place of the one
   * wiped, and finds no credentials in the keyring. */
  if (self->started && !g_cancellable_is_cancelled (self->cancellable))
    apply_profile_async (self, self->cancellable, on_profile_applied, NULL);
}

/**
 * kopir_context_close_ledger:
 * @self: a #KopirContext
 *
 * Stops resolving orders and closes the ledger, so that its file can go:
 * a branch desk wipes each customer's orders with the rest of their data.
 * kopir_context_forget_customer() opens a new one.
 */
void
kopir_context_close_ledger (KopirContext *self)
{
  g_return_if_fail (KOPIR_IS_CONTEXT (self));

  if (self->purchases != NULL)
    g_object_run_dispose (G_OBJECT (self->purchases));
  g_clear_object (&self->purchases);
  g_clear_object (&self->transfers);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->ledger_profile_id, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURCHASE_MANAGER]);
}

/**
 * kopir_context_get_ledger_dir:
 * @self: a #KopirContext
 *
 * Returns: where the ledgers are kept, one file per profile
 */
const char *
kopir_context_get_ledger_dir (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);

  return self->ledger_dir;
}

/**
 * kopir_context_get_onboarding_dir:
 * @self: a #KopirContext
 *
 * Returns: (transfer full): where the account applications being filled
 *   in are kept, $XDG_DATA_HOME/kopir/onboarding
 */
char *
kopir_context_get_onboarding_dir (KopirContext *self)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (self), NULL);

  return g_build_filename (g_get_user_data_dir (), "kopir", "onboarding", NULL);
}
