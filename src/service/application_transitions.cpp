#include "service/application_transitions.hpp"

#include "service/application_view.hpp"
#include "service/audit.hpp"
#include "service/notifications.hpp"
#include "store/audit_log.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

std::optional<domain::Role> role_of(const Caller& caller) {
  for (auto role : domain::kAllRoles) {
    if (domain::to_string(role) == caller.role) return role;
  }
  return std::nullopt;
}

domain::Status apply_transition(soci::session& sql, const Caller& caller, store::ApplicationRecord& record,
                                const TransitionRequest& request, domain::TransitionContext context,
                                domain::Instant now) {
  using domain::ApplicationState;
  auto from = domain::parse_application_state(record.state);
  auto role = role_of(caller);
  if (!from || !role) return domain::make_problem("forbidden", 403);
  context.now = now;
  context.reason = request.reason;
  auto allowed = domain::check_transition(*from, request.to, *role, context);
  if (!allowed) return allowed.take_problem();
  const std::string action(allowed.value()->action);
  const std::string stamp = store::format_utc_iso(now);
  const std::string before = record.state;
  record.state = std::string(domain::to_string(request.to));
  if (request.to == ApplicationState::returned || request.to == ApplicationState::supplement_requested) {
    record.returned_at = stamp;  // the revision window counts from here
  }
  record.updated_by = caller.user_id;
  record.updated_at = stamp;
  store::update_application_state(sql, record);
  record.version += 1;  // the statement above bumped it
  store::ApplicationEvent event{0,
                                record.id,
                                action,
                                before,
                                record.state,
                                caller.user_id,
                                caller.role,
                                request.reason,
                                stamp,
                                request.details.dump()};
  store::insert_application_event(sql, event);
  nlohmann::json summary = {{"from", before}, {"to", record.state}};
  if (!request.reason.empty()) summary["reason"] = request.reason;
  if (!request.details.empty()) summary["details"] = request.details;
  store::append_audit(
      sql, audit_entry(caller, "application." + action, application_object(record.id), summary, now));
  if (!request.notify_kind.empty()) {
    notify_enterprise(sql, record.enterprise_id, request.notify_kind, application_object(record.id),
                      {{"application_id", record.id},
                       {"number", record.number},
                       {"project_name", record.project_name},
                       {"state", record.state},
                       {"reason", request.reason}},
                      now);
  }
  return domain::Ok{};
}

}  // namespace iifund::service
