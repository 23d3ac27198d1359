#pragma once
// Shared by the account tests: a migrated fresh database, a user with a real Argon2id hash, and a
// manual clock standing at a fixed instant.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "service/clock.hpp"
#include "service/password_hasher.hpp"
#include "store/migrations.hpp"
#include "store/timestamps.hpp"
#include "store/user_store.hpp"
#include "test_database.hpp"

namespace iifund::testing {

inline std::unique_ptr<store::Database> migrated_database() {
  auto db = fresh_database();
  if (db) {
    EXPECT_TRUE(store::apply_migrations(*db).ok());
  }
  return db;
}

// 2026-01-05T08:00:00Z, a Monday morning.
inline domain::Instant kMorning{std::chrono::sys_days{std::chrono::year{2026} / 1 / 5} +
                                std::chrono::hours(8)};

inline long long add_user(store::Database& db, const std::string& username, const std::string& password,
                          const std::string& role = "organizer") {
  store::UserRecord user;
  user.username = username;
  user.display_name = username;
  user.role = role;
  user.password_hash = service::hash_password(password);
  user.must_change_password = false;
  long long id = 0;
  EXPECT_TRUE(db.write([&](soci::session& sql) -> domain::Status {
                  auto inserted = store::insert_user(sql, user, "2026-01-01T00:00:00Z");
                  if (!inserted) return inserted.take_problem();
                  id = inserted.value();
                  return domain::Ok{};
                }).ok());
  return id;
}

inline long long count_audit(store::Database& db, const std::string& action) {
  long long count = 0;
  EXPECT_TRUE(db.read([&](soci::session& sql) {
                  sql << "SELECT COUNT(*) FROM audit_log WHERE action = :a", soci::use(action),
                      soci::into(count);
                  return domain::Status(domain::Ok{});
                }).ok());
  return count;
}

}  // namespace iifund::testing
