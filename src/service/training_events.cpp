#include "service/training_events.hpp"

#include <chrono>
#include <cstdio>

#include "domain/enterprise_profile.hpp"
#include "domain/policy.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "service/application_scope.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/batch_policies.hpp"
#include "service/field_rules.hpp"
#include "service/tokens.hpp"
#include "store/audit_log.hpp"
#include "store/enterprise_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::Problem;
using domain::Result;
using domain::Status;

constexpr std::size_t kTitleMaximum = 200;
constexpr std::size_t kLocationMaximum = 200;
constexpr std::size_t kNameMaximum = 50;
constexpr std::size_t kEmployerMaximum = 100;

Problem not_found() { return domain::make_problem("not_found", 404); }

bool own_application(const Caller& caller, const store::ApplicationRecord& application) {
  return caller.is("enterprise") && caller.enterprise_id &&
         *caller.enterprise_id == application.enterprise_id;
}

std::string beijing_today(domain::Instant now) { return domain::format_beijing(now).substr(0, 10); }

// YYYY-MM-DD and a real calendar day.
bool valid_date(const std::string& text) {
  unsigned year = 0, month = 0, day = 0;
  char tail = 0;
  return text.size() == 10 && std::sscanf(text.c_str(), "%4u-%2u-%2u%c", &year, &month, &day, &tail) == 3 &&
         std::chrono::year_month_day(std::chrono::year(static_cast<int>(year)), std::chrono::month(month),
                                     std::chrono::day(day))
             .ok();
}

std::string trimmed(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") + 1 - begin);
}

std::string event_object(long long id) { return "training_event:" + std::to_string(id); }

TrainingEventView event_view(soci::session& sql, store::TrainingEventRecord event,
                             const store::ApplicationRecord& application, domain::Instant now) {
  TrainingEventView view;
  const auto today = beijing_today(now);
  if (acceptance_state(sql, application.id) != "draft") {
    view.closed_reason = "acceptance_submitted";
  } else if (!event.checkin_open) {
    view.closed_reason = "closed";
  } else if (today < event.held_on) {
    view.closed_reason = "not_yet";
  } else if (today > event.held_on) {
    view.closed_reason = "over";
  }
  view.open = view.closed_reason.empty();
  if (auto enterprise = store::find_enterprise(sql, application.enterprise_id))
    view.enterprise_name = enterprise->name;
  view.event = std::move(event);
  return view;
}

// The minimums of the application's category, or nullopt when it is no talent-training category.
Result<std::optional<domain::TrainingMinimums>> training_rules(soci::session& sql,
                                                               const store::ApplicationRecord& application) {
  auto batch = load_batch_policy(sql, application.batch_id);
  if (!batch) return batch.take_problem();
  const auto* category = batch->policy->find_category(application.category);
  if (category == nullptr || !category->training) return std::optional<domain::TrainingMinimums>{};
  return std::optional<domain::TrainingMinimums>(*category->training);
}

// The approved application an event belongs to, when `caller` is one of `roles` and may read it
// (the enterprise only its own): 404 otherwise.
struct ScopedEvent {
  store::TrainingEventRecord event;
  store::ApplicationRecord application;
};

Result<ScopedEvent> load_scoped_event(soci::session& sql, const Caller& caller, long long event_id,
                                      std::initializer_list<const char*> roles) {
  bool allowed = false;
  for (const char* role : roles) allowed = allowed || caller.is(role);
  if (!allowed) return not_found();
  auto event = store::find_training_event(sql, event_id);
  if (!event) return not_found();
  auto application = load_readable_application(sql, caller, event->application_id);
  if (!application) return application.take_problem();
  if (caller.is("enterprise") && !own_application(caller, *application)) return not_found();
  return ScopedEvent{std::move(*event), std::move(application.value())};
}

}  // namespace

