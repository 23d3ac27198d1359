#pragma once
// 登录与会话: sign-in (throttled, one generic refusal for unknown user, wrong password and
// disabled account), the session behind a cookie (idle and absolute timeouts by the injected
// clock), sign-out, and a user's own list of sessions.
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "service/account_settings.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/session_store.hpp"

namespace iifund::service {

struct LoginRequest {
  std::string username;
  std::string password;
  std::string client_address;
  std::string user_agent;
};

struct SignedIn {
  Caller caller;
  std::string session_token;  // goes to the cookie only; the database keeps its hash
  std::string csrf_token;
};

// Refusals: 401 login_failed; 429 login_throttled {retry_after_seconds}. Both are audited.
domain::Result<SignedIn> log_in(store::Database& db, const Clock& clock, const AccountSettings& settings,
                                const LoginRequest& request);

// A new sign-in from a browser that still carries an older session cookie ends that session, so
// one browser never holds two live sessions (and a planted cookie dies at sign-in).
void end_replaced_session(store::Database& db, const Clock& clock, const std::string& old_token);

struct ResumedSession {
  Caller caller;
  std::string csrf_token;
};

// The live session behind a cookie token, or 401 not_signed_in (unknown, ended, idle too long,
// past its absolute lifetime, or its user disabled).
domain::Result<ResumedSession> resume_session(store::Database& db, const Clock& clock,
                                              const SessionLifetime& lifetime, const std::string& token,
                                              const std::string& client_address,
                                              const std::string& user_agent);

domain::Status log_out(store::Database& db, const Clock& clock, const Caller& caller);

// The caller's own open, unexpired sessions.
domain::Result<std::vector<store::SessionRecord>> list_own_sessions(store::Database& db, const Clock& clock,
                                                                    const SessionLifetime& lifetime,
                                                                    const Caller& caller);
// Ends one of the caller's own sessions; another user's session is 404 not_found.
domain::Status end_own_session(store::Database& db, const Clock& clock, const Caller& caller,
                               long long session_id);

}  // namespace iifund::service
