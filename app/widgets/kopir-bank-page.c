/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirBankPage is the “Bank” page of the main window: the tenge balance
 * and this month's pilot limit, the linked bank accounts, adding tenge
 * (the deposit instructions), withdrawing it, and the lists of incoming
 * transfers and withdrawals, with, on the practice exchange only, a way
 * to simulate a transfer from the customer's bank.
 *
 * Without an exchange account it points to the Account page. With one it
 * asks the exchange for everything at once, shows what came back, and
 * asks again every little while and after each action, so a transfer
 * that arrives is seen (and announced with a desktop notification, once)
 * without anyone pressing a button. Every request runs with the page's
 * cancellable, cancelled when the page goes; nothing waits on the network.
 */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kopir-assisted-shell.h"
#include "kopir-bank-page.h"
#include "kopir-bank-util.h"
#include "kopir-deposit-instructions-window.h"
#include "kopir-deposit-tracker.h"
#include "kopir-iban-input.h"
#include "kopir-iin.h"
#include "kopir-link-account-dialog.h"
#include "kopir-money-format.h"
#include "kopir-simulate-transfer-dialog.h"
#include "kopir-transfer-journal.h"
#include "kopir-withdraw-dialog.h"

/* How often the page asks the exchange again on its own. */
#define REFRESH_INTERVAL_SECONDS 20

/* The exchange allows this many links per customer. */
#define MAX_LINKS 3

/* The most transfers and withdrawals listed; the exchange keeps them all. */
#define MAX_LISTED 20

struct _KopirBankPage
{
  AdwBin                    parent_instance;

  KopirContext             *context;
  GCancellable             *cancellable;
  GCancellable             *refresh_cancellable;
  KopirBankDirectory       *directory;
  KopirDepositTracker      *tracker;
  guint                     refresh_source;

  /* What the exchange said last; NULL until it said it. */
  KopirAccountHolder       *holder;
  GListModel               *links;
  GListModel               *deposits;
  GListModel               *withdrawals;
  KopirPilotLimits         *limits;
  KopirDepositInstructions *instructions;
  KopirDecimal              available;
  gboolean                  has_balance;

  /* The refresh under way; its serial tells its answers from those of a
   * refresh forgotten meanwhile. */
  guint                     refresh_serial;
  guint                     pending;
  gboolean                  refresh_again;
  GError                   *refresh_error;

  /* What the lists show, to rebuild them only when it changed. */
  char                     *links_shown;
  char                     *deposits_shown;
  char                     *withdrawals_shown;

  /* Template widgets. The stack, the bin's own child, is not bound: the
   * bin unparents it, and a bound direct child would be unparented twice. */
  GtkSpinner               *loading_spinner;
  AdwStatusPage            *error_page;
  GtkButton                *error_button;
  AdwToastOverlay          *toast_overlay;
  GtkWidget                *refresh_error_box;
  GtkLabel                 *refresh_error_label;
  GtkSpinner               *refresh_spinner;
  AdwActionRow             *balance_row;
  GtkLabel                 *balance_label;
  AdwActionRow             *limit_row;
  GtkLabel                 *limit_label;
  AdwActionRow             *add_tenge_row;
  AdwActionRow             *withdraw_row;
  AdwPreferencesGroup      *links_group;
  GtkListBox               *links_list;
  GtkListBox               *deposits_list;
  GtkListBox               *withdrawals_list;
  AdwPreferencesGroup      *practice_group;
  AdwActionRow             *simulate_row;
};

