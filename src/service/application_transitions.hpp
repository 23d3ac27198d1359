#pragma once
// 流转: one state change of a submitted application, made by a county officer, the organizer or
// the bureau. Every review step (recommend, return, decline, formal check, start of review,
// library) goes through here, so each is checked against the workflow table, recorded as an
// event with its details, audited and announced to the enterprise in the same transaction.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/result.hpp"
#include "domain/workflow.hpp"
#include "service/caller.hpp"
#include "store/application_store.hpp"

namespace iifund::service {

std::optional<domain::Role> role_of(const Caller& caller);

struct TransitionRequest {
  domain::ApplicationState to = domain::ApplicationState::draft;
  std::string reason;
  // Kept with the event and shown in the history: the fields a return asks to fix, a checklist.
  nlohmann::json details = nlohmann::json::object();
  // The notification the enterprise's users receive (kind of notifications.hpp); empty for none.
  std::string notify_kind;
};

// Inside the caller's write transaction. Refuses as domain::check_transition does (the guard
// looks at `context`, whose `reason` is filled from the request); on success writes the state (and
// returned_at when the application goes back to the enterprise), the event, the audit record
// "application.<action>" and the enterprise's notifications, and updates `record`.
domain::Status apply_transition(soci::session& sql, const Caller& caller, store::ApplicationRecord& record,
                                const TransitionRequest& request, domain::TransitionContext context,
                                domain::Instant now);

}  // namespace iifund::service
