#include "service/schedule.hpp"

#include <algorithm>

#include "domain/time.hpp"
#include "service/audit.hpp"
#include "service/field_rules.hpp"
#include "service/notifications.hpp"
#include "store/audit_log.hpp"
#include "store/batch_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::Result;
using domain::Status;

domain::Problem not_found() { return domain::make_problem("not_found", 404); }

std::vector<StageSchedule> read_schedule(soci::session& sql, long long batch_id) {
  auto deadlines = store::list_stage_deadlines(sql, batch_id);
  auto extensions = store::list_deadline_extensions(sql, batch_id);
  std::vector<StageSchedule> stages;
  for (const char* stage : kScheduleStages) {
    StageSchedule entry;
    entry.stage = stage;
    for (const auto& deadline : deadlines)
      if (deadline.stage == stage) entry.due_at = deadline.due_at;
    for (const auto& extension : extensions)
      if (extension.stage == stage) entry.extensions.push_back(extension);
    stages.push_back(std::move(entry));
  }
  return stages;
}

bool known_stage(const std::string& stage) {
  return std::any_of(std::begin(kScheduleStages), std::end(kScheduleStages),
                     [&](const char* known) { return stage == known; });
}

// The work the caller still has in a stage of a batch; 0 when the stage is not the caller's.
long long open_work(soci::session& sql, const Caller& caller, const store::StageDeadline& deadline) {
  if (deadline.stage == "county" && caller.is("county") && caller.county_code)
    return store::open_county_work(sql, deadline.batch_id, *caller.county_code);
  if (deadline.stage == "formal_check" && caller.is("organizer"))
    return store::open_formal_check_work(sql, deadline.batch_id);
  if (deadline.stage == "review" && caller.is("expert"))
    return store::open_review_sheets(sql, deadline.batch_id, caller.user_id);
  return 0;
}

}  // namespace

Result<std::vector<StageSchedule>> batch_schedule(store::Database& db, const Caller& caller,
                                                  long long batch_id) {
  if (!caller.signed_in()) return domain::make_problem("not_signed_in", 401);
  std::vector<StageSchedule> stages;
  Status read = db.read([&](soci::session& sql) -> Status {
    if (!store::find_batch(sql, batch_id)) return not_found();
    stages = read_schedule(sql, batch_id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return stages;
}

Result<std::vector<StageSchedule>> set_stage_deadline(store::Database& db, const Clock& clock,
                                                      const Caller& caller, long long batch_id,
                                                      const std::string& stage,
                                                      const ScheduleChange& change) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  if (!known_stage(stage)) return not_found();
  if (change.due_at.empty()) return validation_problem({{"due_at", "required", {}}});
  auto due = domain::parse_instant(change.due_at);
  if (!due) return validation_problem({{"due_at", "instant_syntax", {{"input", change.due_at}}}});
  const auto now = clock.now();
  const std::string due_at = store::format_utc_iso(due.value());
  const std::string stamp = store::format_utc_iso(now);
  std::vector<StageSchedule> stages;
  Status written = db.write([&](soci::session& sql) -> Status {
    if (!store::find_batch(sql, batch_id)) return not_found();
    auto current = store::find_stage_deadline(sql, batch_id, stage);
    const std::string object = "batch:" + std::to_string(batch_id);
    if (current && current->due_at == due_at) {
      stages = read_schedule(sql, batch_id);
      return domain::Ok{};
    }
    if (current) {
      if (change.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        auto problem = domain::make_problem("reason_required", 422, {{"stage", stage}});
        problem.fields.push_back({"reason", "required", {}});
        return problem;
      }
      store::insert_deadline_extension(
          sql, {0, batch_id, stage, current->due_at, due_at, change.reason, caller.user_id, "", stamp});
    }
    store::save_stage_deadline(sql, {batch_id, stage, due_at, caller.user_id, stamp});
    nlohmann::json summary = {{"stage", stage}, {"due_at", due_at}};
    if (current) {
      summary["previous_due_at"] = current->due_at;
      summary["reason"] = change.reason;
    } else if (!change.reason.empty()) {
      summary["reason"] = change.reason;
    }
    store::append_audit(
        sql, audit_entry(caller, current ? "schedule.extend" : "schedule.set", object, summary, now));
    stages = read_schedule(sql, batch_id);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return stages;
}

void deliver_due_reminders(soci::session& sql, const Caller& caller, domain::Instant now) {
  const char* stage = caller.is("county")      ? "county"
                      : caller.is("organizer") ? "formal_check"
                      : caller.is("expert")    ? "review"
                                               : nullptr;
  if (stage == nullptr) return;
  const auto due = store::deadlines_due_between(sql, stage, store::format_utc_iso(now),
                                                store::format_utc_iso(now + kReminderLead));
  for (const auto& deadline : due) {
    const long long open = open_work(sql, caller, deadline);
    if (open == 0) continue;
    auto instant = domain::parse_instant(deadline.due_at);
    const std::string key =
        "reminder:" + std::to_string(deadline.batch_id) + ":" + deadline.stage + ":" + deadline.due_at;
    notify_users(sql, {caller.user_id}, "deadline.reminder", "batch:" + std::to_string(deadline.batch_id),
                 {{"batch_id", deadline.batch_id},
                  {"stage", deadline.stage},
                  {"due_at", deadline.due_at},
                  {"due_at_beijing", instant ? domain::format_beijing(instant.value()) : deadline.due_at},
                  {"open", open}},
                 now, key);
  }
}

}  // namespace iifund::service
