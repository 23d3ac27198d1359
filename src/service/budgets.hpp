#pragma once
// 预算: the money a batch's selection may spend — the batch budget and optional per-category
// budgets within it. Until the organizer sets one, the policy's `selection.batch_budget_fen` and
// its categories' `category_budget_fen` apply. Every change is audited with before and after, and
// the budget is locked once a selection of the batch is confirmed.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.hpp"
#include "service/batch_policies.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"

namespace iifund::service {

struct BatchBudget {
  long long batch_id = 0;
  long long budget_fen = 0;
  std::map<int, long long> category_budgets;  // by category number; absent: no own limit
  std::string source;                         // policy | set
  int version = 0;                            // 0 while the policy's applies
  std::optional<std::string> updated_at;
};

// The budget in force, inside the caller's transaction.
BatchBudget effective_budget(soci::session& sql, const BatchPolicy& batch);

// Organizer and bureau; 404 for an unknown batch.
domain::Result<BatchBudget> batch_budget(store::Database& db, const Caller& caller, long long batch_id);

struct BudgetChange {
  std::optional<long long> budget_fen;  // nullopt: missing or not a whole number
  // category key as sent → amount (nullopt: not a whole number); `category_budgets_object`
  // false when the field is present but not an object.
  std::vector<std::pair<std::string, std::optional<long long>>> category_budgets;
  bool category_budgets_object = true;
  int version = 0;  // the version read: 0 while the policy's budget applies
};

// Organizer. 422 validation_failed (budget_fen: required / amount_positive; category_budgets.<n>:
// category_unknown / amount_positive; category_budgets: category_budgets_above_budget), 409
// stale_version, 409 selection_locked once a selection is confirmed; audit budget.set.
domain::Result<BatchBudget> set_batch_budget(store::Database& db, const Clock& clock, const Caller& caller,
                                             long long batch_id, const BudgetChange& change);

// 409 selection_locked when the batch has a confirmed selection.
domain::Status check_selection_unlocked(soci::session& sql, long long batch_id);

}  // namespace iifund::service
