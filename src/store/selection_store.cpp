#include "store/selection_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kRunColumns =
    "SELECT id, batch_id, state, chosen_method, limits_json, rank_order_json, optimal_json, comparison_json, "
    "created_by, created_at, confirmed_by, confirmed_at FROM selection_runs ";

SelectionRunRecord read_run(const soci::row& row) {
  SelectionRunRecord run;
  run.id = row_integer(row, 0);
  run.batch_id = row_integer(row, 1);
  run.state = row.get<std::string>(2);
  run.chosen_method = row_optional_text(row, 3);
  run.limits_json = row.get<std::string>(4);
  run.rank_order_json = row.get<std::string>(5);
  run.optimal_json = row.get<std::string>(6);
  run.comparison_json = row.get<std::string>(7);
  run.created_by = row_integer(row, 8);
  run.created_at = row.get<std::string>(9);
  if (row.get_indicator(10) == soci::i_ok) run.confirmed_by = row_integer(row, 10);
  run.confirmed_at = row_optional_text(row, 11);
  return run;
}

std::optional<SelectionRunRecord> first_run(soci::rowset<soci::row>& rows) {
  for (const auto& row : rows) return read_run(row);
  return std::nullopt;
}

}  // namespace

std::optional<BudgetRecord> find_batch_budget(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT batch_id, budget_fen, category_budgets_json, version, updated_by, updated_at "
                      "FROM batch_budgets WHERE batch_id = :b",
       soci::use(batch_id));
  for (const auto& row : rows) {
    BudgetRecord budget;
    budget.batch_id = row_integer(row, 0);
    budget.budget_fen = row_integer(row, 1);
    budget.category_budgets_json = row.get<std::string>(2);
    budget.version = static_cast<int>(row_integer(row, 3));
    budget.updated_by = row_integer(row, 4);
    budget.updated_at = row.get<std::string>(5);
    return budget;
  }
  return std::nullopt;
}

void insert_batch_budget(soci::session& sql, const BudgetRecord& budget) {
  sql << "INSERT INTO batch_budgets (batch_id, budget_fen, category_budgets_json, version, updated_by, "
         "updated_at) VALUES (:b, :f, :c, 1, :u, :at)",
      soci::use(budget.batch_id), soci::use(budget.budget_fen), soci::use(budget.category_budgets_json),
      soci::use(budget.updated_by), soci::use(budget.updated_at);
}

bool update_batch_budget(soci::session& sql, const BudgetRecord& budget, int expected_version) {
  soci::statement update =
      (sql.prepare
           << "UPDATE batch_budgets SET budget_fen = :f, category_budgets_json = :c, "
              "version = version + 1, updated_by = :u, updated_at = :at WHERE batch_id = :b AND version = :v",
       soci::use(budget.budget_fen), soci::use(budget.category_budgets_json), soci::use(budget.updated_by),
       soci::use(budget.updated_at), soci::use(budget.batch_id), soci::use(expected_version));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

long long insert_selection_run(soci::session& sql, const SelectionRunRecord& run) {
  sql << "INSERT INTO selection_runs (batch_id, state, limits_json, rank_order_json, optimal_json, "
         "comparison_json, created_by, created_at) VALUES (:b, :s, :l, :r, :o, :c, :u, :at)",
      soci::use(run.batch_id), soci::use(run.state), soci::use(run.limits_json),
      soci::use(run.rank_order_json), soci::use(run.optimal_json), soci::use(run.comparison_json),
      soci::use(run.created_by), soci::use(run.created_at);
  return last_insert_id(sql, "selection_runs");
}

std::optional<SelectionRunRecord> find_selection_run(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kRunColumns) + "WHERE id = :id", soci::use(id));
  return first_run(rows);
}

std::optional<SelectionRunRecord> find_confirmed_run(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kRunColumns) + "WHERE batch_id = :b AND state = 'confirmed'",
       soci::use(batch_id));
  return first_run(rows);
}

std::optional<SelectionRunRecord> latest_selection_run(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kRunColumns) + "WHERE batch_id = :b ORDER BY id DESC LIMIT 1",
       soci::use(batch_id));
  return first_run(rows);
}

void update_selection_outcomes(soci::session& sql, const SelectionRunRecord& run) {
  sql << "UPDATE selection_runs SET rank_order_json = :r, optimal_json = :o, comparison_json = :c WHERE id = "
         ":id",
      soci::use(run.rank_order_json), soci::use(run.optimal_json), soci::use(run.comparison_json),
      soci::use(run.id);
}

