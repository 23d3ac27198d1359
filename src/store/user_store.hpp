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
};

// Inserts the user, or refreshes a demo user of the same name; refuses to overwrite a real one.
domain::Result<long long> save_demo_user(soci::session& sql, const UserRecord& user, const std::string& now);
std::optional<UserRecord> find_user(soci::session& sql, const std::string& username);
long long count_users(soci::session& sql);

}  // namespace iifund::store
