#include "store/schedule_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

StageDeadline read_deadline(const soci::row& row) {
  StageDeadline deadline;
  deadline.batch_id = row_integer(row, 0);
  deadline.stage = row.get<std::string>(1);
  deadline.due_at = row.get<std::string>(2);
  deadline.set_by = row_integer(row, 3);
  deadline.set_at = row.get<std::string>(4);
  return deadline;
}

constexpr const char* kDeadlineColumns =
    "SELECT batch_id, stage, due_at, set_by, set_at FROM stage_deadlines ";

}  // namespace

std::vector<StageDeadline> list_stage_deadlines(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDeadlineColumns) + "WHERE batch_id = :b ORDER BY stage",
       soci::use(batch_id));
  std::vector<StageDeadline> deadlines;
  for (const auto& row : rows) deadlines.push_back(read_deadline(row));
  return deadlines;
}

std::optional<StageDeadline> find_stage_deadline(soci::session& sql, long long batch_id,
                                                 const std::string& stage) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDeadlineColumns) + "WHERE batch_id = :b AND stage = :s",
       soci::use(batch_id), soci::use(stage));
  for (const auto& row : rows) return read_deadline(row);
  return std::nullopt;
}

void save_stage_deadline(soci::session& sql, const StageDeadline& deadline) {
  sql << "DELETE FROM stage_deadlines WHERE batch_id = :b AND stage = :s", soci::use(deadline.batch_id),
      soci::use(deadline.stage);
  sql << "INSERT INTO stage_deadlines (batch_id, stage, due_at, set_by, set_at) VALUES (:b, :s, :d, :by, "
         ":at)",
      soci::use(deadline.batch_id), soci::use(deadline.stage), soci::use(deadline.due_at),
      soci::use(deadline.set_by), soci::use(deadline.set_at);
}

void insert_deadline_extension(soci::session& sql, const DeadlineExtension& extension) {
  sql << "INSERT INTO deadline_extensions (batch_id, stage, previous_due_at, new_due_at, reason, "
         "extended_by, "
         "extended_at) VALUES (:b, :s, :p, :n, :r, :by, :at)",
      soci::use(extension.batch_id), soci::use(extension.stage), soci::use(extension.previous_due_at),
      soci::use(extension.new_due_at), soci::use(extension.reason), soci::use(extension.extended_by),
      soci::use(extension.extended_at);
}

std::vector<DeadlineExtension> list_deadline_extensions(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT x.id, x.batch_id, x.stage, x.previous_due_at, x.new_due_at, x.reason, x.extended_by, "
              "u.display_name, x.extended_at FROM deadline_extensions x JOIN users u ON u.id = x.extended_by "
              "WHERE x.batch_id = :b ORDER BY x.id",
       soci::use(batch_id));
  std::vector<DeadlineExtension> extensions;
  for (const auto& row : rows) {
    DeadlineExtension extension;
    extension.id = row_integer(row, 0);
    extension.batch_id = row_integer(row, 1);
    extension.stage = row.get<std::string>(2);
    extension.previous_due_at = row.get<std::string>(3);
    extension.new_due_at = row.get<std::string>(4);
    extension.reason = row.get<std::string>(5);
    extension.extended_by = row_integer(row, 6);
    extension.extended_by_name = row.get<std::string>(7);
    extension.extended_at = row.get<std::string>(8);
    extensions.push_back(std::move(extension));
  }
  return extensions;
}

std::vector<StageDeadline> deadlines_due_between(soci::session& sql, const std::string& stage,
                                                 const std::string& from, const std::string& to) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDeadlineColumns) +
                          "WHERE stage = :s AND due_at >= :f AND due_at < :t ORDER BY batch_id",
       soci::use(stage), soci::use(from), soci::use(to));
  std::vector<StageDeadline> deadlines;
  for (const auto& row : rows) deadlines.push_back(read_deadline(row));
  return deadlines;
}

long long open_county_work(soci::session& sql, long long batch_id, const std::string& county_code) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM applications WHERE batch_id = :b AND county_code = :c AND state = 'submitted'",
      soci::use(batch_id), soci::use(county_code), soci::into(count);
  return count;
}

long long open_formal_check_work(soci::session& sql, long long batch_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM applications WHERE batch_id = :b AND state = 'county_recommended'",
      soci::use(batch_id), soci::into(count);
  return count;
}

long long open_review_sheets(soci::session& sql, long long batch_id, long long expert_user_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM review_assignments r JOIN experts x ON x.id = r.expert_id "
         "JOIN applications a ON a.id = r.application_id "
         "LEFT JOIN review_scores s ON s.assignment_id = r.id "
         "WHERE x.user_id = :u AND a.batch_id = :b AND r.state = 'active' "
         "AND (s.state IS NULL OR s.state <> 'submitted')",
      soci::use(expert_user_id), soci::use(batch_id), soci::into(count);
  return count;
}

}  // namespace iifund::store
