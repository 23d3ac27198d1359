#include "service/county_review.hpp"

#include <algorithm>
#include <set>

#include "domain/file_signature.hpp"
#include "service/application_scope.hpp"
#include "service/application_view.hpp"
#include "service/audit.hpp"
#include "service/field_rules.hpp"
#include "service/tokens.hpp"
#include "store/audit_log.hpp"
#include "store/batch_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::ApplicationState;
using domain::Result;
using domain::Status;

domain::Problem not_found() { return domain::make_problem("not_found", 404); }

// One county decision: load within the caller's scope, decide, answer the application again.
Result<ApplicationView> county_decision(store::Database& db, const Clock& clock, const Caller& caller,
                                        long long id, int version, const TransitionRequest& request) {
  const auto now = clock.now();
  std::optional<ApplicationView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto record = load_readable_application(sql, caller, id);
    if (!record) return record.take_problem();
    if (auto decided = decide_application(sql, caller, record.value(), version, request, now); !decided)
      return decided;
    return reload_application_view(sql, id, answer);
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

bool staff_reader(const Caller& caller) { return caller.is("organizer") || caller.is("bureau"); }

// The county a caller's reading is limited to: a county officer's own (a named one is ignored);
// the organizer and the bureau the one they name, if any.
Result<std::optional<std::string>> county_scope(const Caller& caller,
                                                const std::optional<std::string>& named) {
  if (caller.is("county")) {
    if (!caller.county_code) return domain::make_problem("forbidden", 403);
    return std::optional<std::string>(*caller.county_code);
  }
  if (!staff_reader(caller)) return domain::make_problem("forbidden", 403);
  return named;
}

}  // namespace

