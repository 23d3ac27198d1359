#include "store/funding_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kFundedColumns =
    "SELECT f.application_id, f.batch_id, f.run_id, f.rank, f.score, f.selected_fen, f.approved_fen, "
    "f.approved_by, f.approved_at, a.number, a.project_name, e.name, a.county_code, a.category, a.state, "
    "(SELECT CAST(COALESCE(SUM(d.amount_fen), 0) AS BIGINT) FROM disbursements d "
    "WHERE d.application_id = f.application_id) "
    "FROM funded_projects f JOIN applications a ON a.id = f.application_id "
    "JOIN enterprises e ON e.id = a.enterprise_id ";

FundedProjectRecord read_funded(const soci::row& row) {
  FundedProjectRecord project;
  project.application_id = row_integer(row, 0);
  project.batch_id = row_integer(row, 1);
  project.run_id = row_integer(row, 2);
  project.rank = static_cast<int>(row_integer(row, 3));
  project.score = row_real(row, 4);
  project.selected_fen = row_integer(row, 5);
  if (row.get_indicator(6) == soci::i_ok) project.approved_fen = row_integer(row, 6);
  if (row.get_indicator(7) == soci::i_ok) project.approved_by = row_integer(row, 7);
  project.approved_at = row_optional_text(row, 8);
  project.number = row_optional_text(row, 9).value_or("");
  project.project_name = row.get<std::string>(10);
  project.enterprise_name = row.get<std::string>(11);
  project.county_code = row.get<std::string>(12);
  project.category = static_cast<int>(row_integer(row, 13));
  project.state = row.get<std::string>(14);
  project.disbursed_fen = row_integer(row, 15);
  return project;
}

}  // namespace

void insert_funded_project(soci::session& sql, const FundedProjectRecord& project) {
  sql << "INSERT INTO funded_projects (application_id, batch_id, run_id, rank, score, selected_fen) "
         "VALUES (:a, :b, :r, :k, :s, :f)",
      soci::use(project.application_id), soci::use(project.batch_id), soci::use(project.run_id),
      soci::use(project.rank), soci::use(project.score), soci::use(project.selected_fen);
}

std::optional<FundedProjectRecord> find_funded_project(soci::session& sql, long long application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kFundedColumns) + "WHERE f.application_id = :a", soci::use(application_id));
  for (const auto& row : rows) return read_funded(row);
  return std::nullopt;
}

std::vector<FundedProjectRecord> list_funded_projects(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kFundedColumns) + "WHERE f.batch_id = :b ORDER BY f.rank, f.application_id",
       soci::use(batch_id));
  std::vector<FundedProjectRecord> projects;
  for (const auto& row : rows) projects.push_back(read_funded(row));
  return projects;
}

void set_selected_amount(soci::session& sql, long long application_id, long long selected_fen) {
  sql << "UPDATE funded_projects SET selected_fen = :f WHERE application_id = :a", soci::use(selected_fen),
      soci::use(application_id);
}

void set_approved_amount(soci::session& sql, long long application_id, long long approved_fen,
                         long long user_id, const std::string& at) {
  sql << "UPDATE funded_projects SET approved_fen = :f, approved_by = :u, approved_at = :at WHERE "
         "application_id = :a",
      soci::use(approved_fen), soci::use(user_id), soci::use(at), soci::use(application_id);
}

long long insert_disbursement(soci::session& sql, const DisbursementRecord& payment) {
  sql << "INSERT INTO disbursements (application_id, amount_fen, paid_on, voucher, note, recorded_by, "
         "recorded_at) "
         "VALUES (:a, :f, :d, :v, :n, :u, :at)",
      soci::use(payment.application_id), soci::use(payment.amount_fen), soci::use(payment.paid_on),
      soci::use(payment.voucher), soci::use(payment.note), soci::use(payment.recorded_by),
      soci::use(payment.recorded_at);
  return last_insert_id(sql, "disbursements");
}

std::vector<DisbursementRecord> list_disbursements(soci::session& sql, long long application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT id, application_id, amount_fen, paid_on, voucher, note, recorded_by, recorded_at "
              "FROM disbursements WHERE application_id = :a ORDER BY id",
       soci::use(application_id));
  std::vector<DisbursementRecord> payments;
  for (const auto& row : rows) {
    DisbursementRecord payment;
    payment.id = row_integer(row, 0);
    payment.application_id = row_integer(row, 1);
    payment.amount_fen = row_integer(row, 2);
    payment.paid_on = row.get<std::string>(3);
    payment.voucher = row.get<std::string>(4);
    payment.note = row.get<std::string>(5);
    payment.recorded_by = row_integer(row, 6);
    payment.recorded_at = row.get<std::string>(7);
    payments.push_back(std::move(payment));
  }
  return payments;
}

long long disbursed_total(soci::session& sql, long long application_id) {
  long long total = 0;
  sql << "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) FROM disbursements WHERE application_id = :a",
      soci::use(application_id), soci::into(total);
  return total;
}

}  // namespace iifund::store
