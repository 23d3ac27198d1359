#include "service/acceptance.hpp"

#include <fmt/format.h>

#include <map>

#include "domain/application_form.hpp"
#include "domain/policy.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "service/application_scope.hpp"
#include "service/application_view.hpp"
#include "service/audit.hpp"
#include "service/batch_policies.hpp"
#include "service/field_rules.hpp"
#include "service/notifications.hpp"
#include "service/uploads.hpp"
#include "store/acceptance_store.hpp"
#include "store/audit_log.hpp"
#include "store/timestamps.hpp"
#include "store/training_store.hpp"

namespace iifund::service {

namespace {

using domain::Problem;
using domain::Result;
using domain::Status;

constexpr std::size_t kActualMaximum = 200;
constexpr std::size_t kReportMaximum = 10'000;
constexpr std::size_t kNoteMaximum = 2'000;

Problem not_found() { return domain::make_problem("not_found", 404); }

bool own_application(const Caller& caller, const store::ApplicationRecord& application) {
  return caller.is("enterprise") && caller.enterprise_id &&
         *caller.enterprise_id == application.enterprise_id;
}

Status require_approved(const store::ApplicationRecord& application) {
  if (application.state == "approved") return domain::Ok{};
  return domain::make_problem("acceptance_not_open", 409, {{"state", application.state}});
}

// A readable approved application: 404 out of scope, 409 not approved.
Result<store::ApplicationRecord> load_accepted_application(soci::session& sql, const Caller& caller,
                                                           long long id) {
  auto application = load_readable_application(sql, caller, id);
  if (!application) return application.take_problem();
  if (auto approved = require_approved(*application); !approved) return approved.take_problem();
  return application;
}

// The enterprise's own approved application: anybody else 404 (their route lets only enterprises in).
Result<store::ApplicationRecord> load_own_accepted_application(soci::session& sql, const Caller& caller,
                                                               long long id) {
  auto application = store::find_application(sql, id);
  if (!application || !own_application(caller, *application)) return not_found();
  if (auto approved = require_approved(*application); !approved) return approved.take_problem();
  return std::move(*application);
}

// The stored actuals: target id → actual.
std::map<int, std::string> stored_actuals(const std::string& targets_json) {
  std::map<int, std::string> actuals;
  auto parsed = nlohmann::json::parse(targets_json, nullptr, false);
  if (!parsed.is_array()) return actuals;
  for (const auto& item : parsed) {
    if (item.is_object() && item.contains("id") && item["id"].is_number_integer() &&
        item.contains("actual") && item["actual"].is_string())
      actuals[item["id"].get<int>()] = item["actual"].get<std::string>();
  }
  return actuals;
}

nlohmann::json actuals_json(const std::map<int, std::string>& actuals) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, actual] : actuals) list.push_back({{"id", id}, {"actual", actual}});
  return list;
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

Result<AcceptanceView> build_view(soci::session& sql, store::ApplicationRecord application,
                                  domain::Instant now) {
  auto batch = load_batch_policy(sql, application.batch_id);
  if (!batch) return batch.take_problem();
  const auto* category = batch->policy->find_category(application.category);
  auto form = domain::parse_application_form(nlohmann::json::parse(application.form_json, nullptr, false));
  AcceptanceView view;
  auto stored = store::find_acceptance(sql, application.id);
  std::map<int, std::string> actuals;
  if (stored) {
    view.state = stored->state;
    view.actual_investment_fen = stored->actual_investment_fen;
    view.report = stored->report;
    view.conclusion = stored->conclusion;
    view.concluded_at = stored->concluded_at;
    view.version = stored->version;
    view.updated_at = stored->updated_at;
    actuals = stored_actuals(stored->targets_json);
  }
  if (form) {
    const bool with_tax = batch->policy->investment_basis == domain::InvestmentBasis::with_tax;
    for (const auto& line : form->investment_lines) {
      view.planned_investment_fen +=
          with_tax ? line.invoice.amount_with_tax.fen() : line.invoice.amount_without_tax.fen();
    }
    int id = 0;
    for (const auto& target : form->targets) {
      ++id;
      view.targets.push_back({id, target.indicator, target.baseline, target.target, target.unit,
                              actuals.count(id) > 0 ? actuals[id] : ""});
    }
  }
  for (auto& upload : list_application_uploads(sql, application.id)) {
    if (upload.material_id == kAcceptanceEvidenceMaterial) view.evidence.push_back(std::move(upload));
  }
  if (category != nullptr && category->training) {
    view.training =
        training_summary(sql, application, category->training->events, category->training->trainees, now);
  }
  view.application = std::move(application);
  return view;
}

std::string acceptance_object(long long id) { return "acceptance:" + std::to_string(id); }

Problem stale(int current_version) {
  return domain::make_problem("stale_version", 409, {{"current_version", current_version}});
}

