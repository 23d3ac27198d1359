#include "http/http_types.hpp"

#include <strings.h>

namespace iifund::http {

const char* method_name(Method method) {
  switch (method) {
    case Method::get:
      return "GET";
    case Method::post:
      return "POST";
    case Method::put:
      return "PUT";
    case Method::patch:
      return "PATCH";
    case Method::del:
      return "DELETE";
    case Method::head:
      return "HEAD";
    case Method::options:
      return "OPTIONS";
    case Method::other:
      break;
  }
  return "OTHER";
}

const char* language_tag(Language language) { return language == Language::en ? "en" : "zh-CN"; }

bool HttpResponse::has_header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return true;
  }
  return false;
}

HttpResponse json_response(int status, const std::string& json_text) {
  HttpResponse response;
  response.status = status;
  response.set_header("Content-Type", "application/json; charset=utf-8");
  response.body = json_text;
  return response;
}

}  // namespace iifund::http
