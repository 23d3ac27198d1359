#pragma once
// 专家库: the organizer (and the administrator) keep the pool of review experts — by hand, or by
// importing a CSV file all or nothing; an expert reads its own record and declares the enterprises
// it must not review (回避), which every later assignment avoids. An expert's account is linked to
// its record when the administrator creates it.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/expert_csv.hpp"
#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/expert_store.hpp"

namespace iifund::service {

// Organizer and administrator: the pool, filtered.
domain::Result<std::vector<store::ExpertRecord>> list_pool(store::Database& db, const Caller& caller,
                                                           const store::ExpertQuery& query);

// 422 validation_failed with the entry's field errors; audit expert.add.
domain::Result<store::ExpertRecord> add_expert(store::Database& db, const Clock& clock, const Caller& caller,
                                               std::span<const domain::County> counties,
                                               domain::ExpertEntry entry);

// 404 unknown, 409 stale_version, 422 field errors; audit expert.update (before and after).
domain::Result<store::ExpertRecord> change_expert(store::Database& db, const Clock& clock,
                                                  const Caller& caller,
                                                  std::span<const domain::County> counties, long long id,
                                                  int version, domain::ExpertEntry entry);

struct ImportReport {
  int rows = 0;
  int valid = 0;     // rows without an error
  int imported = 0;  // 0 on a dry run or when any row has an error
  bool dry_run = false;
  std::vector<domain::CsvRowError> errors;
};

// `bytes`: the file as uploaded (UTF-8 with or without BOM, or GB18030). A row naming an expert
// already in the pool (same name and phone) is an error too (rule expert_exists). Nothing is
// written on a dry run or when any row has an error; otherwise every row in one transaction,
// audit expert.import.
domain::Result<ImportReport> import_experts(store::Database& db, const Clock& clock, const Caller& caller,
                                            std::span<const domain::County> counties, std::string_view bytes,
                                            bool dry_run);

// The expert's own record: 403 for other roles, 404 when no record is linked to the account.
domain::Result<store::ExpertRecord> own_expert_record(store::Database& db, const Caller& caller);

// Adds a credit code to the caller's declared conflicts (reason required); audit
// expert.declare_conflict with the reason.
domain::Result<store::ExpertRecord> declare_own_conflict(store::Database& db, const Clock& clock,
                                                         const Caller& caller, const std::string& credit_code,
                                                         const std::string& reason);

// Inside the account's transaction: links the new expert account to pool record `expert_id`.
// 422 validation_failed (expert_id expert_unknown), 409 expert_already_linked.
domain::Status link_expert_account(soci::session& sql, long long expert_id, long long user_id,
                                   const std::string& now);

}  // namespace iifund::service
