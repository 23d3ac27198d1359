#pragma once
// What the rules need to know of an applicant beyond its form: its credit code and, from its
// profile's figures, whether it is an SME (unknown until the profile has them).
#include "domain/application_assessment.hpp"
#include "domain/policy.hpp"
#include "store/enterprise_store.hpp"

namespace iifund::service {

domain::ApplicantFacts applicant_facts(const store::EnterpriseRecord& enterprise,
                                       const domain::Policy& policy);

}  // namespace iifund::service
