#pragma once
// 审计链: a single sealer chains committed audit records in the order it finds them committed
// (by id among the unsealed), giving each a chain position and
//   seal = SHA-256(previous seal || canonical JSON of the record),
// so writers never wait on one global lock and several servers can share the database. Changing,
// inserting or removing a sealed row breaks the chain at that row, which verify names.
#include <optional>
#include <string>

#include "domain/result.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"

namespace iifund::store {

// Sorted keys, no spaces: the same bytes from either backend.
std::string canonical_audit_json(const StoredAuditRecord& record);
// Hex SHA-256 of the previous seal's hex text followed by the canonical JSON.
std::string next_audit_seal(const std::string& previous_seal, const std::string& canonical_json);

// Seals up to `limit` committed unsealed records in one transaction; returns how many.
domain::Result<long long> seal_audit_records(Database& db, long long limit = 1000);

struct ChainVerification {
  bool intact = true;
  long long sealed = 0;    // records checked
  long long unsealed = 0;  // records not yet sealed (not checkable)
  std::optional<long long> first_broken_id;
  std::string reason;  // "seal_mismatch" | "position_gap" | "unsealed_before_sealed"
};

domain::Result<ChainVerification> verify_audit_chain(Database& db);

}  // namespace iifund::store
