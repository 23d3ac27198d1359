#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "cli/runtime.hpp"
#include "http/server.hpp"
#include "service/audit_sealer.hpp"
#include "service/authorization.hpp"
#include "service/password_rules.hpp"

namespace iifund::cli {

namespace {

// A test-only switch that turns one scope check off, so the authorization matrix can prove it
// notices a leak. Honoured only when IIFUND_TEST_MODE=1 is also set, and said loudly.
void apply_test_switches() {
  const char* mode = std::getenv("IIFUND_TEST_MODE");
  const char* check = std::getenv("IIFUND_TEST_DISABLE_SCOPE_CHECK");
  if (check == nullptr || *check == '\0') return;
  if (mode == nullptr || std::string(mode) != "1") {
    spdlog::warn("IIFUND_TEST_DISABLE_SCOPE_CHECK ignored: IIFUND_TEST_MODE is not 1");
    return;
  }
  spdlog::warn("TEST MODE: scope check '{}' is DISABLED — never run this in production", check);
  service::disable_scope_check_for_tests(check);
}

// A test-only clock read from a file (IIFUND_TEST_CLOCK_FILE), so API tests stand before and
// after a deadline without waiting. Honoured only with IIFUND_TEST_MODE=1, and said loudly.
const service::Clock* test_clock() {
  const char* mode = std::getenv("IIFUND_TEST_MODE");
  const char* path = std::getenv("IIFUND_TEST_CLOCK_FILE");
  if (path == nullptr || *path == '\0' || mode == nullptr || std::string(mode) != "1") return nullptr;
  spdlog::warn("TEST MODE: the server's clock is read from {} — never run this in production", path);
  static const service::FileClock clock(path);
  return &clock;
}

service::AccountSettings account_settings(const Config& config) {
  service::AccountSettings settings;
  settings.session.idle = std::chrono::minutes(config.session_idle_minutes);
  settings.session.absolute = std::chrono::hours(config.session_absolute_hours);
  return settings;
}

}  // namespace

void add_serve_command(CLI::App& app, CommandContext& ctx) {
  auto* command = app.add_subcommand("serve", "Serve the web app and the JSON API");
  command->callback([&ctx] {
    auto runtime = open_runtime(ctx);
    if (!runtime) return;
    auto policy = load_active_policy(runtime->config);
    if (!policy) {
      print_problem(policy.problem());
      ctx.exit_code = 1;
      return;
    }
    std::string dictionary_problem;
    if (!service::password_dictionary_available(dictionary_problem)) {
      std::cerr << "iifund: the password dictionary check does not work (" << dictionary_problem
                << "); install cracklib-runtime so weak passwords are refused\n";
      ctx.exit_code = 1;
      return;
    }
    apply_test_switches();
    http::ServerContext server_context{
        *runtime->database, runtime->config.web_root, IIFUND_VERSION, policy->id, {}, {}, {}, {}};
    for (const auto& county : policy->counties) server_context.county_codes.push_back(county.division_code);
    server_context.accounts = account_settings(runtime->config);
    server_context.policy = &policy.value();
    server_context.trusted_proxies = runtime->config.trusted_proxies;
    if (const auto* clock = test_clock()) server_context.clock = clock;
    http::ServerOptions options;
    options.address = runtime->config.listen_address;
    options.port = runtime->config.listen_port;
    options.threads = runtime->config.threads;
    service::AuditSealer sealer(*runtime->database, std::chrono::seconds(1));
    ctx.exit_code = http::run_server(server_context, options);
  });
}

}  // namespace iifund::cli
