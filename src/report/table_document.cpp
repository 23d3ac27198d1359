#include "report/table_document.hpp"

#include <fmt/format.h>

#include "report/number_text.hpp"
#include "report/page_flow.hpp"
#include "report/score_sheet.hpp"
#include "report/table_layout.hpp"

namespace iifund::report {

namespace {

std::string cell_text(const ExportColumn& column, const ExportCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
    return column.kind == ColumnKind::yuan ? yuan_text(*whole) : std::to_string(*whole);
  }
  if (const auto* number = std::get_if<double>(&cell)) return score_text(*number);
  return "";
}

// The total row as the workbook writes it: label first, sums of the columns marked total.
TableRow total_row(const ExportSheet& sheet) {
  TableRow row{{}, true, false};
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const auto& column = sheet.columns[c];
    std::string text = c == 0 ? sheet.total_label : "";
    if (column.total) {
      std::int64_t sum = 0;
      for (const auto& cells : sheet.rows) {
        if (c < cells.size()) {
          if (const auto* value = std::get_if<std::int64_t>(&cells[c])) sum += *value;
        }
      }
      text = column.kind == ColumnKind::yuan ? yuan_text(sum) : std::to_string(sum);
    }
    row.cells.push_back(std::move(text));
  }
  return row;
}

bool has_total(const ExportSheet& sheet) {
  for (const auto& column : sheet.columns) {
    if (column.total) return true;
  }
  return false;
}

}  // namespace

RenderedPdf render_table_pdf(const ExportSheet& sheet, Language language, const std::string& printed_at) {
  const bool zh = language == Language::zh;
  const Typesetter type;
  PageRecorder pages;
  PageFlow flow(pages, type, PageMargins{56, 64, 36, 36});
  flow.paragraph(sheet.title.empty() ? sheet.name : sheet.title,
                 TextStyle{15, true, Face::serif, PANGO_ALIGN_CENTER}, 0, 6);
  flow.paragraph(fmt::format("{}{}", zh ? "打印时间：" : "Printed: ", printed_at),
                 TextStyle{9.5, false, Face::sans, PANGO_ALIGN_RIGHT}, 0, 8);
  Table table;
  table.font_size = 8.5;
  for (const auto& column : sheet.columns) {
    const bool numeric = column.kind != ColumnKind::text;
    table.columns.push_back({column.header, column.width, numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT});
  }
  for (const auto& cells : sheet.rows) {
    TableRow row;
    for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
      row.cells.push_back(c < cells.size() ? cell_text(sheet.columns[c], cells[c]) : "");
    }
    table.rows.push_back(std::move(row));
  }
  if (has_total(sheet)) table.rows.push_back(total_row(sheet));
  draw_table(flow, table);
  flow.advance(28);
  flow.paragraph(
      zh ? "经办人（签名）：____________        审核人（签名）：____________        日期：______年___月___日"
         : "Prepared by: ____________        Checked by: ____________        Date: ____________",
      TextStyle{10}, 0, 3);
  const int page_count = pages.page_count();
  const std::string page_of = zh ? "第 {} 页 共 {} 页" : "Page {} of {}";
  std::string bytes = pages.write_pdf(sheet.title, [&](cairo_t* cr, int page, int count) {
    auto layout = type.layout(fmt::format(fmt::runtime(page_of), page, count),
                              TextStyle{9, false, Face::sans, PANGO_ALIGN_CENTER}, kPageWidth);
    draw_layout(cr, layout.get(), 0, kPageHeight - 40, 0.2);
  });
  return {std::move(bytes), page_count};
}

}  // namespace iifund::report
