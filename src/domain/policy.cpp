#include "domain/policy.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <map>
#include <set>

namespace iifund::domain {

std::string_view to_string(InvestmentBasis basis) {
  return basis == InvestmentBasis::with_tax ? "with_tax" : "without_tax";
}

std::string_view to_string(CategoryKind kind) {
  switch (kind) {
    case CategoryKind::project:
      return "project";
    case CategoryKind::enterprise:
      return "enterprise";
    case CategoryKind::cluster:
      return "cluster";
    case CategoryKind::training:
      return "training";
  }
  return "unknown";
}

std::string_view to_string(ClusterGroup group) {
  switch (group) {
    case ClusterGroup::pillar:
      return "pillar";
    case ClusterGroup::emerging:
      return "emerging";
    case ClusterGroup::local_traditional:
      return "local_traditional";
  }
  return "unknown";
}

std::vector<Criterion> CategoryPolicy::scoring_criteria() const {
  std::vector<Criterion> out;
  for (const auto& c : criteria) out.push_back(Criterion{c.id, double(c.weight), double(c.max_score)});
  return out;
}

bool CategoryPolicy::counts_investment_type(std::string_view type) const {
  for (const auto& t : eligible_investment_types)
    if (t == type) return true;
  return false;
}

const CategoryPolicy* Policy::find_category(int number) const {
  for (const auto& c : categories)
    if (c.number == number) return &c;
  return nullptr;
}

const CategoryPolicy* Policy::find_category(std::string_view category_id) const {
  for (const auto& c : categories)
    if (c.id == category_id) return &c;
  return nullptr;
}

const County* Policy::find_county(std::string_view division_code) const {
  for (const auto& c : counties)
    if (c.division_code == division_code) return &c;
  return nullptr;
}

const IndustryCluster* Policy::find_cluster(std::string_view cluster_id) const {
  for (const auto& c : clusters)
    if (c.id == cluster_id) return &c;
  return nullptr;
}

bool Policy::is_default(std::string_view key) const {
  for (const auto& d : defaults)
    if (key == d || (key.size() > d.size() && key.substr(0, d.size()) == d && key[d.size()] == '.'))
      return true;
  return false;
}

namespace {

struct PolicyError {
  int line = 0;
  std::string rule;
  std::string key;
  std::string message;
};

struct Errors {
  std::vector<PolicyError> list;
  void add(int line, std::string rule, std::string key, std::string message) {
    list.push_back(PolicyError{line, std::move(rule), std::move(key), std::move(message)});
  }
};

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::optional<Instant> to_instant(const toml::date_time& dt) {
  if (!dt.offset) return std::nullopt;
  using namespace std::chrono;
  const auto days = sys_days(year_month_day(year(dt.date.year), month(dt.date.month), day(dt.date.day)));
  return Instant(days.time_since_epoch()) + hours(dt.time.hour) + minutes(dt.time.minute) +
         seconds(dt.time.second) - minutes(dt.offset->minutes);
}

// Reads one TOML table: typed getters that record the mistakes, and `finish` reports any key it
// was never asked about, so a misspelt key is an error rather than a silently ignored rule.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string display_path, std::string schema_path, Errors& errors,
              std::set<std::string>& known_keys)
      : table_(table),
        display_path_(std::move(display_path)),
        schema_path_(std::move(schema_path)),
        errors_(errors),
        known_keys_(known_keys) {}

  int line() const { return line_of(table_); }
  Errors& errors() { return errors_; }
  std::string key(std::string_view k) const {
    return display_path_.empty() ? std::string(k) : display_path_ + "." + std::string(k);
  }
  std::string schema_key(std::string_view k) const {
    return schema_path_.empty() ? std::string(k) : schema_path_ + "." + std::string(k);
  }
  int line_of_key(std::string_view k) const {
    const toml::node* n = table_.get(k);
    return n ? line_of(*n) : line();
  }

