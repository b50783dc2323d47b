/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-bank.c: the bank desk and the pilot limit
 * (data/kopir-api.yaml, tags bank and pilot), and the sandbox's incoming
 * transfers.
 *
 * Tenge comes only from, and goes only back to, the customer's own bank
 * accounts: a link needs a valid Kazakh IBAN of a known bank, the
 * customer's name and IIN.  A transfer from anyone else is returned.
 */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>

#include "kopir-iban.h"
#include "kopir-iin.h"
#include "kopir-payment-details.h"
#include "kopir-sandbox-server-private.h"

#define MAX_LINKS 3

/* The sandbox exchange's own account, for deposit instructions. */
#define EXCHANGE_NAME "Kopir Sandbox Exchange Ltd."
#define EXCHANGE_BIN  "210340000013"
#define EXCHANGE_IBAN "KZ988560000000123456"

static const KopirDecimal zero = { 0, 0 };

typedef struct
{
  char *first_name;
  char *last_name;
  char *patronymic;
  char *latin_name;
  char *iin;
} Holder;

static void
holder_clear (Holder *h)
{
  g_clear_pointer (&h->first_name, g_free);
  g_clear_pointer (&h->last_name, g_free);
  g_clear_pointer (&h->patronymic, g_free);
  g_clear_pointer (&h->latin_name, g_free);
  g_clear_pointer (&h->iin, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Holder, holder_clear)

static gboolean
holder_load (KopirSandboxServer *self,
             gint64              customer_id,
             Holder             *h)
{
  sqlite3_stmt *stmt = kopir_sandbox_store_prepare (self->store,
                                                    "SELECT first_name, last_name, patronymic, latin_name, iin "
                                                    "FROM customers WHERE id = ?");
  gboolean found = FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      h->first_name = g_strdup (kopir_sandbox_column_text (stmt, 0));
      h->last_name = g_strdup (kopir_sandbox_column_text (stmt, 1));
      h->patronymic = g_strdup (kopir_sandbox_column_text (stmt, 2));
      h->latin_name = g_strdup (kopir_sandbox_column_text (stmt, 3));
      h->iin = g_strdup (kopir_sandbox_column_text (stmt, 4));
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The words of a name, normalised (NFKC, case-folded) and sorted, so
 * word order, case and spacing do not matter. */
static char *
words_key (const char *name)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GString) key = g_string_new (NULL);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");

  normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal ? normal : "", -1);
  for (char *p = folded; *p; p++)
    if (*p == '-' || *p == '\t' || *p == ',' || *p == '.')
      *p = ' ';
  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_sort (kept, compare_words);
  for (guint i = 0; i < kept->len; i++)
    {
      if (i > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, g_ptr_array_index (kept, i));
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

/**
 * holder_name_matches:
 *
 * A bank account's holder name is the customer's when it has the same
 * words as the name in their ID, with or without the patronymic, or as
 * their Latin name, in any order and case.
 */
static gboolean
holder_name_matches (const Holder *h,
                     const char   *holder_name)
{
  g_autofree char *given = words_key (holder_name);
  g_autofree char *with_patronymic = NULL;
  g_autofree char *without = NULL;
  g_autofree char *full = NULL;
  g_autofree char *short_name = NULL;
  g_autofree char *latin = NULL;

  if (given[0] == '\0')
    return FALSE;

  full = g_strjoin (" ", h->last_name, h->first_name, h->patronymic ? h->patronymic : "", NULL);
  short_name = g_strjoin (" ", h->last_name, h->first_name, NULL);
  with_patronymic = words_key (full);
  without = words_key (short_name);
  latin = words_key (h->latin_name);

  return strcmp (given, with_patronymic) == 0 || strcmp (given, without) == 0 ||
         (latin[0] != '\0' && strcmp (given, latin) == 0);
}

static void
write_link (KopirSandboxServer *self,
            KopirSandboxJson   *w,
            gint64              id,
            const char         *iban,
            const char         *holder_name,
            gint64              created_at)
{
  KopirIbanInfo info;
  char link_id[32];

  g_snprintf (link_id, sizeof link_id, "lnk_%" G_GINT64_FORMAT, id);
  kopir_iban_validate (iban, self->banks, &info, NULL);

  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "id", link_id);
  kopir_sandbox_json_kv_string (w, "iban", iban);
  kopir_sandbox_json_kv_string (w, "bank_code", info.bank_code);
  kopir_sandbox_json_kv_string (w, "bic", info.bank ? info.bank->bic : "");
  kopir_sandbox_json_kv_string (w, "bank_name", info.bank ? info.bank->name_en : "");
  kopir_sandbox_json_kv_string (w, "holder_name", holder_name);
  kopir_sandbox_json_kv_string (w, "status", "active");
  kopir_sandbox_json_kv_int (w, "created_at", created_at);
  kopir_sandbox_json_end_object (w);
}

