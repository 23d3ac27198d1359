#pragma once
// 形式审查: the organizer's checks of an application (round "first", one per frozen revision it
// looked at) and the second look (round "recheck") at a random sample of a batch.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct FormalCheckRecord {
  long long id = 0;
  long long application_id = 0;
  std::string round;                  // first | recheck
  int revision = 0;                   // the snapshot revision that was checked
  std::string outcome;                // pass | supplement | fail
  std::string checklist_json = "{}";  // {item_id: bool}
  std::string reason;
  long long checked_by = 0;
  std::string checked_by_name;  // read only: the user's display name
  std::string checked_at;
};

void insert_formal_check(soci::session& sql, const FormalCheckRecord& check);
// Oldest first.
std::vector<FormalCheckRecord> list_formal_checks(soci::session& sql, long long application_id);
std::optional<FormalCheckRecord> latest_formal_check(soci::session& sql, long long application_id,
                                                     const std::string& round);

struct RecheckSample {
  long long application_id = 0;
  long long batch_id = 0;
  int share_percent = 0;
  long long drawn_by = 0;
  std::string drawn_at;
  std::string number;  // read only: the application's number
};

// The batch's applications with a first check and no sample yet, by id.
std::vector<long long> recheck_candidates(soci::session& sql, long long batch_id);
void insert_recheck_sample(soci::session& sql, const RecheckSample& sample);
std::optional<RecheckSample> find_recheck_sample(soci::session& sql, long long application_id);
std::vector<RecheckSample> list_recheck_samples(soci::session& sql, long long batch_id);

// Numbers of the enterprise's other live applications of the category, in any batch: submitted
// and not yet in a final state (withdrawn, refused, not selected, approved).
std::vector<std::string> other_live_applications(soci::session& sql, long long enterprise_id, int category,
                                                 long long except_application_id);

}  // namespace iifund::store
