#include "test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace iifund::testing {

std::string test_database_url() {
  if (const char* url = std::getenv("IIFUND_TEST_DATABASE_URL"); url != nullptr && *url != '\0') return url;
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() / ("iifund-store-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / ("test-" + std::to_string(counter++) + ".db");
  std::filesystem::remove(path);
  return "sqlite3://db=" + path.string();
}

std::unique_ptr<store::Database> fresh_database(const std::string& url, std::size_t pool_size) {
  auto opened = store::Database::open(url, pool_size);
  if (!opened) {
    ADD_FAILURE() << "cannot open test database: " << opened.problem().facts.dump();
    return nullptr;
  }
  auto db = std::move(opened.value());
  if (db->backend() == store::Backend::postgresql) {
    auto reset = db->write([](soci::session& sql) {
      sql << "DROP SCHEMA public CASCADE";
      sql << "CREATE SCHEMA public";
      return domain::Status(domain::Ok{});
    });
    EXPECT_TRUE(reset.ok());
  }
  return db;
}

}  // namespace iifund::testing
