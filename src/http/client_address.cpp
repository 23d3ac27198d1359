#include "http/client_address.hpp"

#include <algorithm>

namespace iifund::http {

namespace {

std::string trimmed(const std::string& text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool trusted(const std::vector<std::string>& proxies, const std::string& address) {
  return std::find(proxies.begin(), proxies.end(), address) != proxies.end();
}

std::vector<std::string> forwarded_chain(const std::string& header) {
  std::vector<std::string> chain;
  std::size_t start = 0;
  while (start <= header.size()) {
    auto comma = header.find(',', start);
    if (comma == std::string::npos) comma = header.size();
    if (auto hop = trimmed(header.substr(start, comma - start)); !hop.empty()) chain.push_back(hop);
    start = comma + 1;
  }
  return chain;
}

}  // namespace

void resolve_client(const std::vector<std::string>& trusted_proxies, HttpRequest& request) {
  std::string address = request.remote_address;
  request.via_tls = false;
  if (trusted(trusted_proxies, address)) {
    if (const auto* forwarded = request.header("x-forwarded-for")) {
      // Walk from the nearest hop outwards; the first address not ours is the client.
      auto chain = forwarded_chain(*forwarded);
      for (auto hop = chain.rbegin(); hop != chain.rend(); ++hop) {
        address = *hop;
        if (!trusted(trusted_proxies, *hop)) break;
      }
    }
    if (const auto* proto = request.header("x-forwarded-proto")) request.via_tls = trimmed(*proto) == "https";
  }
  request.caller.client_address = address.substr(0, 64);
  if (const auto* agent = request.header("user-agent")) request.caller.user_agent = agent->substr(0, 300);
}

}  // namespace iifund::http
