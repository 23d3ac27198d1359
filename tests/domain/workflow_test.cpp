#include "domain/workflow.hpp"

#include <gtest/gtest.h>

#include <set>

#include "domain/time.hpp"

namespace iifund::domain {
namespace {

using S = ApplicationState;
using namespace std::chrono;

Instant at(const char* text) { return *parse_instant(text); }

const Policy& jiangmen() {
  static const Policy policy =
      *load_policy_file(std::string(IIFUND_SOURCE_DIR) + "/policies/jiangmen-2022-batch2.toml");
  return policy;
}

TransitionContext ready(Instant now) {
  TransitionContext c = context_from_policy(jiangmen(), now);
  c.enterprise_verified = c.form_finalized = c.sealed_scan_uploaded = c.materials_complete = true;
  return c;
}

std::string refusal(S from, S to, Role role, const TransitionContext& c) {
  auto r = check_transition(from, to, role, c);
  return r.ok() ? "ok" : r.problem().code;
}

TEST(Time, BeijingTimeRoundTrips) {
  EXPECT_EQ(format_beijing(jiangmen().window_closes), "2022-12-01T00:00:00+08:00");
  EXPECT_EQ(at("2022-11-30T16:00:00Z"), jiangmen().window_closes);
  EXPECT_EQ(at("2022-11-30T23:59:59.999+08:00"), jiangmen().window_closes - 1s);
  EXPECT_EQ(at("2022-11-30 10:00:00-06:00"), jiangmen().window_closes);
  for (const char* bad : {"2022-11-30", "2022-11-30T16:00:00", "2022-02-30T00:00:00Z", "2022-11-30T24:00:00Z",
                          "2022-11-30T16:00:00+8:00", "garbage"})
    EXPECT_FALSE(parse_instant(bad).ok()) << bad;
}

TEST(Workflow, SubmissionClosesAtMidnightBeijingTime) {
  EXPECT_EQ(refusal(S::draft, S::submitted, Role::enterprise, ready(at("2022-11-30T23:59:59+08:00"))), "ok");
  EXPECT_EQ(refusal(S::draft, S::submitted, Role::enterprise, ready(at("2022-12-01T00:00:00+08:00"))),
            "deadline_passed");
  auto late = check_transition(S::draft, S::submitted, Role::enterprise, ready(at("2026-01-01T00:00:00Z")));
  EXPECT_EQ(late.problem().facts.at("deadline"), "2022-12-01T00:00:00+08:00");
  EXPECT_EQ(late.problem().facts.at("from"), "draft");
  EXPECT_EQ(late.problem().facts.at("to"), "submitted");
}

TEST(Workflow, SubmissionNeedsAVerifiedEnterpriseAndAFinalizedSealedCompleteForm) {
  const Instant now = at("2022-11-15T10:00:00+08:00");
  struct Case {
    bool TransitionContext::*flag;
    const char* code;
  };
  const Case cases[] = {{&TransitionContext::enterprise_verified, "enterprise_unverified"},
                        {&TransitionContext::form_finalized, "form_not_finalized"},
                        {&TransitionContext::sealed_scan_uploaded, "sealed_scan_missing"},
                        {&TransitionContext::materials_complete, "materials_incomplete"}};
  for (const auto& c : cases) {
    TransitionContext context = ready(now);
    context.*(c.flag) = false;
    EXPECT_EQ(refusal(S::draft, S::submitted, Role::enterprise, context), c.code);
  }
}

TEST(Workflow, AReturnedApplicationMayBeResubmittedLateWithinTheRevisionWindow) {
  TransitionContext c = ready(at("2022-12-03T12:00:00+08:00"));
  c.returned_at = at("2022-11-29T12:00:00+08:00");
  EXPECT_EQ(refusal(S::returned, S::submitted, Role::enterprise, c), "ok");  // 4 days after the return
  EXPECT_EQ(refusal(S::supplement_requested, S::county_recommended, Role::enterprise, c), "ok");
  c.now = at("2022-12-04T12:00:00+08:00");  // exactly 5 days: the window has closed
  EXPECT_EQ(refusal(S::returned, S::submitted, Role::enterprise, c), "revision_window_closed");
  c.now = at("2022-12-04T11:59:59+08:00");
  EXPECT_EQ(refusal(S::returned, S::submitted, Role::enterprise, c), "ok");
  // Nothing else can be submitted late.
  EXPECT_EQ(refusal(S::draft, S::submitted, Role::enterprise, c), "deadline_passed");
}

TEST(Workflow, OnlyTheNamedRoleMayAct) {
  const TransitionContext c = ready(at("2022-11-15T10:00:00+08:00"));
  EXPECT_EQ(refusal(S::submitted, S::county_recommended, Role::county, c), "ok");
  auto r = check_transition(S::submitted, S::county_recommended, Role::enterprise, c);
  EXPECT_EQ(r.problem().code, "transition_not_permitted");
  EXPECT_EQ(r.problem().status, 403);
  EXPECT_EQ(r.problem().facts.at("role_required"), "county");
  EXPECT_EQ(refusal(S::publicized, S::approved, Role::admin, c), "transition_not_permitted");
}

TEST(Workflow, IllegalTransitionsNameFromToAndWhy) {
  auto r = check_transition(S::draft, S::approved, Role::bureau, ready(at("2022-11-15T10:00:00+08:00")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().code, "illegal_transition");
  EXPECT_EQ(r.problem().facts.at("from"), "draft");
  EXPECT_EQ(r.problem().facts.at("to"), "approved");
  EXPECT_EQ(r.problem().facts.at("why"), "no_such_transition");
  EXPECT_EQ(r.problem().facts.at("allowed"), (nlohmann::json{"submitted", "withdrawn"}));
}

TEST(Workflow, CountyAndFormalCheckDecisionsNeedAReason) {
  TransitionContext c = ready(at("2022-11-15T10:00:00+08:00"));
  for (auto [from, to, role] : {std::tuple{S::submitted, S::returned, Role::county},
                                {S::submitted, S::county_declined, Role::county},
                                {S::county_recommended, S::supplement_requested, Role::organizer},
                                {S::county_recommended, S::formal_check_failed, Role::organizer},
                                {S::publicized, S::objection_upheld, Role::organizer}}) {
    c.reason = "  ";
    EXPECT_EQ(refusal(from, to, role, c), "reason_required") << to_string(to);
    c.reason = "材料不全";
    EXPECT_EQ(refusal(from, to, role, c), "ok") << to_string(to);
  }
}

TEST(Workflow, LibraryEntryFollowsTheThreshold) {
  TransitionContext c = ready(at("2023-01-15T10:00:00+08:00"));
  EXPECT_EQ(refusal(S::reviewed, S::in_library, Role::organizer, c), "category_not_fully_scored");
  c.category_fully_scored = true;
  EXPECT_EQ(refusal(S::reviewed, S::in_library, Role::organizer, c), "score_missing");
  c.score = 60.0;  // at the threshold enters
  EXPECT_EQ(refusal(S::reviewed, S::in_library, Role::organizer, c), "ok");
  EXPECT_EQ(refusal(S::reviewed, S::not_selected, Role::organizer, c), "score_not_below_threshold");
  c.score = 59.99;
  EXPECT_EQ(refusal(S::reviewed, S::in_library, Role::organizer, c), "score_below_threshold");
  EXPECT_EQ(refusal(S::reviewed, S::not_selected, Role::organizer, c), "ok");
}

TEST(Workflow, ApprovalWaitsForThePublicityToEnd) {
  TransitionContext c = ready(at("2023-02-01T10:00:00+08:00"));
  EXPECT_EQ(refusal(S::publicized, S::approved, Role::bureau, c), "publicity_not_over");
  c.publicity_ends = at("2023-02-08T00:00:00+08:00");
  EXPECT_EQ(refusal(S::publicized, S::approved, Role::bureau, c), "publicity_not_over");
  c.now = *c.publicity_ends;
  EXPECT_EQ(refusal(S::publicized, S::approved, Role::bureau, c), "ok");
}

TEST(Workflow, TheHappyPathReachesApproval) {
  TransitionContext c = ready(at("2022-11-15T10:00:00+08:00"));
  c.experts_assigned = c.reviews_complete = c.category_fully_scored = true;
  c.score = 80;
  c.publicity_ends = at("2022-11-01T00:00:00+08:00");
  const S path[] = {S::draft,        S::submitted, S::county_recommended, S::formal_check_passed,
                    S::under_review, S::reviewed,  S::in_library,         S::selected,
                    S::publicized,   S::approved};
  for (std::size_t i = 0; i + 1 < std::size(path); ++i) {
    const Transition* t = find_transition(path[i], path[i + 1]);
    ASSERT_NE(t, nullptr) << to_string(path[i]);
    EXPECT_EQ(refusal(path[i], path[i + 1], t->role, c), "ok") << t->action;
  }
  EXPECT_TRUE(is_final(S::approved));
}

TEST(Workflow, TheTableIsWellFormed) {
  std::set<std::pair<S, S>> edges;
  for (const auto& t : transition_table()) {
    EXPECT_TRUE(edges.insert({t.from, t.to}).second) << t.action;  // (from, to) identifies an edge
    EXPECT_NE(t.role, Role::admin);                                // admins configure, never decide
    EXPECT_NE(t.role, Role::expert);  // experts score; the organizer moves applications
    EXPECT_FALSE(is_final(t.from));
  }
  for (S s : {S::county_declined, S::formal_check_failed, S::not_selected, S::objection_upheld, S::approved,
              S::withdrawn})
    EXPECT_TRUE(is_final(s)) << to_string(s);
  for (S s : kAllStates) EXPECT_EQ(parse_application_state(to_string(s)), s);
  EXPECT_EQ(next_states(S::submitted, Role::county).size(), 3u);
}

}  // namespace
}  // namespace iifund::domain
