#pragma once
// 演示数据 for the review pipeline: a labelled 【演示】 expert pool over the four categories and
// several counties (employers, a few declared conflicts), demo-expert linked to one member, and a
// handful of demo applications from demo enterprises in different counties — complete forms,
// finalized and frozen as a submission would freeze them, already recommended and formally passed
// in the demo batch, so that `iifund assign --batch <demo batch>` has work to do and can do all of
// it without a conflict.
//
// Running it again refreshes the demo experts and enterprises; a demo application that already
// exists is left in whatever state the pipeline has taken it to.
#include <optional>
#include <string>

#include "domain/policy.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"

namespace iifund::service {

inline constexpr const char* kDemoApplicantPassword = "demo-applicant-2022";

struct DemoReviewData {
  int experts = 0;
  int enterprises = 0;
  int applications_created = 0;
  int applications_kept = 0;
  std::optional<long long> demo_expert_record;  // the pool record demo-expert is linked to
};

// Inside the demo transaction. `applicant_password_hash`: the hash of kDemoApplicantPassword (the
// demo applicant enterprises' administrators sign in with it).
domain::Result<DemoReviewData> load_demo_review_data(soci::session& sql, long long demo_batch_id,
                                                     long long demo_expert_user_id,
                                                     const std::string& applicant_password_hash,
                                                     domain::Instant now);

}  // namespace iifund::service