void confirm_selection_run(soci::session& sql, long long id, const std::string& method, long long user_id,
                           const std::string& at) {
  sql << "UPDATE selection_runs SET state = 'confirmed', chosen_method = :m, confirmed_by = :u, confirmed_at "
         "= :at "
         "WHERE id = :id",
      soci::use(method), soci::use(user_id), soci::use(at), soci::use(id);
}

void discard_draft_runs(soci::session& sql, long long batch_id, long long except_run_id) {
  sql << "UPDATE selection_runs SET state = 'discarded' WHERE batch_id = :b AND state = 'draft' AND id <> "
         ":id",
      soci::use(batch_id), soci::use(except_run_id);
}

void save_selection_adjustment(soci::session& sql, const SelectionAdjustmentRecord& adjustment) {
  sql << "DELETE FROM selection_adjustments WHERE run_id = :r AND application_id = :a",
      soci::use(adjustment.run_id), soci::use(adjustment.application_id);
  sql << "INSERT INTO selection_adjustments (run_id, application_id, amount_fen, reason, adjusted_by, "
         "adjusted_at) "
         "VALUES (:r, :a, :f, :why, :u, :at)",
      soci::use(adjustment.run_id), soci::use(adjustment.application_id), soci::use(adjustment.amount_fen),
      soci::use(adjustment.reason), soci::use(adjustment.adjusted_by), soci::use(adjustment.adjusted_at);
}

std::vector<SelectionAdjustmentRecord> list_selection_adjustments(soci::session& sql, long long run_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT s.id, s.run_id, s.application_id, s.amount_fen, s.reason, s.adjusted_by, "
                      "u.display_name, s.adjusted_at FROM selection_adjustments s JOIN users u ON u.id = "
                      "s.adjusted_by "
                      "WHERE s.run_id = :r ORDER BY s.application_id",
       soci::use(run_id));
  std::vector<SelectionAdjustmentRecord> adjustments;
  for (const auto& row : rows) {
    SelectionAdjustmentRecord adjustment;
    adjustment.id = row_integer(row, 0);
    adjustment.run_id = row_integer(row, 1);
    adjustment.application_id = row_integer(row, 2);
    adjustment.amount_fen = row_integer(row, 3);
    adjustment.reason = row.get<std::string>(4);
    adjustment.adjusted_by = row_integer(row, 5);
    adjustment.adjusted_by_name = row.get<std::string>(6);
    adjustment.adjusted_at = row.get<std::string>(7);
    adjustments.push_back(std::move(adjustment));
  }
  return adjustments;
}

std::vector<LibraryCandidateRow> library_candidates(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT a.id, a.number, a.project_name, e.name, a.county_code, a.category, a.computed_fen, "
              "a.bound_by, a.form_json, a.submitted_at, r.ranking_score FROM applications a "
              "JOIN review_results r ON r.application_id = a.id JOIN enterprises e ON e.id = a.enterprise_id "
              "WHERE a.batch_id = :b AND a.state = 'in_library' ORDER BY a.id",
       soci::use(batch_id));
  std::vector<LibraryCandidateRow> candidates;
  for (const auto& row : rows) {
    LibraryCandidateRow candidate;
    candidate.application_id = row_integer(row, 0);
    candidate.number = row_optional_text(row, 1).value_or("");
    candidate.project_name = row.get<std::string>(2);
    candidate.enterprise_name = row.get<std::string>(3);
    candidate.county_code = row.get<std::string>(4);
    candidate.category = static_cast<int>(row_integer(row, 5));
    candidate.computed_fen = row_integer(row, 6);
    candidate.bound_by = row.get<std::string>(7);
    candidate.form_json = row.get<std::string>(8);
    candidate.submitted_at = row_optional_text(row, 9).value_or("");
    candidate.ranking_score = row_real(row, 10);
    candidates.push_back(std::move(candidate));
  }
  return candidates;
}

std::vector<long long> library_application_ids(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id FROM applications WHERE batch_id = :b AND state = 'in_library' ORDER BY id",
       soci::use(batch_id));
  std::vector<long long> ids;
  for (const auto& row : rows) ids.push_back(row_integer(row, 0));
  return ids;
}

}  // namespace iifund::store
