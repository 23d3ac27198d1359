#include "domain/enterprise_profile.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "domain/division_hint.hpp"

namespace iifund::domain {
namespace {

const Policy& jiangmen() {
  static const Policy policy =
      *load_policy_file(std::string(IIFUND_SOURCE_DIR) + "/policies/jiangmen-2022-batch2.toml");
  return policy;
}

EnterpriseProfile valid_profile() {
  EnterpriseProfile profile;
  profile.industry = "C39 计算机、通信和其他电子设备制造业";
  profile.clusters = {"electronic_information"};
  profile.employees = 120;
  profile.revenue_fen = 5'000'000'000;
  profile.assets_fen = 3'000'000'000;
  profile.address = "江门市蓬江区建设三路 1 号";
  profile.contacts = {{"张经理", "总经理", "13800001234", "zhang@example.com"}};
  profile.bank = {"江门示例科技有限公司", "中国工商银行江门分行", "6222021001123456789"};
  return profile;
}

// The (field, rule) pairs a profile is refused for.
std::set<std::pair<std::string, std::string>> refusals(const EnterpriseProfile& profile) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& error : check_profile(profile, jiangmen().clusters)) out.insert({error.field, error.rule});
  return out;
}

using Refusals = std::set<std::pair<std::string, std::string>>;

std::string repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

TEST(EnterpriseProfile, AValidProfileHasNoErrors) { EXPECT_EQ(refusals(valid_profile()), Refusals{}); }

TEST(EnterpriseProfile, AnEmptyProfileNeedsOnlyAContact) {
  EXPECT_EQ(refusals(EnterpriseProfile{}), (Refusals{{"contacts", "contacts_count"}}));
}

TEST(EnterpriseProfile, IndustryIsAtMost100CodePoints) {
  auto profile = valid_profile();
  profile.industry = repeat("业", 100);
  EXPECT_EQ(refusals(profile), Refusals{});
  profile.industry = repeat("业", 101);
  EXPECT_EQ(refusals(profile), (Refusals{{"industry", "too_long"}}));
}

TEST(EnterpriseProfile, ClustersMustBeThePolicysClusters) {
  auto profile = valid_profile();
  profile.clusters = {"electronic_information", "space_tourism"};
  EXPECT_EQ(refusals(profile), (Refusals{{"clusters[1]", "cluster_unknown"}}));
}

TEST(EnterpriseProfile, EmployeesFromZeroToTenMillion) {
  auto profile = valid_profile();
  for (long long fine : {0LL, kMaxEmployees}) {
    profile.employees = fine;
    EXPECT_EQ(refusals(profile), Refusals{});
  }
  for (long long bad : {-1LL, kMaxEmployees + 1}) {
    profile.employees = bad;
    EXPECT_EQ(refusals(profile), (Refusals{{"employees", "number_range"}}));
  }
}

TEST(EnterpriseProfile, RevenueIsNotNegative) {
  auto profile = valid_profile();
  profile.revenue_fen = 0;
  EXPECT_EQ(refusals(profile), Refusals{});
  profile.revenue_fen = -1;
  EXPECT_EQ(refusals(profile), (Refusals{{"revenue_fen", "amount_range"}}));
}

TEST(EnterpriseProfile, AssetsAreNotNegativeNorAbsurd) {
  auto profile = valid_profile();
  profile.assets_fen = -100;
  EXPECT_EQ(refusals(profile), (Refusals{{"assets_fen", "amount_range"}}));
  profile.assets_fen = kMaxAmountFen + 1;
  EXPECT_EQ(refusals(profile), (Refusals{{"assets_fen", "amount_range"}}));
}

TEST(EnterpriseProfile, AddressIsAtMost200CodePoints) {
  auto profile = valid_profile();
  profile.address = repeat("路", 201);
  EXPECT_EQ(refusals(profile), (Refusals{{"address", "too_long"}}));
}

TEST(EnterpriseProfile, OneToFiveContacts) {
  auto profile = valid_profile();
  profile.contacts.clear();
  EXPECT_EQ(refusals(profile), (Refusals{{"contacts", "contacts_count"}}));
  profile.contacts.assign(5, valid_profile().contacts[0]);
  EXPECT_EQ(refusals(profile), Refusals{});
  profile.contacts.push_back(valid_profile().contacts[0]);
  EXPECT_EQ(refusals(profile), (Refusals{{"contacts", "contacts_count"}}));
}

