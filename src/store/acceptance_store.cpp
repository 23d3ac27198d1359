#include "store/acceptance_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

std::optional<AcceptanceRecord> find_acceptance(soci::session& sql, long long application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT application_id, actual_investment_fen, targets_json, report, state, conclusion, "
              "concluded_by, concluded_at, version, updated_at FROM acceptances WHERE application_id = :a",
       soci::use(application_id));
  for (const auto& row : rows) {
    AcceptanceRecord acceptance;
    acceptance.application_id = row_integer(row, 0);
    if (row.get_indicator(1) != soci::i_null) acceptance.actual_investment_fen = row_integer(row, 1);
    acceptance.targets_json = row.get<std::string>(2);
    acceptance.report = row.get<std::string>(3);
    acceptance.state = row.get<std::string>(4);
    acceptance.conclusion = row.get<std::string>(5);
    if (row.get_indicator(6) != soci::i_null) acceptance.concluded_by = row_integer(row, 6);
    acceptance.concluded_at = row_optional_text(row, 7);
    acceptance.version = static_cast<int>(row_integer(row, 8));
    acceptance.updated_at = row.get<std::string>(9);
    return acceptance;
  }
  return std::nullopt;
}

void insert_acceptance(soci::session& sql, const AcceptanceRecord& acceptance) {
  long long actual = acceptance.actual_investment_fen.value_or(0);
  soci::indicator actual_indicator = acceptance.actual_investment_fen ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO acceptances (application_id, actual_investment_fen, targets_json, report, state, "
         "conclusion, "
         "version, updated_at) VALUES (:a, :i, :t, :r, :s, :c, 1, :at)",
      soci::use(acceptance.application_id), soci::use(actual, actual_indicator),
      soci::use(acceptance.targets_json), soci::use(acceptance.report), soci::use(acceptance.state),
      soci::use(acceptance.conclusion), soci::use(acceptance.updated_at);
}

bool update_acceptance(soci::session& sql, const AcceptanceRecord& acceptance, int expected_version) {
  long long actual = acceptance.actual_investment_fen.value_or(0);
  soci::indicator actual_indicator = acceptance.actual_investment_fen ? soci::i_ok : soci::i_null;
  long long concluded_by = acceptance.concluded_by.value_or(0);
  soci::indicator by_indicator = acceptance.concluded_by ? soci::i_ok : soci::i_null;
  OptionalText concluded_at(acceptance.concluded_at);
  soci::statement update =
      (sql.prepare << "UPDATE acceptances SET actual_investment_fen = :i, targets_json = :t, report = :r, "
                      "state = :s, conclusion = :c, concluded_by = :cb, concluded_at = :ca, "
                      "version = version + 1, updated_at = :at WHERE application_id = :a AND version = :v",
       soci::use(actual, actual_indicator), soci::use(acceptance.targets_json), soci::use(acceptance.report),
       soci::use(acceptance.state), soci::use(acceptance.conclusion), soci::use(concluded_by, by_indicator),
       soci::use(concluded_at.text, concluded_at.indicator), soci::use(acceptance.updated_at),
       soci::use(acceptance.application_id), soci::use(expected_version));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

}  // namespace iifund::store
