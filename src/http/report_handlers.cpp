// 统计与导出: the dashboards' numbers (and each chart's data as CSV) and the Excel / CSV / PDF exports.
#include <fmt/format.h>

#include "domain/time.hpp"
#include "http/handlers.hpp"
#include "http/json_fields.hpp"
#include "http/problem_response.hpp"
#include "report/table_document.hpp"
#include "report/table_export.hpp"
#include "service/exports.hpp"
#include "service/reports.hpp"

namespace iifund::http {

namespace {

nlohmann::json group_json(const service::AmountGroup& group) {
  return {{"key", group.key},
          {"name_zh", group.name_zh},
          {"name_en", group.name_en},
          {"applications", group.applications},
          {"requested_fen", group.requested_fen},
          {"computed_fen", group.computed_fen},
          {"approved_fen", group.approved_fen}};
}

nlohmann::json groups_json(const std::vector<service::AmountGroup>& groups) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& group : groups) list.push_back(group_json(group));
  return list;
}

nlohmann::json overview_json(const service::BatchOverview& overview) {
  nlohmann::json load = nlohmann::json::array();
  for (const auto& expert : overview.expert_load) {
    load.push_back({{"expert_id", expert.expert_id},
                    {"name", expert.name},
                    {"active", expert.active},
                    {"submitted", expert.submitted},
                    {"max_load", expert.max_load}});
  }
  return {{"batch_id", overview.batch_id},
          {"total", group_json(overview.total)},
          {"by_county", groups_json(overview.by_county)},
          {"by_category", groups_json(overview.by_category)},
          {"by_status", groups_json(overview.by_status)},
          {"by_cluster", groups_json(overview.by_cluster)},
          {"review_progress",
           {{"applications_under_review", overview.review.applications_under_review},
            {"sheets_submitted", overview.review.sheets_submitted},
            {"sheets_expected", overview.review.sheets_expected}}},
          {"expert_load", load}};
}

// The batch every report and export needs: a required query parameter.
std::optional<long long> batch_parameter(const HttpRequest& request,
                                         std::vector<domain::FieldError>& errors) {
  auto batch = query_integer(request, "batch_id", 1, 1LL << 53, errors);
  if (!batch && errors.empty()) errors.push_back({"batch_id", "required", {}});
  return batch;
}

HttpResponse file_response(std::string body, const char* content_type, const std::string& file_name) {
  HttpResponse response;
  response.status = 200;
  response.set_header("Content-Type", content_type);
  response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file_name));
  response.body = std::move(body);
  return response;
}

// One chart's rows as the CSV a user downloads beside the chart.
report::ExportSheet chart_sheet(const std::vector<service::AmountGroup>& groups, bool zh) {
  using report::ColumnKind;
  report::ExportSheet sheet;
  sheet.columns = {{zh ? "分组" : "Group", ColumnKind::text},
                   {zh ? "申报数" : "Applications", ColumnKind::integer},
                   {zh ? "申请金额（元）" : "Requested (yuan)", ColumnKind::yuan},
                   {zh ? "核定金额（元）" : "Computed (yuan)", ColumnKind::yuan},
                   {zh ? "下达金额（元）" : "Approved (yuan)", ColumnKind::yuan}};
  for (const auto& group : groups) {
    sheet.rows.push_back({zh ? group.name_zh : group.name_en, static_cast<std::int64_t>(group.applications),
                          static_cast<std::int64_t>(group.requested_fen),
                          static_cast<std::int64_t>(group.computed_fen),
                          static_cast<std::int64_t>(group.approved_fen)});
  }
  return sheet;
}

}  // namespace

HttpResponse get_report_overview(ServerContext& context, HttpRequest& request) {
  std::vector<domain::FieldError> errors;
  auto batch = batch_parameter(request, errors);
  if (!batch) return problem_response(validation_problem(std::move(errors)), request);
  auto overview = service::batch_overview(context.database, request.caller, *batch);
  if (!overview) return problem_response(overview.problem(), request);
  return json_response(200, overview_json(overview.value()).dump());
}

HttpResponse get_report_overview_csv(ServerContext& context, HttpRequest& request) {
  std::vector<domain::FieldError> errors;
  auto batch = batch_parameter(request, errors);
  auto chart = request.query.find("chart");
  const std::string chart_name = chart == request.query.end() ? "" : chart->second;
  if (!batch) return problem_response(validation_problem(std::move(errors)), request);
  auto overview = service::batch_overview(context.database, request.caller, *batch);
  if (!overview) return problem_response(overview.problem(), request);
  const auto* rows = service::chart_rows(overview.value(), chart_name);
  if (!rows) {
    return problem_response(
        validation_problem({{"chart",
                             "chart_unknown",
                             {{"allowed", {"by_county", "by_category", "by_status", "by_cluster"}}}}}),
        request);
  }
  const bool zh = request.language == Language::zh_cn;
  return file_response(report::write_csv(chart_sheet(*rows, zh)), "text/csv; charset=utf-8",
                       fmt::format("batch-{}-{}.csv", *batch, chart_name));
}

// GET /api/exports/:file — "applications.xlsx", "library.csv", "approved.pdf", …
HttpResponse get_export(ServerContext& context, HttpRequest& request) {
  const std::string file = request.path_params["file"];
  const auto dot = file.rfind('.');
  const std::string format = dot == std::string::npos ? "" : file.substr(dot + 1);
  auto kind = service::parse_export_kind(file.substr(0, dot));
  if (!kind || (format != "xlsx" && format != "csv" && format != "pdf")) return not_found(request);
  std::vector<domain::FieldError> errors;
  auto batch = batch_parameter(request, errors);
  if (!batch) return problem_response(validation_problem(std::move(errors)), request);
  const bool zh = request.language == Language::zh_cn;
  auto sheet = service::export_sheet(context.database, request.caller, *kind, *batch, zh);
  if (!sheet) return problem_response(sheet.problem(), request);
  const std::string name = fmt::format("batch-{}-{}.{}", *batch, service::to_string(*kind), format);
  if (format == "csv")
    return file_response(report::write_csv(sheet.value()), "text/csv; charset=utf-8", name);
  if (format == "pdf") {
    auto printed = report::render_table_pdf(sheet.value(), zh ? report::Language::zh : report::Language::en,
                                            domain::format_beijing(context.clock->now()));
    return file_response(std::move(printed.bytes), "application/pdf", name);
  }
  auto workbook = report::write_xlsx({sheet.value()}, sheet->title);
  if (!workbook) return problem_response(workbook.problem(), request);
  return file_response(std::move(workbook.value()),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
}

}  // namespace iifund::http
