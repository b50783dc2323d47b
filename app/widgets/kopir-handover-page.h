/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KOPIR_HANDOVER_CONSENT_VERSION "2026-1"

#define KOPIR_TYPE_HANDOVER_PAGE (kopir_handover_page_get_type ())

G_DECLARE_FINAL_TYPE (KopirHandoverPage, kopir_handover_page, KOPIR, HANDOVER_PAGE, AdwBin)

GtkWidget  *kopir_handover_page_new            (void);
void        kopir_handover_page_begin_consent  (KopirHandoverPage *self,
                                                const char        *language);
void        kopir_handover_page_begin_code     (KopirHandoverPage *self,
                                                const char        *language,
                                                const char        *phone_masked,
                                                const char        *summary);
void        kopir_handover_page_show_wrong_code (KopirHandoverPage *self,
                                                 guint              attempts_left);
void        kopir_handover_page_set_busy       (KopirHandoverPage *self,
                                                gboolean           busy);
void        kopir_handover_page_hand_back      (KopirHandoverPage *self,
                                                gboolean           done);
const char *kopir_handover_page_get_language   (KopirHandoverPage *self);

G_END_DECLS
