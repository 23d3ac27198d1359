#include "domain/credit_code.hpp"

#include <gtest/gtest.h>

namespace iifund::domain {
namespace {

// Real, published codes (from business licences and invoices in public records); each check
// character was also recomputed by hand, e.g. Huawei's organization code 70846113:
// 7·3+0·7+8·9+4·10+6·5+1·8+1·4+3·2 = 181, 181 mod 11 = 5, 11−5 = 6 ✓.
struct RealCode {
  const char* code;
  const char* holder;
  const char* division;
};
const RealCode kRealCodes[] = {
    {"91440300708461136T", "华为技术有限公司", "440300"},
    {"9144030071526726XG", "深圳市腾讯计算机系统有限公司", "440300"},
    {"91330100799655058B", "阿里巴巴（中国）有限公司", "330100"},
    {"91110108551385082Q", "小米科技有限责任公司", "110108"},
    {"91440400192548256N", "珠海格力电器股份有限公司", "440400"},
    {"91440606722473344C", "美的集团股份有限公司", "440606"},
    {"91440300192317458F", "比亚迪股份有限公司", "440300"},
    {"91440703095877920J", "江门市乔帮主科技有限责任公司", "440703"},
    {"91440703MA51T6BYXY", "江门市姆斯皮园林绿化有限公司", "440703"},
    {"91440705MA55J11Q6X", "a 新会区 enterprise", "440705"},
};

TEST(CreditCode, AcceptsRealPublishedCodes) {
  for (const auto& real : kRealCodes) {
    SCOPED_TRACE(real.holder);
    auto parsed = parse_credit_code(real.code);
    ASSERT_TRUE(parsed.ok()) << parsed.problem().code << " " << parsed.problem().facts.dump();
    EXPECT_EQ(parsed->division_code, real.division);
    EXPECT_EQ(parsed->authority, '9');
    EXPECT_EQ(parsed->entity_type, '1');
    EXPECT_EQ(parsed->entity_type_zh, "企业");
    EXPECT_FALSE(parsed->check_overridden);
  }
}

TEST(CreditCode, SplitsHuaweisCodeIntoItsParts) {
  auto parsed = parse_credit_code("91440300708461136T");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->authority_zh, "工商");
  EXPECT_EQ(parsed->division_code, "440300");
  EXPECT_EQ(parsed->org_code, "708461136");
}

TEST(CreditCode, ToleratesPastingHabits) { EXPECT_TRUE(parse_credit_code(" 91440300708461136t ").ok()); }

struct BadCode {
  const char* input;
  CreditCodeRule rule;
  int position;  // 0 when the rule has no position
};

TEST(CreditCode, NamesTheRuleThatFails) {
  const BadCode cases[] = {
      {"", CreditCodeRule::length, 0},
      {"91440300708461136", CreditCodeRule::length, 0},
      {"91440300708461136TT", CreditCodeRule::length, 0},
      {"9144030070846113华", CreditCodeRule::length, 0},  // 17 code points, 19 bytes
      {"91440300708461136华", CreditCodeRule::alphabet, 18},
      {"914403007084611华6T", CreditCodeRule::alphabet, 16},
      {"9I440300708461136T", CreditCodeRule::alphabet, 2},
      {"91440300708461136O", CreditCodeRule::alphabet, 18},
      {"9144030070846113-T", CreditCodeRule::alphabet, 17},
      {"B1440300708461136T", CreditCodeRule::authority, 1},
      {"0144030070846113 6", CreditCodeRule::alphabet, 17},
      {"01440300708461136T", CreditCodeRule::authority, 1},
      {"94440300708461136T", CreditCodeRule::entity_type, 2},
      {"Y2440300708461136T", CreditCodeRule::entity_type, 2},
      {"914403A0708461136T", CreditCodeRule::division_code, 7},
      {"91440300708461137T", CreditCodeRule::org_code_check, 17},
      {"91440300708461135T", CreditCodeRule::org_code_check, 17},
      {"91440300708461136U", CreditCodeRule::check_character, 18},
      {"91440300708461136A", CreditCodeRule::check_character, 18},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    auto parsed = parse_credit_code(c.input);
    ASSERT_FALSE(parsed.ok());
    const Problem& p = parsed.problem();
    EXPECT_EQ(p.code, "uscc_" + std::string(to_string(c.rule)));
    EXPECT_EQ(p.facts.at("rule"), to_string(c.rule));
    if (c.position != 0) {
      EXPECT_EQ(p.facts.at("position"), c.position);
    }
    ASSERT_EQ(p.fields.size(), 1u);
    EXPECT_EQ(p.fields[0].field, "credit_code");
  }
}

TEST(CreditCode, CheckFailuresSayWhatWasExpected) {
  auto parsed = parse_credit_code("91440300708461136U");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.problem().facts.at("expected"), "T");
  EXPECT_EQ(parsed.problem().facts.at("found"), "U");
}

// The weights 3^(i-1) mod 31 are all non-zero modulo the prime 31, so changing any one
// character to any other character of the alphabet must be caught by some rule.
TEST(CreditCode, AnySingleCharacterChangeIsRefused) {
  for (const auto& real : kRealCodes) {
    const std::string code = real.code;
    for (std::size_t i = 0; i < code.size(); ++i) {
      for (char replacement : std::string(kCreditCodeAlphabet) + "IOSVZ-a") {
        if (replacement == code[i] || replacement - 'a' + 'A' == code[i]) continue;
        std::string changed = code;
        changed[i] = replacement;
        SCOPED_TRACE(changed);
        EXPECT_FALSE(parse_credit_code(changed).ok());
      }
    }
  }
}

TEST(CreditCode, CheckCharactersGenerateValidCodes) {
  for (const char* tail : {"0000", "1234", "ABCD", "XY99"}) {
    std::string first8 = std::string("MA5") + tail + "1";
    const char org = *org_code_check_character(first8);
    std::string first17 = "91440703" + first8 + org;
    const char check = *credit_code_check_character(first17);
    SCOPED_TRACE(first17 + check);
    EXPECT_TRUE(parse_credit_code(first17 + check).ok());
  }
  EXPECT_FALSE(org_code_check_character("1234567").has_value());
  EXPECT_FALSE(credit_code_check_character("9144030070846113I").has_value());
}

TEST(CreditCode, RecordedOverrideAcceptsOnlyACheckFailure) {
  const CheckOverride record{"91440300708461136U", "organizer01", "early pilot code, licence verified"};
  auto accepted = parse_credit_code("91440300708461136U", record);
  ASSERT_TRUE(accepted.ok());
  EXPECT_TRUE(accepted->check_overridden);
  // The override names one code: another code still fails.
  EXPECT_EQ(parse_credit_code("91440300708461136A", record).problem().code, "uscc_check_character");
  // An override without who and why is no override.
  EXPECT_FALSE(parse_credit_code("91440300708461136U", CheckOverride{"91440300708461136U", "", ""}).ok());
  // Structural rules still apply under an override.
  const CheckOverride bad{"94440300708461136T", "organizer01", "x"};
  EXPECT_EQ(parse_credit_code("94440300708461136T", bad).problem().code, "uscc_entity_type");
}

}  // namespace
}  // namespace iifund::domain
