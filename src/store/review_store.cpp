#include "store/review_store.hpp"

#include <fmt/format.h>

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

ReviewerRecord read_reviewer(const soci::row& row) {
  ReviewerRecord expert;
  expert.id = row_integer(row, 0);
  expert.name = row.get<std::string>(1);
  expert.title = row.get<std::string>(2);
  expert.employer_name = row.get<std::string>(3);
  if (row.get_indicator(4) == soci::i_ok) expert.user_id = row_integer(row, 4);
  return expert;
}

std::optional<ReviewerRecord> first_reviewer(soci::rowset<soci::row>& rows) {
  for (const auto& row : rows) return read_reviewer(row);
  return std::nullopt;
}

constexpr const char* kSlotColumns =
    "SELECT r.id, r.application_id, r.expert_id, r.state, x.name, x.user_id, a.batch_id, a.category, "
    "a.number, a.project_name, a.state, a.enterprise_id, e.name, a.county_code, s.state, s.total "
    "FROM review_assignments r JOIN experts x ON x.id = r.expert_id "
    "JOIN applications a ON a.id = r.application_id JOIN enterprises e ON e.id = a.enterprise_id "
    "LEFT JOIN review_scores s ON s.assignment_id = r.id ";

ReviewSlot read_slot(const soci::row& row) {
  ReviewSlot slot;
  slot.id = row_integer(row, 0);
  slot.application_id = row_integer(row, 1);
  slot.expert_id = row_integer(row, 2);
  slot.assignment_state = row.get<std::string>(3);
  slot.expert_name = row.get<std::string>(4);
  if (row.get_indicator(5) == soci::i_ok) slot.expert_user_id = row_integer(row, 5);
  slot.batch_id = row_integer(row, 6);
  slot.category = static_cast<int>(row_integer(row, 7));
  slot.number = row_optional_text(row, 8).value_or("");
  slot.project_name = row.get<std::string>(9);
  slot.application_state = row.get<std::string>(10);
  slot.enterprise_id = row_integer(row, 11);
  slot.enterprise_name = row.get<std::string>(12);
  slot.county_code = row.get<std::string>(13);
  slot.sheet_state = row_optional_text(row, 14);
  slot.total = row_optional_real(row, 15);
  return slot;
}

ScoreSheetRecord read_sheet(const soci::row& row) {
  ScoreSheetRecord sheet;
  sheet.assignment_id = row_integer(row, 0);
  sheet.scores_json = row.get<std::string>(1);
  sheet.comments_json = row.get<std::string>(2);
  sheet.overall_comment = row.get<std::string>(3);
  sheet.state = row.get<std::string>(4);
  sheet.total = row_optional_real(row, 5);
  sheet.version = static_cast<int>(row_integer(row, 6));
  sheet.entered_by = row_integer(row, 7);
  sheet.offline_note = row.get<std::string>(8);
  sheet.submitted_at = row_optional_text(row, 9);
  sheet.reopened_reason = row.get<std::string>(10);
  sheet.updated_at = row.get<std::string>(11);
  return sheet;
}

ReviewResultRecord read_result(const soci::row& row) {
  ReviewResultRecord result;
  result.application_id = row_integer(row, 0);
  result.batch_id = row_integer(row, 1);
  result.category = static_cast<int>(row_integer(row, 2));
  result.sheets = static_cast<int>(row_integer(row, 3));
  result.trimmed_mean = row_real(row, 4);
  result.normalized = row_optional_real(row, 5);
  result.ranking_score = row_real(row, 6);
  result.spread_sd = row_real(row, 7);
  result.divergent = row_integer(row, 8) != 0;
  result.outcome = row.get<std::string>(9);
  result.computed_at = row.get<std::string>(10);
  return result;
}

constexpr const char* kResultColumns =
    "r.application_id, r.batch_id, r.category, r.sheets, r.trimmed_mean, r.normalized, r.ranking_score, "
    "r.spread_sd, r.divergent, r.outcome, r.computed_at";

}  // namespace

