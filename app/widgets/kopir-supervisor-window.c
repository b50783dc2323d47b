/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirSupervisorWindow shows the audit trail of assisted mode: every
 * staff action with its time, staff id, masked customer IIN and outcome,
 * in a column view that filters by text and by action. It verifies the
 * hash chain and, when it is broken, names the first entry that was
 * altered or is missing; it exports what is shown as CSV. Verifying and
 * exporting are staff actions too, and are recorded.
 */

#define G_LOG_DOMAIN "kopir-assisted"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-supervisor-window.h"

struct _KopirSupervisorWindow
{
  AdwWindow             parent_instance;

  KopirAssistedSession *session;
  GCancellable         *cancellable;
  GListStore           *entries;
  GtkFilterListModel   *filtered;
  GtkCustomFilter      *filter;
  GtkFileChooserNative *chooser;
  gint64                bad_seq;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  GtkColumnView        *column_view;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *action_dropdown;
  GtkRevealer          *result_revealer;
  GtkWidget            *result_box;
  GtkLabel             *result_label;
  GtkLabel             *count_label;
  GtkButton            *verify_button;
  GtkButton            *export_button;
};

G_DEFINE_FINAL_TYPE (KopirSupervisorWindow, kopir_supervisor_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_SEQ,
  COLUMN_TIME,
  COLUMN_STAFF,
  COLUMN_ACTION,
  COLUMN_CUSTOMER,
  COLUMN_OUTCOME,
  COLUMN_DETAILS,
  N_COLUMNS
} Column;

static char *
column_text (KopirAuditItem *item,
             Column          column)
{
  KopirAuditAction action;

  switch (column)
    {
    case COLUMN_SEQ:
      return g_strdup_printf ("%" G_GINT64_FORMAT, kopir_audit_item_get_seq (item));
    case COLUMN_TIME:
      {
        g_autoptr(GDateTime) local = NULL;

        if (kopir_audit_item_get_time (item) == NULL)
          return g_strdup ("");
        local = g_date_time_to_local (kopir_audit_item_get_time (item));
        /* Translators: date and time of an audit entry, see g_date_time_format(). */
        return g_date_time_format (local, _("%x %H:%M:%S"));
      }
    case COLUMN_STAFF:
      return g_strdup (kopir_audit_item_get_staff_id (item));
    case COLUMN_ACTION:
      if (kopir_audit_action_from_string (kopir_audit_item_get_action (item), &action))
        return g_strdup (kopir_audit_action_get_label (action));
      return g_strdup (kopir_audit_item_get_action (item));
    case COLUMN_CUSTOMER:
      return g_strdup (kopir_audit_item_get_customer (item));
    case COLUMN_OUTCOME:
      return g_strdup (kopir_audit_outcome_get_label (kopir_audit_item_get_outcome (item)));
    case COLUMN_DETAILS:
      return g_strcmp0 (kopir_audit_item_get_details (item), "{}") == 0
             ? g_strdup ("") : g_strdup (kopir_audit_item_get_details (item));
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  KopirAuditItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = column_text (item, GPOINTER_TO_UINT (user_data));

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
}

static const char *
selected_action (KopirSupervisorWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->action_dropdown);

  /* Item 0 is "every action"; then the actions in their order. */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > KOPIR_AUDIT_N_ACTIONS)
    return NULL;
  return kopir_audit_action_to_string (selected - 1);
}

static gboolean
match_item (gpointer item,
            gpointer user_data)
{
  KopirSupervisorWindow *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *action = selected_action (self);
  g_autofree char *needle = NULL;

  if (action != NULL && g_strcmp0 (action, kopir_audit_item_get_action (item)) != 0)
    return FALSE;
  if (search == NULL || *search == '\0')
    return TRUE;

  needle = g_utf8_casefold (search, -1);
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      g_autofree char *text = column_text (item, column);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (folded, needle) != NULL)
        return TRUE;
    }
  /* The action's stable name too ("order.place"), as in the journal. */
  return strstr (kopir_audit_item_get_action (item), search) != NULL;
}

