#include "service/sessions.hpp"

#include "domain/time.hpp"
#include "service/audit.hpp"
#include "service/login_throttle.hpp"
#include "service/password_hasher.hpp"
#include "service/tokens.hpp"
#include "store/timestamps.hpp"
#include "store/user_store.hpp"

namespace iifund::service {

namespace {

// Verifying against this when the user is unknown keeps the answer time the same as for a
// wrong password, so timing does not reveal which usernames exist.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("iifund-decoy-password-never-used");
  return hash;
}

Caller caller_for(const store::UserRecord& user, long long session_id, const std::string& address,
                  const std::string& agent) {
  Caller caller;
  caller.user_id = user.id;
  caller.username = user.username;
  caller.display_name = user.display_name;
  caller.role = user.role;
  caller.county_code = user.county_code;
  caller.enterprise_id = user.enterprise_id;
  caller.enterprise_admin = user.enterprise_admin;
  caller.must_change_password = user.must_change_password;
  caller.session_id = session_id;
  caller.client_address = address;
  caller.user_agent = agent;
  return caller;
}

Caller anonymous_at(const LoginRequest& request) {
  Caller caller;
  caller.client_address = request.client_address;
  caller.user_agent = request.user_agent;
  return caller;
}

// A refused sign-in: counted for throttling and audited in its own transaction.
domain::Problem refuse_login(store::Database& db, const LoginRequest& request, domain::Instant now) {
  Caller who = anonymous_at(request);
  auto record =
      audit_entry(who, "session.login", "user:" + request.username, nlohmann::json::object(), now, "failed");
  record.actor = request.username;
  (void)db.write([&](soci::session& sql) {
    record_failed_login(sql, request.username, request.client_address, now);
    store::append_audit(sql, record);
    return domain::Status(domain::Ok{});
  });
  return domain::make_problem("login_failed", 401);
}

domain::Result<ThrottleDecision> throttled(store::Database& db, const ThrottlePolicy& policy,
                                           const LoginRequest& request, domain::Instant now) {
  ThrottleDecision decision;
  domain::Status read = db.read([&](soci::session& sql) {
    decision = check_login_throttle(sql, policy, request.username, request.client_address, now);
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  return decision;
}

bool expired(const store::SessionRecord& session, const SessionLifetime& lifetime, domain::Instant now) {
  auto created = domain::parse_instant(session.created_at);
  auto seen = domain::parse_instant(session.last_seen_at);
  if (!created || !seen) return true;
  return now - seen.value() >= lifetime.idle || now - created.value() >= lifetime.absolute;
}

}  // namespace

domain::Result<SignedIn> log_in(store::Database& db, const Clock& clock, const AccountSettings& settings,
                                const LoginRequest& submitted) {
  // No username is longer than 64 characters; a longer one must not bloat the throttle and audit rows.
  LoginRequest request = submitted;
  if (request.username.size() > 64) request.username = request.username.substr(0, 64) + "…";
  auto now = clock.now();
  auto decision = throttled(db, settings.throttle, request, now);
  if (!decision) return decision.take_problem();
  if (!decision->allowed) {
    auto record = audit_entry(anonymous_at(request), "session.login", "user:" + request.username,
                              {{"retry_after_seconds", decision->retry_after.count()}}, now, "throttled");
    record.actor = request.username;
    (void)db.write([&](soci::session& sql) {
      store::append_audit(sql, record);
      return domain::Status(domain::Ok{});
    });
    return domain::make_problem("login_throttled", 429,
                                {{"retry_after_seconds", decision->retry_after.count()}});
  }
  std::optional<store::UserRecord> user;
  domain::Status read = db.read([&](soci::session& sql) {
    user = store::find_user(sql, request.username);
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  // Hash outside any transaction: Argon2id takes ~80 ms and must not hold the writer lock.
  bool password_ok = verify_password(user ? user->password_hash : decoy_hash(), request.password);
  if (!user || !password_ok || user->disabled) return refuse_login(db, request, now);

  SignedIn signed_in;
  signed_in.session_token = random_token();
  signed_in.csrf_token = random_token();
  domain::Status written = db.write([&](soci::session& sql) {
    clear_account_failures(sql, user->username);
    auto stamp = store::format_utc_iso(now);
    long long id = store::insert_session(sql,
                                         {sha256_hex(signed_in.session_token), signed_in.csrf_token, user->id,
                                          request.client_address, request.user_agent.substr(0, 300)},
                                         stamp);
    signed_in.caller = caller_for(*user, id, request.client_address, request.user_agent);
    store::append_audit(sql, audit_entry(signed_in.caller, "session.login", "session:" + std::to_string(id),
                                         {{"user_agent", request.user_agent.substr(0, 120)}}, now));
    return domain::Status(domain::Ok{});
  });
  if (!written) return written.take_problem();
  return signed_in;
}

void end_replaced_session(store::Database& db, const Clock& clock, const std::string& old_token) {
  auto stamp = store::format_utc_iso(clock.now());
  (void)db.write([&](soci::session& sql) {
    if (auto old = store::find_open_session(sql, sha256_hex(old_token))) {
      store::end_session(sql, old->id, old->user_id, "replaced", stamp);
    }
    return domain::Status(domain::Ok{});
  });
}

domain::Result<ResumedSession> resume_session(store::Database& db, const Clock& clock,
                                              const SessionLifetime& lifetime, const std::string& token,
                                              const std::string& client_address,
                                              const std::string& user_agent) {
  auto now = clock.now();
  std::optional<store::SessionRecord> session;
  std::optional<store::UserRecord> user;
  domain::Status read = db.read([&](soci::session& sql) {
    session = store::find_open_session(sql, sha256_hex(token));
    if (session) user = store::find_user_by_id(sql, session->user_id);
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  if (!session || !user) return domain::make_problem("not_signed_in", 401);
  bool timed_out = expired(*session, lifetime, now);
  if (timed_out || user->disabled) {
    (void)db.write([&](soci::session& sql) {
      store::end_session(sql, session->id, user->id, timed_out ? "expired" : "disabled",
                         store::format_utc_iso(now));
      return domain::Status(domain::Ok{});
    });
    return domain::make_problem("not_signed_in", 401);
  }
  // Recording every request would make each read a write; a minute's precision is enough for an
  // idle timeout of many minutes.
  auto seen = domain::parse_instant(session->last_seen_at);
  if (!seen || now - seen.value() >= std::chrono::seconds(60) || lifetime.idle < std::chrono::minutes(5)) {
    (void)db.write([&](soci::session& sql) {
      store::touch_session(sql, session->id, store::format_utc_iso(now));
      return domain::Status(domain::Ok{});
    });
  }
  return ResumedSession{caller_for(*user, session->id, client_address, user_agent), session->csrf_token};
}

domain::Status log_out(store::Database& db, const Clock& clock, const Caller& caller) {
  auto now = clock.now();
  return db.write([&](soci::session& sql) {
    store::end_session(sql, caller.session_id, caller.user_id, "logout", store::format_utc_iso(now));
    store::append_audit(sql,
                        audit_entry(caller, "session.logout", "session:" + std::to_string(caller.session_id),
                                    nlohmann::json::object(), now));
    return domain::Status(domain::Ok{});
  });
}

domain::Result<std::vector<store::SessionRecord>> list_own_sessions(store::Database& db, const Clock& clock,
                                                                    const SessionLifetime& lifetime,
                                                                    const Caller& caller) {
  std::vector<store::SessionRecord> live;
  auto now = clock.now();
  domain::Status read = db.read([&](soci::session& sql) {
    for (auto& session : store::list_open_sessions(sql, caller.user_id)) {
      if (!expired(session, lifetime, now)) live.push_back(std::move(session));
    }
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  return live;
}

domain::Status end_own_session(store::Database& db, const Clock& clock, const Caller& caller,
                               long long session_id) {
  auto now = clock.now();
  return db.write([&](soci::session& sql) -> domain::Status {
    if (!store::end_session(sql, session_id, caller.user_id, "ended_by_user", store::format_utc_iso(now))) {
      return domain::make_problem("not_found", 404);
    }
    store::append_audit(sql, audit_entry(caller, "session.end", "session:" + std::to_string(session_id),
                                         nlohmann::json::object(), now));
    return domain::Ok{};
  });
}

}  // namespace iifund::service