static void
list_links (KopirSandboxServer *self,
            Request            *req)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt;
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_key (&w, "links");
  kopir_sandbox_json_begin_array (&w);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT id, iban, holder_name, created_at FROM bank_links "
                                      "WHERE customer_id = ? AND deleted = 0 ORDER BY id");
  sqlite3_bind_int64 (stmt, 1, req->customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    write_link (self, &w, sqlite3_column_int64 (stmt, 0), kopir_sandbox_column_text (stmt, 1),
                kopir_sandbox_column_text (stmt, 2), sqlite3_column_int64 (stmt, 3));
  sqlite3_reset (stmt);
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static gboolean
check_iban (KopirSandboxServer *self,
            Request            *req,
            const char         *field,
            const char         *text,
            KopirIbanInfo      *info)
{
  g_autoptr(GError) error = NULL;
  const char *code = "iban_format";
  const char *message = "A Kazakh IBAN is KZ followed by 18 letters and digits.";

  if (kopir_iban_validate (text, self->banks, info, &error))
    return TRUE;

  switch ((KopirIbanError) error->code)
    {
    case KOPIR_IBAN_ERROR_NOT_KAZAKH:
      code = "iban_country";
      message = "Only accounts at banks in Kazakhstan (IBAN starting with KZ) can be linked.";
      break;
    case KOPIR_IBAN_ERROR_WRONG_CHECK_DIGITS:
      code = "iban_checksum";
      message = "The IBAN's check digits are wrong; check it against your bank's app.";
      break;
    case KOPIR_IBAN_ERROR_UNKNOWN_BANK:
      code = "iban_unknown_bank";
      message = "The IBAN's bank code is not a known bank in Kazakhstan.";
      break;
    case KOPIR_IBAN_ERROR_EMPTY:
      code = "required";
      message = "This field is required.";
      break;
    case KOPIR_IBAN_ERROR_INVALID_CHARACTERS:
    case KOPIR_IBAN_ERROR_TOO_SHORT:
    case KOPIR_IBAN_ERROR_TOO_LONG:
    default:
      break;
    }
  add_field_error (req, field, code, message);
  return FALSE;
}

static void
create_link (KopirSandboxServer *self,
             Request            *req)
{
  static const char * const allowed[] = { "iban", "holder_name", "holder_iin", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  g_auto(Holder) holder = { NULL, };
  g_autoptr(GString) out = NULL;
  const char *iban_text, *holder_name, *holder_iin;
  KopirIbanInfo info;
  sqlite3_stmt *stmt;
  KopirSandboxJson w;
  gint64 n_links = 0, id;
  gboolean exists;

  if (body == NULL)
    return;

  iban_text = json_string_member (req, body, NULL, "iban", TRUE, 64);
  holder_name = json_string_member (req, body, NULL, "holder_name", TRUE, 200);
  holder_iin = json_string_member (req, body, NULL, "holder_iin", TRUE, 32);
  if (iban_text != NULL)
    check_iban (self, req, "iban", iban_text, &info);
  if (holder_iin != NULL && !kopir_iin_validate (holder_iin, NULL, NULL))
    {
      add_field_error (req, "holder_iin", "iin_checksum", "This is not a valid IIN.");
      holder_iin = NULL;
    }
  if (respond_if_field_errors (req))
    return;

  holder_load (self, req->customer_id, &holder);
  if (strcmp (holder_iin, holder.iin) != 0)
    add_field_error (req, "holder_iin", "holder_iin_mismatch",
                     "The account holder's IIN is not yours: only your own account can be linked.");
  if (!holder_name_matches (&holder, holder_name))
    add_field_error (req, "holder_name", "holder_name_mismatch",
                     "The account holder's name is not yours: only your own account can be linked.");
  if (respond_if_field_errors (req))
    return;

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT count(*), sum(iban = ?) FROM bank_links WHERE customer_id = ? AND deleted = 0");
  sqlite3_bind_text (stmt, 1, info.iban, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, req->customer_id);
  sqlite3_step (stmt);
  n_links = sqlite3_column_int64 (stmt, 0);
  exists = sqlite3_column_int64 (stmt, 1) > 0;
  sqlite3_reset (stmt);

  if (exists)
    {
      respond_problem (req, SOUP_STATUS_CONFLICT, "link_exists", "This account is already linked", NULL);
      return;
    }
  if (n_links >= MAX_LINKS)
    {
      respond_problem (req, SOUP_STATUS_CONFLICT, "link_limit", "At most 3 bank accounts can be linked",
                       "Unlink an account first.");
      return;
    }

  id = kopir_sandbox_store_next_id (self->store, "link", 1);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "INSERT INTO bank_links (id, customer_id, iban, holder_name, created_at) "
                                      "VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, req->customer_id);
  sqlite3_bind_text (stmt, 3, info.iban, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, holder_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, req->now);
  kopir_sandbox_store_step_done (self->store, stmt);

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  write_link (self, &w, id, info.iban, holder_name, req->now);
  respond_json (req, SOUP_STATUS_CREATED, out);
}

/**
 * account_holder:
 *
 * GET /bank/v1/holder: the name and IIN the review desk verified, which a
 * linked account must carry.  Clients show them before a link is tried,
 * so a customer learns the rule before being refused.
 */
static void
account_holder (KopirSandboxServer *self,
                Request            *req)
{
  g_auto(Holder) holder = { NULL, };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = NULL;
  KopirSandboxJson w;
  char cid[16];

  if (!holder_load (self, req->customer_id, &holder))
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such customer", NULL);
      return;
    }

  /* As in the identity document: surname, first name, patronymic. */
  if (holder.patronymic != NULL && holder.patronymic[0] != '\0')
    name = g_strjoin (" ", holder.last_name, holder.first_name, holder.patronymic, NULL);
  else
    name = g_strjoin (" ", holder.last_name, holder.first_name, NULL);
  g_snprintf (cid, sizeof cid, "%" G_GINT64_FORMAT, req->customer_id);

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "customer_id", cid);
  kopir_sandbox_json_kv_string (&w, "holder_name", name);
  kopir_sandbox_json_kv_string (&w, "holder_iin", holder.iin);
  /* The review desk admits residents only. */
  kopir_sandbox_json_kv_bool (&w, "resident", TRUE);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static gint64
link_id_from_text (const char *text)
{
  gint64 id;

  if (text == NULL || !g_str_has_prefix (text, "lnk_") ||
      !kopir_sandbox_parse_int64 (text + 4, 1, G_MAXINT64, &id))
    return 0;
  return id;
}

static void
delete_link (KopirSandboxServer *self,
             Request            *req)
{
  gint64 id = link_id_from_text (req->path_args[0]);
  sqlite3_stmt *stmt;

  stmt = kopir_sandbox_store_prepare (self->store,
                                      "UPDATE bank_links SET deleted = 1 WHERE id = ? AND customer_id = ? AND deleted = 0");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, req->customer_id);
  kopir_sandbox_store_step_done (self->store, stmt);

  if (sqlite3_changes (sqlite3_db_handle (stmt)) == 0)
    respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such bank link", NULL);
  else
    respond_no_content (req);
}

