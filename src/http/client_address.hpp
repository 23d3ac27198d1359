#pragma once
// The client's address: the TCP peer, unless the peer is one of the configured trusted proxies,
// in which case the nearest untrusted address in X-Forwarded-For. Anyone else can write that
// header, so it is ignored from untrusted peers (throttling keys on this address).
#include <string>
#include <vector>

#include "http/http_types.hpp"

namespace iifund::http {

// Sets request.caller.client_address and request.via_tls (X-Forwarded-Proto: https from a
// trusted proxy).
void resolve_client(const std::vector<std::string>& trusted_proxies, HttpRequest& request);

}  // namespace iifund::http
