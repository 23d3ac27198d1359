#pragma once
// 批次: a batch is one call for applications, stored with the policy file it runs under.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "store/database.hpp"

namespace iifund::store {

struct BatchRecord {
  long long id = 0;
  std::string code;  // e.g. "jiangmen-2022-batch2"
  std::string name_zh;
  std::string name_en;
  std::string policy_toml;
  bool is_demo = false;
  std::optional<std::string> opens_at;  // UTC ISO-8601; none: open from publication
  std::string closes_at;                // UTC ISO-8601, exclusive
};

// Inserts the batch, or replaces its policy and window when the code exists (a re-run of `demo`).
domain::Result<long long> save_batch(soci::session& sql, const BatchRecord& batch, const std::string& now);
std::vector<BatchRecord> list_batches(soci::session& sql);                // without the policy text
std::optional<BatchRecord> find_batch(soci::session& sql, long long id);  // with it

}  // namespace iifund::store
