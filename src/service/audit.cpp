#include "service/audit.hpp"

#include <spdlog/spdlog.h>

#include "store/timestamps.hpp"

namespace iifund::service {

store::AuditRecord audit_entry(const Caller& caller, const std::string& action, const std::string& object,
                               const nlohmann::json& summary, domain::Instant now,
                               const std::string& result) {
  store::AuditRecord record;
  record.at = store::format_utc_iso(now);
  record.actor = caller.audit_name();
  record.role = caller.role;
  record.client_address = caller.client_address;
  record.action = action;
  record.object = object;
  record.result = result;
  record.details_json = summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return record;
}

void record_denial(store::Database& db, const Clock& clock, const Caller& caller, const std::string& target,
                   const std::string& code) {
  auto record = audit_entry(caller, "access.denied", target, {{"code", code}}, clock.now(), "denied");
  domain::Status written = db.write([&](soci::session& sql) {
    store::append_audit(sql, record);
    return domain::Status(domain::Ok{});
  });
  if (!written) spdlog::error("could not record a denial of {} to {}", target, caller.audit_name());
}

domain::Result<store::AuditPage> search_audit(store::Database& db, const Caller& caller,
                                              const store::AuditQuery& query) {
  if (caller.role != "bureau" && caller.role != "admin") return domain::make_problem("forbidden", 403);
  store::AuditPage page;
  domain::Status read = db.read([&](soci::session& sql) {
    page = store::query_audit(sql, query);
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  return page;
}

}  // namespace iifund::service
