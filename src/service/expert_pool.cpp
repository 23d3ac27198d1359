#include "service/expert_pool.hpp"

#include <algorithm>

#include "domain/credit_code.hpp"
#include "service/audit.hpp"
#include "service/field_rules.hpp"
#include "store/audit_log.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

bool keeps_pool(const Caller& caller) { return caller.is("organizer") || caller.is("admin"); }

std::string expert_object(long long id) { return "expert:" + std::to_string(id); }

void copy_entry(const domain::ExpertEntry& entry, store::ExpertRecord& record) {
  record.name = entry.name;
  record.title = entry.title;
  record.employer_name = entry.employer_name;
  record.employer_credit_code = entry.employer_credit_code;
  record.county_code = entry.county_code;
  record.fields = entry.fields;
  record.declared = entry.declared;
  record.max_load = entry.max_load;
  record.phone = entry.phone;
  record.active = entry.active;
}

// What the audit record keeps of an expert (no phone number).
nlohmann::json expert_summary(const store::ExpertRecord& x) {
  return {{"name", x.name},
          {"employer_credit_code", x.employer_credit_code},
          {"county_code", x.county_code},
          {"fields", x.fields},
          {"declared", x.declared.size()},
          {"max_load", x.max_load},
          {"active", x.active}};
}

domain::Problem entry_problem(std::vector<domain::FieldError> errors) {
  return validation_problem(std::move(errors));
}

}  // namespace

