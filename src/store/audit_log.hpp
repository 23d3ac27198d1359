#pragma once
// 审计日志: every write appends one record in its own transaction. The append-only chain and its
// sealer arrive with the accounts issue; the record shape is fixed here.
#include <string>

#include "store/database.hpp"

namespace iifund::store {

struct AuditRecord {
  std::string at;      // UTC ISO-8601
  std::string actor;   // username, or "system" / "cli"
  std::string action;  // e.g. "demo.load", "batch.save"
  std::string object;  // e.g. "batch:jiangmen-2022-batch2"
  std::string details_json;
};

void append_audit(soci::session& sql, const AuditRecord& record);

}  // namespace iifund::store
