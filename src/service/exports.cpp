#include "service/exports.hpp"

#include <nlohmann/json.hpp>

#include "domain/time.hpp"
#include "domain/workflow.hpp"
#include "service/authorization.hpp"
#include "service/batch_policies.hpp"
#include "store/row_reading.hpp"

namespace iifund::service {

namespace {

using report::ColumnKind;
using report::ExportCell;
using report::ExportColumn;
using report::ExportSheet;

constexpr std::pair<ExportKind, std::string_view> kKindNames[] = {
    {ExportKind::applications, "applications"},  {ExportKind::library, "library"},
    {ExportKind::score_sheets, "score-sheets"},  {ExportKind::selection, "selection"},
    {ExportKind::publicity, "publicity"},        {ExportKind::approved, "approved"},
    {ExportKind::disbursements, "disbursements"}};

// Everything one sheet builder needs: the language, the batch's policy for names, the scope.
struct SheetContext {
  soci::session& sql;
  const BatchPolicy& batch;
  bool zh;
  std::optional<std::string> county;

  ExportColumn column(const char* header_zh, const char* header_en, ColumnKind kind = ColumnKind::text,
                      double width = 16, bool total = false) const {
    return {zh ? header_zh : header_en, kind, width, total};
  }
  std::string words(const char* in_zh, const char* in_en) const { return zh ? in_zh : in_en; }
  std::string county_name(const std::string& code) const {
    const auto* found = batch.policy->find_county(code);
    return found ? (zh ? found->name.zh : found->name.en) : code;
  }
  std::string category_name(long long number) const {
    const auto* found = batch.policy->find_category(static_cast<int>(number));
    return found ? (zh ? found->name.zh : found->name.en) : std::to_string(number);
  }
  std::string state_name(const std::string& state) const {
    auto parsed = domain::parse_application_state(state);
    if (!parsed) return state;
    return zh ? domain::state_label(*parsed).zh : domain::state_label(*parsed).en;
  }
  std::string beijing(const std::optional<std::string>& utc) const {
    if (!utc) return "";
    auto instant = domain::parse_instant(*utc);
    return instant ? domain::format_beijing(instant.value()) : *utc;
  }
  std::string title(const char* what_zh, const char* what_en) const {
    return (zh ? batch.batch.name_zh : batch.batch.name_en) + " — " + (zh ? what_zh : what_en);
  }
};

ExportCell text_cell(const soci::row& row, std::size_t column) {
  auto text = store::row_optional_text(row, column);
  return text ? ExportCell(*text) : ExportCell();
}
ExportCell fen_cell(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) != soci::i_ok) return {};
  return ExportCell(static_cast<std::int64_t>(store::row_integer(row, column)));
}
ExportCell score_cell(const soci::row& row, std::size_t column) {
  auto value = store::row_optional_real(row, column);
  return value ? ExportCell(*value) : ExportCell();
}

