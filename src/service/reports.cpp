#include "service/reports.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "domain/workflow.hpp"
#include "service/batch_policies.hpp"
#include "store/row_reading.hpp"

namespace iifund::service {

namespace {

struct ApplicationFigures {
  std::string county_code;
  int category = 0;
  std::string state;
  std::string cluster_id;
  long long requested_fen = 0;
  long long computed_fen = 0;
  long long approved_fen = 0;
};

// The application's cluster: the cluster pilot's own, else the first the enterprise's profile names.
std::string cluster_of(const std::string& form_json, const std::string& profile_json) {
  auto form = nlohmann::json::parse(form_json, nullptr, false);
  if (form.is_object() && form.contains("cluster") && form["cluster"].is_object()) {
    auto id = form["cluster"].value("cluster_id", std::string());
    if (!id.empty()) return id;
  }
  auto profile = nlohmann::json::parse(profile_json, nullptr, false);
  if (profile.is_object() && profile.contains("clusters") && profile["clusters"].is_array() &&
      !profile["clusters"].empty() && profile["clusters"][0].is_string()) {
    return profile["clusters"][0].get<std::string>();
  }
  return "";
}

std::vector<ApplicationFigures> load_figures(soci::session& sql, long long batch_id,
                                             const std::optional<std::string>& county) {
  const int all_counties = county ? 0 : 1;
  const std::string county_code = county.value_or("");
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT a.county_code, a.category, a.state, a.requested_fen, a.computed_fen, a.form_json, "
              "e.profile_json, f.approved_fen FROM applications a JOIN enterprises e ON e.id = "
              "a.enterprise_id LEFT JOIN funded_projects f ON f.application_id = a.id "
              "WHERE a.batch_id = :b AND a.submitted_at IS NOT NULL AND (:all = 1 OR a.county_code = :c)",
       soci::use(batch_id), soci::use(all_counties), soci::use(county_code));
  std::vector<ApplicationFigures> figures;
  for (const auto& row : rows) {
    ApplicationFigures figure;
    figure.county_code = row.get<std::string>(0);
    figure.category = static_cast<int>(store::row_integer(row, 1));
    figure.state = row.get<std::string>(2);
    figure.requested_fen = store::row_integer(row, 3);
    figure.computed_fen = store::row_integer(row, 4);
    figure.cluster_id = cluster_of(row.get<std::string>(5), row.get<std::string>(6));
    if (row.get_indicator(7) == soci::i_ok) figure.approved_fen = store::row_integer(row, 7);
    figures.push_back(std::move(figure));
  }
  return figures;
}

void add_to(AmountGroup& group, const ApplicationFigures& figure) {
  group.applications += 1;
  group.requested_fen += figure.requested_fen;
  group.computed_fen += figure.computed_fen;
  group.approved_fen += figure.approved_fen;
}

// Groups in key order, named from the policy (or the state table) for both languages.
template <typename KeyOf, typename NameOf>
std::vector<AmountGroup> group_by(const std::vector<ApplicationFigures>& figures, KeyOf key_of,
                                  NameOf name_of) {
  std::map<std::string, AmountGroup> groups;
  for (const auto& figure : figures) {
    auto key = key_of(figure);
    auto& group = groups[key];
    if (group.applications == 0) {
      group.key = key;
      std::tie(group.name_zh, group.name_en) = name_of(key);
    }
    add_to(group, figure);
  }
  std::vector<AmountGroup> ordered;
  ordered.reserve(groups.size());
  for (auto& [key, group] : groups) ordered.push_back(std::move(group));
  return ordered;
}

ReviewProgress review_progress(soci::session& sql, long long batch_id,
                               const std::optional<std::string>& county) {
  const int all_counties = county ? 0 : 1;
  const std::string county_code = county.value_or("");
  ReviewProgress progress;
  sql << "SELECT COUNT(*) FROM applications WHERE batch_id = :b AND state = 'under_review' AND (:all = 1 OR "
         "county_code = :c)",
      soci::use(batch_id), soci::use(all_counties), soci::use(county_code),
      soci::into(progress.applications_under_review);
  sql << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.state = 'submitted' THEN 1 ELSE 0 END), 0) FROM "
         "review_assignments r JOIN applications a ON a.id = r.application_id LEFT JOIN review_scores s ON "
         "s.assignment_id = r.id WHERE a.batch_id = :b AND r.state = 'active' AND (:all = 1 OR a.county_code "
         "= :c)",
      soci::use(batch_id), soci::use(all_counties), soci::use(county_code),
      soci::into(progress.sheets_expected), soci::into(progress.sheets_submitted);
  return progress;
}

