#include "service/review_results.hpp"

#include <algorithm>
#include <map>

#include "domain/scoring.hpp"
#include "domain/workflow.hpp"
#include "service/application_transitions.hpp"
#include "service/batch_policies.hpp"
#include "store/application_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::Result;
using domain::Status;

bool organizer_or_bureau(const Caller& caller) { return caller.is("organizer") || caller.is("bureau"); }

// The category's scores: its applications with active assignments, in number order.
struct CategoryScores {
  CategoryProgress progress;
  std::vector<ApplicationResult> applications;
};

std::vector<double> ordered_scores(const domain::CategoryPolicy& category, const std::string& scores_json) {
  auto scores = nlohmann::json::parse(scores_json, nullptr, false);
  std::vector<double> ordered;
  for (const auto& criterion : category.criteria) {
    auto found = scores.is_object() ? scores.find(criterion.id) : scores.end();
    ordered.push_back(scores.is_object() && found != scores.end() && found->is_number() ? found->get<double>()
                                                                                        : -1);
  }
  return ordered;
}

Result<CategoryScores> score_category(soci::session& sql, const BatchPolicy& batch,
                                      const domain::CategoryPolicy& category) {
  CategoryScores scores;
  scores.progress.category = category.number;
  std::map<long long, std::size_t> index;
  store::ReviewSlotQuery query;
  query.batch_id = batch.batch.id;
  query.category = category.number;
  for (const auto& slot : store::list_review_slots(sql, query)) {
    auto [at, fresh] = index.try_emplace(slot.application_id, scores.applications.size());
    if (fresh) {
      ApplicationResult result;
      result.application_id = slot.application_id;
      result.number = slot.number;
      result.project_name = slot.project_name;
      result.enterprise_name = slot.enterprise_name;
      result.category = slot.category;
      result.state = slot.application_state;
      scores.applications.push_back(std::move(result));
    }
    auto& result = scores.applications[at->second];
    result.sheets_expected += 1;
    if (slot.sheet_state == "submitted") result.sheets_submitted += 1;
  }
  scores.progress.applications = static_cast<int>(scores.applications.size());
  scores.progress.fully_scored =
      !scores.applications.empty() &&
      std::all_of(scores.applications.begin(), scores.applications.end(), [](const ApplicationResult& r) {
        return r.sheets_expected > 0 && r.sheets_submitted == r.sheets_expected;
      });
  const std::string key = std::to_string(category.number);
  std::vector<domain::ScoreSheet> sheets;
  for (const auto& sheet : store::list_submitted_sheets(sql, batch.batch.id, category.number)) {
    sheets.push_back({std::to_string(sheet.application_id), std::to_string(sheet.expert_id), key,
                      ordered_scores(category, sheet.scores_json)});
  }
  if (sheets.empty()) return scores;
  domain::ScoringOptions options;
  options.divergence_sd = batch.policy->review.divergence_sd;
  options.ranking_score = batch.policy->review.ranking_score;
  auto scored = domain::score_applications({{key, category.scoring_criteria()}}, sheets, options);
  if (!scored) return scored.take_problem();
  for (const auto& score : scored->applications) {
    auto found = index.find(std::stoll(score.application_id));
    if (found == index.end()) continue;
    auto& result = scores.applications[found->second];
    result.trimmed_mean = score.trimmed_mean;
    result.spread_sd = score.spread_sd;
    result.divergent = score.divergent;
    // Normalizing compares every expert's leniency over the category: only once it is complete.
    if (scores.progress.fully_scored) {
      result.normalized = score.normalized;
      result.ranking_score = score.ranking_score;
    } else {
      result.ranking_score = score.trimmed_mean;
    }
  }
  return scores;
}

std::vector<const domain::CategoryPolicy*> categories_of(const domain::Policy& policy,
                                                         std::optional<int> only) {
  std::vector<const domain::CategoryPolicy*> chosen;
  for (const auto& category : policy.categories) {
    if (!only || category.number == *only) chosen.push_back(&category);
  }
  return chosen;
}

