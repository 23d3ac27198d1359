// 预算与排序优选: the batch budget, selection runs with both methods side by side, downward
// adjustments and the confirmation that locks the list.
#include "http/amount_fields.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/budgets.hpp"
#include "service/selection_runs.hpp"

namespace iifund::http {

namespace {

using nlohmann::json;

HttpResponse budget_response(const domain::Result<service::BatchBudget>& budget, const HttpRequest& request) {
  if (!budget) return problem_response(budget.problem(), request);
  json categories = json::object();
  for (const auto& [category, fen] : budget->category_budgets) categories[std::to_string(category)] = fen;
  return json_response(200,
                       json{{"batch_id", budget->batch_id},
                            {"budget_fen", budget->budget_fen},
                            {"category_budgets", categories},
                            {"source", budget->source},
                            {"version", budget->version},
                            {"updated_at", budget->updated_at ? json(*budget->updated_at) : json(nullptr)}}
                           .dump());
}

json run_json(const service::SelectionRunView& view) {
  json adjustments = json::array();
  for (const auto& adjustment : view.adjustments) {
    adjustments.push_back({{"application_id", adjustment.application_id},
                           {"amount_fen", adjustment.amount_fen},
                           {"reason", adjustment.reason},
                           {"adjusted_by", adjustment.adjusted_by_name},
                           {"adjusted_at", adjustment.adjusted_at}});
  }
  const auto& run = view.run;
  return {{"id", run.id},
          {"batch_id", run.batch_id},
          {"state", run.state},
          {"chosen_method", run.chosen_method ? json(*run.chosen_method) : json(nullptr)},
          {"created_at", run.created_at},
          {"confirmed_at", run.confirmed_at ? json(*run.confirmed_at) : json(nullptr)},
          {"limits", view.limits},
          {"rank_order", view.rank_order},
          {"optimal", view.optimal},
          {"comparison", view.comparison},
          {"adjustments", adjustments}};
}

HttpResponse run_response(int status, const domain::Result<service::SelectionRunView>& run,
                          const HttpRequest& request) {
  if (!run) return problem_response(run.problem(), request);
  return json_response(status, run_json(run.value()).dump());
}

}  // namespace

HttpResponse get_batch_budget(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return budget_response(service::batch_budget(context.database, request.caller, *id), request);
}

HttpResponse put_batch_budget(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  service::BudgetChange change;
  change.budget_fen = integer_field(request.json, "budget_fen");
  if (request.json.is_object() && request.json.contains("category_budgets") &&
      !request.json["category_budgets"].is_null()) {
    const auto& categories = request.json["category_budgets"];
    change.category_budgets_object = categories.is_object();
    if (categories.is_object()) {
      for (const auto& item : categories.items()) {
        change.category_budgets.emplace_back(item.key(), integer_field(categories, item.key().c_str()));
      }
    }
  }
  auto version = integer_field(request.json, "version");
  if (!version || *version < 0 || *version > 1'000'000'000) {
    domain::Problem problem = domain::make_problem("validation_failed", 422);
    problem.fields.push_back({"version", "required", {}});
    return problem_response(problem, request);
  }
  change.version = static_cast<int>(*version);
  return budget_response(
      service::set_batch_budget(context.database, *context.clock, request.caller, *id, change), request);
}

HttpResponse post_batch_selection_runs(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  std::optional<double> seconds;
  if (request.json.is_object() && request.json.contains("time_limit_seconds") &&
      !request.json["time_limit_seconds"].is_null()) {
    const auto& value = request.json["time_limit_seconds"];
    if (!value.is_number()) {
      domain::Problem problem = domain::make_problem("validation_failed", 422);
      problem.fields.push_back({"time_limit_seconds", "wrong_type", {{"expected", "number"}}});
      return problem_response(problem, request);
    }
    seconds = value.get<double>();
  }
  return run_response(
      201, service::run_selection(context.database, *context.clock, request.caller, *id, seconds), request);
}

HttpResponse get_batch_selection(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return run_response(200, service::batch_selection(context.database, request.caller, *id), request);
}

HttpResponse get_selection_run(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return run_response(200, service::selection_run(context.database, request.caller, *id), request);
}

HttpResponse put_selection_adjustment(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  auto application_id = path_id(request, "application_id");
  if (!id || !application_id) return not_found(request);
  service::SelectionAdjustment adjustment{integer_field(request.json, "amount_fen"),
                                          text_field(request, "reason")};
  return run_response(200,
                      service::adjust_selection(context.database, *context.clock, request.caller, *id,
                                                *application_id, adjustment),
                      request);
}

HttpResponse post_selection_run_confirm(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return run_response(200,
                      service::confirm_selection(context.database, *context.clock, request.caller, *id,
                                                 text_field(request, "method")),
                      request);
}

}  // namespace iifund::http
