#include "service/passwords.hpp"

#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/field_rules.hpp"
#include "service/password_hasher.hpp"
#include "service/password_rules.hpp"
#include "service/tokens.hpp"
#include "store/enterprise_store.hpp"
#include "store/session_store.hpp"
#include "store/timestamps.hpp"
#include "store/user_store.hpp"

namespace iifund::service {

namespace {

domain::Result<store::UserRecord> load_user(store::Database& db, long long id) {
  std::optional<store::UserRecord> user;
  domain::Status read = db.read([&](soci::session& sql) {
    user = store::find_user_by_id(sql, id);
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  if (!user) return domain::make_problem("not_found", 404);
  return *user;
}

}  // namespace

domain::Status change_password(store::Database& db, const Clock& clock, const Caller& caller,
                               const std::string& current_password, const std::string& new_password) {
  auto user = load_user(db, caller.user_id);
  if (!user) return user.take_problem();
  auto now = clock.now();
  if (!verify_password(user->password_hash, current_password)) {
    (void)db.write([&](soci::session& sql) {
      store::append_audit(sql,
                          audit_entry(caller, "password.change", "user:" + std::to_string(caller.user_id),
                                      {{"reason", "password_wrong"}}, now, "failed"));
      return domain::Status(domain::Ok{});
    });
    return validation_problem({{"current_password", "password_wrong", nlohmann::json::object()}});
  }
  if (auto refused = check_new_password(new_password, caller.username)) return validation_problem({*refused});
  std::string hash = hash_password(new_password);
  return db.write([&](soci::session& sql) {
    auto stamp = store::format_utc_iso(now);
    store::set_password_hash(sql, caller.user_id, hash, false);
    long long ended =
        store::end_user_sessions(sql, caller.user_id, caller.session_id, "password_changed", stamp);
    store::append_audit(sql, audit_entry(caller, "password.change", "user:" + std::to_string(caller.user_id),
                                         {{"other_sessions_ended", ended}}, now));
    return domain::Status(domain::Ok{});
  });
}

domain::Result<std::string> reset_password(store::Database& db, const Clock& clock, const Caller& caller,
                                           long long user_id) {
  if (!caller.is("admin") && !caller.is("county")) return domain::make_problem("forbidden", 403);
  std::string temporary = temporary_password();
  std::string hash = hash_password(temporary);
  auto now = clock.now();
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto target = store::find_user_by_id(sql, user_id);
    if (!target) return domain::make_problem("not_found", 404);
    std::optional<store::EnterpriseRecord> enterprise;
    if (target->enterprise_id) enterprise = store::find_enterprise(sql, *target->enterprise_id);
    if (!may_reset_password(caller, *target, enterprise)) return domain::make_problem("not_found", 404);
    auto stamp = store::format_utc_iso(now);
    store::set_password_hash(sql, user_id, hash, true);
    long long ended = store::end_user_sessions(sql, user_id, 0, "password_reset", stamp);
    store::append_audit(sql, audit_entry(caller, "password.reset", "user:" + std::to_string(user_id),
                                         {{"username", target->username}, {"sessions_ended", ended}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return temporary;
}

}  // namespace iifund::service
