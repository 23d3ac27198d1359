#pragma once
// The tunable parts of sign-in: session lifetimes and the throttling rules. Defaults follow the
// issue (idle 30 min, absolute 12 h, no more than 100 failed tries per account per hour).
#include <chrono>

namespace iifund::service {

struct SessionLifetime {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
};

// Failures counted within `window`: the first `free_failures` cost nothing, then each try waits
// first_delay, doubled per further failure up to max_delay; at `lock_after` failures the key is
// locked for `lock_for` after its last failure. With the account defaults an attacker gets about
// 20 + 60/15 ≈ 24 tries an hour, well below 100.
struct ThrottleRule {
  int free_failures = 3;
  std::chrono::seconds first_delay{1};
  std::chrono::seconds max_delay{60};
  int lock_after = 20;
  std::chrono::seconds lock_for{15 * 60};
  std::chrono::seconds window{60 * 60};
};

struct ThrottlePolicy {
  ThrottleRule account{};
  // An office behind one NAT address shares this budget, so it is wider than an account's.
  ThrottleRule address{20,  std::chrono::seconds(1),       std::chrono::seconds(60),
                       200, std::chrono::seconds(15 * 60), std::chrono::seconds(60 * 60)};
};

struct AccountSettings {
  SessionLifetime session;
  ThrottlePolicy throttle;
};

}  // namespace iifund::service
