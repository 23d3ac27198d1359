#include <iostream>

#include "cli/command.hpp"

namespace iifund::cli {

void add_version_command(CLI::App& app, CommandContext&) {
  auto* command = app.add_subcommand("version", "Print the program version");
  command->callback([] { std::cout << "iifund " << IIFUND_VERSION << "\n"; });
}

}  // namespace iifund::cli