ExportSheet applications_sheet(const SheetContext& c) {
  ExportSheet sheet{c.words("申报项目清单", "Applications"), c.title("申报项目清单", "applications"), {}, {}};
  sheet.columns = {c.column("申报编号", "Number", ColumnKind::text, 24),
                   c.column("企业名称", "Enterprise", ColumnKind::text, 30),
                   c.column("统一社会信用代码", "Credit code", ColumnKind::text, 22),
                   c.column("所属县区", "County", ColumnKind::text, 10),
                   c.column("申报类别", "Category", ColumnKind::text, 22),
                   c.column("项目名称", "Project", ColumnKind::text, 30),
                   c.column("状态", "State", ColumnKind::text, 14),
                   c.column("申请金额（元）", "Requested (yuan)", ColumnKind::yuan, 16, true),
                   c.column("核定上限（元）", "Computed maximum (yuan)", ColumnKind::yuan, 16, true),
                   c.column("提交时间（北京时间）", "Submitted (Beijing time)", ColumnKind::text, 20),
                   c.column("联系人", "Contact", ColumnKind::text, 10),
                   c.column("联系电话", "Phone", ColumnKind::text, 14)};
  const int all_counties = c.county ? 0 : 1;
  const std::string county = c.county.value_or("");
  soci::rowset<soci::row> rows =
      (c.sql.prepare
           << "SELECT a.number, e.name, e.credit_code, a.county_code, a.category, a.project_name, "
              "a.state, a.requested_fen, a.computed_fen, a.submitted_at, a.form_json FROM applications a "
              "JOIN enterprises e ON e.id = a.enterprise_id WHERE a.batch_id = :b AND a.submitted_at IS "
              "NOT NULL AND (:all = 1 OR a.county_code = :c) ORDER BY a.number",
       soci::use(c.batch.batch.id), soci::use(all_counties), soci::use(county));
  for (const auto& row : rows) {
    auto form = nlohmann::json::parse(row.get<std::string>(10), nullptr, false);
    nlohmann::json contact = form.is_object() && form.contains("contact") && form["contact"].is_object()
                                 ? form["contact"]
                                 : nlohmann::json::object();
    sheet.rows.push_back({text_cell(row, 0), text_cell(row, 1), text_cell(row, 2),
                          c.county_name(row.get<std::string>(3)), c.category_name(store::row_integer(row, 4)),
                          text_cell(row, 5), c.state_name(row.get<std::string>(6)), fen_cell(row, 7),
                          fen_cell(row, 8), c.beijing(store::row_optional_text(row, 9)),
                          contact.value("name", std::string()),
                          mask_phone(contact.value("phone", std::string()))});
  }
  return sheet;
}

ExportSheet library_sheet(const SheetContext& c) {
  ExportSheet sheet{
      c.words("项目库及评审得分", "Library"), c.title("项目库及评审得分", "library with scores"), {}, {}};
  sheet.columns = {c.column("申报编号", "Number", ColumnKind::text, 24),
                   c.column("企业名称", "Enterprise", ColumnKind::text, 30),
                   c.column("项目名称", "Project", ColumnKind::text, 30),
                   c.column("申报类别", "Category", ColumnKind::text, 22),
                   c.column("所属县区", "County", ColumnKind::text, 10),
                   c.column("评分专家数", "Sheets", ColumnKind::integer, 10),
                   c.column("截尾均分", "Trimmed mean", ColumnKind::score, 10),
                   c.column("标准化得分", "Normalized", ColumnKind::score, 10),
                   c.column("排序得分", "Ranking score", ColumnKind::score, 10),
                   c.column("标准差", "Spread (SD)", ColumnKind::score, 10),
                   c.column("分歧较大", "Divergent", ColumnKind::text, 8),
                   c.column("核定上限（元）", "Computed maximum (yuan)", ColumnKind::yuan, 16, true),
                   c.column("评审结果", "Outcome", ColumnKind::text, 12)};
  soci::rowset<soci::row> rows =
      (c.sql.prepare
           << "SELECT a.number, e.name, a.project_name, a.category, a.county_code, r.sheets, "
              "r.trimmed_mean, r.normalized, r.ranking_score, r.spread_sd, r.divergent, a.computed_fen, "
              "r.outcome FROM review_results r JOIN applications a ON a.id = r.application_id JOIN "
              "enterprises e ON e.id = a.enterprise_id WHERE r.batch_id = :b ORDER BY r.ranking_score "
              "DESC, a.number",
       soci::use(c.batch.batch.id));
  for (const auto& row : rows) {
    const bool in_library = row.get<std::string>(12) == "in_library";
    sheet.rows.push_back(
        {text_cell(row, 0), text_cell(row, 1), text_cell(row, 2), c.category_name(store::row_integer(row, 3)),
         c.county_name(row.get<std::string>(4)), static_cast<std::int64_t>(store::row_integer(row, 5)),
         score_cell(row, 6), score_cell(row, 7), score_cell(row, 8), score_cell(row, 9),
         store::row_integer(row, 10) != 0 ? c.words("是", "yes") : c.words("否", "no"), fen_cell(row, 11),
         in_library ? c.words("入库", "In library") : c.words("未入库", "Not selected")});
  }
  return sheet;
}

