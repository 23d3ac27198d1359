// The money: every invoice line as entered, whether it counts and why not, the totals, and the
// subsidy as the service computed it with the rule that bound it.
#include <fmt/format.h>

#include "report/document_sections.hpp"
#include "report/number_text.hpp"
#include "report/table_layout.hpp"

namespace iifund::report {

namespace {

std::string content_cell(const InvestmentLineRow& line, const DocumentLabels& l) {
  std::string text = line.description;
  if (!line.supplier.empty()) text += fmt::format("\n{}：{}", l.supplier, line.supplier);
  if (line.huawei_cloud) text += fmt::format("（{}）", l.huawei_cloud);
  return text;
}

std::string invoice_cell(const InvestmentLineRow& line) {
  std::string text = line.invoice_kind;
  if (!line.invoice_code.empty()) text += "\n" + line.invoice_code;
  text += "\n" + line.invoice_number + "\n" + line.invoice_date;
  return text;
}

std::string counted_cell(const InvestmentLineRow& line, const DocumentLabels& l) {
  if (line.counted) return std::string(l.counted_yes);
  if (line.exclusion_reason.empty()) return std::string(l.counted_no);
  return fmt::format("{}\n{}", l.counted_no, line.exclusion_reason);
}

Table investment_table(const DocumentLabels& l) {
  Table table;
  table.font_size = 8;
  // Widths in points of the 483-point text width: the amount columns fit "90,400,000.00" in bold.
  table.columns = {{std::string(l.row_number), 22, PANGO_ALIGN_CENTER},
                   {std::string(l.investment_type), 44},
                   {std::string(l.content_supplier), 88},
                   {std::string(l.invoice), 70},
                   {std::string(l.amount_without_tax), 70, PANGO_ALIGN_RIGHT},
                   {std::string(l.tax), 66, PANGO_ALIGN_RIGHT},
                   {std::string(l.amount_with_tax), 72, PANGO_ALIGN_RIGHT},
                   {std::string(l.counted), 49, PANGO_ALIGN_CENTER}};
  return table;
}

}  // namespace

void draw_investment(DocumentContext& context) {
  const auto& d = context.document;
  const auto& l = context.labels;
  section_heading(context, l.investment_section);
  if (d.investment_lines.empty()) return body_text(context, l.none);
  Table table = investment_table(l);
  for (std::size_t i = 0; i < d.investment_lines.size(); ++i) {
    const auto& line = d.investment_lines[i];
    TableRow row{{std::to_string(i + 1), line.type_name, content_cell(line, l), invoice_cell(line),
                  yuan_text(line.amount_without_tax_fen), yuan_text(line.tax_fen),
                  yuan_text(line.amount_with_tax_fen), counted_cell(line, l)}};
    row.muted = !line.counted;
    table.rows.push_back(std::move(row));
  }
  const auto& t = d.investment_totals;
  table.rows.push_back({{"", std::string(l.total), "", "", yuan_text(t.amount_without_tax_fen),
                         yuan_text(t.tax_fen), yuan_text(t.amount_with_tax_fen), ""},
                        true});
  draw_table(context.flow, table);
}

void draw_subsidy(DocumentContext& context) {
  const auto& s = context.document.subsidy;
  const auto& l = context.labels;
  section_heading(context, l.subsidy_section);
  const auto money = [&](std::int64_t fen) { return fmt::format("{} {}", yuan_text(fen), l.yuan_unit); };
  draw_table(context.flow,
             field_table({{std::string(l.eligible_investment), money(s.eligible_investment_fen)},
                          {std::string(l.requested), money(s.requested_fen)},
                          {std::string(l.max_subsidy), money(s.max_subsidy_fen)},
                          {std::string(l.explanation), s.explanation}}));
}

}  // namespace iifund::report
