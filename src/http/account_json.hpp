#pragma once
// The JSON shapes of accounts, enterprises, sessions and audit records, in one place so every
// endpoint answers with the same fields.
#include <nlohmann/json.hpp>

#include "service/caller.hpp"
#include "store/audit_log.hpp"
#include "store/enterprise_store.hpp"
#include "store/session_store.hpp"
#include "store/user_store.hpp"

namespace iifund::http {

nlohmann::json caller_json(const service::Caller& caller);
nlohmann::json user_json(const store::UserRecord& user);  // with `disabled`
nlohmann::json enterprise_json(const store::EnterpriseRecord& enterprise, bool with_contact);
nlohmann::json session_json(const store::SessionRecord& session, long long current_session_id);
nlohmann::json audit_json(const store::StoredAuditRecord& stored);

}  // namespace iifund::http
