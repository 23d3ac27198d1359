#include "service/formal_check.hpp"

#include <algorithm>
#include <random>

#include "domain/credit_code.hpp"
#include "domain/workflow.hpp"
#include "service/application_scope.hpp"
#include "service/application_transitions.hpp"
#include "service/application_view.hpp"
#include "service/audit.hpp"
#include "service/county_review.hpp"
#include "service/field_rules.hpp"
#include "store/audit_log.hpp"
#include "store/batch_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::ApplicationState;
using domain::Result;
using domain::Status;

domain::Problem not_found() { return domain::make_problem("not_found", 404); }

struct OutcomeRule {
  const char* outcome;
  ApplicationState to;
  const char* notice;
};

constexpr OutcomeRule kOutcomes[] = {
    {"pass", ApplicationState::formal_check_passed, "application.formal_check_passed"},
    {"supplement", ApplicationState::supplement_requested, "application.supplement_requested"},
    {"fail", ApplicationState::formal_check_failed, "application.formal_check_failed"},
};

const OutcomeRule* find_outcome(const std::string& outcome) {
  for (const auto& rule : kOutcomes)
    if (outcome == rule.outcome) return &rule;
  return nullptr;
}

nlohmann::json parse_object(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json::object() : parsed;
}

ChecklistItem automatic_item(std::string id, std::string zh, std::string en, bool ok, nlohmann::json facts) {
  return {std::move(id), std::move(zh), std::move(en), true, ok, std::move(facts)};
}

void add_material_items(std::vector<ChecklistItem>& items, const ApplicationView& view,
                        const nlohmann::json& materials) {
  for (const auto& material : view.category->materials) {
    long long files = 0;
    for (const auto& file : materials)
      if (file.value("material_id", "") == material.id) ++files;
    items.push_back(automatic_item("material:" + material.id, "申报材料齐全：" + material.name.zh,
                                   "Material present: " + material.name.en, files > 0,
                                   {{"material_id", material.id}, {"files", files}}));
  }
}

void add_declaration_items(std::vector<ChecklistItem>& items, const ApplicationView& view,
                           const domain::ApplicationForm& form) {
  for (const auto& declaration : view.batch.policy->declarations) {
    const bool declared =
        std::any_of(form.declarations.begin(), form.declarations.end(),
                    [&](const auto& entry) { return entry.id == declaration.id && entry.declared; });
    items.push_back(automatic_item("declaration:" + declaration.id, "已作声明：" + declaration.name.zh,
                                   "Declared: " + declaration.name.en, declared,
                                   {{"declaration_id", declaration.id}}));
  }
}

// Requested within the computed maximum, and every invoice's amounts add up.
ChecklistItem amounts_item(const domain::ApplicationForm& form, const nlohmann::json& computed) {
  const long long requested = computed.value("requested_fen", 0LL);
  const long long maximum = computed.value("max_subsidy_fen", 0LL);
  nlohmann::json not_adding_up = nlohmann::json::array();
  for (std::size_t i = 0; i < form.investment_lines.size(); ++i) {
    const auto& invoice = form.investment_lines[i].invoice;
    if (invoice.amount_without_tax + invoice.tax != invoice.amount_with_tax) not_adding_up.push_back(i);
  }
  const bool ok = requested <= maximum && not_adding_up.empty();
  return automatic_item(
      "amounts_consistent", "金额一致：申请金额不超过核定上限，发票金额相符",
      "Amounts consistent: requested within the computed maximum, invoice amounts add up", ok,
      {{"requested_fen", requested}, {"max_subsidy_fen", maximum}, {"lines_not_adding_up", not_adding_up}});
}

