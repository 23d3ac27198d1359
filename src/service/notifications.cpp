#include "service/notifications.hpp"

#include "store/notification_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

void notify_users(soci::session& sql, const std::vector<long long>& user_ids, const std::string& kind,
                  const std::string& object, const nlohmann::json& params, domain::Instant now,
                  const std::optional<std::string>& dedupe_key) {
  const std::string stamp = store::format_utc_iso(now);
  const std::string params_text = params.dump();
  for (long long user_id : user_ids) {
    store::NotificationRecord notification;
    notification.user_id = user_id;
    notification.kind = kind;
    notification.object = object;
    notification.params_json = params_text;
    notification.dedupe_key = dedupe_key;
    notification.created_at = stamp;
    store::insert_notification(sql, notification);
  }
}

void notify_enterprise(soci::session& sql, long long enterprise_id, const std::string& kind,
                       const std::string& object, const nlohmann::json& params, domain::Instant now) {
  notify_users(sql, store::enterprise_user_ids(sql, enterprise_id), kind, object, params, now);
}

}  // namespace iifund::service
