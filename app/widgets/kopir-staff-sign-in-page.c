/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirStaffSignInPage is where a member of staff signs in to a branch desk
 * in assisted mode: staff id, password, and a clear message when it fails
 * (wrong password and the wait before the next try, a locked staff id, no
 * exchange).
 *
 * The password is the staff member's own secret, typed by them at their
 * desk. It goes in a GtkPasswordEntry, although in GTK 4.8 that widget
 * tells its text to the accessibility bus: there is no other widget to
 * type a password into, a screen reader user needs to reach it, and the
 * window is never shared with the customer. To keep the exposure as short
 * as possible the text is taken out of the entry and the entry cleared at
 * once, before the request is even sent; the copy is overwritten when the
 * request is on its way, and neither is ever logged.
 */

#define G_LOG_DOMAIN "kopir-assisted"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kopir-staff-sign-in-page.h"

struct _KopirStaffSignInPage
{
  AdwBin                parent_instance;

  KopirAssistedSession *session;
  GCancellable         *cancellable;
  guint                 wait_source;

  /* Template widgets */
  AdwEntryRow          *staff_id_row;
  GtkPasswordEntry     *password_entry;
  GtkLabel             *message_label;
  GtkButton            *sign_in_button;
  GtkSpinner           *spinner;
  GtkLabel             *exchange_label;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (KopirStaffSignInPage, kopir_staff_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_message (KopirStaffSignInPage *self,
              const char           *message,
              gboolean              is_error)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");

  /* Said aloud as well: a screen reader user hears why nothing happened. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                  -1);
}

/* Signing in needs the exchange: until Kopir reached it, the page says
 * so and the button waits. */
static void
update_sensitivity (KopirStaffSignInPage *self)
{
  KopirContext *context = kopir_assisted_session_get_context (self->session);
  gboolean ready = kopir_context_get_ready (context);
  const char *problem = kopir_context_get_problem (context);
  const char *status;

  if (problem != NULL)
    status = problem;
  else if (!ready)
    status = _("Connecting to the exchange…");
  else if (kopir_context_get_is_sandbox (context))
    status = _("Practice exchange: no real money is involved.");
  else
    status = NULL;

  gtk_label_set_label (self->exchange_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->exchange_label), status != NULL);

  gtk_spinner_set_spinning (self->spinner, self->busy || (!ready && problem == NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy || (!ready && problem == NULL));
  /* The fields stay sensitive: taking the focus from under the typing
   * hand is worse than a second Enter, which is ignored while busy. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), ready && !self->busy && self->wait_source == 0);
}

static void
set_busy (KopirStaffSignInPage *self,
          gboolean              busy)
{
  self->busy = busy;
  update_sensitivity (self);
}

static gboolean
wait_over_cb (gpointer user_data)
{
  KopirStaffSignInPage *self = user_data;

  self->wait_source = 0;
  update_sensitivity (self);
  return G_SOURCE_REMOVE;
}

/* After a wrong password the button waits as long as Kopir makes the next
 * try wait, so that pressing it early does not look like another failure. */
static void
wait_before_next_try (KopirStaffSignInPage *self)
{
  KopirStaffClient *staff = kopir_assisted_session_get_staff_client (self->session);
  guint wait = kopir_staff_client_get_wait_seconds (staff);

  g_clear_handle_id (&self->wait_source, g_source_remove);
  if (wait == 0)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), FALSE);
  self->wait_source = g_timeout_add_seconds (wait, wait_over_cb, self);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KopirStaffSignInPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!kopir_assisted_session_sign_in_finish (KOPIR_ASSISTED_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, KOPIR_STAFF_ERROR, KOPIR_STAFF_ERROR_WRONG_PASSWORD))
        {
          guint wait = kopir_staff_client_get_wait_seconds (kopir_assisted_session_get_staff_client (self->session));

          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%s Wait %u second before the next try.",
                                                  "%s Wait %u seconds before the next try.",
                                                  wait),
                                     error->message, wait);
        }

      set_busy (self, FALSE);
      wait_before_next_try (self);
      show_message (self, message != NULL ? message : error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }

  set_busy (self, FALSE);
  kopir_staff_sign_in_page_reset (self);
}

