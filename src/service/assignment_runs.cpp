#include "service/assignment_runs.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <span>

#include "domain/application_form.hpp"
#include "domain/assignment.hpp"
#include "domain/workflow.hpp"
#include "service/application_scope.hpp"
#include "service/application_transitions.hpp"
#include "service/application_view.hpp"
#include "service/audit.hpp"
#include "service/batch_policies.hpp"
#include "service/notifications.hpp"
#include "store/application_store.hpp"
#include "store/audit_log.hpp"
#include "store/batch_store.hpp"
#include "store/enterprise_store.hpp"
#include "store/expert_store.hpp"
#include "store/notification_store.hpp"
#include "store/timestamps.hpp"
#include "store/user_store.hpp"

namespace iifund::service {

namespace {

namespace d = iifund::domain;
using nlohmann::json;

constexpr const char* kOperatorUsername = "iifund-cli";

std::string key(long long id) { return std::to_string(id); }

std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

void push_unique(std::vector<std::string>& items, const std::string& item) {
  if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
}

bool has(const std::vector<std::string>& items, const std::string& item) {
  return !item.empty() && std::find(items.begin(), items.end(), item) != items.end();
}

// An expert's fields as people type them (a category's number, id or name; a direction's or a
// cluster's id or name) become the tokens the applications carry: the category number and the
// direction or cluster id. Unknown text is kept as it is.
class FieldVocabulary {
 public:
  explicit FieldVocabulary(const d::Policy& policy) {
    for (const auto& category : policy.categories) {
      const std::string number = std::to_string(category.number);
      for (const auto& text : {number, category.id, category.name.zh, category.name.en}) add(text, number);
      for (const auto& direction : category.directions) {
        for (const auto& text : {direction.id, direction.name.zh, direction.name.en}) add(text, direction.id);
      }
    }
    for (const auto& cluster : policy.clusters) {
      for (const auto& text : {cluster.id, cluster.name.zh, cluster.name.en}) add(text, cluster.id);
    }
  }

  std::vector<std::string> tokens(const std::vector<std::string>& fields) const {
    std::vector<std::string> out;
    for (const auto& field : fields) {
      auto found = tokens_.find(lower_ascii(field));
      if (found == tokens_.end()) {
        push_unique(out, field);
      } else {
        for (const auto& token : found->second) push_unique(out, token);
      }
    }
    return out;
  }