G_DEFINE_FINAL_TYPE (KopirBankPage, kopir_bank_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (KopirBankPage *self);

static void
toast (KopirBankPage *self,
       const char    *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static GtkWindow *
parent_window (KopirBankPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
signed_in (KopirBankPage *self)
{
  return self->context != NULL && kopir_context_get_ready (self->context) &&
         kopir_context_get_has_credentials (self->context);
}

/* Forgets what the exchange said, when the customer or exchange changes. */
static void
forget (KopirBankPage *self)
{
  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  self->refresh_serial++;
  self->pending = 0;
  self->refresh_again = FALSE;
  g_clear_error (&self->refresh_error);

  g_clear_object (&self->holder);
  g_clear_object (&self->links);
  g_clear_object (&self->deposits);
  g_clear_object (&self->withdrawals);
  g_clear_pointer (&self->limits, g_free);
  g_clear_pointer (&self->instructions, kopir_deposit_instructions_free);
  self->has_balance = FALSE;
  g_clear_pointer (&self->links_shown, g_free);
  g_clear_pointer (&self->deposits_shown, g_free);
  g_clear_pointer (&self->withdrawals_shown, g_free);
  kopir_deposit_tracker_reset (self->tracker);
}

/* Showing */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
placeholder_row (const char *title,
                 const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "dim-label");

  return row;
}

static GtkWidget *
status_icon (const char *icon_name,
             const char *style)
{
  /* The row's title says what the icon shows. */
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", icon_name,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);

  if (style != NULL)
    gtk_widget_add_css_class (image, style);

  return image;
}

static char *
describe_iban (KopirBankPage *self,
               const char    *iban)
{
  const char *bank = kopir_bank_name_for_iban (iban, self->directory, NULL);
  g_autofree char *masked = kopir_iban_format_masked (iban);

  if (bank == NULL)
    return g_steal_pointer (&masked);

  return g_strdup_printf (_("%1$s · %2$s"), bank, masked);
}

static void
show_links (KopirBankPage *self)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n = self->links != NULL ? g_list_model_get_n_items (self->links) : 0;
  GtkWidget *link_row;

  if (self->holder != NULL)
    {
      g_autofree char *masked_iin = kopir_iin_mask (kopir_account_holder_get_iin (self->holder));
      g_autofree char *description = NULL;

      /* Translators: above the linked accounts; %1$s is the customer's
       * name as verified by the exchange, %2$s their IIN, mostly hidden. */
      description = g_strdup_printf (_("Tenge comes only from, and goes back only to, accounts in "
                                       "your own name: %1$s, IIN %2$s."),
                                     kopir_account_holder_get_name (self->holder), masked_iin);
      adw_preferences_group_set_description (self->links_group, description);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirBankLink) link = g_list_model_get_item (self->links, i);

      g_string_append_printf (shown, "%s;", kopir_bank_link_get_id (link));
    }
  g_string_append_printf (shown, "%d", self->holder != NULL);

  if (g_strcmp0 (shown->str, self->links_shown) == 0)
    return;
  g_free (self->links_shown);
  self->links_shown = g_strdup (shown->str);

  clear_list (self->links_list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KopirBankLink) link = g_list_model_get_item (self->links, i);
      const char *iban = kopir_bank_link_get_iban (link);
      const char *bank = kopir_bank_name_for_iban (iban, self->directory,
                                                   kopir_bank_link_get_bank_name (link));
      g_autofree char *masked = kopir_iban_format_masked (iban);
      g_autofree char *subtitle = NULL;
      g_autofree char *unlink_name = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      gsize len = strlen (iban);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bank != NULL ? bank : masked);
      /* Translators: under a linked account: its number, mostly hidden,
       * and its state. */
      subtitle = g_strdup_printf (_("%s · Active"), masked);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), status_icon ("kopir-bank-symbolic", NULL));

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Unlink…"));
      /* Translators: the accessible name of the button that unlinks an
       * account: %1$s is the bank, %2$s the last four characters of the
       * account number. */
      unlink_name = g_strdup_printf (_("Unlink the %1$s account ending in %2$s"),
                                     bank != NULL ? bank : "", len >= 4 ? iban + len - 4 : iban);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      unlink_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "bank.unlink");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", kopir_bank_link_get_id (link));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->links_list, row);
    }

  link_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (link_row), _("_Link a Bank Account…"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (link_row), TRUE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (link_row), 0);
  if (n >= MAX_LINKS)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (link_row),
                                 _("Three accounts are linked, as many as the exchange allows. "
                                   "Unlink one to link another."));
  else if (n == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (link_row),
                                 _("Link the account you will pay from, to add tenge and take it back."));
  adw_action_row_add_prefix (ADW_ACTION_ROW (link_row), status_icon ("list-add-symbolic", NULL));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (link_row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (link_row), "bank.link");
  gtk_list_box_append (self->links_list, link_row);
}

static void
show_deposits (KopirBankPage *self)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n = self->deposits != NULL ? g_list_model_get_n_items (self->deposits) : 0;

  for (guint i = 0; i < n && i < MAX_LISTED; i++)
    {
      g_autoptr(KopirDeposit) deposit = g_list_model_get_item (self->deposits, i);

      g_string_append_printf (shown, "%s:%d;", kopir_deposit_get_id (deposit),
                              kopir_deposit_get_state (deposit));
    }
  if (self->deposits_shown != NULL && g_strcmp0 (shown->str, self->deposits_shown) == 0)
    return;
  g_free (self->deposits_shown);
  self->deposits_shown = g_strdup (shown->str);

  clear_list (self->deposits_list);

  if (n == 0)
    {
      gtk_list_box_append (self->deposits_list,
                           placeholder_row (_("No transfers yet"),
                                            _("Tenge you send to the exchange shows here, with "
                                              "whether it was credited.")));
      return;
    }

  for (guint i = 0; i < n && i < MAX_LISTED; i++)
    {
      g_autoptr(KopirDeposit) deposit = g_list_model_get_item (self->deposits, i);
      KopirDepositState state = kopir_deposit_get_state (deposit);
      KopirDecimal amount = kopir_deposit_get_amount (deposit);
      g_autofree char *money = kopir_bank_format_kzt (&amount);
      g_autofree char *when = kopir_bank_format_time (kopir_deposit_get_created_at (deposit));
      g_autofree char *from = describe_iban (self, kopir_deposit_get_sender_iban (deposit));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      const char *icon = "content-loading-symbolic";
      const char *style = NULL;

      /* Translators: a transfer in the list: %1$s the amount, %2$s its
       * state ("Credited"). */
      title = g_strdup_printf (_("%1$s · %2$s"), money, kopir_deposit_state_to_label (state));
      /* Translators: under a transfer: %1$s when, %2$s the account it came
       * from. */
      subtitle = g_strdup_printf (_("%1$s · from %2$s"), when, from);
      if (state == KOPIR_DEPOSIT_STATE_RETURNED)
        {
          g_autofree char *with_reason = g_strdup_printf ("%s\n%s", subtitle,
                                                          kopir_deposit_describe_return_reason (kopir_deposit_get_return_reason (deposit)));

          g_free (subtitle);
          subtitle = g_steal_pointer (&with_reason);
          icon = "edit-undo-symbolic";
          style = "warning";
        }
      else if (state == KOPIR_DEPOSIT_STATE_CREDITED)
        {
          icon = "emblem-ok-symbolic";
          style = "success";
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), status_icon (icon, style));
      gtk_list_box_append (self->deposits_list, row);
    }
}

