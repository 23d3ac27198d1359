#pragma once
// 账号管理: the administrator creates accounts of every role; an enterprise administrator creates
// and disables applicant accounts of its own enterprise. Every initial password must be changed
// at first sign-in.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/user_store.hpp"

namespace iifund::service {

struct NewUser {
  std::string username;
  std::string display_name;
  std::string role;
  std::optional<std::string> county_code;  // county officers: one of the policy's counties
  std::optional<long long> enterprise_id;  // enterprise staff
  std::optional<std::string> password;     // none: a temporary password is made and returned
  std::optional<long long> expert_id;      // experts: the pool record the account belongs to (专家库)
};

struct CreatedUser {
  store::UserRecord user;
  std::optional<std::string> temporary_password;
  std::optional<long long> expert_id;  // the linked pool record, for an expert account
};

// `counties`: the division codes a county officer may be bound to. An expert account with an
// expert_id is linked to that pool record in the same transaction (409 expert_already_linked).
domain::Result<CreatedUser> create_user(store::Database& db, const Clock& clock, const Caller& caller,
                                        const std::vector<std::string>& counties, const NewUser& request);

// Administrator: everyone; enterprise administrator: its own enterprise's staff.
domain::Result<std::vector<store::UserRecord>> list_visible_users(store::Database& db, const Caller& caller);

// Disabling ends the user's sessions; nobody disables their own account.
domain::Status set_user_enabled(store::Database& db, const Clock& clock, const Caller& caller,
                                long long user_id, bool enabled);

// Finds a user by name for the command line; 404 not_found.
domain::Result<store::UserRecord> user_by_name(store::Database& db, const std::string& username);

}  // namespace iifund::service
