/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-account-error.c: problem documents of the onboarding, bank and
 * pilot contract, with the fields they concern
 *
 * The contract answers errors as RFC 9457 problem+json with a stable
 * `code` and, for validation, `errors: [{field, code, message}]`. The
 * English texts are for developers; each code maps to a translated message
 * here, and the per-field messages ride in the error's private data (an
 * extended GError domain) so a form can put each next to its field.
 */

#define G_LOG_DOMAIN "kopir-account-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kopir-account-error.h"
#include "kopir-json-private.h"

typedef struct
{
  char       *problem_code;
  GHashTable *field_errors;
} KopirAccountErrorPrivate;

static void
kopir_account_error_private_init (KopirAccountErrorPrivate *priv)
{
  priv->problem_code = NULL;
  priv->field_errors = NULL;
}

static void
kopir_account_error_private_copy (const KopirAccountErrorPrivate *src,
                                  KopirAccountErrorPrivate       *dest)
{
  dest->problem_code = g_strdup (src->problem_code);
  dest->field_errors = src->field_errors != NULL ? g_hash_table_ref (src->field_errors) : NULL;
}

static void
kopir_account_error_private_clear (KopirAccountErrorPrivate *priv)
{
  g_clear_pointer (&priv->problem_code, g_free);
  g_clear_pointer (&priv->field_errors, g_hash_table_unref);
}

G_DEFINE_EXTENDED_ERROR (KopirAccountError, kopir_account_error)

typedef struct
{
  const char *code;
  const char *message;
} CodeMessage;

/* Field error codes of the contract, in the words of a form. */
static const CodeMessage field_messages[] = {
  { "required", N_("Fill in this field.") },
  { "invalid_type", N_("This value is not of the right kind.") },
  { "unknown_field", N_("Kopir sent a field the exchange does not know. Update Kopir.") },
  { "too_long", N_("This is too long. Shorten it.") },
  { "too_short", N_("This is too short.") },
  { "invalid_format", N_("Check the format of this value.") },
  { "invalid_value", N_("This value is not allowed. Choose another.") },
  { "invalid_date", N_("Enter a real date.") },
  { "date_in_future", N_("This date cannot be in the future.") },
  { "date_order", N_("The expiry date must come after the issue date.") },
  { "iin_checksum", N_("This IIN is not valid. Check the 12 digits.") },
  { "iin_birth_date_mismatch", N_("The IIN does not match the date of birth.") },
  { "iin_sex_mismatch", N_("The IIN does not match the sex given.") },
  { "underage", N_("You must be 18 or older to open an account.") },
  { "document_number_format", N_("Check the document number: an ID card has 9 digits, a passport N and 8 digits.") },
  { "phone_format", N_("Enter the phone number as +7 and 10 digits.") },
  { "email_format", N_("Enter a valid e-mail address.") },
  { "consent_required", N_("Accept this to continue.") },
  { "iban_format", N_("An IBAN has 20 characters and starts with KZ.") },
  { "iban_country", N_("Only accounts at Kazakh banks (KZ…) can be linked.") },
  { "iban_checksum", N_("This IBAN is not valid. Check it for a typing error.") },
  { "iban_unknown_bank", N_("The bank of this IBAN is not known. Check the IBAN.") },
  { "holder_name_mismatch", N_("The account holder must be you: enter your name as in your ID.") },
  { "holder_iin_mismatch", N_("The account holder must be you: enter your own IIN.") },
  { "amount_format", N_("Enter an amount such as 15000 or 15000.50.") },
  { "amount_too_small", N_("The amount is too small.") },
  { "amount_too_large", N_("The amount is too large.") },
  { "amount_precision", N_("Tenge amounts have at most 2 digits after the point.") },
  { "insufficient_balance", N_("Your balance is too low for this amount.") },
  { "unknown_link", N_("This bank account is not linked any more. Choose another.") },
  { "unknown_question", N_("The questionnaire has changed. Start it again.") },
  { "unknown_option", N_("The questionnaire has changed. Start it again.") },
  { "duplicate_answer", N_("A question was answered twice. Start the questionnaire again.") },
  { "wrong_version", N_("The questionnaire has changed. Start it again.") },
  { "image_type", N_("Use a JPEG or PNG photo.") },
  { "image_too_small", N_("The photo is too small. Take it again closer, at least 640×480 pixels.") },
  { "image_too_large", N_("The photo is too large. Use one under 10 MB.") },
  { "image_empty", N_("The photo is empty. Take it again.") },
  { "otp_mismatch", N_("The code is not right. Check it and try again.") },
};