static const char *
withdrawal_status_label (const char *status)
{
  if (g_strcmp0 (status, "completed") == 0)
    /* Translators: the state of a withdrawal: handed to the bank. */
    return C_("withdrawal", "Sent to your bank");

  /* Translators: the state of a withdrawal the exchange is still working on. */
  return C_("withdrawal", "Being sent");
}

static void
show_withdrawals (KopirBankPage *self)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n = self->withdrawals != NULL ? g_list_model_get_n_items (self->withdrawals) : 0;

  for (guint i = 0; i < n && i < MAX_LISTED; i++)
    {
      g_autoptr(KopirWithdrawal) withdrawal = g_list_model_get_item (self->withdrawals, i);

      g_string_append_printf (shown, "%s:%s;", kopir_withdrawal_get_id (withdrawal),
                              kopir_withdrawal_get_status (withdrawal));
    }
  if (self->withdrawals_shown != NULL && g_strcmp0 (shown->str, self->withdrawals_shown) == 0)
    return;
  g_free (self->withdrawals_shown);
  self->withdrawals_shown = g_strdup (shown->str);

  clear_list (self->withdrawals_list);

  if (n == 0)
    {
      gtk_list_box_append (self->withdrawals_list,
                           placeholder_row (_("No withdrawals yet"), NULL));
      return;
    }

  for (guint i = 0; i < n && i < MAX_LISTED; i++)
    {
      g_autoptr(KopirWithdrawal) withdrawal = g_list_model_get_item (self->withdrawals, i);
      KopirDecimal amount = kopir_withdrawal_get_amount (withdrawal);
      const char *status = kopir_withdrawal_get_status (withdrawal);
      g_autofree char *money = kopir_bank_format_kzt (&amount);
      g_autofree char *when = kopir_bank_format_time (kopir_withdrawal_get_created_at (withdrawal));
      g_autofree char *to = describe_iban (self, kopir_withdrawal_get_iban (withdrawal));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      gboolean done = g_strcmp0 (status, "completed") == 0;

      title = g_strdup_printf (_("%1$s · %2$s"), money, withdrawal_status_label (status));
      /* Translators: under a withdrawal: %1$s when, %2$s the account it
       * went to. */
      subtitle = g_strdup_printf (_("%1$s · to %2$s"), when, to);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 status_icon (done ? "emblem-ok-symbolic" : "content-loading-symbolic",
                                              done ? "success" : NULL));
      gtk_list_box_append (self->withdrawals_list, row);
    }
}

static void
show_balance (KopirBankPage *self)
{
  const char *language = kopir_money_ui_language ();

  if (self->has_balance)
    {
      g_autofree char *text = kopir_bank_format_kzt (&self->available);

      gtk_label_set_label (self->balance_label, text);
    }
  else
    gtk_label_set_label (self->balance_label, "—");

  if (self->limits == NULL)
    {
      gtk_label_set_label (self->limit_label, "—");
      adw_action_row_set_subtitle (self->limit_row, "");
    }
  else if (!self->limits->limited)
    {
      gtk_label_set_label (self->limit_label, C_("pilot limit", "No limit"));
      adw_action_row_set_subtitle (self->limit_row,
                                   _("You passed the knowledge test, so the pilot’s monthly limit "
                                     "does not apply."));
    }
  else
    {
      g_autofree char *remaining = kopir_money_format (&self->limits->remaining_usd, "USD", language,
                                                       KOPIR_MONEY_FORMAT_DEFAULT);
      g_autofree char *monthly = kopir_money_format (&self->limits->limit_usd, "USD", language,
                                                     KOPIR_MONEY_FORMAT_DEFAULT);
      g_autofree char *kzt = kopir_bank_format_kzt (&self->limits->remaining_kzt);
      g_autofree char *note = NULL;

      /* Translators: under the pilot limit left this month: %1$s is the
       * monthly limit in dollars, %2$s what is left in tenge. */
      note = g_strdup_printf (_("Of %1$s a month; about %2$s at today’s rate. Only purchases count, "
                                "not adding tenge."),
                              monthly, kzt);
      gtk_label_set_label (self->limit_label, remaining);
      adw_action_row_set_subtitle (self->limit_row, note);
    }
}

