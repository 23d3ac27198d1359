#include "domain/selection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

namespace iifund::domain {
namespace {

constexpr std::int64_t kYuan = 100;  // fen

SelectionCandidate candidate(std::string id, double score, std::int64_t subsidy_yuan,
                             std::string category = "1", std::string cluster = "") {
  SelectionCandidate c;
  c.id = id;
  c.number = id;
  c.category = std::move(category);
  c.cluster = std::move(cluster);
  c.score = score;
  c.subsidy_fen = subsidy_yuan * kYuan;
  return c;
}

SelectionLimits budget(std::int64_t yuan) {
  SelectionLimits l;
  l.budget_fen = yuan * kYuan;
  return l;
}

const SelectionDecision& decision(const SelectionOutcome& o, const std::string& id) {
  return *std::find_if(o.decisions.begin(), o.decisions.end(), [&](const auto& d) { return d.id == id; });
}

OptimalOptions generous() { return OptimalOptions{60}; }

TEST(Selection, RankOrderSkipsWhatDoesNotFitAndFundsLaterOnesThatDo) {
  std::vector<SelectionCandidate> c = {candidate("A", 90, 60), candidate("B", 85, 50),
                                       candidate("C", 80, 40)};
  auto r = select_rank_order(c, budget(100));
  ASSERT_TRUE(r);
  EXPECT_TRUE(decision(*r, "A").funded);
  EXPECT_FALSE(decision(*r, "B").funded);
  EXPECT_EQ(decision(*r, "B").reason, NotFundedReason::budget);
  EXPECT_EQ(decision(*r, "B").room_fen, 0);  // after C took the last 40
  EXPECT_TRUE(decision(*r, "C").funded);
  EXPECT_EQ(r->total_fen, 100 * kYuan);
}

TEST(Selection, TiesGoToTheEarlierSubmissionThenTheNumber) {
  std::vector<SelectionCandidate> c = {candidate("late", 80, 10), candidate("early", 80, 10),
                                       candidate("n2", 80, 10), candidate("n1", 80, 10)};
  c[0].submitted_at = 300;
  c[1].submitted_at = 100;
  c[2].submitted_at = c[3].submitted_at = 200;
  auto r = select_rank_order(c, budget(20));
  ASSERT_TRUE(r);
  std::vector<std::string> order;
  for (const auto& d : r->decisions) order.push_back(d.id);
  EXPECT_EQ(order, (std::vector<std::string>{"early", "n1", "n2", "late"}));
  EXPECT_TRUE(decision(*r, "n1").funded);
  EXPECT_FALSE(decision(*r, "n2").funded);
}

TEST(Selection, EveryGateHasItsReason) {
  std::vector<SelectionCandidate> c = {candidate("low", 59.99, 10), candidate("adjusted", 90, 10),
                                       candidate("objection", 95, 10), candidate("ok", 60, 10)};
  c[1].organizer_adjusted = true;
  c[2].objection_upheld = true;
  auto r = select_rank_order(c, budget(1000));
  ASSERT_TRUE(r);
  EXPECT_EQ(decision(*r, "low").reason, NotFundedReason::threshold);
  EXPECT_EQ(decision(*r, "adjusted").reason, NotFundedReason::organizer_adjusted);
  EXPECT_EQ(decision(*r, "objection").reason, NotFundedReason::objection_upheld);
  EXPECT_TRUE(decision(*r, "ok").funded);  // the threshold is inclusive
}

TEST(Selection, CategoryBudgetsAndClusterCapsBind) {
  std::vector<SelectionCandidate> c = {candidate("c2a", 90, 40, "2"), candidate("c2b", 89, 40, "2"),
                                       candidate("k1", 88, 30, "3", "五金"),
                                       candidate("k2", 87, 30, "3", "五金")};
  SelectionLimits l = budget(1000);
  l.category_budget_fen["2"] = 50 * kYuan;
  l.cluster_cap_fen["五金"] = 50 * kYuan;
  auto r = select_rank_order(c, l);
  ASSERT_TRUE(r);
  EXPECT_EQ(decision(*r, "c2b").reason, NotFundedReason::category_budget);
  EXPECT_EQ(decision(*r, "c2b").limit_key, "2");
  EXPECT_EQ(decision(*r, "k2").reason, NotFundedReason::cluster_cap);
  EXPECT_EQ(decision(*r, "k2").room_fen, 20 * kYuan);
  EXPECT_EQ(r->cluster_total_fen["五金"], 30 * kYuan);
}

TEST(Selection, PartialFundingOnlyWhenAllowed) {
  std::vector<SelectionCandidate> c = {candidate("A", 90, 60), candidate("B", 85, 50)};
  SelectionLimits l = budget(100);
  EXPECT_EQ(decision(*select_rank_order(c, l), "B").funded_fen, 0);
  l.allow_partial = true;
  auto r = select_rank_order(c, l);
  EXPECT_EQ(decision(*r, "B").funded_fen, 40 * kYuan);
  EXPECT_TRUE(decision(*r, "B").funded);
  EXPECT_EQ(decision(*r, "B").reason, NotFundedReason::budget);
  EXPECT_NEAR(r->score_sum, 90 + 85 * 0.8, 1e-9);
}

TEST(Selection, OptimalBeatsRankOrderWhenTheTopProjectCrowdsOutTwo) {
  std::vector<SelectionCandidate> c = {candidate("A", 90, 60), candidate("B", 80, 50),
                                       candidate("C", 75, 50)};
  auto rank = select_rank_order(c, budget(100));
  auto optimal = select_optimal(c, budget(100), generous());
  ASSERT_TRUE(optimal);
  EXPECT_EQ(optimal->solver_status, "optimal");
  EXPECT_DOUBLE_EQ(rank->score_sum, 90);
  EXPECT_DOUBLE_EQ(optimal->score_sum, 155);
  EXPECT_EQ(decision(*optimal, "A").reason, NotFundedReason::budget);
  auto diff = compare_selections(*rank, *optimal);
  ASSERT_EQ(diff.changes.size(), 3u);
  EXPECT_EQ(diff.changes[0].id, "A");
  EXPECT_EQ(diff.changes[0].rank_order_fen, 60 * kYuan);
  EXPECT_EQ(diff.changes[0].optimal_fen, 0);
  EXPECT_EQ(diff.funded_count_change, 1);
  EXPECT_DOUBLE_EQ(diff.score_sum_change, 65);
}

TEST(Selection, OptimalBreaksScoreTiesTowardTheLargerSubsidy) {
  // Only one fits. Rank order takes the earlier submission; optimal, at equal score, the larger grant.
  std::vector<SelectionCandidate> c = {candidate("large", 80, 100), candidate("small", 80, 70)};
  c[1].submitted_at = -1;
  auto rank = select_rank_order(c, budget(100));
  auto optimal = select_optimal(c, budget(100), generous());
  ASSERT_TRUE(optimal);
  EXPECT_EQ(rank->total_fen, 70 * kYuan);
  EXPECT_DOUBLE_EQ(optimal->score_sum, 80);
  EXPECT_EQ(optimal->total_fen, 100 * kYuan);
}

TEST(Selection, MoneyIsRecheckedInFenAfterTheSolver) {
  // In 万元 the three look like they fit within solver tolerance; in fen only two do.
  std::vector<SelectionCandidate> c;
  for (int i = 0; i < 3; ++i) c.push_back(candidate("P" + std::to_string(i), 80 + i, 0));
  for (auto& x : c) x.subsidy_fen = 333'333'333;
  SelectionLimits l;
  l.budget_fen = 999'999'998;
  auto optimal = select_optimal(c, l, generous());
  ASSERT_TRUE(optimal);
  EXPECT_LE(optimal->total_fen, l.budget_fen);
  EXPECT_EQ(optimal->funded_count, 2);
}

TEST(Selection, RefusesInvalidInput) {
  std::vector<SelectionCandidate> dup = {candidate("A", 90, 10), candidate("A", 80, 10)};
  EXPECT_EQ(select_rank_order(dup, budget(10)).problem().code, "application_id_duplicate");
  std::vector<SelectionCandidate> zero = {candidate("A", 90, 0)};
  EXPECT_EQ(select_optimal(zero, budget(10), {}).problem().code, "subsidy_not_positive");
}

// ---- randomized: limits are never broken, optimal is never worse, every reason occurs ----

struct Instance {
  std::vector<SelectionCandidate> candidates;
  SelectionLimits limits;
};

Instance random_instance(std::uint64_t seed, int n) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int hi) { return static_cast<int>(rng() % static_cast<std::uint64_t>(hi)); };
  Instance in;
  for (int i = 0; i < n; ++i) {
    auto c = candidate("P" + std::to_string(i), 50 + pick(50) + pick(4) * 0.25, 0,
                       std::to_string(1 + pick(3)), pick(2) ? "K" + std::to_string(pick(3)) : "");
    c.subsidy_fen = (1 + pick(100)) * 10'000 * kYuan + pick(100);  // odd fen on purpose
    c.submitted_at = pick(5);
    c.organizer_adjusted = pick(15) == 0;
    c.objection_upheld = pick(15) == 0;
    in.candidates.push_back(c);
  }
  in.limits.budget_fen = (n * 30 + pick(n * 20)) * 10'000 * kYuan;
  in.limits.category_budget_fen["2"] = (n * 6 + pick(n * 4)) * 10'000 * kYuan;
  in.limits.cluster_cap_fen["K0"] = 150 * 10'000 * kYuan;
  in.limits.default_cluster_cap_fen = pick(2) ? 200 * 10'000 * kYuan : 0;
  in.limits.allow_partial = pick(4) == 0;
  return in;
}

