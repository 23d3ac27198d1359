// Sign-in throttling: a few free failures, then delays that grow, then a temporary lock; counted
// per account and per client address; failures older than the window stop counting.
#include "service/login_throttle.hpp"

#include <gtest/gtest.h>

#include "account_fixtures.hpp"
#include "service/sessions.hpp"

namespace iifund::service {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const ThrottleRule kAccount{};  // 3 free, 1 s doubling to 60 s, lock at 20 for 15 min, 1 h window

seconds wait_after(long long failures) {
  auto now = testing::kMorning;
  return assess_throttle(kAccount, failures, now, now).retry_after;
}

TEST(LoginThrottle, DelaysGrowAfterTheFreeFailures) {
  EXPECT_EQ(wait_after(2), seconds(0));
  EXPECT_EQ(wait_after(3), seconds(1));
  EXPECT_EQ(wait_after(4), seconds(2));
  EXPECT_EQ(wait_after(5), seconds(4));
  EXPECT_EQ(wait_after(9), seconds(60)) << "capped";
  EXPECT_EQ(wait_after(19), seconds(60));
}

TEST(LoginThrottle, LocksAfterTwentyFailures) {
  auto now = testing::kMorning;
  auto locked = assess_throttle(kAccount, 20, now, now);
  EXPECT_FALSE(locked.allowed);
  EXPECT_TRUE(locked.locked);
  EXPECT_EQ(locked.retry_after, minutes(15));
  EXPECT_TRUE(assess_throttle(kAccount, 20, now, now + minutes(15)).allowed) << "the lock is temporary";
}

TEST(LoginThrottle, NoMoreThanAHundredTriesPerAccountPerHour) {
  // Try as fast as the rule allows for an hour, counting failures in the sliding window.
  auto start = testing::kMorning;
  std::vector<domain::Instant> failures;
  for (auto now = start; now < start + std::chrono::hours(1); now += seconds(1)) {
    long long in_window = 0;
    for (auto at : failures)
      if (at > now - kAccount.window) ++in_window;
    auto last = failures.empty() ? std::optional<domain::Instant>() : failures.back();
    if (assess_throttle(kAccount, in_window, last, now).allowed) failures.push_back(now);
  }
  EXPECT_LE(failures.size(), 100u);
  EXPECT_GE(failures.size(), 20u);
}

struct ThrottledWorld {
  std::unique_ptr<store::Database> db = testing::migrated_database();
  ManualClock clock{testing::kMorning};
  AccountSettings settings;

  std::string attempt(const std::string& user, const std::string& password, const std::string& address) {
    auto result = log_in(*db, clock, settings, {user, password, address, "test"});
    return result.ok() ? "ok" : result.problem().code;
  }
};

TEST(LoginThrottle, PerAccountTheFourthQuickFailureIsThrottled) {
  ThrottledWorld world;
  ASSERT_TRUE(world.db);
  testing::add_user(*world.db, "target", "the-right-long-password");
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(world.attempt("target", "wrong-password!", "198.51.100.1"), "login_failed");
  EXPECT_EQ(world.attempt("target", "the-right-long-password", "198.51.100.2"), "login_throttled")
      << "even the right password waits, from another address too";
  world.clock.advance(seconds(1));
  EXPECT_EQ(world.attempt("target", "the-right-long-password", "198.51.100.2"), "login_throttled")
      << "the failure's second is counted as whole";
  world.clock.advance(seconds(1));
  EXPECT_EQ(world.attempt("target", "the-right-long-password", "198.51.100.2"), "ok");
  EXPECT_EQ(world.attempt("target", "wrong-password!", "198.51.100.3"), "login_failed")
      << "a success clears the account's count";
  EXPECT_EQ(testing::count_audit(*world.db, "session.login"), 7) << "every attempt is audited";
}

TEST(LoginThrottle, PerAddressManyAccountsFromOneAddress) {
  ThrottledWorld world;
  ASSERT_TRUE(world.db);
  world.settings.throttle.address.free_failures = 5;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(world.attempt("nobody-" + std::to_string(i), "guess-guess-guess", "203.0.113.9"),
              "login_failed");
  }
  EXPECT_EQ(world.attempt("nobody-new", "guess-guess-guess", "203.0.113.9"), "login_throttled");
  EXPECT_EQ(world.attempt("nobody-new", "guess-guess-guess", "203.0.113.10"), "login_failed")
      << "another address is not affected";
}

TEST(LoginThrottle, TheWindowForgetsOldFailures) {
  ThrottledWorld world;
  ASSERT_TRUE(world.db);
  world.settings.throttle.account.lock_after = 4;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(world.attempt("forgetful", "guess-guess-guess", "192.0.2.50"), "login_failed");
    world.clock.advance(seconds(10));
  }
  EXPECT_EQ(world.attempt("forgetful", "guess-guess-guess", "192.0.2.50"), "login_throttled") << "locked";
  world.clock.advance(minutes(61));
  EXPECT_EQ(world.attempt("forgetful", "guess-guess-guess", "192.0.2.50"), "login_failed")
      << "an hour later the old failures no longer count";
}

TEST(LoginThrottle, UnknownUserWrongPasswordAndDisabledAnswerAlike) {
  ThrottledWorld world;
  ASSERT_TRUE(world.db);
  long long id = testing::add_user(*world.db, "disabled-one", "the-right-long-password");
  ASSERT_TRUE(world.db
                  ->write([&](soci::session& sql) {
                    store::set_user_disabled(sql, id, true);
                    return domain::Status(domain::Ok{});
                  })
                  .ok());
  EXPECT_EQ(world.attempt("disabled-one", "the-right-long-password", "192.0.2.60"), "login_failed");
  EXPECT_EQ(world.attempt("no-such-user", "the-right-long-password", "192.0.2.61"), "login_failed");
}

}  // namespace
}  // namespace iifund::service