static void
deposit_instructions (KopirSandboxServer *self,
                      Request            *req)
{
  const char *lang = kopir_sandbox_params_get (req->params, "lang");
  g_autoptr(KopirPaymentDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  KopirSandboxJson w;
  KopirDecimal min_amount = { 100, 2 };
  char cid[16];

  if (lang == NULL || !g_strv_contains ((const char * const[]) { "kk", "ru", "en", NULL }, lang))
    lang = "en";
  g_snprintf (cid, sizeof cid, "%" G_GINT64_FORMAT, req->customer_id);
  details = kopir_payment_details_new (EXCHANGE_NAME, EXCHANGE_BIN, EXCHANGE_IBAN, self->banks, cid,
                                       KOPIR_PAYMENT_KNP_DIGITAL_ASSETS, TRUE, lang, &error);
  if (details == NULL)
    {
      g_warning ("Cannot make deposit instructions: %s", error->message);
      respond_problem (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal_error",
                       "Deposit instructions are not available", NULL);
      return;
    }

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "beneficiary_name", details->beneficiary_name);
  kopir_sandbox_json_kv_string (&w, "beneficiary_bin", details->beneficiary_bin);
  kopir_sandbox_json_kv_string (&w, "iban", details->iban);
  kopir_sandbox_json_kv_string (&w, "bic", details->bic);
  kopir_sandbox_json_kv_string (&w, "bank_name", details->bank_name);
  kopir_sandbox_json_kv_string (&w, "kbe", details->kbe);
  kopir_sandbox_json_kv_string (&w, "knp", details->knp);
  kopir_sandbox_json_kv_string (&w, "knp_alternative", KOPIR_PAYMENT_KNP_OTHER);
  kopir_sandbox_json_kv_string (&w, "kod", details->kod);
  kopir_sandbox_json_kv_string (&w, "purpose", details->purpose);
  kopir_sandbox_json_kv_string (&w, "customer_id", details->customer_id);
  kopir_sandbox_json_kv_string (&w, "currency", "KZT");
  kopir_sandbox_json_kv_decimal (&w, "min_amount", &min_amount, 2);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
write_deposit (KopirSandboxJson *w,
               sqlite3_stmt     *stmt)
{
  KopirDecimal amount = kopir_sandbox_column_decimal (stmt, 2);
  char id[32];

  g_snprintf (id, sizeof id, "dep_%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "id", id);
  kopir_sandbox_json_kv_decimal (w, "amount", &amount, 2);
  kopir_sandbox_json_kv_string (w, "currency", "KZT");
  kopir_sandbox_json_kv_string (w, "status", kopir_sandbox_column_text (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    kopir_sandbox_json_kv_string (w, "return_reason", kopir_sandbox_column_text (stmt, 4));
  kopir_sandbox_json_key (w, "customer_id");
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      char cid[16];

      g_snprintf (cid, sizeof cid, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1));
      kopir_sandbox_json_string (w, cid);
    }
  else
    kopir_sandbox_json_null (w);
  kopir_sandbox_json_kv_string (w, "sender_iban", kopir_sandbox_column_text (stmt, 5));
  kopir_sandbox_json_kv_string (w, "sender_name", kopir_sandbox_column_text (stmt, 6));
  kopir_sandbox_json_kv_string (w, "purpose", kopir_sandbox_column_text (stmt, 7));
  kopir_sandbox_json_kv_string (w, "knp", kopir_sandbox_column_text (stmt, 8));
  kopir_sandbox_json_kv_int (w, "created_at", sqlite3_column_int64 (stmt, 9));
  kopir_sandbox_json_end_object (w);
}

#define DEPOSIT_COLUMNS "id, customer_id, amount, status, return_reason, sender_iban, sender_name, purpose, knp, created_at"

static void
list_deposits (KopirSandboxServer *self,
               Request            *req)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt;
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_key (&w, "deposits");
  kopir_sandbox_json_begin_array (&w);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT " DEPOSIT_COLUMNS " FROM deposits WHERE customer_id = ? ORDER BY id DESC LIMIT 500");
  sqlite3_bind_int64 (stmt, 1, req->customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    write_deposit (&w, stmt);
  sqlite3_reset (stmt);
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
write_withdrawal (KopirSandboxJson *w,
                  sqlite3_stmt     *stmt)
{
  KopirDecimal amount = kopir_sandbox_column_decimal (stmt, 3);
  char id[32], link_id[32];

  g_snprintf (id, sizeof id, "wd_%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  g_snprintf (link_id, sizeof link_id, "lnk_%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1));
  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "id", id);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    kopir_sandbox_json_kv_string (w, "client_withdrawal_id", kopir_sandbox_column_text (stmt, 4));
  kopir_sandbox_json_kv_string (w, "link_id", link_id);
  kopir_sandbox_json_kv_string (w, "iban", kopir_sandbox_column_text (stmt, 2));
  kopir_sandbox_json_kv_decimal (w, "amount", &amount, 2);
  kopir_sandbox_json_kv_string (w, "currency", "KZT");
  kopir_sandbox_json_kv_string (w, "status", "completed");
  kopir_sandbox_json_kv_int (w, "created_at", sqlite3_column_int64 (stmt, 5));
  kopir_sandbox_json_end_object (w);
}

static void
list_withdrawals (KopirSandboxServer *self,
                  Request            *req)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt;
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_key (&w, "withdrawals");
  kopir_sandbox_json_begin_array (&w);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT id, link_id, iban, amount, client_id, created_at FROM withdrawals "
                                      "WHERE customer_id = ? ORDER BY id DESC LIMIT 500");
  sqlite3_bind_int64 (stmt, 1, req->customer_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    write_withdrawal (&w, stmt);
  sqlite3_reset (stmt);
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
respond_withdrawal (KopirSandboxServer *self,
                    Request            *req,
                    guint               status,
                    gint64              id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt;
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT id, link_id, iban, amount, client_id, created_at FROM withdrawals WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    write_withdrawal (&w, stmt);
  sqlite3_reset (stmt);
  respond_json (req, status, out);
}

static void
create_withdrawal (KopirSandboxServer *self,
                   Request            *req)
{
  static const char * const allowed[] = { "link_id", "amount", "client_withdrawal_id", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  const char *link_text, *amount_text, *client_id;
  g_autofree char *iban = NULL;
  KopirDecimal amount = zero, free_kzt, neg;
  sqlite3_stmt *stmt;
  gint64 link_id, id;

  if (body == NULL)
    return;

  link_text = json_string_member (req, body, NULL, "link_id", TRUE, 32);
  amount_text = json_string_member (req, body, NULL, "amount", TRUE, 24);
  client_id = json_string_member (req, body, NULL, "client_withdrawal_id", FALSE, 36);
  if (amount_text != NULL)
    parse_kzt_amount (req, "amount", amount_text, &amount);
  if (client_id != NULL)
    for (const char *p = client_id; *p; p++)
      if (!g_ascii_isalnum (*p) && !strchr ("._:-", *p))
        {
          add_field_error (req, "client_withdrawal_id", "invalid_format",
                           "Use 1 to 36 letters, digits, dots, colons, underscores or hyphens.");
          break;
        }
  if (respond_if_field_errors (req))
    return;

  /* The same client id again answers the first withdrawal. */
  if (client_id != NULL)
    {
      stmt = kopir_sandbox_store_prepare (self->store,
                                          "SELECT id FROM withdrawals WHERE customer_id = ? AND client_id = ?");
      sqlite3_bind_int64 (stmt, 1, req->customer_id);
      sqlite3_bind_text (stmt, 2, client_id, -1, SQLITE_STATIC);
      id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
      if (id > 0)
        {
          respond_withdrawal (self, req, SOUP_STATUS_OK, id);
          return;
        }
    }

  link_id = link_id_from_text (link_text);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "SELECT iban FROM bank_links WHERE id = ? AND customer_id = ? AND deleted = 0");
  sqlite3_bind_int64 (stmt, 1, link_id);
  sqlite3_bind_int64 (stmt, 2, req->customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    iban = g_strdup (kopir_sandbox_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (iban == NULL)
    {
      add_field_error (req, "link_id", "unknown_link", "Withdrawals go only to one of your linked bank accounts.");
      respond_if_field_errors (req);
      return;
    }

  kopir_sandbox_store_get_balance (self->store, req->customer_id, "KZT", &free_kzt, NULL);
  if (kopir_decimal_compare (&amount, &free_kzt) > 0)
    {
      add_field_error (req, "amount", "insufficient_balance", "The amount is more than your free tenge balance.");
      respond_if_field_errors (req);
      return;
    }

  kopir_sandbox_store_begin (self->store);
  kopir_decimal_negate (&amount, &neg);
  kopir_sandbox_store_adjust_balance (self->store, req->customer_id, "KZT", &neg, NULL);
  id = kopir_sandbox_store_next_id (self->store, "withdrawal", 1);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "INSERT INTO withdrawals (id, customer_id, link_id, iban, amount, client_id, created_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, req->customer_id);
  sqlite3_bind_int64 (stmt, 3, link_id);
  sqlite3_bind_text (stmt, 4, iban, -1, SQLITE_STATIC);
  kopir_sandbox_bind_decimal (stmt, 5, &amount);
  sqlite3_bind_text (stmt, 6, client_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, req->now);
  kopir_sandbox_store_step_done (self->store, stmt);
  kopir_sandbox_store_commit (self->store);

  respond_withdrawal (self, req, SOUP_STATUS_CREATED, id);
}

static void
pilot_limits (KopirSandboxServer *self,
              Request            *req)
{
  g_autoptr(GString) out = g_string_new (NULL);
  KopirPilotLimit limit;
  KopirDecimal reserved, used, rate;
  KopirSandboxJson w;
  char month[8];
  gint64 resets_at;

  if (!pilot_compute (self, req->customer_id, &limit, &reserved))
    {
      respond_problem (req, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                       "The pilot limit cannot be computed now", "Try again in a moment.");
      return;
    }
  kopir_decimal_sub (&limit.spent_usd, &reserved, &used);
  usdt_rate (self, &rate);
  pilot_period (req->now, month, &resets_at);

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_kv_string (&w, "period", month);
  kopir_sandbox_json_kv_bool (&w, "limited", limit.limited);
  kopir_sandbox_json_kv_bool (&w, "knowledge_test_passed", !limit.limited);
  kopir_sandbox_json_kv_decimal (&w, "limit_usd", &limit.limit_usd, 2);
  kopir_sandbox_json_kv_decimal (&w, "used_usd", &used, 2);
  kopir_sandbox_json_kv_decimal (&w, "reserved_usd", &reserved, 2);
  kopir_sandbox_json_kv_decimal (&w, "remaining_usd", &limit.remaining_usd, 2);
  kopir_sandbox_json_kv_decimal (&w, "usdt_kzt", &rate, 2);
  kopir_sandbox_json_kv_decimal (&w, "remaining_kzt", &limit.remaining_kzt, 2);
  kopir_sandbox_json_kv_int (&w, "resets_at", resets_at);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

/* Finds the 7-digit customer id in a payment's purpose text: a run of
 * exactly seven digits. */
static gint64
customer_from_purpose (const char *purpose)
{
  for (const char *p = purpose; *p; p++)
    {
      gsize n = strspn (p, "0123456789");

      if (n == KOPIR_CUSTOMER_ID_LENGTH && (p == purpose || !g_ascii_isdigit (p[-1])))
        {
          g_autofree char *digits = g_strndup (p, n);

          return g_ascii_strtoll (digits, NULL, 10);
        }
      if (n > 0)
        p += n - 1;
    }
  return 0;
}

/**
 * bank_incoming_transfer:
 *
 * POST /sandbox/v1/bank-transfers: the sandbox plays the customer's bank
 * sending tenge to the exchange.  The bank desk credits it or returns it.
 */
void
bank_incoming_transfer (KopirSandboxServer *self,
                        Request            *req)
{
  static const char * const allowed[] = { "sender_iban", "sender_name", "sender_iin", "amount", "purpose",
                                          "knp", "kbe", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  const char *sender_iban, *sender_name, *sender_iin, *amount_text, *purpose, *knp, *kbe;
  const char *reason = NULL;
  g_autofree char *normal_iban = NULL;
  g_auto(Holder) holder = { NULL, };
  g_autoptr(GString) out = g_string_new (NULL);
  KopirDecimal amount = zero;
  KopirIbanInfo info;
  sqlite3_stmt *stmt;
  KopirSandboxJson w;
  gint64 customer_id = 0, id;
  gboolean known = FALSE;

  if (body == NULL)
    return;

  sender_iban = json_string_member (req, body, NULL, "sender_iban", TRUE, 64);
  sender_name = json_string_member (req, body, NULL, "sender_name", TRUE, 200);
  sender_iin = json_string_member (req, body, NULL, "sender_iin", TRUE, 12);
  amount_text = json_string_member (req, body, NULL, "amount", TRUE, 24);
  purpose = json_string_member (req, body, NULL, "purpose", TRUE, 200);
  knp = json_string_member (req, body, NULL, "knp", FALSE, 3);
  kbe = json_string_member (req, body, NULL, "kbe", FALSE, 2);
  if (amount_text != NULL)
    parse_kzt_amount (req, "amount", amount_text, &amount);
  if (sender_iin != NULL && (strlen (sender_iin) != 12 || strspn (sender_iin, "0123456789") != 12))
    add_field_error (req, "sender_iin", "invalid_format", "An IIN is 12 digits.");
  if (respond_if_field_errors (req))
    return;

  knp = knp ? knp : KOPIR_PAYMENT_KNP_DIGITAL_ASSETS;
  kbe = kbe ? kbe : KOPIR_PAYMENT_KBE_EXCHANGE;
  normal_iban = kopir_iban_normalize (sender_iban);

  customer_id = customer_from_purpose (purpose);
  if (customer_id > 0)
    known = holder_load (self, customer_id, &holder);

  if (!known)
    reason = "unknown_customer";
  else if (strcmp (knp, KOPIR_PAYMENT_KNP_DIGITAL_ASSETS) != 0 && strcmp (knp, KOPIR_PAYMENT_KNP_OTHER) != 0)
    reason = "wrong_knp";
  else if (strcmp (kbe, KOPIR_PAYMENT_KBE_EXCHANGE) != 0)
    reason = "wrong_kbe";
  else if (!kopir_iban_validate (sender_iban, self->banks, &info, NULL))
    reason = "invalid_sender_iban";
  else
    {
      gboolean linked;

      stmt = kopir_sandbox_store_prepare (self->store,
                                          "SELECT 1 FROM bank_links WHERE customer_id = ? AND iban = ? AND deleted = 0");
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_text (stmt, 2, info.iban, -1, SQLITE_STATIC);
      linked = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);

      if (!linked)
        reason = "sender_not_linked";
      else if (strcmp (sender_iin, holder.iin) != 0 || !holder_name_matches (&holder, sender_name))
        reason = "holder_mismatch";
    }

  kopir_sandbox_store_begin (self->store);
  if (reason == NULL && !kopir_sandbox_store_adjust_balance (self->store, customer_id, "KZT", &amount, NULL))
    reason = "account_limit";
  id = kopir_sandbox_store_next_id (self->store, "deposit", 1);
  stmt = kopir_sandbox_store_prepare (self->store,
                                      "INSERT INTO deposits (" DEPOSIT_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  if (known)
    sqlite3_bind_int64 (stmt, 2, customer_id);
  kopir_sandbox_bind_decimal (stmt, 3, &amount);
  sqlite3_bind_text (stmt, 4, reason ? "returned" : "credited", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, normal_iban ? normal_iban : sender_iban, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, sender_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, purpose, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, knp, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, req->now);
  kopir_sandbox_store_step_done (self->store, stmt);
  kopir_sandbox_store_commit (self->store);

  stmt = kopir_sandbox_store_prepare (self->store, "SELECT " DEPOSIT_COLUMNS " FROM deposits WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  kopir_sandbox_json_init (&w, out);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    write_deposit (&w, stmt);
  sqlite3_reset (stmt);
  respond_json (req, SOUP_STATUS_CREATED, out);
}

gboolean
bank_dispatch (KopirSandboxServer *self,
               Request            *req)
{
  const char *m = req->method;
  gboolean get = strcmp (m, "GET") == 0;

  if (!g_str_has_prefix (req->path, "/bank/") && !g_str_has_prefix (req->path, "/pilot/"))
    return FALSE;

  if (!charge_weight (self, req, 1))
    return TRUE;

  if (route_match (req, "/bank/v1/links"))
    {
      if (!get && strcmp (m, "POST") != 0)
        respond_method_not_allowed (req);
      else if (check_signed (self, req))
        get ? list_links (self, req) : create_link (self, req);
    }
  else if (route_match (req, "/bank/v1/links/*"))
    {
      if (strcmp (m, "DELETE") != 0)
        respond_method_not_allowed (req);
      else if (check_signed (self, req))
        delete_link (self, req);
    }
  else if (route_match (req, "/bank/v1/holder"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (check_signed (self, req))
        account_holder (self, req);
    }
  else if (route_match (req, "/bank/v1/deposit-instructions"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (check_signed (self, req))
        deposit_instructions (self, req);
    }
  else if (route_match (req, "/bank/v1/deposits"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (check_signed (self, req))
        list_deposits (self, req);
    }
  else if (route_match (req, "/bank/v1/withdrawals"))
    {
      if (!get && strcmp (m, "POST") != 0)
        respond_method_not_allowed (req);
      else if (check_signed (self, req))
        get ? list_withdrawals (self, req) : create_withdrawal (self, req);
    }
  else if (route_match (req, "/pilot/v1/limits"))
    {
      if (!get)
        respond_method_not_allowed (req);
      else if (check_signed (self, req))
        pilot_limits (self, req);
    }
  else
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint", NULL);
    }

  return TRUE;
}
