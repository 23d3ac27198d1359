#include "domain/selection.hpp"

#include <glpk.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <cmath>
#include <memory>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace iifund::domain {
namespace {

constexpr int kNone = -1;
constexpr double kFenPerUnit = 1'000'000;  // the MIP counts money in 10,000 yuan (万元)
using Clock = std::chrono::steady_clock;

struct Limit {
  NotFundedReason kind;
  std::string key;
  std::int64_t cap_fen;
};

// The limits, which of them bind each candidate, and the rank order.
struct Plan {
  std::vector<Limit> limits;                  // [0] is the batch budget
  std::vector<std::array<int, 3>> limits_of;  // per candidate: budget, category, cluster (or kNone)
  std::vector<int> order;                     // candidate indexes in rank order
};

Status check_input(std::span<const SelectionCandidate> candidates, const SelectionLimits& limits) {
  std::unordered_set<std::string> ids;
  for (const auto& c : candidates) {
    if (c.id.empty() || !ids.insert(c.id).second)
      return make_problem("application_id_duplicate", 422, {{"id", c.id}});
    if (c.subsidy_fen <= 0)
      return make_problem("subsidy_not_positive", 422, {{"id", c.id}, {"subsidy_fen", c.subsidy_fen}});
    if (!std::isfinite(c.score)) return make_problem("score_invalid", 422, {{"id", c.id}});
  }
  bool negative = limits.budget_fen < 0 || limits.default_cluster_cap_fen < 0;
  for (const auto& [key, fen] : limits.category_budget_fen) negative = negative || fen < 0;
  for (const auto& [key, fen] : limits.cluster_cap_fen) negative = negative || fen < 0;
  if (negative) return make_problem("selection_limit_negative", 422);
  return Ok{};
}

Plan make_plan(std::span<const SelectionCandidate> candidates, const SelectionLimits& limits) {
  Plan plan;
  plan.limits.push_back({NotFundedReason::budget, "", limits.budget_fen});
  std::map<std::pair<int, std::string>, int> index;
  auto limit_for = [&](NotFundedReason kind, const std::string& key, std::int64_t cap) {
    auto [it, fresh] = index.try_emplace({static_cast<int>(kind), key}, static_cast<int>(plan.limits.size()));
    if (fresh) plan.limits.push_back({kind, key, cap});
    return it->second;
  };
  for (const auto& c : candidates) {
    std::array<int, 3> of{0, kNone, kNone};
    if (auto it = limits.category_budget_fen.find(c.category); it != limits.category_budget_fen.end()) {
      of[1] = limit_for(NotFundedReason::category_budget, c.category, it->second);
    }
    if (!c.cluster.empty()) {
      auto it = limits.cluster_cap_fen.find(c.cluster);
      std::int64_t cap = it != limits.cluster_cap_fen.end() ? it->second : limits.default_cluster_cap_fen;
      if (it != limits.cluster_cap_fen.end() || cap > 0)
        of[2] = limit_for(NotFundedReason::cluster_cap, c.cluster, cap);
    }
    plan.limits_of.push_back(of);
  }
  plan.order.resize(candidates.size());
  std::iota(plan.order.begin(), plan.order.end(), 0);
  std::sort(plan.order.begin(), plan.order.end(), [&](int a, int b) {
    const auto &x = candidates[a], &y = candidates[b];
    if (x.score != y.score) return x.score > y.score;
    if (x.submitted_at != y.submitted_at) return x.submitted_at < y.submitted_at;
    if (x.number != y.number) return x.number < y.number;
    return x.id < y.id;
  });
  return plan;
}

// Reasons that keep a project out before any money is counted.
std::optional<NotFundedReason> gate(const SelectionCandidate& c, const SelectionLimits& limits) {
  if (c.objection_upheld) return NotFundedReason::objection_upheld;
  if (c.organizer_adjusted) return NotFundedReason::organizer_adjusted;
  if (c.score < limits.threshold) return NotFundedReason::threshold;
  return std::nullopt;
}

// What each limit has spent, in fen.
class Ledger {
 public:
  Ledger(const Plan& plan, std::span<const SelectionCandidate> candidates,
         const std::vector<std::int64_t>& funded)
      : plan_(plan), spent_(plan.limits.size(), 0) {
    for (std::size_t i = 0; i < candidates.size(); ++i) spend(static_cast<int>(i), funded[i]);
  }

