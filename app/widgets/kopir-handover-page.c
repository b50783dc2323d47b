/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirHandoverPage covers the whole window when the screen goes to the
 * customer, for what only they may do: accept the consents and risk
 * warnings, or type the code sent to their phone. Nothing of the staff's
 * screen shows meanwhile.
 *
 * It has three steps. "Give": staff are asked to turn the screen to the
 * customer, who continues. Then the customer's part, in the customer's
 * language whatever the screen's (through the catalogue that printed
 * documents use): the consent, or the code. "Return": the customer is asked
 * to hand the screen back, and staff continue.
 *
 * The code is typed in a GtkPasswordEntry so that it is not shown on the
 * screen while it is turned; it leaves the entry at once, as the staff
 * password does (see kopir-staff-sign-in-page.c).
 */

#define G_LOG_DOMAIN "kopir-assisted"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kopir-catalog.h"
#include "kopir-handover-page.h"
#include "kopir-kyc-texts.h"

typedef enum
{
  MODE_NONE,
  MODE_CONSENT,
  MODE_CODE,
} Mode;

struct _KopirHandoverPage
{
  AdwBin            parent_instance;

  KopirCatalog     *catalog;
  char             *language;
  char             *phone_masked;
  char             *summary;
  Mode              mode;
  gboolean          done;
  gboolean          busy;

  /* Template widgets */
  GtkStack         *stack;
  GtkButton        *customer_continue_button;
  GtkLabel         *customer_continue_label;
  GtkLabel         *consent_title_label;
  GtkLabel         *consent_text_label;
  GtkLabel         *risk_title_label;
  GtkLabel         *risk_text_label;
  GtkCheckButton   *data_check;
  GtkCheckButton   *risk_check;
  GtkLabel         *data_label;
  GtkLabel         *risk_label;
  GtkButton        *decline_button;
  GtkButton        *accept_button;
  GtkLabel         *code_title_label;
  GtkLabel         *code_text_label;
  GtkLabel         *summary_label;
  GtkLabel         *code_entry_label;
  GtkPasswordEntry *code_entry;
  GtkLabel         *code_error_label;
  GtkButton        *code_cancel_button;
  GtkButton        *confirm_button;
  GtkSpinner       *spinner;
  GtkLabel         *return_title_label;
  GtkLabel         *return_text_label;
  GtkButton        *return_button;
};

G_DEFINE_FINAL_TYPE (KopirHandoverPage, kopir_handover_page, ADW_TYPE_BIN)

enum {
  CONSENT,
  CODE,
  CANCELLED,
  RETURNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text);
}

static void
fill_customer_texts (KopirHandoverPage *self)
{
  g_autofree char *code_text = NULL;

  set_label (self->customer_continue_label, kopir_catalog_gettext (self->catalog, "I Am the Customer — Continue"));

  set_label (self->consent_title_label, kopir_catalog_gettext (self->catalog, "Before We Begin"));
  /* The very texts, and versions, of the account form: what the customer
   * accepts here is recorded as that consent. */
  set_label (self->consent_text_label, kopir_catalog_gettext (self->catalog, kopir_kyc_consent_msgid ()));
  set_label (self->risk_title_label, kopir_catalog_gettext (self->catalog, "Risk Warnings"));
  set_label (self->risk_text_label, kopir_catalog_gettext (self->catalog, kopir_kyc_risk_warning_msgid ()));
  /* Labels of their own, which wrap on a narrow screen. */
  set_label (self->data_label,
             kopir_catalog_gettext (self->catalog, "I agree that my personal data is processed to open and keep my account."));
  set_label (self->risk_label,
             kopir_catalog_gettext (self->catalog, "I have read the risk warnings and understand that I may lose the money "
                                    "I invest."));
  gtk_button_set_label (self->decline_button, kopir_catalog_gettext (self->catalog, "Decline"));
  gtk_button_set_label (self->accept_button, kopir_catalog_gettext (self->catalog, "I Accept"));

  set_label (self->code_title_label, kopir_catalog_gettext (self->catalog, "Confirm with Your Code"));
  code_text = g_strdup_printf (kopir_catalog_gettext (self->catalog, "A 6-digit code was sent to your phone %s. Type it here yourself. "
                                  "Do not tell it to anyone, not even the bank employee."),
                               self->phone_masked != NULL ? self->phone_masked : "");
  set_label (self->code_text_label, code_text);
  set_label (self->code_entry_label, kopir_catalog_gettext (self->catalog, "Code"));
  gtk_button_set_label (self->code_cancel_button, kopir_catalog_gettext (self->catalog, "Cancel"));
  gtk_button_set_label (self->confirm_button, kopir_catalog_gettext (self->catalog, "Confirm"));

  set_label (self->return_title_label, kopir_catalog_gettext (self->catalog, "Please Hand the Screen Back"));
}

