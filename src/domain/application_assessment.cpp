#include "domain/application_assessment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace iifund::domain {

namespace {

// Asking for "everything" shows which rule is the real limit.
constexpr Money kUnbounded = Money::from_fen(std::numeric_limits<std::int64_t>::max() / 4);

// The credit code whose invoices a line must carry: the member's in a cluster, else the applicant's.
std::string buyer_of(const CategoryPolicy& category, const InvestmentLine& line,
                     const ApplicantFacts& applicant) {
  return category.kind == CategoryKind::cluster ? line.member_credit_code : applicant.credit_code;
}

// The lines that count, per buyer, and why the others do not.
struct CountedLines {
  std::map<std::string, std::vector<Invoice>> by_buyer;  // buyer credit code → invoices
  std::vector<LineExclusion> excluded;
};

CountedLines count_lines(const CategoryPolicy& category, const ApplicationForm& form,
                         const ApplicantFacts& applicant) {
  CountedLines counted;
  std::set<std::string> members;
  if (form.cluster) {
    for (const auto& member : form.cluster->members) members.insert(member.credit_code);
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < form.investment_lines.size(); ++i) {
    const auto& line = form.investment_lines[i];
    const std::string buyer = buyer_of(category, line, applicant);
    Invoice invoice = to_invoice(line);
    std::string reason;
    if (category.kind == CategoryKind::cluster && members.count(buyer) == 0) {
      reason = "member_unknown";
    } else if (!validate_invoice(invoice, buyer)) {
      reason = "invoice_invalid";
    } else if (!category.counts_investment_type(line.type)) {
      reason = "type_not_eligible";
    } else if (!seen.insert(invoice_key(invoice)).second) {
      reason = "counted_twice";
    }
    if (reason.empty()) {
      counted.by_buyer[buyer].push_back(std::move(invoice));
    } else {
      counted.excluded.push_back(LineExclusion{i, reason});
    }
  }
  return counted;
}

Money eligible_of(const CategoryPolicy& category, InvestmentBasis basis,
                  const std::vector<Invoice>& invoices) {
  return eligible_investment(category, basis, invoices).total;
}

void compute_cluster(const Policy& policy, const CategoryPolicy& category, const ApplicationForm& form,
                     const CountedLines& counted, ApplicationComputation& result) {
  std::vector<ClusterMember> members;
  if (form.cluster) {
    for (const auto& member : form.cluster->members) {
      auto found = counted.by_buyer.find(member.credit_code);
      Money eligible = found == counted.by_buyer.end()
                           ? Money{}
                           : eligible_of(category, policy.investment_basis, found->second);
      members.push_back(ClusterMember{member.credit_code, SubsidyRequest{eligible, kUnbounded, {}, true}});
    }
  }
  ClusterSubsidy cluster = compute_cluster_subsidy(category, members);
  result.cluster_cap = cluster.cluster_cap;
  result.members_total = cluster.members_total;
  result.cluster_scaled = cluster.scaled;
  for (std::size_t i = 0; i < members.size(); ++i) {
    result.eligible_investment += members[i].request.eligible_investment;
    result.members.push_back(
        MemberComputation{members[i].credit_code, cluster.members[i], cluster.members[i].amount});
  }
  result.maximum = cluster.total;
  result.maximum_bound_by = cluster.scaled ? BoundBy::cluster_cap : BoundBy::not_eligible;
  for (const auto& member : cluster.members) {
    if (!cluster.scaled && member.amount.fen() > 0) {
      result.maximum_bound_by = member.bound_by;
      break;
    }
  }
  result.cap = category.enterprise_cap;
}

void compute_single(const Policy& policy, const CategoryPolicy& category, const ApplicationForm& form,
                    const ApplicantFacts& applicant, const CountedLines& counted,
                    ApplicationComputation& result) {
  auto found = counted.by_buyer.find(applicant.credit_code);
  if (found != counted.by_buyer.end()) {
    result.eligible_investment = eligible_of(category, policy.investment_basis, found->second);
  }
  SubsidyRequest request{result.eligible_investment, kUnbounded, std::nullopt,
                         applicant.is_sme.value_or(true)};
  if (category.kind == CategoryKind::training) {
    TrainingPlan plan;
    plan.events = static_cast<int>(form.training_events.size());
    for (const auto& event : form.training_events) plan.trainees += event.planned_trainees;
    request.training = plan;
    result.training = plan;
  }
  Subsidy most = compute_subsidy(category, request);
  result.maximum = most.amount;
  result.maximum_bound_by = most.bound_by;
  result.rate = most.rate;
  result.rate_limit = most.rate_limit;
  result.cap = most.cap;
  result.ineligible = most.ineligible;
}

}  // namespace