std::optional<ReviewerRecord> find_reviewer(soci::session& sql, long long expert_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name, title, employer_name, user_id FROM experts WHERE id = :id",
       soci::use(expert_id));
  return first_reviewer(rows);
}

std::optional<ReviewerRecord> find_reviewer_of_user(soci::session& sql, long long user_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name, title, employer_name, user_id FROM experts WHERE user_id = :u",
       soci::use(user_id));
  return first_reviewer(rows);
}

std::optional<ReviewSlot> find_review_slot(soci::session& sql, long long assignment_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSlotColumns) + "WHERE r.id = :id", soci::use(assignment_id));
  for (const auto& row : rows) return read_slot(row);
  return std::nullopt;
}

std::vector<ReviewSlot> list_review_slots(soci::session& sql, const ReviewSlotQuery& query) {
  const int by_expert = query.expert_id ? 1 : 0;
  const int by_batch = query.batch_id ? 1 : 0;
  const int by_application = query.application_id ? 1 : 0;
  const int by_category = query.category ? 1 : 0;
  const int active_only = query.active_only ? 1 : 0;
  const long long expert_id = query.expert_id.value_or(0);
  const long long batch_id = query.batch_id.value_or(0);
  const long long application_id = query.application_id.value_or(0);
  const int category = query.category.value_or(0);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSlotColumns) +
                          "WHERE (:f1 = 0 OR r.expert_id = :x) AND (:f2 = 0 OR a.batch_id = :b) AND "
                          "(:f3 = 0 OR r.application_id = :a) AND (:f4 = 0 OR a.category = :c) AND "
                          "(:f5 = 0 OR r.state = 'active') ORDER BY a.number, x.name, r.id",
       soci::use(by_expert), soci::use(expert_id), soci::use(by_batch), soci::use(batch_id),
       soci::use(by_application), soci::use(application_id), soci::use(by_category), soci::use(category),
       soci::use(active_only));
  std::vector<ReviewSlot> slots;
  for (const auto& row : rows) slots.push_back(read_slot(row));
  return slots;
}

bool has_active_assignment(soci::session& sql, long long application_id, long long expert_id) {
  int count = 0;
  sql << "SELECT COUNT(*) FROM review_assignments WHERE application_id = :a AND expert_id = :x AND "
         "state = 'active'",
      soci::use(application_id), soci::use(expert_id), soci::into(count);
  return count > 0;
}

std::optional<ScoreSheetRecord> find_score_sheet(soci::session& sql, long long assignment_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT assignment_id, scores_json, comments_json, overall_comment, state, total, version, "
              "entered_by, offline_note, submitted_at, reopened_reason, updated_at FROM review_scores "
              "WHERE assignment_id = :id",
       soci::use(assignment_id));
  for (const auto& row : rows) return read_sheet(row);
  return std::nullopt;
}

void insert_score_sheet(soci::session& sql, const ScoreSheetRecord& sheet) {
  double total = sheet.total.value_or(0);
  soci::indicator total_indicator = sheet.total ? soci::i_ok : soci::i_null;
  OptionalText submitted(sheet.submitted_at);
  sql << "INSERT INTO review_scores (assignment_id, scores_json, comments_json, overall_comment, state, "
         "total, "
         "version, entered_by, offline_note, submitted_at, reopened_reason, updated_at) VALUES (:a, :s, :c, "
         ":o, "
         ":st, :t, :v, :e, :n, :sa, :r, :u)",
      soci::use(sheet.assignment_id), soci::use(sheet.scores_json), soci::use(sheet.comments_json),
      soci::use(sheet.overall_comment), soci::use(sheet.state), soci::use(total, total_indicator),
      soci::use(sheet.version), soci::use(sheet.entered_by), soci::use(sheet.offline_note),
      soci::use(submitted.text, submitted.indicator), soci::use(sheet.reopened_reason),
      soci::use(sheet.updated_at);
}

