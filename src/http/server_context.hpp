#pragma once
// What every handler may reach: the database, the served web app, the limits in force, the
// policy's counties, the sign-in settings and the clock.
#include <cstddef>
#include <string>
#include <vector>

#include "domain/policy.hpp"
#include "service/account_settings.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"

namespace iifund::http {

// RESTinio's limits default to unlimited. The hard limits are where RESTinio drops the
// connection; below them the pipeline answers 413/414 itself with a problem+json body.
struct ServerLimits {
  std::size_t max_target_bytes = std::size_t{8} * 1024;
  std::size_t hard_target_bytes = std::size_t{256} * 1024;
  std::size_t max_body_bytes =
      std::size_t{2} * 1024 * 1024;  // an upload chunk is ≤ 1 MiB plus its JSON envelope
  std::size_t max_file_body_bytes = std::size_t{20} * 1024 * 1024;  // a county's sealed letter, one raw file
  std::size_t hard_body_bytes = std::size_t{24} * 1024 * 1024;
  std::size_t max_header_value_bytes = std::size_t{16} * 1024;
  std::size_t max_header_count = 100;
};

struct ServerContext {
  store::Database& database;
  std::string web_root;  // the built web app (web/dist); empty serves no static files
  std::string version;
  std::string active_batch_code;
  ServerLimits limits;
  std::vector<std::string> county_codes;     // the active policy's counties (division codes)
  service::AccountSettings accounts;         // session lifetimes, throttling
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For/-Proto are believed
  const service::Clock* clock = &service::system_clock();
  const domain::Policy* policy = nullptr;  // the active batch's policy (clusters, counties, SME tiers)
};

}  // namespace iifund::http