// The applicant's code and, in a cluster, the lead's and every member's.
ChecklistItem credit_code_item(const ApplicationView& view, const domain::ApplicationForm& form) {
  std::vector<std::string> codes = {view.enterprise.credit_code};
  if (form.cluster) {
    if (!form.cluster->lead.credit_code.empty()) codes.push_back(form.cluster->lead.credit_code);
    for (const auto& member : form.cluster->members) codes.push_back(member.credit_code);
  }
  nlohmann::json invalid = nlohmann::json::array();
  for (const auto& code : codes)
    if (!domain::parse_credit_code(code)) invalid.push_back(code);
  return automatic_item("credit_code_valid", "统一社会信用代码有效", "Credit codes valid", invalid.empty(),
                        {{"credit_code", view.enterprise.credit_code}, {"invalid", invalid}});
}

ChecklistItem duplicate_item(soci::session& sql, const ApplicationView& view,
                             const domain::ApplicationForm& form) {
  auto others =
      store::other_live_applications(sql, view.record.enterprise_id, view.record.category, view.record.id);
  auto claimed = store::invoices_claimed_elsewhere(sql, view.record.batch_id, view.record.id,
                                                   domain::listed_invoice_keys(form));
  return automatic_item(
      "not_duplicate", "无重复申报：同一企业同一类别无其他在审申报，发票未被其他申报使用",
      "Not a duplicate: no other live application of the enterprise in this category, no invoice "
      "claimed by another application",
      others.empty() && claimed.empty(), {{"applications", others}, {"invoices", claimed}});
}

// The checklist of the latest snapshot.
Result<std::vector<ChecklistItem>> checklist_of(soci::session& sql, const ApplicationView& view) {
  auto snapshot = store::latest_application_snapshot(sql, view.record.id);
  if (!snapshot) return domain::make_problem("not_submitted", 404);
  auto parsed = domain::parse_application_form(parse_object(snapshot->form_json));
  domain::ApplicationForm form = parsed ? std::move(parsed.value()) : domain::ApplicationForm{};
  auto materials = nlohmann::json::parse(snapshot->materials_json, nullptr, false);
  if (!materials.is_array()) materials = nlohmann::json::array();
  std::vector<ChecklistItem> items;
  add_material_items(items, view, materials);
  add_declaration_items(items, view, form);
  items.push_back(amounts_item(form, parse_object(snapshot->computed_json)));
  items.push_back(credit_code_item(view, form));
  items.push_back(duplicate_item(sql, view, form));
  items.push_back({"sealed_scan_matches", "盖章扫描件与定稿申报书一致",
                   "The sealed scan matches the finalized form", false, std::nullopt,
                   nlohmann::json::object()});
  items.push_back({"materials_authentic", "材料清晰完整、真实有效", "Materials legible, complete and genuine",
                   false, std::nullopt, nlohmann::json::object()});
  return items;
}

struct Verdict {
  nlohmann::json checklist = nlohmann::json::object();  // {item: bool}, every item
  std::vector<domain::FieldError> failing;
};

// The checker's verdict merged with what the snapshot shows: an automatic item is true only when
// it held and the checker did not mark it false; a person's item only when marked true.
Result<Verdict> verdict_of(const std::vector<ChecklistItem>& items, const FormalCheckDecision& decision) {
  FieldErrors errors;
  if (!find_outcome(decision.outcome))
    errors.push_back({"outcome", "outcome_unknown", {{"found", decision.outcome}}});
  for (const auto& entry : decision.checklist) {
    const std::string& id = entry.first;
    const bool known =
        std::any_of(items.begin(), items.end(), [&](const auto& item) { return item.id == id; });
    if (!known) errors.push_back({"checklist." + id, "checklist_item_unknown", {}});
  }
  if (!errors.empty()) return validation_problem(std::move(errors));
  Verdict verdict;
  for (const auto& item : items) {
    auto given = decision.checklist.find(item.id);
    const bool ok = item.automatic
                        ? item.ok.value_or(false) && (given == decision.checklist.end() || given->second)
                        : given != decision.checklist.end() && given->second;
    verdict.checklist[item.id] = ok;
    if (!ok) verdict.failing.push_back({"checklist." + item.id, "checklist_item_failed", {}});
  }
  return verdict;
}

