/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirWindow is the main window: the header bar with the page switcher and
 * the primary menu, the banner that says when no real money is involved,
 * another that says when the exchange cannot be used, and the pages. It is
 * given the context and hands it to each page. It keeps its size,
 * maximized state and page in the settings so the next start looks like
 * the last one.
 */

#define G_LOG_DOMAIN "kopir-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-account-page.h"
#include "kopir-bank-page.h"
#include "kopir-buy-page.h"
#include "kopir-history-page.h"
#include "kopir-window.h"

struct _KopirWindow
{
  AdwApplicationWindow  parent_instance;

  KopirContext         *context;
  GSettings            *settings;

  /* Template widgets */
  AdwViewStack         *stack;
  GtkRevealer          *sandbox_banner;
  GtkLabel             *sandbox_banner_label;
  GtkRevealer          *problem_banner;
  GtkLabel             *problem_banner_label;
  KopirAccountPage     *account_page;
  KopirBankPage        *bank_page;
  AdwBin               *buy_bin;
  AdwBin               *history_bin;

  /* Built the first time they are shown: most visits never open them, and
   * the window comes up sooner without them. */
  GtkWidget            *buy_page;
  GtkWidget            *history_page;
};

G_DEFINE_FINAL_TYPE (KopirWindow, kopir_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ACTIVE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const page_names[] = { "account", "bank", "buy", "history" };

static gboolean
is_page_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
update_sandbox_banner (KopirWindow *self)
{
  KopirProfileManager *profiles = kopir_context_get_profile_manager (self->context);
  KopirExchangeProfile *profile = kopir_profile_manager_get_active (profiles);
  const char *text = NULL;

  /* Whenever no real money is at stake the window must say so, on every
   * page, so that nobody mistakes a practice purchase for a real one. With
   * no profile at all Kopir cannot trade, and says so in the other banner. */
  switch (profile != NULL ? kopir_exchange_profile_get_kind (profile) : KOPIR_PROFILE_KIND_SANDBOX)
    {
    case KOPIR_PROFILE_KIND_SANDBOX:
      text = _("Practice exchange: Kopir uses a local sandbox on this computer. "
               "No real money is involved.");
      break;

    case KOPIR_PROFILE_KIND_TESTNET:
      text = _("Test network: Kopir is connected to the Binance Spot Test Network. "
               "Its funds are not real money.");
      break;

    case KOPIR_PROFILE_KIND_CUSTOM:
    default:
      break;
    }

  if (text != NULL)
    gtk_label_set_label (self->sandbox_banner_label, text);

  gtk_revealer_set_reveal_child (self->sandbox_banner, text != NULL);
}

static void
update_problem_banner (KopirWindow *self)
{
  const char *problem = kopir_context_get_problem (self->context);

  if (problem != NULL)
    gtk_label_set_label (self->problem_banner_label, problem);

  gtk_revealer_set_reveal_child (self->problem_banner, problem != NULL);
}

static void
on_active_profile_changed (KopirWindow *self)
{
  update_sandbox_banner (self);
}

static void
on_context_problem_changed (KopirWindow *self)
{
  update_problem_banner (self);
}

static void
ensure_page (KopirWindow *self,
             const char  *name)
{
  if (self->context == NULL || name == NULL)
    return;

  if (g_str_equal (name, "buy") && self->buy_page == NULL)
    {
      g_debug ("Building the Buy page");
      self->buy_page = kopir_buy_page_new (self->context);
      adw_bin_set_child (self->buy_bin, self->buy_page);
    }
  else if (g_str_equal (name, "history") && self->history_page == NULL)
    {
      g_debug ("Building the History page");
      self->history_page = kopir_history_page_new (self->context);
      adw_bin_set_child (self->history_bin, self->history_page);
    }
}

static void
on_stack_visible_child_name_changed (KopirWindow *self)
{
  ensure_page (self, adw_view_stack_get_visible_child_name (self->stack));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_PAGE]);
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  KopirWindow *self = KOPIR_WINDOW (user_data);

  kopir_window_set_active_page (self, g_variant_get_string (parameter, NULL));
}

