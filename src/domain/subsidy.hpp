#pragma once
// 补贴金额: what an application may receive, and which rule of the notice bound it, so the UI, the
// PDF, the exports and the selection all print the same reason and none recomputes it.
//   amount = min(requested, floor(eligible investment × rate), caps)
// Ties name the policy's rule before the applicant's own figure: a cap before the rate, the rate
// before the requested amount (someone who asks for exactly the cap is told it is the cap).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/invoice.hpp"
#include "domain/money.hpp"
#include "domain/policy.hpp"

namespace iifund::domain {

enum class BoundBy { requested, rate, project_cap, enterprise_cap, cluster_cap, not_eligible };
std::string_view to_string(BoundBy bound_by);
inline constexpr BoundBy kAllBoundBy[] = {BoundBy::requested,   BoundBy::rate,
                                          BoundBy::project_cap, BoundBy::enterprise_cap,
                                          BoundBy::cluster_cap, BoundBy::not_eligible};

// Why an invoice did not count towards eligible investment.
enum class ExclusionReason { type_not_eligible, counted_twice };
std::string_view to_string(ExclusionReason reason);

struct ExcludedInvoice {
  std::string key;
  ExclusionReason reason;
};

struct EligibleInvestment {
  Money total;  // saturates at the largest Money rather than wrap; caps bind long before
  std::vector<ExcludedInvoice> excluded;
};

// Sums the invoices of one applicant that count: an eligible investment type of the category,
// the batch's basis (with or without tax), each invoice key once (the first occurrence counts).
EligibleInvestment eligible_investment(const CategoryPolicy& category, InvestmentBasis basis,
                                       std::span<const Invoice> invoices);

struct TrainingPlan {  // 人才培养: planned events and trainees
  int events = 0;
  int trainees = 0;
};

struct SubsidyRequest {
  Money eligible_investment;
  Money requested;
  std::optional<TrainingPlan> training;  // required for a training category
  bool applicant_is_sme = true;          // checked where the category requires an SME
};

// Reasons a request is not eligible at all (amount 0, BoundBy::not_eligible).
enum class IneligibleReason {
  none,
  training_events_below_minimum,
  trainees_below_minimum,
  training_plan_missing,
  not_sme
};
std::string_view to_string(IneligibleReason reason);

struct Subsidy {
  Money amount;
  BoundBy bound_by = BoundBy::requested;
  // The intermediate figures, for "why this amount".
  Money eligible_investment;
  Money requested;
  std::optional<BasisPoints> rate;
  std::optional<Money> rate_limit;          // floor(eligible_investment × rate)
  std::optional<Money> cap;                 // the smaller of the project and enterprise caps
  std::optional<Money> before_cluster_cap;  // a cluster member's amount before scaling
  IneligibleReason ineligible = IneligibleReason::none;
};

Subsidy compute_subsidy(const CategoryPolicy& category, const SubsidyRequest& request);

// 产业集群试点: each member computed on its own, then the cluster's total capped.
struct ClusterMember {
  std::string credit_code;
  SubsidyRequest request;
};

struct ClusterSubsidy {
  std::vector<Subsidy> members;  // in the order given
  Money members_total;           // before the cluster cap
  Money total;                   // after; never above the cluster cap
  std::optional<Money> cluster_cap;
  bool scaled = false;
};

ClusterSubsidy compute_cluster_subsidy(const CategoryPolicy& category,
                                       std::span<const ClusterMember> members);

// Scales `amounts` down in proportion so that they sum to exactly `cap` (when they exceed it).
// Each gets floor(amount × cap ÷ sum); the fen left over go one each to the largest remainders,
// ties to the lowest index. No amount grows, and the result sums to `cap` exactly.
std::vector<Money> apply_cluster_cap(std::span<const Money> amounts, Money cap);

}  // namespace iifund::domain
