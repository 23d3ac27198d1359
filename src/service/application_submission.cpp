// Submission, withdrawal and what others read of an application (declared in applications.hpp).
#include <fmt/format.h>

#include <set>

#include "domain/time.hpp"
#include "domain/workflow.hpp"
#include "service/application_scope.hpp"
#include "service/application_view.hpp"
#include "service/applications.hpp"
#include "service/audit.hpp"
#include "store/audit_log.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::ApplicationState;
using domain::Problem;
using domain::Result;
using domain::Status;

// The state a submission from `from` leads to: draft and returned go to the county again, a
// supplement (补正) goes straight back to the organizer's formal check.
std::optional<ApplicationState> submission_target(ApplicationState from) {
  for (auto to : domain::next_states(from, domain::Role::enterprise)) {
    if (to != ApplicationState::withdrawn) return to;
  }
  return std::nullopt;
}

domain::TransitionContext submission_context(const ApplicationView& view, domain::Instant now) {
  auto context = domain::context_from_policy(*view.batch.policy, now);
  context.window_closes = view.batch.closes;
  context.window_opens = view.batch.opens;
  if (view.record.returned_at) {
    if (auto returned = domain::parse_instant(*view.record.returned_at))
      context.returned_at = returned.value();
  }
  context.enterprise_verified = view.enterprise.verified;
  context.form_finalized = view.record.finalized_hash.has_value();
  context.sealed_scan_uploaded = view.sealed_scan_current;
  context.materials_complete = view.missing_materials.empty();
  return context;
}

nlohmann::json materials_json(const ApplicationView& view) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& upload : view.uploads) {
    files.push_back({{"upload_id", upload.id},
                     {"material_id", upload.material_id},
                     {"file_name", upload.file_name},
                     {"size_bytes", upload.size_bytes},
                     {"sha256", upload.sha256}});
  }
  return files;
}

// Already submitted with exactly this finalized form: a retried request gets the same answer.
bool already_submitted(const store::ApplicationRecord& record,
                       const std::optional<store::ApplicationSnapshot>& last) {
  return !store::application_editable(record.state) && record.state != "withdrawn" && record.finalized_hash &&
         last && last->form_hash == *record.finalized_hash && record.submitted_at &&
         *record.submitted_at == last->submitted_at;
}

// 产业集群试点: an enterprise is a member of at most one cluster application per batch (DOMAIN.md
// §8.7). Refused at submission, naming the member's row but not the other application.
Status check_cluster_members(soci::session& sql, const ApplicationView& view) {
  if (view.category->kind != domain::CategoryKind::cluster || !view.form.cluster) return domain::Ok{};
  std::set<std::string> taken;
  for (const auto& text :
       store::submitted_forms_of_category(sql, view.record.batch_id, view.record.category, view.record.id)) {
    auto other = domain::parse_application_form(nlohmann::json::parse(text, nullptr, false));
    if (!other || !other->cluster) continue;
    for (const auto& member : other->cluster->members) taken.insert(member.credit_code);
  }
  Problem problem = domain::make_problem("cluster_member_taken", 409);
  const auto& members = view.form.cluster->members;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (taken.count(members[i].credit_code) > 0) {
      problem.fields.push_back({fmt::format("form.cluster.members[{}].credit_code", i),
                                "cluster_member_taken",
                                {{"credit_code", members[i].credit_code}}});
    }
  }
  if (problem.fields.empty()) return domain::Ok{};
  return problem;
}

