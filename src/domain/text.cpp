#include "domain/text.hpp"

#include <algorithm>

namespace iifund::domain {

std::size_t code_points(std::string_view text) {
  // Every byte but a UTF-8 continuation byte (10xxxxxx) starts a code point.
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace iifund::domain
