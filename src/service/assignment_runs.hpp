#pragma once
// 专家分配: the organizer runs the assignment (domain::assign_experts) over a batch's formally
// passed applications and the active pool, looks at the preview and its statistics, adjusts single
// slots (never to a conflicted or overloaded expert), and confirms: the slots become the experts'
// live assignments and each application goes under review. Later an expert may declare 回避 on
// one of its assignments (domain::replace_expert picks who takes over) and the organizer may add a
// reviewer to an application whose scores diverge.
//
// The facts an assignment avoids conflicts on come from the frozen snapshot and the enterprise: its
// category, its industry (the cluster of a cluster pilot, else the form's direction), its county
// and credit code; an expert employed by, or declaring, any member of a cluster application must
// not review it either. An expert's load counts its active assignments across the whole batch.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/assignment_store.hpp"
#include "store/database.hpp"

namespace iifund::service {

struct RunExpert {
  long long expert_id = 0;
  std::string name;
  std::string match;  // industry | category | none
};

struct RunApplication {
  long long application_id = 0;
  std::string number;
  std::string project_name;
  std::string enterprise_name;
  int category = 0;
  std::vector<RunExpert> experts;
};

struct RunView {
  store::AssignmentRunRecord run;
  int experts_per_application = 0;
  std::vector<RunApplication> applications;
  // {applications, experts_used, loads: [{expert_id, name, load, max_load}], industry_matches,
  //  category_matches, unmatched, conflicts_avoided: {same_employer, declared, same_county},
  //  shortages: [{application_id, number, needed, assigned, reason}]}
  nlohmann::json statistics;
};

// Organizer: 404 unknown batch, 422 nothing_to_assign; replaces the batch's other previews;
// audit assignment.run.
domain::Result<RunView> start_assignment_run(store::Database& db, const Clock& clock, const Caller& caller,
                                             long long batch_id, std::optional<int> category,
                                             std::optional<std::uint64_t> seed);

domain::Result<RunView> view_assignment_run(store::Database& db, const Caller& caller, long long run_id);

struct SlotChange {
  long long application_id = 0;
  std::optional<long long> remove_expert_id;  // none: fill an empty place of a short application
  long long add_expert_id = 0;
};

// 409 run_not_preview; 422 expert_conflicted (facts.reason), expert_at_max_load,
// expert_already_assigned, expert_not_assigned, expert_unknown; audit assignment.adjust.
domain::Result<RunView> adjust_assignment_slot(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long run_id, const SlotChange& change);

// 409 run_not_preview, 422 shortage (facts.applications: numbers); the slots become active, each
// application goes formal_check_passed → under_review (application.start_review), each linked
// expert account is notified (review.assigned); audit assignment.confirm.
domain::Result<RunView> confirm_assignment_run(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long run_id);

// Organizer: one more active reviewer for an application under review (409
// application_not_under_review); refusals as for a slot change; notice review.assigned; audit
// assignment.add_reviewer.
domain::Result<store::AssignmentSlot> add_reviewer(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long application_id,
                                                   long long expert_id);

struct DeclaredConflict {
  store::AssignmentSlot declared;     // now conflict_declared, with the reason
  store::AssignmentSlot replacement;  // active, for the expert domain::replace_expert chose
};

// The expert declares 回避 on its own active, unsubmitted assignment (404 otherwise, 409
// review_locked once submitted, 422 reason_required). 422 no_replacement changes nothing. The new
// expert is notified review.assigned, the organizers review.replaced; audit review.declare_conflict.
domain::Result<DeclaredConflict> declare_review_conflict(store::Database& db, const Clock& clock,
                                                         const Caller& caller, long long assignment_id,
                                                         const std::string& reason);

// The command line's operator for assignments: an organizer, audited as "cli", acting through a
// disabled system account (runs and state changes name a user) made on first use.
domain::Result<Caller> command_line_organizer(store::Database& db, const Clock& clock);

// A batch named by its id or its code; 404 not_found.
domain::Result<long long> find_batch_id(store::Database& db, const std::string& id_or_code);

}  // namespace iifund::service