  void spend(int i, std::int64_t fen) {
    for (int l : plan_.limits_of[i]) {
      if (l != kNone) spent_[l] += fen;
    }
  }

  // The tightest room candidate i has (counting back what it already holds) and its limit.
  std::pair<std::int64_t, int> room(int i, std::int64_t holding = 0) const {
    std::pair<std::int64_t, int> best{INT64_MAX, kNone};
    for (int l : plan_.limits_of[i]) {
      if (l == kNone) continue;
      std::int64_t left = plan_.limits[l].cap_fen - spent_[l] + holding;
      if (left < best.first) best = {left, l};
    }
    return best;
  }

  bool over(int l) const { return spent_[l] > plan_.limits[l].cap_fen; }

 private:
  const Plan& plan_;
  std::vector<std::int64_t> spent_;
};

// Walks the rank order and funds every unfunded project that fits (partly, when allowed).
void fill_in_rank_order(const Plan& plan, std::span<const SelectionCandidate> candidates,
                        const SelectionLimits& limits, std::vector<std::int64_t>& funded) {
  Ledger ledger(plan, candidates, funded);
  for (int i : plan.order) {
    if (funded[i] > 0 || gate(candidates[i], limits)) continue;
    auto [room, limit] = ledger.room(i);
    std::int64_t amount = candidates[i].subsidy_fen;
    if (amount > room) amount = limits.allow_partial ? std::max<std::int64_t>(room, 0) : 0;
    if (amount > 0) {
      funded[i] = amount;
      ledger.spend(i, amount);
    }
  }
}

SelectionOutcome explain(const Plan& plan, std::span<const SelectionCandidate> candidates,
                         const SelectionLimits& limits, const std::vector<std::int64_t>& funded,
                         SelectionMethod method) {
  SelectionOutcome out;
  out.method = method;
  Ledger ledger(plan, candidates, funded);
  for (std::size_t r = 0; r < plan.order.size(); ++r) {
    const int i = plan.order[r];
    const SelectionCandidate& c = candidates[i];
    SelectionDecision d{
        c.id, static_cast<int>(r) + 1, c.score, c.subsidy_fen, funded[i], funded[i] > 0, {}, 0, {}};
    if (auto why = gate(c, limits)) {
      d.reason = why;
    } else if (funded[i] < c.subsidy_fen) {
      auto [room, l] = ledger.room(i, funded[i]);
      d.reason = plan.limits[l].kind;
      d.room_fen = room;
      d.limit_key = plan.limits[l].key;
    }
    if (d.reason) ++out.not_funded_count[*d.reason];
    if (d.funded) {
      ++out.funded_count;
      out.total_fen += d.funded_fen;
      out.score_sum += c.score * static_cast<double>(d.funded_fen) / static_cast<double>(c.subsidy_fen);
      out.category_total_fen[c.category] += d.funded_fen;
      if (!c.cluster.empty()) out.cluster_total_fen[c.cluster] += d.funded_fen;
    }
    out.decisions.push_back(std::move(d));
  }
  return out;
}

// ---- optimal: a 0-1 multi-knapsack in GLPK ----

using GlpProblem = std::unique_ptr<glp_prob, decltype(&glp_delete_prob)>;

struct MipAnswer {
  std::vector<char> chosen;  // per variable
  std::string status;
  double upper_bound = 0;
};

struct TreeState {
  Clock::time_point deadline;
  std::vector<double> start;  // 1-based, the rank-order solution
  bool start_given = false;
  bool stopped = false;
  double bound = HUGE_VAL;
};

// GLPK's own time limit does not interrupt it reliably, so the clock is checked at every callback.
void on_tree(glp_tree* tree, void* info) {
  auto& s = *static_cast<TreeState*>(info);
  if (glp_ios_reason(tree) == GLP_IHEUR && !s.start_given) {
    s.start_given = true;
    glp_ios_heur_sol(tree, s.start.data());
  }
  if (int best = glp_ios_best_node(tree); best != 0) s.bound = glp_ios_node_bound(tree, best);
  if (Clock::now() >= s.deadline) {
    s.stopped = true;
    glp_ios_terminate(tree);
  }
}

int ms_until(Clock::time_point deadline) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(ms, 1, INT_MAX));
}