static void
update_accept (KopirHandoverPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button),
                            gtk_check_button_get_active (self->data_check) &&
                            gtk_check_button_get_active (self->risk_check));
}

static void
begin (KopirHandoverPage *self,
       Mode               mode,
       const char        *language)
{
  self->mode = mode;
  self->done = FALSE;
  g_free (self->language);
  self->language = g_strdup (language != NULL ? language : "kk");
  g_clear_object (&self->catalog);
  self->catalog = kopir_catalog_get_for_language (self->language);

  fill_customer_texts (self);
  gtk_check_button_set_active (self->data_check, FALSE);
  gtk_check_button_set_active (self->risk_check, FALSE);
  update_accept (self);
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->code_error_label), FALSE);
  kopir_handover_page_set_busy (self, FALSE);

  gtk_stack_set_visible_child_name (self->stack, "give");
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_continue_button));
}

static void
on_customer_continue_clicked (KopirHandoverPage *self)
{
  if (self->mode == MODE_CONSENT)
    {
      gtk_stack_set_visible_child_name (self->stack, "consent");
      gtk_widget_grab_focus (GTK_WIDGET (self->data_check));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "code");
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
    }
}

static void
on_give_cancel_clicked (KopirHandoverPage *self)
{
  self->mode = MODE_NONE;
  g_signal_emit (self, signals[CANCELLED], 0);
}

static void
on_check_toggled (KopirHandoverPage *self)
{
  update_accept (self);
}

static void
on_accept_clicked (KopirHandoverPage *self)
{
  g_signal_emit (self, signals[CONSENT], 0, TRUE);
}

static void
on_decline_clicked (KopirHandoverPage *self)
{
  g_signal_emit (self, signals[CONSENT], 0, FALSE);
}

static void
confirm_code (KopirHandoverPage *self)
{
  g_autofree char *code = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->confirm_button)) || self->busy)
    return;

  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");

  if (strlen (code) != 6 || strspn (code, "0123456789") != 6)
    {
      gtk_label_set_label (self->code_error_label, kopir_catalog_gettext (self->catalog, "The code is the 6 digits in the text message."));
      gtk_widget_set_visible (GTK_WIDGET (self->code_error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      memset (code, 0, strlen (code));
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->code_error_label), FALSE);
  g_signal_emit (self, signals[CODE], 0, code);
  memset (code, 0, strlen (code));
}

static void
on_confirm_clicked (KopirHandoverPage *self)
{
  confirm_code (self);
}

static void
on_code_activate (KopirHandoverPage *self)
{
  confirm_code (self);
}

static void
on_code_cancel_clicked (KopirHandoverPage *self)
{
  g_signal_emit (self, signals[CANCELLED], 0);
}

static void
on_return_continue_clicked (KopirHandoverPage *self)
{
  self->mode = MODE_NONE;
  g_signal_emit (self, signals[RETURNED], 0, self->done);
}

static void
kopir_handover_page_dispose (GObject *object)
{
  KopirHandoverPage *self = KOPIR_HANDOVER_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_HANDOVER_PAGE);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (kopir_handover_page_parent_class)->dispose (object);
}

static void
kopir_handover_page_finalize (GObject *object)
{
  KopirHandoverPage *self = KOPIR_HANDOVER_PAGE (object);

  g_free (self->language);
  g_free (self->phone_masked);
  g_free (self->summary);

  G_OBJECT_CLASS (kopir_handover_page_parent_class)->finalize (object);
}

/* Whoever holds the screen finds the keyboard where they act next. */
static gboolean
kopir_handover_page_grab_focus (GtkWidget *widget)
{
  KopirHandoverPage *self = KOPIR_HANDOVER_PAGE (widget);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (step, "consent") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->data_check));
  if (g_strcmp0 (step, "code") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
  if (g_strcmp0 (step, "return") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->return_button));
  return gtk_widget_grab_focus (GTK_WIDGET (self->customer_continue_button));
}