static void
sign_in (KopirStaffSignInPage *self)
{
  g_autofree char *staff_id = NULL;
  g_autofree char *password = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button)) || self->busy)
    return;

  staff_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->staff_id_row))));
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));

  /* Out of the widget at once; see the comment at the top. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");

  if (*staff_id == '\0')
    {
      show_message (self, _("Type your staff id."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->staff_id_row));
      return;
    }
  if (*password == '\0')
    {
      show_message (self, _("Type your password."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }

  show_message (self, NULL, FALSE);
  set_busy (self, TRUE);
  kopir_assisted_session_sign_in_async (self->session, staff_id, password, self->cancellable,
                                        sign_in_cb, self);
  memset (password, 0, strlen (password));
}

static void
on_sign_in_clicked (KopirStaffSignInPage *self)
{
  sign_in (self);
}

static void
on_password_activate (KopirStaffSignInPage *self)
{
  sign_in (self);
}

static void
on_staff_id_entry_activated (KopirStaffSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
kopir_staff_sign_in_page_constructed (GObject *object)
{
  KopirStaffSignInPage *self = KOPIR_STAFF_SIGN_IN_PAGE (object);
  KopirContext *context = kopir_assisted_session_get_context (self->session);

  G_OBJECT_CLASS (kopir_staff_sign_in_page_parent_class)->constructed (object);

  g_signal_connect_object (context, "notify::ready", G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::problem", G_CALLBACK (update_sensitivity), self,
                           G_CONNECT_SWAPPED);
  update_sensitivity (self);
}

static void
kopir_staff_sign_in_page_dispose (GObject *object)
{
  KopirStaffSignInPage *self = KOPIR_STAFF_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->wait_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_STAFF_SIGN_IN_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kopir_staff_sign_in_page_parent_class)->dispose (object);
}

static void
kopir_staff_sign_in_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KopirStaffSignInPage *self = KOPIR_STAFF_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_staff_sign_in_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KopirStaffSignInPage *self = KOPIR_STAFF_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
kopir_staff_sign_in_page_grab_focus (GtkWidget *widget)
{
  /* The first field, not the header bar's first button. */
  return gtk_widget_grab_focus (GTK_WIDGET (KOPIR_STAFF_SIGN_IN_PAGE (widget)->staff_id_row));
}

static void
kopir_staff_sign_in_page_class_init (KopirStaffSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kopir_staff_sign_in_page_constructed;
  object_class->dispose = kopir_staff_sign_in_page_dispose;
  object_class->get_property = kopir_staff_sign_in_page_get_property;
  object_class->set_property = kopir_staff_sign_in_page_set_property;

  widget_class->grab_focus = kopir_staff_sign_in_page_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KOPIR_TYPE_ASSISTED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-staff-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirStaffSignInPage, staff_id_row);
  gtk_widget_class_bind_template_child (widget_class, KopirStaffSignInPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, KopirStaffSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, KopirStaffSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, KopirStaffSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirStaffSignInPage, exchange_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_id_entry_activated);
}

static void
kopir_staff_sign_in_page_init (KopirStaffSignInPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_staff_sign_in_page_new (KopirAssistedSession *session)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (session), NULL);

  return g_object_new (KOPIR_TYPE_STAFF_SIGN_IN_PAGE, "session", session, NULL);
}

/**
 * kopir_staff_sign_in_page_set_message:
 * @self: a #KopirStaffSignInPage
 * @message: (nullable): why staff must sign in again, e.g. an expired
 *   session
 */
void
kopir_staff_sign_in_page_set_message (KopirStaffSignInPage *self,
                                      const char           *message)
{
  g_return_if_fail (KOPIR_IS_STAFF_SIGN_IN_PAGE (self));

  show_message (self, message, message != NULL);
}

/**
 * kopir_staff_sign_in_page_reset:
 * @self: a #KopirStaffSignInPage
 *
 * Empties the form for the next person, the focus on the staff id.
 */
void
kopir_staff_sign_in_page_reset (KopirStaffSignInPage *self)
{
  g_return_if_fail (KOPIR_IS_STAFF_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->staff_id_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  show_message (self, NULL, FALSE);
  /* Only on the screen shown: a page being left must not take the focus
   * from the one coming. */
  if (gtk_widget_is_visible (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->staff_id_row));
}