Status check_verdict(const Verdict& verdict, const FormalCheckDecision& decision) {
  if (decision.outcome == "pass" && !verdict.failing.empty()) {
    auto problem = domain::make_problem("checklist_incomplete", 422, {{"failing", verdict.failing.size()}});
    problem.fields = verdict.failing;
    return problem;
  }
  return domain::Ok{};
}

store::FormalCheckRecord check_record(const Caller& caller, long long application_id, const char* round,
                                      int revision, const FormalCheckDecision& decision,
                                      const Verdict& verdict, domain::Instant now) {
  store::FormalCheckRecord check;
  check.application_id = application_id;
  check.round = round;
  check.revision = revision;
  check.outcome = decision.outcome;
  check.checklist_json = verdict.checklist.dump();
  check.reason = decision.reason;
  check.checked_by = caller.user_id;
  check.checked_by_name = caller.display_name;
  check.checked_at = store::format_utc_iso(now);
  return check;
}

// Loads the application and its view for a checker.
Result<ApplicationView> load_view(soci::session& sql, const Caller& caller, long long id) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  auto record = load_readable_application(sql, caller, id);
  if (!record) return record.take_problem();
  return build_application_view(sql, std::move(record.value()));
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Result<FormalCheckSheet> formal_check_sheet(store::Database& db, const Caller& caller, long long id) {
  FormalCheckSheet sheet;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto view = load_view(sql, caller, id);
    if (!view) return view.take_problem();
    auto items = checklist_of(sql, view.value());
    if (!items) return items.take_problem();
    sheet.items = std::move(items.value());
    sheet.checks = store::list_formal_checks(sql, id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return sheet;
}

Result<ApplicationView> record_formal_check(store::Database& db, const Clock& clock, const Caller& caller,
                                            long long id, const FormalCheckDecision& decision) {
  if (auto errors = check_fields_to_fix(decision.fields); !errors.empty())
    return validation_problem(std::move(errors));
  const auto now = clock.now();
  std::optional<ApplicationView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto view = load_view(sql, caller, id);
    if (!view) return view.take_problem();
    auto& record = view->record;
    if (record.version != decision.version)
      return domain::make_problem("stale_version", 409, {{"current_version", record.version}});
    auto items = checklist_of(sql, view.value());
    if (!items) return items.take_problem();
    auto verdict = verdict_of(items.value(), decision);
    if (!verdict) return verdict.take_problem();
    const auto* rule = find_outcome(decision.outcome);
    // The state and the reason first: a checklist says nothing about a step that cannot happen.
    domain::TransitionContext context;
    context.reason = decision.reason;
    auto from = domain::parse_application_state(record.state);
    auto role = role_of(caller);
    if (!from || !role) return domain::make_problem("forbidden", 403);
    if (auto allowed = domain::check_transition(*from, rule->to, *role, context); !allowed) {
      auto problem = allowed.take_problem();
      if (problem.code == "reason_required") problem.fields.push_back({"reason", "required", {}});
      return problem;
    }
    if (auto complete = check_verdict(verdict.value(), decision); !complete) return complete;
    TransitionRequest request;
    request.to = rule->to;
    request.reason = decision.reason;
    request.details = {{"checklist", verdict->checklist}, {"fields", decision.fields}};
    request.notify_kind = rule->notice;
    if (auto decided = decide_application(sql, caller, record, decision.version, request, now); !decided)
      return decided;
    store::insert_formal_check(
        sql, check_record(caller, id, "first", record.revision, decision, verdict.value(), now));
    return reload_application_view(sql, id, answer);
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<RecheckDraw> draw_recheck_sample(store::Database& db, const Clock& clock, const Caller& caller,
                                        long long batch_id, int share_percent,
                                        std::optional<unsigned long long> seed) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  if (share_percent < 1 || share_percent > 100) {
    return validation_problem({{"share_percent", "number_range", {{"minimum", 1}, {"maximum", 100}}}});
  }
  const auto now = clock.now();
  RecheckDraw draw;
  draw.seed = seed.value_or(std::random_device{}());
  Status written = db.write([&](soci::session& sql) -> Status {
    if (!store::find_batch(sql, batch_id)) return not_found();
    auto candidates = store::recheck_candidates(sql, batch_id);
    draw.candidates = static_cast<long long>(candidates.size());
    std::size_t wanted = (candidates.size() * static_cast<std::size_t>(share_percent) + 99) / 100;
    if (!candidates.empty()) wanted = std::max<std::size_t>(wanted, 1);
    std::mt19937_64 random(draw.seed);
    // A partial Fisher–Yates shuffle: the first `wanted` places hold the draw.
    for (std::size_t i = 0; i < wanted; ++i) {
      std::uniform_int_distribution<std::size_t> pick(i, candidates.size() - 1);
      std::swap(candidates[i], candidates[pick(random)]);
    }
    candidates.resize(wanted);
    std::sort(candidates.begin(), candidates.end());
    const std::string stamp = store::format_utc_iso(now);
    for (long long id : candidates) {
      store::insert_recheck_sample(sql, {id, batch_id, share_percent, caller.user_id, stamp, ""});
    }
    draw.sampled = candidates;
    store::append_audit(sql, audit_entry(caller, "formal_check.sample", "batch:" + std::to_string(batch_id),
                                         {{"share_percent", share_percent},
                                          {"seed", std::to_string(draw.seed)},
                                          {"candidates", draw.candidates},
                                          {"sampled", draw.sampled}},
                                         now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return draw;
}

Result<store::FormalCheckRecord> record_recheck(store::Database& db, const Clock& clock, const Caller& caller,
                                                long long id, const FormalCheckDecision& decision) {
  const auto now = clock.now();
  store::FormalCheckRecord check;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto view = load_view(sql, caller, id);
    if (!view) return view.take_problem();
    if (!store::find_recheck_sample(sql, id)) return not_found();
    auto first = store::latest_formal_check(sql, id, "first");
    if (!first) return not_found();
    if (first->checked_by == caller.user_id) return domain::make_problem("same_checker", 403);
    if (store::latest_formal_check(sql, id, "recheck")) return domain::make_problem("recheck_done", 409);
    auto items = checklist_of(sql, view.value());
    if (!items) return items.take_problem();
    auto verdict = verdict_of(items.value(), decision);
    if (!verdict) return verdict.take_problem();
    if (decision.outcome != "pass" && blank(decision.reason)) {
      auto problem = domain::make_problem("reason_required", 422);
      problem.fields.push_back({"reason", "required", {}});
      return problem;
    }
    if (auto complete = check_verdict(verdict.value(), decision); !complete) return complete;
    check = check_record(caller, id, "recheck", first->revision, decision, verdict.value(), now);
    store::insert_formal_check(sql, check);
    const bool agree =
        first->outcome == check.outcome && parse_object(first->checklist_json) == verdict->checklist;
    store::append_audit(sql, audit_entry(caller, "formal_check.recheck", application_object(id),
                                         {{"outcome", check.outcome},
                                          {"first_outcome", first->outcome},
                                          {"agree", agree},
                                          {"reason", check.reason}},
                                         now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return check;
}

Result<RecheckOverview> recheck_overview(store::Database& db, const Caller& caller, long long batch_id) {
  if (!caller.is("organizer") && !caller.is("bureau")) return domain::make_problem("forbidden", 403);
  RecheckOverview overview;
  Status read = db.read([&](soci::session& sql) -> Status {
    if (!store::find_batch(sql, batch_id)) return not_found();
    for (auto& sample : store::list_recheck_samples(sql, batch_id)) {
      RecheckEntry entry;
      entry.first = store::latest_formal_check(sql, sample.application_id, "first");
      entry.recheck = store::latest_formal_check(sql, sample.application_id, "recheck");
      if (entry.first && entry.recheck) {
        entry.agree =
            entry.first->outcome == entry.recheck->outcome &&
            parse_object(entry.first->checklist_json) == parse_object(entry.recheck->checklist_json);
        if (!*entry.agree) ++overview.disagreements;
      }
      entry.sample = std::move(sample);
      overview.sampled.push_back(std::move(entry));
    }
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return overview;
}

}  // namespace iifund::service
