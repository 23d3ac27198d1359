#pragma once
// 审计日志: every write appends its record in the same transaction as the change; denials and
// failed sign-ins append theirs in a transaction of their own. Rows are never updated by the
// application except to be sealed once (audit_chain.hpp).
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct AuditRecord {
  std::string at;              // UTC ISO-8601
  std::string actor;           // username, "anonymous", "cli" or "system"
  std::string action;          // e.g. "session.login", "user.disable"
  std::string object;          // e.g. "user:42", "enterprise:7"
  std::string details_json;    // the before/after summary; never a password or a token
  std::string role;            // the actor's role at the time, empty for cli/system
  std::string client_address;  // empty for cli/system
  std::string result = "ok";   // ok | failed | denied | throttled
};

struct StoredAuditRecord {
  long long id = 0;
  AuditRecord record;
  std::optional<long long> chain_position;  // set by the sealer
  std::optional<std::string> seal;
};

void append_audit(soci::session& sql, const AuditRecord& record);

// The columns read_audit_record expects, in its order, ending with "FROM audit_log ".
inline constexpr const char* kAuditRecordColumns =
    "SELECT id, at, actor, role, client_address, action, object, result, details, chain_position, seal "
    "FROM audit_log ";
StoredAuditRecord read_audit_record(const soci::row& row);

struct AuditQuery {
  std::string actor;   // exact, empty: any
  std::string action;  // exact or a prefix ending in '.', e.g. "user."
  std::string from;    // UTC ISO-8601, inclusive; empty: open
  std::string to;      // exclusive
  long long page = 1;  // 1-based
  long long page_size = 50;
};

struct AuditPage {
  std::vector<StoredAuditRecord> records;  // newest first
  long long total = 0;
};

AuditPage query_audit(soci::session& sql, const AuditQuery& query);

}  // namespace iifund::store
