#pragma once
// Versioned schema migrations, written once for both backends (see ddl_for for what differs).
// Each migration runs in its own transaction together with its row in schema_migrations, so it is
// applied exactly once, and one that fails leaves the database as it was.
#include <span>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "store/database.hpp"

namespace iifund::store {

struct Migration {
  int version;
  std::string name;
  // Portable DDL: `{id}` is an auto-increment primary key, `{bigint}` a 64-bit integer column,
  // `{blob}` a byte string.
  std::vector<std::string> statements;
};

// The shipped schema history, oldest first. Append only: never edit a released migration.
std::span<const Migration> schema_migrations();

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this call
  int current_version = 0;
};

domain::Result<MigrationReport> apply_migrations(Database& db, std::span<const Migration> migrations);
inline domain::Result<MigrationReport> apply_migrations(Database& db) {
  return apply_migrations(db, schema_migrations());
}

domain::Result<int> current_schema_version(Database& db);

// A portable statement spelled for one backend.
std::string ddl_for(Backend backend, std::string statement);

}  // namespace iifund::store
