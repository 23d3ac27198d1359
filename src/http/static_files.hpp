#pragma once
// The built web app, served from web/dist: files by exact path, and index.html for any other
// page path (history-mode routing). Nothing outside the root is ever read.
#include <optional>
#include <string>

#include "http/http_types.hpp"

namespace iifund::http {

// nullopt: not a static path (the caller answers 404 problem+json).
std::optional<HttpResponse> serve_static(const std::string& web_root, const HttpRequest& request);

const char* content_type_for(const std::string& path);

// Percent-decodes a request path and refuses "..", ".", NUL, backslash and control characters.
std::optional<std::string> decode_safe_path(const std::string& raw_path);

}  // namespace iifund::http
