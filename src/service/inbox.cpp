#include "service/inbox.hpp"

#include <algorithm>

#include "service/schedule.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

using domain::Result;
using domain::Status;

domain::Status signed_in(const Caller& caller) {
  if (!caller.signed_in()) return domain::make_problem("not_signed_in", 401);
  return domain::Ok{};
}

}  // namespace

Result<InboxPage> read_inbox(store::Database& db, const Clock& clock, const Caller& caller, bool unread_only,
                             int page) {
  if (auto allowed = signed_in(caller); !allowed) return allowed.take_problem();
  const auto now = clock.now();
  InboxPage inbox;
  Status written = db.write([&](soci::session& sql) -> Status {
    deliver_due_reminders(sql, caller, now);
    const int offset = (std::max(page, 1) - 1) * kInboxPageSize;
    inbox.notifications = store::list_notifications(sql, caller.user_id, unread_only, kInboxPageSize, offset);
    inbox.unread = store::count_unread_notifications(sql, caller.user_id);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return inbox;
}

Result<long long> unread_notifications(store::Database& db, const Caller& caller) {
  if (auto allowed = signed_in(caller); !allowed) return allowed.take_problem();
  long long unread = 0;
  Status read = db.read([&](soci::session& sql) -> Status {
    unread = store::count_unread_notifications(sql, caller.user_id);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return unread;
}

Result<long long> mark_notification_read(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long id) {
  if (auto allowed = signed_in(caller); !allowed) return allowed.take_problem();
  const std::string stamp = store::format_utc_iso(clock.now());
  long long unread = 0;
  Status written = db.write([&](soci::session& sql) -> Status {
    if (!store::mark_notification_read(sql, caller.user_id, id, stamp))
      return domain::make_problem("not_found", 404);
    unread = store::count_unread_notifications(sql, caller.user_id);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return unread;
}

Result<long long> mark_all_notifications_read(store::Database& db, const Clock& clock, const Caller& caller) {
  if (auto allowed = signed_in(caller); !allowed) return allowed.take_problem();
  const std::string stamp = store::format_utc_iso(clock.now());
  Status written = db.write([&](soci::session& sql) -> Status {
    store::mark_all_notifications_read(sql, caller.user_id, stamp);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return 0LL;
}

}  // namespace iifund::service
