#pragma once
// Headers every response carries: a strict CSP (the web app needs no inline script), no sniffing,
// no framing, no referrer; API answers are never cached.
#include "http/http_types.hpp"

namespace iifund::http {

void add_security_headers(HttpResponse& response, bool is_api);

}  // namespace iifund::http
