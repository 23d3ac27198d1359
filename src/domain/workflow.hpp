#pragma once
// 申报流程: the life of an application as a table. Every transition names the role that may make
// it and the guard that must hold; anything not in the table is refused with a typed Problem that
// says from, to and why. The service layer calls `check_transition` before every state change and
// writes the audit record with the transition's action name.
//
// Finalizing for printing (定稿, DOMAIN.md §8.4) is a property of the form rather than a state:
// editing un-finalizes it, and every submission guard requires a finalized form and its sealed scan.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/policy.hpp"
#include "domain/result.hpp"

namespace iifund::domain {

enum class ApplicationState {
  draft,
  submitted,             // 已提交, awaiting the county
  returned,              // 退回: back to the enterprise, editable, resubmittable
  county_declined,       // 不予推荐 (final)
  county_recommended,    // 推荐, awaiting the organizer's formal check
  supplement_requested,  // 补正: the formal check asks for materials
  formal_check_failed,   // 形式审查不通过 (final)
  formal_check_passed,
  under_review,  // 评审论证
  reviewed,
  in_library,  // 入库储备
  not_selected,
  selected,    // 排序优选
  publicized,  // 公示
  objection_upheld,
  approved,  // 下达
  withdrawn,
};
inline constexpr ApplicationState kAllStates[] = {ApplicationState::draft,
                                                  ApplicationState::submitted,
                                                  ApplicationState::returned,
                                                  ApplicationState::county_declined,
                                                  ApplicationState::county_recommended,
                                                  ApplicationState::supplement_requested,
                                                  ApplicationState::formal_check_failed,
                                                  ApplicationState::formal_check_passed,
                                                  ApplicationState::under_review,
                                                  ApplicationState::reviewed,
                                                  ApplicationState::in_library,
                                                  ApplicationState::not_selected,
                                                  ApplicationState::selected,
                                                  ApplicationState::publicized,
                                                  ApplicationState::objection_upheld,
                                                  ApplicationState::approved,
                                                  ApplicationState::withdrawn};
std::string_view to_string(ApplicationState state);
std::optional<ApplicationState> parse_application_state(std::string_view name);
// "已提交" / "Submitted": the state as people read it.
const LocalizedName& state_label(ApplicationState state);
bool is_final(ApplicationState state);

enum class Role { enterprise, county, organizer, expert, bureau, admin };
inline constexpr Role kAllRoles[] = {Role::enterprise, Role::county, Role::organizer,
                                     Role::expert,     Role::bureau, Role::admin};
std::string_view to_string(Role role);

// What must hold for a transition; each failure has its own Problem code.
enum class Guard {
  none,
  submission,    // window open, enterprise verified, form finalized + sealed scan, materials complete
  resubmission,  // as submission, but also allowed late within revision_days of the return
  reason_given,  // a return, decline, failure or objection states why
  experts_assigned,
  reviews_complete,
  score_in_library,     // category fully scored, score ≥ library threshold
  score_below_library,  // category fully scored, score < library threshold
  publicity_over,
};

struct Transition {
  std::string_view action;  // audit name: "submit", "recommend", …
  ApplicationState from;
  ApplicationState to;
  Role role;
  Guard guard;
};

std::span<const Transition> transition_table();
const Transition* find_transition(ApplicationState from, ApplicationState to);
std::vector<ApplicationState> next_states(ApplicationState from, Role role);

// The facts a guard looks at, gathered by the service from the application and the policy.
struct TransitionContext {
  Instant now;
  std::optional<Instant> window_opens;
  Instant window_closes;               // exclusive
  std::optional<Instant> returned_at;  // last return or supplement request
  int revision_days = 5;
  bool enterprise_verified = false;
  bool form_finalized = false;
  bool sealed_scan_uploaded = false;
  bool materials_complete = false;
  std::string reason;
  bool experts_assigned = false;
  bool reviews_complete = false;
  bool category_fully_scored = false;
  std::optional<double> score;
  double library_threshold = 60;
  std::optional<Instant> publicity_ends;  // exclusive
};

// The window and thresholds of a policy, the rest left for the caller to fill in.
TransitionContext context_from_policy(const Policy& policy, Instant now);

// Refusal codes, all with facts {from, to, actor, why}:
//   illegal_transition (409, why "no_such_transition", plus allowed: [...]),
//   transition_not_permitted (403, why "role_not_allowed", plus role_required),
//   or the failed guard's own code (422), why = that code: window_not_open, deadline_passed,
//   revision_window_closed, enterprise_unverified, form_not_finalized, sealed_scan_missing,
//   materials_incomplete, reason_required, experts_not_assigned, reviews_incomplete,
//   category_not_fully_scored, score_missing, score_below_threshold, score_not_below_threshold,
//   publicity_not_over.
Result<const Transition*> check_transition(ApplicationState from, ApplicationState to, Role actor,
                                           const TransitionContext& context);

}  // namespace iifund::domain