GlpProblem build_mip(const Plan& plan, std::span<const SelectionCandidate> candidates,
                     const std::vector<int>& vars) {
  GlpProblem lp(glp_create_prob(), &glp_delete_prob);
  glp_set_obj_dir(lp.get(), GLP_MAX);
  glp_add_rows(lp.get(), static_cast<int>(plan.limits.size()));
  for (std::size_t l = 0; l < plan.limits.size(); ++l) {
    glp_set_row_bnds(lp.get(), static_cast<int>(l) + 1, GLP_UP, 0,
                     static_cast<double>(plan.limits[l].cap_fen) / kFenPerUnit);
  }
  glp_add_cols(lp.get(), static_cast<int>(vars.size()));
  // Scores count at 0.01 points, the precision they are published at; the subsidy term adds less
  // than half of that in total, so it only decides between equal scores.
  double total_units = 0;
  for (int i : vars) total_units += static_cast<double>(candidates[i].subsidy_fen) / kFenPerUnit;
  const double tie = 0.005 / (total_units + 1);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  for (std::size_t v = 0; v < vars.size(); ++v) {
    const int col = static_cast<int>(v) + 1;
    const double units = static_cast<double>(candidates[vars[v]].subsidy_fen) / kFenPerUnit;
    glp_set_col_kind(lp.get(), col, GLP_BV);
    glp_set_obj_coef(lp.get(), col, std::round(candidates[vars[v]].score * 100) / 100 + tie * units);
    for (int l : plan.limits_of[vars[v]]) {
      if (l == kNone) continue;
      ia.push_back(l + 1);
      ja.push_back(col);
      ar.push_back(units);
    }
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  return lp;
}

// Upper bound without the solver: the fractional knapsack over the batch budget alone.
double fractional_bound(std::span<const SelectionCandidate> candidates, const std::vector<int>& vars,
                        std::int64_t budget_fen) {
  std::vector<int> by_density = vars;
  std::sort(by_density.begin(), by_density.end(), [&](int a, int b) {
    return candidates[a].score / static_cast<double>(candidates[a].subsidy_fen) >
           candidates[b].score / static_cast<double>(candidates[b].subsidy_fen);
  });
  double bound = 0, left = static_cast<double>(budget_fen);
  for (int i : by_density) {
    double share = std::min(1.0, left / static_cast<double>(candidates[i].subsidy_fen));
    if (share <= 0) break;
    bound += share * candidates[i].score;
    left -= share * static_cast<double>(candidates[i].subsidy_fen);
  }
  return bound;
}

MipAnswer solve_mip(const Plan& plan, std::span<const SelectionCandidate> candidates,
                    const std::vector<int>& vars, const std::vector<char>& start, bool allow_partial,
                    Clock::time_point deadline) {
  MipAnswer answer{start, "time_limit", 0};
  GlpProblem lp = build_mip(plan, candidates, vars);
  // Warm start: every row basic, every column at the bound the rank-order solution puts it.
  for (std::size_t l = 0; l < plan.limits.size(); ++l)
    glp_set_row_stat(lp.get(), static_cast<int>(l) + 1, GLP_BS);
  for (std::size_t v = 0; v < vars.size(); ++v) {
    glp_set_col_stat(lp.get(), static_cast<int>(v) + 1, start[v] ? GLP_NU : GLP_NL);
  }
  glp_smcp simplex;
  glp_init_smcp(&simplex);
  simplex.msg_lev = GLP_MSG_OFF;
  simplex.tm_lim = ms_until(deadline);
  if (glp_simplex(lp.get(), &simplex) != 0 || glp_get_status(lp.get()) != GLP_OPT) {
    answer.upper_bound = fractional_bound(candidates, vars, plan.limits[0].cap_fen);
    return answer;
  }
  const double lp_bound = glp_get_obj_val(lp.get());
  TreeState state{deadline, {0.0}, false, false, lp_bound};
  for (char s : start) state.start.push_back(s ? 1.0 : 0.0);
  glp_iocp mip;
  glp_init_iocp(&mip);
  mip.msg_lev = GLP_MSG_OFF;
  mip.cb_func = on_tree;
  mip.cb_info = &state;
  mip.tm_lim = ms_until(deadline);
  glp_intopt(lp.get(), &mip);
  const int status = glp_mip_status(lp.get());
  if (status == GLP_OPT || status == GLP_FEAS) {
    for (std::size_t v = 0; v < vars.size(); ++v)
      answer.chosen[v] = glp_mip_col_val(lp.get(), static_cast<int>(v) + 1) > 0.5 ? 1 : 0;
  }
  const bool proven = status == GLP_OPT && !state.stopped;
  answer.status = proven ? "optimal" : "time_limit";
  // Partial funding is the LP relaxation itself, so only the LP bound holds for it.
  answer.upper_bound =
      allow_partial ? lp_bound : (proven ? glp_mip_obj_val(lp.get()) : std::min(lp_bound, state.bound));
  return answer;
}

// The MIP's floating-point arithmetic is not trusted with money: re-check every limit in fen and
// drop the lowest-scored project from any limit it overdraws.
void repair_in_fen(const Plan& plan, std::span<const SelectionCandidate> candidates,
                   std::vector<std::int64_t>& funded) {
  for (std::size_t l = 0; l < plan.limits.size(); ++l) {
    while (Ledger(plan, candidates, funded).over(static_cast<int>(l))) {
      int worst = kNone;
      for (int i : plan.order) {
        bool in_limit = std::find(plan.limits_of[i].begin(), plan.limits_of[i].end(), static_cast<int>(l)) !=
                        plan.limits_of[i].end();
        if (in_limit && funded[i] > 0) worst = i;  // the last funded in rank order
      }
      funded[worst] = 0;
    }
  }
}

// A second starting point: fund by score per yuan while it fits. Rank order can sit far below the
// optimum (30–80 % at scale); this one lands near the LP optimum, so the simplex needs few pivots
// from its basis and the search starts with a good incumbent.
std::vector<char> greedy_by_density(const Plan& plan, std::span<const SelectionCandidate> candidates,
                                    const std::vector<int>& vars) {
  std::vector<std::size_t> by_density(vars.size());
  std::iota(by_density.begin(), by_density.end(), 0);
  std::stable_sort(by_density.begin(), by_density.end(), [&](std::size_t a, std::size_t b) {
    const auto &x = candidates[vars[a]], &y = candidates[vars[b]];
    return x.score / static_cast<double>(x.subsidy_fen) > y.score / static_cast<double>(y.subsidy_fen);
  });
  std::vector<std::int64_t> none(candidates.size(), 0);
  Ledger ledger(plan, candidates, none);
  std::vector<char> chosen(vars.size(), 0);
  for (std::size_t v : by_density) {
    const int i = vars[v];
    if (ledger.room(i).first < candidates[i].subsidy_fen) continue;
    ledger.spend(i, candidates[i].subsidy_fen);
    chosen[v] = 1;
  }
  return chosen;
}

double score_of(std::span<const SelectionCandidate> candidates, const std::vector<int>& vars,
                const std::vector<char>& chosen) {
  double sum = 0;
  for (std::size_t v = 0; v < vars.size(); ++v) sum += chosen[v] ? candidates[vars[v]].score : 0;
  return sum;
}

bool better(const SelectionOutcome& a, const SelectionOutcome& b) {
  const double tolerance = 1e-9 * std::max(1.0, std::fabs(b.score_sum));
  if (a.score_sum > b.score_sum + tolerance) return true;
  return a.score_sum >= b.score_sum - tolerance && a.total_fen > b.total_fen;
}

}  // namespace

