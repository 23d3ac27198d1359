#include "service/reviews.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/scoring.hpp"
#include "domain/text.hpp"
#include "service/audit.hpp"
#include "service/batch_policies.hpp"
#include "service/notifications.hpp"
#include "service/pledges.hpp"
#include "store/audit_log.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::FieldError;
using domain::Problem;
using domain::Result;
using domain::Status;

constexpr std::size_t kMaxCommentPoints = 2000;
constexpr std::size_t kMaxOverallPoints = 4000;
constexpr std::size_t kMaxNotePoints = 500;

struct LoadedReview {
  store::ReviewSlot slot;
  BatchPolicy batch;
  const domain::CategoryPolicy* category = nullptr;
};

Problem not_found() { return domain::make_problem("not_found", 404); }

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string review_object(long long id) { return "review:" + std::to_string(id); }

// The review `id` as the caller may see it: an active assignment; an expert's own only, after the
// batch's pledge; the organizer any.
Result<LoadedReview> load_review(soci::session& sql, const Caller& caller, long long id) {
  auto slot = store::find_review_slot(sql, id);
  if (!slot || slot->assignment_state != "active") return not_found();
  if (caller.is("expert")) {
    auto own = store::find_reviewer_of_user(sql, caller.user_id);
    if (!own || own->id != slot->expert_id) return not_found();
    if (!pledge_accepted(sql, own->id, slot->batch_id)) {
      return domain::make_problem("pledge_required", 403, {{"batch_id", slot->batch_id}});
    }
  } else if (!caller.is("organizer")) {
    return domain::make_problem("forbidden", 403);
  }
  auto batch = load_batch_policy(sql, slot->batch_id);
  if (!batch) return batch.take_problem();
  const auto* category = batch->policy->find_category(slot->category);
  if (category == nullptr)
    return domain::make_problem("category_unknown", 422, {{"category", slot->category}});
  LoadedReview loaded{std::move(*slot), std::move(batch.value()), category};
  return loaded;
}

ReviewView view_of(soci::session& sql, const Caller& caller, LoadedReview loaded) {
  ReviewView view;
  view.criteria = loaded.category->criteria;
  view.sheet = store::find_score_sheet(sql, loaded.slot.id);
  if (view.sheet) view.entered_by_role = store::role_of_user(sql, view.sheet->entered_by);
  view.due_at = store::review_due_at(sql, loaded.slot.batch_id);
  view.with_expert = caller.is("organizer");
  view.slot = std::move(loaded.slot);
  return view;
}

// A change needs the application still under review and the sheet not submitted.
Status check_open(const LoadedReview& loaded, const std::optional<store::ScoreSheetRecord>& sheet) {
  if (loaded.slot.application_state != "under_review") {
    return domain::make_problem("review_closed", 409, {{"state", loaded.slot.application_state}});
  }
  if (sheet && sheet->state == "submitted") {
    return domain::make_problem("review_locked", 409, {{"submitted_at", sheet->submitted_at.value_or("")}});
  }
  return domain::Ok{};
}

Status check_version(const std::optional<store::ScoreSheetRecord>& sheet, int version) {
  const int current = sheet ? sheet->version : 0;
  if (current != version) return domain::make_problem("stale_version", 409, {{"current_version", current}});
  return domain::Ok{};
}

const domain::ReviewCriterion* find_criterion(const domain::CategoryPolicy& category, const std::string& id) {
  for (const auto& criterion : category.criteria) {
    if (criterion.id == id) return &criterion;
  }
  return nullptr;
}

// Keeps the well-formed scores in `kept`; answers one field error per bad one.
void check_scores(const domain::CategoryPolicy& category, const nlohmann::json& scores, nlohmann::json& kept,
                  std::vector<FieldError>& errors) {
  if (!scores.is_object()) {
    errors.push_back({"scores", "wrong_type", {{"expected", "object"}}});
    return;
  }
  for (const auto& [key, value] : scores.items()) {
    const std::string path = "scores." + key;
    const auto* criterion = find_criterion(category, key);
    if (criterion == nullptr) {
      errors.push_back({path, "criterion_unknown", {{"criterion", key}}});
    } else if (value.is_null()) {
      continue;  // cleared
    } else if (!value.is_number()) {
      errors.push_back({path, "wrong_type", {{"expected", "number"}}});
    } else if (const double score = value.get<double>();
               !std::isfinite(score) || score < 0 || score > criterion->max_score) {
      errors.push_back({path, "score_range", {{"min", 0}, {"max", criterion->max_score}, {"found", value}}});
    } else {
      kept[key] = value;
    }
  }
}