  template <typename T>
  std::optional<T> get(std::string_view k, bool required, std::string_view type_name) {
    used_.insert(std::string(k));
    known_keys_.insert(schema_key(k));
    const toml::node* n = table_.get(k);
    if (n == nullptr) {
      if (required) errors_.add(line(), "missing_key", key(k), fmt::format("`{}` is required", key(k)));
      return std::nullopt;
    }
    if (auto v = n->value_exact<T>()) return v;
    errors_.add(line_of(*n), "wrong_type", key(k), fmt::format("`{}` must be {}", key(k), type_name));
    return std::nullopt;
  }

  std::optional<std::string> string(std::string_view k, bool required = true) {
    return get<std::string>(k, required, "a string");
  }
  std::optional<std::int64_t> integer(std::string_view k, bool required = true) {
    return get<std::int64_t>(k, required, "an integer");
  }
  std::optional<bool> boolean(std::string_view k, bool required = true) {
    return get<bool>(k, required, "true or false");
  }
  std::optional<double> number(std::string_view k, bool required = true) {
    const toml::node* n = table_.get(k);
    if (n != nullptr && n->is_integer()) return static_cast<double>(*integer(k));
    return get<double>(k, required, "a number");
  }
  std::optional<Money> money(std::string_view k, bool required = true) {
    auto v = get<std::int64_t>(k, required, "an integer amount in fen");
    if (!v) return std::nullopt;
    return Money::from_fen(*v);
  }
  std::optional<Instant> instant(std::string_view k, bool required = true) {
    auto v = get<toml::date_time>(k, required, "an offset date-time such as 2022-12-01T00:00:00+08:00");
    if (!v) return std::nullopt;
    auto at = to_instant(*v);
    if (!at)
      errors_.add(line_of_key(k), "datetime_offset_required", key(k),
                  fmt::format("`{}` needs a UTC offset, e.g. +08:00 for Beijing time", key(k)));
    return at;
  }
  std::vector<std::string> strings(std::string_view k, bool required = true,
                                   std::vector<int>* lines = nullptr) {
    std::vector<std::string> out;
    const toml::array* arr = array(k, required);
    if (arr == nullptr) return out;
    for (const auto& item : *arr) {
      if (auto s = item.value_exact<std::string>()) {
        out.push_back(*s);
        if (lines != nullptr) lines->push_back(line_of(item));
      } else
        errors_.add(line_of(item), "wrong_type", key(k), fmt::format("`{}` must list strings", key(k)));
    }
    return out;
  }
  const toml::array* array(std::string_view k, bool required = true) {
    used_.insert(std::string(k));
    known_keys_.insert(schema_key(k));
    const toml::node* n = table_.get(k);
    if (n == nullptr) {
      if (required) errors_.add(line(), "missing_key", key(k), fmt::format("`{}` is required", key(k)));
      return nullptr;
    }
    if (!n->is_array())
      errors_.add(line_of(*n), "wrong_type", key(k), fmt::format("`{}` must be an array", key(k)));
    return n->as_array();
  }
  const toml::table* table(std::string_view k, bool required = true) {
    used_.insert(std::string(k));
    known_keys_.insert(schema_key(k));
    const toml::node* n = table_.get(k);
    if (n == nullptr) {
      if (required) errors_.add(line(), "missing_key", key(k), fmt::format("[{}] is required", key(k)));
      return nullptr;
    }
    if (!n->is_table())
      errors_.add(line_of(*n), "wrong_type", key(k), fmt::format("`{}` must be a table", key(k)));
    return n->as_table();
  }
  std::optional<TableReader> sub_table(std::string_view k, bool required = true) {
    const toml::table* t = table(k, required);
    if (t == nullptr) return std::nullopt;
    return TableReader(*t, key(k), schema_key(k), errors_, known_keys_);
  }
  // [[k]]: each element as a reader of its own.
  template <typename F>
  void each_table(std::string_view k, bool required, F&& read_one) {
    const toml::array* arr = array(k, required);
    if (arr == nullptr) return;
    if (required && arr->empty())
      errors_.add(line_of_key(k), "empty_list", key(k), fmt::format("`{}` lists nothing", key(k)));
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const toml::node& item = (*arr)[i];
      if (!item.is_table()) {
        errors_.add(line_of(item), "wrong_type", key(k),
                    fmt::format("`{}` must be tables ([[{}]])", key(k), key(k)));
        continue;
      }
      TableReader child(*item.as_table(), fmt::format("{}[{}]", key(k), i), schema_key(k), errors_,
                        known_keys_);
      read_one(child);
      child.finish();
    }
  }
  LocalizedName name() {
    LocalizedName n{string("name_zh").value_or(""), string("name_en").value_or("")};
    for (auto [k, v] : {std::pair{"name_zh", &n.zh}, std::pair{"name_en", &n.en}})
      if (table_.get(k) != nullptr && v->empty())
        errors_.add(line_of_key(k), "name_missing", key(k), fmt::format("`{}` is empty", key(k)));
    return n;
  }
  NamedItem named_item() {
    NamedItem item;
    item.id = identifier("id");
    item.name = name();
    return item;
  }
  std::string identifier(std::string_view k) {
    std::string id = string(k).value_or("");
    bool ok = !id.empty();
    for (char c : id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    if (table_.get(k) != nullptr && !ok)
      errors_.add(line_of_key(k), "id_format", key(k),
                  fmt::format("`{}` must be lower-case letters, digits, '_' or '-'", key(k)));
    return id;
  }
  void finish() {
    for (const auto& [k, node] : table_) {
      if (used_.count(std::string(k.str())) == 0)
        errors_.add(line_of(node), "unknown_key", key(k.str()),
                    fmt::format("unknown key `{}`", key(k.str())));
    }
  }

 private:
  const toml::table& table_;
  std::string display_path_;
  std::string schema_path_;
  Errors& errors_;
  std::set<std::string>& known_keys_;
  std::set<std::string> used_;
};

