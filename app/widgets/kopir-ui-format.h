/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "kopir-decimal.h"
#include "kopir-ledger.h"

G_BEGIN_DECLS

char *kopir_ui_format_money      (const KopirDecimal *amount,
                                  const char         *currency);
char *kopir_ui_format_price      (const KopirDecimal *price,
                                  const char         *currency);
char *kopir_ui_format_fees       (GArray             *fills);
char *kopir_ui_format_time       (gint64              time_us);
char *kopir_ui_format_date       (gint64              time_us);
const char *kopir_ui_asset_name  (const char         *asset);

G_END_DECLS
