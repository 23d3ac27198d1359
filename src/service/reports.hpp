#pragma once
// 统计: the numbers the dashboards draw for one batch — applications and amounts (requested,
// computed, approved) by county, category, status and industry cluster, review progress and the
// experts' load. A county officer sees its own county's applications and no expert data.
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "store/database.hpp"

namespace iifund::service {

struct AmountGroup {
  std::string key;  // county code, category number, state name or cluster id ("" for none)
  std::string name_zh;
  std::string name_en;
  long long applications = 0;
  long long requested_fen = 0;
  long long computed_fen = 0;
  long long approved_fen = 0;
};

struct ReviewProgress {
  long long applications_under_review = 0;
  long long sheets_submitted = 0;
  long long sheets_expected = 0;
};

struct ExpertLoad {
  long long expert_id = 0;
  std::string name;
  long long active = 0;     // live assignments in the batch
  long long submitted = 0;  // of which the sheet is submitted
  long long max_load = 0;
};

struct BatchOverview {
  long long batch_id = 0;
  std::vector<AmountGroup> by_county;
  std::vector<AmountGroup> by_category;
  std::vector<AmountGroup> by_status;
  std::vector<AmountGroup> by_cluster;
  AmountGroup total;
  ReviewProgress review;
  std::vector<ExpertLoad> expert_load;  // empty for county officers
};

// Submitted applications only (a draft is the enterprise's own business). 404 for an unknown batch.
domain::Result<BatchOverview> batch_overview(store::Database& db, const Caller& caller, long long batch_id);

// The chart names `chart_rows` accepts: by_county, by_category, by_status, by_cluster.
const std::vector<AmountGroup>* chart_rows(const BatchOverview& overview, const std::string& chart);

}  // namespace iifund::service