template <typename E>
std::optional<E> enum_value(TableReader& r, std::string_view k,
                            const std::vector<std::pair<std::string_view, E>>& values, bool required = true) {
  auto s = r.string(k, required);
  if (!s) return std::nullopt;
  std::string allowed;
  for (const auto& [name, value] : values) {
    if (name == *s) return value;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  r.errors().add(r.line_of_key(k), "unknown_value", r.key(k),
                 fmt::format("`{}` is \"{}\"; expected one of {}", r.key(k), *s, allowed));
  return std::nullopt;
}

void require_positive(TableReader& r, std::string_view k, std::optional<Money> amount) {
  if (amount && amount->fen() <= 0)
    r.errors().add(r.line_of_key(k), "cap_not_positive", r.key(k),
                   fmt::format("`{}` must be more than 0 fen", r.key(k)));
}

template <typename Item>
void require_unique_ids(Errors& errors, const std::vector<Item>& items, const std::vector<int>& lines,
                        std::string_view what) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].id.empty() && !seen.insert(items[i].id).second)
      errors.add(lines[i], "duplicate_id", std::string(what),
                 fmt::format("{} id \"{}\" appears twice", what, items[i].id));
  }
}

void read_criteria(TableReader& r, CategoryPolicy& category) {
  std::vector<int> lines;
  r.each_table("criteria", true, [&](TableReader& c) {
    ReviewCriterion criterion;
    criterion.id = c.identifier("id");
    criterion.name = c.name();
    criterion.weight = static_cast<int>(c.integer("weight").value_or(0));
    criterion.max_score = static_cast<int>(c.integer("max_score", false).value_or(criterion.weight));
    if (criterion.weight <= 0 || criterion.max_score <= 0)
      c.errors().add(c.line_of_key("weight"), "weight_not_positive", c.key("weight"),
                     fmt::format("`{}` and its max_score must be more than 0", c.key("weight")));
    lines.push_back(c.line());
    category.criteria.push_back(std::move(criterion));
  });
  int sum = 0;
  for (const auto& c : category.criteria) sum += c.weight;
  if (!category.criteria.empty() && sum != 100)
    r.errors().add(r.line(), "weights_sum_100", r.key("criteria"),
                   fmt::format("the weights of category {} sum to {}, not 100", category.number, sum));
  require_unique_ids(r.errors(), category.criteria, lines, "criterion");
}

