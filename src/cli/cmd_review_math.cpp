// `iifund assign`, `iifund score`, `iifund select`: the review math (专家分配与回避, 评审打分,
// 排序优选) run on files, so an organizer can try a what-if without the server or the database.
// Inputs are JSON (select also reads CSV); outputs are JSON or CSV. Money is integer fen.
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "domain/assignment.hpp"
#include "domain/policy.hpp"
#include "domain/scoring.hpp"
#include "domain/selection.hpp"

namespace iifund::cli {
namespace {

using json = nlohmann::ordered_json;
namespace d = iifund::domain;

// A usage-level failure (unreadable file, malformed JSON or CSV): exit code 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string read_text(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

json read_json(const std::string& path) {
  try {
    return json::parse(read_text(path));
  } catch (const json::exception& e) {
    throw InputError(path + ": " + e.what());
  }
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// RFC 4180 enough for our files: quoted fields may hold commas, quotes doubled.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  while (!rows.empty() && (rows.back().empty() || (rows.back().size() == 1 && rows.back()[0].empty()))) {
    rows.pop_back();
  }
  return rows;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csv_field(fields[i]);
  return line + "\n";
}

struct OutputOptions {
  std::string path = "-";
  std::string format;  // json | csv; default from the file name, else json
  bool csv() const { return format == "csv" || (format.empty() && ends_with(path, ".csv")); }
};

void add_output_options(CLI::App* command, OutputOptions& out) {
  command->add_option("-o,--output", out.path, "Where to write the result (default: standard output)");
  command->add_option("--format", out.format, "json or csv (default: from the --output name, else json)")
      ->check(CLI::IsMember({"json", "csv"}));
}

void write_output(const OutputOptions& out, const std::string& text) {
  if (out.path == "-") {
    std::cout << text;
    return;
  }
  std::ofstream file(out.path, std::ios::binary);
  if (!file) throw InputError("cannot write " + out.path);
  file << text;
}

void report_problem(const d::Problem& p) {
  json body = {{"code", p.code}, {"status", p.status}, {"facts", p.facts}};
  if (!p.detail.empty()) body["detail"] = p.detail;
  std::cerr << body.dump(2) << "\n";
}

std::optional<d::Policy> load_policy(const std::string& path) {
  if (path.empty()) return std::nullopt;
  auto policy = d::load_policy_file(path);
  if (!policy) {
    report_problem(policy.problem());
    throw InputError("invalid policy " + path);
  }
  return std::move(policy).value();
}

// Runs a command body, mapping failures to the exit codes of command.hpp.
template <typename Body>
void run(CommandContext& ctx, Body body) {
  try {
    ctx.exit_code = body();
  } catch (const InputError& e) {
    std::cerr << "iifund: " << e.what() << "\n";
    ctx.exit_code = 2;
  } catch (const json::exception& e) {
    std::cerr << "iifund: input: " << e.what() << "\n";
    ctx.exit_code = 2;
  }
}

std::vector<std::string> strings(const json& j, const char* key) {
  return j.contains(key) ? j.at(key).get<std::vector<std::string>>() : std::vector<std::string>{};
}

template <typename T>
void take(const json& j, const char* key, T& into) {
  if (j.contains(key)) into = j.at(key).get<T>();
}

// ---------------------------------------------------------------- assign

struct AssignArgs {
  std::string input, policy, current, replace;
  std::optional<int> k, candidates, extra;
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> full_graph_max_pairs;
  std::optional<bool> same_county;
  OutputOptions out;
};

d::AssignmentOptions assignment_options(const json& in, const AssignArgs& a) {
  d::AssignmentOptions o;
  if (auto policy = load_policy(a.policy)) {
    o.experts_per_application = policy->review.experts_per_application;
    o.avoid_same_county = policy->review.conflict_same_county;
  }
  const json opts = in.value("options", json::object());
  take(opts, "experts_per_application", o.experts_per_application);
  take(opts, "avoid_same_county", o.avoid_same_county);
  take(opts, "candidate_limit", o.candidate_limit);
  take(opts, "extra_candidates", o.extra_candidates);
  take(opts, "full_graph_max_pairs", o.full_graph_max_pairs);
  take(opts, "seed", o.seed);
  take(opts, "cost_industry_match", o.cost_industry_match);
  take(opts, "cost_category_match", o.cost_category_match);
  take(opts, "cost_no_match", o.cost_no_match);
  take(opts, "cost_overload_step", o.cost_overload_step);
  if (a.k) o.experts_per_application = *a.k;
  if (a.same_county) o.avoid_same_county = *a.same_county;
  if (a.candidates) o.candidate_limit = *a.candidates;
  if (a.extra) o.extra_candidates = *a.extra;
  if (a.seed) o.seed = *a.seed;
  if (a.full_graph_max_pairs) o.full_graph_max_pairs = *a.full_graph_max_pairs;
  return o;
}

json assignment_json(const d::Assignment& r, const d::AssignmentOptions& o) {
  json out;
  out["complete"] = r.shortages.empty();
  out["summary"] = {{"applications", r.applications.size()},
                    {"experts_per_application", o.experts_per_application},
                    {"avoid_same_county", o.avoid_same_county},
                    {"fair_share", r.fair_share},
                    {"expertise_cost", r.expertise_cost},
                    {"load_cost", r.load_cost},
                    {"industry_matches", r.industry_matches},
                    {"category_matches", r.category_matches},
                    {"unmatched", r.unmatched},
                    {"pruned", r.pruned},
                    {"candidate_limit", r.pruned ? json(o.candidate_limit) : json(nullptr)},
                    {"extra_candidates", r.pruned ? json(o.extra_candidates) : json(nullptr)},
                    {"candidate_arcs", r.candidate_arcs}};
  json avoided = json::object();
  for (int i = 0; i < d::kConflictReasonCount; ++i) {
    avoided[d::to_string(static_cast<d::ConflictReason>(i))] = r.conflicts_avoided[i];
  }
  out["summary"]["conflicts_avoided"] = avoided;
  out["assignments"] = json::array();
  for (const auto& a : r.applications)
    out["assignments"].push_back({{"application", a.application_id}, {"experts", a.experts}});
  out["loads"] = json::array();
  for (const auto& l : r.loads)
    out["loads"].push_back({{"expert", l.expert_id}, {"load", l.load}, {"max_load", l.max_load}});
  out["shortages"] = json::array();
  for (const auto& s : r.shortages) {
    json excluded = json::object();
    for (int i = 0; i < d::kConflictReasonCount; ++i) {
      excluded[d::to_string(static_cast<d::ConflictReason>(i))] = s.excluded_by[i];
    }
    out["shortages"].push_back({{"application", s.application_id},
                                {"reason", d::to_string(s.reason)},
                                {"needed", s.needed},
                                {"assigned", s.assigned},
                                {"eligible", s.eligible},
                                {"without_capacity", s.without_capacity},
                                {"excluded_by", excluded}});
  }
  return out;
}

std::string assignment_csv(const d::Assignment& r) {
  std::string text = csv_line({"application", "slot", "expert"});
  for (const auto& a : r.applications) {
    for (std::size_t i = 0; i < a.experts.size(); ++i)
      text += csv_line({a.application_id, std::to_string(i + 1), a.experts[i]});
  }
  return text;
}

// The output of an earlier `iifund assign`, read back for --replace.
d::Assignment assignment_from_json(const json& j) {
  d::Assignment r;
  r.fair_share = j.at("summary").at("fair_share").get<int>();
  for (const auto& a : j.at("assignments")) {
    r.applications.push_back({a.at("application").get<std::string>(), strings(a, "experts")});
  }
  for (const auto& l : j.at("loads")) {
    r.loads.push_back(
        {l.at("expert").get<std::string>(), l.at("load").get<int>(), l.at("max_load").get<int>()});
  }
  return r;
}

int run_assign(const AssignArgs& a) {
  const json in = read_json(a.input);
  std::vector<d::ApplicationForReview> apps;
  for (const auto& j : in.at("applications")) {
    apps.push_back({j.at("id").get<std::string>(), j.value("category", ""), j.value("industry", ""),
                    j.value("county", ""), j.value("enterprise", "")});
  }
  std::vector<d::Expert> experts;
  for (const auto& j : in.at("experts")) {
    experts.push_back({j.at("id").get<std::string>(), strings(j, "fields"), j.value("employer", ""),
                       j.value("county", ""), strings(j, "declared"), j.at("max_load").get<int>()});
  }
  const d::AssignmentOptions o = assignment_options(in, a);
  d::Assignment result;
  json extra = json::object();
  if (!a.replace.empty()) {
    auto eq = a.replace.find('=');
    if (eq == std::string::npos || a.current.empty())
      throw InputError("--replace APPLICATION=EXPERT needs --current FILE");
    auto r = d::replace_expert(apps, experts, assignment_from_json(read_json(a.current)),
                               a.replace.substr(0, eq), a.replace.substr(eq + 1), o);
    if (!r) {
      report_problem(r.problem());
      return 1;
    }
    extra = {{"application", r->application_id}, {"removed", r->removed}, {"added", r->added}};
    result = std::move(r->assignment);
  } else {
    auto r = d::assign_experts(apps, experts, o);
    if (!r) {
      report_problem(r.problem());
      return 1;
    }
    result = std::move(r).value();
  }
  json out = assignment_json(result, o);
  if (!extra.empty()) out["replacement"] = extra;
  write_output(a.out, a.out.csv() ? assignment_csv(result) : out.dump(2) + "\n");
  if (!result.shortages.empty()) {
    std::cerr << "iifund assign: " << result.shortages.size()
              << " application(s) lack enough eligible experts\n";
  }
  return result.shortages.empty() ? 0 : 1;
}

}  // namespace

