#pragma once
// The two cookies of a session: iifund_session (the token: HttpOnly, never readable by script)
// and iifund_csrf (readable, so the web app can echo it in X-CSRF-Token). Both SameSite=Strict,
// Path=/, and Secure when the request reached us over TLS.
#include <optional>
#include <string>

#include "http/http_types.hpp"

namespace iifund::http {

inline constexpr const char* kSessionCookie = "iifund_session";
inline constexpr const char* kCsrfCookie = "iifund_csrf";

std::optional<std::string> cookie_value(const HttpRequest& request, const std::string& name);
void set_session_cookies(HttpResponse& response, const std::string& token, const std::string& csrf_token,
                         bool secure);
void clear_session_cookies(HttpResponse& response, bool secure);

}  // namespace iifund::http
