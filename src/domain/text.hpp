#pragma once
// Text as a person counts it: length limits and messages count UTF-8 code points, not bytes, so a
// Chinese name of 10 characters is 10, not 30.
#include <cstddef>
#include <string_view>

namespace iifund::domain {

std::size_t code_points(std::string_view text);

}  // namespace iifund::domain