bool update_score_sheet(soci::session& sql, const ScoreSheetRecord& sheet, int expected_version) {
  double total = sheet.total.value_or(0);
  soci::indicator total_indicator = sheet.total ? soci::i_ok : soci::i_null;
  OptionalText submitted(sheet.submitted_at);
  soci::statement update =
      (sql.prepare << "UPDATE review_scores SET scores_json = :s, comments_json = :c, overall_comment = :o, "
                      "state = :st, total = :t, version = version + 1, entered_by = :e, offline_note = :n, "
                      "submitted_at = :sa, reopened_reason = :r, updated_at = :u "
                      "WHERE assignment_id = :a AND version = :v",
       soci::use(sheet.scores_json), soci::use(sheet.comments_json), soci::use(sheet.overall_comment),
       soci::use(sheet.state), soci::use(total, total_indicator), soci::use(sheet.entered_by),
       soci::use(sheet.offline_note), soci::use(submitted.text, submitted.indicator),
       soci::use(sheet.reopened_reason), soci::use(sheet.updated_at), soci::use(sheet.assignment_id),
       soci::use(expected_version));
  update.execute(true);
  return update.get_affected_rows() == 1;
}

std::string role_of_user(soci::session& sql, long long user_id) {
  std::string role;
  soci::indicator indicator = soci::i_null;
  sql << "SELECT role FROM users WHERE id = :id", soci::use(user_id), soci::into(role, indicator);
  return indicator == soci::i_ok ? role : "";
}