Result<SelectionOutcome> select_rank_order(std::span<const SelectionCandidate> candidates,
                                           const SelectionLimits& limits) {
  if (auto ok = check_input(candidates, limits); !ok) return ok.take_problem();
  const Plan plan = make_plan(candidates, limits);
  std::vector<std::int64_t> funded(candidates.size(), 0);
  fill_in_rank_order(plan, candidates, limits, funded);
  return explain(plan, candidates, limits, funded, SelectionMethod::rank_order);
}

Result<SelectionOutcome> select_optimal(std::span<const SelectionCandidate> candidates,
                                        const SelectionLimits& limits, const OptimalOptions& options) {
  const auto started = Clock::now();
  auto rank = select_rank_order(candidates, limits);
  if (!rank) return rank;
  const Plan plan = make_plan(candidates, limits);
  std::unordered_map<std::string, std::int64_t> rank_funded;
  for (const auto& d : rank->decisions) rank_funded[d.id] = d.funded_fen;
  // Variables: projects that pass the gates and could fit whole under every limit.
  std::vector<int> vars;
  std::vector<char> start;
  const Ledger empty(plan, candidates, std::vector<std::int64_t>(candidates.size(), 0));
  for (int i : plan.order) {
    const auto& c = candidates[i];
    if (gate(c, limits) || empty.room(i).first < c.subsidy_fen) continue;
    vars.push_back(i);
    start.push_back(rank_funded[c.id] == c.subsidy_fen ? 1 : 0);
  }
  SelectionOutcome best = *rank;
  best.method = SelectionMethod::optimal;
  best.solver_status = "nothing_to_choose";
  best.upper_bound = best.score_sum;
  if (!vars.empty()) {
    auto deadline = started + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(std::max(0.0, options.time_limit_seconds)));
    if (auto dense = greedy_by_density(plan, candidates, vars);
        score_of(candidates, vars, dense) > score_of(candidates, vars, start)) {
      start = std::move(dense);
    }
    MipAnswer mip = solve_mip(plan, candidates, vars, start, limits.allow_partial, deadline);
    std::vector<std::int64_t> funded(candidates.size(), 0);
    for (std::size_t v = 0; v < vars.size(); ++v)
      funded[vars[v]] = mip.chosen[v] ? candidates[vars[v]].subsidy_fen : 0;
    repair_in_fen(plan, candidates, funded);
    fill_in_rank_order(plan, candidates, limits, funded);
    SelectionOutcome optimal = explain(plan, candidates, limits, funded, SelectionMethod::optimal);
    optimal.solver_status = mip.status;
    if (better(*rank, optimal)) {
      optimal = std::move(best);
      optimal.solver_status = "rank_order_kept";
    }
    optimal.upper_bound = std::max(mip.upper_bound, optimal.score_sum);
    best = std::move(optimal);
  }
  best.gap = best.score_sum > 0 ? std::max(0.0, (best.upper_bound - best.score_sum) / best.score_sum) : 0;
  if (best.solver_status == "optimal") best.gap = 0;
  best.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return best;
}

