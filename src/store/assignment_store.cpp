#include "store/assignment_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kRunColumns =
    "SELECT id, batch_id, category, state, options_json, statistics_json, created_by, created_at, "
    "confirmed_by, "
    "confirmed_at FROM assignment_runs ";

constexpr const char* kSlotColumns =
    "SELECT s.id, s.run_id, s.application_id, s.expert_id, s.state, s.reason, s.replaces_id, s.created_at, "
    "s.updated_at FROM review_assignments s ";

AssignmentRunRecord read_run(const soci::row& row) {
  AssignmentRunRecord run;
  run.id = row_integer(row, 0);
  run.batch_id = row_integer(row, 1);
  if (row.get_indicator(2) == soci::i_ok) run.category = static_cast<int>(row_integer(row, 2));
  run.state = row.get<std::string>(3);
  run.options_json = row.get<std::string>(4);
  run.statistics_json = row.get<std::string>(5);
  run.created_by = row_integer(row, 6);
  run.created_at = row.get<std::string>(7);
  if (row.get_indicator(8) == soci::i_ok) run.confirmed_by = row_integer(row, 8);
  run.confirmed_at = row_optional_text(row, 9);
  return run;
}

AssignmentSlot read_slot(const soci::row& row) {
  AssignmentSlot slot;
  slot.id = row_integer(row, 0);
  slot.run_id = row_integer(row, 1);
  slot.application_id = row_integer(row, 2);
  slot.expert_id = row_integer(row, 3);
  slot.state = row.get<std::string>(4);
  slot.reason = row.get<std::string>(5);
  if (row.get_indicator(6) == soci::i_ok) slot.replaces_id = row_integer(row, 6);
  slot.created_at = row.get<std::string>(7);
  slot.updated_at = row.get<std::string>(8);
  return slot;
}

std::vector<AssignmentSlot> read_slots(soci::rowset<soci::row>& rows) {
  std::vector<AssignmentSlot> slots;
  for (const auto& row : rows) slots.push_back(read_slot(row));
  return slots;
}

}  // namespace

long long insert_assignment_run(soci::session& sql, const AssignmentRunRecord& run) {
  int category = run.category.value_or(0);
  soci::indicator category_indicator = run.category ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO assignment_runs (batch_id, category, state, options_json, statistics_json, created_by, "
         "created_at) VALUES (:b, :c, :s, :o, :st, :cb, :ca)",
      soci::use(run.batch_id), soci::use(category, category_indicator), soci::use(run.state),
      soci::use(run.options_json), soci::use(run.statistics_json), soci::use(run.created_by),
      soci::use(run.created_at);
  return last_insert_id(sql, "assignment_runs");
}

std::optional<AssignmentRunRecord> find_assignment_run(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kRunColumns) + "WHERE id = :id", soci::use(id));
  for (const auto& row : rows) return read_run(row);
  return std::nullopt;
}

void set_run_statistics(soci::session& sql, long long run_id, const std::string& statistics_json) {
  sql << "UPDATE assignment_runs SET statistics_json = :s WHERE id = :id", soci::use(statistics_json),
      soci::use(run_id);
}

void confirm_assignment_run(soci::session& sql, long long run_id, long long user_id, const std::string& now) {
  sql << "UPDATE assignment_runs SET state = 'confirmed', confirmed_by = :u, confirmed_at = :t WHERE id = "
         ":id",
      soci::use(user_id), soci::use(now), soci::use(run_id);
}

std::vector<long long> discard_previews(soci::session& sql, long long batch_id, long long except_run_id) {
  std::vector<long long> ids;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT id FROM assignment_runs WHERE batch_id = :b AND state = 'preview' AND id <> :id",
       soci::use(batch_id), soci::use(except_run_id));
  for (const auto& row : rows) ids.push_back(row_integer(row, 0));
  for (long long id : ids) {
    sql << "UPDATE assignment_runs SET state = 'discarded' WHERE id = :id", soci::use(id);
    sql << "UPDATE review_assignments SET state = 'removed' WHERE run_id = :id AND state = 'proposed'",
        soci::use(id);
  }
  return ids;
}

