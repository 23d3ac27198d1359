#include "http/review_fields.hpp"

#include "http/json_fields.hpp"
#include "http/problem_response.hpp"

namespace iifund::http {

HttpResponse field_refused(const HttpRequest& request, const std::string& field, const char* rule,
                           const nlohmann::json& facts) {
  domain::Problem problem = domain::make_problem("validation_failed", 422);
  problem.fields.push_back({field, rule, facts});
  return problem_response(problem, request);
}

std::optional<int> version_of(const HttpRequest& request) {
  auto version = id_field(request, "version");
  if (!version || *version > 1'000'000'000) return std::nullopt;
  return static_cast<int>(*version);
}

std::optional<std::vector<std::string>> fields_of(const HttpRequest& request) {
  std::vector<std::string> fields;
  if (!request.json.is_object() || !request.json.contains("fields") || request.json["fields"].is_null())
    return fields;
  const auto& list = request.json["fields"];
  if (!list.is_array()) return std::nullopt;
  for (const auto& field : list) {
    if (!field.is_string()) return std::nullopt;
    fields.push_back(field.get<std::string>());
  }
  return fields;
}

domain::Result<std::optional<long long>> query_id(const HttpRequest& request, const char* name) {
  auto found = request.query.find(name);
  if (found == request.query.end() || found->second.empty()) return std::optional<long long>();
  const auto& text = found->second;
  constexpr long long kMax = 999'999'999'999'999LL;
  if (text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoll(text) <= 0) {
    domain::Problem problem = domain::make_problem("validation_failed", 422);
    problem.fields.push_back({name, "query_number", {{"min", 1}, {"max", kMax}, {"found", text}}});
    return problem;
  }
  return std::optional<long long>(std::stoll(text));
}

std::optional<std::string> query_text(const HttpRequest& request, const char* name) {
  auto found = request.query.find(name);
  if (found == request.query.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

}  // namespace iifund::http
