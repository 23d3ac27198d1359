#include "domain/workflow.hpp"

#include <chrono>

#include "domain/time.hpp"

namespace iifund::domain {

namespace {

using S = ApplicationState;

// The whole life of an application (DOMAIN.md §4, §8). Read top to bottom it is the process.
constexpr Transition kTransitions[] = {
    {"submit", S::draft, S::submitted, Role::enterprise, Guard::submission},
    {"withdraw", S::draft, S::withdrawn, Role::enterprise, Guard::none},
    {"recommend", S::submitted, S::county_recommended, Role::county, Guard::none},
    {"return_for_revision", S::submitted, S::returned, Role::county, Guard::reason_given},
    {"decline", S::submitted, S::county_declined, Role::county, Guard::reason_given},
    {"withdraw", S::submitted, S::withdrawn, Role::enterprise, Guard::none},
    {"resubmit", S::returned, S::submitted, Role::enterprise, Guard::resubmission},
    {"withdraw", S::returned, S::withdrawn, Role::enterprise, Guard::none},
    {"pass_formal_check", S::county_recommended, S::formal_check_passed, Role::organizer, Guard::none},
    {"request_supplement", S::county_recommended, S::supplement_requested, Role::organizer,
     Guard::reason_given},
    {"fail_formal_check", S::county_recommended, S::formal_check_failed, Role::organizer,
     Guard::reason_given},
    {"withdraw", S::county_recommended, S::withdrawn, Role::enterprise, Guard::none},
    {"supplement", S::supplement_requested, S::county_recommended, Role::enterprise, Guard::resubmission},
    {"withdraw", S::supplement_requested, S::withdrawn, Role::enterprise, Guard::none},
    {"start_review", S::formal_check_passed, S::under_review, Role::organizer, Guard::experts_assigned},
    {"finish_review", S::under_review, S::reviewed, Role::organizer, Guard::reviews_complete},
    {"enter_library", S::reviewed, S::in_library, Role::organizer, Guard::score_in_library},
    {"below_threshold", S::reviewed, S::not_selected, Role::organizer, Guard::score_below_library},
    {"select", S::in_library, S::selected, Role::organizer, Guard::none},
    {"not_select", S::in_library, S::not_selected, Role::organizer, Guard::none},
    {"adjust_out", S::selected, S::not_selected, Role::organizer, Guard::reason_given},
    {"publicize", S::selected, S::publicized, Role::organizer, Guard::none},
    {"uphold_objection", S::publicized, S::objection_upheld, Role::organizer, Guard::reason_given},
    {"approve", S::publicized, S::approved, Role::bureau, Guard::publicity_over},
};

constexpr std::string_view kStateNames[] = {"draft",
                                            "submitted",
                                            "returned",
                                            "county_declined",
                                            "county_recommended",
                                            "supplement_requested",
                                            "formal_check_failed",
                                            "formal_check_passed",
                                            "under_review",
                                            "reviewed",
                                            "in_library",
                                            "not_selected",
                                            "selected",
                                            "publicized",
                                            "objection_upheld",
                                            "approved",
                                            "withdrawn"};
static_assert(std::size(kStateNames) == std::size(kAllStates));

// What people read for each state, in the order of kAllStates.
const LocalizedName kStateLabels[] = {{"草稿", "Draft"},
                                      {"已提交", "Submitted"},
                                      {"已退回修改", "Returned for revision"},
                                      {"区县不予推荐", "Declined by the county"},
                                      {"区县已推荐", "Recommended by the county"},
                                      {"待补正", "Supplement requested"},
                                      {"形式审查不通过", "Formal check failed"},
                                      {"形式审查通过", "Formal check passed"},
                                      {"专家评审中", "Under review"},
                                      {"评审完成", "Reviewed"},
                                      {"已入库", "In the project library"},
                                      {"未入选", "Not selected"},
                                      {"拟支持", "Selected"},
                                      {"公示中", "Under publicity"},
                                      {"异议成立", "Objection upheld"},
                                      {"已下达", "Approved"},
                                      {"已撤回", "Withdrawn"}};
static_assert(std::size(kStateLabels) == std::size(kAllStates));

nlohmann::json base_facts(S from, S to, Role actor, std::string_view why) {
  return {{"from", to_string(from)}, {"to", to_string(to)}, {"actor", to_string(actor)}, {"why", why}};
}

}  // namespace

std::string_view to_string(ApplicationState state) { return kStateNames[static_cast<std::size_t>(state)]; }

const LocalizedName& state_label(ApplicationState state) {
  return kStateLabels[static_cast<std::size_t>(state)];
}

std::optional<ApplicationState> parse_application_state(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kStateNames); ++i)
    if (kStateNames[i] == name) return kAllStates[i];
  return std::nullopt;
}

bool is_final(ApplicationState state) {
  for (const auto& t : kTransitions)
    if (t.from == state) return false;
  return true;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::enterprise:
      return "enterprise";
    case Role::county:
      return "county";
    case Role::organizer:
      return "organizer";
    case Role::expert:
      return "expert";
    case Role::bureau:
      return "bureau";
    case Role::admin:
      return "admin";
  }
  return "unknown";
}

std::span<const Transition> transition_table() { return kTransitions; }

