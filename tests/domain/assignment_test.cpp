#include "domain/assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace iifund::domain {
namespace {

using Apps = std::vector<ApplicationForReview>;
using Experts = std::vector<Expert>;

ApplicationForReview app(std::string id, std::string enterprise, std::string county,
                         std::string industry = "智能家电", std::string category = "1") {
  return {std::move(id), std::move(category), std::move(industry), std::move(county), std::move(enterprise)};
}

Expert expert(std::string id, std::vector<std::string> fields, std::string employer, std::string county,
              int max_load, std::vector<std::string> declared = {}) {
  return {std::move(id),     std::move(fields),   std::move(employer),
          std::move(county), std::move(declared), max_load};
}

AssignmentOptions with_k(int k, bool avoid_same_county = true) {
  AssignmentOptions o;
  o.experts_per_application = k;
  o.avoid_same_county = avoid_same_county;
  return o;
}

// A random batch: a few counties, industries and categories; some experts work for applicants,
// some declare conflicts, loads are tight enough that some applications come up short.
struct Instance {
  Apps apps;
  Experts experts;
  AssignmentOptions options;
};

Instance random_instance(std::uint64_t seed, int n, int m, int k, int max_load_hi) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int hi) { return static_cast<int>(rng() % static_cast<std::uint64_t>(hi)); };
  Instance in;
  in.options = with_k(k, pick(4) != 0);
  for (int a = 0; a < n; ++a) {
    in.apps.push_back(app("A" + std::to_string(a), "E" + std::to_string(a), "C" + std::to_string(pick(7)),
                          "I" + std::to_string(pick(5)), std::to_string(1 + pick(4))));
  }
  for (int e = 0; e < m; ++e) {
    std::vector<std::string> fields, declared;
    for (int f = 0; f < 2; ++f)
      fields.push_back(pick(2) ? "I" + std::to_string(pick(5)) : std::to_string(1 + pick(4)));
    std::string employer = pick(4) == 0 ? "E" + std::to_string(pick(n)) : "X" + std::to_string(e);
    if (pick(3) == 0)
      declared.push_back(pick(2) ? "E" + std::to_string(pick(n)) : "A" + std::to_string(pick(n)));
    in.experts.push_back(expert("X" + std::to_string(e), fields, employer, "C" + std::to_string(pick(7)),
                                pick(max_load_hi + 1), declared));
  }
  return in;
}

// Checks every invariant of one result; returns the number of assigned slots.
int check_invariants(const Instance& in, const Assignment& r, std::uint64_t seed) {
  std::map<std::string, const Expert*> by_id;
  for (const auto& x : in.experts) by_id[x.id] = &x;
  std::set<std::string> short_ids;
  for (const auto& s : r.shortages) short_ids.insert(s.application_id);
  std::map<std::string, int> loads;
  int slots = 0;
  const int k = in.options.experts_per_application;
  for (std::size_t a = 0; a < in.apps.size(); ++a) {
    const auto& aa = r.applications[a];
    EXPECT_EQ(aa.application_id, in.apps[a].id) << "seed " << seed;
    std::set<std::string> distinct(aa.experts.begin(), aa.experts.end());
    EXPECT_EQ(distinct.size(), aa.experts.size()) << "seed " << seed;
    EXPECT_LE(static_cast<int>(aa.experts.size()), k) << "seed " << seed;
    EXPECT_EQ(static_cast<int>(aa.experts.size()) < k, short_ids.count(aa.application_id) == 1)
        << "every application gets exactly k or is reported short; seed " << seed;
    for (const auto& id : aa.experts) {
      EXPECT_FALSE(conflict_between(in.apps[a], *by_id.at(id), in.options.avoid_same_county))
          << in.apps[a].id << " got conflicted expert " << id << "; seed " << seed;
      ++loads[id];
      ++slots;
    }
  }
  for (const auto& l : r.loads) {
    EXPECT_EQ(l.load, loads[l.expert_id]) << "seed " << seed;
    EXPECT_LE(l.load, by_id.at(l.expert_id)->max_load) << "seed " << seed;
  }
  for (const auto& s : r.shortages) {
    EXPECT_EQ(s.reason == ShortageReason::not_enough_eligible_experts, s.eligible < k) << "seed " << seed;
  }
  return slots;
}

