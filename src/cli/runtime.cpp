#include "cli/runtime.hpp"

#include <filesystem>
#include <iostream>

#include "store/migrations.hpp"

namespace iifund::cli {

void print_problem(const domain::Problem& problem) {
  if (problem.code == "policy_invalid") {
    for (const auto& line : domain::policy_error_lines(problem)) std::cerr << line << "\n";
  } else if (problem.facts.contains("message")) {
    std::cerr << "iifund: " << problem.facts["message"].get<std::string>() << "\n";
  } else {
    std::cerr << "iifund: " << problem.code << ": " << problem.facts.dump() << "\n";
  }
}

domain::Result<domain::Policy> load_active_policy(const Config& config) {
  return domain::load_policy_file(config.policy_file);
}

std::optional<Runtime> open_runtime(CommandContext& ctx) {
  auto config = load_config(ctx.config_path);
  if (!config) {
    print_problem(config.problem());
    ctx.exit_code = 2;
    return std::nullopt;
  }
  std::error_code error;
  std::filesystem::create_directories(config->data_dir, error);
  if (error) {
    std::cerr << "iifund: data_dir '" << config->data_dir << "': " << error.message() << "\n";
    ctx.exit_code = 2;
    return std::nullopt;
  }
  auto database = store::Database::open(config->effective_database_url(), config->database_pool);
  if (!database) {
    print_problem(database.problem());
    ctx.exit_code = database.problem().code == "database_url_invalid" ? 2 : 1;
    return std::nullopt;
  }
  auto migrated = store::apply_migrations(*database.value());
  if (!migrated) {
    print_problem(migrated.problem());
    ctx.exit_code = 1;
    return std::nullopt;
  }
  return Runtime{std::move(config.value()), std::move(database.value())};
}

}  // namespace iifund::cli
