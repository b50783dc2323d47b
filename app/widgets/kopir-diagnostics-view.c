/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirDiagnosticsView is the "Test Connection" subpage of Preferences:
 * for the person at a bank's IT desk, or a customer on the phone with
 * them. It runs the services' diagnostics against the active exchange and
 * lists each check with an icon, what was found in plain words and what to
 * do about it. A test can be stopped; its result can be copied as a text
 * report with personal data and keys masked, for a support ticket.
 */

#define G_LOG_DOMAIN "kopir-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-accessible.h"
#include "kopir-diagnostics-report.h"
#include "kopir-diagnostics-view.h"

struct _KopirDiagnosticsView
{
  GtkBox                parent_instance;

  KopirContext         *context;
  GCancellable         *cancellable;
  GListStore           *checks;
  GDateTime            *tested_at;
  char                 *profile_id;
  char                 *profile_name;
  char                 *address;
  gboolean              running;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  AdwPreferencesGroup  *exchange_group;
  GtkSpinner           *spinner;
  GtkImage             *summary_icon;
  GtkLabel             *summary_label;
  GtkListBox           *checks_list;
  GtkButton            *cancel_button;
  GtkButton            *again_button;
  GtkButton            *copy_button;
};

G_DEFINE_FINAL_TYPE (KopirDiagnosticsView, kopir_diagnostics_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
status_icon (KopirCheckStatus status)
{
  switch (status)
    {
    case KOPIR_CHECK_STATUS_OK:
      return "emblem-ok-symbolic";
    case KOPIR_CHECK_STATUS_WARNING:
      return "dialog-warning-symbolic";
    case KOPIR_CHECK_STATUS_FAILED:
      return "dialog-error-symbolic";
    case KOPIR_CHECK_STATUS_SKIPPED:
      return "action-unavailable-symbolic";
    default:
      g_assert_not_reached ();
    }
}

static const char *
status_style (KopirCheckStatus status)
{
  switch (status)
    {
    case KOPIR_CHECK_STATUS_OK:
      return "success";
    case KOPIR_CHECK_STATUS_WARNING:
      return "warning";
    case KOPIR_CHECK_STATUS_FAILED:
      return "error";
    case KOPIR_CHECK_STATUS_SKIPPED:
      return "dim-label";
    default:
      g_assert_not_reached ();
    }
}

static const char *
status_words (KopirCheckStatus status)
{
  switch (status)
    {
    case KOPIR_CHECK_STATUS_OK:
      /* Translators: the result of one connection check. */
      return C_("check status", "Passed");
    case KOPIR_CHECK_STATUS_WARNING:
      return C_("check status", "Needs attention");
    case KOPIR_CHECK_STATUS_FAILED:
      return C_("check status", "Failed");
    case KOPIR_CHECK_STATUS_SKIPPED:
      return C_("check status", "Not checked");
    default:
      g_assert_not_reached ();
    }
}

/* One check: the icon and the status word say how it went, the subtitle
 * what was found and what to do. */
static GtkWidget *
create_check_row (gpointer item,
                  gpointer user_data)
{
  KopirDiagnosticCheck *check = item;
  KopirCheckStatus status = kopir_diagnostic_check_get_status (check);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon (status));
  GtkWidget *label = gtk_label_new (status_words (status));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kopir_diagnostic_check_get_title (check));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kopir_diagnostic_check_get_detail (check));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_name (row, kopir_diagnostic_check_get_id (check));

  gtk_widget_add_css_class (icon, status_style (status));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status_words (status), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_add_css_class (label, status_style (status));
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  /* A screen reader on the row reads it all: title, result, detail. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  kopir_diagnostic_check_get_detail (check), -1);

  return row;
}

static void
set_running (KopirDiagnosticsView *self,
             gboolean              running)
{
  self->running = running;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_icon), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->again_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnostics.copy-report",
                                 !running && g_list_model_get_n_items (G_LIST_MODEL (self->checks)) > 0);
}

static void
show_summary (KopirDiagnosticsView *self,
              const char           *icon_name,
              const char           *style,
              const char           *text)
{
  static const char * const styles[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), styles[i]);
  gtk_image_set_from_icon_name (self->summary_icon, icon_name);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), style);
  gtk_label_set_label (self->summary_label, text);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(KopirDiagnosticsView) self = user_data;
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  checks = kopir_diagnostics_run_finish (KOPIR_DIAGNOSTICS (object), result, &error);
  if (checks == NULL)
    {
      /* Only a stopped test ends without a report; a dispose stopped it
       * when the view is going away. */
      if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL || self->context == NULL)
        return;

      set_running (self, FALSE);
      show_summary (self, "action-unavailable-symbolic", "dim-label",
                    g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                    ? _("The test was stopped. Nothing was checked.")
                    : error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->again_button));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(GObject) check = g_list_model_get_item (checks, i);

      g_list_store_append (self->checks, check);
    }

  summary = kopir_diagnostics_report_summary (checks);
  switch (kopir_diagnostics_report_outcome (checks))
    {
    case KOPIR_DIAGNOSTICS_OUTCOME_OK:
      show_summary (self, "emblem-ok-symbolic", "success", summary);
      break;
    case KOPIR_DIAGNOSTICS_OUTCOME_WARNING:
      show_summary (self, "dialog-warning-symbolic", "warning", summary);
      break;
    case KOPIR_DIAGNOSTICS_OUTCOME_FAILED:
      show_summary (self, "dialog-error-symbolic", "error", summary);
      break;
    default:
      g_assert_not_reached ();
    }

  set_running (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_list), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->again_button));
}

