// `iifund demo`: the clearly labelled demo data set — one account per role, printed, so a
// newcomer can sign in as anyone. Running it again refreshes the demo rows and touches nothing else.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/runtime.hpp"
#include "domain/time.hpp"
#include "service/demo_batch.hpp"
#include "service/password_hasher.hpp"
#include "store/audit_log.hpp"
#include "store/batch_store.hpp"
#include "store/timestamps.hpp"
#include "store/user_store.hpp"

namespace iifund::cli {

namespace {

struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* role;
  const char* county_code;  // nullptr unless a county officer
  const char* password;
};

// Labelled DEMO everywhere a person can see them; their passwords are public by design.
const DemoAccount kDemoAccounts[] = {
    {"demo-enterprise", "【演示】江门示例科技有限公司 管理员", "enterprise", nullptr, "demo-enterprise-2022"},
    {"demo-county", "【演示】蓬江区工信局 审核员", "county", "440703", "demo-county-2022"},
    {"demo-organizer", "【演示】数字江门 工作人员", "organizer", nullptr, "demo-organizer-2022"},
    {"demo-expert", "【演示】评审专家", "expert", nullptr, "demo-expert-2022"},
    {"demo-bureau", "【演示】市工信局 领导", "bureau", nullptr, "demo-bureau-2022"},
    {"demo-admin", "【演示】系统管理员", "admin", nullptr, "demo-admin-2022"},
};

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

store::BatchRecord batch_record(const domain::Policy& policy, std::string toml_text, bool is_demo) {
  store::BatchRecord batch;
  batch.code = policy.id;
  batch.name_zh = policy.name.zh;
  batch.name_en = policy.name.en;
  batch.policy_toml = std::move(toml_text);
  batch.is_demo = is_demo;
  if (policy.window_opens) batch.opens_at = store::format_utc_iso(*policy.window_opens);
  batch.closes_at = store::format_utc_iso(policy.window_closes);
  return batch;
}

// The shipped batch as it is, and its demo twin with an open window.
domain::Result<std::vector<store::BatchRecord>> demo_batches(const std::string& policy_file,
                                                             domain::Instant now) {
  auto shipped = domain::load_policy_file(policy_file);
  if (!shipped) return shipped.take_problem();
  std::string shipped_text = read_text_file(policy_file);
  auto demo_text = service::make_demo_policy_text(shipped_text, now);
  if (!demo_text) return demo_text.take_problem();
  auto demo = domain::parse_policy(demo_text.value(), "demo");
  if (!demo) return demo.take_problem();
  return std::vector<store::BatchRecord>{batch_record(shipped.value(), shipped_text, false),
                                         batch_record(demo.value(), demo_text.value(), true)};
}

}  // namespace

void print_demo_accounts(std::ostream& out) {
  out << "演示账号 / demo accounts (DEMO DATA — not for production):\n";
  for (const auto& account : kDemoAccounts) {
    out << fmt::format("  {:<10} {:<16} password: {}\n", account.role, account.username, account.password);
  }
}

void add_demo_command(CLI::App& app, CommandContext& ctx) {
  auto* command =
      app.add_subcommand("demo", "Load the labelled demo data set (demo batch and one account per role)");
  command->callback([&ctx] {
    auto runtime = open_runtime(ctx);
    if (!runtime) return;
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto batches = demo_batches(runtime->config.policy_file, now);
    if (!batches) {
      print_problem(batches.problem());
      ctx.exit_code = 1;
      return;
    }
    // Hash outside the transaction: Argon2id takes ~80 ms each and must not hold the writer lock.
    std::vector<store::UserRecord> users;
    for (const auto& account : kDemoAccounts) {
      store::UserRecord user;
      user.username = account.username;
      user.display_name = account.display_name;
      user.role = account.role;
      if (account.county_code) user.county_code = account.county_code;
      user.password_hash = service::hash_password(account.password);
      users.push_back(std::move(user));
    }
    auto stamp = store::format_utc_iso(now);
    domain::Status saved = runtime->database->write([&](soci::session& sql) -> domain::Status {
      for (const auto& batch : batches.value()) {
        if (auto id = store::save_batch(sql, batch, stamp); !id) return id.take_problem();
      }
      for (const auto& user : users) {
        if (auto id = store::save_demo_user(sql, user, stamp); !id) return id.take_problem();
      }
      store::append_audit(sql, {stamp, "cli", "demo.load", "demo", R"({"batches":2,"accounts":6})"});
      return domain::Ok{};
    });
    if (!saved) {
      print_problem(saved.problem());
      ctx.exit_code = 1;
      return;
    }
    std::cout << "demo data loaded into " << store::backend_name(runtime->database->backend()) << ":\n";
    for (const auto& batch : batches.value()) {
      std::cout << "  batch " << batch.code << "  " << batch.name_zh << "  closes " << batch.closes_at
                << " (UTC)\n";
    }
    print_demo_accounts(std::cout);
  });
}

}  // namespace iifund::cli
