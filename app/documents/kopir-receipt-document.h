/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-receipt-document.h: the printed receipt of an order.
 *
 * Built from the ledger's record of the order and its fills: what was
 * ordered, what was filled at what average price, the fee and its asset,
 * the total in tenge, and the order's status.  An order whose outcome is
 * not known yet, or that was cancelled, rejected or expired, says so
 * plainly.  Printed at a branch, the receipt has signature lines for the
 * customer and the member of staff.
 */
#pragma once

#include <glib.h>

#include "kopir-document.h"
#include "kopir-ledger.h"

G_BEGIN_DECLS

/**
 * KopirReceipt:
 * @exchange_name: the exchange's name
 * @customer_id: the customer's 7-digit id
 * @customer_name: their full name
 * @order: the order, as the ledger holds it
 * @fills: (array length=n_fills) (nullable): its fills, for the fee
 * @n_fills: how many fills
 * @branch_id: (nullable): the branch the receipt is printed at, or %NULL
 *   when the customer prints it at home (no signature lines)
 * @staff_id: (nullable): the member of staff at the branch
 * @staff_name: (nullable): their name
 * @issued: (nullable): the date of issue, now if %NULL
 * @sandbox: the exchange is Kopir's sandbox: mark every page
 *
 * What a receipt shows.  Strings are copied.
 */
typedef struct
{
  const char             *exchange_name;
  const char             *customer_id;
  const char             *customer_name;
  const KopirLedgerOrder *order;
  const KopirLedgerFill  *fills;
  guint                   n_fills;
  const char             *branch_id;
  const char             *staff_id;
  const char             *staff_name;
  GDateTime              *issued;
  gboolean                sandbox;
} KopirReceipt;

KopirDocument *kopir_receipt_document_new (const char          *language,
                                           const KopirReceipt  *data,
                                           GError             **error);

G_END_DECLS
