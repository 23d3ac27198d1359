// `iifund routes`: the route table as "METHOD PATH ACCESS" lines. The authorization matrix test
// reads the METHOD PATH pairs to find routes its hand-written expectations lack.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "http/routes.hpp"

namespace iifund::cli {

void add_routes_command(CLI::App& app, CommandContext&) {
  auto* command = app.add_subcommand("routes", "Print the API route table: METHOD PATH ACCESS");
  command->callback([] {
    for (const auto& route : http::route_table()) {
      std::cout << fmt::format("{:<7} {:<36} {}\n", http::method_name(route.method), route.pattern,
                               http::access_name(route.access));
    }
  });
}

}  // namespace iifund::cli
