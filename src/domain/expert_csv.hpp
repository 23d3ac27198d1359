#pragma once
// 专家库导入: a pool member as a person types it — in the organizer's form or as one row of a CSV
// file, often exported from Excel (UTF-8 with or without BOM, or GB18030; comma or tab; a header
// row in Chinese or English). One set of rules checks both, and an import answers every bad cell
// by its row so the organizer can fix the file and send it again (nothing is imported while any
// row is wrong).
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/policy.hpp"
#include "domain/result.hpp"

namespace iifund::domain {

inline constexpr int kMaxExpertLoad = 200;
inline constexpr int kDefaultExpertLoad = 10;
inline constexpr std::size_t kExpertNameMaxLength = 50;
inline constexpr std::size_t kExpertTitleMaxLength = 50;
inline constexpr std::size_t kExpertEmployerMaxLength = 100;
inline constexpr std::size_t kExpertMaxFields = 20;
inline constexpr std::size_t kExpertMaxDeclared = 200;

struct ExpertEntry {
  std::string name;
  std::string title;  // 职称, e.g. 高级工程师
  std::string employer_name;
  std::string employer_credit_code;  // empty when unknown; else a valid code, upper case
  std::string county_code;           // a division of the city, or empty for an expert from elsewhere
  std::vector<std::string> fields;  // 专业领域: category numbers, category/cluster/direction ids or names
  std::vector<std::string> declared;  // 回避企业: credit codes the expert must not review
  int max_load = kDefaultExpertLoad;
  std::string phone;
  bool active = true;
};

// One FieldError per bad field (paths name, title, employer_name, employer_credit_code,
// county_code, fields, declared[i], max_load, phone). Normalizes on the way: trims text, upper-cases
// credit codes, turns a county's name into its division code, drops repeated list entries.
std::vector<FieldError> check_expert_entry(ExpertEntry& entry, std::span<const County> counties);

// Splits a list cell: ；; | 、 ， and line breaks separate entries; blanks are dropped.
std::vector<std::string> split_list_cell(std::string_view cell);

// The file's bytes as UTF-8 text: a UTF-8 BOM is dropped, valid UTF-8 kept, anything else read as
// GB18030 (what Excel writes on a Chinese Windows). Refusal: 422 csv_encoding_unknown.
Result<std::string> decode_csv_bytes(std::string_view bytes);

struct CsvRowError {
  int row = 0;        // the line of the file as a spreadsheet numbers it: the header is row 1
  std::string field;  // a column's key (name, fields, …) or "" for the row itself
  std::string rule;
  nlohmann::json facts = nlohmann::json::object();
};

struct ExpertCsvRow {
  int row = 0;
  ExpertEntry entry;
};

struct ExpertCsv {
  int rows = 0;  // data rows read, empty rows not counted
  std::vector<ExpertCsvRow> entries;
  std::vector<CsvRowError> errors;  // in row order
};

// Reads a CSV text (after decode_csv_bytes). Header names (either language, any case):
//   姓名/name · 职称/title · 工作单位/employer_name · 单位信用代码/employer_credit_code ·
//   所在县区/county_code · 专业领域/fields · 回避企业/declared · 最大评审量/max_load · 手机/phone
// Only name is required; an unknown header, a missing name column, unbalanced quotes, a row with
// more cells than the header and every field rule of check_expert_entry are row errors. Rows whose
// cells are all blank are skipped.
ExpertCsv parse_expert_csv(std::string_view text, std::span<const County> counties);

}  // namespace iifund::domain
