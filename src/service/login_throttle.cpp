#include "service/login_throttle.hpp"

#include <algorithm>

#include "domain/time.hpp"
#include "store/login_failure_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

using std::chrono::seconds;

ThrottleDecision assess_throttle(const ThrottleRule& rule, long long failures,
                                 std::optional<domain::Instant> last_failure, domain::Instant now) {
  if (failures < rule.free_failures || !last_failure) return {};
  seconds wait = rule.lock_for;
  bool locked = failures >= rule.lock_after;
  if (!locked) {
    wait = rule.first_delay;
    for (long long extra = failures - rule.free_failures; extra > 0 && wait < rule.max_delay; --extra)
      wait *= 2;
    wait = std::min(wait, rule.max_delay);
  }
  auto free_at = *last_failure + wait;
  if (now >= free_at) return {};
  return {false, std::chrono::duration_cast<seconds>(free_at - now), locked};
}

std::string account_throttle_key(const std::string& username) { return "account:" + username; }
std::string address_throttle_key(const std::string& address) { return "address:" + address; }

namespace {

ThrottleDecision assess_key(soci::session& sql, const ThrottleRule& rule, const std::string& key,
                            domain::Instant now) {
  auto counted = store::login_failures_since(sql, key, store::format_utc_iso(now - rule.window));
  std::optional<domain::Instant> last;
  if (counted.last_failed_at) {
    // Stored to the second, truncated: the failure happened within the second after the stamp,
    // so the delay counts from the end of that second (a 1 s delay is never 0.05 s).
    if (auto parsed = domain::parse_instant(*counted.last_failed_at)) last = parsed.value() + seconds(1);
  }
  return assess_throttle(rule, counted.count, last, now);
}

}  // namespace

ThrottleDecision check_login_throttle(soci::session& sql, const ThrottlePolicy& policy,
                                      const std::string& username, const std::string& address,
                                      domain::Instant now) {
  auto by_account = assess_key(sql, policy.account, account_throttle_key(username), now);
  auto by_address = assess_key(sql, policy.address, address_throttle_key(address), now);
  return by_account.retry_after >= by_address.retry_after ? by_account : by_address;
}

void record_failed_login(soci::session& sql, const std::string& username, const std::string& address,
                         domain::Instant now) {
  auto at = store::format_utc_iso(now);
  store::record_login_failure(sql, account_throttle_key(username), at);
  store::record_login_failure(sql, address_throttle_key(address), at);
}

void clear_account_failures(soci::session& sql, const std::string& username) {
  store::clear_login_failures(sql, account_throttle_key(username));
}

}  // namespace iifund::service
