/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-diagnostics.c: "test connection", in plain words
 *
 * For the person at a bank's IT desk, or a customer on the phone with
 * them: can the exchange be reached, is the connection encrypted and
 * trusted, is this computer's clock close enough, may the API key trade,
 * and how much of the request allowance is used. Each answer is a check
 * with a status and a translated sentence; the checks run one after the
 * other, as each depends on the one before.
 */

#define G_LOG_DOMAIN "kopir-diagnostics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-diagnostics.h"
#include "kopir-exchange-profile.h"

/* Warn well before the dialect's 1 s tolerance for clocks ahead. */
#define CLOCK_WARNING_MS 500

struct _KopirDiagnostics
{
  GObject              parent_instance;

  KopirExchangeClient *client;
};

G_DEFINE_FINAL_TYPE (KopirDiagnostics, kopir_diagnostics, G_TYPE_OBJECT)

typedef struct
{
  GListStore *checks;
  gint64      started_us;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->checks);
  g_free (data);
}

static void
add_check (GTask            *task,
           const char       *id,
           const char       *title,
           KopirCheckStatus  status,
           const char       *detail)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr(KopirDiagnosticCheck) check = kopir_diagnostic_check_new (id, title, status, detail);

  g_list_store_append (data->checks, check);
}

static void
finish (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_object_ref (data->checks), g_object_unref);
}

static void
info_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KopirExchangeClient *client = KOPIR_EXCHANGE_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  guint used, limit;

  info = kopir_exchange_client_get_exchange_info_finish (client, result, &error);
  used = kopir_exchange_client_get_used_weight (client);
  limit = kopir_exchange_client_get_weight_limit (client);

  if (info == NULL || limit == 0)
    {
      add_check (task, "rate-limit", _("Request allowance"), KOPIR_CHECK_STATUS_SKIPPED,
                 _("The exchange does not say how many requests it allows."));
    }
  else
    {
      /* Translators: request "weight" is the exchange's measure of load. */
      detail = g_strdup_printf (_("%u of %u units of the exchange’s request allowance are used "
                                  "this minute."), used, limit);
      add_check (task, "rate-limit", _("Request allowance"),
                 used * 10 < limit * 8 ? KOPIR_CHECK_STATUS_OK : KOPIR_CHECK_STATUS_WARNING,
                 detail);
    }

  finish (task);
}

static void
account_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KopirExchangeClient *client = KOPIR_EXCHANGE_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(KopirAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  account = kopir_exchange_client_get_account_finish (client, result, &error);
  if (account == NULL)
    add_check (task, "key", _("API key"), KOPIR_CHECK_STATUS_FAILED, error->message);
  else if (!kopir_account_get_can_trade (account))
    add_check (task, "key", _("API key"), KOPIR_CHECK_STATUS_WARNING,
               _("The API key works but may not trade. Allow trading for it at the exchange, "
                 "or create a new key."));
  else
    add_check (task, "key", _("API key"), KOPIR_CHECK_STATUS_OK,
               _("The API key is accepted and may trade."));

  cancellable = g_task_get_cancellable (task);
  kopir_exchange_client_get_exchange_info_async (client, cancellable, info_cb,
                                                 g_steal_pointer (&task));
}

