#include "http/session_cookies.hpp"

namespace iifund::http {

std::optional<std::string> cookie_value(const HttpRequest& request, const std::string& name) {
  const std::string* header = request.header("cookie");
  if (header == nullptr) return std::nullopt;
  std::size_t start = 0;
  while (start < header->size()) {
    auto end = header->find(';', start);
    if (end == std::string::npos) end = header->size();
    auto pair = header->substr(start, end - start);
    auto first = pair.find_first_not_of(' ');
    if (first != std::string::npos) pair = pair.substr(first);
    auto equals = pair.find('=');
    if (equals != std::string::npos && pair.substr(0, equals) == name) return pair.substr(equals + 1);
    start = end + 1;
  }
  return std::nullopt;
}

void set_session_cookies(HttpResponse& response, const std::string& token, const std::string& csrf_token,
                         bool secure) {
  std::string flags = std::string("; SameSite=Strict; Path=/") + (secure ? "; Secure" : "");
  response.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + "; HttpOnly" + flags);
  response.set_header("Set-Cookie", std::string(kCsrfCookie) + "=" + csrf_token + flags);
}

void clear_session_cookies(HttpResponse& response, bool secure) {
  std::string flags = std::string("; Max-Age=0; SameSite=Strict; Path=/") + (secure ? "; Secure" : "");
  response.set_header("Set-Cookie", std::string(kSessionCookie) + "=; HttpOnly" + flags);
  response.set_header("Set-Cookie", std::string(kCsrfCookie) + "=" + flags);
}

}  // namespace iifund::http
