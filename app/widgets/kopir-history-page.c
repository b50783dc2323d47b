/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirHistoryPage is the “History” page of the main window: every
 * order, deposit and withdrawal in a column view, newest first or sorted
 * by a column, narrowed by type, asset and period, searched, exported as
 * CSV; an entry opens its details and, for an order, its receipt.
 *
 * The list is a KopirHistoryModel, which reads the ledger a page at a
 * time as rows are shown: a history of a hundred thousand orders opens
 * as fast as one of ten, and only the rows on screen have widgets.
 *
 * GTK 4.8 has no way to ask a column view which column it is sorted by
 * (gtk_column_view_sorter_get_primary_sort_column() came in 4.10). Each
 * sortable column's sorter names its column when asked to compare two
 * probes, and the column view asks its primary column first: that tells
 * the page which order to ask the ledger for.
 */

#define G_LOG_DOMAIN "kopir-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-currency.h"
#include "kopir-history-item.h"
#include "kopir-history-model.h"
#include "kopir-history-page.h"
#include "kopir-order-details.h"
#include "kopir-ui-format.h"

typedef enum
{
  COLUMN_DATE,
  COLUMN_TYPE,
  COLUMN_ASSET,
  COLUMN_AMOUNT,
  COLUMN_TOTAL,
  COLUMN_STATUS,
  N_COLUMNS
} Column;

struct _KopirHistoryPage
{
  AdwBin                parent_instance;

  KopirContext         *context;
  KopirPurchaseManager *manager;
  KopirTransferJournal *journal;
  KopirHistoryModel    *model;
  GtkSingleSelection   *selection;
  int                   probe_column;
  guint                 reload_id;
  gboolean              narrow;
  guint                 layout_id;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *type_dropdown;
  GtkDropDown          *asset_dropdown;
  GtkDropDown          *period_dropdown;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkColumnView        *column_view;
  GtkStack             *layout_stack;
  GtkListView          *narrow_view;
  AdwStatusPage        *error_page;
  GtkLabel             *count_label;
};

