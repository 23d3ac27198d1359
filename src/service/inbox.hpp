#pragma once
// 站内信: a signed-in user's own inbox. Reading it first delivers the deadline reminders that are
// due (schedule.hpp), so a reminder appears without a background job.
#include <vector>

#include "domain/result.hpp"
#include "service/caller.hpp"
#include "service/clock.hpp"
#include "store/database.hpp"
#include "store/notification_store.hpp"

namespace iifund::service {

inline constexpr int kInboxPageSize = 50;

struct InboxPage {
  std::vector<store::NotificationRecord> notifications;  // newest first
  long long unread = 0;
};

domain::Result<InboxPage> read_inbox(store::Database& db, const Clock& clock, const Caller& caller,
                                     bool unread_only, int page);
domain::Result<long long> unread_notifications(store::Database& db, const Caller& caller);
// Marks one of the caller's notices read (404 when it is not the caller's); answers the unread count.
domain::Result<long long> mark_notification_read(store::Database& db, const Clock& clock,
                                                 const Caller& caller, long long id);
domain::Result<long long> mark_all_notifications_read(store::Database& db, const Clock& clock,
                                                      const Caller& caller);

}  // namespace iifund::service
