#pragma once
// Who is asking: the signed-in user behind a request (or nobody), with what the scope checks need.
#include <optional>
#include <string>

namespace iifund::service {

struct Caller {
  long long user_id = 0;  // 0: anonymous
  std::string username;
  std::string display_name;
  std::string role;  // enterprise | county | organizer | expert | bureau | admin
  std::optional<std::string> county_code;
  std::optional<long long> enterprise_id;
  bool enterprise_admin = false;
  bool must_change_password = false;
  long long session_id = 0;
  std::string client_address;  // after the trusted-proxy rule
  std::string user_agent;

  bool signed_in() const { return user_id != 0; }
  bool is(const char* wanted_role) const { return role == wanted_role; }
  // The name an audit record carries.
  // The name an audit record carries ("cli" for the operator's command line).
  std::string audit_name() const { return username.empty() ? "anonymous" : username; }
};

// The operator at the command line acts with an administrator's rights and is audited as "cli".
inline Caller command_line_caller() {
  Caller caller;
  caller.username = "cli";
  caller.role = "admin";
  return caller;
}

}  // namespace iifund::service
