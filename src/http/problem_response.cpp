#include "http/problem_response.hpp"

#include "http/message_catalog.hpp"

namespace iifund::http {

nlohmann::json field_errors_json(const std::vector<domain::FieldError>& errors, int status,
                                 Language language) {
  const auto& catalog = MessageCatalog::embedded();
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& field : errors) {
    domain::Problem as_problem{field.rule, status, field.facts, {}, {}};
    fields.push_back({{"field", field.field},
                      {"rule", field.rule},
                      {"message", catalog.problem_message(as_problem, language).detail},
                      {"facts", field.facts}});
  }
  return fields;
}

HttpResponse not_found(const HttpRequest& request) {
  return problem_response(domain::make_problem("not_found", 404, {{"path", request.path}}), request);
}

HttpResponse problem_response(const domain::Problem& problem, const HttpRequest& request) {
  const auto& catalog = MessageCatalog::embedded();
  auto message = catalog.problem_message(problem, request.language);
  nlohmann::json body = {
      {"type", "https://iifund.example/problems/" + problem.code},
      {"title", message.title},
      {"status", problem.status},
      {"detail", message.detail},
      {"code", problem.code},
      {"request_id", request.request_id},
  };
  if (!problem.facts.empty()) body["facts"] = problem.facts;
  if (!problem.fields.empty())
    body["fields"] = field_errors_json(problem.fields, problem.status, request.language);
  HttpResponse response;
  response.status = problem.status;
  response.set_header("Content-Type", "application/problem+json; charset=utf-8");
  response.set_header("Content-Language", language_tag(request.language));
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace iifund::http
