#include "store/login_failure_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

void record_login_failure(soci::session& sql, const std::string& key, const std::string& at) {
  sql << "INSERT INTO login_failures (throttle_key, failed_at) VALUES (:k, :t)", soci::use(key),
      soci::use(at);
}

FailureCount login_failures_since(soci::session& sql, const std::string& key, const std::string& since) {
  FailureCount result;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT COUNT(*), MAX(failed_at) FROM login_failures WHERE throttle_key = :k AND "
                      "failed_at > :s",
       soci::use(key), soci::use(since));
  for (const auto& row : rows) {
    result.count = row_integer(row, 0);
    result.last_failed_at = row_optional_text(row, 1);
  }
  return result;
}

void clear_login_failures(soci::session& sql, const std::string& key) {
  sql << "DELETE FROM login_failures WHERE throttle_key = :k", soci::use(key);
}

}  // namespace iifund::store