Status freeze_submission(soci::session& sql, const Caller& caller, ApplicationView& view,
                         ApplicationState target, domain::Instant now) {
  auto& record = view.record;
  if (auto members = check_cluster_members(sql, view); !members) return members;
  auto keys = domain::listed_invoice_keys(view.form);
  store::release_invoice_claims(sql, record.id);  // a resubmission claims what it lists now
  auto taken = store::claim_invoices(sql, record.batch_id, record.id, keys, store::format_utc_iso(now));
  if (!taken.empty()) {
    Problem problem = domain::make_problem("invoice_claimed", 409, {{"count", taken.size()}});
    for (std::size_t i = 0; i < view.form.investment_lines.size(); ++i) {
      auto key = domain::invoice_key(domain::to_invoice(view.form.investment_lines[i]));
      if (std::find(taken.begin(), taken.end(), key) != taken.end()) {
        problem.fields.push_back({fmt::format("form.investment_lines[{}].invoice.number", i),
                                  "invoice_claimed",
                                  {{"invoice", key}}});
      }
    }
    return problem;
  }
  const std::string stamp = store::format_utc_iso(now);
  const std::string from = record.state;
  record.state = std::string(domain::to_string(target));
  record.revision += 1;
  record.submitted_at = stamp;
  record.updated_by = caller.user_id;
  record.updated_at = stamp;
  store::ApplicationSnapshot snapshot{0,
                                      record.id,
                                      record.revision,
                                      domain::to_json(view.form).dump(),
                                      *record.finalized_hash,
                                      computation_json(view).dump(),
                                      materials_json(view).dump(),
                                      caller.user_id,
                                      stamp};
  store::insert_application_snapshot(sql, snapshot);
  store::update_application_state(sql, record);
  const std::string action = from == "draft" ? "submit" : (from == "returned" ? "resubmit" : "supplement");
  store::ApplicationEvent event{0,           record.id, action, from, record.state, caller.user_id,
                                caller.role, "",        stamp,  "{}"};
  store::insert_application_event(sql, event);
  store::append_audit(sql, audit_entry(caller, "application." + action, application_object(record.id),
                                       {{"from", from},
                                        {"to", record.state},
                                        {"revision", record.revision},
                                        {"form_hash", *record.finalized_hash},
                                        {"invoices", keys.size()}},
                                       now));
  return domain::Ok{};
}

}  // namespace

