#include "service/budgets.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "service/audit.hpp"
#include "service/field_rules.hpp"
#include "store/audit_log.hpp"
#include "store/selection_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::Result;
using domain::Status;

std::map<int, long long> policy_category_budgets(const domain::Policy& policy) {
  std::map<int, long long> budgets;
  for (const auto& category : policy.categories) {
    if (category.category_budget) budgets[category.number] = category.category_budget->fen();
  }
  return budgets;
}

std::map<int, long long> parse_category_budgets(const std::string& text) {
  std::map<int, long long> budgets;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return budgets;
  for (const auto& [key, value] : json.items()) {
    if (value.is_number_integer()) budgets[std::stoi(key)] = value.get<long long>();
  }
  return budgets;
}

nlohmann::json category_budgets_json(const std::map<int, long long>& budgets) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [category, fen] : budgets) json[std::to_string(category)] = fen;
  return json;
}

nlohmann::json budget_summary(const BatchBudget& budget) {
  return {{"budget_fen", budget.budget_fen},
          {"category_budgets", category_budgets_json(budget.category_budgets)},
          {"source", budget.source}};
}

bool organizer_or_bureau(const Caller& caller) { return caller.is("organizer") || caller.is("bureau"); }

// The change's amounts, or the field errors that refuse it.
Result<std::map<int, long long>> checked_category_budgets(const domain::Policy& policy,
                                                          const BudgetChange& change) {
  FieldErrors errors;
  if (!change.budget_fen) {
    errors.push_back({"budget_fen", "required", nlohmann::json::object()});
  } else if (*change.budget_fen <= 0) {
    errors.push_back({"budget_fen", "amount_positive", {{"found", *change.budget_fen}}});
  }
  if (!change.category_budgets_object) {
    errors.push_back({"category_budgets", "wrong_type", {{"expected", "object"}}});
  }
  std::map<int, long long> budgets;
  long long sum = 0;
  for (const auto& [key, amount] : change.category_budgets) {
    const std::string field = "category_budgets." + key;
    const domain::CategoryPolicy* category = nullptr;
    if (!key.empty() && key.size() <= 2 && key.find_first_not_of("0123456789") == std::string::npos) {
      category = policy.find_category(std::stoi(key));
    }
    if (category == nullptr) {
      errors.push_back({field, "category_unknown", {{"category", key}}});
    } else if (!amount || *amount <= 0) {
      errors.push_back({field, "amount_positive", nlohmann::json::object()});
    } else {
      budgets[category->number] = *amount;
      sum += *amount;
    }
  }
  if (change.budget_fen && *change.budget_fen > 0 && sum > *change.budget_fen) {
    errors.push_back({"category_budgets",
                      "category_budgets_above_budget",
                      {{"sum_fen", sum}, {"budget_fen", *change.budget_fen}}});
  }
  if (!errors.empty()) return validation_problem(std::move(errors));
  return budgets;
}

}  // namespace

BatchBudget effective_budget(soci::session& sql, const BatchPolicy& batch) {
  BatchBudget budget;
  budget.batch_id = batch.batch.id;
  if (auto stored = store::find_batch_budget(sql, batch.batch.id)) {
    budget.budget_fen = stored->budget_fen;
    budget.category_budgets = parse_category_budgets(stored->category_budgets_json);
    budget.source = "set";
    budget.version = stored->version;
    budget.updated_at = stored->updated_at;
    return budget;
  }
  budget.budget_fen = batch.policy->selection.batch_budget.fen();
  budget.category_budgets = policy_category_budgets(*batch.policy);
  budget.source = "policy";
  return budget;
}

Status check_selection_unlocked(soci::session& sql, long long batch_id) {
  if (auto confirmed = store::find_confirmed_run(sql, batch_id)) {
    return domain::make_problem(
        "selection_locked", 409,
        {{"run_id", confirmed->id}, {"confirmed_at", confirmed->confirmed_at.value_or("")}});
  }
  return domain::Ok{};
}

Result<BatchBudget> batch_budget(store::Database& db, const Caller& caller, long long batch_id) {
  if (!organizer_or_bureau(caller)) return domain::make_problem("forbidden", 403);
  std::optional<BatchBudget> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    answer = effective_budget(sql, batch.value());
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

Result<BatchBudget> set_batch_budget(store::Database& db, const Clock& clock, const Caller& caller,
                                     long long batch_id, const BudgetChange& change) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  const auto now = clock.now();
  std::optional<BatchBudget> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    if (auto unlocked = check_selection_unlocked(sql, batch_id); !unlocked) return unlocked;
    auto budgets = checked_category_budgets(*batch->policy, change);
    if (!budgets) return budgets.take_problem();
    const BatchBudget before = effective_budget(sql, batch.value());
    if (before.version != change.version) {
      return domain::make_problem("stale_version", 409, {{"current_version", before.version}});
    }
    store::BudgetRecord record;
    record.batch_id = batch_id;
    record.budget_fen = *change.budget_fen;
    record.category_budgets_json = category_budgets_json(budgets.value()).dump();
    record.updated_by = caller.user_id;
    record.updated_at = store::format_utc_iso(now);
    if (before.version == 0) {
      store::insert_batch_budget(sql, record);
    } else if (!store::update_batch_budget(sql, record, change.version)) {
      return domain::make_problem("stale_version", 409, {{"current_version", before.version}});
    }
    answer = effective_budget(sql, batch.value());
    store::append_audit(
        sql, audit_entry(caller, "budget.set", fmt::format("batch:{}", batch_id),
                         {{"before", budget_summary(before)}, {"after", budget_summary(*answer)}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

}  // namespace iifund::service
