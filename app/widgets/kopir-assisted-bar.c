/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirAssistedBar sits under the header bar on every page while a
 * customer is served at a branch: it says that Kopir is in assisted mode,
 * who is signed in and for which customer (name and masked IIN), and holds
 * what staff need at hand: documents to print, lock, end the session.
 */

#define G_LOG_DOMAIN "kopir-assisted"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-assisted-bar.h"
#include "kopir-wrap-layout.h"

struct _KopirAssistedBar
{
  GtkWidget             parent_instance;

  KopirAssistedSession *session;

  /* Template widgets */
  GtkLabel             *staff_label;
  GtkLabel             *customer_label;
};

G_DEFINE_FINAL_TYPE (KopirAssistedBar, kopir_assisted_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
language_name (const char *language)
{
  if (g_strcmp0 (language, "kk") == 0)
    return _("Kazakh");
  if (g_strcmp0 (language, "ru") == 0)
    return _("Russian");
  if (g_strcmp0 (language, "en") == 0)
    return _("English");
  return NULL;
}

static void
update (KopirAssistedBar *self)
{
  const char *staff_id = kopir_assisted_session_get_staff_id (self->session);
  const char *staff_name = kopir_assisted_session_get_staff_name (self->session);
  const char *name = kopir_assisted_session_get_customer_name (self->session);
  const char *iin = kopir_assisted_session_get_customer_iin_masked (self->session);
  const char *language = language_name (kopir_assisted_session_get_customer_language (self->session));
  g_autoptr(GString) customer = g_string_new (NULL);
  g_autofree char *staff = NULL;

  if (staff_id != NULL)
    /* Translators: the staff member's name and staff id. */
    staff = g_strdup_printf (_("Staff: %s (%s)"), staff_name != NULL ? staff_name : staff_id, staff_id);
  gtk_label_set_label (self->staff_label, staff != NULL ? staff : "");

  switch (kopir_assisted_session_get_customer_kind (self->session))
    {
    case KOPIR_CUSTOMER_KIND_NEW:
      g_string_append (customer, name != NULL ? name : _("New customer"));
      break;
    case KOPIR_CUSTOMER_KIND_EXISTING:
      g_string_append (customer, name != NULL ? name : _("Customer"));
      break;
    case KOPIR_CUSTOMER_KIND_NONE:
    default:
      g_string_append (customer, _("No customer"));
      break;
    }
  if (iin != NULL)
    /* Translators: the customer's masked IIN follows (ЖСН / ИИН). */
    g_string_append_printf (customer, " · %s %s", _("IIN"), iin);
  if (language != NULL)
    g_string_append_printf (customer, " · %s", language);

  {
    /* Translators: who is served; the name, masked IIN and language follow. */
    g_autofree char *text = g_strdup_printf (_("Customer: %s"), customer->str);

    gtk_label_set_label (self->customer_label, text);
  }
}

static void
kopir_assisted_bar_constructed (GObject *object)
{
  KopirAssistedBar *self = KOPIR_ASSISTED_BAR (object);
  static const char * const watched[] = {
    "notify::staff-id", "notify::staff-name", "notify::customer-kind", "notify::customer-name",
    "notify::customer-iin-masked", "notify::customer-language",
  };

  G_OBJECT_CLASS (kopir_assisted_bar_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (self->session, watched[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
kopir_assisted_bar_dispose (GObject *object)
{
  KopirAssistedBar *self = KOPIR_ASSISTED_BAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_ASSISTED_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kopir_assisted_bar_parent_class)->dispose (object);
}

static void
kopir_assisted_bar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KopirAssistedBar *self = KOPIR_ASSISTED_BAR (object);

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
kopir_assisted_bar_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KopirAssistedBar *self = KOPIR_ASSISTED_BAR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_assisted_bar_class_init (KopirAssistedBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kopir_assisted_bar_constructed;
  object_class->dispose = kopir_assisted_bar_dispose;
  object_class->get_property = kopir_assisted_bar_get_property;
  object_class->set_property = kopir_assisted_bar_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KOPIR_TYPE_ASSISTED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The tools sit beside the names, or under them in a narrow window. */
  gtk_widget_class_set_layout_manager_type (widget_class, KOPIR_TYPE_WRAP_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kopirassistedbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kopir/Kopir/kopir-assisted-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirAssistedBar, staff_label);
  gtk_widget_class_bind_template_child (widget_class, KopirAssistedBar, customer_label);
}

static void
kopir_assisted_bar_init (KopirAssistedBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Assisted mode"), -1);
}

GtkWidget *
kopir_assisted_bar_new (KopirAssistedSession *session)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (session), NULL);

  return g_object_new (KOPIR_TYPE_ASSISTED_BAR, "session", session, NULL);
}
