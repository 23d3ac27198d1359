#include "domain/division_hint.hpp"

namespace iifund::domain {

std::optional<DivisionHint> division_hint(const Policy& policy, const std::string& credit_code,
                                          const std::string& county_code) {
  if (credit_code.size() < 8) return std::nullopt;
  DivisionHint hint;
  hint.code_division = credit_code.substr(2, 6);
  if (const auto* county = policy.find_county(hint.code_division)) {
    hint.in_city = true;
    hint.name = county->name;
    hint.matches_county = hint.code_division == county_code;
  } else if (hint.code_division == policy.city_division_code) {
    hint.in_city = true;
    hint.name = policy.city;
    hint.matches_county = true;  // registered with the city's bureau: any county may be right
  }
  return hint;
}

}  // namespace iifund::domain
