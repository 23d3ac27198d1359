#pragma once
// The enterprise as GET /api/enterprises/:id and PUT /api/enterprises/:id/profile answer it:
// the registration fields, the profile with its version, the size class, the division hint and
// the policy's clusters the form offers.
#include <nlohmann/json.hpp>

#include "service/enterprise_profiles.hpp"

namespace iifund::http {

nlohmann::json enterprise_profile_json(const service::EnterpriseProfileView& view);

}  // namespace iifund::http