std::vector<ExpertLoad> expert_load(soci::session& sql, long long batch_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT x.id, x.name, x.max_load, COUNT(r.id), COALESCE(SUM(CASE WHEN s.state = 'submitted' "
              "THEN 1 ELSE 0 END), 0) FROM experts x JOIN review_assignments r ON r.expert_id = x.id AND "
              "r.state = 'active' JOIN applications a ON a.id = r.application_id AND a.batch_id = :b LEFT "
              "JOIN review_scores s ON s.assignment_id = r.id GROUP BY x.id, x.name, x.max_load ORDER BY "
              "x.id",
       soci::use(batch_id));
  std::vector<ExpertLoad> loads;
  for (const auto& row : rows) {
    loads.push_back({store::row_integer(row, 0), row.get<std::string>(1), store::row_integer(row, 3),
                     store::row_integer(row, 4), store::row_integer(row, 2)});
  }
  return loads;
}

}  // namespace

domain::Result<BatchOverview> batch_overview(store::Database& db, const Caller& caller, long long batch_id) {
  std::optional<std::string> county;
  if (caller.is("county")) {
    if (!caller.county_code) return domain::make_problem("forbidden", 403);
    county = caller.county_code;
  } else if (!caller.is("organizer") && !caller.is("bureau")) {
    return domain::make_problem("forbidden", 403);
  }
  BatchOverview overview;
  overview.batch_id = batch_id;
  domain::Status read = db.read([&](soci::session& sql) -> domain::Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    const auto& policy = *batch->policy;
    auto figures = load_figures(sql, batch_id, county);
    using Names = std::pair<std::string, std::string>;
    overview.by_county = group_by(
        figures, [](const auto& f) { return f.county_code; },
        [&](const std::string& key) {
          const auto* found = policy.find_county(key);
          return found ? Names{found->name.zh, found->name.en} : Names{key, key};
        });
    overview.by_category = group_by(
        figures, [](const auto& f) { return std::to_string(f.category); },
        [&](const std::string& key) {
          const auto* found = policy.find_category(std::stoi(key));
          return found ? Names{found->name.zh, found->name.en} : Names{key, key};
        });
    overview.by_status = group_by(
        figures, [](const auto& f) { return f.state; },
        [](const std::string& key) {
          auto state = domain::parse_application_state(key);
          if (!state) return Names{key, key};
          const auto& label = domain::state_label(*state);
          return Names{label.zh, label.en};
        });
    overview.by_cluster = group_by(
        figures, [](const auto& f) { return f.cluster_id; },
        [&](const std::string& key) {
          const auto* found = key.empty() ? nullptr : policy.find_cluster(key);
          if (found) return Names{found->name.zh, found->name.en};
          return key.empty() ? Names{"未填写集群", "No cluster given"} : Names{key, key};
        });
    overview.total.key = "total";
    overview.total.name_zh = "合计";
    overview.total.name_en = "Total";
    for (const auto& figure : figures) add_to(overview.total, figure);
    overview.review = review_progress(sql, batch_id, county);
    if (!county) overview.expert_load = expert_load(sql, batch_id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return overview;
}

const std::vector<AmountGroup>* chart_rows(const BatchOverview& overview, const std::string& chart) {
  if (chart == "by_county") return &overview.by_county;
  if (chart == "by_category") return &overview.by_category;
  if (chart == "by_status") return &overview.by_status;
  if (chart == "by_cluster") return &overview.by_cluster;
  return nullptr;
}

}  // namespace iifund::service