 private:
  void add(const std::string& text, const std::string& token) {
    if (!text.empty()) push_unique(tokens_[lower_ascii(text)], token);
  }
  std::map<std::string, std::vector<std::string>> tokens_;
};

// What the assignment knows of an application: from the frozen snapshot and the enterprise.
struct ReviewFacts {
  store::ApplicationRecord record;
  std::string enterprise_name;
  d::ApplicationForReview review;
  std::vector<std::string> member_codes;  // a cluster's lead and members
};

d::Result<ReviewFacts> load_facts(soci::session& sql, long long application_id) {
  auto record = store::find_application(sql, application_id);
  if (!record) return d::make_problem("not_found", 404);
  ReviewFacts facts;
  facts.record = *record;
  std::string credit_code;
  if (auto enterprise = store::find_enterprise(sql, record->enterprise_id)) {
    facts.enterprise_name = enterprise->name;
    credit_code = enterprise->credit_code;
  }
  std::string form_text = record->form_json;
  if (auto snapshot = store::latest_application_snapshot(sql, application_id))
    form_text = snapshot->form_json;
  std::string industry;
  if (auto form = d::parse_application_form(json::parse(form_text, nullptr, false))) {
    industry = form->direction;
    if (form->cluster) {
      if (!form->cluster->cluster_id.empty()) industry = form->cluster->cluster_id;
      if (!form->cluster->lead.credit_code.empty())
        push_unique(facts.member_codes, form->cluster->lead.credit_code);
      for (const auto& member : form->cluster->members) {
        if (!member.credit_code.empty()) push_unique(facts.member_codes, member.credit_code);
      }
    }
  }
  facts.review = {key(application_id), std::to_string(record->category), industry, record->county_code,
                  credit_code};
  return facts;
}

d::Result<std::vector<ReviewFacts>> load_all_facts(soci::session& sql, const std::vector<long long>& ids) {
  std::vector<ReviewFacts> all;
  for (long long id : ids) {
    auto facts = load_facts(sql, id);
    if (!facts) return facts.take_problem();
    all.push_back(std::move(facts.value()));
  }
  return all;
}

struct PoolMember {
  store::ExpertRecord record;
  d::Expert expert;  // fields as tokens; declared with the applications it declared 回避 on
};

// The pool as the algorithm sees it; an inactive expert has no capacity (but stays known, so a
// replacement can name it as the one leaving).
std::vector<PoolMember> load_pool(soci::session& sql, const FieldVocabulary& vocabulary, long long batch_id,
                                  bool active_only) {
  std::vector<PoolMember> pool;
  std::map<long long, std::size_t> index;
  for (auto& record : store::list_experts(sql, {})) {
    if (active_only && !record.active) continue;
    d::Expert expert{
        key(record.id),  vocabulary.tokens(record.fields),   record.employer_credit_code, record.county_code,
        record.declared, record.active ? record.max_load : 0};
    index[record.id] = pool.size();
    pool.push_back({std::move(record), std::move(expert)});
  }
  for (const auto& [application_id, expert_id] : store::declared_conflicts(sql, batch_id)) {
    if (auto found = index.find(expert_id); found != index.end()) {
      pool[found->second].expert.declared.push_back(key(application_id));
    }
  }
  return pool;
}

bool touches_members(const PoolMember& member, const ReviewFacts& facts) {
  if (has(facts.member_codes, member.record.employer_credit_code)) return true;
  return std::any_of(member.record.declared.begin(), member.record.declared.end(),
                     [&](const std::string& code) { return has(facts.member_codes, code); });
}

// 回避 for a cluster: an expert employed by, or declaring, any member must not review it. The
// algorithm knows one enterprise per application, so such an expert declares the application.
void avoid_cluster_members(std::vector<PoolMember>& pool, const std::vector<ReviewFacts>& applications) {
  for (const auto& facts : applications) {
    if (facts.member_codes.empty()) continue;
    for (auto& member : pool) {
      if (touches_members(member, facts)) push_unique(member.expert.declared, facts.review.id);
    }
  }
}

// The reason the expert must not review the application, naming an employer among a cluster's
// members as same_employer.
std::optional<d::ConflictReason> conflict_reason(const ReviewFacts& facts, const PoolMember& member,
                                                 bool avoid_same_county) {
  if (has(facts.member_codes, member.record.employer_credit_code)) return d::ConflictReason::same_employer;
  PoolMember expanded = member;
  if (touches_members(member, facts)) push_unique(expanded.expert.declared, facts.review.id);
  return d::conflict_between(facts.review, expanded.expert, avoid_same_county);
}

std::string match_of(const d::ApplicationForReview& application, const d::Expert& expert) {
  if (has(expert.fields, application.industry)) return "industry";
  if (has(expert.fields, application.category)) return "category";
  return "none";
}

// Active assignments per expert across the batch.
std::map<long long, int> active_loads(soci::session& sql, long long batch_id) {
  std::map<long long, int> loads;
  for (const auto& slot : store::active_batch_slots(sql, batch_id)) ++loads[slot.expert_id];
  return loads;
}

d::AssignmentOptions options_of(const d::Policy& policy) {
  d::AssignmentOptions options;
  options.experts_per_application = policy.review.experts_per_application;
  options.avoid_same_county = policy.review.conflict_same_county;
  return options;
}

std::string run_object(long long id) { return "assignment_run:" + std::to_string(id); }
std::string review_object(long long id) { return "review:" + std::to_string(id); }

// review.assigned to the expert's account, when the record has one.
void notify_assigned(soci::session& sql, const store::ExpertRecord& expert, const store::AssignmentSlot& slot,
                     const store::ApplicationRecord& application, d::Instant now) {
  if (!expert.user_id) return;
  notify_users(sql, {*expert.user_id}, "review.assigned", review_object(slot.id),
               {{"assignment_id", slot.id},
                {"application_id", application.id},
                {"number", application.number},
                {"project_name", application.project_name},
                {"batch_id", application.batch_id}},
               now, "review.assigned:" + std::to_string(slot.id));
}

const PoolMember* member_with_id(const std::vector<PoolMember>& pool, long long id) {
  auto found = std::find_if(pool.begin(), pool.end(),
                            [&](const PoolMember& member) { return member.record.id == id; });
  return found == pool.end() ? nullptr : &*found;
}

d::Problem conflicted(const d::ConflictReason reason, long long application_id, long long expert_id) {
  return d::make_problem(
      "expert_conflicted", 422,
      {{"reason", d::to_string(reason)}, {"application_id", application_id}, {"expert_id", expert_id}});
}

// ---------------------------------------------------------------- the run as the organizer sees it

d::Result<RunView> build_run_view(soci::session& sql, long long run_id) {
  auto run = store::find_assignment_run(sql, run_id);
  if (!run) return d::make_problem("not_found", 404);
  auto batch = load_batch_policy(sql, run->batch_id);
  if (!batch) return batch.take_problem();
  const FieldVocabulary vocabulary(*batch->policy);
  const json options = json::parse(run->options_json, nullptr, false);
  const json stored = json::parse(run->statistics_json, nullptr, false);
  RunView view;
  view.run = *run;
  view.experts_per_application = options.value("experts_per_application", 5);
  auto ids = stored.value("application_ids", std::vector<long long>{});
  auto facts = load_all_facts(sql, ids);
  if (!facts) return facts.take_problem();
  const auto pool = load_pool(sql, vocabulary, run->batch_id, false);
  auto loads = active_loads(sql, run->batch_id);
  const auto slots = store::run_slots(sql, run_id);
  if (run->state == "preview") {
    for (const auto& slot : slots) {
      if (slot.state == "proposed") ++loads[slot.expert_id];
    }
  }
  std::map<std::string, std::string> shortage_reasons;
  for (const auto& shortage : stored.value("shortages", json::array())) {
    shortage_reasons[key(shortage.value("application_id", 0LL))] = shortage.value("reason", "");
  }
  int industry = 0;
  int category = 0;
  int unmatched = 0;
  std::set<long long> used;
  json shortages = json::array();
  const std::string shown = run->state == "preview" ? "proposed" : "active";
  for (const auto& f : facts.value()) {
    RunApplication application{f.record.id,       f.record.number,   f.record.project_name,
                               f.enterprise_name, f.record.category, {}};
    for (const auto& slot : slots) {
      if (slot.application_id != f.record.id || slot.state != shown) continue;
      const PoolMember* member = member_with_id(pool, slot.expert_id);
      std::string match = member ? match_of(f.review, member->expert) : "none";
      (match == "industry" ? industry : match == "category" ? category : unmatched) += 1;
      application.experts.push_back({slot.expert_id, member ? member->record.name : "", match});
      used.insert(slot.expert_id);
    }
    const int assigned = static_cast<int>(application.experts.size());
    if (assigned < view.experts_per_application) {
      auto reason = shortage_reasons[key(f.record.id)];
      shortages.push_back({{"application_id", f.record.id},
                           {"number", f.record.number},
                           {"needed", view.experts_per_application},
                           {"assigned", assigned},
                           {"reason", reason.empty() ? "not_enough_eligible_experts" : reason}});
    }
    view.applications.push_back(std::move(application));
  }
  json load_list = json::array();
  for (long long expert_id : used) {
    const PoolMember* member = member_with_id(pool, expert_id);
    load_list.push_back({{"expert_id", expert_id},
                         {"name", member ? member->record.name : ""},
                         {"load", loads[expert_id]},
                         {"max_load", member ? member->record.max_load : 0}});
  }
  view.statistics = {{"applications", view.applications.size()},
                     {"experts_used", used.size()},
                     {"loads", load_list},
                     {"industry_matches", industry},
                     {"category_matches", category},
                     {"unmatched", unmatched},
                     {"conflicts_avoided", stored.value("conflicts_avoided", json::object())},
                     {"shortages", shortages}};
  return view;
}

d::Status require_organizer(const Caller& caller) {
  if (!caller.is("organizer")) return d::make_problem("forbidden", 403);
  return d::Ok{};
}

d::Status require_preview(const store::AssignmentRunRecord& run) {
  if (run.state != "preview") return d::make_problem("run_not_preview", 409, {{"state", run.state}});
  return d::Ok{};
}

}  // namespace

domain::Result<RunView> start_assignment_run(store::Database& db, const Clock& clock, const Caller& caller,
                                             long long batch_id, std::optional<int> category,
                                             std::optional<std::uint64_t> seed) {
  if (auto allowed = require_organizer(caller); !allowed) return allowed.take_problem();
  const auto now = clock.now();
  const std::string stamp = store::format_utc_iso(now);
  std::optional<RunView> answer;
  d::Status written = db.write([&](soci::session& sql) -> d::Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    const auto& policy = *batch->policy;
    if (category && policy.find_category(*category) == nullptr) {
      d::Problem problem = d::make_problem("validation_failed", 422);
      problem.fields.push_back({"category", "category_unknown", {{"category", *category}}});
      return problem;
    }
    auto ids = store::waiting_applications(sql, batch_id, category);
    if (ids.empty()) {
      return d::make_problem(
          "nothing_to_assign", 422,
          {{"batch_id", batch_id}, {"category", category ? json(*category) : json(nullptr)}});
    }
    auto facts = load_all_facts(sql, ids);
    if (!facts) return facts.take_problem();
    const FieldVocabulary vocabulary(policy);
    auto pool = load_pool(sql, vocabulary, batch_id, true);
    avoid_cluster_members(pool, facts.value());
    auto loads = active_loads(sql, batch_id);
    auto options = options_of(policy);
    if (seed) options.seed = *seed;
    std::vector<d::ApplicationForReview> applications;
    for (const auto& f : facts.value()) applications.push_back(f.review);
    std::vector<d::Expert> experts;
    for (const auto& member : pool) {
      d::Expert expert = member.expert;
      expert.max_load = std::max(0, expert.max_load - loads[member.record.id]);  // what the batch left
      experts.push_back(std::move(expert));
    }
    auto result = d::assign_experts(applications, experts, options);
    if (!result) return result.take_problem();
    json avoided = json::object();
    for (int i = 0; i < d::kConflictReasonCount; ++i) {
      avoided[d::to_string(static_cast<d::ConflictReason>(i))] = result->conflicts_avoided[i];
    }
    json shortages = json::array();
    for (const auto& shortage : result->shortages) {
      shortages.push_back({{"application_id", std::stoll(shortage.application_id)},
                           {"reason", d::to_string(shortage.reason)},
                           {"eligible", shortage.eligible}});
    }
    store::AssignmentRunRecord run;
    run.batch_id = batch_id;
    run.category = category;
    run.state = "preview";
    run.options_json = json{
        {"experts_per_application", options.experts_per_application},
        {"avoid_same_county", options.avoid_same_county},
        {"seed",
         options.seed}}.dump();
    run.statistics_json = json{
        {"application_ids", ids},
        {"conflicts_avoided", avoided},
        {"shortages", shortages},
        {"fair_share", result->fair_share},
        {"pruned",
         result->pruned}}.dump();
    run.created_by = caller.user_id;
    run.created_at = stamp;
    run.id = store::insert_assignment_run(sql, run);
    int slots = 0;
    for (const auto& application : result->applications) {
      for (const auto& expert : application.experts) {
        store::insert_slot(sql, {0, run.id, std::stoll(application.application_id), std::stoll(expert),
                                 "proposed", "", std::nullopt, stamp, stamp});
        ++slots;
      }
    }
    auto discarded = store::discard_previews(sql, batch_id, run.id);
    store::append_audit(sql, audit_entry(caller, "assignment.run", run_object(run.id),
                                         {{"batch_id", batch_id},
                                          {"category", category ? json(*category) : json(nullptr)},
                                          {"applications", ids.size()},
                                          {"slots", slots},
                                          {"shortages", result->shortages.size()},
                                          {"discarded_previews", discarded}},
                                         now));
    auto view = build_run_view(sql, run.id);
    if (!view) return view.take_problem();
    answer = std::move(view.value());
    return d::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

domain::Result<RunView> view_assignment_run(store::Database& db, const Caller& caller, long long run_id) {
  if (auto allowed = require_organizer(caller); !allowed) return allowed.take_problem();
  std::optional<RunView> answer;
  d::Status read = db.read([&](soci::session& sql) -> d::Status {
    auto view = build_run_view(sql, run_id);
    if (!view) return view.take_problem();
    answer = std::move(view.value());
    return d::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

domain::Result<RunView> adjust_assignment_slot(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long run_id, const SlotChange& change) {
  if (auto allowed = require_organizer(caller); !allowed) return allowed.take_problem();
  const auto now = clock.now();
  const std::string stamp = store::format_utc_iso(now);
  std::optional<RunView> answer;
  d::Status written = db.write([&](soci::session& sql) -> d::Status {
    auto view = build_run_view(sql, run_id);
    if (!view) return view.take_problem();
    if (auto preview = require_preview(view->run); !preview) return preview;
    auto in_run =
        std::find_if(view->applications.begin(), view->applications.end(),
                     [&](const RunApplication& a) { return a.application_id == change.application_id; });
    if (in_run == view->applications.end()) {
      return d::make_problem("application_not_in_run", 422, {{"application_id", change.application_id}});
    }
    auto slots = store::application_slots(sql, change.application_id, "proposed");
    std::erase_if(slots, [&](const store::AssignmentSlot& slot) { return slot.run_id != run_id; });
    std::optional<store::AssignmentSlot> removed;
    if (change.remove_expert_id) {
      auto found = std::find_if(slots.begin(), slots.end(), [&](const store::AssignmentSlot& slot) {
        return slot.expert_id == *change.remove_expert_id;
      });
      if (found == slots.end()) {
        return d::make_problem(
            "expert_not_assigned", 422,
            {{"application_id", change.application_id}, {"expert_id", *change.remove_expert_id}});
      }
      removed = *found;
    } else if (static_cast<int>(slots.size()) >= view->experts_per_application) {
      d::Problem problem = d::make_problem("validation_failed", 422);
      problem.fields.push_back({"remove_expert_id", "required", json::object()});
      return problem;
    }
    auto batch = load_batch_policy(sql, view->run.batch_id);
    if (!batch) return batch.take_problem();
    const auto pool = load_pool(sql, FieldVocabulary(*batch->policy), view->run.batch_id, true);
    const PoolMember* added = member_with_id(pool, change.add_expert_id);
    if (added == nullptr)
      return d::make_problem("expert_unknown", 422, {{"expert_id", change.add_expert_id}});
    if (std::any_of(slots.begin(), slots.end(), [&](const store::AssignmentSlot& slot) {
          return slot.expert_id == change.add_expert_id;
        })) {
      return d::make_problem(
          "expert_already_assigned", 422,
          {{"application_id", change.application_id}, {"expert_id", change.add_expert_id}});
    }
    auto facts = load_facts(sql, change.application_id);
    if (!facts) return facts.take_problem();
    if (auto reason = conflict_reason(facts.value(), *added, batch->policy->review.conflict_same_county)) {
      return conflicted(*reason, change.application_id, change.add_expert_id);
    }
    int load = active_loads(sql, view->run.batch_id)[change.add_expert_id];
    for (const auto& slot : store::run_slots(sql, run_id)) {
      if (slot.state == "proposed" && slot.expert_id == change.add_expert_id) ++load;
    }
    if (load >= added->record.max_load) {
      return d::make_problem(
          "expert_at_max_load", 422,
          {{"expert_id", change.add_expert_id}, {"load", load}, {"max_load", added->record.max_load}});
    }
    if (removed) {
      store::set_slot_expert(sql, removed->id, change.add_expert_id, stamp);
    } else {
      store::insert_slot(sql, {0, run_id, change.application_id, change.add_expert_id, "proposed", "",
                               std::nullopt, stamp, stamp});
    }
    store::append_audit(sql, audit_entry(caller, "assignment.adjust", run_object(run_id),
                                         {{"application_id", change.application_id},
                                          {"removed", removed ? json(removed->expert_id) : json(nullptr)},
                                          {"added", change.add_expert_id}},
                                         now));
    auto changed = build_run_view(sql, run_id);
    if (!changed) return changed.take_problem();
    answer = std::move(changed.value());
    return d::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

domain::Result<RunView> confirm_assignment_run(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long run_id) {
  if (auto allowed = require_organizer(caller); !allowed) return allowed.take_problem();
  const auto now = clock.now();
  const std::string stamp = store::format_utc_iso(now);
  std::optional<RunView> answer;
  d::Status written = db.write([&](soci::session& sql) -> d::Status {
    auto view = build_run_view(sql, run_id);
    if (!view) return view.take_problem();
    if (auto preview = require_preview(view->run); !preview) return preview;
    std::vector<std::string> short_numbers;
    for (const auto& application : view->applications) {
      if (static_cast<int>(application.experts.size()) < view->experts_per_application) {
        short_numbers.push_back(application.number);
      }
    }
    if (!short_numbers.empty()) {
      return d::make_problem("shortage", 422,
                             {{"applications", short_numbers}, {"count", short_numbers.size()}});
    }
    auto batch = load_batch_policy(sql, view->run.batch_id);
    if (!batch) return batch.take_problem();
    const auto& policy = *batch->policy;
    // The pool may have changed since the preview: every slot is checked again.
    const auto pool = load_pool(sql, FieldVocabulary(policy), view->run.batch_id, false);
    for (const auto& application : view->applications) {
      auto facts = load_facts(sql, application.application_id);
      if (!facts) return facts.take_problem();
      for (const auto& expert : application.experts) {
        const PoolMember* member = member_with_id(pool, expert.expert_id);
        if (member == nullptr || !member->record.active) {
          return d::make_problem("expert_unknown", 422, {{"expert_id", expert.expert_id}});
        }
        if (auto reason = conflict_reason(facts.value(), *member, policy.review.conflict_same_county)) {
          return conflicted(*reason, application.application_id, expert.expert_id);
        }
      }
    }
    for (const auto& load : view->statistics["loads"]) {
      if (load["load"].get<int>() > load["max_load"].get<int>()) {
        return d::make_problem(
            "expert_at_max_load", 422,
            {{"expert_id", load["expert_id"]}, {"load", load["load"]}, {"max_load", load["max_load"]}});
      }
    }
    store::activate_run_slots(sql, run_id, stamp);
    store::confirm_assignment_run(sql, run_id, caller.user_id, stamp);
    store::discard_previews(sql, view->run.batch_id, run_id);
    for (const auto& application : view->applications) {
      auto record = store::find_application(sql, application.application_id);
      if (!record) return d::make_problem("not_found", 404);
      TransitionRequest request;
      request.to = d::ApplicationState::under_review;
      request.details = {{"run_id", run_id}, {"experts", application.experts.size()}};
      auto context = d::context_from_policy(policy, now);
      context.experts_assigned = true;
      auto moved = apply_transition(sql, caller, *record, request, context, now);
      if (!moved) {
        auto problem = moved.take_problem();
        problem.facts["application_id"] = application.application_id;
        problem.facts["number"] = application.number;
        return problem;
      }
    }
    int slots = 0;
    for (const auto& slot : store::run_slots(sql, run_id)) {
      if (slot.state != "active") continue;
      ++slots;
      auto expert = store::find_expert(sql, slot.expert_id);
      auto record = store::find_application(sql, slot.application_id);
      if (expert && record) notify_assigned(sql, *expert, slot, *record, now);
    }
    store::append_audit(sql, audit_entry(caller, "assignment.confirm", run_object(run_id),
                                         {{"batch_id", view->run.batch_id},
                                          {"applications", view->applications.size()},
                                          {"slots", slots}},
                                         now));
    auto confirmed = build_run_view(sql, run_id);
    if (!confirmed) return confirmed.take_problem();
    answer = std::move(confirmed.value());
    return d::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

domain::Result<store::AssignmentSlot> add_reviewer(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long application_id,
                                                   long long expert_id) {
  if (auto allowed = require_organizer(caller); !allowed) return allowed.take_problem();
  const auto now = clock.now();
  const std::string stamp = store::format_utc_iso(now);
  std::optional<store::AssignmentSlot> answer;
  d::Status written = db.write([&](soci::session& sql) -> d::Status {
    auto record = load_readable_application(sql, caller, application_id);
    if (!record) return record.take_problem();
    if (record->state != "under_review") {
      return d::make_problem("application_not_under_review", 409, {{"state", record->state}});
    }
    auto batch = load_batch_policy(sql, record->batch_id);
    if (!batch) return batch.take_problem();
    const auto pool = load_pool(sql, FieldVocabulary(*batch->policy), record->batch_id, true);
    const PoolMember* member = member_with_id(pool, expert_id);
    if (member == nullptr) return d::make_problem("expert_unknown", 422, {{"expert_id", expert_id}});
    auto slots = store::application_slots(sql, application_id, "");
    for (const auto& slot : slots) {
      if (slot.state == "active" && slot.expert_id == expert_id) {
        return d::make_problem("expert_already_assigned", 422,
                               {{"application_id", application_id}, {"expert_id", expert_id}});
      }
    }
    auto facts = load_facts(sql, application_id);
    if (!facts) return facts.take_problem();
    if (auto reason = conflict_reason(facts.value(), *member, batch->policy->review.conflict_same_county)) {
      return conflicted(*reason, application_id, expert_id);
    }
    const int load = active_loads(sql, record->batch_id)[expert_id];
    if (load >= member->record.max_load) {
      return d::make_problem(
          "expert_at_max_load", 422,
          {{"expert_id", expert_id}, {"load", load}, {"max_load", member->record.max_load}});
    }
    auto anchor = std::find_if(slots.rbegin(), slots.rend(),
                               [](const store::AssignmentSlot& slot) { return slot.state == "active"; });
    if (anchor == slots.rend()) {
      return d::make_problem("application_not_under_review", 409, {{"state", record->state}});
    }
    store::AssignmentSlot slot{0,  anchor->run_id, application_id, expert_id, "active",
                               "", std::nullopt,   stamp,          stamp};
    slot.id = store::insert_slot(sql, slot);
    notify_assigned(sql, member->record, slot, record.value(), now);
    store::append_audit(sql,
                        audit_entry(caller, "assignment.add_reviewer", application_object(application_id),
                                    {{"assignment_id", slot.id}, {"expert_id", expert_id}}, now));
    answer = slot;
    return d::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

domain::Result<DeclaredConflict> declare_review_conflict(store::Database& db, const Clock& clock,
                                                         const Caller& caller, long long assignment_id,
                                                         const std::string& reason) {
  if (!caller.is("expert")) return d::make_problem("forbidden", 403);
  const auto now = clock.now();
  const std::string stamp = store::format_utc_iso(now);
  std::optional<DeclaredConflict> answer;
  d::Status written = db.write([&](soci::session& sql) -> d::Status {
    auto me = store::find_expert_of_user(sql, caller.user_id);
    auto slot = store::find_slot(sql, assignment_id);
    if (!me || !slot || slot->expert_id != me->id) return d::make_problem("not_found", 404);
    if (slot->state != "active")
      return d::make_problem("assignment_not_active", 409, {{"state", slot->state}});
    if (store::slot_submitted(sql, slot->id)) return d::make_problem("review_locked", 409);
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      return d::make_problem("reason_required", 422);
    }
    auto facts = load_facts(sql, slot->application_id);
    if (!facts) return facts.take_problem();
    const auto& record = facts->record;
    auto batch = load_batch_policy(sql, record.batch_id);
    if (!batch) return batch.take_problem();
    auto pool = load_pool(sql, FieldVocabulary(*batch->policy), record.batch_id, false);
    avoid_cluster_members(pool, {facts.value()});
    std::vector<d::Expert> experts;
    int with_capacity = 0;
    for (const auto& member : pool) {
      experts.push_back(member.expert);
      if (member.expert.max_load > 0) ++with_capacity;
    }
    // The live assignments of the batch: the loads replace_expert balances against.
    d::Assignment current;
    std::map<long long, std::size_t> index;
    int total = 0;
    for (const auto& active : store::active_batch_slots(sql, record.batch_id)) {
      auto [at, added] = index.try_emplace(active.application_id, current.applications.size());
      if (added) current.applications.push_back({key(active.application_id), {}});
      current.applications[at->second].experts.push_back(key(active.expert_id));
      ++total;
    }
    current.fair_share = with_capacity > 0 ? (total + with_capacity - 1) / with_capacity : 0;
    auto options = options_of(*batch->policy);
    auto replaced = d::replace_expert(std::span(&facts->review, 1), experts, current, facts->review.id,
                                      key(me->id), options);
    if (!replaced) {
      if (replaced.problem().code == "no_replacement_expert") {
        return d::make_problem("no_replacement", 422,
                               {{"application_id", record.id}, {"number", record.number}});
      }
      return replaced.take_problem();
    }
    store::set_slot_state(sql, slot->id, "conflict_declared", reason, stamp);
    DeclaredConflict result;
    result.declared = *store::find_slot(sql, slot->id);
    store::AssignmentSlot replacement{
        0, slot->run_id, record.id, std::stoll(replaced->added), "active", "", slot->id, stamp, stamp};
    replacement.id = store::insert_slot(sql, replacement);
    result.replacement = replacement;
    if (auto expert = store::find_expert(sql, replacement.expert_id)) {
      notify_assigned(sql, *expert, replacement, record, now);
    }
    notify_users(sql, store::user_ids_with_role(sql, "organizer", std::nullopt), "review.replaced",
                 application_object(record.id),
                 {{"application_id", record.id},
                  {"number", record.number},
                  {"project_name", record.project_name},
                  {"reason", reason}},
                 now);
    store::append_audit(sql, audit_entry(caller, "review.declare_conflict", review_object(slot->id),
                                         {{"application_id", record.id},
                                          {"reason", reason},
                                          {"replacement_assignment_id", replacement.id},
                                          {"replacement_expert_id", replacement.expert_id}},
                                         now));
    answer = std::move(result);
    return d::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

domain::Result<Caller> command_line_organizer(store::Database& db, const Clock& clock) {
  const auto now = clock.now();
  Caller caller;
  caller.username = "cli";
  caller.display_name = "命令行操作员 / command-line operator";
  caller.role = "organizer";
  d::Status written = db.write([&](soci::session& sql) -> d::Status {
    auto existing = store::find_user(sql, kOperatorUsername);
    if (existing) {
      if (existing->role != "organizer") return d::make_problem("operator_account_taken", 409);
      caller.user_id = existing->id;
      return d::Ok{};
    }
    store::UserRecord user;
    user.username = kOperatorUsername;
    user.display_name = caller.display_name;
    user.role = "organizer";
    user.password_hash = "!";  // matches no password; the account is disabled as well
    auto id = store::insert_user(sql, user, store::format_utc_iso(now));
    if (!id) return id.take_problem();
    store::set_user_disabled(sql, id.value(), true);
    caller.user_id = id.value();
    store::append_audit(
        sql,
        audit_entry(caller, "user.add", "user:" + std::to_string(id.value()),
                    {{"after", {{"username", kOperatorUsername}, {"role", "organizer"}, {"disabled", true}}}},
                    now));
    return d::Ok{};
  });
  if (!written) return written.take_problem();
  return caller;
}

domain::Result<long long> find_batch_id(store::Database& db, const std::string& id_or_code) {
  std::optional<long long> found;
  d::Status read = db.read([&](soci::session& sql) -> d::Status {
    for (const auto& batch : store::list_batches(sql)) {
      if (batch.code == id_or_code || std::to_string(batch.id) == id_or_code) found = batch.id;
    }
    return d::Ok{};
  });
  if (!read) return read.take_problem();
  if (!found) return d::make_problem("not_found", 404, {{"batch", id_or_code}});
  return *found;
}

}  // namespace iifund::service
