// 公示与异议: publishing the selected list, the public pages that need no login, named objections
// with their letters, and the organizer's decisions on them.
#include "http/amount_fields.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "service/publicity.hpp"

namespace iifund::http {

namespace {

using nlohmann::json;

json publicity_json(const service::PublicityView& view) {
  const auto& record = view.record;
  return {{"id", record.id},
          {"batch_id", record.batch_id},
          {"batch_name_zh", record.batch_name_zh},
          {"batch_name_en", record.batch_name_en},
          {"starts_at", record.starts_at},
          {"ends_at", record.ends_at},
          {"published_at", record.published_at},
          {"open", view.open},
          {"count", view.entries.size()},
          {"total_fen", view.total_fen},
          {"entries", view.entries}};
}

json objection_json(const store::ObjectionRecord& objection) {
  auto optional_integer = [](const std::optional<long long>& value) {
    return value ? json(*value) : json(nullptr);
  };
  return {{"id", objection.id},
          {"reference", service::objection_reference(objection)},
          {"publicity_id", objection.publicity_id},
          {"batch_id", objection.batch_id},
          {"application_id", optional_integer(objection.application_id)},
          {"application_number", objection.application_number},
          {"objector_name", objection.objector_name},
          {"objector_organization", objection.objector_organization},
          {"phone", objection.phone},
          {"address", objection.address},
          {"content", objection.content},
          {"letter",
           {{"file_name", objection.letter_name},
            {"content_type", objection.letter_type},
            {"size_bytes", objection.letter_size},
            {"sha256", objection.letter_sha256}}},
          {"submitted_at", objection.submitted_at},
          {"state", objection.state},
          {"investigation", objection.investigation},
          {"outcome", objection.outcome},
          {"changed_fen", optional_integer(objection.changed_fen)},
          {"decided_at", objection.decided_at ? json(*objection.decided_at) : json(nullptr)}};
}

std::string text_in(const json& object, const char* name) {
  if (!object.is_object()) return "";
  auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// The extension a letter is saved under, from its sniffed type.
const char* extension_of(const std::string& content_type) {
  if (content_type == "image/jpeg") return "jpg";
  if (content_type == "image/png") return "png";
  if (content_type == "application/ofd") return "ofd";
  return "pdf";
}

}  // namespace

HttpResponse post_batch_publicity(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto published = service::publish_publicity(context.database, *context.clock, request.caller, *id,
                                              optional_text_field(request, "starts_at"));
  if (!published) return problem_response(published.problem(), request);
  return json_response(201, publicity_json(published.value()).dump());
}

HttpResponse get_public_publicities(ServerContext& context, HttpRequest& request) {
  auto publicities = service::public_publicities(context.database, *context.clock);
  if (!publicities) return problem_response(publicities.problem(), request);
  json list = json::array();
  for (const auto& view : publicities.value()) list.push_back(publicity_json(view));
  return json_response(200, json{{"publicities", list}}.dump());
}

HttpResponse get_public_publicity(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto publicity = service::public_publicity(context.database, *context.clock, *id);
  if (!publicity) return problem_response(publicity.problem(), request);
  return json_response(200, publicity_json(publicity.value()).dump());
}

HttpResponse post_public_publicity_objections(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  service::ObjectionFiling filing;
  filing.objector_name = text_field(request, "objector_name");
  filing.objector_organization = text_field(request, "objector_organization");
  filing.phone = text_field(request, "phone");
  filing.address = text_field(request, "address");
  filing.content = text_field(request, "content");
  filing.application_number = text_field(request, "application_number");
  if (request.json.is_object() && request.json.contains("letter") && request.json["letter"].is_object()) {
    const auto& letter = request.json["letter"];
    filing.letter_given = true;
    filing.letter_file_name = text_in(letter, "file_name");
    filing.letter_base64 = text_in(letter, "content_base64");
  }
  auto filed = service::file_objection(context.database, *context.clock, request.caller, *id, filing);
  if (!filed) return problem_response(filed.problem(), request);
  return json_response(201, json{{"id", filed->id}, {"reference", filed->reference}}.dump());
}

HttpResponse get_batch_objections(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto objections = service::batch_objections(context.database, request.caller, *id);
  if (!objections) return problem_response(objections.problem(), request);
  json list = json::array();
  for (const auto& objection : objections.value()) list.push_back(objection_json(objection));
  return json_response(200, json{{"objections", list}}.dump());
}

HttpResponse get_objection_letter(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto letter = service::objection_letter(context.database, request.caller, *id);
  if (!letter) return problem_response(letter.problem(), request);
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", letter->objection.letter_type);
  response.set_header("Content-Disposition", "attachment; filename=\"" +
                                                 service::objection_reference(letter->objection) + "." +
                                                 extension_of(letter->objection.letter_type) + "\"");
  response.body = std::move(letter->bytes);
  return response;
}

HttpResponse post_objection_decision(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  service::ObjectionDecision decision;
  decision.state = text_field(request, "state");
  decision.investigation = text_field(request, "investigation");
  decision.outcome = text_field(request, "outcome");
  decision.change = text_field(request, "change");
  decision.amount_fen = integer_field(request.json, "amount_fen");
  decision.application_id = id_field(request, "application_id");
  auto decided = service::decide_objection(context.database, *context.clock, request.caller, *id, decision);
  if (!decided) return problem_response(decided.problem(), request);
  return json_response(200, objection_json(decided.value()).dump());
}

}  // namespace iifund::http
