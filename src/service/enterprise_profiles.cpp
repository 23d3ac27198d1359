#include "service/enterprise_profiles.hpp"

#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/field_rules.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

bool own_staff(const Caller& caller, const store::EnterpriseRecord& enterprise) {
  return caller.is("enterprise") && caller.enterprise_id && *caller.enterprise_id == enterprise.id;
}

// The stored document is written only by update_enterprise_profile, so it parses; a damaged one
// reads as an empty profile rather than failing every view of the enterprise.
domain::EnterpriseProfile stored_profile(const store::EnterpriseRecord& enterprise) {
  auto json = nlohmann::json::parse(enterprise.profile_json, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return {};
  return domain::profile_from_json(json).profile;
}

// PIPL: phones in full for the enterprise's staff and its county officer; the bank account
// number in full for its staff only.
void mask_personal_data(const Caller& caller, const store::EnterpriseRecord& enterprise,
                        domain::EnterpriseProfile& profile) {
  if (!may_see_contact_phone(caller, enterprise)) {
    for (auto& contact : profile.contacts) contact.phone = mask_phone(contact.phone);
  }
  if (!own_staff(caller, enterprise)) {
    profile.bank.account_number = domain::mask_account_number(profile.bank.account_number);
  }
}

std::optional<SizeClass> size_class(const domain::Policy* policy, const domain::EnterpriseProfile& profile) {
  if (policy == nullptr || !profile.employees || !profile.revenue_fen) return std::nullopt;
  auto size = domain::classify_enterprise(policy->sme, static_cast<int>(*profile.employees),
                                          domain::fen(*profile.revenue_fen));
  return SizeClass{size, policy->sme.basis};
}

EnterpriseProfileView make_view(const Caller& caller, const domain::Policy* policy,
                                store::EnterpriseRecord enterprise) {
  EnterpriseProfileView view;
  view.profile = stored_profile(enterprise);
  view.size = size_class(policy, view.profile);
  mask_personal_data(caller, enterprise, view.profile);
  if (!may_see_contact_phone(caller, enterprise))
    enterprise.contact_phone = mask_phone(enterprise.contact_phone);
  if (policy != nullptr) {
    view.division_hint = domain::division_hint(*policy, enterprise.credit_code, enterprise.county_code);
    view.cluster_options = policy->clusters;
  }
  view.enterprise = std::move(enterprise);
  return view;
}

// What the audit log keeps of a profile: no phone numbers, only the last four digits of the
// bank account.
nlohmann::json profile_summary(const domain::EnterpriseProfile& profile) {
  nlohmann::json contacts = nlohmann::json::array();
  for (const auto& contact : profile.contacts) contacts.push_back(contact.name);
  auto json = domain::profile_to_json(profile);
  json["contacts"] = contacts;
  const auto& number = profile.bank.account_number;
  json["bank"] = {{"account_name", profile.bank.account_name},
                  {"bank_name", profile.bank.bank_name},
                  {"account_number_last4", number.size() > 4 ? number.substr(number.size() - 4) : ""}};
  return json;
}

// The body's `version`: a positive integer (a form may send it as text).
std::optional<long long> body_version(const nlohmann::json& body) {
  if (!body.is_object()) return std::nullopt;
  auto found = body.find("version");
  if (found == body.end()) return std::nullopt;
  if (found->is_number_integer() && found->get<long long>() > 0) return found->get<long long>();
  return std::nullopt;
}

}  // namespace

domain::Result<EnterpriseProfileView> view_enterprise_profile(store::Database& db, const Caller& caller,
                                                              const domain::Policy* policy, long long id) {
  std::optional<store::EnterpriseRecord> enterprise;
  domain::Status read = db.read([&](soci::session& sql) {
    enterprise = store::find_enterprise(sql, id);
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  if (!enterprise || !may_read_enterprise(caller, *enterprise)) return domain::make_problem("not_found", 404);
  return make_view(caller, policy, std::move(*enterprise));
}

domain::Result<EnterpriseProfileView> update_enterprise_profile(store::Database& db, const Clock& clock,
                                                                const Caller& caller,
                                                                const domain::Policy* policy, long long id,
                                                                const nlohmann::json& body) {
  auto now = clock.now();
  std::optional<store::EnterpriseRecord> saved;
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto enterprise = store::find_enterprise(sql, id);
    if (!enterprise || !own_staff(caller, *enterprise)) return domain::make_problem("not_found", 404);
    auto parsed = domain::profile_from_json(body);
    std::span<const domain::IndustryCluster> clusters;
    if (policy != nullptr) clusters = policy->clusters;
    auto errors = std::move(parsed.errors);
    for (auto& error : domain::check_profile(parsed.profile, clusters)) errors.push_back(std::move(error));
    auto version = body_version(body);
    if (!version) errors.push_back({"version", "required", nlohmann::json::object()});
    if (!errors.empty()) return validation_problem(std::move(errors));
    auto stale = [](long long current) {
      return domain::make_problem("stale_version", 409, {{"current_version", current}});
    };
    if (*version != enterprise->version) return stale(enterprise->version);
    auto before = profile_summary(stored_profile(*enterprise));
    auto stamp = store::format_utc_iso(now);
    auto document = domain::profile_to_json(parsed.profile).dump();
    if (!store::update_enterprise_profile(sql, id, *version, document, stamp)) {
      return stale(store::find_enterprise(sql, id)->version);  // saved by another in the meantime
    }
    saved = store::find_enterprise(sql, id);
    store::append_audit(
        sql,
        audit_entry(
            caller, "enterprise.profile_update", "enterprise:" + std::to_string(id),
            {{"before", before}, {"after", profile_summary(parsed.profile)}, {"version", saved->version}},
            now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return make_view(caller, policy, std::move(*saved));
}

}  // namespace iifund::service
