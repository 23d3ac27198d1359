// Assembling an ApplicationView: the parsed form, its numbers, what is missing, the files and
// the next step, all from one transaction's reads.
#include "service/application_view.hpp"

#include <algorithm>
#include <chrono>

#include "domain/time.hpp"
#include "service/enterprise_facts.hpp"
#include "service/uploads.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

void add_invoice_warnings(soci::session& sql, ApplicationView& view) {
  auto keys = domain::listed_invoice_keys(view.form);
  auto elsewhere = store::invoices_listed_elsewhere(sql, view.record.batch_id, view.record.id, keys);
  auto claimed = store::invoices_claimed_elsewhere(sql, view.record.batch_id, view.record.id, keys);
  for (std::size_t i = 0; i < view.form.investment_lines.size(); ++i) {
    const auto& line = view.form.investment_lines[i];
    if (line.invoice.number.empty()) continue;
    auto key = domain::invoice_key(domain::to_invoice(line));
    std::string field = "form.investment_lines[" + std::to_string(i) + "].invoice.number";
    if (std::find(claimed.begin(), claimed.end(), key) != claimed.end()) {
      view.warnings.push_back({field, "invoice_claimed", {{"invoice", key}}});
    } else if (std::find(elsewhere.begin(), elsewhere.end(), key) != elsewhere.end()) {
      view.warnings.push_back({field, "invoice_in_other_application", {{"invoice", key}}});
    }
  }
}

void add_materials(soci::session& sql, ApplicationView& view) {
  view.uploads = list_application_uploads(sql, view.record.id);
  for (const auto& material : view.category->materials) {
    bool present =
        std::any_of(view.uploads.begin(), view.uploads.end(),
                    [&](const store::UploadRecord& upload) { return upload.material_id == material.id; });
    if (!present) view.missing_materials.push_back(material.id);
  }
  if (!view.record.finalized_at) return;
  // Timestamps are ISO UTC text of one width, so text order is time order.
  view.sealed_scan_current =
      std::any_of(view.uploads.begin(), view.uploads.end(), [&](const store::UploadRecord& upload) {
        return upload.material_id == kSealedScanMaterial && upload.completed_at &&
               *upload.completed_at >= *view.record.finalized_at;
      });
}

// The event that brought the application into its current state, when that state hands it back
// to the enterprise or refuses it (a later event supersedes it).
std::optional<ReviewFeedback> review_feedback_of(soci::session& sql, const store::ApplicationRecord& record) {
  static const char* const kFeedbackActions[] = {"return_for_revision", "request_supplement", "decline",
                                                 "fail_formal_check"};
  auto events = store::list_application_events(sql, record.id);
  if (events.empty()) return std::nullopt;
  const auto& last = events.back();
  const bool feedback = std::any_of(std::begin(kFeedbackActions), std::end(kFeedbackActions),
                                    [&](const char* action) { return last.action == action; });
  if (!feedback || last.to_state != record.state) return std::nullopt;
  ReviewFeedback answer{last.action, last.actor_role, last.reason, {}, last.at};
  auto details = nlohmann::json::parse(last.details_json, nullptr, false);
  if (details.is_object() && details.contains("fields") && details["fields"].is_array()) {
    for (const auto& field : details["fields"])
      if (field.is_string()) answer.fields.push_back(field.get<std::string>());
  }
  return answer;
}

std::string next_step_of(const ApplicationView& view) {
  const auto& state = view.record.state;
  if (store::application_editable(state)) {
    if (!view.problems.empty()) return "fill_form";
    if (!view.record.finalized_hash) return "finalize";
    if (!view.sealed_scan_current) return "upload_sealed_scan";
    if (!view.missing_materials.empty()) return "upload_materials";
    return "submit";
  }
  if (state == "submitted") return "wait_county";
  if (state == "county_recommended") return "wait_formal_check";
  if (state == "withdrawn" || state == "county_declined" || state == "formal_check_failed") return "closed";
  return "wait_review";
}

}  // namespace

domain::Result<ApplicationView> build_application_view(soci::session& sql, store::ApplicationRecord record) {
  auto batch = load_batch_policy(sql, record.batch_id);
  if (!batch) return batch.take_problem();
  ApplicationView view;
  view.record = std::move(record);
  view.batch = std::move(batch.value());
  view.category = view.batch.policy->find_category(view.record.category);
  if (view.category == nullptr)
    return domain::make_problem("batch_policy_invalid", 503, {{"batch", view.batch.batch.code}});
  auto enterprise = store::find_enterprise(sql, view.record.enterprise_id);
  if (!enterprise) return domain::make_problem("not_found", 404);
  view.enterprise = std::move(*enterprise);
  auto parsed = domain::parse_application_form(nlohmann::json::parse(view.record.form_json));
  if (parsed) view.form = std::move(parsed.value());  // stored forms were checked when saved
  const auto facts = applicant_facts(view.enterprise, *view.batch.policy);
  view.computation = domain::compute_application(*view.batch.policy, *view.category, view.form, facts);
  view.problems =
      domain::check_application_form(*view.batch.policy, *view.category, view.form, facts, view.computation);
  add_invoice_warnings(sql, view);
  add_materials(sql, view);
  if (view.record.returned_at) {
    if (auto returned = domain::parse_instant(*view.record.returned_at)) {
      view.revision_deadline = returned.value() + std::chrono::days(view.batch.policy->revision_days);
    }
  }
  view.review_feedback = review_feedback_of(sql, view.record);
  view.funding = funding_of(sql, view.record.id);
  view.next_step = next_step_of(view);
  return view;
}

domain::Status reload_application_view(soci::session& sql, long long id,
                                       std::optional<ApplicationView>& answer) {
  auto record = store::find_application(sql, id);
  if (!record) return domain::make_problem("not_found", 404);
  auto view = build_application_view(sql, std::move(*record));
  if (!view) return view.take_problem();
  answer = std::move(view.value());
  return domain::Ok{};
}

}  // namespace iifund::service
