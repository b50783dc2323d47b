/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirLockPage covers a branch desk that was left alone (or locked by
 * hand): it names who is signed in, shows nothing of the customer, and
 * takes that staff member's password to go on, or lets them sign out,
 * which ends the customer's session and wipes it.
 *
 * The password goes through a GtkPasswordEntry for the reasons given in
 * kopir-staff-sign-in-page.c: it is taken out and the entry cleared before
 * the request is sent.
 */

#define G_LOG_DOMAIN "kopir-assisted"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kopir-lock-page.h"

struct _KopirLockPage
{
  AdwBin                parent_instance;

  KopirAssistedSession *session;
  GCancellable         *cancellable;
  guint                 wait_source;

  /* Template widgets */
  GtkLabel             *staff_label;
  GtkPasswordEntry     *password_entry;
  GtkLabel             *message_label;
  GtkButton            *unlock_button;
  GtkSpinner           *spinner;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (KopirLockPage, kopir_lock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_message (KopirLockPage *self,
              const char    *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                  -1);
}

static void
update_staff (KopirLockPage *self)
{
  const char *name = kopir_assisted_session_get_staff_name (self->session);
  const char *id = kopir_assisted_session_get_staff_id (self->session);
  g_autofree char *text = NULL;

  if (id == NULL)
    return;

  /* Translators: %s is a staff member's name, then their staff id. */
  text = g_strdup_printf (_("Signed in: %s (%s). The customer’s data is hidden until you type your "
                            "password."), name != NULL ? name : id, id);
  gtk_label_set_label (self->staff_label, text);
}

static void
set_busy (KopirLockPage *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !busy && self->wait_source == 0);
}

static gboolean
wait_over_cb (gpointer user_data)
{
  KopirLockPage *self = user_data;

  self->wait_source = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), TRUE);
  return G_SOURCE_REMOVE;
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KopirLockPage *self = user_data;
  g_autoptr(GError) error = NULL;
  guint wait;

  if (kopir_assisted_session_unlock_finish (KOPIR_ASSISTED_SESSION (object), result, &error))
    {
      set_busy (self, FALSE);
      kopir_lock_page_reset (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  wait = kopir_staff_client_get_wait_seconds (kopir_assisted_session_get_staff_client (self->session));
  g_clear_handle_id (&self->wait_source, g_source_remove);
  if (wait > 0)
    self->wait_source = g_timeout_add_seconds (wait, wait_over_cb, self);

  set_busy (self, FALSE);
  show_message (self, error->message);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
unlock (KopirLockPage *self)
{
  g_autofree char *password = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->unlock_button)) || self->busy)
    return;

  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  if (*password == '\0')
    {
      show_message (self, _("Type your password."));
      return;
    }

  show_message (self, NULL);
  set_busy (self, TRUE);
  kopir_assisted_session_unlock_async (self->session, password, self->cancellable, unlock_cb, self);
  memset (password, 0, strlen (password));
}

static void
on_unlock_clicked (KopirLockPage *self)
{
  unlock (self);
}

static void
on_password_activate (KopirLockPage *self)
{
  unlock (self);
}

static void
kopir_lock_page_constructed (GObject *object)
{
  KopirLockPage *self = KOPIR_LOCK_PAGE (object);

  G_OBJECT_CLASS (kopir_lock_page_parent_class)->constructed (object);

  g_signal_connect_object (self->session, "notify::staff-id", G_CALLBACK (update_staff), self,
                           G_CONNECT_SWAPPED);
  update_staff (self);
}

static void
kopir_lock_page_dispose (GObject *object)
{
  KopirLockPage *self = KOPIR_LOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->wait_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_LOCK_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kopir_lock_page_parent_class)->dispose (object);
}

static void
kopir_lock_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KopirLockPage *self = KOPIR_LOCK_PAGE (object);

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
kopir_lock_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KopirLockPage *self = KOPIR_LOCK_PAGE (object);

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
kopir_lock_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (KOPIR_LOCK_PAGE (widget)->password_entry));
}

static void
kopir_lock_page_class_init (KopirLockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kopir_lock_page_constructed;
  object_class->dispose = kopir_lock_page_dispose;
  object_class->get_property = kopir_lock_page_get_property;
  object_class->set_property = kopir_lock_page_set_property;
  widget_class->grab_focus = kopir_lock_page_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KOPIR_TYPE_ASSISTED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kopir/Kopir/kopir-lock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirLockPage, staff_label);
  gtk_widget_class_bind_template_child (widget_class, KopirLockPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, KopirLockPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, KopirLockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, KopirLockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activate);
}

static void
kopir_lock_page_init (KopirLockPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_lock_page_new (KopirAssistedSession *session)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (session), NULL);

  return g_object_new (KOPIR_TYPE_LOCK_PAGE, "session", session, NULL);
}

/**
 * kopir_lock_page_reset:
 * @self: a #KopirLockPage
 *
 * Empties the form, the focus on the password.
 */
void
kopir_lock_page_reset (KopirLockPage *self)
{
  g_return_if_fail (KOPIR_IS_LOCK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  show_message (self, NULL);
  update_staff (self);
  /* Only on the screen shown: a page being left must not take the focus
   * from the one coming. */
  if (gtk_widget_is_visible (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}
