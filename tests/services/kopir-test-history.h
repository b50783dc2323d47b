/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kopir-test-history.h: a ledger full of history, written fast */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first entry's time; each next one is a minute later. */
#define KOPIR_TEST_HISTORY_START_US G_GINT64_CONSTANT (1767225600000000)

void kopir_test_fill_history (const char *ledger_path,
                              guint       n_rows);

G_END_DECLS
