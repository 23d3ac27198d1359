#include "domain/assignment.hpp"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace iifund::domain {
namespace {

constexpr int kNone = -1;
constexpr int kMaxOverloadSteps = 200;  // beyond this the marginal cost stops rising (fewer arcs)

// Strings become small integers once, so the inner loops compare ints.
class Interner {
 public:
  int id(const std::string& text) {
    if (text.empty()) return kNone;
    return ids_.try_emplace(text, static_cast<int>(ids_.size())).first->second;
  }

 private:
  std::unordered_map<std::string, int> ids_;
};

struct PoolApp {
  int category, industry, county, enterprise, self;
};

struct PoolExpert {
  std::vector<int> fields;  // sorted
  int employer, county;
  std::vector<int> declared;  // sorted
  int max_load;
};

// The input, interned, with experts indexed by field for candidate search.
struct Pool {
  std::vector<PoolApp> apps;
  std::vector<PoolExpert> experts;
  std::unordered_map<int, std::vector<int>> by_field;  // experts with capacity, by field
  std::vector<int> with_capacity;
};

Pool make_pool(std::span<const ApplicationForReview> applications, std::span<const Expert> experts) {
  Interner in;
  Pool pool;
  for (const auto& a : applications) {
    pool.apps.push_back(
        {in.id(a.category), in.id(a.industry), in.id(a.county), in.id(a.enterprise), in.id(a.id)});
  }
  for (std::size_t e = 0; e < experts.size(); ++e) {
    const Expert& x = experts[e];
    PoolExpert px{{}, in.id(x.employer), in.id(x.county), {}, x.max_load};
    for (const auto& f : x.fields) px.fields.push_back(in.id(f));
    for (const auto& d : x.declared) px.declared.push_back(in.id(d));
    std::sort(px.fields.begin(), px.fields.end());
    px.fields.erase(std::unique(px.fields.begin(), px.fields.end()), px.fields.end());
    std::sort(px.declared.begin(), px.declared.end());
    if (x.max_load > 0) {
      pool.with_capacity.push_back(static_cast<int>(e));
      for (int f : px.fields) pool.by_field[f].push_back(static_cast<int>(e));
    }
    pool.experts.push_back(std::move(px));
  }
  return pool;
}

bool has(const std::vector<int>& sorted, int id) {
  return id != kNone && std::binary_search(sorted.begin(), sorted.end(), id);
}

int conflict_of(const PoolApp& a, const PoolExpert& x, bool avoid_same_county) {
  if (a.enterprise != kNone && a.enterprise == x.employer)
    return static_cast<int>(ConflictReason::same_employer);
  if (has(x.declared, a.enterprise) || has(x.declared, a.self))
    return static_cast<int>(ConflictReason::declared);
  if (avoid_same_county && a.county != kNone && a.county == x.county) {
    return static_cast<int>(ConflictReason::same_county);
  }
  return kNone;
}

int cost_of(const PoolApp& a, const PoolExpert& x, const AssignmentOptions& o) {
  if (has(x.fields, a.industry)) return o.cost_industry_match;
  if (has(x.fields, a.category)) return o.cost_category_match;
  return o.cost_no_match;
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64: cheap, well-spread, reproducible
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Candidate experts per application, flat: experts[offsets[a] .. offsets[a+1]).
struct Candidates {
  std::vector<std::int64_t> offsets{0};
  std::vector<int> experts;
  std::array<std::int64_t, kConflictReasonCount> conflicts{};
};

class CandidateSearch {
 public:
  CandidateSearch(const Pool& pool, const AssignmentOptions& o, Candidates& out)
      : pool_(pool), o_(o), out_(out), stamp_(pool.experts.size(), kNone) {}

  void all_eligible(int a) {
    for (int e : pool_.with_capacity) try_add(a, e);
  }

  // The cheapest tiers first (industry, then category, then anyone), each walked from a random
  // start so applications of one field do not all queue for the same experts; then random extras.
  // The industry tier gets only 60 % of the places at first: a popular industry's experts fill
  // up, and the flow then needs category experts to fall back on, not only random ones.
  void pruned(int a) {
    const PoolApp& app = pool_.apps[a];
    const int limit = o_.candidate_limit;
    const auto start = out_.experts.size();
    auto count = [&] { return static_cast<int>(out_.experts.size() - start); };
    const std::vector<int>* industry = field_list(app.industry);
    const std::vector<int>* category = field_list(app.category);
    walk(a, industry, 0, category ? (limit * 3 + 4) / 5 : limit, count);
    walk(a, category, 1, limit, count);
    walk(a, industry, 0, limit, count);
    walk(a, &pool_.with_capacity, 2, limit, count);
    const auto& all = pool_.with_capacity;
    std::uint64_t state = mix(o_.seed + 0x51ed27ULL * (static_cast<std::uint64_t>(a) + 1));
    for (int tries = 0;
         tries < 4 * o_.extra_candidates && count() < limit + o_.extra_candidates && !all.empty(); ++tries) {
      state = mix(state);
      try_add(a, all[state % all.size()]);
    }
  }

 private:
  template <typename Count>
  void walk(int a, const std::vector<int>* list, int tier, int until, Count count) {
    if (list == nullptr || list->empty() || count() >= until) return;
    auto offset = mix(o_.seed ^ mix(static_cast<std::uint64_t>(a) * 3 + tier)) % list->size();
    for (std::size_t i = 0; i < list->size() && count() < until; ++i)
      try_add(a, (*list)[(offset + i) % list->size()]);
  }

  const std::vector<int>* field_list(int field) const {
    auto it = pool_.by_field.find(field);
    return it == pool_.by_field.end() ? nullptr : &it->second;
  }

  void try_add(int a, int e) {
    if (stamp_[e] == a) return;
    stamp_[e] = a;
    int reason = conflict_of(pool_.apps[a], pool_.experts[e], o_.avoid_same_county);
    if (reason != kNone) {
      ++out_.conflicts[reason];
      return;
    }
    out_.experts.push_back(e);
  }

  const Pool& pool_;
  const AssignmentOptions& o_;
  Candidates& out_;
  std::vector<int> stamp_;  // the last application that looked at each expert
};

Candidates find_candidates(const Pool& pool, const AssignmentOptions& o, bool prune,
                           const std::vector<char>& full_for) {
  Candidates c;
  CandidateSearch search(pool, o, c);
  for (int a = 0; a < static_cast<int>(pool.apps.size()); ++a) {
    if (prune && !full_for[a]) {
      search.pruned(a);
    } else {
      search.all_eligible(a);
    }
    c.offsets.push_back(static_cast<std::int64_t>(c.experts.size()));
  }
  return c;
}

using Graph = lemon::SmartDigraph;
using Solver = lemon::NetworkSimplex<Graph, int, long long>;

// Solves the flow; returns the experts chosen for each application, cheapest first.
std::vector<std::vector<int>> solve_flow(const Pool& pool, const Candidates& c, const AssignmentOptions& o,
                                         int fair_share) {
  const int n = static_cast<int>(pool.apps.size());
  const int m = static_cast<int>(pool.experts.size());
  const int k = o.experts_per_application;
  Graph g;
  g.reserveNode(n + m + 1);
  g.reserveArc(static_cast<int>(c.experts.size()) + n + m * 4);
  for (int i = 0; i < n + m + 1; ++i) g.addNode();
  const Graph::Node sink = g.nodeFromId(n + m);
  Graph::ArcMap<int> capacity(g);
  Graph::ArcMap<long long> cost(g);
  Graph::NodeMap<int> supply(g, 0);
  auto add = [&](int from, int to, int cap, long long price) {
    Graph::Arc arc = g.addArc(g.nodeFromId(from), to < 0 ? sink : g.nodeFromId(to));
    capacity.set(arc, cap);
    cost.set(arc, price);
  };
  // The dearest arc any path can use: the worst expertise plus the steepest overload step.
  long long steepest = 0;
  for (const auto& x : pool.experts) {
    steepest = std::max<long long>(steepest, marginal_load_cost(x.max_load, fair_share, o));
  }
  const long long worst =
      std::max({o.cost_industry_match, o.cost_category_match, o.cost_no_match}) + steepest;
  // A short unit must cost more than any path that could replace it (see the header).
  const long long penalty = (worst + 1) * (n + m + 2);
  for (int a = 0; a < n; ++a) {  // candidate arcs first, so arc ids line up with c.experts
    for (auto i = c.offsets[a]; i < c.offsets[a + 1]; ++i) {
      add(a, n + c.experts[i], 1, cost_of(pool.apps[a], pool.experts[c.experts[i]], o));
    }
  }
  for (int a = 0; a < n; ++a) {
    add(a, -1, k, penalty);
    supply.set(g.nodeFromId(a), k);
  }
  supply.set(sink, -n * k);
  for (int e = 0; e < m; ++e) {
    const int max_load = pool.experts[e].max_load;
    const int free = std::min(fair_share, max_load);
    if (free > 0) add(n + e, -1, free, 0);
    for (int j = free + 1; j <= max_load; ++j) {
      bool last = j - fair_share >= kMaxOverloadSteps;
      add(n + e, -1, last ? max_load - j + 1 : 1, marginal_load_cost(j, fair_share, o));
      if (last) break;
    }
  }
  Solver solver(g);
  solver.upperMap(capacity).costMap(cost).supplyMap(supply);
  solver.run();  // always feasible: every unit can take its application's short arc
  std::vector<std::vector<int>> chosen(n);
  for (int a = 0; a < n; ++a) {
    for (auto i = c.offsets[a]; i < c.offsets[a + 1]; ++i) {
      if (solver.flow(g.arcFromId(static_cast<int>(i))) > 0) chosen[a].push_back(c.experts[i]);
    }
    std::stable_sort(chosen[a].begin(), chosen[a].end(), [&](int x, int y) {
      return cost_of(pool.apps[a], pool.experts[x], o) < cost_of(pool.apps[a], pool.experts[y], o);
    });
  }
  return chosen;
}

Shortage explain_shortage(const Pool& pool, int a, int assigned, const AssignmentOptions& o) {
  Shortage s;
  s.needed = o.experts_per_application;
  s.assigned = assigned;
  for (const auto& x : pool.experts) {
    int reason = conflict_of(pool.apps[a], x, o.avoid_same_county);
    if (reason != kNone) {
      ++s.excluded_by[reason];
    } else if (x.max_load <= 0) {
      ++s.without_capacity;
    } else {
      ++s.eligible;
    }
  }
  s.reason = s.eligible < s.needed ? ShortageReason::not_enough_eligible_experts
                                   : ShortageReason::eligible_experts_at_max_load;
  return s;
}

Assignment describe(const Pool& pool, std::span<const ApplicationForReview> applications,
                    std::span<const Expert> experts, const std::vector<std::vector<int>>& chosen,
                    int fair_share, const AssignmentOptions& o) {
  Assignment out;
  out.fair_share = fair_share;
  std::vector<int> loads(experts.size(), 0);
  for (std::size_t a = 0; a < applications.size(); ++a) {
    ApplicationAssignment aa{applications[a].id, {}};
    for (int e : chosen[a]) {
      aa.experts.push_back(experts[e].id);
      ++loads[e];
      int cost = cost_of(pool.apps[a], pool.experts[e], o);
      out.expertise_cost += cost;
      const PoolExpert& x = pool.experts[e];
      if (has(x.fields, pool.apps[a].industry)) {
        ++out.industry_matches;
      } else if (has(x.fields, pool.apps[a].category)) {
        ++out.category_matches;
      } else {
        ++out.unmatched;
      }
    }
    int got = static_cast<int>(chosen[a].size());
    if (got < o.experts_per_application) {
      out.shortages.push_back(explain_shortage(pool, static_cast<int>(a), got, o));
      out.shortages.back().application_id = applications[a].id;
    }
    out.applications.push_back(std::move(aa));
  }
  for (std::size_t e = 0; e < experts.size(); ++e) {
    out.loads.push_back({experts[e].id, loads[e], experts[e].max_load});
    for (int j = 1; j <= loads[e]; ++j) out.load_cost += marginal_load_cost(j, fair_share, o);
  }
  return out;
}

Status check_input(std::span<const ApplicationForReview> applications, std::span<const Expert> experts,
                   const AssignmentOptions& o) {
  if (o.experts_per_application < 1) {
    return make_problem("experts_per_application_invalid", 422, {{"k", o.experts_per_application}});
  }
  if (o.candidate_limit < 1 || o.extra_candidates < 0) {
    return make_problem("candidate_limit_invalid", 422,
                        {{"candidate_limit", o.candidate_limit}, {"extra_candidates", o.extra_candidates}});
  }
  std::unordered_set<std::string> ids;
  for (const auto& a : applications) {
    if (a.id.empty() || !ids.insert(a.id).second)
      return make_problem("application_id_duplicate", 422, {{"id", a.id}});
  }
  ids.clear();
  for (const auto& x : experts) {
    if (x.id.empty() || !ids.insert(x.id).second)
      return make_problem("expert_id_duplicate", 422, {{"id", x.id}});
    if (x.max_load < 0)
      return make_problem("expert_max_load_invalid", 422, {{"id", x.id}, {"max_load", x.max_load}});
  }
  return Ok{};
}

int fair_share_of(const Pool& pool, const AssignmentOptions& o) {
  if (pool.with_capacity.empty()) return 0;
  auto demand = static_cast<std::int64_t>(pool.apps.size()) * o.experts_per_application;
  auto experts = static_cast<std::int64_t>(pool.with_capacity.size());
  return static_cast<int>((demand + experts - 1) / experts);
}

}  // namespace

std::optional<ConflictReason> conflict_between(const ApplicationForReview& application, const Expert& expert,
                                               bool avoid_same_county) {
  if (!application.enterprise.empty() && application.enterprise == expert.employer) {
    return ConflictReason::same_employer;
  }
  for (const auto& d : expert.declared) {
    if (!d.empty() && (d == application.enterprise || d == application.id)) return ConflictReason::declared;
  }
  if (avoid_same_county && !application.county.empty() && application.county == expert.county) {
    return ConflictReason::same_county;
  }
  return std::nullopt;
}

int expertise_cost(const ApplicationForReview& application, const Expert& expert,
                   const AssignmentOptions& options) {
  auto covers = [&](const std::string& f) {
    return !f.empty() && std::find(expert.fields.begin(), expert.fields.end(), f) != expert.fields.end();
  };
  if (covers(application.industry)) return options.cost_industry_match;
  if (covers(application.category)) return options.cost_category_match;
  return options.cost_no_match;
}

std::int64_t marginal_load_cost(int j, int fair_share, const AssignmentOptions& options) {
  if (j <= fair_share) return 0;
  return static_cast<std::int64_t>(options.cost_overload_step) * std::min(j - fair_share, kMaxOverloadSteps);
}

Result<Assignment> assign_experts(std::span<const ApplicationForReview> applications,
                                  std::span<const Expert> experts, const AssignmentOptions& options) {
  if (auto ok = check_input(applications, experts, options); !ok) return ok.take_problem();
  const Pool pool = make_pool(applications, experts);
  const int fair_share = fair_share_of(pool, options);
  const bool prune =
      static_cast<std::int64_t>(applications.size()) * static_cast<std::int64_t>(experts.size()) >
      options.full_graph_max_pairs;
  std::vector<char> full_for(applications.size(), 0);
  Candidates c = find_candidates(pool, options, prune, full_for);
  auto chosen = solve_flow(pool, c, options, fair_share);
  if (prune) {
    // Pruning may be what left an application short: give those every eligible expert and re-solve.
    bool any_short = false;
    for (std::size_t a = 0; a < chosen.size(); ++a) {
      if (static_cast<int>(chosen[a].size()) < options.experts_per_application) {
        any_short = true;
        full_for[a] = 1;
      }
    }
    if (any_short) {
      c = find_candidates(pool, options, prune, full_for);
      chosen = solve_flow(pool, c, options, fair_share);
    }
  }
  Assignment out = describe(pool, applications, experts, chosen, fair_share, options);
  out.pruned = prune;
  out.candidate_arcs = static_cast<std::int64_t>(c.experts.size());
  out.conflicts_avoided = c.conflicts;
  return out;
}

Result<Replacement> replace_expert(std::span<const ApplicationForReview> applications,
                                   std::span<const Expert> experts, const Assignment& current,
                                   const std::string& application_id, const std::string& expert_id,
                                   const AssignmentOptions& options) {
  std::unordered_map<std::string, int> expert_index;
  for (std::size_t e = 0; e < experts.size(); ++e) expert_index.emplace(experts[e].id, static_cast<int>(e));
  auto app_it = std::find_if(current.applications.begin(), current.applications.end(),
                             [&](const auto& aa) { return aa.application_id == application_id; });
  auto src_it = std::find_if(applications.begin(), applications.end(),
                             [&](const auto& a) { return a.id == application_id; });
  if (app_it == current.applications.end() || src_it == applications.end()) {
    return make_problem("application_not_assigned", 404, {{"application", application_id}});
  }
  auto slot = std::find(app_it->experts.begin(), app_it->experts.end(), expert_id);
  if (slot == app_it->experts.end() || !expert_index.contains(expert_id)) {
    return make_problem("expert_not_assigned", 404, {{"application", application_id}, {"expert", expert_id}});
  }
  std::vector<int> loads(experts.size(), 0);
  for (const auto& aa : current.applications) {
    for (const auto& id : aa.experts) {
      if (auto it = expert_index.find(id); it != expert_index.end()) ++loads[it->second];
    }
  }
  // Cheapest by expertise plus the cost of one more application for that expert; ties to the
  // lighter load, then input order.
  int best = kNone;
  std::int64_t best_cost = 0;
  for (std::size_t e = 0; e < experts.size(); ++e) {
    const Expert& x = experts[e];
    bool on_it = std::find(app_it->experts.begin(), app_it->experts.end(), x.id) != app_it->experts.end();
    if (on_it || loads[e] >= x.max_load || conflict_between(*src_it, x, options.avoid_same_county)) continue;
    std::int64_t cost =
        expertise_cost(*src_it, x, options) + marginal_load_cost(loads[e] + 1, current.fair_share, options);
    if (best == kNone || cost < best_cost || (cost == best_cost && loads[e] < loads[best])) {
      best = static_cast<int>(e);
      best_cost = cost;
    }
  }
  if (best == kNone) {
    return make_problem("no_replacement_expert", 409,
                        {{"application", application_id}, {"expert", expert_id}});
  }
  Replacement r{current, application_id, expert_id, experts[best].id};
  auto& slots = r.assignment.applications[app_it - current.applications.begin()].experts;
  *std::find(slots.begin(), slots.end(), expert_id) = experts[best].id;
  Assignment& a = r.assignment;
  a.expertise_cost += expertise_cost(*src_it, experts[best], options) -
                      expertise_cost(*src_it, experts[expert_index.at(expert_id)], options);
  a.load_cost = 0;
  for (auto& load : a.loads) {
    if (load.expert_id == expert_id) --load.load;
    if (load.expert_id == experts[best].id) ++load.load;
    for (int j = 1; j <= load.load; ++j) a.load_cost += marginal_load_cost(j, a.fair_share, options);
  }
  return r;
}

const char* to_string(ConflictReason reason) {
  switch (reason) {
    case ConflictReason::same_employer:
      return "same_employer";
    case ConflictReason::declared:
      return "declared";
    case ConflictReason::same_county:
      return "same_county";
  }
  return "unknown";
}

const char* to_string(ShortageReason reason) {
  return reason == ShortageReason::not_enough_eligible_experts ? "not_enough_eligible_experts"
                                                               : "eligible_experts_at_max_load";
}

}  // namespace iifund::domain
