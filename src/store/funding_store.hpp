#pragma once
// 资金安排: the funded list a confirmed selection writes (funded_projects: the selected amount,
// lowered by an upheld objection, then the approved 下达 amount) and the payments made against it
// (disbursements, 拨付).
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct FundedProjectRecord {
  long long application_id = 0;
  long long batch_id = 0;
  long long run_id = 0;
  int rank = 0;
  double score = 0;
  long long selected_fen = 0;
  std::optional<long long> approved_fen;
  std::optional<long long> approved_by;
  std::optional<std::string> approved_at;
  // Read only: the application and its enterprise, and what has been paid.
  std::string number;
  std::string project_name;
  std::string enterprise_name;
  std::string county_code;
  int category = 0;
  std::string state;
  long long disbursed_fen = 0;
};

void insert_funded_project(soci::session& sql, const FundedProjectRecord& project);
std::optional<FundedProjectRecord> find_funded_project(soci::session& sql, long long application_id);
// The batch's funded list in rank order.
std::vector<FundedProjectRecord> list_funded_projects(soci::session& sql, long long batch_id);
void set_selected_amount(soci::session& sql, long long application_id, long long selected_fen);
void set_approved_amount(soci::session& sql, long long application_id, long long approved_fen,
                         long long user_id, const std::string& at);

struct DisbursementRecord {
  long long id = 0;
  long long application_id = 0;
  long long amount_fen = 0;
  std::string paid_on;  // YYYY-MM-DD
  std::string voucher;
  std::string note;
  long long recorded_by = 0;
  std::string recorded_at;
};

long long insert_disbursement(soci::session& sql, const DisbursementRecord& payment);
// Oldest first.
std::vector<DisbursementRecord> list_disbursements(soci::session& sql, long long application_id);
long long disbursed_total(soci::session& sql, long long application_id);

}  // namespace iifund::store
