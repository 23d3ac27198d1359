#pragma once
// 排序优选: choosing which library projects to fund within the batch budget, the optional
// per-category budgets and the per-cluster caps (DOMAIN.md §5 and §8 item 10).
//
// Rank order is the usual government method and the policy: by score descending (ties to the
// earlier submission, then the application number), walking the whole list, funding each project
// with its computed subsidy if it fits and recording why not otherwise. Optimal maximizes the sum
// of the funded projects' scores (ties toward the larger total subsidy) under the same limits, as
// a GLPK mixed-integer program started from the rank-order solution (or a score-per-yuan greedy
// one when that scores higher) and never returned when worse than rank order; it stops at a time
// limit and then reports its gap. Both explain every application, and
// `compare_selections` says what the optimizer changed.
//
// Money is integer fen throughout; the MIP works in units of 10,000 yuan (solvers misjudge fen-sized
// coefficients) and its chosen set is re-checked in fen before it is trusted.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace iifund::domain {

enum class NotFundedReason {
  budget,
  category_budget,
  cluster_cap,
  threshold,
  organizer_adjusted,
  objection_upheld
};

struct SelectionCandidate {
  std::string id;
  std::string number;  // the application number: the last tie-breaker
  std::string category;
  std::string cluster;              // industry cluster whose cap applies; "" for none
  double score = 0;                 // the ranking score (DOMAIN.md §8 item 8)
  std::int64_t submitted_at = 0;    // e.g. Unix seconds: earlier wins a tie on score
  std::int64_t subsidy_fen = 0;     // computed subsidy, already bound by project and enterprise caps
  bool organizer_adjusted = false;  // excluded by a recorded organizer decision
  bool objection_upheld = false;    // an objection during publicity (公示) was upheld
};

struct SelectionLimits {
  std::int64_t budget_fen = 0;
  std::map<std::string, std::int64_t> category_budget_fen;  // categories without an entry: no limit
  std::map<std::string, std::int64_t> cluster_cap_fen;      // per cluster
  std::int64_t default_cluster_cap_fen = 0;                 // for clusters without their own entry; 0: none
  double threshold = 60;  // 入库储备: below this a project is not in the library
  bool allow_partial = false;
};

struct OptimalOptions {
  double time_limit_seconds = 30;
};

enum class SelectionMethod { rank_order, optimal };

struct SelectionDecision {
  std::string id;
  int rank = 0;  // 1-based position in rank order
  double score = 0;
  std::int64_t subsidy_fen = 0;
  std::int64_t funded_fen = 0;
  bool funded = false;  // fully or, when allowed, partly
  // Why not (fully) funded; for budget limits, the room that limit had left.
  std::optional<NotFundedReason> reason;
  std::int64_t room_fen = 0;
  std::string limit_key;  // the category or cluster whose limit bound it
};

struct SelectionOutcome {
  SelectionMethod method = SelectionMethod::rank_order;
  std::vector<SelectionDecision> decisions;  // in rank order
  int funded_count = 0;
  std::int64_t total_fen = 0;
  double score_sum = 0;  // the objective: Σ score × funded share
  std::map<std::string, std::int64_t> category_total_fen;
  std::map<std::string, std::int64_t> cluster_total_fen;
  std::map<NotFundedReason, int> not_funded_count;
  // Optimal only.
  std::string solver_status;  // optimal, time_limit, rank_order_kept, nothing_to_choose
  double upper_bound = 0;     // no selection can score more than this
  double gap = 0;             // (upper_bound − score_sum) ÷ score_sum; 0 when proven optimal
  double seconds = 0;
};

struct SelectionChange {
  std::string id;
  int rank = 0;
  std::int64_t rank_order_fen = 0;
  std::int64_t optimal_fen = 0;
};

struct SelectionDiff {
  std::vector<SelectionChange> changes;  // projects whose funding differs, in rank order
  int funded_count_change = 0;
  std::int64_t total_fen_change = 0;
  double score_sum_change = 0;
};

Result<SelectionOutcome> select_rank_order(std::span<const SelectionCandidate> candidates,
                                           const SelectionLimits& limits);

Result<SelectionOutcome> select_optimal(std::span<const SelectionCandidate> candidates,
                                        const SelectionLimits& limits, const OptimalOptions& options);

SelectionDiff compare_selections(const SelectionOutcome& rank_order, const SelectionOutcome& optimal);

const char* to_string(NotFundedReason reason);
const char* to_string(SelectionMethod method);

}  // namespace iifund::domain
