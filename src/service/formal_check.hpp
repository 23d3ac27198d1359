#pragma once
// 形式审查: the organizer's check of a county-recommended application against a checklist built
// from the policy (every required material present, each declaration made) and the fund's rules
// (amounts consistent, credit codes valid, not a duplicate), computed from the frozen snapshot,
// plus what only a person can judge (the sealed scan matches, materials genuine). The outcome —
// pass, supplement (补正: the enterprise resubmits within the revision window) or fail — is a
// workflow transition; a second organizer re-checks a random sample and disagreements are listed.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/applications.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/formal_check_store.hpp"

namespace iifund::service {

struct ChecklistItem {
  std::string id;  // "material:<id>", "declaration:<id>", amounts_consistent, credit_code_valid,
                   // not_duplicate, sealed_scan_matches, materials_authentic
  std::string label_zh;
  std::string label_en;
  bool automatic = false;  // computed from the snapshot; otherwise the checker says
  std::optional<bool> ok;  // none: a person's item not yet judged
  nlohmann::json facts = nlohmann::json::object();
};

struct FormalCheckSheet {
  std::vector<ChecklistItem> items;
  std::vector<store::FormalCheckRecord> checks;  // oldest first, both rounds
};

// The checklist of the application's latest snapshot and the checks made so far.
domain::Result<FormalCheckSheet> formal_check_sheet(store::Database& db, const Caller& caller, long long id);

struct FormalCheckDecision {
  int version = 0;                        // the application's (ignored by a re-check)
  std::string outcome;                    // pass | supplement | fail
  std::map<std::string, bool> checklist;  // the checker's verdict per item; an automatic item
                                          // may be marked false, never true when it failed
  std::string reason;                     // required unless pass
  std::vector<std::string> fields;        // what the enterprise must fix (supplement)
};

// county_recommended → formal_check_passed / supplement_requested / formal_check_failed.
// Refusals: 409 stale_version, the transition's (409 illegal_transition, 422 reason_required),
// 422 validation_failed (outcome, checklist item unknown), 422 checklist_incomplete (fields:
// checklist.<item> for every failing item) when passing.
domain::Result<ApplicationView> record_formal_check(store::Database& db, const Clock& clock,
                                                    const Caller& caller, long long id,
                                                    const FormalCheckDecision& decision);

struct RecheckDraw {
  std::vector<long long> sampled;
  long long candidates = 0;
  unsigned long long seed = 0;
};

// Draws share_percent (1..100; at least one when any is waiting) of the batch's applications
// with a first check and no sample yet. 422 validation_failed (share_percent), 404 unknown batch.
domain::Result<RecheckDraw> draw_recheck_sample(store::Database& db, const Clock& clock, const Caller& caller,
                                                long long batch_id, int share_percent,
                                                std::optional<unsigned long long> seed);

// The second look (no state change): 404 when not sampled, 403 same_checker when the caller made
// the first check, 409 recheck_done when it was re-checked already; validation as above.
domain::Result<store::FormalCheckRecord> record_recheck(store::Database& db, const Clock& clock,
                                                        const Caller& caller, long long id,
                                                        const FormalCheckDecision& decision);

struct RecheckEntry {
  store::RecheckSample sample;
  std::optional<store::FormalCheckRecord> first;
  std::optional<store::FormalCheckRecord> recheck;
  std::optional<bool> agree;  // same outcome and same checklist; none until re-checked
};

struct RecheckOverview {
  std::vector<RecheckEntry> sampled;
  long long disagreements = 0;
};

domain::Result<RecheckOverview> recheck_overview(store::Database& db, const Caller& caller,
                                                 long long batch_id);

}  // namespace iifund::service
