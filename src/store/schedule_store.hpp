#pragma once
// 时间安排: a batch's due time per review stage, each later change kept as an extension, and the
// counts of work still open in a stage that decide who is reminded.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct StageDeadline {
  long long batch_id = 0;
  std::string stage;   // county | formal_check | review
  std::string due_at;  // UTC ISO-8601
  long long set_by = 0;
  std::string set_at;
};

struct DeadlineExtension {
  long long id = 0;
  long long batch_id = 0;
  std::string stage;
  std::string previous_due_at;
  std::string new_due_at;
  std::string reason;
  long long extended_by = 0;
  std::string extended_by_name;  // read only: the user's display name
  std::string extended_at;
};

std::vector<StageDeadline> list_stage_deadlines(soci::session& sql, long long batch_id);
std::optional<StageDeadline> find_stage_deadline(soci::session& sql, long long batch_id,
                                                 const std::string& stage);
// Inserts the stage's due time or replaces it.
void save_stage_deadline(soci::session& sql, const StageDeadline& deadline);
void insert_deadline_extension(soci::session& sql, const DeadlineExtension& extension);
// Oldest first.
std::vector<DeadlineExtension> list_deadline_extensions(soci::session& sql, long long batch_id);

// Every batch's deadline of `stage` due in [from, to) (ISO text compares as time).
std::vector<StageDeadline> deadlines_due_between(soci::session& sql, const std::string& stage,
                                                 const std::string& from, const std::string& to);

// Work still open in a stage: the county's submitted applications, the batch's applications
// awaiting the formal check, the expert's active assignments without a submitted score sheet.
long long open_county_work(soci::session& sql, long long batch_id, const std::string& county_code);
long long open_formal_check_work(soci::session& sql, long long batch_id);
long long open_review_sheets(soci::session& sql, long long batch_id, long long expert_user_id);

}  // namespace iifund::store
