#pragma once
// 权限范围: which objects a caller may touch, beside the role check the route table makes. Every
// use case calls these next to its load; an object out of scope answers 404 as if it did not
// exist, so nobody learns what others have.
#include <optional>
#include <string>
#include <string_view>

#include "service/caller.hpp"
#include "store/enterprise_store.hpp"
#include "store/user_store.hpp"

namespace iifund::service {

// Own enterprise's staff; the county officer of its county; organizer; bureau.
bool may_read_enterprise(const Caller& caller, const store::EnterpriseRecord& enterprise);
// Personal data (PIPL): the full phone number only for its own staff and its county officer.
bool may_see_contact_phone(const Caller& caller, const store::EnterpriseRecord& enterprise);
// The county officer of the enterprise's county.
bool may_administer_enterprise(const Caller& caller, const store::EnterpriseRecord& enterprise);
// Disable, enable: the administrator, or an enterprise administrator for its own colleagues.
bool may_manage_user(const Caller& caller, const store::UserRecord& target);
// Reset a password: the administrator for anyone; a county officer for the enterprise
// administrators of its county's enterprises (`enterprise` is the target's enterprise).
bool may_reset_password(const Caller& caller, const store::UserRecord& target,
                        const std::optional<store::EnterpriseRecord>& enterprise);

// "138****1234": keeps the first three and last four digits.
std::string mask_phone(const std::string& phone);

// Test-only: turns one named scope check off (IIFUND_TEST_DISABLE_SCOPE_CHECK, honoured only with
// IIFUND_TEST_MODE=1) so the authorization matrix can show it notices a leak.
void disable_scope_check_for_tests(const std::string& name);
bool scope_check_disabled(std::string_view name);

}  // namespace iifund::service
