// `iifund policy check FILE`: validates a batch policy the way the server does at start-up and
// prints what the batch says, or every mistake as `file:line: rule: message` (exit 1).
#include <fmt/format.h>

#include <iostream>

#include "cli/command.hpp"
#include "domain/policy.hpp"
#include "domain/time.hpp"

namespace iifund::cli {

namespace {

namespace d = iifund::domain;

std::string describe_rate(const d::CategoryPolicy& c) {
  if (!c.rate) return "no rate (cap only) 无比例";
  return fmt::format("≤ {}.{:02}% of eligible investment 投入比例", c.rate->value / 100, c.rate->value % 100);
}

std::string describe_caps(const d::CategoryPolicy& c) {
  std::string out;
  auto add = [&](const std::optional<d::Money>& cap, std::string_view what) {
    if (cap) out += fmt::format(", ≤ {} yuan {}", d::format_yuan(*cap), what);
  };
  add(c.project_cap, "per project 单个项目");
  add(c.enterprise_cap,
      c.kind == d::CategoryKind::cluster ? "per member 每家企业" : "per enterprise 每家企业");
  add(c.cluster_cap, "per cluster 每个集群");
  if (c.training)
    out +=
        fmt::format(", needs ≥ {} events 场 and ≥ {} trainees 人", c.training->events, c.training->trainees);
  if (c.requires_sme) out += ", SMEs only 限中小企业";
  return out;
}

void print_summary(const d::Policy& p) {
  std::cout << fmt::format("{}: valid 有效\n", p.source_file);
  std::cout << fmt::format("批次 Batch     {} / {} ({})\n", p.name.zh, p.name.en, p.id);
  std::cout << fmt::format("依据 Basis     {}\n", p.legal_basis);
  std::cout << fmt::format("组织 Organizer {} / {}\n", p.organizer.zh, p.organizer.en);
  std::cout << fmt::format("申报 Window    {} → {} (exclusive, Beijing time 北京时间)\n",
                           p.window_opens ? d::format_beijing(*p.window_opens) : "on publication 即日起",
                           d::format_beijing(p.window_closes));
  std::cout << fmt::format("投入 Basis     invoice amount {} ({})\n", d::to_string(p.investment_basis),
                           p.investment_basis == d::InvestmentBasis::with_tax ? "价税合计" : "不含税金额");
  std::cout << "类别 Categories\n";
  for (const auto& c : p.categories) {
    std::cout << fmt::format("  {}. {} / {} [{}]\n     {}{}\n     {} directions, {} materials, {} criteria\n",
                             c.number, c.name.zh, c.name.en, d::to_string(c.kind), describe_rate(c),
                             describe_caps(c), c.directions.size(), c.materials.size(), c.criteria.size());
  }
  const auto& r = p.review;
  std::cout << fmt::format(
      "评审 Review    {} experts per application, library threshold 入库线 {}, divergence sd {}, ranks by "
      "{}\n",
      r.experts_per_application, r.library_threshold, r.divergence_sd,
      r.ranking_score == d::RankingScore::trimmed_mean ? "trimmed_mean" : "normalized");
  std::cout << fmt::format(
      "预算 Budget    {} yuan ({}万元), partial funding {}\n", d::format_yuan(p.selection.batch_budget),
      d::format_wan_yuan(p.selection.batch_budget), p.selection.allow_partial ? "yes" : "no");
  std::cout << fmt::format("期限 Days      publicity 公示 {} days, revision 补正/退回 {} days\n",
                           p.publicity_days, p.revision_days);
  std::string counties;
  for (const auto& c : p.counties)
    counties += fmt::format("{}{} {}", counties.empty() ? "" : ", ", c.division_code, c.name.zh);
  std::cout << fmt::format("县区 Counties  {} ({}): {}\n", p.city.zh, p.city_division_code, counties);
  int groups[3] = {0, 0, 0};
  for (const auto& c : p.clusters) ++groups[static_cast<int>(c.group)];
  std::cout << fmt::format("集群 Clusters  {} pillar 支柱, {} emerging 新兴, {} local traditional 传统优势\n",
                           groups[0], groups[1], groups[2]);
  std::cout << fmt::format("清单 Checklist {} eligibility declarations, {} investment types\n",
                           p.declarations.size(), p.investment_types.size());
  std::string defaults;
  for (const auto& k : p.defaults) defaults += (defaults.empty() ? "" : ", ") + k;
  std::cout << fmt::format("默认 Defaults  (not in the notice 通知未规定) {}\n",
                           defaults.empty() ? "none" : defaults);
}

}  // namespace

void add_policy_command(CLI::App& app, CommandContext& ctx) {
  auto* policy = app.add_subcommand("policy", "Batch policy files (policies/*.toml)");
  policy->require_subcommand(1);
  auto* check =
      policy->add_subcommand("check", "Validate a policy file and summarize the batch; exit 1 if invalid");
  auto file = std::make_shared<std::string>();
  check->add_option("file", *file, "the policy file, e.g. policies/jiangmen-2022-batch2.toml")->required();
  check->callback([&ctx, file] {
    auto loaded = d::load_policy_file(*file);
    if (loaded.ok()) {
      print_summary(*loaded);
      ctx.exit_code = 0;
      return;
    }
    if (loaded.problem().code == "policy_unreadable") {
      std::cerr << fmt::format("{}: cannot read the file\n", *file);
      ctx.exit_code = 2;
      return;
    }
    for (const auto& line : d::policy_error_lines(loaded.problem())) std::cerr << line << "\n";
    std::cerr << fmt::format("{}: invalid 无效 ({} errors)\n", *file, loaded.problem().fields.size());
    ctx.exit_code = 1;
  });
}

}  // namespace iifund::cli
