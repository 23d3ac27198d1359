#include "store/formal_check_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kCheckColumns =
    "SELECT f.id, f.application_id, f.round, f.revision, f.outcome, f.checklist_json, f.reason, "
    "f.checked_by, "
    "u.display_name, f.checked_at FROM formal_checks f JOIN users u ON u.id = f.checked_by ";

FormalCheckRecord read_check(const soci::row& row) {
  FormalCheckRecord check;
  check.id = row_integer(row, 0);
  check.application_id = row_integer(row, 1);
  check.round = row.get<std::string>(2);
  check.revision = static_cast<int>(row_integer(row, 3));
  check.outcome = row.get<std::string>(4);
  check.checklist_json = row.get<std::string>(5);
  check.reason = row.get<std::string>(6);
  check.checked_by = row_integer(row, 7);
  check.checked_by_name = row.get<std::string>(8);
  check.checked_at = row.get<std::string>(9);
  return check;
}

RecheckSample read_sample(const soci::row& row) {
  RecheckSample sample;
  sample.application_id = row_integer(row, 0);
  sample.batch_id = row_integer(row, 1);
  sample.share_percent = static_cast<int>(row_integer(row, 2));
  sample.drawn_by = row_integer(row, 3);
  sample.drawn_at = row.get<std::string>(4);
  sample.number = row_optional_text(row, 5).value_or("");
  return sample;
}

constexpr const char* kSampleColumns =
    "SELECT s.application_id, s.batch_id, s.share_percent, s.drawn_by, s.drawn_at, a.number "
    "FROM formal_recheck_samples s JOIN applications a ON a.id = s.application_id ";

}  // namespace

void insert_formal_check(soci::session& sql, const FormalCheckRecord& check) {
  sql << "INSERT INTO formal_checks (application_id, round, revision, outcome, checklist_json, reason, "
         "checked_by, checked_at) VALUES (:a, :r, :v, :o, :c, :why, :by, :at)",
      soci::use(check.application_id), soci::use(check.round), soci::use(check.revision),
      soci::use(check.outcome), soci::use(check.checklist_json), soci::use(check.reason),
      soci::use(check.checked_by), soci::use(check.checked_at);
}

std::vector<FormalCheckRecord> list_formal_checks(soci::session& sql, long long application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kCheckColumns) + "WHERE f.application_id = :a ORDER BY f.id",
       soci::use(application_id));
  std::vector<FormalCheckRecord> checks;
  for (const auto& row : rows) checks.push_back(read_check(row));
  return checks;
}

std::optional<FormalCheckRecord> latest_formal_check(soci::session& sql, long long application_id,
                                                     const std::string& round) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kCheckColumns) +
                          "WHERE f.application_id = :a AND f.round = :r ORDER BY f.id DESC LIMIT 1",
       soci::use(application_id), soci::use(round));
  for (const auto& row : rows) return read_check(row);
  return std::nullopt;
}

std::vector<long long> recheck_candidates(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.id FROM applications a WHERE a.batch_id = :b "
                      "AND EXISTS (SELECT 1 FROM formal_checks f WHERE f.application_id = a.id AND f.round = "
                      "'first') "
                      "AND NOT EXISTS (SELECT 1 FROM formal_recheck_samples s WHERE s.application_id = a.id) "
                      "ORDER BY a.id",
       soci::use(batch_id));
  std::vector<long long> ids;
  for (const auto& row : rows) ids.push_back(row_integer(row, 0));
  return ids;
}

void insert_recheck_sample(soci::session& sql, const RecheckSample& sample) {
  sql << "INSERT INTO formal_recheck_samples (application_id, batch_id, share_percent, drawn_by, drawn_at) "
         "VALUES (:a, :b, :s, :by, :at)",
      soci::use(sample.application_id), soci::use(sample.batch_id), soci::use(sample.share_percent),
      soci::use(sample.drawn_by), soci::use(sample.drawn_at);
}

std::optional<RecheckSample> find_recheck_sample(soci::session& sql, long long application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSampleColumns) + "WHERE s.application_id = :a", soci::use(application_id));
  for (const auto& row : rows) return read_sample(row);
  return std::nullopt;
}

std::vector<RecheckSample> list_recheck_samples(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSampleColumns) + "WHERE s.batch_id = :b ORDER BY s.application_id",
       soci::use(batch_id));
  std::vector<RecheckSample> samples;
  for (const auto& row : rows) samples.push_back(read_sample(row));
  return samples;
}

std::vector<std::string> other_live_applications(soci::session& sql, long long enterprise_id, int category,
                                                 long long except_application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT number FROM applications WHERE enterprise_id = :e AND category = :c AND id <> :a "
              "AND submitted_at IS NOT NULL AND state NOT IN ('draft', 'withdrawn', 'county_declined', "
              "'formal_check_failed', 'not_selected', 'objection_upheld', 'approved') ORDER BY id",
       soci::use(enterprise_id), soci::use(category), soci::use(except_application_id));
  std::vector<std::string> numbers;
  for (const auto& row : rows) numbers.push_back(row_optional_text(row, 0).value_or(""));
  return numbers;
}

}  // namespace iifund::store