void read_named_items(TableReader& r, std::string_view key, bool required, std::vector<NamedItem>& out) {
  std::vector<int> lines;
  r.each_table(key, required, [&](TableReader& item) {
    lines.push_back(item.line());
    out.push_back(item.named_item());
  });
  require_unique_ids(r.errors(), out, lines, key);
}

// Each kind of category needs its own caps: the rule in the notice it encodes.
void check_category_caps(TableReader& r, const CategoryPolicy& c) {
  auto missing = [&](std::string_view k, std::string_view why) {
    r.errors().add(r.line(), "cap_missing", r.key(k),
                   fmt::format("a {} category needs `{}` ({})", to_string(c.kind), k, why));
  };
  if (c.kind == CategoryKind::project && !c.project_cap) missing("project_cap_fen", "cap per project");
  if (c.kind == CategoryKind::enterprise && !c.enterprise_cap)
    missing("enterprise_cap_fen", "cap per enterprise");
  if (c.kind == CategoryKind::cluster && !c.enterprise_cap) missing("enterprise_cap_fen", "cap per member");
  if (c.kind == CategoryKind::cluster && !c.cluster_cap) missing("cluster_cap_fen", "cap per cluster");
  if (c.kind == CategoryKind::training && !c.project_cap)
    missing("project_cap_fen", "cap per training project");
  if (c.kind != CategoryKind::cluster && c.cluster_cap)
    r.errors().add(r.line_of_key("cluster_cap_fen"), "cap_not_applicable", r.key("cluster_cap_fen"),
                   "only a cluster category has a per-cluster cap");
  if (c.kind != CategoryKind::training && !c.rate)
    r.errors().add(r.line(), "rate_missing", r.key("rate_bp"), "only a training category may omit `rate_bp`");
  if (c.kind == CategoryKind::training && !c.training)
    r.errors().add(r.line(), "training_minimums_missing", r.key("min_training_events"),
                   "a training category needs `min_training_events` and `min_trainees`");
}