void expect_within_limits(const Instance& in, const SelectionOutcome& o, std::uint64_t seed) {
  std::map<std::string, std::int64_t> category, cluster;
  std::int64_t total = 0;
  for (const auto& d : o.decisions) {
    const auto& c =
        *std::find_if(in.candidates.begin(), in.candidates.end(), [&](auto& x) { return x.id == d.id; });
    EXPECT_LE(d.funded_fen, c.subsidy_fen) << "seed " << seed;
    if (!in.limits.allow_partial) {
      EXPECT_TRUE(d.funded_fen == 0 || d.funded_fen == c.subsidy_fen) << "seed " << seed;
    }
    if (c.organizer_adjusted || c.objection_upheld || c.score < in.limits.threshold) {
      EXPECT_EQ(d.funded_fen, 0) << "seed " << seed;
    }
    total += d.funded_fen;
    category[c.category] += d.funded_fen;
    if (!c.cluster.empty()) cluster[c.cluster] += d.funded_fen;
  }
  EXPECT_EQ(total, o.total_fen) << "seed " << seed;
  EXPECT_LE(total, in.limits.budget_fen) << "seed " << seed;
  for (const auto& [key, cap] : in.limits.category_budget_fen)
    EXPECT_LE(category[key], cap) << "seed " << seed;
  for (const auto& [key, fen] : cluster) {
    auto it = in.limits.cluster_cap_fen.find(key);
    std::int64_t cap = it != in.limits.cluster_cap_fen.end() ? it->second : in.limits.default_cluster_cap_fen;
    if (cap > 0 || it != in.limits.cluster_cap_fen.end()) {
      EXPECT_LE(fen, cap) << key << " seed " << seed;
    }
  }
}