FieldErrors check_fields_to_fix(const std::vector<std::string>& fields) {
  FieldErrors errors;
  constexpr std::size_t kMaxFields = 100;
  if (fields.size() > kMaxFields) {
    errors.push_back({"fields", "form_too_many", {{"max", kMaxFields}}});
    return errors;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& field = fields[i];
    const bool printable = std::none_of(
        field.begin(), field.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
    if (field.empty() || field.size() > 200 || !printable) {
      errors.push_back({"fields[" + std::to_string(i) + "]", "field_path_invalid", {}});
    }
  }
  return errors;
}

Status decide_application(soci::session& sql, const Caller& caller, store::ApplicationRecord& record,
                          int version, const TransitionRequest& request, domain::Instant now) {
  if (record.version != version) {
    return domain::make_problem("stale_version", 409, {{"current_version", record.version}});
  }
  domain::TransitionContext context;
  auto applied = apply_transition(sql, caller, record, request, context, now);
  if (!applied) {
    auto problem = applied.take_problem();
    if (problem.code == "reason_required") problem.fields.push_back({"reason", "required", {}});
    return problem;
  }
  return domain::Ok{};
}

Result<ApplicationView> recommend_application(store::Database& db, const Clock& clock, const Caller& caller,
                                              long long id, int version) {
  TransitionRequest request;
  request.to = ApplicationState::county_recommended;
  request.notify_kind = "application.recommended";
  return county_decision(db, clock, caller, id, version, request);
}

Result<ApplicationView> return_application(store::Database& db, const Clock& clock, const Caller& caller,
                                           long long id, const ReviewDecision& decision) {
  if (auto errors = check_fields_to_fix(decision.fields); !errors.empty())
    return validation_problem(std::move(errors));
  TransitionRequest request;
  request.to = ApplicationState::returned;
  request.reason = decision.reason;
  request.details = {{"fields", decision.fields}};
  request.notify_kind = "application.returned";
  return county_decision(db, clock, caller, id, decision.version, request);
}

Result<ApplicationView> decline_application(store::Database& db, const Clock& clock, const Caller& caller,
                                            long long id, const ReviewDecision& decision) {
  TransitionRequest request;
  request.to = ApplicationState::county_declined;
  request.reason = decision.reason;
  request.notify_kind = "application.declined";
  return county_decision(db, clock, caller, id, decision.version, request);
}

Result<std::vector<long long>> recommend_applications(store::Database& db, const Clock& clock,
                                                      const Caller& caller, long long batch_id,
                                                      const std::vector<long long>& application_ids) {
  constexpr std::size_t kMaxBatch = 500;
  if (application_ids.empty() || application_ids.size() > kMaxBatch) {
    return validation_problem(
        {{"application_ids", application_ids.empty() ? "required" : "form_too_many", {{"max", kMaxBatch}}}});
  }
  const auto now = clock.now();
  std::vector<long long> recommended;
  Status written = db.write([&](soci::session& sql) -> Status {
    if (!store::find_batch(sql, batch_id)) return not_found();
    std::set<long long> seen;
    for (long long id : application_ids) {
      if (!seen.insert(id).second) continue;
      auto refusal = [&](domain::Problem problem) {
        problem.facts["application_id"] = id;
        return problem;
      };
      auto record = load_readable_application(sql, caller, id);
      if (!record) return refusal(record.take_problem());
      if (record->batch_id != batch_id) {
        return refusal(domain::make_problem("application_not_in_batch", 422, {{"batch_id", batch_id}}));
      }
      TransitionRequest request;
      request.to = ApplicationState::county_recommended;
      request.notify_kind = "application.recommended";
      request.details = {{"batch_recommendation", true}};
      domain::TransitionContext context;
      if (auto applied = apply_transition(sql, caller, record.value(), request, context, now); !applied)
        return refusal(applied.take_problem());
      recommended.push_back(id);
    }
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return recommended;
}

Result<CountyLetterSaved> upload_county_letter(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long batch_id, const std::string& file_name,
                                               const std::string& bytes) {
  if (!caller.is("county") || !caller.county_code) return domain::make_problem("forbidden", 403);
  if (file_name.empty()) return validation_problem({{"file_name", "required", {}}});
  const auto size = static_cast<long long>(bytes.size());
  if (size > kCountyLetterMaxBytes) {
    return domain::make_problem("file_too_large", 413,
                                {{"size_bytes", size},
                                 {"limit_bytes", kCountyLetterMaxBytes},
                                 {"limit_mib", kCountyLetterMaxBytes >> 20}});
  }
  auto signature = domain::sniff_file_signature(bytes, file_name);
  if (!signature) {
    auto refused = signature.take_problem();
    return domain::make_problem("file_type_not_allowed", 415, refused.facts);
  }
  const auto now = clock.now();
  CountyLetterSaved saved;
  auto& letter = saved.letter;
  letter.batch_id = batch_id;
  letter.county_code = *caller.county_code;
  letter.file_name = file_name;
  letter.content_type = signature->content_type;
  letter.size_bytes = size;
  letter.sha256 = sha256_hex(bytes);
  letter.uploaded_by = caller.user_id;
  letter.uploaded_at = store::format_utc_iso(now);
  Status written = db.write([&](soci::session& sql) -> Status {
    if (!store::find_batch(sql, batch_id)) return not_found();
    saved.replaced = store::save_county_letter(sql, letter, bytes);
    store::append_audit(sql, audit_entry(caller, "county.letter_upload", "batch:" + std::to_string(batch_id),
                                         {{"county_code", letter.county_code},
                                          {"file_name", letter.file_name},
                                          {"size_bytes", letter.size_bytes},
                                          {"sha256", letter.sha256},
                                          {"replaced", saved.replaced}},
                                         now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return saved;
}

Result<std::vector<store::CountyLetterRecord>> list_county_letters(
    store::Database& db, const Caller& caller, const std::optional<long long>& batch_id,
    const std::optional<std::string>& county_code) {
  auto county = county_scope(caller, county_code);
  if (!county) return county.take_problem();
  std::vector<store::CountyLetterRecord> letters;
  Status read = db.read([&](soci::session& sql) -> Status {
    letters = store::list_county_letters(sql, batch_id, county.value());
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return letters;
}

Result<CountyLetterContent> read_county_letter(store::Database& db, const Caller& caller, long long batch_id,
                                               const std::optional<std::string>& county_code) {
  auto county = county_scope(caller, county_code);
  if (!county) return county.take_problem();
  if (!county.value()) return validation_problem({{"county_code", "required", {}}});
  CountyLetterContent content;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto letter = store::find_county_letter(sql, batch_id, *county.value());
    if (!letter) return not_found();
    content.letter = std::move(*letter);
    content.bytes = store::read_county_letter_bytes(sql, content.letter.id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return content;
}

Result<CountySummary> county_summary(store::Database& db, const Caller& caller,
                                     const std::optional<long long>& batch_id,
                                     const std::optional<std::string>& county_code) {
  auto county = county_scope(caller, county_code);
  if (!county) return county.take_problem();
  CountySummary summary;
  Status read = db.read([&](soci::session& sql) -> Status {
    if (batch_id && !store::find_batch(sql, *batch_id)) return not_found();
    summary.counts = store::count_applications_by_state(sql, batch_id, county.value());
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  for (const auto& count : summary.counts) summary.total += count.count;
  return summary;
}

}  // namespace iifund::service