TEST(EnterpriseProfile, ContactNameIsRequired) {
  auto profile = valid_profile();
  profile.contacts[0].name = "";
  EXPECT_EQ(refusals(profile), (Refusals{{"contacts[0].name", "required"}}));
  profile.contacts[0].name = repeat("名", 51);
  EXPECT_EQ(refusals(profile), (Refusals{{"contacts[0].name", "too_long"}}));
}

TEST(EnterpriseProfile, ContactTitleIsAtMost50CodePoints) {
  auto profile = valid_profile();
  profile.contacts[0].title = repeat("职", 51);
  EXPECT_EQ(refusals(profile), (Refusals{{"contacts[0].title", "too_long"}}));
}

TEST(EnterpriseProfile, ContactPhoneIsRequired) {
  auto profile = valid_profile();
  profile.contacts[0].phone = "";
  EXPECT_EQ(refusals(profile), (Refusals{{"contacts[0].phone", "required"}}));
}

TEST(EnterpriseProfile, PhoneIsAMainlandMobileOrALandlineWithAreaCode) {
  for (const char* fine : {"13800001234", "19912345678", "0750-3123456", "07503123456", "020-12345678",
                           "010 12345678", "0750-3123456-8001"}) {
    EXPECT_TRUE(is_mainland_phone(fine)) << fine;
  }
  for (const char* bad : {"12800001234", "1380000123", "138000012345", "3123456", "0750-12345", "750-3123456",
                          "0750-312345a", "+8613800001234", "0750--3123456", "0750-3123456-1234567"}) {
    EXPECT_FALSE(is_mainland_phone(bad)) << bad;
  }
  auto profile = valid_profile();
  profile.contacts[0].phone = "12800001234";
  EXPECT_EQ(refusals(profile), (Refusals{{"contacts[0].phone", "phone_mainland"}}));
}

TEST(EnterpriseProfile, EmailIsOptionalButWellFormed) {
  auto profile = valid_profile();
  profile.contacts[0].email = "";
  EXPECT_EQ(refusals(profile), Refusals{});
  for (const char* bad :
       {"zhang", "zhang@", "@example.com", "zhang@example", "a b@example.com", "a@b@c.cn"}) {
    profile.contacts[0].email = bad;
    EXPECT_EQ(refusals(profile), (Refusals{{"contacts[0].email", "email_format"}})) << bad;
  }
  profile.contacts[0].email = repeat("a", 95) + "@x.com";
  EXPECT_EQ(refusals(profile), (Refusals{{"contacts[0].email", "too_long"}}));
}

TEST(EnterpriseProfile, BankIsOptionalButCompleteOnceStarted) {
  auto profile = valid_profile();
  profile.bank = {};
  EXPECT_EQ(refusals(profile), Refusals{});
  profile.bank.bank_name = "中国工商银行江门分行";
  EXPECT_EQ(refusals(profile),
            (Refusals{{"bank.account_name", "required"}, {"bank.account_number", "required"}}));
}

TEST(EnterpriseProfile, BankNamesAreAtMost100CodePoints) {
  auto profile = valid_profile();
  profile.bank.account_name = repeat("名", 101);
  profile.bank.bank_name = repeat("行", 101);
  EXPECT_EQ(refusals(profile), (Refusals{{"bank.account_name", "too_long"}, {"bank.bank_name", "too_long"}}));
}

TEST(EnterpriseProfile, AccountNumberHas8To32DigitsSpacesIgnored) {
  auto profile = valid_profile();
  for (const char* bad : {"1234567", "123456789012345678901234567890123", "6222A21001123456"}) {
    profile.bank.account_number = bad;
    EXPECT_EQ(refusals(profile), (Refusals{{"bank.account_number", "bank_account_format"}})) << bad;
  }
  auto parsed = profile_from_json({{"bank", {{"account_number", "6222 0210 0112 3456 789"}}}});
  EXPECT_EQ(parsed.profile.bank.account_number, "6222021001123456789");
}

