#include "domain/subsidy.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>

namespace iifund::domain {

std::string_view to_string(BoundBy bound_by) {
  switch (bound_by) {
    case BoundBy::requested:
      return "requested";
    case BoundBy::rate:
      return "rate";
    case BoundBy::project_cap:
      return "project_cap";
    case BoundBy::enterprise_cap:
      return "enterprise_cap";
    case BoundBy::cluster_cap:
      return "cluster_cap";
    case BoundBy::not_eligible:
      return "not_eligible";
  }
  return "unknown";
}

std::string_view to_string(ExclusionReason reason) {
  return reason == ExclusionReason::type_not_eligible ? "type_not_eligible" : "counted_twice";
}

std::string_view to_string(IneligibleReason reason) {
  switch (reason) {
    case IneligibleReason::none:
      return "none";
    case IneligibleReason::training_events_below_minimum:
      return "training_events_below_minimum";
    case IneligibleReason::trainees_below_minimum:
      return "trainees_below_minimum";
    case IneligibleReason::training_plan_missing:
      return "training_plan_missing";
    case IneligibleReason::not_sme:
      return "not_sme";
  }
  return "unknown";
}

EligibleInvestment eligible_investment(const CategoryPolicy& category, InvestmentBasis basis,
                                       std::span<const Invoice> invoices) {
  EligibleInvestment out;
  std::set<std::string> seen;
  for (const auto& invoice : invoices) {
    const std::string key = invoice_key(invoice);
    if (!seen.insert(key).second) {
      out.excluded.push_back({key, ExclusionReason::counted_twice});
      continue;
    }
    if (!category.counts_investment_type(invoice.investment_type)) {
      out.excluded.push_back({key, ExclusionReason::type_not_eligible});
      continue;
    }
    const Money amount = std::max(counted_amount(invoice, basis), Money{});
    out.total =
        checked_add(out.total, amount).value_or(Money::from_fen(std::numeric_limits<std::int64_t>::max()));
  }
  return out;
}

namespace {

IneligibleReason why_not_eligible(const CategoryPolicy& category, const SubsidyRequest& request) {
  if (category.requires_sme && !request.applicant_is_sme) return IneligibleReason::not_sme;
  if (!category.training) return IneligibleReason::none;
  if (!request.training) return IneligibleReason::training_plan_missing;
  if (request.training->events < category.training->events)
    return IneligibleReason::training_events_below_minimum;
  if (request.training->trainees < category.training->trainees)
    return IneligibleReason::trainees_below_minimum;
  return IneligibleReason::none;
}

}  // namespace

Subsidy compute_subsidy(const CategoryPolicy& category, const SubsidyRequest& request) {
  Subsidy s;
  s.eligible_investment = request.eligible_investment;
  s.requested = std::max(request.requested, Money{});
  s.rate = category.rate;
  if (category.rate)
    s.rate_limit = apply_rate(std::max(request.eligible_investment, Money{}), *category.rate);

  // Candidates in tie-break order: the first of the smallest wins.
  std::vector<std::pair<Money, BoundBy>> limits;
  if (category.project_cap) limits.emplace_back(*category.project_cap, BoundBy::project_cap);
  if (category.enterprise_cap) limits.emplace_back(*category.enterprise_cap, BoundBy::enterprise_cap);
  for (const auto& [cap, _] : limits) s.cap = s.cap ? std::min(*s.cap, cap) : cap;
  if (s.rate_limit) limits.emplace_back(*s.rate_limit, BoundBy::rate);
  limits.emplace_back(s.requested, BoundBy::requested);
  const auto smallest = std::min_element(limits.begin(), limits.end(),
                                         [](const auto& a, const auto& b) { return a.first < b.first; });
  s.amount = smallest->first;
  s.bound_by = smallest->second;

  s.ineligible = why_not_eligible(category, request);
  if (s.ineligible != IneligibleReason::none) {
    s.amount = Money{};
    s.bound_by = BoundBy::not_eligible;
  }
  return s;
}

std::vector<Money> apply_cluster_cap(std::span<const Money> amounts, Money cap) {
  std::vector<Money> out(amounts.begin(), amounts.end());
  __int128 sum = 0;
  for (Money m : amounts) sum += m.fen();
  if (sum <= cap.fen()) return out;

  std::vector<__int128> remainders(amounts.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const __int128 scaled = static_cast<__int128>(amounts[i].fen()) * cap.fen();
    out[i] = Money::from_fen(static_cast<std::int64_t>(scaled / sum));
    remainders[i] = scaled % sum;
    given += out[i].fen();
  }
  std::vector<std::size_t> order(amounts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  // The leftover equals the sum of the fractional parts, so it is less than the number of members
  // with a non-zero remainder: only those receive a fen, and none exceeds its unscaled amount.
  for (std::int64_t left = cap.fen() - given, k = 0; left > 0; --left, ++k) out[order[k]] += fen(1);
  return out;
}

ClusterSubsidy compute_cluster_subsidy(const CategoryPolicy& category,
                                       std::span<const ClusterMember> members) {
  ClusterSubsidy out;
  out.cluster_cap = category.cluster_cap;
  std::vector<Money> amounts;
  for (const auto& m : members) {
    out.members.push_back(compute_subsidy(category, m.request));
    amounts.push_back(out.members.back().amount);
    out.members_total += amounts.back();  // each ≤ its cap, so no overflow for realistic sizes
  }
  out.total = out.members_total;
  if (!category.cluster_cap || out.members_total <= *category.cluster_cap) return out;

  out.scaled = true;
  const std::vector<Money> scaled = apply_cluster_cap(amounts, *category.cluster_cap);
  out.total = Money{};
  for (std::size_t i = 0; i < scaled.size(); ++i) {
    Subsidy& s = out.members[i];
    s.before_cluster_cap = s.amount;
    if (scaled[i] < s.amount) s.bound_by = BoundBy::cluster_cap;
    s.amount = scaled[i];
    out.total += s.amount;
  }
  return out;
}

}  // namespace iifund::domain
