/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-history-csv.c: the history as a spreadsheet file
 *
 * RFC 4180 CSV in UTF-8: comma-separated, CRLF line ends, fields quoted
 * when they hold a comma, a quote or a line break. The header and the
 * words (kinds, states) are in the language of the screen, for the
 * person who opens the file; the values are for spreadsheets whatever
 * their locale: dates in ISO 8601 with their offset, amounts as the
 * exchange's exact decimals with a point and no grouping, so nothing is
 * rounded or misread as a date. A field that a spreadsheet would take for
 * a formula (starting with = + - @) is quoted and prefixed with an
 * apostrophe; only ids and references could, and negative amounts never
 * occur in the history.
 */

#define G_LOG_DOMAIN "kopir-history-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kopir-history-csv.h"
#include "kopir-history-item.h"

#define PAGE 500

/**
 * kopir_history_csv_field:
 * @text: (nullable): a value
 *
 * Returns: (transfer full): @text as one CSV field
 */
char *
kopir_history_csv_field (const char *text)
{
  GString *field;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  if (strpbrk (text, ",\"\r\n") == NULL && strchr ("=+-@\t", text[0]) == NULL)
    return g_strdup (text);

  field = g_string_new ("\"");
  if (strchr ("=+-@\t", text[0]) != NULL)
    g_string_append_c (field, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (field, '"');
      g_string_append_c (field, *p);
    }
  g_string_append_c (field, '"');

  return g_string_free (field, FALSE);
}

static void
append_fields (GString     *line,
               const char **fields,
               guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = kopir_history_csv_field (fields[i]);

      if (i > 0)
        g_string_append_c (line, ',');
      g_string_append (line, field);
    }
  g_string_append (line, "\r\n");
}

static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

static char *
decimal_or_null (gboolean            has,
                 const KopirDecimal *value)
{
  return has ? kopir_decimal_dup_string (value) : NULL;
}

/* The fees of an order, added up per asset: "0.00000100 BTC" and, in the
 * rare case of several assets, each. */
static gboolean
sum_fees (GArray        *fills,
          char         **fee,
          char         **fee_asset)
{
  KopirDecimal total = KOPIR_DECIMAL_INIT (0, 0);
  const char *asset = NULL;

  for (guint i = 0; fills != NULL && i < fills->len; i++)
    {
      const KopirLedgerFill *fill = &g_array_index (fills, KopirLedgerFill, i);

      if (asset != NULL && g_strcmp0 (asset, fill->commission_asset) != 0)
        {
          /* Mixed assets: list them rather than add unlike things. */
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint j = 0; j < fills->len; j++)
            {
              const KopirLedgerFill *f = &g_array_index (fills, KopirLedgerFill, j);
              g_autofree char *amount = kopir_decimal_dup_string (&f->commission);

              g_string_append_printf (list, "%s%s %s", j > 0 ? "; " : "", amount, f->commission_asset);
            }
          *fee = g_string_free (g_steal_pointer (&list), FALSE);
          *fee_asset = NULL;
          return TRUE;
        }
      asset = fill->commission_asset;
      if (!kopir_decimal_add (&total, &fill->commission, &total))
        return FALSE;
    }

  *fee = asset != NULL ? kopir_decimal_dup_string (&total) : NULL;
  *fee_asset = g_strdup (asset);
  return TRUE;
}

