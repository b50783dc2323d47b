/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-server-private.h: what the endpoint files share.
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "kopir-bank-directory.h"
#include "kopir-decimal.h"
#include "kopir-pilot-limit.h"
#include "kopir-sandbox-json.h"
#include "kopir-sandbox-market.h"
#include "kopir-sandbox-params.h"
#include "kopir-sandbox-server.h"
#include "kopir-sandbox-store.h"

G_BEGIN_DECLS

#define MAX_PATH_ARGS 4
#define MAX_IMAGE_BYTES (10 * 1024 * 1024)

typedef enum
{
  FAULT_DELAY,
  FAULT_DROP_AFTER_ACCEPT,
  FAULT_HTTP_500,
  FAULT_HTTP_503,
  FAULT_RATE_LIMIT_BURST,
  FAULT_MALFORMED_JSON,
  FAULT_CLOCK_SKEW,
  N_FAULT_KINDS
} FaultKind;

typedef struct
{
  gint64    id;
  FaultKind kind;
  char     *path;
  char     *method;
  gint64    remaining;
  gint64    delay_ms;
  gint64    skew_ms;
  gint64    retry_after_s;
  gboolean  execute;
} Fault;

typedef struct
{
  char  *field;
  char  *code;
  char  *message;
} FieldError;

typedef struct
{
  SoupServerMessage  *msg;
  const char         *method;
  const char         *path;
  const char         *query;        /* raw, percent-encoded; may be NULL */
  gsize               query_len;
  const char         *body;
  gsize               body_len;
  GBytes             *body_bytes;
  KopirSandboxParams *params;       /* query (and form body) parameters */
  char               *path_args[MAX_PATH_ARGS];
  gint64              now;          /* server time in ms, skew applied */
  gboolean            is_api;       /* Binance dialect: its error format */

  /* Who is calling, once authenticated. */
  gint64              customer_id;

  /* The answer. */
  guint               status;
  const char         *content_type;
  GString            *response;
  GPtrArray          *headers;      /* name, value, name, value … */
  GPtrArray          *field_errors; /* FieldError */
  GPtrArray          *problem_extras; /* name, JSON value, … */
} Request;

typedef struct
{
  gint64 window;
  guint  count;
} OrderCount;

struct _KopirSandboxServer
{
  GObject             parent_instance;

  SoupServer         *soup;
  KopirSandboxStore  *store;
  KopirSandboxMarket *market;
  KopirBankDirectory *banks;
  guint64             seed;
  guint               review_delay_s;
  guint               weight_limit;
  guint               order_limit;
  guint               port;
  guint               tick_source;

  /* Request weight, per minute for everyone on loopback (the real exchange
   * counts per IP address). */
  gint64              weight_minute;
  guint               weight_used;
  guint               rejected_in_minute;
  gint64              banned_until;
  guint               bans;
  GHashTable         *order_counts;  /* customer id -> OrderCount */

  GPtrArray          *faults;        /* Fault */
  gint64              next_fault_id;
  gint64              clock_skew_ms;

  GPtrArray          *ws_clients;    /* StreamClient */

  GHashTable         *staff_sessions; /* token -> StaffSession */
  GHashTable         *staff_failures; /* staff id -> failures */
  GHashTable         *otps;           /* otp id -> Otp */
  GPtrArray          *inbox;          /* InboxMessage */
  gint64              next_otp_id;

  /* Markets closed through /sandbox/v1/market: symbol name -> its status
   * ("BREAK", "HALT"), both strings static. */
  GHashTable         *closed_markets;
};

/* kopir-sandbox-server.c */
gint64      server_now                  (KopirSandboxServer *self);
const char *server_market_status        (KopirSandboxServer       *self,
                                         const KopirSandboxSymbol *symbol);
void        respond_json                (Request            *req,
                                         guint               status,
                                         GString            *body);
void        respond_binance_error       (Request            *req,
                                         guint               status,
                                         int                 code,
                                         const char         *msg);
void        respond_problem             (Request            *req,
                                         guint               status,
                                         const char         *code,
                                         const char         *title,
                                         const char         *detail);
