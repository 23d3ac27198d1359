// The audit log: records chained by the sealer verify; changing or removing a stored row breaks
// the chain at that row; and a change's record lives and dies with the change's transaction.
#include "store/audit_chain.hpp"

#include <gtest/gtest.h>

#include "account_fixtures.hpp"
#include "domain/credit_code.hpp"
#include "service/accounts.hpp"
#include "service/enterprises.hpp"

namespace iifund::store {
namespace {

void append(Database& db, int count, const std::string& action = "test.action") {
  ASSERT_TRUE(db.write([&](soci::session& sql) {
                  for (int i = 0; i < count; ++i) {
                    AuditRecord record;
                    record.at = "2026-01-05T08:00:0" + std::to_string(i % 10) + "Z";
                    record.actor = "tester";
                    record.role = "admin";
                    record.client_address = "192.0.2.1";
                    record.action = action;
                    record.object = "thing:" + std::to_string(i);
                    record.details_json = R"({"after":{"n":)" + std::to_string(i) + "}}";
                    append_audit(sql, record);
                  }
                  return domain::Status(domain::Ok{});
                }).ok());
}

long long nth_id(Database& db, int n) {
  long long id = 0;
  EXPECT_TRUE(db.read([&](soci::session& sql) {
                  sql << "SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET :n", soci::use(n),
                      soci::into(id);
                  return domain::Status(domain::Ok{});
                }).ok());
  return id;
}

void execute(Database& db, const std::string& statement, long long id) {
  ASSERT_TRUE(db.write([&](soci::session& sql) {
                  sql << statement, soci::use(id);
                  return domain::Status(domain::Ok{});
                }).ok());
}

TEST(AuditChain, SealedRecordsVerify) {
  auto db = testing::migrated_database();
  ASSERT_TRUE(db);
  append(*db, 5);
  auto sealed = seal_audit_records(*db);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed.value(), 5);
  append(*db, 3);
  EXPECT_EQ(seal_audit_records(*db).value(), 3) << "the chain continues from its head";
  EXPECT_EQ(seal_audit_records(*db).value(), 0) << "nothing is sealed twice";
  auto verified = verify_audit_chain(*db);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact);
  EXPECT_EQ(verified->sealed, 8);
}

TEST(AuditChain, AnAlteredRowBreaksTheChainAtThatRow) {
  auto db = testing::migrated_database();
  ASSERT_TRUE(db);
  append(*db, 6);
  ASSERT_TRUE(seal_audit_records(*db).ok());
  long long fourth = nth_id(*db, 3);
  execute(*db, "UPDATE audit_log SET details = '{\"after\":{\"n\":999}}' WHERE id = :id", fourth);
  auto verified = verify_audit_chain(*db);
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->intact);
  EXPECT_EQ(verified->first_broken_id.value_or(0), fourth);
  EXPECT_EQ(verified->reason, "seal_mismatch");
  EXPECT_EQ(verified->sealed, 3);
}

TEST(AuditChain, ARemovedRowBreaksTheChainAtTheNextRow) {
  auto db = testing::migrated_database();
  ASSERT_TRUE(db);
  append(*db, 4);
  ASSERT_TRUE(seal_audit_records(*db).ok());
  long long second = nth_id(*db, 1);
  long long third = nth_id(*db, 2);
  execute(*db, "DELETE FROM audit_log WHERE id = :id", second);
  auto verified = verify_audit_chain(*db);
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->intact);
  EXPECT_EQ(verified->first_broken_id.value_or(0), third);
  EXPECT_EQ(verified->reason, "position_gap");
}

TEST(AuditChain, ARecordIsWrittenInTheSameTransactionAsItsChange) {
  auto db = testing::migrated_database();
  ASSERT_TRUE(db);
  service::ManualClock clock(testing::kMorning);
  auto admin = service::command_line_caller();
  service::NewUser officer{"officer-1",           "Officer",    "county",
                           std::string("440703"), std::nullopt, std::string("a-long-enough-secret-phrase"),
                           std::nullopt};
  ASSERT_TRUE(service::create_user(*db, clock, admin, {"440703"}, officer).ok());
  EXPECT_EQ(testing::count_audit(*db, "user.add"), 1);
  // The second registration fails on its username after the enterprise row was inserted: the
  // enterprise and the audit record must both be rolled back.
  service::Registration form{"91440703MA4WTEST0X",         "测试", "440703", "王", "13800001234", "officer-1",
                             "a-long-enough-secret-phrase"};
  form.credit_code = "91440703MA4WDE01";
  form.credit_code += *domain::org_code_check_character("MA4WDE01");
  form.credit_code += *domain::credit_code_check_character(form.credit_code);
  auto refused = service::register_enterprise(*db, clock, service::Caller{}, {"440703"}, form);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().code, "username_taken");
  EXPECT_EQ(testing::count_audit(*db, "enterprise.register"), 0);
  long long enterprises = -1;
  ASSERT_TRUE(db->read([&](soci::session& sql) {
                  sql << "SELECT COUNT(*) FROM enterprises", soci::into(enterprises);
                  return domain::Status(domain::Ok{});
                }).ok());
  EXPECT_EQ(enterprises, 0);
  form.username = "enterprise-admin-1";
  ASSERT_TRUE(service::register_enterprise(*db, clock, service::Caller{}, {"440703"}, form).ok());
  EXPECT_EQ(testing::count_audit(*db, "enterprise.register"), 1);
}

}  // namespace
}  // namespace iifund::store
