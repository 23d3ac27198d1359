#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/runtime.hpp"
#include "http/server.hpp"

namespace iifund::cli {

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
    http::ServerContext server_context{
        *runtime->database, runtime->config.web_root, IIFUND_VERSION, policy->id, {}};
    http::ServerOptions options;
    options.address = runtime->config.listen_address;
    options.port = runtime->config.listen_port;
    options.threads = runtime->config.threads;
    ctx.exit_code = http::run_server(server_context, options);
  });
}

}  // namespace iifund::cli
