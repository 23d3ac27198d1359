#pragma once
// 下达与拨付: after the publicity period the bureau approves the batch's list (publicized →
// approved, approved amount = the funded amount as the publicity left it); the organizer then
// records payments per project, whose sum never exceeds the approved amount. The enterprise sees
// its funding in the application and its payments.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/funding_store.hpp"

namespace iifund::service {

// What GET /api/applications/:id shows once the application was selected.
struct FundingSummary {
  long long selected_fen = 0;
  std::optional<long long> approved_fen;
  long long disbursed_fen = 0;
};

// Inside the caller's transaction; nullopt when the application was never selected.
std::optional<FundingSummary> funding_of(soci::session& sql, long long application_id);

struct Approval {
  long long batch_id = 0;
  std::vector<long long> approved;  // application ids
  long long approved_fen = 0;
  std::string approved_at;
};

// Bureau. 409 not_publicized (no publicity yet), 422 publicity_not_over (facts publicity_ends),
// 409 objections_pending (facts count), 409 already_approved, 422 nothing_to_approve; every
// publicized application → approved with approved_fen = its funded amount; audit funding.approve.
domain::Result<Approval> approve_batch(store::Database& db, const Clock& clock, const Caller& caller,
                                       long long batch_id);

struct FundedList {
  std::vector<store::FundedProjectRecord> projects;
  long long selected_fen = 0;
  long long approved_fen = 0;
  long long disbursed_fen = 0;
};

// Organizer and bureau.
domain::Result<FundedList> funded_list(store::Database& db, const Caller& caller, long long batch_id);

struct Payments {
  long long application_id = 0;
  std::optional<long long> approved_fen;
  long long disbursed_fen = 0;
  std::vector<store::DisbursementRecord> payments;
};

struct PaymentInput {
  std::optional<long long> amount_fen;  // nullopt: missing or not a whole number
  std::string paid_on;                  // YYYY-MM-DD
  std::string voucher;
  std::string note;
};

// Organizer. 409 not_approved unless the application is approved; 422 validation_failed
// (amount_fen: required / amount_positive; paid_on: required / date_syntax; voucher, note:
// too_long); 422 over_approved (facts approved_fen, disbursed_fen, amount_fen) when the payments
// would sum above the approved amount; audit funding.disburse.
domain::Result<Payments> record_disbursement(store::Database& db, const Clock& clock, const Caller& caller,
                                             long long application_id, const PaymentInput& payment);

// Enterprise (own), county (own county), organizer, bureau; 404 out of scope.
domain::Result<Payments> application_payments(store::Database& db, const Caller& caller,
                                              long long application_id);

}  // namespace iifund::service
