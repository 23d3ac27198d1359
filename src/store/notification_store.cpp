#include "store/notification_store.hpp"

#include "store/row_reading.hpp"

namespace iifund::store {

namespace {

NotificationRecord read_notification(const soci::row& row) {
  NotificationRecord record;
  record.id = row_integer(row, 0);
  record.user_id = row_integer(row, 1);
  record.kind = row.get<std::string>(2);
  record.object = row.get<std::string>(3);
  record.params_json = row.get<std::string>(4);
  record.dedupe_key = row_optional_text(row, 5);
  record.created_at = row.get<std::string>(6);
  record.read_at = row_optional_text(row, 7);
  return record;
}

std::vector<long long> ids_of(soci::rowset<soci::row>& rows) {
  std::vector<long long> ids;
  for (const auto& row : rows) ids.push_back(row_integer(row, 0));
  return ids;
}

}  // namespace

bool insert_notification(soci::session& sql, const NotificationRecord& notification) {
  if (notification.dedupe_key) {
    int existing = 0;
    sql << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND dedupe_key = :k",
        soci::use(notification.user_id), soci::use(*notification.dedupe_key), soci::into(existing);
    if (existing > 0) return false;
  }
  OptionalText key(notification.dedupe_key);
  sql << "INSERT INTO notifications (user_id, kind, object, params_json, dedupe_key, created_at) "
         "VALUES (:u, :k, :o, :p, :d, :c)",
      soci::use(notification.user_id), soci::use(notification.kind), soci::use(notification.object),
      soci::use(notification.params_json), soci::use(key.text, key.indicator),
      soci::use(notification.created_at);
  return true;
}

std::vector<NotificationRecord> list_notifications(soci::session& sql, long long user_id, bool unread_only,
                                                   int limit, int offset) {
  const int unread = unread_only ? 1 : 0;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, user_id, kind, object, params_json, dedupe_key, created_at, read_at "
                      "FROM notifications WHERE user_id = :u AND (:unread = 0 OR read_at IS NULL) "
                      "ORDER BY id DESC LIMIT :l OFFSET :o",
       soci::use(user_id), soci::use(unread), soci::use(limit), soci::use(offset));
  std::vector<NotificationRecord> records;
  for (const auto& row : rows) records.push_back(read_notification(row));
  return records;
}

long long count_unread_notifications(soci::session& sql, long long user_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL", soci::use(user_id),
      soci::into(count);
  return count;
}

bool mark_notification_read(soci::session& sql, long long user_id, long long id, const std::string& now) {
  int mine = 0;
  sql << "SELECT COUNT(*) FROM notifications WHERE id = :id AND user_id = :u", soci::use(id),
      soci::use(user_id), soci::into(mine);
  if (mine == 0) return false;
  sql << "UPDATE notifications SET read_at = :t WHERE id = :id AND read_at IS NULL", soci::use(now),
      soci::use(id);
  return true;
}

long long mark_all_notifications_read(soci::session& sql, long long user_id, const std::string& now) {
  long long unread = count_unread_notifications(sql, user_id);
  sql << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL", soci::use(now),
      soci::use(user_id);
  return unread;
}

std::vector<long long> enterprise_user_ids(soci::session& sql, long long enterprise_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id FROM users WHERE enterprise_id = :e AND disabled = 0 ORDER BY id",
       soci::use(enterprise_id));
  return ids_of(rows);
}

std::vector<long long> user_ids_with_role(soci::session& sql, const std::string& role,
                                          const std::optional<std::string>& county_code) {
  const int any_county = county_code ? 0 : 1;
  const std::string county = county_code.value_or("");
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT id FROM users WHERE role = :r AND disabled = 0 AND (:any = 1 OR county_code = :c) "
              "ORDER BY id",
       soci::use(role), soci::use(any_county), soci::use(county));
  return ids_of(rows);
}

}  // namespace iifund::store
