/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The small things the bank page and its dialogs write the same way:
 * tenge in the language of the screen, the time of a transfer, a bank
 * account as "bank · masked IBAN", a tenge amount read from a field with
 * the message to show beside it, and such a message shown so that a
 * screen reader hears it with the field.
 */

#define G_LOG_DOMAIN "kopir-bank-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-bank-util.h"
#include "kopir-iban-input.h"
#include "kopir-iban.h"
#include "kopir-money-format.h"

/**
 * kopir_bank_format_kzt:
 * @amount: tenge
 *
 * Returns: (transfer full): e.g. "₸25,000.50" or "25 000,50 ₸"
 */
char *
kopir_bank_format_kzt (const KopirDecimal *amount)
{
  return kopir_money_format (amount, "KZT", kopir_money_ui_language (), KOPIR_MONEY_FORMAT_DEFAULT);
}

/**
 * kopir_bank_format_time:
 * @unix_ms: milliseconds since the epoch
 *
 * Returns: (transfer full): the local date and time in the locale's way
 */
char *
kopir_bank_format_time (gint64 unix_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (utc);

  /* Translators: the date and time of a bank transfer, in the format of
   * g_date_time_format(); %x is the locale's date, %H:%M the time. */
  return g_date_time_format (local, C_("transfer time", "%x, %H:%M"));
}

/**
 * kopir_bank_name_for_iban:
 * @iban: an IBAN
 * @directory: (nullable): the bank directory
 * @fallback: (nullable): the name to use when the directory does not know
 *   the bank (the exchange's, in English)
 *
 * Returns: (nullable): the bank's name in the language of the screen
 */
const char *
kopir_bank_name_for_iban (const char         *iban,
                          KopirBankDirectory *directory,
                          const char         *fallback)
{
  KopirIbanInfo info;

  if (directory != NULL &&
      kopir_iban_input_check (iban, directory, TRUE, &info, NULL) == KOPIR_IBAN_INPUT_VALID &&
      info.bank != NULL)
    return kopir_bank_get_name (info.bank, kopir_money_ui_language ());

  return fallback;
}

/**
 * kopir_bank_describe_link:
 * @link: a linked account
 * @directory: (nullable): the bank directory
 *
 * Returns: (transfer full): "Halyk Bank · KZ88 601• •••• •••• 5678"
 */
char *
kopir_bank_describe_link (KopirBankLink      *link,
                          KopirBankDirectory *directory)
{
  const char *iban = kopir_bank_link_get_iban (link);
  const char *bank = kopir_bank_name_for_iban (iban, directory, kopir_bank_link_get_bank_name (link));
  g_autofree char *masked = kopir_iban_format_masked (iban);

  if (bank == NULL || *bank == '\0')
    return g_steal_pointer (&masked);

  /* Translators: a linked bank account: %1$s is the bank's name, %2$s
   * its account number with the middle hidden. */
  return g_strdup_printf (_("%1$s · %2$s"), bank, masked);
}

/**
 * kopir_bank_parse_amount:
 * @text: what the person typed
 * @maximum: (nullable): the most allowed, such as the free balance
 * @out: (out): the amount
 * @message: (out) (optional) (transfer full): what to show beside the
 *   field, or %NULL when nothing is typed yet
 *
 * Reads a tenge amount the way kopir_money_parse() does (a comma or a
 * point as the decimal mark, groups of three) and refuses zero and
 * anything over @maximum, saying why.
 *
 * Returns: whether @out holds an amount that may be sent
 */
gboolean
kopir_bank_parse_amount (const char          *text,
                         const KopirDecimal  *maximum,
                         KopirDecimal        *out,
                         char               **message)
{
  g_autoptr(GError) error = NULL;

  if (message != NULL)
    *message = NULL;

  if (!kopir_money_parse (text, "KZT", kopir_money_ui_language (), out, &error))
    {
      if (message != NULL && !g_error_matches (error, KOPIR_MONEY_ERROR, KOPIR_MONEY_ERROR_EMPTY))
        *message = g_strdup (error->message);
      return FALSE;
    }

  if (!kopir_decimal_is_positive (out))
    {
      if (message != NULL)
        *message = g_strdup (_("Enter an amount greater than zero."));
      return FALSE;
    }

  if (maximum != NULL && kopir_decimal_compare (out, maximum) > 0)
    {
      if (message != NULL)
        {
          g_autofree char *most = kopir_bank_format_kzt (maximum);

          /* Translators: %s is the tenge balance, e.g. "₸90,000.00". */
          *message = g_strdup_printf (_("That is more than you have: %s. Enter that or less."), most);
        }
      return FALSE;
    }

  return TRUE;
}

/**
 * kopir_bank_show_field_error:
 * @field: the row of the field: marked with the "error" style, and
 *   given the message as its accessible description
 * @label: the label under the field
 * @message: (nullable): the message, or %NULL to clear it
 *
 * Shows or clears a message beside a field, for eyes and screen readers.
 */
void
kopir_bank_show_field_error (GtkWidget  *field,
                             GtkLabel   *label,
                             const char *message)
{
  gboolean invalid = message != NULL && *message != '\0';
  GtkWidget *accessible = field;

  if (invalid)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");

  gtk_label_set_label (label, invalid ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), invalid);

  gtk_accessible_update_state (GTK_ACCESSIBLE (accessible),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (invalid)
    gtk_accessible_update_property (GTK_ACCESSIBLE (accessible),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (accessible), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * kopir_bank_set_button_label:
 * @button: a button
 * @label: its new label
 *
 * Sets a label that says what the button does or what is missing. Such
 * labels carry no mnemonic: GTK 4.8 would name the button, for screen
 * readers, with both the raw label and its text ("_Send Send").
 */
void
kopir_bank_set_button_label (GtkButton  *button,
                             const char *label)
{
  gtk_button_set_use_underline (button, FALSE);
  gtk_button_set_label (button, label);
}

/**
 * kopir_bank_add_choice:
 * @group: where the choice goes
 * @first: (nullable): the first choice of the same question, or %NULL
 *   for the first
 * @only: it is the only choice: shown, with nothing to choose
 * @title: what is chosen
 * @subtitle: (nullable): a second line
 *
 * Adds one of a few choices as a row with a radio button, which reads
 * better than a drop-down when the choices are long (bank names) and
 * the window narrow. The row names the button for screen readers. A
 * single choice gets no button: one that could be unticked would leave
 * nothing chosen.
 *
 * Returns: (transfer none) (nullable): the radio button, or %NULL for
 *   the only choice
 */
GtkCheckButton *
kopir_bank_add_choice (AdwPreferencesGroup *group,
                       GtkCheckButton      *first,
                       gboolean             only,
                       const char          *title,
                       const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  if (!only)
    {
      check = gtk_check_button_new ();
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      else
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }

  adw_preferences_group_add (group, row);

  return check != NULL ? GTK_CHECK_BUTTON (check) : NULL;
}

/**
 * kopir_bank_get_choice:
 * @choices: (element-type GtkCheckButton): the radio buttons of a question
 *
 * Returns: the position of the chosen one, 0 when there was only one
 *   (and so no button), or -1
 */
int
kopir_bank_get_choice (GPtrArray *choices)
{
  if (choices->len == 0)
    return 0;

  for (guint i = 0; i < choices->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (choices, i)))
      return (int) i;

  return -1;
}
