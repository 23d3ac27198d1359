// The storage guarantees the rest of the system leans on: durable settings, transactions that
// either commit whole or leave nothing, migrations applied once and never half.
#include <gtest/gtest.h>

#include "store/batch_store.hpp"
#include "store/migrations.hpp"
#include "store/user_store.hpp"
#include "test_database.hpp"

namespace iifund::store {
namespace {

using domain::Ok;
using domain::Status;

long long count_rows(Database& db, const std::string& table) {
  long long count = -1;
  EXPECT_TRUE(db.read([&](soci::session& sql) {
                  sql << "SELECT COUNT(*) FROM " + table, soci::into(count);
                  return Status(Ok{});
                }).ok());
  return count;
}

bool table_exists(Database& db, const std::string& table) {
  long long found = 0;
  EXPECT_TRUE(db.read([&](soci::session& sql) {
                  if (db.backend() == Backend::sqlite) {
                    sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :t",
                        soci::use(table), soci::into(found);
                  } else {
                    sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND "
                           "table_name = :t",
                        soci::use(table), soci::into(found);
                  }
                  return Status(Ok{});
                }).ok());
  return found > 0;
}

TEST(Database, OpensWithDurableSettings) {
  auto db = testing::fresh_database();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->read([&](soci::session& sql) {
                  if (db->backend() == Backend::sqlite) {
                    std::string journal;
                    int synchronous = -1, foreign_keys = -1, busy_timeout = -1;
                    sql << "PRAGMA journal_mode", soci::into(journal);
                    sql << "PRAGMA synchronous", soci::into(synchronous);
                    sql << "PRAGMA foreign_keys", soci::into(foreign_keys);
                    sql << "PRAGMA busy_timeout", soci::into(busy_timeout);
                    EXPECT_EQ(journal, "wal");
                    EXPECT_EQ(synchronous, 2) << "synchronous must be FULL";
                    EXPECT_EQ(foreign_keys, 1);
                    EXPECT_GE(busy_timeout, 1000);
                  } else {
                    std::string zone, synchronous_commit;
                    sql << "SHOW TimeZone", soci::into(zone);
                    sql << "SHOW synchronous_commit", soci::into(synchronous_commit);
                    EXPECT_EQ(zone, "UTC");
                    EXPECT_EQ(synchronous_commit, "on");
                  }
                  return Status(Ok{});
                }).ok());
}

TEST(Database, WriteHoldsItsTransactionFromTheFirstStatement) {
  auto url = testing::test_database_url();
  auto db = testing::fresh_database(url);
  ASSERT_TRUE(db);
  ASSERT_TRUE(apply_migrations(*db).ok());
  auto other = Database::open(url, 1);
  ASSERT_TRUE(other.ok());
  Status outcome = db->write([&](soci::session& sql) {
    if (db->backend() == Backend::sqlite) {
      // BEGIN IMMEDIATE takes the write lock before any statement: a second writer is refused
      // at once instead of both reading and then colliding (SQLITE_BUSY_SNAPSHOT).
      Status second_writer = other.value()->read([](soci::session& other_sql) {
        other_sql << "PRAGMA busy_timeout=0";
        other_sql << "BEGIN IMMEDIATE";
        other_sql << "ROLLBACK";
        return Status(Ok{});
      });
      EXPECT_FALSE(second_writer.ok()) << "a second writer got the lock while write() held it";
    }
    sql << "INSERT INTO audit_log (at, actor, action, object, details) VALUES ('t', 'a', 'b', 'c', '{}')";
    EXPECT_EQ(count_rows(*other.value(), "audit_log"), 0)
        << "uncommitted work is visible to another connection";
    return Status(Ok{});
  });
  EXPECT_TRUE(outcome.ok());
  EXPECT_EQ(count_rows(*other.value(), "audit_log"), 1);
}

TEST(Database, WriteRollsBackWhenTheWorkReturnsAProblem) {
  auto db = testing::fresh_database();
  ASSERT_TRUE(db);
  ASSERT_TRUE(apply_migrations(*db).ok());
  Status outcome = db->write([](soci::session& sql) -> Status {
    sql << "INSERT INTO audit_log (at, actor, action, object, details) VALUES ('t', 'a', 'b', 'c', '{}')";
    return domain::make_problem("refused_on_purpose", 422);
  });
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.problem().code, "refused_on_purpose");
  EXPECT_EQ(count_rows(*db, "audit_log"), 0) << "a refused write must leave nothing behind";
}

TEST(Database, WriteRollsBackWhenTheWorkThrows) {
  auto db = testing::fresh_database();
  ASSERT_TRUE(db);
  ASSERT_TRUE(apply_migrations(*db).ok());
  Status outcome = db->write([](soci::session& sql) -> Status {
    sql << "INSERT INTO audit_log (at, actor, action, object, details) VALUES ('t', 'a', 'b', 'c', '{}')";
    sql << "INSERT INTO no_such_table VALUES (1)";
    return Ok{};
  });
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.problem().code, "database_error");
  EXPECT_EQ(count_rows(*db, "audit_log"), 0);
}

