/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ledger-writer: writes order intents to a ledger as fast as it can and
 * prints "committed ID" for each one after it is committed.  The crash test
 * kills it with SIGKILL at random moments.  It stops by itself after
 * 100 000 orders.
 */
#include "config.h"

#include <stdio.h>

#include <glib.h>

#include "kopir-ledger.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KopirLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: ledger-writer PATH PREFIX\n");
      return 2;
    }

  ledger = kopir_ledger_open (argv[1], &error);
  if (ledger == NULL)
    {
      fprintf (stderr, "open: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(KopirLedgerOrder) o = kopir_ledger_order_new ();

      o->client_order_id = g_strdup_printf ("%s-%u", argv[2], i);
      o->symbol = g_strdup ("BTCKZT");
      o->base_asset = g_strdup ("BTC");
      o->quote_asset = g_strdup ("KZT");
      o->side = KOPIR_ORDER_SIDE_BUY;
      o->type = KOPIR_ORDER_TYPE_MARKET;
      o->has_quote_amount = TRUE;
      o->quote_amount = KOPIR_DECIMAL_INIT (5000000 + i, 2);

      if (!kopir_ledger_add_order_intent (ledger, o, &error))
        {
          fprintf (stderr, "intent: %s\n", error->message);
          return 1;
        }
      printf ("committed %s\n", o->client_order_id);
      fflush (stdout);

      /* Half the time a second transaction follows at once, so a kill can
       * land inside either. */
      if (i % 2 == 0 &&
          !kopir_ledger_set_order_state (ledger, o->client_order_id, KOPIR_ORDER_STATE_SENT, 0, NULL, NULL,
                                         NULL, &error))
        {
          fprintf (stderr, "state: %s\n", error->message);
          return 1;
        }
    }

  return 0;
}
