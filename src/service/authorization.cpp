#include "service/authorization.hpp"

#include <mutex>
#include <set>

namespace iifund::service {

namespace {

std::set<std::string, std::less<>>& disabled_checks() {
  static std::set<std::string, std::less<>> names;
  return names;
}

bool same_county(const Caller& caller, const std::string& county_code) {
  return caller.is("county") && caller.county_code && *caller.county_code == county_code;
}

bool own_enterprise(const Caller& caller, long long enterprise_id) {
  return caller.is("enterprise") && caller.enterprise_id && *caller.enterprise_id == enterprise_id;
}

}  // namespace

bool may_read_enterprise(const Caller& caller, const store::EnterpriseRecord& enterprise) {
  if (scope_check_disabled("enterprise_read")) return true;
  return own_enterprise(caller, enterprise.id) || same_county(caller, enterprise.county_code) ||
         caller.is("organizer") || caller.is("bureau");
}

bool may_see_contact_phone(const Caller& caller, const store::EnterpriseRecord& enterprise) {
  return own_enterprise(caller, enterprise.id) || same_county(caller, enterprise.county_code);
}

bool may_administer_enterprise(const Caller& caller, const store::EnterpriseRecord& enterprise) {
  return same_county(caller, enterprise.county_code);
}

bool may_manage_user(const Caller& caller, const store::UserRecord& target) {
  if (caller.is("admin")) return true;
  return caller.enterprise_admin && target.enterprise_id && own_enterprise(caller, *target.enterprise_id);
}

bool may_reset_password(const Caller& caller, const store::UserRecord& target,
                        const std::optional<store::EnterpriseRecord>& enterprise) {
  if (caller.is("admin")) return true;
  return target.enterprise_admin && enterprise && same_county(caller, enterprise->county_code);
}

std::string mask_phone(const std::string& phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

void disable_scope_check_for_tests(const std::string& name) { disabled_checks().insert(name); }

bool scope_check_disabled(std::string_view name) {
  const auto& names = disabled_checks();
  return !names.empty() && names.find(name) != names.end();
}

}  // namespace iifund::service