void check_text(const std::string& path, const std::string& text, std::size_t maximum,
                std::vector<FieldError>& errors) {
  if (domain::code_points(text) > maximum) errors.push_back({path, "too_long", {{"maximum", maximum}}});
}

void check_comments(const domain::CategoryPolicy& category, const nlohmann::json& comments,
                    nlohmann::json& kept, std::vector<FieldError>& errors) {
  if (!comments.is_object()) {
    errors.push_back({"comments", "wrong_type", {{"expected", "object"}}});
    return;
  }
  for (const auto& [key, value] : comments.items()) {
    const std::string path = "comments." + key;
    if (find_criterion(category, key) == nullptr) {
      errors.push_back({path, "criterion_unknown", {{"criterion", key}}});
    } else if (value.is_null()) {
      continue;
    } else if (!value.is_string()) {
      errors.push_back({path, "wrong_type", {{"expected", "string"}}});
    } else {
      check_text(path, value.get<std::string>(), kMaxCommentPoints, errors);
      if (!blank(value.get<std::string>())) kept[key] = value;
    }
  }
}

Problem validation_problem(std::vector<FieldError> errors, const char* code = "validation_failed") {
  Problem problem = domain::make_problem(code, 422, {{"count", errors.size()}});
  problem.fields = std::move(errors);
  return problem;
}

// The organizer enters a sheet on the expert's behalf only with a note saying where it came from.
std::optional<FieldError> offline_note_error(const Caller& caller, const std::string& note) {
  if (!caller.is("organizer")) return std::nullopt;
  if (blank(note)) return FieldError{"offline_note", "required", {}};
  if (domain::code_points(note) > kMaxNotePoints)
    return FieldError{"offline_note", "too_long", {{"maximum", kMaxNotePoints}}};
  return std::nullopt;
}

nlohmann::json audit_details(const Caller& caller, const LoadedReview& loaded) {
  nlohmann::json details = {{"application_id", loaded.slot.application_id},
                            {"number", loaded.slot.number},
                            {"expert_id", loaded.slot.expert_id}};
  // Entered on the expert's behalf: the record names whose sheet it is.
  if (!caller.is("expert")) details["expert_name"] = loaded.slot.expert_name;
  return details;
}

// Scores in the order of the category's criteria; none when a criterion is unscored.
std::optional<std::vector<double>> ordered_scores(const domain::CategoryPolicy& category,
                                                  const nlohmann::json& scores) {
  std::vector<double> ordered;
  for (const auto& criterion : category.criteria) {
    auto found = scores.find(criterion.id);
    if (found == scores.end() || !found->is_number()) return std::nullopt;
    ordered.push_back(found->get<double>());
  }
  return ordered;
}

// What submitting needs: every criterion scored, a comment beside each score below 60 %.
std::vector<FieldError> submission_errors(const domain::CategoryPolicy& category,
                                          const nlohmann::json& scores, const nlohmann::json& comments) {
  std::vector<FieldError> errors;
  for (const auto& criterion : category.criteria) {
    auto score = scores.find(criterion.id);
    if (score == scores.end() || !score->is_number()) {
      errors.push_back({"scores." + criterion.id, "required", {}});
      continue;
    }
    const double threshold = kCommentBelowShare * criterion.max_score;
    auto comment = comments.find(criterion.id);
    const bool commented =
        comment != comments.end() && comment->is_string() && !blank(comment->get<std::string>());
    if (score->get<double>() < threshold && !commented) {
      errors.push_back({"comments." + criterion.id,
                        "comment_required",
                        {{"score", *score}, {"below", threshold}, {"max_score", criterion.max_score}}});
    }
  }
  return errors;
}

nlohmann::json parsed(const std::string& text) {
  auto value = nlohmann::json::parse(text, nullptr, false);
  return value.is_object() ? value : nlohmann::json::object();
}

template <typename Work>
Result<ReviewView> change_review(store::Database& db, const Caller& caller, long long id, Work work) {
  std::optional<ReviewView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto loaded = load_review(sql, caller, id);
    if (!loaded) return loaded.take_problem();
    auto sheet = store::find_score_sheet(sql, id);
    if (auto done = work(sql, loaded.value(), sheet); !done) return done;
    answer = view_of(sql, caller, std::move(loaded.value()));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

}  // namespace

