#pragma once
// Failed sign-ins, one row each, keyed "account:<name>" or "address:<ip>". Kept in the database
// so several servers throttle together; the service decides what the counts mean.
#include <optional>
#include <string>

#include "store/database.hpp"

namespace iifund::store {

struct FailureCount {
  long long count = 0;
  std::optional<std::string> last_failed_at;  // UTC ISO-8601
};

void record_login_failure(soci::session& sql, const std::string& key, const std::string& at);
// Failures of `key` strictly after `since` (the start of the counting window).
FailureCount login_failures_since(soci::session& sql, const std::string& key, const std::string& since);
void clear_login_failures(soci::session& sql, const std::string& key);

}  // namespace iifund::store
