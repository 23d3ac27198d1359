#include "store/enterprise_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kEnterpriseColumns =
    "SELECT id, credit_code, name, county_code, contact_name, contact_phone, verified, verified_at, "
    "verification_note, is_demo, created_at, profile_json, profile_updated_at, version FROM enterprises ";

EnterpriseRecord read_enterprise(const soci::row& row) {
  EnterpriseRecord enterprise;
  enterprise.id = row_integer(row, 0);
  enterprise.credit_code = row.get<std::string>(1);
  enterprise.name = row.get<std::string>(2);
  enterprise.county_code = row.get<std::string>(3);
  enterprise.contact_name = row.get<std::string>(4);
  enterprise.contact_phone = row.get<std::string>(5);
  enterprise.verified = row_integer(row, 6) != 0;
  enterprise.verified_at = row_optional_text(row, 7);
  enterprise.verification_note = row_optional_text(row, 8);
  enterprise.is_demo = row_integer(row, 9) != 0;
  enterprise.created_at = row.get<std::string>(10);
  enterprise.profile_json = row.get<std::string>(11);
  enterprise.profile_updated_at = row_optional_text(row, 12);
  enterprise.version = row_integer(row, 13);
  return enterprise;
}

long long insert_row(soci::session& sql, const EnterpriseRecord& enterprise, const std::string& now) {
  int verified = enterprise.verified ? 1 : 0;
  int is_demo = enterprise.is_demo ? 1 : 0;
  std::string verified_at = enterprise.verified ? now : "";
  soci::indicator verified_ind = enterprise.verified ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO enterprises (credit_code, name, county_code, contact_name, contact_phone, verified, "
         "verified_at, is_demo, created_at) VALUES (:c, :n, :county, :cn, :cp, :v, :va, :d, :t)",
      soci::use(enterprise.credit_code), soci::use(enterprise.name), soci::use(enterprise.county_code),
      soci::use(enterprise.contact_name), soci::use(enterprise.contact_phone), soci::use(verified),
      soci::use(verified_at, verified_ind), soci::use(is_demo), soci::use(now);
  return find_enterprise_by_credit_code(sql, enterprise.credit_code)->id;
}

}  // namespace

std::optional<EnterpriseRecord> find_enterprise(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kEnterpriseColumns) + "WHERE id = :id", soci::use(id));
  for (const auto& row : rows) return read_enterprise(row);
  return std::nullopt;
}

std::optional<EnterpriseRecord> find_enterprise_by_credit_code(soci::session& sql, const std::string& code) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kEnterpriseColumns) + "WHERE credit_code = :c", soci::use(code));
  for (const auto& row : rows) return read_enterprise(row);
  return std::nullopt;
}

domain::Result<long long> insert_enterprise(soci::session& sql, const EnterpriseRecord& enterprise,
                                            const std::string& now) {
  if (find_enterprise_by_credit_code(sql, enterprise.credit_code)) {
    return domain::make_problem("enterprise_exists", 409, {{"credit_code", enterprise.credit_code}});
  }
  return insert_row(sql, enterprise, now);
}

domain::Result<long long> save_demo_enterprise(soci::session& sql, const EnterpriseRecord& enterprise,
                                               const std::string& now) {
  auto existing = find_enterprise_by_credit_code(sql, enterprise.credit_code);
  if (!existing) return insert_row(sql, enterprise, now);
  if (!existing->is_demo) {
    return domain::make_problem("enterprise_exists", 409, {{"credit_code", enterprise.credit_code}});
  }
  int verified = enterprise.verified ? 1 : 0;
  sql << "UPDATE enterprises SET name = :n, county_code = :c, contact_name = :cn, contact_phone = :cp, "
         "verified = :v, version = version + 1 WHERE id = :id",
      soci::use(enterprise.name), soci::use(enterprise.county_code), soci::use(enterprise.contact_name),
      soci::use(enterprise.contact_phone), soci::use(verified), soci::use(existing->id);
  return existing->id;
}

std::vector<EnterpriseRecord> list_county_enterprises(soci::session& sql, const std::string& county_code,
                                                      std::optional<bool> verified) {
  std::vector<EnterpriseRecord> enterprises;
  std::string query = std::string(kEnterpriseColumns) + "WHERE county_code = :c";
  int wanted = verified.value_or(false) ? 1 : 0;
  if (verified) {
    soci::rowset<soci::row> rows =
        (sql.prepare << query + " AND verified = :v ORDER BY id", soci::use(county_code), soci::use(wanted));
    for (const auto& row : rows) enterprises.push_back(read_enterprise(row));
  } else {
    soci::rowset<soci::row> rows = (sql.prepare << query + " ORDER BY id", soci::use(county_code));
    for (const auto& row : rows) enterprises.push_back(read_enterprise(row));
  }
  return enterprises;
}

bool update_enterprise_profile(soci::session& sql, long long id, long long expected_version,
                               const std::string& profile_json, const std::string& now) {
  soci::statement update =
      (sql.prepare << "UPDATE enterprises SET profile_json = :p, profile_updated_at = :t, "
                      "version = version + 1 WHERE id = :id AND version = :v",
       soci::use(profile_json), soci::use(now), soci::use(id), soci::use(expected_version));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

void mark_enterprise_verified(soci::session& sql, long long id, long long officer_id, const std::string& note,
                              const std::string& now) {
  sql << "UPDATE enterprises SET verified = 1, verified_by = :o, verified_at = :t, verification_note = :n, "
         "version = version + 1 WHERE id = :id",
      soci::use(officer_id), soci::use(now), soci::use(note), soci::use(id);
}

}  // namespace iifund::store