static void
update_actions (KopirBankPage *self)
{
  guint n_links = self->links != NULL ? g_list_model_get_n_items (self->links) : 0;
  gboolean ready = signed_in (self) && self->holder != NULL;
  gboolean sandbox = self->context != NULL && kopir_context_get_is_sandbox (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.link",
                                 ready && self->links != NULL && n_links < MAX_LINKS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.add-tenge",
                                 ready && self->instructions != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.withdraw",
                                 ready && n_links > 0 && self->has_balance);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bank.simulate",
                                 ready && sandbox && self->instructions != NULL && self->links != NULL);

  if (n_links == 0)
    adw_action_row_set_subtitle (self->withdraw_row, _("Link a bank account first: tenge goes back only "
                                                       "to one of yours."));
  else
    adw_action_row_set_subtitle (self->withdraw_row, _("Back to one of your linked accounts"));

  gtk_widget_set_visible (GTK_WIDGET (self->practice_group), sandbox);
}

static void
update_view (KopirBankPage *self)
{
  const char *page;

  if (self->context == NULL || !kopir_context_get_ready (self->context))
    {
      const char *problem = self->context != NULL ? kopir_context_get_problem (self->context) : NULL;

      if (problem != NULL)
        {
          adw_status_page_set_description (self->error_page, problem);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), "app.reconnect");
          page = "error";
        }
      else
        page = "loading";
    }
  else if (!kopir_context_get_has_credentials (self->context))
    {
      page = "no-account";
    }
  else if (self->holder == NULL)
    {
      /* Nothing to show yet: the first answer is awaited, or failed. */
      if (self->refresh_error != NULL && self->pending == 0)
        {
          adw_status_page_set_description (self->error_page, self->refresh_error->message);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), "bank.refresh");
          page = "error";
        }
      else
        page = "loading";
    }
  else
    {
      page = "main";
    }

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self))), page);

  if (g_str_equal (page, "main"))
    {
      show_balance (self);
      show_links (self);
      show_deposits (self);
      show_withdrawals (self);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->refresh_spinner), self->pending > 0);
  gtk_spinner_set_spinning (self->refresh_spinner, self->pending > 0);
  if (self->refresh_error != NULL && self->pending == 0)
    {
      g_autofree char *text = NULL;

      /* Translators: above the bank page when the last refresh failed; %s
       * says why. What is shown is from before. */
      text = g_strdup_printf (_("Kopir could not refresh this page: %s"), self->refresh_error->message);
      gtk_label_set_label (self->refresh_error_label, text);
    }
  gtk_widget_set_visible (self->refresh_error_box, self->refresh_error != NULL && self->pending == 0);

  update_actions (self);
}

/* Notifications */

static void
announce (KopirBankPage *self,
          KopirDeposit  *deposit)
{
  GApplication *application = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  KopirDecimal amount = kopir_deposit_get_amount (deposit);
  g_autofree char *money = kopir_bank_format_kzt (&amount);

  if (application == NULL)
    return;

  if (kopir_deposit_get_state (deposit) == KOPIR_DEPOSIT_STATE_CREDITED)
    {
      notification = g_notification_new (_("Tenge Arrived"));
      /* Translators: a desktop notification; %s is the amount. */
      body = g_strdup_printf (_("%s is now on your exchange account."), money);
    }
  else
    {
      notification = g_notification_new (_("Transfer Returned"));
      /* Translators: a desktop notification; %1$s is the amount, %2$s why
       * it was returned. */
      body = g_strdup_printf (_("%1$s was sent back. %2$s"), money,
                              kopir_deposit_describe_return_reason (kopir_deposit_get_return_reason (deposit)));
    }

  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APPLICATION_ID);
  g_notification_set_icon (notification, icon);
  id = g_strdup_printf ("deposit-%s", kopir_deposit_get_id (deposit));
  g_application_send_notification (application, id, notification);
}

/* Refreshing */

static gboolean
is_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  KopirBankPage *self;
  guint          serial;
} Part;

static Part *
part_new (KopirBankPage *self)
{
  Part *part = g_new0 (Part, 1);

  part->self = g_object_ref (self);
  part->serial = self->refresh_serial;

  return part;
}

static void
part_free (Part *part)
{
  g_clear_object (&part->self);
  g_free (part);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Part, part_free)