static void
copy_report_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KopirDiagnosticsView *self = KOPIR_DIAGNOSTICS_VIEW (widget);
  g_autofree char *report = NULL;

  report = kopir_diagnostics_report_format (G_LIST_MODEL (self->checks),
                                            self->profile_id, self->profile_name,
                                            self->address, self->tested_at);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), report);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Report copied, without personal data or keys")));

  /* The button says it too: GTK 4.8 cannot announce a toast to a screen
   * reader, but it does announce a button's new name. */
  gtk_button_set_label (self->copy_button, _("Report _Copied"));
  kopir_accessible_name_button (self->copy_button);
}

static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kopir_diagnostics_view_run (KOPIR_DIAGNOSTICS_VIEW (widget));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  kopir_diagnostics_view_cancel (KOPIR_DIAGNOSTICS_VIEW (widget));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);

  kopir_diagnostics_view_cancel (KOPIR_DIAGNOSTICS_VIEW (widget));
  if (window != NULL)
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
}

static void
kopir_diagnostics_view_dispose (GObject *object)
{
  KopirDiagnosticsView *self = KOPIR_DIAGNOSTICS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KOPIR_TYPE_DIAGNOSTICS_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_diagnostics_view_parent_class)->dispose (object);
}

static void
kopir_diagnostics_view_finalize (GObject *object)
{
  KopirDiagnosticsView *self = KOPIR_DIAGNOSTICS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->checks);
  g_clear_pointer (&self->tested_at, g_date_time_unref);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->profile_name, g_free);
  g_clear_pointer (&self->address, g_free);

  G_OBJECT_CLASS (kopir_diagnostics_view_parent_class)->finalize (object);
}

