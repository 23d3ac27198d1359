#pragma once
// 县区推荐: what a county officer does with its county's submitted applications — recommend (推荐),
// return for revision (退回, naming the fields to fix), decline (不予推荐), recommend several at
// once — plus the county's sealed recommendation letter (推荐函) per batch and its counts. Every
// state change goes through apply_transition; an application of another county answers 404.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/application_transitions.hpp"
#include "service/applications.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "service/field_rules.hpp"
#include "store/application_store.hpp"
#include "store/county_letter_store.hpp"
#include "store/database.hpp"

namespace iifund::service {

// The largest sealed letter a county may upload.
inline constexpr long long kCountyLetterMaxBytes = 20LL * 1024 * 1024;

// One decision on one application: the version it was made on, why, and what to fix.
struct ReviewDecision {
  int version = 0;
  std::string reason;
  std::vector<std::string> fields;  // "form.project_name", "materials.business_licence", …
};

// The fields a decision asks the enterprise to fix: at most 100, each printable text of at most
// 200 bytes (rule field_path_invalid at "fields[i]").
FieldErrors check_fields_to_fix(const std::vector<std::string>& fields);

// The part every reviewer's decision shares, inside the caller's transaction: 409 stale_version
// (facts.current_version) when `version` is not current, then apply_transition (its refusals:
// 409 illegal_transition, 403 transition_not_permitted, 422 reason_required with field "reason").
domain::Status decide_application(soci::session& sql, const Caller& caller, store::ApplicationRecord& record,
                                  int version, const TransitionRequest& request, domain::Instant now);

// submitted → county_recommended; notice application.recommended.
domain::Result<ApplicationView> recommend_application(store::Database& db, const Clock& clock,
                                                      const Caller& caller, long long id, int version);
// submitted → returned (reason required; fields kept in the event); notice application.returned.
// Refusal: 422 validation_failed for a malformed field path.
domain::Result<ApplicationView> return_application(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long id,
                                                   const ReviewDecision& decision);
// submitted → county_declined (reason required); notice application.declined.
domain::Result<ApplicationView> decline_application(store::Database& db, const Clock& clock,
                                                    const Caller& caller, long long id,
                                                    const ReviewDecision& decision);

// Recommends every listed application of the batch, all or nothing: the first refusal carries
// facts.application_id (404 not_found for another county's or an unknown one, 422
// application_not_in_batch, 409 illegal_transition for one not waiting for the county).
domain::Result<std::vector<long long>> recommend_applications(store::Database& db, const Clock& clock,
                                                              const Caller& caller, long long batch_id,
                                                              const std::vector<long long>& application_ids);

struct CountyLetterSaved {
  store::CountyLetterRecord letter;
  bool replaced = false;
};

// The caller's county's letter for the batch, replacing an earlier one. Refusals: 404 unknown
// batch, 422 validation_failed (file_name), 413 file_too_large, 415 file_type_not_allowed
// (facts {claimed, found}: not a PDF, JPEG, PNG or OFD by its bytes).
domain::Result<CountyLetterSaved> upload_county_letter(store::Database& db, const Clock& clock,
                                                       const Caller& caller, long long batch_id,
                                                       const std::string& file_name,
                                                       const std::string& bytes);

// A county officer its own county's letters (county_code ignored); the organizer and the bureau
// every county's, or one county's.
domain::Result<std::vector<store::CountyLetterRecord>> list_county_letters(
    store::Database& db, const Caller& caller, const std::optional<long long>& batch_id,
    const std::optional<std::string>& county_code);

struct CountyLetterContent {
  store::CountyLetterRecord letter;
  std::string bytes;
};

// 404 when the county has no letter for the batch; the organizer and the bureau must name the
// county (422 validation_failed, field county_code).
domain::Result<CountyLetterContent> read_county_letter(store::Database& db, const Caller& caller,
                                                       long long batch_id,
                                                       const std::optional<std::string>& county_code);

struct CountySummary {
  std::vector<store::StateCategoryCount> counts;
  long long total = 0;
};

// Submitted applications by state and category: a county officer's own county, the organizer
// and the bureau every county or the one named.
domain::Result<CountySummary> county_summary(store::Database& db, const Caller& caller,
                                             const std::optional<long long>& batch_id,
                                             const std::optional<std::string>& county_code);

}  // namespace iifund::service
