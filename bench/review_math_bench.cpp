// Review-math benchmarks: expert assignment and selection at the sizes of issue 4.
//
//   iifund_bench_review_math assign APPS EXPERTS K MAX_LOAD [SEED]
//   iifund_bench_review_math select APPS TIME_LIMIT_SECONDS [SEED]
//
// One case per process, so the peak memory printed is that case's. Baselines run first in the
// same process: a greedy assignment (each application takes its k cheapest conflict-free experts
// with spare load, in input order) and, for selection, rank order.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "domain/assignment.hpp"
#include "domain/selection.hpp"

namespace {

using namespace iifund::domain;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double peak_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

const char* kCounties[] = {"440703", "440704", "440705", "440781", "440783", "440784", "440785"};

// Applications crowd into a few popular industries (Zipf-like); experts spread more evenly.
void make_batch(int n, int m, int max_load, std::uint64_t seed, std::vector<ApplicationForReview>& apps,
                std::vector<Expert>& experts) {
  std::mt19937_64 rng(seed);
  std::vector<double> weights;
  for (int i = 1; i <= 25; ++i) weights.push_back(1.0 / i);
  std::discrete_distribution<int> popular(weights.begin(), weights.end());
  auto pick = [&](int hi) { return static_cast<int>(rng() % static_cast<std::uint64_t>(hi)); };
  for (int a = 0; a < n; ++a) {
    apps.push_back({"A" + std::to_string(a), std::to_string(1 + pick(4)), "I" + std::to_string(popular(rng)),
                    kCounties[pick(7)], "E" + std::to_string(a)});
  }
  for (int e = 0; e < m; ++e) {
    Expert x{
        "X" + std::to_string(e), {}, pick(50) == 0 ? "E" + std::to_string(pick(n)) : "U" + std::to_string(e),
        kCounties[pick(7)],      {}, max_load};
    x.fields = {"I" + std::to_string(pick(25)), "I" + std::to_string(pick(25)), std::to_string(1 + pick(4))};
    for (int d = pick(4); d > 0; --d) x.declared.push_back("E" + std::to_string(pick(n)));
    experts.push_back(std::move(x));
  }
}

// Baseline: greedy in input order, cheapest conflict-free experts with spare load.
void greedy_assign(const std::vector<ApplicationForReview>& apps, const std::vector<Expert>& experts,
                   const AssignmentOptions& o, long long& cost, long long& load_cost,
                   long long& short_slots) {
  std::vector<int> load(experts.size(), 0);
  std::vector<std::pair<int, int>> options;
  cost = short_slots = 0;
  for (const auto& a : apps) {
    options.clear();
    for (std::size_t e = 0; e < experts.size(); ++e) {
      if (load[e] < experts[e].max_load && !conflict_between(a, experts[e], o.avoid_same_county)) {
        options.push_back({expertise_cost(a, experts[e], o) * 1000 + load[e], static_cast<int>(e)});
      }
    }
    auto take = std::min<std::size_t>(options.size(), static_cast<std::size_t>(o.experts_per_application));
    std::partial_sort(options.begin(), options.begin() + static_cast<long>(take), options.end());
    for (std::size_t i = 0; i < take; ++i) {
      ++load[options[i].second];
      cost += options[i].first / 1000;
    }
    short_slots += o.experts_per_application - static_cast<long long>(take);
  }
  // The same load cost the flow pays, so the two totals compare.
  const long long demand = static_cast<long long>(apps.size()) * o.experts_per_application;
  const int fair = static_cast<int>((demand + static_cast<long long>(experts.size()) - 1) /
                                    static_cast<long long>(experts.size()));
  load_cost = 0;
  for (int l : load) {
    for (int j = 1; j <= l; ++j) load_cost += marginal_load_cost(j, fair, o);
  }
}

int bench_assign(int n, int m, int k, int max_load, std::uint64_t seed) {
  std::vector<ApplicationForReview> apps;
  std::vector<Expert> experts;
  make_batch(n, m, max_load, seed, apps, experts);
  AssignmentOptions o;
  o.experts_per_application = k;
  o.seed = seed;
  std::printf("assign %d applications x %d experts x k=%d, max load %d, seed %llu\n", n, m, k, max_load,
              static_cast<unsigned long long>(seed));
  std::printf("  input built: peak %.0f MiB\n", peak_mib());
  long long greedy_cost = 0, greedy_load_cost = 0, greedy_short = 0;
  auto t0 = Clock::now();
  greedy_assign(apps, experts, o, greedy_cost, greedy_load_cost, greedy_short);
  double greedy_s = seconds_since(t0);
  std::printf(
      "  baseline greedy: %.2f s, peak %.0f MiB, expertise cost %lld, load cost %lld, short slots %lld\n",
      greedy_s, peak_mib(), greedy_cost, greedy_load_cost, greedy_short);
  auto t1 = Clock::now();
  auto r = assign_experts(apps, experts, o);
  double flow_s = seconds_since(t1);
  if (!r) {
    std::printf("  refused: %s\n", r.problem().code.c_str());
    return 1;
  }
  long long short_slots = 0;
  for (const auto& s : r->shortages) short_slots += s.needed - s.assigned;
  int max_seen = 0, min_seen = 1 << 30;
  for (const auto& l : r->loads) {
    max_seen = std::max(max_seen, l.load);
    min_seen = std::min(min_seen, l.load);
  }
  std::printf(
      "  min-cost flow: %.2f s, peak %.0f MiB, expertise cost %lld, load cost %lld, short slots %lld\n",
      flow_s, peak_mib(), static_cast<long long>(r->expertise_cost), static_cast<long long>(r->load_cost),
      short_slots);
  std::printf("  pruned %s, %lld candidate arcs, loads %d..%d (fair share %d), industry matches %d/%lld\n",
              r->pruned ? "yes" : "no", static_cast<long long>(r->candidate_arcs), min_seen, max_seen,
              r->fair_share, r->industry_matches, static_cast<long long>(n) * k);
  std::printf("  ratio flow/greedy time: %.2f\n", flow_s / std::max(greedy_s, 1e-9));
  return 0;
}

std::vector<SelectionCandidate> make_candidates(int n, std::uint64_t seed, SelectionLimits& limits) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> score(72, 10);
  auto pick = [&](int hi) { return static_cast<int>(rng() % static_cast<std::uint64_t>(hi)); };
  const std::int64_t wan = 1'000'000;  // fen per 10,000 yuan
  const std::int64_t caps[] = {100 * wan, 60 * wan, 500 * wan, 100 * wan};
  std::vector<SelectionCandidate> out;
  std::int64_t demand = 0;
  for (int i = 0; i < n; ++i) {
    SelectionCandidate c;
    c.id = "A" + std::to_string(i);
    c.number = c.id;
    int category = pick(10) < 6 ? 1 : (pick(3) == 0 ? 0 : (pick(8) == 0 ? 2 : 3));
    c.category = std::to_string(category + 1);
    c.cluster = "K" + std::to_string(pick(25));
    c.score = std::round(std::clamp(score(rng), 30.0, 99.0) * 100) / 100;
    c.submitted_at = pick(1'000'000);
    c.subsidy_fen =
        5 * wan + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(caps[category] - 5 * wan));
    c.organizer_adjusted = pick(100) == 0;
    c.objection_upheld = pick(200) == 0;
    demand += c.subsidy_fen;
    out.push_back(std::move(c));
  }
  limits.budget_fen = demand / 5;
  limits.category_budget_fen["2"] = demand / 20;
  limits.category_budget_fen["3"] = demand / 25;
  limits.default_cluster_cap_fen = demand / 80;
  return out;
}

