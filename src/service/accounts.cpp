#include "service/accounts.hpp"

#include <algorithm>

#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/expert_pool.hpp"
#include "service/field_rules.hpp"
#include "service/password_hasher.hpp"
#include "service/password_rules.hpp"
#include "service/tokens.hpp"
#include "store/enterprise_store.hpp"
#include "store/session_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

constexpr const char* kRoles[] = {"enterprise", "county", "organizer", "expert", "bureau", "admin"};

nlohmann::json user_summary(const store::UserRecord& user) {
  return {{"username", user.username},
          {"role", user.role},
          {"county_code", user.county_code ? nlohmann::json(*user.county_code) : nlohmann::json()},
          {"enterprise_id", user.enterprise_id ? nlohmann::json(*user.enterprise_id) : nlohmann::json()},
          {"disabled", user.disabled}};
}

// The form's own rules; the enterprise's existence is checked in the transaction.
FieldErrors check_new_user(const Caller& caller, const std::vector<std::string>& counties,
                           const NewUser& request) {
  FieldErrors errors;
  check_username(errors, "username", request.username);
  check_text(errors, "display_name", request.display_name, 100);
  bool known_role = std::find(std::begin(kRoles), std::end(kRoles), request.role) != std::end(kRoles);
  if (!known_role) {
    errors.push_back({"role", "role_unknown", {{"role", request.role}}});
  } else if (!caller.is("admin") && request.role != "enterprise") {
    errors.push_back({"role", "role_not_allowed", {{"role", request.role}}});
  }
  if (request.role == "county" &&
      (!request.county_code ||
       std::find(counties.begin(), counties.end(), *request.county_code) == counties.end())) {
    errors.push_back({"county_code", "county_unknown", {{"county_code", request.county_code.value_or("")}}});
  }
  if (request.expert_id && request.role != "expert") {
    errors.push_back({"expert_id", "expert_role_only", {{"role", request.role}}});
  }
  if (request.role == "enterprise" && caller.is("admin") && !request.enterprise_id) {
    errors.push_back({"enterprise_id", "required", nlohmann::json::object()});
  }
  if (request.password) {
    if (auto refused = check_new_password(*request.password, request.username, "password"))
      errors.push_back(*refused);
  }
  return errors;
}

store::UserRecord user_record(const Caller& caller, const NewUser& request, std::string hash) {
  store::UserRecord user;
  user.username = request.username;
  user.display_name = request.display_name;
  user.role = request.role;
  user.password_hash = std::move(hash);
  user.must_change_password = true;
  if (request.role == "county") user.county_code = request.county_code;
  if (request.role == "enterprise") {
    // An enterprise administrator adds colleagues to its own enterprise only.
    user.enterprise_id = caller.is("admin") ? request.enterprise_id : caller.enterprise_id;
  }
  return user;
}

}  // namespace

domain::Result<CreatedUser> create_user(store::Database& db, const Clock& clock, const Caller& caller,
                                        const std::vector<std::string>& counties, const NewUser& request) {
  bool enterprise_admin = caller.is("enterprise") && caller.enterprise_admin;
  if (!caller.is("admin") && !enterprise_admin) return domain::make_problem("forbidden", 403);
  if (enterprise_admin && request.enterprise_id && request.enterprise_id != caller.enterprise_id) {
    return domain::make_problem("not_found", 404);
  }
  if (auto errors = check_new_user(caller, counties, request); !errors.empty()) {
    return validation_problem(std::move(errors));
  }
  CreatedUser created;
  if (!request.password) created.temporary_password = temporary_password();
  created.user = user_record(
      caller, request, hash_password(request.password.value_or(created.temporary_password.value_or(""))));
  auto now = clock.now();
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    if (created.user.enterprise_id && !store::find_enterprise(sql, *created.user.enterprise_id)) {
      return validation_problem({{"enterprise_id", "enterprise_unknown", nlohmann::json::object()}});
    }
    auto id = store::insert_user(sql, created.user, store::format_utc_iso(now));
    if (!id) return id.take_problem();
    created.user.id = id.value();
    auto summary = user_summary(created.user);
    if (request.role == "expert" && request.expert_id) {
      auto linked = link_expert_account(sql, *request.expert_id, id.value(), store::format_utc_iso(now));
      if (!linked) return linked;
      created.expert_id = request.expert_id;
      summary["expert_id"] = *request.expert_id;
    }
    store::append_audit(sql, audit_entry(caller, "user.add", "user:" + std::to_string(id.value()),
                                         {{"after", summary}}, now));
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return created;
}

domain::Result<std::vector<store::UserRecord>> list_visible_users(store::Database& db, const Caller& caller) {
  std::optional<long long> only;
  if (caller.is("enterprise") && caller.enterprise_admin && caller.enterprise_id) {
    only = caller.enterprise_id;
  } else if (!caller.is("admin")) {
    return domain::make_problem("forbidden", 403);
  }
  std::vector<store::UserRecord> users;
  domain::Status read = db.read([&](soci::session& sql) {
    users = store::list_users(sql, only);
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  return users;
}

domain::Status set_user_enabled(store::Database& db, const Clock& clock, const Caller& caller,
                                long long user_id, bool enabled) {
  if (!caller.is("admin") && !(caller.is("enterprise") && caller.enterprise_admin)) {
    return domain::make_problem("forbidden", 403);
  }
  auto now = clock.now();
  return db.write([&](soci::session& sql) -> domain::Status {
    auto target = store::find_user_by_id(sql, user_id);
    if (!target || !may_manage_user(caller, *target)) return domain::make_problem("not_found", 404);
    if (target->id == caller.user_id) return domain::make_problem("cannot_disable_self", 422);
    auto before = user_summary(*target);
    store::set_user_disabled(sql, user_id, !enabled);
    auto stamp = store::format_utc_iso(now);
    if (!enabled) store::end_user_sessions(sql, user_id, 0, "disabled", stamp);
    target->disabled = !enabled;
    store::append_audit(
        sql, audit_entry(caller, enabled ? "user.enable" : "user.disable", "user:" + std::to_string(user_id),
                         {{"before", before}, {"after", user_summary(*target)}}, now));
    return domain::Ok{};
  });
}

domain::Result<store::UserRecord> user_by_name(store::Database& db, const std::string& username) {
  std::optional<store::UserRecord> user;
  domain::Status read = db.read([&](soci::session& sql) {
    user = store::find_user(sql, username);
    return domain::Status(domain::Ok{});
  });
  if (!read) return read.take_problem();
  if (!user) return domain::make_problem("not_found", 404, {{"username", username}});
  return *user;
}

}  // namespace iifund::service
