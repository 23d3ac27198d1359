#pragma once
// Every `iifund` subcommand lives in its own cmd_*.cpp and registers itself here, so main.cpp
// stays a list. A command's callback stores its exit code in `exit_code`: 0 ok, 1 the work
// failed (e.g. an invalid policy, a refused rule), 2 a usage or configuration error.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace iifund::cli {

struct CommandContext {
  std::string config_path;  // --config, global
  int exit_code = 0;
};

void add_serve_command(CLI::App& app, CommandContext& ctx);
void add_migrate_command(CLI::App& app, CommandContext& ctx);
void add_demo_command(CLI::App& app, CommandContext& ctx);
void add_version_command(CLI::App& app, CommandContext& ctx);
void add_user_command(CLI::App& app, CommandContext& ctx);
void add_audit_command(CLI::App& app, CommandContext& ctx);
void add_routes_command(CLI::App& app, CommandContext& ctx);
void print_demo_accounts(std::ostream& out);
// Domain commands (run on files, no server or database needed).
void add_policy_command(CLI::App& app, CommandContext& ctx);
void add_subsidy_command(CLI::App& app, CommandContext& ctx);
void add_uscc_command(CLI::App& app, CommandContext& ctx);
// Review math (assignment, scoring, selection) on files.
void add_assign_command(CLI::App& app, CommandContext& ctx);
// `iifund assign --batch`: the same subcommand on a batch in the database (cmd_assign.cpp).
struct BatchAssignOptions {
  std::string batch;  // id or code
  std::optional<int> category;
  std::optional<std::uint64_t> seed;
  bool preview = false;
};
void add_batch_assign_options(CLI::App* assign, BatchAssignOptions& options);
int run_batch_assign(CommandContext& ctx, const BatchAssignOptions& options);
void add_score_command(CLI::App& app, CommandContext& ctx);
void add_select_command(CLI::App& app, CommandContext& ctx);
// The printed application document (申报书) from a JSON file.
void add_document_command(CLI::App& app, CommandContext& ctx);

}  // namespace iifund::cli
