#include "service/applications.hpp"

#include <fmt/format.h>

#include "domain/time.hpp"
#include "domain/workflow.hpp"
#include "service/application_scope.hpp"
#include "service/application_view.hpp"
#include "service/audit.hpp"
#include "service/enterprise_facts.hpp"
#include "service/tokens.hpp"
#include "store/audit_log.hpp"
#include "store/timestamps.hpp"
#include "store/user_store.hpp"

namespace iifund::service {

namespace {

using domain::Problem;
using domain::Result;
using domain::Status;

Status check_version(const store::ApplicationRecord& record, int version) {
  if (record.version == version) return domain::Ok{};
  return domain::make_problem("stale_version", 409,
                              {{"current_version", record.version},
                               {"updated_at", record.updated_at},
                               {"updated_by", record.updated_by}});
}

// The form's top-level sections whose content differs from `theirs`, for the stale-save dialog.
std::vector<std::string> changed_sections(const std::string& stored_json, const nlohmann::json& theirs) {
  std::vector<std::string> changed;
  auto stored = nlohmann::json::parse(stored_json);
  for (const auto& [key, value] : stored.items()) {
    if (!theirs.is_object() || !theirs.contains(key) || theirs.at(key) != value) changed.push_back(key);
  }
  return changed;
}

domain::ApplicationForm initial_form(const domain::Policy& policy,
                                     const store::EnterpriseRecord& enterprise) {
  domain::ApplicationForm form;
  form.contact = {enterprise.contact_name, enterprise.contact_phone};
  for (const auto& declaration : policy.declarations)
    form.declarations.push_back({declaration.id, false, {}});
  return form;
}

void record_event(soci::session& sql, const Caller& caller, const store::ApplicationRecord& record,
                  const std::string& action, const std::string& from, const std::string& reason,
                  const std::string& at) {
  store::ApplicationEvent event;
  event.application_id = record.id;
  event.action = action;
  event.from_state = from;
  event.to_state = record.state;
  if (caller.user_id != 0) event.actor_user_id = caller.user_id;
  event.actor_role = caller.role;
  event.reason = reason;
  event.at = at;
  store::insert_application_event(sql, event);
}

// Runs `change` on the caller's editable application inside one write transaction and answers
// the view as it stands after it.
Result<ApplicationView> change_application(
    store::Database& db, const Caller& caller, long long id,
    const std::function<Status(soci::session&, store::ApplicationRecord&)>& change) {
  std::optional<ApplicationView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto record = load_editable_application(sql, caller, id);
    if (!record) return record.take_problem();
    if (auto changed = change(sql, record.value()); !changed) return changed;
    return reload_application_view(sql, id, answer);
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

}  // namespace

std::string form_hash(const domain::ApplicationForm& form) {
  return sha256_hex(domain::to_json(form).dump());
}

Result<ApplicationView> create_application(store::Database& db, const Clock& clock, const Caller& caller,
                                           long long batch_id, int category) {
  if (!caller.is("enterprise") || !caller.enterprise_id) return domain::make_problem("not_found", 404);
  const auto now = clock.now();
  std::optional<ApplicationView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    const auto* category_policy = batch->policy->find_category(category);
    if (category_policy == nullptr) {
      Problem problem = domain::make_problem("validation_failed", 422);
      problem.fields.push_back({"category", "category_unknown", {{"found", category}}});
      return problem;
    }
    if (now >= batch->closes) {
      return domain::make_problem("deadline_passed", 422,
                                  {{"deadline", domain::format_beijing(batch->closes)}});
    }
    auto enterprise = store::find_enterprise(sql, *caller.enterprise_id);
    if (!enterprise) return domain::make_problem("not_found", 404);
    if (category_policy->requires_sme && applicant_facts(*enterprise, *batch->policy).is_sme == false) {
      return domain::make_problem("not_sme", 422, {{"category", category}});
    }
    store::ApplicationRecord record;
    record.batch_id = batch_id;
    record.enterprise_id = enterprise->id;
    record.category = category;
    record.county_code = enterprise->county_code;
    record.state = "draft";
    record.form_json = domain::to_json(initial_form(*batch->policy, *enterprise)).dump();
    record.created_by = caller.user_id;
    record.created_at = store::format_utc_iso(now);
    auto id = store::insert_application(sql, record);
    if (!id) return id.take_problem();
    record.id = id.value();
    store::set_application_number(sql, record.id,
                                  fmt::format("{}-{}-{:06}", batch->batch.code, category, record.id));
    record_event(sql, caller, record, "create", "", "", record.created_at);
    store::append_audit(sql, audit_entry(caller, "application.create", application_object(record.id),
                                         {{"batch", batch->batch.code}, {"category", category}}, now));
    return reload_application_view(sql, record.id, answer);
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<ApplicationView> view_application(store::Database& db, const Clock&, const Caller& caller,
                                         long long id) {
  std::optional<ApplicationView> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto record = load_readable_application(sql, caller, id);
    if (!record) return record.take_problem();
    auto view = build_application_view(sql, std::move(record.value()));
    if (!view) return view.take_problem();
    answer = std::move(view.value());
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

Result<ApplicationView> save_application(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long id, int version, const nlohmann::json& form_body) {
  auto form = domain::parse_application_form(form_body);
  if (!form) return form.take_problem();
  const auto now = clock.now();
  return change_application(
      db, caller, id, [&](soci::session& sql, store::ApplicationRecord& record) -> Status {
        if (auto current = check_version(record, version); !current) {
          Problem problem = current.take_problem();
          problem.facts["changed"] = changed_sections(record.form_json, domain::to_json(form.value()));
          if (auto editor = store::find_user_by_id(sql, record.updated_by)) {
            problem.facts["updated_by_name"] = editor->display_name;
          }
          return problem;
        }
        auto batch = load_batch_policy(sql, record.batch_id);
        if (!batch) return batch.take_problem();
        const auto* category = batch->policy->find_category(record.category);
        auto enterprise = store::find_enterprise(sql, record.enterprise_id);
        auto computation = domain::compute_application(*batch->policy, *category, form.value(),
                                                       applicant_facts(*enterprise, *batch->policy));
        const std::string hash = form_hash(form.value());
        record.form_json = domain::to_json(form.value()).dump();
        record.project_name = form->project_name;
        record.requested_fen = form->requested.fen();
        record.computed_fen = computation.amount.fen();
        record.bound_by = std::string(domain::to_string(computation.bound_by));
        if (record.finalized_hash && *record.finalized_hash != hash) {  // editing un-finalizes (定稿)
          record.finalized_hash.reset();
          record.finalized_at.reset();
        }
        record.updated_by = caller.user_id;
        record.updated_at = store::format_utc_iso(now);
        if (!store::update_application_form(sql, record, version)) return check_version(record, version + 1);
        store::replace_application_invoices(sql, record.id, domain::listed_invoice_keys(form.value()));
        store::append_audit(
            sql,
            audit_entry(caller, "application.save", application_object(record.id),
                        {{"version", version + 1}, {"finalized", record.finalized_hash.has_value()}}, now));
        return domain::Ok{};
      });
}

Result<ApplicationView> finalize_application(store::Database& db, const Clock& clock, const Caller& caller,
                                             long long id, int version) {
  const auto now = clock.now();
  return change_application(
      db, caller, id, [&](soci::session& sql, store::ApplicationRecord& record) -> Status {
        if (auto current = check_version(record, version); !current) return current;
        auto view = build_application_view(sql, record);
        if (!view) return view.take_problem();
        if (!view->problems.empty()) {
          Problem problem =
              domain::make_problem("validation_failed", 422, {{"count", view->problems.size()}});
          problem.fields = view->problems;
          return problem;
        }
        record.finalized_hash = form_hash(view->form);
        record.finalized_at = store::format_utc_iso(now);
        record.updated_by = caller.user_id;
        record.updated_at = *record.finalized_at;
        store::update_application_form(sql, record, version);
        store::append_audit(sql, audit_entry(caller, "application.finalize", application_object(record.id),
                                             {{"form_hash", *record.finalized_hash}}, now));
        return domain::Ok{};
      });
}

}  // namespace iifund::service