Result<ApplicationView> submit_application(store::Database& db, const Clock& clock, const Caller& caller,
                                           long long id, int version) {
  const auto now = clock.now();
  std::optional<ApplicationView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto readable = load_readable_application(sql, caller, id);
    if (!readable) return readable.take_problem();
    const bool own = caller.is("enterprise") && caller.enterprise_id == readable->enterprise_id;
    if (own && already_submitted(readable.value(), store::latest_application_snapshot(sql, id))) {
      auto view = build_application_view(sql, std::move(readable.value()));
      if (!view) return view.take_problem();
      answer = std::move(view.value());
      return domain::Ok{};
    }
    auto record = load_editable_application(sql, caller, id);
    if (!record) return record.take_problem();
    if (record->version != version) {
      return domain::make_problem("stale_version", 409, {{"current_version", record->version}});
    }
    auto view = build_application_view(sql, std::move(record.value()));
    if (!view) return view.take_problem();
    auto from = domain::parse_application_state(view->record.state);
    auto target = from ? submission_target(*from) : std::nullopt;
    if (!target)
      return domain::make_problem("application_not_editable", 409, {{"state", view->record.state}});
    auto allowed =
        domain::check_transition(*from, *target, domain::Role::enterprise, submission_context(*view, now));
    if (!allowed) return allowed.take_problem();
    if (auto frozen = freeze_submission(sql, caller, view.value(), *target, now); !frozen) return frozen;
    return reload_application_view(sql, id, answer);
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<ApplicationView> withdraw_application(store::Database& db, const Clock& clock, const Caller& caller,
                                             long long id, const std::string& reason) {
  const auto now = clock.now();
  std::optional<ApplicationView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto record = load_readable_application(sql, caller, id);
    if (!record) return record.take_problem();
    if (!caller.is("enterprise") || caller.enterprise_id != record->enterprise_id) {
      return domain::make_problem("not_found", 404);
    }
    auto from = domain::parse_application_state(record->state);
    domain::TransitionContext context;
    context.now = now;
    context.reason = reason;
    auto allowed =
        domain::check_transition(*from, ApplicationState::withdrawn, domain::Role::enterprise, context);
    if (!allowed) return allowed.take_problem();
    const std::string stamp = store::format_utc_iso(now);
    const std::string before = record->state;
    record->state = "withdrawn";
    record->updated_by = caller.user_id;
    record->updated_at = stamp;
    store::update_application_state(sql, record.value());
    store::release_invoice_claims(sql, id);
    store::ApplicationEvent event{0,           id,     "withdraw", before, "withdrawn", caller.user_id,
                                  caller.role, reason, stamp,      "{}"};
    store::insert_application_event(sql, event);
    store::append_audit(sql, audit_entry(caller, "application.withdraw", application_object(id),
                                         {{"from", before}, {"reason", reason}}, now));
    return reload_application_view(sql, id, answer);
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<std::vector<store::ApplicationEvent>> application_history(store::Database& db, const Caller& caller,
                                                                 long long id) {
  std::vector<store::ApplicationEvent> events;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto record = load_readable_application(sql, caller, id);
    if (!record) return record.take_problem();
    events = store::list_application_events(sql, id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return events;
}

Result<store::ApplicationSnapshot> application_snapshot(store::Database& db, const Caller& caller,
                                                        long long id) {
  std::optional<store::ApplicationSnapshot> snapshot;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto record = load_readable_application(sql, caller, id);
    if (!record) return record.take_problem();
    snapshot = store::latest_application_snapshot(sql, id);
    if (!snapshot) return domain::make_problem("not_submitted", 404);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*snapshot);
}

Result<store::ApplicationPage> find_applications(store::Database& db, const Caller& caller,
                                                 store::ApplicationQuery query) {
  query.enterprise_id.reset();
  query.county_code.reset();
  query.exclude_drafts = true;
  if (caller.is("enterprise") && caller.enterprise_id) {
    query.enterprise_id = caller.enterprise_id;
    query.exclude_drafts = false;
  } else if (caller.is("county") && caller.county_code) {
    query.county_code = caller.county_code;
  } else if (!caller.is("organizer") && !caller.is("bureau")) {
    return domain::make_problem("forbidden", 403);
  }
  store::ApplicationPage page;
  Status read = db.read([&](soci::session& sql) -> Status {
    page = store::list_applications(sql, query);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return page;
}

nlohmann::json computation_json(const ApplicationView& view) {
  const auto& c = view.computation;
  auto optional_fen = [](const std::optional<domain::Money>& money) {
    return money ? nlohmann::json(money->fen()) : nlohmann::json();
  };
  nlohmann::json excluded = nlohmann::json::array();
  for (const auto& line : c.excluded) excluded.push_back({{"line", line.line}, {"reason", line.reason}});
  nlohmann::json members = nlohmann::json::array();
  for (const auto& member : c.members) {
    members.push_back(
        {{"credit_code", member.credit_code},
         {"eligible_investment_fen", member.subsidy.eligible_investment.fen()},
         {"before_cluster_cap_fen", member.subsidy.before_cluster_cap.value_or(member.subsidy.amount).fen()},
         {"amount_fen", member.amount.fen()},
         {"bound_by", domain::to_string(member.subsidy.bound_by)}});
  }
  auto explanation = domain::explain_computation(c);
  nlohmann::json answer = {{"eligible_investment_fen", c.eligible_investment.fen()},
                           {"requested_fen", c.requested.fen()},
                           {"max_subsidy_fen", c.maximum.fen()},
                           {"max_bound_by", domain::to_string(c.maximum_bound_by)},
                           {"amount_fen", c.amount.fen()},
                           {"bound_by", domain::to_string(c.bound_by)},
                           {"requested_within_max", c.requested <= c.maximum},
                           {"rate_bp", c.rate ? nlohmann::json(c.rate->value) : nlohmann::json()},
                           {"rate_limit_fen", optional_fen(c.rate_limit)},
                           {"cap_fen", optional_fen(c.cap)},
                           {"ineligible", domain::to_string(c.ineligible)},
                           {"excluded", excluded},
                           {"explanation_zh", explanation.zh},
                           {"explanation_en", explanation.en}};
  if (view.category && view.category->kind == domain::CategoryKind::cluster) {
    answer["members"] = members;
    answer["cluster"] = {{"members_total_fen", c.members_total.fen()},
                         {"total_fen", c.maximum.fen()},
                         {"cap_fen", optional_fen(c.cluster_cap)},
                         {"scaled", c.cluster_scaled}};
  }
  if (c.training && view.category && view.category->training) {
    const auto& minimums = *view.category->training;
    answer["training"] = {
        {"events", c.training->events},
        {"trainees", c.training->trainees},
        {"min_events", minimums.events},
        {"min_trainees", minimums.trainees},
        {"ok", c.training->events >= minimums.events && c.training->trainees >= minimums.trainees}};
  }
  return answer;
}

}  // namespace iifund::service