G_DEFINE_FINAL_TYPE (KopirHistoryPage, kopir_history_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const asset_codes[] = { NULL, "BTC", "ETH", "USDT", "SOL", "KZT" };

static void
toast (KopirHistoryPage *self,
       const char       *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* What the list shows */

static void
update_view (KopirHistoryPage *self)
{
  guint n;

  if (self->model == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (kopir_history_model_get_error (self->model) != NULL)
    {
      adw_status_page_set_description (self->error_page, kopir_history_model_get_error (self->model)->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (kopir_history_model_get_counting (self->model))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (kopir_history_model_get_filtered (self->model))
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  gtk_spinner_set_spinning (self->spinner, kopir_history_model_get_counting (self->model) && n == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export", n > 0);

  if (!kopir_history_model_get_counting (self->model))
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n), n);

      gtk_label_set_label (self->count_label, count);
    }
}

static KopirLedgerKind
selected_kinds (KopirHistoryPage *self)
{
  switch (gtk_drop_down_get_selected (self->type_dropdown))
    {
    case 1:
      return KOPIR_LEDGER_KIND_ORDER;
    case 2:
      return KOPIR_LEDGER_KIND_DEPOSIT;
    case 3:
      return KOPIR_LEDGER_KIND_WITHDRAWAL;
    default:
      return 0;
    }
}

static gint64
period_start (KopirHistoryPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) start = NULL;

  switch (gtk_drop_down_get_selected (self->period_dropdown))
    {
    case 1:
      start = g_date_time_ref (today);
      break;
    case 2:
      start = g_date_time_add_days (today, -6);
      break;
    case 3:
      start = g_date_time_add_days (today, -29);
      break;
    case 4:
      start = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);
      break;
    default:
      return 0;
    }

  return g_date_time_to_unix (start) * G_USEC_PER_SEC;
}

static void
apply_filters (KopirHistoryPage *self)
{
  KopirHistoryFilter filter = { 0, };
  guint asset = gtk_drop_down_get_selected (self->asset_dropdown);

  if (self->model == NULL)
    return;

  filter.kinds = selected_kinds (self);
  filter.asset = asset < G_N_ELEMENTS (asset_codes) ? asset_codes[asset] : NULL;
  filter.from_us = period_start (self);
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  kopir_history_model_set_filter (self->model, &filter);
}

static void
on_filters_changed (KopirHistoryPage *self)
{
  apply_filters (self);
}

/* Sorting, by asking the column view's sorter about two probes. */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  KopirHistoryPage *self = g_object_get_data (G_OBJECT (a), "kopir-history-page");
  Column column = GPOINTER_TO_INT (user_data);

  if (self != NULL && self->probe_column < 0)
    self->probe_column = column;

  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (KopirHistoryPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;
  KopirLedgerSort sort;
  gboolean ascending = FALSE;

  self->probe_column = -1;
  order = gtk_sorter_compare (sorter, self, self);

  switch (self->probe_column)
    {
    case COLUMN_TYPE:
      sort = KOPIR_LEDGER_SORT_KIND;
      break;
    case COLUMN_ASSET:
      sort = KOPIR_LEDGER_SORT_ASSET;
      break;
    case COLUMN_DATE:
    default:
      sort = KOPIR_LEDGER_SORT_TIME;
      break;
    }
  /* Each column's sorter says "smaller"; the view turns it round for a
   * column sorted the other way. No column sorted: newest first. */
  if (self->probe_column >= 0)
    ascending = order == GTK_ORDERING_SMALLER;

  if (self->model != NULL)
    kopir_history_model_set_sort (self->model, sort, ascending);
}

/* Cells */

static char *
cell_text (const KopirLedgerEntry *entry,
           Column                  column)
{
  KopirDecimal amount;
  const char *currency = NULL;

  switch (column)
    {
    case COLUMN_DATE:
      return kopir_ui_format_time (entry->time_us);
    case COLUMN_TYPE:
      if (entry->order != NULL && entry->order->type == KOPIR_ORDER_TYPE_LIMIT)
        /* Translators: the type of a limit order in the history, e.g.
         * "Purchase, limit". */
        return g_strdup_printf (_("%s, limit"), kopir_history_entry_get_kind_label (entry));
      return g_strdup (kopir_history_entry_get_kind_label (entry));
    case COLUMN_ASSET:
      return g_strdup (entry->asset);
    case COLUMN_AMOUNT:
      if (kopir_history_entry_get_amount (entry, &amount, &currency))
        return kopir_ui_format_money (&amount, currency);
      return g_strdup ("—");
    case COLUMN_TOTAL:
      if (kopir_history_entry_get_total (entry, &amount, &currency))
        return kopir_ui_format_money (&amount, currency);
      return g_strdup ("—");
    case COLUMN_STATUS:
      return g_strdup (kopir_history_entry_get_status_label (entry));
    case N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
entry_failed (const KopirLedgerEntry *entry)
{
  if (entry->order != NULL)
    return entry->order->state == KOPIR_ORDER_STATE_REJECTED ||
           ((entry->order->state == KOPIR_ORDER_STATE_CANCELED ||
             entry->order->state == KOPIR_ORDER_STATE_EXPIRED) &&
            !kopir_decimal_is_positive (&entry->order->executed_qty));

  return entry->transfer != NULL &&
         (entry->transfer->state == KOPIR_TRANSFER_STATE_FAILED ||
          entry->transfer->state == KOPIR_TRANSFER_STATE_RETURNED);
}

static void
fill_cell (GtkListItem *list_item)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  KopirHistoryItem *item = gtk_list_item_get_item (list_item);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "kopir-column"));
  const KopirLedgerEntry *entry = item != NULL ? kopir_history_item_get_entry (item) : NULL;
  g_autofree char *text = NULL;

  if (entry == NULL)
    {
      /* Read soon: the page is on its way. */
      gtk_label_set_label (GTK_LABEL (label), "…");
      gtk_widget_add_css_class (label, "dim-label");
      return;
    }

  text = cell_text (entry, column);
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (label, "dim-label");

  if (column == COLUMN_STATUS && entry_failed (entry))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  /* Whole values, never cut: in a narrow window the table scrolls
   * sideways instead. */
  if (column == COLUMN_AMOUNT || column == COLUMN_TOTAL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  g_object_set_data (G_OBJECT (label), "kopir-column", GINT_TO_POINTER (column));
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  KopirHistoryItem *item = gtk_list_item_get_item (list_item);

  fill_cell (list_item);
  if (!kopir_history_item_get_loaded (item))
    g_signal_connect_object (item, "notify::loaded", G_CALLBACK (fill_cell), list_item,
                             G_CONNECT_SWAPPED);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  KopirHistoryItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_data (item, list_item);
}

static void
add_column (KopirHistoryPage *self,
            Column            column,
            const char       *title,
            gboolean          sortable,
            gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (column));

  /* The column takes the factory. */
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  if (sortable)
    {
      GtkCustomSorter *sorter = gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (column), NULL);

      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
      g_object_unref (sorter);
    }
  gtk_column_view_append_column (self->column_view, view_column);

  if (column == COLUMN_DATE)
    gtk_column_view_sort_by_column (self->column_view, view_column, GTK_SORT_DESCENDING);
}

