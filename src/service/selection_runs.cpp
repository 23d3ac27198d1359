#include "service/selection_runs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "domain/money.hpp"
#include "domain/selection.hpp"
#include "domain/time.hpp"
#include "domain/workflow.hpp"
#include "service/application_transitions.hpp"
#include "service/application_view.hpp"
#include "service/audit.hpp"
#include "service/batch_policies.hpp"
#include "service/budgets.hpp"
#include "service/field_rules.hpp"
#include "store/application_store.hpp"
#include "store/audit_log.hpp"
#include "store/funding_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::NotFundedReason;
using domain::Result;
using domain::Status;
using nlohmann::json;

// An application of the library as the run saw it; kept in the run's limits_json, so that an
// adjustment computes the run again on the same list.
struct Candidate {
  long long application_id = 0;
  std::string number;
  std::string project_name;
  std::string enterprise_name;
  std::string county_code;
  int category = 0;
  std::string cluster;  // a cluster pilot's cluster; "" for the other categories
  double score = 0;
  std::int64_t submitted_at = 0;  // Unix seconds
  std::int64_t computed_fen = 0;
  std::string bound_by;
};

struct RunInput {
  domain::SelectionLimits limits;
  double time_limit_seconds = kDefaultSelectionSeconds;
  std::vector<Candidate> candidates;
  std::vector<long long> excluded;  // library applications without a positive subsidy
  json budget;                      // source and version of the budget used
};

struct Adjusted {
  long long amount_fen = 0;
  std::string reason;
};

struct Outcomes {
  json rank_order;
  json optimal;
  json comparison;
};

json candidate_json(const Candidate& c) {
  return {{"application_id", c.application_id},
          {"number", c.number},
          {"project_name", c.project_name},
          {"enterprise_name", c.enterprise_name},
          {"county_code", c.county_code},
          {"category", c.category},
          {"cluster", c.cluster},
          {"score", c.score},
          {"submitted_at", c.submitted_at},
          {"computed_fen", c.computed_fen},
          {"bound_by", c.bound_by}};
}

Candidate candidate_from(const json& j) {
  Candidate c;
  c.application_id = j.value("application_id", 0LL);
  c.number = j.value("number", "");
  c.project_name = j.value("project_name", "");
  c.enterprise_name = j.value("enterprise_name", "");
  c.county_code = j.value("county_code", "");
  c.category = j.value("category", 0);
  c.cluster = j.value("cluster", "");
  c.score = j.value("score", 0.0);
  c.submitted_at = j.value("submitted_at", std::int64_t{0});
  c.computed_fen = j.value("computed_fen", std::int64_t{0});
  c.bound_by = j.value("bound_by", "");
  return c;
}

json limits_json(const RunInput& input, bool with_candidates) {
  json out = {{"budget_fen", input.limits.budget_fen},
              {"category_budget_fen", input.limits.category_budget_fen},
              {"cluster_cap_fen", input.limits.cluster_cap_fen},
              {"threshold", input.limits.threshold},
              {"allow_partial", input.limits.allow_partial},
              {"time_limit_seconds", input.time_limit_seconds},
              {"budget", input.budget}};
  if (with_candidates) {
    json candidates = json::array();
    for (const auto& c : input.candidates) candidates.push_back(candidate_json(c));
    out["candidates"] = candidates;
    out["excluded_application_ids"] = input.excluded;
  }
  return out;
}

RunInput input_from(const std::string& stored) {
  RunInput input;
  auto j = json::parse(stored, nullptr, false);
  if (!j.is_object()) return input;
  input.limits.budget_fen = j.value("budget_fen", std::int64_t{0});
  input.limits.category_budget_fen = j.value("category_budget_fen", std::map<std::string, std::int64_t>{});
  input.limits.cluster_cap_fen = j.value("cluster_cap_fen", std::map<std::string, std::int64_t>{});
  input.limits.threshold = j.value("threshold", 60.0);
  input.limits.allow_partial = j.value("allow_partial", false);
  input.time_limit_seconds = j.value("time_limit_seconds", kDefaultSelectionSeconds);
  input.budget = j.value("budget", json::object());
  for (const auto& c : j.value("candidates", json::array())) input.candidates.push_back(candidate_from(c));
  input.excluded = j.value("excluded_application_ids", std::vector<long long>{});
  return input;
}

