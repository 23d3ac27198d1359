// 站内信: a notice reaches exactly the users it names, a reminder written twice (two servers, or
// a retried request) lands once, and nobody can mark someone else's notice read.
#include "store/notification_store.hpp"

#include <gtest/gtest.h>

#include "account_fixtures.hpp"
#include "service/notifications.hpp"
#include "store/row_reading.hpp"

namespace iifund::store {
namespace {

struct Inbox {
  std::unique_ptr<Database> db = testing::migrated_database();
  long long alice = 0;
  long long bob = 0;

  Inbox() {
    if (!db) return;
    alice = testing::add_user(*db, "alice-county", "Quiet-river-alice-lantern", "county");
    bob = testing::add_user(*db, "bob-organizer", "Quiet-river-bob-lantern", "organizer");
  }

  template <typename Work>
  void write(Work work) {
    ASSERT_TRUE(db->write([&](soci::session& sql) -> domain::Status {
                    work(sql);
                    return domain::Ok{};
                  }).ok());
  }

  long long unread(long long user) {
    long long count = 0;
    write([&](soci::session& sql) { count = count_unread_notifications(sql, user); });
    return count;
  }
};

TEST(NotificationStore, ANoticeReachesOnlyTheNamedUsersNewestFirst) {
  Inbox inbox;
  ASSERT_TRUE(inbox.db);
  inbox.write([&](soci::session& sql) {
    service::notify_users(sql, {inbox.alice}, "application.returned", "application:7", {{"number", "A-7"}},
                          testing::kMorning);
    service::notify_users(sql, {inbox.alice, inbox.bob}, "review.assigned", "application:8", {},
                          testing::kMorning + std::chrono::minutes(1));
  });
  EXPECT_EQ(inbox.unread(inbox.alice), 2);
  EXPECT_EQ(inbox.unread(inbox.bob), 1);
  inbox.write([&](soci::session& sql) {
    auto listed = list_notifications(sql, inbox.alice, false, 10, 0);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].kind, "review.assigned");
    EXPECT_EQ(listed[1].kind, "application.returned");
    EXPECT_EQ(listed[1].params_json, R"({"number":"A-7"})");
    EXPECT_EQ(listed[1].created_at, "2026-01-05T08:00:00Z");
  });
}

TEST(NotificationStore, TheSameDedupeKeyLandsOncePerUser) {
  Inbox inbox;
  ASSERT_TRUE(inbox.db);
  for (int attempt = 0; attempt < 3; ++attempt) {
    inbox.write([&](soci::session& sql) {
      service::notify_users(sql, {inbox.alice, inbox.bob}, "deadline.reminder", "batch:1",
                            {{"stage", "county"}}, testing::kMorning,
                            std::string("reminder:1:county:2026-01-06T10:00:00Z"));
    });
  }
  EXPECT_EQ(inbox.unread(inbox.alice), 1);
  EXPECT_EQ(inbox.unread(inbox.bob), 1);
  // A different due time is a different reminder.
  inbox.write([&](soci::session& sql) {
    service::notify_users(sql, {inbox.alice}, "deadline.reminder", "batch:1", {}, testing::kMorning,
                          std::string("reminder:1:county:2026-01-08T10:00:00Z"));
  });
  EXPECT_EQ(inbox.unread(inbox.alice), 2);
}

