#pragma once
// What serve, migrate and demo share: the configuration read, the data folder made, the database
// opened and its schema brought up to date. Failures are printed as one line.
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "cli/config.hpp"
#include "domain/policy.hpp"
#include "store/database.hpp"

namespace iifund::cli {

struct Runtime {
  Config config;
  std::unique_ptr<store::Database> database;
};

// nullopt after printing the reason and setting ctx.exit_code (2 for configuration, 1 otherwise).
std::optional<Runtime> open_runtime(CommandContext& ctx);

// Reads and validates the batch policy the server runs under. The server refuses to start on an
// invalid policy; the printed Problem names file, line and rule.
domain::Result<domain::Policy> load_active_policy(const Config& config);

// Prints a Problem from a lower layer as one line: "iifund: code: facts".
void print_problem(const domain::Problem& problem);

}  // namespace iifund::cli