TEST(EnterpriseProfile, WrongJsonTypesNameTheirField) {
  nlohmann::json body = {
      {"industry", 39},
      {"clusters", "electronic_information"},
      {"employees", "120"},
      {"revenue_fen", 12.5},
      {"contacts", nlohmann::json::array({{{"name", "张"}, {"phone", 13800001234LL}}, "李"})},
      {"bank", "工商银行"}};
  auto parsed = profile_from_json(body);
  std::set<std::string> fields;
  for (const auto& error : parsed.errors) {
    EXPECT_EQ(error.rule, "wrong_type");
    fields.insert(error.field);
  }
  EXPECT_EQ(fields, (std::set<std::string>{"industry", "clusters", "employees", "revenue_fen",
                                           "contacts[0].phone", "contacts[1]", "bank"}));
  EXPECT_EQ(profile_from_json(nlohmann::json::array()).errors.size(), 1U);
}

TEST(EnterpriseProfile, AHugeNumberIsOutOfRangeNotWrapped) {
  auto parsed = profile_from_json({{"assets_fen", 18446744073709551615ULL}});
  EXPECT_TRUE(parsed.errors.empty());
  ASSERT_TRUE(parsed.profile.assets_fen);
  EXPECT_GT(*parsed.profile.assets_fen, kMaxAmountFen);
}

