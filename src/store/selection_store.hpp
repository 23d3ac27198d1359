#pragma once
// 预算与排序优选: a batch's budget (batch_budgets), its selection runs with both methods' outcomes
// (selection_runs), the organizer's downward adjustments (selection_adjustments), and the library
// the runs choose from (applications in_library with their review_results row).
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct BudgetRecord {
  long long batch_id = 0;
  long long budget_fen = 0;
  std::string category_budgets_json = "{}";  // {"<category number>": fen}
  int version = 1;
  long long updated_by = 0;
  std::string updated_at;
};

std::optional<BudgetRecord> find_batch_budget(soci::session& sql, long long batch_id);
void insert_batch_budget(soci::session& sql, const BudgetRecord& budget);
// Writes when `expected_version` is current (and bumps it); false when stale.
bool update_batch_budget(soci::session& sql, const BudgetRecord& budget, int expected_version);

struct SelectionRunRecord {
  long long id = 0;
  long long batch_id = 0;
  std::string state;  // draft | confirmed | discarded
  std::optional<std::string> chosen_method;
  std::string limits_json;  // the limits and the candidates the run chose from
  std::string rank_order_json;
  std::string optimal_json;
  std::string comparison_json;
  long long created_by = 0;
  std::string created_at;
  std::optional<long long> confirmed_by;
  std::optional<std::string> confirmed_at;
};

long long insert_selection_run(soci::session& sql, const SelectionRunRecord& run);
std::optional<SelectionRunRecord> find_selection_run(soci::session& sql, long long id);
std::optional<SelectionRunRecord> find_confirmed_run(soci::session& sql, long long batch_id);
std::optional<SelectionRunRecord> latest_selection_run(soci::session& sql, long long batch_id);
void update_selection_outcomes(soci::session& sql, const SelectionRunRecord& run);
void confirm_selection_run(soci::session& sql, long long id, const std::string& method, long long user_id,
                           const std::string& at);
// Every other draft run of the batch becomes discarded.
void discard_draft_runs(soci::session& sql, long long batch_id, long long except_run_id);

struct SelectionAdjustmentRecord {
  long long id = 0;
  long long run_id = 0;
  long long application_id = 0;
  long long amount_fen = 0;
  std::string reason;
  long long adjusted_by = 0;
  std::string adjusted_by_name;  // read only
  std::string adjusted_at;
};

// One per run and application: a later adjustment replaces the earlier one.
void save_selection_adjustment(soci::session& sql, const SelectionAdjustmentRecord& adjustment);
std::vector<SelectionAdjustmentRecord> list_selection_adjustments(soci::session& sql, long long run_id);

// An application of the project library (入库储备) as a selection sees it.
struct LibraryCandidateRow {
  long long application_id = 0;
  std::string number;
  std::string project_name;
  std::string enterprise_name;
  std::string county_code;
  int category = 0;
  long long computed_fen = 0;
  std::string bound_by;
  std::string form_json;
  std::string submitted_at;
  double ranking_score = 0;
};

// The batch's applications in state in_library that have a review result, by id.
std::vector<LibraryCandidateRow> library_candidates(soci::session& sql, long long batch_id);
// Ids of the batch's applications in state in_library.
std::vector<long long> library_application_ids(soci::session& sql, long long batch_id);

}  // namespace iifund::store