domain::Result<std::vector<store::ExpertRecord>> list_pool(store::Database& db, const Caller& caller,
                                                           const store::ExpertQuery& query) {
  if (!keeps_pool(caller)) return domain::make_problem("forbidden", 403);
  std::vector<store::ExpertRecord> experts;
  domain::Status read = db.read([&](soci::session& sql) -> domain::Status {
    experts = store::list_experts(sql, query);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return experts;
}

domain::Result<store::ExpertRecord> add_expert(store::Database& db, const Clock& clock, const Caller& caller,
                                               std::span<const domain::County> counties,
                                               domain::ExpertEntry entry) {
  if (!keeps_pool(caller)) return domain::make_problem("forbidden", 403);
  if (auto errors = domain::check_expert_entry(entry, counties); !errors.empty())
    return entry_problem(errors);
  const auto now = clock.now();
  const std::string stamp = store::format_utc_iso(now);
  std::optional<store::ExpertRecord> saved;
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    store::ExpertRecord record;
    copy_entry(entry, record);
    long long id = store::insert_expert(sql, record, stamp);
    saved = store::find_expert(sql, id);
    store::append_audit(
        sql, audit_entry(caller, "expert.add", expert_object(id), {{"after", expert_summary(*saved)}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*saved);
}

domain::Result<store::ExpertRecord> change_expert(store::Database& db, const Clock& clock,
                                                  const Caller& caller,
                                                  std::span<const domain::County> counties, long long id,
                                                  int version, domain::ExpertEntry entry) {
  if (!keeps_pool(caller)) return domain::make_problem("forbidden", 403);
  if (auto errors = domain::check_expert_entry(entry, counties); !errors.empty())
    return entry_problem(errors);
  const auto now = clock.now();
  std::optional<store::ExpertRecord> saved;
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto current = store::find_expert(sql, id);
    if (!current) return domain::make_problem("not_found", 404);
    if (current->version != version) {
      return domain::make_problem("stale_version", 409, {{"current_version", current->version}});
    }
    store::ExpertRecord changed = *current;
    copy_entry(entry, changed);
    if (!store::update_expert(sql, changed, version, store::format_utc_iso(now))) {
      return domain::make_problem("stale_version", 409, {{"current_version", current->version + 1}});
    }
    saved = store::find_expert(sql, id);
    store::append_audit(
        sql, audit_entry(caller, "expert.update", expert_object(id),
                         {{"before", expert_summary(*current)}, {"after", expert_summary(*saved)}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*saved);
}

domain::Result<ImportReport> import_experts(store::Database& db, const Clock& clock, const Caller& caller,
                                            std::span<const domain::County> counties, std::string_view bytes,
                                            bool dry_run) {
  if (!keeps_pool(caller)) return domain::make_problem("forbidden", 403);
  auto text = domain::decode_csv_bytes(bytes);
  if (!text) return text.take_problem();
  auto csv = domain::parse_expert_csv(text.value(), counties);
  ImportReport report;
  report.rows = csv.rows;
  report.dry_run = dry_run;
  report.errors = std::move(csv.errors);
  const auto now = clock.now();
  const std::string stamp = store::format_utc_iso(now);
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    // The same person twice, in the pool already or earlier in the file.
    auto pool = store::list_experts(sql, {});
    std::vector<std::pair<std::string, std::string>> known;
    for (const auto& x : pool) {
      if (!x.phone.empty()) known.emplace_back(x.name, x.phone);
    }
    std::vector<const domain::ExpertCsvRow*> accepted;
    for (const auto& row : csv.entries) {
      const auto key = std::make_pair(row.entry.name, row.entry.phone);
      if (!row.entry.phone.empty() && std::find(known.begin(), known.end(), key) != known.end()) {
        report.errors.push_back({row.row, "name", "expert_exists", {{"name", row.entry.name}}});
        continue;
      }
      if (!row.entry.phone.empty()) known.push_back(key);
      accepted.push_back(&row);
    }
    std::stable_sort(
        report.errors.begin(), report.errors.end(),
        [](const domain::CsvRowError& a, const domain::CsvRowError& b) { return a.row < b.row; });
    report.valid = static_cast<int>(accepted.size());
    if (dry_run || !report.errors.empty() || accepted.empty()) return domain::Ok{};
    for (const auto* row : accepted) {
      store::ExpertRecord record;
      copy_entry(row->entry, record);
      store::insert_expert(sql, record, stamp);
    }
    report.imported = static_cast<int>(accepted.size());
    store::append_audit(sql, audit_entry(caller, "expert.import", "experts",
                                         {{"rows", report.rows}, {"imported", report.imported}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return report;
}

domain::Result<store::ExpertRecord> own_expert_record(store::Database& db, const Caller& caller) {
  if (!caller.is("expert")) return domain::make_problem("forbidden", 403);
  std::optional<store::ExpertRecord> record;
  domain::Status read = db.read([&](soci::session& sql) -> domain::Status {
    record = store::find_expert_of_user(sql, caller.user_id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  if (!record) return domain::make_problem("expert_not_linked", 404);
  return std::move(*record);
}

domain::Result<store::ExpertRecord> declare_own_conflict(store::Database& db, const Clock& clock,
                                                         const Caller& caller, const std::string& credit_code,
                                                         const std::string& reason) {
  if (!caller.is("expert")) return domain::make_problem("forbidden", 403);
  FieldErrors errors;
  auto code = domain::parse_credit_code(credit_code);
  if (!code) {
    auto facts = code.problem().facts;
    errors.push_back({"credit_code", code.problem().code, facts});
  }
  check_text(errors, "reason", reason, 500);
  if (!errors.empty()) return validation_problem(std::move(errors));
  const auto now = clock.now();
  std::optional<store::ExpertRecord> saved;
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto record = store::find_expert_of_user(sql, caller.user_id);
    if (!record) return domain::make_problem("expert_not_linked", 404);
    auto& declared = record->declared;
    if (std::find(declared.begin(), declared.end(), code->text) == declared.end()) {
      declared.push_back(code->text);
      if (!store::update_expert(sql, *record, record->version, store::format_utc_iso(now))) {
        return domain::make_problem("stale_version", 409);
      }
    }
    saved = store::find_expert(sql, record->id);
    store::append_audit(sql, audit_entry(caller, "expert.declare_conflict", expert_object(record->id),
                                         {{"credit_code", code->text}, {"reason", reason}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*saved);
}

domain::Status link_expert_account(soci::session& sql, long long expert_id, long long user_id,
                                   const std::string& now) {
  auto expert = store::find_expert(sql, expert_id);
  if (!expert) return validation_problem({{"expert_id", "expert_unknown", {{"expert_id", expert_id}}}});
  if (expert->user_id || !store::link_expert_user(sql, expert_id, user_id, now)) {
    return domain::make_problem("expert_already_linked", 409,
                                {{"expert_id", expert_id}, {"username", expert->username.value_or("")}});
  }
  return domain::Ok{};
}

}  // namespace iifund::service