/* Whether an answer belongs to the refresh under way; one for a refresh
 * forgotten meanwhile (another customer, another exchange) is dropped. */
static gboolean
part_current (Part   *part,
              GError *error)
{
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
         part->serial == part->self->refresh_serial && part->self->pending > 0;
}

static void
part_done (KopirBankPage *self,
           GError        *error)
{
  if (error != NULL && self->refresh_error == NULL)
    self->refresh_error = g_error_copy (error);

  if (--self->pending > 0)
    return;

  g_clear_object (&self->refresh_cancellable);
  update_view (self);

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      refresh (self);
    }
}

static void
journal_synced_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;

  pending = kopir_transfer_journal_sync_finish (KOPIR_TRANSFER_JOURNAL (object), result, &error);
  if (pending == NULL)
    g_debug ("Keeping the transfers in the ledger: %s", error->message);
  else if (pending->len > 0)
    g_debug ("%u withdrawals still in doubt", pending->len);
}

/* The History shows the transfers from the ledger's copy of these lists;
 * the list of withdrawals also settles those sent from here. */
static void
keep_transfers (KopirBankPage *self,
                GListModel    *deposits,
                GListModel    *withdrawals)
{
  KopirTransferJournal *journal = kopir_context_get_transfer_journal (self->context);

  if (journal == NULL)
    return;

  kopir_transfer_journal_sync_async (journal, deposits, withdrawals, withdrawals != NULL, NULL,
                                     journal_synced_cb, NULL);
}

/* Each answer is kept when it comes, and the page is shown again once the
 * last is in. A failed part leaves the previous answer in place. */

static void
holder_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  KopirBankPage *self = part->self;
  g_autoptr(KopirAccountHolder) holder = NULL;
  g_autoptr(GError) error = NULL;

  holder = kopir_account_client_get_account_holder_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (!part_current (part, error))
    return;
  if (holder != NULL)
    g_set_object (&self->holder, holder);
  part_done (self, error);
}

static void
links_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  KopirBankPage *self = part->self;
  g_autoptr(GListModel) links = NULL;
  g_autoptr(GError) error = NULL;

  links = kopir_account_client_list_bank_links_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (!part_current (part, error))
    return;
  if (links != NULL)
    g_set_object (&self->links, links);
  part_done (self, error);
}

static void
deposits_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  KopirBankPage *self = part->self;
  g_autoptr(GListModel) deposits = NULL;
  g_autoptr(GError) error = NULL;

  deposits = kopir_account_client_list_deposits_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (!part_current (part, error))
    return;
  if (deposits != NULL)
    {
      g_autoptr(GPtrArray) changed = kopir_deposit_tracker_update (self->tracker, deposits);

      for (guint i = 0; i < changed->len; i++)
        announce (self, g_ptr_array_index (changed, i));
      g_set_object (&self->deposits, deposits);
      keep_transfers (self, deposits, NULL);
    }
  part_done (self, error);
}

static void
withdrawals_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  KopirBankPage *self = part->self;
  g_autoptr(GListModel) withdrawals = NULL;
  g_autoptr(GError) error = NULL;

  withdrawals = kopir_account_client_list_withdrawals_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (!part_current (part, error))
    return;
  if (withdrawals != NULL)
    {
      g_set_object (&self->withdrawals, withdrawals);
      keep_transfers (self, NULL, withdrawals);
    }
  part_done (self, error);
}

static void
limits_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  KopirBankPage *self = part->self;
  g_autoptr(GError) error = NULL;
  KopirPilotLimits *limits;

  limits = kopir_account_client_get_pilot_limits_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error);
  if (!part_current (part, error))
    return;
  if (limits != NULL)
    {
      g_free (self->limits);
      self->limits = limits;
    }
  part_done (self, error);
}

static void
instructions_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  KopirBankPage *self = part->self;
  g_autoptr(GError) error = NULL;
  KopirDepositInstructions *instructions;

  instructions = kopir_account_client_get_deposit_instructions_finish (KOPIR_ACCOUNT_CLIENT (object),
                                                                       result, &error);
  if (!part_current (part, error))
    return;
  if (instructions != NULL)
    {
      kopir_deposit_instructions_free (self->instructions);
      self->instructions = instructions;
    }
  part_done (self, error);
}

static void
balance_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Part) part = user_data;
  KopirBankPage *self = part->self;
  g_autoptr(KopirAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = kopir_exchange_client_get_account_finish (KOPIR_EXCHANGE_CLIENT (object), result, &error);
  if (!part_current (part, error))
    return;
  if (account != NULL)
    {
      KopirBalance *balance = kopir_account_lookup_balance (account, "KZT");

      self->available = balance != NULL ? kopir_balance_get_free (balance) : kopir_decimal_from_int (0);
      self->has_balance = TRUE;
    }
  part_done (self, error);
}

