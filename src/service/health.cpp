#include "service/health.hpp"

#include "store/migrations.hpp"

namespace iifund::service {

domain::Result<HealthReport> check_health(store::Database& database) {
  HealthReport report;
  report.database = store::backend_name(database.backend());
  domain::Status reachable = database.read([&](soci::session& sql) {
    // Reading the schema version is the round trip that proves the database answers.
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(report.schema_version, ind);
    if (ind == soci::i_null) report.schema_version = 0;
    return domain::Status(domain::Ok{});
  });
  if (!reachable) return reachable.take_problem();
  return report;
}

}  // namespace iifund::service
