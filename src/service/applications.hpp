#pragma once
// 项目申报: the enterprise's use cases on its application — create, save as it goes, finalize
// (定稿), submit or resubmit, withdraw — and the views others read. Every change names the
// version it started from (a stale one answers 409 stale_version) and appends its audit record in
// its own transaction; every refusal leaves the application as it was.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/application_assessment.hpp"
#include "domain/result.hpp"
#include "service/batch_policies.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "service/funding.hpp"
#include "store/application_store.hpp"
#include "store/database.hpp"
#include "store/enterprise_store.hpp"
#include "store/upload_store.hpp"

namespace iifund::service {

// What the enterprise must read while its application is back with it or refused: the last
// return (退回), supplement request (补正), decline or failed formal check, named by role only.
struct ReviewFeedback {
  std::string action;  // return_for_revision | request_supplement | decline | fail_formal_check
  std::string role;    // county | organizer
  std::string reason;
  std::vector<std::string> fields;  // the form fields or materials to fix
  std::string at;
};

// Everything the screen, the PDF and the submission need about one application, computed once.
struct ApplicationView {
  store::ApplicationRecord record;
  BatchPolicy batch;
  const domain::CategoryPolicy* category = nullptr;  // points into batch.policy
  store::EnterpriseRecord enterprise;
  domain::ApplicationForm form;
  domain::ApplicationComputation computation;
  std::vector<domain::FieldError> problems;  // what finalizing would refuse
  std::vector<domain::FieldError> warnings;  // e.g. an invoice another application lists too
  std::vector<store::UploadRecord> uploads;  // complete files
  std::vector<std::string> missing_materials;
  bool sealed_scan_current = false;  // an application_form scan completed since finalizing
  std::optional<domain::Instant> revision_deadline;
  std::optional<ReviewFeedback> review_feedback;
  std::optional<FundingSummary> funding;  // once selected (排序优选): selected, approved, disbursed
  std::string next_step;
};

domain::Result<ApplicationView> create_application(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long batch_id, int category);
domain::Result<ApplicationView> view_application(store::Database& db, const Clock& clock,
                                                 const Caller& caller, long long id);
domain::Result<ApplicationView> save_application(store::Database& db, const Clock& clock,
                                                 const Caller& caller, long long id, int version,
                                                 const nlohmann::json& form);
domain::Result<ApplicationView> finalize_application(store::Database& db, const Clock& clock,
                                                     const Caller& caller, long long id, int version);
domain::Result<ApplicationView> submit_application(store::Database& db, const Clock& clock,
                                                   const Caller& caller, long long id, int version);
domain::Result<ApplicationView> withdraw_application(store::Database& db, const Clock& clock,
                                                     const Caller& caller, long long id,
                                                     const std::string& reason);

domain::Result<std::vector<store::ApplicationEvent>> application_history(store::Database& db,
                                                                         const Caller& caller, long long id);
domain::Result<store::ApplicationSnapshot> application_snapshot(store::Database& db, const Caller& caller,
                                                                long long id);

// Scoped by role: an enterprise its own, a county officer its county's submitted ones, the
// organizer and the bureau every submitted one.
domain::Result<store::ApplicationPage> find_applications(store::Database& db, const Caller& caller,
                                                         store::ApplicationQuery query);

// The form's fingerprint printed in the PDF's QR code: SHA-256 of its canonical JSON.
std::string form_hash(const domain::ApplicationForm& form);

// The computed numbers as the API, the snapshot and the PDF carry them.
nlohmann::json computation_json(const ApplicationView& view);

}  // namespace iifund::service