TEST(Assignment, NeverAssignsAConflictedExpertAndCountsEveryReason) {
  std::array<std::int64_t, kConflictReasonCount> avoided{};
  std::map<ShortageReason, int> shortages;
  int pruned_runs = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    Instance in = random_instance(seed, 20 + static_cast<int>(seed % 40), 3 + static_cast<int>(seed % 20), 3,
                                  2 + static_cast<int>(seed % 6));
    if (seed % 3 == 0) {  // exercise pruning on small instances too
      in.options.full_graph_max_pairs = 0;
      in.options.candidate_limit = 4;
      in.options.extra_candidates = 2;
    }
    auto r = assign_experts(in.apps, in.experts, in.options);
    ASSERT_TRUE(r) << "seed " << seed;
    check_invariants(in, *r, seed);
    for (int i = 0; i < kConflictReasonCount; ++i) avoided[i] += r->conflicts_avoided[i];
    for (const auto& s : r->shortages) ++shortages[s.reason];
    pruned_runs += r->pruned;
  }
  for (int i = 0; i < kConflictReasonCount; ++i) {
    EXPECT_GT(avoided[i], 0) << "conflict reason never occurred: "
                             << to_string(static_cast<ConflictReason>(i));
  }
  EXPECT_GT(shortages[ShortageReason::not_enough_eligible_experts], 0);
  EXPECT_GT(shortages[ShortageReason::eligible_experts_at_max_load], 0);
  EXPECT_EQ(pruned_runs, 20);
}

// Exhaustive search over every choice of at most k experts per application: the most slots
// filled, then the least expertise + load cost. The flow must reach the same optimum.
struct Best {
  int slots = -1;
  std::int64_t cost = 0;
};

void brute_force(const Instance& in, int fair, std::size_t a, std::vector<int>& loads, int slots,
                 std::int64_t cost, Best& best) {
  const int m = static_cast<int>(in.experts.size());
  if (a == in.apps.size()) {
    std::int64_t total = cost;
    for (int e = 0; e < m; ++e) {
      for (int j = 1; j <= loads[e]; ++j) total += marginal_load_cost(j, fair, in.options);
    }
    if (slots > best.slots || (slots == best.slots && total < best.cost)) best = {slots, total};
    return;
  }
  const int k = in.options.experts_per_application;
  for (int mask = 0; mask < (1 << m); ++mask) {
    if (__builtin_popcount(static_cast<unsigned>(mask)) > k) continue;
    bool ok = true;
    std::int64_t add = 0;
    for (int e = 0; e < m && ok; ++e) {
      if (!(mask >> e & 1)) continue;
      ok = loads[e] < in.experts[e].max_load &&
           !conflict_between(in.apps[a], in.experts[e], in.options.avoid_same_county);
      add += expertise_cost(in.apps[a], in.experts[e], in.options);
    }
    if (!ok) continue;
    for (int e = 0; e < m; ++e) loads[e] += mask >> e & 1;
    brute_force(in, fair, a + 1, loads, slots + __builtin_popcount(static_cast<unsigned>(mask)), cost + add,
                best);
    for (int e = 0; e < m; ++e) loads[e] -= mask >> e & 1;
  }
}

