#include "report/table_layout.hpp"

#include <algorithm>

namespace iifund::report {

namespace {

constexpr double kPadding = 3.5;
constexpr double kRule = 0.5;

struct LaidRow {
  std::vector<LayoutPtr> cells;
  double height = 0;
};

std::vector<double> column_widths(const Table& table, double total) {
  double weights = 0;
  for (const auto& column : table.columns) weights += column.weight;
  std::vector<double> widths;
  for (const auto& column : table.columns) widths.push_back(total * column.weight / weights);
  return widths;
}

LaidRow lay_out_row(const Typesetter& type, const Table& table, const std::vector<std::string>& cells,
                    const std::vector<double>& widths, bool header, bool bold) {
  LaidRow row;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    TextStyle style{table.font_size, header || bold || table.columns[i].label};
    style.align = header ? PANGO_ALIGN_CENTER : table.columns[i].align;
    const std::string& text = i < cells.size() ? cells[i] : std::string();
    row.cells.push_back(type.layout(text, style, widths[i] - 2 * kPadding));
    row.height = std::max(row.height, layout_height(row.cells.back().get()) + 2 * kPadding);
  }
  return row;
}

void fill_cell(cairo_t* cr, double x, double y, double w, double h, double gray) {
  cairo_set_source_rgb(cr, gray, gray, gray);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

void draw_row(PageFlow& flow, const Table& table, const LaidRow& row, const std::vector<double>& widths,
              double background, double text_gray) {
  cairo_t* cr = flow.cr();
  cairo_save(cr);
  double x = flow.left();
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const double fill = table.columns[i].label ? std::min(background, 0.93) : background;
    if (fill < 1) fill_cell(cr, x, flow.y(), widths[i], row.height, fill);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_set_line_width(cr, kRule);
    cairo_rectangle(cr, x, flow.y(), widths[i], row.height);
    cairo_stroke(cr);
    draw_layout(cr, row.cells[i].get(), x + kPadding, flow.y() + kPadding, text_gray);
    x += widths[i];
  }
  cairo_restore(cr);
  flow.advance(row.height);
}

}  // namespace

void draw_table(PageFlow& flow, const Table& table) {
  const auto widths = column_widths(table, flow.width());
  std::vector<std::string> headers;
  for (const auto& column : table.columns) headers.push_back(column.header);
  const LaidRow header = lay_out_row(flow.type(), table, headers, widths, true, true);
  const double header_height = table.show_header ? header.height : 0;
  bool header_due = table.show_header;
  for (const auto& source : table.rows) {
    const LaidRow row = lay_out_row(flow.type(), table, source.cells, widths, false, source.emphasized);
    if (row.height + (header_due ? header_height : 0) > flow.room()) {
      flow.new_page();
      header_due = table.show_header;
    }
    if (header_due) draw_row(flow, table, header, widths, 0.86, 0);
    header_due = false;
    draw_row(flow, table, row, widths, source.emphasized ? 0.94 : 1, source.muted ? 0.5 : 0);
  }
}

Table field_table(const std::vector<std::pair<std::string, std::string>>& fields, double label_weight,
                  double value_weight) {
  Table table;
  table.columns = {{"", label_weight, PANGO_ALIGN_LEFT, true}, {"", value_weight}};
  table.show_header = false;
  table.font_size = 10;
  for (const auto& [label, value] : fields) table.rows.push_back({{label, value}});
  return table;
}

}  // namespace iifund::report
