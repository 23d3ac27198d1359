#pragma once
// 排序优选: a selection run takes the batch's project library (applications in_library, score =
// review_results.ranking_score, subsidy = computed_fen) and the budget in force, and runs both
// domain::select_rank_order and the optimal selection, keeping each outcome with an explanation
// per application (funded amount and the rule that bound it, or why not) and their comparison.
// The organizer may lower an amount (with a reason; 0 takes the project out) — both outcomes are
// computed again — and confirms one method: funded applications go in_library → selected with a
// funded_projects row, the rest of the library → not_selected with the reason, and the batch's
// list is locked. Every state change goes through apply_transition.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/selection_store.hpp"

namespace iifund::service {

struct SelectionRunView {
  store::SelectionRunRecord run;
  nlohmann::json limits;  // budget_fen, category_budget_fen, cluster_cap_fen, threshold, allow_partial, …
  nlohmann::json rank_order;  // outcome: funded_count, total_fen, score_sum, …, decisions
  nlohmann::json optimal;     // outcome + gap, proven_optimal, solver_status, upper_bound, seconds
  nlohmann::json
      comparison;  // only_rank_order, only_optimal, changes, total_difference_fen, score_difference
  std::vector<store::SelectionAdjustmentRecord> adjustments;
};

inline constexpr double kDefaultSelectionSeconds = 10;
inline constexpr double kMaxSelectionSeconds = 60;

// Organizer. 422 validation_failed (time_limit_seconds: number_range), 422 library_empty, 409
// selection_locked; earlier draft runs of the batch are discarded; audit selection.run.
domain::Result<SelectionRunView> run_selection(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long batch_id, std::optional<double> time_limit_seconds);

// Organizer and bureau.
domain::Result<SelectionRunView> selection_run(store::Database& db, const Caller& caller, long long run_id);
// The batch's confirmed run, else its latest; 404 when it has none.
domain::Result<SelectionRunView> batch_selection(store::Database& db, const Caller& caller,
                                                 long long batch_id);

struct SelectionAdjustment {
  std::optional<long long> amount_fen;  // nullopt: missing or not a whole number
  std::string reason;
};

// Organizer. Lowers one application's amount in a draft run: 422 amount_not_lower unless below
// its computed subsidy, reason required; 0 takes it out (organizer_adjusted); a later adjustment
// of the same application replaces the earlier one. 404 when the application is not in the run,
// 409 run_not_draft; audit selection.adjust.
domain::Result<SelectionRunView> adjust_selection(store::Database& db, const Clock& clock,
                                                  const Caller& caller, long long run_id,
                                                  long long application_id,
                                                  const SelectionAdjustment& adjustment);

// Organizer. method rank_order | optimal (422 method_unknown); 409 run_not_draft, 409
// selection_locked, 409 run_outdated when the library changed since the run (facts added,
// missing: numbers); audit selection.confirm.
domain::Result<SelectionRunView> confirm_selection(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long run_id,
                                                   const std::string& method);

}  // namespace iifund::service
