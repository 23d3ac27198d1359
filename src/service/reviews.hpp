#pragma once
// 专家评审: the expert's workspace. A review is one active assignment (its id is the assignment's);
// the expert sees it only after accepting the batch's pledge (403 pledge_required), scores it by
// the criteria of the application's category, saves drafts and submits; a submitted sheet is
// locked (409 review_locked) until the organizer reopens it with a reason. The organizer may enter
// the sheet of an offline review meeting on the expert's behalf, with a note, audited as itself
// naming the expert. Experts never see one another's sheets, and nothing here becomes an
// application event, so the enterprise never learns who reviewed it.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/policy.hpp"
#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/batch_store.hpp"
#include "store/database.hpp"
#include "store/review_store.hpp"

namespace iifund::service {

// A comment is required for a criterion scored below this share of its maximum.
inline constexpr double kCommentBelowShare = 0.6;

// "pending" (nothing saved yet), "draft" or "submitted".
std::string review_state(const store::ReviewSlot& slot);

struct PendingPledge {
  long long batch_id = 0;
  std::string name_zh;
  std::string name_en;
};

struct ReviewList {
  std::vector<store::ReviewSlot> reviews;
  std::vector<std::optional<std::string>> due_at;  // aligned with reviews: the batch's review deadline
  bool with_experts = false;                       // the organizer sees who reviews
  // An expert's batches with assignments whose pledge is not accepted yet: their reviews are not listed.
  std::vector<PendingPledge> pledges_required;
};

struct ReviewListQuery {
  std::optional<long long> batch_id;
  std::optional<std::string> state;  // pending | draft | submitted
};

domain::Result<ReviewList> list_reviews(store::Database& db, const Caller& caller,
                                        const ReviewListQuery& query);

struct ReviewView {
  store::ReviewSlot slot;
  std::vector<domain::ReviewCriterion> criteria;  // the category's, from the batch policy
  std::optional<store::ScoreSheetRecord> sheet;
  std::string entered_by_role;  // expert | organizer; empty when nothing was saved
  std::optional<std::string> due_at;
  bool with_expert = false;  // the organizer sees who reviews
};

domain::Result<ReviewView> view_review(store::Database& db, const Caller& caller, long long id);

struct ScoreEntry {
  int version = 0;  // the sheet's version the change started from (0 before the first save)
  nlohmann::json scores = nlohmann::json::object();    // {criterion: number | null}
  nlohmann::json comments = nlohmann::json::object();  // {criterion: text}
  std::string overall_comment;
  std::optional<std::string> offline_note;  // required when the organizer enters the sheet
};

// Saves a draft: 422 with one field per bad score (scores.<criterion>: score_range,
// criterion_unknown, wrong_type) or comment; 409 review_locked once submitted, 409 stale_version,
// 409 review_closed when the application is no longer under review. Audit review.save.
domain::Result<ReviewView> save_review_scores(store::Database& db, const Clock& clock, const Caller& caller,
                                              long long id, const ScoreEntry& entry);
// Submits and locks: 422 review_incomplete (fields scores.<criterion> required, comments.<criterion>
// comment_required below 60 % of the maximum). Audit review.submit.
domain::Result<ReviewView> submit_review(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long id, int version,
                                         const std::optional<std::string>& offline_note);
// The organizer unlocks a submitted sheet (422 reason_required, 409 review_not_submitted); the
// expert is notified (review.reopened). Audit review.reopen.
domain::Result<ReviewView> reopen_review(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long id, const std::string& reason);

// 评分表: an expert's submitted sheets of a batch, for printing and signing.
struct ScoreSheetEntry {
  store::ReviewSlot slot;
  store::SubmittedSheet sheet;
  const domain::CategoryPolicy* category = nullptr;  // points into ScoreSheetData::policy
};

struct ScoreSheetData {
  store::ReviewerRecord expert;
  store::BatchRecord batch;
  std::shared_ptr<const domain::Policy> policy;
  std::vector<ScoreSheetEntry> entries;
};

// `expert_id` none: the calling expert's own (404 when the account has no pool record);
// otherwise the organizer's view of that expert. 409 no_submitted_sheets when there is nothing
// to print.
domain::Result<ScoreSheetData> score_sheet_data(store::Database& db, const Caller& caller,
                                                std::optional<long long> expert_id, long long batch_id);

}  // namespace iifund::service
