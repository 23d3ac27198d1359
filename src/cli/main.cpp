// iifund: one program for the whole special fund — the server, the operator's commands and the
// what-if tools that run on files. Each subcommand is in its own cmd_*.cpp.
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/command.hpp"

int main(int argc, char** argv) {
  using namespace iifund::cli;
  CLI::App app{"iifund — 江门市工业互联网专项资金申报评审系统 / Jiangmen Industrial Internet Special Fund"};
  app.require_subcommand(1);
  CommandContext context;
  app.add_option("--config", context.config_path, "TOML configuration file (or IIFUND_CONFIG)");

  add_serve_command(app, context);
  add_migrate_command(app, context);
  add_demo_command(app, context);
  add_version_command(app, context);
  add_user_command(app, context);
  add_audit_command(app, context);
  add_routes_command(app, context);
  add_policy_command(app, context);
  add_subsidy_command(app, context);
  add_uscc_command(app, context);
  add_assign_command(app, context);
  add_score_command(app, context);
  add_select_command(app, context);
  add_document_command(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    // One line naming the bad option or value; usage errors exit 2.
    std::cerr << "iifund: " << error.what() << " (see iifund --help)\n";
    return 2;
  }
  return context.exit_code;
}
