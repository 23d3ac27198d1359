#include "domain/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_map>
#include <utility>

namespace iifund::domain {
namespace {

constexpr int kTrimFrom = 5;  // with fewer sheets every opinion counts

double mean_of(std::span<const double> values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// Which entries a trimmed mean drops: the first highest and the first lowest, never the same one.
std::pair<int, int> trimmed_indices(std::span<const double> values) {
  if (values.size() < kTrimFrom) return {-1, -1};
  auto low = std::min_element(values.begin(), values.end()) - values.begin();
  auto high = std::max_element(values.begin(), values.end()) - values.begin();
  if (low == high) high = (low == 0) ? 1 : 0;  // all equal: drop two distinct entries
  return {static_cast<int>(low), static_cast<int>(high)};
}

Status check_criteria(const std::string& category, const std::vector<Criterion>& criteria) {
  double weights = 0;
  for (const auto& c : criteria) {
    if (!(c.max_score > 0) || c.weight < 0) {
      return make_problem("criterion_invalid", 422, {{"category", category}, {"criterion", c.id}});
    }
    weights += c.weight;
  }
  if (criteria.empty() || std::fabs(weights - 100) > 1e-6) {
    return make_problem("criteria_weights_not_100", 422, {{"category", category}, {"sum", weights}});
  }
  return Ok{};
}

const std::vector<Criterion>* criteria_for(const CriteriaByCategory& criteria, const std::string& category) {
  auto it = criteria.find(category);
  if (it == criteria.end()) it = criteria.find("");
  return it == criteria.end() ? nullptr : &it->second;
}

// Per-expert mean and SD over every total the expert gave in this input.
std::vector<ExpertBias> expert_biases(const std::vector<ApplicationScore>& apps) {
  std::vector<ExpertBias> biases;
  std::unordered_map<std::string, std::vector<double>> by_expert;
  for (const auto& app : apps) {
    for (const auto& t : app.totals) {
      auto [it, fresh] = by_expert.try_emplace(t.expert_id);
      if (fresh) biases.push_back(ExpertBias{t.expert_id, 0, 0, 0, false});
      it->second.push_back(t.total);
    }
  }
  for (auto& b : biases) {
    const auto& totals = by_expert[b.expert_id];
    b.sheets = static_cast<int>(totals.size());
    b.mean = mean_of(totals);
    b.sd = population_sd(totals);
    b.raw_kept = b.sheets < 2;
  }
  return biases;
}

void normalize(ScoringResult& result) {
  std::unordered_map<std::string, const ExpertBias*> bias;
  for (const auto& b : result.experts) bias[b.expert_id] = &b;
  for (auto& app : result.applications) {
    std::vector<double> normalized;
    for (auto& t : app.totals) {
      const ExpertBias& b = *bias[t.expert_id];
      if (b.raw_kept) {
        t.normalized = t.total;
      } else {
        // An expert who gave every application the same total says nothing about their order.
        double z = b.sd > 0 ? (t.total - b.mean) / b.sd : 0.0;
        t.normalized = std::clamp(result.batch_mean + z * result.batch_sd, 0.0, 100.0);
      }
      normalized.push_back(t.normalized);
    }
    app.normalized = trimmed_mean(normalized);
  }
}

}  // namespace

Result<double> expert_total(std::span<const Criterion> criteria, std::span<const double> scores) {
  if (criteria.size() != scores.size()) {
    return make_problem("score_count_mismatch", 422,
                        {{"criteria", criteria.size()}, {"scores", scores.size()}});
  }
  double total = 0;
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    if (!(scores[i] >= 0 && scores[i] <= criteria[i].max_score)) {
      return make_problem(
          "score_out_of_range", 422,
          {{"criterion", criteria[i].id}, {"score", scores[i]}, {"max", criteria[i].max_score}});
    }
    total += criteria[i].weight * (scores[i] / criteria[i].max_score);
  }
  return total;
}

double trimmed_mean(std::span<const double> values) {
  auto [low, high] = trimmed_indices(values);
  if (low < 0) return mean_of(values);
  double sum = std::accumulate(values.begin(), values.end(), 0.0) - values[low] - values[high];
  return sum / static_cast<double>(values.size() - 2);
}

double population_sd(std::span<const double> values) {
  if (values.empty()) return 0;
  double mean = mean_of(values);
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / static_cast<double>(values.size()));
}

Result<ScoringResult> score_applications(const CriteriaByCategory& criteria,
                                         std::span<const ScoreSheet> sheets, const ScoringOptions& options) {
  for (const auto& [category, list] : criteria) {
    if (auto ok = check_criteria(category, list); !ok) return ok.take_problem();
  }
  ScoringResult result;
  std::unordered_map<std::string, std::size_t> app_index;
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<double> all_totals;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const ScoreSheet& sheet = sheets[i];
    const auto* list = criteria_for(criteria, sheet.category);
    if (list == nullptr) return make_problem("criteria_missing", 422, {{"category", sheet.category}});
    if (!seen.emplace(sheet.application_id, sheet.expert_id).second) {
      return make_problem("score_sheet_duplicate", 422,
                          {{"application", sheet.application_id}, {"expert", sheet.expert_id}});
    }
    auto total = expert_total(*list, sheet.scores);
    if (!total) {
      Problem p = total.take_problem();
      p.facts["application"] = sheet.application_id;
      p.facts["expert"] = sheet.expert_id;
      p.facts["sheet"] = i;
      return p;
    }
    auto [it, fresh] = app_index.try_emplace(sheet.application_id, result.applications.size());
    if (fresh) {
      ApplicationScore app;
      app.application_id = sheet.application_id;
      app.category = sheet.category;
      result.applications.push_back(std::move(app));
    }
    result.applications[it->second].totals.push_back(ExpertTotal{sheet.expert_id, *total, *total, false});
    all_totals.push_back(*total);
  }
  result.batch_mean = mean_of(all_totals);
  result.batch_sd = population_sd(all_totals);

  for (auto& app : result.applications) {
    std::vector<double> totals;
    for (const auto& t : app.totals) totals.push_back(t.total);
    auto [low, high] = trimmed_indices(totals);
    if (low >= 0) app.totals[low].trimmed = app.totals[high].trimmed = true;
    app.trimmed_mean = trimmed_mean(totals);
    app.spread_sd = population_sd(totals);
    app.divergent = app.spread_sd > options.divergence_sd;
    if (options.expected_sheets_per_application > 0 &&
        static_cast<int>(totals.size()) < options.expected_sheets_per_application) {
      result.incomplete_applications.push_back(app.application_id);
    }
  }
  result.experts = expert_biases(result.applications);
  result.normalization_available = result.incomplete_applications.empty() && !result.applications.empty();
  if (result.normalization_available) normalize(result);
  // Asked for normalized before the category is fully scored, the trimmed mean still ranks.
  bool by_normalized = options.ranking_score == RankingScore::normalized && result.normalization_available;
  result.ranking_score = by_normalized ? RankingScore::normalized : RankingScore::trimmed_mean;
  for (auto& app : result.applications)
    app.ranking_score = by_normalized ? *app.normalized : app.trimmed_mean;
  return result;
}

const char* to_string(RankingScore score) {
  return score == RankingScore::normalized ? "normalized" : "trimmed_mean";
}

std::optional<RankingScore> ranking_score_from_string(const std::string& text) {
  if (text == "trimmed_mean") return RankingScore::trimmed_mean;
  if (text == "normalized") return RankingScore::normalized;
  return std::nullopt;
}

}  // namespace iifund::domain
