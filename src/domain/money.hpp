#pragma once
// Money is an exact count of fen (分, 0.01 yuan). Public funds are never rounded up, so the only
// rounding in the system is `apply_rate`, which floors to the fen.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace iifund::domain {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }
  constexpr std::int64_t fen() const { return fen_; }

  // clang-tidy 14 mistakes the defaulted comparison for a null-pointer literal.
  constexpr auto operator<=>(const Money&) const = default;  // NOLINT(modernize-use-nullptr)
  // Unchecked arithmetic for amounts already bounded by caps; use checked_add for user sums.
  constexpr Money operator+(Money other) const { return Money(fen_ + other.fen_); }
  constexpr Money operator-(Money other) const { return Money(fen_ - other.fen_); }
  constexpr Money& operator+=(Money other) {
    fen_ += other.fen_;
    return *this;
  }
  constexpr Money& operator-=(Money other) {
    fen_ -= other.fen_;
    return *this;
  }

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  std::int64_t fen_ = 0;
};

constexpr Money fen(std::int64_t n) { return Money::from_fen(n); }
constexpr Money yuan(std::int64_t n) { return Money::from_fen(n * 100); }
constexpr Money wan_yuan(std::int64_t n) { return Money::from_fen(n * 1'000'000); }

// A rate in basis points (基点, 1/10,000): 5000 is 50 %.
struct BasisPoints {
  std::int32_t value = 0;
  constexpr auto operator<=>(const BasisPoints&) const = default;
};
inline constexpr BasisPoints kFullRate{10'000};

// floor(amount × rate), exact through a 128-bit intermediate; never rounds up.
Money apply_rate(Money amount, BasisPoints rate);

// The sum, or nullopt when it leaves int64 fen.
std::optional<Money> checked_add(Money a, Money b);

// Reads an amount typed by a person: yuan by default, "万"/"万元" for ten-thousands of yuan,
// thousands separators ("1,234.50"), full-width digits and punctuation ("１２３"), an optional
// "¥"/"元". Refuses negatives, more decimals than a fen can carry ("1.234" yuan; "123.4567万" is
// exact and accepted), and amounts beyond int64 fen. Problem codes: money_empty, money_syntax,
// money_negative, money_grouping, money_precision, money_overflow.
Result<Money> parse_money(std::string_view text);

// "1,000,000.00" (yuan, always two decimals, thousands separated).
std::string format_yuan(Money amount);
// "100" / "123.4567" (万元, trailing zeros trimmed; exact, up to six decimals).
std::string format_wan_yuan(Money amount);

}  // namespace iifund::domain