Result<TrainingEventView> add_training_event(store::Database& db, const Clock& clock, const Caller& caller,
                                             long long application_id, const TrainingEventInput& input) {
  const auto now = clock.now();
  std::optional<TrainingEventView> view;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto application = store::find_application(sql, application_id);
    if (!application || !own_application(caller, *application)) return not_found();
    if (application->state != "approved")
      return domain::make_problem("acceptance_not_open", 409, {{"state", application->state}});
    auto rules = training_rules(sql, *application);
    if (!rules) return rules.take_problem();
    if (!rules.value())
      return domain::make_problem("training_not_applicable", 409, {{"category", application->category}});
    auto state = acceptance_state(sql, application_id);
    if (state != "draft") return domain::make_problem("acceptance_not_editable", 409, {{"state", state}});
    store::TrainingEventRecord event;
    event.title = trimmed(input.title);
    event.held_on = trimmed(input.held_on);
    event.location = trimmed(input.location);
    FieldErrors errors;
    check_text(errors, "title", event.title, kTitleMaximum);
    if (event.held_on.empty()) {
      errors.push_back({"held_on", "required", {}});
    } else if (!valid_date(event.held_on)) {
      errors.push_back({"held_on", "date_syntax", {{"found", event.held_on}}});
    }
    if (domain::code_points(event.location) > kLocationMaximum)
      errors.push_back({"location", "too_long", {{"maximum", kLocationMaximum}}});
    if (!errors.empty()) return validation_problem(std::move(errors));
    event.application_id = application_id;
    event.checkin_token = random_token();
    event.checkin_open = true;
    event.created_by = caller.user_id;
    event.created_at = store::format_utc_iso(now);
    event.id = store::insert_training_event(sql, event);
    store::append_audit(sql, audit_entry(caller, "training.event_add", event_object(event.id),
                                         {{"application_id", application_id},
                                          {"title", event.title},
                                          {"held_on", event.held_on},
                                          {"location", event.location}},
                                         now));
    view = event_view(sql, std::move(event), *application, now);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*view);
}

Result<TrainingEventList> list_training_events(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long application_id) {
  const auto now = clock.now();
  TrainingEventList list;
  Status read = db.read([&](soci::session& sql) -> Status {
    if (!caller.is("enterprise") && !caller.is("organizer") && !caller.is("bureau")) return not_found();
    auto application = load_readable_application(sql, caller, application_id);
    if (!application) return application.take_problem();
    if (caller.is("enterprise") && !own_application(caller, *application)) return not_found();
    if (application->state != "approved")
      return domain::make_problem("acceptance_not_open", 409, {{"state", application->state}});
    auto rules = training_rules(sql, *application);
    if (!rules) return rules.take_problem();
    if (!rules.value())
      return domain::make_problem("training_not_applicable", 409, {{"category", application->category}});
    for (auto& event : store::list_training_events(sql, application_id))
      list.events.push_back(event_view(sql, std::move(event), *application, now));
    list.summary = training_summary(sql, *application, rules.value()->events, rules.value()->trainees, now);
    list.show_tokens = caller.is("enterprise") || caller.is("organizer");
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return list;
}

Result<TrainingEventView> set_training_checkin_open(store::Database& db, const Clock& clock,
                                                    const Caller& caller, long long event_id, bool open) {
  const auto now = clock.now();
  std::optional<TrainingEventView> view;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto scoped = load_scoped_event(sql, caller, event_id, {"enterprise"});
    if (!scoped) return scoped.take_problem();
    auto state = acceptance_state(sql, scoped->application.id);
    if (state != "draft") return domain::make_problem("acceptance_not_editable", 409, {{"state", state}});
    const bool before = scoped->event.checkin_open;
    if (before != open) store::set_training_event_open(sql, event_id, open);
    scoped->event.checkin_open = open;
    // Audited even when nothing changes: the enterprise said so at that moment.
    store::append_audit(
        sql,
        audit_entry(caller, open ? "training.checkin_open" : "training.checkin_close", event_object(event_id),
                    {{"application_id", scoped->application.id}, {"open", open}, {"was_open", before}}, now));
    view = event_view(sql, std::move(scoped->event), scoped->application, now);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*view);
}

Result<TrainingEventView> training_event_for_qr(store::Database& db, const Clock& clock, const Caller& caller,
                                                long long event_id) {
  const auto now = clock.now();
  std::optional<TrainingEventView> view;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto scoped = load_scoped_event(sql, caller, event_id, {"enterprise", "organizer"});
    if (!scoped) return scoped.take_problem();
    view = event_view(sql, std::move(scoped->event), scoped->application, now);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*view);
}

