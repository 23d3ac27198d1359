#include "store/user_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

UserRecord read_user(const soci::row& row) {
  UserRecord user;
  user.id = row_integer(row, 0);
  user.username = row.get<std::string>(1);
  user.display_name = row.get<std::string>(2);
  user.role = row.get<std::string>(3);
  user.county_code = row_optional_text(row, 4);
  user.password_hash = row.get<std::string>(5);
  user.must_change_password = row_integer(row, 6) != 0;
  user.is_demo = row_integer(row, 7) != 0;
  user.disabled = row_integer(row, 8) != 0;
  return user;
}

}  // namespace

std::optional<UserRecord> find_user(soci::session& sql, const std::string& username) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, username, display_name, role, county_code, password_hash, "
                      "must_change_password, is_demo, disabled FROM users WHERE username = :u",
       soci::use(username));
  for (const auto& row : rows) return read_user(row);
  return std::nullopt;
}

domain::Result<long long> save_demo_user(soci::session& sql, const UserRecord& user, const std::string& now) {
  auto existing = find_user(sql, user.username);
  soci::indicator county_ind = user.county_code ? soci::i_ok : soci::i_null;
  std::string county = user.county_code.value_or("");
  if (existing) {
    if (!existing->is_demo) {
      return domain::make_problem("username_taken", 409, {{"username", user.username}});
    }
    sql << "UPDATE users SET display_name = :d, role = :r, county_code = :c, password_hash = :p, "
           "version = version + 1 WHERE id = :id",
        soci::use(user.display_name), soci::use(user.role), soci::use(county, county_ind),
        soci::use(user.password_hash), soci::use(existing->id);
    return existing->id;
  }
  sql << "INSERT INTO users (username, display_name, role, county_code, password_hash, must_change_password, "
         "is_demo, created_at) VALUES (:u, :d, :r, :c, :p, 0, 1, :t)",
      soci::use(user.username), soci::use(user.display_name), soci::use(user.role),
      soci::use(county, county_ind), soci::use(user.password_hash), soci::use(now);
  return find_user(sql, user.username)->id;
}

long long count_users(soci::session& sql) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM users", soci::into(count);
  return count;
}

}  // namespace iifund::store
