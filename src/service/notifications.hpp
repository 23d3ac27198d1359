#pragma once
// 站内信: writing notices inside the transaction of the change they announce, so a notice exists
// exactly when its change committed. Kinds (rendered by the front end in zh-CN or en from params):
//   application.recommended · application.returned · application.declined ·
//   application.supplement_requested · application.formal_check_failed · application.formal_check_passed ·
//   application.in_library · application.not_selected ·
//   review.assigned · review.reopened · review.replaced · deadline.reminder
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/policy.hpp"
#include "store/database.hpp"

namespace iifund::service {

void notify_users(soci::session& sql, const std::vector<long long>& user_ids, const std::string& kind,
                  const std::string& object, const nlohmann::json& params, domain::Instant now,
                  const std::optional<std::string>& dedupe_key = std::nullopt);

// Every enabled staff account of the enterprise.
void notify_enterprise(soci::session& sql, long long enterprise_id, const std::string& kind,
                       const std::string& object, const nlohmann::json& params, domain::Instant now);

}  // namespace iifund::service
