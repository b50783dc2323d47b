/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-context.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_PORTFOLIO_VIEW (kopir_portfolio_view_get_type ())

G_DECLARE_FINAL_TYPE (KopirPortfolioView, kopir_portfolio_view, KOPIR, PORTFOLIO_VIEW, AdwBin)

void kopir_portfolio_view_set_context (KopirPortfolioView *self,
                                       KopirContext       *context);
void kopir_portfolio_view_refresh     (KopirPortfolioView *self);

G_END_DECLS
