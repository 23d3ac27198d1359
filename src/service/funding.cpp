#include "service/funding.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "domain/time.hpp"
#include "domain/workflow.hpp"
#include "service/application_scope.hpp"
#include "service/application_transitions.hpp"
#include "service/audit.hpp"
#include "service/batch_policies.hpp"
#include "service/field_rules.hpp"
#include "service/notifications.hpp"
#include "store/application_store.hpp"
#include "store/audit_log.hpp"
#include "store/publicity_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::Result;
using domain::Status;
using nlohmann::json;

bool organizer_or_bureau(const Caller& caller) { return caller.is("organizer") || caller.is("bureau"); }

// YYYY-MM-DD and a real calendar day.
bool calendar_date(const std::string& text) {
  unsigned y = 0;
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (std::sscanf(text.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3) return false;
  return std::chrono::year_month_day(std::chrono::year(static_cast<int>(y)), std::chrono::month(m),
                                     std::chrono::day(d))
      .ok();
}

Payments payments_of(soci::session& sql, long long application_id) {
  Payments payments;
  payments.application_id = application_id;
  if (auto funded = store::find_funded_project(sql, application_id))
    payments.approved_fen = funded->approved_fen;
  payments.payments = store::list_disbursements(sql, application_id);
  for (const auto& payment : payments.payments) payments.disbursed_fen += payment.amount_fen;
  return payments;
}

}  // namespace

std::optional<FundingSummary> funding_of(soci::session& sql, long long application_id) {
  auto funded = store::find_funded_project(sql, application_id);
  if (!funded) return std::nullopt;
  return FundingSummary{funded->selected_fen, funded->approved_fen, funded->disbursed_fen};
}

