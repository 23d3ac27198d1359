#pragma once
// 专家分配与回避: choosing k experts for every application so that no expert reviews an
// application it has a conflict of interest with (回避), loads stay within each expert's maximum
// and as even as possible, and expertise matches the application's industry or category where it
// can (DOMAIN.md §5).
//
// It is a min-cost flow (LEMON NetworkSimplex): each application supplies k units, each unit goes
// through one conflict-free expert to the sink, or through a "short" arc whose penalty is larger
// than any real assignment could cost, so the solver always finishes and the short units say
// exactly which applications lack experts. An expert's first `fair_share` applications are free
// and each one beyond costs more than the last, so the flow spreads the work.
//
// Large batches do not get the full bipartite graph (it needs ~60 bytes per arc): each application
// keeps arcs only to its cheapest conflict-free candidates plus a few random ones, so a popular
// field's best experts are not the only way out; applications left short are re-solved with every
// eligible expert. The result says whether pruning was used.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace iifund::domain {

// 回避: why an expert must not review an application.
enum class ConflictReason { same_employer, declared, same_county };
inline constexpr int kConflictReasonCount = 3;

struct ApplicationForReview {
  std::string id;
  std::string category;    // e.g. "1"; matched against the expert's fields
  std::string industry;    // industry or cluster, e.g. "智能家电"; a closer match than the category
  std::string county;      // GB/T 2260 division code of the applicant
  std::string enterprise;  // the applicant's unified social credit code
};

struct Expert {
  std::string id;
  std::vector<std::string> fields;    // categories and industries the expert reviews
  std::string employer;               // employer's unified social credit code
  std::string county;                 // where the expert works
  std::vector<std::string> declared;  // declared conflicts: enterprise codes or application ids
  int max_load = 0;
};

struct AssignmentOptions {
  int experts_per_application = 5;  // k
  bool avoid_same_county = true;
  // Pruning: used when applications × experts exceeds `full_graph_max_pairs`.
  std::int64_t full_graph_max_pairs = 2'000'000;
  int candidate_limit = 40;   // cheapest conflict-free experts kept per application
  int extra_candidates = 10;  // plus this many random conflict-free experts
  std::uint64_t seed = 1;     // pruning's random choices; the same seed gives the same result
  // Costs: expertise first, then balance.
  int cost_industry_match = 0;
  int cost_category_match = 10;
  int cost_no_match = 30;
  int cost_overload_step = 2;  // the j-th application above fair share costs j × this
};

enum class ShortageReason {
  not_enough_eligible_experts,  // fewer than k conflict-free experts with any capacity
  eligible_experts_at_max_load  // enough exist, but their loads are taken by other applications
};

struct Shortage {
  std::string application_id;
  int needed = 0;
  int assigned = 0;
  int eligible = 0;  // conflict-free experts in the whole pool with max_load > 0
  std::array<int, kConflictReasonCount> excluded_by{};  // experts excluded, by reason
  int without_capacity = 0;                             // conflict-free experts with max_load 0
  ShortageReason reason = ShortageReason::not_enough_eligible_experts;
};

struct ApplicationAssignment {
  std::string application_id;
  std::vector<std::string> experts;  // expert ids, cheapest first
};

struct ExpertLoad {
  std::string expert_id;
  int load = 0;
  int max_load = 0;
};

struct Assignment {
  std::vector<ApplicationAssignment> applications;  // in input order
  std::vector<ExpertLoad> loads;                    // in input order
  std::vector<Shortage> shortages;                  // empty when every application has k experts
  int fair_share = 0;  // applications an expert takes before overload costs start
  std::int64_t expertise_cost = 0;
  std::int64_t load_cost = 0;
  int industry_matches = 0;
  int category_matches = 0;
  int unmatched = 0;
  bool pruned = false;
  std::int64_t candidate_arcs = 0;
  // Conflicted pairs the search met and skipped, by reason (all pairs when not pruned).
  std::array<std::int64_t, kConflictReasonCount> conflicts_avoided{};
};

// The first reason (in enum order) the expert must not review the application, if any.
std::optional<ConflictReason> conflict_between(const ApplicationForReview& application, const Expert& expert,
                                               bool avoid_same_county);

// Expertise cost of one pair: industry match, category match, or neither.
int expertise_cost(const ApplicationForReview& application, const Expert& expert,
                   const AssignmentOptions& options);

// Cost of the j-th application (1-based) an expert takes: 0 up to fair share, then rising.
std::int64_t marginal_load_cost(int j, int fair_share, const AssignmentOptions& options);

Result<Assignment> assign_experts(std::span<const ApplicationForReview> applications,
                                  std::span<const Expert> experts, const AssignmentOptions& options);

struct Replacement {
  Assignment assignment;
  std::string application_id;
  std::string removed;
  std::string added;
};

// A late conflict or withdrawal: swaps one expert on one application for the cheapest eligible
// one with spare load, leaving every other slot as it was. The removed expert is never chosen
// again for that application.
Result<Replacement> replace_expert(std::span<const ApplicationForReview> applications,
                                   std::span<const Expert> experts, const Assignment& current,
                                   const std::string& application_id, const std::string& expert_id,
                                   const AssignmentOptions& options);

const char* to_string(ConflictReason reason);
const char* to_string(ShortageReason reason);

}  // namespace iifund::domain