TEST(Assignment, CostEqualsABruteForceOptimumOnSmallInstances) {
  int short_instances = 0;
  for (std::uint64_t seed = 100; seed < 130; ++seed) {
    Instance in = random_instance(seed, 3 + static_cast<int>(seed % 2), 5, 2, 3);
    auto r = assign_experts(in.apps, in.experts, in.options);
    ASSERT_TRUE(r) << "seed " << seed;
    int slots = check_invariants(in, *r, seed);
    std::vector<int> loads(in.experts.size(), 0);
    Best best;
    brute_force(in, r->fair_share, 0, loads, 0, 0, best);
    EXPECT_EQ(slots, best.slots) << "seed " << seed;
    EXPECT_EQ(r->expertise_cost + r->load_cost, best.cost) << "seed " << seed;
    short_instances += !r->shortages.empty();
  }
  EXPECT_GT(short_instances, 0);  // the brute force also covered infeasible instances
}

TEST(Assignment, ReportsExactlyWhyAnApplicationLacksExperts) {
  Apps apps = {app("A1", "E1", "440703")};
  Experts experts = {expert("employee", {"1"}, "E1", "440705", 5),
                     expert("declared", {"1"}, "E9", "440705", 5, {"E1"}),
                     expert("neighbour", {"1"}, "E8", "440703", 5), expert("free", {"1"}, "E7", "440781", 5),
                     expert("retired", {"1"}, "E6", "440781", 0)};
  auto r = assign_experts(apps, experts, with_k(3));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->shortages.size(), 1u);
  const Shortage& s = r->shortages[0];
  EXPECT_EQ(s.application_id, "A1");
  EXPECT_EQ(s.assigned, 1);
  EXPECT_EQ(s.eligible, 1);
  EXPECT_EQ(s.without_capacity, 1);
  EXPECT_EQ(s.excluded_by[static_cast<int>(ConflictReason::same_employer)], 1);
  EXPECT_EQ(s.excluded_by[static_cast<int>(ConflictReason::declared)], 1);
  EXPECT_EQ(s.excluded_by[static_cast<int>(ConflictReason::same_county)], 1);
  EXPECT_EQ(s.reason, ShortageReason::not_enough_eligible_experts);
  EXPECT_EQ(r->applications[0].experts, std::vector<std::string>{"free"});
}

TEST(Assignment, SameCountyIsAvoidedOnlyWhenThePolicySaysSo) {
  Apps apps = {app("A1", "E1", "440703")};
  Experts experts = {expert("neighbour", {"1"}, "E8", "440703", 5)};
  EXPECT_EQ(assign_experts(apps, experts, with_k(1, true))->shortages.size(), 1u);
  EXPECT_EQ(assign_experts(apps, experts, with_k(1, false))->applications[0].experts[0], "neighbour");
}

TEST(Assignment, ADeclaredApplicationIdIsAConflictToo) {
  Apps apps = {app("A1", "E1", "440703")};
  Experts experts = {expert("x", {"1"}, "E8", "440705", 5, {"A1"})};
  EXPECT_EQ(conflict_between(apps[0], experts[0], true), ConflictReason::declared);
}

TEST(Assignment, BalancesLoadsEvenly) {
  Apps apps;
  Experts experts;
  for (int a = 0; a < 20; ++a) apps.push_back(app("A" + std::to_string(a), "E" + std::to_string(a), "C"));
  for (int e = 0; e < 10; ++e) experts.push_back(expert("X" + std::to_string(e), {"1"}, "", "", 10));
  auto r = assign_experts(apps, experts, with_k(3, false));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->fair_share, 6);
  for (const auto& l : r->loads) EXPECT_EQ(l.load, 6) << l.expert_id;
}

TEST(Assignment, PrefersIndustryThenCategoryExpertise) {
  Apps apps = {app("A1", "E1", "C1", "五金及不锈钢制品", "2")};
  Experts experts = {expert("none", {"3"}, "", "", 5), expert("category", {"2"}, "", "", 5),
                     expert("industry", {"五金及不锈钢制品"}, "", "", 5)};
  auto one = assign_experts(apps, experts, with_k(1));
  EXPECT_EQ(one->applications[0].experts, std::vector<std::string>{"industry"});
  auto two = assign_experts(apps, experts, with_k(2));
  EXPECT_EQ(two->applications[0].experts, (std::vector<std::string>{"industry", "category"}));
  EXPECT_EQ(two->industry_matches, 1);
  EXPECT_EQ(two->category_matches, 1);
}

