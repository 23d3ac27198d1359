#pragma once
// A batch policy (批次政策): one call for applications — this notice, or another city's — as data.
// Every rule that differs between batches lives here and nowhere else, so a new batch is a new
// TOML file (policies/*.toml), never new code. `parse_policy` validates all of it and says
// `file:line: rule` for each mistake, because the server refuses to start on an invalid policy.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.hpp"
#include "domain/result.hpp"
#include "domain/scoring.hpp"

namespace iifund::domain {

using Instant = std::chrono::sys_seconds;  // UTC; shown in Beijing time

struct LocalizedName {
  std::string zh;
  std::string en;
};

// 以相关发票金额为准: which invoice amount counts as investment.
enum class InvestmentBasis { with_tax, without_tax };
std::string_view to_string(InvestmentBasis basis);

// What the category's cap is counted against: 单个项目, 每家企业, 每个产业集群 (members each), 培训项目.
enum class CategoryKind { project, enterprise, cluster, training };
std::string_view to_string(CategoryKind kind);

struct NamedItem {  // a direction, investment type, material, declaration: an id and its names
  std::string id;
  LocalizedName name;
};

struct ReviewCriterion {
  std::string id;
  LocalizedName name;
  int weight = 0;     // weights of a category sum to 100
  int max_score = 0;  // the scale an expert scores on; defaults to the weight
};

struct TrainingMinimums {
  int events = 0;    // 培训活动场次
  int trainees = 0;  // 培养人才人数
};

struct CategoryPolicy {
  int number = 0;  // 1-based, as the notice numbers them
  std::string id;  // "benchmark", "sme_cloud", "cluster_pilot", "talent_training"
  LocalizedName name;
  CategoryKind kind = CategoryKind::project;
  std::vector<NamedItem> directions;                   // 方向一, 方向二 …; empty when none
  std::optional<BasisPoints> rate;                     // share of eligible investment; none = cap only
  std::optional<Money> project_cap;                    // per project
  std::optional<Money> enterprise_cap;                 // per enterprise (per member, in a cluster)
  std::optional<Money> cluster_cap;                    // per cluster, over all members
  std::optional<TrainingMinimums> training;            // talent training only
  bool requires_sme = false;                           // 中小企业: applicant must not be large
  std::vector<std::string> eligible_investment_types;  // ids into Policy::investment_types
  std::vector<NamedItem> materials;                    // required uploads
  std::vector<ReviewCriterion> criteria;
  std::optional<Money> category_budget;  // within the batch budget; none = no own limit

  std::vector<Criterion> scoring_criteria() const;  // for domain/scoring
  bool counts_investment_type(std::string_view type) const;
};

struct County {
  std::string division_code;  // GB/T 2260, six digits
  LocalizedName name;
};

// 省20个战略性产业集群 (pillar / emerging) and the city's own traditional clusters.
enum class ClusterGroup { pillar, emerging, local_traditional };
std::string_view to_string(ClusterGroup group);

struct IndustryCluster {
  std::string id;
  ClusterGroup group = ClusterGroup::pillar;
  LocalizedName name;
};

struct SizeTier {
  int min_employees = 0;
  Money min_revenue;
};

// 工信部联企业〔2011〕300号, industrial enterprises: a tier needs both figures at or above its minimums.
struct SizeThresholds {
  std::string basis;  // the rule's citation
  SizeTier large;
  SizeTier medium;
  SizeTier small;
};

struct ReviewPolicy {
  double library_threshold = 60;  // 入库 at or above this score
  int experts_per_application = 5;
  double divergence_sd = 15;
  RankingScore ranking_score = RankingScore::trimmed_mean;
  bool conflict_same_county = true;  // 回避: experts never review their own county
};

struct SelectionPolicy {
  Money batch_budget;
  bool allow_partial = false;
};

struct Policy {
  std::string source_file;  // as given to parse_policy, for messages
  std::string id;
  LocalizedName name;
  std::string legal_basis;
  LocalizedName issuer;
  LocalizedName organizer;
  std::string city_division_code;
  LocalizedName city;

  std::optional<Instant> window_opens;  // none: open from publication (即日起)
  Instant window_closes;                // exclusive
  InvestmentBasis investment_basis = InvestmentBasis::with_tax;
  int revision_days = 5;
  int publicity_days = 7;

  std::vector<NamedItem> investment_types;
  std::vector<NamedItem> declarations;  // eligibility checklist, each declared with evidence
  std::vector<CategoryPolicy> categories;
  ReviewPolicy review;
  SelectionPolicy selection;
  std::vector<County> counties;
  std::vector<IndustryCluster> clusters;
  SizeThresholds sme;
  std::vector<std::string> defaults;  // dotted keys whose values the notice does not give

  const CategoryPolicy* find_category(int number) const;
  const CategoryPolicy* find_category(std::string_view id) const;
  const County* find_county(std::string_view division_code) const;
  const IndustryCluster* find_cluster(std::string_view id) const;
  bool is_default(std::string_view key) const;
};

// Parses and validates a policy. On failure the Problem has code "policy_invalid", facts
// {file, errors: ["file:line: rule: message", …]} and one FieldError per mistake (field = dotted
// key, rule = the rule's code, facts {line, message}); `detail` is the first formatted error.
Result<Policy> parse_policy(std::string_view toml_text, std::string_view file_name);

// The `file:line: rule: message` lines of a policy_invalid Problem.
std::vector<std::string> policy_error_lines(const Problem& problem);

// Reads and parses a file (the only I/O in domain/, kept in policy_file.cpp).
Result<Policy> load_policy_file(const std::string& path);
// The file's text alone, for callers that keep it (a batch stores the policy it runs under).
Result<std::string> read_policy_text(const std::string& path);

}  // namespace iifund::domain
