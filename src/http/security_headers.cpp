#include "http/security_headers.hpp"

namespace iifund::http {

void add_security_headers(HttpResponse& response, bool is_api) {
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                      "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                      "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  response.set_header("Cross-Origin-Resource-Policy", "same-origin");
  response.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (is_api) response.set_header("Cache-Control", "no-store");
}

}  // namespace iifund::http