int bench_select(int n, double time_limit, std::uint64_t seed) {
  SelectionLimits limits;
  auto candidates = make_candidates(n, seed, limits);
  std::printf("select %d applications, time limit %.0f s, seed %llu\n", n, time_limit,
              static_cast<unsigned long long>(seed));
  auto t0 = Clock::now();
  auto rank = select_rank_order(candidates, limits);
  double rank_s = seconds_since(t0);
  std::printf("  baseline rank order: %.3f s, peak %.0f MiB, funded %d, score sum %.2f\n", rank_s, peak_mib(),
              rank->funded_count, rank->score_sum);
  auto t1 = Clock::now();
  auto optimal = select_optimal(candidates, limits, OptimalOptions{time_limit});
  double optimal_s = seconds_since(t1);
  std::printf(
      "  optimal: %.2f s, peak %.0f MiB, status %s, funded %d, score sum %.2f (+%.2f%%), bound %.2f, gap "
      "%.5f%%\n",
      optimal_s, peak_mib(), optimal->solver_status.c_str(), optimal->funded_count, optimal->score_sum,
      100 * (optimal->score_sum - rank->score_sum) / rank->score_sum, optimal->upper_bound,
      100 * optimal->gap);
  std::printf("  ratio optimal/rank-order time: %.0f\n", optimal_s / std::max(rank_s, 1e-9));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  auto num = [&](std::size_t i, long long fallback) {
    return i < a.size() ? std::atoll(a[i].c_str()) : fallback;
  };
  if (a.size() >= 5 && a[0] == "assign") {
    return bench_assign(static_cast<int>(num(1, 0)), static_cast<int>(num(2, 0)), static_cast<int>(num(3, 0)),
                        static_cast<int>(num(4, 0)), static_cast<std::uint64_t>(num(5, 1)));
  }
  if (a.size() >= 3 && a[0] == "select") {
    return bench_select(static_cast<int>(num(1, 0)), std::atof(a[2].c_str()),
                        static_cast<std::uint64_t>(num(3, 1)));
  }
  std::fprintf(stderr,
               "usage: iifund_bench_review_math assign APPS EXPERTS K MAX_LOAD [SEED]\n"
               "       iifund_bench_review_math select APPS TIME_LIMIT_SECONDS [SEED]\n");
  return 2;
}
