#include "http/account_json.hpp"

namespace iifund::http {

namespace {

template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

}  // namespace

nlohmann::json caller_json(const service::Caller& caller) {
  return {{"id", caller.user_id},
          {"username", caller.username},
          {"display_name", caller.display_name},
          {"role", caller.role},
          {"county_code", or_null(caller.county_code)},
          {"enterprise_id", or_null(caller.enterprise_id)},
          {"enterprise_admin", caller.enterprise_admin},
          {"must_change_password", caller.must_change_password}};
}

nlohmann::json user_json(const store::UserRecord& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"role", user.role},
          {"county_code", or_null(user.county_code)},
          {"enterprise_id", or_null(user.enterprise_id)},
          {"enterprise_admin", user.enterprise_admin},
          {"disabled", user.disabled},
          {"must_change_password", user.must_change_password},
          {"is_demo", user.is_demo}};
}

nlohmann::json enterprise_json(const store::EnterpriseRecord& enterprise, bool with_contact) {
  nlohmann::json body = {{"id", enterprise.id},
                         {"credit_code", enterprise.credit_code},
                         {"name", enterprise.name},
                         {"county_code", enterprise.county_code},
                         {"verified", enterprise.verified},
                         {"verified_at", or_null(enterprise.verified_at)},
                         {"is_demo", enterprise.is_demo},
                         {"created_at", enterprise.created_at}};
  if (with_contact) {
    body["contact_name"] = enterprise.contact_name;
    body["contact_phone"] = enterprise.contact_phone;
  }
  return body;
}

nlohmann::json session_json(const store::SessionRecord& session, long long current_session_id) {
  return {{"id", session.id},
          {"created_at", session.created_at},
          {"last_seen_at", session.last_seen_at},
          {"client_address", session.client_address},
          {"user_agent", session.user_agent},
          {"current", session.id == current_session_id}};
}

nlohmann::json audit_json(const store::StoredAuditRecord& stored) {
  const auto& r = stored.record;
  auto summary = nlohmann::json::parse(r.details_json, nullptr, false);
  if (summary.is_discarded()) summary = r.details_json;
  return {{"id", stored.id},
          {"at", r.at},
          {"actor", r.actor},
          {"role", r.role},
          {"client_address", r.client_address},
          {"action", r.action},
          {"object", r.object},
          {"result", r.result},
          {"summary", summary},
          {"seal", or_null(stored.seal)}};
}

}  // namespace iifund::http
