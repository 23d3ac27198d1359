#include "service/publicity.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>

#include "domain/file_signature.hpp"
#include "domain/time.hpp"
#include "domain/workflow.hpp"
#include "service/application_transitions.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/batch_policies.hpp"
#include "service/field_rules.hpp"
#include "service/notifications.hpp"
#include "service/tokens.hpp"
#include "store/application_store.hpp"
#include "store/audit_log.hpp"
#include "store/funding_store.hpp"
#include "store/notification_store.hpp"
#include "store/selection_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::Result;
using domain::Status;
using nlohmann::json;

bool organizer_or_bureau(const Caller& caller) { return caller.is("organizer") || caller.is("bureau"); }

std::string publicity_object(long long id) { return fmt::format("publicity:{}", id); }
std::string objection_object(long long id) { return fmt::format("objection:{}", id); }

bool is_open(const store::PublicityRecord& record, domain::Instant now) {
  auto starts = domain::parse_instant(record.starts_at);
  auto ends = domain::parse_instant(record.ends_at);
  return starts && ends && starts.value() <= now && now < ends.value();
}

PublicityView view_of(store::PublicityRecord record, domain::Instant now) {
  PublicityView view;
  view.entries = json::parse(record.entries_json, nullptr, false);
  if (!view.entries.is_array()) view.entries = json::array();
  for (const auto& entry : view.entries) view.total_fen += entry.value("amount_fen", 0LL);
  view.open = is_open(record, now);
  view.record = std::move(record);
  return view;
}

std::optional<std::string> decode_base64(const std::string& text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), " \r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// The letter's bytes and kind, or the field errors it earned.
std::optional<std::pair<std::string, domain::FileSignature>> read_letter(const ObjectionFiling& filing,
                                                                         FieldErrors& errors) {
  if (!filing.letter_given) {
    errors.push_back({"letter", "required", json::object()});
    return std::nullopt;
  }
  check_text(errors, "letter.file_name", filing.letter_file_name, 200);
  if (blank(filing.letter_base64)) {
    errors.push_back({"letter.content_base64", "required", json::object()});
    return std::nullopt;
  }
  auto bytes = decode_base64(filing.letter_base64);
  if (!bytes) {
    errors.push_back({"letter.content_base64", "base64_invalid", json::object()});
    return std::nullopt;
  }
  if (bytes->empty()) {
    errors.push_back({"letter.content_base64", "file_empty", json::object()});
    return std::nullopt;
  }
  if (bytes->size() > kObjectionLetterMaxBytes) {
    errors.push_back(
        {"letter.content_base64", "file_too_large", {{"size_bytes", bytes->size()}, {"limit_mib", 10}}});
    return std::nullopt;
  }
  auto kind = domain::sniff_file_signature(*bytes, filing.letter_file_name);
  if (!kind) {
    errors.push_back({"letter", "content_type_refused", kind.problem().facts});
    return std::nullopt;
  }
  return std::make_pair(std::move(*bytes), kind.value());
}

// The entry of the publicity for an application, or end().
json::iterator entry_of(json& entries, long long application_id) {
  return std::find_if(entries.begin(), entries.end(), [&](const json& entry) {
    return entry.value("application_id", 0LL) == application_id;
  });
}

}  // namespace

std::string objection_reference(const store::ObjectionRecord& objection) {
  return fmt::format("GS{}-{:05}", objection.publicity_id, objection.id);
}

