// `iifund user add | disable | enable | reset-password`: account administration from the
// operator's shell, audited as actor "cli", through the same use cases as the web.
#include <iostream>

#include "cli/runtime.hpp"
#include "service/accounts.hpp"
#include "service/passwords.hpp"

namespace iifund::cli {

namespace {

struct UserOptions {
  service::NewUser user;
  std::string county;
  long long enterprise_id = 0;
  long long expert_id = 0;
  std::string password;
  std::string target;  // username for disable / enable / reset-password
};

bool fail(CommandContext& ctx, const domain::Problem& problem) {
  if (!problem.fields.empty()) {
    for (const auto& field : problem.fields)
      std::cerr << "iifund: " << field.field << ": " << field.rule << "\n";
  } else {
    print_problem(problem);
  }
  ctx.exit_code = 1;
  return false;
}

void run_add(CommandContext& ctx, UserOptions& options) {
  auto runtime = open_runtime(ctx);
  if (!runtime) return;
  auto policy = load_active_policy(runtime->config);
  if (!policy) return (void)fail(ctx, policy.problem());
  std::vector<std::string> counties;
  for (const auto& county : policy->counties) counties.push_back(county.division_code);
  if (!options.county.empty()) options.user.county_code = options.county;
  if (options.enterprise_id > 0) options.user.enterprise_id = options.enterprise_id;
  if (options.expert_id > 0) options.user.expert_id = options.expert_id;
  if (!options.password.empty()) options.user.password = options.password;
  auto created = service::create_user(*runtime->database, service::system_clock(),
                                      service::command_line_caller(), counties, options.user);
  if (!created) return (void)fail(ctx, created.problem());
  std::cout << "user " << created->user.username << " (" << created->user.role << ") created, id "
            << created->user.id << "\n";
  if (created->expert_id) std::cout << "linked to expert pool record " << *created->expert_id << "\n";
  if (created->temporary_password) {
    std::cout << "temporary password (must be changed at first sign-in): " << *created->temporary_password
              << "\n";
  }
}

void run_on_user(CommandContext& ctx, const std::string& username, const std::string& action) {
  auto runtime = open_runtime(ctx);
  if (!runtime) return;
  auto& db = *runtime->database;
  auto user = service::user_by_name(db, username);
  if (!user) return (void)fail(ctx, user.problem());
  auto caller = service::command_line_caller();
  if (action == "reset-password") {
    auto temporary = service::reset_password(db, service::system_clock(), caller, user->id);
    if (!temporary) return (void)fail(ctx, temporary.problem());
    std::cout << "temporary password for " << username
              << " (must be changed at next sign-in): " << temporary.value() << "\n";
    return;
  }
  auto done = service::set_user_enabled(db, service::system_clock(), caller, user->id, action == "enable");
  if (!done) return (void)fail(ctx, done.problem());
  std::cout << "user " << username << " " << (action == "enable" ? "enabled" : "disabled") << "\n";
}

}  // namespace

void add_user_command(CLI::App& app, CommandContext& ctx) {
  auto* command = app.add_subcommand("user", "Manage accounts: add, disable, enable, reset-password");
  command->require_subcommand(1);
  auto options = std::make_shared<UserOptions>();
  auto* add =
      command->add_subcommand("add", "Create an account (prints a temporary password unless --password)");
  add->add_option("--username", options->user.username, "Sign-in name")->required();
  add->add_option("--display-name", options->user.display_name, "Name shown to others")->required();
  add->add_option("--role", options->user.role, "enterprise|county|organizer|expert|bureau|admin")
      ->required();
  add->add_option("--county", options->county, "County division code (county officers)");
  add->add_option("--enterprise-id", options->enterprise_id, "Enterprise id (enterprise staff)");
  add->add_option("--expert", options->expert_id, "Expert pool record to link (experts, 专家库 id)");
  add->add_option("--password", options->password, "Initial password (still must be changed)");
  add->callback([&ctx, options] { run_add(ctx, *options); });
  const std::pair<const char*, const char*> kActions[] = {
      {"disable", "Disable an account and end its sessions"},
      {"enable", "Enable a disabled account"},
      {"reset-password",
       "Give an account a temporary password (changed at next sign-in); ends its sessions"}};
  for (const auto& [action, description] : kActions) {
    auto* sub = command->add_subcommand(action, description);
    sub->add_option("username", options->target, "Sign-in name")->required();
    sub->callback([&ctx, options, name = std::string(action)] { run_on_user(ctx, options->target, name); });
  }
}

}  // namespace iifund::cli