std::vector<SubmittedSheet> list_submitted_sheets(soci::session& sql, long long batch_id,
                                                  std::optional<int> category,
                                                  std::optional<long long> expert_id) {
  const int by_category = category ? 1 : 0;
  const int by_expert = expert_id ? 1 : 0;
  const int category_value = category.value_or(0);
  const long long expert_value = expert_id.value_or(0);
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT r.id, r.application_id, r.expert_id, a.category, s.scores_json, s.comments_json, "
              "s.overall_comment, s.total, s.submitted_at, s.offline_note "
              "FROM review_scores s JOIN review_assignments r ON r.id = s.assignment_id "
              "JOIN applications a ON a.id = r.application_id "
              "WHERE a.batch_id = :b AND r.state = 'active' AND s.state = 'submitted' AND "
              "(:f1 = 0 OR a.category = :c) AND (:f2 = 0 OR r.expert_id = :x) "
              "ORDER BY a.number, r.id",
       soci::use(batch_id), soci::use(by_category), soci::use(category_value), soci::use(by_expert),
       soci::use(expert_value));
  std::vector<SubmittedSheet> sheets;
  for (const auto& row : rows) {
    SubmittedSheet sheet;
    sheet.assignment_id = row_integer(row, 0);
    sheet.application_id = row_integer(row, 1);
    sheet.expert_id = row_integer(row, 2);
    sheet.category = static_cast<int>(row_integer(row, 3));
    sheet.scores_json = row.get<std::string>(4);
    sheet.comments_json = row.get<std::string>(5);
    sheet.overall_comment = row.get<std::string>(6);
    sheet.total = row_optional_real(row, 7);
    sheet.submitted_at = row_optional_text(row, 8).value_or("");
    sheet.offline_note = row.get<std::string>(9);
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

std::optional<std::string> pledge_accepted_at(soci::session& sql, long long expert_id, long long batch_id) {
  std::string at;
  soci::indicator indicator = soci::i_null;
  sql << "SELECT accepted_at FROM expert_pledges WHERE expert_id = :x AND batch_id = :b",
      soci::use(expert_id), soci::use(batch_id), soci::into(at, indicator);
  if (!sql.got_data() || indicator != soci::i_ok) return std::nullopt;
  return at;
}

void insert_pledge(soci::session& sql, long long expert_id, long long batch_id,
                   const std::string& pledge_hash, const std::string& accepted_at) {
  sql << "INSERT INTO expert_pledges (expert_id, batch_id, pledge_hash, accepted_at) VALUES (:x, :b, :h, :t)",
      soci::use(expert_id), soci::use(batch_id), soci::use(pledge_hash), soci::use(accepted_at);
}

std::optional<std::string> review_due_at(soci::session& sql, long long batch_id) {
  std::string due;
  soci::indicator indicator = soci::i_null;
  sql << "SELECT due_at FROM stage_deadlines WHERE batch_id = :b AND stage = 'review'", soci::use(batch_id),
      soci::into(due, indicator);
  if (!sql.got_data() || indicator != soci::i_ok) return std::nullopt;
  return due;
}

void insert_review_result(soci::session& sql, const ReviewResultRecord& result) {
  double normalized = result.normalized.value_or(0);
  soci::indicator normalized_indicator = result.normalized ? soci::i_ok : soci::i_null;
  const int divergent = result.divergent ? 1 : 0;
  sql << "DELETE FROM review_results WHERE application_id = :a", soci::use(result.application_id);
  sql << "INSERT INTO review_results (application_id, batch_id, category, sheets, trimmed_mean, normalized, "
         "ranking_score, spread_sd, divergent, outcome, computed_at) VALUES (:a, :b, :c, :s, :tm, :n, :r, "
         ":sd, "
         ":d, :o, :t)",
      soci::use(result.application_id), soci::use(result.batch_id), soci::use(result.category),
      soci::use(result.sheets), soci::use(result.trimmed_mean), soci::use(normalized, normalized_indicator),
      soci::use(result.ranking_score), soci::use(result.spread_sd), soci::use(divergent),
      soci::use(result.outcome), soci::use(result.computed_at);
}

std::vector<LibraryRow> list_library(soci::session& sql, long long batch_id, std::optional<int> category) {
  const int by_category = category ? 1 : 0;
  const int category_value = category.value_or(0);
  soci::rowset<soci::row> rows =
      (sql.prepare << fmt::format("SELECT {}, a.number, a.project_name, e.name, a.county_code, a.state, "
                                  "a.computed_fen, a.requested_fen FROM review_results r "
                                  "JOIN applications a ON a.id = r.application_id "
                                  "JOIN enterprises e ON e.id = a.enterprise_id "
                                  "WHERE r.batch_id = :b AND r.outcome = 'in_library' AND "
                                  "(:f = 0 OR r.category = :c) ORDER BY r.ranking_score DESC, a.number",
                                  kResultColumns),
       soci::use(batch_id), soci::use(by_category), soci::use(category_value));
  std::vector<LibraryRow> library;
  for (const auto& row : rows) {
    LibraryRow entry;
    entry.result = read_result(row);
    entry.number = row_optional_text(row, 11).value_or("");
    entry.project_name = row.get<std::string>(12);
    entry.enterprise_name = row.get<std::string>(13);
    entry.county_code = row.get<std::string>(14);
    entry.state = row.get<std::string>(15);
    entry.computed_fen = row_integer(row, 16);
    entry.requested_fen = row_integer(row, 17);
    library.push_back(std::move(entry));
  }
  return library;
}

std::optional<ReviewResultRecord> find_review_result(soci::session& sql, long long application_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << fmt::format("SELECT {} FROM review_results r WHERE r.application_id = :a",
                                  kResultColumns),
       soci::use(application_id));
  for (const auto& row : rows) return read_result(row);
  return std::nullopt;
}

std::vector<std::pair<long long, std::string>> applications_in_state(soci::session& sql, long long batch_id,
                                                                     std::optional<int> category,
                                                                     const std::string& state) {
  const int by_category = category ? 1 : 0;
  const int category_value = category.value_or(0);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, number FROM applications WHERE batch_id = :b AND state = :s AND "
                      "(:f = 0 OR category = :c) ORDER BY number, id",
       soci::use(batch_id), soci::use(state), soci::use(by_category), soci::use(category_value));
  std::vector<std::pair<long long, std::string>> found;
  for (const auto& row : rows)
    found.emplace_back(row_integer(row, 0), row_optional_text(row, 1).value_or(""));
  return found;
}

}  // namespace iifund::store