Status require_editable(const store::AcceptanceRecord& acceptance) {
  if (acceptance.state == "draft") return domain::Ok{};
  return domain::make_problem("acceptance_not_editable", 409, {{"state", acceptance.state}});
}

// Inserts the first version or updates the current one; false when stale.
bool write_acceptance(soci::session& sql, const store::AcceptanceRecord& acceptance, int expected_version) {
  if (expected_version == 0) {
    store::insert_acceptance(sql, acceptance);
    return true;
  }
  return store::update_acceptance(sql, acceptance, expected_version);
}

}  // namespace

std::string acceptance_state(soci::session& sql, long long application_id) {
  auto stored = store::find_acceptance(sql, application_id);
  return stored ? stored->state : "draft";
}

TrainingSummary training_summary(soci::session& sql, const store::ApplicationRecord& application,
                                 int min_events, int min_trainees, domain::Instant now) {
  const auto today = domain::format_beijing(now).substr(0, 10);
  auto attendance = store::training_attendance(sql, application.id, today);
  TrainingSummary summary;
  summary.events = attendance.events;
  summary.events_held = attendance.events_held;
  summary.trainees = attendance.trainees;
  summary.min_events = min_events;
  summary.min_trainees = min_trainees;
  auto form = domain::parse_application_form(nlohmann::json::parse(application.form_json, nullptr, false));
  if (form) {
    summary.planned_events = static_cast<int>(form->training_events.size());
    for (const auto& event : form->training_events) summary.planned_trainees += event.planned_trainees;
  }
  summary.ok = summary.events_held >= min_events && summary.trainees >= min_trainees;
  return summary;
}

Result<store::ApplicationRecord> load_acceptance_evidence_application(soci::session& sql,
                                                                      const Caller& caller,
                                                                      long long application_id) {
  auto application = load_own_accepted_application(sql, caller, application_id);
  if (!application) return application.take_problem();
  if (auto stored = store::find_acceptance(sql, application_id)) {
    if (auto editable = require_editable(*stored); !editable) return editable.take_problem();
  }
  return application;
}

Result<AcceptanceView> view_acceptance(store::Database& db, const Clock& clock, const Caller& caller,
                                       long long application_id) {
  const auto now = clock.now();
  std::optional<AcceptanceView> view;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto application = load_accepted_application(sql, caller, application_id);
    if (!application) return application.take_problem();
    auto built = build_view(sql, std::move(application.value()), now);
    if (!built) return built.take_problem();
    view = std::move(built.value());
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*view);
}

Result<AcceptanceView> save_acceptance(store::Database& db, const Clock& clock, const Caller& caller,
                                       long long application_id, int version, const AcceptanceInput& input) {
  const auto now = clock.now();
  std::optional<AcceptanceView> view;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto application = load_own_accepted_application(sql, caller, application_id);
    if (!application) return application.take_problem();
    auto current = build_view(sql, application.value(), now);
    if (!current) return current.take_problem();
    store::AcceptanceRecord acceptance =
        store::find_acceptance(sql, application_id).value_or(store::AcceptanceRecord{});
    acceptance.application_id = application_id;
    if (auto editable = require_editable(acceptance); !editable) return editable.take_problem();
    FieldErrors errors;
    if (input.actual_investment_fen && (*input.actual_investment_fen < 0 ||
                                        *input.actual_investment_fen > domain::FormLimits::kMaxAmountFen)) {
      errors.push_back(
          {"actual_investment_fen", "amount_range", {{"maximum_fen", domain::FormLimits::kMaxAmountFen}}});
    }
    auto actuals = stored_actuals(acceptance.targets_json);
    for (std::size_t i = 0; i < input.targets.size(); ++i) {
      const auto& target = input.targets[i];
      const auto field = fmt::format("targets[{}]", i);
      if (!target.id || *target.id < 1 || *target.id > static_cast<long long>(current->targets.size())) {
        errors.push_back({field + ".id", "target_unknown", {{"targets", current->targets.size()}}});
      } else if (domain::code_points(target.actual) > kActualMaximum) {
        errors.push_back({field + ".actual", "too_long", {{"maximum", kActualMaximum}}});
      } else {
        actuals[static_cast<int>(*target.id)] = target.actual;
      }
    }
    if (domain::code_points(input.report) > kReportMaximum)
      errors.push_back({"report", "too_long", {{"maximum", kReportMaximum}}});
    if (!errors.empty()) return validation_problem(std::move(errors));
    if (acceptance.version != version) return stale(acceptance.version);
    acceptance.actual_investment_fen = input.actual_investment_fen;
    acceptance.targets_json = actuals_json(actuals).dump();
    acceptance.report = input.report;
    acceptance.updated_at = store::format_utc_iso(now);
    if (!write_acceptance(sql, acceptance, version)) return stale(acceptance.version);
    store::append_audit(
        sql, audit_entry(caller, "acceptance.save", acceptance_object(application_id),
                         {{"application_id", application_id},
                          {"actual_investment_fen", input.actual_investment_fen
                                                        ? nlohmann::json(*input.actual_investment_fen)
                                                        : nlohmann::json(nullptr)},
                          {"targets", actuals.size()},
                          {"version", version + 1}},
                         now));
    auto built = build_view(sql, std::move(application.value()), now);
    if (!built) return built.take_problem();
    view = std::move(built.value());
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*view);
}

