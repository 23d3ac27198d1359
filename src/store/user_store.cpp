#include "store/user_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, role, county_code, password_hash, must_change_password, is_demo, "
    "disabled, enterprise_id, enterprise_admin FROM users ";

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
  if (row.get_indicator(9) == soci::i_ok) user.enterprise_id = row_integer(row, 9);
  user.enterprise_admin = row_integer(row, 10) != 0;
  return user;
}

}  // namespace

std::optional<UserRecord> find_user(soci::session& sql, const std::string& username) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kUserColumns) + "WHERE username = :u", soci::use(username));
  for (const auto& row : rows) return read_user(row);
  return std::nullopt;
}

std::optional<UserRecord> find_user_by_id(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kUserColumns) + "WHERE id = :id", soci::use(id));
  for (const auto& row : rows) return read_user(row);
  return std::nullopt;
}

std::vector<UserRecord> list_users(soci::session& sql, std::optional<long long> enterprise_id) {
  std::vector<UserRecord> users;
  if (enterprise_id) {
    long long wanted = *enterprise_id;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kUserColumns) + "WHERE enterprise_id = :e ORDER BY id",
         soci::use(wanted));
    for (const auto& row : rows) users.push_back(read_user(row));
  } else {
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kUserColumns) + "ORDER BY id");
    for (const auto& row : rows) users.push_back(read_user(row));
  }
  return users;
}

domain::Result<long long> insert_user(soci::session& sql, const UserRecord& user, const std::string& now) {
  if (find_user(sql, user.username)) {
    return domain::make_problem("username_taken", 409, {{"username", user.username}});
  }
  soci::indicator county_ind = user.county_code ? soci::i_ok : soci::i_null;
  std::string county = user.county_code.value_or("");
  soci::indicator enterprise_ind = user.enterprise_id ? soci::i_ok : soci::i_null;
  long long enterprise = user.enterprise_id.value_or(0);
  int must_change = user.must_change_password ? 1 : 0;
  int admin = user.enterprise_admin ? 1 : 0;
  sql << "INSERT INTO users (username, display_name, role, county_code, password_hash, must_change_password, "
         "is_demo, enterprise_id, enterprise_admin, created_at) VALUES (:u, :d, :r, :c, :p, :m, 0, :e, :a, "
         ":t)",
      soci::use(user.username), soci::use(user.display_name), soci::use(user.role),
      soci::use(county, county_ind), soci::use(user.password_hash), soci::use(must_change),
      soci::use(enterprise, enterprise_ind), soci::use(admin), soci::use(now);
  return find_user(sql, user.username)->id;
}

domain::Result<long long> save_demo_user(soci::session& sql, const UserRecord& user, const std::string& now) {
  auto existing = find_user(sql, user.username);
  soci::indicator county_ind = user.county_code ? soci::i_ok : soci::i_null;
  std::string county = user.county_code.value_or("");
  soci::indicator enterprise_ind = user.enterprise_id ? soci::i_ok : soci::i_null;
  long long enterprise = user.enterprise_id.value_or(0);
  int admin = user.enterprise_admin ? 1 : 0;
  if (existing) {
    if (!existing->is_demo) {
      return domain::make_problem("username_taken", 409, {{"username", user.username}});
    }
    sql << "UPDATE users SET display_name = :d, role = :r, county_code = :c, password_hash = :p, "
           "enterprise_id = :e, enterprise_admin = :a, disabled = 0, must_change_password = 0, "
           "version = version + 1 WHERE id = :id",
        soci::use(user.display_name), soci::use(user.role), soci::use(county, county_ind),
        soci::use(user.password_hash), soci::use(enterprise, enterprise_ind), soci::use(admin),
        soci::use(existing->id);
    return existing->id;
  }
  sql << "INSERT INTO users (username, display_name, role, county_code, password_hash, must_change_password, "
         "is_demo, enterprise_id, enterprise_admin, created_at) VALUES (:u, :d, :r, :c, :p, 0, 1, :e, :a, "
         ":t)",
      soci::use(user.username), soci::use(user.display_name), soci::use(user.role),
      soci::use(county, county_ind), soci::use(user.password_hash), soci::use(enterprise, enterprise_ind),
      soci::use(admin), soci::use(now);
  return find_user(sql, user.username)->id;
}

long long count_users(soci::session& sql) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM users", soci::into(count);
  return count;
}

void set_password_hash(soci::session& sql, long long user_id, const std::string& hash, bool must_change) {
  int must = must_change ? 1 : 0;
  sql << "UPDATE users SET password_hash = :p, must_change_password = :m, version = version + 1 WHERE id = "
         ":id",
      soci::use(hash), soci::use(must), soci::use(user_id);
}

void set_user_disabled(soci::session& sql, long long user_id, bool disabled) {
  int flag = disabled ? 1 : 0;
  sql << "UPDATE users SET disabled = :d, version = version + 1 WHERE id = :id", soci::use(flag),
      soci::use(user_id);
}

void set_enterprise_admin(soci::session& sql, long long enterprise_id, long long user_id) {
  sql << "UPDATE users SET enterprise_admin = CASE WHEN id = :u THEN 1 ELSE 0 END, version = version + 1 "
         "WHERE enterprise_id = :e",
      soci::use(user_id), soci::use(enterprise_id);
}

}  // namespace iifund::store
