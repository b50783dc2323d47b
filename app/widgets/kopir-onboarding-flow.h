/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "kopir-onboarding.h"

G_BEGIN_DECLS

#define KOPIR_TYPE_ONBOARDING_FLOW (kopir_onboarding_flow_get_type ())

G_DECLARE_FINAL_TYPE (KopirOnboardingFlow, kopir_onboarding_flow, KOPIR, ONBOARDING_FLOW, AdwBin)

GtkWidget       *kopir_onboarding_flow_new            (KopirOnboarding     *onboarding);
KopirOnboarding *kopir_onboarding_flow_get_onboarding (KopirOnboardingFlow *self);
KopirKycStep     kopir_onboarding_flow_get_step       (KopirOnboardingFlow *self);
void             kopir_onboarding_flow_show_step      (KopirOnboardingFlow *self,
                                                       KopirKycStep         step);

G_END_DECLS
