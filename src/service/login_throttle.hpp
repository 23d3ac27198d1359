#pragma once
// 登录限速: failed sign-ins are counted per account and per client address; after a few free
// failures each further try must wait a growing delay, and many failures lock the key for a
// while. A success clears the account's count (not the address's: an attacker with one valid
// account must not reset the address budget).
#include <chrono>
#include <optional>
#include <string>

#include "service/account_settings.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"

namespace iifund::service {

struct ThrottleDecision {
  bool allowed = true;
  std::chrono::seconds retry_after{0};
  bool locked = false;
};

// The pure rule: `failures` counted in the window, the last of them at `last_failure`.
ThrottleDecision assess_throttle(const ThrottleRule& rule, long long failures,
                                 std::optional<domain::Instant> last_failure, domain::Instant now);

std::string account_throttle_key(const std::string& username);
std::string address_throttle_key(const std::string& address);

// Both keys; the longer wait wins.
ThrottleDecision check_login_throttle(soci::session& sql, const ThrottlePolicy& policy,
                                      const std::string& username, const std::string& address,
                                      domain::Instant now);
void record_failed_login(soci::session& sql, const std::string& username, const std::string& address,
                         domain::Instant now);
void clear_account_failures(soci::session& sql, const std::string& username);

}  // namespace iifund::service
