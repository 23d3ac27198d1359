#pragma once
// Builds the ApplicationView of service/applications.hpp inside a caller's transaction.
#include <optional>
#include <string>

#include "service/applications.hpp"

namespace iifund::service {

// The material whose upload is the printed, sealed and scanned 申报书 (DOMAIN.md §8.4).
inline constexpr const char* kSealedScanMaterial = "application_form";

domain::Result<ApplicationView> build_application_view(soci::session& sql, store::ApplicationRecord record);

// Reads application `id` again (after a change in this transaction) into `answer`.
domain::Status reload_application_view(soci::session& sql, long long id,
                                       std::optional<ApplicationView>& answer);

// The object an audit record names.
inline std::string application_object(long long id) { return "application:" + std::to_string(id); }

}  // namespace iifund::service
