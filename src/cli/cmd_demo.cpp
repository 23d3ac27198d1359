// `iifund demo`: the clearly labelled demo data set — one account per role, printed, so a
// newcomer can sign in as anyone. Running it again refreshes the demo rows and touches nothing else.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/runtime.hpp"
#include "domain/credit_code.hpp"
#include "domain/time.hpp"
#include "service/batch_policies.hpp"
#include "service/demo_batch.hpp"
#include "service/demo_data.hpp"
#include "service/password_hasher.hpp"
#include "service/portal.hpp"
#include "store/audit_log.hpp"
#include "store/batch_store.hpp"
#include "store/enterprise_store.hpp"
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

// A valid Jiangmen credit code (蓬江区 440703, enterprise 91) built with the domain's own check
// characters, so the demo enterprise passes every rule a real one must.
std::string demo_credit_code(const std::string& organization_stem) {
  std::string code = "91440703" + organization_stem;
  code += *domain::org_code_check_character(organization_stem);
  code += *domain::credit_code_check_character(code);
  return code;
}

// The verified demo enterprise whose administrator is demo-enterprise, and one awaiting its
// county officer's verification (so demo-county has something in its queue).
store::EnterpriseRecord demo_enterprise(const std::string& stem, const std::string& name,
                                        const std::string& contact, const std::string& phone, bool verified) {
  store::EnterpriseRecord enterprise;
  enterprise.credit_code = demo_credit_code(stem);
  enterprise.name = name;
  enterprise.county_code = "440703";
  enterprise.contact_name = contact;
  enterprise.contact_phone = phone;
  enterprise.verified = verified;
  enterprise.is_demo = true;
  return enterprise;
}

std::vector<store::EnterpriseRecord> demo_enterprises() {
  return {
      demo_enterprise("MA4WDE01", "【演示】江门示例科技有限公司", "【演示】张经理", "13800001234", true),
      demo_enterprise("MA4WDE02", "【演示】江门待核实制造有限公司", "【演示】李经理", "13900005678", false)};
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
  auto shipped_text = domain::read_policy_text(policy_file);
  if (!shipped_text) return shipped_text.take_problem();
  auto shipped = domain::parse_policy(shipped_text.value(), policy_file);
  if (!shipped) return shipped.take_problem();
  auto demo = service::make_demo_policy(shipped_text.value(), now);
  if (!demo) return demo.take_problem();
  return std::vector<store::BatchRecord>{batch_record(shipped.value(), shipped_text.value(), false),
                                         batch_record(demo->policy, demo->toml_text, true)};
}

// The published notice's text, kept beside its policy as <policy>.notice.txt; empty when there is
// none (the portal then summarizes the policy).
std::string notice_text_beside(std::string policy_file) {
  if (policy_file.ends_with(".toml")) policy_file.resize(policy_file.size() - 5);
  std::ifstream in(policy_file + ".notice.txt", std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
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
    const std::string applicant_hash = service::hash_password(service::kDemoApplicantPassword);
    const std::string notice = notice_text_beside(runtime->config.policy_file);
    service::DemoReviewData review;
    int portal_pages = 0;
    auto stamp = store::format_utc_iso(now);
    domain::Status saved = runtime->database->write([&](soci::session& sql) -> domain::Status {
      long long demo_batch_id = 0;
      long long shipped_batch_id = 0;
      for (const auto& batch : batches.value()) {
        auto id = store::save_batch(sql, batch, stamp);
        if (!id) return id.take_problem();
        (batch.is_demo ? demo_batch_id : shipped_batch_id) = id.value();
      }
      long long demo_expert_id = 0;
      std::vector<long long> enterprise_ids;
      for (const auto& enterprise : demo_enterprises()) {
        auto id = store::save_demo_enterprise(sql, enterprise, stamp);
        if (!id) return id.take_problem();
        enterprise_ids.push_back(id.value());
      }
      for (auto user : users) {
        if (user.role == "enterprise") {
          user.enterprise_id = enterprise_ids.front();
          user.enterprise_admin = true;
        }
        auto id = store::save_demo_user(sql, user, stamp);
        if (!id) return id.take_problem();
        if (user.role == "expert") demo_expert_id = id.value();
      }
      // The expert pool and the applications waiting for it (专家库与分配).
      auto loaded = service::load_demo_review_data(sql, demo_batch_id, demo_expert_id, applicant_hash, now);
      if (!loaded) return loaded.take_problem();
      review = loaded.value();
      // 门户: the notice, one guide per category and the FAQ, from the shipped policy.
      auto shipped = service::load_batch_policy(sql, shipped_batch_id);
      if (!shipped) return shipped.take_problem();
      auto seeded = service::seed_portal_pages(sql, *shipped->policy, notice, now);
      if (!seeded) return seeded.take_problem();
      portal_pages = seeded.value();
      store::AuditRecord record;
      record.at = stamp;
      record.actor = "cli";
      record.action = "demo.load";
      record.object = "demo";
      record.details_json = nlohmann::json{{"batches", 2},
                                           {"accounts", 6 + review.enterprises},
                                           {"enterprises", 2 + review.enterprises},
                                           {"experts", review.experts},
                                           {"applications_created", review.applications_created}}
                                .dump();
      store::append_audit(sql, record);
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
    std::cout << fmt::format(
        "  【演示】expert pool: {} experts (demo-expert is record {});\n"
        "  {} applicant enterprises with {} demo applications ({} new, formally passed, waiting for "
        "experts)\n"
        "  their administrators demo-applicant-1 … demo-applicant-{}, password: {}\n",
        review.experts, review.demo_expert_record.value_or(0), review.enterprises,
        review.applications_created + review.applications_kept, review.applications_created,
        review.enterprises, service::kDemoApplicantPassword);
    std::cout << fmt::format("  portal (门户): {} pages added (notice, guides, FAQ)\n", portal_pages);
  });
}

}  // namespace iifund::cli
