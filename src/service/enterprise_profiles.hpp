#pragma once
// 企业档案: viewing an enterprise with its profile (masked for whoever may not see personal data)
// and the enterprise's own staff saving it under optimistic locking, audited in the same
// transaction.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/division_hint.hpp"
#include "domain/enterprise_profile.hpp"
#include "domain/enterprise_size.hpp"
#include "domain/policy.hpp"
#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/enterprise_store.hpp"

namespace iifund::service {

// 企业划型 from the profile's figures under the policy's thresholds.
struct SizeClass {
  domain::EnterpriseSize size = domain::EnterpriseSize::micro;
  std::string basis;  // the rule's citation, from the policy
};

struct EnterpriseProfileView {
  store::EnterpriseRecord enterprise;  // contact_phone masked for callers who may not see it
  domain::EnterpriseProfile profile;   // contact phones and bank account masked likewise
  std::optional<SizeClass> size;       // none until employees and revenue are both given
  std::optional<domain::DivisionHint> division_hint;
  std::vector<domain::IndustryCluster> cluster_options;  // the policy's clusters, for the form
};

// Own staff, its county officer, organizer, bureau; anyone else (or unknown): 404 not_found.
// PIPL masking: phones in full for its own staff and its county officer, the bank account number
// in full for its own staff only. `policy` may be null (then no size, no cluster options).
domain::Result<EnterpriseProfileView> view_enterprise_profile(store::Database& db, const Caller& caller,
                                                              const domain::Policy* policy, long long id);

// `body` is the profile object with `version`. Only the enterprise's own staff (administrator or
// applicant): others 404. Refusals: 422 validation_failed (one entry per bad field, nothing
// saved), 409 stale_version with facts {current_version} when someone saved first.
domain::Result<EnterpriseProfileView> update_enterprise_profile(store::Database& db, const Clock& clock,
                                                                const Caller& caller,
                                                                const domain::Policy* policy, long long id,
                                                                const nlohmann::json& body);

}  // namespace iifund::service