Result<TrainingCheckinList> list_event_checkins(store::Database& db, const Clock& clock, const Caller& caller,
                                                long long event_id) {
  const auto now = clock.now();
  TrainingCheckinList list;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto scoped = load_scoped_event(sql, caller, event_id, {"enterprise", "organizer", "bureau"});
    if (!scoped) return scoped.take_problem();
    list.checkins = store::list_training_checkins(sql, event_id);
    list.phones_masked = caller.is("bureau");
    if (list.phones_masked) {
      for (auto& checkin : list.checkins) checkin.phone = mask_phone(checkin.phone);
    }
    for (auto& checkin : list.checkins) checkin.client_address.clear();
    list.event = event_view(sql, std::move(scoped->event), scoped->application, now);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return list;
}

Result<TrainingEventView> public_checkin_event(store::Database& db, const Clock& clock,
                                               const std::string& token) {
  const auto now = clock.now();
  std::optional<TrainingEventView> view;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto event = token.empty() ? std::nullopt : store::find_training_event_by_token(sql, token);
    if (!event) return not_found();
    auto application = store::find_application(sql, event->application_id);
    if (!application) return not_found();
    view = event_view(sql, std::move(*event), *application, now);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*view);
}

Result<store::TrainingCheckinRecord> check_in(store::Database& db, const Clock& clock, const Caller& caller,
                                              const std::string& token, const CheckinInput& input) {
  const auto now = clock.now();
  store::TrainingCheckinRecord checkin;
  checkin.name = trimmed(input.name);
  for (char c : input.phone) {
    if (c != ' ') checkin.phone += c;
  }
  checkin.employer = trimmed(input.employer);
  checkin.client_address = caller.client_address;
  checkin.checked_in_at = store::format_utc_iso(now);
  Status written = db.write([&](soci::session& sql) -> Status {
    auto event = token.empty() ? std::nullopt : store::find_training_event_by_token(sql, token);
    if (!event) return not_found();
    auto application = store::find_application(sql, event->application_id);
    if (!application) return not_found();
    auto view = event_view(sql, *event, *application, now);
    if (!view.open) {
      return domain::make_problem("checkin_closed", 409,
                                  {{"reason", view.closed_reason}, {"held_on", view.event.held_on}});
    }
    FieldErrors errors;
    check_text(errors, "name", checkin.name, kNameMaximum);
    if (checkin.phone.empty()) {
      errors.push_back({"phone", "required", {}});
    } else if (!domain::is_mainland_phone(checkin.phone)) {
      errors.push_back({"phone", "phone_mainland", {}});
    }
    if (domain::code_points(checkin.employer) > kEmployerMaximum)
      errors.push_back({"employer", "too_long", {{"maximum", kEmployerMaximum}}});
    if (!errors.empty()) return validation_problem(std::move(errors));
    checkin.event_id = event->id;
    if (!store::insert_training_checkin(sql, checkin)) {
      auto problem = domain::make_problem("already_checked_in", 409, {{"title", event->title}});
      problem.fields.push_back({"phone", "already_checked_in", {}});
      return problem;
    }
    store::append_audit(sql, audit_entry(caller, "training.checkin", event_object(event->id),
                                         {{"application_id", event->application_id},
                                          {"name", checkin.name},
                                          {"phone", mask_phone(checkin.phone)}},
                                         now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return checkin;
}

}  // namespace iifund::service
