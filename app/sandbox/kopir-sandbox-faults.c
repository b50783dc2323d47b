/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-faults.c: fault injection, sandbox only.
 *
 * Tests arm faults through POST /sandbox/v1/faults; the oldest armed fault
 * whose path prefix and method match a request fires on it.  A clock skew
 * is not counted: it shifts the server's clock until it is cleared.
 */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>

#include "kopir-sandbox-server-private.h"

static const char * const kind_names[N_FAULT_KINDS] = {
  "delay", "drop_after_accept", "http_500", "http_503", "rate_limit_burst", "malformed_json", "clock_skew",
};

void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->path);
  g_free (fault->method);
  g_free (fault);
}

static void
write_fault (KopirSandboxJson *w,
             const Fault      *fault)
{
  char id[32];

  g_snprintf (id, sizeof id, "flt_%" G_GINT64_FORMAT, fault->id);
  kopir_sandbox_json_begin_object (w);
  kopir_sandbox_json_kv_string (w, "id", id);
  kopir_sandbox_json_kv_string (w, "kind", kind_names[fault->kind]);
  kopir_sandbox_json_kv_string (w, "path", fault->path);
  if (fault->method != NULL)
    kopir_sandbox_json_kv_string (w, "method", fault->method);
  kopir_sandbox_json_kv_int (w, "count", fault->remaining);
  kopir_sandbox_json_kv_int (w, "remaining", fault->remaining);
  kopir_sandbox_json_kv_int (w, "delay_ms", fault->delay_ms);
  kopir_sandbox_json_kv_int (w, "skew_ms", fault->skew_ms);
  kopir_sandbox_json_kv_int (w, "retry_after_s", fault->retry_after_s);
  kopir_sandbox_json_kv_bool (w, "execute", fault->execute);
  kopir_sandbox_json_end_object (w);
}

void
faults_arm (KopirSandboxServer *self,
            Request            *req)
{
  static const char * const allowed[] = { "kind", "path", "method", "count", "delay_ms", "skew_ms",
                                          "retry_after_s", "execute", NULL };
  g_autoptr(JsonObject) body = read_json_body (req, allowed);
  g_autoptr(GString) out = NULL;
  const char *kind, *path, *method;
  Fault *fault;
  KopirSandboxJson w;
  gint64 count = 1, delay_ms = 0, skew_ms = 0, retry_after_s = 1;
  gboolean execute = FALSE;
  int kind_index = -1;

  if (body == NULL)
    return;

  kind = json_string_member (req, body, NULL, "kind", TRUE, 32);
  path = json_string_member (req, body, NULL, "path", FALSE, 256);
  method = json_string_member (req, body, NULL, "method", FALSE, 8);
  json_int_member (req, body, "count", 1, 1000000, &count);
  json_int_member (req, body, "delay_ms", 0, 120000, &delay_ms);
  json_int_member (req, body, "skew_ms", -G_GINT64_CONSTANT (315576000000), G_GINT64_CONSTANT (315576000000), &skew_ms);
  json_int_member (req, body, "retry_after_s", 1, 3600, &retry_after_s);
  json_bool_member (req, body, NULL, "execute", FALSE, &execute);

  if (kind != NULL)
    {
      for (guint i = 0; i < N_FAULT_KINDS; i++)
        if (strcmp (kind, kind_names[i]) == 0)
          kind_index = (int) i;
      if (kind_index < 0)
        add_field_error (req, "kind", "invalid_value",
                         "One of delay, drop_after_accept, http_500, http_503, rate_limit_burst, "
                         "malformed_json, clock_skew.");
    }
  if (method != NULL && !g_strv_contains ((const char * const[]) { "GET", "POST", "PUT", "DELETE", NULL }, method))
    add_field_error (req, "method", "invalid_value", "One of GET, POST, PUT, DELETE.");
  if (path != NULL && path[0] != '\0' && path[0] != '/')
    add_field_error (req, "path", "invalid_format", "A path starts with a slash.");
  if (path != NULL && g_str_has_prefix (path, "/sandbox/"))
    add_field_error (req, "path", "invalid_value", "Faults never apply to the sandbox endpoints.");
  if (respond_if_field_errors (req))
    return;

  fault = g_new0 (Fault, 1);
  fault->id = self->next_fault_id++;
  fault->kind = (FaultKind) kind_index;
  fault->path = g_strdup (path ? path : "");
  fault->method = g_strdup (method);
  fault->remaining = count;
  fault->delay_ms = delay_ms;
  fault->skew_ms = skew_ms;
  fault->retry_after_s = retry_after_s;
  fault->execute = execute;
  g_ptr_array_add (self->faults, fault);

  if (fault->kind == FAULT_CLOCK_SKEW)
    self->clock_skew_ms = skew_ms;

  out = g_string_new (NULL);
  kopir_sandbox_json_init (&w, out);
  write_fault (&w, fault);
  respond_json (req, SOUP_STATUS_CREATED, out);
}

void
faults_list (KopirSandboxServer *self,
             Request            *req)
{
  g_autoptr(GString) out = g_string_new (NULL);
  KopirSandboxJson w;

  kopir_sandbox_json_init (&w, out);
  kopir_sandbox_json_begin_object (&w);
  kopir_sandbox_json_key (&w, "faults");
  kopir_sandbox_json_begin_array (&w);
  for (guint i = 0; i < self->faults->len; i++)
    write_fault (&w, g_ptr_array_index (self->faults, i));
  kopir_sandbox_json_end_array (&w);
  kopir_sandbox_json_end_object (&w);
  respond_json (req, SOUP_STATUS_OK, out);
}

static void
recompute_skew (KopirSandboxServer *self)
{
  self->clock_skew_ms = 0;
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->kind == FAULT_CLOCK_SKEW)
        self->clock_skew_ms = fault->skew_ms;
    }
}

void
faults_clear (KopirSandboxServer *self,
              Request            *req,
              const char         *id)
{
  if (id == NULL)
    {
      g_ptr_array_set_size (self->faults, 0);
      self->clock_skew_ms = 0;
      respond_no_content (req);
      return;
    }

  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);
      char name[32];

      g_snprintf (name, sizeof name, "flt_%" G_GINT64_FORMAT, fault->id);
      if (strcmp (name, id) == 0)
        {
          g_ptr_array_remove_index (self->faults, i);
          recompute_skew (self);
          respond_no_content (req);
          return;
        }
    }

  respond_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", "No such fault", NULL);
}

/**
 * faults_take:
 * @out: (out): a copy of the fault that fires (its strings are not copied)
 *
 * Returns: whether a fault fires on this request
 */
gboolean
faults_take (KopirSandboxServer *self,
             const char         *method,
             const char         *path,
             Fault              *out)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->kind == FAULT_CLOCK_SKEW)
        continue;
      if (!g_str_has_prefix (path, fault->path))
        continue;
      if (fault->method != NULL && strcmp (fault->method, method) != 0)
        continue;

      *out = *fault;
      out->path = NULL;
      out->method = NULL;
      if (--fault->remaining <= 0)
        g_ptr_array_remove_index (self->faults, i);
      return TRUE;
    }

  return FALSE;
}