void add_assign_command(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<AssignArgs>();
  auto* c =
      app.add_subcommand("assign", "Assign k experts to every application with conflict avoidance (回避)");
  c->footer(R"(Input (JSON):
  {"applications": [{"id", "category", "industry", "county", "enterprise"}],
   "experts": [{"id", "fields": [..], "employer", "county", "declared": [..], "max_load"}],
   "options": {"experts_per_application", "avoid_same_county", "candidate_limit", "extra_candidates",
               "full_graph_max_pairs", "seed", "cost_industry_match", "cost_category_match",
               "cost_no_match", "cost_overload_step"}}            (options optional; flags override them)
  county: GB/T 2260 division code; enterprise, employer, declared: unified social credit codes
  (declared may also name application ids).
Output (JSON): {"complete", "summary" {.., "pruned", "conflicts_avoided"}, "assignments": [{"application",
  "experts"}], "loads": [{"expert", "load", "max_load"}], "shortages": [{"application", "reason"
  (not_enough_eligible_experts | eligible_experts_at_max_load), "needed", "assigned", "eligible",
  "without_capacity", "excluded_by" {same_employer, declared, same_county}}]}
Output (CSV): application,slot,expert
--replace APP=EXPERT --current OUT.json: swap one expert on one application, nothing else changes.
Exit: 0 all assigned, 1 some application short or a refused input, 2 unreadable input.
--batch ID|CODE [--category N] [--seed S] [--preview]: assign a batch's formally passed applications in the
  database to the active expert pool, print the statistics and (unless --preview) confirm.)");
  c->add_option("-i,--input", args->input, "Applications and experts (JSON; - for stdin)");
  c->add_option("--policy", args->policy, "Batch policy TOML: experts per application, same-county rule");
  c->add_option("-k,--experts-per-application", args->k, "Experts per application (default 5)");
  c->add_flag_callback(
      "--same-county", [args] { args->same_county = true; }, "Avoid experts from the applicant's county");
  c->add_flag_callback(
      "--no-same-county", [args] { args->same_county = false; }, "Allow experts from the applicant's county");
  c->add_option("--candidates", args->candidates,
                "Cheapest conflict-free candidates kept per application when pruning (40)");
  c->add_option("--extra", args->extra, "Random extra candidates per application when pruning (10)");
  c->add_option("--full-graph-max-pairs", args->full_graph_max_pairs,
                "Prune above this many application×expert pairs (2,000,000)");
  c->add_option("--seed", args->seed, "Seed of pruning's random choices (1)");
  c->add_option("--replace", args->replace, "APPLICATION=EXPERT: replace one expert (late conflict)");
  c->add_option("--current", args->current, "The assignment to change with --replace (an earlier output)");
  add_output_options(c, args->out);
  auto batch = std::make_shared<BatchAssignOptions>();
  add_batch_assign_options(c, *batch);
  c->callback([args, batch, &ctx] {
    if (!batch->batch.empty()) {
      batch->seed = args->seed;
      ctx.exit_code = run_batch_assign(ctx, *batch);
      return;
    }
    if (args->input.empty()) {
      std::cerr << "iifund assign: --input FILE or --batch BATCH is required (see iifund assign --help)\n";
      ctx.exit_code = 2;
      return;
    }
    run(ctx, [&] { return run_assign(*args); });
  });
}