std::string cluster_of(const store::LibraryCandidateRow& row, const domain::Policy& policy) {
  const auto* category = policy.find_category(row.category);
  if (category == nullptr || category->kind != domain::CategoryKind::cluster) return "";
  auto form = json::parse(row.form_json, nullptr, false);
  if (!form.is_object() || !form.contains("cluster") || !form["cluster"].is_object()) return "";
  return form["cluster"].value("cluster_id", "");
}

RunInput gather_input(soci::session& sql, const BatchPolicy& batch, double time_limit_seconds) {
  RunInput input;
  const auto& policy = *batch.policy;
  const BatchBudget budget = effective_budget(sql, batch);
  input.limits.budget_fen = budget.budget_fen;
  for (const auto& [category, fen] : budget.category_budgets) {
    input.limits.category_budget_fen[std::to_string(category)] = fen;
  }
  input.limits.threshold = policy.review.library_threshold;
  input.limits.allow_partial = policy.selection.allow_partial;
  input.time_limit_seconds = time_limit_seconds;
  input.budget = {{"source", budget.source}, {"version", budget.version}};
  for (const auto& row : store::library_candidates(sql, batch.batch.id)) {
    if (row.computed_fen <= 0) {
      input.excluded.push_back(row.application_id);
      continue;
    }
    Candidate c;
    c.application_id = row.application_id;
    c.number = row.number;
    c.project_name = row.project_name;
    c.enterprise_name = row.enterprise_name;
    c.county_code = row.county_code;
    c.category = row.category;
    c.cluster = cluster_of(row, policy);
    c.score = row.ranking_score;
    if (auto at = domain::parse_instant(row.submitted_at))
      c.submitted_at = at.value().time_since_epoch().count();
    c.computed_fen = row.computed_fen;
    c.bound_by = row.bound_by;
    if (!c.cluster.empty()) {
      const auto* category = policy.find_category(row.category);
      if (category != nullptr && category->cluster_cap)
        input.limits.cluster_cap_fen[c.cluster] = category->cluster_cap->fen();
    }
    input.candidates.push_back(std::move(c));
  }
  return input;
}

// ---- explanations ----

std::string yuan(std::int64_t fen) { return domain::format_yuan(domain::Money::from_fen(fen)); }

std::pair<std::string, std::string> bound_by_words(const std::string& bound_by) {
  if (bound_by == "requested") return {"按申请额", "the amount requested"};
  if (bound_by == "rate") return {"按可补贴投入的比例上限", "the rate on the eligible investment"};
  if (bound_by == "project_cap") return {"按单个项目上限", "the per-project cap"};
  if (bound_by == "enterprise_cap") return {"按每家企业上限", "the per-enterprise cap"};
  if (bound_by == "cluster_cap") return {"按每个产业集群上限", "the per-cluster cap"};
  return {"不符合补贴条件", "not eligible"};
}

std::pair<std::string, std::string> limit_words(NotFundedReason reason, const std::string& key,
                                                const domain::Policy& policy) {
  if (reason == NotFundedReason::category_budget) {
    const domain::CategoryPolicy* category = nullptr;
    if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() < 3)
      category = policy.find_category(std::stoi(key));
    const std::string zh = category ? category->name.zh : key;
    const std::string en = category ? category->name.en : key;
    return {fmt::format("第{}类（{}）预算", key, zh), fmt::format("the budget of category {} ({})", key, en)};
  }
  if (reason == NotFundedReason::cluster_cap) {
    const auto* cluster = policy.find_cluster(key);
    return {fmt::format("产业集群“{}”的上限", cluster ? cluster->name.zh : key),
            fmt::format("the cap of the cluster \"{}\"", cluster ? cluster->name.en : key)};
  }
  return {"批次预算", "the batch budget"};
}