std::string review_state(const store::ReviewSlot& slot) { return slot.sheet_state.value_or("pending"); }

Result<ReviewList> list_reviews(store::Database& db, const Caller& caller, const ReviewListQuery& query) {
  ReviewList list;
  Status read = db.read([&](soci::session& sql) -> Status {
    store::ReviewSlotQuery slots;
    slots.batch_id = query.batch_id;
    if (caller.is("expert")) {
      auto own = store::find_reviewer_of_user(sql, caller.user_id);
      if (!own) return domain::Ok{};  // an expert account outside the pool has nothing to review
      slots.expert_id = own->id;
    } else if (caller.is("organizer")) {
      list.with_experts = true;
    } else {
      return domain::make_problem("forbidden", 403);
    }
    std::map<long long, bool> pledged;
    std::map<long long, std::optional<std::string>> due;
    for (auto& slot : store::list_review_slots(sql, slots)) {
      const long long batch = slot.batch_id;
      if (!pledged.count(batch)) {
        pledged[batch] = !slots.expert_id || pledge_accepted(sql, *slots.expert_id, batch);
        due[batch] = store::review_due_at(sql, batch);
        if (!pledged[batch]) {
          auto record = store::find_batch(sql, batch);
          list.pledges_required.push_back(
              {batch, record ? record->name_zh : "", record ? record->name_en : ""});
        }
      }
      if (!pledged[batch]) continue;
      if (query.state && review_state(slot) != *query.state) continue;
      list.due_at.push_back(due[batch]);
      list.reviews.push_back(std::move(slot));
    }
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return list;
}

Result<ReviewView> view_review(store::Database& db, const Caller& caller, long long id) {
  std::optional<ReviewView> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto loaded = load_review(sql, caller, id);
    if (!loaded) return loaded.take_problem();
    answer = view_of(sql, caller, std::move(loaded.value()));
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

Result<ReviewView> save_review_scores(store::Database& db, const Clock& clock, const Caller& caller,
                                      long long id, const ScoreEntry& entry) {
  const auto now = clock.now();
  return change_review(
      db, caller, id,
      [&](soci::session& sql, const LoadedReview& loaded,
          const std::optional<store::ScoreSheetRecord>& sheet) -> Status {
        if (auto open = check_open(loaded, sheet); !open) return open;
        if (auto current = check_version(sheet, entry.version); !current) return current;
        std::vector<FieldError> errors;
        nlohmann::json scores = nlohmann::json::object();
        nlohmann::json comments = nlohmann::json::object();
        check_scores(*loaded.category, entry.scores, scores, errors);
        check_comments(*loaded.category, entry.comments, comments, errors);
        check_text("overall_comment", entry.overall_comment, kMaxOverallPoints, errors);
        const std::string note = entry.offline_note.value_or("");
        if (auto error = offline_note_error(caller, note)) errors.push_back(std::move(*error));
        if (!errors.empty()) return validation_problem(std::move(errors));
        store::ScoreSheetRecord record = sheet.value_or(store::ScoreSheetRecord{});
        record.assignment_id = id;
        record.scores_json = scores.dump();
        record.comments_json = comments.dump();
        record.overall_comment = entry.overall_comment;
        record.state = "draft";
        record.total.reset();
        record.entered_by = caller.user_id;
        record.offline_note = caller.is("organizer") ? note : "";
        record.updated_at = store::format_utc_iso(now);
        if (sheet) {
          if (!store::update_score_sheet(sql, record, sheet->version))
            return domain::make_problem("stale_version", 409, {{"current_version", sheet->version + 1}});
        } else {
          record.version = 1;
          store::insert_score_sheet(sql, record);
        }
        auto details = audit_details(caller, loaded);
        details["scored"] = scores.size();
        if (caller.is("organizer")) details["offline_note"] = note;
        store::append_audit(sql, audit_entry(caller, "review.save", review_object(id), details, now));
        return domain::Ok{};
      });
}

Result<ReviewView> submit_review(store::Database& db, const Clock& clock, const Caller& caller, long long id,
                                 int version, const std::optional<std::string>& offline_note) {
  const auto now = clock.now();
  return change_review(
      db, caller, id,
      [&](soci::session& sql, const LoadedReview& loaded,
          const std::optional<store::ScoreSheetRecord>& sheet) -> Status {
        if (auto open = check_open(loaded, sheet); !open) return open;
        if (auto current = check_version(sheet, version); !current) return current;
        store::ScoreSheetRecord record = sheet.value_or(store::ScoreSheetRecord{});
        const auto scores = parsed(record.scores_json);
        const auto comments = parsed(record.comments_json);
        auto errors = submission_errors(*loaded.category, scores, comments);
        const std::string note = offline_note.value_or(record.offline_note);
        if (auto error = offline_note_error(caller, note)) errors.push_back(std::move(*error));
        if (!errors.empty()) return validation_problem(std::move(errors), "review_incomplete");
        auto ordered = ordered_scores(*loaded.category, scores);
        const auto criteria = loaded.category->scoring_criteria();
        auto total = domain::expert_total(criteria, *ordered);
        if (!total) return total.take_problem();
        const std::string stamp = store::format_utc_iso(now);
        record.state = "submitted";
        record.total = total.value();
        record.submitted_at = stamp;
        record.entered_by = caller.user_id;
        record.offline_note = caller.is("organizer") ? note : "";
        record.updated_at = stamp;
        if (!store::update_score_sheet(sql, record, record.version))
          return domain::make_problem("stale_version", 409, {{"current_version", record.version + 1}});
        auto details = audit_details(caller, loaded);
        details["total"] = total.value();
        if (caller.is("organizer")) details["offline_note"] = note;
        store::append_audit(sql, audit_entry(caller, "review.submit", review_object(id), details, now));
        return domain::Ok{};
      });
}

Result<ReviewView> reopen_review(store::Database& db, const Clock& clock, const Caller& caller, long long id,
                                 const std::string& reason) {
  const auto now = clock.now();
  return change_review(
      db, caller, id,
      [&](soci::session& sql, const LoadedReview& loaded,
          const std::optional<store::ScoreSheetRecord>& sheet) -> Status {
        if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
        if (loaded.slot.application_state != "under_review") {
          return domain::make_problem("review_closed", 409, {{"state", loaded.slot.application_state}});
        }
        if (!sheet || sheet->state != "submitted") {
          return domain::make_problem("review_not_submitted", 409, {{"state", review_state(loaded.slot)}});
        }
        if (blank(reason)) return validation_problem({{"reason", "required", {}}}, "reason_required");
        store::ScoreSheetRecord record = *sheet;
        record.state = "draft";
        record.total.reset();
        record.submitted_at.reset();
        record.reopened_reason = reason;
        record.updated_at = store::format_utc_iso(now);
        if (!store::update_score_sheet(sql, record, sheet->version))
          return domain::make_problem("stale_version", 409, {{"current_version", sheet->version + 1}});
        auto details = audit_details(caller, loaded);
        details["reason"] = reason;
        store::append_audit(sql, audit_entry(caller, "review.reopen", review_object(id), details, now));
        if (loaded.slot.expert_user_id) {
          notify_users(sql, {*loaded.slot.expert_user_id}, "review.reopened", review_object(id),
                       {{"review_id", id},
                        {"application_id", loaded.slot.application_id},
                        {"number", loaded.slot.number},
                        {"project_name", loaded.slot.project_name},
                        {"reason", reason}},
                       now);
        }
        return domain::Ok{};
      });
}

Result<ScoreSheetData> score_sheet_data(store::Database& db, const Caller& caller,
                                        std::optional<long long> expert_id, long long batch_id) {
  std::optional<ScoreSheetData> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    std::optional<store::ReviewerRecord> expert;
    if (caller.is("expert")) {
      expert = store::find_reviewer_of_user(sql, caller.user_id);
      if (expert_id && (!expert || expert->id != *expert_id)) return not_found();
    } else if (caller.is("organizer") && expert_id) {
      expert = store::find_reviewer(sql, *expert_id);
    } else {
      return domain::make_problem("forbidden", 403);
    }
    if (!expert) return not_found();
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    ScoreSheetData data{std::move(*expert), std::move(batch->batch), batch->policy, {}};
    for (auto& sheet : store::list_submitted_sheets(sql, batch_id, std::nullopt, data.expert.id)) {
      auto slot = store::find_review_slot(sql, sheet.assignment_id);
      const auto* category = data.policy->find_category(sheet.category);
      if (!slot || category == nullptr) continue;
      data.entries.push_back({std::move(*slot), std::move(sheet), category});
    }
    if (data.entries.empty())
      return domain::make_problem("no_submitted_sheets", 409, {{"batch_id", batch_id}});
    answer = std::move(data);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

}  // namespace iifund::service
