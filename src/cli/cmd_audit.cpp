// `iifund audit seal | verify`: seal chains the committed, unsealed audit records (what the
// server's background sealer does); verify walks the chain and exits 1 naming the first broken
// record.
#include <iostream>

#include "cli/runtime.hpp"
#include "store/audit_chain.hpp"

namespace iifund::cli {

namespace {

void run_seal(CommandContext& ctx) {
  auto runtime = open_runtime(ctx);
  if (!runtime) return;
  long long total = 0;
  for (;;) {
    auto sealed = store::seal_audit_records(*runtime->database, 1000);
    if (!sealed) {
      print_problem(sealed.problem());
      ctx.exit_code = 1;
      return;
    }
    total += sealed.value();
    if (sealed.value() < 1000) break;
  }
  std::cout << "sealed " << total << " audit records\n";
}

void run_verify(CommandContext& ctx) {
  auto runtime = open_runtime(ctx);
  if (!runtime) return;
  auto verified = store::verify_audit_chain(*runtime->database);
  if (!verified) {
    print_problem(verified.problem());
    ctx.exit_code = 1;
    return;
  }
  if (!verified->intact) {
    std::cerr << "audit chain BROKEN at record " << *verified->first_broken_id << " (" << verified->reason
              << "); " << verified->sealed << " records before it verified\n";
    ctx.exit_code = 1;
    return;
  }
  std::cout << "audit chain intact: " << verified->sealed << " sealed records verified, "
            << verified->unsealed << " not yet sealed\n";
}

}  // namespace

void add_audit_command(CLI::App& app, CommandContext& ctx) {
  auto* command = app.add_subcommand("audit", "The tamper-evident audit log: seal, verify");
  command->require_subcommand(1);
  command->add_subcommand("seal", "Chain the committed, unsealed audit records")->callback([&ctx] {
    run_seal(ctx);
  });
  command->add_subcommand("verify", "Check the chain; exit 1 naming the first broken record")
      ->callback([&ctx] { run_verify(ctx); });
}

}  // namespace iifund::cli