// Why this amount (or why none), in both languages.
std::pair<std::string, std::string> explain(const domain::SelectionDecision& d, const Candidate& c,
                                            const std::optional<Adjusted>& adjusted,
                                            const domain::SelectionLimits& limits,
                                            const domain::Policy& policy) {
  const auto [bound_zh, bound_en] = bound_by_words(c.bound_by);
  const std::int64_t amount = d.subsidy_fen;  // after a downward adjustment
  std::string basis_zh = fmt::format("计算补贴额 {} 元（{}）", yuan(c.computed_fen), bound_zh);
  std::string basis_en =
      fmt::format("the computed subsidy of {} yuan (bound by {})", yuan(c.computed_fen), bound_en);
  if (adjusted && adjusted->amount_fen > 0) {
    basis_zh +=
        fmt::format("，组织单位调减至 {} 元（理由：{}）", yuan(adjusted->amount_fen), adjusted->reason);
    basis_en += fmt::format(", lowered by the organizer to {} yuan ({})", yuan(adjusted->amount_fen),
                            adjusted->reason);
  }
  if (!d.reason) {
    return {fmt::format("安排 {} 元：{}，在预算内全额安排。", yuan(d.funded_fen), basis_zh),
            fmt::format("Funded {} yuan: {} fits within the budget.", yuan(d.funded_fen), basis_en)};
  }
  switch (*d.reason) {
    case NotFundedReason::threshold:
      return {fmt::format("未安排：得分 {:.2f} 低于入库分数线 {:.2f}。", d.score, limits.threshold),
              fmt::format("Not funded: its score {:.2f} is below the library threshold {:.2f}.", d.score,
                          limits.threshold)};
    case NotFundedReason::organizer_adjusted:
      return {fmt::format("未安排：组织单位调整为不予安排（理由：{}）。", adjusted ? adjusted->reason : ""),
              fmt::format("Not funded: the organizer took it out ({}).", adjusted ? adjusted->reason : "")};
    case NotFundedReason::objection_upheld:
      return {"未安排：公示期间异议成立。", "Not funded: an objection during publicity was upheld."};
    default:
      break;
  }
  const auto [limit_zh, limit_en] = limit_words(*d.reason, d.limit_key, policy);
  const std::int64_t room = std::max<std::int64_t>(d.room_fen, 0);
  if (d.funded) {
    return {
        fmt::format("部分安排 {} 元：{}；{}仅余 {} 元。", yuan(d.funded_fen), basis_zh, limit_zh, yuan(room)),
        fmt::format("Partly funded {} yuan: {}; only {} yuan was left in {}.", yuan(d.funded_fen), basis_en,
                    yuan(room), limit_en)};
  }
  return {fmt::format("未安排：{}仅余 {} 元，不足其补贴额 {} 元（{}）。", limit_zh, yuan(room), yuan(amount),
                      basis_zh),
          fmt::format("Not funded: {} had {} yuan left, less than its subsidy of {} yuan ({}).", limit_en,
                      yuan(room), yuan(amount), basis_en)};
}

json outcome_json(const domain::SelectionOutcome& outcome,
                  const std::map<std::string, const Candidate*>& by_id,
                  const std::map<long long, Adjusted>& adjustments, const domain::SelectionLimits& limits,
                  const domain::Policy& policy) {
  json reasons = json::object();
  for (const auto& [reason, count] : outcome.not_funded_count) reasons[domain::to_string(reason)] = count;
  json decisions = json::array();
  for (const auto& d : outcome.decisions) {
    const Candidate& c = *by_id.at(d.id);
    std::optional<Adjusted> adjusted;
    if (auto found = adjustments.find(c.application_id); found != adjustments.end()) adjusted = found->second;
    auto [zh, en] = explain(d, c, adjusted, limits, policy);
    decisions.push_back({{"application_id", c.application_id},
                         {"number", c.number},
                         {"project_name", c.project_name},
                         {"enterprise_name", c.enterprise_name},
                         {"county_code", c.county_code},
                         {"category", c.category},
                         {"cluster", c.cluster},
                         {"rank", d.rank},
                         {"score", d.score},
                         {"subsidy_fen", c.computed_fen},
                         {"bound_by", c.bound_by},
                         {"adjusted_fen", adjusted ? json(adjusted->amount_fen) : json(nullptr)},
                         {"funded_fen", d.funded_fen},
                         {"funded", d.funded},
                         {"reason", d.reason ? json(domain::to_string(*d.reason)) : json(nullptr)},
                         {"room_fen", d.room_fen},
                         {"limit_key", d.limit_key},
                         {"explanation_zh", zh},
                         {"explanation_en", en}});
  }
  return {{"method", domain::to_string(outcome.method)},
          {"funded_count", outcome.funded_count},
          {"total_fen", outcome.total_fen},
          {"score_sum", outcome.score_sum},
          {"category_total_fen", outcome.category_total_fen},
          {"cluster_total_fen", outcome.cluster_total_fen},
          {"not_funded_count", reasons},
          {"decisions", decisions}};
}