/* Rows of the narrow list: the kind and asset with the amount, then the
 * date with the total and the status. */

enum {
  ROW_TITLE,
  ROW_AMOUNT,
  ROW_DATE,
  ROW_STATUS,
  N_ROW_LABELS
};

static void
fill_row (GtkListItem *list_item)
{
  GtkLabel **labels = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "kopir-labels");
  KopirHistoryItem *item = gtk_list_item_get_item (list_item);
  const KopirLedgerEntry *entry = item != NULL ? kopir_history_item_get_entry (item) : NULL;
  g_autofree char *type = NULL;
  g_autofree char *title = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *date = NULL;
  g_autofree char *total = NULL;
  g_autofree char *status = NULL;
  KopirDecimal value;
  const char *currency = NULL;

  if (entry == NULL)
    {
      gtk_label_set_label (labels[ROW_TITLE], "…");
      for (guint i = ROW_AMOUNT; i < N_ROW_LABELS; i++)
        gtk_label_set_label (labels[i], "");
      gtk_widget_remove_css_class (GTK_WIDGET (labels[ROW_STATUS]), "error");
      return;
    }

  type = cell_text (entry, COLUMN_TYPE);
  /* Translators: a kind of history entry and its asset, e.g.
   * "Purchase · BTC". */
  title = g_strdup_printf (_("%1$s · %2$s"), type, entry->asset);
  amount = cell_text (entry, COLUMN_AMOUNT);
  date = cell_text (entry, COLUMN_DATE);
  if (kopir_history_entry_get_total (entry, &value, &currency))
    {
      total = kopir_ui_format_money (&value, currency);
      status = g_strdup_printf (_("%1$s · %2$s"), total, kopir_history_entry_get_status_label (entry));
    }
  else
    status = g_strdup (kopir_history_entry_get_status_label (entry));

  gtk_label_set_label (labels[ROW_TITLE], title);
  gtk_label_set_label (labels[ROW_AMOUNT], amount);
  gtk_label_set_label (labels[ROW_DATE], date);
  gtk_label_set_label (labels[ROW_STATUS], status);
  if (entry_failed (entry))
    gtk_widget_add_css_class (GTK_WIDGET (labels[ROW_STATUS]), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (labels[ROW_STATUS]), "error");
}

