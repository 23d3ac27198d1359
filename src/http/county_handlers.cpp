// 县区推荐: the county officer's decisions on its county's applications, the recommendation
// letter (推荐函) and the county's counts.
#include <cctype>

#include "http/application_json.hpp"
#include "http/attachment.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "http/review_fields.hpp"
#include "service/county_review.hpp"
#include "service/uploads.hpp"

namespace iifund::http {

namespace {

HttpResponse view_response(const domain::Result<service::ApplicationView>& view, const HttpRequest& request) {
  if (!view) return problem_response(view.problem(), request);
  return json_response(200, application_json(view.value(), request.caller, request.language).dump());
}

nlohmann::json letter_json(const store::CountyLetterRecord& letter) {
  return {{"batch_id", letter.batch_id},      {"county_code", letter.county_code},
          {"file_name", letter.file_name},    {"content_type", letter.content_type},
          {"size_bytes", letter.size_bytes},  {"sha256", letter.sha256},
          {"uploaded_at", letter.uploaded_at}};
}

// X-File-Name carries the name URI-encoded (encodeURIComponent), since a header is ASCII.
std::string decode_file_name(const std::string& encoded) {
  std::string name;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%' && i + 2 < encoded.size() &&
        std::isxdigit(static_cast<unsigned char>(encoded[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(encoded[i + 2]))) {
      name += static_cast<char>(std::stoi(encoded.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      name += encoded[i];
    }
  }
  return name;
}

service::ReviewDecision decision_of(const HttpRequest& request, int version) {
  return {version, text_field(request, "reason"), {}};
}

}  // namespace

HttpResponse post_application_recommend(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_of(request);
  if (!version) return field_refused(request, "version");
  return view_response(
      service::recommend_application(context.database, *context.clock, request.caller, *id, *version),
      request);
}

HttpResponse post_application_return(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_of(request);
  if (!version) return field_refused(request, "version");
  auto fields = fields_of(request);
  if (!fields) return field_refused(request, "fields", "wrong_type", {{"expected", "array of strings"}});
  auto decision = decision_of(request, *version);
  decision.fields = std::move(*fields);
  return view_response(
      service::return_application(context.database, *context.clock, request.caller, *id, decision), request);
}

HttpResponse post_application_decline(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_of(request);
  if (!version) return field_refused(request, "version");
  return view_response(service::decline_application(context.database, *context.clock, request.caller, *id,
                                                    decision_of(request, *version)),
                       request);
}

HttpResponse post_county_recommendations(ServerContext& context, HttpRequest& request) {
  auto batch_id = id_field(request, "batch_id");
  if (!batch_id) return field_refused(request, "batch_id");
  std::vector<long long> ids;
  const bool listed = request.json.is_object() && request.json.contains("application_ids") &&
                      request.json["application_ids"].is_array();
  if (!listed) return field_refused(request, "application_ids");
  for (const auto& id : request.json["application_ids"]) {
    if (!id.is_number_integer() || id.get<long long>() <= 0)
      return field_refused(request, "application_ids", "wrong_type", {{"expected", "array of ids"}});
    ids.push_back(id.get<long long>());
  }
  auto recommended =
      service::recommend_applications(context.database, *context.clock, request.caller, *batch_id, ids);
  if (!recommended) return problem_response(recommended.problem(), request);
  return json_response(200, nlohmann::json{{"recommended", recommended.value()}}.dump());
}

HttpResponse put_county_letter(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request, "batch_id");
  if (!batch_id) return not_found(request);
  const std::string* name = request.header("x-file-name");
  auto saved = service::upload_county_letter(context.database, *context.clock, request.caller, *batch_id,
                                             service::clean_file_name(name ? decode_file_name(*name) : ""),
                                             request.body);
  if (!saved) return problem_response(saved.problem(), request);
  return json_response(saved->replaced ? 200 : 201, letter_json(saved->letter).dump());
}

HttpResponse get_county_letters(ServerContext& context, HttpRequest& request) {
  auto batch_id = query_id(request, "batch_id");
  if (!batch_id) return problem_response(batch_id.problem(), request);
  auto letters = service::list_county_letters(context.database, request.caller, batch_id.value(),
                                              query_text(request, "county_code"));
  if (!letters) return problem_response(letters.problem(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& letter : letters.value()) list.push_back(letter_json(letter));
  return json_response(200, nlohmann::json{{"letters", list}}.dump());
}

HttpResponse get_county_letter_content(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request, "batch_id");
  if (!batch_id) return not_found(request);
  auto content = service::read_county_letter(context.database, request.caller, *batch_id,
                                             query_text(request, "county_code"));
  if (!content) return problem_response(content.problem(), request);
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", content->letter.content_type);
  response.set_header("Content-Disposition", attachment_disposition(content->letter.file_name));
  response.body = std::move(content->bytes);
  return response;
}

HttpResponse get_county_summary(ServerContext& context, HttpRequest& request) {
  auto batch_id = query_id(request, "batch_id");
  if (!batch_id) return problem_response(batch_id.problem(), request);
  auto summary = service::county_summary(context.database, request.caller, batch_id.value(),
                                         query_text(request, "county_code"));
  if (!summary) return problem_response(summary.problem(), request);
  nlohmann::json counts = nlohmann::json::array();
  for (const auto& count : summary->counts) {
    counts.push_back({{"state", count.state}, {"category", count.category}, {"count", count.count}});
  }
  return json_response(200, nlohmann::json{{"counts", counts}, {"total", summary->total}}.dump());
}

}  // namespace iifund::http