json comparison_json(const domain::SelectionOutcome& rank, const domain::SelectionOutcome& optimal,
                     const std::map<std::string, const Candidate*>& by_id) {
  const auto diff = domain::compare_selections(rank, optimal);
  json only_rank = json::array();
  json only_optimal = json::array();
  json changes = json::array();
  for (const auto& change : diff.changes) {
    const long long id = by_id.at(change.id)->application_id;
    if (change.rank_order_fen > 0 && change.optimal_fen == 0) only_rank.push_back(id);
    if (change.optimal_fen > 0 && change.rank_order_fen == 0) only_optimal.push_back(id);
    changes.push_back({{"application_id", id},
                       {"number", by_id.at(change.id)->number},
                       {"rank", change.rank},
                       {"rank_order_fen", change.rank_order_fen},
                       {"optimal_fen", change.optimal_fen}});
  }
  std::string zh;
  std::string en;
  if (diff.changes.empty()) {
    zh = "两种方法选出的项目与金额相同。";
    en = "Both methods fund the same projects with the same amounts.";
  } else {
    zh = fmt::format(
        "最优组合与排序法相比：资助项目数 {:+d}，得分合计 {:+.2f}，金额 {}{} 元；{} 个项目仅由排序法安排，{} "
        "个仅由最优组合安排。",
        diff.funded_count_change, diff.score_sum_change, diff.total_fen_change < 0 ? "-" : "+",
        yuan(std::abs(diff.total_fen_change)), only_rank.size(), only_optimal.size());
    en = fmt::format(
        "The optimal selection against rank order: {:+d} projects funded, score sum {:+.2f}, amount {}{} "
        "yuan; {} "
        "funded only in rank order, {} only by the optimal selection.",
        diff.funded_count_change, diff.score_sum_change, diff.total_fen_change < 0 ? "-" : "+",
        yuan(std::abs(diff.total_fen_change)), only_rank.size(), only_optimal.size());
  }
  return {{"only_rank_order", only_rank},
          {"only_optimal", only_optimal},
          {"changes", changes},
          {"funded_count_difference", diff.funded_count_change},
          {"total_difference_fen", diff.total_fen_change},
          {"score_difference", diff.score_sum_change},
          {"explanation_zh", zh},
          {"explanation_en", en}};
}

Result<Outcomes> compute(const RunInput& input, const std::map<long long, Adjusted>& adjustments,
                         const domain::Policy& policy) {
  std::vector<domain::SelectionCandidate> candidates;
  std::map<std::string, const Candidate*> by_id;
  for (const auto& c : input.candidates) {
    domain::SelectionCandidate candidate;
    candidate.id = std::to_string(c.application_id);
    candidate.number = c.number;
    candidate.category = std::to_string(c.category);
    candidate.cluster = c.cluster;
    candidate.score = c.score;
    candidate.submitted_at = c.submitted_at;
    candidate.subsidy_fen = c.computed_fen;
    if (auto found = adjustments.find(c.application_id); found != adjustments.end()) {
      if (found->second.amount_fen > 0) {
        candidate.subsidy_fen = found->second.amount_fen;
      } else {
        candidate.organizer_adjusted = true;
      }
    }
    by_id[candidate.id] = &c;
    candidates.push_back(std::move(candidate));
  }
  auto rank = domain::select_rank_order(candidates, input.limits);
  if (!rank) return rank.take_problem();
  domain::OptimalOptions options;
  options.time_limit_seconds = input.time_limit_seconds;
  auto optimal = domain::select_optimal(candidates, input.limits, options);
  if (!optimal) return optimal.take_problem();
  Outcomes outcomes;
  outcomes.rank_order = outcome_json(rank.value(), by_id, adjustments, input.limits, policy);
  outcomes.optimal = outcome_json(optimal.value(), by_id, adjustments, input.limits, policy);
  outcomes.optimal["solver_status"] = optimal->solver_status;
  outcomes.optimal["upper_bound"] = optimal->upper_bound;
  outcomes.optimal["gap"] = optimal->gap;
  outcomes.optimal["proven_optimal"] = optimal->solver_status != "time_limit" && optimal->gap <= 1e-9;
  outcomes.optimal["seconds"] = optimal->seconds;
  outcomes.comparison = comparison_json(rank.value(), optimal.value(), by_id);
  return outcomes;
}

