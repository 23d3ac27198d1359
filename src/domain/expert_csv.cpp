#include "domain/expert_csv.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <map>

#include "domain/credit_code.hpp"
#include "domain/enterprise_profile.hpp"
#include "domain/text.hpp"

namespace iifund::domain {

namespace {

std::string trim(std::string_view text) {
  constexpr std::string_view kBlank = " \t\r\n\v\f";
  auto first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(kBlank);
  std::string out(text.substr(first, last - first + 1));
  // A full-width space (U+3000) at either end is a blank too.
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (out.starts_with(kIdeographicSpace)) out.erase(0, kIdeographicSpace.size());
  while (out.ends_with(kIdeographicSpace)) out.erase(out.size() - kIdeographicSpace.size());
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void check_length(std::vector<FieldError>& errors, const char* field, const std::string& text,
                  std::size_t max_length) {
  if (code_points(text) > max_length) {
    errors.push_back({field, "too_long", {{"maximum", max_length}, {"length", code_points(text)}}});
  }
}

// The credit code's upper-case text, or the rule it fails.
std::optional<FieldError> check_credit_code(std::string& code, const std::string& field) {
  auto parsed = parse_credit_code(code);
  if (!parsed) {
    auto facts = parsed.problem().facts;
    facts["value"] = code;
    return FieldError{field, parsed.problem().code, facts};
  }
  code = parsed->text;
  return std::nullopt;
}

void keep_unique(std::vector<std::string>& items) {
  std::vector<std::string> seen;
  for (auto& item : items) {
    item = trim(item);
    if (!item.empty() && std::find(seen.begin(), seen.end(), item) == seen.end()) seen.push_back(item);
  }
  items = std::move(seen);
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    if (length == 2 && c < 0xC2) return false;  // overlong
    i += length;
  }
  return true;
}

std::optional<std::string> from_gb18030(std::string_view bytes) {
  iconv_t converter = iconv_open("UTF-8", "GB18030");
  if (converter == reinterpret_cast<iconv_t>(-1)) return std::nullopt;  // NOLINT(performance-no-int-to-ptr)
  std::string input(bytes);
  std::string output(bytes.size() * 2 + 16, '\0');
  char* in = input.data();
  std::size_t in_left = input.size();
  char* out = output.data();
  std::size_t out_left = output.size();
  std::size_t done = iconv(converter, &in, &in_left, &out, &out_left);
  iconv_close(converter);
  if (done == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  output.resize(output.size() - out_left);
  return output;
}

// ---------------------------------------------------------------- the CSV grammar (RFC 4180)

struct CsvRecord {
  int row = 0;
  std::vector<std::string> cells;
  std::string error;  // csv_quote_unterminated, csv_quote_misplaced
};

char detect_delimiter(std::string_view text) {
  auto end = text.find_first_of("\r\n");
  auto header = text.substr(0, end);
  auto tabs = std::count(header.begin(), header.end(), '\t');
  auto commas = std::count(header.begin(), header.end(), ',');
  return tabs > commas ? '\t' : ',';
}

std::vector<CsvRecord> read_records(std::string_view text, char delimiter) {
  enum class State { field_start, unquoted, quoted, after_quote };
  std::vector<CsvRecord> records;
  CsvRecord record{1, {}, {}};
  std::string cell;
  State state = State::field_start;
  auto fail = [&](const char* rule) {
    if (record.error.empty()) record.error = rule;
  };
  auto end_cell = [&] {
    record.cells.push_back(std::move(cell));
    cell.clear();
    state = State::field_start;
  };
  auto end_record = [&] {
    end_cell();
    int next = record.row + 1;
    records.push_back(std::move(record));
    record = CsvRecord{next, {}, {}};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool newline = c == '\n' || c == '\r';
    if (newline && c == '\r' && i + 1 < text.size() && text[i + 1] == '\n' && state != State::quoted) ++i;
    switch (state) {
      case State::quoted:
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell += '"';
            ++i;
          } else {
            state = State::after_quote;
          }
        } else {
          cell += c;
        }
        break;
      case State::field_start:
        if (c == '"') {
          state = State::quoted;
          break;
        }
        [[fallthrough]];
      case State::unquoted:
      case State::after_quote:
        if (c == delimiter) {
          end_cell();
        } else if (newline) {
          end_record();
        } else {
          if (c == '"' || state == State::after_quote) fail("csv_quote_misplaced");
          cell += c;
          state = State::unquoted;
        }
        break;
    }
  }
  if (state == State::quoted) fail("csv_quote_unterminated");
  if (state != State::field_start || !cell.empty() || !record.cells.empty()) end_record();
  return records;
}

// ---------------------------------------------------------------- columns

enum class Column {
  name,
  title,
  employer_name,
  employer_credit_code,
  county_code,
  fields,
  declared,
  max_load,
  phone
};

struct ColumnName {
  Column column;
  const char* key;
  std::array<const char*, 3> aliases;  // Chinese headers people write
};

constexpr ColumnName kColumns[] = {
    {Column::name, "name", {"姓名", "专家姓名", nullptr}},
    {Column::title, "title", {"职称", "职务", nullptr}},
    {Column::employer_name, "employer_name", {"工作单位", "单位", "单位名称"}},
    {Column::employer_credit_code,
     "employer_credit_code",
     {"单位信用代码", "统一社会信用代码", "单位统一社会信用代码"}},
    {Column::county_code, "county_code", {"所在县区", "县区", "所在地区"}},
    {Column::fields, "fields", {"专业领域", "领域", "专业"}},
    {Column::declared, "declared", {"回避企业", "回避单位", "回避"}},
    {Column::max_load, "max_load", {"最大评审量", "最大评审数", "评审上限"}},
    {Column::phone, "phone", {"手机", "手机号", "联系电话"}},
};

const ColumnName* column_named(const std::string& header) {
  const std::string key = lower_ascii(trim(header));
  for (const auto& column : kColumns) {
    if (key == column.key) return &column;
    for (const char* alias : column.aliases) {
      if (alias != nullptr && key == alias) return &column;
    }
  }
  return nullptr;
}

bool blank_record(const CsvRecord& record) {
  return std::all_of(record.cells.begin(), record.cells.end(),
                     [](const std::string& cell) { return trim(cell).empty(); });
}

// The entry of one row; a max_load that is not a whole number is the row's error.
ExpertEntry entry_of(const CsvRecord& record, const std::vector<const ColumnName*>& columns,
                     std::vector<FieldError>& errors) {
  ExpertEntry entry;
  for (std::size_t i = 0; i < columns.size() && i < record.cells.size(); ++i) {
    const std::string value = trim(record.cells[i]);
    switch (columns[i]->column) {
      case Column::name:
        entry.name = value;
        break;
      case Column::title:
        entry.title = value;
        break;
      case Column::employer_name:
        entry.employer_name = value;
        break;
      case Column::employer_credit_code:
        entry.employer_credit_code = value;
        break;
      case Column::county_code:
        entry.county_code = value;
        break;
      case Column::fields:
        entry.fields = split_list_cell(value);
        break;
      case Column::declared:
        entry.declared = split_list_cell(value);
        break;
      case Column::max_load: {
        if (value.empty()) break;
        int load = 0;
        auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), load);
        if (error != std::errc() || end != value.data() + value.size()) {
          errors.push_back(
              {"max_load", "max_load_range", {{"min", 0}, {"max", kMaxExpertLoad}, {"value", value}}});
          load = kDefaultExpertLoad;
        }
        entry.max_load = load;
        break;
      }
      case Column::phone:
        entry.phone = value;
        break;
    }
  }
  return entry;
}

}  // namespace