/**
 * kopir_account_describe_field_code:
 * @code: a field error code of the contract
 *
 * Returns: a translated message for a form field
 */
const char *
kopir_account_describe_field_code (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_messages); i++)
    {
      if (g_strcmp0 (field_messages[i].code, code) == 0)
        return _(field_messages[i].message);
    }

  return _("Check this value.");
}

static KopirAccountError
error_for (guint       status,
           const char *code)
{
  if (g_strcmp0 (code, "validation_failed") == 0 || status == 422)
    return KOPIR_ACCOUNT_ERROR_INVALID;
  if (g_strcmp0 (code, "credentials_already_issued") == 0)
    return KOPIR_ACCOUNT_ERROR_ALREADY_DONE;
  if (g_strcmp0 (code, "invalid_state") == 0)
    return KOPIR_ACCOUNT_ERROR_INVALID_STATE;
  if (g_strcmp0 (code, "image_type") == 0 || status == 415)
    return KOPIR_ACCOUNT_ERROR_UNSUPPORTED_IMAGE;
  if (status == 401 || status == 403)
    return KOPIR_ACCOUNT_ERROR_UNAUTHORIZED;
  if (status == 404)
    return KOPIR_ACCOUNT_ERROR_NOT_FOUND;
  if (status == 409)
    return KOPIR_ACCOUNT_ERROR_CONFLICT;
  if (status == 413)
    return KOPIR_ACCOUNT_ERROR_TOO_LARGE;
  if (status == 429)
    return KOPIR_ACCOUNT_ERROR_RATE_LIMITED;

  return KOPIR_ACCOUNT_ERROR_FAILED;
}

static const char *
describe (KopirAccountError  error,
          const char        *code)
{
  if (g_strcmp0 (code, "link_exists") == 0)
    return _("This bank account is already linked.");
  if (g_strcmp0 (code, "link_limit") == 0)
    return _("You have linked as many bank accounts as allowed. Unlink one first.");
  if (g_strcmp0 (code, "session_expired") == 0)
    return _("The staff session has ended. Sign in again.");
  if (g_strcmp0 (code, "invalid_credentials") == 0)
    return _("The staff ID or password is not right.");
  if (g_strcmp0 (code, "staff_locked") == 0)
    return _("Too many wrong passwords. Wait 15 minutes, then sign in again.");
  if (g_strcmp0 (code, "otp_expired") == 0)
    return _("The code has expired. Send a new one.");

  switch (error)
    {
    case KOPIR_ACCOUNT_ERROR_INVALID:
      return _("Some details need correcting. Check the highlighted fields.");
    case KOPIR_ACCOUNT_ERROR_UNAUTHORIZED:
      return _("The exchange did not accept Kopir’s credentials. Sign in again or check the API key.");
    case KOPIR_ACCOUNT_ERROR_NOT_FOUND:
      return _("The exchange does not know this item any more. Refresh and try again.");
    case KOPIR_ACCOUNT_ERROR_INVALID_STATE:
      return _("This cannot be changed now: the application has moved on. Refresh to see where it is.");
    case KOPIR_ACCOUNT_ERROR_ALREADY_DONE:
      return _("This was done already.");
    case KOPIR_ACCOUNT_ERROR_CONFLICT:
      return _("This clashes with something that exists already.");
    case KOPIR_ACCOUNT_ERROR_TOO_LARGE:
      return _("The file is too large. Use one under 10 MB.");
    case KOPIR_ACCOUNT_ERROR_UNSUPPORTED_IMAGE:
      return _("Use a JPEG or PNG photo.");
    case KOPIR_ACCOUNT_ERROR_RATE_LIMITED:
      return _("Too many attempts. Wait a little and try again.");
    case KOPIR_ACCOUNT_ERROR_NOT_OFFERED:
      return _("This exchange does not open accounts through Kopir. Choose another exchange in Preferences.");
    case KOPIR_ACCOUNT_ERROR_FAILED:
    default:
      return _("Something went wrong at the exchange. Try again later.");
    }
}

