#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace iifund::http {

namespace fs = std::filesystem;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// A file is served only when its canonical path lies inside the canonical root: a symlink out of
// web/dist is as forbidden as "..".
std::optional<fs::path> resolve_inside(const fs::path& root, const std::string& relative) {
  std::error_code error;
  auto canonical_root = fs::weakly_canonical(root, error);
  if (error) return std::nullopt;
  auto candidate = fs::weakly_canonical(canonical_root / relative, error);
  if (error || !fs::is_regular_file(candidate, error)) return std::nullopt;
  auto root_text = canonical_root.string() + "/";
  if (candidate.string().rfind(root_text, 0) != 0) return std::nullopt;
  return candidate;
}

HttpResponse file_response(const std::string& content, const std::string& path, bool immutable) {
  HttpResponse response;
  response.set_header("Content-Type", content_type_for(path));
  response.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.body = content;
  return response;
}

}  // namespace

const char* content_type_for(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  for (const auto& [suffix, type] : kTypes) {
    if (ends_with(path, suffix)) return type;
  }
  return "application/octet-stream";
}

std::optional<std::string> decode_safe_path(const std::string& raw_path) {
  std::string decoded;
  decoded.reserve(raw_path.size());
  for (std::size_t i = 0; i < raw_path.size(); ++i) {
    char c = raw_path[i];
    if (c == '%') {
      if (i + 2 >= raw_path.size()) return std::nullopt;
      int high = hex_value(raw_path[i + 1]);
      int low = hex_value(raw_path[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
    decoded += c;
  }
  if (decoded.empty() || decoded[0] != '/') return std::nullopt;
  std::size_t start = 1;
  while (start <= decoded.size()) {
    auto end = decoded.find('/', start);
    if (end == std::string::npos) end = decoded.size();
    auto segment = std::string_view(decoded).substr(start, end - start);
    if (segment == ".." || segment == ".") return std::nullopt;
    start = end + 1;
  }
  return decoded;
}

std::optional<HttpResponse> serve_static(const std::string& web_root, const HttpRequest& request) {
  if (web_root.empty() || (request.method != Method::get && request.method != Method::head))
    return std::nullopt;
  std::string relative = request.path.substr(1);
  if (relative.empty()) relative = "index.html";
  if (auto file = resolve_inside(web_root, relative)) {
    auto content = read_file(*file);
    if (!content) return std::nullopt;
    // Vite names built assets by content hash, so they never change under the same name.
    return file_response(*content, file->string(), relative.rfind("assets/", 0) == 0);
  }
  auto last_segment = relative.substr(relative.rfind('/') == std::string::npos ? 0 : relative.rfind('/') + 1);
  if (last_segment.find('.') != std::string::npos) return std::nullopt;  // a missing file, not a page
  auto index = resolve_inside(web_root, "index.html");
  if (!index) return std::nullopt;
  auto content = read_file(*index);
  if (!content) return std::nullopt;
  return file_response(*content, "index.html", false);
}

}  // namespace iifund::http