TEST(NotificationStore, NobodyMarksAnotherUsersNoticeRead) {
  Inbox inbox;
  ASSERT_TRUE(inbox.db);
  inbox.write([&](soci::session& sql) {
    service::notify_users(sql, {inbox.alice}, "application.declined", "application:3", {}, testing::kMorning);
  });
  long long id = 0;
  inbox.write([&](soci::session& sql) {
    id = list_notifications(sql, inbox.alice, true, 10, 0).at(0).id;
    EXPECT_FALSE(mark_notification_read(sql, inbox.bob, id, "2026-01-05T09:00:00Z"));
  });
  EXPECT_EQ(inbox.unread(inbox.alice), 1);
  inbox.write([&](soci::session& sql) {
    EXPECT_TRUE(mark_notification_read(sql, inbox.alice, id, "2026-01-05T09:00:00Z"));
    auto all = list_notifications(sql, inbox.alice, false, 10, 0);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].read_at.value_or(""), "2026-01-05T09:00:00Z");
    EXPECT_TRUE(list_notifications(sql, inbox.alice, true, 10, 0).empty());
  });
  EXPECT_EQ(inbox.unread(inbox.alice), 0);
}

TEST(NotificationStore, ReadAllClearsOnlyTheCallersInboxAndPagesWalkBack) {
  Inbox inbox;
  ASSERT_TRUE(inbox.db);
  inbox.write([&](soci::session& sql) {
    for (int i = 0; i < 5; ++i) {
      service::notify_users(sql, {inbox.alice, inbox.bob}, "review.assigned",
                            "application:" + std::to_string(i), {},
                            testing::kMorning + std::chrono::minutes(i));
    }
  });
  inbox.write([&](soci::session& sql) {
    EXPECT_EQ(mark_all_notifications_read(sql, inbox.alice, "2026-01-05T10:00:00Z"), 5);
    EXPECT_EQ(mark_all_notifications_read(sql, inbox.alice, "2026-01-05T10:00:00Z"), 0);
    auto second_page = list_notifications(sql, inbox.bob, false, 2, 2);
    ASSERT_EQ(second_page.size(), 2u);
    EXPECT_EQ(second_page[0].object, "application:2");
    EXPECT_EQ(second_page[1].object, "application:1");
  });
  EXPECT_EQ(inbox.unread(inbox.alice), 0);
  EXPECT_EQ(inbox.unread(inbox.bob), 5);
}

TEST(NotificationStore, RecipientsByRoleSkipDisabledAccountsAndOtherCounties) {
  Inbox inbox;
  ASSERT_TRUE(inbox.db);
  long long jianghai = 0;
  long long disabled = testing::add_user(*inbox.db, "carol-county", "Quiet-river-carol-lantern", "county");
  inbox.write([&](soci::session& sql) {
    sql << "UPDATE users SET county_code = '440703' WHERE id = :a OR id = :c", soci::use(inbox.alice),
        soci::use(disabled);
    set_user_disabled(sql, disabled, true);
  });
  jianghai = testing::add_user(*inbox.db, "dan-county", "Quiet-river-dan-lantern", "county");
  inbox.write([&](soci::session& sql) {
    sql << "UPDATE users SET county_code = '440704' WHERE id = :d", soci::use(jianghai);
    EXPECT_EQ(user_ids_with_role(sql, "county", std::string("440703")), std::vector<long long>{inbox.alice});
    EXPECT_EQ(user_ids_with_role(sql, "county", std::nullopt),
              (std::vector<long long>{inbox.alice, jianghai}));
    EXPECT_EQ(user_ids_with_role(sql, "organizer", std::nullopt), std::vector<long long>{inbox.bob});
  });
}

TEST(NotificationStore, LastInsertIdIsTheRowJustWrittenOnBothBackends) {
  Inbox inbox;
  ASSERT_TRUE(inbox.db);
  inbox.write([&](soci::session& sql) {
    service::notify_users(sql, {inbox.alice}, "review.assigned", "application:1", {}, testing::kMorning);
    long long id = last_insert_id(sql, "notifications");
    EXPECT_EQ(list_notifications(sql, inbox.alice, false, 1, 0).at(0).id, id);
    service::notify_users(sql, {inbox.bob}, "review.assigned", "application:2", {}, testing::kMorning);
    EXPECT_EQ(last_insert_id(sql, "notifications"), id + 1);
  });
}

}  // namespace
}  // namespace iifund::store