Result<Approval> approve_batch(store::Database& db, const Clock& clock, const Caller& caller,
                               long long batch_id) {
  if (!caller.is("bureau")) return domain::make_problem("forbidden", 403);
  const auto now = clock.now();
  std::optional<Approval> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    auto publicity = store::find_batch_publicity(sql, batch_id);
    if (!publicity) return domain::make_problem("not_publicized", 409, {{"batch_id", batch_id}});
    auto ends = domain::parse_instant(publicity->ends_at);
    if (!ends) return domain::make_problem("internal_error", 500);
    if (now < ends.value()) {
      return domain::make_problem(
          "publicity_not_over", 422,
          {{"publicity_ends", domain::format_beijing(ends.value())}, {"ends_at", publicity->ends_at}});
    }
    if (auto open = store::count_open_objections(sql, publicity->id); open > 0) {
      return domain::make_problem("objections_pending", 409, {{"count", open}});
    }
    Approval approval;
    approval.batch_id = batch_id;
    approval.approved_at = store::format_utc_iso(now);
    bool any_approved = false;
    auto context = domain::context_from_policy(*batch->policy, now);
    context.publicity_ends = ends.value();
    for (const auto& project : store::list_funded_projects(sql, batch_id)) {
      any_approved = any_approved || project.state == "approved";
      if (project.state != "publicized") continue;
      auto application = store::find_application(sql, project.application_id);
      if (!application) return domain::make_problem("not_found", 404);
      TransitionRequest request;
      request.to = domain::ApplicationState::approved;
      request.notify_kind = "application.approved";
      request.details = {{"approved_fen", project.selected_fen}, {"publicity_id", publicity->id}};
      if (auto done = apply_transition(sql, caller, *application, request, context, now); !done) return done;
      store::set_approved_amount(sql, project.application_id, project.selected_fen, caller.user_id,
                                 approval.approved_at);
      approval.approved.push_back(project.application_id);
      approval.approved_fen += project.selected_fen;
    }
    if (approval.approved.empty()) {
      if (any_approved) return domain::make_problem("already_approved", 409, {{"batch_id", batch_id}});
      return domain::make_problem("nothing_to_approve", 422, {{"batch_id", batch_id}});
    }
    store::append_audit(sql, audit_entry(caller, "funding.approve", fmt::format("batch:{}", batch_id),
                                         {{"publicity_id", publicity->id},
                                          {"approved", approval.approved.size()},
                                          {"approved_fen", approval.approved_fen}},
                                         now));
    answer = std::move(approval);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<FundedList> funded_list(store::Database& db, const Caller& caller, long long batch_id) {
  if (!organizer_or_bureau(caller)) return domain::make_problem("forbidden", 403);
  FundedList list;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    list.projects = store::list_funded_projects(sql, batch_id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  for (const auto& project : list.projects) {
    list.selected_fen += project.selected_fen;
    list.approved_fen += project.approved_fen.value_or(0);
    list.disbursed_fen += project.disbursed_fen;
  }
  return list;
}

Result<Payments> record_disbursement(store::Database& db, const Clock& clock, const Caller& caller,
                                     long long application_id, const PaymentInput& payment) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  const auto now = clock.now();
  std::optional<Payments> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto application = load_readable_application(sql, caller, application_id);
    if (!application) return application.take_problem();
    auto funded = store::find_funded_project(sql, application_id);
    if (application->state != "approved" || !funded || !funded->approved_fen) {
      return domain::make_problem("not_approved", 409, {{"state", application->state}});
    }
    FieldErrors errors;
    if (!payment.amount_fen) {
      errors.push_back({"amount_fen", "required", json::object()});
    } else if (*payment.amount_fen <= 0) {
      errors.push_back({"amount_fen", "amount_positive", {{"found", *payment.amount_fen}}});
    }
    if (payment.paid_on.empty()) {
      errors.push_back({"paid_on", "required", json::object()});
    } else if (!calendar_date(payment.paid_on)) {
      errors.push_back({"paid_on", "date_syntax", {{"found", payment.paid_on}}});
    }
    if (!payment.voucher.empty()) check_text(errors, "voucher", payment.voucher, 100);
    if (!payment.note.empty()) check_text(errors, "note", payment.note, 500);
    if (!errors.empty()) return validation_problem(std::move(errors));
    const long long approved = *funded->approved_fen;
    const long long disbursed = store::disbursed_total(sql, application_id);
    if (*payment.amount_fen > approved - disbursed) {
      json facts = {{"approved_fen", approved},
                    {"disbursed_fen", disbursed},
                    {"amount_fen", *payment.amount_fen},
                    {"remaining_fen", approved - disbursed}};
      auto problem = domain::make_problem("over_approved", 422, facts);
      problem.fields.push_back({"amount_fen", "over_approved", facts});
      return problem;
    }
    store::DisbursementRecord record;
    record.application_id = application_id;
    record.amount_fen = *payment.amount_fen;
    record.paid_on = payment.paid_on;
    record.voucher = payment.voucher;
    record.note = payment.note;
    record.recorded_by = caller.user_id;
    record.recorded_at = store::format_utc_iso(now);
    record.id = store::insert_disbursement(sql, record);
    store::append_audit(sql,
                        audit_entry(caller, "funding.disburse", fmt::format("application:{}", application_id),
                                    {{"disbursement_id", record.id},
                                     {"amount_fen", record.amount_fen},
                                     {"paid_on", record.paid_on},
                                     {"voucher", record.voucher},
                                     {"disbursed_fen", disbursed + record.amount_fen},
                                     {"approved_fen", approved}},
                                    now));
    notify_enterprise(sql, application->enterprise_id, "application.disbursed",
                      fmt::format("application:{}", application_id),
                      {{"application_id", application_id},
                       {"number", application->number},
                       {"project_name", application->project_name},
                       {"amount_fen", record.amount_fen},
                       {"paid_on", record.paid_on}},
                      now);
    answer = payments_of(sql, application_id);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<Payments> application_payments(store::Database& db, const Caller& caller, long long application_id) {
  std::optional<Payments> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto application = load_readable_application(sql, caller, application_id);
    if (!application) return application.take_problem();
    answer = payments_of(sql, application_id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

}  // namespace iifund::service