void        respond_no_content          (Request            *req);
void        add_header                  (Request            *req,
                                         const char         *name,
                                         const char         *value);
void        add_problem_member          (Request            *req,
                                         const char         *name,
                                         const char         *json_value);
void        add_field_error             (Request            *req,
                                         const char         *field,
                                         const char         *code,
                                         const char         *message);
gboolean    respond_if_field_errors     (Request            *req);
gboolean    check_signed                (KopirSandboxServer *self,
                                         Request            *req);
JsonObject *read_json_body              (Request            *req,
                                         const char * const *allowed);
char       *random_token                (guint               n_bytes);
const char *json_string_member          (Request            *req,
                                         JsonObject         *object,
                                         const char         *prefix,
                                         const char         *name,
                                         gboolean            required,
                                         gsize               max_chars);
gboolean    json_bool_member            (Request            *req,
                                         JsonObject         *object,
                                         const char         *prefix,
                                         const char         *name,
                                         gboolean            required,
                                         gboolean           *out);
gboolean    json_int_member             (Request            *req,
                                         JsonObject         *object,
                                         const char         *name,
                                         gint64              min,
                                         gint64              max,
                                         gint64             *out);
gboolean    parse_kzt_amount            (Request            *req,
                                         const char         *field,
                                         const char         *text,
                                         KopirDecimal       *out);
gint64      customer_create             (KopirSandboxServer *self,
                                         const char         *first_name,
                                         const char         *last_name,
                                         const char         *patronymic,
                                         const char         *latin_name,
                                         const char         *iin,
                                         const char         *phone,
                                         gboolean            knowledge_test,
                                         const char         *applicant_id,
                                         char              **api_key,
                                         char              **api_secret);
void        usdt_rate                   (KopirSandboxServer *self,
                                         KopirDecimal       *out);

/* kopir-sandbox-trading.c */
gboolean    trading_dispatch            (KopirSandboxServer *self,
                                         Request            *req);
void        trading_on_tick             (KopirSandboxServer *self);
gboolean    pilot_compute               (KopirSandboxServer *self,
                                         gint64              customer_id,
                                         KopirPilotLimit    *limit,
                                         KopirDecimal       *reserved_usd);
gboolean    pilot_is_limited            (KopirSandboxServer *self,
                                         gint64              customer_id);
void        pilot_period                (gint64              now,
                                         char               *month,
                                         gint64             *resets_at);

/* kopir-sandbox-streams.c */
void        streams_init                (KopirSandboxServer *self);
void        streams_on_tick             (KopirSandboxServer *self);

/* kopir-sandbox-onboarding.c */
gboolean    onboarding_dispatch         (KopirSandboxServer *self,
                                         Request            *req);
void        onboarding_complete_review  (KopirSandboxServer *self,
                                         Request            *req);

/* kopir-sandbox-bank.c */
gboolean    bank_dispatch               (KopirSandboxServer *self,
                                         Request            *req);
void        bank_incoming_transfer      (KopirSandboxServer *self,
                                         Request            *req);

/* kopir-sandbox-staff.c */
gboolean    staff_dispatch              (KopirSandboxServer *self,
                                         Request            *req);
void        staff_inbox                 (KopirSandboxServer *self,
                                         Request            *req);
void        staff_init                  (KopirSandboxServer *self);

/* kopir-sandbox-faults.c */
void        faults_arm                  (KopirSandboxServer *self,
                                         Request            *req);
void        faults_list                 (KopirSandboxServer *self,
                                         Request            *req);
void        faults_clear                (KopirSandboxServer *self,
                                         Request            *req,
                                         const char         *id);
gboolean    faults_take                 (KopirSandboxServer *self,
                                         const char         *method,
                                         const char         *path,
                                         Fault              *out);
void        fault_free                  (gpointer            data);

G_END_DECLS

G_BEGIN_DECLS
gboolean    route_match                 (Request            *req,
                                         const char         *pattern);
gboolean    charge_weight               (KopirSandboxServer *self,
                                         Request            *req,
                                         guint               weight);
gboolean    charge_order                (KopirSandboxServer *self,
                                         Request            *req);
void        respond_method_not_allowed  (Request            *req);
G_END_DECLS