std::vector<std::string> split_list_cell(std::string_view cell) {
  // Multi-byte separators first become ';', then the cell splits on the single-byte ones.
  std::string text(cell);
  for (std::string_view wide : {"；", "、", "，", "｜"}) {
    for (auto at = text.find(wide); at != std::string::npos; at = text.find(wide, at + 1)) {
      text.replace(at, wide.size(), ";");
    }
  }
  std::vector<std::string> items;
  std::string current;
  auto flush = [&] {
    if (auto item = trim(current); !item.empty()) items.push_back(std::move(item));
    current.clear();
  };
  for (char c : text) {
    if (c == ';' || c == '|' || c == '\n' || c == '\r') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return items;
}

std::vector<FieldError> check_expert_entry(ExpertEntry& entry, std::span<const County> counties) {
  std::vector<FieldError> errors;
  entry.name = trim(entry.name);
  entry.title = trim(entry.title);
  entry.employer_name = trim(entry.employer_name);
  entry.employer_credit_code = trim(entry.employer_credit_code);
  entry.county_code = trim(entry.county_code);
  entry.phone = trim(entry.phone);
  if (entry.name.empty()) errors.push_back({"name", "required", nlohmann::json::object()});
  check_length(errors, "name", entry.name, kExpertNameMaxLength);
  check_length(errors, "title", entry.title, kExpertTitleMaxLength);
  check_length(errors, "employer_name", entry.employer_name, kExpertEmployerMaxLength);
  if (!entry.employer_credit_code.empty()) {
    if (auto bad = check_credit_code(entry.employer_credit_code, "employer_credit_code"))
      errors.push_back(*bad);
  }
  if (!entry.county_code.empty()) {
    auto known = std::find_if(counties.begin(), counties.end(), [&](const County& county) {
      return county.division_code == entry.county_code || county.name.zh == entry.county_code ||
             lower_ascii(county.name.en) == lower_ascii(entry.county_code);
    });
    if (known == counties.end()) {
      errors.push_back({"county_code", "county_unknown", {{"county_code", entry.county_code}}});
    } else {
      entry.county_code = known->division_code;
    }
  }
  keep_unique(entry.fields);
  if (entry.fields.empty()) errors.push_back({"fields", "required", nlohmann::json::object()});
  if (entry.fields.size() > kExpertMaxFields) {
    errors.push_back({"fields", "too_many", {{"max", kExpertMaxFields}}});
  }
  for (auto& field : entry.fields) check_length(errors, "fields", field, kExpertEmployerMaxLength);
  keep_unique(entry.declared);
  if (entry.declared.size() > kExpertMaxDeclared) {
    errors.push_back({"declared", "too_many", {{"max", kExpertMaxDeclared}}});
  }
  for (std::size_t i = 0; i < entry.declared.size(); ++i) {
    if (auto bad = check_credit_code(entry.declared[i], "declared[" + std::to_string(i) + "]")) {
      errors.push_back(*bad);
    }
  }
  keep_unique(entry.declared);  // "91…x" and "91…X" are the same code
  if (entry.max_load < 0 || entry.max_load > kMaxExpertLoad) {
    errors.push_back(
        {"max_load", "max_load_range", {{"min", 0}, {"max", kMaxExpertLoad}, {"value", entry.max_load}}});
  }
  if (!entry.phone.empty() && !is_mainland_phone(entry.phone)) {
    errors.push_back({"phone", "phone_mainland", {{"value", entry.phone}}});
  }
  return errors;
}

Result<std::string> decode_csv_bytes(std::string_view bytes) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  if (valid_utf8(bytes)) return std::string(bytes);
  if (auto converted = from_gb18030(bytes)) return std::move(*converted);
  return make_problem("csv_encoding_unknown", 422);
}

