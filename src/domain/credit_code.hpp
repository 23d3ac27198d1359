#pragma once
// 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015): the 18-character identity of every
// enterprise and organization in China. Layout, 1-based:
//   1      registering authority (登记管理部门), e.g. 9 = market regulation (工商)
//   2      kind of entity (机构类别), meaningful per authority, e.g. 91 = enterprise
//   3–8    division code (登记管理机关行政区划码, GB/T 2260), e.g. 440703 = 蓬江区
//   9–17   organization code (主体标识码, GB 11714), whose 9th character is its own check
//   18     check character over the first 17, weights 3^(i-1) mod 31
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace iifund::domain {

// The rule a malformed code fails, in the order they are checked; the Problem code is
// "uscc_" + name (uscc_length, uscc_alphabet, ...).
enum class CreditCodeRule {
  length,
  alphabet,
  authority,
  entity_type,
  division_code,
  org_code_check,
  check_character
};
std::string_view to_string(CreditCodeRule rule);

struct CreditCode {
  std::string text;           // the 18 characters, upper case
  char authority = 0;         // position 1
  char entity_type = 0;       // position 2
  std::string division_code;  // positions 3–8
  std::string org_code;       // positions 9–17, "70846113" + check "6"
  std::string_view authority_zh;
  std::string_view authority_en;
  std::string_view entity_type_zh;
  std::string_view entity_type_en;
  bool check_overridden = false;  // a legal early pilot code accepted by recorded override
};

// The alphabet: digits and upper-case letters without I, O, S, V, Z.
inline constexpr std::string_view kCreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Validates and splits a code. Refusals carry code "uscc_<rule>", status 422, facts {input, rule,
// position (1-based), expected, found} and one FieldError on field "credit_code".
// Leading/trailing blanks are trimmed and lower-case letters accepted, since people paste codes.
Result<CreditCode> parse_credit_code(std::string_view text);

// A few early pilot codes are legal yet fail a check character. An organizer may accept one by a
// recorded override (who and why are the caller's audit record); every other rule still applies.
struct CheckOverride {
  std::string code;         // must equal the input exactly
  std::string approved_by;  // the organizer's user name
  std::string reason;
};
Result<CreditCode> parse_credit_code(std::string_view text, const CheckOverride& override_record);

// Check characters, exposed for generating valid codes (demo data, tests).
std::optional<char> org_code_check_character(std::string_view first_eight);         // GB 11714
std::optional<char> credit_code_check_character(std::string_view first_seventeen);  // GB 32100

}  // namespace iifund::domain
