#pragma once
// 专家评审: what the expert workspace and the aggregation read and write — the live assignments
// (review_assignments, written by the assignment runs), the score sheets (评分表, review_scores),
// the pledges (承诺书, expert_pledges) and the library results (入库, review_results).
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

// The pool record of an expert as the workspace needs it.
struct ReviewerRecord {
  long long id = 0;
  std::string name;
  std::string title;
  std::string employer_name;
  std::optional<long long> user_id;
};

std::optional<ReviewerRecord> find_reviewer(soci::session& sql, long long expert_id);
// The pool record linked to a user account (experts.user_id).
std::optional<ReviewerRecord> find_reviewer_of_user(soci::session& sql, long long user_id);

// One assignment slot with its application, the expert's name and the sheet's state.
struct ReviewSlot {
  long long id = 0;  // the assignment id, which is also the review's id
  long long application_id = 0;
  long long expert_id = 0;
  std::string assignment_state;  // proposed | active | conflict_declared | removed
  std::string expert_name;
  std::optional<long long> expert_user_id;
  long long batch_id = 0;
  int category = 0;
  std::string number;
  std::string project_name;
  std::string application_state;
  long long enterprise_id = 0;
  std::string enterprise_name;
  std::string county_code;
  std::optional<std::string> sheet_state;  // draft | submitted; none: not started
  std::optional<double> total;
};

std::optional<ReviewSlot> find_review_slot(soci::session& sql, long long assignment_id);

struct ReviewSlotQuery {
  std::optional<long long> expert_id;
  std::optional<long long> batch_id;
  std::optional<long long> application_id;
  std::optional<int> category;
  bool active_only = true;
};
// Ordered by application number, then expert name.
std::vector<ReviewSlot> list_review_slots(soci::session& sql, const ReviewSlotQuery& query);

// An active assignment of the application to the expert.
bool has_active_assignment(soci::session& sql, long long application_id, long long expert_id);

// 评分表: one per assignment, created by the first save.
struct ScoreSheetRecord {
  long long assignment_id = 0;
  std::string scores_json = "{}";    // {criterion id: number}
  std::string comments_json = "{}";  // {criterion id: text}
  std::string overall_comment;
  std::string state = "draft";  // draft | submitted
  std::optional<double> total;  // Σ weight × score ÷ max, set on submit
  int version = 1;
  long long entered_by = 0;
  std::string offline_note;
  std::optional<std::string> submitted_at;
  std::string reopened_reason;
  std::string updated_at;
};

std::optional<ScoreSheetRecord> find_score_sheet(soci::session& sql, long long assignment_id);
void insert_score_sheet(soci::session& sql, const ScoreSheetRecord& sheet);
// Writes the sheet when `expected_version` is current and bumps the version; false when stale.
bool update_score_sheet(soci::session& sql, const ScoreSheetRecord& sheet, int expected_version);
// The role of the account that last entered the sheet (expert, or organizer for an offline entry).
std::string role_of_user(soci::session& sql, long long user_id);

// A submitted sheet of an active assignment, for the aggregation and the printed score sheet.
struct SubmittedSheet {
  long long assignment_id = 0;
  long long application_id = 0;
  long long expert_id = 0;
  int category = 0;
  std::string scores_json;
  std::string comments_json;
  std::string overall_comment;
  std::optional<double> total;
  std::string submitted_at;
  std::string offline_note;
};
// Of the batch (and category when given), or of one expert in the batch.
std::vector<SubmittedSheet> list_submitted_sheets(soci::session& sql, long long batch_id,
                                                  std::optional<int> category,
                                                  std::optional<long long> expert_id = std::nullopt);

// 承诺书
std::optional<std::string> pledge_accepted_at(soci::session& sql, long long expert_id, long long batch_id);
void insert_pledge(soci::session& sql, long long expert_id, long long batch_id,
                   const std::string& pledge_hash, const std::string& accepted_at);

// 时间安排: the review stage's due time of the batch, when set.
std::optional<std::string> review_due_at(soci::session& sql, long long batch_id);

// 入库: the scores an application entered (or missed) the library with.
struct ReviewResultRecord {
  long long application_id = 0;
  long long batch_id = 0;
  int category = 0;
  int sheets = 0;
  double trimmed_mean = 0;
  std::optional<double> normalized;
  double ranking_score = 0;
  double spread_sd = 0;
  bool divergent = false;
  std::string outcome;  // in_library | not_selected
  std::string computed_at;
};
void insert_review_result(soci::session& sql, const ReviewResultRecord& result);

struct LibraryRow {
  ReviewResultRecord result;
  std::string number;
  std::string project_name;
  std::string enterprise_name;
  std::string county_code;
  std::string state;
  long long computed_fen = 0;
  long long requested_fen = 0;
};
// The batch's results (of a category when given) that entered the library, best ranking score first.
std::vector<LibraryRow> list_library(soci::session& sql, long long batch_id, std::optional<int> category);
std::optional<ReviewResultRecord> find_review_result(soci::session& sql, long long application_id);

// The batch's applications in a state, of a category when given (id, number), by number.
std::vector<std::pair<long long, std::string>> applications_in_state(soci::session& sql, long long batch_id,
                                                                     std::optional<int> category,
                                                                     const std::string& state);

}  // namespace iifund::store