ExportSheet score_sheets_sheet(const SheetContext& c) {
  ExportSheet sheet{
      c.words("专家评分汇总", "Score sheets"), c.title("专家评分汇总", "expert score sheets"), {}, {}};
  sheet.columns = {c.column("申报编号", "Number", ColumnKind::text, 24),
                   c.column("项目名称", "Project", ColumnKind::text, 30),
                   c.column("申报类别", "Category", ColumnKind::text, 22),
                   c.column("评审专家", "Expert", ColumnKind::text, 12),
                   c.column("评分状态", "Sheet state", ColumnKind::text, 10),
                   c.column("总分", "Total", ColumnKind::score, 8),
                   c.column("提交时间（北京时间）", "Submitted (Beijing time)", ColumnKind::text, 20),
                   c.column("录入方式", "Entered by", ColumnKind::text, 10),
                   c.column("总体意见", "Overall comment", ColumnKind::text, 40)};
  soci::rowset<soci::row> rows =
      (c.sql.prepare
           << "SELECT a.number, a.project_name, a.category, x.name, s.state, s.total, s.submitted_at, "
              "CASE WHEN s.entered_by IS NULL OR s.entered_by = x.user_id THEN 1 ELSE 0 END, "
              "s.overall_comment FROM review_assignments r JOIN applications a ON a.id = r.application_id "
              "JOIN experts x ON x.id = r.expert_id LEFT JOIN review_scores s ON s.assignment_id = r.id "
              "WHERE a.batch_id = :b AND r.state = 'active' ORDER BY a.number, x.name",
       soci::use(c.batch.batch.id));
  for (const auto& row : rows) {
    auto state = store::row_optional_text(row, 4);
    std::string state_text = !state              ? c.words("未开始", "not started")
                             : *state == "draft" ? c.words("草稿", "draft")
                                                 : c.words("已提交", "submitted");
    sheet.rows.push_back(
        {text_cell(row, 0), text_cell(row, 1), c.category_name(store::row_integer(row, 2)), text_cell(row, 3),
         state_text, score_cell(row, 5), c.beijing(store::row_optional_text(row, 6)),
         store::row_integer(row, 7) != 0 ? c.words("专家本人", "the expert")
                                         : c.words("工作人员代录", "staff (offline meeting)"),
         text_cell(row, 8)});
  }
  return sheet;
}

// The confirmed selection run's chosen outcome, else the latest run's rank order.
nlohmann::json selection_outcome(const SheetContext& c) {
  soci::rowset<soci::row> rows =
      (c.sql.prepare
           << "SELECT state, chosen_method, rank_order_json, optimal_json FROM selection_runs WHERE "
              "batch_id = :b AND state <> 'discarded' ORDER BY CASE WHEN state = 'confirmed' THEN 0 ELSE "
              "1 END, id DESC",
       soci::use(c.batch.batch.id));
  for (const auto& row : rows) {
    const bool optimal = store::row_optional_text(row, 1).value_or("") == "optimal";
    return nlohmann::json::parse(row.get<std::string>(optimal ? 3 : 2), nullptr, false);
  }
  return nlohmann::json::object();
}