static void
refresh (KopirBankPage *self)
{
  KopirAccountClient *accounts;
  GCancellable *cancellable;

  if (!signed_in (self))
    {
      update_view (self);
      return;
    }

  /* One refresh at a time; asked again meanwhile, it runs once more. */
  if (self->pending > 0)
    {
      self->refresh_again = TRUE;
      return;
    }

  g_clear_error (&self->refresh_error);
  self->refresh_cancellable = g_cancellable_new ();
  cancellable = self->refresh_cancellable;
  accounts = kopir_context_get_account_client (self->context);

  /* The holder and the instructions do not change; they are asked for
   * until they came once. */
  self->pending = 5 + (self->holder == NULL) + (self->instructions == NULL);

  if (self->holder == NULL)
    kopir_account_client_get_account_holder_async (accounts, cancellable, holder_cb, part_new (self));
  if (self->instructions == NULL)
    kopir_account_client_get_deposit_instructions_async (accounts, cancellable, instructions_cb,
                                                         part_new (self));
  kopir_account_client_list_bank_links_async (accounts, cancellable, links_cb, part_new (self));
  kopir_account_client_list_deposits_async (accounts, cancellable, deposits_cb, part_new (self));
  kopir_account_client_list_withdrawals_async (accounts, cancellable, withdrawals_cb, part_new (self));
  kopir_account_client_get_pilot_limits_async (accounts, cancellable, limits_cb, part_new (self));
  kopir_exchange_client_get_account_async (kopir_context_get_exchange_client (self->context),
                                           cancellable, balance_cb, part_new (self));

  update_view (self);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  KopirBankPage *self = user_data;

  if (self->pending == 0)
    refresh (self);

  return G_SOURCE_CONTINUE;
}

static void
on_context_changed (KopirBankPage *self)
{
  /* Another customer or exchange: nothing shown may belong to the one
   * before. */
  if (!signed_in (self))
    forget (self);

  if (signed_in (self) && self->holder == NULL && self->pending == 0)
    refresh (self);
  else
    update_view (self);
}

static void
directory_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KopirBankPage) self = user_data;
  g_autoptr(GError) error = NULL;
  KopirBankDirectory *directory;

  directory = g_task_propagate_pointer (G_TASK (result), &error);
  if (directory == NULL)
    {
      /* The exchange checks bank codes anyway; banks go unnamed. */
      if (!is_cancelled (error))
        g_warning ("The bank directory could not be loaded: %s", error->message);
      return;
    }

  self->directory = directory;
  g_clear_pointer (&self->links_shown, g_free);
  g_clear_pointer (&self->deposits_shown, g_free);
  g_clear_pointer (&self->withdrawals_shown, g_free);
  update_view (self);
}

static void
load_directory_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  KopirBankDirectory *directory = kopir_bank_directory_new_default (&error);

  if (directory == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, directory, g_object_unref);
}

/* Actions */

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  refresh (KOPIR_BANK_PAGE (widget));
}

/* At a branch desk every step taken for the customer is recorded; the
 * details name no account number, only what identifies the step. */
static void
record_for_desk (KopirBankPage    *self,
                 KopirAuditAction  action,
                 const char       *outcome,
                 const char       *first_key,
                 const char       *first_value,
                 const char       *second_key,
                 const char       *second_value)
{
  KopirAssistedShell *shell = kopir_assisted_shell_get_for_widget (GTK_WIDGET (self));
  g_autofree char *details = NULL;

  if (shell == NULL)
    return;

  details = kopir_audit_details (first_key, first_value, second_key, second_value, NULL);
  kopir_assisted_session_record (kopir_assisted_shell_get_session (shell), action, outcome, details);
}

static void
on_linked (KopirBankPage *self,
           KopirBankLink *link)
{
  const char *bank = kopir_bank_name_for_iban (kopir_bank_link_get_iban (link), self->directory,
                                               kopir_bank_link_get_bank_name (link));
  g_autofree char *title = NULL;

  /* Translators: a toast; %s is the bank. */
  title = g_strdup_printf (_("Your %s account is linked"), bank != NULL ? bank : "");
  toast (self, title);
  record_for_desk (self, KOPIR_AUDIT_ACTION_BANK_LINK, "ok", "link", kopir_bank_link_get_id (link),
                   "bic", kopir_bank_link_get_bic (link));
  refresh (self);
}