static const GActionEntry win_entries[] = {
  { "show-page", show_page_activated, "s" },
};

static void
save_window_state (KopirWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* The size of a maximized window says nothing about the size the person
   * chose, so keep the one from before. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

static void
restore_window_state (KopirWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
kopir_window_close_request (GtkWindow *window)
{
  save_window_state (KOPIR_WINDOW (window));

  return GTK_WINDOW_CLASS (kopir_window_parent_class)->close_request (window);
}

static void
kopir_window_constructed (GObject *object)
{
  KopirWindow *self = KOPIR_WINDOW (object);

  G_OBJECT_CLASS (kopir_window_parent_class)->constructed (object);

  g_assert (KOPIR_IS_CONTEXT (self->context));

  self->settings = g_object_ref (kopir_context_get_settings (self->context));

  kopir_account_page_set_context (self->account_page, self->context);
  kopir_bank_page_set_context (self->bank_page, self->context);

  restore_window_state (self);

  g_settings_bind (self->settings, "active-page",
                   self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
  ensure_page (self, adw_view_stack_get_visible_child_name (self->stack));

  g_signal_connect_object (kopir_context_get_profile_manager (self->context), "notify::active-id",
                           G_CALLBACK (on_active_profile_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::problem",
                           G_CALLBACK (on_context_problem_changed), self, G_CONNECT_SWAPPED);
  update_sandbox_banner (self);
  update_problem_banner (self);
}

static void
kopir_window_finalize (GObject *object)
{
  KopirWindow *self = KOPIR_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_window_parent_class)->finalize (object);
}

static void
kopir_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KopirWindow *self = KOPIR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ACTIVE_PAGE:
      g_value_set_string (value, kopir_window_get_active_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KopirWindow *self = KOPIR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_ACTIVE_PAGE:
      kopir_window_set_active_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_window_class_init (KopirWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kopir_window_constructed;
  object_class->finalize = kopir_window_finalize;
  object_class->get_property = kopir_window_get_property;
  object_class->set_property = kopir_window_set_property;

  window_class->close_request = kopir_window_close_request;

  /**
   * KopirWindow:context:
   *
   * The services the window and its pages work with; the window restores
   * its state from the context's settings.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KOPIR_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * KopirWindow:active-page:
   *
   * The name of the page shown: "account", "bank", "buy" or "history".
   */
  properties[PROP_ACTIVE_PAGE] =
    g_param_spec_string ("active-page", NULL, NULL,
                         "account",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KOPIR_TYPE_ACCOUNT_PAGE);
  g_type_ensure (KOPIR_TYPE_BANK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, sandbox_banner);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, sandbox_banner_label);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, problem_banner);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, problem_banner_label);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, account_page);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, bank_page);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, buy_bin);
  gtk_widget_class_bind_template_child (widget_class, KopirWindow, history_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_name_changed);
}

static void
kopir_window_init (KopirWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   win_entries, G_N_ELEMENTS (win_entries),
                                   self);
}

KopirWindow *
kopir_window_new (KopirApplication *application,
                  KopirContext     *context)
{
  g_return_val_if_fail (KOPIR_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KOPIR_IS_CONTEXT (context), NULL);

  return g_object_new (KOPIR_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * kopir_window_get_active_page:
 * @self: a #KopirWindow
 *
 * Returns: the name of the page shown
 */
const char *
kopir_window_get_active_page (KopirWindow *self)
{
  g_return_val_if_fail (KOPIR_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * kopir_window_set_active_page:
 * @self: a #KopirWindow
 * @page: "account", "bank", "buy" or "history"
 *
 * Shows @page. Unknown names are ignored with a warning.
 */
void
kopir_window_set_active_page (KopirWindow *self,
                              const char  *page)
{
  g_return_if_fail (KOPIR_IS_WINDOW (self));

  if (!is_page_name (page))
    {
      g_warning ("No page named “%s”", page ? page : "(null)");
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, page);
}
