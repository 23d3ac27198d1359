// `iifund assign --batch <id|code> [--category N] [--seed S] [--preview]`: the expert assignment of
// a batch in the database, through the same use cases as the organizer's screen — run, print the
// statistics, and (unless --preview) confirm as the command-line operator. Without --batch,
// `iifund assign` is the what-if tool on files (cmd_review_math.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/runtime.hpp"
#include "service/assignment_runs.hpp"

namespace iifund::cli {

namespace {

void print_statistics(const service::RunView& view, const std::string& batch) {
  const auto& s = view.statistics;
  std::cout << fmt::format(
      "assignment run {} (batch {}, {}): {}\n", view.run.id, batch,
      view.run.category ? fmt::format("category {}", *view.run.category) : "all categories", view.run.state);
  std::cout << fmt::format("  applications {}  experts used {}  experts per application {}\n",
                           s["applications"].get<int>(), s["experts_used"].get<int>(),
                           view.experts_per_application);
  std::cout << fmt::format("  match: industry {}  category {}  none {}\n", s["industry_matches"].get<int>(),
                           s["category_matches"].get<int>(), s["unmatched"].get<int>());
  const auto& avoided = s["conflicts_avoided"];
  std::cout << fmt::format("  conflicts avoided (回避): same employer {}  declared {}  same county {}\n",
                           avoided.value("same_employer", 0), avoided.value("declared", 0),
                           avoided.value("same_county", 0));
  int lightest = 0;
  int heaviest = 0;
  bool first = true;
  for (const auto& load : s["loads"]) {
    int value = load["load"].get<int>();
    lightest = first ? value : std::min(lightest, value);
    heaviest = first ? value : std::max(heaviest, value);
    first = false;
  }
  std::cout << fmt::format("  loads in the batch: lightest {}  heaviest {}\n", lightest, heaviest);
  for (const auto& application : view.applications) {
    std::string experts;
    for (const auto& expert : application.experts) {
      experts += fmt::format("{}{} ({})", experts.empty() ? "" : ", ", expert.name, expert.match);
    }
    std::cout << fmt::format("  {}  {}: {}\n", application.number, application.project_name, experts);
  }
  const auto& shortages = s["shortages"];
  if (shortages.empty()) {
    std::cout << "  shortages: none\n";
  } else {
    for (const auto& shortage : shortages) {
      std::cout << fmt::format("  shortage: {} has {} of {} experts ({})\n",
                               shortage["number"].get<std::string>(), shortage["assigned"].get<int>(),
                               shortage["needed"].get<int>(), shortage["reason"].get<std::string>());
    }
  }
}

}  // namespace

void add_batch_assign_options(CLI::App* assign, BatchAssignOptions& options) {
  assign->add_option("--batch", options.batch,
                     "Assign the batch's formally passed applications (id or code)");
  assign->add_option("--category", options.category, "Only this category (with --batch)");
  assign->add_flag("--preview", options.preview, "Run and print, do not confirm (with --batch)");
}

int run_batch_assign(CommandContext& ctx, const BatchAssignOptions& options) {
  auto runtime = open_runtime(ctx);
  if (!runtime) return ctx.exit_code;
  auto& db = *runtime->database;
  const auto& clock = service::system_clock();
  auto batch_id = service::find_batch_id(db, options.batch);
  if (!batch_id) {
    print_problem(batch_id.problem());
    return 1;
  }
  auto operator_caller = service::command_line_organizer(db, clock);
  if (!operator_caller) {
    print_problem(operator_caller.problem());
    return 1;
  }
  auto run = service::start_assignment_run(db, clock, operator_caller.value(), batch_id.value(),
                                           options.category, options.seed);
  if (!run) {
    print_problem(run.problem());
    return 1;
  }
  if (options.preview) {
    print_statistics(run.value(), options.batch);
    return run->statistics["shortages"].empty() ? 0 : 1;
  }
  auto confirmed = service::confirm_assignment_run(db, clock, operator_caller.value(), run->run.id);
  if (!confirmed) {
    print_statistics(run.value(), options.batch);
    print_problem(confirmed.problem());
    return 1;
  }
  print_statistics(confirmed.value(), options.batch);
  return 0;
}

}  // namespace iifund::cli
