#include "http/request_pipeline.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <cctype>

#include "http/access_control.hpp"
#include "http/message_catalog.hpp"
#include "http/problem_response.hpp"
#include "http/routes.hpp"
#include "http/security_headers.hpp"
#include "http/static_files.hpp"

namespace iifund::http {

namespace {

bool is_api_path(const std::string& target) { return target == "/api" || target.rfind("/api/", 0) == 0; }

bool has_content_type(const HttpRequest& request, const char* wanted) {
  const std::string* type = request.header("content-type");
  if (type == nullptr) return false;
  auto media = type->substr(0, type->find(';'));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (auto& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return media == wanted;
}

// An upload chunk (PUT /api/uploads/:id/chunks/:index) is raw bytes; every other body is JSON.
bool is_upload_chunk(const HttpRequest& request) {
  return request.method == Method::put && request.path.rfind("/api/uploads/", 0) == 0 &&
         request.path.find("/chunks/") != std::string::npos;
}

// A county's sealed recommendation letter (PUT /api/county/letters/:batch_id) is one raw file of
// up to 20 MiB, whatever type the browser calls it; the service sniffs what it really is.
bool is_county_letter(const HttpRequest& request) {
  return request.method == Method::put && request.path.rfind("/api/county/letters/", 0) == 0;
}

bool carries_body(Method method) {
  return method == Method::post || method == Method::put || method == Method::patch;
}

// 413, 415 and 400 for API requests with a body; nullopt when the body is acceptable.
std::optional<domain::Problem> check_api_body(const ServerContext& context, HttpRequest& request,
                                              std::optional<std::uint64_t> declared_length) {
  if (!carries_body(request.method)) return std::nullopt;
  std::uint64_t length = declared_length.value_or(request.body.size());
  const bool letter = is_county_letter(request);
  const std::uint64_t limit = letter ? context.limits.max_file_body_bytes : context.limits.max_body_bytes;
  if (length > limit)
    return domain::make_problem("payload_too_large", 413, {{"length", length}, {"limit", limit}});
  if (letter) return std::nullopt;
  if (is_upload_chunk(request)) {
    if (request.body.empty() || has_content_type(request, "application/octet-stream")) return std::nullopt;
    const std::string* type = request.header("content-type");
    return domain::make_problem("chunk_media_type", 415, {{"content_type", type ? *type : ""}});
  }
  if (request.body.empty()) return std::nullopt;
  if (!has_content_type(request, "application/json")) {
    const std::string* type = request.header("content-type");
    return domain::make_problem("unsupported_media_type", 415, {{"content_type", type ? *type : ""}});
  }
  try {
    request.json = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& error) {
    // nlohmann reports a byte offset; the user reads lines and columns.
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i + 1 < error.byte && i < request.body.size(); ++i) {
      if (request.body[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string reason = error.what();
    if (auto colon = reason.rfind(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
    return domain::make_problem("malformed_json", 400,
                                {{"line", line}, {"column", column}, {"reason", reason}});
  }
  return std::nullopt;
}

std::string decode_query_part(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// "a=1&b=x%20y" → {a: 1, b: "x y"}; the first of repeated keys wins.
void parse_query(HttpRequest& request) {
  auto question = request.target.find('?');
  if (question == std::string::npos) return;
  std::string query = request.target.substr(question + 1);
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    auto pair = query.substr(start, end - start);
    auto equals = pair.find('=');
    auto key = decode_query_part(pair.substr(0, equals));
    auto value = equals == std::string::npos ? "" : decode_query_part(pair.substr(equals + 1));
    if (!key.empty()) request.query.emplace(key, value);
    start = end + 1;
  }
}

HttpResponse route_request(ServerContext& context, HttpRequest& request,
                           std::optional<std::uint64_t> declared_length) {
  if (is_api_path(request.path)) {
    if (auto problem = check_api_body(context, request, declared_length))
      return problem_response(*problem, request);
    auto match = match_route(route_table(), request);
    if (match.route != nullptr) return run_route(context, request, *match.route);
    if (match.path_known) {
      return problem_response(
          domain::make_problem("method_not_allowed", 405,
                               {{"path", request.path}, {"method", method_name(request.method)}}),
          request);
    }
    return not_found(request);
  }
  if (auto file = serve_static(context.web_root, request)) return std::move(*file);
  return not_found(request);
}

}  // namespace

std::string new_request_id() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

HttpResponse handle_request(ServerContext& context, HttpRequest& request,
                            std::optional<std::uint64_t> declared_body_length) {
  if (request.request_id.empty()) request.request_id = new_request_id();
  request.language = negotiate_language(request.header("accept-language"));
  HttpResponse response;
  bool api = is_api_path(request.target);
  if (request.target.size() > context.limits.max_target_bytes) {
    response = problem_response(
        domain::make_problem("uri_too_long", 414,
                             {{"length", request.target.size()}, {"limit", context.limits.max_target_bytes}}),
        request);
  } else if (auto safe = decode_safe_path(request.target.substr(0, request.target.find('?'))); !safe) {
    response = problem_response(domain::make_problem("bad_path", 400), request);
  } else {
    request.path = *safe;
    parse_query(request);
    try {
      response = route_request(context, request, declared_body_length);
    } catch (const std::exception& error) {
      spdlog::error("request {} failed: {}", request.request_id, error.what());
      response = problem_response(
          domain::make_problem("internal_error", 500, {{"request_id", request.request_id}}), request);
    }
  }
  add_security_headers(response, api || !response.has_header("Cache-Control"));
  response.set_header("X-Request-Id", request.request_id);
  if (request.method == Method::head) response.body.clear();
  return response;
}

}  // namespace iifund::http
