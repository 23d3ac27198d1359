// render_score_sheet: the expert's identity once, then one sheet per application starting on a
// new page, each ending in the signature line; page numbers are drawn at playback.
#include "report/score_sheet.hpp"

#include <fmt/format.h>

#include <cmath>

#include "report/page_flow.hpp"
#include "report/table_layout.hpp"

namespace iifund::report {

namespace {

struct ScoreSheetLabels {
  const char* title;
  const char* expert;
  const char* expert_title;
  const char* employer;
  const char* generated_at;
  const char* sheets;
  const char* number;
  const char* project;
  const char* enterprise;
  const char* category;
  const char* submitted_at;
  const char* row_number;
  const char* criterion;
  const char* weight;
  const char* max_score;
  const char* score;
  const char* comment;
  const char* total;
  const char* overall_comment;
  const char* offline_note;
  const char* signature;
  const char* date;
  const char* page_of;
  const char* none;
};

const ScoreSheetLabels kChinese{"评审专家评分表",
                                "评审专家",
                                "职称",
                                "工作单位",
                                "打印时间",
                                "已提交评分表 {} 份",
                                "申报编号",
                                "项目名称",
                                "申报单位",
                                "申报类别",
                                "提交时间",
                                "序号",
                                "评审指标",
                                "权重",
                                "满分",
                                "得分",
                                "评分意见",
                                "合计（百分制）",
                                "综合评审意见",
                                "线下评审录入",
                                "评审专家（签名）：",
                                "日期：      年    月    日",
                                "第 {page} 页 共 {pages} 页",
                                "无"};

const ScoreSheetLabels kEnglish{"Reviewer's Score Sheet",
                                "Reviewer",
                                "Title",
                                "Employer",
                                "Printed",
                                "{} submitted score sheet(s)",
                                "Application number",
                                "Project",
                                "Applicant",
                                "Category",
                                "Submitted",
                                "No.",
                                "Criterion",
                                "Weight",
                                "Max.",
                                "Score",
                                "Comment",
                                "Total (of 100)",
                                "Overall opinion",
                                "Entered from an offline meeting",
                                "Reviewer's signature:",
                                "Date:",
                                "Page {page} of {pages}",
                                "None"};

const ScoreSheetLabels& labels_of(Language language) {
  return language == Language::zh ? kChinese : kEnglish;
}

void title_block(PageFlow& flow, const ScoreSheetDocument& document, const ScoreSheetLabels& l) {
  flow.paragraph(l.title, TextStyle{18, true, Face::serif, PANGO_ALIGN_CENTER}, 0, 6);
  flow.paragraph(document.batch_name, TextStyle{11, false, Face::sans, PANGO_ALIGN_CENTER}, 0, 10);
}

void signature_block(PageFlow& flow, const ScoreSheetLabels& l) {
  constexpr double kHeight = 56;
  flow.advance(14);
  flow.ensure_room(kHeight);
  cairo_t* cr = flow.cr();
  const Typesetter& type = flow.type();
  const double x = flow.left();
  const double y = flow.y() + 18;
  auto signature = type.layout(l.signature, TextStyle{11}, 0);
  auto date = type.layout(l.date, TextStyle{11}, 0);
  draw_layout(cr, signature.get(), x, y);
  const double baseline = y + layout_height(signature.get()) - 2;
  const double line_start = x + layout_width(signature.get()) + 4;
  const double date_x = x + flow.width() * 0.58;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.6);
  cairo_move_to(cr, line_start, baseline);
  cairo_line_to(cr, date_x - 16, baseline);
  cairo_stroke(cr);
  cairo_restore(cr);
  draw_layout(cr, date.get(), date_x, y);
  flow.advance(kHeight);
}

void application_sheet(PageFlow& flow, const ScoreSheetApplication& a, std::size_t index,
                       const ScoreSheetLabels& l) {
  flow.paragraph(fmt::format("{}. {}", index + 1, a.project_name), TextStyle{13, true, Face::serif}, 0, 6);
  std::vector<std::pair<std::string, std::string>> fields = {{l.number, a.number},
                                                             {l.project, a.project_name},
                                                             {l.enterprise, a.enterprise_name},
                                                             {l.category, a.category_name},
                                                             {l.submitted_at, a.submitted_at}};
  if (!a.offline_note.empty()) fields.emplace_back(l.offline_note, a.offline_note);
  draw_table(flow, field_table(fields));
  flow.advance(8);
  Table table;
  table.columns = {{l.row_number, 0.5, PANGO_ALIGN_CENTER}, {l.criterion, 2.6},
                   {l.weight, 0.7, PANGO_ALIGN_RIGHT},      {l.max_score, 0.7, PANGO_ALIGN_RIGHT},
                   {l.score, 0.7, PANGO_ALIGN_RIGHT},       {l.comment, 3}};
  for (std::size_t i = 0; i < a.criteria.size(); ++i) {
    const auto& c = a.criteria[i];
    table.rows.push_back({{std::to_string(i + 1), c.name, score_text(c.weight), score_text(c.max_score),
                           score_text(c.score), c.comment},
                          false,
                          false});
  }
  table.rows.push_back({{"", l.total, "", "", score_text(a.total), ""}, true, false});
  draw_table(flow, table);
  flow.advance(8);
  flow.paragraph(fmt::format("{}：", l.overall_comment), TextStyle{10.5, true}, 0, 3);
  flow.paragraph(a.overall_comment.empty() ? l.none : a.overall_comment, TextStyle{10.5}, 0, 3);
  signature_block(flow, l);
}

void page_number(cairo_t* cr, const Typesetter& type, const ScoreSheetLabels& l, int page, int pages) {
  auto text = fmt::format(fmt::runtime(l.page_of), fmt::arg("page", page), fmt::arg("pages", pages));
  auto layout = type.layout(text, TextStyle{10, false, Face::sans, PANGO_ALIGN_CENTER}, kPageWidth);
  draw_layout(cr, layout.get(), 0, kPageHeight - 44, 0.2);
}

}  // namespace

std::string score_text(double score) {
  std::string text = fmt::format("{:.2f}", std::round(score * 100) / 100);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

RenderedPdf render_score_sheet(const ScoreSheetDocument& document) {
  const auto& l = labels_of(document.language);
  const Typesetter type;
  PageRecorder pages;
  PageFlow flow(pages, type);
  title_block(flow, document, l);
  draw_table(flow, field_table({{l.expert, document.expert_name},
                                {l.expert_title, document.expert_title},
                                {l.employer, document.expert_employer},
                                {l.generated_at, document.generated_at}}));
  flow.advance(6);
  flow.paragraph(fmt::format(fmt::runtime(l.sheets), document.applications.size()), TextStyle{10.5}, 0, 8);
  for (std::size_t i = 0; i < document.applications.size(); ++i) {
    if (i > 0) {
      flow.new_page();
      title_block(flow, document, l);
    }
    application_sheet(flow, document.applications[i], i, l);
  }
  const int page_count = pages.page_count();
  std::string bytes =
      pages.write_pdf(fmt::format("{} {}", l.title, document.expert_name),
                      [&](cairo_t* cr, int page, int count) { page_number(cr, type, l, page, count); });
  return {std::move(bytes), page_count};
}

}  // namespace iifund::report