std::map<long long, Adjusted> adjustments_of(const std::vector<store::SelectionAdjustmentRecord>& records) {
  std::map<long long, Adjusted> adjustments;
  for (const auto& record : records) adjustments[record.application_id] = {record.amount_fen, record.reason};
  return adjustments;
}

SelectionRunView view_of(soci::session& sql, store::SelectionRunRecord run) {
  SelectionRunView view;
  view.limits = json::parse(run.limits_json, nullptr, false);
  if (view.limits.is_object()) {
    view.limits.erase("candidates");
    view.limits.erase("excluded_application_ids");
  }
  view.rank_order = json::parse(run.rank_order_json, nullptr, false);
  view.optimal = json::parse(run.optimal_json, nullptr, false);
  view.comparison = json::parse(run.comparison_json, nullptr, false);
  view.adjustments = store::list_selection_adjustments(sql, run.id);
  view.run = std::move(run);
  return view;
}

bool organizer_or_bureau(const Caller& caller) { return caller.is("organizer") || caller.is("bureau"); }

std::string run_object(long long run_id) { return fmt::format("selection_run:{}", run_id); }

// 409 run_not_draft unless the run is a draft.
Status check_draft(const store::SelectionRunRecord& run) {
  if (run.state != "draft") return domain::make_problem("run_not_draft", 409, {{"state", run.state}});
  return domain::Ok{};
}

// 409 run_outdated when the library is no longer the list the run chose from.
Status check_library_unchanged(soci::session& sql, const RunInput& input, long long batch_id) {
  std::set<long long> chosen(input.excluded.begin(), input.excluded.end());
  for (const auto& c : input.candidates) chosen.insert(c.application_id);
  const auto current = store::library_application_ids(sql, batch_id);
  const std::set<long long> now(current.begin(), current.end());
  json added = json::array();
  json missing = json::array();
  for (long long id : now) {
    if (chosen.count(id) == 0) {
      auto record = store::find_application(sql, id);
      added.push_back(record ? record->number : std::to_string(id));
    }
  }
  for (long long id : chosen) {
    if (now.count(id) == 0) {
      auto record = store::find_application(sql, id);
      missing.push_back(record ? record->number : std::to_string(id));
    }
  }
  if (added.empty() && missing.empty()) return domain::Ok{};
  return domain::make_problem("run_outdated", 409, {{"added", added}, {"missing", missing}});
}

// One application of the confirmed outcome: selected with its amount, or not selected with why.
Status settle(soci::session& sql, const Caller& caller, const BatchPolicy& batch,
              const store::SelectionRunRecord& run, const std::string& method, const json& decision,
              domain::Instant now) {
  const long long id = decision.value("application_id", 0LL);
  auto record = store::find_application(sql, id);
  if (!record) return domain::make_problem("not_found", 404);
  const bool funded = decision.value("funded", false);
  const std::int64_t funded_fen = decision.value("funded_fen", std::int64_t{0});
  TransitionRequest request;
  request.details = {{"run_id", run.id}, {"method", method}, {"rank", decision.value("rank", 0)}};
  if (funded && funded_fen > 0) {
    request.to = domain::ApplicationState::selected;
    request.notify_kind = "application.selected";
    request.details["funded_fen"] = funded_fen;
  } else {
    request.to = domain::ApplicationState::not_selected;
    request.notify_kind = "application.not_selected";
    request.reason = decision.value("explanation_zh", "");
    request.details["code"] = decision.value("reason", json(nullptr));
    request.details["explanation_en"] = decision.value("explanation_en", "");
  }
  auto context = domain::context_from_policy(*batch.policy, now);
  if (auto done = apply_transition(sql, caller, *record, request, context, now); !done) return done;
  if (request.to == domain::ApplicationState::selected) {
    store::FundedProjectRecord project;
    project.application_id = id;
    project.batch_id = batch.batch.id;
    project.run_id = run.id;
    project.rank = decision.value("rank", 0);
    project.score = decision.value("score", 0.0);
    project.selected_fen = funded_fen;
    store::insert_funded_project(sql, project);
  }
  return domain::Ok{};
}