Result<PublicityView> publish_publicity(store::Database& db, const Clock& clock, const Caller& caller,
                                        long long batch_id, const std::optional<std::string>& starts_at) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  const auto now = clock.now();
  domain::Instant starts = now;
  if (starts_at && !starts_at->empty()) {
    auto parsed = domain::parse_instant(*starts_at);
    if (!parsed) {
      return validation_problem(
          FieldErrors{domain::FieldError{"starts_at", "instant_syntax", json{{"input", *starts_at}}}});
    }
    if (parsed.value() < now) {
      return validation_problem(FieldErrors{
          domain::FieldError{"starts_at", "starts_in_past", json{{"now", domain::format_beijing(now)}}}});
    }
    starts = parsed.value();
  }
  std::optional<PublicityView> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    auto run = store::find_confirmed_run(sql, batch_id);
    if (!run) return domain::make_problem("selection_not_confirmed", 409, {{"batch_id", batch_id}});
    if (auto existing = store::find_batch_publicity(sql, batch_id)) {
      return domain::make_problem("publicity_exists", 409, {{"publicity_id", existing->id}});
    }
    json entries = json::array();
    std::vector<long long> selected;
    for (const auto& project : store::list_funded_projects(sql, batch_id)) {
      if (project.state != "selected") continue;
      selected.push_back(project.application_id);
      entries.push_back({{"application_id", project.application_id},
                         {"number", project.number},
                         {"enterprise_name", project.enterprise_name},
                         {"project_name", project.project_name},
                         {"category", project.category},
                         {"amount_fen", project.selected_fen},
                         {"county_code", project.county_code}});
    }
    if (selected.empty()) return domain::make_problem("nothing_to_publicize", 422, {{"batch_id", batch_id}});
    store::PublicityRecord record;
    record.batch_id = batch_id;
    record.run_id = run->id;
    record.starts_at = store::format_utc_iso(starts);
    record.ends_at = store::format_utc_iso(starts + std::chrono::days(batch->policy->publicity_days));
    record.entries_json = entries.dump();
    record.published_by = caller.user_id;
    record.published_at = store::format_utc_iso(now);
    record.id = store::insert_publicity(sql, record);
    for (long long id : selected) {
      auto application = store::find_application(sql, id);
      if (!application) return domain::make_problem("not_found", 404);
      TransitionRequest request;
      request.to = domain::ApplicationState::publicized;
      request.notify_kind = "application.publicized";
      request.details = {
          {"publicity_id", record.id}, {"starts_at", record.starts_at}, {"ends_at", record.ends_at}};
      auto context = domain::context_from_policy(*batch->policy, now);
      if (auto done = apply_transition(sql, caller, *application, request, context, now); !done) return done;
    }
    auto stored = store::find_publicity(sql, record.id);
    answer = view_of(std::move(*stored), now);
    store::append_audit(sql, audit_entry(caller, "publicity.publish", publicity_object(record.id),
                                         {{"batch_id", batch_id},
                                          {"entries", selected.size()},
                                          {"total_fen", answer->total_fen},
                                          {"starts_at", record.starts_at},
                                          {"ends_at", record.ends_at}},
                                         now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<std::vector<PublicityView>> public_publicities(store::Database& db, const Clock& clock) {
  const auto now = clock.now();
  std::vector<PublicityView> views;
  Status read = db.read([&](soci::session& sql) -> Status {
    for (auto& record : store::list_publicities(sql)) views.push_back(view_of(std::move(record), now));
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return views;
}

Result<PublicityView> public_publicity(store::Database& db, const Clock& clock, long long id) {
  const auto now = clock.now();
  std::optional<PublicityView> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto record = store::find_publicity(sql, id);
    if (!record) return domain::make_problem("not_found", 404);
    answer = view_of(std::move(*record), now);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

Result<FiledObjection> file_objection(store::Database& db, const Clock& clock, const Caller& caller,
                                      long long publicity_id, const ObjectionFiling& filing) {
  const auto now = clock.now();
  std::optional<FiledObjection> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto publicity = store::find_publicity(sql, publicity_id);
    if (!publicity) return domain::make_problem("not_found", 404);
    if (!is_open(*publicity, now)) {
      return domain::make_problem("publicity_closed", 409,
                                  {{"starts_at", publicity->starts_at}, {"ends_at", publicity->ends_at}});
    }
    const std::string since = store::format_utc_iso(now - std::chrono::hours(1));
    if (store::count_objections_from(sql, caller.client_address, since) >= kObjectionsPerAddressPerHour) {
      return domain::make_problem("objection_rate_limited", 429,
                                  {{"limit", kObjectionsPerAddressPerHour}, {"window_minutes", 60}});
    }
    // 实名: the objector's name, phone, what they object to and a signed or sealed letter.
    FieldErrors errors;
    check_text(errors, "objector_name", filing.objector_name, 50);
    if (blank(filing.phone)) {
      errors.push_back({"phone", "required", json::object()});
    } else {
      check_phone(errors, "phone", filing.phone);
    }
    check_text(errors, "content", filing.content, 5000);
    if (!blank(filing.objector_organization))
      check_text(errors, "objector_organization", filing.objector_organization, 200);
    if (!blank(filing.address)) check_text(errors, "address", filing.address, 200);
    auto letter = read_letter(filing, errors);
    json entries = json::parse(publicity->entries_json, nullptr, false);
    std::optional<long long> application_id;
    if (!blank(filing.application_number) && entries.is_array()) {
      auto found = std::find_if(entries.begin(), entries.end(), [&](const json& entry) {
        return entry.value("number", "") == filing.application_number;
      });
      if (found == entries.end()) {
        errors.push_back({"application_number", "not_in_publicity", {{"number", filing.application_number}}});
      } else {
        application_id = found->value("application_id", 0LL);
      }
    }
    if (!errors.empty()) {
      const bool anonymous = std::any_of(errors.begin(), errors.end(), [](const domain::FieldError& e) {
        return e.rule == "required" &&
               (e.field == "objector_name" || e.field == "phone" || e.field == "content" ||
                e.field == "letter" || e.field.rfind("letter.", 0) == 0);
      });
      auto problem = validation_problem(std::move(errors));
      if (anonymous) problem.code = "objection_anonymous";
      return problem;
    }
    store::ObjectionRecord objection;
    objection.publicity_id = publicity_id;
    objection.application_id = application_id;
    objection.objector_name = filing.objector_name;
    objection.objector_organization = filing.objector_organization;
    objection.phone = filing.phone;
    objection.address = filing.address;
    objection.content = filing.content;
    objection.letter_name = filing.letter_file_name;
    objection.letter_type = letter->second.content_type;
    objection.letter_sha256 = sha256_hex(letter->first);
    objection.client_address = caller.client_address;
    objection.submitted_at = store::format_utc_iso(now);
    objection.id = store::insert_objection(sql, objection, letter->first);
    const std::string reference = objection_reference(objection);
    store::append_audit(sql, audit_entry(caller, "objection.file", objection_object(objection.id),
                                         {{"publicity_id", publicity_id},
                                          {"reference", reference},
                                          {"application_number", filing.application_number},
                                          {"letter_type", objection.letter_type},
                                          {"letter_bytes", letter->first.size()},
                                          {"letter_sha256", objection.letter_sha256}},
                                         now));
    notify_users(sql, store::user_ids_with_role(sql, "organizer", std::nullopt), "objection.filed",
                 objection_object(objection.id),
                 {{"reference", reference},
                  {"publicity_id", publicity_id},
                  {"batch_id", publicity->batch_id},
                  {"application_number", filing.application_number}},
                 now);
    answer = FiledObjection{objection.id, reference};
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

Result<std::vector<store::ObjectionRecord>> batch_objections(store::Database& db, const Caller& caller,
                                                             long long batch_id) {
  if (!organizer_or_bureau(caller)) return domain::make_problem("forbidden", 403);
  std::vector<store::ObjectionRecord> objections;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto batch = load_batch_policy(sql, batch_id);
    if (!batch) return batch.take_problem();
    objections = store::list_batch_objections(sql, batch_id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  // PIPL: the organizer investigates and calls back; the bureau reads the file.
  if (!caller.is("organizer")) {
    for (auto& objection : objections) objection.phone = mask_phone(objection.phone);
  }
  return objections;
}

Result<ObjectionLetter> objection_letter(store::Database& db, const Caller& caller, long long id) {
  if (!organizer_or_bureau(caller)) return domain::make_problem("forbidden", 403);
  std::optional<ObjectionLetter> answer;
  Status read = db.read([&](soci::session& sql) -> Status {
    auto objection = store::find_objection(sql, id);
    if (!objection) return domain::make_problem("not_found", 404);
    answer = ObjectionLetter{std::move(*objection), store::read_objection_letter(sql, id)};
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

namespace {

// Upheld: the entry leaves the list (remove) or its amount goes down (reduce).
Status apply_upheld(soci::session& sql, const Caller& caller, const BatchPolicy& batch,
                    store::PublicityRecord& publicity, store::ObjectionRecord& objection,
                    const ObjectionDecision& decision, json& summary, domain::Instant now) {
  json entries = json::parse(publicity.entries_json, nullptr, false);
  if (!entries.is_array()) entries = json::array();
  const long long application_id = *objection.application_id;
  auto entry = entry_of(entries, application_id);
  auto funded = store::find_funded_project(sql, application_id);
  auto application = store::find_application(sql, application_id);
  if (entry == entries.end() || !funded || !application) {
    return validation_problem(
        FieldErrors{domain::FieldError{"application_id", "not_in_publicity", json::object()}});
  }
  if (application->state != "publicized") {
    return domain::make_problem("application_not_publicized", 409, {{"state", application->state}});
  }
  summary["from_fen"] = funded->selected_fen;
  if (decision.change == "remove") {
    TransitionRequest request;
    request.to = domain::ApplicationState::objection_upheld;
    request.reason = decision.outcome;
    request.notify_kind = "application.objection_upheld";
    request.details = {{"objection_id", objection.id}, {"reference", objection_reference(objection)}};
    auto context = domain::context_from_policy(*batch.policy, now);
    if (auto done = apply_transition(sql, caller, *application, request, context, now); !done) return done;
    store::set_selected_amount(sql, application_id, 0);
    entries.erase(entry);
    objection.changed_fen = 0;
  } else {
    if (!decision.amount_fen) {
      return validation_problem(FieldErrors{domain::FieldError{"amount_fen", "required", json::object()}});
    }
    if (*decision.amount_fen <= 0 || *decision.amount_fen >= funded->selected_fen) {
      json facts = {{"amount_fen", *decision.amount_fen}, {"current_fen", funded->selected_fen}};
      auto problem = domain::make_problem("amount_not_lower", 422, facts);
      problem.fields.push_back({"amount_fen", "amount_not_lower", facts});
      return problem;
    }
    store::set_selected_amount(sql, application_id, *decision.amount_fen);
    (*entry)["amount_fen"] = *decision.amount_fen;
    objection.changed_fen = *decision.amount_fen;
    notify_enterprise(sql, application->enterprise_id, "application.amount_reduced",
                      fmt::format("application:{}", application_id),
                      {{"application_id", application_id},
                       {"number", application->number},
                       {"project_name", application->project_name},
                       {"amount_fen", *decision.amount_fen},
                       {"reason", decision.outcome}},
                      now);
  }
  publicity.entries_json = entries.dump();
  store::update_publicity_entries(sql, publicity.id, publicity.entries_json);
  summary["to_fen"] = *objection.changed_fen;
  return domain::Ok{};
}

}  // namespace

Result<store::ObjectionRecord> decide_objection(store::Database& db, const Clock& clock, const Caller& caller,
                                                long long id, const ObjectionDecision& decision) {
  if (!caller.is("organizer")) return domain::make_problem("forbidden", 403);
  const auto now = clock.now();
  std::optional<store::ObjectionRecord> answer;
  Status written = db.write([&](soci::session& sql) -> Status {
    auto objection = store::find_objection(sql, id);
    if (!objection) return domain::make_problem("not_found", 404);
    if (objection->state == "upheld" || objection->state == "rejected") {
      return domain::make_problem("objection_decided", 409, {{"state", objection->state}});
    }
    FieldErrors errors;
    const bool upheld = decision.state == "upheld";
    if (decision.state != "investigating" && !upheld && decision.state != "rejected") {
      errors.push_back({"state", "state_unknown", {{"allowed", {"investigating", "upheld", "rejected"}}}});
    }
    check_text(errors, "investigation", decision.investigation, 5000);
    if (decision.state != "investigating") check_text(errors, "outcome", decision.outcome, 2000);
    if (upheld) {
      if (decision.change.empty()) {
        errors.push_back({"change", "required", json::object()});
      } else if (decision.change != "remove" && decision.change != "reduce") {
        errors.push_back({"change", "change_unknown", {{"allowed", {"remove", "reduce"}}}});
      }
      if (!objection->application_id && !decision.application_id) {
        errors.push_back({"application_id", "required", json::object()});
      }
    }
    if (!errors.empty()) return validation_problem(std::move(errors));
    auto publicity = store::find_publicity(sql, objection->publicity_id);
    if (!publicity) return domain::make_problem("not_found", 404);
    auto batch = load_batch_policy(sql, publicity->batch_id);
    if (!batch) return batch.take_problem();
    if (!objection->application_id && decision.application_id)
      objection->application_id = decision.application_id;
    json summary = {{"from_state", objection->state}, {"state", decision.state}};
    if (upheld) {
      summary["change"] = decision.change;
      summary["application_id"] = *objection->application_id;
      if (auto done =
              apply_upheld(sql, caller, batch.value(), *publicity, *objection, decision, summary, now);
          !done)
        return done;
    }
    objection->state = decision.state;
    objection->investigation = decision.investigation;
    objection->outcome = decision.outcome;
    if (decision.state != "investigating") {
      objection->decided_by = caller.user_id;
      objection->decided_at = store::format_utc_iso(now);
    }
    store::update_objection_decision(sql, *objection);
    store::append_audit(sql, audit_entry(caller, "objection.decide", objection_object(id), summary, now));
    answer = store::find_objection(sql, id);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

}  // namespace iifund::service