Result<AcceptanceView> submit_acceptance(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long application_id, int version) {
  const auto now = clock.now();
  std::optional<AcceptanceView> view;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto application = load_own_accepted_application(sql, caller, application_id);
    if (!application) return application.take_problem();
    auto stored = store::find_acceptance(sql, application_id);
    store::AcceptanceRecord acceptance = stored.value_or(store::AcceptanceRecord{});
    acceptance.application_id = application_id;
    if (auto editable = require_editable(acceptance); !editable) return editable.take_problem();
    if (acceptance.version != version) return stale(acceptance.version);
    auto current = build_view(sql, application.value(), now);
    if (!current) return current.take_problem();
    Problem incomplete = domain::make_problem("acceptance_incomplete", 422);
    if (!current->actual_investment_fen)
      incomplete.fields.push_back({"actual_investment_fen", "required", {}});
    for (std::size_t i = 0; i < current->targets.size(); ++i) {
      if (blank(current->targets[i].actual)) {
        incomplete.fields.push_back(
            {fmt::format("targets[{}].actual", i), "required", {{"id", current->targets[i].id}}});
      }
    }
    if (!incomplete.fields.empty()) {
      incomplete.facts["count"] = incomplete.fields.size();
      return incomplete;
    }
    acceptance.state = "submitted";
    acceptance.updated_at = store::format_utc_iso(now);
    if (!write_acceptance(sql, acceptance, version)) return stale(acceptance.version);
    nlohmann::json summary = {{"application_id", application_id},
                              {"actual_investment_fen", *current->actual_investment_fen},
                              {"planned_investment_fen", current->planned_investment_fen},
                              {"evidence", current->evidence.size()}};
    if (current->training) {
      summary["events_held"] = current->training->events_held;
      summary["trainees"] = current->training->trainees;
    }
    store::append_audit(
        sql, audit_entry(caller, "acceptance.submit", acceptance_object(application_id), summary, now));
    auto built = build_view(sql, std::move(application.value()), now);
    if (!built) return built.take_problem();
    view = std::move(built.value());
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*view);
}

Result<AcceptanceView> conclude_acceptance(store::Database& db, const Clock& clock, const Caller& caller,
                                           long long application_id, const std::string& conclusion,
                                           const std::string& note) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  const auto now = clock.now();
  std::optional<AcceptanceView> view;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto application = load_accepted_application(sql, caller, application_id);
    if (!application) return application.take_problem();
    FieldErrors errors;
    if (conclusion != "passed" && conclusion != "failed") {
      errors.push_back({"conclusion", "conclusion_unknown", {{"allowed", {"passed", "failed"}}}});
    }
    if (conclusion == "failed" && blank(note)) errors.push_back({"note", "reason_required", {}});
    if (domain::code_points(note) > kNoteMaximum)
      errors.push_back({"note", "too_long", {{"maximum", kNoteMaximum}}});
    if (!errors.empty()) return validation_problem(std::move(errors));
    auto acceptance = store::find_acceptance(sql, application_id);
    if (!acceptance || acceptance->state != "submitted") {
      return domain::make_problem("acceptance_not_submitted", 409,
                                  {{"state", acceptance ? acceptance->state : "draft"}});
    }
    const int version = acceptance->version;
    acceptance->state = conclusion;
    acceptance->conclusion = note;
    acceptance->concluded_by = caller.user_id;
    acceptance->concluded_at = store::format_utc_iso(now);
    acceptance->updated_at = *acceptance->concluded_at;
    if (!store::update_acceptance(sql, *acceptance, version)) return stale(version);
    store::append_audit(
        sql,
        audit_entry(caller, "acceptance.conclude", acceptance_object(application_id),
                    {{"application_id", application_id}, {"conclusion", conclusion}, {"note", note}}, now));
    notify_enterprise(sql, application->enterprise_id, "acceptance.concluded",
                      application_object(application_id),
                      {{"application_id", application_id},
                       {"number", application->number},
                       {"project_name", application->project_name},
                       {"conclusion", conclusion},
                       {"note", note}},
                      now);
    auto built = build_view(sql, std::move(application.value()), now);
    if (!built) return built.take_problem();
    view = std::move(built.value());
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*view);
}

}  // namespace iifund::service
