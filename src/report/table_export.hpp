#pragma once
// 导出: one table model for every list an official downloads — the application list, the
// library with scores, score sheets, the selection result, the publicity list, disbursements —
// written as an Excel workbook (libxlsxwriter) or as CSV. Headers are the Chinese column names
// people file; money is given in fen and shown in yuan with two decimals; the header row is
// frozen and filtered; a total row carries its sum as a formula *and* as the cached value, so a
// reader that does not recalculate (a previewer, a script) sees the right number, not 0.
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "domain/result.hpp"

namespace iifund::report {

enum class ColumnKind {
  text,
  integer,  // counts, ranks
  yuan,     // cell holds fen; shown as yuan "#,##0.00"
  score,    // a score to two decimals
};

struct ExportColumn {
  std::string header;
  ColumnKind kind = ColumnKind::text;
  double width = 16;   // in Excel character widths
  bool total = false;  // summed in the total row (integer and yuan columns)
};

// A cell: empty, text, a whole number (fen for yuan columns) or a score.
using ExportCell = std::variant<std::monostate, std::string, std::int64_t, double>;

struct ExportSheet {
  std::string name;   // sheet name: at most 31 characters, none of []:*?/\ (replaced otherwise)
  std::string title;  // the line above the table, e.g. the batch and the time of export
  std::vector<ExportColumn> columns;
  std::vector<std::vector<ExportCell>> rows;
  std::string total_label = "合计";  // first column of the total row, when any column has total
};

// Called every `every` rows written across all sheets with (rows written, rows in all): the
// progress of a long export.
struct ExportProgress {
  std::int64_t every = 1000;
  std::function<void(std::int64_t, std::int64_t)> report;
};

// The .xlsx file's bytes. Refusal: 500-class problem "export_failed" with libxlsxwriter's reason.
domain::Result<std::string> write_xlsx(const std::vector<ExportSheet>& sheets,
                                       const std::string& document_title,
                                       const ExportProgress& progress = {});

// One sheet as CSV: UTF-8 with a byte-order mark (so Excel opens Chinese correctly), CRLF rows,
// RFC 4180 quoting, money in yuan, and text that a spreadsheet would run as a formula (starting
// with = + - @ or a tab) prefixed with an apostrophe.
std::string write_csv(const ExportSheet& sheet);

// A sheet name Excel accepts: forbidden characters replaced, at most 31 characters (code points).
std::string excel_sheet_name(const std::string& wanted);

}  // namespace iifund::report
