#pragma once
// 验收: after an approved project is carried out, the enterprise reports the actual investment
// and the actual value of each performance target it planned (with evidence files), submits, and
// the organizer concludes passed or failed; the enterprise is notified. A talent-training project
// (category 4) also shows its events held and people trained, counted from the QR check-ins,
// against the policy's minimums (≥ 10 events, ≥ 500 people).
//
// Scope: the enterprise's own staff write; its county officer, the organizer and the bureau read;
// anybody else gets 404 as for an unknown application. Only an approved application has an
// acceptance (else 409 acceptance_not_open).
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/application_store.hpp"
#include "store/database.hpp"
#include "store/upload_store.hpp"

namespace iifund::service {

// The upload material of acceptance evidence (the upload routes take it on an approved application).
inline constexpr const char* kAcceptanceEvidenceMaterial = "acceptance_evidence";

struct AcceptanceTarget {
  int id = 0;  // 1-based position in the form's performance targets
  std::string name;
  std::string baseline;
  std::string planned;
  std::string unit;
  std::string actual;
};

// 培训: what the check-ins show against the policy's minimums.
struct TrainingSummary {
  int events = 0;
  int events_held = 0;     // held (on or before today) with at least one check-in
  long long trainees = 0;  // distinct people (phone numbers) over all events
  int min_events = 0;
  int min_trainees = 0;
  int planned_events = 0;  // from the form's training plan
  long long planned_trainees = 0;
  bool ok = false;  // both minimums reached
};

struct AcceptanceView {
  store::ApplicationRecord application;
  std::string state = "draft";  // draft | submitted | passed | failed
  std::optional<long long> actual_investment_fen;
  long long planned_investment_fen = 0;  // the form's investment lines, counted as the policy counts invoices
  std::vector<AcceptanceTarget> targets;
  std::string report;
  std::string conclusion;
  std::optional<std::string> concluded_at;
  std::vector<store::UploadRecord> evidence;
  std::optional<TrainingSummary> training;  // talent-training projects only
  int version = 0;                          // 0 until the first save
  std::string updated_at;
};

struct AcceptanceTargetInput {
  std::optional<long long> id;
  std::string actual;
};

struct AcceptanceInput {
  std::optional<long long> actual_investment_fen;  // absent: not known yet
  std::vector<AcceptanceTargetInput> targets;      // only the targets given change
  std::string report;
};

domain::Result<AcceptanceView> view_acceptance(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long application_id);

// The enterprise saves a draft: 422 validation_failed (actual_investment_fen: amount_range;
// targets[i].id: target_unknown; targets[i].actual, report: too_long), 409 stale_version
// {current_version}, 409 acceptance_not_editable {state} once submitted. Audit acceptance.save.
domain::Result<AcceptanceView> save_acceptance(store::Database& db, const Clock& clock, const Caller& caller,
                                               long long application_id, int version,
                                               const AcceptanceInput& input);

// Every actual must be given: 422 acceptance_incomplete with one field per gap
// (actual_investment_fen, targets[i].actual: required). Audit acceptance.submit.
domain::Result<AcceptanceView> submit_acceptance(store::Database& db, const Clock& clock,
                                                 const Caller& caller, long long application_id, int version);

// The organizer's conclusion on a submitted acceptance: 422 conclusion (conclusion_unknown), note
// (reason_required when failed, too_long); 409 acceptance_not_submitted {state}. Audit
// acceptance.conclude; the enterprise's staff get the notice acceptance.concluded.
domain::Result<AcceptanceView> conclude_acceptance(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long application_id,
                                                   const std::string& conclusion, const std::string& note);

// For the upload routes: the caller's own approved application whose acceptance is still a draft
// (404 otherwise out of scope; 409 acceptance_not_open, acceptance_not_editable).
domain::Result<store::ApplicationRecord> load_acceptance_evidence_application(soci::session& sql,
                                                                              const Caller& caller,
                                                                              long long application_id);

// The acceptance's state ("draft" when none is stored yet).
std::string acceptance_state(soci::session& sql, long long application_id);

// Inside a transaction: the training summary of an application of a talent-training category.
TrainingSummary training_summary(soci::session& sql, const store::ApplicationRecord& application,
                                 int min_events, int min_trainees, domain::Instant now);

}  // namespace iifund::service