// ---------------------------------------------------------------- score

namespace {

struct ScoreArgs {
  std::string input, policy, ranking;
  std::optional<double> divergence_sd;
  std::optional<int> expected;
  OutputOptions out;
};

std::vector<d::Criterion> criteria_from_json(const json& list) {
  std::vector<d::Criterion> out;
  for (const auto& c : list) {
    double weight = c.at("weight").get<double>();
    out.push_back({c.at("id").get<std::string>(), weight, c.value("max", weight)});
  }
  return out;
}

// Criteria from the policy (keyed by category number and id), then the input's own.
d::CriteriaByCategory criteria_for(const json& in, const std::optional<d::Policy>& policy) {
  d::CriteriaByCategory criteria;
  if (policy) {
    for (const auto& category : policy->categories) {
      criteria[std::to_string(category.number)] = criteria[category.id] = category.scoring_criteria();
    }
  }
  if (in.contains("criteria")) {
    const json& c = in.at("criteria");
    if (c.is_array()) {
      criteria[""] = criteria_from_json(c);
    } else {
      for (const auto& [category, list] : c.items()) criteria[category] = criteria_from_json(list);
    }
  }
  return criteria;
}

// A sheet's scores: an array in criteria order, or an object by criterion id.
std::vector<double> sheet_scores(const json& scores, const d::CriteriaByCategory& criteria,
                                 const std::string& category) {
  if (scores.is_array()) return scores.get<std::vector<double>>();
  auto it = criteria.find(category);
  if (it == criteria.end()) it = criteria.find("");
  if (it == criteria.end()) throw InputError("no criteria for category '" + category + "'");
  std::vector<double> out;
  for (const auto& c : it->second) {
    if (!scores.contains(c.id)) throw InputError("a sheet lacks criterion '" + c.id + "'");
    out.push_back(scores.at(c.id).get<double>());
  }
  return out;
}

json scoring_json(const d::ScoringResult& r) {
  json out = {{"ranking_score", d::to_string(r.ranking_score)},
              {"normalization_available", r.normalization_available},
              {"batch_mean", r.batch_mean},
              {"batch_sd", r.batch_sd},
              {"incomplete_applications", r.incomplete_applications},
              {"applications", json::array()},
              {"experts", json::array()}};
  for (const auto& a : r.applications) {
    json totals = json::array();
    for (const auto& t : a.totals) {
      totals.push_back({{"expert", t.expert_id},
                        {"total", t.total},
                        {"normalized", t.normalized},
                        {"trimmed", t.trimmed}});
    }
    out["applications"].push_back({{"application", a.application_id},
                                   {"category", a.category},
                                   {"score", a.ranking_score},
                                   {"trimmed_mean", a.trimmed_mean},
                                   {"normalized", a.normalized ? json(*a.normalized) : json(nullptr)},
                                   {"spread_sd", a.spread_sd},
                                   {"divergent", a.divergent},
                                   {"totals", totals}});
  }
  for (const auto& e : r.experts) {
    out["experts"].push_back({{"expert", e.expert_id},
                              {"sheets", e.sheets},
                              {"mean", e.mean},
                              {"sd", e.sd},
                              {"raw_kept", e.raw_kept}});
  }
  return out;
}

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

std::string scoring_csv(const d::ScoringResult& r) {
  std::string text = csv_line({"application", "category", "score", "trimmed_mean", "normalized", "spread_sd",
                               "divergent", "experts"});
  for (const auto& a : r.applications) {
    text += csv_line({a.application_id, a.category, fixed(a.ranking_score), fixed(a.trimmed_mean),
                      a.normalized ? fixed(*a.normalized) : "", fixed(a.spread_sd),
                      a.divergent ? "true" : "false", std::to_string(a.totals.size())});
  }
  return text;
}

int run_score(const ScoreArgs& a) {
  const json in = read_json(a.input);
  const auto policy = load_policy(a.policy);
  d::ScoringOptions o;
  if (policy) {
    o.divergence_sd = policy->review.divergence_sd;
    o.ranking_score = policy->review.ranking_score;
  }
  const json opts = in.value("options", json::object());
  take(opts, "divergence_sd", o.divergence_sd);
  take(opts, "expected_sheets_per_application", o.expected_sheets_per_application);
  std::string ranking =
      a.ranking.empty() ? opts.value("ranking_score", std::string(d::to_string(o.ranking_score))) : a.ranking;
  auto parsed = d::ranking_score_from_string(ranking);
  if (!parsed) throw InputError("ranking_score must be trimmed_mean or normalized");
  o.ranking_score = *parsed;
  if (a.divergence_sd) o.divergence_sd = *a.divergence_sd;
  if (a.expected) o.expected_sheets_per_application = *a.expected;
  const d::CriteriaByCategory criteria = criteria_for(in, policy);
  std::vector<d::ScoreSheet> sheets;
  for (const auto& j : in.at("sheets")) {
    std::string category = j.value("category", "");
    sheets.push_back({j.at("application").get<std::string>(), j.at("expert").get<std::string>(), category,
                      sheet_scores(j.at("scores"), criteria, category)});
  }
  auto r = d::score_applications(criteria, sheets, o);
  if (!r) {
    report_problem(r.problem());
    return 1;
  }
  write_output(a.out, a.out.csv() ? scoring_csv(*r) : scoring_json(*r).dump(2) + "\n");
  return 0;
}

// ---------------------------------------------------------------- select

struct SelectArgs {
  std::string input, policy, scores, method = "both";
  std::optional<std::int64_t> budget_fen;
  std::optional<double> threshold, time_limit;
  std::optional<bool> allow_partial;
  OutputOptions out;
};

bool truthy(const std::string& s) { return s == "true" || s == "1" || s == "yes"; }

std::vector<d::SelectionCandidate> candidates_from_csv(const std::string& text) {
  auto rows = parse_csv(text);
  if (rows.empty()) throw InputError("empty CSV");
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
  for (const char* required : {"id", "score", "subsidy_fen"}) {
    if (!col.count(required)) throw InputError(std::string("CSV lacks column ") + required);
  }
  std::vector<d::SelectionCandidate> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    auto get = [&](const char* name) {
      return col.count(name) && col[name] < rows[r].size() ? rows[r][col[name]] : "";
    };
    d::SelectionCandidate c;
    c.id = get("id");
    c.number = get("number");
    c.category = get("category");
    c.cluster = get("cluster");
    try {
      c.score = std::stod(get("score"));
      c.subsidy_fen = std::stoll(get("subsidy_fen"));
      if (!get("submitted_at").empty()) c.submitted_at = std::stoll(get("submitted_at"));
    } catch (const std::exception&) {
      throw InputError("CSV line " + std::to_string(r + 1) + ": a number is malformed");
    }
    c.organizer_adjusted = truthy(get("organizer_adjusted"));
    c.objection_upheld = truthy(get("objection_upheld"));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<d::SelectionCandidate> candidates_from_json(const json& list) {
  std::vector<d::SelectionCandidate> out;
  for (const auto& j : list) {
    d::SelectionCandidate c;
    c.id = j.at("id").get<std::string>();
    c.number = j.value("number", "");
    c.category = j.value("category", "");
    c.cluster = j.value("cluster", "");
    c.score = j.value("score", 0.0);
    c.submitted_at = j.value("submitted_at", std::int64_t{0});
    c.subsidy_fen = j.at("subsidy_fen").get<std::int64_t>();
    c.organizer_adjusted = j.value("organizer_adjusted", false);
    c.objection_upheld = j.value("objection_upheld", false);
    out.push_back(std::move(c));
  }
  return out;
}

d::SelectionLimits selection_limits(const json& in, const SelectArgs& a) {
  d::SelectionLimits l;
  if (auto policy = load_policy(a.policy)) {
    l.budget_fen = policy->selection.batch_budget.fen();
    l.allow_partial = policy->selection.allow_partial;
    l.threshold = policy->review.library_threshold;
    for (const auto& category : policy->categories) {
      if (!category.category_budget) continue;
      l.category_budget_fen[std::to_string(category.number)] = category.category_budget->fen();
      l.category_budget_fen[category.id] = category.category_budget->fen();
    }
  }
  const json limits = in.value("limits", json::object());
  take(limits, "budget_fen", l.budget_fen);
  take(limits, "category_budget_fen", l.category_budget_fen);
  take(limits, "cluster_cap_fen", l.cluster_cap_fen);
  take(limits, "default_cluster_cap_fen", l.default_cluster_cap_fen);
  take(limits, "threshold", l.threshold);
  take(limits, "allow_partial", l.allow_partial);
  if (a.budget_fen) l.budget_fen = *a.budget_fen;
  if (a.threshold) l.threshold = *a.threshold;
  if (a.allow_partial) l.allow_partial = *a.allow_partial;
  return l;
}

json outcome_json(const d::SelectionOutcome& o) {
  json reasons = json::object();
  for (const auto& [reason, count] : o.not_funded_count) reasons[d::to_string(reason)] = count;
  json out = {{"method", d::to_string(o.method)},
              {"funded_count", o.funded_count},
              {"total_fen", o.total_fen},
              {"score_sum", o.score_sum},
              {"category_total_fen", o.category_total_fen},
              {"cluster_total_fen", o.cluster_total_fen},
              {"not_funded_count", reasons},
              {"decisions", json::array()}};
  if (o.method == d::SelectionMethod::optimal) {
    out["solver"] = {
        {"status", o.solver_status}, {"upper_bound", o.upper_bound}, {"gap", o.gap}, {"seconds", o.seconds}};
  }
  for (const auto& dcs : o.decisions) {
    json j = {{"application", dcs.id},        {"rank", dcs.rank},
              {"score", dcs.score},           {"subsidy_fen", dcs.subsidy_fen},
              {"funded_fen", dcs.funded_fen}, {"funded", dcs.funded}};
    if (dcs.reason) {
      j["reason"] = d::to_string(*dcs.reason);
      if (!dcs.limit_key.empty()) j["limit"] = dcs.limit_key;
      if (*dcs.reason == d::NotFundedReason::budget || !dcs.limit_key.empty()) j["room_fen"] = dcs.room_fen;
    }
    out["decisions"].push_back(j);
  }
  return out;
}

json diff_json(const d::SelectionDiff& diff) {
  json changes = json::array();
  for (const auto& c : diff.changes) {
    changes.push_back({{"application", c.id},
                       {"rank", c.rank},
                       {"rank_order_fen", c.rank_order_fen},
                       {"optimal_fen", c.optimal_fen}});
  }
  return {{"changes", changes},
          {"funded_count_change", diff.funded_count_change},
          {"total_fen_change", diff.total_fen_change},
          {"score_sum_change", diff.score_sum_change}};
}

std::string selection_csv(const d::SelectionOutcome* rank, const d::SelectionOutcome* optimal) {
  const d::SelectionOutcome& base = rank ? *rank : *optimal;
  std::string text = csv_line({"application", "rank", "score", "subsidy_fen", "rank_order_fen",
                               "rank_order_reason", "optimal_fen", "optimal_reason"});
  for (std::size_t i = 0; i < base.decisions.size(); ++i) {
    const auto& b = base.decisions[i];
    auto cells = [](const d::SelectionOutcome* o, std::size_t i) -> std::pair<std::string, std::string> {
      if (!o) return {"", ""};
      const auto& x = o->decisions[i];
      return {std::to_string(x.funded_fen), x.reason ? d::to_string(*x.reason) : ""};
    };
    auto [rf, rr] = cells(rank, i);
    auto [of, orr] = cells(optimal, i);
    text += csv_line(
        {b.id, std::to_string(b.rank), fixed(b.score), std::to_string(b.subsidy_fen), rf, rr, of, orr});
  }
  return text;
}

// Scores from an earlier `iifund score` output replace the candidates' own.
void merge_scores(std::vector<d::SelectionCandidate>& candidates, const std::string& path) {
  const json scored = read_json(path);
  std::map<std::string, double> scores;
  for (const auto& a : scored.at("applications")) {
    scores[a.at("application").get<std::string>()] = a.at("score").get<double>();
  }
  for (auto& c : candidates) {
    auto it = scores.find(c.id);
    if (it == scores.end()) throw InputError("no score for application " + c.id + " in " + path);
    c.score = it->second;
  }
}

int run_select(const SelectArgs& a) {
  json in = json::object();
  std::vector<d::SelectionCandidate> candidates;
  if (ends_with(a.input, ".csv")) {
    candidates = candidates_from_csv(read_text(a.input));
  } else {
    in = read_json(a.input);
    candidates = candidates_from_json(in.at("candidates"));
  }
  if (!a.scores.empty()) merge_scores(candidates, a.scores);
  const d::SelectionLimits limits = selection_limits(in, a);
  d::OptimalOptions options;
  take(in.value("options", json::object()), "time_limit_seconds", options.time_limit_seconds);
  if (a.time_limit) options.time_limit_seconds = *a.time_limit;
  std::optional<d::SelectionOutcome> rank, optimal;
  json out = json::object();
  if (a.method != "optimal") {
    auto r = d::select_rank_order(candidates, limits);
    if (!r) {
      report_problem(r.problem());
      return 1;
    }
    rank = std::move(r).value();
    out["rank_order"] = outcome_json(*rank);
  }
  if (a.method != "rank") {
    auto r = d::select_optimal(candidates, limits, options);
    if (!r) {
      report_problem(r.problem());
      return 1;
    }
    optimal = std::move(r).value();
    out["optimal"] = outcome_json(*optimal);
  }
  if (rank && optimal) out["diff"] = diff_json(d::compare_selections(*rank, *optimal));
  out["limits"] = {{"budget_fen", limits.budget_fen},
                   {"category_budget_fen", limits.category_budget_fen},
                   {"cluster_cap_fen", limits.cluster_cap_fen},
                   {"default_cluster_cap_fen", limits.default_cluster_cap_fen},
                   {"threshold", limits.threshold},
                   {"allow_partial", limits.allow_partial}};
  const d::SelectionOutcome* rp = rank ? &*rank : nullptr;
  const d::SelectionOutcome* op = optimal ? &*optimal : nullptr;
  write_output(a.out, a.out.csv() ? selection_csv(rp, op) : out.dump(2) + "\n");
  return 0;
}

}  // namespace

void add_score_command(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<ScoreArgs>();
  auto* c =
      app.add_subcommand("score", "Aggregate expert score sheets: trimmed mean, divergence, normalization");
  c->footer(R"(Input (JSON):
  {"criteria": [{"id", "weight", "max"}]             (one set for all; or {"<category>": [..], ..})
   "sheets": [{"application", "expert", "category", "scores": {"<criterion id>": score, ..} or [..]}],
   "options": {"divergence_sd", "ranking_score", "expected_sheets_per_application"}}
  With --policy, each category's criteria come from the batch policy (keys: number and id).
Rules (DOMAIN.md §8 item 8): expert total = Σ weight × score ÷ max (0–100); score = trimmed mean (one
  highest and one lowest dropped from 5 or more); divergent when the population SD of all totals >
  divergence_sd (15); normalized = each expert's totals standardized over the input, mapped back
  with the mean and SD of all totals. Both are always reported; ranking_score picks "score".
Output (JSON): {"ranking_score", "normalization_available", "batch_mean", "batch_sd",
  "applications": [{"application", "category", "score", "trimmed_mean", "normalized", "spread_sd",
  "divergent", "totals": [{"expert", "total", "normalized", "trimmed"}]}], "experts": [..]}
Output (CSV): application,category,score,trimmed_mean,normalized,spread_sd,divergent,experts
The JSON output feeds `iifund select --scores`.)");
  c->add_option("-i,--input", args->input, "Criteria and score sheets (JSON; - for stdin)")->required();
  c->add_option("--policy", args->policy, "Batch policy TOML: criteria, divergence_sd, ranking_score");
  c->add_option("--ranking-score", args->ranking, "trimmed_mean or normalized")
      ->check(CLI::IsMember({"trimmed_mean", "normalized"}));
  c->add_option("--divergence-sd", args->divergence_sd,
                "Flag applications whose totals' SD exceeds this (15)");
  c->add_option("--expected-sheets", args->expected, "Sheets each application must have before normalizing");
  add_output_options(c, args->out);
  c->callback([args, &ctx] { run(ctx, [&] { return run_score(*args); }); });
}

void add_select_command(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<SelectArgs>();
  auto* c =
      app.add_subcommand("select", "Rank-order and optimal selection (排序优选) within budgets and caps");
  c->footer(R"(Input (JSON):
  {"candidates": [{"id", "number", "category", "cluster", "score", "submitted_at" (Unix seconds),
                   "subsidy_fen", "organizer_adjusted", "objection_upheld"}],
   "limits": {"budget_fen", "category_budget_fen": {"<category>": fen}, "cluster_cap_fen":
              {"<cluster>": fen}, "default_cluster_cap_fen", "threshold", "allow_partial"},
   "options": {"time_limit_seconds"}}
Input (CSV, when the file ends in .csv): a header row naming id,score,subsidy_fen and optionally
  number,category,cluster,submitted_at,organizer_adjusted,objection_upheld; limits from flags/--policy.
Money is integer fen (1 yuan = 100 fen). subsidy_fen is the computed subsidy, already capped per
  project and enterprise. Rank order: score desc, then earlier submission, then number; walks the
  whole list. Optimal: GLPK MIP maximizing the funded scores (ties: larger total), started from the
  rank-order solution, never worse; gap reported at the time limit.
Output (JSON): {"rank_order": outcome, "optimal": outcome, "diff": {"changes": [{"application",
  "rank", "rank_order_fen", "optimal_fen"}], ..}, "limits"}; outcome = {"funded_count", "total_fen",
  "score_sum", "category_total_fen", "cluster_total_fen", "not_funded_count", "solver" (optimal:
  status, upper_bound, gap, seconds), "decisions": [{"application", "rank", "score", "subsidy_fen",
  "funded_fen", "funded", "reason" (budget | category_budget | cluster_cap | threshold |
  organizer_adjusted | objection_upheld), "limit", "room_fen"}]}
Output (CSV): application,rank,score,subsidy_fen,rank_order_fen,rank_order_reason,optimal_fen,optimal_reason)");
  c->add_option("-i,--input", args->input, "Candidates and limits (JSON, or CSV ending in .csv)")->required();
  c->add_option("--policy", args->policy,
                "Batch policy TOML: budget, category budgets, threshold, allow_partial");
  c->add_option("--scores", args->scores, "Output of `iifund score`: its scores replace the candidates'");
  c->add_option("--method", args->method, "rank, optimal or both (default both)")
      ->check(CLI::IsMember({"rank", "optimal", "both"}));
  c->add_option("--budget-fen", args->budget_fen, "Batch budget in fen");
  c->add_option("--threshold", args->threshold, "Library threshold score (60)");
  c->add_flag_callback(
      "--allow-partial", [args] { args->allow_partial = true; }, "Allow partial funding");
  c->add_flag_callback(
      "--no-partial", [args] { args->allow_partial = false; }, "Fund whole projects only");
  c->add_option("--time-limit", args->time_limit, "Seconds the optimizer may run (30)");
  add_output_options(c, args->out);
  c->callback([args, &ctx] { run(ctx, [&] { return run_select(*args); }); });
}

}  // namespace iifund::cli