static GtkLabel *
row_label (GtkWidget  *line,
           float       xalign,
           const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, xalign == 0.0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (GTK_BOX (line), label);

  return GTK_LABEL (label);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *first = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *second = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkLabel **labels = g_new0 (GtkLabel *, N_ROW_LABELS);

  gtk_widget_set_margin_top (row, 9);
  gtk_widget_set_margin_bottom (row, 9);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_box_append (GTK_BOX (row), first);
  gtk_box_append (GTK_BOX (row), second);
  labels[ROW_TITLE] = row_label (first, 0.0, "heading");
  labels[ROW_AMOUNT] = row_label (first, 1.0, "numeric");
  labels[ROW_DATE] = row_label (second, 0.0, "dim-label");
  labels[ROW_STATUS] = row_label (second, 1.0, "numeric");
  g_object_set_data_full (G_OBJECT (row), "kopir-labels", labels, g_free);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  KopirHistoryItem *item = gtk_list_item_get_item (list_item);

  fill_row (list_item);
  if (!kopir_history_item_get_loaded (item))
    g_signal_connect_object (item, "notify::loaded", G_CALLBACK (fill_row), list_item, G_CONNECT_SWAPPED);
}

/* Which view shows the history: a table needs about this much width. */
#define NARROW_WIDTH 560

static gboolean
apply_layout (gpointer user_data)
{
  KopirHistoryPage *self = user_data;
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (self->column_view)) ||
                       gtk_widget_has_focus (GTK_WIDGET (self->narrow_view)) ||
                       gtk_widget_get_focus_child (GTK_WIDGET (self->column_view)) != NULL ||
                       gtk_widget_get_focus_child (GTK_WIDGET (self->narrow_view)) != NULL;

  self->layout_id = 0;
  /* Only the view shown has the entries: the other would build rows
   * for them too. */
  if (self->narrow)
    {
      gtk_column_view_set_model (self->column_view, NULL);
      gtk_list_view_set_model (self->narrow_view, GTK_SELECTION_MODEL (self->selection));
    }
  else
    {
      gtk_list_view_set_model (self->narrow_view, NULL);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }
  gtk_stack_set_visible_child_name (self->layout_stack, self->narrow ? "narrow" : "wide");
  /* The focus follows the entries into the other view. */
  if (had_focus)
    gtk_widget_grab_focus (self->narrow ? GTK_WIDGET (self->narrow_view) : GTK_WIDGET (self->column_view));

  return G_SOURCE_REMOVE;
}

/* The page lays out its one child itself, rather than through the bin's
 * layout manager, to learn its width. */
static GtkSizeRequestMode
kopir_history_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
kopir_history_page_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
kopir_history_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  KopirHistoryPage *self = KOPIR_HISTORY_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean narrow = width < NARROW_WIDTH;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* Changing views while being allocated would ask for another
   * allocation at once: change them right after. */
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->layout_id == 0)
        self->layout_id = g_idle_add (apply_layout, self);
    }
}

/* The model, which follows the active profile's ledger */

static void
on_model_changed (KopirHistoryPage *self)
{
  update_view (self);
}

static void
set_model (KopirHistoryPage *self,
           const char       *ledger_path)
{
  if (self->model != NULL && g_strcmp0 (kopir_history_model_get_ledger_path (self->model), ledger_path) == 0)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  if (ledger_path != NULL)
    {
      self->model = kopir_history_model_new (ledger_path);
      g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (on_model_changed), self);
      g_signal_connect_swapped (self->model, "notify::counting", G_CALLBACK (on_model_changed), self);
      g_signal_connect_swapped (self->model, "notify::error", G_CALLBACK (on_model_changed), self);
      on_sorter_changed (self);
      apply_filters (self);
    }

  gtk_single_selection_set_model (self->selection, self->model != NULL ? G_LIST_MODEL (self->model) : NULL);
  update_view (self);
}

static gboolean
reload_now (gpointer user_data)
{
  KopirHistoryPage *self = user_data;

  self->reload_id = 0;
  if (self->model != NULL)
    kopir_history_model_reload (self->model);

  return G_SOURCE_REMOVE;
}

/* Several purchases changing at once read the history once. */
static void
schedule_reload (KopirHistoryPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (200, reload_now, self);
}

