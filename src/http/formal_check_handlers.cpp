// 形式审查: the organizer's checklist and decision, the random re-check sample and its results.
#include "http/application_json.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "http/review_fields.hpp"
#include "service/formal_check.hpp"

namespace iifund::http {

namespace {

nlohmann::json check_json(const store::FormalCheckRecord& check) {
  auto checklist = nlohmann::json::parse(check.checklist_json, nullptr, false);
  return {{"round", check.round},
          {"revision", check.revision},
          {"outcome", check.outcome},
          {"checklist", checklist.is_discarded() ? nlohmann::json::object() : checklist},
          {"reason", check.reason},
          {"checked_by", check.checked_by},
          {"checked_by_name", check.checked_by_name},
          {"checked_at", check.checked_at}};
}

nlohmann::json optional_check_json(const std::optional<store::FormalCheckRecord>& check) {
  return check ? check_json(*check) : nlohmann::json();
}

const char* expected_type(const std::string& field) {
  if (field == "checklist") return "object";
  if (field == "fields") return "array of strings";
  return "true or false";
}

// The body of a check or re-check; a malformed part answers its field's error.
std::optional<service::FormalCheckDecision> decision_of(const HttpRequest& request, std::string& bad_field) {
  service::FormalCheckDecision decision;
  decision.outcome = text_field(request, "outcome");
  decision.reason = text_field(request, "reason");
  if (request.json.is_object() && request.json.contains("checklist") &&
      !request.json["checklist"].is_null()) {
    const auto& checklist = request.json["checklist"];
    if (!checklist.is_object()) {
      bad_field = "checklist";
      return std::nullopt;
    }
    for (const auto& [item, value] : checklist.items()) {
      if (!value.is_boolean()) {
        bad_field = "checklist." + item;
        return std::nullopt;
      }
      decision.checklist[item] = value.get<bool>();
    }
  }
  auto fields = fields_of(request);
  if (!fields) {
    bad_field = "fields";
    return std::nullopt;
  }
  decision.fields = std::move(*fields);
  return decision;
}

}  // namespace

HttpResponse get_formal_check(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto sheet = service::formal_check_sheet(context.database, request.caller, *id);
  if (!sheet) return problem_response(sheet.problem(), request);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : sheet->items) {
    items.push_back({{"id", item.id},
                     {"label_zh", item.label_zh},
                     {"label_en", item.label_en},
                     {"automatic", item.automatic},
                     {"ok", item.ok ? nlohmann::json(*item.ok) : nlohmann::json()},
                     {"facts", item.facts}});
  }
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& check : sheet->checks) checks.push_back(check_json(check));
  return json_response(200, nlohmann::json{{"items", items}, {"checks", checks}}.dump());
}

HttpResponse post_formal_check(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_of(request);
  if (!version) return field_refused(request, "version");
  std::string bad_field;
  auto decision = decision_of(request, bad_field);
  if (!decision)
    return field_refused(request, bad_field, "wrong_type", {{"expected", expected_type(bad_field)}});
  decision->version = *version;
  auto view = service::record_formal_check(context.database, *context.clock, request.caller, *id, *decision);
  if (!view) return problem_response(view.problem(), request);
  return json_response(200, application_json(view.value(), request.caller, request.language).dump());
}

HttpResponse post_formal_recheck_sample(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request);
  if (!batch_id) return not_found(request);
  const nlohmann::json& body = request.json;
  if (!body.is_object() || !body.contains("share_percent") || !body.at("share_percent").is_number_integer())
    return field_refused(request, "share_percent");
  std::optional<unsigned long long> seed;
  if (body.contains("seed") && !body.at("seed").is_null()) {
    if (!body.at("seed").is_number_unsigned())
      return field_refused(request, "seed", "wrong_type", {{"expected", "whole number"}});
    seed = body.at("seed").get<unsigned long long>();
  }
  const auto percent = body.at("share_percent").get<long long>();
  auto draw =
      service::draw_recheck_sample(context.database, *context.clock, request.caller, *batch_id,
                                   percent < 0 || percent > 1000 ? 0 : static_cast<int>(percent), seed);
  if (!draw) return problem_response(draw.problem(), request);
  nlohmann::json answer = {
      {"sampled", draw->sampled}, {"candidates", draw->candidates}, {"seed", std::to_string(draw->seed)}};
  return json_response(200, answer.dump());
}

HttpResponse post_formal_recheck(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  std::string bad_field;
  auto decision = decision_of(request, bad_field);
  if (!decision)
    return field_refused(request, bad_field, "wrong_type", {{"expected", expected_type(bad_field)}});
  auto check = service::record_recheck(context.database, *context.clock, request.caller, *id, *decision);
  if (!check) return problem_response(check.problem(), request);
  return json_response(201, check_json(check.value()).dump());
}

HttpResponse get_formal_recheck(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request);
  if (!batch_id) return not_found(request);
  auto overview = service::recheck_overview(context.database, request.caller, *batch_id);
  if (!overview) return problem_response(overview.problem(), request);
  nlohmann::json sampled = nlohmann::json::array();
  for (const auto& entry : overview->sampled) {
    sampled.push_back({{"application_id", entry.sample.application_id},
                       {"number", entry.sample.number},
                       {"share_percent", entry.sample.share_percent},
                       {"drawn_at", entry.sample.drawn_at},
                       {"first", optional_check_json(entry.first)},
                       {"recheck", optional_check_json(entry.recheck)},
                       {"agree", entry.agree ? nlohmann::json(*entry.agree) : nlohmann::json()}});
  }
  return json_response(
      200, nlohmann::json{{"sampled", sampled}, {"disagreements", overview->disagreements}}.dump());
}

}  // namespace iifund::http
