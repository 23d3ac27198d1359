#include "report/table_export.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace iifund::report {

namespace {

constexpr std::size_t kMaxCellBytes = 32767;  // Excel's limit on one cell's text

// Cuts at a UTF-8 character boundary so a long comment never ends in half a character.
std::string excel_text(const std::string& text) {
  if (text.size() <= kMaxCellBytes) return text;
  std::size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string column_letters(int column) {
  std::string letters;
  for (int n = column + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), char('A' + (n - 1) % 26));
  return letters;
}

double yuan_value(std::int64_t fen) { return static_cast<double>(fen) / 100.0; }

// "1234.56" / "-0.05" from fen: exact, no separators, for machines reading the CSV.
std::string plain_yuan(std::int64_t fen) {
  const bool negative = fen < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  return fmt::format("{}{}.{:02}", negative ? "-" : "", magnitude / 100, magnitude % 100);
}

// Two decimals rounded half away from zero, as Excel shows "0.00" (87.125 → 87.13).
std::string plain_score(double value) { return plain_yuan(std::llround(value * 100)); }

bool has_total(const ExportSheet& sheet) {
  for (const auto& column : sheet.columns) {
    if (column.total) return true;
  }
  return false;
}

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* yuan = nullptr;
  lxw_format* score = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* total = nullptr;
  lxw_format* total_yuan = nullptr;
  lxw_format* total_integer = nullptr;

  explicit Formats(lxw_workbook* book) {
    title = workbook_add_format(book);
    format_set_bold(title);
    format_set_font_size(title, 13);
    header = workbook_add_format(book);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    yuan = workbook_add_format(book);
    format_set_num_format(yuan, "#,##0.00");
    score = workbook_add_format(book);
    format_set_num_format(score, "0.00");
    integer = workbook_add_format(book);
    format_set_num_format(integer, "0");
    total = workbook_add_format(book);
    format_set_bold(total);
    format_set_top(total, LXW_BORDER_THIN);
    total_yuan = workbook_add_format(book);
    format_set_bold(total_yuan);
    format_set_top(total_yuan, LXW_BORDER_THIN);
    format_set_num_format(total_yuan, "#,##0.00");
    total_integer = workbook_add_format(book);
    format_set_bold(total_integer);
    format_set_top(total_integer, LXW_BORDER_THIN);
    format_set_num_format(total_integer, "0");
  }

  lxw_format* for_kind(ColumnKind kind) const {
    switch (kind) {
      case ColumnKind::yuan:
        return yuan;
      case ColumnKind::score:
        return score;
      case ColumnKind::integer:
        return integer;
      case ColumnKind::text:
        break;
    }
    return nullptr;
  }
};

void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const ExportColumn& column,
                const ExportCell& cell, const Formats& formats) {
  lxw_format* format = formats.for_kind(column.kind);
  if (const auto* text = std::get_if<std::string>(&cell)) {
    worksheet_write_string(sheet, row, col, excel_text(*text).c_str(), nullptr);
  } else if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
    const double value = column.kind == ColumnKind::yuan ? yuan_value(*whole) : static_cast<double>(*whole);
    worksheet_write_number(sheet, row, col, value, format);
  } else if (const auto* number = std::get_if<double>(&cell)) {
    worksheet_write_number(sheet, row, col, *number, format);
  }
}

// The total row: SUM over the data rows, with the sum computed here (in fen for money) as the
// cached value.
void write_total_row(lxw_worksheet* sheet, const ExportSheet& table, lxw_row_t first_data, lxw_row_t row,
                     const Formats& formats) {
  worksheet_write_string(sheet, row, 0, table.total_label.c_str(), formats.total);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const auto& column = table.columns[c];
    if (!column.total) continue;
    std::int64_t whole = 0;
    double fraction = 0;
    for (const auto& cells : table.rows) {
      if (c >= cells.size()) continue;
      if (const auto* value = std::get_if<std::int64_t>(&cells[c])) whole += *value;
      if (const auto* value = std::get_if<double>(&cells[c])) fraction += *value;
    }
    const std::string letters = column_letters(static_cast<int>(c));
    const std::string formula =
        table.rows.empty()
            ? "=0"
            : fmt::format("=SUM({0}{1}:{0}{2})", letters, first_data + 1, first_data + table.rows.size());
    const bool money = column.kind == ColumnKind::yuan;
    const double cached = (money ? yuan_value(whole) : static_cast<double>(whole)) + fraction;
    worksheet_write_formula_num(sheet, row, static_cast<lxw_col_t>(c), formula.c_str(),
                                money ? formats.total_yuan : formats.total_integer, cached);
  }
}