static void
on_purchases_changed (GListModel       *purchases,
                      guint             position,
                      guint             removed,
                      guint             added,
                      KopirHistoryPage *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(KopirPurchase) purchase = g_list_model_get_item (purchases, i);

      g_signal_connect_object (purchase, "notify::state", G_CALLBACK (schedule_reload), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (purchase, "notify::executed-qty", G_CALLBACK (schedule_reload), self,
                               G_CONNECT_SWAPPED);
    }

  schedule_reload (self);
}

static void
on_purchase_manager_changed (KopirHistoryPage *self)
{
  KopirPurchaseManager *manager = kopir_context_get_purchase_manager (self->context);
  KopirLedger *ledger = kopir_context_get_ledger (self->context);
  GListModel *purchases;

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (kopir_purchase_manager_get_purchases (self->manager), self);
  g_set_object (&self->manager, manager);

  set_model (self, ledger != NULL ? kopir_ledger_get_path (ledger) : NULL);

  /* Deposits and withdrawals are written by the Bank page's journal. */
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_set_object (&self->journal, kopir_context_get_transfer_journal (self->context));
  if (self->journal != NULL)
    g_signal_connect_swapped (self->journal, "changed", G_CALLBACK (schedule_reload), self);

  if (manager == NULL)
    return;

  purchases = kopir_purchase_manager_get_purchases (manager);
  g_signal_connect_object (purchases, "items-changed", G_CALLBACK (on_purchases_changed), self, 0);
  on_purchases_changed (purchases, 0, 0, g_list_model_get_n_items (purchases), self);
}

/* Activating an entry */

static void
on_row_activated (KopirHistoryPage *self,
                  guint             position)
{
  g_autoptr(KopirHistoryItem) item = NULL;
  const KopirLedgerEntry *entry;
  KopirOrderDetails *details;
  GtkRoot *root;

  if (self->model == NULL)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  entry = item != NULL ? kopir_history_item_get_entry (item) : NULL;
  if (entry == NULL)
    return;

  details = kopir_order_details_new (self->context, self->model, entry);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (details), GTK_WINDOW (root));
  /* Closing the main window (Ctrl+Q) closes this too. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (details), TRUE);
  gtk_window_present (GTK_WINDOW (details));
}

/* Exporting */

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (!kopir_history_model_export_csv_finish (KOPIR_HISTORY_MODEL (object), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry exported", "%u entries exported", n), n);
  toast (self, text);
}

static void
on_export_response (GtkNativeDialog  *chooser,
                    int               response,
                    KopirHistoryPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file != NULL && self->model != NULL)
    kopir_history_model_export_csv_async (self->model, file, NULL, export_cb, g_object_ref (self));
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KopirHistoryPage *self = KOPIR_HISTORY_PAGE (widget);
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export the History"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the suggested name of the exported history. Keep .csv. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Kopir history.csv"));
  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KopirHistoryPage *self = KOPIR_HISTORY_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  gtk_drop_down_set_selected (self->asset_dropdown, 0);
  gtk_drop_down_set_selected (self->period_dropdown, 0);
  apply_filters (self);
}

/* Keyboard: Ctrl+F to the search, Down from the search to the list. */

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  KopirHistoryPage *self = KOPIR_HISTORY_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               KopirHistoryPage      *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    return gtk_widget_grab_focus (self->narrow ? GTK_WIDGET (self->narrow_view) : GTK_WIDGET (self->column_view));

  return FALSE;
}

static void
on_map (KopirHistoryPage *self)
{
  /* Read again whenever the page is shown, so that it is current even
   * after a change it did not hear of. */
  if (self->model != NULL)
    kopir_history_model_reload (self->model);
}

/* GObject */