ExportSheet selection_sheet(const SheetContext& c) {
  ExportSheet sheet{
      c.words("排序优选结果", "Selection"), c.title("排序优选结果", "selection result"), {}, {}};
  sheet.columns = {c.column("排名", "Rank", ColumnKind::integer, 6),
                   c.column("申报编号", "Number", ColumnKind::text, 24),
                   c.column("企业名称", "Enterprise", ColumnKind::text, 30),
                   c.column("项目名称", "Project", ColumnKind::text, 30),
                   c.column("申报类别", "Category", ColumnKind::text, 22),
                   c.column("排序得分", "Score", ColumnKind::score, 8),
                   c.column("核定补助（元）", "Computed subsidy (yuan)", ColumnKind::yuan, 16, true),
                   c.column("拟安排（元）", "Funded (yuan)", ColumnKind::yuan, 16, true),
                   c.column("是否安排", "Funded", ColumnKind::text, 8),
                   c.column("说明", "Explanation", ColumnKind::text, 50)};
  auto outcome = selection_outcome(c);
  if (!outcome.is_object() || !outcome.contains("decisions") || !outcome["decisions"].is_array())
    return sheet;
  for (const auto& d : outcome["decisions"]) {
    if (!d.is_object()) continue;
    auto category = d.value("category", nlohmann::json());
    sheet.rows.push_back(
        {static_cast<std::int64_t>(d.value("rank", 0)), d.value("number", std::string()),
         d.value("enterprise_name", std::string()), d.value("project_name", std::string()),
         category.is_number()   ? c.category_name(category.get<long long>())
         : category.is_string() ? c.category_name(std::atoll(category.get<std::string>().c_str()))
                                : std::string(),
         d.value("score", 0.0), static_cast<std::int64_t>(d.value("subsidy_fen", 0LL)),
         static_cast<std::int64_t>(d.value("funded_fen", 0LL)),
         d.value("funded", false) ? c.words("是", "yes") : c.words("否", "no"),
         d.value(c.zh ? "explanation_zh" : "explanation_en", d.value("reason", std::string()))});
  }
  return sheet;
}

ExportSheet publicity_sheet(const SheetContext& c) {
  ExportSheet sheet{c.words("公示名单", "Publicity list"), c.title("公示名单", "publicity list"), {}, {}};
  sheet.columns = {c.column("序号", "No.", ColumnKind::integer, 6),
                   c.column("企业名称", "Enterprise", ColumnKind::text, 30),
                   c.column("项目名称", "Project", ColumnKind::text, 30),
                   c.column("申报类别", "Category", ColumnKind::text, 22),
                   c.column("所属县区", "County", ColumnKind::text, 10),
                   c.column("拟支持金额（元）", "Amount (yuan)", ColumnKind::yuan, 16, true)};
  soci::rowset<soci::row> rows = (c.sql.prepare << "SELECT entries_json, starts_at, ends_at FROM publicities "
                                                   "WHERE batch_id = :b",
                                  soci::use(c.batch.batch.id));
  for (const auto& row : rows) {
    sheet.title += c.words("（公示期 ", " (publicity ") + c.beijing(row.get<std::string>(1)) + " — " +
                   c.beijing(row.get<std::string>(2)) + c.words("）", ")");
    auto entries = nlohmann::json::parse(row.get<std::string>(0), nullptr, false);
    if (!entries.is_array()) continue;
    std::int64_t number = 0;
    for (const auto& e : entries) {
      if (!e.is_object()) continue;
      auto category = e.value("category", nlohmann::json());
      sheet.rows.push_back({++number, e.value("enterprise_name", std::string()),
                            e.value("project_name", std::string()),
                            category.is_number() ? c.category_name(category.get<long long>()) : std::string(),
                            c.county_name(e.value("county_code", std::string())),
                            static_cast<std::int64_t>(e.value("amount_fen", 0LL))});
    }
  }
  return sheet;
}

ExportSheet approved_sheet(const SheetContext& c) {
  ExportSheet sheet{c.words("下达名单", "Approved list"), c.title("资金下达名单", "approved list"), {}, {}};
  sheet.columns = {c.column("序号", "No.", ColumnKind::integer, 5),
                   c.column("申报编号", "Number", ColumnKind::text, 22),
                   c.column("企业名称", "Enterprise", ColumnKind::text, 26),
                   c.column("项目名称", "Project", ColumnKind::text, 26),
                   c.column("申报类别", "Category", ColumnKind::text, 16),
                   c.column("所属县区", "County", ColumnKind::text, 8),
                   c.column("排序得分", "Score", ColumnKind::score, 7),
                   c.column("下达金额（元）", "Approved (yuan)", ColumnKind::yuan, 14, true)};
  soci::rowset<soci::row> rows =
      (c.sql.prepare
           << "SELECT a.number, e.name, a.project_name, a.category, a.county_code, f.score, f.approved_fen "
              "FROM funded_projects f JOIN applications a ON a.id = f.application_id JOIN enterprises e ON "
              "e.id = a.enterprise_id WHERE f.batch_id = :b AND f.approved_fen IS NOT NULL ORDER BY "
              "f.rank, a.number",
       soci::use(c.batch.batch.id));
  std::int64_t number = 0;
  for (const auto& row : rows) {
    sheet.rows.push_back({++number, text_cell(row, 0), text_cell(row, 1), text_cell(row, 2),
                          c.category_name(store::row_integer(row, 3)), c.county_name(row.get<std::string>(4)),
                          score_cell(row, 5), fen_cell(row, 6)});
  }
  return sheet;
}