const Transition* find_transition(ApplicationState from, ApplicationState to) {
  for (const auto& t : kTransitions)
    if (t.from == from && t.to == to) return &t;
  return nullptr;
}

std::vector<ApplicationState> next_states(ApplicationState from, Role role) {
  std::vector<ApplicationState> out;
  for (const auto& t : kTransitions)
    if (t.from == from && t.role == role) out.push_back(t.to);
  return out;
}

TransitionContext context_from_policy(const Policy& policy, Instant now) {
  TransitionContext c;
  c.now = now;
  c.window_opens = policy.window_opens;
  c.window_closes = policy.window_closes;
  c.revision_days = policy.revision_days;
  c.library_threshold = policy.review.library_threshold;
  return c;
}

namespace {

Problem guard_problem(const Transition& t, Role actor, std::string code, const nlohmann::json& extra = {}) {
  nlohmann::json facts = base_facts(t.from, t.to, actor, code);
  if (extra.is_object()) facts.update(extra);
  return make_problem(std::move(code), 422, std::move(facts));
}

// The form itself: the same for a first submission and a resubmission.
std::optional<Problem> readiness_failure(const Transition& t, Role actor, const TransitionContext& c) {
  if (!c.enterprise_verified) return guard_problem(t, actor, "enterprise_unverified");
  if (!c.form_finalized) return guard_problem(t, actor, "form_not_finalized");
  if (!c.sealed_scan_uploaded) return guard_problem(t, actor, "sealed_scan_missing");
  if (!c.materials_complete) return guard_problem(t, actor, "materials_incomplete");
  return std::nullopt;
}

std::optional<Problem> timing_failure(const Transition& t, Role actor, const TransitionContext& c) {
  if (c.window_opens && c.now < *c.window_opens)
    return guard_problem(t, actor, "window_not_open", {{"opens", format_beijing(*c.window_opens)}});
  if (c.now < c.window_closes) return std::nullopt;
  if (t.guard == Guard::resubmission && c.returned_at) {
    const Instant revision_ends = *c.returned_at + std::chrono::days(c.revision_days);
    if (c.now < revision_ends) return std::nullopt;
    return guard_problem(t, actor, "revision_window_closed",
                         {{"returned_at", format_beijing(*c.returned_at)},
                          {"revision_ends", format_beijing(revision_ends)},
                          {"revision_days", c.revision_days}});
  }
  return guard_problem(t, actor, "deadline_passed", {{"deadline", format_beijing(c.window_closes)}});
}

std::optional<Problem> library_failure(const Transition& t, Role actor, const TransitionContext& c) {
  if (!c.category_fully_scored) return guard_problem(t, actor, "category_not_fully_scored");
  if (!c.score) return guard_problem(t, actor, "score_missing");
  const bool enters = *c.score >= c.library_threshold;
  nlohmann::json facts = {{"score", *c.score}, {"threshold", c.library_threshold}};
  if (t.guard == Guard::score_in_library && !enters)
    return guard_problem(t, actor, "score_below_threshold", facts);
  if (t.guard == Guard::score_below_library && enters)
    return guard_problem(t, actor, "score_not_below_threshold", facts);
  return std::nullopt;
}

std::optional<Problem> guard_failure(const Transition& t, Role actor, const TransitionContext& c) {
  switch (t.guard) {
    case Guard::none:
      return std::nullopt;
    case Guard::submission:
    case Guard::resubmission:
      if (auto p = timing_failure(t, actor, c)) return p;
      return readiness_failure(t, actor, c);
    case Guard::reason_given:
      if (c.reason.find_first_not_of(" \t\r\n") == std::string::npos)
        return guard_problem(t, actor, "reason_required");
      return std::nullopt;
    case Guard::experts_assigned:
      if (!c.experts_assigned) return guard_problem(t, actor, "experts_not_assigned");
      return std::nullopt;
    case Guard::reviews_complete:
      if (!c.reviews_complete) return guard_problem(t, actor, "reviews_incomplete");
      return std::nullopt;
    case Guard::score_in_library:
    case Guard::score_below_library:
      return library_failure(t, actor, c);
    case Guard::publicity_over:
      if (!c.publicity_ends || c.now < *c.publicity_ends)
        return guard_problem(t, actor, "publicity_not_over",
                             {{"publicity_ends", c.publicity_ends ? format_beijing(*c.publicity_ends)
                                                                  : std::string("unknown")}});
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

Result<const Transition*> check_transition(ApplicationState from, ApplicationState to, Role actor,
                                           const TransitionContext& context) {
  const Transition* t = find_transition(from, to);
  if (t == nullptr) {
    nlohmann::json facts = base_facts(from, to, actor, "no_such_transition");
    facts["allowed"] = nlohmann::json::array();
    for (const auto& other : kTransitions)
      if (other.from == from) facts["allowed"].push_back(to_string(other.to));
    return make_problem("illegal_transition", 409, std::move(facts));
  }
  if (t->role != actor) {
    nlohmann::json facts = base_facts(from, to, actor, "role_not_allowed");
    facts["role_required"] = to_string(t->role);
    facts["action"] = t->action;
    return make_problem("transition_not_permitted", 403, std::move(facts));
  }
  if (auto failure = guard_failure(*t, actor, context)) return std::move(*failure);
  return t;
}

}  // namespace iifund::domain
