#include "service/enterprises.hpp"

#include <algorithm>

#include "domain/credit_code.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/field_rules.hpp"
#include "service/password_hasher.hpp"
#include "service/password_rules.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

FieldErrors check_registration(const std::vector<std::string>& counties, const Registration& form,
                               std::string& normalized_code) {
  FieldErrors errors;
  auto code = domain::parse_credit_code(form.credit_code);
  if (code) {
    normalized_code = code->text;
  } else {
    for (const auto& field : code.problem().fields) errors.push_back(field);
  }
  check_text(errors, "name", form.name, 200);
  if (std::find(counties.begin(), counties.end(), form.county_code) == counties.end()) {
    errors.push_back({"county_code", "county_unknown", {{"county_code", form.county_code}}});
  }
  check_text(errors, "contact_name", form.contact_name, 50);
  check_phone(errors, "contact_phone", form.contact_phone);
  check_username(errors, "username", form.username);
  if (auto refused = check_new_password(form.password, form.username, "password")) errors.push_back(*refused);
  return errors;
}

nlohmann::json enterprise_summary(const store::EnterpriseRecord& enterprise) {
  return {{"credit_code", enterprise.credit_code},
          {"name", enterprise.name},
          {"county_code", enterprise.county_code},
          {"verified", enterprise.verified}};
}

// Loads the enterprise for a county officer's action; out of its county reads as unknown.
domain::Result<store::EnterpriseRecord> administered(soci::session& sql, const Caller& caller, long long id) {
  auto enterprise = store::find_enterprise(sql, id);
  if (!enterprise || !may_administer_enterprise(caller, *enterprise))
    return domain::make_problem("not_found", 404);
  return *enterprise;
}

}  // namespace

domain::Result<Registered> register_enterprise(store::Database& db, const Clock& clock, const Caller& caller,
                                               const std::vector<std::string>& counties,
                                               const Registration& form) {
  std::string code;
  if (auto errors = check_registration(counties, form, code); !errors.empty()) {
    return validation_problem(std::move(errors));
  }
  Registered registered;
  registered.enterprise.credit_code = code;
  registered.enterprise.name = form.name;
  registered.enterprise.county_code = form.county_code;
  registered.enterprise.contact_name = form.contact_name;
  registered.enterprise.contact_phone = form.contact_phone;
  registered.user.username = form.username;
  registered.user.display_name = form.contact_name;
  registered.user.role = "enterprise";
  registered.user.password_hash = hash_password(form.password);
  registered.user.must_change_password = false;  // chosen by the registrant, not handed over
  registered.user.enterprise_admin = true;
  auto now = clock.now();
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto stamp = store::format_utc_iso(now);
    auto enterprise_id = store::insert_enterprise(sql, registered.enterprise, stamp);
    if (!enterprise_id) return enterprise_id.take_problem();
    registered.enterprise.id = enterprise_id.value();
    registered.user.enterprise_id = enterprise_id.value();
    auto user_id = store::insert_user(sql, registered.user, stamp);
    if (!user_id) return user_id.take_problem();
    registered.user.id = user_id.value();
    Caller registrant = caller;
    if (!registrant.signed_in()) registrant.username = form.username;
    store::append_audit(
        sql,
        audit_entry(registrant, "enterprise.register", "enterprise:" + std::to_string(enterprise_id.value()),
                    {{"after", enterprise_summary(registered.enterprise)}, {"administrator", form.username}},
                    now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return registered;
}

domain::Result<std::vector<CountyEnterprise>> county_enterprises(store::Database& db, const Caller& caller,
                                                                 std::optional<bool> verified) {
  if (!caller.is("county") || !caller.county_code) return domain::make_problem("forbidden", 403);
  std::vector<CountyEnterprise> enterprises;
  domain::Status read = db.read([&](soci::session& sql) {
    for (auto& enterprise : store::list_county_enterprises(sql, *caller.county_code, verified)) {
      auto staff = store::list_users(sql, enterprise.id);
      enterprises.push_back({std::move(enterprise), std::move(staff)});
    }
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  return enterprises;
}

domain::Result<store::EnterpriseRecord> verify_enterprise(store::Database& db, const Clock& clock,
                                                          const Caller& caller, long long id,
                                                          const std::string& note) {
  if (!caller.is("county")) return domain::make_problem("forbidden", 403);
  if (note.size() > 2000) return validation_problem({{"note", "too_long", {{"maximum", 2000}}}});
  auto now = clock.now();
  store::EnterpriseRecord result;
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto enterprise = administered(sql, caller, id);
    if (!enterprise) return enterprise.take_problem();
    auto before = enterprise_summary(enterprise.value());
    store::mark_enterprise_verified(sql, id, caller.user_id, note, store::format_utc_iso(now));
    result = *store::find_enterprise(sql, id);
    store::append_audit(
        sql, audit_entry(caller, "enterprise.verify", "enterprise:" + std::to_string(id),
                         {{"before", before}, {"after", enterprise_summary(result)}, {"note", note}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return result;
}

domain::Status transfer_enterprise_admin(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long enterprise_id, long long user_id) {
  if (!caller.is("county")) return domain::make_problem("forbidden", 403);
  auto now = clock.now();
  return db.write([&](soci::session& sql) -> domain::Status {
    auto enterprise = administered(sql, caller, enterprise_id);
    if (!enterprise) return enterprise.take_problem();
    auto target = store::find_user_by_id(sql, user_id);
    if (!target || target->enterprise_id != enterprise_id || target->disabled) {
      return validation_problem({{"user_id", "user_not_enterprise_staff", {{"user_id", user_id}}}});
    }
    std::string previous;
    for (const auto& staff : store::list_users(sql, enterprise_id))
      if (staff.enterprise_admin) previous = staff.username;
    store::set_enterprise_admin(sql, enterprise_id, user_id);
    store::append_audit(
        sql, audit_entry(caller, "enterprise.transfer_admin", "enterprise:" + std::to_string(enterprise_id),
                         {{"before", {{"administrator", previous}}},
                          {"after", {{"administrator", target->username}}}},
                         now));
    return domain::Ok{};
  });
}

}  // namespace iifund::service