// A library application left out of the run's candidates because it has no positive subsidy.
Status settle_excluded(soci::session& sql, const Caller& caller, const BatchPolicy& batch, long long run_id,
                       long long application_id, domain::Instant now) {
  auto record = store::find_application(sql, application_id);
  if (!record) return domain::make_problem("not_found", 404);
  TransitionRequest request;
  request.to = domain::ApplicationState::not_selected;
  request.notify_kind = "application.not_selected";
  request.reason = "未安排：计算补贴额为 0。";
  request.details = {{"run_id", run_id}, {"code", "no_subsidy"}};
  return apply_transition(sql, caller, *record, request, domain::context_from_policy(*batch.policy, now),
                          now);
}

}  // namespace

Result<SelectionRunView> run_selection(store::Database& db, const Clock& clock, const Caller& caller,
                                       long long batch_id, std::optional<double> time_limit_seconds) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  const double seconds = time_limit_seconds.value_or(kDefaultSelectionSeconds);
  if (!std::isfinite(seconds) || seconds <= 0 || seconds > kMaxSelectionSeconds) {
    return validation_problem(FieldErrors{
        domain::FieldError{"time_limit_seconds", "number_range", json{{"minimum", 1}, {"maximum", 60}}}});
  }
  // Read the library, choose outside any write transaction (the optimizer may take its time
  // limit), then store the run after checking the batch is still unlocked.
  std::optional<RunInput> input;
  std::shared_ptr<const domain::Policy> policy;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    if (auto unlocked = check_selection_unlocked(sql, batch_id); !unlocked) return unlocked;
    input = gather_input(sql, batch.value(), seconds);
    policy = batch->policy;
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  if (input->candidates.empty()) return domain::make_problem("library_empty", 422, {{"batch_id", batch_id}});
  auto outcomes = compute(*input, {}, *policy);
  if (!outcomes) return outcomes.take_problem();
  const auto now = clock.now();
  std::optional<SelectionRunView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    if (auto unlocked = check_selection_unlocked(sql, batch_id); !unlocked) return unlocked;
    store::SelectionRunRecord run;
    run.batch_id = batch_id;
    run.state = "draft";
    run.limits_json = limits_json(*input, true).dump();
    run.rank_order_json = outcomes->rank_order.dump();
    run.optimal_json = outcomes->optimal.dump();
    run.comparison_json = outcomes->comparison.dump();
    run.created_by = caller.user_id;
    run.created_at = store::format_utc_iso(now);
    run.id = store::insert_selection_run(sql, run);
    store::discard_draft_runs(sql, batch_id, run.id);
    store::append_audit(sql, audit_entry(caller, "selection.run", run_object(run.id),
                                         {{"batch_id", batch_id},
                                          {"candidates", input->candidates.size()},
                                          {"budget_fen", input->limits.budget_fen},
                                          {"rank_order_total_fen", outcomes->rank_order["total_fen"]},
                                          {"optimal_total_fen", outcomes->optimal["total_fen"]}},
                                         now));
    answer = view_of(sql, std::move(run));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<SelectionRunView> selection_run(store::Database& db, const Caller& caller, long long run_id) {
  if (!organizer_or_bureau(caller)) return domain::make_problem("forbidden", 403);
  std::optional<SelectionRunView> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto run = store::find_selection_run(sql, run_id);
    if (!run) return domain::make_problem("not_found", 404);
    answer = view_of(sql, std::move(*run));
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

Result<SelectionRunView> batch_selection(store::Database& db, const Caller& caller, long long batch_id) {
  if (!organizer_or_bureau(caller)) return domain::make_problem("forbidden", 403);
  std::optional<SelectionRunView> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    auto run = store::find_confirmed_run(sql, batch_id);
    if (!run) run = store::latest_selection_run(sql, batch_id);
    if (!run) return domain::make_problem("no_selection_run", 404, {{"batch_id", batch_id}});
    answer = view_of(sql, std::move(*run));
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

Result<SelectionRunView> adjust_selection(store::Database& db, const Clock& clock, const Caller& caller,
                                          long long run_id, long long application_id,
                                          const SelectionAdjustment& adjustment) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  const auto now = clock.now();
  std::optional<SelectionRunView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto run = store::find_selection_run(sql, run_id);
    if (!run) return domain::make_problem("not_found", 404);
    const RunInput input = input_from(run->limits_json);
    auto candidate = std::find_if(input.candidates.begin(), input.candidates.end(),
                                  [&](const Candidate& c) { return c.application_id == application_id; });
    if (candidate == input.candidates.end()) return domain::make_problem("not_found", 404);
    if (auto draft = check_draft(*run); !draft) return draft;
    FieldErrors errors;
    if (!adjustment.amount_fen) {
      errors.push_back({"amount_fen", "required", json::object()});
    } else if (*adjustment.amount_fen < 0) {
      errors.push_back({"amount_fen", "amount_range", {{"maximum_fen", candidate->computed_fen}}});
    }
    check_text(errors, "reason", adjustment.reason, 500);
    if (!errors.empty()) return validation_problem(std::move(errors));
    if (*adjustment.amount_fen >= candidate->computed_fen) {
      auto problem = domain::make_problem(
          "amount_not_lower", 422,
          {{"amount_fen", *adjustment.amount_fen}, {"current_fen", candidate->computed_fen}});
      problem.fields.push_back({"amount_fen", "amount_not_lower", problem.facts});
      return problem;
    }
    auto batch = load_batch_policy(sql, run->batch_id);
    if (!batch) return batch.take_problem();
    auto records = store::list_selection_adjustments(sql, run_id);
    auto adjustments = adjustments_of(records);
    const std::int64_t before =
        adjustments.count(application_id) ? adjustments[application_id].amount_fen : candidate->computed_fen;
    adjustments[application_id] = {*adjustment.amount_fen, adjustment.reason};
    auto outcomes = compute(input, adjustments, *batch->policy);
    if (!outcomes) return outcomes.take_problem();
    store::SelectionAdjustmentRecord record;
    record.run_id = run_id;
    record.application_id = application_id;
    record.amount_fen = *adjustment.amount_fen;
    record.reason = adjustment.reason;
    record.adjusted_by = caller.user_id;
    record.adjusted_at = store::format_utc_iso(now);
    store::save_selection_adjustment(sql, record);
    run->rank_order_json = outcomes->rank_order.dump();
    run->optimal_json = outcomes->optimal.dump();
    run->comparison_json = outcomes->comparison.dump();
    store::update_selection_outcomes(sql, *run);
    store::append_audit(sql, audit_entry(caller, "selection.adjust", run_object(run_id),
                                         {{"application_id", application_id},
                                          {"number", candidate->number},
                                          {"from_fen", before},
                                          {"to_fen", *adjustment.amount_fen},
                                          {"reason", adjustment.reason}},
                                         now));
    answer = view_of(sql, std::move(*run));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<SelectionRunView> confirm_selection(store::Database& db, const Clock& clock, const Caller& caller,
                                           long long run_id, const std::string& method) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  if (method != "rank_order" && method != "optimal") {
    return validation_problem(FieldErrors{
        domain::FieldError{"method", "method_unknown", json{{"allowed", {"rank_order", "optimal"}}}}});
  }
  const auto now = clock.now();
  std::optional<SelectionRunView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto run = store::find_selection_run(sql, run_id);
    if (!run) return domain::make_problem("not_found", 404);
    if (auto unlocked = check_selection_unlocked(sql, run->batch_id); !unlocked) return unlocked;
    if (auto draft = check_draft(*run); !draft) return draft;
    auto batch = load_batch_policy(sql, run->batch_id);
    if (!batch) return batch.take_problem();
    const RunInput input = input_from(run->limits_json);
    if (auto unchanged = check_library_unchanged(sql, input, run->batch_id); !unchanged) return unchanged;
    const json chosen = json::parse(method == "optimal" ? run->optimal_json : run->rank_order_json);
    for (const auto& decision : chosen.value("decisions", json::array())) {
      if (auto done = settle(sql, caller, batch.value(), *run, method, decision, now); !done) return done;
    }
    for (long long id : input.excluded) {
      if (auto done = settle_excluded(sql, caller, batch.value(), run_id, id, now); !done) return done;
    }
    const std::string stamp = store::format_utc_iso(now);
    store::confirm_selection_run(sql, run_id, method, caller.user_id, stamp);
    store::discard_draft_runs(sql, run->batch_id, run_id);
    store::append_audit(sql, audit_entry(caller, "selection.confirm", run_object(run_id),
                                         {{"batch_id", run->batch_id},
                                          {"method", method},
                                          {"funded_count", chosen.value("funded_count", 0)},
                                          {"total_fen", chosen.value("total_fen", std::int64_t{0})}},
                                         now));
    auto confirmed = store::find_selection_run(sql, run_id);
    answer = view_of(sql, std::move(*confirmed));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

}  // namespace iifund::service
