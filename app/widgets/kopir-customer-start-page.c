/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirCustomerStartPage is the branch desk between customers: who is
 * signed in, the language the next customer reads (for the screens handed
 * to them and for printed documents), and the two ways to begin: open an
 * account for a new customer, or find an existing one by IIN, which sends
 * a code to the phone the exchange has on file.
 */

#define G_LOG_DOMAIN "kopir-assisted"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-customer-start-page.h"
#include "kopir-iin.h"

struct _KopirCustomerStartPage
{
  AdwBin                parent_instance;

  KopirAssistedSession *session;
  GCancellable         *cancellable;

  /* Template widgets */
  GtkLabel             *staff_label;
  AdwComboRow          *language_row;
  AdwEntryRow          *iin_row;
  GtkLabel             *iin_error_label;
  GtkButton            *identify_button;
  GtkLabel             *message_label;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (KopirCustomerStartPage, kopir_customer_start_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  NEW_CUSTOMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the language row's items. */
static const char * const languages[] = { "kk", "ru", "en" };

static void
show_message (KopirCustomerStartPage *self,
              const char             *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_staff (KopirCustomerStartPage *self)
{
  const char *id = kopir_assisted_session_get_staff_id (self->session);
  const char *name = kopir_assisted_session_get_staff_name (self->session);
  const char *branch = kopir_assisted_session_get_branch (self->session);
  g_autofree char *text = NULL;

  if (id == NULL)
    return;

  if (branch != NULL)
    /* Translators: a staff member's name, their staff id, and the branch. */
    text = g_strdup_printf (_("Signed in: %s (%s), %s."), name != NULL ? name : id, id, branch);
  else
    text = g_strdup_printf (_("Signed in: %s (%s)."), name != NULL ? name : id, id);
  gtk_label_set_label (self->staff_label, text);
}

/* Checks the IIN as it is typed; says what is wrong beside the field. */
static gboolean
check_iin (KopirCustomerStartPage *self,
           gboolean                complete_only)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->iin_row));
  g_autoptr(GError) error = NULL;
  gboolean valid = kopir_iin_validate (text, NULL, &error);
  gboolean show = !valid && *text != '\0' &&
                  (!complete_only || !g_error_matches (error, KOPIR_IIN_ERROR, KOPIR_IIN_ERROR_TOO_SHORT));

  gtk_label_set_label (self->iin_error_label, show ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->iin_error_label), show);
  if (show)
    gtk_widget_add_css_class (GTK_WIDGET (self->iin_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->iin_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->iin_row), GTK_ACCESSIBLE_STATE_INVALID,
                               show ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->iin_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  show ? error->message : "", -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self->identify_button), valid);
  return valid;
}

static void
on_iin_changed (KopirCustomerStartPage *self)
{
  check_iin (self, TRUE);
  show_message (self, NULL);
}

static void
set_busy (KopirCustomerStartPage *self,
          gboolean                busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->identify_button), !busy);
}

static void
identify_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KopirCustomerStartPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_assisted_session_identify_customer_finish (KOPIR_ASSISTED_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->iin_row));
      return;
    }

  /* The screen goes to the customer now; the IIN is no longer needed here. */
  set_busy (self, FALSE);
  kopir_customer_start_page_reset (self);
}

static void
identify (KopirCustomerStartPage *self)
{
  g_autofree char *iin = NULL;

  if (!check_iin (self, FALSE))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->iin_row));
      return;
    }

  iin = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->iin_row))));
  show_message (self, NULL);
  set_busy (self, TRUE);
  kopir_assisted_session_identify_customer_async (self->session, iin,
                                                  kopir_customer_start_page_get_language (self),
                                                  self->cancellable, identify_cb, self);
}

static void
on_identify_clicked (KopirCustomerStartPage *self)
{
  identify (self);
}

static void
on_iin_entry_activated (KopirCustomerStartPage *self)
{
  identify (self);
}

static void
on_new_customer_clicked (KopirCustomerStartPage *self)
{
  show_message (self, NULL);
  g_signal_emit (self, signals[NEW_CUSTOMER], 0, kopir_customer_start_page_get_language (self));
}