// Moves one fully scored application under review into the library or out of the running.
Status decide(soci::session& sql, const Caller& caller, const BatchPolicy& batch,
              const ApplicationResult& result, domain::Instant now) {
  auto record = store::find_application(sql, result.application_id);
  if (!record) return domain::make_problem("not_found", 404);
  const double threshold = batch.policy->review.library_threshold;
  const double score = result.ranking_score.value_or(0);
  auto context = domain::context_from_policy(*batch.policy, now);
  context.reviews_complete = true;
  TransitionRequest finish;
  finish.to = domain::ApplicationState::reviewed;
  finish.details = {{"sheets", result.sheets_submitted}};
  if (auto done = apply_transition(sql, caller, *record, finish, context, now); !done) return done;
  context.category_fully_scored = true;
  context.score = score;
  const bool enters = score >= threshold;
  TransitionRequest decision;
  decision.to = enters ? domain::ApplicationState::in_library : domain::ApplicationState::not_selected;
  decision.notify_kind = enters ? "application.in_library" : "application.not_selected";
  decision.details = {{"score", score}, {"threshold", threshold}};
  if (!enters) {
    decision.reason = kBelowThresholdReason;
    decision.details["code"] = "score_below_threshold";
  }
  if (auto done = apply_transition(sql, caller, *record, decision, context, now); !done) return done;
  store::ReviewResultRecord stored;
  stored.application_id = result.application_id;
  stored.batch_id = batch.batch.id;
  stored.category = result.category;
  stored.sheets = result.sheets_submitted;
  stored.trimmed_mean = result.trimmed_mean.value_or(0);
  stored.normalized = result.normalized;
  stored.ranking_score = score;
  stored.spread_sd = result.spread_sd.value_or(0);
  stored.divergent = result.divergent;
  stored.outcome = enters ? "in_library" : "not_selected";
  stored.computed_at = store::format_utc_iso(now);
  store::insert_review_result(sql, stored);
  return domain::Ok{};
}

}  // namespace

Result<ReviewResults> review_results(store::Database& db, const Caller& caller, long long batch_id,
                                     std::optional<int> category) {
  if (!organizer_or_bureau(caller)) return domain::make_problem("forbidden", 403);
  ReviewResults answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    answer.ranking_score = domain::to_string(batch->policy->review.ranking_score);
    answer.threshold = batch->policy->review.library_threshold;
    for (const auto* policy_category : categories_of(*batch->policy, category)) {
      auto scores = score_category(sql, batch.value(), *policy_category);
      if (!scores) return scores.take_problem();
      answer.categories.push_back(scores->progress);
      for (auto& result : scores->applications) answer.applications.push_back(std::move(result));
    }
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return answer;
}

Result<LibraryDecision> decide_library(store::Database& db, const Clock& clock, const Caller& caller,
                                       long long batch_id, int category) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  const auto now = clock.now();
  LibraryDecision answer;
  answer.category = category;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    const auto* policy_category = batch->policy->find_category(category);
    if (policy_category == nullptr) {
      domain::Problem problem = domain::make_problem("category_unknown", 422, {{"category", category}});
      problem.fields.push_back({"category", "category_unknown", {}});
      return problem;
    }
    answer.threshold = batch->policy->review.library_threshold;
    auto under_review = store::applications_in_state(sql, batch_id, category, "under_review");
    if (under_review.empty())
      return domain::make_problem("nothing_under_review", 422, {{"category", category}});
    auto scores = score_category(sql, batch.value(), *policy_category);
    if (!scores) return scores.take_problem();
    std::vector<const ApplicationResult*> ready;
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& [id, number] : under_review) {
      auto found = std::find_if(scores->applications.begin(), scores->applications.end(),
                                [id = id](const ApplicationResult& r) { return r.application_id == id; });
      if (found == scores->applications.end() || found->sheets_expected == 0 ||
          found->sheets_submitted < found->sheets_expected || !found->ranking_score) {
        missing.push_back(number);
      } else {
        ready.push_back(&*found);
      }
    }
    if (!missing.empty()) {
      return domain::make_problem("category_not_fully_scored", 422,
                                  {{"category", category}, {"missing", missing}, {"count", missing.size()}});
    }
    for (const auto* result : ready) {
      if (auto done = decide(sql, caller, batch.value(), *result, now); !done) return done;
      ApplicationResult decided = *result;
      const bool enters = *result->ranking_score >= answer.threshold;
      decided.state = enters ? "in_library" : "not_selected";
      (enters ? answer.in_library : answer.not_selected).push_back(std::move(decided));
    }
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return answer;
}

Result<std::vector<LibraryEntry>> project_library(store::Database& db, const Caller& caller,
                                                  long long batch_id, std::optional<int> category) {
  if (!organizer_or_bureau(caller)) return domain::make_problem("forbidden", 403);
  std::vector<LibraryEntry> library;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    std::map<int, int> ranks;
    for (auto& row : store::list_library(sql, batch_id, category)) {
      const int rank = ++ranks[row.result.category];
      library.push_back({std::move(row), rank});
    }
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return library;
}

}  // namespace iifund::service