static void
kopir_handover_page_class_init (KopirHandoverPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->grab_focus = kopir_handover_page_grab_focus;

  object_class->dispose = kopir_handover_page_dispose;
  object_class->finalize = kopir_handover_page_finalize;

  /**
   * KopirHandoverPage::consent:
   * @accepted: whether the customer accepted
   */
  signals[CONSENT] = g_signal_new ("consent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * KopirHandoverPage::code:
   * @code: the six digits the customer typed; the handler must not keep
   *   them
   */
  signals[CODE] = g_signal_new ("code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * KopirHandoverPage::cancelled:
   *
   * Staff took the screen back before handing it over, or the customer
   * cancelled.
   */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KopirHandoverPage::returned:
   * @done: whether the customer did what they were asked
   *
   * Staff have the screen back.
   */
  signals[RETURNED] = g_signal_new ("returned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kopir/Kopir/kopir-handover-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, customer_continue_button);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, customer_continue_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, consent_title_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, consent_text_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, risk_title_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, risk_text_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, data_check);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, risk_check);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, data_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, risk_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, decline_button);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, accept_button);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, code_title_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, code_text_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, code_entry_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, code_error_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, code_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, return_title_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, return_text_label);
  gtk_widget_class_bind_template_child (widget_class, KopirHandoverPage, return_button);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_continue_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_give_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_decline_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_code_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_code_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_return_continue_clicked);
}

static void
kopir_handover_page_init (KopirHandoverPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->catalog = kopir_catalog_get_for_language ("kk");
}

GtkWidget *
kopir_handover_page_new (void)
{
  return g_object_new (KOPIR_TYPE_HANDOVER_PAGE, NULL);
}

/**
 * kopir_handover_page_begin_consent:
 * @self: a #KopirHandoverPage
 * @language: the customer's language: "kk", "ru" or "en"
 *
 * Asks staff to hand the screen over, then shows the customer the
 * personal data consent and the risk warnings
 * (%KOPIR_HANDOVER_CONSENT_VERSION) to accept or decline.
 */
void
kopir_handover_page_begin_consent (KopirHandoverPage *self,
                                   const char        *language)
{
  g_return_if_fail (KOPIR_IS_HANDOVER_PAGE (self));

  g_clear_pointer (&self->phone_masked, g_free);
  g_clear_pointer (&self->summary, g_free);
  begin (self, MODE_CONSENT, language);
}

/**
 * kopir_handover_page_begin_code:
 * @self: a #KopirHandoverPage
 * @language: the customer's language
 * @phone_masked: where the code went, masked
 * @summary: (nullable): what the code confirms (a purchase), in the
 *   customer's language
 *
 * Asks staff to hand the screen over, then asks the customer for the code
 * sent to their phone; #KopirHandoverPage::code gives it.
 */
void
kopir_handover_page_begin_code (KopirHandoverPage *self,
                                const char        *language,
                                const char        *phone_masked,
                                const char        *summary)
{
  g_return_if_fail (KOPIR_IS_HANDOVER_PAGE (self));

  g_free (self->phone_masked);
  self->phone_masked = g_strdup (phone_masked);
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL);
  begin (self, MODE_CODE, language);
}

/**
 * kopir_handover_page_show_wrong_code:
 * @self: a #KopirHandoverPage
 * @attempts_left: how many more tries the exchange allows
 *
 * Tells the customer, in their language, that the code was wrong.
 */
void
kopir_handover_page_show_wrong_code (KopirHandoverPage *self,
                                     guint              attempts_left)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KOPIR_IS_HANDOVER_PAGE (self));

  text = g_strdup_printf (kopir_catalog_ngettext (self->catalog,
                                                  "The code is wrong. You may try %u more time.",
                                                  "The code is wrong. You may try %u more times.",
                                                  attempts_left),
                          attempts_left);
  gtk_label_set_label (self->code_error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->code_error_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  kopir_handover_page_set_busy (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

void
kopir_handover_page_set_busy (KopirHandoverPage *self,
                              gboolean           busy)
{
  g_return_if_fail (KOPIR_IS_HANDOVER_PAGE (self));

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_cancel_button), !busy);
}

/**
 * kopir_handover_page_hand_back:
 * @self: a #KopirHandoverPage
 * @done: whether the customer did what they were asked (accepted, or
 *   typed the right code); otherwise the customer is told it did not work
 *
 * Asks the customer, in their language, to hand the screen back; staff
 * continue from there (#KopirHandoverPage::returned).
 */
void
kopir_handover_page_hand_back (KopirHandoverPage *self,
                               gboolean           done)
{
  g_return_if_fail (KOPIR_IS_HANDOVER_PAGE (self));

  self->done = done;
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  kopir_handover_page_set_busy (self, FALSE);
  if (done)
    set_label (self->return_text_label, kopir_catalog_gettext (self->catalog, "Thank you. The bank employee will continue."));
  else if (self->mode == MODE_CODE)
    set_label (self->return_text_label,
               kopir_catalog_gettext (self->catalog, "The code could not be confirmed. The bank employee will send you a new one."));
  else
    set_label (self->return_text_label, kopir_catalog_gettext (self->catalog, "Nothing was opened in your name."));
  gtk_stack_set_visible_child_name (self->stack, "return");
  gtk_widget_grab_focus (GTK_WIDGET (self->return_button));
}

/**
 * kopir_handover_page_get_language:
 * @self: a #KopirHandoverPage
 *
 * Returns: the customer's language the page speaks
 */
const char *
kopir_handover_page_get_language (KopirHandoverPage *self)
{
  g_return_val_if_fail (KOPIR_IS_HANDOVER_PAGE (self), NULL);
  return self->language;
}
