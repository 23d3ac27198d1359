// 专家库: the pool (organizer, administrator), its CSV import, and an expert's own record.
#include <sodium.h>

#include <algorithm>
#include <span>

#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/expert_pool.hpp"

namespace iifund::http {

namespace {

std::span<const domain::County> counties_of(const ServerContext& context) {
  if (context.policy == nullptr) return {};
  return context.policy->counties;
}

nlohmann::json expert_json(const store::ExpertRecord& x) {
  return {{"id", x.id},
          {"name", x.name},
          {"title", x.title},
          {"employer_name", x.employer_name},
          {"employer_credit_code", x.employer_credit_code},
          {"county_code", x.county_code},
          {"fields", x.fields},
          {"declared", x.declared},
          {"max_load", x.max_load},
          {"active", x.active},
          {"phone", x.phone},
          {"user_id", x.user_id ? nlohmann::json(*x.user_id) : nlohmann::json()},
          {"username", x.username ? nlohmann::json(*x.username) : nlohmann::json()},
          {"version", x.version},
          {"updated_at", x.updated_at}};
}

HttpResponse expert_response(int status, const domain::Result<store::ExpertRecord>& expert,
                             const HttpRequest& request) {
  if (!expert) return problem_response(expert.problem(), request);
  return json_response(status, expert_json(expert.value()).dump());
}

// A list given as a JSON array of strings, or as one text with the separators people type.
std::vector<std::string> list_field(const HttpRequest& request, const char* name,
                                    std::vector<domain::FieldError>& errors) {
  std::vector<std::string> items;
  if (!request.json.is_object() || !request.json.contains(name) || request.json[name].is_null()) return items;
  const auto& value = request.json[name];
  if (value.is_string()) return domain::split_list_cell(value.get<std::string>());
  if (!value.is_array()) {
    errors.push_back({name, "wrong_type", {{"expected", "array"}}});
    return items;
  }
  for (const auto& item : value) {
    if (!item.is_string()) {
      errors.push_back({name, "wrong_type", {{"expected", "array of strings"}}});
      return {};
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

// The expert's fields from the body; type errors are answered with the entry's own rules.
domain::ExpertEntry entry_from(const HttpRequest& request, std::vector<domain::FieldError>& errors) {
  domain::ExpertEntry entry;
  entry.name = text_field(request, "name");
  entry.title = text_field(request, "title");
  entry.employer_name = text_field(request, "employer_name");
  entry.employer_credit_code = text_field(request, "employer_credit_code");
  entry.county_code = text_field(request, "county_code");
  entry.phone = text_field(request, "phone");
  entry.fields = list_field(request, "fields", errors);
  entry.declared = list_field(request, "declared", errors);
  if (request.json.is_object() && request.json.contains("max_load")) {
    const auto& load = request.json["max_load"];
    if (load.is_number_integer()) {  // the range is the entry's own rule
      entry.max_load =
          static_cast<int>(std::clamp<long long>(load.get<long long>(), -1, domain::kMaxExpertLoad + 1));
    } else {
      errors.push_back({"max_load", "max_load_range", {{"min", 0}, {"max", domain::kMaxExpertLoad}}});
    }
  }
  if (request.json.is_object() && request.json.contains("active")) {
    const auto& active = request.json["active"];
    if (active.is_boolean()) {
      entry.active = active.get<bool>();
    } else {
      errors.push_back({"active", "wrong_type", {{"expected", "boolean"}}});
    }
  }
  return entry;
}

HttpResponse validation_response(std::vector<domain::FieldError> errors, const HttpRequest& request) {
  domain::Problem problem = domain::make_problem("validation_failed", 422, {{"count", errors.size()}});
  problem.fields = std::move(errors);
  return problem_response(problem, request);
}

std::optional<std::string> from_base64(const std::string& text) {
  std::string bytes(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), " \r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

}  // namespace

HttpResponse get_experts(ServerContext& context, HttpRequest& request) {
  store::ExpertQuery query;
  if (auto q = request.query.find("q"); q != request.query.end()) query.text = q->second;
  if (auto field = request.query.find("field"); field != request.query.end()) query.field = field->second;
  if (auto active = request.query.find("active"); active != request.query.end() && !active->second.empty()) {
    query.active = active->second == "1" || active->second == "true";
  }
  auto experts = service::list_pool(context.database, request.caller, query);
  if (!experts) return problem_response(experts.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& x : experts.value()) list.push_back(expert_json(x));
  return json_response(200, nlohmann::json{{"experts", list}}.dump());
}

HttpResponse post_experts(ServerContext& context, HttpRequest& request) {
  std::vector<domain::FieldError> errors;
  auto entry = entry_from(request, errors);
  if (!errors.empty()) return validation_response(std::move(errors), request);
  return expert_response(
      201, service::add_expert(context.database, *context.clock, request.caller, counties_of(context), entry),
      request);
}

HttpResponse put_expert(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  std::vector<domain::FieldError> errors;
  auto entry = entry_from(request, errors);
  auto version = id_field(request, "version");
  if (!version || *version > 1'000'000'000)
    errors.push_back({"version", "required", nlohmann::json::object()});
  if (!errors.empty()) return validation_response(std::move(errors), request);
  return expert_response(200,
                         service::change_expert(context.database, *context.clock, request.caller,
                                                counties_of(context), *id, static_cast<int>(*version), entry),
                         request);
}

HttpResponse post_experts_import(ServerContext& context, HttpRequest& request) {
  std::string bytes;
  if (auto text = optional_text_field(request, "csv")) {
    bytes = *text;
  } else if (auto encoded = optional_text_field(request, "csv_base64")) {
    auto decoded = from_base64(*encoded);
    if (!decoded)
      return validation_response({{"csv_base64", "base64_invalid", nlohmann::json::object()}}, request);
    bytes = std::move(*decoded);
  } else {
    return validation_response({{"csv", "required", nlohmann::json::object()}}, request);
  }
  const bool dry_run =
      request.json.is_object() && request.json.contains("dry_run") && request.json["dry_run"] == true;
  auto report = service::import_experts(context.database, *context.clock, request.caller,
                                        counties_of(context), bytes, dry_run);
  if (!report) return problem_response(report.problem(), request);
  std::vector<domain::FieldError> as_fields;
  for (const auto& error : report->errors) as_fields.push_back({error.field, error.rule, error.facts});
  auto messages = field_errors_json(as_fields, 422, request.language);
  nlohmann::json errors = nlohmann::json::array();
  for (std::size_t i = 0; i < report->errors.size(); ++i) {
    errors.push_back({{"row", report->errors[i].row},
                      {"field", report->errors[i].field},
                      {"rule", report->errors[i].rule},
                      {"message", messages[i]["message"]},
                      {"facts", report->errors[i].facts}});
  }
  nlohmann::json body = {{"rows", report->rows},
                         {"valid", report->valid},
                         {"imported", report->imported},
                         {"dry_run", report->dry_run},
                         {"errors", errors}};
  return json_response(200, body.dump());
}

HttpResponse get_expert_me(ServerContext& context, HttpRequest& request) {
  return expert_response(200, service::own_expert_record(context.database, request.caller), request);
}

HttpResponse post_expert_me_conflicts(ServerContext& context, HttpRequest& request) {
  return expert_response(
      200,
      service::declare_own_conflict(context.database, *context.clock, request.caller,
                                    text_field(request, "credit_code"), text_field(request, "reason")),
      request);
}

}  // namespace iifund::http