ApplicationComputation compute_application(const Policy& policy, const CategoryPolicy& category,
                                           const ApplicationForm& form, const ApplicantFacts& applicant) {
  ApplicationComputation result;
  result.requested = form.requested;
  CountedLines counted = count_lines(category, form, applicant);
  result.excluded = counted.excluded;
  if (category.kind == CategoryKind::cluster) {
    compute_cluster(policy, category, form, counted, result);
  } else {
    compute_single(policy, category, form, applicant, counted, result);
  }
  // Asking for no more than the rules allow: the request binds (a tie names the rule).
  if (result.requested < result.maximum) {
    result.amount = result.requested;
    result.bound_by = BoundBy::requested;
  } else {
    result.amount = result.maximum;
    result.bound_by = result.maximum_bound_by;
  }
  return result;
}

SubsidyExplanation explain_computation(const ApplicationComputation& c) {
  const std::string eligible = format_yuan(c.eligible_investment);
  const std::string most = format_yuan(c.maximum);
  std::string zh = fmt::format("可计补贴投入 {} 元", eligible);
  std::string en = fmt::format("Eligible investment {} yuan", eligible);
  if (c.rate && c.rate_limit) {
    const double percent = c.rate->value / 100.0;
    zh += fmt::format("，按 {:g}% 计为 {} 元", percent, format_yuan(*c.rate_limit));
    en += fmt::format(", at {:g}% that is {} yuan", percent, format_yuan(*c.rate_limit));
  }
  switch (c.maximum_bound_by) {
    case BoundBy::project_cap:
      zh += fmt::format("，受单个项目上限 {} 元约束", format_yuan(c.cap.value_or(Money{})));
      en += fmt::format(", limited by the per-project cap of {} yuan", format_yuan(c.cap.value_or(Money{})));
      break;
    case BoundBy::enterprise_cap:
      zh += fmt::format("，受单个企业上限 {} 元约束", format_yuan(c.cap.value_or(Money{})));
      en +=
          fmt::format(", limited by the per-enterprise cap of {} yuan", format_yuan(c.cap.value_or(Money{})));
      break;
    case BoundBy::cluster_cap:
      zh += fmt::format("，成员合计 {} 元超过集群上限 {} 元，按比例核减", format_yuan(c.members_total),
                        format_yuan(c.cluster_cap.value_or(Money{})));
      en += fmt::format(", the members' {} yuan exceed the cluster cap of {} yuan and are scaled down",
                        format_yuan(c.members_total), format_yuan(c.cluster_cap.value_or(Money{})));
      break;
    case BoundBy::not_eligible:
      zh += fmt::format("，不符合补贴条件（{}）", to_string(c.ineligible));
      en += fmt::format(", not eligible ({})", to_string(c.ineligible));
      break;
    default:
      break;
  }
  zh += fmt::format("；最高可补贴 {} 元", most);
  en += fmt::format("; at most {} yuan", most);
  if (c.bound_by == BoundBy::requested) {
    zh += fmt::format("，按申请金额 {} 元核定。", format_yuan(c.amount));
    en += fmt::format(", computed at the requested {} yuan.", format_yuan(c.amount));
  } else {
    zh += "。";
    en += ".";
  }
  return {zh, en};
}

}  // namespace iifund::domain
