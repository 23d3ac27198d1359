// 专家评审与入库: the pledge, the expert's score sheets, the printed 评分表, the materials ZIP, the
// scores as they arrive and the project library.
#include <fmt/format.h>

#include <cmath>

#include "domain/time.hpp"
#include "http/document_rendering.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "report/score_sheet.hpp"
#include "service/materials_archive.hpp"
#include "service/pledges.hpp"
#include "service/review_results.hpp"
#include "service/reviews.hpp"
#include "store/timestamps.hpp"

namespace iifund::http {

namespace {

bool chinese(const HttpRequest& request) { return request.language == Language::zh_cn; }

// Scores are shown to two decimals; absent ones as null.
nlohmann::json rounded(std::optional<double> value) {
  if (!value) return nullptr;
  return std::round(*value * 100) / 100;
}

HttpResponse validation_failed(const HttpRequest& request, std::vector<domain::FieldError> fields) {
  domain::Problem problem = domain::make_problem("validation_failed", 422);
  problem.fields = std::move(fields);
  return problem_response(problem, request);
}

// The sheet version a change starts from: 0 before the first save.
std::optional<int> version_of(const HttpRequest& request) {
  if (!request.json.is_object()) return std::nullopt;
  auto found = request.json.find("version");
  if (found == request.json.end() || !found->is_number_integer()) return std::nullopt;
  const auto version = found->get<long long>();
  if (version < 0 || version > 1'000'000'000) return std::nullopt;
  return static_cast<int>(version);
}

nlohmann::json pledge_json(const service::PledgeView& pledge) {
  return {
      {"batch_id", pledge.batch_id},
      {"text_zh", pledge.text_zh},
      {"text_en", pledge.text_en},
      {"pledge_hash", pledge.pledge_hash},
      {"accepted_at", pledge.accepted_at ? nlohmann::json(*pledge.accepted_at) : nlohmann::json(nullptr)}};
}

nlohmann::json optional_text(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

nlohmann::json review_summary_json(const store::ReviewSlot& slot, const std::optional<std::string>& due_at,
                                   bool with_expert) {
  nlohmann::json item = {{"id", slot.id},
                         {"application_id", slot.application_id},
                         {"batch_id", slot.batch_id},
                         {"number", slot.number},
                         {"project_name", slot.project_name},
                         {"enterprise_name", slot.enterprise_name},
                         {"category", slot.category},
                         {"application_state", slot.application_state},
                         {"due_at", optional_text(due_at)},
                         {"state", service::review_state(slot)},
                         {"total", rounded(slot.sheet_state == "submitted" ? slot.total : std::nullopt)}};
  if (with_expert) item["expert"] = {{"id", slot.expert_id}, {"name", slot.expert_name}};
  return item;
}

nlohmann::json parsed_object(const std::string& text) {
  auto value = nlohmann::json::parse(text, nullptr, false);
  return value.is_object() ? value : nlohmann::json::object();
}

nlohmann::json review_json(const service::ReviewView& view) {
  const auto& slot = view.slot;
  nlohmann::json criteria = nlohmann::json::array();
  for (const auto& c : view.criteria) {
    criteria.push_back({{"id", c.id},
                        {"name_zh", c.name.zh},
                        {"name_en", c.name.en},
                        {"weight", c.weight},
                        {"max_score", c.max_score}});
  }
  const auto& sheet = view.sheet;
  nlohmann::json body = {
      {"id", slot.id},
      {"application",
       {{"id", slot.application_id},
        {"number", slot.number},
        {"project_name", slot.project_name},
        {"category", slot.category},
        {"enterprise_name", slot.enterprise_name},
        {"state", slot.application_state}}},
      {"batch_id", slot.batch_id},
      {"due_at", optional_text(view.due_at)},
      {"criteria", criteria},
      {"comment_below", service::kCommentBelowShare},
      {"scores", sheet ? parsed_object(sheet->scores_json) : nlohmann::json::object()},
      {"comments", sheet ? parsed_object(sheet->comments_json) : nlohmann::json::object()},
      {"overall_comment", sheet ? sheet->overall_comment : ""},
      {"state", sheet ? sheet->state : "pending"},
      {"version", sheet ? sheet->version : 0},
      {"total", rounded(sheet ? sheet->total : std::nullopt)},
      {"submitted_at", sheet ? optional_text(sheet->submitted_at) : nlohmann::json(nullptr)},
      {"entered_by_role",
       view.entered_by_role.empty() ? nlohmann::json(nullptr) : nlohmann::json(view.entered_by_role)},
      {"offline_note", sheet ? sheet->offline_note : ""},
      {"reopened_reason", sheet ? sheet->reopened_reason : ""}};
  if (view.with_expert) body["expert"] = {{"id", slot.expert_id}, {"name", slot.expert_name}};
  return body;
}

HttpResponse review_response(const domain::Result<service::ReviewView>& view, const HttpRequest& request) {
  if (!view) return problem_response(view.problem(), request);
  return json_response(200, review_json(view.value()).dump());
}

nlohmann::json result_json(const service::ApplicationResult& r) {
  return {{"application_id", r.application_id},
          {"number", r.number},
          {"project_name", r.project_name},
          {"enterprise_name", r.enterprise_name},
          {"category", r.category},
          {"state", r.state},
          {"sheets_submitted", r.sheets_submitted},
          {"sheets_expected", r.sheets_expected},
          {"trimmed_mean", rounded(r.trimmed_mean)},
          {"normalized", rounded(r.normalized)},
          {"ranking_score", rounded(r.ranking_score)},
          {"spread_sd", rounded(r.spread_sd)},
          {"divergent", r.divergent}};
}

// "2022-12-20 15:30" in Beijing time from a stored UTC stamp.
std::string beijing_minutes(const std::string& stamp) {
  auto instant = domain::parse_instant(stamp);
  if (!instant) return stamp;
  std::string text = domain::format_beijing(instant.value()).substr(0, 16);
  text[10] = ' ';
  return text;
}

report::ScoreSheetDocument score_sheet_document(const service::ScoreSheetData& data, domain::Instant now,
                                                bool zh) {
  const auto pick = [zh](const domain::LocalizedName& name) { return zh ? name.zh : name.en; };
  report::ScoreSheetDocument document;
  document.language = zh ? report::Language::zh : report::Language::en;
  document.batch_name = zh ? data.batch.name_zh : data.batch.name_en;
  document.expert_name = data.expert.name;
  document.expert_title = data.expert.title;
  document.expert_employer = data.expert.employer_name;
  document.generated_at = beijing_minutes(store::format_utc_iso(now));
  for (const auto& entry : data.entries) {
    report::ScoreSheetApplication sheet;
    sheet.number = entry.slot.number;
    sheet.project_name = entry.slot.project_name;
    sheet.enterprise_name = entry.slot.enterprise_name;
    sheet.category_name = pick(entry.category->name);
    const auto scores = parsed_object(entry.sheet.scores_json);
    const auto comments = parsed_object(entry.sheet.comments_json);
    for (const auto& criterion : entry.category->criteria) {
      report::ScoreSheetCriterionRow row;
      row.name = pick(criterion.name);
      row.weight = criterion.weight;
      row.max_score = criterion.max_score;
      if (auto score = scores.find(criterion.id); score != scores.end() && score->is_number())
        row.score = score->get<double>();
      if (auto comment = comments.find(criterion.id); comment != comments.end() && comment->is_string())
        row.comment = comment->get<std::string>();
      sheet.criteria.push_back(std::move(row));
    }
    sheet.total = entry.sheet.total.value_or(0);
    sheet.overall_comment = entry.sheet.overall_comment;
    sheet.submitted_at = beijing_minutes(entry.sheet.submitted_at);
    sheet.offline_note = entry.sheet.offline_note;
    document.applications.push_back(std::move(sheet));
  }
  return document;
}

HttpResponse score_sheet_response(ServerContext& context, HttpRequest& request,
                                  std::optional<long long> expert_id) {
  std::vector<domain::FieldError> errors;
  auto batch_id = query_integer(request, "batch_id", 1, 1LL << 53, errors);
  if (!batch_id && errors.empty()) errors.push_back({"batch_id", "required", {}});
  if (!errors.empty()) return validation_failed(request, std::move(errors));
  auto data = service::score_sheet_data(context.database, request.caller, expert_id, *batch_id);
  if (!data) return problem_response(data.problem(), request);
  auto rendered =
      report::render_score_sheet(score_sheet_document(data.value(), context.clock->now(), chinese(request)));
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", "application/pdf");
  response.set_header("Content-Disposition", fmt::format("attachment; filename=\"score-sheet-{}-{}.pdf\"",
                                                         data->expert.id, data->batch.id));
  response.body = std::move(rendered.bytes);
  return response;
}

std::optional<int> category_query(const HttpRequest& request, std::vector<domain::FieldError>& errors) {
  auto category = query_integer(request, "category", 1, 99, errors);
  return category ? std::optional<int>(static_cast<int>(*category)) : std::nullopt;
}

}  // namespace

HttpResponse get_pledge(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request, "batch_id");
  if (!batch_id) return not_found(request);
  auto pledge = service::view_pledge(context.database, request.caller, *batch_id);
  if (!pledge) return problem_response(pledge.problem(), request);
  return json_response(200, pledge_json(pledge.value()).dump());
}

HttpResponse post_pledge(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request, "batch_id");
  if (!batch_id) return not_found(request);
  auto hash = optional_text_field(request, "pledge_hash");
  if (!hash) return validation_failed(request, {{"pledge_hash", "required", {}}});
  auto pledge = service::accept_pledge(context.database, *context.clock, request.caller, *batch_id, *hash);
  if (!pledge) return problem_response(pledge.problem(), request);
  return json_response(200, pledge_json(pledge.value()).dump());
}

HttpResponse get_reviews(ServerContext& context, HttpRequest& request) {
  std::vector<domain::FieldError> errors;
  service::ReviewListQuery query;
  query.batch_id = query_integer(request, "batch_id", 1, 1LL << 53, errors);
  if (auto state = request.query.find("state"); state != request.query.end() && !state->second.empty()) {
    if (state->second != "pending" && state->second != "draft" && state->second != "submitted")
      errors.push_back({"state", "review_state", {{"found", state->second}}});
    query.state = state->second;
  }
  if (!errors.empty()) return validation_failed(request, std::move(errors));
  auto list = service::list_reviews(context.database, request.caller, query);
  if (!list) return problem_response(list.problem(), request);
  nlohmann::json reviews = nlohmann::json::array();
  for (std::size_t i = 0; i < list->reviews.size(); ++i)
    reviews.push_back(review_summary_json(list->reviews[i], list->due_at[i], list->with_experts));
  nlohmann::json batches = nlohmann::json::array();
  for (const auto& pending : list->pledges_required)
    batches.push_back(
        {{"batch_id", pending.batch_id}, {"name_zh", pending.name_zh}, {"name_en", pending.name_en}});
  nlohmann::json body = {{"reviews", reviews}};
  if (request.caller.is("expert")) {
    body["pledge_required"] = !batches.empty();
    body["batches"] = batches;
  }
  return json_response(200, body.dump());
}

HttpResponse get_review(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return review_response(service::view_review(context.database, request.caller, *id), request);
}

HttpResponse put_review_scores(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_of(request);
  if (!version) return validation_failed(request, {{"version", "required", {}}});
  service::ScoreEntry entry;
  entry.version = *version;
  if (request.json.contains("scores")) entry.scores = request.json["scores"];
  if (request.json.contains("comments")) entry.comments = request.json["comments"];
  entry.overall_comment = text_field(request, "overall_comment");
  entry.offline_note = optional_text_field(request, "offline_note");
  return review_response(
      service::save_review_scores(context.database, *context.clock, request.caller, *id, entry), request);
}

HttpResponse post_review_submit(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  auto version = version_of(request);
  if (!version) return validation_failed(request, {{"version", "required", {}}});
  return review_response(service::submit_review(context.database, *context.clock, request.caller, *id,
                                                *version, optional_text_field(request, "offline_note")),
                         request);
}

HttpResponse post_review_reopen(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return review_response(service::reopen_review(context.database, *context.clock, request.caller, *id,
                                                text_field(request, "reason")),
                         request);
}

HttpResponse get_own_score_sheet(ServerContext& context, HttpRequest& request) {
  return score_sheet_response(context, request, std::nullopt);
}

HttpResponse get_expert_score_sheet(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  return score_sheet_response(context, request, *id);
}

HttpResponse get_application_materials(ServerContext& context, HttpRequest& request) {
  auto id = path_id(request);
  if (!id) return not_found(request);
  const bool zh = chinese(request);
  auto archive = service::collect_materials(context.database, *context.clock, request.caller, *id, zh);
  if (!archive) return problem_response(archive.problem(), request);
  const auto& number = archive->view.record.number;
  archive->files.insert(archive->files.begin(),
                        {fmt::format("{}-{}.pdf", zh ? "申报书" : "application", number),
                         application_document_pdf(archive->view, request.caller, context.clock->now(), zh)});
  auto zipped = service::zip_archive(archive->files);
  if (!zipped) return problem_response(zipped.problem(), request);
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", "application/zip");
  response.set_header("Content-Disposition",
                      fmt::format("attachment; filename=\"{}-materials.zip\"", number));
  response.body = std::move(zipped.value());
  return response;
}

HttpResponse get_review_results(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request);
  if (!batch_id) return not_found(request);
  std::vector<domain::FieldError> errors;
  auto category = category_query(request, errors);
  if (!errors.empty()) return validation_failed(request, std::move(errors));
  auto results = service::review_results(context.database, request.caller, *batch_id, category);
  if (!results) return problem_response(results.problem(), request);
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : results->categories) {
    categories.push_back(
        {{"category", c.category}, {"applications", c.applications}, {"fully_scored", c.fully_scored}});
  }
  nlohmann::json applications = nlohmann::json::array();
  for (const auto& r : results->applications) applications.push_back(result_json(r));
  nlohmann::json body = {{"ranking_score", results->ranking_score},
                         {"threshold", results->threshold},
                         {"categories", categories},
                         {"applications", applications}};
  return json_response(200, body.dump());
}

