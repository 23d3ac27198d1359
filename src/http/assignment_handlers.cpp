// 专家分配: runs (preview, slot changes, confirmation), one more reviewer for an application, and
// an expert's declaration of 回避 on its own assignment.
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/assignment_runs.hpp"

namespace iifund::http {

namespace {

nlohmann::json run_json(const service::RunView& view) {
  nlohmann::json applications = nlohmann::json::array();
  for (const auto& application : view.applications) {
    nlohmann::json experts = nlohmann::json::array();
    for (const auto& expert : application.experts) {
      experts.push_back({{"expert_id", expert.expert_id}, {"name", expert.name}, {"match", expert.match}});
    }
    applications.push_back({{"application_id", application.application_id},
                            {"number", application.number},
                            {"project_name", application.project_name},
                            {"enterprise_name", application.enterprise_name},
                            {"category", application.category},
                            {"experts", experts}});
  }
  const auto& run = view.run;
  return {{"id", run.id},
          {"batch_id", run.batch_id},
          {"state", run.state},
          {"category", run.category ? nlohmann::json(*run.category) : nlohmann::json()},
          {"experts_per_application", view.experts_per_application},
          {"created_at", run.created_at},
          {"confirmed_at", run.confirmed_at ? nlohmann::json(*run.confirmed_at) : nlohmann::json()},
          {"applications", applications},
          {"statistics", view.statistics}};
}

HttpResponse run_response(int status, const domain::Result<service::RunView>& view,
                          const HttpRequest& request) {
  if (!view) return problem_response(view.problem(), request);
  return json_response(status, run_json(view.value()).dump());
}

nlohmann::json slot_json(const store::AssignmentSlot& slot) {
  return {{"id", slot.id},
          {"application_id", slot.application_id},
          {"expert_id", slot.expert_id},
          {"state", slot.state},
          {"reason", slot.reason}};
}

HttpResponse missing_fields(std::vector<domain::FieldError> fields, const HttpRequest& request) {
  domain::Problem problem = domain::make_problem("validation_failed", 422, {{"count", fields.size()}});
  problem.fields = std::move(fields);
  return problem_response(problem, request);
}

}  // namespace

HttpResponse post_batch_assignment_runs(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request);
  if (!batch_id) return not_found(request);
  std::optional<int> category;
  std::optional<std::uint64_t> seed;
  std::vector<domain::FieldError> errors;
  if (request.json.is_object()) {
    if (auto found = request.json.find("category"); found != request.json.end() && !found->is_null()) {
      if (found->is_number_integer() && found->get<long long>() >= 1 && found->get<long long>() <= 99) {
        category = found->get<int>();
      } else {
        errors.push_back({"category", "category_unknown", {{"category", found->dump()}}});
      }
    }
    if (auto found = request.json.find("seed"); found != request.json.end() && !found->is_null()) {
      if (found->is_number_unsigned()) {
        seed = found->get<std::uint64_t>();
      } else {
        errors.push_back({"seed", "wrong_type", {{"expected", "non-negative integer"}}});
      }
    }
  }
  if (!errors.empty()) return missing_fields(std::move(errors), request);
  return run_response(201,
                      service::start_assignment_run(context.database, *context.clock, request.caller,
                                                    *batch_id, category, seed),
                      request);
}

HttpResponse get_assignment_run(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return run_response(200, service::view_assignment_run(context.database, request.caller, *id), request);
}

HttpResponse put_assignment_run_slots(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  service::SlotChange change;
  auto application_id = id_field(request, "application_id");
  auto add_expert_id = id_field(request, "add_expert_id");
  std::vector<domain::FieldError> errors;
  if (!application_id) errors.push_back({"application_id", "required", nlohmann::json::object()});
  if (!add_expert_id) errors.push_back({"add_expert_id", "required", nlohmann::json::object()});
  if (!errors.empty()) return missing_fields(std::move(errors), request);
  change.application_id = *application_id;
  change.add_expert_id = *add_expert_id;
  change.remove_expert_id = id_field(request, "remove_expert_id");
  return run_response(
      200, service::adjust_assignment_slot(context.database, *context.clock, request.caller, *id, change),
      request);
}

HttpResponse post_assignment_run_confirm(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return run_response(
      200, service::confirm_assignment_run(context.database, *context.clock, request.caller, *id), request);
}

HttpResponse post_application_reviewers(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto expert_id = id_field(request, "expert_id");
  if (!expert_id) return missing_fields({{"expert_id", "required", nlohmann::json::object()}}, request);
  auto added = service::add_reviewer(context.database, *context.clock, request.caller, *id, *expert_id);
  if (!added) return problem_response(added.problem(), request);
  return json_response(201, nlohmann::json{{"assignment", slot_json(added.value())}}.dump());
}

HttpResponse post_review_conflict(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto declared = service::declare_review_conflict(context.database, *context.clock, request.caller, *id,
                                                   text_field(request, "reason"));
  if (!declared) return problem_response(declared.problem(), request);
  // The expert learns that it is released, not who takes over.
  return json_response(200, slot_json(declared->declared).dump());
}

}  // namespace iifund::http
