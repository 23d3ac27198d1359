#pragma once
// Accounts of every role. The password hash is an Argon2id string produced by the service layer.
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "store/database.hpp"

namespace iifund::store {

struct UserRecord {
  long long id = 0;
  std::string username;
  std::string display_name;
  std::string role;  // enterprise | county | organizer | expert | bureau | admin
  std::optional<std::string> county_code;
  std::string password_hash;
  bool must_change_password = true;
  bool is_demo = false;
  bool disabled = false;
  std::optional<long long> enterprise_id;  // enterprise staff only
  bool enterprise_admin = false;           // 企业管理员: creates and disables its colleagues' accounts
};

// Inserts the user, or refreshes a demo user of the same name; refuses to overwrite a real one.
domain::Result<long long> save_demo_user(soci::session& sql, const UserRecord& user, const std::string& now);
// Inserts a new account; refusal: 409 username_taken.
domain::Result<long long> insert_user(soci::session& sql, const UserRecord& user, const std::string& now);
std::optional<UserRecord> find_user(soci::session& sql, const std::string& username);
std::optional<UserRecord> find_user_by_id(soci::session& sql, long long id);
// Every user, or only one enterprise's staff.
std::vector<UserRecord> list_users(soci::session& sql, std::optional<long long> enterprise_id);
long long count_users(soci::session& sql);

void set_password_hash(soci::session& sql, long long user_id, const std::string& hash, bool must_change);
void set_user_disabled(soci::session& sql, long long user_id, bool disabled);
// Makes `user_id` the one administrator of its enterprise.
void set_enterprise_admin(soci::session& sql, long long enterprise_id, long long user_id);

}  // namespace iifund::store
