#include "domain/money.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace iifund::domain {
namespace {

struct ParseCase {
  const char* input;
  std::int64_t fen;
};

TEST(Money, ParsesWhatPeopleType) {
  const ParseCase cases[] = {
      {"0", 0},
      {"1", 100},
      {"1.5", 150},
      {"1,234.50", 123'450},
      {"1,000,000.00", 100'000'000},
      {"3000000", 300'000'000},
      {"123.4万", 123'400'000},
      {"123.4567万", 123'456'700},    // exact to the yuan, so accepted
      {"123.456789万", 123'456'789},  // six decimals of 万元 is one fen
      {"50万元", 50'000'000},
      {"１２３", 12'300},
      {"１，２３４．５", 123'450},
      {"¥1,234.50", 123'450},
      {"￥88", 8'800},
      {"  100元 ", 10'000},
      {"\u3000100\u3000", 10'000},
      {"+5", 500},
      {"92233720368547758.07", std::numeric_limits<std::int64_t>::max()},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    auto parsed = parse_money(c.input);
    ASSERT_TRUE(parsed.ok()) << parsed.problem().code;
    EXPECT_EQ(parsed->fen(), c.fen);
  }
}

struct RefusalCase {
  const char* input;
  const char* code;
};

TEST(Money, RefusesWithTheRuleThatFailed) {
  const RefusalCase cases[] = {
      {"", "money_empty"},
      {"   ", "money_empty"},
      {"万", "money_empty"},
      {"-1", "money_negative"},
      {"－１", "money_negative"},
      {"-0.01", "money_negative"},
      {"1.234", "money_precision"},
      {"0.001", "money_precision"},
      {"123.4567891万", "money_precision"},
      {"1,23.4", "money_grouping"},
      {"1234,567", "money_grouping"},
      {",123", "money_grouping"},
      {"abc", "money_syntax"},
      {"1.2.3", "money_syntax"},
      {"1.", "money_syntax"},
      {".5", "money_syntax"},
      {"1e6", "money_syntax"},
      {"12 34", "money_syntax"},
      {"100美元", "money_syntax"},
      {"92233720368547758.08", "money_overflow"},
      {"99999999999999999999", "money_overflow"},
      {"9223372036854775.808万", "money_overflow"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    auto parsed = parse_money(c.input);
    ASSERT_FALSE(parsed.ok()) << parsed->fen();
    EXPECT_EQ(parsed.problem().code, c.code);
    EXPECT_EQ(parsed.problem().facts.at("input"), c.input);
  }
}

TEST(Money, FormatsInYuanWithTwoDecimals) {
  EXPECT_EQ(format_yuan(yuan(1'000'000)), "1,000,000.00");
  EXPECT_EQ(format_yuan(fen(0)), "0.00");
  EXPECT_EQ(format_yuan(fen(5)), "0.05");
  EXPECT_EQ(format_yuan(fen(123'450)), "1,234.50");
  EXPECT_EQ(format_yuan(fen(99'999)), "999.99");
  EXPECT_EQ(format_yuan(fen(100'000)), "1,000.00");
  EXPECT_EQ(format_yuan(fen(-150)), "-1.50");
  EXPECT_EQ(format_yuan(fen(std::numeric_limits<std::int64_t>::max())), "92,233,720,368,547,758.07");
  EXPECT_EQ(format_yuan(fen(std::numeric_limits<std::int64_t>::min())), "-92,233,720,368,547,758.08");
}

TEST(Money, FormatsInWanYuanExactly) {
  EXPECT_EQ(format_wan_yuan(wan_yuan(100)), "100");
  EXPECT_EQ(format_wan_yuan(fen(123'456'700)), "123.4567");
  EXPECT_EQ(format_wan_yuan(fen(1)), "0.000001");
  EXPECT_EQ(format_wan_yuan(yuan(5'000)), "0.5");
}

TEST(Money, FormattingRoundTripsThroughParsing) {
  for (std::int64_t f : {0LL, 1LL, 99LL, 100LL, 123'456'789LL, 100'000'000LL}) {
    EXPECT_EQ(parse_money(format_yuan(fen(f)))->fen(), f);
    EXPECT_EQ(parse_money(format_wan_yuan(fen(f)) + "万")->fen(), f);
  }
}

TEST(Money, RateFloorsToTheFen) {
  EXPECT_EQ(apply_rate(yuan(3'000'000), BasisPoints{5000}), yuan(1'500'000));
  EXPECT_EQ(apply_rate(fen(3), BasisPoints{5000}), fen(1));      // 1.5 fen → 1
  EXPECT_EQ(apply_rate(fen(1), BasisPoints{8000}), fen(0));      // 0.8 fen → 0
  EXPECT_EQ(apply_rate(fen(125), BasisPoints{8000}), fen(100));  // exact
  EXPECT_EQ(apply_rate(fen(126), BasisPoints{8000}), fen(100));  // 100.8 → 100
  EXPECT_EQ(apply_rate(fen(129), BasisPoints{8000}), fen(103));  // 103.2 → 103
  // No overflow even at the top of the range.
  const auto max = fen(std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(apply_rate(max, kFullRate), max);
  EXPECT_EQ(apply_rate(max, BasisPoints{5000}).fen(), std::numeric_limits<std::int64_t>::max() / 2);
}

TEST(Money, CheckedAddRefusesOverflow) {
  EXPECT_EQ(checked_add(yuan(1), fen(1)), fen(101));
  EXPECT_FALSE(checked_add(fen(std::numeric_limits<std::int64_t>::max()), fen(1)).has_value());
}

}  // namespace
}  // namespace iifund::domain