static void
kopir_customer_start_page_constructed (GObject *object)
{
  KopirCustomerStartPage *self = KOPIR_CUSTOMER_START_PAGE (object);
  const char *ui = g_get_language_names ()[0];

  G_OBJECT_CLASS (kopir_customer_start_page_parent_class)->constructed (object);

  g_signal_connect_object (self->session, "notify::staff-id", G_CALLBACK (update_staff), self,
                           G_CONNECT_SWAPPED);
  update_staff (self);

  /* The staff's own language to begin with; Kazakh, the state language,
   * when theirs is none of the three. */
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (ui != NULL && g_str_has_prefix (ui, languages[i]))
      adw_combo_row_set_selected (self->language_row, i);
  check_iin (self, TRUE);
}

static void
kopir_customer_start_page_dispose (GObject *object)
{
  KopirCustomerStartPage *self = KOPIR_CUSTOMER_START_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_CUSTOMER_START_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kopir_customer_start_page_parent_class)->dispose (object);
}

static void
kopir_customer_start_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  KopirCustomerStartPage *self = KOPIR_CUSTOMER_START_PAGE (object);

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
kopir_customer_start_page_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  KopirCustomerStartPage *self = KOPIR_CUSTOMER_START_PAGE (object);

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
kopir_customer_start_page_grab_focus (GtkWidget *widget)
{
  /* Most customers at a desk have an account: their IIN first. */
  return gtk_widget_grab_focus (GTK_WIDGET (KOPIR_CUSTOMER_START_PAGE (widget)->iin_row));
}

static void
kopir_customer_start_page_class_init (KopirCustomerStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kopir_customer_start_page_constructed;
  object_class->dispose = kopir_customer_start_page_dispose;
  object_class->get_property = kopir_customer_start_page_get_property;
  object_class->set_property = kopir_customer_start_page_set_property;
  widget_class->grab_focus = kopir_customer_start_page_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KOPIR_TYPE_ASSISTED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirCustomerStartPage::new-customer:
   * @language: "kk", "ru" or "en"
   *
   * Staff chose to open an account for a new customer.
   */
  signals[NEW_CUSTOMER] =
    g_signal_new ("new-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-customer-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirCustomerStartPage, staff_label);
  gtk_widget_class_bind_template_child (widget_class, KopirCustomerStartPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, KopirCustomerStartPage, iin_row);
  gtk_widget_class_bind_template_child (widget_class, KopirCustomerStartPage, iin_error_label);
  gtk_widget_class_bind_template_child (widget_class, KopirCustomerStartPage, identify_button);
  gtk_widget_class_bind_template_child (widget_class, KopirCustomerStartPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, KopirCustomerStartPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_iin_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_identify_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_iin_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_customer_clicked);
}

static void
kopir_customer_start_page_init (KopirCustomerStartPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kopir_customer_start_page_new (KopirAssistedSession *session)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (session), NULL);

  return g_object_new (KOPIR_TYPE_CUSTOMER_START_PAGE, "session", session, NULL);
}

/**
 * kopir_customer_start_page_get_language:
 * @self: a #KopirCustomerStartPage
 *
 * Returns: the language chosen for the customer: "kk", "ru" or "en"
 */
const char *
kopir_customer_start_page_get_language (KopirCustomerStartPage *self)
{
  guint selected;

  g_return_val_if_fail (KOPIR_IS_CUSTOMER_START_PAGE (self), "kk");

  selected = adw_combo_row_get_selected (self->language_row);
  return selected < G_N_ELEMENTS (languages) ? languages[selected] : "kk";
}

/**
 * kopir_customer_start_page_set_message:
 * @self: a #KopirCustomerStartPage
 * @message: (nullable): what happened to the last customer's session
 */
void
kopir_customer_start_page_set_message (KopirCustomerStartPage *self,
                                       const char             *message)
{
  g_return_if_fail (KOPIR_IS_CUSTOMER_START_PAGE (self));

  show_message (self, message);
}

/**
 * kopir_customer_start_page_reset:
 * @self: a #KopirCustomerStartPage
 *
 * Forgets what was typed for the last customer.
 */
void
kopir_customer_start_page_reset (KopirCustomerStartPage *self)
{
  g_return_if_fail (KOPIR_IS_CUSTOMER_START_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->iin_row), "");
  check_iin (self, TRUE);
}
