// Sessions end by themselves: after 30 idle minutes, and 12 hours after sign-in however busy the
// user is. A manual clock stands past each limit. Sign-out and a password change end sessions.
#include <gtest/gtest.h>

#include "account_fixtures.hpp"
#include "service/passwords.hpp"
#include "service/sessions.hpp"

namespace iifund::service {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kPassword = "a-long-enough-secret-phrase";

struct SignedInWorld {
  std::unique_ptr<store::Database> db = testing::migrated_database();
  ManualClock clock{testing::kMorning};
  AccountSettings settings;

  SignedIn sign_in(const std::string& username) {
    auto signed_in = log_in(*db, clock, settings, {username, kPassword, "192.0.2.1", "test"});
    EXPECT_TRUE(signed_in.ok()) << (signed_in.ok() ? "" : signed_in.problem().code);
    return signed_in.ok() ? signed_in.value() : SignedIn{};
  }
  bool alive(const SignedIn& session) {
    return resume_session(*db, clock, settings.session, session.session_token, "192.0.2.1", "test").ok();
  }
};

TEST(SessionExpiry, EndsAfterThirtyIdleMinutes) {
  SignedInWorld world;
  ASSERT_TRUE(world.db);
  testing::add_user(*world.db, "idle-user", kPassword);
  auto session = world.sign_in("idle-user");
  world.clock.advance(minutes(29));
  EXPECT_TRUE(world.alive(session)) << "29 minutes idle is still within the limit";
  world.clock.advance(minutes(29));
  EXPECT_TRUE(world.alive(session)) << "each request restarts the idle timer";
  world.clock.advance(minutes(30));
  EXPECT_FALSE(world.alive(session)) << "30 idle minutes end the session";
  world.clock.advance(minutes(-30));
  EXPECT_FALSE(world.alive(session)) << "an expired session stays ended";
}

TEST(SessionExpiry, EndsTwelveHoursAfterSignInHoweverBusy) {
  SignedInWorld world;
  ASSERT_TRUE(world.db);
  testing::add_user(*world.db, "busy-user", kPassword);
  auto session = world.sign_in("busy-user");
  for (int step = 0; step < 11 * 3; ++step) {
    world.clock.advance(minutes(20));
    ASSERT_TRUE(world.alive(session)) << "still within 12 hours after " << (step + 1) * 20 << " minutes";
  }
  world.clock.advance(minutes(20));
  EXPECT_TRUE(world.alive(session)) << "11 h 20 min";
  world.clock.advance(minutes(20));
  EXPECT_TRUE(world.alive(session)) << "11 h 40 min";
  world.clock.advance(minutes(20));  // 12 h since sign-in, 20 minutes idle
  EXPECT_FALSE(world.alive(session));
}

TEST(SessionExpiry, LimitsAreConfigurable) {
  SignedInWorld world;
  ASSERT_TRUE(world.db);
  world.settings.session.idle = minutes(5);
  world.settings.session.absolute = hours(1);
  testing::add_user(*world.db, "short-user", kPassword);
  auto session = world.sign_in("short-user");
  world.clock.advance(minutes(4));
  EXPECT_TRUE(world.alive(session));
  world.clock.advance(minutes(5));
  EXPECT_FALSE(world.alive(session));
}

TEST(SessionExpiry, EachSignInGetsANewTokenAndLogoutEndsOnlyThatSession) {
  SignedInWorld world;
  ASSERT_TRUE(world.db);
  testing::add_user(*world.db, "two-devices", kPassword);
  auto first = world.sign_in("two-devices");
  auto second = world.sign_in("two-devices");
  EXPECT_NE(first.session_token, second.session_token);
  EXPECT_NE(first.csrf_token, second.csrf_token);
  ASSERT_TRUE(log_out(*world.db, world.clock, first.caller).ok());
  EXPECT_FALSE(world.alive(first));
  EXPECT_TRUE(world.alive(second));
}

TEST(SessionExpiry, PasswordChangeEndsTheOtherSessions) {
  SignedInWorld world;
  ASSERT_TRUE(world.db);
  testing::add_user(*world.db, "changer", kPassword);
  auto here = world.sign_in("changer");
  auto elsewhere = world.sign_in("changer");
  ASSERT_TRUE(
      change_password(*world.db, world.clock, here.caller, kPassword, "another-long-secret-phrase").ok());
  EXPECT_TRUE(world.alive(here));
  EXPECT_FALSE(world.alive(elsewhere));
}

TEST(SessionExpiry, TheDatabaseHoldsOnlyTheTokensHash) {
  SignedInWorld world;
  ASSERT_TRUE(world.db);
  testing::add_user(*world.db, "hashed", kPassword);
  auto session = world.sign_in("hashed");
  long long plain = -1;
  ASSERT_TRUE(world.db
                  ->read([&](soci::session& sql) {
                    sql << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t",
                        soci::use(session.session_token), soci::into(plain);
                    return domain::Status(domain::Ok{});
                  })
                  .ok());
  EXPECT_EQ(plain, 0);
  EXPECT_EQ(session.session_token.size(), 43u) << "256 bits in base64url";
}

}  // namespace
}  // namespace iifund::service