TEST(Selection, NeverOverspendsOrBreaksACapAndOptimalIsNeverWorse) {
  std::map<NotFundedReason, int> seen;
  int improved = 0;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    Instance in = random_instance(seed, 10 + static_cast<int>(seed % 50));
    auto rank = select_rank_order(in.candidates, in.limits);
    auto optimal = select_optimal(in.candidates, in.limits, generous());
    ASSERT_TRUE(rank && optimal) << "seed " << seed;
    expect_within_limits(in, *rank, seed);
    expect_within_limits(in, *optimal, seed);
    EXPECT_GE(optimal->score_sum, rank->score_sum - 1e-9) << "seed " << seed;
    EXPECT_LE(optimal->score_sum, optimal->upper_bound + 1e-6) << "seed " << seed;
    improved += optimal->score_sum > rank->score_sum + 1e-9;
    for (const auto* o : {&*rank, &*optimal}) {
      for (const auto& [reason, count] : o->not_funded_count) seen[reason] += count;
    }
  }
  for (auto reason :
       {NotFundedReason::budget, NotFundedReason::category_budget, NotFundedReason::cluster_cap,
        NotFundedReason::threshold, NotFundedReason::organizer_adjusted, NotFundedReason::objection_upheld}) {
    EXPECT_GT(seen[reason], 0) << "not-funded reason never occurred: " << to_string(reason);
  }
  EXPECT_GT(improved, 0);
}

