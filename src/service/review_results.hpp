#pragma once
// 汇总与入库: the scores of a batch as they arrive (trimmed mean, spread, divergence; the normalized
// score once a category is fully scored), and the library decision: when every application of a
// category under review has all the sheets of its active assignments, each goes under_review →
// reviewed → in_library (ranking score ≥ the policy's threshold) or not_selected, through
// apply_transition, its scores kept in review_results. Nothing here says which expert gave what.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/review_store.hpp"

namespace iifund::service {

struct ApplicationResult {
  long long application_id = 0;
  std::string number;
  std::string project_name;
  std::string enterprise_name;
  int category = 0;
  std::string state;
  int sheets_submitted = 0;
  int sheets_expected = 0;  // its active assignments
  std::optional<double> trimmed_mean;
  std::optional<double> normalized;  // once its category is fully scored
  std::optional<double> ranking_score;
  std::optional<double> spread_sd;
  bool divergent = false;
};

struct CategoryProgress {
  int category = 0;
  int applications = 0;
  bool fully_scored = false;  // every application has all its expected sheets
};

struct ReviewResults {
  std::string ranking_score;  // the policy's: trimmed_mean | normalized
  double threshold = 0;
  std::vector<CategoryProgress> categories;
  std::vector<ApplicationResult> applications;
};

// Organizer and bureau.
domain::Result<ReviewResults> review_results(store::Database& db, const Caller& caller, long long batch_id,
                                             std::optional<int> category);

struct LibraryDecision {
  int category = 0;
  double threshold = 0;
  std::vector<ApplicationResult> in_library;
  std::vector<ApplicationResult> not_selected;
};

// The organizer: 422 category_not_fully_scored (facts.missing: numbers), 422 nothing_under_review.
domain::Result<LibraryDecision> decide_library(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long batch_id, int category);

// Organizer and bureau: the library, best ranking score first; rank counts within the category.
struct LibraryEntry {
  store::LibraryRow row;
  int rank = 0;
};
domain::Result<std::vector<LibraryEntry>> project_library(store::Database& db, const Caller& caller,
                                                          long long batch_id, std::optional<int> category);

// The reason a not-selected application's history shows.
inline constexpr const char* kBelowThresholdReason = "评审得分低于入库分数线";

}  // namespace iifund::service
