#include "http/application_json.hpp"

#include "domain/time.hpp"
#include "http/problem_response.hpp"
#include "service/authorization.hpp"

namespace iifund::http {

namespace {

nlohmann::json optional_text(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json();
}

nlohmann::json materials_json(const service::ApplicationView& view) {
  nlohmann::json materials = nlohmann::json::array();
  auto add = [&](const std::string& id, const domain::LocalizedName& name, bool required) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& upload : view.uploads) {
      if (upload.material_id != id) continue;
      files.push_back({{"upload_id", upload.id},
                       {"file_name", upload.file_name},
                       {"size_bytes", upload.size_bytes},
                       {"content_type", optional_text(upload.content_type)},
                       {"sha256", upload.sha256},
                       {"completed_at", optional_text(upload.completed_at)}});
    }
    materials.push_back({{"material_id", id},
                         {"name_zh", name.zh},
                         {"name_en", name.en},
                         {"required", required},
                         {"files", files}});
  };
  for (const auto& material : view.category->materials) add(material.id, material.name, true);
  for (const auto& declaration : view.batch.policy->declarations) {
    add("declaration:" + declaration.id, declaration.name, false);
  }
  return materials;
}

// The policy's choices the form offers, so the screen needs no copy of the policy.
nlohmann::json options_json(const service::ApplicationView& view) {
  auto named = [](const std::vector<domain::NamedItem>& items) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items)
      list.push_back({{"id", item.id}, {"name_zh", item.name.zh}, {"name_en", item.name.en}});
    return list;
  };
  const auto& policy = *view.batch.policy;
  nlohmann::json types = nlohmann::json::array();
  for (const auto& type : policy.investment_types) {
    if (view.category->counts_investment_type(type.id)) {
      types.push_back({{"id", type.id}, {"name_zh", type.name.zh}, {"name_en", type.name.en}});
    }
  }
  nlohmann::json clusters = nlohmann::json::array();
  for (const auto& cluster : policy.clusters) {
    clusters.push_back({{"id", cluster.id}, {"name_zh", cluster.name.zh}, {"name_en", cluster.name.en}});
  }
  nlohmann::json counties = nlohmann::json::array();
  for (const auto& county : policy.counties) {
    counties.push_back(
        {{"code", county.division_code}, {"name_zh", county.name.zh}, {"name_en", county.name.en}});
  }
  return {{"directions", named(view.category->directions)},
          {"investment_types", types},
          {"declarations", named(policy.declarations)},
          {"clusters", clusters},
          {"counties", counties}};
}

nlohmann::json review_feedback_json(const std::optional<service::ReviewFeedback>& feedback) {
  if (!feedback) return nullptr;
  return {{"action", feedback->action},
          {"role", feedback->role},
          {"reason", feedback->reason},
          {"fields", feedback->fields},
          {"at", feedback->at}};
}

nlohmann::json funding_json(const std::optional<service::FundingSummary>& funding) {
  if (!funding) return nullptr;
  return {{"selected_fen", funding->selected_fen},
          {"approved_fen",
           funding->approved_fen ? nlohmann::json(*funding->approved_fen) : nlohmann::json(nullptr)},
          {"disbursed_fen", funding->disbursed_fen}};
}

}  // namespace

nlohmann::json application_json(const service::ApplicationView& view, const service::Caller& caller,
                                Language language) {
  const auto& r = view.record;
  auto form = domain::to_json(view.form);
  if (!service::may_see_contact_phone(caller, view.enterprise)) {
    form["contact"]["phone"] = service::mask_phone(view.form.contact.phone);
  }
  return {{"id", r.id},
          {"number", r.number},
          {"batch_id", r.batch_id},
          {"batch_name_zh", view.batch.batch.name_zh},
          {"batch_name_en", view.batch.batch.name_en},
          {"category", r.category},
          {"category_id", view.category->id},
          {"category_name_zh", view.category->name.zh},
          {"category_name_en", view.category->name.en},
          {"enterprise_id", r.enterprise_id},
          {"enterprise_name", view.enterprise.name},
          {"enterprise_credit_code", view.enterprise.credit_code},
          {"enterprise_verified", view.enterprise.verified},
          {"county_code", r.county_code},
          {"state", r.state},
          {"version", r.version},
          {"editable", store::application_editable(r.state)},
          {"finalized", r.finalized_hash.has_value()},
          {"finalized_hash", optional_text(r.finalized_hash)},
          {"finalized_at", optional_text(r.finalized_at)},
          {"submitted_at", optional_text(r.submitted_at)},
          {"returned_at", optional_text(r.returned_at)},
          {"revision", r.revision},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"deadline", domain::format_beijing(view.batch.closes)},
          {"revision_deadline", view.revision_deadline
                                    ? nlohmann::json(domain::format_beijing(*view.revision_deadline))
                                    : nlohmann::json()},
          {"form", form},
          {"computed", service::computation_json(view)},
          {"problems", field_errors_json(view.problems, 422, language)},
          {"warnings", field_errors_json(view.warnings, 200, language)},
          {"materials", materials_json(view)},
          {"missing_materials", view.missing_materials},
          {"sealed_scan_current", view.sealed_scan_current},
          {"options", options_json(view)},
          {"review_feedback", review_feedback_json(view.review_feedback)},
          {"funding", funding_json(view.funding)},
          {"next_step", view.next_step}};
}

nlohmann::json application_list_json(const store::ApplicationPage& page) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : page.rows) {
    const auto& r = row.application;
    rows.push_back({{"id", r.id},
                    {"number", r.number},
                    {"batch_id", r.batch_id},
                    {"category", r.category},
                    {"enterprise_id", r.enterprise_id},
                    {"enterprise_name", row.enterprise_name},
                    {"enterprise_credit_code", row.enterprise_credit_code},
                    {"county_code", r.county_code},
                    {"state", r.state},
                    {"project_name", r.project_name},
                    {"requested_fen", r.requested_fen},
                    {"computed_fen", r.computed_fen},
                    {"bound_by", r.bound_by},
                    {"finalized", r.finalized_hash.has_value()},
                    {"submitted_at", optional_text(r.submitted_at)},
                    {"updated_at", r.updated_at}});
  }
  return {{"applications", rows}, {"total", page.total}};
}

nlohmann::json application_event_json(const store::ApplicationEvent& event) {
  return {{"id", event.id},
          {"action", event.action},
          {"from_state", event.from_state},
          {"to_state", event.to_state},
          {"actor_role", event.actor_role},
          {"reason", event.reason},
          {"details", nlohmann::json::parse(event.details_json, nullptr, false, true)},
          {"at", event.at}};
}

}  // namespace iifund::http
