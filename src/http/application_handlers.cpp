// 项目申报: the enterprise's application, from a new draft to a submitted, frozen snapshot.
#include "http/application_json.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/applications.hpp"

namespace iifund::http {

namespace {

HttpResponse view_response(int status, const domain::Result<service::ApplicationView>& view,
                           const HttpRequest& request) {
  if (!view) return problem_response(view.problem(), request);
  return json_response(status, application_json(view.value(), request.caller, request.language).dump());
}

// The version a change starts from: a required integer field.
std::optional<int> version_field(const HttpRequest& request) {
  auto version = id_field(request, "version");
  if (!version || *version > 1'000'000'000) return std::nullopt;
  return static_cast<int>(*version);
}

HttpResponse version_missing(const HttpRequest& request) {
  domain::Problem problem = domain::make_problem("validation_failed", 422);
  problem.fields.push_back({"version", "required", {}});
  return problem_response(problem, request);
}

}  // namespace

HttpResponse get_applications(ServerContext& context, HttpRequest& request) {
  std::vector<domain::FieldError> errors;
  store::ApplicationQuery query;
  if (auto batch = query_integer(request, "batch_id", 1, 1LL << 53, errors)) query.batch_id = *batch;
  if (auto category = query_integer(request, "category", 1, 99, errors))
    query.category = static_cast<int>(*category);
  query.page = static_cast<int>(query_integer(request, "page", 1, 1'000'000, errors).value_or(1));
  query.page_size = static_cast<int>(query_integer(request, "page_size", 1, 200, errors).value_or(20));
  if (auto state = request.query.find("state"); state != request.query.end() && !state->second.empty()) {
    query.state = state->second;
  }
  if (auto text = request.query.find("q"); text != request.query.end()) {
    auto begin = text->second.find_first_not_of(' ');
    if (begin != std::string::npos)
      query.text = text->second.substr(begin, text->second.find_last_not_of(' ') + 1 - begin);
  }
  if (!errors.empty()) return problem_response(validation_problem(std::move(errors)), request);
  auto page = service::find_applications(context.database, request.caller, query);
  if (!page) return problem_response(page.problem(), request);
  return json_response(200, application_list_json(page.value()).dump());
}

HttpResponse post_applications(ServerContext& context, HttpRequest& request) {
  auto batch_id = id_field(request, "batch_id");
  auto category = id_field(request, "category");
  if (!batch_id || !category || *category > 99) {
    domain::Problem problem = domain::make_problem("validation_failed", 422);
    if (!batch_id) problem.fields.push_back({"batch_id", "required", {}});
    if (!category || *category > 99) problem.fields.push_back({"category", "category_unknown", {}});
    return problem_response(problem, request);
  }
  auto created = service::create_application(context.database, *context.clock, request.caller, *batch_id,
                                             static_cast<int>(*category));
  return view_response(201, created, request);
}

HttpResponse get_application(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return view_response(200, service::view_application(context.database, *context.clock, request.caller, *id),
                       request);
}

HttpResponse put_application(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_field(request);
  if (!version) return version_missing(request);
  const nlohmann::json* form =
      request.json.is_object() && request.json.contains("form") ? &request.json["form"] : nullptr;
  if (form == nullptr || !form->is_object()) {
    domain::Problem problem = domain::make_problem("form_invalid", 422);
    problem.fields.push_back({"form", "form_type", {{"expected", "object"}}});
    return problem_response(problem, request);
  }
  auto saved =
      service::save_application(context.database, *context.clock, request.caller, *id, *version, *form);
  return view_response(200, saved, request);
}

HttpResponse post_application_finalize(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_field(request);
  if (!version) return version_missing(request);
  return view_response(
      200, service::finalize_application(context.database, *context.clock, request.caller, *id, *version),
      request);
}

HttpResponse post_application_submit(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_field(request);
  if (!version) return version_missing(request);
  return view_response(
      200, service::submit_application(context.database, *context.clock, request.caller, *id, *version),
      request);
}

HttpResponse post_application_withdraw(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto withdrawn = service::withdraw_application(context.database, *context.clock, request.caller, *id,
                                                 text_field(request, "reason"));
  return view_response(200, withdrawn, request);
}

HttpResponse get_application_snapshot(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto snapshot = service::application_snapshot(context.database, request.caller, *id);
  if (!snapshot) return problem_response(snapshot.problem(), request);
  const auto& s = snapshot.value();
  nlohmann::json body = {{"application_id", s.application_id},
                         {"revision", s.revision},
                         {"form", nlohmann::json::parse(s.form_json)},
                         {"form_hash", s.form_hash},
                         {"computed", nlohmann::json::parse(s.computed_json)},
                         {"materials", nlohmann::json::parse(s.materials_json)},
                         {"submitted_at", s.submitted_at}};
  return json_response(200, body.dump());
}

HttpResponse get_application_history(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto events = service::application_history(context.database, request.caller, *id);
  if (!events) return problem_response(events.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& event : events.value()) list.push_back(application_event_json(event));
  return json_response(200, nlohmann::json{{"events", list}}.dump());
}

}  // namespace iifund::http
