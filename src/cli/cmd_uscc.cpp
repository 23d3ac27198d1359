// `iifund uscc CODE`: checks a Unified Social Credit Code (统一社会信用代码) and shows its parts;
// a malformed code names the rule it fails and exits 1. The division code is named as a county
// when the batch policy (default policies/jiangmen-2022-batch2.toml) lists it.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "domain/credit_code.hpp"
#include "domain/policy.hpp"

namespace iifund::cli {

namespace {

namespace d = iifund::domain;

struct UsccOptions {
  std::string code;
  std::string policy_path = "policies/jiangmen-2022-batch2.toml";
};

std::string_view rule_explained(std::string_view rule) {
  if (rule == "length") return "must be 18 characters 长度应为18位";
  if (rule == "alphabet") return "only 0-9 and A-Y without I, O, S, V, Z 含非法字符";
  if (rule == "authority") return "position 1 is not a registering authority 登记管理部门代码错误";
  if (rule == "entity_type") return "position 2 is not a kind of entity of that authority 机构类别代码错误";
  if (rule == "division_code") return "positions 3-8 must be a six-digit division code 行政区划码错误";
  if (rule == "org_code_check")
    return "position 17 is not the organization code's check (GB 11714) 组织机构代码校验码错误";
  if (rule == "check_character") return "position 18 is not the check character (GB 32100) 校验码错误";
  return "";
}

std::string division_name(const std::string& division, const std::string& policy_path) {
  auto policy = d::load_policy_file(policy_path);
  if (!policy.ok()) return "(policy not read; county unknown)";
  if (const d::County* county = policy->find_county(division))
    return fmt::format("{} {} ({})", county->name.zh, county->name.en, policy->city.zh);
  if (division == policy->city_division_code)
    return fmt::format("{} {} (city level 市本级)", policy->city.zh, policy->city.en);
  return fmt::format("not one of {}'s counties 非{}辖区", policy->city.en, policy->city.zh);
}

void run(const UsccOptions& o, CommandContext& ctx) {
  auto parsed = d::parse_credit_code(o.code);
  if (!parsed.ok()) {
    const auto& facts = parsed.problem().facts;
    const std::string rule = facts.at("rule").get<std::string>();
    std::cout << fmt::format("{}: invalid 无效 — rule {}: {}\n", o.code, rule, rule_explained(rule));
    if (facts.contains("position")) {
      const std::string expected = facts.at("expected").get<std::string>();
      std::cout << fmt::format("  position {}: found \"{}\", expected {}{}\n", facts.at("position").dump(),
                               facts.at("found").get<std::string>(), expected.size() > 1 ? "one of " : "",
                               expected);
    } else if (facts.contains("found"))
      std::cout << fmt::format("  found {} characters, expected {}\n", facts.at("found").dump(),
                               facts.at("expected").dump());
    ctx.exit_code = 1;
    return;
  }
  const d::CreditCode& c = *parsed;
  std::cout << fmt::format("{}: valid 有效\n", c.text);
  std::cout << fmt::format("  {:<28}{} {} ({})\n", "1    authority 登记管理部门", c.authority, c.authority_zh,
                           c.authority_en);
  std::cout << fmt::format("  {:<28}{} {} ({})\n", "2    entity type 机构类别", c.entity_type,
                           c.entity_type_zh, c.entity_type_en);
  std::cout << fmt::format("  {:<28}{} {}\n", "3-8  division 行政区划", c.division_code,
                           division_name(c.division_code, o.policy_path));
  std::cout << fmt::format("  {:<28}{}-{}\n", "9-17 organization code", c.org_code.substr(0, 8),
                           c.org_code.substr(8));
  std::cout << fmt::format("  {:<28}{}\n", "18   check character 校验码", c.text.substr(17));
  ctx.exit_code = 0;
}

}  // namespace

void add_uscc_command(CLI::App& app, CommandContext& ctx) {
  auto* command =
      app.add_subcommand("uscc", "Check a Unified Social Credit Code (统一社会信用代码) and show its parts");
  auto options = std::make_shared<UsccOptions>();
  command->add_option("code", options->code, "the 18-character code")->required();
  command->add_option("--policy", options->policy_path, "batch policy naming the counties")
      ->capture_default_str();
  command->callback([&ctx, options] { run(*options, ctx); });
}

}  // namespace iifund::cli