static gboolean
write_entry (KopirLedger            *ledger,
             const KopirLedgerEntry *entry,
             GString                *line,
             GError                **error)
{
  g_autofree char *time = format_time (entry->time_us);
  g_autofree char *quantity = NULL;
  g_autofree char *average = NULL;
  g_autofree char *total = NULL;
  g_autofree char *fee = NULL;
  g_autofree char *fee_asset = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *spend = NULL;
  g_autofree char *exchange_id = NULL;
  const char *type = NULL;
  const char *client_id = NULL;
  const char *reference = NULL;
  const char *quote = NULL;

  if (entry->order != NULL)
    {
      const KopirLedgerOrder *order = entry->order;
      KopirDecimal price;

      type = order->type == KOPIR_ORDER_TYPE_LIMIT ? C_("order type", "Limit")
                                                   : C_("order type", "Market");
      quantity = kopir_decimal_dup_string (&order->executed_qty);
      if (kopir_ledger_order_get_average_price (order, &price))
        average = kopir_decimal_dup_string (&price);
      total = kopir_decimal_dup_string (&order->cumulative_quote);
      limit = decimal_or_null (order->has_price, &order->price);
      spend = decimal_or_null (order->has_quote_amount, &order->quote_amount);
      quote = order->quote_asset;
      client_id = order->client_order_id;
      if (order->exchange_order_id > 0)
        exchange_id = g_strdup_printf ("%" G_GINT64_FORMAT, order->exchange_order_id);
      reference = order->reason;

      if (kopir_decimal_is_positive (&order->executed_qty))
        {
          g_autoptr(GArray) fills = kopir_ledger_list_fills (ledger, order->client_order_id, error);

          if (fills == NULL)
            return FALSE;
          if (!sum_fees (fills, &fee, &fee_asset))
            {
              g_set_error_literal (error, KOPIR_LEDGER_ERROR, KOPIR_LEDGER_ERROR_INVALID,
                                   _("The fees of an order could not be added up."));
              return FALSE;
            }
        }
    }
  else if (entry->transfer != NULL)
    {
      quantity = kopir_decimal_dup_string (&entry->transfer->amount);
      exchange_id = g_strdup (entry->transfer->external_id);
      reference = entry->transfer->reference;
    }

  {
    const char *fields[] = {
      time,
      kopir_history_entry_get_kind_label (entry),
      entry->asset,
      kopir_history_entry_get_status_label (entry),
      type,
      quantity,
      average,
      total,
      quote,
      fee,
      fee_asset,
      limit,
      spend,
      client_id,
      exchange_id,
      reference,
    };

    append_fields (line, fields, G_N_ELEMENTS (fields));
  }

  return TRUE;
}

/**
 * kopir_history_csv_write:
 * @ledger: the ledger, used from this thread only while this runs
 * @query: the filters and the order; its page and cursor are ignored
 * @out: where to write
 * @n_rows: (out) (optional): how many entries were written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes every entry that @query lets through, with a header line. Run
 * it in a worker thread: it reads the whole history.
 *
 * Returns: %TRUE on success
 */
gboolean
kopir_history_csv_write (KopirLedger             *ledger,
                         const KopirLedgerQuery  *query,
                         GOutputStream           *out,
                         guint                   *n_rows,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autoptr(GString) line = g_string_sized_new (256);
  KopirLedgerQuery q;
  guint n = 0;
  const char *header[] = {
    /* Translators: the columns of the history exported as a spreadsheet. */
    C_("spreadsheet column", "Date"),
    C_("spreadsheet column", "Type"),
    C_("spreadsheet column", "Asset"),
    C_("spreadsheet column", "Status"),
    C_("spreadsheet column", "Order type"),
    C_("spreadsheet column", "Quantity"),
    C_("spreadsheet column", "Average price"),
    C_("spreadsheet column", "Total"),
    C_("spreadsheet column", "Currency"),
    C_("spreadsheet column", "Fee"),
    C_("spreadsheet column", "Fee asset"),
    C_("spreadsheet column", "Limit price"),
    C_("spreadsheet column", "Amount to spend"),
    C_("spreadsheet column", "Client order ID"),
    C_("spreadsheet column", "Exchange ID"),
    C_("spreadsheet column", "Reference"),
  };

  g_return_val_if_fail (KOPIR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  append_fields (line, header, G_N_ELEMENTS (header));
  if (!g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error))
    return FALSE;

  q = *query;
  q.limit = PAGE;
  q.offset = 0;
  q.has_cursor = FALSE;

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      page = kopir_ledger_query_history (ledger, &q, error);
      if (page == NULL)
        return FALSE;

      g_string_truncate (line, 0);
      for (guint i = 0; i < page->len; i++)
        if (!write_entry (ledger, page->pdata[i], line, error))
          return FALSE;
      if (!g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error))
        return FALSE;
      n += page->len;

      if (page->len < PAGE)
        break;

      /* The default order pages by cursor, which stays fast however deep;
       * the others by offset. */
      if (q.sort == KOPIR_LEDGER_SORT_TIME && !q.ascending)
        {
          KopirLedgerEntry *last = page->pdata[page->len - 1];

          q.has_cursor = TRUE;
          q.cursor_time_us = last->time_us;
          q.cursor_id = last->id;
        }
      else
        q.offset += PAGE;
    }

  if (n_rows != NULL)
    *n_rows = n;

  return TRUE;
}
