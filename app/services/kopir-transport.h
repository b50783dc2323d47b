/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-transport.h: signed HTTP requests with the retry rules money needs */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kopir-credentials.h"

G_BEGIN_DECLS

/**
 * KopirRequestFlags:
 * @KOPIR_REQUEST_NONE: a plain request
 * @KOPIR_REQUEST_SIGNED: add `timestamp`, `recvWindow`, the HMAC
 *   `signature` and the API key header
 * @KOPIR_REQUEST_API_KEY: add only the API key header
 * @KOPIR_REQUEST_SAFE: the request has no effect, or the same effect
 *   however often it arrives, so it may be sent again after a failure.
 *   Never set for placing an order.
 */
typedef enum
{
  KOPIR_REQUEST_NONE    = 0,
  KOPIR_REQUEST_SIGNED  = 1 << 0,
  KOPIR_REQUEST_API_KEY = 1 << 1,
  KOPIR_REQUEST_SAFE    = 1 << 2,
} KopirRequestFlags;

/**
 * KopirResponse:
 * @status: the HTTP status
 * @headers: the response headers
 * @body: the body
 * @root: (nullable): the body as JSON, when it parsed
 *
 * An answer from the server, successful or not.
 */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *root;
} KopirResponse;

void kopir_response_free (KopirResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KopirResponse, kopir_response_free)

#define KOPIR_TYPE_TRANSPORT (kopir_transport_get_type ())

G_DECLARE_FINAL_TYPE (KopirTransport, kopir_transport, KOPIR, TRANSPORT, GObject)

SoupSession    *kopir_http_session_new            (void);

KopirTransport *kopir_transport_new               (SoupSession            *session,
                                                   const char             *base_url);
const char     *kopir_transport_get_base_url      (KopirTransport         *self);
void            kopir_transport_set_base_url      (KopirTransport         *self,
                                                   const char             *base_url);
void            kopir_transport_set_credentials   (KopirTransport         *self,
                                                   const KopirCredentials *credentials);
gboolean        kopir_transport_has_credentials   (KopirTransport         *self);
void            kopir_transport_set_recv_window   (KopirTransport         *self,
                                                   guint                   recv_window_ms);
guint           kopir_transport_get_recv_window   (KopirTransport         *self);
gint64          kopir_transport_get_clock_offset  (KopirTransport         *self);
void            kopir_transport_set_clock_offset  (KopirTransport         *self,
                                                   gint64                  offset_ms);
gint64          kopir_transport_get_server_time   (KopirTransport         *self);
guint           kopir_transport_get_used_weight   (KopirTransport         *self);
void            kopir_transport_set_max_attempts  (KopirTransport         *self,
                                                   guint                   max_attempts);

void            kopir_transport_request_async     (KopirTransport         *self,
                                                   const char             *method,
                                                   const char             *path,
                                                   const char * const     *params,
                                                   GBytes                 *body,
                                                   const char             *content_type,
                                                   const char             *bearer,
                                                   KopirRequestFlags       flags,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
KopirResponse  *kopir_transport_request_finish    (KopirTransport         *self,
                                                   GAsyncResult           *result,
                                                   GError                **error);
void            kopir_transport_sync_time_async   (KopirTransport         *self,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
gboolean        kopir_transport_sync_time_finish  (KopirTransport         *self,
                                                   GAsyncResult           *result,
                                                   GError                **error);

gboolean        kopir_response_get_binance_error  (const KopirResponse    *response,
                                                   int                    *code,
                                                   const char            **message);
guint           kopir_response_get_retry_after    (const KopirResponse    *response);

G_END_DECLS
