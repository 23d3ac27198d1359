#pragma once
// 站内信: a user's inbox. The text is not stored: `kind` and `params_json` are rendered in the
// reader's language by the front end, so one notice reads right in Chinese and in English.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace iifund::store {

struct NotificationRecord {
  long long id = 0;
  long long user_id = 0;
  std::string kind;    // e.g. "application.returned", "review.assigned", "deadline.reminder"
  std::string object;  // e.g. "application:12"
  std::string params_json = "{}";
  std::optional<std::string> dedupe_key;  // the same key for the same user lands once
  std::string created_at;
  std::optional<std::string> read_at;
};

// Inserts unless the user already has a notification with the same dedupe key; answers whether
// it was inserted.
bool insert_notification(soci::session& sql, const NotificationRecord& notification);

std::vector<NotificationRecord> list_notifications(soci::session& sql, long long user_id, bool unread_only,
                                                   int limit, int offset);
long long count_unread_notifications(soci::session& sql, long long user_id);
// Marks one of the user's notifications read; false when it is not theirs (or unknown).
bool mark_notification_read(soci::session& sql, long long user_id, long long id, const std::string& now);
long long mark_all_notifications_read(soci::session& sql, long long user_id, const std::string& now);

// Users who receive an enterprise's notices: its enabled staff.
std::vector<long long> enterprise_user_ids(soci::session& sql, long long enterprise_id);
// Enabled users of a role, optionally only one county's.
std::vector<long long> user_ids_with_role(soci::session& sql, const std::string& role,
                                          const std::optional<std::string>& county_code);

}  // namespace iifund::store
