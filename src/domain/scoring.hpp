#pragma once
// 评审打分: turning several experts' score sheets into one application score (DOMAIN.md §8 item 8).
//
// An expert's total is Σ weight × (score ÷ maximum) over the category's criteria, on 0–100. The
// application's score is the trimmed mean of its experts' totals (one highest and one lowest
// dropped when there are five or more), so one outlier cannot move it much. Disagreement is
// flagged when the population standard deviation of all totals, before trimming, exceeds
// `divergence_sd`. Because harsh and lenient experts should not decide who is funded, a second,
// normalized score standardizes each expert's totals over the whole input and maps them back to
// 0–100 with the mean and standard deviation of all totals. Both are always reported; the
// policy's `ranking_score` says which one ranks.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace iifund::domain {

struct Criterion {
  std::string id;          // e.g. "technical_advancement"
  double weight = 0;       // the criteria's weights sum to 100
  double max_score = 100;  // the scale the expert scores this criterion on
};

struct ScoreSheet {
  std::string application_id;
  std::string expert_id;
  std::string category;        // selects the criteria; "" when one set applies to all
  std::vector<double> scores;  // aligned with the category's criteria
};

enum class RankingScore { trimmed_mean, normalized };

struct ScoringOptions {
  double divergence_sd = 15;
  RankingScore ranking_score = RankingScore::trimmed_mean;
  // Normalization is meaningful only once a category is fully scored: when set, every
  // application must have this many sheets or the normalized scores are withheld.
  int expected_sheets_per_application = 0;
};

struct ExpertTotal {
  std::string expert_id;
  double total = 0;       // Σ weight × score ÷ max
  double normalized = 0;  // the total after removing this expert's leniency and spread
  bool trimmed = false;   // dropped as the highest or lowest
};

struct ApplicationScore {
  std::string application_id;
  std::string category;
  std::vector<ExpertTotal> totals;  // in input order
  double trimmed_mean = 0;
  std::optional<double> normalized;  // trimmed mean of the normalized totals
  double spread_sd = 0;              // population SD of all totals, before trimming
  bool divergent = false;            // spread_sd > divergence_sd: a second look is due
  double ranking_score = 0;          // the one the policy ranks by
};

struct ExpertBias {
  std::string expert_id;
  int sheets = 0;
  double mean = 0;
  double sd = 0;
  bool raw_kept = false;  // fewer than two sheets: bias cannot be estimated, total kept as is
};

struct ScoringResult {
  std::vector<ApplicationScore> applications;  // in order of first appearance
  std::vector<ExpertBias> experts;
  double batch_mean = 0;  // over all totals
  double batch_sd = 0;
  bool normalization_available = false;
  std::vector<std::string> incomplete_applications;         // fewer sheets than expected
  RankingScore ranking_score = RankingScore::trimmed_mean;  // the one actually used
};

// Σ weight × (score ÷ max). Fails when a score is outside [0, max] or the counts differ.
Result<double> expert_total(std::span<const Criterion> criteria, std::span<const double> scores);

// Mean after dropping one highest and one lowest value when there are five or more.
double trimmed_mean(std::span<const double> values);

// Population standard deviation (divide by n): the spread of these experts, not an estimate.
double population_sd(std::span<const double> values);

// Criteria by category; the key "" applies to any category without its own entry.
using CriteriaByCategory = std::map<std::string, std::vector<Criterion>>;

Result<ScoringResult> score_applications(const CriteriaByCategory& criteria,
                                         std::span<const ScoreSheet> sheets, const ScoringOptions& options);

const char* to_string(RankingScore score);
std::optional<RankingScore> ranking_score_from_string(const std::string& text);

}  // namespace iifund::domain