ExportSheet disbursements_sheet(const SheetContext& c) {
  ExportSheet sheet{
      c.words("资金拨付明细", "Disbursements"), c.title("资金拨付明细", "disbursements"), {}, {}};
  sheet.columns = {c.column("申报编号", "Number", ColumnKind::text, 24),
                   c.column("企业名称", "Enterprise", ColumnKind::text, 30),
                   c.column("项目名称", "Project", ColumnKind::text, 30),
                   c.column("下达金额（元）", "Approved (yuan)", ColumnKind::yuan, 16),
                   c.column("拨付日期", "Paid on", ColumnKind::text, 12),
                   c.column("拨付金额（元）", "Paid (yuan)", ColumnKind::yuan, 16, true),
                   c.column("凭证号", "Voucher", ColumnKind::text, 16),
                   c.column("备注", "Note", ColumnKind::text, 30)};
  soci::rowset<soci::row> rows =
      (c.sql.prepare
           << "SELECT a.number, e.name, a.project_name, f.approved_fen, d.paid_on, d.amount_fen, "
              "d.voucher, d.note FROM disbursements d JOIN applications a ON a.id = d.application_id JOIN "
              "enterprises e ON e.id = a.enterprise_id LEFT JOIN funded_projects f ON f.application_id = "
              "a.id WHERE a.batch_id = :b ORDER BY a.number, d.paid_on, d.id",
       soci::use(c.batch.batch.id));
  for (const auto& row : rows) {
    sheet.rows.push_back({text_cell(row, 0), text_cell(row, 1), text_cell(row, 2), fen_cell(row, 3),
                          text_cell(row, 4), fen_cell(row, 5), text_cell(row, 6), text_cell(row, 7)});
  }
  return sheet;
}

}  // namespace

std::optional<ExportKind> parse_export_kind(std::string_view name) {
  for (const auto& [kind, text] : kKindNames) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

std::string_view to_string(ExportKind kind) {
  for (const auto& [known, text] : kKindNames) {
    if (known == kind) return text;
  }
  return "";
}

domain::Result<ExportSheet> export_sheet(store::Database& db, const Caller& caller, ExportKind kind,
                                         long long batch_id, bool zh) {
  std::optional<std::string> county;
  if (caller.is("county") && caller.county_code && kind == ExportKind::applications) {
    county = caller.county_code;
  } else if (!caller.is("organizer") && !caller.is("bureau")) {
    return domain::make_problem("forbidden", 403);
  }
  ExportSheet sheet;
  domain::Status read = db.read([&](soci::session& sql) -> domain::Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    const SheetContext context{sql, batch.value(), zh, county};
    switch (kind) {
      case ExportKind::applications:
        sheet = applications_sheet(context);
        break;
      case ExportKind::library:
        sheet = library_sheet(context);
        break;
      case ExportKind::score_sheets:
        sheet = score_sheets_sheet(context);
        break;
      case ExportKind::selection:
        sheet = selection_sheet(context);
        break;
      case ExportKind::publicity:
        sheet = publicity_sheet(context);
        break;
      case ExportKind::approved:
        sheet = approved_sheet(context);
        break;
      case ExportKind::disbursements:
        sheet = disbursements_sheet(context);
        break;
    }
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return sheet;
}

}  // namespace iifund::service
