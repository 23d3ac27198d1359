#pragma once
// What the rules make of a form: the live numbers (eligible investment, the most it can receive
// and the rule that bound it) and every missing or wrong field that stops finalizing (定稿). The
// screen, the PDF and the submission read these; none recomputes them.
#include <optional>
#include <string>
#include <vector>

#include "domain/application_form.hpp"
#include "domain/policy.hpp"
#include "domain/subsidy.hpp"

namespace iifund::domain {

// What is known of the applicant beyond its form.
struct ApplicantFacts {
  std::string credit_code;
  std::optional<bool> is_sme;  // none: the profile lacks the figures
};

struct LineExclusion {
  std::size_t line = 0;  // index into investment_lines
  std::string reason;    // type_not_eligible | counted_twice | invoice_invalid | member_unknown
};

struct MemberComputation {
  std::string credit_code;
  Subsidy subsidy;  // its most; before_cluster_cap holds it before the cluster cap is shared out
  Money amount;     // after the cluster cap
};

struct ApplicationComputation {
  Money eligible_investment;  // all lines that count (all members, in a cluster)
  Money requested;
  Money maximum;  // the most the rules allow, whatever is asked
  BoundBy maximum_bound_by = BoundBy::not_eligible;
  Money amount;  // min(requested, maximum): what the application is computed at
  BoundBy bound_by = BoundBy::not_eligible;
  std::optional<BasisPoints> rate;
  std::optional<Money> rate_limit;
  std::optional<Money> cap;
  IneligibleReason ineligible = IneligibleReason::none;
  std::vector<LineExclusion> excluded;
  std::vector<MemberComputation> members;  // 产业集群试点 only
  std::optional<Money> cluster_cap;
  Money members_total;
  bool cluster_scaled = false;
  std::optional<TrainingPlan> training;
};

ApplicationComputation compute_application(const Policy& policy, const CategoryPolicy& category,
                                           const ApplicationForm& form, const ApplicantFacts& applicant);

// Every reason the form cannot be finalized yet, each with its field path and rule; empty when
// it is complete. Rules: required, direction_unknown, date_syntax, date_order, phone_syntax,
// requested_above_maximum, targets_required, lines_required, investment_type_unknown,
// investment_type_not_eligible, invoice_listed_twice, the invoice rules of invoice.hpp,
// cluster_unknown, credit_code_invalid, members_too_few, member_listed_twice, county_unknown,
// member_unknown, events_required, training_events_below_minimum, trainees_below_minimum, not_sme,
// declaration_required, declaration_unknown.
std::vector<FieldError> check_application_form(const Policy& policy, const CategoryPolicy& category,
                                               const ApplicationForm& form, const ApplicantFacts& applicant,
                                               const ApplicationComputation& computation);

// "why this amount", in words, for the screen and the PDF.
struct SubsidyExplanation {
  std::string zh;
  std::string en;
};
SubsidyExplanation explain_computation(const ApplicationComputation& computation);

}  // namespace iifund::domain
