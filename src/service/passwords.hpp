#pragma once
// 修改与重置密码: a user changes its own password (which ends its other sessions); the
// administrator, or a county officer for its county's enterprise administrators, resets one to a
// temporary password that must be changed at the next sign-in.
#include <string>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"

namespace iifund::service {

// Refusals: 422 with a field entry (password_wrong on current_password; password_too_short,
// password_too_long, password_dictionary on new_password). A wrong current password is audited.
domain::Status change_password(store::Database& db, const Clock& clock, const Caller& caller,
                               const std::string& current_password, const std::string& new_password);

// Returns the temporary password; ends the target's sessions. Out of scope: 404 not_found.
domain::Result<std::string> reset_password(store::Database& db, const Clock& clock, const Caller& caller,
                                           long long user_id);

}  // namespace iifund::service
