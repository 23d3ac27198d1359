#pragma once
// 时间安排: the organizer sets a due time per review stage of a batch (county recommendation,
// formal check, expert review); changing one that is set is an extension, which needs a reason
// and is kept. Before a stage is due, whoever still has work in it finds a reminder in the inbox.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/schedule_store.hpp"

namespace iifund::service {

inline constexpr const char* kScheduleStages[] = {"county", "formal_check", "review"};

// How long before a stage's due time its reminder appears.
inline constexpr std::chrono::hours kReminderLead{48};

struct StageSchedule {
  std::string stage;
  std::optional<std::string> due_at;  // UTC ISO-8601
  std::vector<store::DeadlineExtension> extensions;
};

// Every stage of the batch, in process order (404 unknown batch).
domain::Result<std::vector<StageSchedule>> batch_schedule(store::Database& db, const Caller& caller,
                                                          long long batch_id);

struct ScheduleChange {
  std::string due_at;  // RFC 3339 with an offset
  std::string reason;  // required when the stage already has a due time
};

// Sets (audit schedule.set) or extends (audit schedule.extend, the extension recorded) a stage's
// due time; the same due time again changes nothing. Refusals: 404 unknown batch or stage, 422
// validation_failed (due_at: required / instant_syntax), 422 reason_required (field reason).
domain::Result<std::vector<StageSchedule>> set_stage_deadline(store::Database& db, const Clock& clock,
                                                              const Caller& caller, long long batch_id,
                                                              const std::string& stage,
                                                              const ScheduleChange& change);

// Inside the caller's transaction: one deadline.reminder (dedupe key
// reminder:<batch>:<stage>:<due_at>) for every stage due within kReminderLead in which the caller
// still has work — a county officer its county's submitted applications, the organizer the
// applications awaiting the formal check, an expert its unsubmitted score sheets.
void deliver_due_reminders(soci::session& sql, const Caller& caller, domain::Instant now);

}  // namespace iifund::service