static void
kopir_history_page_dispose (GObject *object)
{
  KopirHistoryPage *self = KOPIR_HISTORY_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->layout_id, g_source_remove);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (kopir_purchase_manager_get_purchases (self->manager), self);
  g_clear_object (&self->manager);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_clear_object (&self->journal);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  /* The template's top widget is the bin's child: the bin lets go of it
   * first, so it is not let go of twice. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_HISTORY_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kopir_history_page_parent_class)->dispose (object);
}

static void
kopir_history_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KopirHistoryPage *self = KOPIR_HISTORY_PAGE (object);

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
kopir_history_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KopirHistoryPage *self = KOPIR_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kopir_history_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_history_page_class_init (KopirHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_history_page_dispose;
  object_class->get_property = kopir_history_page_get_property;
  object_class->set_property = kopir_history_page_set_property;
  widget_class->get_request_mode = kopir_history_page_get_request_mode;
  widget_class->measure = kopir_history_page_measure;
  widget_class->size_allocate = kopir_history_page_size_allocate;

  /**
   * KopirHistoryPage:context:
   *
   * The services the page works with. The window sets it once, after
   * building its template.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KOPIR_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, asset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, layout_stack);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, narrow_view);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, KopirHistoryPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "history.clear-filters", NULL, clear_filters_activated);
}

static void
kopir_history_page_init (KopirHistoryPage *self)
{
  /* See kopir_history_page_size_allocate(). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe_column = -1;
  /* The probes the sorters are asked about point back here. */
  g_object_set_data (G_OBJECT (self), "kopir-history-page", self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);
    gtk_list_view_set_factory (self->narrow_view, factory);
    g_object_unref (factory);
  }

  add_column (self, COLUMN_DATE, C_("history column", "Date"), TRUE, FALSE);
  add_column (self, COLUMN_TYPE, C_("history column", "Type"), TRUE, FALSE);
  add_column (self, COLUMN_ASSET, C_("history column", "Asset"), TRUE, FALSE);
  add_column (self, COLUMN_AMOUNT, C_("history column", "Amount"), FALSE, FALSE);
  add_column (self, COLUMN_TOTAL, C_("history column", "Total"), FALSE, FALSE);
  add_column (self, COLUMN_STATUS, C_("history column", "Status"), FALSE, TRUE);

  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (on_sorter_changed), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  {
    /* Managed by the window: Ctrl+F works wherever the focus is, while
     * the page is shown. */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (focus_search, NULL, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }

  /* A drop-down's button has no name of its own in GTK 4.8: give it the
   * drop-down's, so a screen reader says what it chooses. */
  {
    GtkDropDown *dropdowns[] = { self->type_dropdown, self->asset_dropdown, self->period_dropdown };
    const char *names[] = { _("Type"), _("Asset"), _("Period") };

    for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
      {
        GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdowns[i]));

        if (GTK_IS_TOGGLE_BUTTON (button))
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, names[i], -1);
      }
  }

  update_view (self);
}

GtkWidget *
kopir_history_page_new (KopirContext *context)
{
  return g_object_new (KOPIR_TYPE_HISTORY_PAGE,
                       "context", context,
                       NULL);
}

/**
 * kopir_history_page_get_context:
 * @self: a #KopirHistoryPage
 *
 * Returns: (transfer none) (nullable): the page's services
 */
KopirContext *
kopir_history_page_get_context (KopirHistoryPage *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_PAGE (self), NULL);

  return self->context;
}

/**
 * kopir_history_page_set_context:
 * @self: a #KopirHistoryPage
 * @context: the services the page works with
 *
 * Sets the page's services, once: a page is never moved from one context
 * to another.
 */
void
kopir_history_page_set_context (KopirHistoryPage *self,
                                KopirContext     *context)
{
  g_return_if_fail (KOPIR_IS_HISTORY_PAGE (self));
  g_return_if_fail (context == NULL || KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (!g_set_object (&self->context, context))
    return;

  g_signal_connect_object (context, "notify::purchase-manager", G_CALLBACK (on_purchase_manager_changed),
                           self, G_CONNECT_SWAPPED);
  on_purchase_manager_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * kopir_history_page_get_model:
 * @self: a #KopirHistoryPage
 *
 * Returns: (transfer none) (nullable): the list, for benchmarks
 */
KopirHistoryModel *
kopir_history_page_get_model (KopirHistoryPage *self)
{
  g_return_val_if_fail (KOPIR_IS_HISTORY_PAGE (self), NULL);

  return self->model;
}