HttpResponse post_library(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request);
  if (!batch_id) return not_found(request);
  auto category = id_field(request, "category");
  if (!category || *category > 99) return validation_failed(request, {{"category", "required", {}}});
  auto decision = service::decide_library(context.database, *context.clock, request.caller, *batch_id,
                                          static_cast<int>(*category));
  if (!decision) return problem_response(decision.problem(), request);
  nlohmann::json entered = nlohmann::json::array();
  nlohmann::json missed = nlohmann::json::array();
  for (const auto& r : decision->in_library) entered.push_back(result_json(r));
  for (const auto& r : decision->not_selected) missed.push_back(result_json(r));
  nlohmann::json body = {{"category", decision->category},
                         {"threshold", decision->threshold},
                         {"in_library", entered},
                         {"not_selected", missed}};
  return json_response(200, body.dump());
}

HttpResponse get_library(ServerContext& context, HttpRequest& request) {
  auto batch_id = path_id(request);
  if (!batch_id) return not_found(request);
  std::vector<domain::FieldError> errors;
  auto category = category_query(request, errors);
  if (!errors.empty()) return validation_failed(request, std::move(errors));
  auto library = service::project_library(context.database, request.caller, *batch_id, category);
  if (!library) return problem_response(library.problem(), request);
  nlohmann::json applications = nlohmann::json::array();
  for (const auto& entry : library.value()) {
    const auto& row = entry.row;
    applications.push_back({{"application_id", row.result.application_id},
                            {"number", row.number},
                            {"project_name", row.project_name},
                            {"enterprise_name", row.enterprise_name},
                            {"county_code", row.county_code},
                            {"category", row.result.category},
                            {"state", row.state},
                            {"computed_fen", row.computed_fen},
                            {"requested_fen", row.requested_fen},
                            {"trimmed_mean", rounded(row.result.trimmed_mean)},
                            {"normalized", rounded(row.result.normalized)},
                            {"ranking_score", rounded(row.result.ranking_score)},
                            {"divergent", row.result.divergent},
                            {"rank", entry.rank}});
  }
  return json_response(200, nlohmann::json({{"applications", applications}}).dump());
}

}  // namespace iifund::http
