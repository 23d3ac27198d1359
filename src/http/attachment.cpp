#include "http/attachment.hpp"

#include <cctype>
#include <string_view>

namespace iifund::http {

std::string attachment_disposition(const std::string& file_name) {
  auto attr_char = [](unsigned char c) {
    return std::isalnum(c) != 0 ||
           std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  };
  std::string fallback;
  std::string encoded;
  for (char raw : file_name) {
    const auto c = static_cast<unsigned char>(raw);
    if (c >= 0x80) {
      if ((c & 0xC0) != 0x80) fallback += '_';  // one mark per non-ASCII character
    } else if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c == '%' || c == ';') {
      fallback += '_';
    } else {
      fallback += static_cast<char>(c);
    }
    if (attr_char(c)) {
      encoded += static_cast<char>(c);
    } else {
      static const char* kHex = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0x0F];
    }
  }
  if (fallback.empty()) fallback = "file";
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace iifund::http