static void
time_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KopirExchangeClient *client = KOPIR_EXCHANGE_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  const char *url = kopir_exchange_client_get_base_url (client);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gint64 elapsed_ms = (g_get_monotonic_time () - data->started_us) / 1000;
  gint64 offset, distance;

  if (!kopir_exchange_client_sync_time_finish (client, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (g_error_matches (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_TLS))
        {
          add_check (task, "reachable", _("Connection"), KOPIR_CHECK_STATUS_OK,
                     _("The exchange’s server answers."));
          add_check (task, "tls", _("Encryption"), KOPIR_CHECK_STATUS_FAILED, error->message);
        }
      else if (g_error_matches (error, KOPIR_EXCHANGE_ERROR, KOPIR_EXCHANGE_ERROR_UNREACHABLE))
        {
          /* Whoever runs the test may be the one who typed the address:
           * name it, and the usual suspects between here and there. */
          detail = g_strdup_printf (_("Kopir cannot reach the exchange at %s. Check that the "
                                      "address in Preferences is right, that this computer is "
                                      "online, and that no firewall or proxy blocks the "
                                      "connection."), url);
          add_check (task, "reachable", _("Connection"), KOPIR_CHECK_STATUS_FAILED, detail);
          g_clear_pointer (&detail, g_free);
          add_check (task, "tls", _("Encryption"), KOPIR_CHECK_STATUS_SKIPPED,
                     _("Not checked: the exchange could not be reached."));
        }
      else
        {
          add_check (task, "reachable", _("Connection"), KOPIR_CHECK_STATUS_FAILED, error->message);
          add_check (task, "tls", _("Encryption"), KOPIR_CHECK_STATUS_SKIPPED,
                     _("Not checked: the exchange could not be reached."));
        }
      add_check (task, "clock", _("Clock"), KOPIR_CHECK_STATUS_SKIPPED,
                 _("Not checked: the exchange could not be reached."));
      add_check (task, "key", _("API key"), KOPIR_CHECK_STATUS_SKIPPED,
                 _("Not checked: the exchange could not be reached."));
      add_check (task, "rate-limit", _("Request allowance"), KOPIR_CHECK_STATUS_SKIPPED,
                 _("Not checked: the exchange could not be reached."));
      finish (task);
      return;
    }

  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The exchange answers, in %d millisecond.",
                                         "The exchange answers, in %d milliseconds.",
                                         (gulong) elapsed_ms),
                            (int) elapsed_ms);
  add_check (task, "reachable", _("Connection"), KOPIR_CHECK_STATUS_OK, detail);
  g_clear_pointer (&detail, g_free);

  if (kopir_exchange_profile_is_loopback_url (url))
    add_check (task, "tls", _("Encryption"), KOPIR_CHECK_STATUS_OK,
               _("The exchange runs on this computer; nothing leaves it."));
  else
    add_check (task, "tls", _("Encryption"), KOPIR_CHECK_STATUS_OK,
               _("The connection is encrypted and the exchange’s certificate is trusted."));

  offset = kopir_exchange_client_get_clock_offset (client);
  distance = ABS (offset);
  /* The offset is measured against the middle of the round trip, so it
   * may be off by half of it: a slow answer is no reason to blame the
   * clock. */
  if (distance < CLOCK_WARNING_MS + elapsed_ms / 2)
    {
      add_check (task, "clock", _("Clock"), KOPIR_CHECK_STATUS_OK,
                 _("This computer’s clock agrees with the exchange’s."));
    }
  else
    {
      gint64 seconds = (distance + 999) / 1000;

      /* Kopir corrects for the difference by itself; a clock far off
       * still deserves fixing. */
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This computer’s clock is %d second off the "
                                             "exchange’s. Kopir makes up for it, but turn on "
                                             "automatic date and time in Settings.",
                                             "This computer’s clock is %d seconds off the "
                                             "exchange’s. Kopir makes up for it, but turn on "
                                             "automatic date and time in Settings.",
                                             (gulong) seconds),
                                (int) seconds);
      add_check (task, "clock", _("Clock"), KOPIR_CHECK_STATUS_WARNING, detail);
    }

  if (!kopir_exchange_client_has_credentials (client))
    {
      add_check (task, "key", _("API key"), KOPIR_CHECK_STATUS_SKIPPED,
                 _("No API key is set up yet."));
      kopir_exchange_client_get_exchange_info_async (client, cancellable, info_cb,
                                                     g_steal_pointer (&task));
      return;
    }

  kopir_exchange_client_get_account_async (client, cancellable, account_cb,
                                           g_steal_pointer (&task));
}

static void
kopir_diagnostics_finalize (GObject *object)
{
  KopirDiagnostics *self = (KopirDiagnostics *)object;

  g_clear_object (&self->client);

  G_OBJECT_CLASS (kopir_diagnostics_parent_class)->finalize (object);
}

static void
kopir_diagnostics_class_init (KopirDiagnosticsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kopir_diagnostics_finalize;
}

static void
kopir_diagnostics_init (KopirDiagnostics *self)
{
}

KopirDiagnostics *
kopir_diagnostics_new (KopirExchangeClient *client)
{
  KopirDiagnostics *self;

  g_return_val_if_fail (KOPIR_IS_EXCHANGE_CLIENT (client), NULL);

  self = g_object_new (KOPIR_TYPE_DIAGNOSTICS, NULL);
  self->client = g_object_ref (client);

  return self;
}

/**
 * kopir_diagnostics_run_async:
 * @self: a #KopirDiagnostics
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the report
 * @user_data: data for @callback
 *
 * Tests the connection to the active exchange.
 */
void
kopir_diagnostics_run_async (KopirDiagnostics    *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (KOPIR_IS_DIAGNOSTICS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kopir_diagnostics_run_async);
  data = g_new0 (RunData, 1);
  data->checks = g_list_store_new (KOPIR_TYPE_DIAGNOSTIC_CHECK);
  data->started_us = g_get_monotonic_time ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  if (kopir_exchange_client_get_base_url (self->client) == NULL)
    {
      add_check (task, "reachable", _("Connection"), KOPIR_CHECK_STATUS_FAILED,
                 _("No exchange is set up yet. Choose one in Preferences."));
      finish (task);
      return;
    }

  kopir_exchange_client_sync_time_async (self->client, cancellable, time_cb,
                                         g_steal_pointer (&task));
}

/**
 * kopir_diagnostics_run_finish:
 * @self: a #KopirDiagnostics
 * @result: the result
 * @error: return location for a #GError (only cancellation)
 *
 * Returns: (transfer full): a list model of #KopirDiagnosticCheck, in
 *   order: "reachable", "tls", "clock", "key", "rate-limit"
 */
GListModel *
kopir_diagnostics_run_finish (KopirDiagnostics  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_return_val_if_fail (KOPIR_IS_DIAGNOSTICS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
