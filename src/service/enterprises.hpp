#pragma once
// 企业注册与核实: an enterprise registers itself (credit code, name, county, contact and its
// administrator's account) and stays unverified until its county officer verifies it; the county
// officer can also hand the administrator role to another of its staff.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/enterprise_store.hpp"
#include "store/user_store.hpp"

namespace iifund::service {

struct Registration {
  std::string credit_code;
  std::string name;
  std::string county_code;
  std::string contact_name;
  std::string contact_phone;
  std::string username;
  std::string password;
};

struct Registered {
  store::EnterpriseRecord enterprise;
  store::UserRecord user;  // the enterprise administrator
};

// Refusals: 422 validation_failed (one field entry per bad field), 409 enterprise_exists,
// 409 username_taken.
domain::Result<Registered> register_enterprise(store::Database& db, const Clock& clock, const Caller& caller,
                                               const std::vector<std::string>& counties,
                                               const Registration& form);

// An enterprise as its county officer sees it: with its staff, so the officer can name the
// administrator to transfer the role to or whose password to reset.
struct CountyEnterprise {
  store::EnterpriseRecord enterprise;
  std::vector<store::UserRecord> staff;
};

// The county officer's own county only; `verified` filters when given.
domain::Result<std::vector<CountyEnterprise>> county_enterprises(store::Database& db, const Caller& caller,
                                                                 std::optional<bool> verified);

domain::Result<store::EnterpriseRecord> verify_enterprise(store::Database& db, const Clock& clock,
                                                          const Caller& caller, long long id,
                                                          const std::string& note);

// `user_id` must be active staff of the enterprise (422 on field user_id otherwise).
domain::Status transfer_enterprise_admin(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long enterprise_id, long long user_id);

}  // namespace iifund::service