static void
update_count (KopirSupervisorWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *text = NULL;

  if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", all), all);
  else
    /* Translators: how many audit entries the filter shows, of how many. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u entry", "%u of %u entries", all),
                            shown, all);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), shown > 0);
}

static void
on_filter_changed (KopirSupervisorWindow *self)
{
  /* The action list is filled before there is anything to filter. */
  if (self->filter == NULL)
    return;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
show_result (KopirSupervisorWindow *self,
             const char            *text,
             gboolean               is_error)
{
  gtk_label_set_label (self->result_label, text);
  if (is_error)
    gtk_widget_add_css_class (self->result_box, "kopir-banner-error");
  else
    gtk_widget_remove_css_class (self->result_box, "kopir-banner-error");
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KopirSupervisorWindow *self = user_data;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_object_unref);

  items = kopir_audit_trail_list_finish (KOPIR_AUDIT_TRAIL (object), result, &error);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_result (self, error->message, TRUE);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    g_ptr_array_add (copy, g_list_model_get_item (items, i));
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       copy->pdata, copy->len);
  update_count (self);
}

static void
reload (KopirSupervisorWindow *self)
{
  kopir_audit_trail_list_async (kopir_assisted_session_get_audit_trail (self->session), self->cancellable,
                                list_cb, self);
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KopirSupervisorWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  gint64 bad = 0;
  gboolean intact;

  intact = kopir_audit_trail_verify_finish (KOPIR_AUDIT_TRAIL (object), result, &bad, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), TRUE);

  if (intact)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The audit trail is intact: its %u entry is unaltered and none is missing.",
                                      "The audit trail is intact: its %u entries are unaltered and none is missing.",
                                      n),
                         n);

      self->bad_seq = 0;
      show_result (self, text, FALSE);
      kopir_assisted_session_record (self->session, KOPIR_AUDIT_ACTION_AUDIT_VERIFY, "ok", NULL);
    }
  else
    {
      char number[32];

      self->bad_seq = bad;
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, bad);
      show_result (self, error->message, TRUE);
      details = kopir_audit_details ("first_bad_entry", number, NULL);
      kopir_assisted_session_record (self->session, KOPIR_AUDIT_ACTION_AUDIT_VERIFY,
                                     bad > 0 ? "tampered" : "failed", details);

      /* Point at the entry, if it is there to point at. */
      for (guint i = 0; bad > 0 && i < g_list_model_get_n_items (G_LIST_MODEL (self->filtered)); i++)
        {
          g_autoptr(KopirAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

          if (kopir_audit_item_get_seq (item) == bad)
            {
              GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);

              gtk_selection_model_select_item (model, i, TRUE);
              break;
            }
        }
    }

  /* The verification itself is in the trail now. */
  reload (self);
}

static void
on_verify_clicked (KopirSupervisorWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), FALSE);
  kopir_audit_trail_verify_async (kopir_assisted_session_get_audit_trail (self->session), self->cancellable,
                                  verify_cb, self);
}

typedef struct
{
  KopirSupervisorWindow *self;
  guint                  n;
} ExportData;

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree ExportData *data = user_data;
  KopirSupervisorWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  g_autofree char *text = NULL;
  char count[16];

  if (!kopir_audit_trail_export_csv_finish (KOPIR_AUDIT_TRAIL (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      kopir_assisted_session_record (self->session, KOPIR_AUDIT_ACTION_AUDIT_EXPORT, "failed", NULL);
      show_result (self, error->message, TRUE);
      return;
    }

  g_snprintf (count, sizeof count, "%u", data->n);
  details = kopir_audit_details ("entries", count, NULL);
  kopir_assisted_session_record (self->session, KOPIR_AUDIT_ACTION_AUDIT_EXPORT, "ok", details);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry exported", "%u entries exported", data->n),
                          data->n);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
  reload (self);
}

