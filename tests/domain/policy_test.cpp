#include "domain/policy.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace iifund::domain {
namespace {

const std::string kJiangmen = std::string(IIFUND_SOURCE_DIR) + "/policies/jiangmen-2022-batch2.toml";
const std::string kFoshan = std::string(IIFUND_SOURCE_DIR) + "/tests/policies/foshan-2024-demo.toml";
const std::string kBroken =
    std::string(IIFUND_SOURCE_DIR) + "/tests/policies/broken-jiangmen-2022-batch2.toml";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const Policy& jiangmen() {
  static const Policy policy = [] {
    auto p = load_policy_file(kJiangmen);
    if (!p.ok()) ADD_FAILURE() << p.problem().detail;
    return p.ok() ? *p : Policy{};
  }();
  return policy;
}

TEST(Policy, ShippedBatchLoadsWithTheNoticesFigures) {
  const Policy& p = jiangmen();
  EXPECT_EQ(p.id, "jiangmen-2022-batch2");
  ASSERT_EQ(p.categories.size(), 4u);

  const CategoryPolicy& benchmark = *p.find_category(1);
  EXPECT_EQ(benchmark.kind, CategoryKind::project);
  EXPECT_EQ(benchmark.rate, BasisPoints{5000});
  EXPECT_EQ(benchmark.project_cap, yuan(1'000'000));
  EXPECT_EQ(benchmark.directions.size(), 2u);

  const CategoryPolicy& sme = *p.find_category("sme_cloud");
  EXPECT_EQ(sme.rate, BasisPoints{8000});
  EXPECT_EQ(sme.enterprise_cap, yuan(600'000));
  EXPECT_TRUE(sme.requires_sme);

  const CategoryPolicy& cluster = *p.find_category(3);
  EXPECT_EQ(cluster.kind, CategoryKind::cluster);
  EXPECT_EQ(cluster.enterprise_cap, yuan(500'000));
  EXPECT_EQ(cluster.cluster_cap, yuan(5'000'000));

  const CategoryPolicy& training = *p.find_category(4);
  EXPECT_FALSE(training.rate.has_value());
  EXPECT_EQ(training.project_cap, yuan(1'000'000));
  ASSERT_TRUE(training.training.has_value());
  EXPECT_EQ(training.training->events, 10);
  EXPECT_EQ(training.training->trainees, 500);
}

TEST(Policy, WindowClosesAtTheEndOf30NovemberBeijingTime) {
  using namespace std::chrono;
  // 2022-12-01T00:00:00+08:00 is 2022-11-30T16:00:00Z.
  const Instant expected = sys_days(2022y / November / 30) + 16h;
  EXPECT_EQ(jiangmen().window_closes, expected);
  EXPECT_FALSE(jiangmen().window_opens.has_value());
}

TEST(Policy, ShippedBatchCarriesTheRestOfTheRules) {
  const Policy& p = jiangmen();
  EXPECT_EQ(p.investment_basis, InvestmentBasis::with_tax);
  EXPECT_EQ(p.revision_days, 5);
  EXPECT_EQ(p.publicity_days, 7);
  EXPECT_EQ(p.review.experts_per_application, 5);
  EXPECT_DOUBLE_EQ(p.review.library_threshold, 60);
  EXPECT_DOUBLE_EQ(p.review.divergence_sd, 15);
  EXPECT_EQ(p.review.ranking_score, RankingScore::trimmed_mean);
  EXPECT_TRUE(p.review.conflict_same_county);
  EXPECT_EQ(p.selection.batch_budget, yuan(20'000'000));
  EXPECT_FALSE(p.selection.allow_partial);
  EXPECT_EQ(p.investment_types.size(), 7u);
  EXPECT_EQ(p.declarations.size(), 8u);
  ASSERT_EQ(p.counties.size(), 7u);
  EXPECT_EQ(p.find_county("440705")->name.zh, "新会区");
  EXPECT_EQ(p.find_county("440300"), nullptr);
  int pillar = 0, emerging = 0, local = 0;
  for (const auto& c : p.clusters) {
    pillar += c.group == ClusterGroup::pillar;
    emerging += c.group == ClusterGroup::emerging;
    local += c.group == ClusterGroup::local_traditional;
  }
  EXPECT_EQ(pillar, 10);
  EXPECT_EQ(emerging, 10);
  EXPECT_GE(local, 1);
  EXPECT_EQ(p.sme.large.min_employees, 1000);
  EXPECT_EQ(p.sme.large.min_revenue, wan_yuan(40'000));
}

TEST(Policy, EveryCategoryHasCriteriaSummingTo100AndMaterials) {
  for (const auto& c : jiangmen().categories) {
    SCOPED_TRACE(c.id);
    int sum = 0;
    for (const auto& k : c.criteria) sum += k.weight;
    EXPECT_EQ(sum, 100);
    EXPECT_FALSE(c.materials.empty());
    EXPECT_EQ(c.scoring_criteria().size(), c.criteria.size());
  }
}

TEST(Policy, MarksWhatTheNoticeDoesNotSay) {
  const Policy& p = jiangmen();
  EXPECT_TRUE(p.is_default("review.library_threshold"));
  EXPECT_TRUE(p.is_default("categories.criteria"));
  EXPECT_TRUE(p.is_default("selection.batch_budget_fen"));
  EXPECT_FALSE(p.is_default("categories.rate_bp"));
  EXPECT_FALSE(p.is_default("window.closes"));
}

TEST(Policy, AnotherCitysFundLoadsWithoutCodeChanges) {
  auto p = load_policy_file(kFoshan);
  ASSERT_TRUE(p.ok()) << p.problem().detail;
  EXPECT_EQ(p->city.zh, "佛山市");
  EXPECT_EQ(p->categories.size(), 3u);
  EXPECT_EQ(p->counties.size(), 5u);
  EXPECT_EQ(p->investment_basis, InvestmentBasis::without_tax);
  EXPECT_EQ(p->review.ranking_score, RankingScore::normalized);
  EXPECT_TRUE(p->selection.allow_partial);
  EXPECT_TRUE(p->window_opens.has_value());
  EXPECT_EQ(p->find_category(2)->category_budget, yuan(5'000'000));
  EXPECT_EQ(p->find_category(1)->criteria[0].max_score, 10);
  EXPECT_EQ(p->find_category(3)->cluster_cap, yuan(2'000'000));
}

TEST(Policy, TheBrokenCopyIsRefusedWithFileLineAndRule) {
  auto p = load_policy_file(kBroken);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.problem().code, "policy_invalid");
  const auto lines = policy_error_lines(p.problem());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind(kBroken + ":", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find(": weights_sum_100: "), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find(": rate_range: "), std::string::npos) << lines[1];
}

TEST(Policy, AMissingFileIsUnreadable) {
  auto p = load_policy_file("/nonexistent/policy.toml");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.problem().code, "policy_unreadable");
}

// One mistake at a time in the shipped file; each must be named by its rule and, where the
// mistake sits on a line of its own, by that line.
struct Breakage {
  const char* find;  // first occurrence is replaced
  const char* replace;
  const char* rule;
  bool on_that_line;
};

const Breakage kBreakages[] = {
    {"weight = 10\n", "weight = 11\n", "weights_sum_100", false},
    {"weight = 20\n", "weight = 0\n", "weight_not_positive", true},
    {"rate_bp = 5000", "rate_bp = 0", "rate_range", true},
    {"rate_bp = 8000", "rate_bp = 10001", "rate_range", true},
    {"rate_bp = 5000", "rate_bp = \"50%\"", "wrong_type", true},
    {"project_cap_fen = 100_000_000", "project_cap_fen = 0", "cap_not_positive", true},
    {"enterprise_cap_fen = 60_000_000", "enterprise_cap_fen = -1", "cap_not_positive", true},
    {"cluster_cap_fen = 500_000_000", "cluster_cap = 500_000_000", "cap_missing", false},
    {"min_trainees = 500", "min_trainees = 0", "training_minimums_missing", false},
    {"closes = 2022-12-01T00:00:00+08:00", "closes = 2022-12-01T00:00:00", "datetime_offset_required", true},
    {"closes = 2022-12-01T00:00:00+08:00",
     "opens = 2022-12-02T00:00:00+08:00\ncloses = 2022-12-01T00:00:00+08:00", "window_order", false},
    {"investment_basis = \"with_tax\"", "investment_basis = \"gross\"", "unknown_value", true},
    {"ranking_score = \"trimmed_mean\"", "ranking_score = \"median\"", "unknown_value", true},
    {"kind = \"cluster\"", "kind = \"clusters\"", "unknown_value", true},
    {"group = \"emerging\"", "group = \"new\"", "unknown_value", true},
    {"revision_days = 5", "revision_days = -1", "days_range", true},
    {"publicity_days = 7", "publicity_days = 0", "days_range", true},
    {"library_threshold = 60.0", "library_threshold = 101", "threshold_range", true},
    {"experts_per_application = 5", "experts_per_application = 0", "experts_range", true},
    {"divergence_sd = 15.0", "divergence_sd = 0.0", "divergence_range", true},
    {"batch_budget_fen = 2_000_000_000", "batch_budget_fen = 0", "budget_not_positive", true},
    {"division_code = \"440703\"", "division_code = \"44073\"", "division_code_format", true},
    {"division_code = \"440703\"", "division_code = \"440303\"", "county_outside_city", true},
    {"division_code = \"440704\"", "division_code = \"440703\"", "duplicate_id", true},
    {"id = \"jm_paper\"", "id = \"jm_motorcycles\"", "duplicate_id", false},
    {"number = 2", "number = 1", "duplicate_category_number", true},
    {"number = 4", "number = 0", "category_number_range", true},
    {"\"equipment\"]", "\"furniture\"]", "unknown_reference", true},
    {"revision_days = 5", "revison_days = 5", "unknown_key", true},
    {"name_zh = \"蓬江区\"", "name_zh = \"\"", "name_missing", true},
    {"id = \"benchmark\"", "id = \"Benchmark!\"", "id_format", true},
    {"schema = 1", "schema = 2", "schema_version", true},
    {"\"review.divergence_sd\",", "\"review.divergence\",", "unknown_default_key", false},
    {"medium_min_employees = 300", "medium_min_employees = 3000", "sme_thresholds_order", false},
    {"[review]", "[review", "toml_syntax", true},
    {"legal_basis = ", "legal_basis = 4 # ", "wrong_type", true},
};

TEST(Policy, EachBrokenRuleIsNamedWithItsLine) {
  const std::string original = read_text(kJiangmen);
  for (const auto& b : kBreakages) {
    SCOPED_TRACE(std::string(b.find) + " -> " + b.replace);
    const auto at = original.find(b.find);
    ASSERT_NE(at, std::string::npos);
    std::string broken = original;
    broken.replace(at, std::string(b.find).size(), b.replace);
    const int line = 1 + static_cast<int>(std::count(original.begin(), original.begin() + at, '\n'));

    auto p = parse_policy(broken, "broken.toml");
    ASSERT_FALSE(p.ok());
    bool found = false;
    for (const auto& text : policy_error_lines(p.problem())) {
      if (text.find(std::string(": ") + b.rule + ": ") == std::string::npos) continue;
      found = true;
      if (b.on_that_line) {
        EXPECT_EQ(text.rfind("broken.toml:" + std::to_string(line) + ": ", 0), 0u) << text;
      }
    }
    EXPECT_TRUE(found) << policy_error_lines(p.problem())[0];
  }
}

TEST(Policy, MissingSectionsAreNamed) {
  auto p = parse_policy("schema = 1\n", "empty.toml");
  ASSERT_FALSE(p.ok());
  const auto lines = policy_error_lines(p.problem());
  auto has = [&](const std::string& needle) {
    for (const auto& l : lines)
      if (l.find(needle) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("empty.toml:1: missing_key: `categories` is required"));
  EXPECT_TRUE(has("missing_key: [window] is required"));
  EXPECT_TRUE(has("missing_key: `counties` is required"));
}

}  // namespace
}  // namespace iifund::domain