SelectionDiff compare_selections(const SelectionOutcome& rank_order, const SelectionOutcome& optimal) {
  SelectionDiff diff;
  std::unordered_map<std::string, std::int64_t> optimal_fen;
  for (const auto& d : optimal.decisions) optimal_fen[d.id] = d.funded_fen;
  for (const auto& d : rank_order.decisions) {
    std::int64_t other = optimal_fen[d.id];
    if (other != d.funded_fen) diff.changes.push_back({d.id, d.rank, d.funded_fen, other});
  }
  diff.funded_count_change = optimal.funded_count - rank_order.funded_count;
  diff.total_fen_change = optimal.total_fen - rank_order.total_fen;
  diff.score_sum_change = optimal.score_sum - rank_order.score_sum;
  return diff;
}

const char* to_string(NotFundedReason reason) {
  switch (reason) {
    case NotFundedReason::budget:
      return "budget";
    case NotFundedReason::category_budget:
      return "category_budget";
    case NotFundedReason::cluster_cap:
      return "cluster_cap";
    case NotFundedReason::threshold:
      return "threshold";
    case NotFundedReason::organizer_adjusted:
      return "organizer_adjusted";
    case NotFundedReason::objection_upheld:
      return "objection_upheld";
  }
  return "unknown";
}

const char* to_string(SelectionMethod method) {
  return method == SelectionMethod::optimal ? "optimal" : "rank_order";
}

}  // namespace iifund::domain
