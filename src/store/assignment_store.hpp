#pragma once
// 专家分配: assignment runs (a preview until confirmed) and their slots, one row per application
// and expert. A confirmed slot is `active` — the live assignment an expert reviews under; a slot
// whose expert declared 回避 is kept as `conflict_declared` beside its replacement.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct AssignmentRunRecord {
  long long id = 0;
  long long batch_id = 0;
  std::optional<int> category;
  std::string state;  // preview | confirmed | discarded
  std::string options_json = "{}";
  std::string statistics_json = "{}";
  long long created_by = 0;
  std::string created_at;
  std::optional<long long> confirmed_by;
  std::optional<std::string> confirmed_at;
};

struct AssignmentSlot {
  long long id = 0;
  long long run_id = 0;
  long long application_id = 0;
  long long expert_id = 0;
  std::string state;  // proposed | active | conflict_declared | removed
  std::string reason;
  std::optional<long long> replaces_id;
  std::string created_at;
  std::string updated_at;
};

long long insert_assignment_run(soci::session& sql, const AssignmentRunRecord& run);
std::optional<AssignmentRunRecord> find_assignment_run(soci::session& sql, long long id);
void set_run_statistics(soci::session& sql, long long run_id, const std::string& statistics_json);
void confirm_assignment_run(soci::session& sql, long long run_id, long long user_id, const std::string& now);
// Every other preview of the batch becomes `discarded` (a new run replaces them) and its slots
// `removed`; answers their ids.
std::vector<long long> discard_previews(soci::session& sql, long long batch_id, long long except_run_id);

long long insert_slot(soci::session& sql, const AssignmentSlot& slot);
std::optional<AssignmentSlot> find_slot(soci::session& sql, long long id);
std::vector<AssignmentSlot> run_slots(soci::session& sql, long long run_id);
// Slots of one application in the given state (all states when empty).
std::vector<AssignmentSlot> application_slots(soci::session& sql, long long application_id,
                                              const std::string& state);
// Active slots of the batch's applications.
std::vector<AssignmentSlot> active_batch_slots(soci::session& sql, long long batch_id);
void set_slot_state(soci::session& sql, long long slot_id, const std::string& state,
                    const std::string& reason, const std::string& now);
void set_slot_expert(soci::session& sql, long long slot_id, long long expert_id, const std::string& now);
// Activates every proposed slot of the run.
void activate_run_slots(soci::session& sql, long long run_id, const std::string& now);
// The batch's applications waiting for experts (formal_check_passed), of one category or all, by id.
std::vector<long long> waiting_applications(soci::session& sql, long long batch_id,
                                            std::optional<int> category);
// (application, expert) of every slot of the batch whose expert declared 回避.
std::vector<std::pair<long long, long long>> declared_conflicts(soci::session& sql, long long batch_id);
// Whether the slot's score sheet was submitted (review_scores, locked).
bool slot_submitted(soci::session& sql, long long slot_id);

}  // namespace iifund::store
