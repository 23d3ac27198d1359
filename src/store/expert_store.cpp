#include "store/expert_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kExpertColumns =
    "SELECT x.id, x.name, x.title, x.employer_name, x.employer_credit_code, x.county_code, x.fields_json, "
    "x.declared_json, x.max_load, x.active, x.phone, x.user_id, u.username, x.version, x.created_at, "
    "x.updated_at FROM experts x LEFT JOIN users u ON u.id = x.user_id ";

std::vector<std::string> string_list(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> items;
  if (!parsed.is_array()) return items;
  for (const auto& item : parsed) {
    if (item.is_string()) items.push_back(item.get<std::string>());
  }
  return items;
}

ExpertRecord read_expert(const soci::row& row) {
  ExpertRecord x;
  x.id = row_integer(row, 0);
  x.name = row.get<std::string>(1);
  x.title = row.get<std::string>(2);
  x.employer_name = row.get<std::string>(3);
  x.employer_credit_code = row.get<std::string>(4);
  x.county_code = row.get<std::string>(5);
  x.fields = string_list(row.get<std::string>(6));
  x.declared = string_list(row.get<std::string>(7));
  x.max_load = static_cast<int>(row_integer(row, 8));
  x.active = row_integer(row, 9) != 0;
  x.phone = row.get<std::string>(10);
  if (row.get_indicator(11) == soci::i_ok) x.user_id = row_integer(row, 11);
  x.username = row_optional_text(row, 12);
  x.version = static_cast<int>(row_integer(row, 13));
  x.created_at = row.get<std::string>(14);
  x.updated_at = row.get<std::string>(15);
  return x;
}

std::optional<ExpertRecord> first_expert(soci::rowset<soci::row>& rows) {
  for (const auto& row : rows) return read_expert(row);
  return std::nullopt;
}

bool contains_text(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

long long insert_expert(soci::session& sql, const ExpertRecord& expert, const std::string& now) {
  const std::string fields = nlohmann::json(expert.fields).dump();
  const std::string declared = nlohmann::json(expert.declared).dump();
  const int active = expert.active ? 1 : 0;
  sql << "INSERT INTO experts (name, title, employer_name, employer_credit_code, county_code, fields_json, "
         "declared_json, max_load, active, phone, created_at, updated_at) "
         "VALUES (:n, :t, :en, :ec, :c, :f, :d, :m, :a, :p, :ca, :ua)",
      soci::use(expert.name), soci::use(expert.title), soci::use(expert.employer_name),
      soci::use(expert.employer_credit_code), soci::use(expert.county_code), soci::use(fields),
      soci::use(declared), soci::use(expert.max_load), soci::use(active), soci::use(expert.phone),
      soci::use(now), soci::use(now);
  return last_insert_id(sql, "experts");
}

bool update_expert(soci::session& sql, const ExpertRecord& expert, int expected_version,
                   const std::string& now) {
  const std::string fields = nlohmann::json(expert.fields).dump();
  const std::string declared = nlohmann::json(expert.declared).dump();
  const int active = expert.active ? 1 : 0;
  soci::statement update =
      (sql.prepare
           << "UPDATE experts SET name = :n, title = :t, employer_name = :en, employer_credit_code = :ec, "
              "county_code = :c, fields_json = :f, declared_json = :d, max_load = :m, active = :a, "
              "phone = :p, version = version + 1, updated_at = :ua WHERE id = :id AND version = :v",
       soci::use(expert.name), soci::use(expert.title), soci::use(expert.employer_name),
       soci::use(expert.employer_credit_code), soci::use(expert.county_code), soci::use(fields),
       soci::use(declared), soci::use(expert.max_load), soci::use(active), soci::use(expert.phone),
       soci::use(now), soci::use(expert.id), soci::use(expected_version));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

std::optional<ExpertRecord> find_expert(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kExpertColumns) + "WHERE x.id = :id", soci::use(id));
  return first_expert(rows);
}

std::optional<ExpertRecord> find_expert_of_user(soci::session& sql, long long user_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kExpertColumns) + "WHERE x.user_id = :u", soci::use(user_id));
  return first_expert(rows);
}

std::optional<ExpertRecord> find_expert_by_name(soci::session& sql, const std::string& name) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kExpertColumns) + "WHERE x.name = :n ORDER BY x.id", soci::use(name));
  return first_expert(rows);
}

std::vector<ExpertRecord> list_experts(soci::session& sql, const ExpertQuery& query) {
  // The pool is hundreds of rows: the filters run here, the same on both backends.
  std::vector<ExpertRecord> experts;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kExpertColumns) + "ORDER BY x.id");
  for (const auto& row : rows) {
    auto x = read_expert(row);
    if (query.active && x.active != *query.active) continue;
    if (!query.field.empty() && std::find(x.fields.begin(), x.fields.end(), query.field) == x.fields.end()) {
      continue;
    }
    if (!query.text.empty() && !contains_text(x.name, query.text) &&
        !contains_text(x.employer_name, query.text) && !contains_text(x.title, query.text) &&
        !contains_text(x.phone, query.text) && !contains_text(x.employer_credit_code, query.text)) {
      continue;
    }
    experts.push_back(std::move(x));
  }
  return experts;
}

bool link_expert_user(soci::session& sql, long long expert_id, long long user_id, const std::string& now) {
  soci::statement update =
      (sql.prepare << "UPDATE experts SET user_id = :u, version = version + 1, updated_at = :t "
                      "WHERE id = :id AND user_id IS NULL",
       soci::use(user_id), soci::use(now), soci::use(expert_id));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

void unlink_expert_user(soci::session& sql, long long user_id) {
  sql << "UPDATE experts SET user_id = NULL WHERE user_id = :u", soci::use(user_id);
}

}  // namespace iifund::store
