/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-document-format.h: dates, times and names written in a
 * document's language.
 *
 * GDateTime's formatting follows the process locale, which is the
 * screen's; these take the document's catalogue instead, which has the
 * month names in the form a date needs ("25 ноября 2026 г.",
 * "2026 жылғы 25 қараша").  Times are shown in Kazakhstan time
 * (Asia/Almaty), with the offset written out.
 */
#pragma once

#include <glib.h>

#include "kopir-catalog.h"

G_BEGIN_DECLS

const char *kopir_document_month_name         (KopirCatalog *catalog,
                                               GDateMonth    month);
char       *kopir_document_format_date        (KopirCatalog *catalog,
                                               GDateTime    *time);
char       *kopir_document_format_gdate       (KopirCatalog *catalog,
                                               const GDate  *date);
char       *kopir_document_format_date_time   (KopirCatalog *catalog,
                                               GDateTime    *time);
const char *kopir_document_country_name       (KopirCatalog *catalog,
                                               const char   *code);
const char *kopir_document_yes_no             (KopirCatalog *catalog,
                                               gboolean      yes);

G_END_DECLS
