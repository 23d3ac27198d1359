#pragma once
// 审计: the record a use case appends in its own transaction, the record of a refusal (written in
// a transaction of its own, since the refused change never happens), and the audit viewer.
#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/audit_log.hpp"

namespace iifund::service {

store::AuditRecord audit_entry(const Caller& caller, const std::string& action, const std::string& object,
                               const nlohmann::json& summary, domain::Instant now,
                               const std::string& result = "ok");

// Appends "access.denied" for a refused request (403, or 404 for an out-of-scope object).
void record_denial(store::Database& db, const Clock& clock, const Caller& caller, const std::string& target,
                   const std::string& code);

// The audit viewer (bureau and admin, checked by the route and again here).
domain::Result<store::AuditPage> search_audit(store::Database& db, const Caller& caller,
                                              const store::AuditQuery& query);

}  // namespace iifund::service
