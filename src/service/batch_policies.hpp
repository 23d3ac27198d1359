#pragma once
// A batch and the policy it runs under. Parsing a policy file takes longer than answering most
// requests, so each policy text is parsed once per process and shared; a batch whose text changes
// (a re-run of `demo`) is parsed again because the cache is keyed by the text itself.
#include <memory>

#include "domain/policy.hpp"
#include "domain/result.hpp"
#include "store/batch_store.hpp"

namespace iifund::service {

struct BatchPolicy {
  store::BatchRecord batch;
  std::shared_ptr<const domain::Policy> policy;
  domain::Instant closes;  // exclusive
  std::optional<domain::Instant> opens;
};

// 404 not_found for an unknown batch; 500-free: a stored policy that no longer parses answers
// 503 batch_policy_invalid naming the batch.
domain::Result<BatchPolicy> load_batch_policy(soci::session& sql, long long batch_id);

}  // namespace iifund::service
