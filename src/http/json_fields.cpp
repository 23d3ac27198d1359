#include "http/json_fields.hpp"

#include <charconv>

namespace iifund::http {

namespace {

std::optional<long long> parse_id(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  long long value = std::stoll(text);
  if (value <= 0) return std::nullopt;
  return value;
}

}  // namespace

std::string text_field(const HttpRequest& request, const char* name) {
  return optional_text_field(request, name).value_or("");
}

std::optional<std::string> optional_text_field(const HttpRequest& request, const char* name) {
  if (!request.json.is_object()) return std::nullopt;
  auto found = request.json.find(name);
  if (found == request.json.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

std::optional<long long> id_field(const HttpRequest& request, const char* name) {
  if (!request.json.is_object()) return std::nullopt;
  auto found = request.json.find(name);
  if (found == request.json.end()) return std::nullopt;
  if (found->is_number_integer()) {
    long long value = found->get<long long>();
    return value > 0 ? std::optional<long long>(value) : std::nullopt;
  }
  if (found->is_string()) return parse_id(found->get<std::string>());
  return std::nullopt;
}

std::optional<long long> path_id(const HttpRequest& request, const char* name) {
  auto found = request.path_params.find(name);
  if (found == request.path_params.end()) return std::nullopt;
  return parse_id(found->second);
}

std::optional<long long> query_integer(const HttpRequest& request, const char* name, long long min,
                                       long long max, std::vector<domain::FieldError>& errors) {
  auto found = request.query.find(name);
  if (found == request.query.end() || found->second.empty()) return std::nullopt;
  long long value = 0;
  const auto& text = found->second;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    errors.push_back({name, "query_number", {{"min", min}, {"max", max}, {"found", text}}});
    return std::nullopt;
  }
  return value;
}

domain::Problem validation_problem(std::vector<domain::FieldError> errors) {
  domain::Problem problem = domain::make_problem("validation_failed", 422);
  problem.fields = std::move(errors);
  return problem;
}

}  // namespace iifund::http