/**
 * kopir_account_error_from_problem:
 * @http_status: the answer's status
 * @problem: (nullable): the problem+json document
 *
 * Returns: (transfer full): a %KOPIR_ACCOUNT_ERROR carrying the problem's
 *   code and per-field messages
 */
GError *
kopir_account_error_from_problem (guint     http_status,
                                  JsonNode *problem)
{
  JsonObject *object = kopir_json_get_object (problem);
  const char *code = kopir_json_object_string (object, "code");
  KopirAccountErrorPrivate *priv;
  KopirAccountError error_code;
  JsonArray *errors = NULL;
  GError *error;

  error_code = error_for (http_status, code);
  error = g_error_new_literal (KOPIR_ACCOUNT_ERROR, error_code, describe (error_code, code));

  priv = kopir_account_error_get_private (error);
  priv->problem_code = g_strdup (code);
  priv->field_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (object != NULL && json_object_has_member (object, "errors"))
    errors = kopir_json_get_array (json_object_get_member (object, "errors"));

  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonObject *item = kopir_json_get_object (json_array_get_element (errors, i));
      const char *field = kopir_json_object_string (item, "field");
      const char *field_code = kopir_json_object_string (item, "code");

      if (field == NULL)
        continue;

      /* The first message for a field is the one shown. */
      if (!g_hash_table_contains (priv->field_errors, field))
        g_hash_table_insert (priv->field_errors, g_strdup (field),
                             (gpointer) kopir_account_describe_field_code (field_code));
    }

  g_debug ("Account error: HTTP %u, %s, %u fields", http_status, code ? code : "(none)",
           g_hash_table_size (priv->field_errors));

  return error;
}

static KopirAccountErrorPrivate *
get_private_or_null (const GError *error)
{
  if (error == NULL || error->domain != KOPIR_ACCOUNT_ERROR)
    return NULL;

  return kopir_account_error_get_private (error);
}

/**
 * kopir_account_error_get_problem_code:
 * @error: (nullable): an error
 *
 * Returns: (nullable): the contract's code, such as "validation_failed"
 */
const char *
kopir_account_error_get_problem_code (const GError *error)
{
  KopirAccountErrorPrivate *priv = get_private_or_null (error);

  return priv != NULL ? priv->problem_code : NULL;
}

/**
 * kopir_account_error_get_field_errors:
 * @error: (nullable): an error
 *
 * Returns: (transfer none) (nullable): field paths of the request
 *   ("iin", "document.expiry_date") to translated messages
 */
GHashTable *
kopir_account_error_get_field_errors (const GError *error)
{
  KopirAccountErrorPrivate *priv = get_private_or_null (error);

  return priv != NULL ? priv->field_errors : NULL;
}

/**
 * kopir_account_error_get_field_error:
 * @error: (nullable): an error
 * @field: a field path
 *
 * Returns: (nullable): the translated message for @field
 */
const char *
kopir_account_error_get_field_error (const GError *error,
                                     const char   *field)
{
  GHashTable *fields = kopir_account_error_get_field_errors (error);

  return fields != NULL ? g_hash_table_lookup (fields, field) : NULL;
}
