#pragma once
// 验收: one acceptance per approved application — the enterprise's actual investment and targets
// and its report, then the organizer's conclusion. Created by the enterprise's first save.
#include <optional>
#include <string>

#include "store/database.hpp"

namespace iifund::store {

struct AcceptanceRecord {
  long long application_id = 0;
  std::optional<long long> actual_investment_fen;
  std::string targets_json = "[]";  // [{id, actual}], the targets as the form numbers them
  std::string report;
  std::string state = "draft";  // draft | submitted | passed | failed
  std::string conclusion;       // the organizer's note
  std::optional<long long> concluded_by;
  std::optional<std::string> concluded_at;
  int version = 0;  // 0: nothing saved yet
  std::string updated_at;
};

std::optional<AcceptanceRecord> find_acceptance(soci::session& sql, long long application_id);
// Inserts the first version (version 1).
void insert_acceptance(soci::session& sql, const AcceptanceRecord& acceptance);
// Writes every column when `expected_version` is current (the version becomes expected + 1);
// false when stale.
bool update_acceptance(soci::session& sql, const AcceptanceRecord& acceptance, int expected_version);

}  // namespace iifund::store