CategoryPolicy read_category(TableReader& r, const std::vector<NamedItem>& investment_types) {
  CategoryPolicy c;
  c.number = static_cast<int>(r.integer("number").value_or(0));
  if (r.integer("number", false) && c.number <= 0)
    r.errors().add(r.line_of_key("number"), "category_number_range", r.key("number"),
                   "category numbers start at 1");
  c.id = r.identifier("id");
  c.name = r.name();
  const auto kind = enum_value<CategoryKind>(r, "kind",
                                             {{"project", CategoryKind::project},
                                              {"enterprise", CategoryKind::enterprise},
                                              {"cluster", CategoryKind::cluster},
                                              {"training", CategoryKind::training}});
  c.kind = kind.value_or(CategoryKind::project);
  if (auto rate = r.integer("rate_bp", false)) {
    if (*rate <= 0 || *rate > 10'000)
      r.errors().add(r.line_of_key("rate_bp"), "rate_range", r.key("rate_bp"),
                     fmt::format("`{}` is {}; a rate is 1–10000 basis points", r.key("rate_bp"), *rate));
    c.rate = BasisPoints{static_cast<std::int32_t>(*rate)};
  }
  c.project_cap = r.money("project_cap_fen", false);
  c.enterprise_cap = r.money("enterprise_cap_fen", false);
  c.cluster_cap = r.money("cluster_cap_fen", false);
  c.category_budget = r.money("category_budget_fen", false);
  for (auto k : {"project_cap_fen", "enterprise_cap_fen", "cluster_cap_fen", "category_budget_fen"})
    require_positive(r, k, r.money(k, false));
  auto events = r.integer("min_training_events", false);
  auto trainees = r.integer("min_trainees", false);
  if (events || trainees) {
    c.training =
        TrainingMinimums{static_cast<int>(events.value_or(0)), static_cast<int>(trainees.value_or(0))};
    if (c.training->events <= 0 || c.training->trainees <= 0)
      r.errors().add(r.line(), "training_minimums_missing", r.key("min_training_events"),
                     "`min_training_events` and `min_trainees` must both be more than 0");
  }
  c.requires_sme = r.boolean("requires_sme", false).value_or(false);
  std::vector<int> type_lines;
  c.eligible_investment_types = r.strings("eligible_investment_types", true, &type_lines);
  for (std::size_t i = 0; i < c.eligible_investment_types.size(); ++i) {
    bool known = false;
    for (const auto& t : investment_types) known = known || t.id == c.eligible_investment_types[i];
    if (!known)
      r.errors().add(type_lines[i], "unknown_reference", r.key("eligible_investment_types"),
                     fmt::format("investment type \"{}\" is not among [[investment_types]]",
                                 c.eligible_investment_types[i]));
  }
  read_named_items(r, "directions", false, c.directions);
  read_named_items(r, "materials", true, c.materials);
  read_criteria(r, c);
  if (kind) check_category_caps(r, c);  // an unknown kind is reported once, not as missing caps
  return c;
}

void read_categories(TableReader& root, Policy& policy) {
  std::vector<int> lines;
  std::map<int, int> number_lines;
  root.each_table("categories", true, [&](TableReader& r) {
    CategoryPolicy c = read_category(r, policy.investment_types);
    if (c.number > 0 && !number_lines.emplace(c.number, r.line()).second)
      r.errors().add(r.line_of_key("number"), "duplicate_category_number", r.key("number"),
                     fmt::format("category number {} appears twice", c.number));
    lines.push_back(r.line());
    policy.categories.push_back(std::move(c));
  });
  require_unique_ids(root.errors(), policy.categories, lines, "category");
}

void read_window_and_rules(TableReader& root, Policy& policy) {
  if (auto window = root.sub_table("window")) {
    TableReader& w = *window;
    policy.window_opens = w.instant("opens", false);
    const auto closes = w.instant("closes");
    policy.window_closes = closes.value_or(Instant{});
    if (policy.window_opens && closes && *policy.window_opens >= *closes)
      w.errors().add(w.line_of_key("closes"), "window_order", w.key("closes"),
                     "the window must close after it opens");
    w.finish();
  }
  if (auto rules = root.sub_table("rules")) {
    TableReader& r = *rules;
    policy.investment_basis = enum_value<InvestmentBasis>(r, "investment_basis",
                                                          {{"with_tax", InvestmentBasis::with_tax},
                                                           {"without_tax", InvestmentBasis::without_tax}})
                                  .value_or(InvestmentBasis::with_tax);
    policy.revision_days = static_cast<int>(r.integer("revision_days").value_or(0));
    policy.publicity_days = static_cast<int>(r.integer("publicity_days").value_or(0));
    if (policy.revision_days < 0)
      r.errors().add(r.line_of_key("revision_days"), "days_range", r.key("revision_days"),
                     "cannot be negative");
    if (policy.publicity_days <= 0)
      r.errors().add(r.line_of_key("publicity_days"), "days_range", r.key("publicity_days"),
                     "must be at least 1 day");
    r.finish();
  }
}

void read_review_and_selection(TableReader& root, Policy& policy) {
  if (auto review = root.sub_table("review")) {
    TableReader& r = *review;
    ReviewPolicy& p = policy.review;
    p.library_threshold = r.number("library_threshold").value_or(p.library_threshold);
    p.experts_per_application = static_cast<int>(r.integer("experts_per_application").value_or(0));
    p.divergence_sd = r.number("divergence_sd").value_or(p.divergence_sd);
    p.ranking_score = enum_value<RankingScore>(r, "ranking_score",
                                               {{"trimmed_mean", RankingScore::trimmed_mean},
                                                {"normalized", RankingScore::normalized}})
                          .value_or(RankingScore::trimmed_mean);
    p.conflict_same_county = r.boolean("conflict_same_county").value_or(true);
    if (p.library_threshold < 0 || p.library_threshold > 100)
      r.errors().add(r.line_of_key("library_threshold"), "threshold_range", r.key("library_threshold"),
                     "a score threshold is between 0 and 100");
    if (p.experts_per_application < 1)
      r.errors().add(r.line_of_key("experts_per_application"), "experts_range",
                     r.key("experts_per_application"), "at least one expert reviews each application");
    if (p.divergence_sd <= 0)
      r.errors().add(r.line_of_key("divergence_sd"), "divergence_range", r.key("divergence_sd"),
                     "must be more than 0");
    r.finish();
  }
  if (auto selection = root.sub_table("selection")) {
    TableReader& r = *selection;
    policy.selection.batch_budget = r.money("batch_budget_fen").value_or(Money{});
    policy.selection.allow_partial = r.boolean("allow_partial").value_or(false);
    if (policy.selection.batch_budget.fen() <= 0)
      r.errors().add(r.line_of_key("batch_budget_fen"), "budget_not_positive", r.key("batch_budget_fen"),
                     "the batch budget must be more than 0 fen");
    for (const auto& c : policy.categories)
      if (c.category_budget && *c.category_budget > policy.selection.batch_budget)
        r.errors().add(r.line_of_key("batch_budget_fen"), "category_budget_exceeds_batch",
                       r.key("batch_budget_fen"),
                       fmt::format("category {}'s budget exceeds the batch budget", c.number));
    r.finish();
  }
}

bool six_digits(std::string_view code) {
  if (code.size() != 6) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return true;
}

void read_geography(TableReader& root, Policy& policy) {
  if (auto city = root.sub_table("city")) {
    policy.city_division_code = city->string("division_code").value_or("");
    policy.city = city->name();
    if (!six_digits(policy.city_division_code))
      city->errors().add(city->line_of_key("division_code"), "division_code_format",
                         city->key("division_code"), "a division code (GB/T 2260) is six digits");
    city->finish();
  }
  std::vector<int> county_lines;
  root.each_table("counties", true, [&](TableReader& r) {
    County county{r.string("division_code").value_or(""), r.name()};
    if (!six_digits(county.division_code))
      r.errors().add(r.line_of_key("division_code"), "division_code_format", r.key("division_code"),
                     "a division code (GB/T 2260) is six digits");
    else if (six_digits(policy.city_division_code) &&
             county.division_code.substr(0, 4) != policy.city_division_code.substr(0, 4))
      r.errors().add(
          r.line_of_key("division_code"), "county_outside_city", r.key("division_code"),
          fmt::format("{} is not under the city {}", county.division_code, policy.city_division_code));
    for (const auto& other : policy.counties)
      if (other.division_code == county.division_code)
        r.errors().add(r.line_of_key("division_code"), "duplicate_id", r.key("division_code"),
                       fmt::format("county {} appears twice", county.division_code));
    policy.counties.push_back(std::move(county));
  });
  std::vector<int> cluster_lines;
  root.each_table("clusters", true, [&](TableReader& r) {
    IndustryCluster cluster;
    cluster.id = r.identifier("id");
    cluster.group = enum_value<ClusterGroup>(r, "group",
                                             {{"pillar", ClusterGroup::pillar},
                                              {"emerging", ClusterGroup::emerging},
                                              {"local_traditional", ClusterGroup::local_traditional}})
                        .value_or(ClusterGroup::pillar);
    cluster.name = r.name();
    cluster_lines.push_back(r.line());
    policy.clusters.push_back(std::move(cluster));
  });
  require_unique_ids(root.errors(), policy.clusters, cluster_lines, "cluster");
}

void read_sme(TableReader& root, Policy& policy) {
  auto sme = root.sub_table("sme");
  if (!sme) return;
  TableReader& r = *sme;
  SizeThresholds& t = policy.sme;
  t.basis = r.string("basis").value_or("");
  auto tier = [&](std::string_view name, SizeTier& out) {
    out.min_employees = static_cast<int>(r.integer(fmt::format("{}_min_employees", name)).value_or(0));
    out.min_revenue = r.money(fmt::format("{}_min_revenue_fen", name)).value_or(Money{});
  };
  tier("large", t.large);
  tier("medium", t.medium);
  tier("small", t.small);
  const bool ordered =
      t.small.min_employees > 0 && t.small.min_revenue.fen() > 0 &&
      t.medium.min_employees > t.small.min_employees && t.medium.min_revenue > t.small.min_revenue &&
      t.large.min_employees > t.medium.min_employees && t.large.min_revenue > t.medium.min_revenue;
  if (!ordered)
    r.errors().add(r.line(), "sme_thresholds_order", "sme",
                   "size thresholds must be positive and rise from small to medium to large");
  r.finish();
}

void read_header(TableReader& root, Policy& policy) {
  auto schema = root.integer("schema");
  if (schema && *schema != 1)
    root.errors().add(root.line_of_key("schema"), "schema_version", "schema",
                      fmt::format("schema {} is not supported; this build reads schema 1", *schema));
  policy.id = root.identifier("id");
  policy.name = root.name();
  policy.legal_basis = root.string("legal_basis").value_or("");
  policy.issuer = {root.string("issuer_zh").value_or(""), root.string("issuer_en").value_or("")};
  policy.organizer = {root.string("organizer_zh").value_or(""), root.string("organizer_en").value_or("")};
  policy.defaults = root.strings("defaults", false);
}

// `defaults` names keys by their dotted path without indices ("categories.criteria"); each must
// be a key the file can hold, or a reader would believe a value was a default when it is not.
void check_defaults(TableReader& root, const Policy& policy, const std::set<std::string>& known_keys) {
  for (const auto& d : policy.defaults) {
    const bool known = known_keys.count(d) > 0 || d == "clusters.local_traditional";
    if (!known)
      root.errors().add(root.line_of_key("defaults"), "unknown_default_key", "defaults",
                        fmt::format("`defaults` names \"{}\", which is not a key of a policy", d));
  }
}

Problem policy_problem(std::string_view file_name, const Errors& errors) {
  nlohmann::json lines = nlohmann::json::array();
  Problem p = make_problem("policy_invalid", 422);
  for (const auto& e : errors.list) {
    const std::string line = fmt::format("{}:{}: {}: {}", file_name, e.line, e.rule, e.message);
    lines.push_back(line);
    p.fields.push_back(FieldError{e.key, e.rule, {{"line", e.line}, {"message", e.message}, {"text", line}}});
  }
  p.facts = {{"file", std::string(file_name)}, {"errors", lines}};
  p.detail = lines.empty() ? "" : lines.front().get<std::string>();
  return p;
}

}  // namespace

