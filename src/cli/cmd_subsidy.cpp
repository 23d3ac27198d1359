// `iifund subsidy`: what-if for one application (or one cluster) under a batch policy, with the
// rule that bound the amount and every intermediate figure — the same numbers the UI explains.
//   iifund subsidy --category 1 --investment 3000000 --requested 2000000
//   iifund subsidy --category 3 --member 800000:500000 --member 1,200,000:600000 …
//   iifund subsidy --category 4 --requested 900000 --events 12 --trainees 600
// Amounts are typed as people type them ("1,234.50", "123.4万"); the policy defaults to
// policies/jiangmen-2022-batch2.toml.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "domain/subsidy.hpp"

namespace iifund::cli {

namespace {

namespace d = iifund::domain;

struct SubsidyOptions {
  std::string policy_path = "policies/jiangmen-2022-batch2.toml";
  std::string category;
  std::string investment = "0";
  std::string requested;
  std::vector<std::string> members;  // "investment:requested"
  int events = -1;
  int trainees = -1;
  bool large_enterprise = false;
};

std::string_view bound_by_explained(d::BoundBy b) {
  switch (b) {
    case d::BoundBy::requested:
      return "the amount requested 申请金额";
    case d::BoundBy::rate:
      return "the rate of eligible investment 投入比例";
    case d::BoundBy::project_cap:
      return "the cap per project 单个项目上限";
    case d::BoundBy::enterprise_cap:
      return "the cap per enterprise 每家企业上限";
    case d::BoundBy::cluster_cap:
      return "the cap per cluster, scaled in proportion 集群上限按比例核减";
    case d::BoundBy::not_eligible:
      return "not eligible 不符合条件";
  }
  return "";
}

// A usage error: prints and sets exit code 2.
bool parse_amount(const std::string& text, std::string_view what, d::Money& out, CommandContext& ctx) {
  auto parsed = d::parse_money(text);
  if (parsed.ok()) {
    out = *parsed;
    return true;
  }
  std::cerr << fmt::format("iifund subsidy: {} \"{}\" refused: {}\n", what, text, parsed.problem().code);
  ctx.exit_code = 2;
  return false;
}

void print_subsidy(const d::Subsidy& s, std::string_view indent) {
  auto row = [&](std::string_view label, d::Money m, const std::string& note = "") {
    std::cout << fmt::format("{}{:<22}{:>18}{}\n", indent, label, d::format_yuan(m),
                             note.empty() ? "" : "  " + note);
  };
  row("eligible investment", s.eligible_investment);
  row("requested", s.requested);
  if (s.rate_limit)
    row("rate limit", *s.rate_limit,
        fmt::format("({}.{:02}% × investment, floored to the fen)", s.rate->value / 100,
                    s.rate->value % 100));
  if (s.cap) row("cap", *s.cap);
  if (s.before_cluster_cap) row("before cluster cap", *s.before_cluster_cap);
  row("subsidy", s.amount, fmt::format("({}万元)", d::format_wan_yuan(s.amount)));
  std::cout << fmt::format("{}{:<22}{} — {}", indent, "bound by", d::to_string(s.bound_by),
                           bound_by_explained(s.bound_by));
  if (s.ineligible != d::IneligibleReason::none)
    std::cout << fmt::format(" ({})", d::to_string(s.ineligible));
  std::cout << "\n";
}

const d::CategoryPolicy* find_category(const d::Policy& policy, const std::string& key) {
  if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos)
    return policy.find_category(std::stoi(key));
  return policy.find_category(key);
}

void run_cluster(const d::CategoryPolicy& category, const SubsidyOptions& o, d::SubsidyRequest base,
                 CommandContext& ctx) {
  std::vector<d::ClusterMember> members;
  for (const auto& m : o.members) {
    const auto colon = m.find(':');
    d::ClusterMember member{fmt::format("member {}", members.size() + 1), base};
    if (colon == std::string::npos) {
      std::cerr << fmt::format("iifund subsidy: --member \"{}\" must be INVESTMENT:REQUESTED\n", m);
      ctx.exit_code = 2;
      return;
    }
    if (!parse_amount(m.substr(0, colon), "member investment", member.request.eligible_investment, ctx) ||
        !parse_amount(m.substr(colon + 1), "member request", member.request.requested, ctx))
      return;
    members.push_back(member);
  }
  const auto cluster = d::compute_cluster_subsidy(category, members);
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::cout << members[i].credit_code << "\n";
    print_subsidy(cluster.members[i], "  ");
  }
  std::cout << fmt::format(
      "{:<24}{:>18}\n{:<24}{:>18}{}\n", "members' total", d::format_yuan(cluster.members_total),
      "cluster total", d::format_yuan(cluster.total),
      cluster.scaled ? "  (scaled down to the cluster cap 按集群上限核减; leftover fen to the "
                       "largest remainders, ties to the lowest member)"
                     : "");
}

void run(const SubsidyOptions& o, CommandContext& ctx) {
  auto policy = d::load_policy_file(o.policy_path);
  if (!policy.ok()) {
    for (const auto& line : d::policy_error_lines(policy.problem())) std::cerr << line << "\n";
    if (policy.problem().code == "policy_unreadable")
      std::cerr << o.policy_path << ": cannot read the policy\n";
    ctx.exit_code = 2;
    return;
  }
  const d::CategoryPolicy* category = find_category(*policy, o.category);
  if (category == nullptr) {
    std::cerr << fmt::format("iifund subsidy: {} has no category \"{}\"\n", o.policy_path, o.category);
    ctx.exit_code = 2;
    return;
  }
  d::SubsidyRequest request;
  request.applicant_is_sme = !o.large_enterprise;
  if (o.events >= 0 || o.trainees >= 0)
    request.training = d::TrainingPlan{std::max(o.events, 0), std::max(o.trainees, 0)};
  if (!parse_amount(o.investment, "--investment", request.eligible_investment, ctx)) return;
  std::cout << fmt::format("{} category {}: {} / {}\n", policy->id, category->number, category->name.zh,
                           category->name.en);
  if (!o.members.empty()) return run_cluster(*category, o, request, ctx);
  if (o.requested.empty()) {
    std::cerr << "iifund subsidy: --requested is required (or --member for a cluster)\n";
    ctx.exit_code = 2;
    return;
  }
  if (!parse_amount(o.requested, "--requested", request.requested, ctx)) return;
  const d::Subsidy s = d::compute_subsidy(*category, request);
  print_subsidy(s, "");
  ctx.exit_code = s.bound_by == d::BoundBy::not_eligible ? 1 : 0;
}

}  // namespace

void add_subsidy_command(CLI::App& app, CommandContext& ctx) {
  auto* command =
      app.add_subcommand("subsidy", "Compute a subsidy under a batch policy and say which rule bound it");
  auto options = std::make_shared<SubsidyOptions>();
  command->add_option("--policy", options->policy_path, "batch policy file")->capture_default_str();
  command->add_option("--category", options->category, "category number or id, e.g. 1 or benchmark")
      ->required();
  command->add_option("--investment", options->investment,
                      "eligible investment in yuan (\"3,000,000\", \"300万\")");
  command->add_option("--requested", options->requested, "amount requested in yuan");
  command->add_option("--member", options->members, "cluster member as INVESTMENT:REQUESTED (repeat)");
  command->add_option("--events", options->events, "planned training events (talent training)");
  command->add_option("--trainees", options->trainees, "planned trainees (talent training)");
  command->add_flag("--large", options->large_enterprise, "the applicant is a large enterprise (not an SME)");
  command->callback([&ctx, options] { run(*options, ctx); });
}

}  // namespace iifund::cli