// On small instances without partial funding, the optimum is checked against every subset.
TEST(Selection, OptimalEqualsABruteForceOptimumOnSmallInstances) {
  for (std::uint64_t seed = 500; seed < 540; ++seed) {
    Instance in = random_instance(seed, 12);
    in.limits.allow_partial = false;
    auto optimal = select_optimal(in.candidates, in.limits, generous());
    ASSERT_TRUE(optimal) << "seed " << seed;
    EXPECT_EQ(optimal->solver_status == "optimal" || optimal->solver_status == "rank_order_kept", true);
    double best = 0;
    const int n = static_cast<int>(in.candidates.size());
    for (int mask = 0; mask < (1 << n); ++mask) {
      Instance sub = in;
      std::int64_t total = 0;
      std::map<std::string, std::int64_t> category, cluster;
      double score = 0;
      bool ok = true;
      for (int i = 0; i < n && ok; ++i) {
        if (!(mask >> i & 1)) continue;
        const auto& c = in.candidates[i];
        ok = !c.organizer_adjusted && !c.objection_upheld && c.score >= in.limits.threshold;
        total += c.subsidy_fen;
        category[c.category] += c.subsidy_fen;
        if (!c.cluster.empty()) cluster[c.cluster] += c.subsidy_fen;
        score += c.score;
      }
      ok = ok && total <= in.limits.budget_fen;
      for (const auto& [key, cap] : in.limits.category_budget_fen) ok = ok && category[key] <= cap;
      for (const auto& [key, fen] : cluster) {
        auto it = in.limits.cluster_cap_fen.find(key);
        std::int64_t cap =
            it != in.limits.cluster_cap_fen.end() ? it->second : in.limits.default_cluster_cap_fen;
        if (cap > 0 || it != in.limits.cluster_cap_fen.end()) ok = ok && fen <= cap;
      }
      if (ok) best = std::max(best, score);
    }
    EXPECT_NEAR(optimal->score_sum, best, 1e-6) << "seed " << seed;
  }
}

TEST(Selection, AnExpiredTimeLimitStillReturnsAtLeastRankOrder) {
  Instance in = random_instance(77, 200);
  auto rank = select_rank_order(in.candidates, in.limits);
  auto optimal = select_optimal(in.candidates, in.limits, OptimalOptions{0});
  ASSERT_TRUE(optimal);
  expect_within_limits(in, *optimal, 77);
  EXPECT_GE(optimal->score_sum, rank->score_sum - 1e-9);
  EXPECT_GE(optimal->gap, 0);
}

}  // namespace
}  // namespace iifund::domain