static void
link_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (widget);
  KopirLinkAccountDialog *dialog;

  if (self->holder == NULL)
    return;

  dialog = kopir_link_account_dialog_new (parent_window (self), self->context, self->holder,
                                          self->directory);
  g_signal_connect_object (dialog, "linked", G_CALLBACK (on_linked), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unlink_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KopirBankPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kopir_account_client_unlink_bank_account_finish (KOPIR_ACCOUNT_CLIENT (object), result, &error))
    {
      g_autofree char *title = NULL;

      if (is_cancelled (error))
        return;
      /* Translators: a toast; %s says why. */
      title = g_strdup_printf (_("The account was not unlinked: %s"), error->message);
      toast (self, title);
      record_for_desk (self, KOPIR_AUDIT_ACTION_BANK_UNLINK, "failed", NULL, NULL, NULL, NULL);
    }
  else
    {
      toast (self, _("The account is unlinked"));
      record_for_desk (self, KOPIR_AUDIT_ACTION_BANK_UNLINK, "ok", NULL, NULL, NULL, NULL);
    }

  refresh (self);
}

static void
on_unlink_response (AdwMessageDialog *dialog,
                    const char       *response,
                    KopirBankPage    *self)
{
  const char *link_id = g_object_get_data (G_OBJECT (dialog), "kopir-link-id");

  if (g_strcmp0 (response, "unlink") != 0 || link_id == NULL)
    return;

  kopir_account_client_unlink_bank_account_async (kopir_context_get_account_client (self->context),
                                                  link_id, self->cancellable, unlink_cb,
                                                  g_object_ref (self));
}

static void
unlink_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (widget);
  const char *link_id = g_variant_get_string (parameter, NULL);
  g_autoptr(KopirBankLink) link = NULL;
  g_autofree char *account = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  for (guint i = 0; self->links != NULL && i < g_list_model_get_n_items (self->links) && link == NULL; i++)
    {
      g_autoptr(KopirBankLink) candidate = g_list_model_get_item (self->links, i);

      if (g_strcmp0 (kopir_bank_link_get_id (candidate), link_id) == 0)
        link = g_steal_pointer (&candidate);
    }
  if (link == NULL)
    return;

  account = kopir_bank_describe_link (link, self->directory);
  /* Translators: %s is the account ("Halyk Bank · KZ88 601• •••• •••• 5678"). */
  body = g_strdup_printf (_("%s will no longer be linked. Tenge sent from it will be returned, and "
                            "you cannot withdraw to it. You can link it again later."),
                          account);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       _("Unlink This Account?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "unlink", _("_Unlink"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "unlink", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kopir-link-id", g_strdup (link_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unlink_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_tenge_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (widget);
  KopirDepositInstructionsWindow *window;

  if (self->instructions == NULL || self->holder == NULL)
    return;

  window = kopir_deposit_instructions_window_new (parent_window (self), self->context,
                                                  self->instructions, self->holder, self->limits,
                                                  self->directory);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_withdrawn (KopirBankPage   *self,
              KopirWithdrawal *withdrawal)
{
  KopirDecimal amount = kopir_withdrawal_get_amount (withdrawal);
  g_autofree char *money = kopir_bank_format_kzt (&amount);
  g_autofree char *title = NULL;
  g_autofree char *amount_text = NULL;

  /* Translators: a toast; %s is the amount. */
  title = g_strdup_printf (_("%s is on its way to your bank"), money);
  toast (self, title);
  amount_text = kopir_decimal_dup_string (&amount);
  record_for_desk (self, KOPIR_AUDIT_ACTION_BANK_WITHDRAW, "ok", "withdrawal",
                   kopir_withdrawal_get_id (withdrawal), "amount_kzt", amount_text);
  refresh (self);
}

static void
withdraw_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (widget);
  KopirWithdrawDialog *dialog;

  if (self->links == NULL || !self->has_balance)
    return;

  dialog = kopir_withdraw_dialog_new (parent_window (self), self->context, self->links,
                                      &self->available, self->holder, self->directory);
  g_signal_connect_object (dialog, "withdrawn", G_CALLBACK (on_withdrawn), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_transferred (KopirBankPage *self,
                KopirDeposit  *deposit)
{
  KopirDecimal amount = kopir_deposit_get_amount (deposit);
  g_autofree char *money = kopir_bank_format_kzt (&amount);
  g_autofree char *title = NULL;
  g_autofree char *amount_text = NULL;

  if (kopir_deposit_get_state (deposit) == KOPIR_DEPOSIT_STATE_RETURNED)
    /* Translators: a toast; %s is the amount. */
    title = g_strdup_printf (_("The exchange returned %s"), money);
  else
    /* Translators: a toast; %s is the amount. */
    title = g_strdup_printf (_("The exchange received %s"), money);
  toast (self, title);
  amount_text = kopir_decimal_dup_string (&amount);
  record_for_desk (self, KOPIR_AUDIT_ACTION_BANK_DEPOSIT,
                   kopir_deposit_get_state (deposit) == KOPIR_DEPOSIT_STATE_RETURNED ? "returned" : "ok",
                   "deposit", kopir_deposit_get_id (deposit), "amount_kzt", amount_text);
  refresh (self);
}

static void
simulate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (widget);
  KopirSimulateTransferDialog *dialog;

  if (self->instructions == NULL || self->holder == NULL || self->links == NULL)
    return;

  dialog = kopir_simulate_transfer_dialog_new (parent_window (self), self->context, self->links,
                                               self->holder, self->instructions->purpose,
                                               self->directory);
  g_signal_connect_object (dialog, "transferred", G_CALLBACK (on_transferred), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
kopir_bank_page_map (GtkWidget *widget)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (widget);

  GTK_WIDGET_CLASS (kopir_bank_page_parent_class)->map (widget);

  /* Shown again: what it says should be current. */
  if (signed_in (self) && self->pending == 0)
    refresh (self);
}

static void
kopir_bank_page_dispose (GObject *object)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_BANK_PAGE);

  g_clear_object (&self->context);
  g_clear_object (&self->directory);
  g_clear_object (&self->holder);
  g_clear_object (&self->links);
  g_clear_object (&self->deposits);
  g_clear_object (&self->withdrawals);
  g_clear_object (&self->refresh_cancellable);

  G_OBJECT_CLASS (kopir_bank_page_parent_class)->dispose (object);
}

static void
kopir_bank_page_finalize (GObject *object)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->tracker);
  g_clear_error (&self->refresh_error);
  g_clear_pointer (&self->limits, g_free);
  g_clear_pointer (&self->instructions, kopir_deposit_instructions_free);
  g_clear_pointer (&self->links_shown, g_free);
  g_clear_pointer (&self->deposits_shown, g_free);
  g_clear_pointer (&self->withdrawals_shown, g_free);

  G_OBJECT_CLASS (kopir_bank_page_parent_class)->finalize (object);
}

