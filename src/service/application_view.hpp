#pragma once
// Builds the ApplicationView of service/applications.hpp inside a caller's transaction.
#include "service/applications.hpp"

namespace iifund::service {

// The material whose upload is the printed, sealed and scanned 申报书 (DOMAIN.md §8.4).
inline constexpr const char* kSealedScanMaterial = "application_form";

domain::Result<ApplicationView> build_application_view(soci::session& sql, store::ApplicationRecord record);

}  // namespace iifund::service