void write_sheet(lxw_workbook* book, const ExportSheet& table, const Formats& formats, std::int64_t& written,
                 std::int64_t all_rows, const ExportProgress& progress) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, excel_sheet_name(table.name).c_str());
  const lxw_row_t header_row = table.title.empty() ? 0 : 1;
  if (!table.title.empty())
    worksheet_write_string(sheet, 0, 0, excel_text(table.title).c_str(), formats.title);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet, col, col, table.columns[c].width, nullptr);
    worksheet_write_string(sheet, header_row, col, table.columns[c].header.c_str(), formats.header);
  }
  const lxw_row_t first_data = header_row + 1;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(first_data + r);
    for (std::size_t c = 0; c < table.columns.size() && c < table.rows[r].size(); ++c) {
      write_cell(sheet, row, static_cast<lxw_col_t>(c), table.columns[c], table.rows[r][c], formats);
    }
    ++written;
    if (progress.report && progress.every > 0 && written % progress.every == 0)
      progress.report(written, all_rows);
  }
  const auto last_data =
      static_cast<lxw_row_t>(first_data + table.rows.size() - (table.rows.empty() ? 0 : 1));
  worksheet_freeze_panes(sheet, first_data, 0);
  if (!table.columns.empty()) {
    worksheet_autofilter(sheet, header_row, 0, table.rows.empty() ? header_row : last_data,
                         static_cast<lxw_col_t>(table.columns.size() - 1));
  }
  if (has_total(table)) {
    write_total_row(sheet, table, first_data, static_cast<lxw_row_t>(first_data + table.rows.size()),
                    formats);
  }
}

std::string read_and_remove(const std::string& path) {
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
  }
  std::remove(path.c_str());
  return bytes;
}

}  // namespace

std::string excel_sheet_name(const std::string& wanted) {
  std::string name;
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < wanted.size() && code_points < 31;) {
    const auto lead = static_cast<unsigned char>(wanted[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    std::string character = wanted.substr(i, length);
    if (character.size() == 1 && std::string_view("[]:*?/\\").find(character[0]) != std::string_view::npos) {
      character = "_";
    }
    name += character;
    i += length;
    ++code_points;
  }
  return name.empty() ? "Sheet1" : name;
}

domain::Result<std::string> write_xlsx(const std::vector<ExportSheet>& sheets,
                                       const std::string& document_title, const ExportProgress& progress) {
  const char* tmp = std::getenv("TMPDIR");
  std::string directory = tmp && *tmp ? tmp : "/tmp";
  std::string path = directory + "/iifund-export-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0)
    return domain::make_problem("export_failed", 500, {{"reason", "cannot create a temporary file"}});
  close(fd);
  lxw_workbook_options options{};
  options.tmpdir = directory.data();
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) {
    std::remove(path.c_str());
    return domain::make_problem("export_failed", 500, {{"reason", "cannot open the workbook"}});
  }
  lxw_doc_properties properties{};
  std::string title = document_title;
  std::string author = "iifund";
  properties.title = title.data();
  properties.author = author.data();
  workbook_set_properties(book, &properties);
  const Formats formats(book);
  std::int64_t all_rows = 0;
  for (const auto& sheet : sheets) all_rows += static_cast<std::int64_t>(sheet.rows.size());
  std::int64_t written = 0;
  for (const auto& sheet : sheets) write_sheet(book, sheet, formats, written, all_rows, progress);
  const lxw_error closed = workbook_close(book);
  if (closed != LXW_NO_ERROR) {
    std::remove(path.c_str());
    return domain::make_problem("export_failed", 500, {{"reason", lxw_strerror(closed)}});
  }
  return read_and_remove(path);
}

std::string write_csv(const ExportSheet& sheet) {
  auto field = [](std::string text) {
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
      text.insert(text.begin(), '\'');
    }
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    return quoted + "\"";
  };
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t c = 0; c < sheet.columns.size(); ++c)
    out += (c ? "," : "") + field(sheet.columns[c].header);
  out += "\r\n";
  for (const auto& cells : sheet.rows) {
    for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
      if (c) out += ',';
      if (c >= cells.size()) continue;
      const auto& cell = cells[c];
      if (const auto* text = std::get_if<std::string>(&cell)) out += field(*text);
      if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
        out += sheet.columns[c].kind == ColumnKind::yuan ? plain_yuan(*whole) : std::to_string(*whole);
      }
      if (const auto* number = std::get_if<double>(&cell)) out += plain_score(*number);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace iifund::report