TEST(Migrations, AppliesEachVersionOnceAndRecordsIt) {
  auto db = testing::fresh_database();
  ASSERT_TRUE(db);
  auto first = apply_migrations(*db);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->applied.size(), schema_migrations().size());
  EXPECT_EQ(first->current_version, schema_migrations().back().version);
  auto second = apply_migrations(*db);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->applied.empty()) << "a second run must apply nothing";
  EXPECT_EQ(count_rows(*db, "schema_migrations"), static_cast<long long>(schema_migrations().size()));
}

TEST(Migrations, AFailingMigrationLeavesTheDatabaseAsItWas) {
  auto db = testing::fresh_database();
  ASSERT_TRUE(db);
  ASSERT_TRUE(apply_migrations(*db).ok());
  int next = schema_migrations().back().version + 1;
  std::vector<Migration> broken(schema_migrations().begin(), schema_migrations().end());
  broken.push_back({next,
                    "half-good migration",
                    {"CREATE TABLE half_done (id {id})", "INSERT INTO users (no_such_column) VALUES (1)"}});
  auto outcome = apply_migrations(*db, broken);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.problem().code, "migration_failed");
  EXPECT_EQ(outcome.problem().facts["version"], next);
  EXPECT_FALSE(table_exists(*db, "half_done")) << "the first statement of a failed migration must be undone";
  auto version = current_schema_version(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version.value(), schema_migrations().back().version);
}

TEST(Migrations, PortableDdlIsSpelledForEachBackend) {
  EXPECT_EQ(ddl_for(Backend::sqlite, "CREATE TABLE t (id {id}, ref {bigint})"),
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, ref INTEGER)");
  EXPECT_EQ(ddl_for(Backend::postgresql, "CREATE TABLE t (id {id}, ref {bigint}, other {bigint})"),
            "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, ref BIGINT, other BIGINT)");
}

TEST(BatchStore, SavesAndReplacesABatchByCode) {
  auto db = testing::fresh_database();
  ASSERT_TRUE(db);
  ASSERT_TRUE(apply_migrations(*db).ok());
  BatchRecord batch{0,       "demo-batch", "【演示】批次",         "[DEMO] batch",
                    "x = 1", true,         "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"};
  ASSERT_TRUE(db->write([&](soci::session& sql) -> Status {
                  if (auto id = save_batch(sql, batch, "2026-01-01T00:00:00Z"); !id) return id.take_problem();
                  batch.closes_at = "2026-03-01T00:00:00Z";
                  if (auto id = save_batch(sql, batch, "2026-01-02T00:00:00Z"); !id) return id.take_problem();
                  return Ok{};
                }).ok());
  std::vector<BatchRecord> listed;
  ASSERT_TRUE(db->read([&](soci::session& sql) {
                  listed = list_batches(sql);
                  return Status(Ok{});
                }).ok());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].name_zh, "【演示】批次");
  EXPECT_EQ(listed[0].closes_at, "2026-03-01T00:00:00Z");
  EXPECT_TRUE(listed[0].is_demo);
}

TEST(UserStore, DemoUsersRefreshButNeverOverwriteARealAccount) {
  auto db = testing::fresh_database();
  ASSERT_TRUE(db);
  ASSERT_TRUE(apply_migrations(*db).ok());
  UserRecord demo{0,    "demo-county", "【演示】县区", "county", std::string("440703"), "hash-1", false,
                  true, false,         std::nullopt,   false};
  ASSERT_TRUE(db->write([&](soci::session& sql) -> Status {
                  if (auto id = save_demo_user(sql, demo, "2026-01-01T00:00:00Z"); !id)
                    return id.take_problem();
                  demo.password_hash = "hash-2";
                  if (auto id = save_demo_user(sql, demo, "2026-01-01T00:00:00Z"); !id)
                    return id.take_problem();
                  sql << "INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES "
                         "('real-officer', 'Real', 'county', 'h', 't')";
                  return Ok{};
                }).ok());
  UserRecord clash{0,     "real-officer", "x",   "county",     std::nullopt, "hash-3",
                   false, true,           false, std::nullopt, false};
  Status refused = db->write([&](soci::session& sql) -> Status {
    if (auto id = save_demo_user(sql, clash, "t"); !id) return id.take_problem();
    return Ok{};
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().code, "username_taken");
  ASSERT_TRUE(db->read([&](soci::session& sql) {
                  auto found = find_user(sql, "demo-county");
                  EXPECT_TRUE(found.has_value());
                  if (found) {
                    EXPECT_EQ(found->password_hash, "hash-2");
                    EXPECT_EQ(found->county_code.value_or(""), "440703");
                  }
                  auto real = find_user(sql, "real-officer");
                  EXPECT_TRUE(real && real->password_hash == "h");
                  EXPECT_EQ(count_users(sql), 2);
                  return Status(Ok{});
                }).ok());
}

}  // namespace
}  // namespace iifund::store