Result<Policy> parse_policy(std::string_view toml_text, std::string_view file_name) {
  Errors errors;
  toml::table root_table;
  try {
    root_table = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& e) {
    errors.add(static_cast<int>(e.source().begin.line), "toml_syntax", "", std::string(e.description()));
    return policy_problem(file_name, errors);
  }
  Policy policy;
  policy.source_file = std::string(file_name);
  std::set<std::string> known_keys;
  TableReader root(root_table, "", "", errors, known_keys);
  read_header(root, policy);
  read_geography(root, policy);
  read_window_and_rules(root, policy);
  read_named_items(root, "investment_types", true, policy.investment_types);
  read_named_items(root, "declarations", true, policy.declarations);
  read_categories(root, policy);
  read_review_and_selection(root, policy);
  read_sme(root, policy);
  root.finish();
  check_defaults(root, policy, known_keys);
  if (!errors.list.empty()) return policy_problem(file_name, errors);
  return policy;
}

std::vector<std::string> policy_error_lines(const Problem& problem) {
  std::vector<std::string> out;
  if (problem.facts.contains("errors"))
    for (const auto& line : problem.facts.at("errors")) out.push_back(line.get<std::string>());
  if (out.empty()) out.push_back(problem.detail.empty() ? problem.code : problem.detail);
  return out;
}

}  // namespace iifund::domain
