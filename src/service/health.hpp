#pragma once
// 系统状态: what /api/health reports — the database answers and the schema is current.
#include <string>

#include "domain/result.hpp"
#include "store/database.hpp"

namespace iifund::service {

struct HealthReport {
  std::string database;  // "sqlite" | "postgresql"
  int schema_version = 0;
};

domain::Result<HealthReport> check_health(store::Database& database);

}  // namespace iifund::service