ExpertCsv parse_expert_csv(std::string_view text, std::span<const County> counties) {
  ExpertCsv out;
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  auto records = read_records(text, detect_delimiter(text));
  // The header: the first record that is not blank.
  auto header =
      std::find_if(records.begin(), records.end(), [](const CsvRecord& r) { return !blank_record(r); });
  if (header == records.end()) {
    out.errors.push_back({1, "", "csv_empty", nlohmann::json::object()});
    return out;
  }
  std::vector<const ColumnName*> columns;
  std::map<std::string, int> seen;
  bool header_ok = header->error.empty();
  if (!header->error.empty())
    out.errors.push_back({header->row, "", header->error, nlohmann::json::object()});
  for (const auto& cell : header->cells) {
    const ColumnName* column = column_named(cell);
    if (column == nullptr) {
      out.errors.push_back({header->row, trim(cell), "csv_header_unknown", {{"header", trim(cell)}}});
      header_ok = false;
      continue;
    }
    if (seen[column->key]++ > 0) {
      out.errors.push_back({header->row, column->key, "csv_header_repeated", {{"header", trim(cell)}}});
      header_ok = false;
    }
    columns.push_back(column);
  }
  if (seen.count("name") == 0) {
    out.errors.push_back({header->row, "name", "csv_header_missing", {{"header", "姓名/name"}}});
    header_ok = false;
  }
  if (!header_ok) return out;
  for (auto record = header + 1; record != records.end(); ++record) {
    if (blank_record(*record) && record->error.empty()) continue;
    ++out.rows;
    if (!record->error.empty()) {
      out.errors.push_back({record->row, "", record->error, nlohmann::json::object()});
      continue;
    }
    if (record->cells.size() > columns.size()) {
      bool extra_blank =
          std::all_of(record->cells.begin() + static_cast<std::ptrdiff_t>(columns.size()),
                      record->cells.end(), [](const std::string& c) { return trim(c).empty(); });
      if (!extra_blank) {
        out.errors.push_back({record->row,
                              "",
                              "csv_too_many_cells",
                              {{"cells", record->cells.size()}, {"columns", columns.size()}}});
        continue;
      }
    }
    std::vector<FieldError> errors;
    ExpertEntry entry = entry_of(*record, columns, errors);
    for (auto& error : check_expert_entry(entry, counties)) {
      bool repeated = std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) {
        return e.field == error.field && e.rule == error.rule;
      });
      if (!repeated) errors.push_back(std::move(error));
    }
    for (auto& error : errors) {
      out.errors.push_back(
          {record->row, std::move(error.field), std::move(error.rule), std::move(error.facts)});
    }
    if (errors.empty()) out.entries.push_back({record->row, std::move(entry)});
  }
  return out;
}

}  // namespace iifund::domain
