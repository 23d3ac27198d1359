#pragma once
// Ruled tables that flow across pages: a row never splits, and every page a table continues on
// starts with the header row again, so each printed page reads on its own.
#include <string>
#include <vector>

#include "report/page_flow.hpp"

namespace iifund::report {

struct TableColumn {
  std::string header;
  double weight = 1;  // share of the table's width
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool label = false;  // a shaded label column (in key–value tables)
};

struct TableRow {
  std::vector<std::string> cells;
  bool emphasized = false;  // a totals row: bold on a light fill
  bool muted = false;       // a line that does not count: gray text
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<TableRow> rows;
  bool show_header = true;
  double font_size = 9;
};

void draw_table(PageFlow& flow, const Table& table);

// A two-column "label | value" table without a header row.
Table field_table(const std::vector<std::pair<std::string, std::string>>& fields, double label_weight = 1,
                  double value_weight = 3);

}  // namespace iifund::report
