#include <iostream>

#include "cli/runtime.hpp"
#include "store/migrations.hpp"

namespace iifund::cli {

void add_migrate_command(CLI::App& app, CommandContext& ctx) {
  auto* command = app.add_subcommand("migrate", "Bring the database schema up to date (also done by serve)");
  command->callback([&ctx] {
    auto runtime = open_runtime(ctx);
    if (!runtime) return;
    auto version = store::current_schema_version(*runtime->database);
    std::cout << "database " << store::backend_name(runtime->database->backend()) << " at schema version "
              << (version ? version.value() : -1) << "\n";
  });
}

}  // namespace iifund::cli
