#include "service/batch_policies.hpp"

#include <map>
#include <mutex>

#include "domain/time.hpp"

namespace iifund::service {

namespace {

std::mutex cache_mutex;
std::map<std::string, std::shared_ptr<const domain::Policy>, std::less<>> parsed_policies;

domain::Result<std::shared_ptr<const domain::Policy>> parse_cached(const store::BatchRecord& batch) {
  std::lock_guard lock(cache_mutex);
  if (auto found = parsed_policies.find(batch.policy_toml); found != parsed_policies.end())
    return found->second;
  auto parsed = domain::parse_policy(batch.policy_toml, batch.code + ".toml");
  if (!parsed) {
    return domain::make_problem("batch_policy_invalid", 503, {{"batch", batch.code}});
  }
  auto shared = std::make_shared<const domain::Policy>(std::move(parsed.value()));
  parsed_policies.emplace(batch.policy_toml, shared);
  return shared;
}

}  // namespace

domain::Result<BatchPolicy> load_batch_policy(soci::session& sql, long long batch_id) {
  auto batch = store::find_batch(sql, batch_id);
  if (!batch) return domain::make_problem("not_found", 404);
  auto policy = parse_cached(*batch);
  if (!policy) return policy.take_problem();
  auto closes = domain::parse_instant(batch->closes_at);
  if (!closes) return domain::make_problem("batch_policy_invalid", 503, {{"batch", batch->code}});
  BatchPolicy loaded{std::move(*batch), std::move(policy.value()), closes.value(), std::nullopt};
  if (loaded.batch.opens_at) {
    if (auto opens = domain::parse_instant(*loaded.batch.opens_at)) loaded.opens = opens.value();
  }
  return loaded;
}

}  // namespace iifund::service
