/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-document"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gi18n.h>

#include "kopir-document-format.h"
#include "kopir-pilot-limit.h"

/* Translators: month names as they stand in a full date ("25 November
 * 2026"): in Russian the genitive ("ноября"), in Kazakh the lower-case
 * name ("қараша"). */
static const char *months[] = {
  NC_("month in a date", "January"),
  NC_("month in a date", "February"),
  NC_("month in a date", "March"),
  NC_("month in a date", "April"),
  NC_("month in a date", "May"),
  NC_("month in a date", "June"),
  NC_("month in a date", "July"),
  NC_("month in a date", "August"),
  NC_("month in a date", "September"),
  NC_("month in a date", "October"),
  NC_("month in a date", "November"),
  NC_("month in a date", "December"),
};

/* The countries Kopir's customers most often hold citizenship or tax
 * residency of; others are printed as their ISO 3166 code. */
static const struct
{
  char        code[3];
  const char *name;
} countries[] = {
  { "AM", N_("Armenia") },
  { "AZ", N_("Azerbaijan") },
  { "BY", N_("Belarus") },
  { "CN", N_("China") },
  { "DE", N_("Germany") },
  { "GB", N_("United Kingdom") },
  { "GE", N_("Georgia") },
  { "IN", N_("India") },
  { "KG", N_("Kyrgyzstan") },
  { "KR", N_("South Korea") },
  { "KZ", N_("Kazakhstan") },
  { "MD", N_("Moldova") },
  { "MN", N_("Mongolia") },
  { "RU", N_("Russia") },
  { "TJ", N_("Tajikistan") },
  { "TM", N_("Turkmenistan") },
  { "TR", N_("Turkey") },
  { "UA", N_("Ukraine") },
  { "US", N_("United States") },
  { "UZ", N_("Uzbekistan") },
};

/**
 * kopir_document_month_name:
 * @catalog: the document's catalogue
 * @month: a month
 *
 * Returns: (transfer none): the month's name as it stands in a date
 */
const char *
kopir_document_month_name (KopirCatalog *catalog,
                           GDateMonth    month)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (month >= G_DATE_JANUARY && month <= G_DATE_DECEMBER, NULL);

  return kopir_catalog_pgettext (catalog, "month in a date", months[month - 1]);
}

static char *
format_day (KopirCatalog *catalog,
            guint         day,
            GDateMonth    month,
            guint         year)
{
  /* Translators: a date on a printed document: %1$u is the day, %2$s the
   * month's name, %3$u the year, e.g. "25 November 2026"; reorder them
   * as your language writes dates ("2026 жылғы 25 қараша"). */
  return g_strdup_printf (kopir_catalog_gettext (catalog, "%1$u %2$s %3$u"),
                          day, kopir_document_month_name (catalog, month), year);
}

/**
 * kopir_document_format_date:
 * @catalog: the document's catalogue
 * @time: a moment
 *
 * Returns: (transfer full): the date of @time in Kazakhstan
 */
char *
kopir_document_format_date (KopirCatalog *catalog,
                            GDateTime    *time)
{
  g_autoptr(GTimeZone) zone = kopir_pilot_get_timezone ();
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (KOPIR_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_timezone (time, zone);
  if (local == NULL)
    local = g_date_time_ref (time);

  return format_day (catalog, (guint) g_date_time_get_day_of_month (local),
                     (GDateMonth) g_date_time_get_month (local),
                     (guint) g_date_time_get_year (local));
}

/**
 * kopir_document_format_gdate:
 * @catalog: the document's catalogue
 * @date: a valid calendar date (a date of birth, a document's expiry)
 *
 * Returns: (transfer full): the date, or a dash if @date is not valid
 */
char *
kopir_document_format_gdate (KopirCatalog *catalog,
                             const GDate  *date)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (catalog), NULL);

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");

  return format_day (catalog, g_date_get_day (date), g_date_get_month (date),
                     g_date_get_year (date));
}

/**
 * kopir_document_format_date_time:
 * @catalog: the document's catalogue
 * @time: a moment
 *
 * Returns: (transfer full): the date and time of @time in Kazakhstan,
 *   with its offset from UTC, e.g. "25 November 2026, 14:05:09
 *   (UTC+05:00)"
 */
char *
kopir_document_format_date_time (KopirCatalog *catalog,
                                 GDateTime    *time)
{
  g_autoptr(GTimeZone) zone = kopir_pilot_get_timezone ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *offset = NULL;

  g_return_val_if_fail (KOPIR_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_timezone (time, zone);
  if (local == NULL)
    local = g_date_time_ref (time);

  date = format_day (catalog, (guint) g_date_time_get_day_of_month (local),
                     (GDateMonth) g_date_time_get_month (local),
                     (guint) g_date_time_get_year (local));
  /* Digits only, so the process locale cannot change them. */
  clock = g_date_time_format (local, "%H:%M:%S");
  offset = g_date_time_format (local, "%:z");

  /* Translators: a date and time on a printed document: %1$s is the date
   * ("25 November 2026"), %2$s the time ("14:05:09"), %3$s the offset
   * from UTC ("+05:00"). */
  return g_strdup_printf (kopir_catalog_gettext (catalog, "%1$s, %2$s (UTC%3$s)"),
                          date, clock, offset);
}

/**
 * kopir_document_country_name:
 * @catalog: the document's catalogue
 * @code: an ISO 3166-1 alpha-2 code
 *
 * Returns: (transfer none): the country's name, or @code itself for a
 *   country Kopir has no name for
 */
const char *
kopir_document_country_name (KopirCatalog *catalog,
                             const char   *code)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (catalog), code);

  if (code == NULL)
    return "—";

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (countries[i].code, code) == 0)
      return kopir_catalog_gettext (catalog, countries[i].name);
  return code;
}

/**
 * kopir_document_yes_no:
 * @catalog: the document's catalogue
 * @yes: the answer
 *
 * Returns: (transfer none): "Yes" or "No" as an answer on a form
 */
const char *
kopir_document_yes_no (KopirCatalog *catalog,
                       gboolean      yes)
{
  g_return_val_if_fail (KOPIR_IS_CATALOG (catalog), NULL);

  return yes ? kopir_catalog_pgettext (catalog, "answer on a form", "Yes")
             : kopir_catalog_pgettext (catalog, "answer on a form", "No");
}
