#pragma once
// 登记地提示: characters 3–8 of a credit code are the division where the enterprise registered.
// When that is not the county it chose, its county officer may be the wrong one to verify and
// recommend it, so the profile says so (a hint, never a refusal: enterprises move, and some
// registered with the city's own bureau).
#include <optional>
#include <string>

#include "domain/policy.hpp"

namespace iifund::domain {

struct DivisionHint {
  std::string code_division;          // characters 3–8 of the credit code
  bool in_city = false;               // one of the policy's counties, or the city itself
  bool matches_county = false;        // the chosen county, or the city's own bureau (no disagreement)
  std::optional<LocalizedName> name;  // the policy's name for it; none outside the city
};

// None when the credit code is too short to carry a division.
std::optional<DivisionHint> division_hint(const Policy& policy, const std::string& credit_code,
                                          const std::string& county_code);

}  // namespace iifund::domain