TEST(EnterpriseProfile, JsonRoundTripKeepsEverythingAndTrims) {
  auto profile = valid_profile();
  auto json = profile_to_json(profile);
  auto back = profile_from_json(json);
  EXPECT_TRUE(back.errors.empty());
  EXPECT_EQ(profile_to_json(back.profile), json);
  auto trimmed = profile_from_json({{"industry", "  制造业 "}, {"clusters", {"a", "a", "b"}}});
  EXPECT_EQ(trimmed.profile.industry, "制造业");
  EXPECT_EQ(trimmed.profile.clusters, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(profile_to_json(EnterpriseProfile{})["employees"].is_null());
}

TEST(EnterpriseProfile, MaskedAccountNumberKeepsTheLastFour) {
  EXPECT_EQ(mask_account_number("6222021001123456789"), "***************6789");
  EXPECT_EQ(mask_account_number("1234"), "****");
  EXPECT_EQ(mask_account_number(""), "");
}

TEST(DivisionHint, SameCountyMatches) {
  auto hint = division_hint(jiangmen(), "91440703MA4WDE010D", "440703");
  ASSERT_TRUE(hint);
  EXPECT_EQ(hint->code_division, "440703");
  EXPECT_TRUE(hint->matches_county);
  EXPECT_EQ(hint->name->zh, "蓬江区");
}

TEST(DivisionHint, AnotherCountyOfTheCityDisagrees) {
  auto hint = division_hint(jiangmen(), "91440705MA4WDE010D", "440703");
  ASSERT_TRUE(hint);
  EXPECT_FALSE(hint->matches_county);
  EXPECT_TRUE(hint->in_city);
  EXPECT_EQ(hint->name->zh, "新会区");
}

TEST(DivisionHint, OutsideTheCityIsReportedWithoutAName) {
  auto hint = division_hint(jiangmen(), "91440300MA4WDE010D", "440703");
  ASSERT_TRUE(hint);
  EXPECT_FALSE(hint->matches_county);
  EXPECT_FALSE(hint->in_city);
  EXPECT_FALSE(hint->name);
}

TEST(DivisionHint, TheCitysOwnBureauDoesNotDisagree) {
  auto hint = division_hint(jiangmen(), "91440700MA4WDE010D", "440785");
  ASSERT_TRUE(hint);
  EXPECT_TRUE(hint->matches_county);
  EXPECT_EQ(hint->name->zh, "江门市");
}

// One way to break one field, and the refusal it must cause.
struct Breakage {
  const char* rule;
  std::string field;
  void (*apply)(EnterpriseProfile&);
};

const std::vector<Breakage>& breakages() {
  static const std::vector<Breakage> all = {
      {"too_long", "industry", [](EnterpriseProfile& p) { p.industry = repeat("业", 101); }},
      {"cluster_unknown", "clusters[0]", [](EnterpriseProfile& p) { p.clusters = {"nope"}; }},
      {"number_range", "employees", [](EnterpriseProfile& p) { p.employees = -5; }},
      {"amount_range", "revenue_fen", [](EnterpriseProfile& p) { p.revenue_fen = -1; }},
      {"amount_range", "assets_fen", [](EnterpriseProfile& p) { p.assets_fen = kMaxAmountFen + 1; }},
      {"too_long", "address", [](EnterpriseProfile& p) { p.address = repeat("路", 201); }},
      {"contacts_count", "contacts", [](EnterpriseProfile& p) { p.contacts.clear(); }},
      {"required", "contacts[0].name", [](EnterpriseProfile& p) { p.contacts[0].name.clear(); }},
      {"too_long", "contacts[0].title", [](EnterpriseProfile& p) { p.contacts[0].title = repeat("职", 51); }},
      {"phone_mainland", "contacts[0].phone", [](EnterpriseProfile& p) { p.contacts[0].phone = "1234"; }},
      {"required", "contacts[0].phone", [](EnterpriseProfile& p) { p.contacts[0].phone.clear(); }},
      {"email_format", "contacts[0].email", [](EnterpriseProfile& p) { p.contacts[0].email = "x@"; }},
      {"required", "bank.account_name", [](EnterpriseProfile& p) { p.bank.account_name.clear(); }},
      {"too_long", "bank.bank_name", [](EnterpriseProfile& p) { p.bank.bank_name = repeat("行", 101); }},
      {"bank_account_format", "bank.account_number",
       [](EnterpriseProfile& p) { p.bank.account_number = "12ab"; }},
  };
  return all;
}

// Valid variations that must never be refused.
void vary_validly(EnterpriseProfile& p, std::mt19937_64& rng) {
  std::uniform_int_distribution<long long> employees(0, kMaxEmployees);
  std::uniform_int_distribution<long long> amount(0, kMaxAmountFen);
  const char* phones[] = {"13912345678", "0750-3123456", "020-12345678-12", "07503123456"};
  p.employees = rng() % 4 == 0 ? std::nullopt : std::optional<long long>(employees(rng));
  p.revenue_fen = amount(rng);
  p.assets_fen = rng() % 4 == 0 ? std::nullopt : std::optional<long long>(amount(rng));
  p.contacts.assign(1 + rng() % kMaxContacts, p.contacts[0]);
  for (auto& contact : p.contacts) contact.phone = phones[rng() % 4];
  if (rng() % 3 == 0) p.contacts[0].email.clear();
  if (rng() % 3 == 0) p.clusters.clear();
}

// Each randomly generated profile is refused for exactly the fields broken, and every rule of the
// form is exercised at least once.
TEST(EnterpriseProfile, RefusesExactlyTheBrokenFieldsAndExercisesEveryRule) {
  auto seed = std::random_device{}();
  std::mt19937_64 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::map<std::string, int> fired;
  for (int round = 0; round < 2000; ++round) {
    auto profile = valid_profile();
    vary_validly(profile, rng);
    Refusals expected;
    std::set<std::string> broken_fields;
    for (const auto& breakage : breakages()) {
      if (rng() % 5 != 0) continue;
      // Emptying the contacts makes the contact rules moot; one breakage per field.
      if (breakage.field.starts_with("contacts[") && broken_fields.contains("contacts")) continue;
      if (breakage.field == "contacts" && !broken_fields.empty() &&
          std::any_of(broken_fields.begin(), broken_fields.end(),
                      [](const std::string& f) { return f.starts_with("contacts["); }))
        continue;
      if (!broken_fields.insert(breakage.field).second) continue;
      breakage.apply(profile);
      expected.insert({breakage.field, breakage.rule});
    }
    auto got = refusals(profile);
    ASSERT_EQ(got, expected) << "round " << round;
    for (const auto& [field, rule] : got) ++fired[rule];
  }
  std::set<std::string> rules;
  for (const auto& breakage : breakages()) rules.insert(breakage.rule);
  for (const auto& rule : rules) EXPECT_GT(fired[rule], 0) << "rule never fired: " << rule;
}

}  // namespace
}  // namespace iifund::domain
