/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * kopir-sandbox-server.h: the sandbox exchange's HTTP and WebSocket server.
 *
 * KopirSandboxServer listens on 127.0.0.1 only and speaks the Binance Spot
 * REST v3 dialect for trading, Kopir's onboarding/bank/pilot contract
 * (data/kopir-api.yaml), the assisted-mode staff endpoints and the
 * sandbox-only endpoints (quick accounts, bank transfers, faults, review
 * desk, SMS inbox).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * KopirSandboxServerError:
 * @KOPIR_SANDBOX_SERVER_ERROR_LISTEN: the server could not listen
 * @KOPIR_SANDBOX_SERVER_ERROR_STATE: the state directory is unusable
 *
 * Errors of the sandbox server.
 */
typedef enum
{
  KOPIR_SANDBOX_SERVER_ERROR_LISTEN,
  KOPIR_SANDBOX_SERVER_ERROR_STATE,
} KopirSandboxServerError;

#define KOPIR_SANDBOX_SERVER_ERROR (kopir_sandbox_server_error_quark ())

/**
 * KopirSandboxServerOptions:
 * @state_dir: (nullable): where to keep state; %NULL keeps it in memory
 * @seed: the price walk's seed
 * @review_delay_s: seconds the review desk takes to answer
 * @weight_limit: request weight per minute (0: unlimited)
 * @order_limit: new orders per 10 seconds and customer (0: unlimited)
 * @bank_directory: (nullable): the kz-banks.tsv to use; %NULL for the default
 *
 * What the command line sets.
 */
typedef struct
{
  const char *state_dir;
  guint64     seed;
  guint       review_delay_s;
  guint       weight_limit;
  guint       order_limit;
  const char *bank_directory;
} KopirSandboxServerOptions;

#define KOPIR_TYPE_SANDBOX_SERVER (kopir_sandbox_server_get_type ())

G_DECLARE_FINAL_TYPE (KopirSandboxServer, kopir_sandbox_server, KOPIR, SANDBOX_SERVER, GObject)

GQuark              kopir_sandbox_server_error_quark (void);

KopirSandboxServer *kopir_sandbox_server_new         (const KopirSandboxServerOptions  *options,
                                                      GError                          **error);
gboolean            kopir_sandbox_server_listen      (KopirSandboxServer               *self,
                                                      guint                             port,
                                                      GError                          **error);
guint               kopir_sandbox_server_get_port    (KopirSandboxServer               *self);
void                kopir_sandbox_server_shutdown    (KopirSandboxServer               *self);

G_END_DECLS