static void
kopir_bank_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (object);

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
kopir_bank_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KopirBankPage *self = KOPIR_BANK_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kopir_bank_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_bank_page_class_init (KopirBankPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_bank_page_dispose;
  object_class->finalize = kopir_bank_page_finalize;
  object_class->get_property = kopir_bank_page_get_property;
  object_class->set_property = kopir_bank_page_set_property;

  widget_class->map = kopir_bank_page_map;

  /**
   * KopirBankPage:context:
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
                                               "/io/github/kopir/Kopir/kopir-bank-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, error_button);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, refresh_error_box);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, refresh_error_label);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, balance_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, balance_label);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, limit_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, limit_label);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, add_tenge_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, withdraw_row);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, links_group);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, links_list);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, deposits_list);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, withdrawals_list);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, practice_group);
  gtk_widget_class_bind_template_child (widget_class, KopirBankPage, simulate_row);

  gtk_widget_class_install_action (widget_class, "bank.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "bank.link", NULL, link_activated);
  gtk_widget_class_install_action (widget_class, "bank.unlink", "s", unlink_activated);
  gtk_widget_class_install_action (widget_class, "bank.add-tenge", NULL, add_tenge_activated);
  gtk_widget_class_install_action (widget_class, "bank.withdraw", NULL, withdraw_activated);
  gtk_widget_class_install_action (widget_class, "bank.simulate", NULL, simulate_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "bank.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "bank.refresh", NULL);
}

static void
kopir_bank_page_init (KopirBankPage *self)
{
  g_autoptr(GTask) task = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->tracker = kopir_deposit_tracker_new ();

  /* The directory is a file: read it off the main thread. */
  task = g_task_new (self, self->cancellable, directory_loaded_cb, g_object_ref (self));
  g_task_run_in_thread (task, load_directory_thread);

  update_actions (self);
}

GtkWidget *
kopir_bank_page_new (KopirContext  *context)
{
  return g_object_new (KOPIR_TYPE_BANK_PAGE,
                       "context", context,
                       NULL);
}

/**
 * kopir_bank_page_get_context:
 * @self: a #KopirBankPage
 *
 * Returns: (transfer none) (nullable): the page's services
 */
KopirContext *
kopir_bank_page_get_context (KopirBankPage *self)
{
  g_return_val_if_fail (KOPIR_IS_BANK_PAGE (self), NULL);

  return self->context;
}

/**
 * kopir_bank_page_set_context:
 * @self: a #KopirBankPage
 * @context: the services the page works with
 *
 * Sets the page's services, once: a page is never moved from one context
 * to another.
 */
void
kopir_bank_page_set_context (KopirBankPage *self,
                             KopirContext  *context)
{
  g_return_if_fail (KOPIR_IS_BANK_PAGE (self));
  g_return_if_fail (context == NULL || KOPIR_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (!g_set_object (&self->context, context))
    return;

  if (context != NULL)
    {
      g_signal_connect_object (context, "notify::ready", G_CALLBACK (on_context_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::has-credentials", G_CALLBACK (on_context_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::is-sandbox", G_CALLBACK (on_context_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::problem", G_CALLBACK (on_context_changed), self,
                               G_CONNECT_SWAPPED);
      self->refresh_source = g_timeout_add_seconds (REFRESH_INTERVAL_SECONDS, refresh_timeout_cb, self);
      on_context_changed (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
