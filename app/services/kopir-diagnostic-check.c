/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-diagnostic-check.c: one line of the "test connection" report */

#define G_LOG_DOMAIN "kopir-diagnostics"

#include "config.h"

#include "kopir-diagnostic-check.h"

struct _KopirDiagnosticCheck
{
  GObject           parent_instance;

  char             *id;
  char             *title;
  KopirCheckStatus  status;
  char             *detail;
};

G_DEFINE_FINAL_TYPE (KopirDiagnosticCheck, kopir_diagnostic_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_STATUS,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kopir_diagnostic_check_finalize (GObject *object)
{
  KopirDiagnosticCheck *self = (KopirDiagnosticCheck *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (kopir_diagnostic_check_parent_class)->finalize (object);
}

static void
kopir_diagnostic_check_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KopirDiagnosticCheck *self = KOPIR_DIAGNOSTIC_CHECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_diagnostic_check_class_init (KopirDiagnosticCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_diagnostic_check_finalize;
  object_class->get_property = kopir_diagnostic_check_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A KopirCheckStatus. */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, KOPIR_CHECK_STATUS_OK, KOPIR_CHECK_STATUS_SKIPPED,
                      KOPIR_CHECK_STATUS_OK,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kopir_diagnostic_check_init (KopirDiagnosticCheck *self)
{
}

KopirDiagnosticCheck *
kopir_diagnostic_check_new (const char       *id,
                            const char       *title,
                            KopirCheckStatus  status,
                            const char       *detail)
{
  KopirDiagnosticCheck *self = g_object_new (KOPIR_TYPE_DIAGNOSTIC_CHECK, NULL);

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->status = status;
  self->detail = g_strdup (detail);

  return self;
}

const char *
kopir_diagnostic_check_get_id (KopirDiagnosticCheck *self)
{
  g_return_val_if_fail (KOPIR_IS_DIAGNOSTIC_CHECK (self), NULL);
  return self->id;
}

const char *
kopir_diagnostic_check_get_title (KopirDiagnosticCheck *self)
{
  g_return_val_if_fail (KOPIR_IS_DIAGNOSTIC_CHECK (self), NULL);
  return self->title;
}

KopirCheckStatus
kopir_diagnostic_check_get_status (KopirDiagnosticCheck *self)
{
  g_return_val_if_fail (KOPIR_IS_DIAGNOSTIC_CHECK (self), KOPIR_CHECK_STATUS_FAILED);
  return self->status;
}

const char *
kopir_diagnostic_check_get_detail (KopirDiagnosticCheck *self)
{
  g_return_val_if_fail (KOPIR_IS_DIAGNOSTIC_CHECK (self), NULL);
  return self->detail;
}