static void
kopir_diagnostics_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KopirDiagnosticsView *self = KOPIR_DIAGNOSTICS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_diagnostics_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KopirDiagnosticsView *self = KOPIR_DIAGNOSTICS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_diagnostics_view_class_init (KopirDiagnosticsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_diagnostics_view_dispose;
  object_class->finalize = kopir_diagnostics_view_finalize;
  object_class->get_property = kopir_diagnostics_view_get_property;
  object_class->set_property = kopir_diagnostics_view_set_property;

  /**
   * KopirDiagnosticsView:context:
   *
   * The services whose connection the view tests.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KOPIR_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-diagnostics-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, window_title);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, exchange_group);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, checks_list);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, again_button);
  gtk_widget_class_bind_template_child (widget_class, KopirDiagnosticsView, copy_button);

  gtk_widget_class_install_action (widget_class, "diagnostics.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "diagnostics.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "diagnostics.copy-report", NULL,
                                   copy_report_activated);
  gtk_widget_class_install_action (widget_class, "diagnostics.back", NULL, back_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "diagnostics.back", NULL);
}

static void
kopir_diagnostics_view_init (KopirDiagnosticsView *self)
{
  self->cancellable = g_cancellable_new ();
  self->checks = g_list_store_new (KOPIR_TYPE_DIAGNOSTIC_CHECK);

  gtk_widget_init_template (GTK_WIDGET (self));

  kopir_accessible_name_button (self->cancel_button);
  kopir_accessible_name_button (self->again_button);
  kopir_accessible_name_button (self->copy_button);

  gtk_list_box_bind_model (self->checks_list, G_LIST_MODEL (self->checks),
                           create_check_row, NULL, NULL);
  set_running (self, FALSE);
}

GtkWidget *
kopir_diagnostics_view_new (KopirContext *context)
{
  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);

  return g_object_new (KOPIR_TYPE_DIAGNOSTICS_VIEW,
                       "context", context,
                       NULL);
}

KopirContext *
kopir_diagnostics_view_get_context (KopirDiagnosticsView *self)
{
  g_return_val_if_fail (KOPIR_IS_DIAGNOSTICS_VIEW (self), NULL);

  return self->context;
}

/**
 * kopir_diagnostics_view_run:
 * @self: a #KopirDiagnosticsView
 *
 * Tests the connection to the active exchange, replacing the last result.
 */
void
kopir_diagnostics_view_run (KopirDiagnosticsView *self)
{
  KopirProfileManager *profiles;
  KopirExchangeProfile *profile;
  const char *address;

  g_return_if_fail (KOPIR_IS_DIAGNOSTICS_VIEW (self));
  g_return_if_fail (self->context != NULL);

  if (self->running)
    return;

  profiles = kopir_context_get_profile_manager (self->context);
  profile = kopir_profile_manager_get_active (profiles);
  address = kopir_exchange_client_get_base_url (kopir_context_get_exchange_client (self->context));

  g_free (self->profile_id);
  self->profile_id = g_strdup (profile != NULL ? kopir_exchange_profile_get_id (profile) : NULL);
  g_free (self->profile_name);
  self->profile_name = g_strdup (profile != NULL ? kopir_exchange_profile_get_name (profile) : NULL);
  g_free (self->address);
  self->address = g_strdup (address);
  g_clear_pointer (&self->tested_at, g_date_time_unref);
  self->tested_at = g_date_time_new_now_local ();

  adw_window_title_set_subtitle (self->window_title,
                                 self->profile_name != NULL ? self->profile_name : "");
  adw_preferences_group_set_title (self->exchange_group,
                                   self->profile_name != NULL ? self->profile_name : "");
  adw_preferences_group_set_description (self->exchange_group,
                                         address != NULL ? address : _("No address is set up yet."));

  gtk_button_set_label (self->copy_button, _("_Copy Report"));
  kopir_accessible_name_button (self->copy_button);
  g_list_store_remove_all (self->checks);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_list), FALSE);
  gtk_label_set_label (self->summary_label, _("Testing the connection to the exchange…"));

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  kopir_diagnostics_run_async (kopir_context_get_diagnostics (self->context), self->cancellable,
                               run_cb, g_object_ref (self));
}

/**
 * kopir_diagnostics_view_cancel:
 * @self: a #KopirDiagnosticsView
 *
 * Stops a test that is running.
 */
void
kopir_diagnostics_view_cancel (KopirDiagnosticsView *self)
{
  g_return_if_fail (KOPIR_IS_DIAGNOSTICS_VIEW (self));

  if (self->running)
    g_cancellable_cancel (self->cancellable);
}
