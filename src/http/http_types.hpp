#pragma once
// The server's own view of a request and a response, free of RESTinio, so the pipeline, the
// route table and every handler compile in seconds and can be read without the framework.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "service/caller.hpp"

namespace iifund::http {

enum class Method { get, post, put, patch, del, head, options, other };
const char* method_name(Method method);

enum class Language { zh_cn, en };
const char* language_tag(Language language);

struct HttpRequest {
  Method method = Method::get;
  std::string target;  // raw request target: path and query as received
  std::string path;    // percent-decoded path, no query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  nlohmann::json json;  // the parsed body of a JSON request (null otherwise)
  std::string remote_address;
  std::string request_id;
  Language language = Language::zh_cn;
  std::map<std::string, std::string> path_params;  // filled by the router (":id" → "42")
  service::Caller caller;                          // the signed-in user (or anonymous) and the client address
  std::string csrf_token;                          // the session's CSRF token, when signed in
  bool via_tls = false;                            // HTTPS at the edge (a trusted proxy said so)

  const std::string* header(const std::string& lower_name) const {
    auto found = headers.find(lower_name);
    return found == headers.end() ? nullptr : &found->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set_header(std::string_view name, std::string_view value) { headers.emplace_back(name, value); }
  bool has_header(const std::string& name) const;
};

HttpResponse json_response(int status, const std::string& json_text);

}  // namespace iifund::http
