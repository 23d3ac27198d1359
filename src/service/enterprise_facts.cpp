#include "service/enterprise_facts.hpp"

#include "domain/enterprise_profile.hpp"
#include "domain/enterprise_size.hpp"

namespace iifund::service {

domain::ApplicantFacts applicant_facts(const store::EnterpriseRecord& enterprise,
                                       const domain::Policy& policy) {
  domain::ApplicantFacts facts;
  facts.credit_code = enterprise.credit_code;
  auto stored = nlohmann::json::parse(enterprise.profile_json, nullptr, false);
  if (stored.is_discarded()) return facts;
  auto profile = domain::profile_from_json(stored).profile;
  if (profile.employees && profile.revenue_fen) {
    auto size = domain::classify_enterprise(policy.sme, static_cast<int>(*profile.employees),
                                            domain::Money::from_fen(*profile.revenue_fen));
    facts.is_sme = domain::is_sme(size);
  }
  return facts;
}

}  // namespace iifund::service