TEST(Assignment, PruningStillAssignsEveryoneWhenAPopularFieldIsScarce) {
  // Everyone wants the 10 industry experts; pruning to 5 candidates alone would be infeasible.
  Apps apps;
  Experts experts;
  for (int a = 0; a < 400; ++a) apps.push_back(app("A" + std::to_string(a), "E" + std::to_string(a), "C1"));
  for (int e = 0; e < 10; ++e) experts.push_back(expert("I" + std::to_string(e), {"智能家电"}, "", "C2", 20));
  for (int e = 0; e < 100; ++e) experts.push_back(expert("G" + std::to_string(e), {"9"}, "", "C3", 12));
  AssignmentOptions o = with_k(3);
  o.full_graph_max_pairs = 0;
  o.candidate_limit = 5;
  o.extra_candidates = 3;
  auto r = assign_experts(apps, experts, o);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->pruned);
  EXPECT_TRUE(r->shortages.empty());
  EXPECT_EQ(r->industry_matches, 200);  // the 10 industry experts are filled to their maximum
  Instance in{apps, experts, o};
  check_invariants(in, *r, 0);
}

TEST(Assignment, ReplacingAnExpertChangesOnlyThatSlot) {
  Instance in = random_instance(7, 30, 20, 3, 8);
  auto r = assign_experts(in.apps, in.experts, in.options);
  ASSERT_TRUE(r);
  int replaced = 0;
  for (std::size_t a = 0; a < in.apps.size() && replaced < 5; ++a) {
    if (r->applications[a].experts.empty()) continue;
    std::string out = r->applications[a].experts[0];
    // A late declaration: the expert now declares the applicant.
    Instance late = in;
    for (auto& x : late.experts) {
      if (x.id == out) x.declared.push_back(in.apps[a].enterprise);
    }
    auto rep = replace_expert(late.apps, late.experts, *r, in.apps[a].id, out, late.options);
    if (!rep) {
      EXPECT_EQ(rep.problem().code, "no_replacement_expert");
      continue;
    }
    ++replaced;
    EXPECT_NE(rep->added, out);
    for (std::size_t b = 0; b < in.apps.size(); ++b) {
      const auto& before = r->applications[b].experts;
      const auto& after = rep->assignment.applications[b].experts;
      if (b != a) {
        EXPECT_EQ(before, after);
        continue;
      }
      ASSERT_EQ(before.size(), after.size());
      int changed = 0;
      for (std::size_t i = 0; i < before.size(); ++i) changed += before[i] != after[i];
      EXPECT_EQ(changed, 1);
    }
    check_invariants(late, rep->assignment, 7);
  }
  EXPECT_GT(replaced, 0);
}

TEST(Assignment, ReplacementFailsClearlyWhenNoOneIsLeft) {
  Apps apps = {app("A1", "E1", "C1")};
  Experts experts = {expert("only", {"1"}, "", "C2", 5)};
  auto r = assign_experts(apps, experts, with_k(1));
  auto rep = replace_expert(apps, experts, *r, "A1", "only", with_k(1));
  ASSERT_FALSE(rep);
  EXPECT_EQ(rep.problem().code, "no_replacement_expert");
  auto missing = replace_expert(apps, experts, *r, "A1", "nobody", with_k(1));
  EXPECT_EQ(missing.problem().code, "expert_not_assigned");
}

TEST(Assignment, RefusesInvalidInput) {
  Apps apps = {app("A1", "E1", "C1"), app("A1", "E2", "C1")};
  EXPECT_EQ(assign_experts(apps, {}, with_k(1)).problem().code, "application_id_duplicate");
  EXPECT_EQ(assign_experts({}, {}, with_k(0)).problem().code, "experts_per_application_invalid");
}

}  // namespace
}  // namespace iifund::domain
