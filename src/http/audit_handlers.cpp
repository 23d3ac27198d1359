// The audit viewer: filters by actor, action (a family with a trailing '.'), and a time range.
#include "http/account_json.hpp"
#include "http/handlers.hpp"
#include "http/problem_response.hpp"
#include "service/audit.hpp"
#include "service/field_rules.hpp"

namespace iifund::http {

namespace {

std::string query_value(const HttpRequest& request, const char* name) {
  auto found = request.query.find(name);
  return found == request.query.end() ? "" : found->second;
}

// A positive number within [1, maximum], or the fallback when absent; nullopt when malformed.
std::optional<long long> bounded_number(const std::string& text, long long fallback, long long maximum) {
  if (text.empty()) return fallback;
  if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  long long value = std::stoll(text);
  if (value < 1 || value > maximum) return std::nullopt;
  return value;
}

}  // namespace

HttpResponse get_audit(ServerContext& context, HttpRequest& request) {
  store::AuditQuery query;
  query.actor = query_value(request, "actor");
  query.action = query_value(request, "action");
  query.from = query_value(request, "from");
  query.to = query_value(request, "to");
  service::FieldErrors errors;
  auto page = bounded_number(query_value(request, "page"), 1, 1000000);
  auto page_size = bounded_number(query_value(request, "page_size"), 50, 500);
  if (!page) errors.push_back({"page", "number_range", {{"minimum", 1}, {"maximum", 1000000}}});
  if (!page_size) errors.push_back({"page_size", "number_range", {{"minimum", 1}, {"maximum", 500}}});
  if (!errors.empty()) return problem_response(service::validation_problem(std::move(errors)), request);
  query.page = *page;
  query.page_size = *page_size;
  auto found = service::search_audit(context.database, request.caller, query);
  if (!found) return problem_response(found.problem(), request);
  nlohmann::json records = nlohmann::json::array();
  for (const auto& stored : found->records) records.push_back(audit_json(stored));
  return json_response(200, nlohmann::json{{"records", records}, {"total", found->total}}.dump());
}

}  // namespace iifund::http
