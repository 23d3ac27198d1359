#include "domain/scoring.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace iifund::domain {
namespace {

// Category 1's default criteria (DOMAIN.md §6), each scored out of 10.
const std::vector<Criterion> kBenchmark = {
    {"implementation_basis", 20, 10}, {"advancement", 25, 10}, {"results", 30, 10},
    {"demonstration", 15, 10},        {"investment", 10, 10},
};

// One criterion out of 100 with weight 100: the sheet's score is the expert's total.
const CriteriaByCategory kPlain = {{"", {{"overall", 100, 100}}}};

ScoreSheet sheet(std::string app, std::string expert, double total) {
  return ScoreSheet{std::move(app), std::move(expert), "", {total}};
}

TEST(Scoring, ExpertTotalIsWeightTimesScoreOverMax) {
  std::vector<double> scores = {8, 6, 10, 5, 0};
  auto total = expert_total(kBenchmark, scores);
  ASSERT_TRUE(total);
  EXPECT_DOUBLE_EQ(*total, 16 + 15 + 30 + 7.5 + 0);
}

TEST(Scoring, ExpertTotalRefusesAScoreAboveTheMaximum) {
  std::vector<double> scores = {8, 6, 11, 5, 0};
  auto total = expert_total(kBenchmark, scores);
  ASSERT_FALSE(total);
  EXPECT_EQ(total.problem().code, "score_out_of_range");
  EXPECT_EQ(total.problem().facts["criterion"], "results");
}

TEST(Scoring, TrimmedMeanDropsOneHighestAndOneLowestFromFive) {
  std::vector<double> five = {70, 80, 90, 60, 100};
  EXPECT_DOUBLE_EQ(trimmed_mean(five), 80);
  std::vector<double> equal = {50, 50, 50, 50, 50};
  EXPECT_DOUBLE_EQ(trimmed_mean(equal), 50);
  std::vector<double> six = {10, 10, 40, 60, 90, 90};  // drops one 10 and one 90 only
  EXPECT_DOUBLE_EQ(trimmed_mean(six), 50);
}

TEST(Scoring, TrimmedMeanKeepsEveryScoreBelowFive) {
  std::vector<double> four = {10, 20, 30, 100};
  EXPECT_DOUBLE_EQ(trimmed_mean(four), 40);
}

TEST(Scoring, PopulationStandardDeviationDividesByN) {
  std::vector<double> values = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(population_sd(values), 2);
}

TEST(Scoring, DivergenceUsesAllTotalsBeforeTrimming) {
  // Totals 40, 70, 70, 70, 100: trimming would hide the spread; SD before trimming is ~18.97.
  std::vector<ScoreSheet> sheets = {sheet("A", "e1", 40), sheet("A", "e2", 70),  sheet("A", "e3", 70),
                                    sheet("A", "e4", 70), sheet("A", "e5", 100), sheet("B", "e1", 60),
                                    sheet("B", "e2", 70)};
  auto result = score_applications(kPlain, sheets, {});
  ASSERT_TRUE(result);
  const auto& a = result->applications[0];
  EXPECT_DOUBLE_EQ(a.trimmed_mean, 70);
  EXPECT_NEAR(a.spread_sd, 18.973665961, 1e-9);
  EXPECT_TRUE(a.divergent);
  EXPECT_TRUE(a.totals[0].trimmed);
  EXPECT_TRUE(a.totals[4].trimmed);
  EXPECT_FALSE(result->applications[1].divergent);  // 60 and 70: SD 5
}

TEST(Scoring, NormalizationRemovesAHarshExpertsBiasByHand) {
  // Expert A: X 80, Y 60 (mean 70, SD 10). Expert B, harsher: X 70, Y 50 (mean 60, SD 10).
  // All totals 80 60 70 50: mean 65, SD √125. Each X is z = +1, each Y z = -1.
  std::vector<ScoreSheet> sheets = {sheet("X", "A", 80), sheet("Y", "A", 60), sheet("X", "B", 70),
                                    sheet("Y", "B", 50)};
  ScoringOptions options;
  options.ranking_score = RankingScore::normalized;
  auto result = score_applications(kPlain, sheets, options);
  ASSERT_TRUE(result);
  ASSERT_TRUE(result->normalization_available);
  EXPECT_DOUBLE_EQ(result->batch_mean, 65);
  EXPECT_NEAR(result->batch_sd, 11.180339887, 1e-9);
  const auto& x = result->applications[0];
  EXPECT_DOUBLE_EQ(x.trimmed_mean, 75);
  EXPECT_NEAR(*x.normalized, 65 + 11.180339887, 1e-9);
  EXPECT_NEAR(x.ranking_score, 76.180339887, 1e-9);
  EXPECT_NEAR(*result->applications[1].normalized, 65 - 11.180339887, 1e-9);
  EXPECT_EQ(result->ranking_score, RankingScore::normalized);
}

TEST(Scoring, BothScoresAreReportedWhicheverRanks) {
  std::vector<ScoreSheet> sheets = {sheet("X", "A", 80), sheet("Y", "A", 60), sheet("X", "B", 70),
                                    sheet("Y", "B", 50)};
  auto result = score_applications(kPlain, sheets, {});
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->applications[0].normalized.has_value());
  EXPECT_DOUBLE_EQ(result->applications[0].ranking_score, 75);
}

TEST(Scoring, NormalizationWaitsUntilTheCategoryIsFullyScored) {
  std::vector<ScoreSheet> sheets = {sheet("X", "A", 80), sheet("X", "B", 70), sheet("Y", "A", 60)};
  ScoringOptions options;
  options.expected_sheets_per_application = 2;
  options.ranking_score = RankingScore::normalized;
  auto result = score_applications(kPlain, sheets, options);
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->normalization_available);
  EXPECT_EQ(result->incomplete_applications, std::vector<std::string>{"Y"});
  EXPECT_FALSE(result->applications[0].normalized.has_value());
  EXPECT_EQ(result->ranking_score, RankingScore::trimmed_mean);
  EXPECT_DOUBLE_EQ(result->applications[0].ranking_score, 75);
}

TEST(Scoring, AnExpertWithOneSheetKeepsTheRawTotal) {
  std::vector<ScoreSheet> sheets = {sheet("X", "A", 80), sheet("Y", "A", 60), sheet("X", "C", 33)};
  auto result = score_applications(kPlain, sheets, {});
  ASSERT_TRUE(result);
  EXPECT_DOUBLE_EQ(result->applications[0].totals[1].normalized, 33);
  EXPECT_TRUE(result->experts[1].raw_kept);
}

TEST(Scoring, RefusesDuplicateSheetsAndBadWeights) {
  std::vector<ScoreSheet> dup = {sheet("X", "A", 80), sheet("X", "A", 70)};
  auto r1 = score_applications(kPlain, dup, {});
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.problem().code, "score_sheet_duplicate");
  CriteriaByCategory bad = {{"", {{"a", 50, 10}, {"b", 40, 10}}}};
  auto r2 = score_applications(bad, dup, {});
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.problem().code, "criteria_weights_not_100");
  CriteriaByCategory only1 = {{"1", kBenchmark}};
  auto r3 = score_applications(only1, dup, {});
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.problem().code, "criteria_missing");
}

}  // namespace
}  // namespace iifund::domain