static void
on_chooser_response (GtkNativeDialog       *dialog,
                     int                    response,
                     KopirSupervisorWindow *self)
{
  g_autoptr(GFile) file = NULL;
  ExportData *data;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  data = g_new0 (ExportData, 1);
  data->self = self;
  data->n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  kopir_audit_trail_export_csv_async (kopir_assisted_session_get_audit_trail (self->session),
                                      G_LIST_MODEL (self->filtered), file, self->cancellable, export_cb, data);
}

static void
on_export_clicked (KopirSupervisorWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export the Audit Trail"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the file name of an audit trail export; %s is the date. */
  name = g_strdup_printf (_("kopir-audit-trail-%s.csv"), stamp);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_column (KopirSupervisorWindow *self,
            const char            *title,
            Column                 column,
            gboolean               expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

static void
kopir_supervisor_window_constructed (GObject *object)
{
  KopirSupervisorWindow *self = KOPIR_SUPERVISOR_WINDOW (object);
  g_autoptr(GtkStringList) actions = gtk_string_list_new (NULL);
  GtkSingleSelection *selection;

  G_OBJECT_CLASS (kopir_supervisor_window_parent_class)->constructed (object);

  gtk_string_list_append (actions, _("Every action"));
  for (guint i = 0; i < KOPIR_AUDIT_N_ACTIONS; i++)
    gtk_string_list_append (actions, kopir_audit_action_get_label (i));
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (actions));

  self->entries = g_list_store_new (KOPIR_TYPE_AUDIT_ITEM);
  self->filter = gtk_custom_filter_new (match_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->entries)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  add_column (self, C_("audit column", "No."), COLUMN_SEQ, FALSE);
  add_column (self, C_("audit column", "Time"), COLUMN_TIME, FALSE);
  add_column (self, C_("audit column", "Staff"), COLUMN_STAFF, FALSE);
  add_column (self, C_("audit column", "Action"), COLUMN_ACTION, TRUE);
  add_column (self, C_("audit column", "Customer"), COLUMN_CUSTOMER, FALSE);
  add_column (self, C_("audit column", "Outcome"), COLUMN_OUTCOME, FALSE);
  add_column (self, C_("audit column", "Details"), COLUMN_DETAILS, TRUE);

  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
  reload (self);
}

static void
kopir_supervisor_window_dispose (GObject *object)
{
  KopirSupervisorWindow *self = KOPIR_SUPERVISOR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_SUPERVISOR_WINDOW);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->entries);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kopir_supervisor_window_parent_class)->dispose (object);
}

static void
kopir_supervisor_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  KopirSupervisorWindow *self = KOPIR_SUPERVISOR_WINDOW (object);

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
kopir_supervisor_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KopirSupervisorWindow *self = KOPIR_SUPERVISOR_WINDOW (object);

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
kopir_supervisor_window_class_init (KopirSupervisorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kopir_supervisor_window_constructed;
  object_class->dispose = kopir_supervisor_window_dispose;
  object_class->get_property = kopir_supervisor_window_get_property;
  object_class->set_property = kopir_supervisor_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KOPIR_TYPE_ASSISTED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-supervisor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, result_box);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, verify_button);
  gtk_widget_class_bind_template_child (widget_class, KopirSupervisorWindow, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_verify_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
kopir_supervisor_window_init (KopirSupervisorWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kopir_supervisor_window_new:
 * @session: the branch desk, whose audit trail is shown and where
 *   verifying and exporting are recorded
 *
 * Returns: (transfer full): a new window
 */
KopirSupervisorWindow *
kopir_supervisor_window_new (KopirAssistedSession *session)
{
  g_return_val_if_fail (KOPIR_IS_ASSISTED_SESSION (session), NULL);

  return g_object_new (KOPIR_TYPE_SUPERVISOR_WINDOW, "session", session, NULL);
}