long long insert_slot(soci::session& sql, const AssignmentSlot& slot) {
  long long replaces = slot.replaces_id.value_or(0);
  soci::indicator replaces_indicator = slot.replaces_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO review_assignments (run_id, application_id, expert_id, state, reason, replaces_id, "
         "created_at, updated_at) VALUES (:r, :a, :e, :s, :re, :rp, :ca, :ua)",
      soci::use(slot.run_id), soci::use(slot.application_id), soci::use(slot.expert_id),
      soci::use(slot.state), soci::use(slot.reason), soci::use(replaces, replaces_indicator),
      soci::use(slot.created_at), soci::use(slot.created_at);
  return last_insert_id(sql, "review_assignments");
}

std::optional<AssignmentSlot> find_slot(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSlotColumns) + "WHERE s.id = :id", soci::use(id));
  for (const auto& row : rows) return read_slot(row);
  return std::nullopt;
}

std::vector<AssignmentSlot> run_slots(soci::session& sql, long long run_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSlotColumns) + "WHERE s.run_id = :r ORDER BY s.id", soci::use(run_id));
  return read_slots(rows);
}

std::vector<AssignmentSlot> application_slots(soci::session& sql, long long application_id,
                                              const std::string& state) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSlotColumns) +
                          "WHERE s.application_id = :a AND (:s = '' OR s.state = :s2) "
                          "ORDER BY s.id",
       soci::use(application_id), soci::use(state), soci::use(state));
  return read_slots(rows);
}

std::vector<AssignmentSlot> active_batch_slots(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << std::string(kSlotColumns) +
                  "JOIN applications a ON a.id = s.application_id WHERE a.batch_id = :b AND s.state = "
                  "'active' ORDER BY s.id",
       soci::use(batch_id));
  return read_slots(rows);
}

void set_slot_state(soci::session& sql, long long slot_id, const std::string& state,
                    const std::string& reason, const std::string& now) {
  sql << "UPDATE review_assignments SET state = :s, reason = :r, updated_at = :t WHERE id = :id",
      soci::use(state), soci::use(reason), soci::use(now), soci::use(slot_id);
}

void set_slot_expert(soci::session& sql, long long slot_id, long long expert_id, const std::string& now) {
  sql << "UPDATE review_assignments SET expert_id = :e, updated_at = :t WHERE id = :id", soci::use(expert_id),
      soci::use(now), soci::use(slot_id);
}

void activate_run_slots(soci::session& sql, long long run_id, const std::string& now) {
  sql << "UPDATE review_assignments SET state = 'active', updated_at = :t WHERE run_id = :r AND state = "
         "'proposed'",
      soci::use(now), soci::use(run_id);
}

std::vector<long long> waiting_applications(soci::session& sql, long long batch_id,
                                            std::optional<int> category) {
  const int by_category = category ? 1 : 0;
  const int wanted = category.value_or(0);
  std::vector<long long> ids;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id FROM applications WHERE batch_id = :b AND state = 'formal_check_passed' "
                      "AND (:f = 0 OR category = :c) ORDER BY category, id",
       soci::use(batch_id), soci::use(by_category), soci::use(wanted));
  for (const auto& row : rows) ids.push_back(row_integer(row, 0));
  return ids;
}

std::vector<std::pair<long long, long long>> declared_conflicts(soci::session& sql, long long batch_id) {
  std::vector<std::pair<long long, long long>> pairs;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT s.application_id, s.expert_id FROM review_assignments s JOIN applications a ON "
                      "a.id = s.application_id WHERE a.batch_id = :b AND s.state = 'conflict_declared'",
       soci::use(batch_id));
  for (const auto& row : rows) pairs.emplace_back(row_integer(row, 0), row_integer(row, 1));
  return pairs;
}

bool slot_submitted(soci::session& sql, long long slot_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM review_scores WHERE assignment_id = :id AND state = 'submitted'",
      soci::use(slot_id), soci::into(count);
  return count > 0;
}

}  // namespace iifund::store
